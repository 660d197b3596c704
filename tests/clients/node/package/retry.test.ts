// A shed call (RESOURCE_EXHAUSTED with RetryInfo) is retried after the server's delay.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { connect, GazetteError } from '@gazette/client';
import { busy, SHED_ADDR } from './servers';

test("the shed error carries the server's retry delay", async () => {
  const held = await busy();
  const gz = connect(SHED_ADDR, { retry: { maxAttempts: 1 } });
  try {
    await assert.rejects(gz.extract('Aleppo'), (e: unknown) => {
      assert.ok(e instanceof GazetteError);
      assert.equal(e.codeName, 'RESOURCE_EXHAUSTED');
      assert.ok(e.retryDelayMs !== null && e.retryDelayMs > 0);
      assert.equal(e.reason, 'OVERLOADED');
      return true;
    });
  } finally {
    gz.close();
    await held.release();
  }
});

test('a shed call and a shed stream succeed on retry', async () => {
  for (const kind of ['unary', 'stream']) {
    const held = await busy();
    let retries = 0;
    // Released when the client is told it was shed: the retry can then get through.
    const gz = connect(SHED_ADDR, {
      retry: {
        onRetry: (e) => {
          assert.equal(e.codeName, 'RESOURCE_EXHAUSTED');
          retries += 1;
          void held.release();
        },
      },
    });
    try {
      if (kind === 'unary') {
        assert.equal((await gz.extract('Aleppo')).mentions[0].text, 'Aleppo');
      } else {
        const ids = (await gz.extractMany(['Aleppo', 'Homs', 'Damascus'].map((t) => ({ text: t, document_id: t })))).map((r) => r.document_id);
        assert.deepEqual(ids, ['Aleppo', 'Homs', 'Damascus']);
      }
      assert.ok(retries > 0, `the ${kind} call got through without being shed`);
    } finally {
      gz.close();
      await held.release();
    }
  }
});

test("retries stop within the call's deadline", async () => {
  // The server stays busy: the client may not go on retrying past its deadline, however many
  // attempts its policy allows (the last try may be cut by the deadline, or shed).
  const held = await busy();
  let retries = 0;
  const gz = connect(SHED_ADDR, { timeoutMs: 500, retry: { maxAttempts: 1000, onRetry: () => (retries += 1) } });
  try {
    await assert.rejects(gz.extract('Aleppo'), (e: unknown) => {
      assert.ok(e instanceof GazetteError);
      assert.ok(['RESOURCE_EXHAUSTED', 'DEADLINE_EXCEEDED'].includes(e.codeName), e.message);
      return true;
    });
    // The deadline (from the service config too) is half a second, not a few nanoseconds.
    assert.ok(retries > 0, 'no retry within the deadline');
  } finally {
    gz.close();
    await held.release();
  }
});
