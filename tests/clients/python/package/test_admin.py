"""The admin calls with a bearer token: edits, reads, and the errors of each."""
from __future__ import annotations

import grpc

from gazette_client import AliasDetail, GazetteClient, GazetteerEntry, GazetteError
from servers import ADDR, TOKEN


def _code(call: object) -> grpc.StatusCode:
    try:
        assert callable(call)
        call()
    except GazetteError as e:
        return e.code
    raise AssertionError("the call succeeded")


def test_upsert_get_delete() -> None:
    entry = GazetteerEntry(
        id="t:mara-kos",
        name="Mara Kos",
        type="PERSON",
        aliases=["M. Kos"],
        attributes={"desk": "sport"},
        prior=2.5,
        alias_details=[AliasDetail("Kossy", case="exact")],
    )
    with GazetteClient(ADDR, admin_token=TOKEN) as gz:
        before = gz.admin.get_info()
        assert before.edit_log is not None and before.edit_log.kind == "journal"
        done = gz.admin.upsert_entities([entry], namespace="newsroom")
        assert done.applied == 1 and done.version != before.version
        m = gz.extract("Yesterday Mara Kos won; Kossy said so.").mentions
        assert [(x.text, x.entity_id) for x in m] == [("Mara Kos", entry.id), ("Kossy", entry.id)]
        got = gz.admin.get_entity(entry.id)
        assert (got.name, got.namespace, got.prior) == ("Mara Kos", "newsroom", 2.5)
        assert got.attributes == {"desk": "sport"} and "M. Kos" in got.aliases
        assert [(a.text, a.case) for a in got.alias_details] == [("Kossy", "exact")]
        assert gz.admin.get_info().edit_log.applied_seq > before.edit_log.applied_seq  # type: ignore[union-attr]
        assert gz.admin.delete_entities([entry.id, "t:never-was"]).applied == 1
        assert _code(lambda: gz.admin.get_entity(entry.id)) is grpc.StatusCode.NOT_FOUND


def test_bad_entries_name_their_fields_and_apply_nothing() -> None:
    with GazetteClient(ADDR, admin_token=TOKEN) as gz:
        bad = [GazetteerEntry(id="t:ok", name="Okay Name", type="PERSON"), GazetteerEntry(id="")]
        try:
            gz.admin.upsert_entities(bad, namespace="newsroom")
        except GazetteError as e:
            assert e.code is grpc.StatusCode.INVALID_ARGUMENT
            assert "entries[1].id" in [v.field for v in e.field_violations], e
        else:
            raise AssertionError("an entry without id was accepted")
        assert _code(lambda: gz.admin.get_entity("t:ok")) is grpc.StatusCode.NOT_FOUND


def test_the_token_is_required_for_changes() -> None:
    entry = GazetteerEntry(id="t:x", name="Xavier Tol", type="PERSON")
    for token in [None, "wrong"]:
        with GazetteClient(ADDR, admin_token=token) as gz:
            code = _code(lambda: gz.admin.upsert_entities([entry], namespace="newsroom"))
            assert code is grpc.StatusCode.UNAUTHENTICATED, (token, code)
