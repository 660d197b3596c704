// Original file: ../../proto/gazette/v1/gazette.proto

import type { GazetteerEntry as _gazette_v1_GazetteerEntry, GazetteerEntry__Output as _gazette_v1_GazetteerEntry__Output } from '../../gazette/v1/GazetteerEntry';
import type { Long } from '@grpc/proto-loader';

export interface EditRecord {
  'seq'?: (number | string | Long);
  'op'?: (string);
  'entity_id'?: (string);
  'editor'?: (string);
  'at_unix_ms'?: (number | string | Long);
  'before'?: (_gazette_v1_GazetteerEntry | null);
  'after'?: (_gazette_v1_GazetteerEntry | null);
  'before_known'?: (boolean);
  'reverts'?: (number | string | Long);
}

export interface EditRecord__Output {
  'seq': (string);
  'op': (string);
  'entity_id': (string);
  'editor': (string);
  'at_unix_ms': (string);
  'before': (_gazette_v1_GazetteerEntry__Output | null);
  'after': (_gazette_v1_GazetteerEntry__Output | null);
  'before_known': (boolean);
  'reverts': (string);
}
