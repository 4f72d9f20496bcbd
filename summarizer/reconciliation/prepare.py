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
from summarizer.reconciliation.evidence import prepare_layout
from summarizer.reconciliation.mentions import prepare_mentions
from summarizer.records import GroundedExtraction

__all__ = ["prepare"]


def prepare(grounded: GroundedExtraction) -> None:
    """Work out ahead what reconciling one grounded article will ask of it alone; the next
    `reconcile_grounded` given this very grounding takes it over."""
    dedup.prepare(grounded.article)
    prepare_layout(grounded.article.text)
    prepare_mentions(grounded)
