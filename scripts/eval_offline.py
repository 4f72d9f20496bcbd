"""Measure the offline extractor against hand-written gold records: precision and recall.

Three sets: the five examples (tests/gold/), and the two halves of the development corpus in
tests/data/ (split.json: "tune" and "heldout"). Articles are read as the CLI reads them; their
publication date and outlet are the gold record's where it gives them (a dateline without a year
does not say which year a reader knows it is; detecting dates is ingest's job, measured by its
own tests). Each predicted record is matched to at most one gold record of the same article,
best match first:

- statements: the same speaker (two people's surnames, transliteration aside; two bodies' shared
  word of what names them, not of what kind of body they are, or initials) and the same
  utterance (fuzzy content match, or quotes overlapping in the article);
- meetings: the same date, exactly, and the same meeting (fuzzy name match, or overlapping
  quotes);
- proposals: the same proposer (a shared word) and title (fuzzy match, or overlapping quotes);
- claims: one fact, worded as a reader would check it --
  * the same about-entity after resolution: the folded names (kinds of event made equal, small
    words dropped) match as meeting names do (token-set ratio >= NAME_THRESHOLD), so "Talks in
    Almaty" is the gold's "Tajik-Kyrgyz border talks in Almaty, 14 March 2026"; or the
    predicted `about` names a predicted meeting or proposal matched (as above) to a gold one
    whose name matches the gold claim's `about`;
  * a similar attribute: the two share a content word (stemmed, generic words such as "number"
    and "total" dropped) of the attribute or of the quantity's unit ("sections agreed" and
    "number of border sections agreed"; "duration of talks" and "duration");
  * a compatible value: figures whose intervals overlap (`semantics.quantities`), dates one of
    which contains the other (`semantics.dates`), times of day that can be one moment
    (`semantics.times`), else a fuzzy match of the wording; a figure never matches a date.

`--verbose` lists misses and extras of the examples and the tune half only: the held-out half is
for reporting, never for tuning.
"""

from __future__ import annotations

import argparse
import functools
import json
import re
import sys
import time
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz

from summarizer.backends.offline import OfflineExtractor, fold_name
from summarizer.backends.offline.lexicon import party_of
from summarizer.ingest import read_articles
from summarizer.knowledge import offices
from summarizer.knowledge.names import particles
from summarizer.normalize import text_key
from summarizer.records import Article, ArticleExtraction, Claim, Meeting, Proposal, Statement
from summarizer.semantics.dates import compare_dates
from summarizer.semantics.quantities import compare_figures, figure_from
from summarizer.semantics.times import compare_times, parse_time

ROOT = Path(__file__).resolve().parent.parent
GOLD_DIR = ROOT / "tests" / "gold"
ARTICLES_DIR = ROOT / "examples" / "nato-russia-council"
CORPUS_DIR = ROOT / "tests" / "data"

CONTENT_THRESHOLD = 60.0  # rapidfuzz token-set ratio of two contents: "the same utterance"
NAME_THRESHOLD = 60.0  # token-set ratio of two folded meeting names or proposal titles
QUOTE_OVERLAP = 20  # characters two records' quotes must share in the article
TARGETS = {"statements": (0.85, 0.75), "meetings": (0.70, 0.70)}  # held-out (P, R)

_STOP = {"the", "of", "a", "an", "on", "in", "over", "for", "with", "to", "and", "s", "its"}
# Kinds of event: wordings of one kind are equal in a name.
_KIND_WORDS = {
    "meeting": "meeting",
    "meetings": "meeting",
    "summit": "meeting",
    "session": "meeting",
    "sitting": "meeting",
    "conference": "meeting",
    "videoconference": "meeting",
    "talks": "talks",
    "consultations": "talks",
    "negotiations": "talks",
    "round": "talks",
    "conversation": "call",
    "call": "call",
    "phone": "call",
    "telephone": "call",
}


@dataclass
class Counts:
    """Matches over totals for one kind of record."""

    predicted: int = 0
    gold: int = 0
    matched: int = 0

    def add(self, other: Counts) -> None:
        self.predicted += other.predicted
        self.gold += other.gold
        self.matched += other.matched

    @property
    def precision(self) -> float | None:
        return self.matched / self.predicted if self.predicted else None

    @property
    def recall(self) -> float | None:
        return self.matched / self.gold if self.gold else None


