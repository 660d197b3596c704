export interface ListNeverRulesRequest {
}
export interface ListNeverRulesRequest__Output {
}
