"""Benchmark reconciliation on synthetic batches: many events, many reports of each.

Usage: python benchmarks/bench_reconcile.py [N ...]     (default: 250 500 1000 2000)

Each event (one per 20 articles) has a main meeting, a side meeting, a proposal, four
speakers and four claims (a count, a duration, a start time, the month of the last meeting).
Every report words them its own way: name spellings (Yury/Yuri, kh/h), role wordings,
meeting-name aliases, paraphrased statements, a status that evolves with the publication date,
now and then a wrong date, and 5% of articles are near-copies of another. Grounding is built
directly (quotes found with str.find) so that only reconciliation is timed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
import sys
import time
from collections.abc import Sequence
from typing import Literal

from summarizer.reconciliation import reconcile_grounded
from summarizer.records import (
    Article,
    ArticleExtraction,
    Claim,
    GroundedExtraction,
    GroundedRecord,
    Meeting,
    Person,
    Proposal,
    Run,
    Span,
    Statement,
)

REPORTS_PER_EVENT = 20


def _split(text: str) -> tuple[str, ...]:
    return tuple(text.split())


SYLLABLES = _split("ka lo mi ra ven to sa dor bel ni kov gra zan pel tur mar os vik len dru")
VOCABULARY = _split(
    "security guarantees dialogue reciprocity transparency forces border troops treaty "
    "sanctions talks delegation agenda missiles deployment expansion withdrawal position "
    "response concerns principles documents consultations partners pressure stability "
    "escalation proposal ministers envoys negotiations framework verification"
)


def _word(rnd: random.Random, parts: int = 3) -> str:
    return "".join(rnd.choice(SYLLABLES) for _ in range(parts)).capitalize()


def _variant(name: str, rnd: random.Random) -> str:
    """A transliteration variant of a name, as different outlets spell it."""
    swaps = [("y", "i"), ("kh", "h"), ("iy", "y"), ("v", "w"), ("ks", "x")]
    rnd.shuffle(swaps)
    for old, new in swaps:
        if old in name.lower():
            return name.replace(old, new).replace(old.capitalize(), new.capitalize())
    return name


class _Writer:
    """Builds one article's text and the spans of the quotes placed in it."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.parts: list[str] = []
        self.length = 0

    def add(self, sentence: str) -> Span:
        start = self.length
        self.parts.append(sentence)
        self.length += len(sentence) + 1
        return Span(
            source=self.source,
            start=start,
            end=start + len(sentence),
            text=sentence,
            match="exact",
        )

    @property
    def text(self) -> str:
        return " ".join(self.parts)


def _event(rnd: random.Random, k: int) -> dict[str, object]:
    place = _word(rnd, 2)
    people = []
    for _ in range(4):
        given, surname = _word(rnd, 2) + "y", _word(rnd, 3) + "kov"
        people.append((given, surname))
    return {
        "name": f"{_word(rnd)} {_word(rnd, 2)} Council",
        "side": f"{_word(rnd)} ministers",
        "place": place,
        "date": dt.date(2022, 1, 3) + dt.timedelta(days=7 * k),
        "people": people,
        "roles": ["Deputy Foreign Minister", "Secretary General", "Kremlin aide", "spokesman"],
        "topics": rnd.sample(VOCABULARY, 6),
        "sayings": [
            rnd.sample(VOCABULARY, 10) + [_word(rnd).lower() for _ in range(4)] for _ in people
        ],
        "demands": [" ".join(rnd.sample(VOCABULARY, 4)) for _ in range(4)],
    }


