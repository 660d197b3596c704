/**
 * The protos this package ships (`proto/`): Gazette's own, loaded for @grpc/grpc-js, and
 * `google.rpc.Status` with its error details, decoded from failed calls' trailers.
 */
import * as path from 'path';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import * as protobuf from 'protobufjs';
import type { ProtoGrpcType } from './generated/gazette';

/** `proto/` beside `dist/` (or beside `src/` when run from the sources). */
const PROTO_ROOT = path.join(__dirname, '..', 'proto');

/** The loader options the generated types were made with (`npm run generate`). */
const LOADER_OPTIONS: protoLoader.Options = {
  includeDirs: [PROTO_ROOT],
  keepCase: true,
  longs: String,
  enums: String,
  defaults: true,
  oneofs: true,
};

let services: ProtoGrpcType | undefined;

/** The Gazette services, loaded once. */
export function gazette(): ProtoGrpcType {
  if (!services) {
    const definition = protoLoader.loadSync('gazette/v1/gazette.proto', LOADER_OPTIONS);
    services = grpc.loadPackageDefinition(definition) as unknown as ProtoGrpcType;
  }
  return services;
}

let rpc: protobuf.Root | undefined;

/** `google.rpc` messages (Status, BadRequest, RetryInfo, …), loaded once. */
export function googleRpc(): protobuf.Root {
  if (!rpc) {
    const root = new protobuf.Root();
    root.resolvePath = (_origin, target) =>
      // google/protobuf/*.proto are protobufjs's own (any, duration); the rest are ours.
      target.startsWith('google/protobuf/') ? target : path.join(PROTO_ROOT, target);
    rpc = root.loadSync(['google/rpc/status.proto', 'google/rpc/error_details.proto'], {
      keepCase: true,
    });
  }
  return rpc;
}
