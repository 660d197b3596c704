"use strict";
// Original file: proto/gazette/v1/gazette.proto
Object.defineProperty(exports, "__esModule", { value: true });
exports.Resolution = void 0;
exports.Resolution = {
    RESOLUTION_UNSPECIFIED: 'RESOLUTION_UNSPECIFIED',
    RESOLUTION_ONLY_CANDIDATE: 'RESOLUTION_ONLY_CANDIDATE',
    RESOLUTION_PRIOR: 'RESOLUTION_PRIOR',
    RESOLUTION_CONTEXT: 'RESOLUTION_CONTEXT',
    RESOLUTION_PARTIAL_NAME: 'RESOLUTION_PARTIAL_NAME',
};
