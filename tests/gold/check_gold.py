#!/usr/bin/env python3
"""Verify the hand-made gold ArticleExtraction records and expected.json files.

Usage: python tests/gold/check_gold.py

For every tests/gold/<stem>.json it loads examples/nato-russia-council/<stem>.txt,
and for every tests/data/{clusters/<id>,singles}/gold/<stem>.json the article
articles/<stem>.txt beside it, and checks schema shape (claims included), enum
values, ISO dates, that every quote is an exact substring of the article, and
that every direct statement's content is one too. Every expected.json
(tests/gold/ and each cluster's) is checked for shape, known kinds and rules,
and articles that exist. Exits non-zero if any error is found. Stdlib only.
"""

from __future__ import annotations

import datetime
import json
import sys
from pathlib import Path

GOLD_DIR = Path(__file__).resolve().parent
REPO = GOLD_DIR.parent.parent
ARTICLES_DIR = REPO / "examples" / "nato-russia-council"
DATA_DIR = REPO / "tests" / "data"
EXPECTED = "expected.json"

MEETING_FORMATS = {"in_person", "virtual", "phone", "unknown"}
MEETING_STATUSES = {"proposed", "scheduled", "held", "cancelled", "unknown"}
PROPOSAL_STATUSES = {"proposed", "under_discussion", "accepted", "rejected", "unknown"}
QUALIFIERS = {"exact", "about", "more_than", "at_least", "less_than", "at_most"}
CONFLICT_KINDS = {
    "number_mismatch",
    "date_mismatch",
    "value_mismatch",
    "attribution_mismatch",
    "other",
}
NON_CONFLICT_RULES = {
    "compatible_range",
    "rounding",
    "same_figure_other_words",
    "precision",
    "time_of_day",
    "time_zone",
    "update",
    "repetition",
    "spelling",
    "same_office",
    "offices_held_together",
    "different_basis",
    "same_voice",
}
RECORD_KINDS = {"claim", "statement", "person", "meeting", "proposal"}

STR = "str"
OPT_STR = "str|null"
OPT_DATE = "date|null"  # YYYY-MM-DD, or YYYY-MM / YYYY when only that is known
STR_LIST = "list[str]"
BOOL = "bool"

PERSON = {"name": STR, "role": OPT_STR, "organization": OPT_STR}

ARTICLE_KEYS = {
    "headline": OPT_STR,
    "published": OPT_DATE,
    "outlet": OPT_STR,
    "meetings": "list",
    "proposals": "list",
    "statements": "list",
    "claims": "list",
}
MEETING_KEYS = {
    "name": STR,
    "date": OPT_DATE,
    "end_date": OPT_DATE,
    "time": OPT_STR,
    "location": OPT_STR,
    "format": ("enum", MEETING_FORMATS),
    "status": ("enum", MEETING_STATUSES),
    "chair": "person|null",
    "participants": "list[person]",
    "parties": STR_LIST,
    "agenda": STR_LIST,
    "quotes": STR_LIST,
}
PROPOSAL_KEYS = {
    "title": STR,
    "proposer": STR,
    "addressees": STR_LIST,
    "date": OPT_DATE,
    "demands": STR_LIST,
    "status": ("enum", PROPOSAL_STATUSES),
    "quotes": STR_LIST,
}
STATEMENT_KEYS = {
    "speaker": "person",
    "content": STR,
    "direct": BOOL,
    "date": OPT_DATE,
    "channel": OPT_STR,
    "about": OPT_STR,
    "quotes": STR_LIST,
}
CLAIM_KEYS = {
    "about": STR,
    "attribute": STR,
    "value": STR,
    "quantity": "quantity|null",
    "date": OPT_DATE,
    "attributed_to": OPT_STR,
    "quotes": STR_LIST,
}
QUANTITY_KEYS = {"amount": "number", "unit": OPT_STR, "qualifier": ("enum", QUALIFIERS)}


def valid_partial_date(value: str) -> bool:
    """True for YYYY-MM-DD, YYYY-MM or YYYY naming a real calendar date."""
    parts = value.split("-")
    if len(parts) > 3 or [len(p) for p in parts] != [4, 2, 2][: len(parts)]:
        return False
    if not all(p.isdigit() for p in parts):
        return False
    year, month, day = (int(p) for p in [*parts, "01", "01"][:3])
    try:
        datetime.date(year, month, day)
    except ValueError:
        return False
    return True


