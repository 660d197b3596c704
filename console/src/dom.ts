// Small DOM helpers: elements built with text nodes only (never innerHTML), so article text and
// server answers can never become markup.

/** The element with `id`, or an error naming it (the page and this script ship together). */
export function byId<T extends HTMLElement>(id: string): T {
  const e = document.getElementById(id);
  if (!e) throw new Error(`the page has no #${id}`);
  return e as T;
}

/** A new `tag` element with `text` as its only content and the given attributes. */
export function el(tag: string, text = "", attrs: Record<string, string> = {}): HTMLElement {
  const e = document.createElement(tag);
  if (text) e.textContent = text;
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  return e;
}

/** Shows a message in the status line (an error in red, also announced). */
export function flash(message: string, error = false): void {
  const f = byId("flash");
  f.textContent = message;
  f.classList.toggle("error", error);
}

/** A timestamp in Unix milliseconds as ISO 8601 UTC ("" when unknown). */
export function when(unixMs: bigint | number): string {
  const ms = Number(unixMs);
  return ms > 0 ? new Date(ms).toISOString().replace(".000Z", "Z") : "";
}
