/**
 * The channel's gRPC service config: a deadline for every unary call and retries of
 * UNAVAILABLE. These are the defaults of every call on the client's channel, including calls
 * made with `client.raw`.
 *
 * ```ts
 * import { serviceConfig } from '@gazette/client';
 * JSON.parse(serviceConfig(5000)).methodConfig[0].timeout; // '5s'
 * ```
 */
import type { ChannelOptions } from '@grpc/grpc-js';

/** Milliseconds a unary call (an extract, an admin call) may take by default. */
export const DEFAULT_TIMEOUT_MS = 10_000;

/** The largest answer the channel accepts (grpc's default 4 MiB is less than the mentions of
 * a 1 MiB article may take). */
export const MAX_RESPONSE_BYTES = 64 << 20;

// UNAVAILABLE means the call did not reach a server that could answer: every Gazette call may
// be sent again, admin edits included (an upsert or delete applied twice gives the same
// entries; a repeated revert is refused). RESOURCE_EXHAUSTED is not listed: gRPC would retry it
// on its own backoff, blind to the server's RetryInfo delay, which retry.ts honours instead.
const RETRY = {
  maxAttempts: 4,
  initialBackoff: '0.1s',
  maxBackoff: '2s',
  backoffMultiplier: 2,
  retryableStatusCodes: ['UNAVAILABLE'],
};

/** The service config as JSON: unary calls time out after `timeoutMs` (`null`: never); streams
 * have no default deadline, as they last as long as their input. Both retry UNAVAILABLE. */
export function serviceConfig(timeoutMs: number | null = DEFAULT_TIMEOUT_MS): string {
  const unary: Record<string, unknown> = {
    name: [
      { service: 'gazette.v1.EntityExtractor', method: 'Extract' },
      { service: 'gazette.v1.GazetteerAdmin' },
    ],
    retryPolicy: RETRY,
  };
  if (timeoutMs !== null) unary.timeout = duration(timeoutMs);
  const stream = {
    name: [{ service: 'gazette.v1.EntityExtractor', method: 'ExtractStream' }],
    retryPolicy: RETRY,
  };
  return JSON.stringify({ methodConfig: [unary, stream] });
}

/** A protobuf JSON duration: whole seconds (`10s`), or nine fractional digits
 * (`0.250000000s`), as grpc-js reads the digits after the point as nanoseconds (`0.25s`: 25 ns). */
function duration(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${(ms / 1000).toFixed(9)}s`;
}

/** The channel options a client is made with. */
export function channelOptions(timeoutMs: number | null): ChannelOptions {
  return {
    'grpc.service_config': serviceConfig(timeoutMs),
    'grpc.enable_retries': 1,
    'grpc.max_receive_message_length': MAX_RESPONSE_BYTES,
  };
}
