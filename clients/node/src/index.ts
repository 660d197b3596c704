/**
 * A small typed helper over @grpc/grpc-js for Gazette.
 *
 * Offsets default to UTF-16 code units, which is how JavaScript indexes strings: for every
 * mention, `text.slice(m.start, m.end) === m.text`.
 *
 * ```ts
 * import { connect } from '@gazette/client';
 * const gz = connect('localhost:50051');
 * const result = await gz.extract('Syrian troops left Aleppo.');
 * for (const m of result.mentions) console.log(m.type, m.text, m.entity_id);
 * gz.close();
 * ```
 */
import * as path from 'path';
import * as fs from 'fs';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import type { ProtoGrpcType } from './generated/gazette';
import type { EntityExtractorClient } from './generated/gazette/v1/EntityExtractor';
import type { ExtractRequest } from './generated/gazette/v1/ExtractRequest';
import type { ExtractResponse__Output } from './generated/gazette/v1/ExtractResponse';

export type { ExtractRequest } from './generated/gazette/v1/ExtractRequest';
export type { ExtractResponse__Output as ExtractResponse } from './generated/gazette/v1/ExtractResponse';
export type { Mention__Output as Mention } from './generated/gazette/v1/Mention';
export type { Entity__Output as Entity } from './generated/gazette/v1/Entity';

/** The proto files: shipped in the package (`proto/`), or the repository's own. */
function protoRoot(): string {
  const shipped = path.join(__dirname, '..', 'proto');
  return fs.existsSync(shipped) ? shipped : path.join(__dirname, '..', '..', '..', 'proto');
}

function load(): ProtoGrpcType {
  const root = protoRoot();
  const definition = protoLoader.loadSync(path.join(root, 'gazette/v1/gazette.proto'), {
    includeDirs: [root],
    keepCase: true,
    longs: String,
    enums: String,
    defaults: true,
    oneofs: true,
  });
  return grpc.loadPackageDefinition(definition) as unknown as ProtoGrpcType;
}

/** A failed call: `code` is the gRPC status code, `details` the server's message. */
export class GazetteError extends Error {
  constructor(public readonly code: grpc.status, public readonly details: string) {
    super(`${grpc.status[code]}: ${details}`);
  }
}

export interface Options {
  /** Per-call deadline in milliseconds (default 10,000). */
  timeoutMs?: number;
  /** TLS credentials; plaintext when absent. */
  credentials?: grpc.ChannelCredentials;
}

export interface Gazette {
  /** Finds the entities in `text`; offsets in UTF-16 code units unless `request` says otherwise. */
  extract(text: string, request?: Partial<ExtractRequest>): Promise<ExtractResponse__Output>;
  /** Streams documents through one ExtractStream call; answers come in request order. */
  extractMany(texts: string[]): Promise<ExtractResponse__Output[]>;
  close(): void;
  /** The generated client, for everything else. */
  raw: EntityExtractorClient;
}

export function connect(address: string, options: Options = {}): Gazette {
  const proto = load();
  const raw = new proto.gazette.v1.EntityExtractor(
    address,
    options.credentials ?? grpc.credentials.createInsecure(),
  );
  const timeoutMs = options.timeoutMs ?? 10_000;
  const deadline = () => new Date(Date.now() + timeoutMs);
  const request = (text: string, extra: Partial<ExtractRequest> = {}): ExtractRequest => ({
    offset_encoding: 'OFFSET_ENCODING_UTF16',
    ...extra,
    text,
  });
  return {
    raw,
    close: () => raw.close(),
    extract: (text, extra) =>
      new Promise((resolve, reject) => {
        raw.Extract(request(text, extra), { deadline: deadline() }, (err, response) => {
          if (err) reject(new GazetteError(err.code, err.details));
          else if (!response) reject(new GazetteError(grpc.status.INTERNAL, 'empty response'));
          else resolve(response);
        });
      }),
    extractMany: (texts) =>
      new Promise((resolve, reject) => {
        const answers: ExtractResponse__Output[] = [];
        const call = raw.ExtractStream({ deadline: deadline() });
        call.on('data', (r: ExtractResponse__Output) => answers.push(r));
        call.on('error', (err: grpc.ServiceError) => reject(new GazetteError(err.code, err.details)));
        call.on('end', () => resolve(answers));
        texts.forEach((text, i) => call.write(request(text, { document_id: String(i) })));
        call.end();
      }),
  };
}
