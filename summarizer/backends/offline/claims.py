"""Claims: the figures, durations, times of day and dates a report states as facts.

A baseline that prefers saying nothing to saying something wrong. Each candidate is one of
spaCy's entities (a count, an amount, a share, a measure, a duration, a time of day, a date)
that the parse ties to something it can name: the noun a figure counts or measures and the verb
that governs it ("38 more sections" that two sides *agreed*: "sections agreed"), the subject of
the verb a duration or time belongs to ("the talks lasted nearly seven hours": "duration of
talks"). The attribute is worded from the article's own words, so two reports of one fact read
alike when they use the same noun and verb. What the parse cannot tie to a noun is left out, and
so are: figures inside quotation marks (the speaker's words, kept verbatim by the statement, and
often rhetorical), sentences without a verb (headlines, chrome, datelines), ordinals, partitives
("nine of the 14"), numbers that refer back ("the two sides"), ages and figures in appositions,
relative spans and deadlines ("two years ago", "within 24 hours", "by noon"), attributes of one
word ("people", "the rate": too vague to tell two facts apart), and a meeting's own date (its
record holds it). `about` is the meeting or proposal of the sentence, else the
article's main meeting, else the event its lead sentence reports; `attributed_to` is the
speaker of the statement whose words hold the figure ("…, police said", "according to …").
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from summarizer.backends.offline.dates import resolve_dates
from summarizer.backends.offline.lexicon import EVENT_KINDS, HOLD_VERBS, MEET_VERBS, MEETING_VERBS
from summarizer.backends.offline.nlp import coarse_pos
from summarizer.backends.offline.statements import find_quotes
from summarizer.backends.offline.text import clean_passage
from summarizer.ground import quote_sized
from summarizer.knowledge.datelines import dated_place, day_first_dated_place, wire_dateline
from summarizer.knowledge.figures import units
from summarizer.normalize import text_key
from summarizer.records import Claim, Meeting, Proposal, Quantity, Statement
from summarizer.semantics.dates import date_in_words
from summarizer.semantics.quantities import Figure, parse_figure, unit_of
from summarizer.semantics.times import parse_time

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from summarizer.backends.offline.parsed import ParsedArticle

__all__ = ["build_claims"]

FIGURE_LABELS = frozenset(("CARDINAL", "QUANTITY", "MONEY", "PERCENT"))
SPAN_LABELS = frozenset(("DATE", "TIME"))
_PLACE_LABELS = frozenset(("GPE", "LOC", "FAC"))
_COMMON = frozenset(("NN", "NNS"))
# A zone after a clock reading: "GMT", "local time", "(08:00 Moscow time)".
_ZONE_TAIL = re.compile(
    r"\s*(?:GMT|UTC|local time|[A-Z][a-z]+ time)?(?:\s*\([^()]{0,30}\d[:.]\d\d[^()]{0,20}\))?"
)
# What a sentence of prose ends with: a full stop, a question or exclamation mark, a closing
# quotation mark (straight, curly or angled) or bracket.
_SENTENCE_ENDS = frozenset(".!?\"')\u201d\u2019\u00bb")
# How far either side of a value a quote reaches when its sentence and clause are too long.
_AROUND = 120
_GENERIC = frozenset(text_key("number of the total amount size"))
_CLOCK = re.compile(r"\d:\d\d\b|\d\s*[ap]\.?m\b")
# Words before a figure or a clock reading that say how exact it is.
_APPROXIMATE = frozenset(
    ("about", "around", "approximately", "roughly", "some", "nearly", "almost")
)
_MONTH_OR_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")


@cache
def _words() -> dict[str, Any]:
    text = resources.files(__package__).joinpath("data", "claims.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def _common(t: Token) -> bool:
    """A common noun that is a word, not a unit: "border", not "km" or "%"."""
    return t.tag_ in _COMMON and t.is_alpha and unit_of(t.text) is None


def _dimension_word(unit: str | None) -> str | None:
    if unit is None or unit not in units():
        return None
    dimension = units()[unit].dimension
    words: dict[str, str] = _words()["dimension_words"]
    return words.get("money" if dimension.startswith("money_") else dimension)


def _singular(word: str) -> str:
    word = word.lower()
    irregular: dict[str, str] = _words()["irregular_plurals"]
    if word in irregular:
        return irregular[word]
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "sses", "xes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


@dataclass(frozen=True, slots=True)
class Attribution:
    """A stretch of the article whose words a statement puts in someone's mouth."""

    start: int
    end: int
    speaker: str


