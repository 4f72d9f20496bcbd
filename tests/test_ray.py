"""The Ray executor: same records as the local executor; the call limit holds across workers."""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pytest
from conftest import EXAMPLES

from summarizer.cli import main

ray = pytest.importorskip("ray", reason="ray is not installed: pip install '.[ray]'")


@pytest.fixture(scope="session")
def ray_cluster():
    """One local Ray cluster for the whole session: two CPUs, no dashboard, no usage stats."""
    os.environ["RAY_USAGE_STATS_ENABLED"] = "0"
    ray.init(
        num_cpus=2,
        include_dashboard=False,
        log_to_driver=False,
        configure_logging=False,
        runtime_env={"env_vars": {"RAY_USAGE_STATS_ENABLED": "0"}},
    )
    yield
    ray.shutdown()


@pytest.fixture
def events(tmp_path) -> Path:
    root = tmp_path / "events"
    files = sorted(EXAMPLES.glob("*.txt"))
    for n in range(4):
        (root / f"event-{n}").mkdir(parents=True)
        for f in files[n : n + 2]:
            shutil.copy(f, root / f"event-{n}" / f.name)
    return root


def comparable(folder: Path) -> dict[str, object]:
    """Every output file, the run's timing fields removed."""
    found: dict[str, object] = {}
    for path in sorted(folder.iterdir()):
        if path.name.startswith("."):
            continue
        if path.suffix == ".json":
            record = json.loads(path.read_text())
            for key in ("started", "duration_s"):
                record["run"].pop(key)
            found[path.name] = record
        else:  # reports: the run's start and duration blanked
            text = re.sub(r"started \S+|\b\d+\.\d s\b", "-", path.read_text())
            found[path.name] = text
    return found


def test_ray_writes_the_same_records_as_the_local_executor(
    ray_cluster, events, tmp_path, model_env
):
    local, distributed = tmp_path / "local", tmp_path / "ray"
    assert main(["batch", str(events), "-o", str(local), "-q", "--no-cache", "--report", "md"]) == 0
    assert (
        main(
            [
                "batch",
                *(str(events), "-o", str(distributed), "-q", "--no-cache", "--report", "md"),
                *("--executor", "ray"),
            ]
        )
        == 0
    )
    assert len(model_env.requests) == 16
    assert comparable(local) == comparable(distributed)
    assert len(comparable(local)) == 9  # events.jsonl, 4 records, 4 reports


def test_the_call_limit_holds_across_ray_workers(ray_cluster, events, tmp_path, model_env):
    model_env.latency = 0.1
    out = tmp_path / "out"
    args = ["batch", str(events), "-o", str(out), "-q", "--no-cache", "--concurrency", "1"]
    assert main([*args, "--executor", "ray"]) == 0
    assert len(model_env.requests) == 8
    assert model_env.max_in_flight == 1  # two workers, one call at a time between them


def test_a_failing_event_on_ray_does_not_stop_the_others(ray_cluster, events, tmp_path, model_env):
    from fakeserver import status

    broken = sorted((events / "event-0").glob("*.txt"))[0].stem
    model_env.script(broken, status(400))
    out = tmp_path / "out"
    args = ["batch", str(events), "-o", str(out), "-q", "--no-cache", "--executor", "ray"]
    assert main(args) == 1
    lines = [json.loads(x) for x in (out / "events.jsonl").read_text().splitlines()]
    assert [line["failures"] for line in lines] == [1, 0, 0, 0]
