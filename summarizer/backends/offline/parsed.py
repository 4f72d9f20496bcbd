"""One parsed article and the helpers every finder shares: passages, tokens, clauses."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from summarizer.backends.offline.dates import latest_stated_day
from summarizer.backends.offline.lexicon import (
    ACTIVE_ONLY_VERBS,
    FUTURE_CUES,
    MODAL_CUES,
    NEEDS_PARTICLE,
    PARTIES,
    REPORTING_VERBS,
)
from summarizer.backends.offline.nlp import coarse_pos
from summarizer.backends.offline.people import Known, index_people
from summarizer.backends.offline.text import TRIM, clean_passage, squash
from summarizer.records import Article, Person

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token


def _opened_by(clause: Token, words: frozenset[str]) -> bool:
    return any(m.dep_ == "mark" and m.lower_ in words for m in clause.children)


class ParsedArticle:
    """One parsed article: its text, sentences, tokens, entities and the people it names."""

    def __init__(self, article: Article, doc: Doc) -> None:
        self.article = article
        self.doc = doc
        self.text = article.text
        # Relative dates ("on Friday") resolve against the publication date; a report that
        # gives none is read against the latest full date it states ("on 10 March 2025").
        self.published = article.published_date
        self.ref = self.published or latest_stated_day(article.text)
        self.sents: list[Span] = list(doc.sents)
        self.sent_of: list[int] = [0] * len(doc)
        for n, sent in enumerate(self.sents):
            for i in range(sent.start, sent.end):
                self.sent_of[i] = n
        self.tokens: list[Token] = list(doc)
        self.starts: list[int] = [t.idx for t in self.tokens]
        self.ents: list[Span] = list(doc.ents)
        self.words = {t.lower_ for t in self.tokens if t.is_alpha}
        self.people: dict[str, Known] = {}
        self.bodies: dict[int, tuple[str | None, list[Token]]] = {}
        self._acronyms: dict[str, str] | None = None
        self.person_tokens: dict[int, str] = {}
        index_people(self)

    def passage(self, start: int, end: int) -> str:
        a, b = clean_passage(self.text, start, end)
        return self.text[a:b]

    def sentence_text(self, n: int) -> str:
        sent = self.sents[n]
        return self.passage(sent.start_char, sent.end_char)

    def span_text(self, tokens: Iterable[Token], exclude: set[int] | None = None) -> str:
        exclude = exclude or set()
        kept = sorted((t for t in tokens if t.i not in exclude), key=lambda t: t.i)
        # A word whose following token was left out keeps a space after it.
        out = squash(
            "".join(
                t.text_with_ws if n + 1 == len(kept) or kept[n + 1].i == t.i + 1 else t.text + " "
                for n, t in enumerate(kept)
            )
        )
        out = (
            re.sub(r"\s+([,.;:])", r"\1", re.sub(r"(,\s*){2,}", ", ", out))
            if ",," in out.replace(" ", "")
            else out
        )
        return out.strip(TRIM + '"“”«»')

    def dehyphen(self, text: str) -> str:
        """Join words broken by a stray hyphen ("NA-TO") when the article spells them whole."""

        def join(m: re.Match[str]) -> str:
            whole = m[1] + m[2]
            return whole if whole.lower() in self.words or whole.lower() in PARTIES else m[0]

        return re.sub(r"\b([A-Za-z]+)-([A-Za-z]+)\b", join, text)

    def acronym_of(self, word: str) -> str | None:
        """The words an acronym stands for, when the article spells them out: "NBEC" or
        "BNEC" for "Nordic-Baltic Energy Council" (the letters in any order: names of two
        parties swap)."""
        if self._acronyms is None:
            self._acronyms = {}
            run: list[str] = []
            for t in [*self.tokens, None]:
                if t is not None and t.is_alpha and t.text[:1].isupper():
                    run.append(t.text)
                    continue
                if t is not None and t.text in {"-", "\u2013"} and run:
                    continue
                if t is not None and t.lower_ in {"of", "the", "and", "for"} and run:
                    continue
                # every tail of a run of capitalised words: "Baltic-Nordic Energy Council" -> BNEC
                for start in range(len(run) - 1):
                    words = run[start:]
                    letters = "".join(sorted(w[0] for w in words))
                    self._acronyms.setdefault(letters, " ".join(words))
                run = []
        return self._acronyms.get("".join(sorted(word.upper())))

    def person_at(self, key: str) -> Person:
        return self.people[key].person

    def recent_person(self, pos: int, within: int = 600) -> tuple[str, int] | None:
        best: tuple[str, int] | None = None
        for key, known in self.people.items():
            for p in known.positions:
                if p < pos and pos - p <= within and (best is None or p > best[1]):
                    best = (key, p)
        return best

    def recent_actor(self, pos: int, within: int = 600) -> tuple[str, int] | None:
        """The person named most recently before `pos` as the subject of a sentence's main
        verb ("Ambassador Vega rejected the offer"), not inside what someone else said."""
        best: tuple[str, int] | None = None
        for key, known in self.people.items():
            for p in known.positions:
                if p >= pos or pos - p > within or (best is not None and p <= best[1]):
                    continue
                node = self.token_at(p)
                # "Representative to the OSCE Nikolai Brovkin": up to the phrase's head
                while node.head.i != node.i and (
                    node.dep_ in {"compound", "flat", "appos"}
                    or (node.dep_ == "pobj" and node.head.dep_ == "prep")
                    or (node.dep_ == "prep" and coarse_pos(node.head) in {"NOUN", "PROPN"})
                ):
                    node = node.head
                if node.dep_ in {"nsubj", "nsubjpass"} and node.head.dep_ == "ROOT":
                    best = (key, p)
        return best

    def is_reporting(self, t: Token) -> bool:
        base = REPORTING_VERBS.get(t.lower_)
        if base is None or not t.tag_.startswith("VB"):
            return False
        if base in ACTIVE_ONLY_VERBS and not any(c.dep_ == "nsubj" for c in t.children):
            return False
        particles = NEEDS_PARTICLE.get(base)
        if particles is not None:
            return any(
                (
                    c.lower_ in particles
                    and (
                        c.dep_ == "prt"
                        or any(g.dep_ == "pobj" and g.ent_type_ != "DATE" for g in c.children)
                    )
                )
                # "called for a commission to be set up", parsed as a clause opened by "for"
                or (c.dep_ == "advcl" and _opened_by(c, particles))
                for c in t.children
            )
        return True

    def token_at(self, char: int) -> Token:
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

    def governing_verb(self, t: Token) -> Token | None:
        node = t
        for _ in range(4):
            if node.head.i == node.i:
                return node if coarse_pos(node) in {"VERB", "AUX"} else None
            node = node.head
            if coarse_pos(node) in {"VERB", "AUX"}:
                return node
        return None

    def tense(self, t: Token) -> int:
        """+1 when the clause around `t` speaks of the future, -1 of the past, 0 unknown."""
        if any(c.lower_ in {"upcoming", "next", "forthcoming", "planned"} for c in t.children):
            return 1
        verb = t if coarse_pos(t) in {"VERB", "AUX"} else self.governing_verb(t)
        if verb is None:
            # "new round on Monday" in a headline: a new one is still to come
            return 1 if any(c.lower_ == "new" and c.dep_ == "amod" for c in t.children) else 0
        kids = {c.lower_ for c in verb.children if c.dep_ in {"aux", "auxpass", "acomp", "xcomp"}}
        if kids & FUTURE_CUES or verb.lower_ in FUTURE_CUES:
            return 1
        head = verb.head
        if verb.dep_ == "xcomp" and (
            head.lower_ in FUTURE_CUES or {c.lower_ for c in head.children} & FUTURE_CUES
        ):
            return 1
        if kids & {"will", "would"} or (kids & MODAL_CUES and not kids & {"have", "has", "had"}):
            return 1
        if verb.tag_ == "VBD" or (
            verb.tag_ == "VBN" and kids & {"has", "have", "had", "was", "were"}
        ):
            return -1
        if (
            verb.tag_ == "VBN"
            and not kids
            and (
                verb.dep_ in {"acl", "advcl"}
                or (verb.dep_ == "conj" and verb.head.dep_ in {"acl", "advcl"})
            )
        ):
            return -1  # "the plan adopted by the ministers on Monday": done, so past
        if (
            verb.tag_ in {"VBZ", "VBP"}
            and not self.is_reporting(verb)
            and any(
                c.ent_type_ == "DATE"
                or (c.dep_ == "prep" and any(g.ent_type_ == "DATE" for g in c.children))
                for c in verb.children
            )
        ):
            return 1  # "the council meets on Friday": a present that is timetabled, not past
        return 0

    def phrase(self, node: Token) -> str:
        """A noun phrase without its coordinated siblings, article or trailing acronym."""
        drop = {
            s.i
            for c in node.children
            if c.dep_ in {"conj", "cc", "relcl", "appos", "acl"}
            or (c.dep_ == "prep" and c.lower_ != "of" and not (c.ent_type_ and node.ent_type_))
            for s in c.subtree
        }
        return self.phrase_text([s for s in node.subtree if s.i not in drop and s.tag_ != "DT"])

    def phrase_text(self, tokens: list[Token]) -> str:
        text = self.dehyphen(self.span_text(tokens))
        return re.sub(r"\s*\([A-Z]{2,6}\)\s*", " ", text).strip()
