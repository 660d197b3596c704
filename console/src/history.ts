// History: the latest edits with who and when (ListEdits), each with an Undo (RevertEdit).

import { admin, auth, describe } from "./api";
import { byId, el, flash, when } from "./dom";
import { retag } from "./tag";

let changed: () => Promise<void> = async () => {};

/** Reads the newest edits into the table. */
export async function refresh(): Promise<void> {
  const rows = byId("history-rows");
  try {
    const r = await admin.listEdits({ pageSize: 20 }, auth());
    rows.replaceChildren();
    if (r.edits.length === 0) rows.append(row(["", "", "", "no edits yet", ""]));
    for (const e of r.edits) {
      const change = e.reverts ? `${e.op} (undoes #${e.reverts})` : e.op;
      const tr = row([String(e.seq), when(e.atUnixMs), e.editor || "(unknown)", change, e.entityId]);
      const undo = el("button", "Undo", { type: "button", "aria-label": `Undo edit ${e.seq} (${change} ${e.entityId})`, "data-seq": String(e.seq) });
      undo.addEventListener("click", () => void revert(e.seq));
      const td = el("td");
      td.append(undo);
      tr.append(td);
      rows.append(tr);
    }
  } catch (e) {
    rows.replaceChildren(row(["", "", "", `cannot list edits: ${describe(e)}`, ""]));
  }
}

function row(cells: string[]): HTMLElement {
  const tr = el("tr");
  for (const c of cells) tr.append(el("td", c));
  return tr;
}

async function revert(seq: bigint): Promise<void> {
  try {
    const r = await admin.revertEdit({ seq }, auth());
    flash(`Edit ${seq} undone; gazetteer version now ${r.version}.`);
    await retag();
    await changed();
  } catch (e) {
    flash(`Not undone: ${describe(e)}`, true);
  }
}

export function setUp(onChange: () => Promise<void>): void {
  changed = onChange;
  byId("history-refresh").addEventListener("click", () => void refresh());
}
