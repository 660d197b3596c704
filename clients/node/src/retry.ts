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
import { status } from '@grpc/grpc-js';
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

/** The first wait before a cut stream is opened again (as the service config's initialBackoff). */
const UNAVAILABLE_BACKOFF_MS = 100;

/** One call's attempts and deadline, across its retries. */
export class Budget {
  private attempt = 1;
  private readonly deadline: number | null;
  private readonly maxAttempts: number;
  private readonly maxDelayMs: number;
  private readonly onRetry: RetryPolicy['onRetry'];

  constructor(policy: RetryPolicy, timeoutMs: number | null) {
    this.onRetry = policy.onRetry;
    this.maxAttempts = policy.maxAttempts ?? 5;
    this.maxDelayMs = policy.maxDelayMs ?? 2000;
    this.deadline = timeoutMs === null ? null : Date.now() + timeoutMs;
  }

  /** The deadline for the next attempt (`Infinity`: none), as grpc-js takes it. */
  callDeadline(): Date | number {
    return this.deadline === null ? Infinity : new Date(this.deadline);
  }

  /** The call got an answer: a long stream may be cut (and resumed) more than `maxAttempts`
   * times in all, but not that many times in a row. */
  progress(): void {
    this.attempt = 1;
  }

  /** How long to wait before trying again after `error`; `null`: do not retry. `resumable`:
   * the call is a stream that can be opened again where it was cut, which gRPC's own retries
   * cannot do once answers have come (so UNAVAILABLE is retried here). */
  delay(error: GazetteError, resumable = false): number | null {
    let first: number;
    if (error.code === status.RESOURCE_EXHAUSTED && error.retryDelayMs !== null) {
      first = error.retryDelayMs;
    } else if (error.code === status.UNAVAILABLE && resumable) {
      first = UNAVAILABLE_BACKOFF_MS;
    } else {
      return null;
    }
    if (this.attempt >= this.maxAttempts) return null;
    const base = Math.min(first * 2 ** (this.attempt - 1), this.maxDelayMs);
    const wait = base * (1 + Math.random() / 2);
    if (this.deadline !== null && Date.now() + wait >= this.deadline) return null;
    this.attempt += 1;
    this.onRetry?.(error, wait, this.attempt);
    return wait;
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
