// Original file: proto/gazette/v1/gazette.proto


export interface GetInfoRequest {
}

export interface GetInfoRequest__Output {
}
