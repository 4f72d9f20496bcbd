"""Measure the offline extractor against the gold records in tests/gold/."""

from __future__ import annotations

import argparse
import functools
import hashlib
import json
import re
import sys
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from rapidfuzz import fuzz

from summarizer.backends.offline import OfflineExtractor, fold_name
from summarizer.records import Article, ArticleExtraction, Meeting, Statement

T = TypeVar("T")
ROOT = Path(__file__).resolve().parent.parent
GOLD_DIR = ROOT / "tests" / "gold"
ARTICLES_DIR = ROOT / "examples" / "nato-russia-council"

CONTENT_THRESHOLD = 50  # rapidfuzz token-set ratio for "the same utterance"
NAME_THRESHOLD = 60  # token-set ratio of folded meeting names
QUOTE_OVERLAP = 20  # characters two quotes must share in the article

_NAME_STOP = {"the", "of", "a", "an", "on", "in", "over", "for", "with", "to", "and", "s"}
_KIND_WORDS = {
    "meeting": "meeting",
    "summit": "meeting",
    "session": "meeting",
    "conference": "meeting",
    "videoconference": "meeting",
    "talks": "talks",
    "consultations": "talks",
    "negotiations": "talks",
    "conversation": "call",
    "conversations": "call",
    "call": "call",
    "phone": "call",
    "telephone": "call",
}
_NATIONS = {
    "russian": "russia",
    "american": "us",
    "u.s.": "us",
    "united states": "us",
    "usa": "us",
    "nrc": "nato russia council",
    "rnc": "nato russia council",
    "russia nato council": "nato russia council",
}


@dataclass
class Counts:
    """Hits over totals for one kind of record."""

    predicted: int = 0
    correct: int = 0
    gold: int = 0
    found: int = 0

    def add(self, other: Counts) -> None:
        self.predicted += other.predicted
        self.correct += other.correct
        self.gold += other.gold
        self.found += other.found

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 1.0


def fold_meeting_name(name: str) -> str:
    """Fold a meeting name: aliases, nationality adjectives and kinds of event made equal."""
    text = " " + re.sub(r"[^a-z.]+", " ", name.lower()) + " "
    for key, value in sorted(_NATIONS.items(), key=lambda kv: -len(kv[0])):
        text = text.replace(f" {key} ", f" {value} ")
    words = [_KIND_WORDS.get(w, w) for w in text.split() if w not in _NAME_STOP]
    if "call" in words:
        words = [w for w in words if w != "talks"]
    return " ".join(dict.fromkeys(words))


def _surname(name: str) -> str:
    parts = name.split()
    return fold_name(parts[-1]) if parts else ""


def _words(name: str | None) -> set[str]:
    return {fold_name(w) for w in re.findall(r"[A-Za-z]+", name or "")} - {
        "the",
        "of",
        "for",
        "a",
        "an",
        "",
    }


def speaker_matches(predicted: Statement, gold: Statement) -> bool:
    """Same speaker: the surname agrees (transliteration aside), or an office or body is shared."""
    a, b = predicted.speaker, gold.speaker
    if _surname(a.name) == _surname(b.name):
        return True
    personal = [p.name.split()[-1][:1].isupper() and len(p.name.split()) >= 2 for p in (a, b)]
    if all(personal):
        return False
    return bool(_words(a.name) & _words(b.name))


def _intervals(text: str, quotes: list[str]) -> list[tuple[int, int]]:
    spans = []
    for q in quotes:
        start = text.find(q)
        if start >= 0:
            spans.append((start, start + len(q)))
    return spans


def _quotes_overlap(text: str, a: list[str], b: list[str]) -> bool:
    return any(
        min(e1, e2) - max(s1, s2) >= QUOTE_OVERLAP
        for s1, e1 in _intervals(text, a)
        for s2, e2 in _intervals(text, b)
    )


def statement_matches(
    text: str,
    predicted: Statement,
    gold: Statement,
    threshold: float = CONTENT_THRESHOLD,
    quotes: bool = True,
) -> bool:
    """Same speaker, and the contents overlap (or, unless `quotes` is off, a quote does)."""
    if not speaker_matches(predicted, gold):
        return False
    if fuzz.token_set_ratio(predicted.content, gold.content) >= threshold:
        return True
    return quotes and _quotes_overlap(text, predicted.quotes, gold.quotes)


def meeting_matches(predicted: Meeting, gold: Meeting) -> bool:
    if predicted.date != gold.date:
        return False
    a, b = fold_meeting_name(predicted.name), fold_meeting_name(gold.name)
    return fuzz.token_set_ratio(a, b) >= NAME_THRESHOLD


def count(predicted: list[T], gold: list[T], same: Callable[[T, T], bool]) -> Counts:
    """Precision counts predictions matching some gold record; recall, gold records found."""
    return Counts(
        predicted=len(predicted),
        correct=sum(1 for p in predicted if any(same(p, g) for g in gold)),
        gold=len(gold),
        found=sum(1 for g in gold if any(same(p, g) for p in predicted)),
    )


