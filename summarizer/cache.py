"""On-disk cache of extractions, keyed by everything that determines the answer."""

from __future__ import annotations

import hashlib
import json
import logging
from functools import lru_cache
from pathlib import Path

from pydantic import ValidationError

from summarizer.errors import ConfigError
from summarizer.files import write_text_atomic
from summarizer.records import ArticleExtraction

log = logging.getLogger("summarizer.cache")
CACHE_FORMAT = 1


@lru_cache(maxsize=1)
def schema_hash() -> str:
    """sha256 of the per-article JSON Schema: a schema change invalidates the cache."""
    schema = json.dumps(ArticleExtraction.model_json_schema(), sort_keys=True)
    return hashlib.sha256(schema.encode()).hexdigest()[:16]


def cache_key(
    *,
    article_sha256: str,
    backend: str,
    model: str | None,
    mode: str | None,
    prompt_version: str | None,
    extra: str = "",
) -> str:
    """The key of one article's extraction under one configuration (never holds secrets)."""
    parts = [
        f"format={CACHE_FORMAT}",
        f"article={article_sha256}",
        f"backend={backend}",
        f"model={model or ''}",
        f"mode={mode or ''}",
        f"prompt={prompt_version or ''}",
        f"schema={schema_hash()}",
        f"extra={extra}",
    ]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def check_cache_dir(folder: Path) -> None:
    """Fail once, before any model call, when the cache folder cannot be used.

    Raises:
        ConfigError: With what to do (another --cache-dir, or --no-cache).
    """
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe = folder / ".probe"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as e:
        reason = e.strerror or e.__class__.__name__
        raise ConfigError(
            f"cannot use cache folder {folder} ({reason}); set --cache-dir or use --no-cache"
        ) from None


class ExtractionCache:
    """Extractions stored one JSON file per key; corrupt entries are ignored, then rewritten."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self.corrupt = 0

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def get(self, key: str) -> ArticleExtraction | None:
        path = self._path(key)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("key") != key:
                raise ValueError("key mismatch")
            return ArticleExtraction.model_validate(data["extraction"])
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError, AttributeError, ValidationError) as e:
            self.corrupt += 1
            log.warning("ignoring corrupt cache entry %s (%s)", path, e.__class__.__name__)
            return None

    def put(self, key: str, extraction: ArticleExtraction, *, article_id: str) -> None:
        path = self._path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise ConfigError(
                f"cannot create cache folder {path.parent}: {e.strerror}; set --cache-dir "
                "or use --no-cache"
            ) from None
        entry = {
            "key": key,
            "article": article_id,
            "extraction": extraction.model_dump(mode="json"),
        }
        write_text_atomic(path, json.dumps(entry, ensure_ascii=False, sort_keys=True))


__all__ = ["ExtractionCache", "cache_key", "check_cache_dir", "schema_hash"]
