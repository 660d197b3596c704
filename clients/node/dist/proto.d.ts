import * as protobuf from 'protobufjs';
import type { ProtoGrpcType } from './generated/gazette';
/** The Gazette services, loaded once. */
export declare function gazette(): ProtoGrpcType;
/** `google.rpc` messages (Status, BadRequest, RetryInfo, …), loaded once. */
export declare function googleRpc(): protobuf.Root;
