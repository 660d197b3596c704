// Example: tag a news article with Gazette and check every span.
//   node dist/example.js HOST:PORT ARTICLE.txt
import * as assert from 'assert';
import * as fs from 'fs';
import { connect } from './index';

async function main(address: string, file: string): Promise<void> {
  const text = fs.readFileSync(file, 'utf8');
  const gz = connect(address);
  try {
    const result = await gz.extract(text, { document_id: file });
    for (const m of result.mentions) {
      // UTF-16 offsets: JavaScript slices them directly.
      assert.strictEqual(text.slice(m.start, m.end), m.text);
    }
    const top = [...result.entities].sort((a, b) => b.salience - a.salience).slice(0, 10);
    console.log(
      `${result.mentions.length} mentions of ${result.entities.length} entities ` +
        `(gazetteer ${result.gazetteer_version}); most salient:`,
    );
    for (const e of top) {
      console.log(`  ${e.salience.toFixed(3)}  ${e.type.padEnd(13)} ${e.name} ×${e.mention_count}`);
    }
    const streamed = await gz.extractMany([text, text, text]);
    assert.strictEqual(streamed.length, 3);
    for (const r of streamed) assert.deepStrictEqual(r.mentions, result.mentions);
    console.log('stream: 3 documents, same answers');
  } finally {
    gz.close();
  }
}

const [address, file] = process.argv.slice(2);
main(address, file).catch((e) => {
  console.error(e);
  process.exit(1);
});
