// Original file: proto/gazette/v1/gazette.proto

export const OverlapPolicy = {
  OVERLAP_POLICY_UNSPECIFIED: 'OVERLAP_POLICY_UNSPECIFIED',
  OVERLAP_POLICY_LONGEST: 'OVERLAP_POLICY_LONGEST',
  OVERLAP_POLICY_ALL: 'OVERLAP_POLICY_ALL',
} as const;

export type OverlapPolicy =
  | 'OVERLAP_POLICY_UNSPECIFIED'
  | 0
  | 'OVERLAP_POLICY_LONGEST'
  | 1
  | 'OVERLAP_POLICY_ALL'
  | 2

export type OverlapPolicy__Output = typeof OverlapPolicy[keyof typeof OverlapPolicy]
