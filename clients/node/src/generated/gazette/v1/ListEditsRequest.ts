// Original file: ../../proto/gazette/v1/gazette.proto


export interface ListEditsRequest {
  'entity_id'?: (string);
  'editor'?: (string);
  'page_size'?: (number);
  'page_token'?: (string);
}

export interface ListEditsRequest__Output {
  'entity_id': (string);
  'editor': (string);
  'page_size': (number);
  'page_token': (string);
}
