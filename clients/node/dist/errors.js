"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.GazetteError = void 0;
exports.fromServiceError = fromServiceError;
/**
 * The one error the client throws, with the server's error details made readable: field
 * violations (`google.rpc.BadRequest`) for bad input, precondition violations for a failed
 * reload or revert, and the retry delay (`google.rpc.RetryInfo`) of a shed call.
 *
 * ```ts
 * try {
 *   await gz.extract('Aleppo', { gazetteers: ['sports'] });
 * } catch (e) {
 *   if (e instanceof GazetteError) console.log(e.codeName, e.fieldViolations);
 *   // INVALID_ARGUMENT [ { field: 'gazetteers[0]', description: '…' } ]
 * }
 * ```
 */
const grpc_js_1 = require("@grpc/grpc-js");
const proto_1 = require("./proto");
/** A failed call. */
class GazetteError extends Error {
    /** The gRPC status code. */
    code;
    /** The server's message. */
    details;
    fieldViolations;
    preconditionViolations;
    /** How long the server asked to wait before retrying (ms), when it shed the call. */
    retryDelayMs;
    /** `google.rpc.ErrorInfo.reason` (`OVERLOADED`), or empty. */
    reason;
    constructor(code, details, extra = {}) {
        const fieldViolations = extra.fieldViolations ?? [];
        const preconditionViolations = extra.preconditionViolations ?? [];
        // The server's message usually names the first violations already.
        const parts = [
            ...fieldViolations.map((v) => `${v.field}: ${v.description}`),
            ...preconditionViolations.map((v) => `${v.subject}: ${v.description}`),
        ].filter((p) => !details.includes(p));
        super(`${grpc_js_1.status[code]}: ${details}${parts.length ? ` [${parts.join('; ')}]` : ''}`);
        this.name = 'GazetteError';
        this.code = code;
        this.details = details;
        this.fieldViolations = fieldViolations;
        this.preconditionViolations = preconditionViolations;
        this.retryDelayMs = extra.retryDelayMs ?? null;
        this.reason = extra.reason ?? '';
    }
    /** The code's name: `INVALID_ARGUMENT`. */
    get codeName() {
        return grpc_js_1.status[this.code];
    }
}
exports.GazetteError = GazetteError;
/** The error for a failed call of @grpc/grpc-js. */
function fromServiceError(err) {
    const extra = {};
    for (const any of statusDetails(err.metadata)) {
        const name = any.type_url.slice(any.type_url.lastIndexOf('/') + 1);
        const decoded = decode(name, any.value);
        if (decoded === null)
            continue;
        if (name === 'google.rpc.BadRequest') {
            const vs = (decoded.field_violations ?? []);
            extra.fieldViolations = vs.map(({ field, description }) => ({ field, description }));
        }
        else if (name === 'google.rpc.PreconditionFailure') {
            const vs = (decoded.violations ?? []);
            extra.preconditionViolations = vs.map(({ type, subject, description }) => ({ type, subject, description }));
        }
        else if (name === 'google.rpc.RetryInfo') {
            const d = (decoded.retry_delay ?? {});
            extra.retryDelayMs = Number(d.seconds ?? 0) * 1000 + Number(d.nanos ?? 0) / 1e6;
        }
        else if (name === 'google.rpc.ErrorInfo') {
            extra.reason = String(decoded.reason ?? '');
        }
    }
    return new GazetteError(err.code, err.details, extra);
}
function statusDetails(metadata) {
    const [bin] = metadata?.get('grpc-status-details-bin') ?? [];
    if (!(bin instanceof Buffer))
        return [];
    const decoded = decode('google.rpc.Status', bin);
    return decoded?.details ?? [];
}
/** The message `name` decoded as a plain object (64-bit ints as numbers), or `null` when the
 * bytes are not one: a proxy may set the trailer too, and the code and message still stand. */
function decode(name, bytes) {
    let type;
    try {
        type = (0, proto_1.googleRpc)().lookupType(name);
    }
    catch {
        return null; // a detail this client does not know
    }
    try {
        return type.toObject(type.decode(bytes), { longs: Number, defaults: true, arrays: true });
    }
    catch {
        return null;
    }
}
