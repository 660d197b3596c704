export interface Suppressed {
    'start'?: (number);
    'end'?: (number);
    'text'?: (string);
    'entity_id'?: (string);
    'type'?: (string);
    'rule'?: (string);
    'field'?: (string);
}
export interface Suppressed__Output {
    'start': (number);
    'end': (number);
    'text': (string);
    'entity_id': (string);
    'type': (string);
    'rule': (string);
    'field': (string);
}
