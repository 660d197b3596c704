/**
 * The one error the client throws, with the server's error details made readable: field
 * violations (`google.rpc.BadRequest`) for bad input, precondition violations for a failed
 * reload or revert, and the retry delay (`google.rpc.RetryInfo`) of a shed call.
 *
 * ```ts
 * try {
 *   await gz.extract('Aleppo', { gazetteers: ['sports'] });
 * } catch (e) {
 *   if (e instanceof GazetteError) console.log(e.codeName, e.fieldViolations);
 *   // INVALID_ARGUMENT [ { field: 'gazetteers[0]', description: '…' } ]
 * }
 * ```
 */
import { Metadata, status } from '@grpc/grpc-js';
import type { ServiceError } from '@grpc/grpc-js';
import { googleRpc } from './proto';

/** A bad request field: its path (`fields[1].name`, `text`) and what is wrong. */
export interface FieldViolation {
  field: string;
  description: string;
}

/** A failed precondition: `subject` is e.g. `people.jsonl:3` or an edit's seq. */
export interface PreconditionViolation {
  type: string;
  subject: string;
  description: string;
}

/** A failed call. */
export class GazetteError extends Error {
  /** The gRPC status code. */
  readonly code: status;
  /** The server's message. */
  readonly details: string;
  readonly fieldViolations: FieldViolation[];
  readonly preconditionViolations: PreconditionViolation[];
  /** How long the server asked to wait before retrying (ms), when it shed the call. */
  readonly retryDelayMs: number | null;
  /** `google.rpc.ErrorInfo.reason` (`OVERLOADED`), or empty. */
  readonly reason: string;

  constructor(
    code: status,
    details: string,
    extra: {
      fieldViolations?: FieldViolation[];
      preconditionViolations?: PreconditionViolation[];
      retryDelayMs?: number | null;
      reason?: string;
    } = {},
  ) {
    const fieldViolations = extra.fieldViolations ?? [];
    const preconditionViolations = extra.preconditionViolations ?? [];
    // The server's message usually names the first violations already.
    const parts = [
      ...fieldViolations.map((v) => `${v.field}: ${v.description}`),
      ...preconditionViolations.map((v) => `${v.subject}: ${v.description}`),
    ].filter((p) => !details.includes(p));
    super(`${status[code]}: ${details}${parts.length ? ` [${parts.join('; ')}]` : ''}`);
    this.name = 'GazetteError';
    this.code = code;
    this.details = details;
    this.fieldViolations = fieldViolations;
    this.preconditionViolations = preconditionViolations;
    this.retryDelayMs = extra.retryDelayMs ?? null;
    this.reason = extra.reason ?? '';
  }

  /** The code's name: `INVALID_ARGUMENT`. */
  get codeName(): string {
    return status[this.code];
  }
}

interface AnyMessage {
  type_url: string;
  value: Uint8Array;
}

/** The error for a failed call of @grpc/grpc-js. */
export function fromServiceError(err: ServiceError): GazetteError {
  const extra: ConstructorParameters<typeof GazetteError>[2] = {};
  for (const any of statusDetails(err.metadata)) {
    const name = any.type_url.slice(any.type_url.lastIndexOf('/') + 1);
    const decoded = decode(name, any.value);
    if (decoded === null) continue;
    if (name === 'google.rpc.BadRequest') {
      const vs = (decoded.field_violations ?? []) as FieldViolation[];
      extra.fieldViolations = vs.map(({ field, description }) => ({ field, description }));
    } else if (name === 'google.rpc.PreconditionFailure') {
      const vs = (decoded.violations ?? []) as PreconditionViolation[];
      extra.preconditionViolations = vs.map(({ type, subject, description }) => ({ type, subject, description }));
    } else if (name === 'google.rpc.RetryInfo') {
      const d = (decoded.retry_delay ?? {}) as { seconds?: number; nanos?: number };
      extra.retryDelayMs = Number(d.seconds ?? 0) * 1000 + Number(d.nanos ?? 0) / 1e6;
    } else if (name === 'google.rpc.ErrorInfo') {
      extra.reason = String(decoded.reason ?? '');
    }
  }
  return new GazetteError(err.code, err.details, extra);
}

function statusDetails(metadata: Metadata | undefined): AnyMessage[] {
  const [bin] = metadata?.get('grpc-status-details-bin') ?? [];
  if (!(bin instanceof Buffer)) return [];
  const decoded = decode('google.rpc.Status', bin);
  return (decoded?.details as AnyMessage[] | undefined) ?? [];
}

/** The message `name` decoded as a plain object (64-bit ints as numbers), or `null` when the
 * bytes are not one: a proxy may set the trailer too, and the code and message still stand. */
function decode(name: string, bytes: Uint8Array): Record<string, unknown> | null {
  let type;
  try {
    type = googleRpc().lookupType(name);
  } catch {
    return null; // a detail this client does not know
  }
  try {
    return type.toObject(type.decode(bytes), { longs: Number, defaults: true, arrays: true });
  } catch {
    return null;
  }
}
