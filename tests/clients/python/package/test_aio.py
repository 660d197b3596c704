"""The asyncio client: the same calls, awaited."""
from __future__ import annotations

import asyncio
from typing import AsyncIterator

import grpc

from gazette_client import AsyncGazetteClient, Document, GazetteError, Options
from servers import ADDR, SHED_ADDR, TOKEN, busy


async def _extract_and_stream() -> None:
    async with AsyncGazetteClient(ADDR, admin_token=TOKEN) as gz:
        a, b = await asyncio.gather(
            gz.extract("Aleppo fell.", headline="HOMS", options=Options(explain=True)),
            gz.extract("Rain in Paris."),
        )
        assert [(m.field, m.text) for m in a.mentions] == [("headline", "HOMS"), ("text", "Aleppo")]
        assert a.mentions[0].explanation is not None
        assert b.mentions[0].text == "Paris"

        async def documents() -> AsyncIterator[Document]:
            for i in range(20):
                yield Document("Damascus", document_id=str(i))

        ids = [r.document_id async for r in gz.extract_stream(documents())]
        assert ids == [str(i) for i in range(20)]
        assert (await gz.admin.get_info()).entries > 0
        try:
            await gz.extract("x", options=Options(gazetteers=["sports"]))
        except GazetteError as e:
            assert e.code is grpc.StatusCode.INVALID_ARGUMENT
            assert [v.field for v in e.field_violations] == ["gazetteers[0]"]
        else:
            raise AssertionError("an unknown gazetteer was accepted")


async def _shed_then_retried() -> None:
    async with AsyncGazetteClient(SHED_ADDR) as gz:
        with busy(release_on_retry=True) as retried:
            # The holder's stream runs on grpc's threads; this loop only awaits.
            result = await gz.extract("Aleppo")
            assert retried.is_set(), "the call got through without being shed"
        assert result.mentions[0].text == "Aleppo"
        with busy(release_on_retry=True) as retried:
            got = [r.document_id async for r in gz.extract_stream([Document("Homs", "h")])]
            assert retried.is_set() and got == ["h"]


def test_extract_stream_admin_errors() -> None:
    asyncio.run(_extract_and_stream())


def test_shed_calls_are_retried() -> None:
    asyncio.run(_shed_then_retried())
