"""Proposals: who proposed what to whom, when, with which demands."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from summarizer.backends.offline.dates import resolve_dates
from summarizer.backends.offline.lexicon import (
    ANAPHORIC_ORGANISATIONS,
    ASKING_VERBS,
    DEMAND_CUES,
    DEMAND_VERBS,
    DOCUMENT_NOUNS,
    FILED_PROPOSALS,
    PERSON_HEADS,
    PRESENT_VERBS,
    PROPOSAL_NOUNS,
    TITLE_RANK,
    is_region,
    parties_in,
    party_of,
)
from summarizer.backends.offline.nlp import coarse_pos
from summarizer.backends.offline.people import salient_organisation
from summarizer.backends.offline.text import split_list
from summarizer.knowledge.quotations import quoted_spans
from summarizer.records import Proposal

if TYPE_CHECKING:
    from spacy.tokens import Token

    from summarizer.backends.offline.parsed import ParsedArticle


@dataclass
class ProposalMention:
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


def proposal_mentions(art: ParsedArticle) -> list[ProposalMention]:
    out: list[ProposalMention] = []
    for t in art.tokens:
        lower = t.lower_
        if lower not in PROPOSAL_NOUNS or coarse_pos(t) not in {"NOUN", "PROPN"}:
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
        proposer = _proposer(art, t)
        topic_words = _topic(art, t)
        if lower == "guarantees":
            if t.dep_ == "pobj" and t.head.head.lower_ in PROPOSAL_NOUNS:
                continue  # "proposals on security guarantees": found at "proposals"
            if proposer is None and not any(
                c.dep_ in {"acl", "relcl", "ccomp"} for c in t.children
            ):
                continue
        if lower in {"demand", "demands"} and t.dep_ == "dobj" and t.head.lower_ in DEMAND_VERBS:
            continue
        mods = [
            s for c in t.lefts if c.dep_ in {"amod", "compound", "nmod", "poss"} for s in c.subtree
        ]
        title = art.dehyphen(art.span_text([*mods, t]))
        for c in t.rights:
            if c.dep_ == "prep" and c.lower_ in {"on", "in", "for", "of"}:
                pobj = [g for g in c.children if g.dep_ == "pobj"]
                if pobj and len(list(pobj[0].subtree)) <= 7:
                    title = f"{title} {c.text} {art.dehyphen(art.phrase(pobj[0]))}"
                    break
            if c.dep_ == "acl" and any(g.lower_ == "to" and g.dep_ == "aux" for g in c.children):
                objs = [g for g in c.children if g.dep_ == "dobj"]
                tail = f" {art.phrase(objs[0])}" if objs else ""
                title = f"{title} to {c.text}{tail}"
                break
        title = re.sub(r"^(?:the|a|an|its|their|his|her|this|these)\s+", "", title, flags=re.I)
        anaphoric = not topic_words and proposer is None
        mention = ProposalMention(
            head=t,
            sent_index=art.sent_of[t.i],
            title=title[:1].upper() + title[1:],
            topic=frozenset(topic_words),
            proposer=proposer,
            anaphoric=anaphoric,
        )
        _describe_proposal(art, mention)
        out.append(mention)
    taken = {m.head.i for m in out}
    quoted: list[tuple[int, int]] | None = None
    for t in art.tokens:
        if coarse_pos(t) == "VERB" and t.lower_ in ASKING_VERBS:
            if quoted is None:
                quoted = quoted_spans(art.doc.text)
            if any(a <= t.idx < b for a, b in quoted):
                continue  # what a speaker says they would recommend is their words
            asked = _asked_for(art, t)
            if asked is not None and asked.head.i not in taken:
                _describe_proposal(art, asked)
                out.append(asked)
                taken.add(asked.head.i)
    out.sort(key=lambda m: m.head.i)
    return out


_PRONOUNS = frozenset({"it", "they", "we", "he", "she", "its", "their"})
_NOT_ASKED = frozenset({"ENT_PERSON", "PERSON", "GPE", "NORP", "DATE", "TIME", "MONEY", "CARDINAL"})


def _asked_for(art: ParsedArticle, verb: Token) -> ProposalMention | None:
    """What someone asks for, recommends or files, as their proposal: "said it would ask for a
    re-examination", "voted to recommend a commission of inquiry", "asked the government to
    declare a state of emergency", "filed a request for review"; not "asked him about it"."""
    particle = ASKING_VERBS[verb.lower_]
    objects: list[Token] = []
    for c in verb.children:
        if particle and c.dep_ == "prep" and c.lower_ == particle:
            objects += [g for g in c.children if g.dep_ == "pobj"]
        elif not particle and c.dep_ == "dobj":
            objects.append(c)
        elif c.dep_ == "ccomp" and verb.lower_.startswith(("recommend", "propos")):
            # "recommended that the house set up a commission": what the house is to set up
            objects += [g for g in c.children if g.dep_ == "dobj"]
    if (
        particle
        and not objects
        and verb.lower_.startswith("ask")
        and any(c.dep_ == "dobj" for c in verb.children)
    ):
        # "asked the government to declare a state of emergency": what it is asked to do
        objects += [
            g
            for c in verb.children
            if c.dep_ in {"xcomp", "ccomp"}
            for g in c.children
            if g.dep_ == "dobj"
        ]
    if verb.lower_.startswith(("file", "table", "submit")):
        objects = [o for o in objects if o.lower_ in FILED_PROPOSALS]
    if verb.lower_.startswith("put") and not any(
        c.dep_ == "prep" and c.lower_ == "on" and any(g.lower_ == "table" for g in c.children)
        for c in verb.children
    ):
        return None  # "put pressure on them" asks nothing; "put a truce on the table" does
    objects = [
        o
        for o in objects
        if coarse_pos(o) == "NOUN"
        and o.ent_type_ not in _NOT_ASKED
        and o.i not in art.person_tokens
        and o.lower_ not in _PRONOUNS
        and o.lower_ not in PERSON_HEADS  # "proposed a new prime minister"
    ]
    if not objects:
        return None
    thing = objects[0]
    proposer = _asker(art, verb)
    if proposer is None:
        return None
    drop = {
        x.i
        for c in thing.children
        if c.dep_ in {"relcl", "appos", "punct", "cc", "conj"} and len(list(thing.subtree)) > 12
        for x in c.subtree
    }
    words = [x for x in thing.subtree if x.i not in drop]
    doc = thing.doc
    while words and words[-1].i + 2 < len(doc) and doc[words[-1].i + 1].text == "-":
        words += [doc[words[-1].i + 1], doc[words[-1].i + 2]]  # "a re-examination" split up
    while words and words[0].tag_ in {"DT", "PRP$", "POS"}:
        words = words[1:]
    while words and (words[-1].is_punct or words[-1].dep_ == "cc"):
        words = words[:-1]
    if len(words) < 2 or len(words) > 16:
        return None  # "recommended the medicine": a thing, not what is asked of anyone
    title = art.dehyphen(art.span_text(words))
    topic = {
        x.lower_.rstrip("s")
        for x in words
        if not (x.is_punct or x.is_stop or x.ent_type_ in {"DATE", "NORP", "CARDINAL"})
    }
    return ProposalMention(
        head=thing,
        sent_index=art.sent_of[thing.i],
        title=title[:1].upper() + title[1:],
        topic=frozenset(topic),
        proposer=proposer,
        anaphoric=False,
    )


