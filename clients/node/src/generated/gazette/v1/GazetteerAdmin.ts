// Original file: proto/gazette/v1/gazette.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { AddNeverRulesRequest as _gazette_v1_AddNeverRulesRequest, AddNeverRulesRequest__Output as _gazette_v1_AddNeverRulesRequest__Output } from '../../gazette/v1/AddNeverRulesRequest';
import type { AddNeverRulesResponse as _gazette_v1_AddNeverRulesResponse, AddNeverRulesResponse__Output as _gazette_v1_AddNeverRulesResponse__Output } from '../../gazette/v1/AddNeverRulesResponse';
import type { DeleteEntitiesRequest as _gazette_v1_DeleteEntitiesRequest, DeleteEntitiesRequest__Output as _gazette_v1_DeleteEntitiesRequest__Output } from '../../gazette/v1/DeleteEntitiesRequest';
import type { EditResponse as _gazette_v1_EditResponse, EditResponse__Output as _gazette_v1_EditResponse__Output } from '../../gazette/v1/EditResponse';
import type { GazetteerEntry as _gazette_v1_GazetteerEntry, GazetteerEntry__Output as _gazette_v1_GazetteerEntry__Output } from '../../gazette/v1/GazetteerEntry';
import type { GazetteerInfo as _gazette_v1_GazetteerInfo, GazetteerInfo__Output as _gazette_v1_GazetteerInfo__Output } from '../../gazette/v1/GazetteerInfo';
import type { GetEntityRequest as _gazette_v1_GetEntityRequest, GetEntityRequest__Output as _gazette_v1_GetEntityRequest__Output } from '../../gazette/v1/GetEntityRequest';
import type { GetInfoRequest as _gazette_v1_GetInfoRequest, GetInfoRequest__Output as _gazette_v1_GetInfoRequest__Output } from '../../gazette/v1/GetInfoRequest';
import type { ListEditsRequest as _gazette_v1_ListEditsRequest, ListEditsRequest__Output as _gazette_v1_ListEditsRequest__Output } from '../../gazette/v1/ListEditsRequest';
import type { ListEditsResponse as _gazette_v1_ListEditsResponse, ListEditsResponse__Output as _gazette_v1_ListEditsResponse__Output } from '../../gazette/v1/ListEditsResponse';
import type { ListNeverRulesRequest as _gazette_v1_ListNeverRulesRequest, ListNeverRulesRequest__Output as _gazette_v1_ListNeverRulesRequest__Output } from '../../gazette/v1/ListNeverRulesRequest';
import type { ListNeverRulesResponse as _gazette_v1_ListNeverRulesResponse, ListNeverRulesResponse__Output as _gazette_v1_ListNeverRulesResponse__Output } from '../../gazette/v1/ListNeverRulesResponse';
import type { ReloadRequest as _gazette_v1_ReloadRequest, ReloadRequest__Output as _gazette_v1_ReloadRequest__Output } from '../../gazette/v1/ReloadRequest';
import type { ReloadResponse as _gazette_v1_ReloadResponse, ReloadResponse__Output as _gazette_v1_ReloadResponse__Output } from '../../gazette/v1/ReloadResponse';
import type { RevertEditRequest as _gazette_v1_RevertEditRequest, RevertEditRequest__Output as _gazette_v1_RevertEditRequest__Output } from '../../gazette/v1/RevertEditRequest';
import type { SearchEntitiesRequest as _gazette_v1_SearchEntitiesRequest, SearchEntitiesRequest__Output as _gazette_v1_SearchEntitiesRequest__Output } from '../../gazette/v1/SearchEntitiesRequest';
import type { SearchEntitiesResponse as _gazette_v1_SearchEntitiesResponse, SearchEntitiesResponse__Output as _gazette_v1_SearchEntitiesResponse__Output } from '../../gazette/v1/SearchEntitiesResponse';
import type { UpsertEntitiesRequest as _gazette_v1_UpsertEntitiesRequest, UpsertEntitiesRequest__Output as _gazette_v1_UpsertEntitiesRequest__Output } from '../../gazette/v1/UpsertEntitiesRequest';

