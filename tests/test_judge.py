"""The judge: open pairs to the model, typed verdicts back, grounded, cached and counted."""

from __future__ import annotations

import pytest
from conftest import make_test_article
from fakeserver import FakeOpenAI, raw, status
from test_cli import cli

import summarizer
from summarizer.errors import ConfigError
from summarizer.judge import check_judge
from summarizer.judging import contexts_open, names_open, places_open, roles_open

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


# --- the rules' open pairs beyond claims: meeting names, statement contexts, roles ---------------

COUNCIL = "The OSCE Permanent Council meeting on Thursday in Vienna with Ivan Petrov discussed it."
SUMMIT = "The OSCE Council summit on Thursday in Vienna with Ivan Petrov discussed it."
MEETING_TEXTS = {"m1": COUNCIL, "m2": COUNCIL, "m3": COUNCIL, "m4": SUMMIT}


def _meeting_payload(article_id: str) -> dict:
    name = "OSCE Council summit" if article_id == "m4" else "OSCE Permanent Council meeting"
    return {
        "meetings": [
            {
                "name": name,
                "date": "2024-03-07",
                "location": "Vienna",
                "status": "held",
                "participants": [{"name": "Ivan Petrov", "role": None, "organization": None}],
                "parties": ["OSCE"],
                "quotes": [MEETING_TEXTS[article_id]],
            }
        ]
    }


MEETING_ARTICLES = [
    make_test_article(k, t, published="2024-03-07") for k, t in MEETING_TEXTS.items()
]


def _verdict(verdict: str, passages: list[str], severity: str = "medium", pair: str = "q1"):
    return {
        "verdicts": [
            {
                "pair": pair,
                "verdict": verdict,
                "severity": severity,
                "reason": "a summit of leaders is not a meeting of ambassadors",
                "passages": passages,
            }
        ]
    }


def _summarize(articles, server, make_settings, **overrides):
    return summarizer.summarize(articles, settings=make_settings(server, judge=True, **overrides))


def test_a_meeting_called_a_summit_by_one_report_is_asked_about_and_judged(make_settings):
    def judge(entity: str, prompt: str) -> dict:
        assert entity == "/meetings/0"
        assert "OSCE Permanent Council meeting" in prompt and "OSCE Council summit" in prompt
        assert "its name and its kind" in prompt  # what the field holds, for the model
        return _verdict("conflict", [SUMMIT, COUNCIL], severity="low")

    with FakeOpenAI(default=_meeting_payload, judge=judge) as server:
        record = _summarize(MEETING_ARTICLES, server, make_settings)
        assert server.calls["judge:/meetings/0"] == 1
    [conflict] = record.conflicts
    assert (conflict.path, conflict.kind, conflict.severity) == (
        "/meetings/0/name",
        "value_mismatch",
        "low",
    )
    assert {v.value for v in conflict.values} == {
        "OSCE Permanent Council meeting",
        "OSCE Council summit",
    }
    assert next(v for v in conflict.values if v.value == "OSCE Council summit").sources == ["m4"]
    assert conflict.note.endswith(
        "judged by the model: a summit of leaders is not a meeting of ambassadors"
    )
    assert record.run.llm_calls == 5  # four articles and one judge call


def test_without_the_judge_a_meeting_s_names_are_wordings_not_conflicts(make_settings):
    with FakeOpenAI(default=_meeting_payload) as server:
        record = summarizer.summarize(MEETING_ARTICLES, settings=make_settings(server))
        assert not any(k.startswith("judge:") for k in server.calls)
    assert record.conflicts == []
    [meeting] = record.meetings
    names = {meeting.name.value, *(a.value for a in meeting.name.alternatives)}
    assert names == {"OSCE Permanent Council meeting", "OSCE Council summit"}


