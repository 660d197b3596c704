export interface Entity {
    'id'?: (string);
    'name'?: (string);
    'type'?: (string);
    'salience'?: (number | string);
    'mention_indexes'?: (number)[];
    'attributes'?: ({
        [key: string]: string;
    });
    'namespace'?: (string);
    'mention_count'?: (number);
    'first_mention_index'?: (number);
}
export interface Entity__Output {
    'id': (string);
    'name': (string);
    'type': (string);
    'salience': (number);
    'mention_indexes': (number)[];
    'attributes': ({
        [key: string]: string;
    });
    'namespace': (string);
    'mention_count': (number);
    'first_mention_index': (number);
}
