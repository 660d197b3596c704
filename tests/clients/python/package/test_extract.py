"""One document at a time: every option, the typed answer, offsets in every unit, errors."""
from __future__ import annotations

import grpc

from gazette_client import (
    GazetteClient,
    GazetteError,
    MatchHow,
    OffsetEncoding,
    Options,
    Overlap,
    Resolution,
)
from servers import ADDR

TEXT = "Syrian troops 😀 crossed into Turkey, Reuters reported from Istanbul."


def test_headline_fields_and_explanations() -> None:
    fields = {"headline": "TURKEY BRACES", "caption": "Troops near Aleppo", "text": TEXT}
    with GazetteClient(ADDR) as gz:
        r = gz.extract(
            TEXT,
            document_id="d1",
            headline=fields["headline"],
            fields={"caption": fields["caption"]},
            options=Options(explain=True),
        )
    assert r.document_id == "d1" and r.gazetteer_version.startswith("sha256:")
    assert r.offset_encoding is OffsetEncoding.CODE_POINT
    assert [m.field for m in r.mentions][:2] == ["headline", "caption"]
    for m in r.mentions:
        assert fields[m.field][m.start : m.end] == m.text, m
        assert r.entities[m.entity_index].id == m.entity_id
        assert m.explanation is not None and m.explanation.rule
        assert isinstance(m.how, MatchHow) and isinstance(m.resolution, Resolution)
    istanbul = next(m for m in r.mentions if m.text == "Istanbul")
    assert istanbul.resolution is Resolution.PRIOR and istanbul.alternatives
    assert all(a.score <= istanbul.score for a in istanbul.alternatives)
    turkey = next(e for e in r.entities if e.name == "Turkey")
    assert turkey.attributes["country_code"] == "TR" and turkey.namespace == "geo"
    assert turkey.mention_count == len(turkey.mention_indexes) == 2
    assert abs(sum(e.salience for e in r.entities) - 1.0) < 1e-3


def test_offsets_in_every_unit_slice_the_text() -> None:
    with GazetteClient(ADDR) as gz:
        for unit, codec, width in [
            (OffsetEncoding.UTF8, "utf-8", 1),
            (OffsetEncoding.UTF16, "utf-16-le", 2),
        ]:
            r = gz.extract(TEXT, options=Options(offset_encoding=unit))
            assert r.offset_encoding is unit and r.mentions
            data = TEXT.encode(codec)
            for m in r.mentions:
                assert data[m.start * width : m.end * width] == m.text.encode(codec), (unit, m)


def test_filters_and_overlaps() -> None:
    with GazetteClient(ADDR, options=Options(entity_types=["LOCATION"])) as gz:
        assert {m.type for m in gz.extract(TEXT).mentions} == {"LOCATION"}
        geo = gz.extract(TEXT, options=Options(gazetteers=["media"]))
        assert [m.text for m in geo.mentions] == ["Reuters"]
        text = "New York City and North Korea"
        longest = gz.extract(text).mentions
        every = gz.extract(text, options=Options(overlap=Overlap.ALL)).mentions
        assert {(m.start, m.end) for m in longest} < {(m.start, m.end) for m in every}


def test_a_pinned_gazetteer_version() -> None:
    with GazetteClient(ADDR) as gz:
        version = gz.extract(TEXT).gazetteer_version
        assert gz.extract(TEXT, options=Options(gazetteer_version=version)).mentions
        try:
            gz.extract(TEXT, options=Options(gazetteer_version="sha256:0"))
        except GazetteError as e:
            assert e.code is grpc.StatusCode.FAILED_PRECONDITION, e
            assert [v.subject for v in e.precondition_violations] == ["gazetteer_version"]
        else:
            raise AssertionError("a stale gazetteer version was accepted")


def test_errors_name_the_fields() -> None:
    cases = [
        ({"options": Options(gazetteers=["geo", "sports"])}, ["gazetteers[1]"]),
        ({"fields": [("caption", "a"), ("caption", "b")]}, ["fields[1].name"]),
        ({"fields": {"headline": "x"}}, ["fields[0].name"]),
    ]
    with GazetteClient(ADDR) as gz:
        for kwargs, want in cases:
            try:
                gz.extract("Aleppo", **kwargs)  # type: ignore[arg-type]
            except GazetteError as e:
                assert e.code is grpc.StatusCode.INVALID_ARGUMENT, e
                assert [v.field for v in e.field_violations] == want, (kwargs, e)
                assert want[0] in str(e)
            else:
                raise AssertionError(f"accepted {kwargs}")
        try:
            gz.extract("x" * (2 << 20))
        except GazetteError as e:
            assert [v.field for v in e.field_violations] == ["text"], e
        else:
            raise AssertionError("an oversized text was accepted")
