"""summarizer: several news reports of one event in, one trustworthy structured record out."""

from __future__ import annotations

from summarizer.batch import summarize_many, summarize_many_async
from summarizer.config import Settings, load_settings
from summarizer.errors import (
    BackendError,
    ConfigError,
    ExportError,
    ExtractionError,
    InputError,
    SummarizerError,
)
from summarizer.extraction import ExtractionBatch, ExtractionOutcome, extract_batch
from summarizer.ingest import read_articles
from summarizer.pipeline import (
    extract,
    extract_async,
    read_extractions,
    reconcile,
    summarize,
    summarize_async,
    write_record,
    write_report,
)
from summarizer.records import (
    Article,
    ArticleExtraction,
    Claim,
    Conflict,
    ConsensusRecord,
    Meeting,
    Person,
    Proposal,
    Span,
    Statement,
)

__version__ = "0.1.0"

__all__ = [
    "Article",
    "ArticleExtraction",
    "BackendError",
    "Claim",
    "ConfigError",
    "Conflict",
    "ConsensusRecord",
    "ExportError",
    "ExtractionBatch",
    "ExtractionError",
    "ExtractionOutcome",
    "InputError",
    "Meeting",
    "Person",
    "Proposal",
    "Settings",
    "Span",
    "Statement",
    "SummarizerError",
    "__version__",
    "extract",
    "extract_async",
    "extract_batch",
    "load_settings",
    "read_articles",
    "read_extractions",
    "reconcile",
    "summarize",
    "summarize_async",
    "summarize_many",
    "summarize_many_async",
    "write_record",
    "write_report",
]
