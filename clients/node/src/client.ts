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
import { channelOptions, DEFAULT_TIMEOUT_MS } from './config';
import { fromServiceError, GazetteError } from './errors';
import { gazette } from './proto';
import { Replay } from './replay';
import { Budget, RetryPolicy, sleep } from './retry';
import type { EntityExtractorClient } from './generated/gazette/v1/EntityExtractor';
import type { GazetteerAdminClient } from './generated/gazette/v1/GazetteerAdmin';
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
export type UnaryMethod<Req, Resp> = (
  request: Req,
  metadata: grpc.Metadata,
  options: grpc.CallOptions,
  callback: (err: grpc.ServiceError | null, response?: Resp) => void,
) => grpc.ClientUnaryCall;

/** A connection to a Gazette server (or a load balancer in front of replicas). */
export class GazetteClient {
  /** The generated client, for everything else (same channel and service config). */
  readonly raw: EntityExtractorClient;
  /** The admin calls, with the client's token. */
  readonly admin: Admin;
  private readonly timeoutMs: number | null;
  private readonly retry: RetryPolicy;
  private readonly options: ExtractOptions;

  constructor(address: string, options: ConnectOptions = {}) {
    const proto = gazette().gazette.v1;
    this.timeoutMs = options.timeoutMs === undefined ? DEFAULT_TIMEOUT_MS : options.timeoutMs;
    this.retry = options.retry ?? {};
    this.options = options.options ?? {};
    const credentials = options.credentials ?? grpc.credentials.createInsecure();
    this.raw = new proto.EntityExtractor(address, credentials, channelOptions(this.timeoutMs));
    // The admin client shares the channel.
    const admin: GazetteerAdminClient = new proto.GazetteerAdmin(address, credentials, {
      channelOverride: this.raw.getChannel(),
    });
    this.admin = new Admin(admin, this, options.adminToken);
  }

  /** Closes the channel; calls in flight are cancelled. */
  close(): void {
    this.raw.close();
  }

  /** Finds the entities in one document: `text`, and in `request` its `document_id`,
   * `headline`, `fields` and any option (over the client's defaults). Offsets in UTF-16 code
   * units unless `offset_encoding` says otherwise. Throws `GazetteError`. */
  extract(
    text: string,
    request: Omit<ExtractRequest, 'text'> = {},
    call: CallOptions = {},
  ): Promise<ExtractResponse> {
    const { document_id, headline, fields, ...opts } = request;
    const req = this.request({ text, document_id, headline, fields }, { ...this.options, ...opts });
    return this.unary(this.raw.Extract.bind(this.raw), req, call);
  }

  /** Streams many documents through one `ExtractStream` call and yields a result per document
   * in input order, as they are ready. `documents` (strings or `Document`s, sync or async
   * iterable) is read as the stream has room. A stream the server shed or that lost its server
   * is opened again where it stopped; an invalid document ends it with a `GazetteError`
   * naming it (the results before it stand). */
  async *extractStream(
    documents: Iterable<Document | string> | AsyncIterable<Document | string>,
    options?: ExtractOptions,
    call: CallOptions = {},
  ): AsyncGenerator<ExtractResponse> {
    const opts = { ...this.options, ...options };
    const self = this;
    async function* requests(): AsyncGenerator<ExtractRequest> {
      for await (const d of documents) yield self.request(typeof d === 'string' ? { text: d } : d, opts);
    }
    const replay = new Replay(requests());
    const budget = new Budget(this.retry, call.timeoutMs ?? null);
    let writer: Promise<void> = Promise.resolve();
    for (;;) {
      await writer; // an earlier attempt's writer may still be pulling the input
      const stream = this.raw.ExtractStream({ deadline: budget.callDeadline() });
      writer = write(stream, replay.attempt());
      let error: GazetteError;
      try {
        for await (const response of stream) {
          replay.answered();
          budget.progress();
          yield response as ExtractResponse;
        }
        await writer;
        if (replay.error !== undefined) throw replay.error;
        return;
      } catch (e) {
        if (!isServiceError(e)) throw e;
        error = fromServiceError(e);
      } finally {
        stream.cancel(); // ends the call if the caller stopped iterating early
      }
      const wait = budget.delay(error, true);
      if (wait === null) throw error;
      await sleep(wait);
    }
  }

  /** Every document's result, in order, through one stream. */
  async extractMany(
    documents: Iterable<Document | string> | AsyncIterable<Document | string>,
    options?: ExtractOptions,
    call: CallOptions = {},
  ): Promise<ExtractResponse[]> {
    const results: ExtractResponse[] = [];
    for await (const r of this.extractStream(documents, options, call)) results.push(r);
    return results;
  }

  private request(doc: Document, options: ExtractOptions): ExtractRequest {
    return { offset_encoding: 'OFFSET_ENCODING_UTF16', ...options, ...doc };
  }

  /** One unary call with the client's deadline and shed retries. */
  async unary<Req, Resp>(
    method: UnaryMethod<Req, Resp>,
    request: Req,
    call: CallOptions,
    metadata: grpc.Metadata = new grpc.Metadata(),
  ): Promise<Resp> {
    const budget = new Budget(this.retry, call.timeoutMs === undefined ? this.timeoutMs : call.timeoutMs);
    for (;;) {
      try {
        return await new Promise<Resp>((resolve, reject) => {
          method(request, metadata, { deadline: budget.callDeadline() }, (err, response) => {
            if (err) reject(err);
            else if (response === undefined) reject(new GazetteError(grpc.status.INTERNAL, 'no response'));
            else resolve(response);
          });
        });
      } catch (e) {
        if (!isServiceError(e)) throw e;
        const error = fromServiceError(e);
        const wait = budget.delay(error);
        if (wait === null) throw error;
        await sleep(wait);
      }
    }
  }
}

/** A client for the server at `address` (`host:port`, or any gRPC target). */
export function connect(address: string, options: ConnectOptions = {}): GazetteClient {
  return new GazetteClient(address, options);
}

function isServiceError(e: unknown): e is grpc.ServiceError {
  return e instanceof Error && typeof (e as Partial<grpc.ServiceError>).code === 'number' && 'metadata' in e;
}

/** Writes `requests` to `stream` as it has room, then half-closes it; stops if the call ends. */
async function write(
  stream: grpc.ClientDuplexStream<ExtractRequest, unknown>,
  requests: AsyncGenerator<ExtractRequest>,
): Promise<void> {
  let ended = false;
  const end = () => {
    ended = true;
  };
  stream.once('close', end);
  stream.once('error', end);
  try {
    for await (const request of requests) {
      if (ended) return;
      if (!stream.write(request)) {
        await new Promise<void>((resolve) => {
          const done = () => {
            for (const event of ['drain', 'close', 'error']) stream.off(event, done);
            resolve();
          };
          for (const event of ['drain', 'close', 'error']) stream.on(event, done);
        });
      }
    }
    if (!ended) stream.end();
  } catch {
    // Writing to a call that just ended: its reader reports why.
  }
}
