export interface FileWatch {
    'mode'?: (string);
    'error'?: (string);
    'poll_interval_ms'?: (number);
}
export interface FileWatch__Output {
    'mode': (string);
    'error': (string);
    'poll_interval_ms': (number);
}
