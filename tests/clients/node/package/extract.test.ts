// One document at a time: every option, the typed answer, offsets in every unit, errors.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { connect, GazetteError, OffsetEncoding } from '@gazette/client';
import { ADDR } from './servers';

const TEXT = 'Syrian troops 😀 crossed into Turkey, Reuters reported from Istanbul.';

test('headline, fields and explanations', async () => {
  const gz = connect(ADDR);
  try {
    const fields: Record<string, string> = { headline: 'TURKEY BRACES', caption: 'Troops near Aleppo', text: TEXT };
    const r = await gz.extract(TEXT, {
      document_id: 'd1',
      headline: fields.headline,
      fields: [{ name: 'caption', text: fields.caption }],
      explain: true,
    });
    assert.equal(r.document_id, 'd1');
    assert.equal(r.offset_encoding, 'OFFSET_ENCODING_UTF16');
    assert.deepEqual(r.mentions.slice(0, 2).map((m) => m.field), ['headline', 'caption']);
    for (const m of r.mentions) {
      assert.equal(fields[m.field].slice(m.start, m.end), m.text);
      assert.equal(r.entities[m.entity_index].id, m.entity_id);
      assert.ok(m.explanation?.rule);
    }
    const istanbul = r.mentions.find((m) => m.text === 'Istanbul');
    assert.equal(istanbul?.resolution, 'RESOLUTION_PRIOR');
    assert.ok(istanbul && istanbul.alternatives.length > 0);
    const turkey = r.entities.find((e) => e.name === 'Turkey');
    assert.equal(turkey?.attributes.country_code, 'TR');
    assert.equal(turkey?.mention_count, 2);
    assert.ok(Math.abs(r.entities.reduce((s, e) => s + e.salience, 0) - 1) < 1e-3);
  } finally {
    gz.close();
  }
});

test('offsets in every unit slice the text', async () => {
  const gz = connect(ADDR);
  try {
    // Each unit's view of a string: its code units, as an array to slice.
    const units: [OffsetEncoding, (s: string) => unknown[]][] = [
      ['OFFSET_ENCODING_UTF8', (s) => [...Buffer.from(s, 'utf8')]],
      ['OFFSET_ENCODING_UTF16', (s) => s.split('')],
      ['OFFSET_ENCODING_CODE_POINT', (s) => [...s]],
    ];
    for (const [unit, units_of] of units) {
      const r = await gz.extract(TEXT, { offset_encoding: unit });
      assert.equal(r.offset_encoding, unit);
      assert.ok(r.mentions.length > 0);
      const all = units_of(TEXT);
      for (const m of r.mentions) {
        assert.deepEqual(all.slice(m.start, m.end), units_of(m.text), `${unit} ${m.text}`);
      }
    }
  } finally {
    gz.close();
  }
});

test('filters, overlaps and a pinned version', async () => {
  const gz = connect(ADDR, { options: { entity_types: ['LOCATION'] } });
  try {
    assert.deepEqual(new Set((await gz.extract(TEXT)).mentions.map((m) => m.type)), new Set(['LOCATION']));
    // A call's options override the client's one by one.
    assert.deepEqual((await gz.extract(TEXT, { gazetteers: ['media'] })).mentions, []);
    const media = await gz.extract(TEXT, { gazetteers: ['media'], entity_types: [] });
    assert.deepEqual(media.mentions.map((m) => m.text), ['Reuters']);
    const text = 'New York City and North Korea';
    const longest = (await gz.extract(text)).mentions.length;
    const every = (await gz.extract(text, { overlap: 'OVERLAP_POLICY_ALL' })).mentions.length;
    assert.ok(every > longest, `${every} > ${longest}`);
    const version = (await gz.extract(TEXT)).gazetteer_version;
    assert.ok((await gz.extract(TEXT, { gazetteer_version: version })).mentions.length > 0);
    await assert.rejects(gz.extract(TEXT, { gazetteer_version: 'sha256:0' }), (e: unknown) => {
      assert.ok(e instanceof GazetteError);
      assert.equal(e.codeName, 'FAILED_PRECONDITION');
      assert.deepEqual(e.preconditionViolations.map((v) => v.subject), ['gazetteer_version']);
      return true;
    });
  } finally {
    gz.close();
  }
});

test('errors name the fields', async () => {
  const gz = connect(ADDR);
  try {
    const cases: [Parameters<typeof gz.extract>[1], string[]][] = [
      [{ gazetteers: ['geo', 'sports'] }, ['gazetteers[1]']],
      [{ fields: [{ name: 'caption', text: 'a' }, { name: 'caption', text: 'b' }] }, ['fields[1].name']],
      [{ fields: [{ name: 'headline', text: 'x' }] }, ['fields[0].name']],
    ];
    for (const [request, want] of cases) {
      await assert.rejects(gz.extract('Aleppo', request), (e: unknown) => {
        assert.ok(e instanceof GazetteError);
        assert.equal(e.codeName, 'INVALID_ARGUMENT');
        assert.deepEqual(e.fieldViolations.map((v) => v.field), want);
        assert.ok(e.message.includes(want[0]));
        return true;
      });
    }
    await assert.rejects(gz.extract('x'.repeat(2 << 20)), (e: unknown) => {
      assert.ok(e instanceof GazetteError);
      assert.deepEqual(e.fieldViolations.map((v) => v.field), ['text']);
      return true;
    });
  } finally {
    gz.close();
  }
});
