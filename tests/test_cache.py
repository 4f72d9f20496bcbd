"""The extraction cache: hits, misses, corruption, and what invalidates it."""

from __future__ import annotations

import asyncio
from pathlib import Path

from summarizer.extraction import extract_batch
from summarizer.prompts import load_prompts


def run(articles, settings):
    return asyncio.run(extract_batch(articles, settings))


def entries(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.json"))


def test_a_rerun_with_nothing_changed_makes_no_calls(fake, articles, make_settings):
    settings = make_settings(fake)
    first = run(articles, settings)
    assert first.usage.llm_calls == 5 and first.usage.cache_hits == 0
    second = run(articles, settings)
    assert second.usage.llm_calls == 0 and second.usage.cache_hits == 5
    assert [o.extraction.model_dump() for o in second.outcomes] == [
        o.extraction.model_dump() for o in first.outcomes
    ]
    assert all(o.cached for o in second.outcomes)
    assert len(entries(settings.cache_dir)) == 5


def test_no_cache_neither_reads_nor_writes(fake, articles, make_settings):
    settings = make_settings(fake, no_cache=True)
    run(articles, settings)
    assert run(articles, settings).usage.llm_calls == 5
    assert not settings.cache_dir.exists()


def test_a_different_model_or_mode_misses(fake, articles, make_settings):
    run(articles[:1], make_settings(fake))
    assert run(articles[:1], make_settings(fake, model="other-model")).usage.llm_calls == 1
    assert run(articles[:1], make_settings(fake, mode="json")).usage.llm_calls == 1
    assert run(articles[:1], make_settings(fake)).usage.llm_calls == 0


def test_a_corrupt_entry_is_ignored_and_rewritten(fake, articles, make_settings):
    settings = make_settings(fake)
    run(articles[:2], settings)
    broken, other = entries(settings.cache_dir)
    broken.write_text('{"key": "trunc', encoding="utf-8")
    other.write_text('{"key": "wrong", "extraction": {}}', encoding="utf-8")
    again = run(articles[:2], settings)
    assert all(o.ok for o in again.outcomes)
    assert again.usage.llm_calls == 2
    assert run(articles[:2], settings).usage.llm_calls == 0  # rewritten


def test_a_prompt_change_invalidates_the_cache(
    fake, articles, make_settings, tmp_path, monkeypatch
):
    settings = make_settings(fake)
    run(articles[:1], settings)
    folder = Path(load_prompts().folder)
    edited = tmp_path / "prompts"
    edited.mkdir()
    for name in ("system.md", "user.md"):
        (edited / name).write_text((folder / name).read_text(encoding="utf-8"), encoding="utf-8")
    (edited / "system.md").write_text(
        (folder / "system.md").read_text(encoding="utf-8") + "\nBe brief.\n", encoding="utf-8"
    )
    monkeypatch.setattr("summarizer.backends.openai.load_prompts", lambda: load_prompts(edited))
    assert load_prompts(edited).version != load_prompts().version
    assert run(articles[:1], settings).usage.llm_calls == 1


def test_failures_are_not_cached(fake, articles, make_settings):
    from fakeserver import status

    fake.script(articles[0].id, status(500))
    settings = make_settings(fake, max_attempts=1)
    assert not run(articles[:1], settings).outcomes[0].ok
    fake.scripts.clear()
    again = run(articles[:1], settings)
    assert again.outcomes[0].ok and again.usage.llm_calls == 1


def test_cache_files_hold_no_secrets_or_headers(fake, articles, make_settings):
    key = "sk-cache-secret-0123456789abcdef"
    settings = make_settings(fake, api_key=key)
    run(articles, settings)
    for path in entries(settings.cache_dir):
        text = path.read_text(encoding="utf-8")
        assert key not in text and "authorization" not in text.lower()
