"""Output paths: never an input, never another output, never a special file replaced."""

from __future__ import annotations

import json
import os
import socket
import stat
import threading
from pathlib import Path

import pytest
from conftest import make_test_article
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from summarizer.cli import main
from summarizer.errors import ExportError
from summarizer.files import check_outputs, write_text_atomic
from summarizer.records import ArticleExtraction

TEXT = "Officials met in Geneva on Monday. The talks lasted seven hours, the ministry said."


@pytest.fixture
def workdir(tmp_path, monkeypatch):
    """A clean working folder: no .env, no model settings in the environment."""
    for name in list(os.environ):
        if name.startswith(("OPENAI_", "SUMMARIZER_")):
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def articles(folder: Path) -> tuple[Path, Path]:
    a, b = folder / "a.txt", folder / "b.txt"
    a.write_text("A: " + TEXT, encoding="utf-8")
    b.write_text("B: " + TEXT, encoding="utf-8")
    return a, b


def extractions(path: Path) -> Path:
    article = make_test_article("a", TEXT, published="2022-01-10")
    line = {
        "source": article.model_dump(mode="json"),
        "extraction": ArticleExtraction().model_dump(mode="json"),
    }
    path.write_text(json.dumps(line) + "\n", encoding="utf-8")
    return path


def refused(capsys, argv: list[str]) -> str:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1, err
    return err


def test_record_over_an_input_is_refused_before_any_work(workdir, capsys):
    a, b = articles(workdir)
    before = a.read_bytes()
    err = refused(capsys, ["run", str(a), str(b), "-o", str(a), "--backend", "offline"])
    assert "-o" in err and "is an input" in err
    assert a.read_bytes() == before
    assert not (workdir / ".summarizer-cache").exists()  # nothing was extracted


def test_extract_and_reconcile_outputs_over_their_input_are_refused(workdir, capsys):
    a, b = articles(workdir)
    err = refused(capsys, ["extract", str(a), str(b), "-o", str(b), "--backend", "offline"])
    assert "is an input" in err
    jsonl = extractions(workdir / "x.jsonl")
    before = jsonl.read_bytes()
    assert "is an input" in refused(capsys, ["reconcile", str(jsonl), "-o", str(jsonl)])
    (workdir / "x.md").symlink_to(jsonl)
    assert "is an input" in refused(capsys, ["reconcile", str(jsonl), "--report", "x.md"])
    assert jsonl.read_bytes() == before


def test_links_to_an_input_are_the_input(workdir, capsys):
    a, b = articles(workdir)
    os.link(a, workdir / "hard.json")
    (workdir / "soft.json").symlink_to(a)
    for name in ("hard.json", "soft.json"):
        err = refused(capsys, ["run", str(a), str(b), "-o", name, "--backend", "offline"])
        assert "is an input" in err
    assert a.read_text(encoding="utf-8").startswith("A: ")


def test_an_output_inside_an_input_folder_that_would_be_read_is_refused(workdir, capsys):
    folder = workdir / "in"
    folder.mkdir()
    articles(folder)
    for flag, name in (("-o", "out.txt"), ("--report", "r.md"), ("--report", "sub/r.html")):
        (folder / "sub").mkdir(exist_ok=True)
        err = refused(
            capsys, ["run", str(folder), flag, str(folder / name), "--backend", "offline"]
        )
        assert "inside the input folder" in err and flag in err
        assert not (folder / name).exists()


def test_report_equal_to_record_is_refused(workdir, capsys):
    jsonl = extractions(workdir / "x.jsonl")
    err = refused(capsys, ["reconcile", str(jsonl), "-o", "r.md", "--report", "r.md"])
    assert "--report r.md is the same file as -o r.md" in err
    assert not (workdir / "r.md").exists()


def test_outputs_beside_the_inputs_are_fine(workdir, capsys):
    jsonl = extractions(workdir / "x.jsonl")
    assert main(["reconcile", str(jsonl), "-o", "r.json", "--report", "r.md", "-q"]) == 0
    assert json.loads((workdir / "r.json").read_text(encoding="utf-8"))["sources"]
    assert (workdir / "r.md").read_text(encoding="utf-8").startswith("<!-- generated")


@pytest.mark.skipif(os.geteuid() != 0, reason="only root can replace /dev/null")
def test_dev_null_is_written_in_place_not_replaced(workdir, capsys):
    jsonl = extractions(workdir / "x.jsonl")
    assert main(["reconcile", str(jsonl), "-o", "/dev/null", "--report", "r.md", "-q"]) == 0
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)
    assert not [p for p in os.listdir("/dev") if p.startswith(".null.")]


def test_a_fifo_is_written_in_place(workdir):
    fifo = workdir / "pipe.json"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    write_text_atomic(fifo, '{"ok": true}\n')
    reader.join(10)
    assert received == [b'{"ok": true}\n']
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_a_socket_is_refused(workdir):
    path = workdir / "s.json"
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(path))
    try:
        with pytest.raises(ExportError, match="socket"):
            check_outputs([("-o", path)], [])
        with pytest.raises(ExportError, match="socket"):
            write_text_atomic(path, "{}")
        assert stat.S_ISSOCK(os.stat(path).st_mode)
    finally:
        server.close()


# Names built from the pieces a hostile or careless command line uses.
_PIECES = st.sampled_from(["a.txt", "b.md", "in", "in/c.txt", "in/.hidden/d.md", "out.json"])


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    inputs=st.lists(st.sampled_from(["a.txt", "b.md", "in"]), min_size=1, max_size=3),
    record=st.none() | _PIECES | st.sampled_from(["./a.txt", "in/../a.txt", "r.html"]),
    report=st.none() | _PIECES | st.sampled_from(["r.md", "r.html", "in/sub/r.html"]),
)
def test_no_output_path_ever_destroys_an_input(tmp_path, inputs, record, report):
    (tmp_path / "in" / "sub").mkdir(parents=True, exist_ok=True)
    (tmp_path / "in" / ".hidden").mkdir(exist_ok=True)
    for name in ("a.txt", "b.md", "in/c.txt", "in/.hidden/d.md"):
        (tmp_path / name).write_text(name, encoding="utf-8")
    given_inputs = [tmp_path / p for p in inputs]
    record_path = tmp_path / record if record else None
    report_path = tmp_path / report if report else None
    read = {(tmp_path / p).resolve() for p in inputs if p != "in"}
    if "in" in inputs:  # what a walk of the folder reads, present or not
        read |= {(tmp_path / p).resolve() for p in ("in/c.txt", "in/sub/r.html")}
    outputs = [p.resolve() for p in (record_path, report_path) if p is not None]
    dangerous = any(p in read for p in outputs) or len(set(outputs)) < len(outputs)
    if dangerous:
        with pytest.raises(ExportError) as refused:
            check_outputs([("-o", record_path), ("--report", report_path)], given_inputs)
        assert "\n" not in str(refused.value)
    elif not any(p.is_dir() for p in outputs):
        check_outputs([("-o", record_path), ("--report", report_path)], given_inputs)
