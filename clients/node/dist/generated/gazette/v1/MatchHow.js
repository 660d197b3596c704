"use strict";
// Original file: proto/gazette/v1/gazette.proto
Object.defineProperty(exports, "__esModule", { value: true });
exports.MatchHow = void 0;
exports.MatchHow = {
    MATCH_HOW_UNSPECIFIED: 'MATCH_HOW_UNSPECIFIED',
    MATCH_HOW_NAME: 'MATCH_HOW_NAME',
    MATCH_HOW_ALIAS: 'MATCH_HOW_ALIAS',
    MATCH_HOW_PARTIAL_NAME: 'MATCH_HOW_PARTIAL_NAME',
};
