// The admin calls with a bearer token: edits, reads, and the errors of each.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { status } from '@grpc/grpc-js';
import { connect, GazetteerEntry } from '@gazette/client';
import { ADDR, code, TOKEN } from './servers';

test('upsert, get, delete', async () => {
  const gz = connect(ADDR, { adminToken: TOKEN });
  const id = 't:nina-kos';
  const entry: GazetteerEntry = {
    id,
    name: 'Nina Kos',
    type: 'PERSON',
    aliases: ['N. Kos'],
    attributes: { desk: 'sport' },
    prior: 2.5,
    alias_details: [{ text: 'Kossy', case: 'exact' }],
  };
  try {
    const before = await gz.admin.getInfo();
    assert.equal(before.edit_log?.kind, 'journal');
    const done = await gz.admin.upsertEntities([entry], 'newsroom');
    assert.equal(done.applied, 1);
    assert.notEqual(done.version, before.version);
    const found = await gz.extract('Yesterday Nina Kos won; Kossy said so.');
    assert.deepEqual(found.mentions.map((m) => [m.text, m.entity_id]), [['Nina Kos', id], ['Kossy', id]]);
    const got = await gz.admin.getEntity(id);
    assert.deepEqual([got.name, got.namespace, got.prior], ['Nina Kos', 'newsroom', 2.5]);
    assert.deepEqual(got.attributes, { desk: 'sport' });
    assert.deepEqual(got.alias_details.map((a) => [a.text, a.case]), [['Kossy', 'exact']]);
    const after = await gz.admin.getInfo();
    assert.ok(BigInt(after.edit_log?.applied_seq ?? 0) > BigInt(before.edit_log?.applied_seq ?? 0));
    assert.equal((await gz.admin.deleteEntities([id, 't:never-was'])).applied, 1);
    await assert.rejects(gz.admin.getEntity(id), (e) => code(e) === status.NOT_FOUND);
  } finally {
    gz.close();
  }
});

test('bad entries name their fields and apply nothing', async () => {
  const gz = connect(ADDR, { adminToken: TOKEN });
  try {
    await assert.rejects(
      gz.admin.upsertEntities([{ id: 't:ok', name: 'Okay Name', type: 'PERSON' }, { id: '' }], 'newsroom'),
      (e: unknown) => {
        assert.equal(code(e), status.INVALID_ARGUMENT);
        assert.ok((e as { fieldViolations: { field: string }[] }).fieldViolations.some((v) => v.field === 'entries[1].id'));
        return true;
      },
    );
    await assert.rejects(gz.admin.getEntity('t:ok'), (e) => code(e) === status.NOT_FOUND);
  } finally {
    gz.close();
  }
});

test('the token is required for changes', async () => {
  for (const adminToken of [undefined, 'wrong']) {
    const gz = connect(ADDR, { adminToken });
    try {
      await assert.rejects(
        gz.admin.upsertEntities([{ id: 't:x', name: 'Xavier Tol', type: 'PERSON' }], 'newsroom'),
        (e) => code(e) === status.UNAUTHENTICATED,
      );
    } finally {
      gz.close();
    }
  }
});
