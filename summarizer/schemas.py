"""JSON Schema files for consumers, generated from the records (never hand-edited)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from summarizer.errors import ExportError
from summarizer.files import write_text_atomic
from summarizer.records import ArticleExtraction, ConsensusRecord

SCHEMAS: dict[str, type[BaseModel]] = {
    "article_extraction.schema.json": ArticleExtraction,
    "consensus_record.schema.json": ConsensusRecord,
}
SCHEMA_ID_BASE = "https://summarizer.invalid/schemas/"


def _open(node: Any) -> Any:
    """Drop `additionalProperties: false`: consumers must accept optional fields added later.

    The records themselves still refuse unknown fields (`extra="forbid"`); the published
    schema describes the contract, which allows new optional fields.
    """
    if isinstance(node, dict):
        return {
            k: _open(v) for k, v in node.items() if not (k == "additionalProperties" and v is False)
        }
    if isinstance(node, list):
        return [_open(v) for v in node]
    return node


def build_schema(name: str) -> dict[str, Any]:
    """The JSON Schema document for one file of `SCHEMAS`."""
    schema = _open(SCHEMAS[name].model_json_schema(mode="serialization"))
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID_BASE + name,
        **schema,
    }


def render_schema(name: str) -> str:
    return json.dumps(build_schema(name), indent=2, ensure_ascii=False, sort_keys=False) + "\n"


def write_schemas(folder: Path) -> list[Path]:
    """Write every schema file into `folder`; returns the paths written."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        reason = e.strerror or e
        raise ExportError(f"cannot create {folder}: {reason}; give another --dir") from None
    written = []
    for name in SCHEMAS:
        path = folder / name
        write_text_atomic(path, render_schema(name))
        written.append(path)
    return written


__all__ = ["SCHEMAS", "build_schema", "render_schema", "write_schemas"]
