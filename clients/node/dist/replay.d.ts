/**
 * Resumable `ExtractStream` input: the requests sent but not yet answered are kept, so a stream
 * cut by a retryable error (shed, or a replica going away) is opened again with them first and
 * then goes on with the rest of the input. Answers come in request order, one per request, so
 * the unanswered requests are exactly the oldest `pending.length` sent. How many are kept is
 * bounded by flow control: the writer waits for the call's `drain`.
 */
import type { ExtractRequest } from './generated/gazette/v1/ExtractRequest';
export declare class Replay {
    private readonly pending;
    private base;
    private generation;
    private done;
    private readonly source;
    /** What the caller's input threw, re-thrown once the stream's answers are in. */
    error: unknown;
    constructor(source: AsyncIterable<ExtractRequest>);
    /** The next attempt's requests: the unanswered ones again, then the rest of the input.
     * Earlier attempts' iterators stop (once their pending pull, if any, returns). */
    attempt(): AsyncGenerator<ExtractRequest>;
    /** One more answer received: its request is done with. */
    answered(): void;
}
