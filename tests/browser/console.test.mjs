// The console in a real browser (Debian's Chromium driven by playwright-core), against a real
// server started by tests/it/console/browser.rs, which also asked the server over gRPC for the
// mentions each text must show (WORK/sample.json, WORK/multiscript.json): the page's
// highlights are checked against those, not against the page's own reading of the answer.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { env, openConsole, WAIT } from "./harness.mjs";

const token = env("CONSOLE_TOKEN");
const work = env("CONSOLE_WORK");
const expected = (name) => JSON.parse(readFileSync(join(work, name), "utf8"));

/** The article's highlights: [field, text, entity] for each, in document order. */
const highlights = (page) =>
  page.$$eval("#article mark.m", (marks) =>
    marks.map((m) => [m.closest("#out-headline") ? "headline" : "text", m.textContent, m.dataset.entity]));

async function paste(page, headline, body) {
  const before = await page.getAttribute("#article", "data-version");
  await page.fill("#headline", headline);
  await page.fill("#body", body);
  await page.click("#tag-button");
  return before;
}

test("the console tags, fixes, undoes and highlights exactly", async () => {
  const { browser, page, problems } = await openConsole();
  try {
    // The token is kept in the tab's session, never in the URL.
    await page.fill("#token", token);
    await page.click("#token-form button[type=submit]");
    assert.equal(await page.evaluate(() => sessionStorage.getItem("gazette.admin-token")), token);

    // Tag the sample article: as many highlights as the server's mentions, the same texts.
    const sample = readFileSync(env("SAMPLE"), "utf8");
    const cut = sample.indexOf("\n");
    const [headline, body] = [sample.slice(0, cut), sample.slice(cut + 1)];
    const want = expected("sample.json");
    await paste(page, headline, body);
    await page.waitForFunction((n) => document.querySelectorAll("#article mark.m").length === n, want.length, WAIT);
    assert.deepEqual((await highlights(page)).map(([f, t]) => [f, t]), want.map((m) => [m.field, m.text]));
    assert.ok(!want.some((m) => m.text.includes("Assad")), "Assad is unknown before the edit");

    // Select "Bashar al-Assad" in the tagged text and add it as a PERSON with the token.
    await page.evaluate(() => {
      const body = document.getElementById("out-body");
      const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const at = n.data.indexOf("Bashar al-Assad");
        if (at < 0) continue;
        const range = document.createRange();
        range.setStart(n, at);
        range.setEnd(n, at + "Bashar al-Assad".length);
        document.getSelection().removeAllRanges();
        document.getSelection().addRange(range);
        return;
      }
      throw new Error("no Bashar al-Assad in the article");
    });
    await page.waitForSelector('#selection[data-text="Bashar al-Assad"]', WAIT);
    assert.equal(await page.inputValue("#new-name"), "Bashar al-Assad");
    await page.fill("#new-type", "PERSON");
    await page.click("#new-submit");

    // The article is tagged again at once: the full name, and "Assad" alone, now linked.
    const linked = '#out-body mark.m[data-entity="p:bashar-al-assad"]';
    await page.waitForFunction((sel) => document.querySelectorAll(sel).length >= 3, linked, WAIT);
    const texts = await page.$$eval(linked, (ms) => ms.map((m) => m.textContent));
    assert.equal(texts[0], "Bashar al-Assad");
    assert.ok(texts.includes("Assad"), `Assad linked: ${JSON.stringify(texts)}`);
    assert.equal(await page.getAttribute(linked, "data-type"), "PERSON");
    // Keyboard: a mention takes focus and its details follow.
    await page.focus(`#out-body mark.m[data-entity="p:bashar-al-assad"]:text-is("Assad")`);
    await page.waitForSelector("#details dd >> text=PARTIAL_NAME", WAIT);
    await page.hover(linked);
    await page.waitForSelector("#details dd >> text=p:bashar-al-assad", WAIT);
    await page.locator(".article-and-details").screenshot({ path: join(work, "console.png") });

    // History shows who made it; Undo takes it back and the article loses the links.
    const undo = page.locator('#history-rows button[aria-label*="p:bashar-al-assad"]').first();
    await undo.waitFor(WAIT);
    const row = await undo.locator("xpath=ancestor::tr").innerText();
    assert.match(row, /console-test/, "the editor's token name is shown");
    await undo.click();
    await page.waitForFunction((sel) => document.querySelectorAll(sel).length === 0, linked, WAIT);
    assert.deepEqual((await highlights(page)).map(([f, t]) => [f, t]), want.map((m) => [m.field, m.text]));

    // Emoji, CJK, combining accents: every highlight is exactly the response's mention.
    const multi = readFileSync(env("MULTISCRIPT"), "utf8");
    const mwant = expected("multiscript.json");
    assert.ok(mwant.length > 0);
    await paste(page, "", multi);
    await page.waitForFunction(
      ([n, first]) => {
        const ms = document.querySelectorAll("#article mark.m");
        return ms.length === n && ms[0].textContent === first;
      },
      [mwant.length, mwant[0].text], WAIT);
    const got = await highlights(page);
    mwant.forEach((m, i) => {
      assert.equal(got[i][1], m.text, `highlight ${i}`);
      assert.equal(multi.slice(m.start, m.end), m.text, `UTF-16 offsets of mention ${i}`);
      assert.equal(got[i][2], m.entity_id, `entity of highlight ${i}`);
    });
    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
  }
});
