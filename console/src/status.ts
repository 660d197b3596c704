// Status: the serving gazetteer (GetInfo): version, counts by type and namespace, the last
// reload and its errors, the edit log.

import { admin, auth, describe } from "./api";
import { byId, el, when } from "./dom";

export async function refresh(): Promise<void> {
  const dl = byId("status-list");
  const rows: [string, string][] = [];
  try {
    const i = await admin.getInfo({}, auth());
    rows.push(["Version", i.version]);
    rows.push(["Entries", `${i.entries} (${i.forms} forms; ${i.editLayerEntries} in the edit layer)`]);
    rows.push(["By type", i.byType.map((t) => `${t.type} ${t.entries}`).join(", ")]);
    rows.push(["By namespace", i.byNamespace.map((n) => `${n.namespace} ${n.entries}`).join(", ")]);
    rows.push(["Loaded", when(i.loadedAtUnixMs)]);
    const r = i.lastReload;
    rows.push(["Last reload", r ? `${r.ok ? "ok" : "FAILED"} at ${when(r.atUnixMs)} (${r.trigger}, ${r.durationMs} ms)` : "none since start"]);
    if (r && r.errors.length) rows.push(["Reload errors", `${r.errorCount}: ${r.errors.join("; ")}`]);
    if (i.editLog) rows.push(["Edit log", `${i.editLog.kind}, applied seq ${i.editLog.appliedSeq}${i.editLog.error ? `, error: ${i.editLog.error}` : ""}`]);
    if (i.fileWatch) rows.push(["File watch", `${i.fileWatch.mode}${i.fileWatch.error ? `, error: ${i.fileWatch.error}` : ""}`]);
  } catch (e) {
    rows.push(["Error", describe(e)]);
  }
  dl.replaceChildren(...rows.flatMap(([k, v]) => [el("dt", k), el("dd", v || "—")]));
}

export function setUp(): void {
  byId("status-refresh").addEventListener("click", () => void refresh());
}
