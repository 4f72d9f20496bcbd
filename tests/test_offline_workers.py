"""The offline extractor's worker processes: time budgets, crashes, shutdown, same results."""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, example_articles

from summarizer.backends.offline import extractor as offline_extractor
from summarizer.backends.offline.workers import (
    OverBudgetError,
    WorkerDiedError,
    WorkerPool,
    can_fork,
)

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not can_fork(), reason="worker processes are forked"),
]

# --- a pool of toy tasks: words, some of which stall, crash or fail ----------------------


def parse_words(words: list[str]) -> list[str]:
    if "stall-in-parse" in words:
        time.sleep(120)
    return [w.upper() for w in words]


def finish_word(word: str, parsed: str) -> str:
    if word == "stall":
        time.sleep(120)
    if word == "crash":
        os._exit(3)
    if word == "fail":
        raise ValueError("a bad word")
    return f"{parsed}!"


async def run_all(pool: WorkerPool, tasks: Sequence[str]) -> tuple[list[Any], list[int]]:
    """Every task's answer (or exception), and the pids of every worker that ran."""
    seen: set[int] = set()

    async def one(task: str) -> Any:
        try:
            return await pool.run(task)
        except Exception as e:
            return e
        finally:
            seen.update(pool.pids)

    try:
        return list(await asyncio.gather(*map(one, tasks))), sorted(seen)
    finally:
        seen.update(pool.pids)
        pool.close()


def gone(pids: Sequence[int], wait_s: float = 0.0) -> bool:
    """Whether none of these processes runs any more (waiting up to `wait_s`)."""
    deadline = time.monotonic() + wait_s
    while True:
        alive = [p for p in pids if Path(f"/proc/{p}").exists() and not _zombie(p)]
        if not alive or time.monotonic() >= deadline:
            return not alive
        time.sleep(0.1)


