"""Reconciliation's fast paths agree with the plain definitions they replace."""

from __future__ import annotations

import math
import random
import unicodedata
from collections.abc import Hashable, Sequence
from pathlib import Path
from typing import Any

import pytest
from conftest import make_test_article
from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer import dedup
from summarizer.knowledge.folding import _tables, fold_for_comparison
from summarizer.reconciliation import evidence
from summarizer.reconciliation.resolve import _merge

# --- folding ------------------------------------------------------------------------------------


def _fold_by_definition(text: str) -> str:
    letters, quotes, hyphens = _tables()
    text = text.translate(letters).translate(quotes).translate(hyphens)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(text.casefold().split())


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("aZ09 -'\u2019\u2013\u00e9\u00df\u0301\tIK."))))
def test_folding_for_comparison_matches_its_definition(text: str) -> None:
    assert fold_for_comparison(text) == _fold_by_definition(text)


# --- near-duplicates ----------------------------------------------------------------------------


def _pairs_by_definition(sets: Sequence[frozenset[int]]) -> list[list[int]]:
    """Candidate pairs as every pair whose either prefix meets the other set."""
    frequency: dict[int, int] = {}
    for s in sets:
        for x in s:
            frequency[x] = frequency.get(x, 0) + 1
    share = min(dedup.JACCARD_THRESHOLD, dedup.CONTAINMENT_THRESHOLD)
    prefixes = [
        set(sorted(s, key=lambda x: (frequency[x], x))[: len(s) - math.ceil(share * len(s)) + 1])
        for s in sets
    ]
    return [
        [i for i in range(j) if prefixes[j] & sets[i] or prefixes[i] & sets[j]]
        for j in range(len(sets))
    ]


SHINGLE_SETS = st.lists(
    st.frozensets(st.integers(-(2**63), 2**63).map(lambda n: n % 14 - 7), max_size=10), max_size=14
)


@settings(max_examples=300, deadline=None)
@given(SHINGLE_SETS)
def test_lazy_candidates_are_the_prefix_filter_pairs_in_order(
    sets: list[frozenset[int]],
) -> None:
    found = [list(c) for c in dedup._candidates(sets)]
    assert found == _pairs_by_definition(sets)


@given(
    st.lists(st.lists(st.integers(0, 30), min_size=1).map(sorted), max_size=6), st.integers(0, 31)
)
def test_ascending_union_below_a_limit(lists: list[list[int]], limit: int) -> None:
    expected = sorted({v for values in lists for v in values if v < limit})
    assert list(dedup._ascending_below(lists, limit)) == expected


def test_a_family_of_copies_points_at_its_original() -> None:
    words = " ".join(f"word{n} filler{n % 7}" for n in range(120))
    articles = [
        make_test_article(f"copy{n:03d}", f"{words} line {n} only here.", published="2022-01-02")
        for n in range(40)
    ]
    articles.append(make_test_article("other", "Something else entirely " * 5))
    found = dedup.find_duplicates(articles)
    assert found == {f"copy{n:03d}": "copy000" for n in range(1, 40)}


# --- resolution: scores remembered per pair of equal features --------------------------------


ITEMS = st.lists(
    st.tuples(st.sampled_from("abcd"), st.integers(0, 5)),  # (source, feature)
    max_size=24,
)


@settings(max_examples=300, deadline=None)
@given(ITEMS, st.integers(0, 10_000))
def test_merge_by_feature_class_equals_the_pairwise_merge(
    items: list[tuple[str, int]], salt: int
) -> None:
    sources = [s for s, _ in items]
    features = [f for _, f in items]
    keys: list[list[Hashable]] = [[f % 3, "all"] for f in features]

    def score(i: int, j: int) -> float | None:
        a, b = features[i], features[j]
        value = (a * 7 + b * 13 + salt) % 11
        return None if value < 3 else value / 10

    def repeated(i: int, j: int) -> bool:
        return features[i] == features[j]

    assert _merge(sources, keys, score, repeated, features) == _merge(
        sources, keys, score, repeated
    )


@settings(max_examples=200, deadline=None)
@given(ITEMS, st.integers(0, 10_000))
def test_merge_on_arrays_equals_the_merge_pair_by_pair(
    items: list[tuple[str, int]], salt: int
) -> None:
    sources = [s for s, _ in items]
    features = [f for _, f in items]
    keys: list[list[Hashable]] = [[f % 3, "all"] for f in features]

    def score(i: int, j: int) -> float | None:
        value = (features[i] * 7 + features[j] * 13 + salt) % 11
        return None if value < 3 else value / 10

    def repeated(i: int, j: int) -> bool:
        return features[i] == features[j]

    by_pairs = _merge(sources, keys, score, repeated, features, array_pairs=1 << 62)
    assert _merge(sources, keys, score, repeated, features, array_pairs=0) == by_pairs