@pytest.mark.parametrize(
    "reply",
    [
        raw('{"verdicts": [{"pair": "q1", "verdict": "conflict", "severity": "dire"}]}'),
        raw('{"verdicts": "conflict"}'),
    ],
    ids=["bad-severity-no-reason", "not-a-list"],
)
def test_a_schema_invalid_verdict_on_a_meeting_name_leaves_it_undecided(make_settings, reply):
    with FakeOpenAI(default=_meeting_payload) as server:
        server.script("judge:/meetings/0", reply)
        record = _summarize(MEETING_ARTICLES, server, make_settings, reasks=1)
        assert server.calls["judge:/meetings/0"] == 2  # asked, re-asked once, then given up
    assert record.conflicts == []
    assert len(record.meetings) == 1


AHEAD = 'Lavrov said "we expect nothing from this round" ahead of the talks in Geneva.'
OPENED = 'Lavrov said "we expect nothing from this round" as he opened the meeting in Geneva.'
CONTEXT_TEXTS = {"s1": AHEAD, "s2": OPENED}


def _statement_payload(article_id: str) -> dict:
    channel = "ahead of the talks" if article_id == "s1" else "as he opened the meeting"
    return {
        "statements": [
            {
                "speaker": {"name": "Sergei Lavrov", "role": None, "organization": None},
                "content": "we expect nothing from this round",
                "direct": True,
                "date": "2024-05-06",
                "channel": channel,
                "quotes": [CONTEXT_TEXTS[article_id]],
            }
        ]
    }


CONTEXT_ARTICLES = [
    make_test_article(k, t, published="2024-05-06") for k, t in CONTEXT_TEXTS.items()
]


@pytest.mark.parametrize(
    ("verdict", "conflicts"), [("conflict", 1), ("compatible", 0), ("unrelated", 0)]
)
def test_two_moments_given_for_one_remark_go_to_the_judge(make_settings, verdict, conflicts):
    def judge(entity: str, prompt: str) -> dict:
        assert entity == "/statements/0"
        assert "ahead of the talks" in prompt and "as he opened the meeting" in prompt
        return _verdict(verdict, [AHEAD, OPENED])

    with FakeOpenAI(default=_statement_payload, judge=judge) as server:
        record = _summarize(CONTEXT_ARTICLES, server, make_settings)
        assert server.calls["judge:/statements/0"] == 1
    assert len(record.statements) == 1
    assert len(record.conflicts) == conflicts
    if conflicts:
        assert record.conflicts[0].path == "/statements/0/channel"
        assert record.conflicts[0].severity == "medium"


ROLE_TEXTS = {
    "r1": "Foreign Minister Ivan Petrov arrived in Astana on Monday for the talks.",
    "r2": "Ivan Petrov, the Kremlin's point man for the talks, arrived in Astana on Monday.",
}
ROLES = {"r1": "Foreign Minister", "r2": "Kremlin's point man for the talks"}


def _role_payload(article_id: str) -> dict:
    return {
        "meetings": [
            {
                "name": "talks in Astana",
                "date": "2024-06-03",
                "participants": [
                    {"name": "Ivan Petrov", "role": ROLES[article_id], "organization": None}
                ],
                "quotes": [ROLE_TEXTS[article_id]],
            }
        ]
    }


ROLE_ARTICLES = [make_test_article(k, t, published="2024-06-03") for k, t in ROLE_TEXTS.items()]


def test_a_role_the_office_table_does_not_know_goes_to_the_judge(make_settings):
    def judge(entity: str, prompt: str) -> dict:
        assert entity == "/people/0"
        assert "Foreign Minister" in prompt and "point man for the talks" in prompt
        return _verdict("conflict", [ROLE_TEXTS["r2"]], severity="medium")

    with FakeOpenAI(default=_role_payload, judge=judge) as server:
        record = _summarize(ROLE_ARTICLES, server, make_settings)
        assert server.calls["judge:/people/0"] == 1
    [conflict] = record.conflicts
    assert (conflict.path, conflict.severity) == ("/people/0/role", "medium")


