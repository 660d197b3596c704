/**
 * The `GazetteerAdmin` calls, with the client's bearer token. Changes need a token with write
 * rights; reads need one only when the server protects them.
 *
 * ```ts
 * const gz = connect('localhost:50051', { adminToken: process.env.GAZETTE_ADMIN_TOKEN });
 * await gz.admin.upsertEntities([{ id: 'p:jane', name: 'Jane Doe', type: 'PERSON' }], 'newsroom');
 * for await (const edit of gz.admin.iterEdits({ entity_id: 'p:jane' })) console.log(edit.seq, edit.op);
 * ```
 */
import * as grpc from '@grpc/grpc-js';
import type { CallOptions, GazetteClient } from './client';
import type { GazetteerAdminClient } from './generated/gazette/v1/GazetteerAdmin';
import type {
  EditPage,
  EditRecord,
  EditResult,
  GazetteerEntry,
  GazetteerInfo,
  ListEditsRequest,
  NeverRule,
  NeverRulesAdded,
  NeverRules,
  Reloaded,
  SearchEntitiesRequest,
  EntitySearch,
  ServedEntry,
} from './types';

export class Admin {
  /** The generated admin client (same channel). */
  readonly raw: GazetteerAdminClient;
  private readonly client: GazetteClient;
  private readonly token: string | undefined;

  constructor(raw: GazetteerAdminClient, client: GazetteClient, token: string | undefined) {
    this.raw = raw;
    this.client = client;
    this.token = token;
  }

  private metadata(): grpc.Metadata {
    const m = new grpc.Metadata();
    if (this.token) m.set('authorization', `Bearer ${this.token}`);
    return m;
  }

  /** The gazetteer serving now: version, counts (as strings: uint64), last reload, edit log. */
  getInfo(call: CallOptions = {}): Promise<GazetteerInfo> {
    return this.client.unary(this.raw.GetInfo.bind(this.raw), {}, call, this.metadata());
  }

  /** Rebuilds the index from the gazetteer files; a bad file fails with FAILED_PRECONDITION
   * and a precondition violation per bad line. */
  reload(call: CallOptions = {}): Promise<Reloaded> {
    return this.client.unary(this.raw.Reload.bind(this.raw), {}, call, this.metadata());
  }

  /** Adds entries to `namespace`, or replaces those with the same ids; all or nothing
   * (INVALID_ARGUMENT with a field violation per bad entry: `entries[1].id`). */
  upsertEntities(entries: GazetteerEntry[], namespace: string, call: CallOptions = {}): Promise<EditResult> {
    const request = { entries, namespace };
    return this.client.unary(this.raw.UpsertEntities.bind(this.raw), request, call, this.metadata());
  }

  /** Removes entries by id; unknown ids change nothing and are not counted. */
  deleteEntities(ids: string[], call: CallOptions = {}): Promise<EditResult> {
    return this.client.unary(this.raw.DeleteEntities.bind(this.raw), { ids }, call, this.metadata());
  }

  /** One entry as served now; NOT_FOUND if no entry has that id. */
  getEntity(id: string, call: CallOptions = {}): Promise<ServedEntry> {
    return this.client.unary(this.raw.GetEntity.bind(this.raw), { id }, call, this.metadata());
  }

  /** One page of the edit history, newest first (`page_size` 0: the server's 50). */
  listEdits(request: ListEditsRequest = {}, call: CallOptions = {}): Promise<EditPage> {
    return this.client.unary(this.raw.ListEdits.bind(this.raw), request, call, this.metadata());
  }

  /** Every edit in the history, newest first, fetching page after page as needed. */
  async *iterEdits(
    request: Omit<ListEditsRequest, 'page_token'> = {},
    call: CallOptions = {},
  ): AsyncGenerator<EditRecord> {
    let page_token = '';
    for (;;) {
      const page = await this.listEdits({ ...request, page_token }, call);
      yield* page.edits;
      if (!page.next_page_token) return;
      page_token = page.next_page_token;
    }
  }

  /** Undoes the edit `seq` (from the history); the undo is an edit too. NOT_FOUND for an unknown
   * seq; FAILED_PRECONDITION naming a later edit of the same entity to undo first. */
  revertEdit(seq: number | string, call: CallOptions = {}): Promise<EditResult> {
    return this.client.unary(this.raw.RevertEdit.bind(this.raw), { seq }, call, this.metadata());
  }

  /** Entities whose name or an alias contains `query` (folded as matching folds), best first;
   * at most `page_size` (default 20, at most 100), with `truncated` set when more matched. */
  searchEntities(request: SearchEntitiesRequest, call: CallOptions = {}): Promise<EntitySearch> {
    return this.client.unary(this.raw.SearchEntities.bind(this.raw), request, call, this.metadata());
  }

  /** "Never tag" rules: a form never tagged as a `type`, as one `entity`'s alias, or at all;
   * each an edit (journaled, in the history, undone by `revertEdit`, removed with
   * `deleteEntities` of its id). All or nothing: INVALID_ARGUMENT with `rules[i].form` etc. */
  addNeverRules(rules: NeverRule[], namespace = '', call: CallOptions = {}): Promise<NeverRulesAdded> {
    return this.client.unary(this.raw.AddNeverRules.bind(this.raw), { rules, namespace }, call, this.metadata());
  }

  /** The "never tag" rules in force, with the gazetteer version. */
  listNeverRules(call: CallOptions = {}): Promise<NeverRules> {
    return this.client.unary(this.raw.ListNeverRules.bind(this.raw), {}, call, this.metadata());
  }
}
