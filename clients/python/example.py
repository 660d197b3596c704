"""Example: tag a news article with Gazette and check every span.

    python example.py HOST:PORT ARTICLE.txt
"""
import sys

from gazette_client import GazetteClient


def main(addr: str, path: str) -> None:
    with open(path, encoding="utf-8") as f:
        text = f.read()
    with GazetteClient(addr) as gz:
        result = gz.extract(text, document_id=path)
        for m in result.mentions:
            # Code-point offsets: Python slices them directly.
            assert text[m.start : m.end] == m.text, (m.start, m.end, m.text)
        top = sorted(result.entities, key=lambda e: -e.salience)[:10]
        print(f"{len(result.mentions)} mentions of {len(result.entities)} entities "
              f"(gazetteer {result.gazetteer_version}); most salient:")
        for e in top:
            print(f"  {e.salience:.3f}  {e.type:<13} {e.name} ×{e.mention_count}")
        # The same text three times through one stream.
        streamed = list(gz.extract_many([text] * 3))
        assert [r.mentions for r in streamed] == [result.mentions] * 3
        print("stream: 3 documents, same answers")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
