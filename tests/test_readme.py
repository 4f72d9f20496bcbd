"""README.md's code blocks run as written.

Python blocks run in-process: offline blocks with no model configured, blocks that name a
model against the fake OpenAI-compatible server. Shell blocks run their `summarizer` commands
in a subprocess (with the fake server as the model server: the one address substituted is the
local server's example URL). Setting up a virtual environment, installing and `scripts/test`
are what CI itself runs (.ci/run), so this test leaves those lines to it.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import EXAMPLES, ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
BLOCKS = re.findall(r"^```(\w*)\n(.*?)^```", README, flags=re.M | re.S)
# Lines CI runs itself: making the environment, installing, the test script and its tools.
LEFT_TO_CI = (
    "python3 -m venv",
    ". .venv/bin/activate",
    "pip install",
    "scripts/test",
    ".venv/bin/",
)
LOCAL_SERVER = "http://localhost:11434/v1"
SUMMARIZER = [sys.executable, "-m", "summarizer"]


def _python_blocks() -> list[str]:
    return [code for lang, code in BLOCKS if lang == "python"]


def _shell_blocks() -> list[str]:
    return [code for lang, code in BLOCKS if lang in ("bash", "sh")]


def test_the_readme_has_the_blocks_this_test_runs():
    assert {lang for lang, _ in BLOCKS} <= {"bash", "python", "text", "json", ""}
    assert len(_python_blocks()) >= 2
    assert 'backend="offline"' in _python_blocks()[0]  # the first example needs no model


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch) -> Path:
    """A folder holding the examples, as a fresh clone does; no model configured."""
    shutil.copytree(EXAMPLES, tmp_path / "examples" / EXAMPLES.name)
    for key in list(os.environ):
        if key.startswith(("OPENAI_", "SUMMARIZER_")):
            monkeypatch.delenv(key)
    monkeypatch.setenv("SUMMARIZER_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _needs_model(code: str) -> bool:
    return "model=" in code or "--model" in code


@pytest.mark.slow
@pytest.mark.parametrize("index", range(len(_python_blocks())))
def test_python_block_runs(index: int, workdir: Path, fake, monkeypatch, capsys):
    code = _python_blocks()[index]
    if _needs_model(code):
        monkeypatch.setenv("OPENAI_BASE_URL", fake.base_url)
        monkeypatch.setenv("OPENAI_API_KEY", "sk-readme-test-0123456789")
        monkeypatch.setenv("SUMMARIZER_MAX_ATTEMPTS", "1")
    exec(compile(code, f"README.md python block {index + 1}", "exec"), {"__name__": "__readme__"})
    printed = capsys.readouterr().out
    assert printed.strip()  # every example shows something
    if _needs_model(code):
        assert fake.requests  # it did ask the model
    else:
        assert "NATO-Russia Council" in printed


def first_command() -> list[str]:
    """The `summarizer` command of README's first block: test_end_to_end runs it (offline,
    spaCy), with its own checks, so the shell-block test here does not run it again."""
    return shlex.split(_commands(_shell_blocks()[0])[0])


def _commands(block: str) -> list[str]:
    """The block's commands, `&&` chains split, comments and CI's own lines dropped."""
    commands = []
    for line in block.splitlines():
        line = re.sub(r"\s+#.*$", "", line).strip()
        if not line or line.startswith("#"):
            continue
        for part in line.split("&&"):
            part = part.strip()
            if not part.startswith(LEFT_TO_CI):
                commands.append(part)
    return commands


@pytest.mark.slow
@pytest.mark.parametrize("index", range(len(_shell_blocks())))
def test_shell_block_runs(index: int, workdir: Path, fake):
    env = dict(os.environ)
    ran = 0
    for command in _commands(_shell_blocks()[index]):
        if command.startswith("export "):
            name, _, value = command.removeprefix("export ").partition("=")
            env[name] = value.replace(LOCAL_SERVER, fake.base_url)
            if name == "OPENAI_API_KEY":  # OpenAI itself: the fake server stands in for it
                env.setdefault("OPENAI_BASE_URL", fake.base_url)
            continue
        words = shlex.split(command)
        assert words[0] == "summarizer", f"README command this test cannot run: {command}"
        if index == 0 and words == first_command():
            ran += 1  # run by test_end_to_end.test_readme_first_command_runs_offline_with_no_model
            continue
        if words[1] == "schema" and "--write" in words:
            words += ["--dir", str(workdir / "schemas")]
        result = subprocess.run(
            SUMMARIZER + words[1:], cwd=workdir, env=env, capture_output=True, timeout=300
        )
        assert result.returncode == 0, (command, result.stderr.decode())
        ran += 1
        for flag in ("-o", "--report"):
            if flag in words:
                assert (workdir / words[words.index(flag) + 1]).stat().st_size > 0
    assert ran, "a README shell block with no command this test runs"
