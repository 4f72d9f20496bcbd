"""Hostile and odd input: fuzzing ingest, huge files and folders, settings, stalls."""

from __future__ import annotations

import asyncio
import io
import json
import string
import time

import pytest
from conftest import make_test_article
from fakeserver import status
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from summarizer.cli import main
from summarizer.config import load_settings, redact
from summarizer.errors import ConfigError
from summarizer.extraction import extract_batch
from summarizer.ingest import (
    _Ids,
    detect_headline,
    detect_outlet,
    detect_published,
    html_to_text,
    iter_sentence_chunks,
    read_articles,
)
from summarizer.records import ArticleExtraction, normalize_date


@settings(max_examples=300, deadline=None)
@given(st.text())
@example("<![A:")
@example("<![0")
def test_detection_never_raises_on_any_text(text):
    published = detect_published(text)
    if published is not None:
        assert normalize_date(published) == published
    outlet = detect_outlet(text)
    assert outlet is None or outlet in text
    headline = detect_headline(text)
    assert headline is None or headline in text
    html_to_text(text)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=2000))
def test_any_bytes_on_stdin_give_an_article_or_one_line_problem(data):
    result = read_articles(["-"], stdin=io.BytesIO(data))
    assert len(result.articles) + len(result.problems) >= 1 or not data.strip()
    for article in result.articles:
        assert article.text.strip()
        assert article.chars == len(article.text)
    for problem in result.problems:
        assert "\n" not in problem.message


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.one_of(st.text(), st.dictionaries(st.text(), st.text() | st.integers())), max_size=8
    )
)
def test_any_jsonl_lines_never_raise(items):
    lines = [json.dumps(item) if isinstance(item, dict) else item for item in items]
    data = "\n".join(lines).encode("utf-8", "surrogatepass")
    result = read_articles(["-"], stdin=io.BytesIO(b"{}\n" + data))
    ids = [a.id for a in result.articles]
    assert len(ids) == len(set(ids))


@settings(max_examples=200, deadline=None)
@given(
    st.text(min_size=1),
    st.integers(min_value=50, max_value=400),
    st.integers(min_value=0, max_value=100),
)
def test_chunks_always_cover_the_text_with_valid_offsets(text, size, overlap):
    chunks = list(iter_sentence_chunks(text, size, overlap))
    covered: set[int] = set()
    for offset, chunk in chunks:
        assert text[offset : offset + len(chunk)] == chunk
        assert chunk
        covered.update(range(offset, offset + len(chunk)))
    assert covered == set(range(len(text)))


def test_a_50_mb_file_is_refused_without_reading_it(tmp_path):
    big = tmp_path / "big.txt"
    with big.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    (tmp_path / "ok.txt").write_text("Fine article.", encoding="utf-8")
    result = read_articles([tmp_path])
    assert [a.id for a in result.articles] == ["ok"]
    assert "too large" in result.problems[0].message
    assert "SUMMARIZER_MAX_BYTES" in result.problems[0].message


def test_a_folder_of_10000_files(tmp_path):
    for i in range(10_000):
        (tmp_path / f"a{i:05d}.txt").write_text(f"Article {i}.", encoding="utf-8")
    result = read_articles([tmp_path])
    assert len(result.articles) == 10_000
    assert not result.problems
    assert result.articles[0].id == "a00000" and result.articles[-1].id == "a09999"


# --- configuration -------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["inf", "-inf", "nan", "1e999"])
def test_an_infinite_timeout_is_refused_naming_the_flag(value):
    with pytest.raises(ConfigError, match="--timeout ") as refused:
        load_settings({"timeout_s": float(value)}, environ={}, dotenv_path=None)
    assert "--timeout-s" not in str(refused.value)
    with pytest.raises(ConfigError, match="SUMMARIZER_ARTICLE_TIMEOUT"):
        load_settings(environ={"SUMMARIZER_ARTICLE_TIMEOUT": value}, dotenv_path=None)


def test_range_errors_name_the_real_flag():
    with pytest.raises(ConfigError, match="invalid --timeout = -1"):
        load_settings({"timeout_s": -1}, environ={}, dotenv_path=None)
    with pytest.raises(ConfigError, match="invalid --article-timeout = 0"):
        load_settings({"article_timeout_s": 0}, environ={}, dotenv_path=None)