def _report(event: dict[str, object], k: int, r: int, rnd: random.Random) -> GroundedExtraction:
    sid = f"e{k:04d}r{r:02d}"
    date: dt.date = event["date"]  # type: ignore[assignment]
    published = date + dt.timedelta(days=r - 14)
    status = "proposed" if r < 5 else "scheduled" if r < 14 else "held"
    w = _Writer(sid)
    filler = " ".join(rnd.sample(VOCABULARY, 12))
    w.add(f"Dispatch {sid} filed by correspondent {_word(rnd)}: {filler}.")
    name = str(event["name"])
    written_name = rnd.choice(
        [f"{name} meeting", f"meeting of the {name}", f"{name} session", f"the {name}"]
    )
    meeting_date = date if rnd.random() > 0.02 else date + dt.timedelta(days=1)
    place = str(event["place"])
    main_span = w.add(f"The {written_name} will be held in {place} on {meeting_date:%B %d}.")
    people: list[tuple[str, str]] = event["people"]  # type: ignore[assignment]
    roles: list[str] = event["roles"]  # type: ignore[assignment]
    persons = []
    for i, (given, surname) in enumerate(people):
        full = f"{given} {surname}"
        spelled = _variant(full, rnd) if rnd.random() < 0.3 else full
        role = roles[i] if rnd.random() < 0.8 else f"{roles[i]} of the country"
        persons.append(Person(name=spelled, role=role, organization="Ministry"))
    chair_span = w.add(f"{persons[1].name} will chair it with {persons[0].name} attending.")
    topics: list[str] = event["topics"]  # type: ignore[assignment]
    agenda = rnd.sample(topics, 3)
    agenda_span = w.add(f"The agenda covers {', '.join(agenda)}.")
    meetings = [
        Meeting(
            name=written_name,
            date=meeting_date.isoformat(),
            location=place,
            status=status,
            chair=persons[1],
            participants=[persons[0], persons[1]],
            parties=rnd.sample(["NATO", "Russia", "the alliance", "Moscow", "EU"], 2),
            agenda=agenda,
            quotes=[main_span.text, chair_span.text, agenda_span.text],
        )
    ]
    spans = [[main_span, chair_span, agenda_span]]
    if rnd.random() < 0.6:
        side = str(event["side"])
        side_date = date - dt.timedelta(days=3)
        side_span = w.add(f"Earlier, {side} meet by video on {side_date:%B %d}.")
        meetings.append(
            Meeting(
                name=f"virtual meeting of {side}",
                date=side_date.isoformat(),
                format="virtual",
                status="scheduled",
                quotes=[side_span.text],
            )
        )
        spans.append([side_span])
    demands: list[str] = event["demands"]  # type: ignore[assignment]
    chosen = rnd.sample(demands, 2)
    proposal_span = w.add(f"The proposal on {name} demands {chosen[0]} and {chosen[1]}.")
    proposals = [
        Proposal(
            title=rnd.choice([f"proposal on {name}", f"draft agreement on {name}"]),
            proposer=rnd.choice(["Russia", "Moscow", "Russian Federation"]),
            date=(date - dt.timedelta(days=20)).isoformat(),
            demands=chosen,
            status="under_discussion",
            quotes=[proposal_span.text],
        )
    ]
    statements = []
    statement_spans = []
    sayings: list[list[str]] = event["sayings"]  # type: ignore[assignment]
    said = (date - dt.timedelta(days=2)).isoformat()
    for person, words in zip(persons, sayings, strict=True):
        if rnd.random() < 0.25:
            continue
        kept = [t for t in words if rnd.random() > 0.2]
        content = " ".join(kept).capitalize() + "."
        span = w.add(f"{person.name} said: {content}")
        statements.append(
            Statement(
                speaker=person,
                content=content,
                direct=False,
                date=said if rnd.random() < 0.7 else None,
                about=written_name,
                quotes=[span.text],
            )
        )
        statement_spans.append([span])
    claims = []
    claim_spans = []
    delegations = 12 if rnd.random() > 0.05 else 13
    hours = rnd.choice(
        ["about seven hours", "more than six hours", "nearly eight hours", "7.5 hours"]
    )
    start = rnd.choice(["09:00 GMT", "12:00 Moscow time", "in the morning", "10:00 CET"])
    month = rnd.choice(["April 2021", "2021-04"]) if rnd.random() > 0.05 else "May 2021"
    for attribute, value in (
        ("number of delegations", f"{delegations} delegations"),
        ("duration of the talks", hours),
        ("start time", start),
        ("month of the last meeting", month),
    ):
        span = w.add(f"The {attribute} of the {name} was {value}, officials said.")
        claims.append(
            Claim(
                about=f"{name} talks",
                attribute=attribute,
                value=value,
                date="2021-05" if month == "May 2021" and attribute.startswith("month") else None,
                quotes=[span.text],
            )
        )
        claim_spans.append([span])
    text = w.text
    article = Article(
        id=sid,
        path=f"{sid}.txt",
        text=text,
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        chars=len(text),
        published=published.isoformat(),
    )
    extraction = ArticleExtraction(
        published=published.isoformat(),
        meetings=meetings,
        proposals=proposals,
        statements=statements,
        claims=claims,
    )

    def grounding(
        kind: Literal["meeting", "proposal", "statement", "claim"], spans: Sequence[Sequence[Span]]
    ) -> list[GroundedRecord]:
        return [
            GroundedRecord(kind=kind, index=i, spans=list(s), grounded=True)
            for i, s in enumerate(spans)
        ]

    return GroundedExtraction(
        article=article,
        extraction=extraction,
        meetings=grounding("meeting", spans),
        proposals=grounding("proposal", [[proposal_span]]),
        statements=grounding("statement", statement_spans),
        claims=grounding("claim", claim_spans),
    )


