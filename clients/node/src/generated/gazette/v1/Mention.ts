// Original file: proto/gazette/v1/gazette.proto

import type { MatchHow as _gazette_v1_MatchHow, MatchHow__Output as _gazette_v1_MatchHow__Output } from '../../gazette/v1/MatchHow';
import type { Resolution as _gazette_v1_Resolution, Resolution__Output as _gazette_v1_Resolution__Output } from '../../gazette/v1/Resolution';
import type { Alternative as _gazette_v1_Alternative, Alternative__Output as _gazette_v1_Alternative__Output } from '../../gazette/v1/Alternative';
import type { Explanation as _gazette_v1_Explanation, Explanation__Output as _gazette_v1_Explanation__Output } from '../../gazette/v1/Explanation';

export interface Mention {
  'start'?: (number);
  'end'?: (number);
  'text'?: (string);
  'entity_id'?: (string);
  'type'?: (string);
  'matched_alias'?: (string);
  'entity_index'?: (number);
  'field'?: (string);
  'how'?: (_gazette_v1_MatchHow);
  'resolution'?: (_gazette_v1_Resolution);
  'alternatives'?: (_gazette_v1_Alternative)[];
  'score'?: (number | string);
  'explanation'?: (_gazette_v1_Explanation | null);
}

export interface Mention__Output {
  'start': (number);
  'end': (number);
  'text': (string);
  'entity_id': (string);
  'type': (string);
  'matched_alias': (string);
  'entity_index': (number);
  'field': (string);
  'how': (_gazette_v1_MatchHow__Output);
  'resolution': (_gazette_v1_Resolution__Output);
  'alternatives': (_gazette_v1_Alternative__Output)[];
  'score': (number);
  'explanation': (_gazette_v1_Explanation__Output | null);
}
