// Original file: proto/gazette/v1/gazette.proto


export interface Field {
  'name'?: (string);
  'text'?: (string);
}

export interface Field__Output {
  'name': (string);
  'text': (string);
}
