"""Trust: whether a record's passages show the record, and who they show saying its words.

A passage that aligns with the article grounds a record only when it shows that record: a
meeting's name, date, place or people; a proposal's title, proposer or demands; a statement's
words; a claim's value. A made-up record quoting some unrelated sentence of the article is
therefore ungrounded.

A speaker's evidence must show that person saying something: their name and a verb of saying
(or quotation marks) in one passage. A passage that only names them ("Biden held a phone
conversation with Putin") is no evidence that Putin said the words; a sentence near the record
(not one of its own passages) must also show the statement's words, so the previous statement's
sentence ("Putin said X.") is not the evidence for the next one ("He added Y.").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache, lru_cache

from summarizer.knowledge.meetings import generic_meeting_words, meeting_kind_words
from summarizer.normalize import text_key
from summarizer.reconciliation.evidence import (
    Matcher,
    content_shown,
    date_shown,
    name_shown,
    place_shown,
    words_shown,
)
from summarizer.records import Claim, Meeting, Proposal, Span, Statement

__all__ = ["record_shown", "said_by"]


@cache
def _generic_meeting() -> frozenset[str]:
    """Words any meeting's name may hold: never enough to show which meeting it is."""
    return frozenset(text_key(" ".join(generic_meeting_words() | meeting_kind_words())))


# Share of a statement's content words its passages together must hold.
_STATEMENT_SHARE = 1 / 3
# Verbs and phrases that attribute words to someone.
_SAYING = re.compile(
    r"\b(?:sa(?:ys|id|ying)|t(?:ells|old)|stat(?:ed|ing)|noted|add(?:s|ed)|stress(?:es|ed|ing)"
    r"|warn(?:s|ed|ing)|wr(?:ites|ote)|tweeted|announced|confirmed|declared|emphasi[sz]ed"
    r"|explained|insist(?:s|ed)|urg(?:es|ed)|call(?:s|ed)\s+(?:on|for)|claimed|remarked"
    r"|asserted|replied|answered|responded|argued|suggested|reiterated|quoted|commented"
    r"|acknowledged|admitted|denied|promised|vowed|pledged|threatened|recalled|described"
    r"|praised|critici[sz]ed|accused|welcomed|expressed|believes|pointed\s+out"
    r"|according\s+to|in\s+(?:his|her|their|its)\s+words)\b",
    re.IGNORECASE,
)
_QUOTATION = re.compile('["\u201c\u201d\u00ab\u00bb\u201e]')


def _any_word(value: str, text: str, ignore: frozenset[str] = frozenset()) -> bool:
    wanted = set(text_key(value)) - ignore or set(text_key(value))
    return bool(wanted & set(text_key(text)))


def _meeting_shown(meeting: Meeting, text: str, published: str) -> bool:
    people = [p.name for p in (meeting.chair, *meeting.participants) if p is not None]
    return (
        _any_word(meeting.name, text, _generic_meeting())
        or (meeting.date is not None and date_shown(meeting.date, text, published))
        or (meeting.location is not None and place_shown(meeting.location, text))
        or any(name_shown(name, text) for name in people)
        or any(words_shown(party, text) for party in meeting.parties)
    )


def _proposal_shown(proposal: Proposal, text: str) -> bool:
    return (
        _any_word(proposal.title, text)
        or words_shown(proposal.proposer, text)
        or any(content_shown(demand, text) for demand in proposal.demands)
    )


def record_shown(
    record: Meeting | Proposal | Statement | Claim, spans: Sequence[Span], published: str
) -> bool:
    """Whether the record's aligned passages show the record itself (see the module docstring).

    Args:
        record: The extracted record.
        spans: Its aligned passages (for a statement, its content's span among them).
        published: The source's ISO publication date, "" when unknown.
    """
    if isinstance(record, Meeting):
        return any(_meeting_shown(record, s.text, published) for s in spans)
    if isinstance(record, Proposal):
        return any(_proposal_shown(record, s.text) for s in spans)
    if isinstance(record, Claim):
        return any(
            _any_word(record.value, s.text)
            or (record.date is not None and date_shown(record.date, s.text, published))
            for s in spans
        )
    wanted = set(text_key(record.content))
    have: set[str] = set()
    for span in spans:
        have |= set(text_key(span.text))
    return not wanted or len(wanted & have) >= _STATEMENT_SHARE * len(wanted)


@lru_cache(maxsize=1 << 14)
def _says(passage: str) -> bool:
    """The passage holds a verb of saying or quotation marks."""
    return bool(_SAYING.search(passage) or _QUOTATION.search(passage))


def said_by(content: str, own: Sequence[Span]) -> Matcher:
    """The matcher of a statement's speaker: a passage shows the speaker saying something.

    The passage must name the speaker and hold a verb of saying or quotation marks; a passage
    that is not one of the record's own (a sentence nearby) must also show its words.
    """
    mine = {span.text for span in own}

    def shows(value: str, passage: str, published: str) -> bool:
        if not name_shown(value, passage, published):
            return False
        if not _says(passage):
            return False
        return passage in mine or content_shown(content, passage)

    return shows