@pytest.mark.parametrize("value", ["maybe", "2", "nope", "ja"])
def test_an_unreadable_no_cache_value_is_refused(value):
    with pytest.raises(ConfigError, match="SUMMARIZER_NO_CACHE") as refused:
        load_settings(environ={"SUMMARIZER_NO_CACHE": value}, dotenv_path=None)
    assert "\n" not in str(refused.value)
    for word, meaning in (("Yes", True), ("off", False), ("0", False), ("TRUE", True)):
        settings = load_settings(environ={"SUMMARIZER_NO_CACHE": word}, dotenv_path=None)
        assert settings.no_cache is meaning


@settings(max_examples=300, deadline=None)
@given(
    secret=st.text(alphabet=string.ascii_letters + string.digits + "-_", min_size=8, max_size=60),
    before=st.text(max_size=40),
    after=st.text(max_size=40),
    data=st.data(),
)
def test_no_piece_of_the_key_of_eight_characters_survives(secret, before, after, data):
    start = data.draw(st.integers(0, len(secret) - 8))
    end = data.draw(st.integers(start + 8, len(secret)))
    shown = redact(before + secret[start:end] + after, secret)
    for i in range(len(secret) - 7):
        assert secret[i : i + 8] not in shown
    assert redact(before + after, secret) == before + after or any(
        secret[i : i + 8] in before + after for i in range(len(secret) - 7)
    )


# --- reading -------------------------------------------------------------------------------


def test_a_symlink_out_of_an_input_folder_is_not_followed(tmp_path):
    private = tmp_path / "private"
    private.mkdir()
    (private / "credentials.txt").write_text("password=hunter2 for the server", encoding="utf-8")
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("An article about talks.", encoding="utf-8")
    (folder / "creds.txt").symlink_to(private / "credentials.txt")
    (folder / "same.txt").symlink_to(folder / "a.txt")  # inside: read (once)
    result = read_articles([folder])
    assert [a.id for a in result.articles] == ["a"]
    assert all("hunter2" not in a.text for a in result.articles)
    assert any("--follow-symlinks" in s.message and "creds" in s.path for s in result.skipped)
    followed = read_articles([folder], follow_symlinks=True)
    assert sorted(a.id for a in followed.articles) == ["a", "creds"]
    named = read_articles([folder / "creds.txt"])  # named directly: the user asked for it
    assert [a.id for a in named.articles] == ["creds"]


class _CountingSet(set):
    lookups = 0

    def __contains__(self, item: object) -> bool:
        _CountingSet.lookups += 1
        return super().__contains__(item)


def test_making_20000_repeated_ids_unique_is_linear():
    ids = _Ids()
    ids.used = _CountingSet()
    taken = [ids.take("same") for _ in range(20_000)]
    assert taken[:3] == ["same", "same-2", "same-3"] and taken[-1] == "same-20000"
    assert len(set(taken)) == 20_000
    assert _CountingSet.lookups < 3 * 20_000
    ids.take("other-2")
    assert ids.take("other") == "other" and ids.take("other") == "other-3"


def test_a_jsonl_of_repeated_ids_reads_every_line():
    lines = "".join(json.dumps({"id": "x", "text": f"Article {i}."}) + "\n" for i in range(2_000))
    result = read_articles(["-"], stdin=io.BytesIO(lines.encode()))
    assert len({a.id for a in result.articles}) == 2_000


# --- stalls --------------------------------------------------------------------------------


def test_a_slow_article_is_reported_and_the_batch_goes_on(fake, make_settings):
    from fakeserver import hang

    fake.default = lambda _id: {}
    # The client's first request pays once for lazy imports and schemas (seconds on a busy
    # machine): paid here, so that the budget below measures answers only.
    warm = make_test_article("warm", "Officials met in Bern.")
    assert asyncio.run(extract_batch([warm], make_settings(fake, no_cache=True))).outcomes[0].ok
    articles = [make_test_article(n, f"Officials of {n} met in Geneva.") for n in ("a", "b")]
    fake.script("a", hang(600.0, {}))  # never answered within the run
    settings_ = make_settings(fake, no_cache=True, article_timeout_s=4.0)
    batch = asyncio.run(extract_batch(articles, settings_))
    slow, fine = batch.outcomes
    assert not slow.ok and "time budget" in (slow.error or "")
    assert "--article-timeout" in (slow.error or "")
    assert fine.ok