class Checker:
    def __init__(self) -> None:
        self.errors: list[str] = []

    def err(self, where: str, msg: str) -> None:
        self.errors.append(f"{where}: {msg}")

    # -- type checks -------------------------------------------------------
    def check_value(self, where: str, value, spec) -> None:
        if isinstance(spec, tuple) and spec[0] == "enum":
            if value not in spec[1]:
                self.err(where, f"{value!r} not one of {sorted(spec[1])}")
        elif spec == STR:
            if not isinstance(value, str) or not value.strip():
                self.err(where, f"expected non-empty string, got {value!r}")
        elif spec == OPT_STR:
            if value is not None and (not isinstance(value, str) or not value.strip()):
                self.err(where, f"expected non-empty string or null, got {value!r}")
        elif spec == OPT_DATE:
            if value is not None:
                if not isinstance(value, str):
                    self.err(where, f"expected ISO date string or null, got {value!r}")
                elif not valid_partial_date(value):
                    self.err(where, f"not an ISO date YYYY-MM-DD / YYYY-MM / YYYY: {value!r}")
        elif spec == BOOL:
            if not isinstance(value, bool):
                self.err(where, f"expected bool, got {value!r}")
        elif spec == STR_LIST:
            if not isinstance(value, list):
                self.err(where, f"expected list of strings, got {type(value).__name__}")
            else:
                for i, item in enumerate(value):
                    if not isinstance(item, str) or not item.strip():
                        self.err(f"{where}[{i}]", f"expected non-empty string, got {item!r}")
        elif spec == "list":
            if not isinstance(value, list):
                self.err(where, f"expected list, got {type(value).__name__}")
        elif spec == "number":
            if isinstance(value, bool) or not isinstance(value, int | float):
                self.err(where, f"expected a number, got {value!r}")
        elif spec == "quantity|null":
            if value is not None:
                self.check_object(where, value, QUANTITY_KEYS)
        elif spec == "person":
            self.check_object(where, value, PERSON)
        elif spec == "person|null":
            if value is not None:
                self.check_object(where, value, PERSON)
        elif spec == "list[person]":
            if not isinstance(value, list):
                self.err(where, f"expected list of persons, got {type(value).__name__}")
            else:
                for i, item in enumerate(value):
                    self.check_object(f"{where}[{i}]", item, PERSON)
        else:  # pragma: no cover - programming error
            raise ValueError(spec)

    def check_object(self, where: str, obj, keys: dict) -> bool:
        if not isinstance(obj, dict):
            self.err(where, f"expected object, got {type(obj).__name__}")
            return False
        missing = set(keys) - set(obj)
        extra = set(obj) - set(keys)
        for k in sorted(missing):
            self.err(where, f"missing key {k!r}")
        for k in sorted(extra):
            self.err(where, f"unexpected extra key {k!r}")
        for k, spec in keys.items():
            if k in obj:
                self.check_value(f"{where}.{k}", obj[k], spec)
        return not missing

    # -- content checks ----------------------------------------------------
    def check_quotes(self, where: str, quotes, text: str) -> None:
        if not isinstance(quotes, list):
            return
        if not quotes:
            self.err(where, "record has no quotes (at least one required)")
        for i, q in enumerate(quotes):
            if isinstance(q, str) and q not in text:
                self.err(f"{where}[{i}]", f"quote not found verbatim in article: {q!r}")

    def check_article(self, gold_path: Path, article_path: Path) -> None:
        stem = gold_path.stem
        where = gold_path.name
        if not article_path.exists():
            self.err(where, f"no article file {article_path}")
            return
        with open(article_path, encoding="utf-8", newline="") as fh:
            text = fh.read()
        try:
            with open(gold_path, encoding="utf-8") as fh:
                data = json.load(fh)
        except json.JSONDecodeError as exc:
            self.err(where, f"invalid JSON: {exc}")
            return
        if not self.check_object(where, data, ARTICLE_KEYS):
            return

        names = set()
        for i, m in enumerate(data["meetings"] if isinstance(data["meetings"], list) else []):
            w = f"{where}.meetings[{i}]"
            if self.check_object(w, m, MEETING_KEYS):
                names.add(m["name"])
                self.check_quotes(f"{w}.quotes", m["quotes"], text)
                if m["end_date"] is not None and m["date"] is not None:
                    if (
                        isinstance(m["date"], str)
                        and isinstance(m["end_date"], str)
                        and m["end_date"] < m["date"]
                    ):
                        self.err(w, "end_date before date")
        for i, p in enumerate(data["proposals"] if isinstance(data["proposals"], list) else []):
            w = f"{where}.proposals[{i}]"
            if self.check_object(w, p, PROPOSAL_KEYS):
                names.add(p["title"])
                self.check_quotes(f"{w}.quotes", p["quotes"], text)
        for i, s in enumerate(data["statements"] if isinstance(data["statements"], list) else []):
            w = f"{where}.statements[{i}]"
            if self.check_object(w, s, STATEMENT_KEYS):
                self.check_quotes(f"{w}.quotes", s["quotes"], text)
                if (
                    s["direct"] is True
                    and isinstance(s["content"], str)
                    and s["content"] not in text
                ):
                    self.err(
                        f"{w}.content",
                        f"direct content not found verbatim in article: {s['content']!r}",
                    )
                if s["about"] is not None and s["about"] not in names:
                    self.err(
                        f"{w}.about",
                        f"{s['about']!r} matches no meeting name / proposal title in this file",
                    )
        for i, c in enumerate(data["claims"] if isinstance(data["claims"], list) else []):
            w = f"{where}.claims[{i}]"
            if self.check_object(w, c, CLAIM_KEYS):
                self.check_quotes(f"{w}.quotes", c["quotes"], text)

        print(
            f"{stem}: meetings={len(data['meetings'])} "
            f"proposals={len(data['proposals'])} statements={len(data['statements'])} "
            f"claims={len(data['claims'])}"
        )

    def check_expected(self, path: Path, article_ids: set[str]) -> None:
        """An expected.json: known kinds and rules, at least two groups, known articles."""
        where = str(path.relative_to(REPO))
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as exc:
            self.err(where, f"invalid JSON: {exc}")
            return
        if not isinstance(data, dict) or set(data) != {"conflicts", "non_conflicts"}:
            self.err(where, "expected an object with exactly 'conflicts' and 'non_conflicts'")
            return
        seen: set[str] = set()
        for key, groups_key, label_key, labels in (
            ("conflicts", "sides", "kind", CONFLICT_KINDS),
            ("non_conflicts", "values", "rule", NON_CONFLICT_RULES),
        ):
            for i, entry in enumerate(data[key]):
                w = f"{where}.{key}[{i}]"
                if not isinstance(entry, dict):
                    self.err(w, "expected an object")
                    continue
                for k in ("id", label_key, "record", "field", "about", "why", groups_key):
                    if k not in entry:
                        self.err(w, f"missing key {k!r}")
                if entry.get("id") in seen:
                    self.err(w, f"duplicate id {entry.get('id')!r}")
                seen.add(entry.get("id"))
                if entry.get(label_key) not in labels:
                    self.err(w, f"{label_key} {entry.get(label_key)!r} not one of {sorted(labels)}")
                if entry.get("record") not in RECORD_KINDS:
                    self.err(w, f"record {entry.get('record')!r} not one of {sorted(RECORD_KINDS)}")
                if entry.get("record") == "claim" and not entry.get("attribute"):
                    self.err(w, "a claim entry needs its attribute")
                groups = entry.get(groups_key)
                if not isinstance(groups, list) or len(groups) < 2:
                    self.err(w, f"{groups_key} needs at least two value groups")
                    continue
                for j, group in enumerate(groups):
                    articles = group.get("articles") if isinstance(group, dict) else None
                    if not isinstance(group, dict) or not isinstance(group.get("value"), str):
                        self.err(f"{w}.{groups_key}[{j}]", "needs a string 'value'")
                    if not isinstance(articles, list) or not articles:
                        self.err(f"{w}.{groups_key}[{j}]", "needs a non-empty 'articles' list")
                        continue
                    for art in articles:
                        if art not in article_ids:
                            self.err(f"{w}.{groups_key}[{j}]", f"unknown article {art!r}")


