"""Event clustering: deterministic, explained, stable ids; the hard case of one busy week."""

from __future__ import annotations

import datetime as dt
import json
import random
import shutil
import sys
from pathlib import Path

import pytest
from conftest import EXAMPLES, ROOT, make_test_article

from summarizer.cli import main
from summarizer.events import cluster as cluster_module
from summarizer.events.cluster import (
    average_linkage,
    cluster_articles,
    date_agreement,
    date_factor,
    features,
    main_days,
    similarity_graph,
)
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


@pytest.mark.parametrize(
    ("sentence", "day"),
    [
        ("The ministers will meet in Oslo on Friday.", "2025-03-14"),
        ("The board is due to hold talks with the unions in the capital on Friday.", "2025-03-14"),
        ("The talks are expected to resume on Friday.", "2025-03-14"),
        ("The ministers met in Oslo on Friday.", "2025-03-07"),
        # a "will" far back governs another verb; the day is of the deal already struck
        (
            "Savers will lose a third of what they hold in the fund under the plan that the "
            "regulator and the three largest banks of the country agreed on Friday.",
            "2025-03-07",
        ),
    ],
)
def test_a_weekday_looks_ahead_only_when_the_words_just_before_it_do(sentence, day):
    f = features(make_test_article("a", f" date 2025-03-12\n{sentence}"))
    assert day in f.days


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


MINISTERS = {  # two meetings of the same people two days apart: Monday's, then Wednesday's
    "m1": """ date 2025-03-10
Central European ministers adopt drone alert plan

BRATISLAVA, March 10. /TASS/. The foreign ministers of Slovakia, Hungary, Poland and the Czech \
Republic on Monday adopted a plan for a regional drone alert system at talks in Bratislava Castle, \
Slovak Foreign Minister Marek Hudak told reporters. Hungarian Foreign Minister Levente Kozma backed \
the drone alert system and the notification of military flights near borders.

"Our airspace is not a bargaining chip," Hudak said. Kozma said Budapest would fund the alert centre.
""",
    "m2": """ date 2025-03-10
Slovakia and Hungary back regional drone alerts

BRATISLAVA, Slovakia (AP) — Ministers from Slovakia, Hungary, Poland and the Czech Republic agreed \
Monday in Bratislava on a drone alert system for military flights near their borders. Slovak \
Foreign Minister Marek Hudak and Hungarian Foreign Minister Levente Kozma said the alert system \
would share warnings within 24 hours.

"Our airspace is not a bargaining chip," Hudak said at the castle.
""",
    "s1": """ date 2025-03-12
Slovakia and Hungary sign Danube bridge deal

KOMARNO, March 12. /TASS/. The governments of Slovakia and Hungary on Wednesday signed seven \
agreements at a joint session in the Komarno town hall, including a deal on a second road bridge \
across the Danube, Prime Minister Juraj Bencik told reporters. Foreign ministers Marek Hudak and \
Levente Kozma signed the bridge deal.

"The Danube should join us," Prime Minister Gabor Szentesi said. The cabinets also endorsed the \
drone alert plan.
""",
    "s2": """ date 2025-03-12
Slovak, Hungarian cabinets agree on second bridge

KOMARNO, Slovakia (AP) — Slovakia and Hungary agreed Wednesday to build a second road bridge over \
the Danube between Komarno and Komarom, at a joint session of the two governments led by prime \
ministers Juraj Bencik and Gabor Szentesi. Marek Hudak and Levente Kozma, the foreign ministers, \
signed the deal.

"The Danube should join us," Szentesi said at the town hall.
""",
}


def _pile(folder: Path, texts: dict[str, str]):
    folder.mkdir(exist_ok=True)
    for name, text in texts.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    return read_articles([folder]).articles


def test_reports_whose_main_days_differ_are_two_events_however_much_they_share(
    tmp_path, monkeypatch
):
    articles = _pile(tmp_path / "pile", MINISTERS)
    found = [[a.id for a in c.articles] for c in cluster_articles(articles)]
    assert sorted(found) == [["m1", "m2"], ["s1", "s2"]]
    # the same people, places and topic words: without the dates they would be one event
    monkeypatch.setattr(cluster_module, "DATE_FLOOR", 1.0)
    assert [[a.id for a in c.articles] for c in cluster_articles(articles)] == [
        ["m1", "m2", "s1", "s2"]
    ]


def test_main_days_agree_within_a_day_and_only_from_the_headline_and_lead():
    monday, tuesday, wednesday = "2025-03-10", "2025-03-11", "2025-03-12"
    assert date_agreement({monday: 4.0}, {wednesday: 4.0}) == cluster_module.DATE_FLOOR
    assert date_agreement({monday: 4.0}, {tuesday: 8.0, wednesday: 1.0}) == 1.0  # time zones
    assert date_agreement({monday: 5.0, wednesday: 4.0}, {wednesday: 4.0}) < 1.0
    assert main_days({monday: 4.0, wednesday: 4.0}) == [
        dt.date(2025, 3, 10),
        dt.date(2025, 3, 12),
    ]  # a tie keeps both
    assert main_days({monday: 1.0}) == []  # named in the body only: background, no main day


