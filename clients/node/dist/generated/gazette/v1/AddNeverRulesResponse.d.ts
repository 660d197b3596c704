export interface AddNeverRulesResponse {
    'version'?: (string);
    'applied'?: (number);
    'ids'?: (string)[];
}
export interface AddNeverRulesResponse__Output {
    'version': (string);
    'applied': (number);
    'ids': (string)[];
}
