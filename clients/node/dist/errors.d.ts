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
import { status } from '@grpc/grpc-js';
import type { ServiceError } from '@grpc/grpc-js';
/** A bad request field: its path (`fields[1].name`, `text`) and what is wrong. */
export interface FieldViolation {
    field: string;
    description: string;
}
/** A failed precondition: `subject` is e.g. `people.jsonl:3` or an edit's seq. */
export interface PreconditionViolation {
    type: string;
    subject: string;
    description: string;
}
/** A failed call. */
export declare class GazetteError extends Error {
    /** The gRPC status code. */
    readonly code: status;
    /** The server's message. */
    readonly details: string;
    readonly fieldViolations: FieldViolation[];
    readonly preconditionViolations: PreconditionViolation[];
    /** How long the server asked to wait before retrying (ms), when it shed the call. */
    readonly retryDelayMs: number | null;
    /** `google.rpc.ErrorInfo.reason` (`OVERLOADED`), or empty. */
    readonly reason: string;
    constructor(code: status, details: string, extra?: {
        fieldViolations?: FieldViolation[];
        preconditionViolations?: PreconditionViolation[];
        retryDelayMs?: number | null;
        reason?: string;
    });
    /** The code's name: `INVALID_ARGUMENT`. */
    get codeName(): string;
}
/** The error for a failed call of @grpc/grpc-js. */
export declare function fromServiceError(err: ServiceError): GazetteError;
