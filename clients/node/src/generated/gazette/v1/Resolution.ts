// Original file: proto/gazette/v1/gazette.proto

export const Resolution = {
  RESOLUTION_UNSPECIFIED: 'RESOLUTION_UNSPECIFIED',
  RESOLUTION_ONLY_CANDIDATE: 'RESOLUTION_ONLY_CANDIDATE',
  RESOLUTION_PRIOR: 'RESOLUTION_PRIOR',
  RESOLUTION_CONTEXT: 'RESOLUTION_CONTEXT',
  RESOLUTION_PARTIAL_NAME: 'RESOLUTION_PARTIAL_NAME',
} as const;

export type Resolution =
  | 'RESOLUTION_UNSPECIFIED'
  | 0
  | 'RESOLUTION_ONLY_CANDIDATE'
  | 1
  | 'RESOLUTION_PRIOR'
  | 2
  | 'RESOLUTION_CONTEXT'
  | 3
  | 'RESOLUTION_PARTIAL_NAME'
  | 4

export type Resolution__Output = typeof Resolution[keyof typeof Resolution]