export interface GazetteerAdminClient extends grpc.Client {
  AddNeverRules(argument: _gazette_v1_AddNeverRulesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_gazette_v1_AddNeverRulesResponse__Output>): grpc.ClientUnaryCall;
  AddNeverRules(argument: _gazette_v1_AddNeverRulesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_gazette_v1_AddNeverRulesResponse__Output>): grpc.ClientUnaryCall;
  AddNeverRules(argument: _gazette_v1_AddNeverRulesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_gazette_v1_AddNeverRulesResponse__Output>): grpc.ClientUnaryCall;
  AddNeverRules(argument: _gazette_v1_AddNeverRulesRequest, callback: grpc.requestCallback<_gazette_v1_AddNeverRulesResponse__Output>): grpc.ClientUnaryCall;
  addNeverRules(argument: _gazette_v1_AddNeverRulesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_gazette_v1_AddNeverRulesResponse__Output>): grpc.ClientUnaryCall;
  addNeverRules(argument: _gazette_v1_AddNeverRulesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_gazette_v1_AddNeverRulesResponse__Output>): grpc.ClientUnaryCall;
  addNeverRules(argument: _gazette_v1_AddNeverRulesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_gazette_v1_AddNeverRulesResponse__Output>): grpc.ClientUnaryCall;
  addNeverRules(argument: _gazette_v1_AddNeverRulesRequest, callback: grpc.requestCallback<_gazette_v1_AddNeverRulesResponse__Output>): grpc.ClientUnaryCall;
  
  DeleteEntities(argument: _gazette_v1_DeleteEntitiesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_gazette_v1_EditResponse__Output>): grpc.ClientUnaryCall;
  DeleteEntities(argument: _gazette_v1_DeleteEntitiesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_gazette_v1_EditResponse__Output>): grpc.ClientUnaryCall;
  DeleteEntities(argument: _gazette_v1_DeleteEntitiesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_gazette_v1_EditResponse__Output>): grpc.ClientUnaryCall;
  DeleteEntities(argument: _gazette_v1_DeleteEntitiesRequest, callback: grpc.requestCallback<_gazette_v1_EditResponse__Output>): grpc.ClientUnaryCall;
  deleteEntities(argument: _gazette_v1_DeleteEntitiesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_gazette_v1_EditResponse__Output>): grpc.ClientUnaryCall;
  deleteEntities(argument: _gazette_v1_DeleteEntitiesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_gazette_v1_EditResponse__Output>): grpc.ClientUnaryCall;
  deleteEntities(argument: _gazette_v1_DeleteEntitiesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_gazette_v1_EditResponse__Output>): grpc.ClientUnaryCall;
  deleteEntities(argument: _gazette_v1_DeleteEntitiesRequest, callback: grpc.requestCallback<_gazette_v1_EditResponse__Output>): grpc.ClientUnaryCall;
  
  GetEntity(argument: _gazette_v1_GetEntityRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_gazette_v1_GazetteerEntry__Output>): grpc.ClientUnaryCall;
  GetEntity(argument: _gazette_v1_GetEntityRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_gazette_v1_GazetteerEntry__Output>): grpc.ClientUnaryCall;
  GetEntity(argument: _gazette_v1_GetEntityRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_gazette_v1_GazetteerEntry__Output>): grpc.ClientUnaryCall;
  GetEntity(argument: _gazette_v1_GetEntityRequest, callback: grpc.requestCallback<_gazette_v1_GazetteerEntry__Output>): grpc.ClientUnaryCall;
  getEntity(argument: _gazette_v1_GetEntityRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_gazette_v1_GazetteerEntry__Output>): grpc.ClientUnaryCall;
  getEntity(argument: _gazette_v1_GetEntityRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_gazette_v1_GazetteerEntry__Output>): grpc.ClientUnaryCall;
  getEntity(argument: _gazette_v1_GetEntityRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_gazette_v1_GazetteerEntry__Output>): grpc.ClientUnaryCall;
  getEntity(argument: _gazette_v1_GetEntityRequest, callback: grpc.requestCallback<_gazette_v1_GazetteerEntry__Output>): grpc.ClientUnaryCall;
  
