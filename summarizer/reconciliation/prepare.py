"""Preparing: the part of reconciling that concerns one article alone, done ahead of the batch.

While other articles are still being extracted, each grounded article can be readied for the
reconciliation that will take it in: its shingle hashes for near-duplicate detection, its
sentence layout for the evidence search, and its mentions (each record with its source, date,
passages and whether they show it). Each is kept by the existing step that computes it, keyed by
the article's text or its grounding, and taken over by the next reconciliation; what is left
then is the work across articles. The record is the same with or without.
"""

from __future__ import annotations

from summarizer import dedup
from summarizer.ground import Readying
from summarizer.reconciliation.evidence import (
    PlainLayout,
    plain_layout,
    prepare_layout,
    take_layout,
)
from summarizer.reconciliation.mentions import prepare_mentions
from summarizer.records import GroundedExtraction

__all__ = ["READYING", "plain_preparation", "prepare", "take_preparation"]

# What `prepare` works out from an article's text alone, in numbers and bytes: its shingle
# hashes and its sentence layout.
PlainPreparation = tuple[bytes, PlainLayout]


def prepare(grounded: GroundedExtraction) -> None:
    """Work out ahead what reconciling one grounded article will ask of it alone; the next
    `reconcile_grounded` given this very grounding takes it over."""
    dedup.prepare(grounded.article)
    prepare_layout(grounded.article.text)
    prepare_mentions(grounded)


def plain_preparation(text: str) -> PlainPreparation:
    """What `prepare` works out from the article's text alone, to be sent from another process
    of this machine that grounded the article (see `take_preparation`)."""
    return dedup.plain_hashes(text), plain_layout(text)


def take_preparation(grounded: GroundedExtraction, plain: PlainPreparation) -> None:
    """`prepare(grounded)`, the text's part taken from `plain_preparation(text)`."""
    text = grounded.article.text
    hashes, layout = plain
    dedup.take_hashes(text, hashes)
    take_layout(text, layout)
    prepare_mentions(grounded)


# What `summarizer.ground.ground_all` is given to ready each grounding for reconciliation.
READYING = Readying(ready=prepare, plain=plain_preparation, take=take_preparation)
