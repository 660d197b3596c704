"use strict";
// Original file: proto/gazette/v1/gazette.proto
Object.defineProperty(exports, "__esModule", { value: true });
exports.OffsetEncoding = void 0;
exports.OffsetEncoding = {
    OFFSET_ENCODING_UNSPECIFIED: 'OFFSET_ENCODING_UNSPECIFIED',
    OFFSET_ENCODING_UTF8: 'OFFSET_ENCODING_UTF8',
    OFFSET_ENCODING_UTF16: 'OFFSET_ENCODING_UTF16',
    OFFSET_ENCODING_CODE_POINT: 'OFFSET_ENCODING_CODE_POINT',
};
