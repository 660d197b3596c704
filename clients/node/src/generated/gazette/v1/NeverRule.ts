// Original file: proto/gazette/v1/gazette.proto


export interface NeverRule {
  'form'?: (string);
  'type'?: (string);
  'entity'?: (string);
  'id'?: (string);
  'namespace'?: (string);
}

export interface NeverRule__Output {
  'form': (string);
  'type': (string);
  'entity': (string);
  'id': (string);
  'namespace': (string);
}
