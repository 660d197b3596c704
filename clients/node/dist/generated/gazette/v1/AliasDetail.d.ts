export interface AliasDetail {
    'text'?: (string);
    'case'?: (string);
    'scope'?: (string);
}
export interface AliasDetail__Output {
    'text': (string);
    'case': (string);
    'scope': (string);
}
