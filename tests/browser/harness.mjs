// What every console browser test starts with (run.sh copies this beside them): the
// environment run.sh sets, Debian's Chromium with the flags this closed network needs
// (TOOLING.md) on a new empty profile, and the console page loaded with its errors collected.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";

export const env = (name) => {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set (run this through tests/browser/run.sh)`);
  return v;
};

export const WAIT = { timeout: 15_000 };

/** Chromium with the console loaded and ready: `problems` collects page errors and console
 * errors, which every test expects to stay empty. Close `browser` when done. */
export async function openConsole() {
  const browser = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), "gazette-chromium-")), {
    executablePath: env("CHROMIUM"),
    headless: true,
    viewport: { width: 1280, height: 1000 },
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  const page = await browser.newPage();
  const problems = [];
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("console", (m) => { if (m.type() === "error") problems.push(`console: ${m.text()}`); });
  await page.goto(env("CONSOLE_URL"));
  await page.waitForSelector("body[data-ready=true]", WAIT);
  return { browser, page, problems };
}
