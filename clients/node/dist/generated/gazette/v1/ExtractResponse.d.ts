import type { Mention as _gazette_v1_Mention, Mention__Output as _gazette_v1_Mention__Output } from '../../gazette/v1/Mention';
import type { Entity as _gazette_v1_Entity, Entity__Output as _gazette_v1_Entity__Output } from '../../gazette/v1/Entity';
import type { OffsetEncoding as _gazette_v1_OffsetEncoding, OffsetEncoding__Output as _gazette_v1_OffsetEncoding__Output } from '../../gazette/v1/OffsetEncoding';
import type { Suggestion as _gazette_v1_Suggestion, Suggestion__Output as _gazette_v1_Suggestion__Output } from '../../gazette/v1/Suggestion';
import type { Suppressed as _gazette_v1_Suppressed, Suppressed__Output as _gazette_v1_Suppressed__Output } from '../../gazette/v1/Suppressed';
export interface ExtractResponse {
    'document_id'?: (string);
    'mentions'?: (_gazette_v1_Mention)[];
    'entities'?: (_gazette_v1_Entity)[];
    'gazetteer_version'?: (string);
    'offset_encoding'?: (_gazette_v1_OffsetEncoding);
    'suggestions'?: (_gazette_v1_Suggestion)[];
    'suppressed'?: (_gazette_v1_Suppressed)[];
}
export interface ExtractResponse__Output {
    'document_id': (string);
    'mentions': (_gazette_v1_Mention__Output)[];
    'entities': (_gazette_v1_Entity__Output)[];
    'gazetteer_version': (string);
    'offset_encoding': (_gazette_v1_OffsetEncoding__Output);
    'suggestions': (_gazette_v1_Suggestion__Output)[];
    'suppressed': (_gazette_v1_Suppressed__Output)[];
}
