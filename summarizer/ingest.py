"""Ingest: read articles from files, folders, JSONL and stdin; detect date, outlet, headline."""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import json
import os
import re
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import BinaryIO

from summarizer.records import Article, normalize_date

TEXT_SUFFIXES = (".txt", ".md", ".html", ".htm")
JSONL_SUFFIXES = (".jsonl", ".ndjson")
DEFAULT_MAX_BYTES = 5_000_000
MAX_FILES = 100_000


@dataclass(frozen=True)
class InputProblem:
    """An input that could not be used, with a one-line reason."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


@dataclass
class IngestResult:
    """The articles read, in input order, and the inputs that were skipped."""

    articles: list[Article] = field(default_factory=list)
    problems: list[InputProblem] = field(default_factory=list)


# --- text extraction ----------------------------------------------------------------------


class _TextOfHTML(HTMLParser):
    _SKIP = frozenset({"script", "style", "noscript", "template", "head", "svg"})
    _BLOCK = frozenset(
        {
            "p",
            "div",
            "br",
            "li",
            "h1",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "tr",
            "section",
            "article",
            "header",
            "footer",
            "blockquote",
            "title",
            "ul",
            "ol",
            "table",
            "hr",
            "pre",
        }
    )

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0
        self.title: str | None = None
        self._in_title = False
        self._in_h1 = False
        self.h1: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._SKIP:
            self.skipping += 1
        if tag == "title":
            self._in_title = True
        if tag == "h1":
            self._in_h1 = True
        if tag in self._BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP and self.skipping:
            self.skipping -= 1
        if tag == "title":
            self._in_title = False
        if tag == "h1":
            self._in_h1 = False
        if tag in self._BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self._in_title and self.title is None and data.strip():
            self.title = " ".join(data.split())
        if self.skipping:
            return
        if self._in_h1 and self.h1 is None and data.strip():
            self.h1 = " ".join(data.split())
        self.parts.append(data)


def html_to_text(markup: str) -> tuple[str, str | None]:
    """Reduce an HTML page to its readable text (paragraphs kept) and its headline."""
    parser = _TextOfHTML()
    parser.feed(markup)
    parser.close()
    text = "".join(parser.parts)
    text = re.sub(r"[ \t\r\f\v]+", " ", html.unescape(text))
    text = re.sub(r" *\n *", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text).strip()
    return text, parser.h1 or parser.title


# --- metadata detection -------------------------------------------------------------------

_MONTH_NAMES = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_HEADER_DATE = re.compile(r"^\s*date:?\s+(\d{4}-\d{2}-\d{2})\b", re.IGNORECASE)
_DATELINE = re.compile(
    r"(?:^|\n|\d{4}-\d{2}-\d{2}\s)\s*([A-Z][\w.'\-]*(?: [A-Z][\w.'\-]*){0,3}),\s+"
    rf"(?P<month>(?i:{_MONTH_NAMES}))\.?\s+(?P<day>\d{{1,2}})(?:,\s*(?P<year>\d{{4}}))?\b"
)
_FULL_DATE = re.compile(
    rf"\b(?:(?P<m1>{_MONTH_NAMES})\.?\s+(?P<d1>\d{{1,2}})(?:\s*[-\u2013]\s*\d{{1,2}})?,?\s+(?P<y1>\d{{4}})"
    rf"|(?P<d2>\d{{1,2}})\s+(?P<m2>{_MONTH_NAMES})\.?,?\s+(?P<y2>\d{{4}}))\b",
    re.IGNORECASE,
)
_WEEKDAY_DATE = re.compile(
    rf"\b(?P<weekday>{'|'.join(_WEEKDAYS)}),?\s+(?:(?P<m1>{_MONTH_NAMES})\.?\s+(?P<d1>\d{{1,2}})"
    rf"|(?P<d2>\d{{1,2}})\s+(?P<m2>{_MONTH_NAMES}))\b",
    re.IGNORECASE,
)
_ON_WEEKDAY = re.compile(
    rf"\b[Oo]n\s+(?P<weekday>(?i:{'|'.join(_WEEKDAYS)}))\b(?!,?\s+(?:\d|(?i:{_MONTH_NAMES})\b))"
)
_YEAR = re.compile(r"\b(19[5-9]\d|20\d\d)\b")
_SOFT_BREAK = re.compile(r"(?<=[A-Za-z])-\s*(?=[a-z])")

_OUTLET_PATTERNS = (
    re.compile(r"^[^\n]{0,120}?\.\s*/\s*([A-Z][A-Za-z\-]{1,20}(?: [A-Z][A-Za-z]+)?)\s*/"),
    re.compile(
        r"^[^\n]{0,80}?\(\s*([A-Z][A-Za-z\-]{1,20}(?: [A-Z][A-Za-z]+)?)\s*\)\s*[:\-\u2013\u2014]"
    ),
    re.compile(
        r"^[^\n]{0,120}?,\s*[^\n]{0,30}?\(\s*([A-Z][A-Za-z\-]{1,20})\s*\)\s*[-\u2013\u2014]"
    ),
)
# News agencies whose report an article re-tells: "as per Sputnik", "Reuters reported".
KNOWN_OUTLETS = (
    "TASS",
    "RIA Novosti",
    "Interfax",
    "Sputnik",
    "Reuters",
    "Associated Press",
    "AP",
    "AFP",
    "Agence France-Presse",
    "ANSA",
    "dpa",
    "EFE",
    "Xinhua",
    "Bloomberg",
    "BBC",
    "CNN",
    "Al Jazeera",
    "Ukrinform",
    "UNIAN",
    "RT",
    "Kyodo",
    "Yonhap",
    "PTI",
    "ANI",
    "Anadolu",
)
_CITED_OUTLET = re.compile(
    r"\b(?:as per|according to|reported by|reports?|reported)\s+(?P<a>"
    + "|".join(re.escape(o) for o in KNOWN_OUTLETS)
    + r")\b|\b(?P<b>"
    + "|".join(re.escape(o) for o in KNOWN_OUTLETS)
    + r")\s+(?:reported|reports|said|says)\b"
)
_CHROME_LINE = re.compile(
    r"^(all news|updated at:?.*|share|print|read more|advertisement|home|news|subscribe.*)$",
    re.IGNORECASE,
)


def _month_number(name: str) -> int:
    return int(normalize_date(f"{name[:3]} 1 2000")[5:7])  # type: ignore[index]


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _full_dates(text: str) -> list[dt.date]:
    found = []
    for m in _FULL_DATE.finditer(text):
        month = m["m1"] or m["m2"]
        day = m["d1"] or m["d2"]
        year = m["y1"] or m["y2"]
        date = _safe_date(int(year), _month_number(month), int(day))
        if date:
            found.append(date)
    return found


def _infer_year(month: int, day: int, text: str) -> int | None:
    """Pick the year for a month/day from the dates and years the text mentions."""
    full = _full_dates(text)
    years = [int(y) for y in _YEAR.findall(text)]
    if not full and not years:
        return None
    candidates = sorted({d.year for d in full} | set(years))
    options = {y for c in candidates for y in (c - 1, c, c + 1)}
    anchors = full or [dt.date(y, 7, 1) for y in years]

    def distance(year: int) -> int:
        date = _safe_date(year, month, day)
        if date is None:
            return 10**9
        return min(abs((date - a).days) for a in anchors)

    return min(sorted(options), key=distance)


def detect_published(text: str) -> str | None:
    """Detect an article's publication date: header line, dateline, then dates in the text."""
    head = text[:4000]
    if m := _HEADER_DATE.match(head):
        try:
            return normalize_date(m[1])
        except ValueError:
            pass
    if m := _DATELINE.search(head[:600]):
        month, day = _month_number(m["month"]), int(m["day"])
        year = int(m["year"]) if m["year"] else _infer_year(month, day, text)
        if year and (date := _safe_date(year, month, day)):
            return date.isoformat()
    return _published_from_text(text)


