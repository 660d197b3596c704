// Node (@grpc/grpc-js) client test: UTF-16 offsets must slice JavaScript strings exactly.
'use strict';
const assert = require('assert');
const fs = require('fs');
const path = require('path');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');

const [addr, protoDir, dataDir] = process.argv.slice(2);
const def = protoLoader.loadSync(path.join(protoDir, 'gazette/v1/gazette.proto'), {
  includeDirs: [protoDir],
  keepCase: true,
  enums: String,
  defaults: true,
});
const gazette = grpc.loadPackageDefinition(def).gazette.v1;
const client = new gazette.EntityExtractor(addr, grpc.credentials.createInsecure());

const text = fs.readFileSync(path.join(dataDir, 'multiscript.txt'), 'utf8');
const expected = JSON.parse(fs.readFileSync(path.join(dataDir, 'multiscript.expected.json'), 'utf8')).mentions;
// The test text must make bytes, UTF-16 units and code points all differ.
assert.notStrictEqual(text.length, [...text].length);
assert.notStrictEqual(text.length, Buffer.byteLength(text, 'utf8'));

function deadline() {
  return new Date(Date.now() + 10000);
}

client.Extract(
  { document_id: 'js-1', text, offset_encoding: 'OFFSET_ENCODING_UTF16' },
  { deadline: deadline() },
  (err, resp) => {
    if (err) throw err;
    assert.strictEqual(resp.document_id, 'js-1');
    assert.strictEqual(resp.offset_encoding, 'OFFSET_ENCODING_UTF16');
    const got = resp.mentions.map((m) => [m.text, m.entity_id]);
    assert.deepStrictEqual(got, expected);
    for (const m of resp.mentions) {
      assert.strictEqual(text.slice(m.start, m.end), m.text, `span ${m.start}..${m.end}`);
      assert.strictEqual(resp.entities[m.entity_index].id, m.entity_id);
    }
    client.Extract(
      { document_id: 'js-2', text: 'Syria', offset_encoding: 9 },
      { deadline: deadline() },
      (err2) => {
        assert.ok(err2, 'unknown offset_encoding must fail');
        assert.strictEqual(err2.code, grpc.status.INVALID_ARGUMENT);
        console.log(`node client: ${got.length} mentions, UTF-16 spans exact; bad encoding rejected`);
        client.close();
      },
    );
  },
);
