"""ListEdits (paged, and every page) and RevertEdit. Needs a server that has them."""
from __future__ import annotations

import grpc

from gazette_client import GazetteClient, GazetteerEntry, GazetteError
from servers import ADDR, TOKEN


def test_history_pages_and_revert() -> None:
    eid = "t:hist-lee"
    with GazetteClient(ADDR, admin_token=TOKEN) as gz:
        for name in ["Ann Lee", "Anne Lee", "Annie Lee"]:
            gz.admin.upsert_entities([GazetteerEntry(id=eid, name=name, type="PERSON")], "newsroom")
        page = gz.admin.list_edits(entity_id=eid, page_size=2)
        assert [e.after.name for e in page.edits if e.after] == ["Annie Lee", "Anne Lee"]
        assert page.next_page_token, "three edits in pages of two: a second page"
        every = list(gz.admin.iter_edits(entity_id=eid, page_size=2))
        assert [e.op for e in every] == ["upsert"] * 3
        assert [e.seq for e in every] == sorted((e.seq for e in every), reverse=True)
        newest, oldest = every[0], every[-1]
        assert newest.before is not None and newest.before.name == "Anne Lee"
        assert oldest.before is None and oldest.before_known
        assert newest.at_unix_ms > 0

        # An older edit cannot be undone while a later one changed the same entity.
        try:
            gz.admin.revert_edit(oldest.seq)
        except GazetteError as e:
            assert e.code is grpc.StatusCode.FAILED_PRECONDITION, e
            assert any(str(newest.seq) in v.subject + v.description for v in e.precondition_violations), e
        else:
            raise AssertionError("reverted an edit hidden by a later one")

        gz.admin.revert_edit(newest.seq)
        assert gz.admin.get_entity(eid).name == "Anne Lee"
        undo = gz.admin.list_edits(entity_id=eid, page_size=1).edits[0]
        assert undo.reverts == newest.seq

        try:
            gz.admin.revert_edit(10**12)
        except GazetteError as unknown:
            assert unknown.code is grpc.StatusCode.NOT_FOUND, unknown
        else:
            raise AssertionError("reverted an unknown edit")
        try:
            gz.admin.list_edits(page_size=1001)
        except GazetteError as too_big:
            assert too_big.code is grpc.StatusCode.INVALID_ARGUMENT, too_big
            assert [v.field for v in too_big.field_violations] == ["page_size"], too_big
        else:
            raise AssertionError("page_size 1001 was accepted")
