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
