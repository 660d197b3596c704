// Original file: proto/gazette/v1/gazette.proto


export interface GetEntityRequest {
  'id'?: (string);
}

export interface GetEntityRequest__Output {
  'id': (string);
}
