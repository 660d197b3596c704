"use strict";
var __createBinding = (this && this.__createBinding) || (Object.create ? (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    var desc = Object.getOwnPropertyDescriptor(m, k);
    if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
      desc = { enumerable: true, get: function() { return m[k]; } };
    }
    Object.defineProperty(o, k2, desc);
}) : (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    o[k2] = m[k];
}));
var __setModuleDefault = (this && this.__setModuleDefault) || (Object.create ? (function(o, v) {
    Object.defineProperty(o, "default", { enumerable: true, value: v });
}) : function(o, v) {
    o["default"] = v;
});
var __importStar = (this && this.__importStar) || (function () {
    var ownKeys = function(o) {
        ownKeys = Object.getOwnPropertyNames || function (o) {
            var ar = [];
            for (var k in o) if (Object.prototype.hasOwnProperty.call(o, k)) ar[ar.length] = k;
            return ar;
        };
        return ownKeys(o);
    };
    return function (mod) {
        if (mod && mod.__esModule) return mod;
        var result = {};
        if (mod != null) for (var k = ownKeys(mod), i = 0; i < k.length; i++) if (k[i] !== "default") __createBinding(result, mod, k[i]);
        __setModuleDefault(result, mod);
        return result;
    };
})();
Object.defineProperty(exports, "__esModule", { value: true });
exports.Admin = void 0;
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
const grpc = __importStar(require("@grpc/grpc-js"));
class Admin {
    /** The generated admin client (same channel). */
    raw;
    client;
    token;
    constructor(raw, client, token) {
        this.raw = raw;
        this.client = client;
        this.token = token;
    }
    metadata() {
        const m = new grpc.Metadata();
        if (this.token)
            m.set('authorization', `Bearer ${this.token}`);
        return m;
    }
    /** The gazetteer serving now: version, counts (as strings: uint64), last reload, edit log. */
    getInfo(call = {}) {
        return this.client.unary(this.raw.GetInfo.bind(this.raw), {}, call, this.metadata());
    }
    /** Rebuilds the index from the gazetteer files; a bad file fails with FAILED_PRECONDITION
     * and a precondition violation per bad line. */
    reload(call = {}) {
        return this.client.unary(this.raw.Reload.bind(this.raw), {}, call, this.metadata());
    }
    /** Adds entries to `namespace`, or replaces those with the same ids; all or nothing
     * (INVALID_ARGUMENT with a field violation per bad entry: `entries[1].id`). */
    upsertEntities(entries, namespace, call = {}) {
        const request = { entries, namespace };
        return this.client.unary(this.raw.UpsertEntities.bind(this.raw), request, call, this.metadata());
    }
    /** Removes entries by id; unknown ids change nothing and are not counted. */
    deleteEntities(ids, call = {}) {
        return this.client.unary(this.raw.DeleteEntities.bind(this.raw), { ids }, call, this.metadata());
    }
    /** One entry as served now; NOT_FOUND if no entry has that id. */
    getEntity(id, call = {}) {
        return this.client.unary(this.raw.GetEntity.bind(this.raw), { id }, call, this.metadata());
    }
    /** One page of the edit history, newest first (`page_size` 0: the server's 50). */
    listEdits(request = {}, call = {}) {
        return this.client.unary(this.raw.ListEdits.bind(this.raw), request, call, this.metadata());
    }
    /** Every edit in the history, newest first, fetching page after page as needed. */
    async *iterEdits(request = {}, call = {}) {
        let page_token = '';
        for (;;) {
            const page = await this.listEdits({ ...request, page_token }, call);
            yield* page.edits;
            if (!page.next_page_token)
                return;
            page_token = page.next_page_token;
        }
    }
    /** Undoes the edit `seq` (from the history); the undo is an edit too. NOT_FOUND for an unknown
     * seq; FAILED_PRECONDITION naming a later edit of the same entity to undo first. */
    revertEdit(seq, call = {}) {
        return this.client.unary(this.raw.RevertEdit.bind(this.raw), { seq }, call, this.metadata());
    }
    /** Entities whose name or an alias contains `query` (folded as matching folds), best first;
     * at most `page_size` (default 20, at most 100), with `truncated` set when more matched. */
    searchEntities(request, call = {}) {
        return this.client.unary(this.raw.SearchEntities.bind(this.raw), request, call, this.metadata());
    }
    /** "Never tag" rules: a form never tagged as a `type`, as one `entity`'s alias, or at all;
     * each an edit (journaled, in the history, undone by `revertEdit`, removed with
     * `deleteEntities` of its id). All or nothing: INVALID_ARGUMENT with `rules[i].form` etc. */
    addNeverRules(rules, namespace = '', call = {}) {
        return this.client.unary(this.raw.AddNeverRules.bind(this.raw), { rules, namespace }, call, this.metadata());
    }
    /** The "never tag" rules in force, with the gazetteer version. */
    listNeverRules(call = {}) {
        return this.client.unary(this.raw.ListNeverRules.bind(this.raw), {}, call, this.metadata());
    }
}
exports.Admin = Admin;
