// Original file: proto/gazette/v1/gazette.proto


export interface AddNeverRulesResponse {
  'version'?: (string);
  'applied'?: (number);
  'ids'?: (string)[];
}

export interface AddNeverRulesResponse__Output {
  'version': (string);
  'applied': (number);
  'ids': (string)[];
}
