"""Events from folders: each folder under a path is one event; ids that are safe file names."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from summarizer.errors import InputError
from summarizer.ingest import JSONL_SUFFIXES, TEXT_SUFFIXES, InputProblem, article_files
from summarizer.records import Article, Grouping

MAX_ID_CHARS = 80


@dataclass(frozen=True)
class Event:
    """One event to summarise: where its articles are, or the articles themselves.

    `paths` are read when the event runs (so only running events hold article text);
    `articles` are used as they are (clustered events, whose articles were read to group them).
    """

    id: str
    name: str
    paths: tuple[str, ...] = ()
    articles: tuple[Article, ...] = ()
    grouping: Grouping | None = None
    size: int = field(default=0, compare=False)  # articles expected, for progress


def safe_id(name: str) -> str:
    """A file-name-safe id: letters, digits, `.`, `_` and `-`, at most 80 characters."""
    text = re.sub(r"[^A-Za-z0-9._-]+", "-", name).strip("-._")
    return text[:MAX_ID_CHARS].rstrip("-._") or "event"


def unique_ids(wanted: Iterable[str]) -> list[str]:
    """Make ids unique in order (`x`, `x-2`, ...), ignoring case as some file systems do."""
    used: set[str] = set()
    result = []
    for name in wanted:
        base = safe_id(name)
        candidate, n = base, 1
        while candidate.lower() in used:
            n += 1
            candidate = f"{base}-{n}"
        used.add(candidate.lower())
        result.append(candidate)
    return result


def _is_article_file(path: Path) -> bool:
    name = path.name.lower()
    return not path.name.startswith(".") and name.endswith(TEXT_SUFFIXES + JSONL_SUFFIXES)


def events_from_folders(
    paths: Sequence[str | Path],
) -> tuple[list[Event], list[InputProblem]]:
    """Each folder directly under a path is one event; files directly in it form one more.

    Files named on their own form one event together, named after the first one's folder.
    Events come sorted by id, so the order is stable whatever order the paths were given in.

    Raises:
        InputError: A path is `-` (batch runs read files and folders only).
    """
    found: list[tuple[str, tuple[str, ...], int]] = []
    problems: list[InputProblem] = []
    loose: list[str] = []
    for given in paths:
        if str(given) == "-":
            raise InputError("batch reads files and folders, not stdin; save the input first")
        path = Path(given)
        if path.is_file():
            loose.append(str(path))
            continue
        if not path.is_dir():
            problems.append(InputProblem(str(path), "no such file or folder"))
            continue
        try:
            entries = sorted(path.iterdir())
        except OSError as e:
            problems.append(InputProblem(str(path), f"cannot list: {e.strerror}"))
            continue
        direct = [str(p) for p in entries if p.is_file() and _is_article_file(p)]
        for folder in entries:
            if not folder.is_dir() or folder.name.startswith(".") or folder.is_symlink():
                continue
            files, trouble = article_files(folder)
            problems.extend(trouble)
            if files:
                found.append((folder.name, (str(folder),), len(files)))
        if direct:
            found.append((path.resolve().name or "articles", tuple(direct), len(direct)))
    if loose:
        found.append((Path(loose[0]).resolve().parent.name or "articles", tuple(loose), len(loose)))
    found.sort(key=lambda item: (safe_id(item[0]).lower(), item[1]))
    ids = unique_ids(name for name, _, _ in found)
    events = [
        Event(id=event_id, name=name, paths=files, size=size)
        for event_id, (name, files, size) in zip(ids, found, strict=True)
    ]
    return events, problems


__all__ = ["Event", "events_from_folders", "safe_id", "unique_ids"]
