// Original file: proto/gazette/v1/gazette.proto


export interface ReloadRequest {
}

export interface ReloadRequest__Output {
}