  GetInfo(argument: _gazette_v1_GetInfoRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_gazette_v1_GazetteerInfo__Output>): grpc.ClientUnaryCall;
  GetInfo(argument: _gazette_v1_GetInfoRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_gazette_v1_GazetteerInfo__Output>): grpc.ClientUnaryCall;
  GetInfo(argument: _gazette_v1_GetInfoRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_gazette_v1_GazetteerInfo__Output>): grpc.ClientUnaryCall;
  GetInfo(argument: _gazette_v1_GetInfoRequest, callback: grpc.requestCallback<_gazette_v1_GazetteerInfo__Output>): grpc.ClientUnaryCall;
  getInfo(argument: _gazette_v1_GetInfoRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_gazette_v1_GazetteerInfo__Output>): grpc.ClientUnaryCall;
  getInfo(argument: _gazette_v1_GetInfoRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_gazette_v1_GazetteerInfo__Output>): grpc.ClientUnaryCall;
  getInfo(argument: _gazette_v1_GetInfoRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_gazette_v1_GazetteerInfo__Output>): grpc.ClientUnaryCall;
  getInfo(argument: _gazette_v1_GetInfoRequest, callback: grpc.requestCallback<_gazette_v1_GazetteerInfo__Output>): grpc.ClientUnaryCall;
  
  ListEdits(argument: _gazette_v1_ListEditsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_gazette_v1_ListEditsResponse__Output>): grpc.ClientUnaryCall;
  ListEdits(argument: _gazette_v1_ListEditsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_gazette_v1_ListEditsResponse__Output>): grpc.ClientUnaryCall;
  ListEdits(argument: _gazette_v1_ListEditsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_gazette_v1_ListEditsResponse__Output>): grpc.ClientUnaryCall;
  ListEdits(argument: _gazette_v1_ListEditsRequest, callback: grpc.requestCallback<_gazette_v1_ListEditsResponse__Output>): grpc.ClientUnaryCall;
  listEdits(argument: _gazette_v1_ListEditsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_gazette_v1_ListEditsResponse__Output>): grpc.ClientUnaryCall;
  listEdits(argument: _gazette_v1_ListEditsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_gazette_v1_ListEditsResponse__Output>): grpc.ClientUnaryCall;
  listEdits(argument: _gazette_v1_ListEditsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_gazette_v1_ListEditsResponse__Output>): grpc.ClientUnaryCall;
  listEdits(argument: _gazette_v1_ListEditsRequest, callback: grpc.requestCallback<_gazette_v1_ListEditsResponse__Output>): grpc.ClientUnaryCall;
  
  ListNeverRules(argument: _gazette_v1_ListNeverRulesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_gazette_v1_ListNeverRulesResponse__Output>): grpc.ClientUnaryCall;
  ListNeverRules(argument: _gazette_v1_ListNeverRulesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_gazette_v1_ListNeverRulesResponse__Output>): grpc.ClientUnaryCall;
  ListNeverRules(argument: _gazette_v1_ListNeverRulesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_gazette_v1_ListNeverRulesResponse__Output>): grpc.ClientUnaryCall;
  ListNeverRules(argument: _gazette_v1_ListNeverRulesRequest, callback: grpc.requestCallback<_gazette_v1_ListNeverRulesResponse__Output>): grpc.ClientUnaryCall;
  listNeverRules(argument: _gazette_v1_ListNeverRulesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_gazette_v1_ListNeverRulesResponse__Output>): grpc.ClientUnaryCall;
  listNeverRules(argument: _gazette_v1_ListNeverRulesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_gazette_v1_ListNeverRulesResponse__Output>): grpc.ClientUnaryCall;
  listNeverRules(argument: _gazette_v1_ListNeverRulesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_gazette_v1_ListNeverRulesResponse__Output>): grpc.ClientUnaryCall;
  listNeverRules(argument: _gazette_v1_ListNeverRulesRequest, callback: grpc.requestCallback<_gazette_v1_ListNeverRulesResponse__Output>): grpc.ClientUnaryCall;
  
  Reload(argument: _gazette_v1_ReloadRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_gazette_v1_ReloadResponse__Output>): grpc.ClientUnaryCall;
  Reload(argument: _gazette_v1_ReloadRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_gazette_v1_ReloadResponse__Output>): grpc.ClientUnaryCall;
  Reload(argument: _gazette_v1_ReloadRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_gazette_v1_ReloadResponse__Output>): grpc.ClientUnaryCall;
  Reload(argument: _gazette_v1_ReloadRequest, callback: grpc.requestCallback<_gazette_v1_ReloadResponse__Output>): grpc.ClientUnaryCall;
  reload(argument: _gazette_v1_ReloadRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_gazette_v1_ReloadResponse__Output>): grpc.ClientUnaryCall;
  reload(argument: _gazette_v1_ReloadRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_gazette_v1_ReloadResponse__Output>): grpc.ClientUnaryCall;
  reload(argument: _gazette_v1_ReloadRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_gazette_v1_ReloadResponse__Output>): grpc.ClientUnaryCall;
  reload(argument: _gazette_v1_ReloadRequest, callback: grpc.requestCallback<_gazette_v1_ReloadResponse__Output>): grpc.ClientUnaryCall;
  
