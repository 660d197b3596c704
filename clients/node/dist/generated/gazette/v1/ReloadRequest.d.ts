export interface ReloadRequest {
}
export interface ReloadRequest__Output {
}
