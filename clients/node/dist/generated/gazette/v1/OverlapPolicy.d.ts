export declare const OverlapPolicy: {
    readonly OVERLAP_POLICY_UNSPECIFIED: "OVERLAP_POLICY_UNSPECIFIED";
    readonly OVERLAP_POLICY_LONGEST: "OVERLAP_POLICY_LONGEST";
    readonly OVERLAP_POLICY_ALL: "OVERLAP_POLICY_ALL";
};
export type OverlapPolicy = 'OVERLAP_POLICY_UNSPECIFIED' | 0 | 'OVERLAP_POLICY_LONGEST' | 1 | 'OVERLAP_POLICY_ALL' | 2;
export type OverlapPolicy__Output = typeof OverlapPolicy[keyof typeof OverlapPolicy];
