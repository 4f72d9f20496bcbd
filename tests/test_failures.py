"""Nothing lost on failure: a run in which every article failed keeps what was there, and an
unreachable server is reported once, with the address tried and what to check."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest
from conftest import EXAMPLES

from summarizer.cli import main

ARTICLES = [str(EXAMPLES / "000_4adca80e61857a20.txt"), str(EXAMPLES / "003_00c3cf1de9e2a4c3.txt")]


@pytest.fixture
def dead_url() -> str:
    """A local address nothing listens on, given with credentials and a key in the query."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://admin:s3cret-password@127.0.0.1:{port}/v1?api-key=query-secret-123"


@pytest.fixture
def quiet_env(monkeypatch, tmp_path):
    for key in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "SUMMARIZER_MODEL", "SUMMARIZER_BACKEND"):
        monkeypatch.delenv(key, raising=False)
    monkeypatch.chdir(tmp_path)


def _run(dead_url: str, *outputs: str) -> int:
    return main(
        [
            "run",
            *ARTICLES,
            *outputs,
            "--model",
            "gpt-4o-mini",
            "--base-url",
            dead_url,
            "--max-attempts",
            "2",
            "--timeout",
            "5",
            "--no-cache",
        ]
    )


def test_an_all_failed_run_keeps_the_existing_record_and_report(
    quiet_env, tmp_path: Path, dead_url: str, capsys
) -> None:
    record, report = tmp_path / "record.json", tmp_path / "record.html"
    record.write_text('{"a": "good record"}\n', encoding="utf-8")
    report.write_text("<p>a good report</p>\n", encoding="utf-8")
    assert _run(dead_url, "-o", str(record), "--report", str(report)) == 1
    assert record.read_text(encoding="utf-8") == '{"a": "good record"}\n'
    assert report.read_text(encoding="utf-8") == "<p>a good report</p>\n"
    err = capsys.readouterr().err
    assert f"kept the existing {record} and {report} unchanged" in err


def test_an_all_failed_run_with_nothing_there_writes_the_failures(
    quiet_env, tmp_path: Path, dead_url: str, capsys
) -> None:
    record, report = tmp_path / "record.json", tmp_path / "record.md"
    assert _run(dead_url, "-o", str(record), "--report", str(report)) == 1
    failures = json.loads(record.read_text(encoding="utf-8"))["run"]["failures"]
    assert [f["source"] for f in failures] == ["000_4adca80e61857a20", "003_00c3cf1de9e2a4c3"]
    text = report.read_text(encoding="utf-8")
    assert "No article could be used: 2 failed" in text
    assert "kept the existing" not in capsys.readouterr().err


def test_an_unreachable_server_is_reported_once_with_its_address(
    quiet_env, tmp_path: Path, dead_url: str, capsys
) -> None:
    assert _run(dead_url, "-o", str(tmp_path / "record.json")) == 1
    err = capsys.readouterr().err
    lines = [line for line in err.splitlines() if "cannot connect" in line]
    assert len(lines) == 1, err  # two articles, two attempts each: one line
    port = dead_url.split(":")[3].split("/")[0]
    assert f"at http://127.0.0.1:{port}/v1;" in lines[0]
    assert "failed 2 articles (000_4adca80e61857a20, 003_00c3cf1de9e2a4c3)" in lines[0]
    assert "check that it is running and reachable, and --base-url / OPENAI_BASE_URL" in lines[0]
    for secret in ("admin", "s3cret-password", "query-secret-123"):
        assert secret not in err
        assert secret not in (tmp_path / "record.json").read_text(encoding="utf-8")


def test_reconcile_of_only_failed_lines_keeps_the_record(quiet_env, tmp_path: Path, capsys) -> None:
    line = {"source": {"id": "a", "path": "a.txt", "text": "Some text."}, "error": "it failed"}
    jsonl = tmp_path / "extractions.jsonl"
    jsonl.write_text(json.dumps(line) + "\n", encoding="utf-8")
    record = tmp_path / "record.json"
    record.write_text("{}\n", encoding="utf-8")
    assert main(["reconcile", str(jsonl), "-o", str(record)]) == 1
    assert record.read_text(encoding="utf-8") == "{}\n"
    assert "kept the existing" in capsys.readouterr().err
