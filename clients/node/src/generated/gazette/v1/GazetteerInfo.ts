// Original file: proto/gazette/v1/gazette.proto

import type { TypeCount as _gazette_v1_TypeCount, TypeCount__Output as _gazette_v1_TypeCount__Output } from '../../gazette/v1/TypeCount';
import type { NamespaceCount as _gazette_v1_NamespaceCount, NamespaceCount__Output as _gazette_v1_NamespaceCount__Output } from '../../gazette/v1/NamespaceCount';
import type { ReloadResult as _gazette_v1_ReloadResult, ReloadResult__Output as _gazette_v1_ReloadResult__Output } from '../../gazette/v1/ReloadResult';
import type { FileWatch as _gazette_v1_FileWatch, FileWatch__Output as _gazette_v1_FileWatch__Output } from '../../gazette/v1/FileWatch';
import type { EditLogInfo as _gazette_v1_EditLogInfo, EditLogInfo__Output as _gazette_v1_EditLogInfo__Output } from '../../gazette/v1/EditLogInfo';
import type { Long } from '@grpc/proto-loader';

export interface GazetteerInfo {
  'version'?: (string);
  'entries'?: (number | string | Long);
  'forms'?: (number | string | Long);
  'by_type'?: (_gazette_v1_TypeCount)[];
  'by_namespace'?: (_gazette_v1_NamespaceCount)[];
  'loaded_at_unix_ms'?: (number | string | Long);
  'last_reload'?: (_gazette_v1_ReloadResult | null);
  'edit_layer_entries'?: (number | string | Long);
  'file_watch'?: (_gazette_v1_FileWatch | null);
  'edit_log'?: (_gazette_v1_EditLogInfo | null);
}

export interface GazetteerInfo__Output {
  'version': (string);
  'entries': (string);
  'forms': (string);
  'by_type': (_gazette_v1_TypeCount__Output)[];
  'by_namespace': (_gazette_v1_NamespaceCount__Output)[];
  'loaded_at_unix_ms': (string);
  'last_reload': (_gazette_v1_ReloadResult__Output | null);
  'edit_layer_entries': (string);
  'file_watch': (_gazette_v1_FileWatch__Output | null);
  'edit_log': (_gazette_v1_EditLogInfo__Output | null);
}
