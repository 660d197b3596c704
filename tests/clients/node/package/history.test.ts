// ListEdits (paged, and every page) and RevertEdit. Needs a server that has them.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { status } from '@grpc/grpc-js';
import { connect, EditRecord, GazetteError } from '@gazette/client';
import { ADDR, code, TOKEN } from './servers';

test('history pages and revert', async () => {
  const gz = connect(ADDR, { adminToken: TOKEN });
  const id = 't:hist-lee-js';
  try {
    for (const name of ['Ann Lee', 'Anne Lee', 'Annie Lee']) {
      await gz.admin.upsertEntities([{ id, name, type: 'PERSON' }], 'newsroom');
    }
    const page = await gz.admin.listEdits({ entity_id: id, page_size: 2 });
    assert.deepEqual(page.edits.map((e) => e.after?.name), ['Annie Lee', 'Anne Lee']);
    assert.ok(page.next_page_token, 'three edits in pages of two: a second page');
    const every: EditRecord[] = [];
    for await (const e of gz.admin.iterEdits({ entity_id: id, page_size: 2 })) every.push(e);
    assert.deepEqual(every.map((e) => e.op), ['upsert', 'upsert', 'upsert']);
    const seqs = every.map((e) => BigInt(e.seq));
    assert.ok(seqs[0] > seqs[1] && seqs[1] > seqs[2], 'newest first');
    const [newest, , oldest] = every;
    assert.equal(newest.before?.name, 'Anne Lee');
    assert.equal(oldest.before, null);
    assert.ok(oldest.before_known);
    assert.ok(BigInt(newest.at_unix_ms) > 0n);

    await assert.rejects(gz.admin.revertEdit(oldest.seq), (e: unknown) => {
      assert.ok(e instanceof GazetteError);
      assert.equal(e.codeName, 'FAILED_PRECONDITION');
      assert.ok(e.preconditionViolations.some((v) => (v.subject + v.description).includes(newest.seq)));
      return true;
    });
    await gz.admin.revertEdit(newest.seq);
    assert.equal((await gz.admin.getEntity(id)).name, 'Anne Lee');
    const undo = (await gz.admin.listEdits({ entity_id: id, page_size: 1 })).edits[0];
    assert.equal(undo.reverts, newest.seq);

    await assert.rejects(gz.admin.revertEdit('1000000000000'), (e) => code(e) === status.NOT_FOUND);
    await assert.rejects(gz.admin.listEdits({ page_size: 1001 }), (e: unknown) => {
      assert.ok(e instanceof GazetteError);
      assert.deepEqual(e.fieldViolations.map((v) => v.field), ['page_size']);
      return true;
    });
  } finally {
    gz.close();
  }
});
