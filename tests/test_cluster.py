"""Event clustering: deterministic, explained, stable ids; the hard case of one busy week."""

from __future__ import annotations

import json
import random
import shutil
import sys
from pathlib import Path

import pytest
from conftest import EXAMPLES, ROOT, make_test_article

from summarizer.cli import main
from summarizer.events.cluster import average_linkage, cluster_articles, date_factor, features
from summarizer.ingest import read_articles

DATA = ROOT / "tests" / "data"
sys.path.insert(0, str(ROOT / "scripts"))


def test_average_linkage_does_not_chain_through_one_strong_link():
    # a-b and c-d are tight pairs; one strong cross link b-c alone must not join them
    sims = {(0, 1): 0.9, (2, 3): 0.9, (1, 2): 0.5}
    assert average_linkage(4, sims, 0.3) == [[0, 1], [2, 3]]
    # connected components at the same threshold would have made one group
    assert average_linkage(4, {**sims, (0, 2): 0.5, (1, 3): 0.5, (0, 3): 0.5}, 0.3) == [
        [0, 1, 2, 3]
    ]


def test_reported_weekdays_resolve_against_the_report_date():
    text = " date 2025-03-14\nThe council met in Vienna on Friday after Monday's meeting."
    f = features(make_test_article("a", text))
    assert {"d:2025-03-14", "d:2025-03-10"} <= set(f.weights)
    assert f.weights["d:2025-03-14"] > f.weights["d:2025-03-10"]  # the header line and lead


def test_publication_dates_far_apart_weaken_a_link():
    import datetime as dt

    day = dt.date(2025, 3, 10)
    assert date_factor(day, day + dt.timedelta(days=1)) == 1.0
    assert date_factor(day, day + dt.timedelta(days=30)) < date_factor(day, day)


def test_clustering_is_deterministic_and_explained():
    articles = read_articles([EXAMPLES]).articles
    first = cluster_articles(articles)
    shuffled = list(articles)
    random.Random(3).shuffle(shuffled)
    again = cluster_articles(shuffled)
    assert [(c.id, [a.id for a in c.articles]) for c in first] == [
        (c.id, [a.id for a in c.articles]) for c in again
    ]
    assert sorted(a.id for c in first for a in c.articles) == sorted(a.id for a in articles)
    for c in first:
        assert len(c.grouping.links) == len(c.articles) - 1  # a spanning tree
        assert all(link.shared for link in c.grouping.links)
        assert c.grouping.method == "cluster"


def _near_copy(article_id: str, text: str, published: str):
    words = text.split()
    edited = " ".join("said" if i % 40 == 7 else w for i, w in enumerate(words))
    return make_test_article(article_id, edited, published=published, path=f"{article_id}.txt")


def test_a_cluster_id_comes_from_its_earliest_article_and_stays_when_articles_join():
    text = (EXAMPLES / "003_00c3cf1de9e2a4c3.txt").read_text()
    a = make_test_article("a-wire", text, published="2022-01-12", path="a-wire.txt")
    b = _near_copy("b-copy", text, "2022-01-12")
    other = make_test_article(
        "z-ferry",
        "JAKARTA, August 6. A ferry carrying 120 passengers sank off Sulawesi on Wednesday; "
        "rescuers from Basarnas pulled 80 survivors from the sea near Buton island.",
        published="2025-08-06",
    )
    first = cluster_articles([a, other])
    ids = {c.id for c in first}
    assert "2022-01-12-a-wire" in ids
    grown = cluster_articles([b, other, a])
    joined = next(c for c in grown if len(c.articles) == 2)
    assert joined.id == "2022-01-12-a-wire"  # a later copy joined: same id
    assert joined.grouping.links[0].similarity >= 0.5  # near-duplicates


def test_an_event_keeps_its_id_when_an_earlier_article_joins(tmp_path):
    from summarizer.batch import plan_events

    text = (EXAMPLES / "003_00c3cf1de9e2a4c3.txt").read_text()
    (tmp_path / "b.txt").write_text(" date 2022-01-13\n" + text)
    plan = plan_events([tmp_path], cluster=True)
    (event,) = plan.events
    assert event.id == "2022-01-13-b"
    (tmp_path / "a.txt").write_text(" date 2022-01-12\n" + text)
    fresh = plan_events([tmp_path], cluster=True)
    assert [e.id for e in fresh.events] == ["2022-01-12-a"]  # derived afresh
    previous = {str(tmp_path / "b.txt"): "2022-01-13-b"}
    kept = plan_events([tmp_path], cluster=True, previous=previous)
    assert [e.id for e in kept.events] == ["2022-01-13-b"]  # known event: its id is kept


def test_batch_cluster_writes_why_articles_were_grouped(tmp_path, model_env):
    pile, out = tmp_path / "pile", tmp_path / "out"
    pile.mkdir()
    for f in EXAMPLES.glob("*.txt"):
        shutil.copy(f, pile / f.name)
    assert main(["batch", str(pile), "-o", str(out), "--cluster", "-q"]) == 0
    lines = [json.loads(x) for x in (out / "events.jsonl").read_text().splitlines()]
    assert sorted(a["id"] for line in lines for a in line["articles"]) == sorted(
        p.stem for p in EXAMPLES.glob("*.txt")
    )
    for line in lines:
        assert line["grouping"]["method"] == "cluster"
        record = json.loads((out / line["record"]).read_text())
        assert record["grouping"] == line["grouping"]
    assert main(["batch", str(pile), "-o", str(out), "--cluster", "--cluster-threshold", "1"]) == 0
    assert len((out / "events.jsonl").read_text().splitlines()) == 5  # threshold 1: no links


WEEK = ["week-ministerial", "week-summit", "week-council"]


@pytest.mark.skipif(
    not all((DATA / "clusters" / c).is_dir() for c in WEEK),
    reason="tests/data/clusters/week-* (the development corpus) is not present",
)
def test_three_meetings_of_one_week_stay_three_events():
    from eval_clusters import bcubed

    folders = sorted(p / "articles" for p in (DATA / "clusters").iterdir() if p.is_dir())
    singles = DATA / "singles" / "articles"
    articles = read_articles([*folders, *([singles] if singles.is_dir() else [])]).articles
    found = [[a.id for a in c.articles] for c in cluster_articles(articles)]
    for group in found:  # never two of the week's meetings in one event
        assert len({w for w in WEEK for a in group if a.startswith(w)}) <= 1, group

    def event_of(path: str) -> str:  # clusters/<event>/articles/x.txt; singles: their own
        parts = Path(path).parts
        return parts[-3] if "clusters" in parts else path

    truth = [
        [a.id for a in articles if event_of(a.path) == e]
        for e in sorted({event_of(a.path) for a in articles})
    ]
    assert bcubed(truth, found)[2] >= 0.9
