"""Offline extraction: spaCy's English pipeline plus rules fill the records, no model needed.

One module per kind of thing found (`statements`, `meetings`, `proposals`, `dates`, `people`),
`read` to run them over one parsed article, `extractor` for batches and processes, and the
words the rules use as data in `data/`, loaded once by `lexicon`.
"""

from __future__ import annotations

from summarizer.backends.offline.dates import DateMatch, resolve_dates
from summarizer.backends.offline.extractor import OfflineBackend, OfflineExtractor, rules_version
from summarizer.backends.offline.nlp import PARAGRAPH_COMPONENT, load_pipeline
from summarizer.backends.offline.read import extract_doc
from summarizer.backends.offline.statements import find_quotes
from summarizer.backends.offline.text import fold_name

__all__ = [
    "PARAGRAPH_COMPONENT",
    "DateMatch",
    "OfflineBackend",
    "OfflineExtractor",
    "extract_doc",
    "find_quotes",
    "fold_name",
    "load_pipeline",
    "resolve_dates",
    "rules_version",
]
