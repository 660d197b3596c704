export interface Field {
    'name'?: (string);
    'text'?: (string);
}
export interface Field__Output {
    'name': (string);
    'text': (string);
}
