export interface GetInfoRequest {
}
export interface GetInfoRequest__Output {
}
