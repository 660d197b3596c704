// Original file: proto/gazette/v1/gazette.proto


export interface EditResponse {
  'version'?: (string);
  'applied'?: (number);
}

export interface EditResponse__Output {
  'version': (string);
  'applied': (number);
}