def _published_from_text(text: str) -> str | None:
    folded = _SOFT_BREAK.sub("", text)
    anchors: list[dt.date] = list(_full_dates(folded))
    for m in _WEEKDAY_DATE.finditer(folded):
        month = _month_number(m["m1"] or m["m2"])
        day = int(m["d1"] or m["d2"])
        weekday = _WEEKDAYS.index(m["weekday"].lower())
        year = _infer_year(month, day, folded)
        for y in ([year] if year else []) + list(range(dt.date.today().year, 1990, -1)):
            date = _safe_date(y, month, day)
            if date and date.weekday() == weekday:
                anchors.append(date)
                break
    if not anchors:
        return None
    anchor = min(anchors)
    if said := _ON_WEEKDAY.search(folded):
        weekday = _WEEKDAYS.index(said["weekday"].lower())
        back = (anchor.weekday() - weekday) % 7
        return (anchor - dt.timedelta(days=back)).isoformat()
    return anchor.isoformat()


def detect_outlet(text: str) -> str | None:
    """Detect the outlet from the dateline (`/TASS/`, `(ANSA) -`) or the agency it re-tells."""
    head = text.lstrip()[:600]
    head = _HEADER_DATE.sub("", head, count=1).lstrip()
    for line in head.splitlines()[:12]:
        for pattern in _OUTLET_PATTERNS:
            if m := pattern.match(line.strip()):
                return m[1].strip()
    counts: dict[str, int] = {}
    for m in _CITED_OUTLET.finditer(text):
        name = m["a"] or m["b"]
        counts[name] = counts.get(name, 0) + 1
    if counts:
        return max(sorted(counts), key=lambda k: counts[k])
    return None


