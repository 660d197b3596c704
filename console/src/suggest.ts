// Suggestions: names the gazetteer does not list (ExtractRequest.suggest), shown with a dashed
// outline and the word "suggested" (never colour alone), each with a one-click "Add" that
// fills the Fix section's new-entity form with its text and guessed type, for the editor to
// check and save with their token.

import type { Suggestion } from "./gen/gazette/v1/gazette_pb";
import { byId, el, flash } from "./dom";

/** The one-letter cue of a suggested type, with a question mark: a guess, not a tag. */
function letter(type: string): string {
  const known: Record<string, string> = { PERSON: "P?", ORGANIZATION: "O?", LOCATION: "L?" };
  return known[type] ?? "?";
}

/** Fills the new-entity form with `text` as a `type` and brings it into view. */
export function prefill(text: string, type: string): void {
  byId<HTMLInputElement>("new-name").value = text;
  byId<HTMLInputElement>("new-type").value = type;
  byId<HTMLInputElement>("new-id").value = "";
  byId<HTMLInputElement>("new-aliases").value = "";
  const selection = byId("selection");
  selection.textContent = `“${text}”`;
  selection.setAttribute("data-text", text);
  const name = byId<HTMLInputElement>("new-name");
  name.scrollIntoView({ block: "center" });
  name.focus();
  flash(`“${text}” (${type}) is in the form below: check it and save.`);
}

function addButton(s: Suggestion): HTMLElement {
  const add = el("button", `Add ${s.text}`, {
    type: "button",
    class: "add-suggestion",
    "data-text": s.text,
    "data-type": s.type,
    "aria-label": `Add ${s.text} as a new ${s.type}: fills the new-entity form`,
  });
  add.addEventListener("click", () => prefill(s.text, s.type));
  return add;
}

/** The details of a suggestion, in the side panel. */
function details(mark: HTMLElement, s: Suggestion): void {
  document.querySelectorAll("mark.selected").forEach((x) => x.classList.remove("selected"));
  mark.classList.add("selected");
  const dl = el("dl");
  const row = (k: string, v: string) => dl.append(el("dt", k), el("dd", v || "—"));
  row("Text", s.text);
  row("Suggested type", s.type);
  row("Score", s.score.toFixed(3));
  row("Evidence", s.evidence.join("; "));
  byId("details").replaceChildren(el("h3", "Suggestion (not in the gazetteer)"), dl, addButton(s));
}

/** A dashed, focusable `<mark>` for suggestion `s` of `text`. */
export function mark(text: string, s: Suggestion): HTMLElement {
  const span = text.slice(s.start, s.end);
  const m = el("mark", span, {
    class: "s",
    tabindex: "0",
    "data-type": s.type,
    "data-letter": letter(s.type),
    "aria-label": `${span}: suggested ${s.type}, not in the gazetteer`,
  });
  const open = () => details(m, s);
  m.addEventListener("mouseenter", open);
  m.addEventListener("focus", open);
  m.addEventListener("click", open);
  return m;
}

/** The list under the article: each suggested name once (by text and type), with "Add". */
export function list(suggestions: Suggestion[]): void {
  const ol = byId("suggestions");
  ol.replaceChildren();
  const seen = new Set<string>();
  for (const s of suggestions) {
    const key = `${s.type}\u0000${s.text}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const li = el("li");
    li.append(el("strong", s.text), ` ${s.type} `, el("span", `score ${s.score.toFixed(2)}: ${s.evidence.join("; ")}`, { class: "note" }), " ", addButton(s));
    ol.append(li);
  }
  if (seen.size === 0) ol.append(el("li", "No suggestion.", { class: "note" }));
}