def load_articles(gold_dir: Path, articles_dir: Path) -> list[tuple[Article, ArticleExtraction]]:
    out = []
    for path in sorted(gold_dir.glob("*.json")):
        gold = ArticleExtraction.model_validate(json.loads(path.read_text(encoding="utf-8")))
        source = articles_dir / f"{path.stem}.txt"
        text = source.read_text(encoding="utf-8")
        article = Article(
            id=path.stem,
            path=str(source),
            text=text,
            sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
            chars=len(text),
            published=gold.published,
            outlet=gold.outlet,
            headline=gold.headline,
        )
        out.append((article, gold))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--gold", type=Path, default=GOLD_DIR)
    parser.add_argument("--articles", type=Path, default=ARTICLES_DIR)
    parser.add_argument("-v", "--verbose", action="store_true", help="list misses and extras")
    parser.add_argument(
        "--content-threshold",
        type=float,
        default=CONTENT_THRESHOLD,
        help="token-set ratio two statement contents need to count as the same",
    )
    parser.add_argument(
        "--no-quote-overlap",
        action="store_true",
        help="match statements on content only, not on overlapping quotes",
    )
    args = parser.parse_args(argv)

    pairs = load_articles(args.gold, args.articles)
    if not pairs:
        print(f"no gold records in {args.gold}", file=sys.stderr)
        return 2
    results = OfflineExtractor().extract_many([a for a, _ in pairs])

    total_s, total_m = Counts(), Counts()
    found_meetings: dict[str, set[tuple[str, str]]] = {}
    print(f"{'article':<24} {'stmt P':>12} {'stmt R':>12} {'meet P':>12} {'meet R':>12}")
    for (article, gold), result in zip(pairs, results, strict=True):
        if isinstance(result, Exception):
            print(f"{article.id:<24} failed: {result!r}")
            total_s.add(Counts(gold=len(gold.statements)))
            total_m.add(Counts(gold=len(gold.meetings)))
            continue
        text = article.text
        same_statement = functools.partial(
            statement_matches,
            text,
            threshold=args.content_threshold,
            quotes=not args.no_quote_overlap,
        )
        s = count(
            list(result.statements),
            list(gold.statements),
            same_statement,
        )
        m = count(list(result.meetings), list(gold.meetings), meeting_matches)
        total_s.add(s)
        total_m.add(m)
        found_meetings[article.id] = {
            (fold_meeting_name(g.name), g.date or "")
            for g in gold.meetings
            if any(meeting_matches(p, g) for p in result.meetings)
        }
        print(
            f"{article.id:<24} {s.precision:5.2f} ({s.correct:>2}/{s.predicted:>2})"
            f" {s.recall:5.2f} ({s.found:>2}/{s.gold:>2})"
            f" {m.precision:5.2f} ({m.correct:>2}/{m.predicted:>2})"
            f" {m.recall:5.2f} ({m.found:>2}/{m.gold:>2})"
        )
        if args.verbose:
            for st in result.statements:
                if not any(same_statement(st, g) for g in gold.statements):
                    print(f"    extra stmt  {st.speaker.name}: {st.content[:90]}")
            for gs in gold.statements:
                if not any(same_statement(st, gs) for st in result.statements):
                    print(f"    missed stmt {gs.speaker.name}: {gs.content[:90]}")
            for mt in result.meetings:
                if not any(meeting_matches(mt, gm) for gm in gold.meetings):
                    print(f"    extra meet  {mt.name} {mt.date}")
            for gm in gold.meetings:
                if not any(meeting_matches(mt, gm) for mt in result.meetings):
                    print(f"    missed meet {gm.name} {gm.date}")
    print(
        f"{'total':<24} {total_s.precision:5.2f} ({total_s.correct:>2}/{total_s.predicted:>2})"
        f" {total_s.recall:5.2f} ({total_s.found:>2}/{total_s.gold:>2})"
        f" {total_m.precision:5.2f} ({total_m.correct:>2}/{total_m.predicted:>2})"
        f" {total_m.recall:5.2f} ({total_m.found:>2}/{total_m.gold:>2})"
    )

    # Meetings that three or more articles report must be found in each of them.
    reported: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
    for article, gold in pairs:
        for gm in gold.meetings:
            folded = fold_meeting_name(gm.name)
            key = next(
                (
                    k
                    for k in reported
                    if k[1] == (gm.date or "")
                    and fuzz.token_set_ratio(k[0], folded) >= NAME_THRESHOLD
                ),
                (folded, gm.date or ""),
            )
            reported[key].append((article.id, folded))
    print("\nmeetings reported by three or more articles:")
    ok = True
    for (name, date), where in reported.items():
        ids = sorted({a for a, _ in where})
        if len(ids) < 3:
            continue
        hits = [a for a, folded in where if (folded, date) in found_meetings.get(a, set())]
        ok &= len(set(hits)) == len(ids)
        print(f"  {name} {date or '-'}: found in {len(set(hits))}/{len(ids)} ({', '.join(ids)})")

    targets = total_s.recall >= 0.7 and total_s.precision >= 0.8 and ok
    print(
        f"\nstatements P={total_s.precision:.2f} R={total_s.recall:.2f}; "
        f"meetings P={total_m.precision:.2f} R={total_m.recall:.2f}; "
        f"targets {'met' if targets else 'NOT met'}"
    )
    return 0 if targets else 1


if __name__ == "__main__":
    raise SystemExit(main())
