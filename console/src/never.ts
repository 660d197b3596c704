// "Never tag this": a selected mention's false positive removed for good with an AddNeverRules
// rule, as its type (every entity of that type, whatever alias matched) or as this alias of this
// entity only; the article is tagged again at once and the rule can be undone in History.

import type { Mention } from "./gen/gazette/v1/gazette_pb";
import { admin, auth, describe } from "./api";
import { el, flash } from "./dom";

/** Called after a rule was added (tag again, refresh history and status). */
let changed: () => Promise<void> = async () => {};

async function never(form: string, type: string, entity: string, what: string): Promise<void> {
  try {
    const r = await admin.addNeverRules({ rules: [{ form, type, entity }] }, auth());
    flash(`Never tagging ${what} (rule ${r.ids.join(", ")}; undo it in History); gazetteer version now ${r.version}.`);
    await changed();
  } catch (e) {
    flash(`Rule not added: ${describe(e)}`, true);
  }
}

/** The two "never tag" buttons for the mention `m`. */
export function buttons(m: Mention): HTMLElement[] {
  const asType = el("button", `Never tag “${m.text}” as ${m.type}`, { type: "button", class: "never", "data-never": "type" });
  asType.addEventListener("click", () => void never(m.text, m.type, "", `“${m.text}” as ${m.type}`));
  const asEntity = el("button", `Never tag “${m.text}” as ${m.entityId}`, { type: "button", class: "never", "data-never": "entity" });
  asEntity.addEventListener("click", () => void never(m.text, "", m.entityId, `“${m.text}” as ${m.entityId}`));
  return [asType, asEntity];
}

export function setUp(onChange: () => Promise<void>): void {
  changed = onChange;
}
