export declare const OffsetEncoding: {
    readonly OFFSET_ENCODING_UNSPECIFIED: "OFFSET_ENCODING_UNSPECIFIED";
    readonly OFFSET_ENCODING_UTF8: "OFFSET_ENCODING_UTF8";
    readonly OFFSET_ENCODING_UTF16: "OFFSET_ENCODING_UTF16";
    readonly OFFSET_ENCODING_CODE_POINT: "OFFSET_ENCODING_CODE_POINT";
};
export type OffsetEncoding = 'OFFSET_ENCODING_UNSPECIFIED' | 0 | 'OFFSET_ENCODING_UTF8' | 1 | 'OFFSET_ENCODING_UTF16' | 2 | 'OFFSET_ENCODING_CODE_POINT' | 3;
export type OffsetEncoding__Output = typeof OffsetEncoding[keyof typeof OffsetEncoding];
