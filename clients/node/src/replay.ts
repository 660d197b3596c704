/**
 * Resumable `ExtractStream` input: the requests sent but not yet answered are kept, so a stream
 * cut by a retryable error (shed, or a replica going away) is opened again with them first and
 * then goes on with the rest of the input. Answers come in request order, one per request, so
 * the unanswered requests are exactly the oldest `pending.length` sent. How many are kept is
 * bounded by flow control: the writer waits for the call's `drain`.
 */
import type { ExtractRequest } from './generated/gazette/v1/ExtractRequest';

export class Replay {
  private readonly pending: ExtractRequest[] = [];
  private base = 0;
  private generation = 0;
  private done = false;
  private readonly source: AsyncIterator<ExtractRequest>;
  /** What the caller's input threw, re-thrown once the stream's answers are in. */
  error: unknown = undefined;

  constructor(source: AsyncIterable<ExtractRequest>) {
    this.source = source[Symbol.asyncIterator]();
  }

  /** The next attempt's requests: the unanswered ones again, then the rest of the input.
   * Earlier attempts' iterators stop (once their pending pull, if any, returns). */
  async *attempt(): AsyncGenerator<ExtractRequest> {
    const generation = ++this.generation;
    let position = this.base;
    for (;;) {
      if (generation !== this.generation) return;
      let request = this.pending[position - this.base];
      if (request === undefined) {
        if (this.done) return;
        let next: IteratorResult<ExtractRequest>;
        try {
          next = await this.source.next();
        } catch (e) {
          this.done = true;
          this.error = e;
          return;
        }
        if (next.done) {
          this.done = true;
          return;
        }
        request = next.value;
        this.pending.push(request);
        // A newer attempt started while this one waited: it will send this request.
        if (generation !== this.generation) return;
      }
      position += 1;
      yield request;
    }
  }

  /** One more answer received: its request is done with. */
  answered(): void {
    this.pending.shift();
    this.base += 1;
  }
}
