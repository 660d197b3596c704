import type { GazetteError } from './errors';
/** How often a shed call is tried in all, and the longest wait between two tries. */
export interface RetryPolicy {
    /** Default 5. */
    maxAttempts?: number;
    /** Default 2000. */
    maxDelayMs?: number;
    /** Told of each retry before its wait (for logs or metrics). */
    onRetry?: (error: GazetteError, delayMs: number, attempt: number) => void;
}
/** One call's attempts and deadline, across its retries. */
export declare class Budget {
    private attempt;
    private readonly deadline;
    private readonly maxAttempts;
    private readonly maxDelayMs;
    private readonly onRetry;
    constructor(policy: RetryPolicy, timeoutMs: number | null);
    /** The deadline for the next attempt (`Infinity`: none), as grpc-js takes it. */
    callDeadline(): Date | number;
    /** The call got an answer: a long stream may be cut (and resumed) more than `maxAttempts`
     * times in all, but not that many times in a row. */
    progress(): void;
    /** How long to wait before trying again after `error`; `null`: do not retry. `resumable`:
     * the call is a stream that can be opened again where it was cut, which gRPC's own retries
     * cannot do once answers have come (so UNAVAILABLE is retried here). */
    delay(error: GazetteError, resumable?: boolean): number | null;
}
export declare const sleep: (ms: number) => Promise<void>;
