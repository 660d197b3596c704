// Many documents through one ExtractStream: order, laziness, errors.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { connect, Document, GazetteError } from '@gazette/client';
import { ADDR } from './servers';

// Enough text that the documents overflow the HTTP/2 flow-control windows: the stream must wait
// for answers before it may send more.
const PADDING = ' and then nothing happened'.repeat(600);

test('results come in input order and the input is read as the stream has room', async () => {
  const gz = connect(ADDR);
  let read = 0;
  function* documents(): Generator<Document | string> {
    for (let i = 0; i < 200; i++) {
      read += 1;
      yield i % 2 ? { text: `Rain in Aleppo, day ${i}.${PADDING}`, document_id: `d${i}` } : 'Homs';
    }
  }
  try {
    const results = gz.extractStream(documents(), { entity_types: ['LOCATION'] });
    const first = await results.next();
    assert.ok(!first.done && first.value.mentions[0].text === 'Homs');
    assert.ok(read < 200, `read ${read} documents for one answer`);
    const rest = [];
    for await (const r of results) rest.push(r);
    const odd = rest.filter((_, i) => i % 2 === 0);
    assert.deepEqual(odd.map((r) => r.document_id), Array.from({ length: 100 }, (_, i) => `d${2 * i + 1}`));
    assert.ok(odd.every((r) => r.mentions[0].text === 'Aleppo'));
  } finally {
    gz.close();
  }
});

test('an invalid document ends the stream and the results before it stand', async () => {
  const gz = connect(ADDR);
  const got: string[] = [];
  try {
    await assert.rejects(
      (async () => {
        const docs = [{ text: 'Aleppo', document_id: 'ok' }, { text: 'x'.repeat(2 << 20), document_id: 'big' }];
        for await (const r of gz.extractStream(docs)) got.push(r.document_id);
      })(),
      (e: unknown) => {
        assert.ok(e instanceof GazetteError);
        assert.equal(e.codeName, 'INVALID_ARGUMENT');
        assert.ok(e.details.includes('big'), e.details);
        return true;
      },
    );
    assert.deepEqual(got, ['ok']);
  } finally {
    gz.close();
  }
});

test("the input's own error reaches the caller", async () => {
  const gz = connect(ADDR);
  async function* documents(): AsyncGenerator<string> {
    yield 'Aleppo';
    throw new Error('archive unreadable');
  }
  try {
    const got = [];
    await assert.rejects(
      (async () => {
        for await (const r of gz.extractStream(documents())) got.push(r);
      })(),
      /archive unreadable/,
    );
    assert.equal(got.length, 1);
    // extractMany: the same, collected.
    assert.equal((await gz.extractMany(['Aleppo', 'Homs'])).length, 2);
  } finally {
    gz.close();
  }
});
