#!/usr/bin/env python3
"""Verify the hand-made gold ArticleExtraction records in tests/gold/.

Usage: python tests/gold/check_gold.py

For every tests/gold/<stem>.json it loads examples/nato-russia-council/<stem>.txt
and checks schema shape, enum values, ISO dates, that every quote is an exact
substring of the article, and that every direct statement's content is one too.
Exits non-zero if any error is found. Stdlib only.
"""

from __future__ import annotations

import datetime
import json
import sys
from pathlib import Path

GOLD_DIR = Path(__file__).resolve().parent
REPO = GOLD_DIR.parent.parent
ARTICLES_DIR = REPO / "examples" / "nato-russia-council"

MEETING_FORMATS = {"in_person", "virtual", "phone", "unknown"}
MEETING_STATUSES = {"proposed", "scheduled", "held", "cancelled", "unknown"}
PROPOSAL_STATUSES = {"proposed", "under_discussion", "accepted", "rejected", "unknown"}

STR = "str"
OPT_STR = "str|null"
OPT_DATE = "date|null"
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
                else:
                    try:
                        parsed = datetime.date.fromisoformat(value)
                    except ValueError:
                        self.err(where, f"invalid ISO date {value!r}")
                    else:
                        if parsed.isoformat() != value:
                            self.err(where, f"date not in YYYY-MM-DD form: {value!r}")
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

    def check_article(self, gold_path: Path) -> None:
        stem = gold_path.stem
        where = gold_path.name
        article_path = ARTICLES_DIR / f"{stem}.txt"
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

        print(
            f"{stem}: meetings={len(data['meetings'])} "
            f"proposals={len(data['proposals'])} statements={len(data['statements'])}"
        )


def main() -> int:
    checker = Checker()
    gold_files = sorted(GOLD_DIR.glob("*.json"))
    articles = sorted(ARTICLES_DIR.glob("*.txt"))
    if not gold_files:
        checker.err(str(GOLD_DIR), "no gold JSON files found")
    gold_stems = {p.stem for p in gold_files}
    for a in articles:
        if a.stem not in gold_stems:
            checker.err(a.name, "article has no gold file")
    for g in gold_files:
        checker.check_article(g)
    for e in checker.errors:
        print("ERROR", e)
    print(f"{len(gold_files)} gold files checked, {len(checker.errors)} errors")
    return 1 if checker.errors else 0


if __name__ == "__main__":
    sys.exit(main())
