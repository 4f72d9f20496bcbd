"""Shared fixtures: the example articles, their gold records, and the fake model server."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fakeserver import FakeOpenAI

from summarizer.config import Settings, load_settings
from summarizer.ingest import read_articles
from summarizer.records import Article

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "nato-russia-council"
GOLD = Path(__file__).resolve().parent / "gold"


def gold_payload(article_id: str) -> dict[str, Any]:
    path = GOLD / f"{article_id}.json"
    if not path.exists():
        return {"meetings": [], "proposals": [], "statements": []}
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


@pytest.fixture(scope="session")
def examples() -> Path:
    return EXAMPLES


@pytest.fixture(scope="session")
def articles() -> list[Article]:
    result = read_articles([EXAMPLES])
    assert not result.problems
    return result.articles


@pytest.fixture
def fake() -> Iterator[FakeOpenAI]:
    with FakeOpenAI(default=gold_payload) as server:
        yield server


@pytest.fixture
def make_settings(tmp_path: Path) -> Callable[..., Settings]:
    """Settings for the fake server: fast backoff, a private cache, no environment."""

    def build(server: FakeOpenAI | None = None, **overrides: Any) -> Settings:
        values: dict[str, Any] = {
            "model": "gpt-4o-mini",
            "cache_dir": tmp_path / "cache",
            "backoff_base_s": 0.01,
            "backoff_max_s": 0.05,
            "timeout_s": 5.0,
            "max_attempts": 3,
        }
        if server is not None:
            values["base_url"] = server.base_url
        values.update(overrides)
        return load_settings(values, environ={}, dotenv_path=None)

    return build
