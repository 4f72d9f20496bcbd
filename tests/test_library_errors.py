"""Wrong input to the library raises a SummarizerError subclass that speaks to a library user."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import make_test_article

import summarizer
from summarizer.records import ArticleExtraction

ARTICLE = make_test_article("a", "Officials met in Geneva on Monday.", published="2022-01-10")


@pytest.mark.parametrize(
    ("call", "error", "words"),
    [
        (
            lambda: summarizer.reconcile([ArticleExtraction()]),
            summarizer.InputError,
            "item 0 is an ArticleExtraction: pair it with the Article it came from",
        ),
        (
            lambda: summarizer.reconcile([(ArticleExtraction(), ARTICLE)]),
            summarizer.InputError,
            "as (article, extraction)",
        ),
        (
            lambda: summarizer.reconcile("extractions.jsonl"),
            summarizer.InputError,
            "use summarizer.read_extractions(path) first",
        ),
        (lambda: summarizer.reconcile(None), summarizer.InputError, "got NoneType"),
        (
            lambda: summarizer.reconcile([(1, 2)]),
            summarizer.InputError,
            "item 0 is a tuple of (int, int)",
        ),
        (
            lambda: summarizer.reconcile([(ARTICLE, ArticleExtraction())] * 2),
            summarizer.InputError,
            "two articles with the id 'a'",
        ),
        (
            lambda: summarizer.summarize([42], backend="offline"),
            summarizer.InputError,
            "summarize() takes paths",
        ),
        (
            lambda: summarizer.summarize(None, backend="offline"),
            summarizer.InputError,
            "summarize() takes a list of paths",
        ),
        (
            lambda: summarizer.summarize([ARTICLE], backend="offline", modle="x"),
            summarizer.ConfigError,
            "unknown setting modle=; the settings are: backend, model",
        ),
        (
            lambda: summarizer.summarize([ARTICLE], backend="offline", concurrency=0),
            summarizer.ConfigError,
            "invalid concurrency=0",
        ),
        (
            lambda: summarizer.summarize(
                [ARTICLE], settings=summarizer.load_settings({"backend": "offline"}), concurrency=0
            ),
            summarizer.ConfigError,
            "invalid concurrency=0",
        ),
        (
            lambda: summarizer.extract(None, backend="offline"),
            summarizer.InputError,
            "an article must be an Article",
        ),
        (
            lambda: summarizer.read_extractions(None),
            summarizer.InputError,
            "read_extractions() takes the path of a JSONL file",
        ),
        (
            lambda: summarizer.write_report(Path("report.pdf"), summarizer.reconcile([])),
            summarizer.ExportError,
            "Markdown (.md) or HTML (.html)",
        ),
    ],
)
def test_wrong_input_says_what_to_pass(call, error, words):
    with pytest.raises(error) as raised:
        call()
    message = str(raised.value)
    assert words in message
    assert "--" not in message  # a library user passes arguments, not flags


def test_right_input_still_works():
    record = summarizer.reconcile([(ARTICLE, ArticleExtraction())])
    assert [s.id for s in record.sources] == ["a"]
