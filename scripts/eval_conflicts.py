"""Conflicts against the analysts' annotations: `summarizer run` on every corpus cluster.

Each cluster of tests/data (and the five examples) is run through the CLI against the fake
OpenAI-compatible server of the tests, which answers every article with its gold extraction,
so the figures measure reconciliation, not extraction. Printed per cluster and in total:

- found: annotated conflicts that some conflict of the record matches, out of those annotated;
- alarms: medium or high conflicts that match no annotated conflict;
- flagged: annotated non-conflicts that a medium or high conflict matches.

A conflict matches an annotation when its record kind and field agree and each of its value
groups shares an article with a different annotated side (tests/data/README.md); so that a
conflict of one claim or person is not taken for an annotation of another in the same articles,
a claim's `about` and attribute must also read like the annotated ones (as a whole: "time" is
not "time of the quake", the date of one meeting not that of another), no other annotation's
attribute read closer ("dollar bonds" against "euro bonds"), and a person's name appear in the
annotation's `about`.

With `--judge` the run asks the judge about the pairs the rules leave open, and the fake
server answers as the annotations do (a judge that reads like the analyst, as the gold is an
extractor that reads like one): a pair whose sides are an annotated conflict's is a conflict,
one whose values an annotated non-conflict gives is compatible, any other unrelated. So the
figures with `--judge` measure whether the rules put each question they cannot decide to the
judge, not how well a model answers it.

With `--backend offline` the clusters are read by the offline extractor instead, which measures
what its own records (claims included) raise: its alarms are false conflicts it would show a
reader.

    python scripts/eval_conflicts.py [--split tune|heldout|all] [--show] [--backend offline]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
sys.path.insert(0, str(ROOT / "tests"))

from fakeserver import FakeOpenAI  # noqa: E402
from rapidfuzz import fuzz  # noqa: E402

from summarizer.knowledge.folding import fold_for_comparison  # noqa: E402

_RECORDS = {
    "claims": "claim",
    "statements": "statement",
    "people": "person",
    "meetings": "meeting",
    "proposals": "proposal",
}


def _where(path: str) -> tuple[str, str]:
    parts = path.strip("/").split("/")
    return _RECORDS.get(parts[0], parts[0]), parts[-1]


def _assign(groups: Sequence[set[str]], sides: Sequence[set[str]]) -> bool:
    """Whether each group can be given its own side that shares an article with it."""

    def place(i: int, used: frozenset[int]) -> bool:
        if i == len(groups):
            return True
        return any(
            place(i + 1, used | {j})
            for j, side in enumerate(sides)
            if j not in used and groups[i] & side
        )

    return len(groups) <= len(sides) and place(0, frozenset())


def _wordings(field: dict[str, Any]) -> list[str]:
    return [str(field["value"])] + [str(a["value"]) for a in field.get("alternatives", [])]


def _attribute_score(entity: dict[str, Any], annotation: dict[str, Any]) -> float:
    """How closely a claim's attribute reads like the annotated one (0-100)."""
    wanted = [a.strip() for a in str(annotation.get("attribute") or "").split("/")]
    return max(
        fuzz.ratio(fold_for_comparison(w), fold_for_comparison(a))
        for w in wanted
        for a in _wordings(entity["attribute"])
    )


def _same_subject(
    record: dict[str, Any],
    path: str,
    annotation: dict[str, Any],
    others: Sequence[dict[str, Any]] = (),
) -> bool:
    parts = path.strip("/").split("/")
    entity = record[parts[0]][int(parts[1])]
    if parts[0] == "claims" and annotation.get("about") and not _about_alike(entity, annotation):
        return False
    if parts[0] == "claims" and annotation.get("attribute"):
        # the annotated wording itself, or one close to it in full ("time" is not "time of the
        # quake": another fact of the same kind); and no other annotation of the subject reads
        # closer ("amount of dollar bonds" is not the annotation of the euro bonds)
        score = _attribute_score(entity, annotation)
        return score >= 80 and not any(
            o.get("attribute")
            and (o["record"], o["field"]) == (annotation["record"], annotation["field"])
            and (not o.get("about") or _about_alike(entity, o))
            and _attribute_score(entity, o) > score
            for o in others
        )
    if parts[0] == "people" and annotation.get("about"):
        about = fold_for_comparison(str(annotation["about"]))
        return any(
            fold_for_comparison(n).split()[-1] in about
            for n in _wordings(entity["name"])
            if n.strip()
        )
    return True


