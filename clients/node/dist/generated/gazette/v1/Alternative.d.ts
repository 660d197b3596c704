export interface Alternative {
    'entity_id'?: (string);
    'name'?: (string);
    'type'?: (string);
    'score'?: (number | string);
}
export interface Alternative__Output {
    'entity_id': (string);
    'name': (string);
    'type': (string);
    'score': (number);
}
