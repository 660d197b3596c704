export interface NeverRule {
    'form'?: (string);
    'type'?: (string);
    'entity'?: (string);
    'id'?: (string);
    'namespace'?: (string);
}
export interface NeverRule__Output {
    'form': (string);
    'type': (string);
    'entity': (string);
    'id': (string);
    'namespace': (string);
}