def check_folder(checker: Checker, gold_dir: Path, articles_dir: Path) -> int:
    """Check every gold file of one folder against its article; return how many."""
    gold_files = sorted(p for p in gold_dir.glob("*.json") if p.name != EXPECTED)
    articles = sorted(articles_dir.glob("*.txt"))
    if not gold_files:
        checker.err(str(gold_dir), "no gold JSON files found")
    gold_stems = {p.stem for p in gold_files}
    for a in articles:
        if a.stem not in gold_stems:
            checker.err(a.name, "article has no gold file")
    for g in gold_files:
        checker.check_article(g, articles_dir / f"{g.stem}.txt")
    return len(gold_files)


def main() -> int:
    checker = Checker()
    checked = check_folder(checker, GOLD_DIR, ARTICLES_DIR)
    if (GOLD_DIR / EXPECTED).exists():
        stems = {p.stem for p in ARTICLES_DIR.glob("*.txt")}
        checker.check_expected(GOLD_DIR / EXPECTED, stems)
    for cluster in sorted((DATA_DIR / "clusters").glob("*/")):
        checked += check_folder(checker, cluster / "gold", cluster / "articles")
        stems = {p.stem for p in (cluster / "articles").glob("*.txt")}
        if (cluster / EXPECTED).exists():
            checker.check_expected(cluster / EXPECTED, stems)
        else:
            checker.err(str(cluster), f"no {EXPECTED}")
    if (DATA_DIR / "singles").is_dir():
        checked += check_folder(
            checker, DATA_DIR / "singles" / "gold", DATA_DIR / "singles" / "articles"
        )
    for e in checker.errors:
        print("ERROR", e)
    print(f"{checked} gold files checked, {len(checker.errors)} errors")
    return 1 if checker.errors else 0


if __name__ == "__main__":
    sys.exit(main())
