import type { Long } from '@grpc/proto-loader';
export interface ReloadResponse {
    'version'?: (string);
    'previous_version'?: (string);
    'changed'?: (boolean);
    'entries'?: (number | string | Long);
    'duration_ms'?: (number);
}
export interface ReloadResponse__Output {
    'version': (string);
    'previous_version': (string);
    'changed': (boolean);
    'entries': (string);
    'duration_ms': (number);
}
