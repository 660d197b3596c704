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
exports.GazetteClient = void 0;
exports.connect = connect;
/**
 * The client: `connect()` and the `GazetteClient` it returns.
 *
 * ```ts
 * import { connect } from '@gazette/client';
 * const gz = connect('localhost:50051');
 * const result = await gz.extract('Syrian troops left Aleppo.', { explain: true });
 * for (const m of result.mentions) console.log(m.type, m.text, m.entity_id);
 * gz.close();
 * ```
 */
const grpc = __importStar(require("@grpc/grpc-js"));
const admin_1 = require("./admin");
const config_1 = require("./config");
const errors_1 = require("./errors");
const proto_1 = require("./proto");
const replay_1 = require("./replay");
const retry_1 = require("./retry");
/** A connection to a Gazette server (or a load balancer in front of replicas). */
class GazetteClient {
    /** The generated client, for everything else (same channel and service config). */
    raw;
    /** The admin calls, with the client's token. */
    admin;
    timeoutMs;
    retry;
    options;
    constructor(address, options = {}) {
        const proto = (0, proto_1.gazette)().gazette.v1;
        this.timeoutMs = options.timeoutMs === undefined ? config_1.DEFAULT_TIMEOUT_MS : options.timeoutMs;
        this.retry = options.retry ?? {};
        this.options = options.options ?? {};
        const credentials = options.credentials ?? grpc.credentials.createInsecure();
        this.raw = new proto.EntityExtractor(address, credentials, (0, config_1.channelOptions)(this.timeoutMs));
        // The admin client shares the channel.
        const admin = new proto.GazetteerAdmin(address, credentials, {
            channelOverride: this.raw.getChannel(),
        });
        this.admin = new admin_1.Admin(admin, this, options.adminToken);
    }
    /** Closes the channel; calls in flight are cancelled. */
    close() {
        this.raw.close();
    }
    /** Finds the entities in one document: `text`, and in `request` its `document_id`,
     * `headline`, `fields` and any option (over the client's defaults). Offsets in UTF-16 code
     * units unless `offset_encoding` says otherwise. Throws `GazetteError`. */
    extract(text, request = {}, call = {}) {
        const { document_id, headline, fields, ...opts } = request;
        const req = this.request({ text, document_id, headline, fields }, { ...this.options, ...opts });
        return this.unary(this.raw.Extract.bind(this.raw), req, call);
    }
    /** Streams many documents through one `ExtractStream` call and yields a result per document
     * in input order, as they are ready. `documents` (strings or `Document`s, sync or async
     * iterable) is read as the stream has room. A stream the server shed or that lost its server
     * is opened again where it stopped; an invalid document ends it with a `GazetteError`
     * naming it (the results before it stand). */
    async *extractStream(documents, options, call = {}) {
        const opts = { ...this.options, ...options };
        const self = this;
        async function* requests() {
            for await (const d of documents)
                yield self.request(typeof d === 'string' ? { text: d } : d, opts);
        }
        const replay = new replay_1.Replay(requests());
        const budget = new retry_1.Budget(this.retry, call.timeoutMs ?? null);
        let writer = Promise.resolve();
        for (;;) {
            await writer; // an earlier attempt's writer may still be pulling the input
            const stream = this.raw.ExtractStream({ deadline: budget.callDeadline() });
            writer = write(stream, replay.attempt());
            let error;
            try {
                for await (const response of stream) {
                    replay.answered();
                    budget.progress();
                    yield response;
                }
                await writer;
                if (replay.error !== undefined)
                    throw replay.error;
                return;
            }
            catch (e) {
                if (!isServiceError(e))
                    throw e;
                error = (0, errors_1.fromServiceError)(e);
            }
            finally {
                stream.cancel(); // ends the call if the caller stopped iterating early
            }
            const wait = budget.delay(error, true);
            if (wait === null)
                throw error;
            await (0, retry_1.sleep)(wait);
        }
    }
    /** Every document's result, in order, through one stream. */
    async extractMany(documents, options, call = {}) {
        const results = [];
        for await (const r of this.extractStream(documents, options, call))
            results.push(r);
        return results;
    }
    request(doc, options) {
        return { offset_encoding: 'OFFSET_ENCODING_UTF16', ...options, ...doc };
    }
    /** One unary call with the client's deadline and shed retries. */
    async unary(method, request, call, metadata = new grpc.Metadata()) {
        const budget = new retry_1.Budget(this.retry, call.timeoutMs === undefined ? this.timeoutMs : call.timeoutMs);
        for (;;) {
            try {
                return await new Promise((resolve, reject) => {
                    method(request, metadata, { deadline: budget.callDeadline() }, (err, response) => {
                        if (err)
                            reject(err);
                        else if (response === undefined)
                            reject(new errors_1.GazetteError(grpc.status.INTERNAL, 'no response'));
                        else
                            resolve(response);
                    });
                });
            }
            catch (e) {
                if (!isServiceError(e))
                    throw e;
                const error = (0, errors_1.fromServiceError)(e);
                const wait = budget.delay(error);
                if (wait === null)
                    throw error;
                await (0, retry_1.sleep)(wait);
            }
        }
    }
}
exports.GazetteClient = GazetteClient;
/** A client for the server at `address` (`host:port`, or any gRPC target). */
function connect(address, options = {}) {
    return new GazetteClient(address, options);
}
function isServiceError(e) {
    return e instanceof Error && typeof e.code === 'number' && 'metadata' in e;
}
/** Writes `requests` to `stream` as it has room, then half-closes it; stops if the call ends. */
async function write(stream, requests) {
    let ended = false;
    const end = () => {
        ended = true;
    };
    stream.once('close', end);
    stream.once('error', end);
    try {
        for await (const request of requests) {
            if (ended)
                return;
            if (!stream.write(request)) {
                await new Promise((resolve) => {
                    const done = () => {
                        for (const event of ['drain', 'close', 'error'])
                            stream.off(event, done);
                        resolve();
                    };
                    for (const event of ['drain', 'close', 'error'])
                        stream.on(event, done);
                });
            }
        }
        if (!ended)
            stream.end();
    }
    catch {
        // Writing to a call that just ended: its reader reports why.
    }
}
