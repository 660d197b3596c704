// Original file: ../../proto/gazette/v1/gazette.proto


export interface GazetteerEntry {
  'id'?: (string);
  'name'?: (string);
  'type'?: (string);
  'aliases'?: (string)[];
  'case'?: (string);
  'attributes'?: ({[key: string]: string});
  'prior'?: (number | string);
  'namespace'?: (string);
}

export interface GazetteerEntry__Output {
  'id': (string);
  'name': (string);
  'type': (string);
  'aliases': (string)[];
  'case': (string);
  'attributes': ({[key: string]: string});
  'prior': (number);
  'namespace': (string);
}
