import type { CallOptions, GazetteClient } from './client';
import type { GazetteerAdminClient } from './generated/gazette/v1/GazetteerAdmin';
import type { EditPage, EditRecord, EditResult, GazetteerEntry, GazetteerInfo, ListEditsRequest, Reloaded, ServedEntry } from './types';
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
}
