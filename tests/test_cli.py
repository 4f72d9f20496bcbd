"""The command line in a subprocess: outputs, exit codes, messages, secrets."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import EXAMPLES
from fakeserver import raw, status

pytestmark = pytest.mark.slow  # every test runs the command line in a subprocess

SECRET = "sk-test-SECRET-9f8e7d6c5b4a3210"


def clean_environment() -> dict[str, str]:
    """This process's environment without any model or summarizer setting."""
    return {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "SUMMARIZER_"))}


def command(*args: str) -> list[str]:
    """The command line that runs summarizer with `args` in a fresh interpreter."""
    return [sys.executable, "-m", "summarizer", *args]


def cli(*args: str, cwd: Path, env: dict[str, str] | None = None, stdin: bytes | None = None):
    environment = clean_environment()
    environment.update(env or {})
    return subprocess.run(
        command(*args),
        cwd=cwd,
        env=environment,
        input=stdin,
        capture_output=True,
        timeout=300,
    )


def model_env(fake, **extra: str) -> dict[str, str]:
    return {
        "OPENAI_BASE_URL": fake.base_url,
        "SUMMARIZER_MODEL": "gpt-4o-mini",
        "OPENAI_API_KEY": SECRET,
        "SUMMARIZER_MAX_ATTEMPTS": "2",
        **extra,
    }


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_help_is_fast_and_imports_nothing_heavy(tmp_path):
    probe = (
        "import sys, summarizer.cli; "
        "heavy = [m for m in ('spacy', 'instructor', 'openai', 'rapidfuzz', 'rich') "
        "if m in sys.modules]; print(heavy)"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert result.stdout.strip() == "[]"
    help_text = cli("--help", cwd=tmp_path)
    assert help_text.returncode == 0
    assert b"run" in help_text.stdout and b"extract" in help_text.stdout


def test_the_offline_backend_loads_spacy_only_when_it_extracts():
    # a cached re-run imports the backend (for its cache version) but parses nothing
    probe = (
        "import sys, summarizer.backends.offline, summarizer.pipeline; "
        "print('spacy' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert result.stdout.strip() == "False", result.stderr


def test_extract_writes_one_line_per_article(fake, tmp_path):
    out = tmp_path / "x.jsonl"
    result = cli("extract", str(EXAMPLES), "-o", str(out), cwd=tmp_path, env=model_env(fake))
    assert result.returncode == 0, result.stderr
    lines = read_jsonl(out)
    assert len(lines) == 5
    for line in lines:
        assert set(line) == {"source", "extraction", "run"}
        assert line["source"]["text"]
        assert line["extraction"]["meetings"]
    summary = result.stderr.decode().strip().splitlines()[-1]
    assert "5 articles, 0 failed, 5 calls" in summary
    assert "tokens" in summary and "cost" in summary


def test_a_failing_article_gives_exit_1_and_the_others_are_written(fake, tmp_path):
    fake.script("002_663f692456de7c0e", status(500))
    out = tmp_path / "x.jsonl"
    result = cli("extract", str(EXAMPLES), "-o", str(out), cwd=tmp_path, env=model_env(fake))
    assert result.returncode == 1
    lines = {line["source"]["id"]: line for line in read_jsonl(out)}
    assert len(lines) == 5
    assert "500" in lines["002_663f692456de7c0e"]["error"]
    assert sum("extraction" in line for line in lines.values()) == 4
    assert "failed 002_663f692456de7c0e" in result.stderr.decode()


def test_a_rerun_is_served_from_the_cache(fake, tmp_path):
    out = tmp_path / "x.jsonl"
    cli("extract", str(EXAMPLES), "-o", str(out), cwd=tmp_path, env=model_env(fake))
    calls = len(fake.requests)
    again = cli("extract", str(EXAMPLES), "-o", str(out), cwd=tmp_path, env=model_env(fake))
    assert again.returncode == 0
    assert len(fake.requests) == calls
    assert "0 calls" in again.stderr.decode() and "5 cached" in again.stderr.decode()


def test_bad_input_is_reported_and_the_rest_goes_on(fake, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text("BRUSSELS, January 4. /TASS/. A meeting.", encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02")
    out = tmp_path / "x.jsonl"
    result = cli("extract", str(folder), "-o", str(out), cwd=tmp_path, env=model_env(fake))
    assert result.returncode == 1
    assert len(read_jsonl(out)) == 1
    stderr = result.stderr.decode()
    assert "empty.txt: empty article" in stderr
    assert "binary.txt: binary file" in stderr


def test_nothing_readable_is_exit_2(tmp_path):
    result = cli("extract", str(tmp_path / "missing"), cwd=tmp_path)
    assert result.returncode == 2
    assert b"no readable articles" in result.stderr


def test_bad_usage_is_exit_2_with_one_line(tmp_path):
    result = cli("run", "--concurrency", "many", "x", cwd=tmp_path)
    assert result.returncode == 2
    assert len(result.stderr.decode().strip().splitlines()) == 1
    bad_env = cli("extract", str(EXAMPLES), cwd=tmp_path, env={"SUMMARIZER_CONCURRENCY": "0"})
    assert bad_env.returncode == 2
    assert b"SUMMARIZER_CONCURRENCY" in bad_env.stderr


def test_output_problems_are_reported_before_any_model_call(fake, tmp_path):
    result = cli(
        "extract",
        str(EXAMPLES),
        "-o",
        str(tmp_path / "no" / "such" / "x.jsonl"),
        cwd=tmp_path,
        env=model_env(fake),
    )
    assert result.returncode == 2
    assert b"does not exist" in result.stderr
    assert fake.requests == []


def test_stdin_is_read(fake, tmp_path):
    text = (EXAMPLES / "000_4adca80e61857a20.txt").read_bytes()
    out = tmp_path / "x.jsonl"
    result = cli("extract", "-", "-o", str(out), cwd=tmp_path, env=model_env(fake), stdin=text)
    assert result.returncode == 0, result.stderr
    assert read_jsonl(out)[0]["source"]["id"] == "stdin"


def test_the_key_never_appears_in_any_output(fake, tmp_path):
    fake.script("001_f0f680ebbbff51f4", status(401))
    fake.script("002_663f692456de7c0e", raw('{"meetings": 5}'))
    fake.script("003_00c3cf1de9e2a4c3", status(429, {"Retry-After": "0"}))
    out = tmp_path / "x.jsonl"
    cache = tmp_path / "cache"
    result = cli(
        "extract",
        str(EXAMPLES),
        "-o",
        str(out),
        "--verbose",
        "--cache-dir",
        str(cache),
        cwd=tmp_path,
        env=model_env(fake),
    )
    assert result.returncode == 1
    assert fake.headers[0]["authorization"] == f"Bearer {SECRET}"
    written = [result.stdout, result.stderr] + [
        p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()
    ]
    for blob in written:
        assert SECRET.encode() not in blob
        assert SECRET[:12].encode() not in blob
    assert b"refused the API key" in out.read_bytes()


@pytest.mark.parametrize("mode", ["json", "md_json"])
def test_modes_are_selectable_from_the_command_line(fake, tmp_path, mode):
    out = tmp_path / "x.jsonl"
    result = cli(
        "extract",
        str(EXAMPLES / "000_4adca80e61857a20.txt"),
        "-o",
        str(out),
        "--mode",
        mode,
        cwd=tmp_path,
        env=model_env(fake),
    )
    assert result.returncode == 0, result.stderr
    assert "tools" not in fake.requests[0]


def test_schema_prints_and_writes(tmp_path):
    printed = cli("schema", cwd=tmp_path)
    assert printed.returncode == 0
    assert json.loads(printed.stdout)["title"] == "ConsensusRecord"
    written = cli("schema", "--write", "--dir", str(tmp_path / "s"), cwd=tmp_path)
    assert written.returncode == 0
    assert sorted(p.name for p in (tmp_path / "s").iterdir()) == [
        "article_extraction.schema.json",
        "consensus_record.schema.json",
    ]


def test_ctrl_c_leaves_no_partial_output_keeps_the_cache_and_a_rerun_resumes(fake, tmp_path):
    import signal
    import time

    from fakeserver import hang

    slow = ["003_00c3cf1de9e2a4c3", "004_56d7c0d1adaada1b"]
    for article_id in slow:
        fake.script(article_id, hang(3600.0))  # never answered while the run lasts
    out = tmp_path / "record.jsonl"
    cache = tmp_path / "cache"
    environment = clean_environment()
    environment.update(model_env(fake, SUMMARIZER_TIMEOUT="3600"))
    process = subprocess.Popen(
        command("extract", str(EXAMPLES), "-o", str(out), "--cache-dir", str(cache)),
        cwd=tmp_path,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 900  # a limit for a broken run, never waited for otherwise
    while len(list(cache.rglob("*.json"))) < 3 and time.monotonic() < deadline:
        time.sleep(0.1)
    assert len(list(cache.rglob("*.json"))) == 3
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=300)
    assert process.returncode == 130
    assert b"interrupted" in stderr
    assert not out.exists()
    assert not list(tmp_path.glob(".record.jsonl.*"))  # no temporary file left behind
    fake.scripts.clear()
    before = len(fake.requests)
    again = cli(
        "extract",
        str(EXAMPLES),
        "-o",
        str(out),
        "--cache-dir",
        str(cache),
        cwd=tmp_path,
        env=model_env(fake),
    )
    assert again.returncode == 0
    assert len(fake.requests) - before == 2  # only the two unfinished articles
    assert len(read_jsonl(out)) == 5


def test_outputs_are_written_whole_with_ordinary_permissions(tmp_path):
    from summarizer.files import write_text_atomic

    target = tmp_path / "out.json"
    write_text_atomic(target, "{}")
    assert target.read_text(encoding="utf-8") == "{}"
    assert target.stat().st_mode & 0o777 == 0o666 & ~_umask()
    target.chmod(0o640)
    write_text_atomic(target, "[]")
    assert target.stat().st_mode & 0o777 == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def on_terminal(args: list[str], cwd: Path, env: dict[str, str]) -> tuple[int, bytes]:
    """Run the CLI with its stderr on a pseudo-terminal 100 columns wide: exit code, bytes seen."""
    import pty
    import select

    primary, secondary = pty.openpty()
    environment = clean_environment()
    environment.update(env, COLUMNS="100", TERM="xterm")
    process = subprocess.Popen(
        args, cwd=cwd, env=environment, stdout=subprocess.DEVNULL, stderr=secondary
    )
    os.close(secondary)
    seen = b""
    while select.select([primary], [], [], 30)[0]:
        try:
            chunk = os.read(primary, 4096)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
    process.wait(timeout=30)
    os.close(primary)
    return process.returncode, seen


def test_a_progress_bar_on_a_terminal_and_none_when_piped(fake, tmp_path):
    code, seen = on_terminal(
        command("extract", str(EXAMPLES), "-o", str(tmp_path / "x.jsonl")),
        tmp_path,
        model_env(fake),
    )
    assert code == 0
    assert b"extracting" in seen
    piped = cli(
        "extract", str(EXAMPLES), "-o", str(tmp_path / "y.jsonl"), cwd=tmp_path, env=model_env(fake)
    )
    assert b"extracting" not in piped.stderr
    assert b"\x1b[" not in piped.stderr


def test_reconcile_refuses_edited_and_repeated_lines(fake, tmp_path):
    jsonl = tmp_path / "x.jsonl"
    cli("extract", str(EXAMPLES), "-o", str(jsonl), cwd=tmp_path, env=model_env(fake))
    lines = jsonl.read_text(encoding="utf-8").splitlines()
    edited = json.loads(lines[1])
    edited["source"]["text"] = edited["source"]["text"].replace("Stoltenberg", "Putin")
    bad = tmp_path / "bad.jsonl"
    bad.write_bytes(
        "\n".join([lines[0], json.dumps(edited), lines[0], '{"run": [1]}']).encode() + b"\n\xff\n"
    )
    out = tmp_path / "r.json"
    result = cli("reconcile", str(bad), "-o", str(out), cwd=tmp_path)
    assert result.returncode == 1
    assert b"Traceback" not in result.stderr
    record = json.loads(out.read_text(encoding="utf-8"))
    assert [s["id"] for s in record["sources"]] == [json.loads(lines[0])["source"]["id"]]
    errors = " ".join(f["error"] for f in record["run"]["failures"])
    assert "does not match its sha256" in errors
    assert "repeated id" in errors
    assert record["run"]["started"]


def test_a_non_ascii_key_and_an_unusable_cache_fail_before_any_call(fake, tmp_path):
    env = model_env(fake, OPENAI_API_KEY="sk-abc\u2013def1234567890")
    result = cli("extract", str(EXAMPLES), cwd=tmp_path, env=env)
    assert result.returncode == 2
    assert b"non-ASCII" in result.stderr
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    result = cli(
        "extract",
        str(EXAMPLES),
        "--cache-dir",
        str(blocker / "sub"),
        cwd=tmp_path,
        env=model_env(fake),
    )
    assert result.returncode == 2
    assert b"--no-cache" in result.stderr
    assert fake.requests == []


def test_an_empty_folder_says_what_to_give(tmp_path):
    (tmp_path / "empty").mkdir()
    result = cli("run", str(tmp_path / "empty"), cwd=tmp_path)
    assert result.returncode == 2
    assert b".txt, .md or .html" in result.stderr


def test_a_folder_run_never_reads_its_own_outputs(tmp_path):
    folder = tmp_path / "in"
    shutil.copytree(EXAMPLES, folder)
    first = cli("run", str(folder), "-o", str(folder / "r.json"), cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    again = cli("run", str(folder), "-o", str(folder / "r.json"), cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    record = json.loads((folder / "r.json").read_text(encoding="utf-8"))
    assert len(record["sources"]) == 5
    # a report would be read as an article: refused before any work
    refused = cli("run", str(folder), "--report", str(folder / "r.md"), cwd=tmp_path)
    assert refused.returncode == 2
    assert b"inside the input folder" in refused.stderr
    assert not (folder / "r.md").exists()