@dataclass
class Case:
    """One article, its gold record and what the extractor found."""

    split: str
    article: Article
    gold: ArticleExtraction
    found: ArticleExtraction | None = None
    error: str | None = None


@dataclass
class Score:
    """Per kind of record, the counts; per article, what was missed and what was extra."""

    counts: dict[str, Counts] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


# --- matching -----------------------------------------------------------------------------


def fold_meeting_name(name: str) -> str:
    """A meeting name folded: lower case, no small words, wordings of a kind of event made equal."""
    words = re.findall(r"[a-z]+", name.lower())
    kinds = [_KIND_WORDS.get(w, w) for w in words if w not in _STOP]
    if "call" in kinds:
        kinds = [w for w in kinds if w != "talks"]
    return " ".join(dict.fromkeys(kinds))


def _words(name: str | None) -> set[str]:
    return {fold_name(w) for w in re.findall(r"[A-Za-z]+", name or "")} - {
        fold_name(w) for w in _STOP
    }


def _surname(name: str) -> str:
    parts = name.split()
    return fold_name(parts[-1]) if parts else ""


# Words that say what kind of body or group speaks ("ministry", "press service", "officials"),
# not which one: two bodies sharing only these are not the same speaker.
_KIND_OF_SPEAKER = frozenset(
    fold_name(w.replace("_", " "))
    for w in (
        *offices.body_words(),
        *offices.generic_bodies(),
        *offices.individual_words(),
        *(f"{w}s" for w in offices.individual_words()),
        "analysts",
        "branch",
        "groups",
        "secretariat",
        "presidency",
        "spokesman",
        "spokeswoman",
    )
)


def _is_body(name: str) -> bool:
    """A body or a group rather than a person: a common noun ("analysts"), a connecting word in
    lower case ("Ministry of Finance"), or a word that says what kind of body it is
    ("Zimbabwean energy ministry")."""
    words = re.findall(r"[^\W\d_]+", name)
    if words and words[0].islower():
        return True  # "analysts", "the union"
    if any(w.islower() and w not in particles() for w in words[1:-1]):
        return True
    return any(fold_name(w) in _KIND_OF_SPEAKER for w in words)


def speaker_matches(a: str, b: str, text: str = "") -> bool:
    """The same speaker: two people's surnames agree; two bodies share a word that says which
    body they are (not only what kind: "Ministry of Finance" is not "Ministry of Economy and
    Finance" by its last word, nor "health ministry" the "foreign ministry"), or share what
    kind they are when one of them says no more ("the government", "officials"); or the
    article `text` gives one name as the other's short form in brackets ("the Disaster
    Management Authority (AFAD)")."""
    if text and (_short_form(text, a, b) or _short_form(text, b, a)):
        return True
    if not _is_body(a) and not _is_body(b):
        return bool(_surname(a)) and _surname(a) == _surname(b)
    if _acronym_of(a, b) or _acronym_of(b, a):
        return True
    words_a, words_b = _words(a), _words(b)
    own_a, own_b = _own_words(a) - _KIND_OF_SPEAKER, _own_words(b) - _KIND_OF_SPEAKER
    if own_a and own_b:
        return bool(own_a & own_b)
    return bool(words_a & words_b)


def _short_form(text: str, full: str, short: str) -> bool:
    """The text writes `full` and then `short` in brackets, as a name and its short form."""
    if not full.strip() or not short.strip():
        return False
    words = r"\s+".join(re.escape(w) for w in full.split())
    return re.search(rf"{words}\s*\(\s*{re.escape(short.strip())}\s*\)", text, re.I) is not None


def _own_words(name: str) -> set[str]:
    """The words of a body's name but those of the country or place it belongs to."""
    return {fold_name(w) for w in re.findall(r"[^\W\d_]+", name) if party_of(w) is None} - {
        fold_name(w) for w in _STOP
    }


def _acronym_of(short: str, full: str) -> bool:
    """A word of one name in capitals is the initials of a run of the other's capitalised
    words: "CBK press service" and "Central Bank of Kenya press service"."""
    words = re.findall(r"[^\W\d_]+", full)
    runs: set[str] = set()
    for start in range(len(words)):
        initials = ""
        for w in words[start:]:
            if w in {"of", "and", "the", "for"}:
                continue
            if not w[0].isupper():
                break
            initials += w[0]
            runs.add(initials)
    return any(len(w) >= 2 and w in runs for w in re.findall(r"\b[A-Z]{2,6}\b", short))


