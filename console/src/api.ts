// The two gRPC services over gRPC-web, same origin, and the admin token of this tab.

import { createClient, ConnectError } from "@connectrpc/connect";
import { createGrpcWebTransport } from "@connectrpc/connect-web";
import { EntityExtractor, GazetteerAdmin } from "./gen/gazette/v1/gazette_pb";

const transport = createGrpcWebTransport({ baseUrl: window.location.origin, useBinaryFormat: true });

export const extractor = createClient(EntityExtractor, transport);
export const admin = createClient(GazetteerAdmin, transport);

const TOKEN_KEY = "gazette.admin-token";

/** The token entered in this tab (sessionStorage: gone when the tab closes). */
export function token(): string {
  return sessionStorage.getItem(TOKEN_KEY) ?? "";
}

export function setToken(value: string): void {
  if (value) sessionStorage.setItem(TOKEN_KEY, value);
  else sessionStorage.removeItem(TOKEN_KEY);
}

/** Call options carrying the token, if any: the admin service checks it as over gRPC. */
export function auth(): { headers: Record<string, string> } {
  const t = token();
  return { headers: t ? { authorization: `Bearer ${t}` } : {} };
}

/** A failed call as one line: the gRPC code, the message, and the fields at fault. */
export function describe(e: unknown): string {
  if (e instanceof ConnectError) {
    return `${e.code === undefined ? "error" : codeName(e.code)}: ${e.rawMessage}`;
  }
  return String(e);
}

function codeName(code: number): string {
  const names = ["OK", "CANCELLED", "UNKNOWN", "INVALID_ARGUMENT", "DEADLINE_EXCEEDED", "NOT_FOUND",
    "ALREADY_EXISTS", "PERMISSION_DENIED", "RESOURCE_EXHAUSTED", "FAILED_PRECONDITION", "ABORTED",
    "OUT_OF_RANGE", "UNIMPLEMENTED", "INTERNAL", "UNAVAILABLE", "DATA_LOSS", "UNAUTHENTICATED"];
  return names[code] ?? `code ${code}`;
}
