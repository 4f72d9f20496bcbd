"""The development corpus in tests/data/: layout, gold records, expected conflicts and split."""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import re
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from summarizer.records import ArticleExtraction

DATA = Path(__file__).parent / "data"
CLUSTERS = DATA / "clusters"
SINGLES = DATA / "singles"

CLUSTER_IDS = sorted(p.name for p in CLUSTERS.iterdir() if p.is_dir()) if CLUSTERS.is_dir() else []
CLUSTER_KEYS = {"id", "title", "event_date", "subject", "articles", "notes"}
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def _load_check_gold() -> Any:
    """tests/gold/check_gold.py, a stand-alone script: the vocabulary of kinds and rules."""
    path = Path(__file__).parent / "gold" / "check_gold.py"
    spec = importlib.util.spec_from_file_location("check_gold", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


CHECK_GOLD = _load_check_gold()
CONFLICT_KINDS: set[str] = CHECK_GOLD.CONFLICT_KINDS
RECORD_KINDS: set[str] = CHECK_GOLD.RECORD_KINDS
RULES: set[str] = CHECK_GOLD.NON_CONFLICT_RULES


def _load(path: Path) -> Any:
    with path.open(encoding="utf-8") as fh:
        return json.load(fh)


def _text(path: Path) -> str:
    with path.open(encoding="utf-8", newline="") as fh:
        return fh.read()


def _iso_day(value: object) -> bool:
    if not isinstance(value, str):
        return False
    try:
        return dt.date.fromisoformat(value).isoformat() == value
    except ValueError:
        return False


def _gold_errors(gold: dict[str, Any], text: str) -> list[str]:
    """Everything wrong with one gold record, checked against its article's text."""
    errors: list[str] = []
    if "claims" not in gold:
        return ["gold has no 'claims' list"]
    try:
        extraction = ArticleExtraction.model_validate(gold)
    except ValidationError as e:
        return [f"not a valid ArticleExtraction: {e}"]
    for i, claim in enumerate(extraction.claims):
        if claim.date is not None and claim.date != gold["claims"][i]["date"]:
            errors.append(
                f"claims[{i}].date: write {claim.date!r}, not {gold['claims'][i]['date']!r}"
            )
        if not (claim.about.strip() and claim.attribute.strip() and claim.value.strip()):
            errors.append(f"claims[{i}]: about, attribute and value must all be given")
    if gold["published"] is not None and not _iso_day(gold["published"]):
        errors.append(f"published {gold['published']!r} is not YYYY-MM-DD")
    names = {m["name"] for m in gold["meetings"]} | {p["title"] for p in gold["proposals"]}
    for kind in ("meetings", "proposals", "statements", "claims"):
        for i, record in enumerate(gold[kind]):
            where = f"{kind}[{i}]"
            if not record["quotes"]:
                errors.append(f"{where}: no quotes")
            for quote in record["quotes"]:
                if quote not in text:
                    errors.append(f"{where}: quote not in article: {quote!r}")
            for key in ("date", "end_date"):
                value = record.get(key)
                if kind != "claims" and value is not None and not _iso_day(value):
                    errors.append(f"{where}.{key}: {value!r} is not YYYY-MM-DD")
    for i, statement in enumerate(gold["statements"]):
        where = f"statements[{i}]"
        if statement["direct"] and statement["content"] not in text:
            errors.append(f"{where}: direct content not in article: {statement['content']!r}")
        if statement["about"] is not None and statement["about"] not in names:
            errors.append(f"{where}: about {statement['about']!r} names no meeting or proposal")
    return errors


def _pairs(folder: Path) -> tuple[set[str], set[str]]:
    articles = {p.stem for p in (folder / "articles").glob("*.txt")}
    gold = {p.stem for p in (folder / "gold").glob("*.json")}
    return articles, gold


def _all_article_ids() -> list[str]:
    ids = [p.stem for p in CLUSTERS.glob("*/articles/*.txt")]
    ids += [p.stem for p in SINGLES.glob("articles/*.txt")]
    return ids


def test_corpus_has_clusters() -> None:
    assert len(CLUSTER_IDS) >= 2


@pytest.mark.parametrize("cluster_id", CLUSTER_IDS)
def test_cluster_json(cluster_id: str) -> None:
    folder = CLUSTERS / cluster_id
    meta = _load(folder / "cluster.json")
    assert set(meta) >= CLUSTER_KEYS, f"{folder}/cluster.json lacks {CLUSTER_KEYS - set(meta)}"
    assert meta["id"] == cluster_id
    assert SLUG.match(cluster_id)
    assert _iso_day(meta["event_date"]), meta["event_date"]
    assert isinstance(meta["subject"], str) and meta["subject"].strip()
    assert isinstance(meta["title"], str) and meta["title"].strip()
    assert isinstance(meta["notes"], str) and meta["notes"].strip()
    assert 4 <= len(meta["articles"]) <= 6
    assert len(set(meta["articles"])) == len(meta["articles"])
    articles, gold = _pairs(folder)
    assert set(meta["articles"]) == articles, "cluster.json articles differ from articles/"
    assert articles == gold, f"articles without gold: {sorted(articles - gold)}; " + (
        f"gold without article: {sorted(gold - articles)}"
    )
    for article_id in articles:
        assert article_id.startswith(f"{cluster_id}-"), article_id
        assert re.match(rf"^{re.escape(cluster_id)}-\d{{2}}-[a-z0-9-]+$", article_id), article_id


@pytest.mark.parametrize("cluster_id", CLUSTER_IDS)
def test_cluster_gold(cluster_id: str) -> None:
    folder = CLUSTERS / cluster_id
    errors = []
    for gold_path in sorted((folder / "gold").glob("*.json")):
        article = folder / "articles" / f"{gold_path.stem}.txt"
        errors += [f"{gold_path}: {e}" for e in _gold_errors(_load(gold_path), _text(article))]
    assert not errors, "\n".join(errors)


@pytest.mark.parametrize("cluster_id", CLUSTER_IDS)
def test_cluster_expected(cluster_id: str) -> None:
    folder = CLUSTERS / cluster_id
    path = folder / "expected.json"
    expected = _load(path)
    articles = set(_load(folder / "cluster.json")["articles"])
    assert set(expected) == {"conflicts", "non_conflicts"}, path
    seen: set[str] = set()
    errors = []
    for entry in expected["conflicts"]:
        where = f"{path}: {entry.get('id')}"
        if entry["id"] in seen:
            errors.append(f"{where}: duplicate id")
        seen.add(entry["id"])
        if entry["kind"] not in CONFLICT_KINDS:
            errors.append(f"{where}: kind {entry['kind']!r}")
        if entry["record"] not in RECORD_KINDS:
            errors.append(f"{where}: record {entry['record']!r}")
        for key in ("field", "about", "why"):
            if not entry.get(key):
                errors.append(f"{where}: needs {key}")
        sides = entry["sides"]
        if len(sides) < 2:
            errors.append(f"{where}: a conflict needs two sides")
        side_articles = [set(side["articles"]) for side in sides]
        for side, ids in zip(sides, side_articles, strict=True):
            if not ids or not ids <= articles:
                errors.append(f"{where}: side {side['value']!r} names {sorted(ids - articles)}")
        if any(a & b for i, a in enumerate(side_articles) for b in side_articles[i + 1 :]):
            errors.append(f"{where}: one article on two sides")
    for entry in expected["non_conflicts"]:
        where = f"{path}: {entry.get('id')}"
        if entry["id"] in seen:
            errors.append(f"{where}: duplicate id")
        seen.add(entry["id"])
        if entry["rule"] not in RULES:
            errors.append(f"{where}: rule {entry['rule']!r}")
        if entry["record"] not in RECORD_KINDS:
            errors.append(f"{where}: record {entry['record']!r}")
        for key in ("field", "about", "why"):
            if not entry.get(key):
                errors.append(f"{where}: needs {key}")
        if len(entry["values"]) < 2:
            errors.append(f"{where}: a non-conflict compares at least two values")
        for value in entry["values"]:
            ids = set(value["articles"])
            if not ids or not ids <= articles:
                errors.append(f"{where}: value {value['value']!r} names {sorted(ids - articles)}")
    assert not errors, "\n".join(errors)


def test_article_ids_unique_across_corpus() -> None:
    ids = _all_article_ids()
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    assert not duplicates


def test_split_covers_every_cluster_once() -> None:
    split = _load(DATA / "split.json")
    assert set(split) == {"tune", "heldout"}
    listed = split["tune"] + split["heldout"]
    assert len(listed) == len(set(listed)), "a cluster is listed twice"
    assert set(listed) == set(CLUSTER_IDS)
    assert split["tune"], "nothing to tune on"
    assert split["heldout"], "nothing held out"


def test_singles() -> None:
    if not SINGLES.is_dir():
        pytest.skip("no singles/ yet")
    articles, gold = _pairs(SINGLES)
    assert articles and articles == gold
    errors = []
    for stem in sorted(gold):
        gold_path = SINGLES / "gold" / f"{stem}.json"
        text = _text(SINGLES / "articles" / f"{stem}.txt")
        errors += [f"{gold_path}: {e}" for e in _gold_errors(_load(gold_path), text)]
    assert not errors, "\n".join(errors)


def test_piles_point_at_real_articles() -> None:
    path = DATA / "piles.json"
    if not path.exists():
        pytest.skip("no piles.json yet")
    repo = DATA.parent.parent
    piles = _load(path)["piles"]
    assert piles
    for pile in piles:
        members = pile["articles"]
        for member in members:
            base = repo if member.startswith("examples/") else DATA
            assert (base / member).is_file(), f"{pile['id']}: {member} does not exist"
        grouped = [member for event in pile["events"] for member in event]
        assert sorted(grouped) == sorted(members), f"{pile['id']}: events must partition it"


def _event_of(member: str) -> str:
    """The true event an article path of a pile belongs to: its cluster, single or example set."""
    parts = member.split("/")
    if parts[0] == "clusters":
        return f"cluster:{parts[1]}"
    if parts[0] == "singles":
        return f"single:{Path(member).stem}"
    if parts[0] == "examples":
        return f"examples:{parts[1]}"
    raise AssertionError(f"{member}: not under clusters/, singles/ or examples/")


def _piles() -> list[dict[str, Any]]:
    path = DATA / "piles.json"
    if not path.exists():
        pytest.skip("no piles.json yet")
    piles: list[dict[str, Any]] = _load(path)["piles"]
    return piles


def test_piles_have_unique_ids_and_no_repeated_article() -> None:
    piles = _piles()
    ids = [pile["id"] for pile in piles]
    assert len(ids) == len(set(ids))
    for pile in piles:
        assert SLUG.match(pile["id"]), pile["id"]
        assert len(pile["articles"]) == len(set(pile["articles"])), pile["id"]
        assert all(pile["events"]), f"{pile['id']}: an empty event"


def test_pile_events_are_the_true_events() -> None:
    """Each event of a pile is one whole cluster, one single or the example set, never a mix."""
    for pile in _piles():
        seen = set()
        for event in pile["events"]:
            sources = {_event_of(member) for member in event}
            assert len(sources) == 1, f"{pile['id']}: one event mixes {sorted(sources)}"
            (source,) = sources
            assert source not in seen, f"{pile['id']}: {source} is split into two events"
            seen.add(source)
            if source.startswith("cluster:"):
                cluster_id = source.split(":", 1)[1]
                whole = {
                    f"clusters/{cluster_id}/articles/{a}.txt"
                    for a in _load(CLUSTERS / cluster_id / "cluster.json")["articles"]
                }
                assert set(event) == whole, f"{pile['id']}: {cluster_id} is not whole"


def test_the_everything_pile_holds_every_article() -> None:
    piles = {pile["id"]: pile for pile in _piles()}
    if "everything" not in piles:
        pytest.skip("no 'everything' pile")
    repo = DATA.parent.parent
    expected = {str(p.relative_to(DATA)) for p in CLUSTERS.glob("*/articles/*.txt")}
    expected |= {str(p.relative_to(DATA)) for p in SINGLES.glob("articles/*.txt")}
    expected |= {str(p.relative_to(repo)) for p in (repo / "examples").glob("*/*.txt")}
    assert set(piles["everything"]["articles"]) == expected


def test_singles_are_single_events_apart_from_the_clusters() -> None:
    if not SINGLES.is_dir():
        pytest.skip("no singles/ yet")
    cluster_ids = set(CLUSTER_IDS)
    for path in SINGLES.glob("articles/*.txt"):
        assert SLUG.match(path.stem), path.stem
        assert not any(path.stem.startswith(f"{c}-") for c in cluster_ids), path.stem


@pytest.mark.parametrize("cluster_id", CLUSTER_IDS)
def test_cluster_copies_name_its_own_articles(cluster_id: str) -> None:
    """The optional "copies" of cluster.json maps a republished copy to its original."""
    meta = _load(CLUSTERS / cluster_id / "cluster.json")
    copies = meta.get("copies", {})
    articles = set(meta["articles"])
    for copy, original in copies.items():
        assert copy in articles and original in articles, (copy, original)
        assert copy != original
        assert original not in copies, f"{original} is itself a copy"


@pytest.mark.parametrize("cluster_id", CLUSTER_IDS)
def test_expected_claim_entries_name_gold_claims(cluster_id: str) -> None:
    """Each claim entry of expected.json names an about and attribute that every article it
    lists holds in its gold claims (a `different_basis` entry names its attributes joined by
    " / ", one of them per article)."""
    folder = CLUSTERS / cluster_id
    expected = _load(folder / "expected.json")
    gold = {p.stem: _load(p) for p in (folder / "gold").glob("*.json")}
    errors = []
    for entry in expected["conflicts"] + expected["non_conflicts"]:
        if entry["record"] != "claim":
            continue
        attributes = {entry["attribute"]}
        if entry.get("rule") == "different_basis":
            attributes = {a.strip() for a in entry["attribute"].split(" / ")}
        for group in entry.get("sides") or entry["values"]:
            for article_id in group["articles"]:
                held = {(c["about"], c["attribute"]) for c in gold[article_id]["claims"]}
                if not any((entry["about"], a) in held for a in attributes):
                    errors.append(
                        f"{entry['id']}: {article_id} has no claim about {entry['about']!r} / "
                        f"{entry['attribute']!r}"
                    )
    assert not errors, "\n".join(errors)


def test_check_gold_finds_no_error(capsys: pytest.CaptureFixture[str]) -> None:
    """tests/gold/check_gold.py (examples' gold with claims, tests/gold/expected.json, corpus)."""
    status = CHECK_GOLD.main()
    out = capsys.readouterr().out
    assert status == 0, "\n".join(line for line in out.splitlines() if line.startswith("ERROR"))
