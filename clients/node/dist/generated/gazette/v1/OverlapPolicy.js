"use strict";
// Original file: proto/gazette/v1/gazette.proto
Object.defineProperty(exports, "__esModule", { value: true });
exports.OverlapPolicy = void 0;
exports.OverlapPolicy = {
    OVERLAP_POLICY_UNSPECIFIED: 'OVERLAP_POLICY_UNSPECIFIED',
    OVERLAP_POLICY_LONGEST: 'OVERLAP_POLICY_LONGEST',
    OVERLAP_POLICY_ALL: 'OVERLAP_POLICY_ALL',
};
