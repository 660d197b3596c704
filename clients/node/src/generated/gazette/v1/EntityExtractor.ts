// Original file: proto/gazette/v1/gazette.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { ExtractRequest as _gazette_v1_ExtractRequest, ExtractRequest__Output as _gazette_v1_ExtractRequest__Output } from '../../gazette/v1/ExtractRequest';
import type { ExtractResponse as _gazette_v1_ExtractResponse, ExtractResponse__Output as _gazette_v1_ExtractResponse__Output } from '../../gazette/v1/ExtractResponse';

export interface EntityExtractorClient extends grpc.Client {
  Extract(argument: _gazette_v1_ExtractRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_gazette_v1_ExtractResponse__Output>): grpc.ClientUnaryCall;
  Extract(argument: _gazette_v1_ExtractRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_gazette_v1_ExtractResponse__Output>): grpc.ClientUnaryCall;
  Extract(argument: _gazette_v1_ExtractRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_gazette_v1_ExtractResponse__Output>): grpc.ClientUnaryCall;
  Extract(argument: _gazette_v1_ExtractRequest, callback: grpc.requestCallback<_gazette_v1_ExtractResponse__Output>): grpc.ClientUnaryCall;
  extract(argument: _gazette_v1_ExtractRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_gazette_v1_ExtractResponse__Output>): grpc.ClientUnaryCall;
  extract(argument: _gazette_v1_ExtractRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_gazette_v1_ExtractResponse__Output>): grpc.ClientUnaryCall;
  extract(argument: _gazette_v1_ExtractRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_gazette_v1_ExtractResponse__Output>): grpc.ClientUnaryCall;
  extract(argument: _gazette_v1_ExtractRequest, callback: grpc.requestCallback<_gazette_v1_ExtractResponse__Output>): grpc.ClientUnaryCall;
  
  ExtractStream(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_gazette_v1_ExtractRequest, _gazette_v1_ExtractResponse__Output>;
  ExtractStream(options?: grpc.CallOptions): grpc.ClientDuplexStream<_gazette_v1_ExtractRequest, _gazette_v1_ExtractResponse__Output>;
  extractStream(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_gazette_v1_ExtractRequest, _gazette_v1_ExtractResponse__Output>;
  extractStream(options?: grpc.CallOptions): grpc.ClientDuplexStream<_gazette_v1_ExtractRequest, _gazette_v1_ExtractResponse__Output>;
  
}

export interface EntityExtractorHandlers extends grpc.UntypedServiceImplementation {
  Extract: grpc.handleUnaryCall<_gazette_v1_ExtractRequest__Output, _gazette_v1_ExtractResponse>;
  
  ExtractStream: grpc.handleBidiStreamingCall<_gazette_v1_ExtractRequest__Output, _gazette_v1_ExtractResponse>;
  
}

export interface EntityExtractorDefinition extends grpc.ServiceDefinition {
  Extract: MethodDefinition<_gazette_v1_ExtractRequest, _gazette_v1_ExtractResponse, _gazette_v1_ExtractRequest__Output, _gazette_v1_ExtractResponse__Output>
  ExtractStream: MethodDefinition<_gazette_v1_ExtractRequest, _gazette_v1_ExtractResponse, _gazette_v1_ExtractRequest__Output, _gazette_v1_ExtractResponse__Output>
}
