// Fix: the selection in the article becomes a new entity or an alias of one found with
// SearchEntities; entities are loaded for editing or deleted. Every change goes through the
// admin RPCs with this tab's token, then the article is tagged again.

import type { GazetteerEntry } from "./gen/gazette/v1/gazette_pb";
import { admin, auth, describe } from "./api";
import { byId, el, flash } from "./dom";
import { retag } from "./tag";

/** Called after every change that succeeded (history, status). */
let changed: () => Promise<void> = async () => {};

/** The entry loaded for editing: saving it keeps what the form does not show. */
let loaded: GazetteerEntry | null = null;

function selectedText(): string {
  return byId("selection").getAttribute("data-text") ?? "";
}

/** An id from a type and a name: `p:bashar-al-assad`. */
export function deriveId(type: string, name: string): string {
  const prefix: Record<string, string> = { PERSON: "p", ORGANIZATION: "org", LOCATION: "loc" };
  const words = name.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return `${prefix[type] ?? type.toLowerCase()}:${words.join("-")}`;
}

async function after(what: string, version: string): Promise<void> {
  flash(`${what}; gazetteer version now ${version}.`);
  await retag();
  await changed();
}

async function saveEntity(ev: SubmitEvent): Promise<void> {
  ev.preventDefault();
  const name = byId<HTMLInputElement>("new-name").value.trim();
  const type = byId<HTMLInputElement>("new-type").value.trim();
  const id = byId<HTMLInputElement>("new-id").value.trim() || deriveId(type, name);
  const aliases = byId<HTMLInputElement>("new-aliases").value.split(",").map((a) => a.trim()).filter((a) => a);
  // Editing keeps what the form does not show (attributes, prior, aliases with a scope).
  const kept = loaded && loaded.id === id ? loaded : null;
  const entry = {
    id, name, type, aliases,
    case: byId<HTMLSelectElement>("new-case").value,
    attributes: kept?.attributes ?? {},
    prior: kept?.prior ?? 0,
    aliasDetails: kept?.aliasDetails ?? [],
  };
  const namespace = byId<HTMLInputElement>("new-namespace").value.trim() || "console";
  try {
    const r = await admin.upsertEntities({ namespace, entries: [entry] }, auth());
    await after(`Saved ${name} (${type}, ${id})`, r.version);
  } catch (e) {
    flash(`Not saved: ${describe(e)}`, true);
  }
}

async function search(ev: SubmitEvent): Promise<void> {
  ev.preventDefault();
  const list = byId("search-results");
  list.replaceChildren();
  try {
    const r = await admin.searchEntities({ query: byId<HTMLInputElement>("search").value, pageSize: 20 }, auth());
    if (r.entities.length === 0) list.append(el("li", "No entity matches."));
    for (const m of r.entities) {
      const li = el("li");
      const add = el("button", `Add selection as alias of ${m.name}`, { type: "button" });
      add.addEventListener("click", () => void addAlias(m.id));
      li.append(el("strong", m.name), ` ${m.type} `, el("code", m.id), ` (matched “${m.matched}”, ${m.how}) `, add);
      list.append(li);
    }
    if (r.truncated) list.append(el("li", "More match: narrow the search.", { class: "note" }));
  } catch (e) {
    flash(`Search failed: ${describe(e)}`, true);
  }
}

async function addAlias(id: string): Promise<void> {
  const alias = selectedText();
  if (!alias) {
    flash("Select the text to add in the article first.", true);
    return;
  }
  try {
    const entry = await admin.getEntity({ id }, auth());
    const r = await admin.upsertEntities(
      { namespace: entry.namespace, entries: [{ ...entry, aliases: [...entry.aliases, alias], derivedAliases: [] }] },
      auth(),
    );
    await after(`Added “${alias}” to ${entry.name}`, r.version);
  } catch (e) {
    flash(`Alias not added: ${describe(e)}`, true);
  }
}

async function load(ev: SubmitEvent): Promise<void> {
  ev.preventDefault();
  try {
    const entry = await admin.getEntity({ id: byId<HTMLInputElement>("edit-id").value.trim() }, auth());
    loaded = entry;
    byId<HTMLInputElement>("new-name").value = entry.name;
    byId<HTMLInputElement>("new-type").value = entry.type;
    byId<HTMLInputElement>("new-id").value = entry.id;
    byId<HTMLInputElement>("new-aliases").value = entry.aliases.join(", ");
    byId<HTMLSelectElement>("new-case").value = entry.case || "proper";
    byId<HTMLInputElement>("new-namespace").value = entry.namespace;
    byId<HTMLInputElement>("new-name").focus();
    flash(`Loaded ${entry.name}: change it above and save.`);
  } catch (e) {
    flash(`Cannot load: ${describe(e)}`, true);
  }
}

async function remove(): Promise<void> {
  const id = byId<HTMLInputElement>("edit-id").value.trim();
  try {
    const r = await admin.deleteEntities({ ids: [id] }, auth());
    await after(`Deleted ${id} (undo it in History)`, r.version);
  } catch (e) {
    flash(`Not deleted: ${describe(e)}`, true);
  }
}

/** The selection, when it lies in the article, is what Fix acts on. */
function trackSelection(): void {
  const s = document.getSelection();
  const text = s?.toString().trim() ?? "";
  const article = byId("article");
  if (!s || !text || !s.anchorNode || !article.contains(s.anchorNode)) return;
  const out = byId("selection");
  out.textContent = `“${text}”`;
  out.setAttribute("data-text", text);
  byId<HTMLInputElement>("new-name").value = text;
  byId<HTMLInputElement>("new-id").value = "";
  byId<HTMLInputElement>("search").value = text.split(/\s+/).pop() ?? text;
  loaded = null;
}

export function setUp(onChange: () => Promise<void>): void {
  changed = onChange;
  byId<HTMLFormElement>("new-form").addEventListener("submit", (e) => void saveEntity(e));
  byId<HTMLFormElement>("alias-form").addEventListener("submit", (e) => void search(e));
  byId<HTMLFormElement>("edit-form").addEventListener("submit", (e) => void load(e));
  byId("edit-delete").addEventListener("click", () => void remove());
  document.addEventListener("selectionchange", trackSelection);
}
