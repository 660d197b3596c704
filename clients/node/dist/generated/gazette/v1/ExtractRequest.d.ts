import type { OffsetEncoding as _gazette_v1_OffsetEncoding, OffsetEncoding__Output as _gazette_v1_OffsetEncoding__Output } from '../../gazette/v1/OffsetEncoding';
import type { Field as _gazette_v1_Field, Field__Output as _gazette_v1_Field__Output } from '../../gazette/v1/Field';
import type { OverlapPolicy as _gazette_v1_OverlapPolicy, OverlapPolicy__Output as _gazette_v1_OverlapPolicy__Output } from '../../gazette/v1/OverlapPolicy';
export interface ExtractRequest {
    'document_id'?: (string);
    'text'?: (string);
    'offset_encoding'?: (_gazette_v1_OffsetEncoding);
    'entity_types'?: (string)[];
    'headline'?: (string);
    'fields'?: (_gazette_v1_Field)[];
    'gazetteers'?: (string)[];
    'overlap'?: (_gazette_v1_OverlapPolicy);
    'fold_diacritics'?: (boolean);
    'explain'?: (boolean);
    'gazetteer_version'?: (string);
    'suggest'?: (boolean);
    '_fold_diacritics'?: "fold_diacritics";
}
export interface ExtractRequest__Output {
    'document_id': (string);
    'text': (string);
    'offset_encoding': (_gazette_v1_OffsetEncoding__Output);
    'entity_types': (string)[];
    'headline': (string);
    'fields': (_gazette_v1_Field__Output)[];
    'gazetteers': (string)[];
    'overlap': (_gazette_v1_OverlapPolicy__Output);
    'fold_diacritics'?: (boolean);
    'explain': (boolean);
    'gazetteer_version': (string);
    'suggest': (boolean);
    '_fold_diacritics'?: "fold_diacritics";
}