def detect_headline(text: str) -> str | None:
    """The first short line that reads as a headline, skipping page chrome; else None."""
    lines = [line.strip() for line in text.splitlines()]
    nonblank = [line for line in lines if line][:6]
    for line in nonblank:
        if _CHROME_LINE.match(line):
            continue
        if (
            len(line) <= 160
            and not line.endswith((".", ":", ";", ","))
            and len(line.split()) >= 3
            and not _HEADER_DATE.match(line)
            and not _DATELINE.match(line)
        ):
            return line
        return None
    return None


# --- reading ------------------------------------------------------------------------------


def _decode(data: bytes) -> str:
    """Decode UTF-8 strictly (a leading BOM dropped); ValueError says what is wrong."""
    if b"\x00" in data[:8192]:
        raise ValueError("binary file (contains NUL bytes), not text; give a .txt, .md or .html")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise ValueError(
            f"not UTF-8 text (byte 0x{data[e.start]:02x} at offset {e.start}); convert it to UTF-8"
        ) from None
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip():
        raise ValueError("empty article (no text); remove it or fill it")
    return text


def make_article(
    id: str,
    text: str,
    *,
    path: str,
    published: str | None = None,
    outlet: str | None = None,
    headline: str | None = None,
) -> Article:
    """Build an Article from its text, detecting what is not given."""
    if published is not None:
        published = normalize_date(published)
    return Article(
        id=id,
        path=path,
        text=text,
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        chars=len(text),
        published=published or detect_published(text),
        outlet=outlet or detect_outlet(text),
        headline=headline or detect_headline(text),
    )