def test_a_role_verdict_quoting_a_passage_not_in_the_sources_raises_nothing(make_settings):
    def judge(entity: str, prompt: str) -> dict:
        return _verdict("conflict", ["Ivan Petrov was dismissed as foreign minister last year."])

    with FakeOpenAI(default=_role_payload, judge=judge) as server:
        record = _summarize(ROLE_ARTICLES, server, make_settings)
        assert server.calls["judge:/people/0"] == 1
    assert record.conflicts == []


def test_one_judge_call_per_entity_with_all_its_open_pairs(make_settings):
    texts = {**ROLE_TEXTS, **MEETING_TEXTS}

    def payload(article_id: str) -> dict:
        return _role_payload(article_id) if article_id in ROLES else _meeting_payload(article_id)

    articles = [make_test_article(k, t, published="2024-06-03") for k, t in texts.items()]
    with FakeOpenAI(default=payload) as server:
        record = _summarize(articles, server, make_settings)
        judged = {k: n for k, n in server.calls.items() if k.startswith("judge:")}
    assert sorted(judged.values()) == [1, 1] and len(judged) == 2  # the person, the meeting
    assert record.run.llm_calls == len(texts) + 2


# --- the rules' low flags: the judge confirms or withdraws them ---------------------------------

ORG_TEXTS = {
    "o1": "Denis Pasechnik of the Orenburg region administration said the pipe burst.",
    "o2": "Denis Pasechnik of the Orenburg Oblast administration said the pipe burst.",
}
ORGS = {"o1": "Orenburg region", "o2": "Orenburg Oblast"}


def _org_payload(article_id: str) -> dict:
    return {
        "statements": [
            {
                "speaker": {
                    "name": "Denis Pasechnik",
                    "role": None,
                    "organization": ORGS[article_id],
                },
                "content": "the pipe burst",
                "direct": False,
                "quotes": [ORG_TEXTS[article_id]],
            }
        ]
    }


ORG_ARTICLES = [make_test_article(k, t, published="2024-08-21") for k, t in ORG_TEXTS.items()]


def _low_flags(record) -> list[tuple[str, str]]:
    return [(c.path, c.severity) for c in record.conflicts]


def test_the_rules_flag_two_wordings_of_one_organisation_low():
    # the rule's flag the judge may withdraw; without a judge it stays
    record = summarizer.reconcile(
        [(a, summarizer.ArticleExtraction.model_validate(_org_payload(a.id))) for a in ORG_ARTICLES]
    )
    assert _low_flags(record) == [("/people/0/organization", "low")]


@pytest.mark.parametrize(
    ("verdict", "passages", "expected"),
    [
        ("same", [ORG_TEXTS["o2"]], []),
        ("compatible", [ORG_TEXTS["o1"]], []),
        ("same", ["Orenburg Oblast and the Orenburg region are one and the same."], "kept"),
        ("same", [], "kept"),  # no passage relied on: not grounded
        ("unrelated", [ORG_TEXTS["o1"]], "kept"),
        ("conflict", [ORG_TEXTS["o1"], ORG_TEXTS["o2"]], [("/people/0/organization", "high")]),
    ],
    ids=["same", "compatible", "invented-passage", "no-passage", "unrelated", "conflict"],
)
def test_a_grounded_verdict_that_both_hold_withdraws_the_rules_low_flag(
    make_settings, verdict, passages, expected
):
    def judge(entity: str, prompt: str) -> dict:
        assert entity == "/people/0" and "Orenburg region" in prompt
        assert "could not rule it out" in prompt
        return _verdict(verdict, passages, severity="high")

    with FakeOpenAI(default=_org_payload, judge=judge) as server:
        record = _summarize(ORG_ARTICLES, server, make_settings)
        assert server.calls["judge:/people/0"] == 1
    want = [("/people/0/organization", "low")] if expected == "kept" else expected
    assert _low_flags(record) == want
    assert [c.id for c in record.conflicts] == [f"c{n + 1}" for n in range(len(want))]


