"""Long articles in overlapping chunks, and the chunks' records merged back into one."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from summarizer.ingest import iter_sentence_chunks
from summarizer.knowledge.meetings import meeting_nouns
from summarizer.normalize import text_key
from summarizer.records import Article, ArticleExtraction, Meeting, Proposal, Statement

CHUNK_OVERLAP = 600
_MERGED = frozenset({"meetings", "proposals", "statements"})


def split_article(article: Article, max_chars: int, overlap: int = CHUNK_OVERLAP) -> list[Article]:
    """The article itself when it is short enough, else overlapping sentence-bounded chunks.

    Chunk ids are `<id>#<n>`; each chunk's text is a slice of the article's.
    """
    chunks = list(iter_sentence_chunks(article.text, max_chars, overlap))
    if len(chunks) == 1:
        return [article]
    return [
        article.model_copy(update={"id": f"{article.id}#{n}", "text": text, "chars": len(text)})
        for n, (_, text) in enumerate(chunks, start=1)
    ]


def _squash(text: str | None) -> str:
    return " ".join((text or "").lower().split())


@cache
def _meeting_nouns() -> frozenset[str]:
    return frozenset(text_key(" ".join(meeting_nouns())))


def _meeting_name(name: str) -> str:
    nouns = _meeting_nouns()
    return " ".join(sorted(t for t in text_key(name) if t not in nouns)) or _squash(name)


def merge_extractions(parts: Sequence[ArticleExtraction]) -> ArticleExtraction:
    """Merge the extractions of one article's overlapping chunks, dropping repeats."""
    if len(parts) == 1:
        return parts[0]
    merged_meetings: list[tuple[str, Meeting]] = []
    for part in parts:
        for m in part.meetings:
            name = _meeting_name(m.name)
            for i, (kept_name, kept) in enumerate(merged_meetings):
                a, b = kept.date or "", m.date or ""
                if kept_name == name and (a.startswith(b) or b.startswith(a)):
                    quotes = kept.quotes + [q for q in m.quotes if q not in kept.quotes]
                    date = a if len(a) >= len(b) else b  # the more precise date
                    merged_meetings[i] = (
                        kept_name,
                        kept.model_copy(update={"quotes": quotes, "date": date or None}),
                    )
                    break
            else:
                merged_meetings.append((name, m))
    proposals: dict[tuple[str, str], Proposal] = {}
    for part in parts:
        for p in part.proposals:
            proposals.setdefault((_squash(p.title), _squash(p.proposer)), p)
    statements: dict[tuple[str, str], Statement] = {}
    for part in parts:
        for s in part.statements:
            statements.setdefault((_squash(s.speaker.name), _squash(s.content)), s)
    first = parts[0]
    merged = first.model_copy(
        update={
            "headline": first.headline or next((p.headline for p in parts if p.headline), None),
            "published": first.published or next((p.published for p in parts if p.published), None),
            "outlet": first.outlet or next((p.outlet for p in parts if p.outlet), None),
            "meetings": [m for _, m in merged_meetings],
            "proposals": list(proposals.values()),
            "statements": list(statements.values()),
        }
    )
    # Any other list of records (e.g. claims): every chunk's, repeats dropped.
    for field, info in ArticleExtraction.model_fields.items():
        if field in _MERGED or getattr(info.annotation, "__origin__", None) is not list:
            continue
        seen: dict[str, object] = {}
        for part in parts:
            for item in getattr(part, field):
                key = item.model_dump_json() if hasattr(item, "model_dump_json") else repr(item)
                seen.setdefault(key, item)
        setattr(merged, field, list(seen.values()))
    return merged


__all__ = ["CHUNK_OVERLAP", "merge_extractions", "split_article"]
