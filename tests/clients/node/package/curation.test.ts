// Suggestions, suppressed readings, entity search and "never tag" rules, typed.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { connect, NeverRule } from '@gazette/client';
import { ADDR, TOKEN } from './servers';

const TEXT = 'Colonel Yusuf Mansur said the convoy left Mosul 😀 on Tuesday. Barack Obama spoke.';

test('suggestions and suppressed readings, in UTF-16 units', async () => {
  const gz = connect(ADDR);
  try {
    const plain = await gz.extract(TEXT);
    assert.deepEqual([plain.suggestions, plain.suppressed], [[], []]);
    const r = await gz.extract(TEXT, { suggest: true, explain: true });
    assert.ok(r.suggestions.some((s) => s.type === 'PERSON' && s.text === 'Yusuf Mansur'), JSON.stringify(r.suggestions));
    for (const s of r.suggestions) {
      assert.equal(TEXT.slice(s.start, s.end), s.text);
      assert.ok(s.evidence.length > 0 && s.score >= 0 && s.score <= 1);
    }
    const obama = r.suppressed.find((x) => x.text === 'Obama');
    assert.ok(obama && obama.type === 'LOCATION' && obama.rule, JSON.stringify(r.suppressed));
    assert.equal(TEXT.slice(obama.start, obama.end), 'Obama');
  } finally {
    gz.close();
  }
});

test('search entities and never-tag rules', async () => {
  const gz = connect(ADDR, { adminToken: TOKEN });
  try {
    const found = await gz.admin.searchEntities({ query: 'Mosul', type: 'LOCATION', page_size: 5 });
    assert.equal(found.entities[0]?.name, 'Mosul');
    const rule: NeverRule = { form: 'Mosul', type: 'LOCATION' };
    const added = await gz.admin.addNeverRules([rule]);
    assert.deepEqual([added.applied, added.ids], [1, ['never:LOCATION:mosul']]);
    try {
      const r = await gz.extract(TEXT);
      assert.ok(!r.mentions.some((m) => m.text === 'Mosul'));
      const rules = await gz.admin.listNeverRules();
      assert.equal(rules.version, added.version);
      assert.ok(rules.rules.some((x) => x.id === added.ids[0] && x.form === 'Mosul'));
    } finally {
      await gz.admin.deleteEntities(added.ids);
    }
    assert.ok((await gz.extract(TEXT)).mentions.some((m) => m.text === 'Mosul'));
  } finally {
    gz.close();
  }
});
