// Original file: proto/gazette/v1/gazette.proto

import type { NeverRule as _gazette_v1_NeverRule, NeverRule__Output as _gazette_v1_NeverRule__Output } from '../../gazette/v1/NeverRule';

export interface AddNeverRulesRequest {
  'rules'?: (_gazette_v1_NeverRule)[];
  'namespace'?: (string);
}

export interface AddNeverRulesRequest__Output {
  'rules': (_gazette_v1_NeverRule__Output)[];
  'namespace': (string);
}