def _asker(art: ParsedArticle, verb: Token) -> str | None:
    """Who asks: the verb's subject, or the subject of the clause it completes ("the committee
    voted to recommend"); for "it" or "the company", the one the report speaks of."""
    node = verb
    for _ in range(4):
        subj = [c for c in node.children if c.dep_ in {"nsubj", "nsubjpass"}]
        if subj and subj[0].lower_ not in _PRONOUNS | {"who", "which", "that"}:
            return _asking_party(art, subj[0])
        if subj and subj[0].lower_ in {"who", "which", "that"} and node.dep_ == "relcl":
            return _asking_party(art, node.head)
        if node.head.i == node.i:
            break
        node = node.head
    return None


def _asking_party(art: ParsedArticle, subject: Token) -> str | None:
    """A person by name, a country by its name, a body or an organisation by its own words
    ("the budget committee of the Chamber", not the country a "Copenhagen-based" names)."""
    if subject.ent_type_ in {"DATE", "TIME", "CARDINAL", "MONEY", "PERCENT", "QUANTITY"}:
        return None
    if subject.lower_ in DOCUMENT_NOUNS | PROPOSAL_NOUNS | {"decision", "text", "statement"}:
        return None  # "the draft calls for a ceasefire": the text asks for nothing
    skip = {
        x.i
        for c in subject.children
        if c.dep_ in {"relcl", "acl", "appos", "punct", "det", "cc", "conj"}
        or (c.dep_ == "amod" and any(g.text == "-" for g in c.subtree))
        for x in c.subtree
    }
    words = [x for x in subject.subtree if x.i not in skip]
    key = next((art.person_tokens[x.i] for x in words if x.i in art.person_tokens), None)
    if key is not None:
        return art.person_at(key).name
    if subject.lower_ in ANAPHORIC_ORGANISATIONS and subject.text.islower():
        return salient_organisation(art, subject.idx)  # "the company would seek …"
    party = party_of(subject.text)
    if party is not None:
        return party
    if not words or len(words) > 10:
        return None
    return re.sub(r"^(?:the|The)\s+", "", art.dehyphen(art.span_text(words))) or None