def _walk(folder: Path, problems: list[InputProblem]) -> Iterator[Path]:
    """Every article file below a folder, sorted; symlinked folders are not followed."""
    found: list[Path] = []

    def onerror(error: OSError) -> None:
        problems.append(
            InputProblem(str(error.filename or folder), f"cannot list: {error.strerror}")
        )

    for root, dirs, files in os.walk(folder, onerror=onerror, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in files:
            if name.lower().endswith(TEXT_SUFFIXES + JSONL_SUFFIXES) and not name.startswith("."):
                found.append(Path(root) / name)
        if len(found) > MAX_FILES:
            problems.append(
                InputProblem(str(folder), f"more than {MAX_FILES} files; only the first read")
            )
            break
    yield from sorted(found)[:MAX_FILES]


class _Ids:
    """Gives each article a stable id, unique within the batch."""

    def __init__(self) -> None:
        self.used: set[str] = set()

    def take(self, wanted: str) -> str:
        base = re.sub(r"[^\w.\-]+", "_", wanted).strip("._") or "article"
        candidate, n = base, 1
        while candidate in self.used:
            n += 1
            candidate = f"{base}-{n}"
        self.used.add(candidate)
        return candidate


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    size = path.stat().st_size
    if size > max_bytes:
        raise ValueError(
            f"too large ({size:,} bytes > limit {max_bytes:,}); raise SUMMARIZER_MAX_BYTES "
            "or split it"
        )
    with path.open("rb") as handle:
        data = handle.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise ValueError(f"too large (> limit {max_bytes:,} bytes)")
    return data


def _jsonl_articles(data: bytes, label: str, ids: _Ids, result: IngestResult) -> None:
    for number, raw in enumerate(data.splitlines(), start=1):
        where = f"{label}:{number}"
        if not raw.strip():
            continue
        try:
            item = json.loads(raw)
        except (json.JSONDecodeError, UnicodeDecodeError) as e:
            result.problems.append(
                InputProblem(where, f"broken JSON line ({e.__class__.__name__}); skipped")
            )
            continue
        if not isinstance(item, dict):
            result.problems.append(
                InputProblem(where, 'not a JSON object; expected {"id", "text"}')
            )
            continue
        text = item.get("text")
        if not isinstance(text, str) or not text.strip():
            result.problems.append(InputProblem(where, 'no "text" string, or it is empty; skipped'))
            continue
        wanted = item.get("id")
        wanted = (
            str(wanted)
            if isinstance(wanted, (str, int)) and str(wanted).strip()
            else f"{Path(label).stem}-{number}"
        )
        published = item.get("published") or item.get("date")
        try:
            article = make_article(
                ids.take(wanted),
                text,
                path=str(item.get("path") or where),
                published=published if isinstance(published, str) else None,
                outlet=item.get("outlet") if isinstance(item.get("outlet"), str) else None,
                headline=item.get("headline") if isinstance(item.get("headline"), str) else None,
            )
        except ValueError as e:
            result.problems.append(InputProblem(where, f"bad field: {e}"))
            continue
        result.articles.append(article)


def _file_article(data: bytes, path: Path, label: str, ids: _Ids, result: IngestResult) -> None:
    text = _decode(data)
    headline = None
    if path.suffix.lower() in (".html", ".htm"):
        text, headline = html_to_text(text)
        if not text.strip():
            raise ValueError("HTML page with no readable text")
    result.articles.append(make_article(ids.take(path.stem), text, path=label, headline=headline))


def read_articles(
    paths: Sequence[str | Path],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    stdin: BinaryIO | None = None,
) -> IngestResult:
    """Read articles from files, folders, JSONL files and `-` (stdin).

    Bad inputs never stop the others: each becomes an `InputProblem` with a one-line reason.

    Args:
        paths: Files (`.txt`, `.md`, `.html`, `.jsonl`), folders (searched recursively), or
            `-` for standard input (plain text, or JSONL when every line is a JSON object).
        max_bytes: Files larger than this are refused without being read.
        stdin: Stream to read for `-` (default `sys.stdin.buffer`).
    """
    result = IngestResult()
    ids = _Ids()
    seen: set[Path] = set()
    for given in paths:
        if str(given) == "-":
            stream = stdin if stdin is not None else sys.stdin.buffer
            data = stream.read(max_bytes + 1)
            if len(data) > max_bytes:
                result.problems.append(InputProblem("-", f"stdin larger than {max_bytes:,} bytes"))
                continue
            stripped = data.lstrip()
            if stripped.startswith(b"{") and b"\n" in stripped.strip():
                _jsonl_articles(data, "stdin", ids, result)
                continue
            try:
                text = _decode(data)
            except ValueError as e:
                result.problems.append(InputProblem("-", str(e)))
                continue
            result.articles.append(make_article(ids.take("stdin"), text, path="-"))
            continue
        path = Path(given)
        if path.is_dir():
            files: Iterable[Path] = _walk(path, result.problems)
        elif path.exists():
            files = [path]
        else:
            result.problems.append(InputProblem(str(path), "no such file or folder"))
            continue
        for file in files:
            label = str(file)
            try:
                resolved = file.resolve(strict=True)
            except (OSError, RuntimeError):
                result.problems.append(
                    InputProblem(label, "broken symlink or symlink loop; skipped")
                )
                continue
            if resolved in seen:
                continue
            seen.add(resolved)
            if not resolved.is_file():
                result.problems.append(InputProblem(label, "not a regular file; skipped"))
                continue
            try:
                data = _read_bytes(resolved, max_bytes)
                if file.suffix.lower() in JSONL_SUFFIXES:
                    _jsonl_articles(data, label, ids, result)
                else:
                    _file_article(data, file, label, ids, result)
            except PermissionError:
                result.problems.append(InputProblem(label, "permission denied; check its mode"))
            except OSError as e:
                result.problems.append(InputProblem(label, f"cannot read: {e.strerror or e}"))
            except ValueError as e:
                result.problems.append(InputProblem(label, str(e)))
    return result


def iter_sentence_chunks(text: str, max_chars: int, overlap: int) -> Iterator[tuple[int, str]]:
    """Split a long text at sentence boundaries into overlapping chunks `(offset, chunk)`.

    Every chunk is a slice of the original text, so `text[offset:offset + len(chunk)] == chunk`
    and offsets found in a chunk map back by adding `offset`.
    """
    if len(text) <= max_chars:
        yield 0, text
        return
    ends = re.finditer("(?<=[.!?\u2026])[\"'\u201d\u2019\u00bb)]*\\s+|\n\\s*\n", text)
    boundaries = [0] + [m.end() for m in ends]
    boundaries.append(len(text))
    start = 0
    while start < len(text):
        limit = start + max_chars
        end = max((b for b in boundaries if start < b <= limit), default=min(limit, len(text)))
        if end >= len(text) or limit >= len(text):
            end = len(text)
        yield start, text[start:end]
        if end >= len(text):
            return
        back = end - overlap
        next_start = min((b for b in boundaries if b >= back), default=end)
        start = next_start if start < next_start < end else end


__all__ = [
    "IngestResult",
    "InputProblem",
    "detect_headline",
    "detect_outlet",
    "detect_published",
    "html_to_text",
    "iter_sentence_chunks",
    "make_article",
    "read_articles",
]
