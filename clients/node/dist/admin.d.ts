import type { CallOptions, GazetteClient } from './client';
import type { GazetteerAdminClient } from './generated/gazette/v1/GazetteerAdmin';
import type { EditPage, EditRecord, EditResult, GazetteerEntry, GazetteerInfo, ListEditsRequest, NeverRule, NeverRulesAdded, NeverRules, Reloaded, SearchEntitiesRequest, EntitySearch, ServedEntry } from './types';
export declare class Admin {
    /** The generated admin client (same channel). */
    readonly raw: GazetteerAdminClient;
    private readonly client;
    private readonly token;
    constructor(raw: GazetteerAdminClient, client: GazetteClient, token: string | undefined);
    private metadata;
    /** The gazetteer serving now: version, counts (as strings: uint64), last reload, edit log. */
    getInfo(call?: CallOptions): Promise<GazetteerInfo>;
    /** Rebuilds the index from the gazetteer files; a bad file fails with FAILED_PRECONDITION
     * and a precondition violation per bad line. */
    reload(call?: CallOptions): Promise<Reloaded>;
    /** Adds entries to `namespace`, or replaces those with the same ids; all or nothing
     * (INVALID_ARGUMENT with a field violation per bad entry: `entries[1].id`). */
    upsertEntities(entries: GazetteerEntry[], namespace: string, call?: CallOptions): Promise<EditResult>;
    /** Removes entries by id; unknown ids change nothing and are not counted. */
    deleteEntities(ids: string[], call?: CallOptions): Promise<EditResult>;
    /** One entry as served now; NOT_FOUND if no entry has that id. */
    getEntity(id: string, call?: CallOptions): Promise<ServedEntry>;
    /** One page of the edit history, newest first (`page_size` 0: the server's 50). */
    listEdits(request?: ListEditsRequest, call?: CallOptions): Promise<EditPage>;
    /** Every edit in the history, newest first, fetching page after page as needed. */
    iterEdits(request?: Omit<ListEditsRequest, 'page_token'>, call?: CallOptions): AsyncGenerator<EditRecord>;
    /** Undoes the edit `seq` (from the history); the undo is an edit too. NOT_FOUND for an unknown
     * seq; FAILED_PRECONDITION naming a later edit of the same entity to undo first. */
    revertEdit(seq: number | string, call?: CallOptions): Promise<EditResult>;
    /** Entities whose name or an alias contains `query` (folded as matching folds), best first;
     * at most `page_size` (default 20, at most 100), with `truncated` set when more matched. */
    searchEntities(request: SearchEntitiesRequest, call?: CallOptions): Promise<EntitySearch>;
    /** "Never tag" rules: a form never tagged as a `type`, as one `entity`'s alias, or at all;
     * each an edit (journaled, in the history, undone by `revertEdit`, removed with
     * `deleteEntities` of its id). All or nothing: INVALID_ARGUMENT with `rules[i].form` etc. */
    addNeverRules(rules: NeverRule[], namespace?: string, call?: CallOptions): Promise<NeverRulesAdded>;
    /** The "never tag" rules in force, with the gazetteer version. */
    listNeverRules(call?: CallOptions): Promise<NeverRules>;
}
