import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { AddNeverRulesRequest as _gazette_v1_AddNeverRulesRequest, AddNeverRulesRequest__Output as _gazette_v1_AddNeverRulesRequest__Output } from './gazette/v1/AddNeverRulesRequest';
import type { AddNeverRulesResponse as _gazette_v1_AddNeverRulesResponse, AddNeverRulesResponse__Output as _gazette_v1_AddNeverRulesResponse__Output } from './gazette/v1/AddNeverRulesResponse';
import type { AliasDetail as _gazette_v1_AliasDetail, AliasDetail__Output as _gazette_v1_AliasDetail__Output } from './gazette/v1/AliasDetail';
import type { Alternative as _gazette_v1_Alternative, Alternative__Output as _gazette_v1_Alternative__Output } from './gazette/v1/Alternative';
import type { DeleteEntitiesRequest as _gazette_v1_DeleteEntitiesRequest, DeleteEntitiesRequest__Output as _gazette_v1_DeleteEntitiesRequest__Output } from './gazette/v1/DeleteEntitiesRequest';
import type { EditLogInfo as _gazette_v1_EditLogInfo, EditLogInfo__Output as _gazette_v1_EditLogInfo__Output } from './gazette/v1/EditLogInfo';
import type { EditRecord as _gazette_v1_EditRecord, EditRecord__Output as _gazette_v1_EditRecord__Output } from './gazette/v1/EditRecord';
import type { EditResponse as _gazette_v1_EditResponse, EditResponse__Output as _gazette_v1_EditResponse__Output } from './gazette/v1/EditResponse';
import type { Entity as _gazette_v1_Entity, Entity__Output as _gazette_v1_Entity__Output } from './gazette/v1/Entity';
import type { EntityExtractorClient as _gazette_v1_EntityExtractorClient, EntityExtractorDefinition as _gazette_v1_EntityExtractorDefinition } from './gazette/v1/EntityExtractor';
import type { EntityMatch as _gazette_v1_EntityMatch, EntityMatch__Output as _gazette_v1_EntityMatch__Output } from './gazette/v1/EntityMatch';
import type { Explanation as _gazette_v1_Explanation, Explanation__Output as _gazette_v1_Explanation__Output } from './gazette/v1/Explanation';
import type { ExtractRequest as _gazette_v1_ExtractRequest, ExtractRequest__Output as _gazette_v1_ExtractRequest__Output } from './gazette/v1/ExtractRequest';
import type { ExtractResponse as _gazette_v1_ExtractResponse, ExtractResponse__Output as _gazette_v1_ExtractResponse__Output } from './gazette/v1/ExtractResponse';
import type { Field as _gazette_v1_Field, Field__Output as _gazette_v1_Field__Output } from './gazette/v1/Field';
import type { FileWatch as _gazette_v1_FileWatch, FileWatch__Output as _gazette_v1_FileWatch__Output } from './gazette/v1/FileWatch';
import type { GazetteerAdminClient as _gazette_v1_GazetteerAdminClient, GazetteerAdminDefinition as _gazette_v1_GazetteerAdminDefinition } from './gazette/v1/GazetteerAdmin';
import type { GazetteerEntry as _gazette_v1_GazetteerEntry, GazetteerEntry__Output as _gazette_v1_GazetteerEntry__Output } from './gazette/v1/GazetteerEntry';
import type { GazetteerInfo as _gazette_v1_GazetteerInfo, GazetteerInfo__Output as _gazette_v1_GazetteerInfo__Output } from './gazette/v1/GazetteerInfo';
import type { GetEntityRequest as _gazette_v1_GetEntityRequest, GetEntityRequest__Output as _gazette_v1_GetEntityRequest__Output } from './gazette/v1/GetEntityRequest';
import type { GetInfoRequest as _gazette_v1_GetInfoRequest, GetInfoRequest__Output as _gazette_v1_GetInfoRequest__Output } from './gazette/v1/GetInfoRequest';
import type { ListEditsRequest as _gazette_v1_ListEditsRequest, ListEditsRequest__Output as _gazette_v1_ListEditsRequest__Output } from './gazette/v1/ListEditsRequest';
import type { ListEditsResponse as _gazette_v1_ListEditsResponse, ListEditsResponse__Output as _gazette_v1_ListEditsResponse__Output } from './gazette/v1/ListEditsResponse';
import type { ListNeverRulesRequest as _gazette_v1_ListNeverRulesRequest, ListNeverRulesRequest__Output as _gazette_v1_ListNeverRulesRequest__Output } from './gazette/v1/ListNeverRulesRequest';
import type { ListNeverRulesResponse as _gazette_v1_ListNeverRulesResponse, ListNeverRulesResponse__Output as _gazette_v1_ListNeverRulesResponse__Output } from './gazette/v1/ListNeverRulesResponse';
import type { Mention as _gazette_v1_Mention, Mention__Output as _gazette_v1_Mention__Output } from './gazette/v1/Mention';
import type { NamespaceCount as _gazette_v1_NamespaceCount, NamespaceCount__Output as _gazette_v1_NamespaceCount__Output } from './gazette/v1/NamespaceCount';
import type { NeverRule as _gazette_v1_NeverRule, NeverRule__Output as _gazette_v1_NeverRule__Output } from './gazette/v1/NeverRule';
import type { ReloadRequest as _gazette_v1_ReloadRequest, ReloadRequest__Output as _gazette_v1_ReloadRequest__Output } from './gazette/v1/ReloadRequest';
import type { ReloadResponse as _gazette_v1_ReloadResponse, ReloadResponse__Output as _gazette_v1_ReloadResponse__Output } from './gazette/v1/ReloadResponse';
import type { ReloadResult as _gazette_v1_ReloadResult, ReloadResult__Output as _gazette_v1_ReloadResult__Output } from './gazette/v1/ReloadResult';
import type { RevertEditRequest as _gazette_v1_RevertEditRequest, RevertEditRequest__Output as _gazette_v1_RevertEditRequest__Output } from './gazette/v1/RevertEditRequest';
import type { SearchEntitiesRequest as _gazette_v1_SearchEntitiesRequest, SearchEntitiesRequest__Output as _gazette_v1_SearchEntitiesRequest__Output } from './gazette/v1/SearchEntitiesRequest';
import type { SearchEntitiesResponse as _gazette_v1_SearchEntitiesResponse, SearchEntitiesResponse__Output as _gazette_v1_SearchEntitiesResponse__Output } from './gazette/v1/SearchEntitiesResponse';
import type { Suggestion as _gazette_v1_Suggestion, Suggestion__Output as _gazette_v1_Suggestion__Output } from './gazette/v1/Suggestion';
import type { Suppressed as _gazette_v1_Suppressed, Suppressed__Output as _gazette_v1_Suppressed__Output } from './gazette/v1/Suppressed';
import type { TypeCount as _gazette_v1_TypeCount, TypeCount__Output as _gazette_v1_TypeCount__Output } from './gazette/v1/TypeCount';
import type { UpsertEntitiesRequest as _gazette_v1_UpsertEntitiesRequest, UpsertEntitiesRequest__Output as _gazette_v1_UpsertEntitiesRequest__Output } from './gazette/v1/UpsertEntitiesRequest';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  gazette: {
    v1: {
      AddNeverRulesRequest: MessageTypeDefinition<_gazette_v1_AddNeverRulesRequest, _gazette_v1_AddNeverRulesRequest__Output>
      AddNeverRulesResponse: MessageTypeDefinition<_gazette_v1_AddNeverRulesResponse, _gazette_v1_AddNeverRulesResponse__Output>
      AliasDetail: MessageTypeDefinition<_gazette_v1_AliasDetail, _gazette_v1_AliasDetail__Output>
      Alternative: MessageTypeDefinition<_gazette_v1_Alternative, _gazette_v1_Alternative__Output>
      DeleteEntitiesRequest: MessageTypeDefinition<_gazette_v1_DeleteEntitiesRequest, _gazette_v1_DeleteEntitiesRequest__Output>
      EditLogInfo: MessageTypeDefinition<_gazette_v1_EditLogInfo, _gazette_v1_EditLogInfo__Output>
      EditRecord: MessageTypeDefinition<_gazette_v1_EditRecord, _gazette_v1_EditRecord__Output>
      EditResponse: MessageTypeDefinition<_gazette_v1_EditResponse, _gazette_v1_EditResponse__Output>
      Entity: MessageTypeDefinition<_gazette_v1_Entity, _gazette_v1_Entity__Output>
      EntityExtractor: SubtypeConstructor<typeof grpc.Client, _gazette_v1_EntityExtractorClient> & { service: _gazette_v1_EntityExtractorDefinition }
      EntityMatch: MessageTypeDefinition<_gazette_v1_EntityMatch, _gazette_v1_EntityMatch__Output>
      Explanation: MessageTypeDefinition<_gazette_v1_Explanation, _gazette_v1_Explanation__Output>
      ExtractRequest: MessageTypeDefinition<_gazette_v1_ExtractRequest, _gazette_v1_ExtractRequest__Output>
      ExtractResponse: MessageTypeDefinition<_gazette_v1_ExtractResponse, _gazette_v1_ExtractResponse__Output>
      Field: MessageTypeDefinition<_gazette_v1_Field, _gazette_v1_Field__Output>
      FileWatch: MessageTypeDefinition<_gazette_v1_FileWatch, _gazette_v1_FileWatch__Output>
      GazetteerAdmin: SubtypeConstructor<typeof grpc.Client, _gazette_v1_GazetteerAdminClient> & { service: _gazette_v1_GazetteerAdminDefinition }
      GazetteerEntry: MessageTypeDefinition<_gazette_v1_GazetteerEntry, _gazette_v1_GazetteerEntry__Output>
      GazetteerInfo: MessageTypeDefinition<_gazette_v1_GazetteerInfo, _gazette_v1_GazetteerInfo__Output>
      GetEntityRequest: MessageTypeDefinition<_gazette_v1_GetEntityRequest, _gazette_v1_GetEntityRequest__Output>
      GetInfoRequest: MessageTypeDefinition<_gazette_v1_GetInfoRequest, _gazette_v1_GetInfoRequest__Output>
      ListEditsRequest: MessageTypeDefinition<_gazette_v1_ListEditsRequest, _gazette_v1_ListEditsRequest__Output>
      ListEditsResponse: MessageTypeDefinition<_gazette_v1_ListEditsResponse, _gazette_v1_ListEditsResponse__Output>
      ListNeverRulesRequest: MessageTypeDefinition<_gazette_v1_ListNeverRulesRequest, _gazette_v1_ListNeverRulesRequest__Output>
      ListNeverRulesResponse: MessageTypeDefinition<_gazette_v1_ListNeverRulesResponse, _gazette_v1_ListNeverRulesResponse__Output>
      MatchHow: EnumTypeDefinition
      Mention: MessageTypeDefinition<_gazette_v1_Mention, _gazette_v1_Mention__Output>
      NamespaceCount: MessageTypeDefinition<_gazette_v1_NamespaceCount, _gazette_v1_NamespaceCount__Output>
      NeverRule: MessageTypeDefinition<_gazette_v1_NeverRule, _gazette_v1_NeverRule__Output>
      OffsetEncoding: EnumTypeDefinition
      OverlapPolicy: EnumTypeDefinition
      ReloadRequest: MessageTypeDefinition<_gazette_v1_ReloadRequest, _gazette_v1_ReloadRequest__Output>
      ReloadResponse: MessageTypeDefinition<_gazette_v1_ReloadResponse, _gazette_v1_ReloadResponse__Output>
      ReloadResult: MessageTypeDefinition<_gazette_v1_ReloadResult, _gazette_v1_ReloadResult__Output>
      Resolution: EnumTypeDefinition
      RevertEditRequest: MessageTypeDefinition<_gazette_v1_RevertEditRequest, _gazette_v1_RevertEditRequest__Output>
      SearchEntitiesRequest: MessageTypeDefinition<_gazette_v1_SearchEntitiesRequest, _gazette_v1_SearchEntitiesRequest__Output>
      SearchEntitiesResponse: MessageTypeDefinition<_gazette_v1_SearchEntitiesResponse, _gazette_v1_SearchEntitiesResponse__Output>
      Suggestion: MessageTypeDefinition<_gazette_v1_Suggestion, _gazette_v1_Suggestion__Output>
      Suppressed: MessageTypeDefinition<_gazette_v1_Suppressed, _gazette_v1_Suppressed__Output>
      TypeCount: MessageTypeDefinition<_gazette_v1_TypeCount, _gazette_v1_TypeCount__Output>
      UpsertEntitiesRequest: MessageTypeDefinition<_gazette_v1_UpsertEntitiesRequest, _gazette_v1_UpsertEntitiesRequest__Output>
    }
  }
}