def attributions(
    art: ParsedArticle, statements: Sequence[tuple[Statement, int]]
) -> list[Attribution]:
    """Where each reported statement's words lie in the article, and who said them."""
    out: list[Attribution] = []
    for statement, n in statements:
        sent = art.sents[n]
        for quote in statement.quotes:
            start = art.text.find(quote, max(0, sent.start_char - len(quote)))
            if start >= 0:
                out.append(Attribution(start, start + len(quote), statement.speaker.name))
    return out


class _Finder:
    """The claims of one parsed article."""

    def __init__(
        self,
        art: ParsedArticle,
        meetings: Sequence[Meeting],
        meeting_sents: Sequence[set[int]],
        proposals: Sequence[Proposal],
        statements: Sequence[tuple[Statement, int]],
    ) -> None:
        self.art = art
        self.meetings = meetings
        self.meeting_sents = meeting_sents
        self.proposals = proposals
        self.said = attributions(art, statements)
        self.meeting_dates = {m.date for m in meetings if m.date} | {
            m.end_date for m in meetings if m.end_date
        }
        # Quotation marks read in the parsed text: the article's, with runs of punctuation
        # blanked (the same offsets), which keeps the reading linear in the article's length.
        self.quoted = [
            (a, b) for a, b in find_quotes(art.doc.text) if len(art.text[a:b].split()) >= 4
        ]
        words = _words()
        self.start_verbs = frozenset(words["start_verbs"])
        self.light_verbs = frozenset(words["light_verbs"])
        self.relative = frozenset(words["relative_words"])
        self.datelines = self._datelines()
        self.main = self._main_subject()

    # --- what the article is about ---

    def _datelines(self) -> list[tuple[int, int]]:
        """Where the report says where and when it was filed ("LISBON, March 3 (Reuters) -",
        "Moscow, December 30."): at the start of one of its first sentences."""
        spans = []
        for sent in self.art.sents[:4]:
            start = sent.start_char
            while start < sent.end_char and self.art.text[start].isspace():
                start += 1
            found = wire_dateline().match(self.art.text, start)
            if found is not None and found.end() > start:
                spans.append((start, found.end()))
        head = self.art.text[:300]
        for pattern in (dated_place(), day_first_dated_place()):
            spans += [(m.start(), m.end()) for m in pattern.finditer(head)]
        return spans

    def _main_subject(self) -> str | None:
        """What the article reports, named so that other reports' claims resolve to it: the
        meeting its lead sentence names, else its most mentioned meeting, else its first
        proposal; an article of none of these (a disaster, a decision) by the event its first
        telling sentence reports (subject and verb: "ferry sank")."""
        prose = [n for n in range(len(self.art.sents)) if self._is_prose(n)]
        if prose:
            for k, sents in enumerate(self.meeting_sents):
                if prose[0] in sents:
                    return self.meetings[k].name
        if self.meetings:
            counts = [len(s) for s in self.meeting_sents]
            best = max(range(len(self.meetings)), key=lambda k: (counts[k], -k))
            return self.meetings[best].name
        if self.proposals:
            return self.proposals[0].title
        return next((e for n in prose if (e := self._event(n)) is not None), None)

    def _event(self, n: int) -> str | None:
        root = self.art.sents[n].root
        if self.art.is_reporting(root):
            root = next((c for c in root.children if c.dep_ == "ccomp"), root)
        if coarse_pos(root) != "VERB" or root.lower_ in self.light_verbs:
            return None
        subject = next(
            (c for c in root.children if c.dep_ in {"nsubj", "nsubjpass"} and _common(c)),
            None,
        )
        return f"{self._noun_phrase(subject)} {root.lower_}" if subject is not None else None

    def about(self, n: int, start: int, end: int) -> str | None:
        for k, sents in enumerate(self.meeting_sents):
            if n in sents:
                return self.meetings[k].name
        sentence = self.art.sentence_text(n)
        for p in self.proposals:
            if any(q in sentence or sentence in q for q in p.quotes):
                return p.title
        return self.main

    def attributed_to(self, start: int, end: int) -> str | None:
        for a in self.said:
            if a.start <= start and end <= a.end:
                return a.speaker
        return None

    # --- sentences and spans worth reading ---

    def _is_prose(self, n: int) -> bool:
        sent = self.art.sents[n]
        text = sent.text.strip()
        if not text or text[-1] not in _SENTENCE_ENDS:
            return False  # a headline, a label, page chrome
        if text.lower().startswith("date "):
            return False
        return any(coarse_pos(t) == "VERB" and t.dep_ != "amod" for t in sent)

    def _inside_quotes(self, start: int, end: int) -> bool:
        return any(a <= start and end <= b for a, b in self.quoted)

    # --- words around an entity ---

    def _noun_phrase(self, noun: Token) -> str:
        words = [c for c in noun.children if c.dep_ == "compound" and c.i < noun.i and _common(c)]
        return " ".join([*(c.lower_ for c in words), noun.lower_]).strip()

    def _verb_of(self, t: Token) -> Token | None:
        """The verb that governs `t`, looking through a following infinitive ("need to be
        settled" -> "settled"); None for a light verb such as "be" or "say"."""
        verb = self.art.governing_verb(t)
        if verb is None:
            return None
        node = t
        while node.i != verb.i:
            if node.dep_ in {"appos", "acl", "relcl"} and node.i != t.i:
                return None  # "Mongolia, a country of 3.5 million people, sells": not theirs
            node = node.head
        for _ in range(3):
            nxt = next((c for c in verb.children if c.dep_ == "xcomp" and c.tag_[:2] == "VB"), None)
            if nxt is None:
                break
            verb = nxt
        if verb.lower_ in self.light_verbs or coarse_pos(verb) != "VERB":
            return None
        return verb

    def _subject(self, verb: Token) -> Token | None:
        node: Token | None = verb
        for _ in range(3):
            if node is None:
                return None
            subject = next((c for c in node.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
            if subject is not None and subject.tag_ == "WDT" and node.dep_ == "relcl":
                subject = node.head  # "conversations that lasted 50 minutes"
            if subject is not None:
                return subject if _common(subject) else None
            node = node.head if node.dep_ in {"xcomp", "conj", "advcl"} else None
        return None

    def _worded(self, noun: Token, verb: Token | None) -> str:
        phrase = self._noun_phrase(noun)
        if verb is None:
            return phrase
        return f"{verb.lower_} {phrase}" if verb.i < noun.i else f"{phrase} {verb.lower_}"

    def _of_noun(self, head: Token) -> Token | None:
        """The noun after "of": "seven hours of talks" -> talks, "9% of the border" -> border."""
        for c in head.children:
            if c.dep_ == "prep" and c.lower_ == "of":
                obj = next((g for g in c.children if g.dep_ == "pobj"), None)
                if obj is not None and _common(obj):
                    return obj
        return None

    # --- figures ---

    def figure(self, n: int, ent: Span) -> Claim | None:
        root = ent.root
        if self._partitive(root) or self._definite(ent):
            return None
        first = parse_figure(ent.text)
        if first is None or (ent.label_ != "CARDINAL" and first.unit is None):
            return None
        head = root.head
        if first.unit is None and root.dep_ == "nummod" and head.i >= ent.end:
            return self.count(n, ent, head)
        if first.unit is None and root.dep_ in {"pobj", "attr"}:
            return self.level(n, ent, first)
        if first.unit is None:
            return None
        return self.measure(n, ent, ent.end_char, first)

    def count(self, n: int, ent: Span, noun: Token) -> Claim | None:
        """A number that counts a noun: "38 more sections", "at least five people"."""
        if noun.tag_ not in _COMMON or not noun.is_alpha or noun.lower_ in EVENT_KINDS:
            return None
        end = noun.idx + len(noun.text) if noun.i - ent.end <= 3 else ent.end_char
        measured = parse_figure(self.art.text[ent.start_char : end])
        if measured is not None and measured.unit is not None:
            return self.measure(n, ent, end, measured, noun)
        verb = self._verb_of(noun)
        attribute = self._worded(noun, verb)
        if verb is None:
            extra = self._place_words(noun)
            if extra is None and " " not in attribute:
                return None  # a bare noun ("people") names no property
            attribute = f"{attribute} {extra}" if extra else attribute
        if len(set(text_key(attribute)) - _GENERIC) < 2:
            return None  # one word ("people") cannot tell one count from another
        return self._claim(n, ent.start_char, end, attribute, measured, _singular(noun.text))

    def level(self, n: int, ent: Span, figure: Figure) -> Claim | None:
        """A figure something reaches: "the toll rose to eight", "the toll is 11"."""
        root = ent.root
        if root.dep_ == "pobj":
            if root.head.lower_ != "to":
                return None
            verb = root.head.head
        else:
            verb = root.head
        if coarse_pos(verb) not in {"VERB", "AUX"}:
            return None
        subject = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if subject is None or not _common(subject):
            return None
        attribute = self._noun_phrase(subject)
        of = self._of_noun(subject)
        if of is not None:
            participle = next((c for c in of.children if c.dep_ == "acl" and c.tag_ == "VBN"), None)
            attribute += f" of {self._noun_phrase(of)}"
            attribute += f" {participle.lower_}" if participle is not None else ""
        if len(set(text_key(attribute)) - _GENERIC) < 2:
            return None  # "the number rose to eight": eight of what?
        start = verb.idx if root.dep_ == "pobj" and 0 <= ent.start - verb.i <= 3 else ent.start_char
        return self._claim(n, start, ent.end_char, attribute, figure)

    def measure(
        self, n: int, ent: Span, end: int, figure: Figure, noun: Token | None = None
    ) -> Claim | None:
        """A figure with a unit: "about 970 kilometers" of a border, "9%" of the frontier."""
        dimension = _dimension_word(figure.unit)
        if dimension is None:
            return None
        root = noun or ent.root
        owner = self._of_noun(root)
        head = root.head
        if owner is None and root.dep_ in {"compound", "amod", "nmod", "nummod", "quantmod"}:
            owner = head if head.i > root.i and _common(head) else None
        if owner is None and root.dep_ == "pobj" and head.lower_ == "of":
            owner = head.head if _common(head.head) else None
        level = False
        if owner is None and root.dep_ == "pobj" and head.lower_ in {"to", "at", "by"}:
            verb = head.head
            kids = sorted(
                (c for c in verb.children if c.dep_ in {"dobj", "nsubj", "nsubjpass"}),
                key=lambda c: c.dep_ != "dobj",
            )
            owner = next((c for c in kids if _common(c)), None)
            if head.lower_ == "by":
                dimension = "change"
            else:
                level = True  # "raised the rate to 10.25%": the rate's level
        if owner is None or owner.i in range(ent.start, ent.end):
            return None
        phrase = self._noun_phrase(owner)
        if level and len(set(text_key(phrase)) - _GENERIC) < 2:
            return None  # "the rate", "members": which rate, whose figure?
        attribute = phrase if level else f"{dimension} of {phrase}"
        return self._claim(n, ent.start_char, end, attribute, figure)

    def _place_words(self, noun: Token) -> str | None:
        """A short prepositional phrase that says which ones: "people on board"."""
        for c in noun.children:
            if c.dep_ == "prep" and c.i > noun.i and c.lower_ in {"on", "aboard", "in"}:
                obj = next((g for g in c.children if g.dep_ == "pobj"), None)
                if obj is not None and obj.tag_ in _COMMON and not obj.ent_type_:
                    return f"{c.lower_} {obj.lower_}"
        return None

    def _definite(self, ent: Span) -> bool:
        """ "the two sides", "its 14 villages": a number that refers back, not a new fact."""
        if ent.start == 0:
            return False
        before = self.art.tokens[ent.start - 1]
        return before.lower_ in {"the", "both", "these", "those", "their", "its", "his", "her"}

    def _partitive(self, root: Token) -> bool:
        return any(c.dep_ == "prep" and c.lower_ == "of" for c in root.children) and (
            root.ent_type_ == "CARDINAL"
        )

    def _claim(
        self,
        n: int,
        start: int,
        end: int,
        attribute: str,
        figure: Figure | None,
        count_unit: str | None = None,
        date: str | None = None,
    ) -> Claim | None:
        value = self.art.text[start:end].strip()
        quantity = None
        if figure is not None:
            unit = units().get(figure.unit or "")
            factor = unit.factor if unit is not None else 1.0
            amount = round(figure.amount / factor, 9)
            quantity = Quantity(
                amount=amount, unit=figure.unit or count_unit, qualifier=figure.qualifier
            )
        quote = self.quote(n, start, end)
        about = self.about(n, start, end)
        if not value or not quote or about is None:
            return None
        return Claim(
            about=about,
            attribute=attribute,
            value=value,
            quantity=quantity,
            date=date,
            attributed_to=self.attributed_to(start, end),
            quotes=[quote],
        )

    def quote(self, n: int, start: int, end: int) -> str:
        """The sentence that states the value; when a long sentence is more than a quote, the
        clause of the verb that governs the value; else the words around it."""
        text = self.art.text
        sent = self.art.sents[n]
        a, b = clean_passage(text, sent.start_char, sent.end_char)
        if quote_sized(text, a, b):
            return text[a:b]
        verb = self.art.governing_verb(self.art.token_at(start))
        if verb is not None:
            a = max(sent.start_char, verb.left_edge.idx)
            b = min(sent.end_char, verb.right_edge.idx + len(verb.right_edge.text))
            a, b = clean_passage(text, min(a, start), max(b, end))
            if quote_sized(text, a, b):
                return text[a:b]
        a = max(sent.start_char, start - _AROUND)
        b = min(sent.end_char, end + _AROUND)
        a = a if a == sent.start_char else text.find(" ", a, start) + 1 or start
        b = b if b == sent.end_char else max(end, text.rfind(" ", end, b))
        a, b = clean_passage(text, a, b)
        return text[a:b]

    # --- durations, times of day and dates ---

    def span(self, n: int, ent: Span) -> Claim | None:
        words = {t.lower_ for t in ent}
        if words & self.relative:
            return None
        figure = parse_figure(ent.text)
        if (
            figure is not None
            and (unit := units().get(figure.unit or "")) is not None
            and unit.dimension == "duration"
        ):
            return self.duration(n, ent, figure)
        if ent.label_ == "TIME":
            return self.time(n, ent)
        return self.date(n, ent)

    def _owner(self, ent: Span) -> Token | None:
        """What a duration belongs to: the noun after "of" ("seven hours of talks"), the noun
        a "for" or "after" phrase hangs on, or the subject of the verb ("the call lasted")."""
        root = ent.root
        of = self._of_noun(root)
        if of is not None:
            return of
        if root.dep_ == "pobj" and root.head.lower_ not in {"for", "after", "over", "during"}:
            return None
        if root.dep_ == "pobj" and _common(root.head.head):
            return root.head.head
        verb = self._verb_of(root)
        return self._subject(verb) if verb is not None else None

    def _windowed(self, ent: Span) -> bool:
        before = self.art.tokens[ent.start - 1].lower_ if ent.start else ""
        return before in _words()["window_prepositions"]

    def duration(self, n: int, ent: Span, figure: Figure) -> Claim | None:
        if "-" in ent.text and ent.root.dep_ in {"amod", "compound", "nmod"}:
            return None  # "a 91-day bill": the kind of thing, not how long something lasted
        if self._windowed(ent):
            return None  # "within 24 hours": a deadline, not how long something lasted
        owner = self._owner(ent)
        if owner is None or owner.lower_ == "time":
            return None
        attribute = f"duration of {self._noun_phrase(owner)}"
        return self._claim(n, ent.start_char, ent.end_char, attribute, figure)

    def time(self, n: int, ent: Span) -> Claim | None:
        if ent.root.dep_ in {"amod", "compound"}:
            return None  # "an overnight run": what kind of run, not when
        if self._windowed(ent):
            return None  # "by noon", "until 18:00": a deadline or a window, not a moment
        end = ent.end_char
        tail = _ZONE_TAIL.match(self.art.text[end:])
        if tail is not None:
            end += tail.end()
        start = ent.start_char
        if ent.start > 0 and self.art.tokens[ent.start - 1].lower_ in _APPROXIMATE:
            start = self.art.tokens[ent.start - 1].idx
        value = self.art.text[start:end]
        if parse_time(value) is None:
            return None
        root = ent.root
        owner = self._of_noun(root)
        if owner is None and root.dep_ == "pobj" and _common(root.head.head):
            owner = root.head.head
        if owner is not None:
            attribute = f"time of {self._noun_phrase(owner)}"
            return self._claim(n, start, end, attribute, None)
        verb = self._verb_of(root)
        subject = self._subject(verb) if verb is not None else None
        if verb is None or subject is None:
            return None
        if verb.lower_ in self.start_verbs:
            attribute = f"start time of {self._noun_phrase(subject)}"
        else:
            attribute = f"time {self._worded(subject, verb)}"
        return self._claim(n, start, end, attribute, None)

    def date(self, n: int, ent: Span) -> Claim | None:
        root = ent.root
        if root.dep_ != "pobj" or root.head.lower_ not in _words()["date_prepositions"]:
            return None
        if not (_MONTH_OR_YEAR.search(ent.text) or re.search(r"[A-Z][a-z]+", ent.text)):
            return None
        iso = date_in_words(ent.text, self.art.article.published)
        if iso is None:
            return None
        target = root.head.head
        if _common(target):
            owner: Token | None = target
            verb = None
        else:
            verb = self._verb_of(root)
            owner = self._subject(verb) if verb is not None else None
        if owner is None or owner.lower_ in EVENT_KINDS or iso in self.meeting_dates:
            return None  # a meeting's date is its record's
        if verb is not None and (
            verb.lower_ in MEET_VERBS | MEETING_VERBS | HOLD_VERBS
            or any(c.lower_ in EVENT_KINDS for c in verb.subtree)
        ):
            return None
        attribute = f"date {self._worded(owner, verb)}" if verb else f"date of {owner.lower_}"
        return self._claim(n, ent.start_char, ent.end_char, attribute, None, date=iso)

    # --- a meeting's own date, place and start time ---

    def _meeting_value(self, k: int, attribute: str) -> tuple[int, int, int] | None:
        """Where the article first states meeting `k`'s date, place or start time in one of
        the sentences that mention the meeting: (sentence, start, end), or None when its words
        are not found there (a date worked out from other words, a place the record names)."""
        meeting = self.meetings[k]
        for n in sorted(self.meeting_sents[k]):
            sent = self.art.sents[n]
            a, b = sent.start_char, sent.end_char
            if attribute == "date":
                text = self.art.text[a:b]
                for direction in (0, -1, 1):
                    for d in resolve_dates(text, self.art.ref, direction):
                        start = a + d.start
                        if d.value == meeting.date and not self._in_dateline(start):
                            return n, start, a + d.end
                continue
            words = (meeting.location if attribute == "location" else meeting.time) or ""
            found = self.art.text.find(words, a, b) if words else -1
            if found >= 0 and self._names(attribute, found, found + len(words)):
                end = found + len(words)
                tail = _ZONE_TAIL.match(self.art.text, end) if attribute != "location" else None
                return n, found, min(b, tail.end()) if tail is not None else end
        return None

    def _names(self, attribute: str, start: int, end: int) -> bool:
        """Whether the words at start:end name a place (an entity of the parse's place labels)
        or a clock reading (a time entity, or digits with a colon or a.m./p.m.): a record's
        place or time the parse reads as something else ("a Kazakh city", "10.25%") is left to
        the record."""
        labels = {t.ent_type_ for t in self.art.between(start, end)}
        if attribute == "location":
            return bool(labels & _PLACE_LABELS)
        return not labels & FIGURE_LABELS - {"CARDINAL"} and (
            "TIME" in labels or _CLOCK.search(self.art.text[start:end]) is not None
        )

    def _in_dateline(self, start: int) -> bool:
        return any(a <= start < b for a, b in self.datelines)

    def meeting_claims(self) -> list[tuple[int, int, Claim]]:
        """Each meeting's date, place and start time as claims about it, worded as the article
        words them where it first states them beside the meeting: the same facts a model
        records, so that two reports' meetings compare field by field."""
        out: list[tuple[int, int, Claim]] = []
        for k, meeting in enumerate(self.meetings):
            given = {"date": meeting.date, "location": meeting.location, "start time": meeting.time}
            for attribute, known in given.items():
                found = self._meeting_value(k, attribute) if known else None
                if found is None:
                    continue
                n, start, end = found
                quote = self.quote(n, start, end)
                if not quote:
                    continue
                claim = Claim(
                    about=meeting.name,
                    attribute=attribute,
                    value=self.art.text[start:end],
                    date=meeting.date if attribute == "date" else None,
                    attributed_to=self.attributed_to(start, end),
                    quotes=[quote],
                )
                out.append((start, end, claim))
        return out

    # --- the article ---

    def run(self) -> list[Claim]:
        taken = self.meeting_claims()
        claims: list[Claim] = [c for _, _, c in taken]
        seen: set[tuple[str, str]] = set()
        covered = 0  # the end of the last claim's value: its parts are not claims again
        for n, sent in enumerate(self.art.sents):
            if not self._is_prose(n):
                continue
            for ent in sent.ents:
                if (
                    ent.start_char < covered
                    or self._inside_quotes(ent.start_char, ent.end_char)
                    or self._in_dateline(ent.start_char)
                    or any(a < ent.end_char and ent.start_char < b for a, b, _ in taken)
                ):
                    continue
                if ent.label_ in FIGURE_LABELS and not _CLOCK.search(ent.text):
                    claim = self.figure(n, ent)
                elif ent.label_ in FIGURE_LABELS:
                    claim = self.time(n, ent)
                elif ent.label_ in SPAN_LABELS:
                    claim = self.span(n, ent)
                else:
                    continue
                if claim is None:
                    continue
                key = (claim.attribute, claim.value.lower())
                covered = max(
                    covered, self.art.text.find(claim.value, sent.start_char) + len(claim.value)
                )
                if key not in seen:
                    seen.add(key)
                    claims.append(claim)
        return claims


def build_claims(
    art: ParsedArticle,
    meetings: Sequence[Meeting],
    meeting_sents: Sequence[set[int]],
    proposals: Sequence[Proposal],
    statements: Sequence[tuple[Statement, int]],
) -> list[Claim]:
    """The claims of one article, each with the sentence that states it as its quote.

    Args:
        art: the parsed article.
        meetings: its meetings, and for each the sentences that mention it.
        meeting_sents: for each meeting, the indexes of the sentences that mention it.
        proposals: its proposals.
        statements: its statements with the index of the sentence each was found in.
    """
    return _Finder(art, meetings, meeting_sents, proposals, statements).run()
