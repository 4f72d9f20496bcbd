"""The judge: open pairs to the model, typed verdicts back, grounded, cached and counted."""

from __future__ import annotations

import pytest
from conftest import make_test_article
from fakeserver import FakeOpenAI, raw, status
from test_cli import cli

import summarizer
from summarizer.errors import ConfigError
from summarizer.judge import check_judge

TEXTS = {
    "a": "The blast was caused by a loss of pressure in the pipe, the operator said on Monday.",
    "b": "Investigators suspect sabotage by unknown persons, a police source said on Monday.",
}
CAUSES = {"a": "a loss of pressure in the pipe", "b": "sabotage by unknown persons"}


def _payload(article_id: str) -> dict:
    return {
        "claims": [
            {
                "about": "gas pipeline blast near Sosnovka",
                "attribute": "cause of the blast",
                "value": CAUSES[article_id],
                "quotes": [TEXTS[article_id]],
            }
        ]
    }


ARTICLES = [make_test_article(k, t, published="2024-08-21") for k, t in TEXTS.items()]


def _conflict_verdict(entity: str, prompt: str) -> dict:
    assert "Pair q1" in prompt and CAUSES["a"] in prompt and CAUSES["b"] in prompt
    return {
        "verdicts": [
            {
                "pair": "q1",
                "verdict": "conflict",
                "severity": "medium",
                "reason": "a technical fault and sabotage are two different causes",
                "passages": [TEXTS["a"], TEXTS["b"]],
            }
        ]
    }


def _run(server: FakeOpenAI, make_settings, **overrides):
    settings = make_settings(server, judge=True, **overrides)
    return summarizer.summarize(ARTICLES, settings=settings)


def test_the_judge_turns_a_grounded_conflict_verdict_into_a_conflict(make_settings):
    with FakeOpenAI(default=_payload, judge=_conflict_verdict) as server:
        record = _run(server, make_settings)
        assert server.calls["judge:/claims/0"] == 1
    [conflict] = record.conflicts
    assert (conflict.path, conflict.kind, conflict.severity) == (
        "/claims/0/value",
        "value_mismatch",
        "medium",
    )
    assert "judged by the model" in conflict.note
    assert record.run.llm_calls == 3  # two articles and one judge call
    assert record.run.input_tokens > 0 and record.run.output_tokens > 0
    assert record.run.cost_usd is None  # a local server: no price


def test_verdicts_are_cached_like_extractions(make_settings):
    with FakeOpenAI(default=_payload, judge=_conflict_verdict) as server:
        first = _run(server, make_settings)
        again = _run(server, make_settings)
        assert server.calls["judge:/claims/0"] == 1
    assert again.conflicts == first.conflicts
    assert again.run.llm_calls == 0 and again.run.cache_hits == 3


@pytest.mark.parametrize(
    "reply",
    [
        raw("this is not JSON"),
        raw('{"verdicts": [{"pair": "q1", "verdict": "maybe", "reason": "?"}]}'),
        status(500),
    ],
    ids=["not-json", "invalid-verdict", "server-error"],
)
def test_a_failing_or_invalid_judge_leaves_the_pair_undecided(make_settings, reply):
    with FakeOpenAI(default=_payload) as server:
        server.script("judge:/claims/0", reply)
        record = _run(server, make_settings, max_attempts=2, reasks=1)
    assert record.conflicts == []
    assert len(record.claims) == 1


def test_a_conflict_whose_passages_are_not_in_the_articles_is_not_raised(make_settings):
    def invented(entity: str, prompt: str) -> dict:
        answer = _conflict_verdict(entity, prompt)
        answer["verdicts"][0]["passages"] = ["The pipe was struck by a meteorite last night."]
        return answer

    with FakeOpenAI(default=_payload, judge=invented) as server:
        record = _run(server, make_settings)
    assert record.conflicts == []


@pytest.mark.parametrize("verdict", ["same", "compatible", "update", "unrelated"])
def test_verdicts_other_than_conflict_raise_nothing(make_settings, verdict):
    def answer(entity: str, prompt: str) -> dict:
        given = _conflict_verdict(entity, prompt)
        given["verdicts"][0]["verdict"] = verdict
        return given

    with FakeOpenAI(default=_payload, judge=answer) as server:
        record = _run(server, make_settings)
    assert record.conflicts == []


def test_the_judge_is_off_by_default(make_settings):
    with FakeOpenAI(default=_payload, judge=_conflict_verdict) as server:
        record = summarizer.summarize(ARTICLES, settings=make_settings(server))
        assert "judge:/claims/0" not in server.calls
    assert record.conflicts == [] and record.run.llm_calls == 2


def test_the_judge_is_refused_with_the_offline_backend(make_settings):
    with pytest.raises(ConfigError, match="offline backend cannot judge"):
        check_judge(make_settings(None, backend="offline", judge=True))


@pytest.mark.slow
def test_the_command_line_refuses_the_judge_offline_in_one_line(tmp_path):
    (tmp_path / "a.txt").write_text(TEXTS["a"], encoding="utf-8")
    result = cli("run", str(tmp_path / "a.txt"), "--judge", "--backend", "offline", cwd=tmp_path)
    assert result.returncode == 2
    message = result.stderr.decode().strip().splitlines()
    assert len(message) == 1 and "--judge needs a model" in message[0]
    env = cli("run", str(tmp_path / "a.txt"), cwd=tmp_path, env={"SUMMARIZER_JUDGE": "1"})
    assert env.returncode == 2 and b"--judge needs a model" in env.stderr
