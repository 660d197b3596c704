// Original file: ../../proto/gazette/v1/gazette.proto

import type { Long } from '@grpc/proto-loader';

export interface RevertEditRequest {
  'seq'?: (number | string | Long);
}

export interface RevertEditRequest__Output {
  'seq': (string);
}