def test_a_withdrawn_flag_stays_withdrawn_from_the_cache(make_settings):
    def judge(entity: str, prompt: str) -> dict:
        return _verdict("same", [ORG_TEXTS["o2"]])

    with FakeOpenAI(default=_org_payload, judge=judge) as server:
        first = _summarize(ORG_ARTICLES, server, make_settings)
        again = _summarize(ORG_ARTICLES, server, make_settings)
        assert server.calls["judge:/people/0"] == 1
    assert first.conflicts == again.conflicts == []
    assert again.run.llm_calls == 0 and again.run.cache_hits == 3


def test_a_failing_judge_leaves_the_low_flag_as_the_rules_raised_it(make_settings):
    with FakeOpenAI(default=_org_payload) as server:
        server.script("judge:/people/0", status(500))
        record = _summarize(ORG_ARTICLES, server, make_settings, max_attempts=1)
    assert _low_flags(record) == [("/people/0/organization", "low")]


# --- which pairs the rules leave open -----------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "open_"),
    [
        ("OSCE Permanent Council meeting", "OSCE summit", True),
        ("OSCE Permanent Council meeting", "OSCE Council summit", True),
        ("Strategic stability dialogue in Geneva", "US-Russia talks in Geneva", True),
        ("OSCE Permanent Council meeting", "Talks with the OSCE", False),  # a vaguer wording
        ("NATO-Russia Council meeting", "Russia-NATO Council meeting", False),  # aliases
        ("NRC meeting", "NATO-Russia Council talks", False),
        ("January 12 NRC session", "NATO-Russia Council meeting", False),
        ("Permanent Council meeting", "meeting", False),  # a fuller wording
        ("Permanent Council meeting", "special Permanent Council meeting", False),
        ("summit", "summit", False),
    ],
)
def test_meeting_names_left_open(a, b, open_):
    assert names_open(a, b) is open_
    assert names_open(b, a) is open_


@pytest.mark.parametrize(
    ("a", "b", "open_"),
    [
        ("ahead of the talks", "as he opened the meeting", True),
        ("before the vote", "after the vote", True),
        ("told reporters", "as he opened the meeting", False),  # no moment: fits any
        ("told reporters", "told TASS", False),
        ("ahead of the talks", "ahead of the talks in Geneva", False),
        ("during the meeting", "during the meeting", False),
    ],
)
def test_statement_contexts_left_open(a, b, open_):
    assert contexts_open(a, b) is open_
    assert contexts_open(b, a) is open_


@pytest.mark.parametrize(
    ("a", "b", "open_"),
    [
        ("Foreign Minister", "Kremlin's point man for the talks", True),
        ("governor of the region", "regional Gov.", True),
        ("Deputy Foreign Minister", "Foreign Minister", False),  # the table: two ranks
        ("NATO Secretary General", "Chair of the NATO-Russia Council", False),  # held together
        ("Secretary General", "Secretary-General", False),
        ("Foreign Minister", "Russian Foreign Minister", False),  # a fuller wording
        # one kind of office of two bodies the table cannot relate
        ("director of the Kourou launch base", "flight director", True),
        ("head of the port authority", "head of the crisis cell", True),
        ("deputy head of the port authority", "head of the crisis cell", False),  # two ranks
        ("President", "Prime Minister", False),  # two offices, held by two people or one
        ("union president", "party treasurer", False),
    ],
)
def test_roles_left_open(a, b, open_):
    assert roles_open(a, b) is open_
    assert roles_open(b, a) is open_


@pytest.mark.parametrize(
    ("a", "b", "open_"),
    [
        # a venue and a town it may or may not lie in: a question for the judge
        ("the crisis centre of the civil protection agency in Oslo", "Lunde", True),
        ("the Vestby", "Oslo", True),
        # two towns, one place in other words, or a venue in a town and that town: decided
        ("Oslo", "Bergen", False),
        ("Oslo", "the town hall in Oslo", False),
        ("Kyiv", "Kiev", False),
    ],
)
def test_a_meetings_places_the_rules_leave_undecided_are_asked(a, b, open_):
    assert places_open(a, b) is open_
    assert places_open(b, a) is open_
