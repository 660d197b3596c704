// Original file: proto/gazette/v1/gazette.proto


export interface SearchEntitiesRequest {
  'query'?: (string);
  'type'?: (string);
  'page_size'?: (number);
}

export interface SearchEntitiesRequest__Output {
  'query': (string);
  'type': (string);
  'page_size': (number);
}
