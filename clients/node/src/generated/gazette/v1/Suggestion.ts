// Original file: proto/gazette/v1/gazette.proto


export interface Suggestion {
  'start'?: (number);
  'end'?: (number);
  'text'?: (string);
  'type'?: (string);
  'score'?: (number | string);
  'evidence'?: (string)[];
  'field'?: (string);
}

export interface Suggestion__Output {
  'start': (number);
  'end': (number);
  'text': (string);
  'type': (string);
  'score': (number);
  'evidence': (string)[];
  'field': (string);
}