def _about_alike(entity: dict[str, Any], annotation: dict[str, Any]) -> bool:
    """Whether a claim's `about` reads like the annotated one (a claim about a meeting the
    record names by its id is not checked): "the date" of one meeting is not another's."""
    wordings = [w for w in _wordings(entity["about"]) if not _RECORD_ID.fullmatch(w)]
    if not wordings:
        return True
    wanted = fold_for_comparison(str(annotation["about"]))
    return any(fuzz.ratio(wanted, fold_for_comparison(w)) >= 90 for w in wordings)


_RECORD_ID = re.compile(r"[a-z]{1,2}\d+")


def matches(
    conflict: dict[str, Any],
    annotation: dict[str, Any],
    key: str,
    record: dict[str, Any],
    others: Sequence[dict[str, Any]] = (),
) -> bool:
    """Whether a conflict of the record is the annotated one; `others` are the cluster's
    other annotations, of which none may read closer to the conflict's claim."""
    kind, name = _where(conflict["path"])
    if (kind, name) != (annotation["record"], annotation["field"]):
        return False
    if not _same_subject(record, conflict["path"], annotation, others):
        return False
    groups = [set(v["sources"]) for v in conflict["values"]]
    sides = [set(s["articles"]) for s in annotation[key]]
    return _assign(groups, sides)


def clusters(split: str) -> Iterator[tuple[str, str, Path, Path]]:
    """(name, split, articles folder, expected.json) of every cluster asked for."""
    chosen = json.loads((DATA / "split.json").read_text(encoding="utf-8"))
    for part in ("tune", "heldout"):
        if split not in (part, "all"):
            continue
        for name in chosen[part]:
            folder = DATA / "clusters" / name
            yield name, part, folder / "articles", folder / "expected.json"
    if split in ("tune", "all"):
        yield (
            "examples",
            "tune",
            ROOT / "examples" / "nato-russia-council",
            (ROOT / "tests" / "gold" / "expected.json"),
        )


def gold_payloads() -> dict[str, Any]:
    found: dict[str, Any] = {}
    for path in [*DATA.glob("clusters/*/gold/*.json"), *(ROOT / "tests" / "gold").glob("*.json")]:
        if path.name != "expected.json":
            found[path.stem] = json.loads(path.read_text(encoding="utf-8"))
    return found


def run_cluster(
    articles: Path, server: FakeOpenAI, out: Path, *, judge: bool, backend: str = "openai"
) -> dict[str, Any]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "SUMMARIZER_"))}
    env.update(
        OPENAI_BASE_URL=server.base_url,
        OPENAI_API_KEY="sk-eval",
        SUMMARIZER_MODEL="gpt-4o-mini",
    )
    command = [sys.executable, "-m", "summarizer", "run", str(articles), "-o", str(out)]
    command += ["--no-cache", "--backend", backend] + (["--judge"] if judge else [])
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=600)
    if result.returncode != 0:
        raise SystemExit(f"{articles}: summarizer run failed\n{result.stderr}")
    record: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    return record


