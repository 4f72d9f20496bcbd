"""Loading the knowledge data files: JSON inside the package, read once each."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any


@cache
def load(name: str) -> dict[str, Any]:
    """The parsed data file `data/<name>.json` (read on first use, then kept)."""
    path = resources.files("summarizer.knowledge") / "data" / f"{name}.json"
    text = path.read_text("utf-8")
    data = json.loads(text)
    if not isinstance(data, dict):
        raise TypeError(f"knowledge data file {name}.json must hold a JSON object")
    return data


def strings(value: object, where: str) -> tuple[str, ...]:
    """`value` as a tuple of strings: a list of strings, or a string read as its characters."""
    if isinstance(value, str):
        return tuple(value)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise TypeError(f"knowledge data {where} must be a list of strings")


def string_map(value: object, where: str) -> dict[str, str]:
    """`value` as a mapping of strings to strings."""
    if isinstance(value, dict) and all(
        isinstance(k, str) and isinstance(v, str) for k, v in value.items()
    ):
        return dict(value)
    raise TypeError(f"knowledge data {where} must map strings to strings")


@cache
def rows(name: str) -> tuple[tuple[str, ...], ...]:
    """The rows of the table `data/<name>.txt`: one a line, cells split at "|" and stripped;
    blank lines and lines starting with "#" are skipped."""
    path = resources.files("summarizer.knowledge") / "data" / f"{name}.txt"
    found: list[tuple[str, ...]] = []
    for line in path.read_text("utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            found.append(tuple(cell.strip() for cell in line.split("|")))
    return tuple(found)
