"""Suggestions, suppressed readings, entity search and "never tag" rules, typed."""
from __future__ import annotations

from gazette_client import GazetteClient, NeverRule, OffsetEncoding, Options
from servers import ADDR, TOKEN

TEXT = "Colonel Yusuf Mansur said the convoy left Mosul 😀 on Tuesday. Barack Obama spoke."


def test_suggestions_and_suppressed_readings() -> None:
    with GazetteClient(ADDR) as gz:
        plain = gz.extract(TEXT)
        r = gz.extract(TEXT, options=Options(suggest=True, explain=True))
        utf16 = gz.extract(
            TEXT, options=Options(suggest=True, offset_encoding=OffsetEncoding.UTF16)
        )
    assert plain.suggestions == () and plain.suppressed == ()
    people = [s for s in r.suggestions if s.type == "PERSON"]
    assert "Yusuf Mansur" in [s.text for s in people], r.suggestions
    for s in r.suggestions:
        assert TEXT[s.start : s.end] == s.text and s.field == "text" and 0 <= s.score <= 1
        assert s.evidence, s
    assert {m.text for m in r.mentions}.isdisjoint(s.text for s in r.suggestions)
    units = TEXT.encode("utf-16-le")
    for s in utf16.suggestions:
        assert units[2 * s.start : 2 * s.end].decode("utf-16-le") == s.text
    # Obama (a town in Japan) is part of a person's name here: its place reading is dropped,
    # and explain says so.
    obama = [x for x in r.suppressed if x.text == "Obama"]
    assert obama and obama[0].type == "LOCATION" and obama[0].rule, r.suppressed
    assert TEXT[obama[0].start : obama[0].end] == "Obama"


def test_search_and_never_rules() -> None:
    with GazetteClient(ADDR, admin_token=TOKEN) as gz:
        found = gz.admin.search_entities("Mosul", type="LOCATION", page_size=5)
        assert found.entities and found.entities[0].name == "Mosul", found
        assert any(m.text == "Mosul" for m in gz.extract(TEXT).mentions)
        added = gz.admin.add_never_rules([NeverRule("Mosul", type="LOCATION")])
        assert added.applied == 1 and added.ids == ("never:LOCATION:mosul",)
        try:
            assert not any(m.text == "Mosul" for m in gz.extract(TEXT).mentions)
            rules = gz.admin.list_never_rules()
            assert rules.version == added.version
            assert [(x.form, x.type) for x in rules.rules if x.id == added.ids[0]] == [
                ("Mosul", "LOCATION")
            ]
        finally:
            gz.admin.delete_entities(added.ids)
        assert any(m.text == "Mosul" for m in gz.extract(TEXT).mentions)
