// Original file: proto/gazette/v1/gazette.proto

import type { Long } from '@grpc/proto-loader';

export interface ReloadResult {
  'ok'?: (boolean);
  'at_unix_ms'?: (number | string | Long);
  'version'?: (string);
  'errors'?: (string)[];
  'trigger'?: (string);
  'duration_ms'?: (number);
  'error_count'?: (number | string | Long);
}

export interface ReloadResult__Output {
  'ok': (boolean);
  'at_unix_ms': (string);
  'version': (string);
  'errors': (string)[];
  'trigger': (string);
  'duration_ms': (number);
  'error_count': (string);
}
