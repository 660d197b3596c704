// Original file: proto/gazette/v1/gazette.proto


export interface EntityMatch {
  'id'?: (string);
  'name'?: (string);
  'type'?: (string);
  'namespace'?: (string);
  'matched'?: (string);
  'how'?: (string);
}

export interface EntityMatch__Output {
  'id': (string);
  'name': (string);
  'type': (string);
  'namespace': (string);
  'matched': (string);
  'how': (string);
}
