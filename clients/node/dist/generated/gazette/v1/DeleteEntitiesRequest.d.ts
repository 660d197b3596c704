export interface DeleteEntitiesRequest {
    'ids'?: (string)[];
}
export interface DeleteEntitiesRequest__Output {
    'ids': (string)[];
}