@pytest.mark.parametrize("seed", range(6))
def test_merge_on_arrays_agrees_on_big_blocks_of_copies(seed: int) -> None:
    # blocks larger than MAX_BLOCK (walked by a window), sources with several records that
    # refuse to merge, ties between scores
    rng = random.Random(seed)
    count = rng.randrange(150, 400)
    sources = [f"s{rng.randrange(count // rng.choice((1, 2, 3)))}" for _ in range(count)]
    features = [rng.randrange(6) for _ in range(count)]
    keys: list[list[Hashable]] = [["all", f % 2] if rng.random() < 0.9 else [f] for f in features]

    def score(i: int, j: int) -> float | None:
        a, b = sorted((features[i], features[j]))
        return None if (a + b) % 5 == 4 else 1.0 - abs(a - b) / 10

    def repeated(i: int, j: int) -> bool:
        return features[i] == features[j] and features[i] % 3 == 0

    by_pairs = _merge(sources, keys, score, repeated, features, array_pairs=1 << 62)
    assert _merge(sources, keys, score, repeated, features, array_pairs=0) == by_pairs


# --- evidence: remembered matcher answers ------------------------------------------------------


def test_remembered_date_answers_depend_on_the_publication_date() -> None:
    passage = "The talks were held on Wednesday."
    assert evidence.date_shown("2022-01-12", passage, "2022-01-12")
    assert not evidence.date_shown("2022-01-12", passage, "2022-02-20")
    assert evidence.date_shown("2022-01-12", passage, "2022-01-13")
    evidence.forget_layouts()
    assert evidence._date_shown.cache_info().currsize == 0
    assert not evidence.date_shown("2022-01-12", passage, "")


# --- grounding as each answer arrives -----------------------------------------------------------


def _gold_outcomes() -> list[Any]:
    from pathlib import Path

    from summarizer.extraction import ExtractionOutcome
    from summarizer.ingest import read_articles
    from summarizer.records import ArticleExtraction

    root = Path(__file__).resolve().parent.parent
    articles = read_articles([root / "examples" / "nato-russia-council"]).articles
    return [
        ExtractionOutcome(
            article=a,
            extraction=ArticleExtraction.model_validate_json(
                (root / "tests" / "gold" / f"{a.id}.json").read_text("utf-8")
            ),
        )
        for a in articles
    ]


def test_grounding_as_answers_arrive_gives_the_same_record() -> None:
    from summarizer.pipeline import GroundAsDone, reconcile, record_json
    from summarizer.records import Run

    outcomes = _gold_outcomes()
    articles = [o.article for o in outcomes]
    seen: list[str] = []
    grounding = GroundAsDone(then=lambda o: seen.append(o.article.id))
    for outcome in outcomes:
        grounding(outcome)
    assert seen == [a.id for a in articles]
    assert set(grounding.grounded) == set(seen)
    run = Run(backend="test", started="2022-01-12T00:00:00+00:00")
    plain = record_json(reconcile(outcomes, run=run))
    assert record_json(reconcile(outcomes, run=run, grounded=grounding.grounded)) == plain
    # a grounding made from another extraction of the article is not used
    first = outcomes[0]
    stale = dict(grounding.grounded)
    stale[first.article.id] = grounding.grounded[outcomes[1].article.id].model_copy(
        update={"article": first.article}
    )
    assert record_json(reconcile(outcomes, run=run, grounded=stale)) == plain


# --- the model backend: instructor's async-validator walk, once per response model -------------


def test_our_response_models_are_walked_once_and_others_every_time() -> None:
    from instructor.v2.validation import async_validators
    from pydantic import BaseModel

    from summarizer.backends import openai as backend
    from summarizer.records import ArticleExtraction

    prepared = backend._prepared(ArticleExtraction)
    assert ArticleExtraction in backend._VERIFIED
    assert prepared in backend._VERIFIED
    walked: list[object] = []
    original = backend._reject_async_validators
    try:
        backend._reject_async_validators = walked.append  # type: ignore[assignment]
        async_validators.reject_async_validators(prepared)
        async_validators.reject_async_validators(ArticleExtraction)
        assert walked == []
    finally:
        backend._reject_async_validators = original

    class Checked(BaseModel):
        name: str

        @async_validators.async_field_validator("name")
        async def check(self, value: str) -> str:
            return value

    with pytest.raises(ValueError, match="async validators"):
        async_validators.reject_async_validators(Checked)
    with pytest.raises(ValueError, match="async validators"):
        async_validators.reject_async_validators(list[Checked])


