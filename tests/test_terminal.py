"""What reaches the terminal: control characters escaped, the key redacted, no tracebacks."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import make_test_article
from fakeserver import status
from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer.cli import main, printable
from summarizer.records import ArticleExtraction

SECRET = "sk-test-SECRET-9f8e7d6c5b4a3210"
HOSTILE = "\x1b[2J\x1b]0;owned\x07\r\nsummarizer: all good\x9b31m\u202e"
RAW = ("\x1b", "\x07", "\r", "\x9b", "\u202e")


@pytest.fixture
def workdir(tmp_path, monkeypatch):
    for name in list(os.environ):
        if name.startswith(("OPENAI_", "SUMMARIZER_")):
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def clean(err: str) -> None:
    """No raw control character, and every line is one of ours."""
    assert not any(c in err for c in RAW), repr(err)
    for line in err.splitlines():
        assert line.startswith("summarizer: "), repr(line)
    assert not any(line.startswith("summarizer: all good") for line in err.splitlines())


def test_a_hostile_file_name_is_escaped(workdir, capsys):
    bad = workdir / f"evil{HOSTILE.replace('/', '')}.txt"
    bad.write_bytes(b"\xff\xfe not text")
    assert main(["extract", str(bad), "-o", "out.jsonl", "--backend", "offline"]) == 2
    err = capsys.readouterr().err
    clean(err)
    assert "\\x1b]0;owned\\x07" in err


def test_a_server_error_message_is_escaped_and_no_piece_of_the_key_shows(
    workdir, capsys, monkeypatch, fake
):
    (workdir / "a.txt").write_text("Officials met in Geneva on Monday.", encoding="utf-8")
    echoed = f"bad request {HOSTILE} key ...{SECRET[6:19]}... and {SECRET[-9:]}"
    fake.script("a", status(400, message=echoed))
    monkeypatch.setenv("OPENAI_API_KEY", SECRET)
    argv = ["extract", "a.txt", "-o", "x.jsonl", "--model", "m", "--base-url", fake.base_url]
    assert main(argv) == 1
    err = capsys.readouterr().err
    clean(err)
    line = json.loads((workdir / "x.jsonl").read_text(encoding="utf-8"))
    assert main(["reconcile", "x.jsonl", "-o", "r.json", "--report", "r.md"]) == 1
    err += capsys.readouterr().err
    clean(err)
    written = line["error"] + (workdir / "r.json").read_text() + (workdir / "r.md").read_text()
    for piece in (SECRET[i : i + 8] for i in range(len(SECRET) - 7)):
        assert piece not in err and piece not in written, piece


def test_a_model_answer_with_control_characters_is_escaped(workdir, capsys, fake):
    (workdir / "a.txt").write_text("Officials met in Geneva on Monday.", encoding="utf-8")
    fake.default = lambda _id: {"meetings": [{"name": HOSTILE, "date": HOSTILE}]}
    argv = ["extract", "a.txt", "-o", "x.jsonl", "--model", "m", "--base-url", fake.base_url]
    assert main([*argv, "--reasks", "0", "--mode", "json", "-v"]) == 1
    clean(capsys.readouterr().err)


def test_hostile_jsonl_ids_and_errors_are_escaped(workdir, capsys):
    article = make_test_article(f"x{HOSTILE}", "Officials met in Geneva on Monday.")
    lines = [
        {"source": article.model_dump(mode="json"), "error": f"boom {HOSTILE}"},
        {
            "source": make_test_article("ok", "Talks went on.").model_dump(mode="json"),
            "extraction": ArticleExtraction().model_dump(mode="json"),
        },
    ]
    Path("x.jsonl").write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    assert main(["reconcile", "x.jsonl", "-o", "r.json"]) == 1
    err = capsys.readouterr().err
    clean(err)
    assert "failed x\\x1b[2J" in err


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_printable_is_one_line_without_control_characters(text):
    shown = printable(text)
    assert not any(ord(c) < 0x20 or 0x7F <= ord(c) < 0xA0 for c in shown)
    assert "\u202e" not in shown
    if not any(ord(c) < 0x20 or 0x7F <= ord(c) < 0xA0 or 0x202A <= ord(c) <= 0x2069 for c in text):
        assert shown == text


# --- standard output gone ------------------------------------------------------------------


def extraction_file(path: Path) -> Path:
    line = {
        "source": make_test_article("a", "Officials met.").model_dump(mode="json"),
        "extraction": ArticleExtraction().model_dump(mode="json"),
    }
    path.write_text(json.dumps(line) + "\n", encoding="utf-8")
    return path


class _Broken(io.StringIO):
    def write(self, text: str) -> int:
        raise BrokenPipeError(32, "Broken pipe")


def test_a_broken_pipe_is_one_line(workdir, capsys, monkeypatch):
    extraction_file(workdir / "x.jsonl")
    monkeypatch.setattr(sys, "stdout", _Broken())
    assert main(["reconcile", "x.jsonl"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "broken pipe" in err


def test_a_closed_stdout_is_one_line(workdir, capsys, monkeypatch):
    extraction_file(workdir / "x.jsonl")
    monkeypatch.setattr(sys, "stdout", None)
    assert main(["reconcile", "x.jsonl", "-q"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "standard output" in err and "-o FILE" in err


@pytest.mark.slow
@pytest.mark.parametrize("how", ["full", "closed", "broken"])
def test_stdout_faults_in_a_real_process(tmp_path, how):
    extraction_file(tmp_path / "x.jsonl")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "SUMMARIZER_"))}
    command = [sys.executable, "-m", "summarizer", "reconcile", "x.jsonl", "-q"]
    if how == "full":
        with open("/dev/full", "w") as full:
            done = subprocess.run(
                command, cwd=tmp_path, env=env, stdout=full, stderr=subprocess.PIPE
            )
        code, err = done.returncode, done.stderr
    elif how == "closed":
        done = subprocess.run(
            ["sh", "-c", '"$@" >&-', "sh", *command], cwd=tmp_path, env=env, capture_output=True
        )
        code, err = done.returncode, done.stderr
    else:
        process = subprocess.Popen(
            command, cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        assert process.stdout is not None
        process.stdout.close()
        err = process.stderr.read() if process.stderr else b""
        code = process.wait(60)
    assert code in (1, 2)
    assert err.count(b"\n") == 1, err
    assert b"Traceback" not in err and b"Exception ignored" not in err
