// Original file: proto/gazette/v1/gazette.proto


export interface AliasDetail {
  'text'?: (string);
  'case'?: (string);
  'scope'?: (string);
}

export interface AliasDetail__Output {
  'text': (string);
  'case': (string);
  'scope': (string);
}