def test_compacted_records_share_their_field_sets_and_stay_the_same() -> None:
    from summarizer.extraction import compact
    from summarizer.ground import ground

    outcomes = _gold_outcomes()
    made = [ground(o.article, o.extraction) for o in outcomes]
    dumps = [m.model_dump_json(exclude_unset=True) for m in made]
    copies = [m.model_copy(deep=True) for m in made]
    for grounding in made:
        compact(grounding)
    assert made == copies
    assert [m.model_dump_json(exclude_unset=True) for m in made] == dumps
    spans = [s for m in made for r in m.statements for s in r.spans]
    assert len(spans) > 1
    assert len({id(s.model_fields_set) for s in spans}) == 1
    # a copy with another value gets a set of its own
    first = made[0].statements[0].spans[0]
    changed = first.model_copy(update={"text": "x"})
    assert changed.model_fields_set is not first.model_fields_set
    assert first.model_fields_set == {"source", "start", "end", "text", "match"}


# --- grounding, reconciliation and writing in the worker of a model run ----------------------------


@pytest.mark.slow
def test_the_worker_writes_the_record_and_report_that_would_be_written_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from summarizer.pipeline import ReconcileAside, reconcile, write_record, write_report
    from summarizer.records import Run

    monkeypatch.setattr(ReconcileAside, "START_AFTER", 2)
    outcomes = _gold_outcomes()
    run = Run(backend="test", started="2022-01-12T00:00:00+00:00")
    seen: list[str] = []
    for strict in (False, True):
        aside = ReconcileAside(then=lambda o: seen.append(o.article.id))
        for outcome in outcomes:
            aside(outcome)
        there, report = tmp_path / f"there-{strict}.json", tmp_path / f"there-{strict}.md"
        counts = aside.finish(outcomes, run=run, output=there, report=report, strict=strict)
        record = reconcile(outcomes, run=run, strict=strict)
        here, here_report = tmp_path / f"here-{strict}.json", tmp_path / f"here-{strict}.md"
        write_record(here, record)
        write_report(here_report, record)
        assert there.read_bytes() == here.read_bytes()
        assert report.read_bytes() == here_report.read_bytes()
        expected = (record.meetings, record.proposals, record.statements, record.conflicts)
        assert counts == tuple(len(entities) for entities in expected)
    assert seen == [o.article.id for o in outcomes] * 2