def _spans(text: str, quotes: Sequence[str]) -> list[tuple[int, int]]:
    out = []
    for quote in quotes:
        start = text.find(quote)
        if start >= 0:
            out.append((start, start + len(quote)))
    return out


def quotes_overlap(text: str, a: Sequence[str], b: Sequence[str]) -> bool:
    """Some quote of `a` and some quote of `b` share QUOTE_OVERLAP characters of the text."""
    return any(
        min(e1, e2) - max(s1, s2) >= QUOTE_OVERLAP
        for s1, e1 in _spans(text, a)
        for s2, e2 in _spans(text, b)
    )


def statement_score(text: str, p: Statement, g: Statement) -> float:
    if not speaker_matches(p.speaker.name, g.speaker.name, text):
        return 0.0
    similarity = fuzz.token_set_ratio(p.content, g.content)
    if similarity >= CONTENT_THRESHOLD:
        return similarity
    return CONTENT_THRESHOLD if quotes_overlap(text, p.quotes, g.quotes) else 0.0


def meeting_score(text: str, p: Meeting, g: Meeting) -> float:
    if p.date != g.date:
        return 0.0
    similarity = fuzz.token_set_ratio(fold_meeting_name(p.name), fold_meeting_name(g.name))
    if similarity >= NAME_THRESHOLD:
        return similarity
    return NAME_THRESHOLD if quotes_overlap(text, p.quotes, g.quotes) else 0.0


def proposal_score(text: str, p: Proposal, g: Proposal) -> float:
    if not (_words(p.proposer) & _words(g.proposer)):
        return 0.0
    similarity = fuzz.token_set_ratio(p.title.lower(), g.title.lower())
    if similarity >= NAME_THRESHOLD:
        return similarity
    return NAME_THRESHOLD if quotes_overlap(text, p.quotes, g.quotes) else 0.0


_GENERIC_ATTRIBUTE = frozenset(text_key("number of the total amount size value"))


def _claim_words(claim: Claim) -> frozenset[str]:
    unit = claim.quantity.unit if claim.quantity is not None else None
    return frozenset(text_key(f"{claim.attribute} {unit or ''}")) - _GENERIC_ATTRIBUTE


def _values_compatible(p: Claim, g: Claim) -> bool:
    if p.quantity is not None or g.quantity is not None:
        a = figure_from(p.value, *_quantity(p))
        b = figure_from(g.value, *_quantity(g))
        return a is not None and b is not None and compare_figures(a, b) in ("same", "compatible")
    if p.date and g.date:
        return compare_dates(p.date, g.date) != "conflict"
    if p.date or g.date:
        return False
    if parse_time(p.value) is not None and parse_time(g.value) is not None:
        return compare_times(p.value, g.value) in ("same", "compatible")
    return fuzz.token_set_ratio(p.value.lower(), g.value.lower()) >= CONTENT_THRESHOLD


def _quantity(c: Claim) -> tuple[float | None, str | None, str | None]:
    q = c.quantity
    return (q.amount, q.unit, q.qualifier) if q is not None else (None, None, None)


def _names_match(a: str, b: str) -> float:
    return fuzz.token_set_ratio(fold_meeting_name(a), fold_meeting_name(b))


def claim_score(text: str, p: Claim, g: Claim, resolved: Mapping[str, str] | None = None) -> float:
    about = _names_match(p.about, g.about)
    gold_name = (resolved or {}).get(p.about)
    if about < NAME_THRESHOLD and gold_name is not None:
        about = _names_match(gold_name, g.about)
    if about < NAME_THRESHOLD:
        return 0.0
    if not (_claim_words(p) & _claim_words(g)) or not _values_compatible(p, g):
        return 0.0
    return about


def match(
    predicted: Sequence[Any], gold: Sequence[Any], score: Callable[[Any, Any], float]
) -> list[tuple[int, int]]:
    """Pairs (predicted index, gold index), each record used once, best scores first."""
    scored = sorted(
        (
            (s, i, j)
            for i, p in enumerate(predicted)
            for j, g in enumerate(gold)
            if (s := score(p, g)) > 0
        ),
        key=lambda x: (-x[0], x[1], x[2]),
    )
    used_p: set[int] = set()
    used_g: set[int] = set()
    pairs = []
    for _, i, j in scored:
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            pairs.append((i, j))
    return pairs


