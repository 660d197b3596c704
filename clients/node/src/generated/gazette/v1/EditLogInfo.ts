// Original file: proto/gazette/v1/gazette.proto

import type { Long } from '@grpc/proto-loader';

export interface EditLogInfo {
  'kind'?: (string);
  'applied_seq'?: (number | string | Long);
  'last_contact_unix_ms'?: (number | string | Long);
  'error'?: (string);
}

export interface EditLogInfo__Output {
  'kind': (string);
  'applied_seq': (string);
  'last_contact_unix_ms': (string);
  'error': (string);
}
