"""Read one parsed article: find its meetings, proposals, statements and claims, and link them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from summarizer.backends.offline.claims import build_claims
from summarizer.backends.offline.meetings import (
    build_meetings,
    date_press_events,
    meeting_mentions,
    meeting_record,
)
from summarizer.backends.offline.parsed import ParsedArticle
from summarizer.backends.offline.proposals import build_proposals, proposal_mentions
from summarizer.backends.offline.statements import build_statements, utterances
from summarizer.records import Article, ArticleExtraction, Statement

if TYPE_CHECKING:
    from spacy.tokens import Doc


def extract_doc(article: Article, doc: Doc) -> ArticleExtraction:
    """Fill an ArticleExtraction from an article and its parse."""
    art = ParsedArticle(article, doc)
    found_meetings = build_meetings(art, meeting_mentions(art))
    meetings = date_press_events(
        art, found_meetings, [meeting_record(art, r) for r in found_meetings]
    )
    proposals = build_proposals(art, proposal_mentions(art))
    meeting_sents = [{x.sent_index for x in r.mentions} for r in found_meetings]
    statements: list[Statement] = []
    found_statements = build_statements(art, utterances(art))
    for statement, n in found_statements:
        about = next(
            (meetings[k].name for k, sents in enumerate(meeting_sents) if n in sents), None
        )
        if about is None:
            about = next(
                (p.title for p in proposals if any(q in p.quotes for q in statement.quotes)),
                None,
            )
        statements.append(statement.model_copy(update={"about": about}))
    return ArticleExtraction(
        headline=article.headline,
        published=article.published,
        outlet=article.outlet,
        meetings=meetings,
        proposals=proposals,
        statements=statements,
        claims=build_claims(art, meetings, meeting_sents, proposals, found_statements),
    )


__all__ = ["extract_doc"]