def _copy(original: GroundedExtraction, sid: str) -> GroundedExtraction:
    """A near-copy: the same text and records, re-published a day later under another id."""
    published = dt.date.fromisoformat(original.article.published or "2022-01-01")
    text = original.article.text
    article = original.article.model_copy(
        update={
            "id": sid,
            "path": f"{sid}.txt",
            "published": (published + dt.timedelta(days=1)).isoformat(),
        }
    )

    def moved(records: Sequence[GroundedRecord]) -> list[GroundedRecord]:
        return [
            r.model_copy(update={"spans": [s.model_copy(update={"source": sid}) for s in r.spans]})
            for r in records
        ]

    assert article.text == text
    return GroundedExtraction(
        article=article,
        extraction=original.extraction,
        meetings=moved(original.meetings),
        proposals=moved(original.proposals),
        statements=moved(original.statements),
        claims=moved(original.claims),
    )


def generate(n: int, seed: int = 20220112) -> list[GroundedExtraction]:
    """`n` articles' grounded extractions: n / 20 events, 20 reports each, 5% copies."""
    rnd = random.Random(seed)
    out: list[GroundedExtraction] = []
    events = max(1, n // REPORTS_PER_EVENT)
    for k in range(events):
        event = _event(rnd, k)
        for r in range(REPORTS_PER_EVENT):
            if len(out) >= n:
                break
            if out and rnd.random() < 0.05:
                out.append(_copy(out[-1], f"e{k:04d}r{r:02d}c"))
            else:
                out.append(_report(event, k, r, rnd))
    return out[:n]


def main(sizes: Sequence[int]) -> None:
    run = Run(backend="benchmark", started="2022-01-12T00:00:00+00:00")
    print(
        f"{'articles':>8} {'records':>8} {'seconds':>8} {'records/s':>10} "
        f"{'meetings':>8} {'statements':>10} {'claims':>6} {'people':>6} {'conflicts':>9}"
    )
    for n in sizes:
        batch = generate(n)
        records = sum(
            len(g.extraction.meetings)
            + len(g.extraction.proposals)
            + len(g.extraction.statements)
            + len(g.extraction.claims)
            for g in batch
        )
        start = time.perf_counter()
        result = reconcile_grounded(batch, run=run)
        seconds = time.perf_counter() - start
        print(
            f"{n:>8} {records:>8} {seconds:>8.2f} {records / seconds:>10.0f} "
            f"{len(result.meetings):>8} {len(result.statements):>10} {len(result.claims):>6} "
            f"{len(result.people):>6} "
            f"{len(result.conflicts):>9}"
        )


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [250, 500, 1000, 2000])