def test_the_main_day_is_not_the_date_carried_nor_the_day_a_source_spoke():
    text = (
        " date 2025-03-11\nBRATISLAVA, March 11. /TASS/. The prime ministers will hold a joint "
        "session in Komarno on Wednesday, the government press office said on Tuesday.\n\n"
        + "The cabinets are expected to sign agreements on a bridge and a gas link. " * 10
        + "\n\nThe foreign ministers met in Bratislava on Monday."
    )
    f = features(make_test_article("preview", text))
    assert main_days(f.days) == [dt.date(2025, 3, 12)]  # "will hold ... on Wednesday": ahead
    assert "2025-03-11" not in f.days  # the header, the dateline, "said on Tuesday"
    assert f.days["2025-03-10"] == 1.0  # "met ... on Monday": the last Monday, in the body
    assert {"d:2025-03-11", "d:2025-03-12", "d:2025-03-10"} <= set(f.weights)  # all still shared


def test_a_dateline_without_a_year_takes_it_from_its_closest_reports(tmp_path):
    preview = (
        "Slovak and Hungarian cabinets to meet in Komarno\n\nKOMARNO, March 12. /TASS/. The "
        "governments of Slovakia and Hungary will sign a deal on a second Danube bridge in Komarno "
        "on Wednesday, Prime Minister Juraj Bencik said. Their last joint session took place in "
        "October 2023."
    )
    alone = cluster_articles(_pile(tmp_path / "alone", {"preview": preview}))
    assert alone[0].id == "2023-03-12-preview"  # the text alone: the latest year it names
    articles = _pile(tmp_path / "both", {"preview": preview, **MINISTERS})
    (event,) = [c for c in cluster_articles(articles) if "preview" in {a.id for a in c.articles}]
    assert {a.id for a in event.articles} == {"preview", "s1", "s2"}
    assert event.id == "2025-03-12-preview"  # Wednesday's reports vouch for 2025


def test_unrelated_reports_do_not_change_how_one_week_is_grouped():
    week = sorted(DATA / "clusters" / c / "articles" for c in WEEK)
    others = sorted(
        p / "articles" for p in (DATA / "clusters").iterdir() if p.is_dir() and p.name not in WEEK
    )
    if not all(p.is_dir() for p in week) or not others:
        pytest.skip("tests/data/clusters (the development corpus) is not present")
    alone = read_articles(week).articles
    ids = {a.id for a in alone}
    grouped = sorted(sorted(a.id for a in c.articles) for c in cluster_articles(alone))
    assert len(grouped) == len(WEEK)
    for extra in others:  # each other event added in turn, then all of them
        pile = alone + read_articles([extra]).articles
        found = [[a.id for a in c.articles if a.id in ids] for c in cluster_articles(pile)]
        assert sorted(sorted(g) for g in found if g) == grouped, extra.parent.name
    everything = read_articles([*week, *others]).articles
    found = [[a.id for a in c.articles if a.id in ids] for c in cluster_articles(everything)]
    assert sorted(sorted(g) for g in found if g) == grouped


FLOODS = {  # another event, in words none of the reports above use
    "x1": "Monsoon floods cut off villages in Kerala\n\nKOCHI — Heavy monsoon rain flooded "
    "hundreds of villages, forcing thousands to shelter in schools. Rescuers used boats.",
    "x2": "Kerala floods: boats reach stranded families\n\nKOCHI — Rescuers in boats reached "
    "stranded families as monsoon rain kept rivers high; thousands remain in schools.",
}


def test_reports_that_share_no_term_with_two_others_leave_their_similarity_alone(tmp_path):
    week = _pile(tmp_path / "week", MINISTERS)
    floods = _pile(tmp_path / "floods", FLOODS)
    words = {t for a in week for t in features(a).weights}
    assert not words & {t for a in floods for t in features(a).weights}
    _, _, alone = similarity_graph(week)
    ordered, _, grown = similarity_graph(week + floods * 20)  # the pile grows tenfold
    index = [next(i for i, a in enumerate(ordered) if a.id == b.id) for b in week]
    for (i, j), s in alone.items():
        assert grown[(index[i], index[j])] == pytest.approx(s, rel=1e-9)


@pytest.mark.skipif(
    not all((DATA / "clusters" / c).is_dir() for c in WEEK),
    reason="tests/data/clusters/week-* (the development corpus) is not present",
)
def test_a_story_republished_many_times_counts_once():
    week = read_articles([DATA / "clusters" / c / "articles" for c in WEEK]).articles
    copies = [
        a.model_copy(update={"id": f"{a.id}-copy{n:02d}", "path": f"{a.path}-copy{n:02d}"})
        for a in week
        if "-01-" in a.id
        for n in range(15)
    ]
    found = cluster_articles(week + copies)
    # fifteen copies of each meeting's first wire neither join two meetings nor split one
    assert sorted(sorted({a.id.split("-0")[0] for a in c.articles}) for c in found) == [
        [w] for w in sorted(WEEK)
    ]
