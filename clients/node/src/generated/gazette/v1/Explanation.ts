// Original file: proto/gazette/v1/gazette.proto


export interface Explanation {
  'alias'?: (string);
  'folding'?: (string)[];
  'rule'?: (string);
}

export interface Explanation__Output {
  'alias': (string);
  'folding': (string)[];
  'rule': (string);
}
