"""summarizer: several news reports of one event in, one trustworthy structured record out."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from summarizer.errors import (
    BackendError,
    ConfigError,
    ExportError,
    ExtractionError,
    InputError,
    SummarizerError,
)

if TYPE_CHECKING:  # the names below load on first use, so that importing the package is quick
    from summarizer.batch import summarize_many, summarize_many_async
    from summarizer.config import Settings, load_settings
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

# Where each public name lives; `import summarizer` loads none of them (no pydantic models,
# no HTTP client), so the command line starts quickly.
_HOMES = {
    "summarize_many": "summarizer.batch",
    "summarize_many_async": "summarizer.batch",
    "Settings": "summarizer.config",
    "load_settings": "summarizer.config",
    "ExtractionBatch": "summarizer.extraction",
    "ExtractionOutcome": "summarizer.extraction",
    "extract_batch": "summarizer.extraction",
    "read_articles": "summarizer.ingest",
    "extract": "summarizer.pipeline",
    "extract_async": "summarizer.pipeline",
    "read_extractions": "summarizer.pipeline",
    "reconcile": "summarizer.pipeline",
    "summarize": "summarizer.pipeline",
    "summarize_async": "summarizer.pipeline",
    "write_record": "summarizer.pipeline",
    "write_report": "summarizer.pipeline",
    "Article": "summarizer.records",
    "ArticleExtraction": "summarizer.records",
    "Claim": "summarizer.records",
    "Conflict": "summarizer.records",
    "ConsensusRecord": "summarizer.records",
    "Meeting": "summarizer.records",
    "Person": "summarizer.records",
    "Proposal": "summarizer.records",
    "Span": "summarizer.records",
    "Statement": "summarizer.records",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'summarizer' has no attribute {name!r}")
    value = getattr(importlib.import_module(home), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