  RevertEdit(argument: _gazette_v1_RevertEditRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_gazette_v1_EditResponse__Output>): grpc.ClientUnaryCall;
  RevertEdit(argument: _gazette_v1_RevertEditRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_gazette_v1_EditResponse__Output>): grpc.ClientUnaryCall;
  RevertEdit(argument: _gazette_v1_RevertEditRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_gazette_v1_EditResponse__Output>): grpc.ClientUnaryCall;
  RevertEdit(argument: _gazette_v1_RevertEditRequest, callback: grpc.requestCallback<_gazette_v1_EditResponse__Output>): grpc.ClientUnaryCall;
  revertEdit(argument: _gazette_v1_RevertEditRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_gazette_v1_EditResponse__Output>): grpc.ClientUnaryCall;
  revertEdit(argument: _gazette_v1_RevertEditRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_gazette_v1_EditResponse__Output>): grpc.ClientUnaryCall;
  revertEdit(argument: _gazette_v1_RevertEditRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_gazette_v1_EditResponse__Output>): grpc.ClientUnaryCall;
  revertEdit(argument: _gazette_v1_RevertEditRequest, callback: grpc.requestCallback<_gazette_v1_EditResponse__Output>): grpc.ClientUnaryCall;
  
  SearchEntities(argument: _gazette_v1_SearchEntitiesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_gazette_v1_SearchEntitiesResponse__Output>): grpc.ClientUnaryCall;
  SearchEntities(argument: _gazette_v1_SearchEntitiesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_gazette_v1_SearchEntitiesResponse__Output>): grpc.ClientUnaryCall;
  SearchEntities(argument: _gazette_v1_SearchEntitiesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_gazette_v1_SearchEntitiesResponse__Output>): grpc.ClientUnaryCall;
  SearchEntities(argument: _gazette_v1_SearchEntitiesRequest, callback: grpc.requestCallback<_gazette_v1_SearchEntitiesResponse__Output>): grpc.ClientUnaryCall;
  searchEntities(argument: _gazette_v1_SearchEntitiesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_gazette_v1_SearchEntitiesResponse__Output>): grpc.ClientUnaryCall;
  searchEntities(argument: _gazette_v1_SearchEntitiesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_gazette_v1_SearchEntitiesResponse__Output>): grpc.ClientUnaryCall;
  searchEntities(argument: _gazette_v1_SearchEntitiesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_gazette_v1_SearchEntitiesResponse__Output>): grpc.ClientUnaryCall;
  searchEntities(argument: _gazette_v1_SearchEntitiesRequest, callback: grpc.requestCallback<_gazette_v1_SearchEntitiesResponse__Output>): grpc.ClientUnaryCall;
  
  UpsertEntities(argument: _gazette_v1_UpsertEntitiesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_gazette_v1_EditResponse__Output>): grpc.ClientUnaryCall;
  UpsertEntities(argument: _gazette_v1_UpsertEntitiesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_gazette_v1_EditResponse__Output>): grpc.ClientUnaryCall;
  UpsertEntities(argument: _gazette_v1_UpsertEntitiesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_gazette_v1_EditResponse__Output>): grpc.ClientUnaryCall;
  UpsertEntities(argument: _gazette_v1_UpsertEntitiesRequest, callback: grpc.requestCallback<_gazette_v1_EditResponse__Output>): grpc.ClientUnaryCall;
  upsertEntities(argument: _gazette_v1_UpsertEntitiesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_gazette_v1_EditResponse__Output>): grpc.ClientUnaryCall;
  upsertEntities(argument: _gazette_v1_UpsertEntitiesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_gazette_v1_EditResponse__Output>): grpc.ClientUnaryCall;
  upsertEntities(argument: _gazette_v1_UpsertEntitiesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_gazette_v1_EditResponse__Output>): grpc.ClientUnaryCall;
  upsertEntities(argument: _gazette_v1_UpsertEntitiesRequest, callback: grpc.requestCallback<_gazette_v1_EditResponse__Output>): grpc.ClientUnaryCall;
  
}

