import type { Long } from '@grpc/proto-loader';
export interface NamespaceCount {
    'namespace'?: (string);
    'entries'?: (number | string | Long);
}
export interface NamespaceCount__Output {
    'namespace': (string);
    'entries': (string);
}