def _proposer(art: ParsedArticle, t: Token) -> str | None:
    for c in t.children:
        if c.dep_ == "poss" and c.lower_ in {"his", "her"}:
            recent = art.recent_person(c.idx, within=400)
            return art.person_at(recent[0]).name if recent else None
        if c.dep_ == "poss" and c.tag_ != "PRP$":
            return _party_or_name(art, list(c.subtree))
        if c.dep_ == "compound" and c.ent_type_ in {"ORG", "GPE"} and c.i < t.i:
            # "a Visegrad Group proposal": the named body or country whose proposal it is
            named = next((e for e in art.ents if e.start <= c.i < e.end), None)
            if named is not None and named.end <= t.i:
                return party_of(named.text) or re.sub(r"^(?:the|The)\s+", "", named.text)
        if c.dep_ == "amod" and c.ent_type_ == "NORP":
            # the whole nationality: "South Korean", not "Korean"
            whole = next((e.text for e in art.ents if e.start <= c.i < e.end), c.text)
            return party_of(whole) or party_of(c.text) or whole
    verb = t.head if t.dep_ in {"dobj", "nsubjpass", "pobj"} else None
    if verb is not None and verb.dep_ == "prep":
        verb = verb.head
    if verb is not None and (verb.lower_ in PRESENT_VERBS or verb.lower_ in {"come", "came"}):
        for c in verb.children:
            if c.dep_ == "nsubj":
                return _party_or_name(art, list(c.subtree))
    return None


def _subject_party(art: ParsedArticle, t: Token) -> str | None:
    """The country or body whose clause mentions the proposal, when it is not answering it."""
    for a in t.ancestors:
        if coarse_pos(a) not in {"VERB", "AUX"}:
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
                _party_or_name(art, list(subj[0].subtree))
                if parties_in(art.span_text(subj[0].subtree))
                else None
            )
    return None


def _side(art: ParsedArticle, proposer: str | None) -> str | None:
    """The country or organisation a proposer acts for."""
    if proposer is None:
        return None
    for known in art.people.values():
        if known.person.name == proposer:
            org = known.person.organization
            return party_of(org) or org if org else proposer
    return party_of(proposer) or proposer


def _party_or_name(art: ParsedArticle, tokens: list[Token]) -> str | None:
    for s in tokens:
        key = art.person_tokens.get(s.i)
        if key:
            return art.person_at(key).name
    text = art.dehyphen(art.span_text(tokens))
    parties = parties_in(text)
    if parties:
        return parties[0]
    if text.lower() in {"it", "they", "its", "their", "he", "she", "his", "her"}:
        return None
    return re.sub(r"^(?:the|The)\s+", "", text) or None


def _topic(art: ParsedArticle, t: Token) -> set[str]:
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
    return {w for w in words if w and w not in {"draft", "new"} and party_of(w) is None}


def _describe_proposal(art: ParsedArticle, m: ProposalMention) -> None:
    t = m.head
    sent = art.sents[m.sent_index]
    # Date: when it was presented.
    verb = art.governing_verb(t)
    if verb is not None and verb.lower_ in PRESENT_VERBS:
        for c in verb.children:
            if c.dep_ in {"prep", "npadvmod"}:
                phrase = art.span_text(c.subtree)
                found = resolve_dates(phrase, art.ref, -1)
                if found and found[0].precise:
                    m.date = found[0].value
                    break
            if c.dep_ == "prep" and c.lower_ in {"to"}:
                for s in c.subtree:
                    party = party_of(s.text)
                    if party and party not in m.addressees:
                        m.addressees.append(party)
    # Addressees: "to the US side", "with the EU", "between Poland, the US and the EU".
    for s in art.tokens[sent.start : sent.end]:
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
                party = party_of(g.text) if g.ent_type_ in {"GPE", "ORG", "NORP"} else None
                if (
                    party
                    and party != m.proposer
                    and not is_region(party)
                    and party not in m.addressees
                ):
                    m.addressees.append(party)
        if s.lower_ in {"received", "receives", "considering", "invites", "invited"}:
            for c in s.children:
                if c.dep_ in {"nsubj", "dobj"}:
                    party = party_of(c.text)
                    if party and party != m.proposer and party not in m.addressees:
                        m.addressees.append(party)
    # Demands: the list after a cue ("in particular", "which include demands for", …).
    demands: list[str] = []
    sentence = art.dehyphen(art.sentence_text(m.sent_index))
    for cue in DEMAND_CUES:
        for hit in cue.finditer(sentence):
            demands.extend(split_list(hit[1]))
    unique: list[str] = []
    for d in sorted(demands, key=len):
        if not any(u in d for u in unique):
            unique.append(d)
    m.demands = [d for d in demands if d in unique]
    words = {s.lower_ for s in art.tokens[sent.start : sent.end]}
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


def build_proposals(art: ParsedArticle, mentions: list[ProposalMention]) -> list[Proposal]:
    groups: list[list[ProposalMention]] = []
    for m in mentions:
        target = None
        mine = _side(art, m.proposer)
        for g in groups:
            topics = [x.topic for x in g if x.topic]
            sides = {_side(art, x.proposer) for x in g if x.proposer}
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
            g, key=lambda x: (TITLE_RANK.get(x.head.lower_, 0), -len(x.topic), x.head.i)
        )
        proposer = next((x.proposer for x in g if x.proposer), None)
        if proposer is None:
            proposer = _subject_party(art, g[0].head)
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
        quotes = list(dict.fromkeys(art.sentence_text(x.sent_index) for x in g))
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
