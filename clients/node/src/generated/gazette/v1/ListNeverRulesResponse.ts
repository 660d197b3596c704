// Original file: proto/gazette/v1/gazette.proto

import type { NeverRule as _gazette_v1_NeverRule, NeverRule__Output as _gazette_v1_NeverRule__Output } from '../../gazette/v1/NeverRule';

export interface ListNeverRulesResponse {
  'rules'?: (_gazette_v1_NeverRule)[];
  'version'?: (string);
}

export interface ListNeverRulesResponse__Output {
  'rules': (_gazette_v1_NeverRule__Output)[];
  'version': (string);
}
