// The console's entry point: wires the sections to the page.

import { setToken, token } from "./api";
import { byId, flash } from "./dom";
import * as fix from "./fix";
import * as history from "./history";
import * as never from "./never";
import * as status from "./status";
import { retag, tag } from "./tag";

async function refreshAll(): Promise<void> {
  await Promise.all([history.refresh(), status.refresh()]);
}

function setUpToken(): void {
  const input = byId<HTMLInputElement>("token");
  input.value = token();
  byId<HTMLFormElement>("token-form").addEventListener("submit", (ev) => {
    ev.preventDefault();
    setToken(input.value.trim());
    flash(input.value ? "Token set for this tab." : "No token: reads only where the server allows.");
    void refreshAll();
  });
  byId("token-forget").addEventListener("click", () => {
    input.value = "";
    setToken("");
    flash("Token forgotten.");
  });
}

function setUpTag(): void {
  byId<HTMLFormElement>("tag-form").addEventListener("submit", (ev) => {
    ev.preventDefault();
    void tag();
  });
  byId<HTMLInputElement>("file").addEventListener("change", async (ev) => {
    const file = (ev.target as HTMLInputElement).files?.[0];
    if (!file) return;
    const text = await file.text();
    const cut = text.indexOf("\n");
    byId<HTMLInputElement>("headline").value = cut < 0 ? text : text.slice(0, cut).trim();
    byId<HTMLTextAreaElement>("body").value = cut < 0 ? "" : text.slice(cut + 1).replace(/^\s*\n/, "");
    void tag();
  });
}

setUpToken();
setUpTag();
fix.setUp(refreshAll);
history.setUp(refreshAll);
never.setUp(async () => {
  await retag();
  await refreshAll();
});
status.setUp();
void refreshAll();
document.body.setAttribute("data-ready", "true");
