export declare const MatchHow: {
    readonly MATCH_HOW_UNSPECIFIED: "MATCH_HOW_UNSPECIFIED";
    readonly MATCH_HOW_NAME: "MATCH_HOW_NAME";
    readonly MATCH_HOW_ALIAS: "MATCH_HOW_ALIAS";
    readonly MATCH_HOW_PARTIAL_NAME: "MATCH_HOW_PARTIAL_NAME";
};
export type MatchHow = 'MATCH_HOW_UNSPECIFIED' | 0 | 'MATCH_HOW_NAME' | 1 | 'MATCH_HOW_ALIAS' | 2 | 'MATCH_HOW_PARTIAL_NAME' | 3;
export type MatchHow__Output = typeof MatchHow[keyof typeof MatchHow];