# --- records --------------------------------------------------------------------------------

KINDS: dict[str, Callable[[str, Any, Any], float]] = {
    "statements": statement_score,
    "meetings": meeting_score,
    "proposals": proposal_score,
    "claims": claim_score,
}


def _label(kind: str, record: Any) -> str:
    if kind == "statements":
        return f"{record.speaker.name}: {record.content[:90]}"
    if kind == "meetings":
        return f"{record.name} [{record.date}]"
    if kind == "proposals":
        return f"{record.proposer}: {record.title}"
    return f"{record.about} / {record.attribute} = {record.value}"


def _resolved(case: Case) -> dict[str, str]:
    """Each predicted meeting's name and proposal's title -> the gold one it matches."""
    out: dict[str, str] = {}
    if case.found is None:
        return out
    text = case.article.text
    for p, g in _pairs(text, case.found.meetings, case.gold.meetings, meeting_score):
        out.setdefault(p.name, g.name)
    for p, g in _pairs(text, case.found.proposals, case.gold.proposals, proposal_score):
        out.setdefault(p.title, g.title)
    return out


def _pairs(
    text: str, found: Sequence[Any], gold: Sequence[Any], score: Callable[[str, Any, Any], float]
) -> list[tuple[Any, Any]]:
    return [(found[i], gold[j]) for i, j in match(found, gold, functools.partial(score, text))]


def score_cases(cases: Sequence[Case], kinds: Sequence[str], verbose: bool) -> Score:
    result = Score(counts={k: Counts() for k in kinds})
    for case in cases:
        for kind in kinds:
            gold = list(getattr(case.gold, kind, []))
            found = list(getattr(case.found, kind, [])) if case.found else []
            text = case.article.text
            score = functools.partial(KINDS[kind], text)
            if kind == "claims":
                score = functools.partial(claim_score, text, resolved=_resolved(case))
            pairs = match(found, gold, score)
            result.counts[kind].add(Counts(len(found), len(gold), len(pairs)))
            if not verbose:
                continue
            hit_p = {i for i, _ in pairs}
            hit_g = {j for _, j in pairs}
            for i, record in enumerate(found):
                if i not in hit_p:
                    result.notes.append(f"{case.article.id}  extra  {kind}  {_label(kind, record)}")
            for j, record in enumerate(gold):
                if j not in hit_g:
                    result.notes.append(f"{case.article.id}  missed {kind}  {_label(kind, record)}")
        if case.error:
            result.notes.append(f"{case.article.id}  failed: {case.error}")
    return result


# --- loading --------------------------------------------------------------------------------


def _gold(path: Path) -> ArticleExtraction:
    return ArticleExtraction.model_validate(json.loads(path.read_text(encoding="utf-8")))


def load_cases(
    split: str, articles_dirs: Sequence[Path], gold_dir_of: Callable[[Path], Path]
) -> list[Case]:
    cases = []
    for folder in articles_dirs:
        ingested = read_articles([folder])
        for article in ingested.articles:
            gold_path = gold_dir_of(folder) / f"{article.id}.json"
            if gold_path.is_file():
                gold = _gold(gold_path)
                known = {"published": gold.published, "outlet": gold.outlet}
                article = article.model_copy(update={k: v for k, v in known.items() if v})
                cases.append(Case(split, article, gold))
    return cases


def load_all(
    gold_dir: Path,
    articles_dir: Path,
    corpus: Path,
    sets: Collection[str] = ("examples", "tune", "heldout"),
) -> list[Case]:
    """The cases of the sets asked for; a set not asked for is not read."""
    cases = load_cases("examples", [articles_dir], lambda _: gold_dir) if "examples" in sets else []
    split_file = corpus / "split.json"
    if split_file.is_file():
        split = json.loads(split_file.read_text(encoding="utf-8"))
        for half in [h for h in ("tune", "heldout") if h in sets]:
            folders = [corpus / "clusters" / c / "articles" for c in split.get(half, [])]
            folders = [f for f in folders if f.is_dir()]
            cases += load_cases(half, folders, lambda f: f.parent / "gold")
    return cases


