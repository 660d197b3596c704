// Tag: the article as Gazette tags it. Offsets are asked for in UTF-16 code units, the unit of
// JavaScript strings, so `text.slice(start, end)` is exactly each mention's text, whatever the
// emoji, CJK or combining accents around it. Suggestions of unlisted names (suggest.ts) are
// asked for too and shown among the mentions, which they never overlap.

import type { ExtractResponse, Mention, Suggestion } from "./gen/gazette/v1/gazette_pb";
import { MatchHow, OffsetEncoding, Resolution } from "./gen/gazette/v1/gazette_pb";
import { describe, extractor } from "./api";
import { byId, el, flash } from "./dom";
import * as never from "./never";
import * as suggest from "./suggest";

/** The one-letter cue of each type (colour is never the only one). */
function letter(type: string): string {
  const known: Record<string, string> = { PERSON: "P", ORGANIZATION: "O", LOCATION: "L", NORP: "N", EVENT: "E" };
  return known[type] ?? (type.charAt(0) || "?");
}

let last: { headline: string; body: string; response: ExtractResponse } | null = null;

/** Tags what the form holds now and shows it; resolves once shown. */
export async function tag(): Promise<void> {
  const headline = byId<HTMLInputElement>("headline").value;
  const body = byId<HTMLTextAreaElement>("body").value;
  try {
    const response = await extractor.extract({
      text: body,
      headline,
      offsetEncoding: OffsetEncoding.UTF16,
      explain: true,
      suggest: true,
    });
    last = { headline, body, response };
    show();
    byId("version").textContent = `gazetteer version ${response.gazetteerVersion}`;
    byId("article").setAttribute("data-version", response.gazetteerVersion);
  } catch (e) {
    flash(`Tagging failed: ${describe(e)}`, true);
  }
}

/** Tags again the article last tagged (after an edit), if any. */
export async function retag(): Promise<void> {
  if (last) await tag();
}

function show(): void {
  if (!last) return;
  const { headline, body, response } = last;
  const inField = (f: string) => response.mentions.map((m, i) => ({ m, i })).filter(({ m }) => m.field === f);
  const suggested = (f: string) => response.suggestions.filter((s) => s.field === f);
  render(byId("out-headline"), headline, inField("headline"), suggested("headline"));
  render(byId("out-body"), body, inField("text"), suggested("text"));
  suggest.list(response.suggestions);
  const list = byId("entities");
  list.replaceChildren();
  const byScore = [...response.entities].sort((a, b) => b.salience - a.salience);
  for (const e of byScore) {
    const li = el("li");
    li.append(el("strong", e.name), ` ${e.type} `, el("code", e.id),
      ` salience ${e.salience.toFixed(3)}, ${e.mentionCount} mention${e.mentionCount === 1 ? "" : "s"}`);
    list.append(li);
  }
  byId("details").replaceChildren(el("p", `${response.mentions.length} mentions, ${response.entities.length} entities.`, { class: "note" }));
}

/** `text` into `into`, each mention and suggestion a focusable `<mark>`; text between them as
 * text nodes. */
function render(into: HTMLElement, text: string, mentions: { m: Mention; i: number }[], suggestions: Suggestion[]): void {
  into.replaceChildren();
  const spans = [
    ...mentions.map(({ m, i }) => ({ start: m.start, end: m.end, make: () => mentionMark(text, m, i) })),
    ...suggestions.map((s) => ({ start: s.start, end: s.end, make: () => suggest.mark(text, s) })),
  ].sort((a, b) => a.start - b.start);
  let at = 0;
  for (const span of spans) {
    if (span.start < at || span.end > text.length) continue;
    into.append(text.slice(at, span.start), span.make());
    at = span.end;
  }
  into.append(text.slice(at));
}

function mentionMark(text: string, m: Mention, i: number): HTMLElement {
  const mark = el("mark", text.slice(m.start, m.end), {
    class: "m",
    tabindex: "0",
    "data-type": m.type,
    "data-letter": letter(m.type),
    "data-entity": m.entityId,
    "data-index": String(i),
    "aria-label": `${text.slice(m.start, m.end)}: ${m.type} ${m.entityId}`,
  });
  const open = () => details(mark, m);
  mark.addEventListener("mouseenter", open);
  mark.addEventListener("focus", open);
  mark.addEventListener("click", open);
  return mark;
}

function details(mark: HTMLElement, m: Mention): void {
  document.querySelectorAll("mark.selected").forEach((x) => x.classList.remove("selected"));
  mark.classList.add("selected");
  const dl = el("dl");
  const row = (k: string, v: string) => dl.append(el("dt", k), el("dd", v || "—"));
  row("Text", m.text);
  row("Entity id", m.entityId);
  row("Type", m.type);
  row("Matched alias", m.matchedAlias);
  row("How", MatchHow[m.how] ?? String(m.how));
  row("Rule", Resolution[m.resolution] ?? String(m.resolution));
  row("Score", m.score.toFixed(3));
  row("Alternatives", m.alternatives.map((a) => `${a.name} (${a.type}, ${a.entityId}) ${a.score.toFixed(3)}`).join("; "));
  if (m.explanation) {
    row("Explanation", `alias “${m.explanation.alias}”; folding: ${m.explanation.folding.join(", ") || "none"}; rule: ${m.explanation.rule}`);
  }
  const edit = el("button", "Edit this entity", { type: "button" });
  edit.addEventListener("click", () => {
    byId<HTMLInputElement>("edit-id").value = m.entityId;
    byId<HTMLFormElement>("edit-form").requestSubmit();
  });
  byId("details").replaceChildren(el("h3", "Mention"), dl, edit, ...never.buttons(m));
}