def _zombie(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ")[1].startswith("Z")
    except (OSError, IndexError):
        return False


WORDS = [f"w{n}" for n in range(10)]


def test_a_stalled_task_is_stopped_at_its_budget_and_the_others_finish() -> None:
    pool = WorkerPool(parse_words, finish_word, 2, budget_s=1.5)
    tasks = [*WORDS[:3], "stall", *WORDS[3:]]
    started = time.monotonic()
    results, pids = asyncio.run(run_all(pool, tasks))
    elapsed = time.monotonic() - started
    assert isinstance(results[3], OverBudgetError)
    assert "1.5 s" in str(results[3])
    assert [r for n, r in enumerate(results) if n != 3] == [f"{w.upper()}!" for w in WORDS]
    assert 1.5 <= elapsed < 60  # stopped at its budget, not the two minutes it would take
    assert pool.started == 3  # the stalled worker alone was replaced
    assert gone(pids, wait_s=5)
    assert multiprocessing.active_children() == []


def test_a_stall_in_a_shared_parse_is_narrowed_down_to_its_task() -> None:
    pool = WorkerPool(parse_words, finish_word, 1, budget_s=1.0)
    tasks = ["a", "stall-in-parse", "b", "c", "d", "e"]
    results, pids = asyncio.run(run_all(pool, tasks))
    assert isinstance(results[1], OverBudgetError)
    assert [r for n, r in enumerate(results) if n != 1] == ["A!", "B!", "C!", "D!", "E!"]
    assert gone(pids, wait_s=5)


def test_a_crashing_worker_loses_only_its_task() -> None:
    pool = WorkerPool(parse_words, finish_word, 2)
    tasks = [*WORDS[:5], "crash", *WORDS[5:]]
    results, pids = asyncio.run(run_all(pool, tasks))
    assert isinstance(results[5], WorkerDiedError)
    assert "exit code 3" in str(results[5])
    assert [r for n, r in enumerate(results) if n != 5] == [f"{w.upper()}!" for w in WORDS]
    assert gone(pids, wait_s=5)


def test_a_failing_task_keeps_its_worker() -> None:
    pool = WorkerPool(parse_words, finish_word, 2)
    results, _ = asyncio.run(run_all(pool, ["a", "fail", "b"]))
    assert results[0] == "A!" and results[2] == "B!"
    assert isinstance(results[1], ValueError) and str(results[1]) == "a bad word"
    assert pool.started == 2


def test_cancelling_stops_the_workers() -> None:
    pool = WorkerPool(parse_words, finish_word, 2, budget_s=60)
    pids: list[int] = []

    async def cancel_midway() -> None:
        work = asyncio.gather(*(pool.run(t) for t in ["a", "stall", "b", "stall", "c"]))
        for _ in range(100):
            await asyncio.sleep(0.05)
            pids[:] = pool.pids
            if len(pids) == 2:
                break
        await asyncio.sleep(0.3)
        work.cancel()  # what Ctrl-C does to the running batch
        with pytest.raises(asyncio.CancelledError):
            await work
        pool.close()

    asyncio.run(cancel_midway())
    assert len(pids) == 2
    assert gone(pids, wait_s=5)
    assert multiprocessing.active_children() == []


def test_workers_end_when_their_parent_is_killed(tmp_path: Path) -> None:
    script = textwrap.dedent(
        """
        import asyncio, os, signal, sys, time
        from summarizer.backends.offline.workers import WorkerPool

        def parse(tasks):
            return tasks

        def finish(task, parsed):
            if task == "stall":
                time.sleep(120)
            return task

        async def main():
            pool = WorkerPool(parse, finish, 2)
            work = [asyncio.ensure_future(pool.run(t)) for t in ("stall", "a", "b")]
            await work[1]
            print(*pool.pids, flush=True)
            await asyncio.sleep(0.3)
            os.kill(os.getpid(), signal.SIGKILL)  # no clean-up of any kind

        asyncio.run(main())
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == -signal.SIGKILL, done.stderr
    pids = [int(p) for p in done.stdout.split()]
    assert len(pids) == 2
    assert gone(pids, wait_s=10)


# --- the offline backend, with spaCy --------------------------------------------------------


@pytest.fixture
def stuck_and_crashing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Rules that never end on the article "stuck" and kill their process on "crash"."""
    real = offline_extractor.extract_doc

    def rules(article: Any, doc: Any) -> Any:
        if article.id == "stuck":
            time.sleep(120)
        if article.id == "crash":
            os._exit(3)
        return real(article, doc)

    monkeypatch.setattr(offline_extractor, "extract_doc", rules)


def test_the_offline_backend_stops_a_stuck_article_and_keeps_the_others(
    stuck_and_crashing: None,
) -> None:
    from summarizer.config import Settings
    from summarizer.extraction import _over_budget, extract_batch
    from summarizer.ingest import date_together

    # Their openings: a few sentences each, which a busy machine still parses in a fraction of
    # the budget (whole articles took it all at a load of 20 on two cores).
    examples = [a.model_copy(update={"text": a.text[:800]}) for a in example_articles()]
    articles = [
        *examples[:2],
        examples[0].model_copy(update={"id": "stuck"}),
        *examples[2:4],
        examples[1].model_copy(update={"id": "crash"}),
        examples[4],
    ]
    settings = Settings(backend="offline", no_cache=True, article_timeout_s=10)
    children_before = multiprocessing.active_children()
    batch = asyncio.run(extract_batch(articles, settings))
    by_id = {o.article.id: o for o in batch.outcomes}
    assert by_id["stuck"].error == _over_budget(settings)
    assert "process died (exit code 3)" in (by_id["crash"].error or "")
    here = {
        a.id: offline_extractor.extract_article((a, offline_extractor.OfflineBackend.max_chars))
        for a in date_together(examples)
    }
    assert {a.id: by_id[a.id].extraction for a in examples} == here
    assert all(e is not None and (e.meetings or e.statements) for e in here.values())
    assert multiprocessing.active_children() == children_before == []


def test_ctrl_c_during_an_offline_run_leaves_no_process(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    for name in ("a", "stuck", "b"):
        text = (ROOT / "examples" / "nato-russia-council" / "000_4adca80e61857a20.txt").read_text(
            encoding="utf-8"
        )
        (folder / f"{name}.txt").write_text(text + f"\n\nCopy {name}.\n", encoding="utf-8")
    script = textwrap.dedent(
        f"""
        import sys, time
        from summarizer.backends.offline import extractor, workers

        real = extractor.extract_doc

        def rules(article, doc):
            if article.id == "stuck":
                open({str(tmp_path / "stuck-started")!r}, "w").close()
                time.sleep(120)
            return real(article, doc)

        extractor.extract_doc = rules
        start = workers.WorkerPool._start

        def announce(self):
            worker = start(self)
            print(worker.process.pid, flush=True)
            return worker

        workers.WorkerPool._start = announce
        from summarizer.cli import main

        sys.exit(main(["run", {str(folder)!r}, "-o", {str(tmp_path / "out.json")!r},
                       "--backend", "offline", "--no-cache", "-q"]))
        """
    )
    run = subprocess.Popen(
        [sys.executable, "-c", script],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    assert run.stdout is not None
    pids = [int(run.stdout.readline()), int(run.stdout.readline())]
    started = tmp_path / "stuck-started"
    deadline = time.monotonic() + 120  # a limit for a broken run
    while not started.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert started.exists(), "the stuck article never began"
    os.killpg(run.pid, signal.SIGINT)  # what a terminal sends on Ctrl-C
    _, err = run.communicate(timeout=300)  # a limit for a broken run
    assert run.returncode == 130, err
    assert "interrupted" in err
    assert gone(pids, wait_s=5)


def test_without_fork_articles_run_in_threads_within_their_budget(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from summarizer.config import Settings
    from summarizer.extraction import _over_budget, extract_batch
    from summarizer.records import ArticleExtraction

    def finish(task: Any, parsed: Any) -> ArticleExtraction:
        article, _ = task
        if article.id == "slow":
            time.sleep(3)
        return ArticleExtraction(headline=article.id)

    monkeypatch.setattr(offline_extractor, "can_fork", lambda: False)
    monkeypatch.setattr(offline_extractor, "load_pipeline", lambda: None)
    monkeypatch.setattr(offline_extractor, "parse_articles", lambda tasks: [None] * len(tasks))
    monkeypatch.setattr(offline_extractor, "finish_article", finish)
    first, second = example_articles()[:2]
    articles = [first.model_copy(update={"id": "slow"}), second.model_copy(update={"id": "quick"})]
    settings = Settings(backend="offline", no_cache=True, article_timeout_s=1)
    batch = asyncio.run(extract_batch(articles, settings))
    slow, quick = batch.outcomes
    assert slow.error == _over_budget(settings)
    assert quick.extraction == ArticleExtraction(headline="quick")
    assert multiprocessing.active_children() == []