# --- report ---------------------------------------------------------------------------------


def _cell(value: float | None) -> str:
    return "   - " if value is None else f"{value:5.2f}"


def table(scores: dict[str, Score], sizes: dict[str, int], kinds: Sequence[str]) -> str:
    head = f"{'set':<9} {'articles':>8}" + "".join(
        f"  {k[:-1] + ' P':>12} {k[:-1] + ' R':>12}" for k in kinds
    )
    lines = [head]
    for name, score in scores.items():
        row = f"{name:<9} {sizes[name]:>8}"
        for kind in kinds:
            c = score.counts[kind]
            row += (
                f"  {_cell(c.precision)} ({c.matched:>3}/{c.predicted:>3})"
                f" {_cell(c.recall)} ({c.matched:>3}/{c.gold:>3})"
            )
        lines.append(row)
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gold", type=Path, default=GOLD_DIR, help="the examples' gold records")
    parser.add_argument("--articles", type=Path, default=ARTICLES_DIR, help="the examples")
    parser.add_argument("--corpus", type=Path, default=CORPUS_DIR, help="the development corpus")
    parser.add_argument(
        "-v", "--verbose", action="store_true", help="list misses and extras (not held-out)"
    )
    parser.add_argument(
        "--sets",
        default="examples,tune,heldout",
        help="comma-separated sets to measure (default: %(default)s); "
        "'examples,tune' leaves the held-out half unread while tuning",
    )
    parser.add_argument(
        "--clusters",
        default="",
        help="comma-separated tune clusters to measure alone (their articles only)",
    )
    args = parser.parse_args(argv)

    wanted_sets = {s.strip() for s in args.sets.split(",") if s.strip()}
    unknown = wanted_sets - {"examples", "tune", "heldout"}
    if unknown:
        print(
            f"unknown set(s): {', '.join(sorted(unknown))}; use examples, tune, heldout",
            file=sys.stderr,
        )
        return 2
    clusters = [c.strip() for c in args.clusters.split(",") if c.strip()]
    if clusters:
        split_file = args.corpus / "split.json"
        tune = json.loads(split_file.read_text(encoding="utf-8")).get("tune", [])
        outside = [c for c in clusters if c not in tune]
        if outside:
            print(
                f"not tune clusters: {', '.join(outside)}; --clusters reads the tune half only",
                file=sys.stderr,
            )
            return 2
        wanted_sets = {"tune"}
    cases = load_all(args.gold, args.articles, args.corpus, wanted_sets)
    if clusters:
        cases = [c for c in cases if any(c.article.id.startswith(f"{k}-") for k in clusters)]
    if not cases:
        print(f"no gold records in {args.gold} or {args.corpus}", file=sys.stderr)
        return 2
    start = time.perf_counter()
    results = OfflineExtractor().extract_many([c.article for c in cases])
    elapsed = time.perf_counter() - start
    for case, result in zip(cases, results, strict=True):
        if isinstance(result, Exception):
            case.error = repr(result)
        else:
            case.found = result

    kinds = ["statements", "meetings", "proposals", "claims"]
    splits = list(dict.fromkeys(c.split for c in cases))
    scores = {
        s: score_cases([c for c in cases if c.split == s], kinds, args.verbose and s != "heldout")
        for s in splits
    }
    sizes = {s: sum(1 for c in cases if c.split == s) for s in splits}
    if args.verbose:
        for s in splits:
            for note in scores[s].notes:
                print(f"{s:<9} {note}")
        print()
    print(table(scores, sizes, kinds))
    print(f"extracted {len(cases)} articles in {elapsed:.1f}s")
    if "heldout" not in scores:
        return 0
    held = scores["heldout"].counts
    met = all(
        (held[kind].precision or 0.0) >= p and (held[kind].recall or 0.0) >= r
        for kind, (p, r) in TARGETS.items()
    )
    wanted = ", ".join(f"{k} P>={p:.2f} R>={r:.2f}" for k, (p, r) in TARGETS.items())
    print(f"held-out targets ({wanted}): {'met' if met else 'NOT met'}")
    return 0 if met else 1


if __name__ == "__main__":
    raise SystemExit(main())