def test_retry_after_is_capped_and_says_so(fake, make_settings, caplog):
    from fakeserver import ok

    from summarizer.backends.openai import OpenAIBackend

    article = make_test_article("a", "Officials met in Geneva.")
    fake.script("a", status(429, {"Retry-After": "3600"}), ok({}))
    settings_ = make_settings(fake, no_cache=True, timeout_s=2.0, max_attempts=2)
    waited: list[float] = []

    async def sleep(seconds: float) -> None:
        waited.append(seconds)

    async def extract() -> str | None:
        backend = OpenAIBackend(settings_, sleep=sleep)
        try:
            batch = await extract_batch([article], settings_, backend=backend)
        finally:
            await backend.aclose()
        return batch.outcomes[0].error

    assert asyncio.run(extract()) is None
    assert waited == [2.0]
    assert "asked to wait 3600 s" in caplog.text and "capped" in caplog.text
    fake.script("a", status(429, {"Retry-After": "3600"}))
    assert "the server asked to wait 3600 s, capped at 2 s" in (asyncio.run(extract()) or "")


@pytest.fixture
def slow_offline(monkeypatch):
    """The offline backend's workers without spaCy: article "slow" takes ten minutes."""
    from summarizer.backends.offline import extractor

    def finish(task, parsed):
        article, _ = task
        if article.id == "slow":
            time.sleep(600)
        return ArticleExtraction(headline=article.id)

    monkeypatch.setattr(extractor, "load_pipeline", lambda: None)
    monkeypatch.setattr(extractor, "parse_articles", lambda tasks: [None] * len(tasks))
    monkeypatch.setattr(extractor, "finish_article", finish)


def test_an_offline_article_over_budget_is_stopped_and_the_batch_goes_on(tmp_path, slow_offline):
    articles = [make_test_article(n, f"Text of {n}.") for n in ("slow", "quick")]
    settings_ = load_settings(
        {"cache_dir": tmp_path / "cache", "article_timeout_s": 1.0}, environ={}, dotenv_path=None
    )
    started = time.perf_counter()
    batch = asyncio.run(extract_batch(articles, settings_))
    assert time.perf_counter() - started < 60  # not the 600 s the article would take
    slow, quick = batch.outcomes
    assert "time budget" in (slow.error or "")
    assert quick.ok and quick.extraction is not None and quick.extraction.headline == "quick"
    assert len(list((tmp_path / "cache").rglob("*.json"))) == 1


def test_an_interrupted_offline_run_has_cached_what_finished(tmp_path, slow_offline):
    articles = [make_test_article(n, f"Text of {n}.") for n in ("quick", "slow")]
    settings_ = load_settings({"cache_dir": tmp_path / "cache"}, environ={}, dotenv_path=None)

    async def interrupt_when_cached() -> int:
        task = asyncio.ensure_future(extract_batch(articles, settings_))
        for _ in range(200):
            await asyncio.sleep(0.05)
            if list((tmp_path / "cache").rglob("*.json")):
                break
        task.cancel()  # what Ctrl-C does to the running batch
        with pytest.raises(asyncio.CancelledError):
            await task
        return len(list((tmp_path / "cache").rglob("*.json")))

    assert asyncio.run(interrupt_when_cached()) == 1


def test_ctrl_c_says_what_was_cached(tmp_path, monkeypatch, capsys):
    import summarizer.pipeline

    def interrupted(_path):
        raise KeyboardInterrupt

    monkeypatch.setattr(summarizer.pipeline, "read_extractions", interrupted)
    monkeypatch.chdir(tmp_path)
    assert main(["reconcile", "x.jsonl", "-o", "r.json"]) == 130
    err = capsys.readouterr().err
    assert "nothing was cached" in err and "are cached" not in err


def test_the_cli_follows_symlinks_only_when_asked(tmp_path, monkeypatch, capsys, fake):
    for name in [n for n in __import__("os").environ if n.startswith(("OPENAI_", "SUMMARIZER_"))]:
        monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "private.txt").write_text("The secret talks were held in Oslo.", encoding="utf-8")
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "link.txt").symlink_to(tmp_path / "private.txt")
    argv = ["extract", "in", "-o", "x.jsonl", "--model", "m", "--base-url", fake.base_url]
    assert main(argv) == 2
    assert "--follow-symlinks" in capsys.readouterr().err
    assert fake.requests == []
    assert main([*argv, "--follow-symlinks", "-q"]) == 0
    assert len(fake.requests) == 1
