from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class OffsetEncoding(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    OFFSET_ENCODING_UNSPECIFIED: _ClassVar[OffsetEncoding]
    OFFSET_ENCODING_UTF8: _ClassVar[OffsetEncoding]
    OFFSET_ENCODING_UTF16: _ClassVar[OffsetEncoding]
    OFFSET_ENCODING_CODE_POINT: _ClassVar[OffsetEncoding]

class OverlapPolicy(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    OVERLAP_POLICY_UNSPECIFIED: _ClassVar[OverlapPolicy]
    OVERLAP_POLICY_LONGEST: _ClassVar[OverlapPolicy]
    OVERLAP_POLICY_ALL: _ClassVar[OverlapPolicy]

class MatchHow(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    MATCH_HOW_UNSPECIFIED: _ClassVar[MatchHow]
    MATCH_HOW_NAME: _ClassVar[MatchHow]
    MATCH_HOW_ALIAS: _ClassVar[MatchHow]
    MATCH_HOW_PARTIAL_NAME: _ClassVar[MatchHow]

class Resolution(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    RESOLUTION_UNSPECIFIED: _ClassVar[Resolution]
    RESOLUTION_ONLY_CANDIDATE: _ClassVar[Resolution]
    RESOLUTION_PRIOR: _ClassVar[Resolution]
    RESOLUTION_CONTEXT: _ClassVar[Resolution]
    RESOLUTION_PARTIAL_NAME: _ClassVar[Resolution]
OFFSET_ENCODING_UNSPECIFIED: OffsetEncoding
OFFSET_ENCODING_UTF8: OffsetEncoding
OFFSET_ENCODING_UTF16: OffsetEncoding
OFFSET_ENCODING_CODE_POINT: OffsetEncoding
OVERLAP_POLICY_UNSPECIFIED: OverlapPolicy
OVERLAP_POLICY_LONGEST: OverlapPolicy
OVERLAP_POLICY_ALL: OverlapPolicy
MATCH_HOW_UNSPECIFIED: MatchHow
MATCH_HOW_NAME: MatchHow
MATCH_HOW_ALIAS: MatchHow
MATCH_HOW_PARTIAL_NAME: MatchHow
RESOLUTION_UNSPECIFIED: Resolution
RESOLUTION_ONLY_CANDIDATE: Resolution
RESOLUTION_PRIOR: Resolution
RESOLUTION_CONTEXT: Resolution
RESOLUTION_PARTIAL_NAME: Resolution

class GazetteerEntry(_message.Message):
    __slots__ = ("id", "name", "type", "aliases", "case", "attributes", "prior", "namespace", "alias_details", "derived_aliases")
    class AttributesEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    ALIASES_FIELD_NUMBER: _ClassVar[int]
    CASE_FIELD_NUMBER: _ClassVar[int]
    ATTRIBUTES_FIELD_NUMBER: _ClassVar[int]
    PRIOR_FIELD_NUMBER: _ClassVar[int]
    NAMESPACE_FIELD_NUMBER: _ClassVar[int]
    ALIAS_DETAILS_FIELD_NUMBER: _ClassVar[int]
    DERIVED_ALIASES_FIELD_NUMBER: _ClassVar[int]
    id: str
    name: str
    type: str
    aliases: _containers.RepeatedScalarFieldContainer[str]
    case: str
    attributes: _containers.ScalarMap[str, str]
    prior: float
    namespace: str
    alias_details: _containers.RepeatedCompositeFieldContainer[AliasDetail]
    derived_aliases: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, id: _Optional[str] = ..., name: _Optional[str] = ..., type: _Optional[str] = ..., aliases: _Optional[_Iterable[str]] = ..., case: _Optional[str] = ..., attributes: _Optional[_Mapping[str, str]] = ..., prior: _Optional[float] = ..., namespace: _Optional[str] = ..., alias_details: _Optional[_Iterable[_Union[AliasDetail, _Mapping]]] = ..., derived_aliases: _Optional[_Iterable[str]] = ...) -> None: ...

class AliasDetail(_message.Message):
    __slots__ = ("text", "case", "scope")
    TEXT_FIELD_NUMBER: _ClassVar[int]
    CASE_FIELD_NUMBER: _ClassVar[int]
    SCOPE_FIELD_NUMBER: _ClassVar[int]
    text: str
    case: str
    scope: str
    def __init__(self, text: _Optional[str] = ..., case: _Optional[str] = ..., scope: _Optional[str] = ...) -> None: ...

class UpsertEntitiesRequest(_message.Message):
    __slots__ = ("entries", "namespace")
    ENTRIES_FIELD_NUMBER: _ClassVar[int]
    NAMESPACE_FIELD_NUMBER: _ClassVar[int]
    entries: _containers.RepeatedCompositeFieldContainer[GazetteerEntry]
    namespace: str
    def __init__(self, entries: _Optional[_Iterable[_Union[GazetteerEntry, _Mapping]]] = ..., namespace: _Optional[str] = ...) -> None: ...

class DeleteEntitiesRequest(_message.Message):
    __slots__ = ("ids",)
    IDS_FIELD_NUMBER: _ClassVar[int]
    ids: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, ids: _Optional[_Iterable[str]] = ...) -> None: ...

class EditResponse(_message.Message):
    __slots__ = ("version", "applied")
    VERSION_FIELD_NUMBER: _ClassVar[int]
    APPLIED_FIELD_NUMBER: _ClassVar[int]
    version: str
    applied: int
    def __init__(self, version: _Optional[str] = ..., applied: _Optional[int] = ...) -> None: ...

class GetEntityRequest(_message.Message):
    __slots__ = ("id",)
    ID_FIELD_NUMBER: _ClassVar[int]
    id: str
    def __init__(self, id: _Optional[str] = ...) -> None: ...

class ListEditsRequest(_message.Message):
    __slots__ = ("entity_id", "editor", "page_size", "page_token")
    ENTITY_ID_FIELD_NUMBER: _ClassVar[int]
    EDITOR_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    entity_id: str
    editor: str
    page_size: int
    page_token: str
    def __init__(self, entity_id: _Optional[str] = ..., editor: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListEditsResponse(_message.Message):
    __slots__ = ("edits", "next_page_token")
    EDITS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    edits: _containers.RepeatedCompositeFieldContainer[EditRecord]
    next_page_token: str
    def __init__(self, edits: _Optional[_Iterable[_Union[EditRecord, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class EditRecord(_message.Message):
    __slots__ = ("seq", "op", "entity_id", "editor", "at_unix_ms", "before", "after", "before_known", "reverts")
    SEQ_FIELD_NUMBER: _ClassVar[int]
    OP_FIELD_NUMBER: _ClassVar[int]
    ENTITY_ID_FIELD_NUMBER: _ClassVar[int]
    EDITOR_FIELD_NUMBER: _ClassVar[int]
    AT_UNIX_MS_FIELD_NUMBER: _ClassVar[int]
    BEFORE_FIELD_NUMBER: _ClassVar[int]
    AFTER_FIELD_NUMBER: _ClassVar[int]
    BEFORE_KNOWN_FIELD_NUMBER: _ClassVar[int]
    REVERTS_FIELD_NUMBER: _ClassVar[int]
    seq: int
    op: str
    entity_id: str
    editor: str
    at_unix_ms: int
    before: GazetteerEntry
    after: GazetteerEntry
    before_known: bool
    reverts: int
    def __init__(self, seq: _Optional[int] = ..., op: _Optional[str] = ..., entity_id: _Optional[str] = ..., editor: _Optional[str] = ..., at_unix_ms: _Optional[int] = ..., before: _Optional[_Union[GazetteerEntry, _Mapping]] = ..., after: _Optional[_Union[GazetteerEntry, _Mapping]] = ..., before_known: _Optional[bool] = ..., reverts: _Optional[int] = ...) -> None: ...

class RevertEditRequest(_message.Message):
    __slots__ = ("seq",)
    SEQ_FIELD_NUMBER: _ClassVar[int]
    seq: int
    def __init__(self, seq: _Optional[int] = ...) -> None: ...

class GetInfoRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class GazetteerInfo(_message.Message):
    __slots__ = ("version", "entries", "forms", "by_type", "by_namespace", "loaded_at_unix_ms", "last_reload", "edit_layer_entries", "file_watch", "edit_log")
    VERSION_FIELD_NUMBER: _ClassVar[int]
    ENTRIES_FIELD_NUMBER: _ClassVar[int]
    FORMS_FIELD_NUMBER: _ClassVar[int]
    BY_TYPE_FIELD_NUMBER: _ClassVar[int]
    BY_NAMESPACE_FIELD_NUMBER: _ClassVar[int]
    LOADED_AT_UNIX_MS_FIELD_NUMBER: _ClassVar[int]
    LAST_RELOAD_FIELD_NUMBER: _ClassVar[int]
    EDIT_LAYER_ENTRIES_FIELD_NUMBER: _ClassVar[int]
    FILE_WATCH_FIELD_NUMBER: _ClassVar[int]
    EDIT_LOG_FIELD_NUMBER: _ClassVar[int]
    version: str
    entries: int
    forms: int
    by_type: _containers.RepeatedCompositeFieldContainer[TypeCount]
    by_namespace: _containers.RepeatedCompositeFieldContainer[NamespaceCount]
    loaded_at_unix_ms: int
    last_reload: ReloadResult
    edit_layer_entries: int
    file_watch: FileWatch
    edit_log: EditLogInfo
    def __init__(self, version: _Optional[str] = ..., entries: _Optional[int] = ..., forms: _Optional[int] = ..., by_type: _Optional[_Iterable[_Union[TypeCount, _Mapping]]] = ..., by_namespace: _Optional[_Iterable[_Union[NamespaceCount, _Mapping]]] = ..., loaded_at_unix_ms: _Optional[int] = ..., last_reload: _Optional[_Union[ReloadResult, _Mapping]] = ..., edit_layer_entries: _Optional[int] = ..., file_watch: _Optional[_Union[FileWatch, _Mapping]] = ..., edit_log: _Optional[_Union[EditLogInfo, _Mapping]] = ...) -> None: ...

class EditLogInfo(_message.Message):
    __slots__ = ("kind", "applied_seq", "last_contact_unix_ms", "error")
    KIND_FIELD_NUMBER: _ClassVar[int]
    APPLIED_SEQ_FIELD_NUMBER: _ClassVar[int]
    LAST_CONTACT_UNIX_MS_FIELD_NUMBER: _ClassVar[int]
    ERROR_FIELD_NUMBER: _ClassVar[int]
    kind: str
    applied_seq: int
    last_contact_unix_ms: int
    error: str
    def __init__(self, kind: _Optional[str] = ..., applied_seq: _Optional[int] = ..., last_contact_unix_ms: _Optional[int] = ..., error: _Optional[str] = ...) -> None: ...

class FileWatch(_message.Message):
    __slots__ = ("mode", "error", "poll_interval_ms")
    MODE_FIELD_NUMBER: _ClassVar[int]
    ERROR_FIELD_NUMBER: _ClassVar[int]
    POLL_INTERVAL_MS_FIELD_NUMBER: _ClassVar[int]
    mode: str
    error: str
    poll_interval_ms: int
    def __init__(self, mode: _Optional[str] = ..., error: _Optional[str] = ..., poll_interval_ms: _Optional[int] = ...) -> None: ...

class TypeCount(_message.Message):
    __slots__ = ("type", "entries", "forms")
    TYPE_FIELD_NUMBER: _ClassVar[int]
    ENTRIES_FIELD_NUMBER: _ClassVar[int]
    FORMS_FIELD_NUMBER: _ClassVar[int]
    type: str
    entries: int
    forms: int
    def __init__(self, type: _Optional[str] = ..., entries: _Optional[int] = ..., forms: _Optional[int] = ...) -> None: ...

class NamespaceCount(_message.Message):
    __slots__ = ("namespace", "entries")
    NAMESPACE_FIELD_NUMBER: _ClassVar[int]
    ENTRIES_FIELD_NUMBER: _ClassVar[int]
    namespace: str
    entries: int
    def __init__(self, namespace: _Optional[str] = ..., entries: _Optional[int] = ...) -> None: ...

class ReloadResult(_message.Message):
    __slots__ = ("ok", "at_unix_ms", "version", "errors", "trigger", "duration_ms", "error_count")
    OK_FIELD_NUMBER: _ClassVar[int]
    AT_UNIX_MS_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    ERRORS_FIELD_NUMBER: _ClassVar[int]
    TRIGGER_FIELD_NUMBER: _ClassVar[int]
    DURATION_MS_FIELD_NUMBER: _ClassVar[int]
    ERROR_COUNT_FIELD_NUMBER: _ClassVar[int]
    ok: bool
    at_unix_ms: int
    version: str
    errors: _containers.RepeatedScalarFieldContainer[str]
    trigger: str
    duration_ms: int
    error_count: int
    def __init__(self, ok: _Optional[bool] = ..., at_unix_ms: _Optional[int] = ..., version: _Optional[str] = ..., errors: _Optional[_Iterable[str]] = ..., trigger: _Optional[str] = ..., duration_ms: _Optional[int] = ..., error_count: _Optional[int] = ...) -> None: ...

class ReloadRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class ReloadResponse(_message.Message):
    __slots__ = ("version", "previous_version", "changed", "entries", "duration_ms")
    VERSION_FIELD_NUMBER: _ClassVar[int]
    PREVIOUS_VERSION_FIELD_NUMBER: _ClassVar[int]
    CHANGED_FIELD_NUMBER: _ClassVar[int]
    ENTRIES_FIELD_NUMBER: _ClassVar[int]
    DURATION_MS_FIELD_NUMBER: _ClassVar[int]
    version: str
    previous_version: str
    changed: bool
    entries: int
    duration_ms: int
    def __init__(self, version: _Optional[str] = ..., previous_version: _Optional[str] = ..., changed: _Optional[bool] = ..., entries: _Optional[int] = ..., duration_ms: _Optional[int] = ...) -> None: ...

class ExtractRequest(_message.Message):
    __slots__ = ("document_id", "text", "offset_encoding", "entity_types", "headline", "fields", "gazetteers", "overlap", "fold_diacritics", "explain", "gazetteer_version", "suggest")
    DOCUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    TEXT_FIELD_NUMBER: _ClassVar[int]
    OFFSET_ENCODING_FIELD_NUMBER: _ClassVar[int]
    ENTITY_TYPES_FIELD_NUMBER: _ClassVar[int]
    HEADLINE_FIELD_NUMBER: _ClassVar[int]
    FIELDS_FIELD_NUMBER: _ClassVar[int]
    GAZETTEERS_FIELD_NUMBER: _ClassVar[int]
    OVERLAP_FIELD_NUMBER: _ClassVar[int]
    FOLD_DIACRITICS_FIELD_NUMBER: _ClassVar[int]
    EXPLAIN_FIELD_NUMBER: _ClassVar[int]
    GAZETTEER_VERSION_FIELD_NUMBER: _ClassVar[int]
    SUGGEST_FIELD_NUMBER: _ClassVar[int]
    document_id: str
    text: str
    offset_encoding: OffsetEncoding
    entity_types: _containers.RepeatedScalarFieldContainer[str]
    headline: str
    fields: _containers.RepeatedCompositeFieldContainer[Field]
    gazetteers: _containers.RepeatedScalarFieldContainer[str]
    overlap: OverlapPolicy
    fold_diacritics: bool
    explain: bool
    gazetteer_version: str
    suggest: bool
    def __init__(self, document_id: _Optional[str] = ..., text: _Optional[str] = ..., offset_encoding: _Optional[_Union[OffsetEncoding, str]] = ..., entity_types: _Optional[_Iterable[str]] = ..., headline: _Optional[str] = ..., fields: _Optional[_Iterable[_Union[Field, _Mapping]]] = ..., gazetteers: _Optional[_Iterable[str]] = ..., overlap: _Optional[_Union[OverlapPolicy, str]] = ..., fold_diacritics: _Optional[bool] = ..., explain: _Optional[bool] = ..., gazetteer_version: _Optional[str] = ..., suggest: _Optional[bool] = ...) -> None: ...

class Field(_message.Message):
    __slots__ = ("name", "text")
    NAME_FIELD_NUMBER: _ClassVar[int]
    TEXT_FIELD_NUMBER: _ClassVar[int]
    name: str
    text: str
    def __init__(self, name: _Optional[str] = ..., text: _Optional[str] = ...) -> None: ...

class ExtractResponse(_message.Message):
    __slots__ = ("document_id", "mentions", "entities", "gazetteer_version", "offset_encoding", "suggestions", "suppressed")
    DOCUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    MENTIONS_FIELD_NUMBER: _ClassVar[int]
    ENTITIES_FIELD_NUMBER: _ClassVar[int]
    GAZETTEER_VERSION_FIELD_NUMBER: _ClassVar[int]
    OFFSET_ENCODING_FIELD_NUMBER: _ClassVar[int]
    SUGGESTIONS_FIELD_NUMBER: _ClassVar[int]
    SUPPRESSED_FIELD_NUMBER: _ClassVar[int]
    document_id: str
    mentions: _containers.RepeatedCompositeFieldContainer[Mention]
    entities: _containers.RepeatedCompositeFieldContainer[Entity]
    gazetteer_version: str
    offset_encoding: OffsetEncoding
    suggestions: _containers.RepeatedCompositeFieldContainer[Suggestion]
    suppressed: _containers.RepeatedCompositeFieldContainer[Suppressed]
    def __init__(self, document_id: _Optional[str] = ..., mentions: _Optional[_Iterable[_Union[Mention, _Mapping]]] = ..., entities: _Optional[_Iterable[_Union[Entity, _Mapping]]] = ..., gazetteer_version: _Optional[str] = ..., offset_encoding: _Optional[_Union[OffsetEncoding, str]] = ..., suggestions: _Optional[_Iterable[_Union[Suggestion, _Mapping]]] = ..., suppressed: _Optional[_Iterable[_Union[Suppressed, _Mapping]]] = ...) -> None: ...

class Suggestion(_message.Message):
    __slots__ = ("start", "end", "text", "type", "score", "evidence", "field")
    START_FIELD_NUMBER: _ClassVar[int]
    END_FIELD_NUMBER: _ClassVar[int]
    TEXT_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    SCORE_FIELD_NUMBER: _ClassVar[int]
    EVIDENCE_FIELD_NUMBER: _ClassVar[int]
    FIELD_FIELD_NUMBER: _ClassVar[int]
    start: int
    end: int
    text: str
    type: str
    score: float
    evidence: _containers.RepeatedScalarFieldContainer[str]
    field: str
    def __init__(self, start: _Optional[int] = ..., end: _Optional[int] = ..., text: _Optional[str] = ..., type: _Optional[str] = ..., score: _Optional[float] = ..., evidence: _Optional[_Iterable[str]] = ..., field: _Optional[str] = ...) -> None: ...

class Suppressed(_message.Message):
    __slots__ = ("start", "end", "text", "entity_id", "type", "rule", "field")
    START_FIELD_NUMBER: _ClassVar[int]
    END_FIELD_NUMBER: _ClassVar[int]
    TEXT_FIELD_NUMBER: _ClassVar[int]
    ENTITY_ID_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    RULE_FIELD_NUMBER: _ClassVar[int]
    FIELD_FIELD_NUMBER: _ClassVar[int]
    start: int
    end: int
    text: str
    entity_id: str
    type: str
    rule: str
    field: str
    def __init__(self, start: _Optional[int] = ..., end: _Optional[int] = ..., text: _Optional[str] = ..., entity_id: _Optional[str] = ..., type: _Optional[str] = ..., rule: _Optional[str] = ..., field: _Optional[str] = ...) -> None: ...

class Mention(_message.Message):
    __slots__ = ("start", "end", "text", "entity_id", "type", "matched_alias", "entity_index", "field", "how", "resolution", "alternatives", "score", "explanation")
    START_FIELD_NUMBER: _ClassVar[int]
    END_FIELD_NUMBER: _ClassVar[int]
    TEXT_FIELD_NUMBER: _ClassVar[int]
    ENTITY_ID_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    MATCHED_ALIAS_FIELD_NUMBER: _ClassVar[int]
    ENTITY_INDEX_FIELD_NUMBER: _ClassVar[int]
    FIELD_FIELD_NUMBER: _ClassVar[int]
    HOW_FIELD_NUMBER: _ClassVar[int]
    RESOLUTION_FIELD_NUMBER: _ClassVar[int]
    ALTERNATIVES_FIELD_NUMBER: _ClassVar[int]
    SCORE_FIELD_NUMBER: _ClassVar[int]
    EXPLANATION_FIELD_NUMBER: _ClassVar[int]
    start: int
    end: int
    text: str
    entity_id: str
    type: str
    matched_alias: str
    entity_index: int
    field: str
    how: MatchHow
    resolution: Resolution
    alternatives: _containers.RepeatedCompositeFieldContainer[Alternative]
    score: float
    explanation: Explanation
    def __init__(self, start: _Optional[int] = ..., end: _Optional[int] = ..., text: _Optional[str] = ..., entity_id: _Optional[str] = ..., type: _Optional[str] = ..., matched_alias: _Optional[str] = ..., entity_index: _Optional[int] = ..., field: _Optional[str] = ..., how: _Optional[_Union[MatchHow, str]] = ..., resolution: _Optional[_Union[Resolution, str]] = ..., alternatives: _Optional[_Iterable[_Union[Alternative, _Mapping]]] = ..., score: _Optional[float] = ..., explanation: _Optional[_Union[Explanation, _Mapping]] = ...) -> None: ...

class Alternative(_message.Message):
    __slots__ = ("entity_id", "name", "type", "score")
    ENTITY_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    SCORE_FIELD_NUMBER: _ClassVar[int]
    entity_id: str
    name: str
    type: str
    score: float
    def __init__(self, entity_id: _Optional[str] = ..., name: _Optional[str] = ..., type: _Optional[str] = ..., score: _Optional[float] = ...) -> None: ...

class Explanation(_message.Message):
    __slots__ = ("alias", "folding", "rule")
    ALIAS_FIELD_NUMBER: _ClassVar[int]
    FOLDING_FIELD_NUMBER: _ClassVar[int]
    RULE_FIELD_NUMBER: _ClassVar[int]
    alias: str
    folding: _containers.RepeatedScalarFieldContainer[str]
    rule: str
    def __init__(self, alias: _Optional[str] = ..., folding: _Optional[_Iterable[str]] = ..., rule: _Optional[str] = ...) -> None: ...

class Entity(_message.Message):
    __slots__ = ("id", "name", "type", "salience", "mention_indexes", "attributes", "namespace", "mention_count", "first_mention_index")
    class AttributesEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    SALIENCE_FIELD_NUMBER: _ClassVar[int]
    MENTION_INDEXES_FIELD_NUMBER: _ClassVar[int]
    ATTRIBUTES_FIELD_NUMBER: _ClassVar[int]
    NAMESPACE_FIELD_NUMBER: _ClassVar[int]
    MENTION_COUNT_FIELD_NUMBER: _ClassVar[int]
    FIRST_MENTION_INDEX_FIELD_NUMBER: _ClassVar[int]
    id: str
    name: str
    type: str
    salience: float
    mention_indexes: _containers.RepeatedScalarFieldContainer[int]
    attributes: _containers.ScalarMap[str, str]
    namespace: str
    mention_count: int
    first_mention_index: int
    def __init__(self, id: _Optional[str] = ..., name: _Optional[str] = ..., type: _Optional[str] = ..., salience: _Optional[float] = ..., mention_indexes: _Optional[_Iterable[int]] = ..., attributes: _Optional[_Mapping[str, str]] = ..., namespace: _Optional[str] = ..., mention_count: _Optional[int] = ..., first_mention_index: _Optional[int] = ...) -> None: ...

class SearchEntitiesRequest(_message.Message):
    __slots__ = ("query", "type", "page_size")
    QUERY_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    query: str
    type: str
    page_size: int
    def __init__(self, query: _Optional[str] = ..., type: _Optional[str] = ..., page_size: _Optional[int] = ...) -> None: ...

class SearchEntitiesResponse(_message.Message):
    __slots__ = ("entities", "truncated")
    ENTITIES_FIELD_NUMBER: _ClassVar[int]
    TRUNCATED_FIELD_NUMBER: _ClassVar[int]
    entities: _containers.RepeatedCompositeFieldContainer[EntityMatch]
    truncated: bool
    def __init__(self, entities: _Optional[_Iterable[_Union[EntityMatch, _Mapping]]] = ..., truncated: _Optional[bool] = ...) -> None: ...

class EntityMatch(_message.Message):
    __slots__ = ("id", "name", "type", "namespace", "matched", "how")
    ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    NAMESPACE_FIELD_NUMBER: _ClassVar[int]
    MATCHED_FIELD_NUMBER: _ClassVar[int]
    HOW_FIELD_NUMBER: _ClassVar[int]
    id: str
    name: str
    type: str
    namespace: str
    matched: str
    how: str
    def __init__(self, id: _Optional[str] = ..., name: _Optional[str] = ..., type: _Optional[str] = ..., namespace: _Optional[str] = ..., matched: _Optional[str] = ..., how: _Optional[str] = ...) -> None: ...

class NeverRule(_message.Message):
    __slots__ = ("form", "type", "entity", "id", "namespace")
    FORM_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    ENTITY_FIELD_NUMBER: _ClassVar[int]
    ID_FIELD_NUMBER: _ClassVar[int]
    NAMESPACE_FIELD_NUMBER: _ClassVar[int]
    form: str
    type: str
    entity: str
    id: str
    namespace: str
    def __init__(self, form: _Optional[str] = ..., type: _Optional[str] = ..., entity: _Optional[str] = ..., id: _Optional[str] = ..., namespace: _Optional[str] = ...) -> None: ...

class AddNeverRulesRequest(_message.Message):
    __slots__ = ("rules", "namespace")
    RULES_FIELD_NUMBER: _ClassVar[int]
    NAMESPACE_FIELD_NUMBER: _ClassVar[int]
    rules: _containers.RepeatedCompositeFieldContainer[NeverRule]
    namespace: str
    def __init__(self, rules: _Optional[_Iterable[_Union[NeverRule, _Mapping]]] = ..., namespace: _Optional[str] = ...) -> None: ...

class AddNeverRulesResponse(_message.Message):
    __slots__ = ("version", "applied", "ids")
    VERSION_FIELD_NUMBER: _ClassVar[int]
    APPLIED_FIELD_NUMBER: _ClassVar[int]
    IDS_FIELD_NUMBER: _ClassVar[int]
    version: str
    applied: int
    ids: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, version: _Optional[str] = ..., applied: _Optional[int] = ..., ids: _Optional[_Iterable[str]] = ...) -> None: ...

class ListNeverRulesRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class ListNeverRulesResponse(_message.Message):
    __slots__ = ("rules", "version")
    RULES_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    rules: _containers.RepeatedCompositeFieldContainer[NeverRule]
    version: str
    def __init__(self, rules: _Optional[_Iterable[_Union[NeverRule, _Mapping]]] = ..., version: _Optional[str] = ...) -> None: ...
