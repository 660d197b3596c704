/**
 * The request and response types, named for use: the generated types of `gazette.proto`
 * (`snake_case` fields as in the proto, enums as their names, 64-bit integers as strings).
 *
 * Every span is half-open, `[start, end)`, in the unit of `ExtractResponse.offset_encoding`
 * (UTF-16 code units unless asked otherwise, so `text.slice(m.start, m.end) === m.text`),
 * relative to the field named by `Mention.field`.
 */
import type { ExtractRequest } from './generated/gazette/v1/ExtractRequest';

export type { ExtractRequest } from './generated/gazette/v1/ExtractRequest';
export type { ExtractResponse__Output as ExtractResponse } from './generated/gazette/v1/ExtractResponse';
export type { Mention__Output as Mention } from './generated/gazette/v1/Mention';
export type { Entity__Output as Entity } from './generated/gazette/v1/Entity';
export type { Alternative__Output as Alternative } from './generated/gazette/v1/Alternative';
export type { Explanation__Output as Explanation } from './generated/gazette/v1/Explanation';
export type { Suggestion__Output as Suggestion } from './generated/gazette/v1/Suggestion';
export type { Suppressed__Output as Suppressed } from './generated/gazette/v1/Suppressed';
export type { Field } from './generated/gazette/v1/Field';
export type { OffsetEncoding } from './generated/gazette/v1/OffsetEncoding';
export type { OverlapPolicy } from './generated/gazette/v1/OverlapPolicy';
export type { MatchHow__Output as MatchHow } from './generated/gazette/v1/MatchHow';
export type { Resolution__Output as Resolution } from './generated/gazette/v1/Resolution';
export type { GazetteerEntry } from './generated/gazette/v1/GazetteerEntry';
export type { GazetteerEntry__Output as ServedEntry } from './generated/gazette/v1/GazetteerEntry';
export type { AliasDetail } from './generated/gazette/v1/AliasDetail';
export type { EditResponse__Output as EditResult } from './generated/gazette/v1/EditResponse';
export type { EditRecord__Output as EditRecord } from './generated/gazette/v1/EditRecord';
export type { ListEditsRequest } from './generated/gazette/v1/ListEditsRequest';
export type { ListEditsResponse__Output as EditPage } from './generated/gazette/v1/ListEditsResponse';
export type { GazetteerInfo__Output as GazetteerInfo } from './generated/gazette/v1/GazetteerInfo';
export type { ReloadResponse__Output as Reloaded } from './generated/gazette/v1/ReloadResponse';
export type { SearchEntitiesRequest } from './generated/gazette/v1/SearchEntitiesRequest';
export type { SearchEntitiesResponse__Output as EntitySearch } from './generated/gazette/v1/SearchEntitiesResponse';
export type { EntityMatch__Output as EntityMatch } from './generated/gazette/v1/EntityMatch';
export type { NeverRule } from './generated/gazette/v1/NeverRule';
export type { AddNeverRulesResponse__Output as NeverRulesAdded } from './generated/gazette/v1/AddNeverRulesResponse';
export type { ListNeverRulesResponse__Output as NeverRules } from './generated/gazette/v1/ListNeverRulesResponse';

/** How to read a document: every request option (`offset_encoding`, `entity_types`,
 * `gazetteers`, `overlap`, `fold_diacritics`, `explain`, `gazetteer_version`, `suggest`). */
export type ExtractOptions = Omit<ExtractRequest, 'text' | 'document_id' | 'headline' | 'fields'>;

/** One document: its body `text`, and optionally an id, a `headline` and named `fields`
 * (standfirst, captions), whose mentions have offsets relative to them. */
export type Document = Pick<ExtractRequest, 'document_id' | 'headline' | 'fields'> & {
  text: string;
};
