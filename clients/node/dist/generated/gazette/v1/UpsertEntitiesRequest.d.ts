import type { GazetteerEntry as _gazette_v1_GazetteerEntry, GazetteerEntry__Output as _gazette_v1_GazetteerEntry__Output } from '../../gazette/v1/GazetteerEntry';
export interface UpsertEntitiesRequest {
    'entries'?: (_gazette_v1_GazetteerEntry)[];
    'namespace'?: (string);
}
export interface UpsertEntitiesRequest__Output {
    'entries': (_gazette_v1_GazetteerEntry__Output)[];
    'namespace': (string);
}
