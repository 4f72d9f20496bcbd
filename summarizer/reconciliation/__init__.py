"""Reconciliation: many articles' grounded records become one consensus record.

Deterministic and model-free: values are normalised, the same meeting, proposal, statement and
person are resolved across sources, each field is fused into a consensus value with its
supporting sources and evidence, and incompatible values are reported as conflicts.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from summarizer.judging import Question, questions_for
from summarizer.reconciliation.assemble import assemble
from summarizer.reconciliation.claims import resolve_claims
from summarizer.reconciliation.evidence import forget_layouts
from summarizer.reconciliation.mentions import collect
from summarizer.reconciliation.prepare import prepare
from summarizer.reconciliation.resolve import resolve
from summarizer.records import ConsensusRecord, GroundedExtraction, Run

__all__ = ["prepare", "reconcile_grounded"]

UNTITLED = "Untitled event"


@contextmanager
def _collection_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while reconciling.

    Reconciliation allocates millions of small objects, none of them in reference cycles,
    while the batch's records fill the heap; each automatic collection walks that whole heap
    again, about a quarter of the time at 1,000 articles. Memory is still freed by reference
    counting; the collector resumes (if it was running) when reconciliation ends.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def reconcile_grounded(
    grounded: Sequence[GroundedExtraction],
    *,
    run: Run,
    strict: bool = False,
    title: str | None = None,
    questions: list[Question] | None = None,
) -> ConsensusRecord:
    """Merge the grounded extractions of several articles into one consensus record.

    The library's `summarizer.reconcile` grounds extractions first, then calls this.

    The same input in any order gives the same record (`run` aside).

    Args:
        grounded: One grounded extraction per article.
        run: How the record was made; copied into it as given.
        strict: Leave out records none of whose passages were found in their article. Otherwise
            they are kept, marked `grounded: false`, and never outvote grounded ones.
        title: The event's title; by default the meeting most sources report, with its date.
        questions: When given, filled with the value pairs the rules could not decide, and
            those they flagged only `low` (for the judge, see `summarizer.judging`).
    """
    with _collection_paused():
        batch = collect(grounded, strict=strict)
        try:
            resolution = resolve(batch)
            resolution.claims = resolve_claims(batch, resolution)
            assembled = assemble(batch, resolution)
        finally:
            forget_layouts()  # the article layouts live as long as one reconciliation
    record = ConsensusRecord(
        title=title or assembled.title or UNTITLED,
        sources=batch.sources,
        people=assembled.people,
        meetings=assembled.meetings,
        proposals=assembled.proposals,
        statements=assembled.statements,
        claims=assembled.claims,
        conflicts=assembled.conflicts,
        run=run,
    )
    if questions is not None:
        pairs = [(path, subject, pair.values) for path, subject, pair in assembled.open_pairs]
        questions.extend(questions_for(record, pairs))
    return record
