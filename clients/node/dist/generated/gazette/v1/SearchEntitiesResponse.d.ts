import type { EntityMatch as _gazette_v1_EntityMatch, EntityMatch__Output as _gazette_v1_EntityMatch__Output } from '../../gazette/v1/EntityMatch';
export interface SearchEntitiesResponse {
    'entities'?: (_gazette_v1_EntityMatch)[];
    'truncated'?: (boolean);
}
export interface SearchEntitiesResponse__Output {
    'entities': (_gazette_v1_EntityMatch__Output)[];
    'truncated': (boolean);
}
