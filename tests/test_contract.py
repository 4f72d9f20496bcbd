"""Contracts: schema files in sync, the public API pinned, prompts shipped in the wheel."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT

import summarizer
from summarizer.prompts import load_prompts, prompts_folder
from summarizer.schemas import SCHEMAS, render_schema


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_schema_files_match_the_records_byte_for_byte(name):
    on_disk = (ROOT / "schemas" / name).read_text(encoding="utf-8")
    assert on_disk == render_schema(name), "run `summarizer schema --write`"


def test_consumer_schemas_require_every_field_the_export_writes():
    import json

    schema = json.loads(render_schema("consensus_record.schema.json"))
    field = schema["$defs"]["ConsensusField"]
    assert set(field["required"]) == {"value", "sources", "support", "evidence", "alternatives"}
    meeting = schema["$defs"]["ConsensusMeeting"]
    assert {
        "id",
        "sources",
        "name",
        "date",
        "end_date",
        "time",
        "location",
        "format",
        "status",
        "chair",
        "participants",
        "parties",
        "agenda",
    } <= set(meeting["required"])


def test_the_public_api_is_pinned():
    assert summarizer.__all__ == sorted(summarizer.__all__)
    assert set(summarizer.__all__) == {
        "Article",
        "ArticleExtraction",
        "BackendError",
        "Claim",
        "ConfigError",
        "Conflict",
        "ConsensusRecord",
        "ExportError",
        "ExtractionBatch",
        "ExtractionError",
        "ExtractionOutcome",
        "InputError",
        "Meeting",
        "Person",
        "Proposal",
        "Settings",
        "Span",
        "Statement",
        "SummarizerError",
        "__version__",
        "extract",
        "extract_async",
        "extract_batch",
        "load_settings",
        "read_articles",
        "read_extractions",
        "reconcile",
        "summarize",
        "summarize_async",
        "summarize_many",
        "summarize_many_async",
        "write_record",
        "write_report",
    }
    for name in summarizer.__all__:
        assert hasattr(summarizer, name), name
    assert callable(summarizer.reconcile) and callable(summarizer.extract)


def test_the_editable_install_finds_the_prompts():
    assert (prompts_folder() / "system.md").is_file()
    assert len(load_prompts().version) == 16


@pytest.mark.slow
def test_the_wheel_carries_the_prompts_and_the_offline_data(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "-q", "-w", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    wheel = next(Path(tmp_path).glob("summarizer-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert "summarizer/prompts/system.md" in names
    assert "summarizer/prompts/user.md" in names
    packaged = zipfile.ZipFile(wheel).read("summarizer/prompts/system.md")
    assert packaged == (ROOT / "prompts" / "system.md").read_bytes()
    knowledge = sorted(p.name for p in (ROOT / "summarizer" / "knowledge" / "data").glob("*.json"))
    assert knowledge
    for name in knowledge:  # the shared knowledge's data files travel with the code
        assert f"summarizer/knowledge/data/{name}" in names
    data = ROOT / "summarizer" / "backends" / "offline" / "data"
    assert sorted(data.glob("*.json")) and sorted(data.glob("*.txt"))
    for path in data.iterdir():
        assert path.relative_to(ROOT).as_posix() in names
