// Units without a server: the resumable stream input.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { Replay } from '@gazette/client/dist/replay';
import type { ExtractRequest } from '@gazette/client';

async function* requests(n: number): AsyncGenerator<ExtractRequest> {
  for (let i = 0; i < n; i++) yield { document_id: String(i) };
}

async function take(it: AsyncGenerator<ExtractRequest>, n: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const next = await it.next();
    if (next.done) break;
    ids.push(next.value.document_id ?? '');
  }
  return ids;
}

test('a new attempt resends the unanswered requests, then goes on', async () => {
  const replay = new Replay(requests(5));
  const first = replay.attempt();
  assert.deepEqual(await take(first, 3), ['0', '1', '2']);
  replay.answered(); // "0" answered; "1" and "2" sent but not answered
  const second = replay.attempt();
  assert.deepEqual(await take(second, 10), ['1', '2', '3', '4']);
  // The cut attempt stops rather than take documents from the new one.
  assert.deepEqual(await take(first, 10), []);
});

test("the input's error is kept for after the stream", async () => {
  async function* failing(): AsyncGenerator<ExtractRequest> {
    yield { document_id: '0' };
    throw new Error('bad input file');
  }
  const replay = new Replay(failing());
  assert.deepEqual(await take(replay.attempt(), 10), ['0']);
  assert.equal((replay.error as Error).message, 'bad input file');
});
