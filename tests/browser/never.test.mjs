// "Never tag this" in a real browser, after console.test.mjs on the same server (run.sh runs the
// files one at a time): tag the sample article, never tag its first place as LOCATION from the
// mention's details, see every LOCATION highlight of that text gone and nothing else changed,
// undo the rule in History, and see the article as before.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { env, openConsole, WAIT } from "./harness.mjs";

/** The article's highlights: "field|text|type|entity" for each, in document order. */
const highlights = (page) =>
  page.$$eval("#article mark.m", (marks) =>
    marks.map((m) => [m.closest("#out-headline") ? "headline" : "text", m.textContent, m.dataset.type, m.dataset.entity].join("|")));

test("never tag a mention, see it gone, undo it in History", async () => {
  const { browser, page, problems } = await openConsole();
  try {
    await page.fill("#token", env("CONSOLE_TOKEN"));
    await page.click("#token-form button[type=submit]");

    const sample = readFileSync(env("SAMPLE"), "utf8");
    const cut = sample.indexOf("\n");
    const want = JSON.parse(readFileSync(join(env("CONSOLE_WORK"), "sample.json"), "utf8"));
    await page.fill("#headline", sample.slice(0, cut));
    await page.fill("#body", sample.slice(cut + 1));
    await page.click("#tag-button");
    await page.waitForFunction((n) => document.querySelectorAll("#article mark.m").length === n, want.length, WAIT);
    const before = await highlights(page);
    const version = await page.getAttribute("#article", "data-version");

    // The first place in the body: its details offer "never tag" as its type.
    const place = page.locator("#out-body mark.m[data-type=LOCATION]").first();
    const text = await place.textContent();
    await place.click();
    await page.click("#details button[data-never=type]");
    await page.waitForFunction((v) => document.getElementById("article").dataset.version !== v, version, WAIT);
    const after = await highlights(page);
    const isIt = (h) => h.split("|")[1].toLowerCase() === text.toLowerCase();
    assert.ok(before.some((h) => isIt(h) && h.split("|")[2] === "LOCATION"));
    assert.ok(!after.some((h) => isIt(h) && h.split("|")[2] === "LOCATION"), `${text} as LOCATION is gone: ${after}`);
    assert.deepEqual(after.filter((h) => !isIt(h)), before.filter((h) => !isIt(h)), "nothing else changed");

    // History lists the rule by its id; Undo brings the article back as it was.
    const undo = page.locator('#history-rows button[aria-label*="never:LOCATION:"]').first();
    await undo.waitFor(WAIT);
    await undo.click();
    await page.waitForFunction((v) => document.getElementById("article").dataset.version === v, version, WAIT);
    assert.deepEqual(await highlights(page), before);
    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
  }
});
