"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.Replay = void 0;
class Replay {
    pending = [];
    base = 0;
    generation = 0;
    done = false;
    source;
    /** What the caller's input threw, re-thrown once the stream's answers are in. */
    error = undefined;
    constructor(source) {
        this.source = source[Symbol.asyncIterator]();
    }
    /** The next attempt's requests: the unanswered ones again, then the rest of the input.
     * Earlier attempts' iterators stop (once their pending pull, if any, returns). */
    async *attempt() {
        const generation = ++this.generation;
        let position = this.base;
        for (;;) {
            if (generation !== this.generation)
                return;
            let request = this.pending[position - this.base];
            if (request === undefined) {
                if (this.done)
                    return;
                let next;
                try {
                    next = await this.source.next();
                }
                catch (e) {
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
                if (generation !== this.generation)
                    return;
            }
            position += 1;
            yield request;
        }
    }
    /** One more answer received: its request is done with. */
    answered() {
        this.pending.shift();
        this.base += 1;
    }
}
exports.Replay = Replay;
