/**
 * A typed client for Gazette, the gRPC entity-extraction service, over @grpc/grpc-js.
 *
 * Offsets default to UTF-16 code units, which is how JavaScript indexes strings: for every
 * mention, `text.slice(m.start, m.end) === m.text` (`text` being the field it is in).
 *
 * ```ts
 * import { connect } from '@gazette/client';
 * const gz = connect('localhost:50051');
 * const result = await gz.extract('Syrian troops left Aleppo.');
 * for (const m of result.mentions) console.log(m.type, m.text, m.entity_id);
 * gz.close();
 * ```
 *
 * Where things are: `client.ts` (connect, extract, streams), `admin.ts` (the admin calls),
 * `types.ts` (request and response types), `errors.ts` (GazetteError and the server's error
 * details), `config.ts` (the service config: deadlines, UNAVAILABLE retries), `retry.ts`
 * (shed calls retried after RetryInfo), `replay.ts` (resumable stream input), `proto.ts`
 * (the shipped protos), `generated/` (proto-loader-gen-types output).
 */
export { connect, GazetteClient } from './client';
export type { CallOptions, ConnectOptions } from './client';
export { Admin } from './admin';
export { GazetteError } from './errors';
export type { FieldViolation, PreconditionViolation } from './errors';
export { DEFAULT_TIMEOUT_MS, serviceConfig } from './config';
export type { RetryPolicy } from './retry';
export * from './types';