export interface GazetteerAdminHandlers extends grpc.UntypedServiceImplementation {
  AddNeverRules: grpc.handleUnaryCall<_gazette_v1_AddNeverRulesRequest__Output, _gazette_v1_AddNeverRulesResponse>;
  
  DeleteEntities: grpc.handleUnaryCall<_gazette_v1_DeleteEntitiesRequest__Output, _gazette_v1_EditResponse>;
  
  GetEntity: grpc.handleUnaryCall<_gazette_v1_GetEntityRequest__Output, _gazette_v1_GazetteerEntry>;
  
  GetInfo: grpc.handleUnaryCall<_gazette_v1_GetInfoRequest__Output, _gazette_v1_GazetteerInfo>;
  
  ListEdits: grpc.handleUnaryCall<_gazette_v1_ListEditsRequest__Output, _gazette_v1_ListEditsResponse>;
  
  ListNeverRules: grpc.handleUnaryCall<_gazette_v1_ListNeverRulesRequest__Output, _gazette_v1_ListNeverRulesResponse>;
  
  Reload: grpc.handleUnaryCall<_gazette_v1_ReloadRequest__Output, _gazette_v1_ReloadResponse>;
  
  RevertEdit: grpc.handleUnaryCall<_gazette_v1_RevertEditRequest__Output, _gazette_v1_EditResponse>;
  
  SearchEntities: grpc.handleUnaryCall<_gazette_v1_SearchEntitiesRequest__Output, _gazette_v1_SearchEntitiesResponse>;
  
  UpsertEntities: grpc.handleUnaryCall<_gazette_v1_UpsertEntitiesRequest__Output, _gazette_v1_EditResponse>;
  
}

export interface GazetteerAdminDefinition extends grpc.ServiceDefinition {
  AddNeverRules: MethodDefinition<_gazette_v1_AddNeverRulesRequest, _gazette_v1_AddNeverRulesResponse, _gazette_v1_AddNeverRulesRequest__Output, _gazette_v1_AddNeverRulesResponse__Output>
  DeleteEntities: MethodDefinition<_gazette_v1_DeleteEntitiesRequest, _gazette_v1_EditResponse, _gazette_v1_DeleteEntitiesRequest__Output, _gazette_v1_EditResponse__Output>
  GetEntity: MethodDefinition<_gazette_v1_GetEntityRequest, _gazette_v1_GazetteerEntry, _gazette_v1_GetEntityRequest__Output, _gazette_v1_GazetteerEntry__Output>
  GetInfo: MethodDefinition<_gazette_v1_GetInfoRequest, _gazette_v1_GazetteerInfo, _gazette_v1_GetInfoRequest__Output, _gazette_v1_GazetteerInfo__Output>
  ListEdits: MethodDefinition<_gazette_v1_ListEditsRequest, _gazette_v1_ListEditsResponse, _gazette_v1_ListEditsRequest__Output, _gazette_v1_ListEditsResponse__Output>
  ListNeverRules: MethodDefinition<_gazette_v1_ListNeverRulesRequest, _gazette_v1_ListNeverRulesResponse, _gazette_v1_ListNeverRulesRequest__Output, _gazette_v1_ListNeverRulesResponse__Output>
  Reload: MethodDefinition<_gazette_v1_ReloadRequest, _gazette_v1_ReloadResponse, _gazette_v1_ReloadRequest__Output, _gazette_v1_ReloadResponse__Output>
  RevertEdit: MethodDefinition<_gazette_v1_RevertEditRequest, _gazette_v1_EditResponse, _gazette_v1_RevertEditRequest__Output, _gazette_v1_EditResponse__Output>
  SearchEntities: MethodDefinition<_gazette_v1_SearchEntitiesRequest, _gazette_v1_SearchEntitiesResponse, _gazette_v1_SearchEntitiesRequest__Output, _gazette_v1_SearchEntitiesResponse__Output>
  UpsertEntities: MethodDefinition<_gazette_v1_UpsertEntitiesRequest, _gazette_v1_EditResponse, _gazette_v1_UpsertEntitiesRequest__Output, _gazette_v1_EditResponse__Output>
}
