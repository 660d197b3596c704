export interface GetEntityRequest {
    'id'?: (string);
}
export interface GetEntityRequest__Output {
    'id': (string);
}