@pytest.mark.slow
def test_the_worker_declines_a_batch_it_was_not_given_and_reports_write_errors(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from summarizer.errors import ExportError
    from summarizer.extraction import ExtractionOutcome
    from summarizer.pipeline import ReconcileAside
    from summarizer.records import Run

    monkeypatch.setattr(ReconcileAside, "START_AFTER", 2)
    outcomes = _gold_outcomes()
    run = Run(backend="test", started="2022-01-12T00:00:00+00:00")
    aside = ReconcileAside()
    for outcome in outcomes[1:]:
        aside(outcome)
    out = tmp_path / "record.json"
    assert aside.finish(outcomes, run=run, output=out) is None  # the first was never given
    assert not out.exists()
    aside = ReconcileAside()
    for outcome in outcomes:
        aside(outcome)
    other = outcomes[0].extraction
    assert other is not None
    changed = [
        ExtractionOutcome(article=outcomes[0].article, extraction=other.model_copy()),
        *outcomes[1:],
    ]
    assert aside.finish(changed, run=run, output=out) is None  # another extraction than given
    assert not out.exists()
    aside = ReconcileAside()
    for outcome in outcomes:
        aside(outcome)
    with pytest.raises(ExportError, match="does not exist"):
        aside.finish(outcomes, run=run, output=tmp_path / "missing" / "record.json")


def test_a_small_batch_starts_no_worker_and_answers_still_pass_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from summarizer.pipeline import ReconcileAside
    from summarizer.records import Run

    outcomes = _gold_outcomes()
    monkeypatch.setattr(ReconcileAside, "START_AFTER", len(outcomes))
    seen: list[str] = []
    aside = ReconcileAside(then=lambda o: seen.append(o.article.id))
    for outcome in outcomes:
        aside(outcome)
    assert aside._pool is None  # as many answers as START_AFTER: none started
    assert seen == [o.article.id for o in outcomes]
    run = Run(backend="test", started="2022-01-12T00:00:00+00:00")
    assert aside.finish(outcomes, run=run, output=tmp_path / "record.json") is None
    assert not (tmp_path / "record.json").exists()


def test_what_is_prepared_ahead_leaves_duplicates_and_the_record_unchanged() -> None:
    from summarizer.ground import ground
    from summarizer.pipeline import record_json
    from summarizer.reconciliation import prepare, reconcile_grounded
    from summarizer.records import Run

    outcomes = _gold_outcomes()
    grounded = [ground(o.article, o.extraction) for o in outcomes]
    copy = grounded[0].article.model_copy(update={"id": "zz-copy"})
    articles = [g.article for g in grounded] + [copy]
    duplicates = dedup.find_duplicates(articles)
    assert duplicates == {"zz-copy": grounded[0].article.id}
    run = Run(backend="test", started="2022-01-12T00:00:00+00:00")
    plain = record_json(reconcile_grounded(grounded, run=run))
    for made in grounded:
        prepare(made)
    assert len(dedup._PREPARED) == len(grounded)
    assert dedup.find_duplicates(articles) == duplicates
    assert not dedup._PREPARED  # taken over by the call that needed them
    for made in grounded:
        prepare(made)
    assert record_json(reconcile_grounded(grounded, run=run)) == plain
    # hashes prepared for other texts are never used for these
    other = make_test_article("other", "A wholly different report about a harbour strike. " * 9)
    dedup.prepare(other)
    assert dedup.find_duplicates(articles) == duplicates
    assert not dedup._PREPARED


def test_mentions_prepared_ahead_are_taken_over_only_for_their_own_grounding() -> None:
    from summarizer.ground import ground
    from summarizer.pipeline import record_json
    from summarizer.reconciliation import mentions, prepare, reconcile_grounded
    from summarizer.records import Run

    outcomes = _gold_outcomes()
    grounded = [ground(o.article, o.extraction) for o in outcomes]
    run = Run(backend="test", started="2022-01-12T00:00:00+00:00")
    plain = record_json(reconcile_grounded(grounded, run=run))
    strict = record_json(reconcile_grounded(grounded, run=run, strict=True))
    for made in grounded:
        prepare(made)
    assert len(mentions._PREPARED) == len(grounded)
    assert record_json(reconcile_grounded(grounded, run=run)) == plain
    assert not mentions._PREPARED  # taken over by the reconciliation that needed them
    for made in grounded:
        prepare(made)
    assert record_json(reconcile_grounded(grounded, run=run, strict=True)) == strict
    # mentions prepared for another grounding of the same article are not used for this one:
    # a grounding with its records' passages dropped is prepared, the full one reconciled
    bare = [g.model_copy(update={"meetings": [], "statements": []}) for g in grounded]
    for made in bare:
        prepare(made)
    assert record_json(reconcile_grounded(grounded, run=run)) == plain
    assert not mentions._PREPARED


def test_the_collector_is_tuned_only_when_the_command_is_its_own_process(monkeypatch) -> None:
    import gc

    from summarizer import cli
    from summarizer.config import load_settings

    settings = load_settings({"backend": "offline"})
    threshold, frozen = gc.get_threshold(), gc.get_freeze_count()
    try:
        cli._settle(settings)  # `main` called in this process: its collector is left alone
        assert (gc.get_threshold(), gc.get_freeze_count()) == (threshold, frozen)
        monkeypatch.setattr(cli, "_PROCESS", True)
        cli._settle(settings)
        assert gc.get_threshold()[0] > threshold[0]
        assert gc.get_freeze_count() > frozen
    finally:
        gc.unfreeze()
        gc.set_threshold(*threshold)


# --- the record written in pieces ---------------------------------------------------------------


def test_record_pieces_are_each_entity_field_not_whole_entities() -> None:
    from conftest import grounded_gold

    from summarizer.pipeline import record_json, record_json_pieces
    from summarizer.reconciliation import reconcile_grounded
    from summarizer.records import Run

    copies = grounded_gold() + [
        g.model_copy(update={"article": g.article.model_copy(update={"id": f"again-{n}"})})
        for n, g in enumerate(grounded_gold())
    ]
    record = reconcile_grounded(copies, run=Run(backend="gold", started="2022-01-12"))
    pieces = list(record_json_pieces(record))
    assert "".join(pieces) == record_json(record)
    largest_entity = max(
        len(entity.model_dump_json(indent=2))
        for entity in [*record.people, *record.meetings, *record.statements, *record.claims]
    )
    assert max(len(p) for p in pieces) < largest_entity


def test_an_extraction_batch_is_shown_by_its_counts_not_its_records() -> None:
    from summarizer.extraction import ExtractionBatch, ExtractionOutcome
    from summarizer.usage import Usage

    outcomes = _gold_outcomes()
    batch = ExtractionBatch(
        outcomes=[*outcomes, ExtractionOutcome(article=outcomes[0].article, error="failed")],
        backend="openai",
        model="m",
        prompt_version=None,
        started="2022-01-12",
        duration_s=1.0,
        usage=Usage(),
        cost_usd=None,
    )
    assert repr(batch) == "ExtractionBatch(backend='openai', model='m', outcomes=6, failures=1)"


def test_a_result_run_quietly_is_the_result_under_a_short_repr() -> None:
    from summarizer.pipeline import Quiet, run_quietly

    async def big() -> list[str]:
        return ["x" * 1000] * 1000

    assert run_quietly(big()) == ["x" * 1000] * 1000
    assert repr(Quiet(["x" * 1000] * 1000)) == "<list>"


# --- near-duplicates: the copy test on collections of distinct hashes ---------------------------


@settings(max_examples=300, deadline=None)
@given(
    st.frozensets(st.integers(0, 60), max_size=45), st.frozensets(st.integers(0, 60), max_size=45)
)
def test_copy_test_agrees_with_resemblance(a: frozenset[int], b: frozenset[int]) -> None:
    jaccard, containment = dedup.resemblance(a, b)
    expected = jaccard >= dedup.JACCARD_THRESHOLD or (
        containment >= dedup.CONTAINMENT_THRESHOLD
        and min(len(a), len(b)) >= dedup.MIN_CONTAINED_SHINGLES
    )
    assert dedup._is_copy(sorted(a), sorted(b)) is expected


# --- resolution: what a statement is about, among its own source's titles only -------------------


def test_about_is_looked_for_among_its_own_sources_titles() -> None:
    from summarizer.ground import ground
    from summarizer.reconciliation.mentions import collect
    from summarizer.reconciliation.resolve import about_target
    from summarizer.records import ArticleExtraction, Meeting, Statement

    text = "Officials met for the spring budget talks on Monday. The minister said little."
    speaker = {"name": "Ann Example", "role": "minister"}
    statement = {"speaker": speaker, "content": "little", "about": "talks on the spring budget"}
    with_meeting = ArticleExtraction(
        meetings=[Meeting(name="spring budget talks", quotes=["met for the spring budget talks"])],
        statements=[Statement.model_validate(statement)],
    )
    without_meeting = ArticleExtraction(statements=[Statement.model_validate(statement)])
    other = ArticleExtraction(
        meetings=[Meeting(name="spring budget talks", quotes=["met for the spring budget talks"])]
    )
    batch = collect(
        [
            ground(make_test_article("a", text), with_meeting),
            ground(make_test_article("b", text), without_meeting),
            ground(make_test_article("c", text), other),
        ],
        strict=False,
    )
    by_source = {s.source: s for s in batch.statements}
    found = about_target(batch, by_source["a"])
    assert found is not None
    assert (found.source, found.record.name) == ("a", "spring budget talks")
    # the same words name a meeting of another source only: no target
    assert about_target(batch, by_source["b"]) is None
    assert [title for title, _ in batch.titles_of("c")] == ["spring budget talks"]
    assert batch.titles_of("b") == []


# --- evidence: a date's pattern is read only in passages holding its digits and a cue ------------

DATE_PIECES = st.sampled_from(
    [
        "January",
        "Jan.",
        "12",
        "12th",
        "2",
        "02",
        "1",
        "-",
        " ",
        "2022",
        "2021",
        "-01-",
        ".01.",
        "of",
        "May",
        "may",
        "5",
        "2022-05",
        "12.01.2022",
        "2.5.2022",
        "to",
    ]
)


@settings(max_examples=400, deadline=None)
@given(
    st.lists(DATE_PIECES, max_size=12).map(" ".join),
    st.sampled_from(
        [
            "2022-01-12",
            "2022-01-02",
            "2022-01-01",
            "2022-01",
            "2022",
            "2022-02-30",
            "2022-05",
            "2022-05-02",
        ]
    ),
)
def test_date_shown_equals_a_full_scan_of_its_pattern(passage: str, iso: str) -> None:
    found = evidence._date_patterns(iso)
    expected = False
    if found is not None:
        year, pattern, _ = found
        folded = fold_for_comparison(passage)
        expected = any(
            (written := evidence._WRITTEN_YEAR.match(folded, m.end())) is None
            or int(written.group(1)) == year
            or len(iso) == 4
            for m in pattern.finditer(folded)
        )
    assert evidence.date_shown(iso, passage) is expected
