import type { AliasDetail as _gazette_v1_AliasDetail, AliasDetail__Output as _gazette_v1_AliasDetail__Output } from '../../gazette/v1/AliasDetail';
export interface GazetteerEntry {
    'id'?: (string);
    'name'?: (string);
    'type'?: (string);
    'aliases'?: (string)[];
    'case'?: (string);
    'attributes'?: ({
        [key: string]: string;
    });
    'prior'?: (number | string);
    'namespace'?: (string);
    'alias_details'?: (_gazette_v1_AliasDetail)[];
    'derived_aliases'?: (string)[];
}
export interface GazetteerEntry__Output {
    'id': (string);
    'name': (string);
    'type': (string);
    'aliases': (string)[];
    'case': (string);
    'attributes': ({
        [key: string]: string;
    });
    'prior': (number);
    'namespace': (string);
    'alias_details': (_gazette_v1_AliasDetail__Output)[];
    'derived_aliases': (string)[];
}
