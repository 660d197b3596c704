"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.sleep = exports.Budget = void 0;
/**
 * Retries of calls the server shed: RESOURCE_EXHAUSTED with a `google.rpc.RetryInfo` delay.
 *
 * gRPC's own retry policy (the service config, config.ts) retries UNAVAILABLE but cannot read
 * RetryInfo, which the server sends when it sheds load; this waits at least that delay
 * (doubling it on each further shed, with jitter so that shed clients do not come back all at
 * once) while the call's deadline allows.
 *
 * ```ts
 * connect(address, { retry: { maxAttempts: 1 } }); // never retry a shed call
 * ```
 */
const grpc_js_1 = require("@grpc/grpc-js");
/** The first wait before a cut stream is opened again (as the service config's initialBackoff). */
const UNAVAILABLE_BACKOFF_MS = 100;
/** One call's attempts and deadline, across its retries. */
class Budget {
    attempt = 1;
    deadline;
    maxAttempts;
    maxDelayMs;
    onRetry;
    constructor(policy, timeoutMs) {
        this.onRetry = policy.onRetry;
        this.maxAttempts = policy.maxAttempts ?? 5;
        this.maxDelayMs = policy.maxDelayMs ?? 2000;
        this.deadline = timeoutMs === null ? null : Date.now() + timeoutMs;
    }
    /** The deadline for the next attempt (`Infinity`: none), as grpc-js takes it. */
    callDeadline() {
        return this.deadline === null ? Infinity : new Date(this.deadline);
    }
    /** The call got an answer: a long stream may be cut (and resumed) more than `maxAttempts`
     * times in all, but not that many times in a row. */
    progress() {
        this.attempt = 1;
    }
    /** How long to wait before trying again after `error`; `null`: do not retry. `resumable`:
     * the call is a stream that can be opened again where it was cut, which gRPC's own retries
     * cannot do once answers have come (so UNAVAILABLE is retried here). */
    delay(error, resumable = false) {
        let first;
        if (error.code === grpc_js_1.status.RESOURCE_EXHAUSTED && error.retryDelayMs !== null) {
            first = error.retryDelayMs;
        }
        else if (error.code === grpc_js_1.status.UNAVAILABLE && resumable) {
            first = UNAVAILABLE_BACKOFF_MS;
        }
        else {
            return null;
        }
        if (this.attempt >= this.maxAttempts)
            return null;
        const base = Math.min(first * 2 ** (this.attempt - 1), this.maxDelayMs);
        const wait = base * (1 + Math.random() / 2);
        if (this.deadline !== null && Date.now() + wait >= this.deadline)
            return null;
        this.attempt += 1;
        this.onRetry?.(error, wait, this.attempt);
        return wait;
    }
}
exports.Budget = Budget;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
exports.sleep = sleep;
