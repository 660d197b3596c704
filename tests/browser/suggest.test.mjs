// Suggestions in a real browser: the sample article shows its unlisted person with a dashed
// outline (and "suggested" in its label, not colour alone), "Add" fills the new-entity form,
// saving it with the token makes the re-tagged article link the person and their later
// surname, and Undo in History takes it back. Run by run.sh after console.test.mjs, against
// the same server (tests/it/console/browser.rs).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { env, openConsole, WAIT } from "./harness.mjs";

const PERSON = "Bashar al-Assad";

test("suggestions are dashed, and one click on Add fills the form to add the person", async () => {
  const { browser, page, problems } = await openConsole();
  try {
    await page.fill("#token", env("CONSOLE_TOKEN"));
    await page.click("#token-form button[type=submit]");

    const sample = readFileSync(env("SAMPLE"), "utf8");
    const cut = sample.indexOf("\n");
    await page.fill("#headline", sample.slice(0, cut));
    await page.fill("#body", sample.slice(cut + 1));
    await page.click("#tag-button");

    // The unlisted person and their later surnames: dashed, labelled as suggestions, never
    // counted among the mentions.
    const suggested = "#out-body mark.s";
    await page.waitForFunction((sel) => document.querySelectorAll(sel).length >= 3, suggested, WAIT);
    const marks = await page.$$eval(suggested, (ms) => ms.map((m) => ({
      text: m.textContent, type: m.dataset.type, label: m.getAttribute("aria-label"),
      border: getComputedStyle(m).borderTopStyle,
    })));
    assert.equal(marks[0].text, PERSON);
    assert.deepEqual(marks.slice(1, 3).map((m) => m.text), ["Assad", "Assad"]);
    for (const m of marks) {
      assert.equal(m.type, "PERSON", JSON.stringify(m));
      assert.equal(m.border, "dashed", JSON.stringify(m));
      assert.match(m.label, /suggested PERSON/);
    }
    assert.equal(await page.$$eval("#article mark.m", (ms) => ms.filter((m) => m.textContent.includes("Assad")).length), 0);
    // Focus shows its evidence.
    await page.focus(`${suggested}:text-is("${PERSON}")`);
    await page.waitForSelector("#details dd >> text=title: President", WAIT);
    await page.locator(".article-and-details").screenshot({ path: join(env("CONSOLE_WORK"), "suggestions.png") });

    // One click on Add fills the form; saving adds the person with the token.
    await page.click(`#suggestions button.add-suggestion[data-text="${PERSON}"]`);
    assert.equal(await page.inputValue("#new-name"), PERSON);
    assert.equal(await page.inputValue("#new-type"), "PERSON");
    await page.click("#new-submit");
    const linked = '#out-body mark.m[data-entity="p:bashar-al-assad"]';
    await page.waitForFunction((sel) => document.querySelectorAll(sel).length >= 3, linked, WAIT);
    const texts = await page.$$eval(linked, (ms) => ms.map((m) => m.textContent));
    assert.deepEqual(texts.slice(0, 3), [PERSON, "Assad", "Assad"]);
    // Now listed: no longer suggested.
    assert.equal(await page.$$eval(suggested, (ms) => ms.filter((m) => m.textContent.includes("Assad")).length), 0);

    // Undo, so the server is as it was.
    const undo = page.locator('#history-rows button[aria-label*="p:bashar-al-assad"]').first();
    await undo.waitFor(WAIT);
    await undo.click();
    await page.waitForFunction((sel) => document.querySelectorAll(sel).length === 0, linked, WAIT);
    await page.waitForFunction((sel) => document.querySelectorAll(sel).length >= 3, suggested, WAIT);
    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
  }
});
