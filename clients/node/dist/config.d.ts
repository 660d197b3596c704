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
export declare const DEFAULT_TIMEOUT_MS = 10000;
/** The largest answer the channel accepts (grpc's default 4 MiB is less than the mentions of
 * a 1 MiB article may take). */
export declare const MAX_RESPONSE_BYTES: number;
/** The service config as JSON: unary calls time out after `timeoutMs` (`null`: never); streams
 * have no default deadline, as they last as long as their input. Both retry UNAVAILABLE. */
export declare function serviceConfig(timeoutMs?: number | null): string;
/** The channel options a client is made with. */
export declare function channelOptions(timeoutMs: number | null): ChannelOptions;
