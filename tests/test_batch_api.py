"""`--batch-api`: the same requests as live, answers replayed through the live checks, resumable."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import EXAMPLES, gold_payload
from fake_batch import FakeBatchOpenAI
from fakeserver import ok, raw, status

from summarizer.backends import batch_api
from summarizer.cli import main


@pytest.fixture
def server(monkeypatch, tmp_path):
    with FakeBatchOpenAI(default=gold_payload) as fake:
        for key in list(__import__("os").environ):
            if key.startswith(("OPENAI_", "SUMMARIZER_")):
                monkeypatch.delenv(key)
        monkeypatch.chdir(tmp_path)
        monkeypatch.setenv("OPENAI_BASE_URL", fake.base_url)
        monkeypatch.setenv("SUMMARIZER_MODEL", "gpt-4o-mini")
        monkeypatch.setenv("OPENAI_API_KEY", "sk-test-batch-0123456789")
        monkeypatch.setenv("SUMMARIZER_MAX_ATTEMPTS", "1")
        monkeypatch.setenv("SUMMARIZER_CACHE_DIR", str(tmp_path / "cache"))
        monkeypatch.setattr(batch_api, "POLL_INITIAL_S", 0.0)
        yield fake


@pytest.fixture
def pile(tmp_path) -> Path:
    root = tmp_path / "in"
    files = sorted(EXAMPLES.glob("*.txt"))
    for name, chosen in (("one", files[:3]), ("two", files[3:])):
        (root / name).mkdir(parents=True)
        for f in chosen:
            shutil.copy(f, root / name / f.name)
    return root


def records(out: Path) -> dict[str, dict]:
    found = {}
    for path in sorted(out.glob("*.json")):
        record = json.loads(path.read_text())
        for key in ("started", "duration_s", "cost_usd"):
            record["run"].pop(key)
        found[path.name] = record
    return found


def batch_lines(out: Path) -> list[dict]:
    lines = []
    for path in sorted((out / "batch-api").glob("input-*.jsonl")):
        lines += [json.loads(x) for x in path.read_text().splitlines()]
    return lines


def test_batch_requests_are_the_live_requests_and_give_the_same_records(server, pile, tmp_path):
    live, batched = tmp_path / "live", tmp_path / "batched"
    assert main(["batch", str(pile), "-o", str(live), "-q", "--no-cache"]) == 0
    live_bodies = sorted(json.dumps(b, sort_keys=True) for b in server.requests)
    server.requests.clear()
    assert main(["batch", str(pile), "-o", str(batched), "-q", "--no-cache", "--batch-api"]) == 0
    assert server.requests == []  # every answer came from the batch
    lines = batch_lines(batched)
    assert sorted(json.dumps(x["body"], sort_keys=True) for x in lines) == live_bodies
    assert {x["url"] for x in lines} == {"/v1/chat/completions"}
    assert len(server.batches) == 1 and server.retrieves >= 3
    assert records(live) == records(batched)
    state = json.loads((batched / "batch-api" / "state.json").read_text())
    assert state["batches"][0]["status"] == "completed"


def test_failed_and_invalid_answers_are_asked_again_live(server, pile, tmp_path):
    ids = sorted(p.stem for p in EXAMPLES.glob("*.txt"))
    server.script(ids[0], status(500), ok(gold_payload(ids[0])))
    server.script(ids[1], raw("this is not JSON"), ok(gold_payload(ids[1])))
    out = tmp_path / "out"
    assert main(["batch", str(pile), "-o", str(out), "-q", "--batch-api"]) == 0
    asked_live = {
        b["messages"][-1]["content"].split("Article id: ")[1].split()[0] for b in server.requests
    }
    assert asked_live == {ids[0], ids[1]}
    errors = (out / "batch-api").glob("*-errors.jsonl")
    assert len(next(errors).read_text().splitlines()) == 1
    # the run is cached now: a re-run asks nothing and starts no batch
    server.requests.clear()
    (out / "events.jsonl").unlink()
    assert main(["batch", str(pile), "-o", str(out), "-q", "--batch-api"]) == 0
    assert server.requests == [] and len(server.batches) == 1


def test_an_expired_batch_keeps_what_finished(server, pile, tmp_path):
    server.ending = "expired"
    out = tmp_path / "out"
    assert main(["batch", str(pile), "-o", str(out), "-q", "--batch-api"]) == 0
    assert len(batch_lines(out)) == 5
    assert len(server.requests) == 3  # half of five answered in the batch, the rest live
    assert all(line["failures"] == 0 for line in map(json.loads, (out / "events.jsonl").open()))


def test_an_interrupted_run_polls_the_same_batch(server, pile, tmp_path, monkeypatch, capsys):
    async def interrupt(delay):
        raise KeyboardInterrupt

    monkeypatch.setattr(batch_api, "_sleep", interrupt)
    out = tmp_path / "out"
    assert main(["batch", str(pile), "-o", str(out), "--batch-api"]) == 130
    assert len(server.batches) == 1
    state = json.loads((out / "batch-api" / "state.json").read_text())
    assert (
        state["batches"][0]["status"] == "validating"
        or state["batches"][0]["status"] == "in_progress"
    )
    assert "batch batch-" in capsys.readouterr().err  # the provider's status was shown

    async def wait(delay):
        return None

    monkeypatch.setattr(batch_api, "_sleep", wait)
    assert main(["batch", str(pile), "-o", str(out), "-q", "--batch-api"]) == 0
    assert len(server.batches) == 1  # no second batch: nothing paid twice
    assert server.requests == []


def test_request_files_stay_within_the_limits():
    lines = [{"custom_id": str(n), "body": {"x": "y" * 50}} for n in range(10)]
    files = batch_api.split_lines(lines, max_requests=4)
    assert [len(f.splitlines()) for f in files] == [4, 4, 2]
    size = len(files[0].splitlines()[0]) + 1
    files = batch_api.split_lines(lines, max_bytes=3 * size)
    assert all(len(f) <= 3 * size for f in files) and sum(len(f.splitlines()) for f in files) == 10
    with pytest.raises(Exception, match="over the Batch API's file limit"):
        batch_api.split_lines(lines, max_bytes=10)


def test_batch_api_needs_a_model(pile, tmp_path, monkeypatch, capsys):
    for key in ("SUMMARIZER_MODEL", "OPENAI_BASE_URL", "SUMMARIZER_BACKEND"):
        monkeypatch.delenv(key, raising=False)
    monkeypatch.chdir(tmp_path)
    assert main(["batch", str(pile), "-o", str(tmp_path / "out"), "--batch-api"]) == 2
    assert "--batch-api needs a model" in capsys.readouterr().err
