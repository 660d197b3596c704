// Original file: proto/gazette/v1/gazette.proto


export interface ListNeverRulesRequest {
}

export interface ListNeverRulesRequest__Output {
}
