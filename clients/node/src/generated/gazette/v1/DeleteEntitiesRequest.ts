// Original file: proto/gazette/v1/gazette.proto


export interface DeleteEntitiesRequest {
  'ids'?: (string)[];
}

export interface DeleteEntitiesRequest__Output {
  'ids': (string)[];
}