def evaluate(record: dict[str, Any], expected: dict[str, Any]) -> dict[str, Any]:
    conflicts = record["conflicts"]
    loud = [c for c in conflicts if c["severity"] in ("high", "medium")]
    annotated = expected.get("conflicts", [])
    quiet = expected.get("non_conflicts", [])
    every = [*annotated, *quiet]
    found = [a for a in annotated if any(matches(c, a, "sides", record, every) for c in conflicts)]
    alarms = [c for c in loud if not any(matches(c, a, "sides", record, every) for a in annotated)]
    flagged = [n for n in quiet if any(matches(c, n, "values", record, every) for c in loud)]
    return {
        "found": len(found),
        "annotated": len(annotated),
        "missed": [a["id"] for a in annotated if a not in found],
        "alarms": alarms,
        "flagged": [n["id"] for n in flagged],
        "non_conflicts": len(quiet),
        "claims": len(record.get("claims", [])),
        "calls": record["run"]["llm_calls"] - len(record["sources"]),
        "tokens": (record["run"]["input_tokens"], record["run"]["output_tokens"]),
    }


_PAIR = re.compile(r"^Pair (q\d+) \(field `(\w+)`", re.MULTILINE)
_SIDE = re.compile(r"^  ([AB]): .*\n\s+reported by (.+)$((?:\n\s+passage: .*)*)", re.MULTILINE)
_PASSAGE = re.compile(r"passage: (\".*\")$", re.MULTILINE)
_SUBJECT = re.compile(r"^Subject: (.*)$", re.MULTILINE)


def _annotated(
    expected: dict[str, Any],
    key: str,
    field: tuple[str, str],
    subject: str,
    groups: list[set[str]],
) -> bool:
    """Whether an annotation of the field, of this subject, has sides (`key`) the two value
    groups fall on."""
    listed = expected.get("conflicts" if key == "sides" else "non_conflicts", [])
    return any(
        (a["record"], a["field"]) == field
        and _subject_alike(field[0], subject, a)
        and _assign(groups, [set(s["articles"]) for s in a[key]])
        for a in listed
    )


def _subject_alike(kind: str, subject: str, annotation: dict[str, Any]) -> bool:
    """Whether the judge's subject is the annotation's: a person by their surname, a claim by
    its `about` and attribute (as `matches` reads them)."""
    about = fold_for_comparison(str(annotation.get("about") or ""))
    if kind == "person":
        names = fold_for_comparison(subject).split()
        return bool(names) and names[-1] in about
    if kind == "claim" and " — " in subject:
        what, attribute = subject.rsplit(" — ", 1)
        wanted = [a.strip() for a in str(annotation.get("attribute") or "").split("/")]
        return fuzz.ratio(about, fold_for_comparison(what)) >= 90 and any(
            fuzz.ratio(fold_for_comparison(w), fold_for_comparison(attribute)) >= 80 for w in wanted
        )
    return True


