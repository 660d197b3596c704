// Original file: ../../proto/gazette/v1/gazette.proto

import type { EditRecord as _gazette_v1_EditRecord, EditRecord__Output as _gazette_v1_EditRecord__Output } from '../../gazette/v1/EditRecord';

export interface ListEditsResponse {
  'edits'?: (_gazette_v1_EditRecord)[];
  'next_page_token'?: (string);
}

export interface ListEditsResponse__Output {
  'edits': (_gazette_v1_EditRecord__Output)[];
  'next_page_token': (string);
}
