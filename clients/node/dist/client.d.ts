/**
 * The client: `connect()` and the `GazetteClient` it returns.
 *
 * ```ts
 * import { connect } from '@gazette/client';
 * const gz = connect('localhost:50051');
 * const result = await gz.extract('Syrian troops left Aleppo.', { explain: true });
 * for (const m of result.mentions) console.log(m.type, m.text, m.entity_id);
 * gz.close();
 * ```
 */
import * as grpc from '@grpc/grpc-js';
import { Admin } from './admin';
import { RetryPolicy } from './retry';
import type { EntityExtractorClient } from './generated/gazette/v1/EntityExtractor';
import type { ExtractRequest } from './generated/gazette/v1/ExtractRequest';
import type { Document, ExtractOptions, ExtractResponse } from './types';
export interface ConnectOptions {
    /** Default deadline of a unary call in ms, across its retries (10,000); `null`: none. */
    timeoutMs?: number | null;
    /** How shed calls are retried. */
    retry?: RetryPolicy;
    /** Default options of every extract; a call's own options override them one by one. */
    options?: ExtractOptions;
    /** Sent as `authorization: Bearer …` on admin calls. */
    adminToken?: string;
    /** TLS credentials; plaintext when absent. */
    credentials?: grpc.ChannelCredentials;
}
/** Per-call settings. */
export interface CallOptions {
    /** Deadline in ms across retries: default the client's for unary calls, none for streams. */
    timeoutMs?: number | null;
}
/** A unary call of a generated client, with its callback. */
export type UnaryMethod<Req, Resp> = (request: Req, metadata: grpc.Metadata, options: grpc.CallOptions, callback: (err: grpc.ServiceError | null, response?: Resp) => void) => grpc.ClientUnaryCall;
/** A connection to a Gazette server (or a load balancer in front of replicas). */
export declare class GazetteClient {
    /** The generated client, for everything else (same channel and service config). */
    readonly raw: EntityExtractorClient;
    /** The admin calls, with the client's token. */
    readonly admin: Admin;
    private readonly timeoutMs;
    private readonly retry;
    private readonly options;
    constructor(address: string, options?: ConnectOptions);
    /** Closes the channel; calls in flight are cancelled. */
    close(): void;
    /** Finds the entities in one document: `text`, and in `request` its `document_id`,
     * `headline`, `fields` and any option (over the client's defaults). Offsets in UTF-16 code
     * units unless `offset_encoding` says otherwise. Throws `GazetteError`. */
    extract(text: string, request?: Omit<ExtractRequest, 'text'>, call?: CallOptions): Promise<ExtractResponse>;
    /** Streams many documents through one `ExtractStream` call and yields a result per document
     * in input order, as they are ready. `documents` (strings or `Document`s, sync or async
     * iterable) is read as the stream has room. A stream the server shed or that lost its server
     * is opened again where it stopped; an invalid document ends it with a `GazetteError`
     * naming it (the results before it stand). */
    extractStream(documents: Iterable<Document | string> | AsyncIterable<Document | string>, options?: ExtractOptions, call?: CallOptions): AsyncGenerator<ExtractResponse>;
    /** Every document's result, in order, through one stream. */
    extractMany(documents: Iterable<Document | string> | AsyncIterable<Document | string>, options?: ExtractOptions, call?: CallOptions): Promise<ExtractResponse[]>;
    private request;
    /** One unary call with the client's deadline and shed retries. */
    unary<Req, Resp>(method: UnaryMethod<Req, Resp>, request: Req, call: CallOptions, metadata?: grpc.Metadata): Promise<Resp>;
}
/** A client for the server at `address` (`host:port`, or any gRPC target). */
export declare function connect(address: string, options?: ConnectOptions): GazetteClient;