def annotated_judge(expected: dict[str, Any]) -> Any:
    """A judge answering each pair as the annotations of one cluster do (see the module)."""

    def verdicts(entity: str, prompt: str) -> dict[str, Any]:
        kind = _RECORDS.get(entity.strip("/").split("/")[0], "")
        found = _SUBJECT.search(prompt)
        subject = found.group(1) if found else ""
        answers = []
        for block in re.split(r"\n(?=Pair q\d+ )", prompt):
            head = _PAIR.search(block)
            sides = _SIDE.findall(block)
            if head is None or len(sides) != 2:
                continue
            groups = [{s.strip() for s in side[1].split(",")} for side in sides]
            passages = [json.loads(p) for side in sides for p in _PASSAGE.findall(side[2])[:1]]

            field = (kind, head.group(2))
            verdict = (
                "compatible"
                if _annotated(expected, "values", field, subject, groups)
                else "conflict"
                if _annotated(expected, "sides", field, subject, groups)
                else "unrelated"
            )
            answers.append(
                {
                    "pair": head.group(1),
                    "verdict": verdict,
                    "severity": "medium",
                    "reason": "as the analysts annotated the pair",
                    "passages": passages,
                }
            )
        return {"verdicts": answers}

    return verdicts


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--split", choices=("tune", "heldout", "all"), default="all")
    parser.add_argument("--show", action="store_true", help="print every alarm and miss")
    parser.add_argument("--judge", action="store_true", help="run with the judge on")
    parser.add_argument(
        "--backend",
        choices=("openai", "offline"),
        default="openai",
        help="openai: the gold extractions through the fake server; offline: the offline extractor",
    )
    args = parser.parse_args(argv)
    golds = gold_payloads()
    rows: list[tuple[str, str, dict[str, Any]]] = []
    annotations: dict[str, Any] = {}
    with (
        FakeOpenAI(
            default=lambda aid: golds.get(aid, {}),
            judge=lambda entity, prompt: annotated_judge(annotations)(entity, prompt),
        ) as server,
        tempfile.TemporaryDirectory() as tmp,
    ):
        for name, part, articles, expected_path in clusters(args.split):
            expected = json.loads(expected_path.read_text(encoding="utf-8"))
            annotations.clear()
            annotations.update(expected)
            out = Path(tmp) / f"{name}.json"
            before = _judge_tokens(server)
            record = run_cluster(articles, server, out, judge=args.judge, backend=args.backend)
            row = evaluate(record, expected)
            after = _judge_tokens(server)
            row["judge_tokens"] = (after[0] - before[0], after[1] - before[1])
            rows.append((name, part, row))
    header = f"{'cluster':18} {'split':8} {'claims':>6} {'found':>9} {'alarms':>7} {'flagged':>9}"
    print(header)
    print("-" * len(header))
    totals: dict[str, dict[str, int]] = {}
    for name, part, r in rows:
        print(
            f"{name:18} {part:8} {r['claims']:6d} {r['found']:4d} / {r['annotated']:<2d} "
            f"{len(r['alarms']):7d} {len(r['flagged']):4d} / {r['non_conflicts']:<2d}"
        )
        for key in (part, "total"):
            t = totals.setdefault(key, dict.fromkeys(("f", "a", "al", "fl", "n", "c"), 0))
            t["f"] += r["found"]
            t["a"] += r["annotated"]
            t["al"] += len(r["alarms"])
            t["fl"] += len(r["flagged"])
            t["n"] += r["non_conflicts"]
            t["c"] += r["claims"]
        if args.judge:
            tokens_in, tokens_out = r["tokens"]
            judge_in, judge_out = r["judge_tokens"]
            print(
                f"    run: {r['calls']} judge calls, {judge_in} in / {judge_out} out tokens; "
                f"with extraction {tokens_in} in / {tokens_out} out"
            )
            for key in (part, "total"):
                t = totals[key]
                t["jc"] = t.get("jc", 0) + r["calls"]
                t["ji"] = t.get("ji", 0) + judge_in
                t["jo"] = t.get("jo", 0) + judge_out
        if args.show:
            for miss in r["missed"]:
                print(f"    missed {miss}")
            for alarm in r["alarms"]:
                values = " vs ".join(str(v["value"]) for v in alarm["values"])
                print(f"    alarm {alarm['severity']} {alarm['path']}: {values}")
            for flag in r["flagged"]:
                print(f"    flagged {flag}")
    print("-" * len(header))
    for key in ("tune", "heldout", "total"):
        if key in totals:
            t = totals[key]
            print(
                f"{key:18} {'':8} {t['c']:6d} {t['f']:4d} / {t['a']:<2d} {t['al']:7d} "
                f"{t['fl']:4d} / {t['n']:<2d}"
            )
            if args.judge:
                print(f"    judge: {t['jc']} calls, {t['ji']} in / {t['jo']} out tokens")
    return 0


def _judge_tokens(server: FakeOpenAI) -> tuple[int, int]:
    """Prompt and completion tokens the fake server has answered judge calls with so far."""
    with server.lock:
        used = [v for k, v in server.tokens.items() if k.startswith("judge:")]
    return sum(u[0] for u in used), sum(u[1] for u in used)


if __name__ == "__main__":
    raise SystemExit(main())
