// Original file: proto/gazette/v1/gazette.proto

import type { Long } from '@grpc/proto-loader';

export interface TypeCount {
  'type'?: (string);
  'entries'?: (number | string | Long);
  'forms'?: (number | string | Long);
}

export interface TypeCount__Output {
  'type': (string);
  'entries': (string);
  'forms': (string);
}
