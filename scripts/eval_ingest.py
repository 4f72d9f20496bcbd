"""Evaluate ingest's detection of each article's publication date and outlet against the gold.

Groups are reported separately: the example event (its expected values are pinned in
tests/test_ingest.py), the "tune" and "heldout" clusters of tests/data/split.json, and the
unrelated singles. Tune rules on "tune" and the examples only; "heldout" is for reporting.

"published" is each article read on its own; "in event" after `date_together` over the
reports of each event (a cluster, the example event; a single is an event of its own), as
extraction sees them.

An outlet matches when the names agree once case, punctuation, a leading "The" and a trailing
web domain ending are set aside ("OrenPost.ru" = "OrenPost", "The Ulaanbaatar Post" =
"Ulaanbaatar Post"); the strict column needs the exact name.

    python scripts/eval_ingest.py            # the table
    python scripts/eval_ingest.py --show     # and every miss
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from summarizer.ingest import date_together, read_articles  # noqa: E402
from summarizer.records import Article  # noqa: E402

DATA = ROOT / "tests" / "data"
EXAMPLES = ROOT / "examples" / "nato-russia-council"
# The example event has no gold files; its expected values are those tests/test_ingest.py pins.
EXAMPLE_GOLD = {
    "000_4adca80e61857a20": ("2022-01-04", "TASS"),
    "001_f0f680ebbbff51f4": ("2022-01-04", "TASS"),
    "002_663f692456de7c0e": ("2022-01-04", "TASS"),
    "003_00c3cf1de9e2a4c3": ("2022-01-12", "Sputnik"),
    "004_56d7c0d1adaada1b": ("2021-12-26", "TASS"),
}


def outlet_key(name: str | None) -> str | None:
    """The comparison key of an outlet name: lower case letters and digits only, without a
    leading "the" or a trailing domain ending."""
    if name is None:
        return None
    name = re.sub(r"\.(?:[a-z]{2,3})$", "", name.strip())
    name = re.sub(r"^the\s+", "", name, flags=re.IGNORECASE)
    return re.sub(r"[^0-9a-z]+", "", name.casefold()) or None


def _gold(folder: Path) -> dict[str, tuple[str | None, str | None]]:
    out = {}
    for path in sorted(folder.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        out[path.stem] = (data.get("published"), data.get("outlet"))
    return out


Gold = dict[str, tuple[str | None, str | None]]


def groups() -> dict[str, tuple[list[Path], Gold]]:
    """Each group's article files and gold (published, outlet) by article id."""
    split = json.loads((DATA / "split.json").read_text(encoding="utf-8"))
    out: dict[str, tuple[list[Path], Gold]] = {
        "examples": (sorted(EXAMPLES.glob("*.txt")), dict(EXAMPLE_GOLD))
    }
    for name in ("tune", "heldout"):
        files: list[Path] = []
        gold: Gold = {}
        for cluster in split[name]:
            folder = DATA / "clusters" / cluster
            files += sorted((folder / "articles").glob("*.txt"))
            gold.update(_gold(folder / "gold"))
        out[name] = (files, gold)
    singles = DATA / "singles"
    out["singles"] = (sorted((singles / "articles").glob("*.txt")), _gold(singles / "gold"))
    return out


def _dated_by_event(group: str, articles: list[Article]) -> list[Article]:
    """The articles after `date_together` over each event: a cluster's folder, the example
    event; each single alone."""
    if group == "singles":
        return articles
    events: dict[Path, list[Article]] = {}
    for article in articles:
        events.setdefault(Path(article.path).parent, []).append(article)
    return [a for members in events.values() for a in date_together(members)]


def evaluate(show: bool, only: Sequence[str]) -> int:
    header = (
        f"{'group':<10} {'articles':>8} {'published':>10} {'in event':>9} {'outlet':>8} "
        f"{'strict':>8}"
    )
    print(header)
    print("-" * len(header))
    misses: list[str] = []
    for name, (files, gold) in groups().items():
        if only and name not in only:
            continue
        articles = read_articles(files).articles
        n = len(articles)
        dates = outlets = strict = 0
        in_event = {a.id: a.published for a in _dated_by_event(name, articles)}
        together = 0
        for article in articles:
            want_date, want_outlet = gold[article.id]
            date_ok = article.published == want_date
            outlet_ok = outlet_key(article.outlet) == outlet_key(want_outlet)
            dates += date_ok
            together += in_event[article.id] == want_date
            outlets += outlet_ok
            strict += article.outlet == want_outlet
            if not (date_ok and outlet_ok and in_event[article.id] == want_date):
                misses.append(
                    f"{name:<8} {article.id:<40} published {article.published} / in event "
                    f"{in_event[article.id]} (gold "
                    f"{want_date})  outlet {article.outlet!r} (gold {want_outlet!r})"
                )

        def share(k: int, n: int = n) -> str:
            return f"{k}/{n}"

        print(
            f"{name:<10} {n:>8} {share(dates):>10} {share(together):>9} {share(outlets):>8} "
            f"{share(strict):>8}"
        )
    if show and misses:
        print()
        print("\n".join(misses))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", action="store_true", help="list every article with a miss")
    parser.add_argument(
        "--group",
        action="append",
        default=[],
        choices=("examples", "tune", "heldout", "singles"),
        help="only this group (repeatable)",
    )
    args = parser.parse_args(argv)
    return evaluate(args.show, args.group)


if __name__ == "__main__":
    raise SystemExit(main())
