"""Meetings: event nouns and verbs, the bodies and people meeting, their dates and places."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from summarizer.backends.offline.dates import TIME_PATTERN, DateMatch, day_shift, resolve_dates
from summarizer.backends.offline.lexicon import (
    ABBREVIATIONS,
    ADDRESS_VERBS,
    ADJOURN_VERBS,
    AGENDA_PARTICLES,
    AGENDA_VERBS,
    AGREEMENT_NOUNS,
    ANOTHER_CUES,
    BODY_WORDS,
    CALL_NOUNS,
    CALL_VERBS,
    CLOSE_VERBS,
    COMPLEMENT_NOUNS,
    CONCLUDING_VERBS,
    CONVENE_VERBS,
    COUNT_NOUNS,
    DECISION_NOUNS,
    DECISION_PARTICLES,
    DECISION_VERBS,
    DELIVERY_VERBS,
    DURATION_UNITS,
    ELECTION_MODIFIERS,
    ELLIPTIC_KINDS,
    EVENT_KINDS,
    FUTURE_CUES,
    GROUP_HEADS,
    HOLD_VERBS,
    HOST_PARTICIPLES,
    JUDGMENT_NOUNS,
    KIND_BODIES,
    MEET_VERBS,
    MEETING_VERBS,
    NOT_MEETING_MODIFIERS,
    OFFICE_NOUNS,
    OVERRUN_VERBS,
    PARTIES,
    PASSAGE_VERBS,
    PEOPLE_MET,
    PERIOD_WORDS,
    PLACE_NOUNS,
    PRESS_MODIFIERS,
    PRESS_NOUNS,
    PROPOSAL_NOUNS,
    PROPOSE_CUES,
    PUTTING_VERBS,
    SCHEDULE_VERBS,
    SIT_VERBS,
    SITTING_NOUNS,
    START_VERBS,
    VOTED_DOCUMENTS,
    is_region,
    names_a_country,
    parties_in,
    party_of,
)
from summarizer.backends.offline.nlp import coarse_pos
from summarizer.knowledge.attributes import ordinal_value
from summarizer.knowledge.calendar import day_shifts
from summarizer.knowledge.press import chrome_openers
from summarizer.knowledge.quotations import quoted_spans
from summarizer.records import Meeting, Person

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from summarizer.backends.offline.parsed import ParsedArticle


@dataclass
class MeetingMention:
    head: Token
    sent_index: int
    kind: str
    body: str | None
    body_key: tuple[frozenset[str], frozenset[str]] | None
    name: str
    anaphoric: bool
    spoken_to: bool = False  # "told the committee on Thursday": the telling is the sitting
    group: bool = False  # named by the people acting together ("the ministers agreed …")
    settled: bool = False  # where an agreement was concluded ("a deal reached in Abuja")
    preset_date: bool = False  # dated by the words that made it ("adjourned until May 5")
    hosted: bool = False  # named by the organisation hosting it ("talks hosted by the AU")
    count: int | None = None  # its place in a series: "the third round of talks" -> 3
    date: str | None = None
    date_words: str | None = None  # a year, season or month as written: "summer of 2019"
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
class MeetingRecord:
    mentions: list[MeetingMention]


def _body(art: ParsedArticle, head: Token) -> tuple[str | None, list[Token]]:
    """The named body a meeting belongs to: "Nordic Council", "OSCE Permanent Council"."""
    cached = art.bodies.get(head.i)
    if cached is None:
        cached = art.bodies[head.i] = _find_body(art, head)
    return cached


def _find_body(art: ParsedArticle, head: Token) -> tuple[str | None, list[Token]]:
    doc = art.doc
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
        if (
            not left
            and t.i == head.i - 1
            and t.dep_ == "compound"
            and t.lower_ in BODY_WORDS
            and head.lower_ in EVENT_KINDS
        ):
            left.insert(0, t)  # "the board meeting", "a cabinet session": the body's own
            i -= 1
            continue
        break
    while left and left[0].text == "-":
        left.pop(0)
    if head.lower_ in BODY_WORDS or (head.text[:1].isupper() and coarse_pos(head) == "PROPN"):
        left.append(head)
    if coarse_pos(head) == "NOUN" or head.lower_ in EVENT_KINDS:
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                pobj = [c for c in child.children if c.dep_ == "pobj"]
                if pobj and (
                    pobj[0].text[:1].isupper()
                    or pobj[0].lower_ in BODY_WORDS  # "a meeting of the regional commission"
                    or any(x.ent_type_ in {"ORG", "GPE", "NORP"} for x in pobj[0].subtree)
                ):
                    sub = [
                        s
                        for s in pobj[0].subtree
                        if s.tag_ != "DT" and not (s.dep_ == "prep" and s.i > pobj[0].i)
                    ]
                    sub = [s for s in sub if s.i <= pobj[0].i]
                    if sub:
                        return art.phrase_text(sub), sub
            if child.dep_ == "acl" and child.lower_ in HOST_PARTICIPLES:
                host = _agent(child)  # "talks hosted by the African Union"
                if host is not None and host.ent_type_ == "ORG":
                    return art.phrase(host), [host]
            if child.dep_ == "prep" and child.lower_ == "between":
                pobj = [c for c in child.children if c.dep_ == "pobj"]
                if pobj:
                    names = [pobj[0], *[c for c in pobj[0].conjuncts]]
                    parts = [art.phrase(n) for n in names]
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
                    return art.phrase(pobj[0]), [pobj[0]]
    if not left and head.lower_ in EVENT_KINDS and head.dep_ == "pobj":
        owner = _owning_subject(head)  # "the cabinet will discuss it at its weekly session"
        if owner is not None:
            return _find_body(art, owner)
    if not left and head.lower_ in EVENT_KINDS and head.dep_ == "dobj":
        holder = _holding_body(head)  # "the committee, which has convened an emergency session"
        if holder is not None:
            return _find_body(art, holder)
    if not left:
        kind = next((c for c in head.lefts if c.lower_ in KIND_BODIES), None)
        if kind is not None and head.lower_ in EVENT_KINDS:
            return KIND_BODIES[kind.lower_], [kind]  # "the annual general meeting"
        return None, []
    return art.phrase_text(left), left


def _holding_body(head: Token) -> Token | None:
    """The body that holds or convenes a meeting named by the verb's object: "the committee
    held a hearing", "the court, which has convened a special session"."""
    verb = head.head
    if verb.lower_ not in HOLD_VERBS | CONVENE_VERBS:
        return None
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is not None and subject.lower_ in {"which", "that"} and verb.dep_ == "relcl":
        subject = verb.head
    if subject is None or subject.lower_ not in BODY_WORDS:
        return None
    return subject


def _owning_subject(head: Token) -> Token | None:
    """The body whose own meeting a noun is, told by "its" or "their" in a clause of which the
    body is the subject: "the cabinet will discuss the budget at its weekly session"."""
    if not any(c.dep_ == "poss" and c.lower_ in {"its", "their"} for c in head.children):
        return None
    node = head.head
    for _ in range(4):
        if coarse_pos(node) in {"VERB", "AUX"}:
            subject = next((c for c in node.children if c.dep_ == "nsubj"), None)
            if subject is not None and subject.lower_ in BODY_WORDS:
                return subject
            return None
        if node.head.i == node.i:
            return None
        node = node.head
    return None


def _meeting_people(
    art: ParsedArticle, verb: Token, subject: Token, objects: list[Token]
) -> tuple[str | None, list[Token]]:
    """Named people (or countries) who meet: "Macron met Scholz", "A and B will meet"."""
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
        key = next((art.person_tokens[x.i] for x in h.subtree if x.i in art.person_tokens), None)
        if key is not None:
            names.append(art.person_at(key).name.split()[-1])
            tokens.append(h)
        elif (h.ent_type_ in {"GPE", "ORG"} or coarse_pos(h) == "PROPN") and party_of(h.text):
            # a country the recogniser missed is still one: "Chile and Peru signed"
            names.append(h.text)
            tokens.append(h)
    if len(names) < 2:
        return None, []
    return "-".join(dict.fromkeys(names)), tokens


def _body_acronym(art: ParsedArticle, word: str) -> bool:
    """An acronym the article spells out as a body ("NBEC" for "Nordic-Baltic Energy Council")."""
    expansion = art.acronym_of(word) if word.isupper() and 2 <= len(word) <= 6 else None
    return expansion is not None and expansion.split()[-1].lower() in BODY_WORDS


def _names_body(art: ParsedArticle, tokens: list[Token]) -> bool:
    """The words name a body: a council, a committee, or an acronym of one."""
    return any(t.lower_ in BODY_WORDS or _body_acronym(art, t.text) for t in tokens)


def body_key_of(art: ParsedArticle, body: str) -> tuple[frozenset[str], frozenset[str]]:
    # An acronym the article spells out elsewhere ("NBEC", "BNEC") stands for its words.
    text = re.sub(
        r"\b[A-Z]{2,6}\b", lambda m: art.acronym_of(m[0]) or m[0], body.replace("-", " ")
    ).lower()
    words = re.findall(r"[a-z.]+", text)
    parties: set[str] = set()
    rest: set[str] = set()
    i = 0
    while i < len(words):
        for size in (4, 3, 2, 1):
            phrase = " ".join(words[i : i + size])
            if phrase not in PARTIES and "." in phrase:
                phrase = phrase.replace(".", "")  # "U.N." is the UN
            if phrase in PARTIES and not is_region(PARTIES[phrase]):
                parties.add(PARTIES[phrase])
                i += size
                break
        else:
            if words[i] not in {"the", "of", "and", "a", "an"}:
                rest.add(words[i].rstrip("s"))
            i += 1
    return frozenset(parties), frozenset(rest)


def meeting_mentions(art: ParsedArticle) -> list[MeetingMention]:
    doc = art.doc
    mentions: list[MeetingMention] = []
    covered: set[int] = set()
    meeting_verbs: set[int] = set()  # verbs found as meetings: "the council meets …"
    chrome = _chrome_sentences(art)
    for t in art.tokens:
        if art.sent_of[t.i] in chrome:
            continue
        lower = t.lower_
        kind = EVENT_KINDS.get(lower)
        council = False
        if _press_event(t):
            kind = "press"  # "told reporters at a news conference": an event of its own
        elif _concluded_agreement(t):
            kind = "concluded"  # "a deal reached in Abuja on Thursday": its parties met
        elif kind is None and lower in ELLIPTIC_KINDS and coarse_pos(t) == "NOUN":
            kind = _elliptic_kind(t, mentions)
            if kind is None:
                continue
        elif kind is None:
            if (
                lower in BODY_WORDS and t.text[:1].isupper() and coarse_pos(t) == "PROPN"
            ) or _body_acronym(art, t.text):
                council = True
                kind = "meeting"
            elif (
                lower in BODY_WORDS
                and coarse_pos(t) == "NOUN"
                and t.dep_ == "dobj"
                and t.head.lower_ in CONVENE_VERBS
                and not any(c.dep_ in {"oprd", "xcomp", "ccomp"} for c in t.head.children)
            ):
                kind = "convened"  # "convened a crisis cabinet": the body called to sit
            elif lower in MEET_VERBS and coarse_pos(t) == "VERB":
                kind = "meeting"
            elif lower in SIT_VERBS and coarse_pos(t) == "VERB" and _sits_down_with(t):
                kind = "meeting"  # "the government sits down with its creditors on Tuesday"
            elif lower in SIT_VERBS and coarse_pos(t) == "VERB":
                kind = "sit"  # "the court will sit again on May 5": only a body sits so
            elif lower in CALL_VERBS and coarse_pos(t) == "VERB" and _by_phone(t):
                kind = "call"  # "the two leaders spoke by phone"
            elif (
                lower in DECISION_VERBS
                or lower in AGENDA_VERBS
                or (lower in AGENDA_PARTICLES and _agenda_particle(t))
                or (lower in DECISION_PARTICLES and _particle(t, DECISION_PARTICLES))
            ) and coarse_pos(t) == "VERB":
                kind = "decision"  # a meeting of the body deciding, when it says when
            elif lower in SITTING_NOUNS and coarse_pos(t) == "NOUN" and _sitting(art, t):
                kind = "sitting"  # "the house will hold the final vote on Friday"
            elif lower in DECISION_NOUNS and coarse_pos(t) == "NOUN" and _bodys_dated(t):
                kind = "body-decision"  # "the committee's decision is due on Tuesday"
            elif lower in JUDGMENT_NOUNS and coarse_pos(t) == "NOUN" and _delivered(t):
                kind = "delivered"  # "in a judgment delivered on Thursday": the court sat
            elif (
                lower in BODY_WORDS or (lower in GROUP_HEADS and t.dep_ == "pobj")
            ) and _addressed(t):
                kind = "addressed"  # "told the finance committee on Thursday"
            elif (
                lower in BODY_WORDS
                and t.dep_ in {"nsubj", "nsubjpass"}
                and t.head.lower_ in {"chaired", "chair", "chairs", "convened", "opened"}
                and t.head.lower_ not in MEET_VERBS  # "the council convened": at the verb
            ):
                kind = "meeting"  # "the council will be chaired by …": the meeting again
            else:
                continue
        if coarse_pos(t) not in {"NOUN", "PROPN", "VERB"}:
            continue
        if t.i in covered:
            continue
        if coarse_pos(t) != "VERB" and (
            # "a conference call", "a session musician": the noun it qualifies is the thing
            # (not "Talks resume Thursday", a verb the tagger took for a noun at the root)
            (
                t.dep_ == "compound"
                and coarse_pos(t.head) in {"NOUN", "PROPN"}
                and (t.head.dep_ != "ROOT" or t.head.lower_ in EVENT_KINDS)
            )
            or any(c.lower_ in NOT_MEETING_MODIFIERS for c in t.lefts)  # "a trading session"
        ):
            continue
        if coarse_pos(t) != "VERB" and t.dep_ == "pobj" and t.head.head.i in meeting_verbs:
            continue  # "the council meets in special session": the verb's meeting
        sub = list(t.subtree)
        sub_words = {s.lower_ for s in sub}
        if kind == "call":
            phone = (
                sub_words & {"phone", "telephone"}
                or any(c.lower_ in {"phone", "telephone"} for c in t.children)
                or any(c.dep_ == "compound" and c.lower_ in CALL_NOUNS for c in t.children)
            )
            if lower in {"contact", "contacts"} and not phone:
                kind = "call-anaphor"
            elif not phone and lower in {"call", "calls"}:
                continue
        if kind == "talks" and ({"phone", "telephone"} & sub_words):
            kind = "call"
        if kind == "press" and art.tense(t) > 0:
            continue  # a news conference to come is a plan; one held is where words were said
        verb_body = False
        spoken_to = False
        group = False
        settled = False  # where an agreement was concluded: a meeting even without a name
        if kind == "concluded":
            kind = "meeting"
            settled = True
            agent = _agent(t)
            body, body_tokens = _group(art, t, agent) if agent is not None else (None, [])
            verb_body = body is not None
        elif coarse_pos(t) == "VERB":
            subj = [c for c in t.children if c.dep_ in {"nsubj", "nsubjpass"}]
            node = t
            while not subj and node.dep_ in {"xcomp", "conj", "acomp"} and node.head.i != node.i:
                # "ministers are due to meet", "ministers gathered and met": the head's subject
                node = node.head
                subj = [c for c in node.children if c.dep_ in {"nsubj", "nsubjpass"}]
            if not subj and t.dep_ == "acl" and t.tag_ == "VBG":
                subj = [t.head]  # "finance ministers, meeting in Luxembourg on Friday, …"
            if not subj and t.dep_ == "advcl" and t.tag_ == "VBG":
                # "Meeting in Bratislava, the ministers said …": the main clause's subject
                subj = [c for c in t.head.children if c.dep_ == "nsubj"]
            agent = _agent(t)
            if kind == "decision" and agent is not None:
                subj = [agent]  # "the plan adopted by the ministers on Monday": who decided
            if subj and subj[0].lower_ in {"which", "who", "that"} and node.dep_ == "relcl":
                subj = [node.head]  # "the forum, which will consider it on Friday"
            if subj and subj[0].lower_ in {"it", "they"}:
                subj = [_reporter_of(art, node) or subj[0]]  # "the bench said it would hear"
            if subj:
                subj = [_past_dateline(art, subj[0])]
            obj = [c for c in t.children if c.dep_ == "dobj"]
            if lower.startswith("convene") and obj:
                continue  # "convened a meeting of …" is found at the noun
            # "will meet the operators in Ankara on Wednesday": a meeting with them, told with
            # its place or day ("hosted the delegations" is the meeting they came to, found at
            # its noun; "had met families who sold their homes" tells of no meeting)
            met = None
            if kind == "meeting" and lower in {"meet", "meets", "met"}:
                met = _people_met(obj)
            elif kind == "meeting" and lower.startswith("host") and not _names_event(t.sent):
                met = _people_met(obj)  # "hosted both delegations in Astana in late March"
            if (
                kind != "decision"
                and obj
                and met is None
                and not any(o.ent_type_ in {"PERSON", "ORG", "GPE", "NORP"} for o in obj)
            ):
                continue  # "the plan met resistance": no one met
            if not subj:
                continue
            if kind == "decision":
                if any(c.dep_ == "dobj" and c.lower_ in EVENT_KINDS for c in t.children):
                    continue  # "held talks on Friday": found at the talks
                if _at_event(t):
                    continue  # "discussed it at a closed-door session on March 4": the session
                body, body_tokens, group = _deciding_body(art, t, subj[0])
                if group and lower not in DECISION_VERBS:
                    continue  # "discussed it with X on Tuesday": a call or a meeting, unsaid
                if body is None:
                    continue
                kind = "meeting"
                covered.update(s.i for s in body_tokens)
            else:
                body, body_tokens = _body(art, subj[0])
                if kind == "sit":
                    if body is None or not _names_body(art, body_tokens):
                        continue  # "the protesters sat in the square": no body sits
                    kind = "meeting"
            if not group and (body is None or not (_names_body(art, body_tokens))):
                # "Macron and Scholz will meet": the people meeting name it; "the foreign
                # ministers of four nations met": the group meeting does.
                body, body_tokens = _meeting_people(art, t, subj[0], obj)
                if body is None and kind == "meeting" and not lower.startswith("convene"):
                    body, body_tokens = _group(art, t, subj[0])
                    group = body is not None
                if body is None and met is not None and _placed(t):
                    # "Karaca will meet the operators of all licensed mines": a meeting with them
                    body, body_tokens, group = f"with {met[0]}", met[1], True
                if body is None and not _placed(t):
                    continue
            # "They will meet again in Bishkek": a meeting, named by its place.
            verb_body = body is not None
        elif kind == "body-decision":
            kind = "meeting"
            owner = next(c for c in t.children if c.dep_ == "poss")
            body, body_tokens = _body(art, owner)
            if body is None:
                continue
        elif kind == "delivered":
            kind = "meeting"
            judge = next((c for c in t.children if c.dep_ == "poss"), None)
            body, body_tokens = _body(art, judge) if judge is not None else (None, [])
        elif kind == "addressed":
            kind = "meeting"
            spoken_to = True
            when = {  # "before the committee on Wednesday": the day is no part of its name
                x.i
                for c in t.children
                if c.dep_ == "prep" and any(s.ent_type_ in {"DATE", "TIME"} for s in c.subtree)
                for x in c.subtree
            }
            body_tokens = [s for s in t.subtree if s.tag_ not in {"DT", "PRP$"} and s.i not in when]
            body = art.phrase_text(body_tokens)
        elif kind == "sitting":
            kind = "meeting"
            body, body_tokens = _sitting(art, t) or (None, [])
        elif kind == "convened":
            kind = "meeting"
            named, named_tokens = _body(art, t)
            mods = [s for c in t.lefts if c.dep_ in {"amod", "compound"} for s in c.subtree]
            body_tokens = named_tokens if named and named != t.text else [*mods, t]
            body = art.phrase_text(body_tokens)
        elif lower in BODY_WORDS and not t.text[:1].isupper():
            body, body_tokens = None, []  # "the council": an anaphor, not a name
        else:
            body, body_tokens = _body(art, t)
        if council:
            # A body named without an event noun ("convene the Nordic Council").
            parent = t.head
            if parent.lower_ in EVENT_KINDS and parent.i != t.i:
                continue
            if t.dep_ == "compound" and t.head.lower_ in EVENT_KINDS:
                continue
            if t.dep_ in {"compound", "amod"} and coarse_pos(t.head) == "PROPN":
                continue
            if t.dep_ == "compound" and t.head.lower_ in BODY_WORDS:
                continue  # "the Senate finance committee": the committee is the body
            if t.i + 1 < len(doc) and doc[t.i + 1].lower_ in EVENT_KINDS:
                continue
            if t.dep_ == "appos":
                continue
            if t.dep_ == "pobj" and t.head.lower_ == "of" and t.head.head.lower_ in OFFICE_NOUNS:
                continue  # "the presidency of the Council", "members of the Board": no sitting
            if t.dep_ in {"nsubj", "nsubjpass"} and t.head.lower_ in MEET_VERBS:
                continue  # "the council will meet": found at the verb
            if t.dep_ == "nsubj" and any(
                c.dep_ == "dobj" and c.lower_ in EVENT_KINDS for c in t.head.children
            ):
                continue  # "the council holds its session": found at the session
            verb = art.governing_verb(t)
            meets = verb is not None and verb.lower_ in MEETING_VERBS
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
            # "will take the plan to the Permanent Council on Friday": the body sits that day
            if not (meets or dated or delegation or _addressed(t)):
                continue
        covered.update(s.i for s in body_tokens)
        name = _meeting_name(art, t, kind, body, verb_body)
        if body is not None and body.startswith("with "):
            name = f"meeting {body}"
        elif body is not None and name.lower() == t.lower_ and _owning_subject(t) is not None:
            name = f"{body} {t.text}"  # "at its session" of the cabinet: "cabinet session"
        counted = _counted(t) if coarse_pos(t) != "VERB" else None
        if counted is not None and counted[1].i != t.i:
            name = f"{art.span_text([counted[2], counted[1]])} of {name}"
        elif counted is not None and counted[2].lower_ not in name.lower().split():
            name = f"{counted[2].text} {name}"
        anaphoric = body is None and not verb_body
        body_key = body_key_of(art, body) if body else None
        if body_key is not None and not body_key[0] and not (body_key[1] & BODY_WORDS):
            # "The Wednesday meeting", "extraordinary meeting": no body, only words.
            anaphoric = True
            body_key = None
            body = None
        if settled or kind == "press":
            anaphoric = False  # a signing or a news conference is an event of its own
        if group:
            # People acting together name a meeting, not a body: other mentions may name it.
            body_key = None
            anaphoric = False
        mention = MeetingMention(
            head=t,
            sent_index=art.sent_of[t.i],
            kind="call" if kind == "call-anaphor" else kind,
            body=body,
            body_key=body_key,
            name=name,
            anaphoric=anaphoric,
            spoken_to=spoken_to,
            group=group,
            settled=settled,
            count=counted[0] if counted is not None else None,
        )
        if kind == "call-anaphor":
            mention.anaphoric = True
        mention.hosted = bool(
            body_tokens
            and body_tokens[0].head.dep_ == "agent"
            and body_tokens[0].head.head.lower_ in HOST_PARTICIPLES
            and body_tokens[0].head.head.head.i == t.i
        )
        if coarse_pos(t) == "VERB":
            meeting_verbs.add(t.i)
        mentions.append(mention)
        resumed = _resumed(art, t)
        if resumed is not None:
            # "adjourned the hearing until October 22": the hearing resumes that day
            until, day = resumed
            mentions.append(
                replace(mention, head=until, date=day, preset_date=True, anaphoric=False)
            )
    _attach_dates_places(art, mentions)
    for m in mentions:
        _describe_meeting(art, m)
    return mentions


def _counted(t: Token) -> tuple[int, Token, Token] | None:
    """A meeting's place in its series, the noun that counts it and the ordinal: "the third
    round of indirect talks" -> (3, round, third); "their fifth summit" -> (5, summit, fifth)."""
    nodes = [t]
    if t.dep_ == "pobj" and t.head.lower_ == "of" and t.head.head.lower_ in COUNT_NOUNS:
        nodes.insert(0, t.head.head)  # "the third round of talks": counted by its round
    for node in nodes:
        for c in node.lefts:
            if c.dep_ in {"amod", "nummod", "compound", "advmod"}:
                number = ordinal_value(c.text)
                if number is not None and not _first_in_a_while(t, number):
                    return number, node, c
    return None


def _first_in_a_while(t: Token, number: int) -> bool:
    """ "The first council in two and a half years", "the first talks since 2019": first
    after a pause, not the first of a series."""
    if number != 1:
        return False
    doc = t.doc
    for x in t.subtree:
        if x.dep_ == "prep" and (
            x.lower_ == "since"
            or (x.lower_ in {"in", "for"} and any(g.ent_type_ == "DATE" for g in x.children))
        ):
            return True
    after = t.right_edge.i + 1
    if after >= len(doc):
        return False
    word = doc[after]
    if word.lower_ == "since":
        return True
    return (
        word.lower_ in {"in", "for"} and after + 1 < len(doc) and doc[after + 1].ent_type_ == "DATE"
    )


def _chrome_sentences(art: ParsedArticle) -> set[int]:
    """The page's own furniture: "Read also: …", "Home / News": links to other stories."""
    out = set()
    for n, sent in enumerate(art.sents):
        line = sent.text.strip().lower()
        for opener in chrome_openers():
            rest = line[len(opener) :].lstrip() if line.startswith(opener) else ""
            if rest[:1] in {":", "/", "|", ">", "\u203a", "\u00bb"}:
                out.add(n)
                break
    return out


def _deciding_body(
    art: ParsedArticle, verb: Token, subject: Token
) -> tuple[str | None, list[Token], bool]:
    """The body whose decision a dated clause tells ("the committee voted on Tuesday",
    "seven of the nine members of the committee voted for Tuesday's increase"), or the
    group of people or parties deciding together on a stated day ("the foreign ministers of
    four nations agreed on Monday"); whether it is such a group."""
    planned = verb.dep_ == "xcomp" and (
        verb.head.lower_ in FUTURE_CUES | _BE  # "he is to be heard by"
    )
    if any(c.dep_ == "aux" and c.lower_ in {"to"} for c in verb.children) and not planned:
        return None, [], False  # "decided to …": the deciding is the deed; "is due to …" is one
    # "adopts the budget for 2027": a date of what was decided, not of the deciding; "rejected
    # it within days": how long, not when
    # "decided to convene a meeting on June 16": the day of what was decided, not of deciding
    decided = {x.i for c in verb.children if c.dep_ == "xcomp" for x in c.subtree}
    dated = [
        s
        for s in [*_dates_of(verb), *(_plan_dates(verb) if planned else [])]
        if s.ent_iob_ == "B" and not _duration(s) and s.i not in decided
    ]
    if not dated:
        return None, [], False
    passed = [
        c
        for c in verb.children
        if c.dep_ == "dobj" and verb.lower_ in PASSAGE_VERBS and c.lower_ in BODY_WORDS
    ]
    if passed and not (subject.lower_ in BODY_WORDS or _body_acronym(art, subject.text)):
        subject = passed[0]  # "the bill cleared the lower house on Friday": the house sat
    node: Token | None = subject
    for _ in range(3):  # "seven of the nine members of the committee"
        assert node is not None
        if (
            node.lower_ in BODY_WORDS
            or coarse_pos(node) == "PROPN"
            or _body_acronym(art, node.text)
        ):
            break
        inner = [
            g
            for c in node.children
            if c.dep_ == "prep" and c.lower_ == "of"
            for g in c.children
            if g.dep_ == "pobj"
        ]
        if not inner:
            node = None
            break
        node = inner[0]
    if node is not None:
        body, tokens = _body(art, node)
        if body is not None and _names_body(art, tokens):
            return body, tokens, False
        if body is not None and node.lower_ in BODY_WORDS:
            # "the board of Fjordfly": the body is the noun, its owner the name after "of"
            return f"{body} {node.lower_}", [*tokens, node], False
    if not any(len(d.value) == 10 for d in _clause_dates(art, verb)):
        return None, [], False  # a group's deed makes a meeting only on a stated day
    body, tokens = _group(art, verb, subject)
    return body, tokens, body is not None


_BE = frozenset({"is", "are", "was", "were"})


def _plan_dates(verb: Token) -> list[Token]:
    """The dates the parser hung on the words of plan a verb completes: "On Wednesday he is
    to be heard by the committee", "the board is due on Monday to consider it"."""
    path = {verb.i}
    node = verb
    found: list[Token] = []
    while node.dep_ in {"xcomp", "acomp"} and node.head.i != node.i:
        node = node.head
        path.add(node.i)
        for c in node.children:
            if c.i not in path and c.dep_ in {"prep", "npadvmod"}:
                found.extend(s for s in c.subtree if s.ent_type_ == "DATE")
    return found


def _sitting(art: ParsedArticle, t: Token) -> tuple[str | None, list[Token]] | None:
    """A vote, a debate or a reading that is a body's sitting, and the body if it says which:
    held by a body ("the house will hold the final vote on Friday"), of or in a body ("the
    vote in the lower house"), held on a stated day ("a debate could be held on Thursday"),
    or counted ("the bill passed its second reading")."""
    verb = t.head
    if t.dep_ == "dobj" and verb.lower_ in HOLD_VERBS:
        for subject in (c for c in verb.children if c.dep_ == "nsubj"):
            named = [subject, *(c for c in subject.children if c.dep_ == "appos")]
            if any(n.lower_ in BODY_WORDS or _body_acronym(art, n.text) for n in named):
                body, tokens = _body(art, subject)
                return (body, tokens) if body else (art.phrase(subject), [subject])
    for c in t.children:
        if c.dep_ == "prep" and c.lower_ in {"in", "of", "by"}:
            for g in c.children:
                if g.dep_ == "pobj" and (g.lower_ in BODY_WORDS or _body_acronym(art, g.text)):
                    body, tokens = _body(art, g)
                    return (body, tokens) if body else (None, [])
    if t.dep_ == "nsubjpass" and verb.lower_ in HOLD_VERBS and _names_a_day(_dates_of(verb)):
        return None, []
    if _voted_on(art, t):
        if t.dep_ == "nsubjpass" and verb.lower_ in SCHEDULE_VERBS:
            deed: Token | None = verb  # "the vote is scheduled for Thursday"
        elif t.dep_ == "nsubj" and any(
            c.dep_ == "dobj" and c.lower_ in PLACE_NOUNS for c in verb.children
        ):
            deed = verb  # "the vote will take place on Thursday"
        elif t.dep_ == "pobj" and verb.lower_ == "to" and verb.head.lower_ in PUTTING_VERBS:
            deed = verb.head  # "the draft will be put to a vote on Friday"
        else:
            deed = None
        if deed is not None and _names_a_day(_dates_of(deed)):
            return None, []
    if any(c.ent_type_ == "ORDINAL" and c.dep_ == "amod" for c in t.children):
        return None, []
    return None


def _voted_on(art: ParsedArticle, t: Token) -> bool:
    """A vote a body takes on a text, not an election: no word such as "presidential" makes it
    one, and its sentence or the one before speaks of a body or of a text put to the vote."""
    if any(c.dep_ in {"amod", "compound"} and c.lower_ in ELECTION_MODIFIERS for c in t.children):
        return False
    n = art.sent_of[t.i]
    words = {x.lower_ for k in (n - 1, n) if k >= 0 for x in art.sents[k]}
    return bool(words & (BODY_WORDS | VOTED_DOCUMENTS | PROPOSAL_NOUNS))


def _duration(first: Token) -> bool:
    """A date entity, from its first token, that tells how long: "within days", "for years"."""
    words = [first]
    for t in first.doc[first.i + 1 :]:
        if t.ent_iob_ != "I":
            break
        words.append(t)
    return words[-1].lower_ in DURATION_UNITS and not any(
        w.lower_ in ANOTHER_CUES | {"this", "coming"} for w in words
    )


def _dates_of(verb: Token) -> list[Token]:
    return [
        s
        for c in [
            *(c for c in verb.children if c.dep_ not in _NOT_OWN_DATES),
            *_subject_dates(verb),
            *_object_days(verb),
        ]
        for s in c.subtree
        if s.ent_type_ == "DATE"
    ]


_NOT_OWN_DATES = frozenset({"ccomp", "nsubj", "nsubjpass", "advcl", "conj", "dobj"})


def _object_days(verb: Token) -> list[Token]:
    """A day the parser hung on the object that ends the clause: "will hear the appeals on
    June 18" tells when it will hear them (not "adopts the budget for 2027")."""
    return [
        p
        for c in verb.children
        if c.dep_ == "dobj"
        for p in c.children
        if p.dep_ == "prep"
        and max(x.i for x in p.subtree) == max(x.i for x in c.subtree if not x.is_punct)
        and (
            (p.lower_ == "on" and _names_a_day(list(p.subtree)))
            # "will consider the programme in May": a month, not a year the object is of
            or (p.lower_ == "in" and _names_a_month(list(p.subtree)))
        )
    ]


def _names_a_month(tokens: list[Token]) -> bool:
    text = " ".join(t.text for t in tokens)
    return any(len(d.value) == 7 for d in resolve_dates(text, _ANY_DAY))


def _subject_dates(verb: Token) -> list[Token]:
    """A date phrase between the subject and its verb that the parser hung on the subject:
    "Chile and Peru on Tuesday signed …" tells when they signed."""
    return [
        p
        for c in verb.children
        if c.dep_ in {"nsubj", "nsubjpass"} and c.i < verb.i
        for p in c.children
        if p.dep_ == "prep"
        and p.lower_ == "on"
        and p.i > c.i
        and max(x.i for x in p.subtree) == verb.i - 1
        and any(x.ent_type_ == "DATE" for x in p.subtree)
    ]


def _agent(verb: Token) -> Token | None:
    """Who did what a passive verb tells: "adopted by the ministers" -> "ministers"."""
    for c in verb.children:
        if c.dep_ == "agent":
            return next((g for g in c.children if g.dep_ == "pobj"), None)
    return None


_GROUP_DROP = frozenset({"relcl", "acl", "appos", "advcl", "punct", "cc", "det", "poss", "case"})


def _group(art: ParsedArticle, verb: Token, subject: Token) -> tuple[str | None, list[Token]]:
    """People or parties acting together: "Benčík and Szentesi", "Slovakia and Hungary",
    or a plural noun of several actors ("the foreign ministers of four nations", "oil
    producers from the Gulf")."""
    people, tokens = _meeting_people(art, verb, subject, [])
    if people is not None and len({party_of(t.text) or t.text for t in tokens}) >= 2:
        return people, tokens  # two parties, not a city and its country
    # "the Slovak and Hungarian prime ministers" may be parsed as a coordination of the two,
    # "Gulf of Guinea oil producers" as the gulf "of" the producers
    inner = [
        g
        for c in subject.children
        if c.dep_ == "prep" and c.lower_ == "of"
        for g in c.children
        if g.dep_ == "pobj" and not g.ent_type_
    ]
    if not any(
        c.tag_ == "NNS" and c.lower_ in GROUP_HEADS for c in (subject, *subject.conjuncts, *inner)
    ):
        return None, []
    drop = {
        s.i
        for c in subject.children
        if c.dep_ in _GROUP_DROP or (c.dep_ == "prep" and c.lower_ not in {"of", "from"})
        for s in c.subtree
    }
    words = [s for s in subject.subtree if s.i not in drop and s.tag_ not in {"DT", "PRP$"}]
    words = [s for s in words if not (s.is_punct and s.i in {words[0].i, words[-1].i})]
    if len(words) > 14:
        return None, []
    return art.phrase_text(words), words


def _clause_dates(art: ParsedArticle, verb: Token) -> list[DateMatch]:
    """The dates a verb's own clause states, not those of the clauses it governs."""
    own = {
        s.i
        for c in [
            *(
                c
                for c in verb.children
                if c.dep_ not in {"ccomp", "xcomp", "advcl", "conj", "relcl", "parataxis", "nsubj"}
            ),
            *_subject_dates(verb),
        ]
        for s in c.subtree
    }
    found: list[DateMatch] = []
    for ent in art.ents:
        if ent.label_ == "DATE" and ent.root.i in own:
            found.extend(resolve_dates(art.dehyphen(ent.text), art.ref, art.tense(verb)))
    return found


def _press_event(t: Token) -> bool:
    """A news conference or a briefing: "told reporters at a news conference"."""
    if coarse_pos(t) != "NOUN":
        return False
    if t.lower_ in PRESS_NOUNS:
        return True
    return t.lower_ in {"conference", "conferences"} and any(
        c.lower_ in PRESS_MODIFIERS for c in t.children
    )


def _concluded_agreement(t: Token) -> bool:
    """An agreement concluded at a stated place or on a stated day: "a deal reached in Abuja
    on Thursday", "agreements signed in the capital"."""
    if t.lower_ in CONCLUDING_VERBS and t.tag_ in {"VBD", "VBN"} and _struck_on_a_day(t):
        return True
    if not (t.lower_ in CONCLUDING_VERBS and t.tag_ == "VBN"):
        return False
    if not (
        (t.dep_ == "acl" and t.head.lower_ in AGREEMENT_NOUNS)
        # "the agreement was signed at 11am in Harare", "the treaty is due to be signed"
        or any(c.lower_ in AGREEMENT_NOUNS for c in _passive_subjects(t))
    ):
        return False
    placed = any(
        c.dep_ == "prep"
        and c.lower_ in {"in", "at"}
        # "signed at 11am in Harare": the place may hang on the time
        and any(
            g.dep_ == "pobj" and g.ent_type_ in {"GPE", "LOC", "FAC"}
            for p in (c, *(x for x in c.subtree if x.dep_ == "prep" and x.lower_ == "in"))
            for g in p.children
        )
        for c in t.children
    )
    # the day of the signing, not of what came before it ("three months after officials …")
    dates = [s for s in _dates_of(t) if not any(a.dep_ == "agent" for a in s.ancestors)]
    if dates:
        return _names_a_day(dates)  # "signed in Paris in 2015" is history, not a meeting
    return placed


def _struck_on_a_day(verb: Token) -> bool:
    """Parties concluding an agreement themselves on a stated day: "Paraguay reached a deal
    with its creditors on Tuesday", "the two sides signed a truce on Friday"."""
    if not any(c.dep_ == "dobj" and c.lower_ in AGREEMENT_NOUNS for c in verb.children):
        return False
    # the parties named ("Paraguay", "the two sides"), not any crowd ("fishermen struck a deal");
    # the subject nearest the verb, not a dateline's place the parser took for one
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    if not subjects:
        return False
    subject = max(subjects, key=lambda c: c.i)
    if not (subject.ent_type_ in {"GPE", "ORG", "NORP", "PERSON"} or subject.lower_ in GROUP_HEADS):
        return False
    return _names_a_day([s for s in _dates_of(verb) if s.ent_type_ == "DATE"])


def _passive_subjects(verb: Token) -> list[Token]:
    """What a passive verb tells was done to, also through the verbs of plan or expectation
    it completes: "the treaty was signed", "the treaty is due to be signed"."""
    subjects = [c for c in verb.children if c.dep_ == "nsubjpass"]
    node = verb
    while (
        not subjects
        and node.dep_ in {"xcomp", "acomp"}
        and any(c.dep_ == "auxpass" for c in verb.children)
        and node.head.i != node.i
    ):
        node = node.head  # "is due to be signed", "are expected to be signed"
        subjects = [c for c in node.children if c.dep_ in {"nsubj", "nsubjpass"}]
    return subjects


def _names_a_day(tokens: list[Token]) -> bool:
    text = " ".join(t.text for t in tokens)
    return any(d.precise and len(d.value) == 10 for d in resolve_dates(text, _ANY_DAY))


_ANY_DAY = dt.date(2000, 1, 1)  # a stand-in reference: whether words name a day, not which


def _agenda_particle(t: Token) -> bool:
    """An agenda verb with its particle: "the forum will take it up on Friday"."""
    return _particle(t, AGENDA_PARTICLES)


def _particle(t: Token, verbs: dict[str, str]) -> bool:
    """A verb with the particle that gives it its sense: "took it up", "struck down"."""
    particle = verbs.get(t.lower_)
    return particle is not None and any(
        c.dep_ == "prt" and c.lower_ == particle for c in t.children
    )


def _delivered(t: Token) -> bool:
    """A judgment given on a stated day: "in a judgment delivered on Thursday", "the verdict
    was handed down on May 5"."""
    verbs = [c for c in t.children if c.dep_ == "acl" and c.lower_ in DELIVERY_VERBS]
    if t.dep_ == "nsubjpass" and t.head.lower_ in DELIVERY_VERBS:
        verbs.append(t.head)
    return any(_names_a_day(_dates_of(v)) for v in verbs)


def _reporter_of(art: ParsedArticle, verb: Token) -> Token | None:
    """Who "it" or "they" is in what a body said of itself: "the bench said it would hear
    arguments", "the council, which met on Monday, said it would vote on Friday"."""
    if verb.dep_ != "ccomp" or not art.is_reporting(verb.head):
        return None
    said = verb.head
    while True:
        subject = next((c for c in said.children if c.dep_ == "nsubj"), None)
        if subject is not None or said.dep_ != "conj" or said.head.i == said.i:
            break
        said = said.head  # "upheld the rules and said it would …": the first verb's subject
    if subject is None:
        return None
    if (
        subject.lower_ in BODY_WORDS
        or coarse_pos(subject) == "PROPN"
        or _body_acronym(art, subject.text)
    ):
        return subject
    return None


def _past_dateline(art: ParsedArticle, subject: Token) -> Token:
    """The body the parser set beside a dateline's place as its subject: in "COLOMBO (AP) —
    The Supreme Court on Thursday struck down …" the court is the one deciding."""
    if not (subject.ent_type_ in {"GPE", "LOC"} or subject.text.isupper()):
        return subject
    bodies = [
        c
        for c in subject.children
        if c.dep_ == "appos"
        and c.i > subject.i
        and (c.lower_ in BODY_WORDS or _body_acronym(art, c.text))
        and any(x.text in {"\u2014", "\u2013", "-", "--"} for x in art.doc[subject.i : c.i])
    ]
    return bodies[-1] if bodies else subject


def _resumed(art: ParsedArticle, t: Token) -> tuple[Token, str] | None:
    """A meeting put off until a stated day, and the day it resumes: "adjourned until October
    22 the hearing", "the talks were postponed to Monday"."""
    if coarse_pos(t) != "NOUN" or t.dep_ not in {"dobj", "nsubjpass"}:
        return None
    verb = t.head
    if verb.lower_ not in ADJOURN_VERBS:
        return None
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ in {"until", "till", "to"}:
            words = art.dehyphen(art.span_text(c.subtree))
            days = [d for d in resolve_dates(words, art.ref, 1) if d.precise and len(d.value) == 10]
            if days:
                return c, days[0].value
    return None


def _clause_of(t: Token) -> list[Token]:
    """The words that tell about a meeting: its own phrase and its verb's other words."""
    verb = t if coarse_pos(t) == "VERB" else t.head if coarse_pos(t.head) in {"VERB", "AUX"} else t
    node = t
    while verb is t and node.dep_ in {"pobj", "prep", "dobj"} and node.head.i != node.i:
        # "discussed the outbreak by video conference last month": the verb's words
        node = node.head
        if coarse_pos(node) in {"VERB", "AUX"}:
            verb = node
    return [
        x
        for c in [verb, *verb.children]
        if c.dep_ not in {"ccomp", "advcl", "conj", "relcl", "parataxis"} or c.i == verb.i
        for x in ([c] if c.i == verb.i else c.subtree)
    ]


def _timed(t: Token) -> bool:
    """The clause says when, if only roughly: "next week", "later this month", "in the autumn"."""
    return any(x.ent_type_ == "DATE" for x in _clause_of(t))


def _at_event(verb: Token) -> bool:
    """The verb tells what was done at a meeting it names: "discussed the collapse at a
    closed-door session", "voted during the plenary", "ordered a recount after a hearing"."""
    for x in verb.subtree:
        if not (
            x.dep_ == "pobj"
            and x.lower_ in EVENT_KINDS
            and x.head.lower_ in {"at", "during", "after"}
        ):
            continue
        node = x.head.head
        while coarse_pos(node) not in {"VERB", "AUX"} and node.head.i != node.i:
            node = node.head
        if node.i == verb.i:
            return True
    return False


def _people_met(objects: list[Token]) -> tuple[str, list[Token]] | None:
    """The people a verb of meeting has as its object, when its noun says they are people:
    "the operators of all licensed mines", "families of the victims"; not "resistance"."""
    for o in objects:
        if coarse_pos(o) == "NOUN" and o.lower_ in PEOPLE_MET:
            words = [s for s in o.subtree if s.dep_ not in {"relcl", "acl"} or s.i < o.i]
            drop = {
                x.i
                for c in o.children
                if c.dep_ in {"relcl", "acl", "appos", "punct"}
                or (c.dep_ == "prep" and c.lower_ not in {"of", "from"})
                for x in c.subtree
            }
            words = [s for s in words if s.i not in drop and s.tag_ not in {"DT", "PRP$"}]
            if 0 < len(words) <= 12:
                return " ".join(w.text for w in words), words
    return None


def _of_other_thing(t: Token) -> bool:
    """The meeting is the complement of another noun ("the highlights of the meeting"): what
    its clause tells is of that other thing."""
    return (
        t.dep_ == "pobj"
        and t.head.lower_ == "of"
        and t.head.head.lower_ not in EVENT_KINDS
        and t.head.head.lower_ not in COUNT_NOUNS
    )


def _roughly_timed(t: Token) -> bool:
    """The clause says when only roughly, by a period: "voted last week", "met days ago"."""
    clause = {x.i for x in _clause_of(t)}
    return any(
        ent.label_ == "DATE"
        and ent.start in clause
        and any(w.lower_ in PERIOD_WORDS for w in ent)
        and not _duration(ent[0])
        for ent in t.sent.ents
    )


def _another(t: Token) -> bool:
    """The meeting is one more than the one the article is about: "again", "next", "previous"."""
    return any(x.lower_ in ANOTHER_CUES for x in _clause_of(t))


def _names_event(sent: Span) -> bool:
    """The sentence names a meeting by its noun ("hosted the envoys at talks in Doha")."""
    return any(t.lower_ in EVENT_KINDS and coarse_pos(t) == "NOUN" for t in sent)


def _sits_down_with(verb: Token) -> bool:
    """Sitting down with someone is meeting them: "sits down with its bondholders"."""
    return any(c.dep_ == "prt" and c.lower_ == "down" for c in verb.children) and any(
        c.dep_ == "prep" and c.lower_ == "with" for c in verb.children
    )


def _by_phone(verb: Token) -> bool:
    """The verb says the talking was done by telephone or video: "spoke by phone"."""
    return any(
        c.dep_ == "prep"
        and c.lower_ in {"by", "over", "on", "via"}
        and any(g.lower_ in CALL_NOUNS for g in c.children)
        for c in verb.children
    )


def _bodys_dated(t: Token) -> bool:
    """A body's decision told with its day: "the committee's decision is due on Tuesday"."""
    owners = [c for c in t.children if c.dep_ == "poss"]
    if not owners or owners[0].lower_ not in BODY_WORDS:
        return False
    return any(x.ent_type_ == "DATE" for x in _clause_of(t))


def _addressed(t: Token) -> bool:
    """A body spoken to or before on a stated day: "told the committee on Thursday",
    "testified before the council on May 3"."""
    verb = t.head
    if t.dep_ in {"dobj", "dative"}:
        pass
    elif t.dep_ == "pobj" and t.head.lower_ in {"before", "to"}:
        verb = t.head.head
    else:
        return False
    if verb.lower_ not in ADDRESS_VERBS or not verb.tag_.startswith("VB"):
        return False
    if any(c.dep_ in {"relcl", "acl"} for c in t.children):
        return False
    # "appear before the committee on Wednesday": the parser may hang the day on the body
    return any(
        c.ent_type_ == "DATE"
        # "on Wednesday afternoon": the day may be the compound of a time of day
        or (
            c.dep_ == "prep"
            and any(x.ent_type_ == "DATE" for g in c.children for x in (g, *g.children))
        )
        for c in [*verb.children, *(c for c in t.children if c.dep_ == "prep")]
    )


def _elliptic_kind(t: Token, earlier: list[MeetingMention]) -> str | None:
    """The kind of event a noun such as "round" stands for: the kind the article already
    spoke of, unless the noun says it is of something else ("a round of voting")."""
    kind = ELLIPTIC_KINDS[t.lower_]
    if not any(m.kind == kind for m in earlier) and not _placed_noun(t):
        return None  # "the next round in Astana" is one though none was told before
    if any(c.dep_ == "prep" and c.lower_ == "of" for c in t.children):
        return None  # "a round of talks" is found at "talks"; "a round of sanctions" is none
    return kind


def _placed_noun(t: Token) -> bool:
    """The noun, or the verb it is the subject of, says in which town: "the next round is
    due in Astana", "a round in Geneva"."""
    owners = [t, t.head] if t.dep_ in {"nsubj", "nsubjpass"} else [t]
    for owner in owners:
        for node in (owner, *(c for c in owner.children if c.dep_ == "acomp")):
            for c in node.children:
                if (
                    c.dep_ == "prep"
                    and c.lower_ in {"in", "at"}
                    and any(g.dep_ == "pobj" and g.ent_type_ in {"GPE", "FAC"} for g in c.children)
                ):
                    return True
    return False


def _placed(verb: Token) -> bool:
    """The verb says where or when: "in <place>", "at <place>", "on Sunday"."""
    return any(
        (
            c.dep_ == "prep"
            and c.lower_ in {"in", "at", "on"}
            and any(
                g.dep_ == "pobj"
                and (
                    g.ent_type_ in {"GPE", "LOC", "FAC", "DATE"}
                    # "on Wednesday evening": a day inside a time of day
                    or any(x.ent_type_ == "DATE" for x in g.children if x.dep_ == "compound")
                )
                for g in c.children
            )
        )
        or (c.dep_ == "npadvmod" and c.ent_type_ == "DATE")
        for c in verb.children
    )


def _meeting_name(
    art: ParsedArticle, t: Token, kind: str, body: str | None, verb_body: bool
) -> str:
    if verb_body or (body and t.lower_ not in EVENT_KINDS):
        return f"{body} meeting"
    if coarse_pos(t) == "VERB":
        return "phone conversation" if kind == "call" else "meeting"
    mods = [
        c
        for c in t.lefts
        if c.dep_ in {"amod", "compound", "nmod", "npadvmod", "nummod"}
        and c.ent_type_ != "DATE"
        and c.lower_ not in {"much", "first", "upcoming"}
    ]
    words: list[Token] = []
    for c in mods:
        words.extend(s for s in c.subtree if s.ent_type_ != "DATE" and s.tag_ not in {"DT", "PRP$"})
    base = art.dehyphen(art.span_text([*words, t]))
    for child in t.rights:
        if child.dep_ == "prep" and child.lower_ == "of" and body:
            return f"{body} {t.text}" if base == t.text else f"{base} of {body}"
        if child.dep_ == "prep" and child.lower_ == "with" and body:
            return f"{base} with {body}"
        if child.dep_ == "prep" and child.lower_ in {"on", "over"}:
            pobj = [c for c in child.children if c.dep_ == "pobj"]
            if pobj and len(list(pobj[0].subtree)) <= 6 and pobj[0].ent_type_ != "DATE":
                base = f"{base} {child.text} {art.span_text(pobj[0].subtree)}"
    if not body and t.lower_ in EVENT_KINDS:
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
            if (
                subj
                and coarse_pos(subj[0]) in {"NOUN", "PROPN"}
                and len(list(subj[0].subtree)) <= 5
            ):
                who = art.dehyphen(art.span_text(subj[0].subtree))
                if kind != "call":
                    base = f"{base} of {re.sub(r'^(?:the|The) ', '', who)}"
    return base


def _anchor(art: ParsedArticle, t: Token, heads: dict[int, int]) -> int | None:
    """Index of the mention a date or place attaches to through the parse, if any: not
    through a clause that tells of something else, with its own subject ("the meeting heard an
    official say that soldiers had been killed since fighting broke out on Saturday")."""
    node = t
    for _ in range(6):
        if node.i in heads:
            return heads[node.i]
        if node.head.i == node.i or _other_clause(node, heads):
            return None
        node = node.head
    return None


def _other_clause(node: Token, heads: dict[int, int]) -> bool:
    """A clause with its own subject under another verb, of no meeting: what it dates is its
    own deed ("heard an official say that nine had died since fighting began on Saturday")."""
    return (
        node.dep_ in {"ccomp", "advcl"}
        and coarse_pos(node) in {"VERB", "AUX"}
        and node.i not in heads
        and any(c.dep_ in {"nsubj", "nsubjpass"} for c in node.children)
        and coarse_pos(node.head) in {"VERB", "AUX"}
        and node.head.i not in heads
    )


def _of_bounding_deed(date: Token, heads: dict[int, int]) -> bool:
    """The date hangs on a noun that bounds the meeting in time, not on the meeting: "the
    congress was called after the resignation in February" (the resignation's month)."""
    node = date
    for _ in range(6):
        if node.i in heads or node.head.i == node.i:
            return False
        if (
            node.dep_ == "pobj"
            and node.head.lower_ in _BOUND_MARKS | {"following"}
            and node.ent_type_ not in {"DATE", "TIME"}  # "before midnight Tuesday": a time
        ):
            return True
        if (
            node.dep_ == "advcl"
            and coarse_pos(node) in {"VERB", "AUX"}
            and any(c.dep_ == "mark" and c.lower_ in _BOUND_MARKS for c in node.children)
        ):
            return True  # "the congress was called after the president quit in February"
        if node.dep_ == "relcl" and coarse_pos(node) in {"VERB", "AUX"}:
            # "the attack, which began on Monday, …, he told a news conference": the day of
            # the attack; not "the meeting of the council, which opened on Monday"
            # (nor "the first round of talks, held last Friday")
            owner = node.head
            return not (
                owner.i in heads
                or (owner.head.lower_ == "of" and owner.head.head.i in heads)
                or any(g.i in heads for c in owner.children if c.lower_ == "of" for g in c.children)
            )
        node = node.head
    return False


def _in_other_clause(t: Token, heads: dict[int, int]) -> bool:
    """The word sits in such a clause, below every meeting of its sentence."""
    node = t
    for _ in range(6):
        if node.i in heads or node.head.i == node.i:
            return False
        if _other_clause(node, heads):
            return any(a.i in heads for a in node.ancestors)
        node = node.head
    return False


def _dates_the_sentence(art: ParsedArticle, date: Token, head: Token) -> bool:
    """A date on the main verb dates what its clauses tell in the same tense: "agreed on
    Tuesday, one of twelve deals signed after four hours of talks"."""
    verb = art.governing_verb(date)
    if verb is None or verb.dep_ != "ROOT":
        return False
    own = art.governing_verb(head)
    if own is None or verb.i not in {a.i for a in head.ancestors}:
        return False
    tense = art.tense(verb)
    return tense != 0 and art.tense(own) in {0, tense}


_BOUND = re.compile(
    r"\b(?:since|until|till|before|after)\s+(?:the\s+)?(?:early\s+|late\s+)?$", re.I
)


def _attach_dates_places(art: ParsedArticle, mentions: list[MeetingMention]) -> None:
    by_sent: dict[int, list[int]] = {}
    for n, m in enumerate(mentions):
        by_sent.setdefault(m.sent_index, []).append(n)
    # Someone's own words: a day they speak of dates no meeting the report tells around them.
    # (Read only when a sentence with a date holds a quotation mark.)
    quoted: list[tuple[int, int]] | None = None
    for s_index, all_members in by_sent.items():
        preset = [n for n in all_members if mentions[n].preset_date]
        members = [n for n in all_members if not mentions[n].preset_date]
        if not members:
            continue
        sent = art.sents[s_index]
        heads: dict[int, int] = {}
        for n in preset:
            heads[mentions[n].head.i] = n
        for n in members:
            head = mentions[n].head
            heads[head.i] = n
            verb = art.governing_verb(head)
            if (
                verb is not None
                and verb.i not in heads
                # "a truce from Saturday under a deal reached in Doha": a verb of meeting in a
                # clause of its own is not dated by the verb it hangs on
                and not (coarse_pos(head) == "VERB" and head.dep_ in _OWN_CLAUSES)
                and (
                    mentions[n].spoken_to
                    or not art.is_reporting(verb)
                    # "said in the house on Wednesday during the second reading": said there
                    or (head.dep_ == "pobj" and head.head.lower_ in {"during", "at"})
                    # "told the emergency meeting on Thursday": the telling was at it
                    or (head.dep_ in {"dobj", "dative"} and head.head.lower_ in ADDRESS_VERBS)
                )
            ):
                heads[verb.i] = n
            for c in head.children:
                if c.dep_ in {"relcl", "acl"}:
                    heads.setdefault(c.i, n)
        sent_text = art.dehyphen(sent.text) if "-" in sent.text else sent.text
        shift_ok = len(sent_text) == len(sent.text)
        # Dates.
        tense_of = {n: art.tense(mentions[n].head) for n in members}
        candidates: dict[int, list[tuple[int, DateMatch]]] = {n: [] for n in members}
        for d in resolve_dates(sent_text if shift_ok else sent.text, art.ref, 0):
            if _BOUND.search((sent_text if shift_ok else sent.text)[: d.start]):
                continue  # "the first meeting since 2019": a bound, not the meeting's date
            tok = art.token_at(sent.start_char + d.start)
            if _anchor(art, tok, heads) in preset:
                continue  # the day a meeting was put off to is that meeting's own
            if _in_other_clause(tok, heads):
                continue  # the day of something a meeting heard of, not of the meeting
            if _of_bounding_deed(tok, heads):
                continue  # "called after the resignation in February": the resignation's
            if _participle_day(art, tok, [mentions[n].head for n in members]):
                continue  # "Speaking on Thursday, she repeated what she said as talks closed"
            quote = None
            if _QUOTE_MARKS & set(sent.text):
                if quoted is None:
                    text = art.doc.text
                    quoted = [(a, b) for a, b in quoted_spans(text) if len(text[a:b].split()) >= 4]
                quote = next((q for q in quoted if q[0] <= tok.idx < q[1]), None)
            if quote is not None and not any(
                quote[0] <= mentions[n].head.idx < quote[1] for n in members
            ):
                continue  # "the strike on June 2 will go ahead," she said after the talks
            anchor_verb = art.governing_verb(tok)
            if (
                _anchor(art, tok, heads) is None
                and anchor_verb is not None
                and art.is_reporting(anchor_verb)
                and (anchor_verb.i not in heads)
                and not (
                    anchor_verb.dep_ == "ROOT"
                    and any(c.dep_ == "xcomp" for c in anchor_verb.children)
                    and not any(c.dep_ == "ccomp" for c in anchor_verb.children)
                )
                and not _meanwhile(art, anchor_verb, [mentions[n].head for n in members])
            ):
                continue  # when it was said, not when it met; "agreed Tuesday to …" is a deed
            if (
                len(members) == 1
                and _told_before(art, mentions[members[0]].head, tok)
                # "said on Monday after the cabinet met": said on the day it met
                and not (
                    anchor_verb is not None
                    and art.is_reporting(anchor_verb)
                    and _meanwhile(art, anchor_verb, [mentions[members[0]].head])
                )
            ):
                continue  # "walked out on Oct. 5 after talks collapsed": the walkout's day
            nearest = min(members, key=lambda n: abs(mentions[n].head.i - tok.i))
            anchored = _anchor(art, tok, heads)
            if anchored is None and anchor_verb is not None:
                # "will observe a truce from Saturday under a deal reached after talks": a day
                # of a clause told in the future dates no meeting told in the past
                said_when = art.tense(anchor_verb)
                members_now = [n for n in members if tense_of[n] * said_when >= 0]
                if not members_now:
                    continue
                nearest = min(members_now, key=lambda n: abs(mentions[n].head.i - tok.i))
            if len(members) > 1:
                target = _dated_mention(art, mentions, members, tok, nearest)
            else:
                target = anchored if anchored is not None else nearest
                if (
                    anchored is None
                    and abs(mentions[target].head.i - tok.i) > 25
                    and not _dates_the_sentence(art, tok, mentions[target].head)
                ):
                    continue
            own_time = _own_time(mentions[target].head)
            if anchored is None and own_time and tok.i not in own_time:
                continue  # "at talks in Astana last week": told when by its own words
            # Again, knowing whether the clause speaks of the past or the future: "in May".
            direction = tense_of[target] or (art.tense(anchor_verb) if anchor_verb else 0)
            before = (sent_text if shift_ok else sent.text)[: d.start]
            if direction < 0 and re.search(r"\bfor\s+(?:the\s+)?$", before, re.I):
                direction = 0  # "has called a meeting for 23 June": the day it is called for
            redo = [
                x
                for x in resolve_dates(sent_text if shift_ok else sent.text, art.ref, direction)
                if x.start == d.start
            ]
            d = (
                DateMatch(d.start, d.end, redo[0].value, redo[0].end_value, redo[0].precise)
                if redo
                else d
            )
            apart = _days_apart(mentions[target].head, tok)
            if apart and d.precise and len(d.value) == 10:
                # "on Friday, a day after officials meeting in Astana agreed": the day before
                day_ = dt.date.fromisoformat(d.value) + dt.timedelta(days=apart)
                d = DateMatch(d.start, d.end, day_.isoformat(), None, True)
            candidates[target].append((abs(mentions[target].head.i - tok.i), d))
        for n, found in candidates.items():
            if not found:
                continue
            precise = [f for f in found if f[1].precise] or found
            _, best = min(precise, key=lambda f: f[0])
            mentions[n].date = best.value
            mentions[n].end_date = best.end_value
            if not best.precise:
                text = sent_text if shift_ok else sent.text
                mentions[n].date_words = text[best.start : best.end]
        _shift_from_day_before(art, mentions, members)
        # Places: "in Riga", "Vienna is hosting".
        for ent in art.ents:
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
            target_ = _anchor(art, anchor_from, heads)
            if root.dep_ == "nsubj":
                objs = [c for c in root.head.children if c.dep_ == "dobj"]
                target_ = heads.get(objs[0].i) if objs else target_
            if target_ is None:
                owner = anchor_from.head
                if owner.i in {mentions[n].head.i for n in members}:
                    target_ = heads[owner.i]
                elif any(
                    owner.i in {b.i for b in _body(art, mentions[n].head)[1]} for n in members
                ):
                    target_ = next(
                        n
                        for n in members
                        if owner.i in {b.i for b in _body(art, mentions[n].head)[1]}
                    )
            if target_ is None or mentions[target_].location:
                continue
            # A country or region is what a meeting is about more often than where it is.
            if names_a_country(ent.text):
                continue
            mentions[target_].location = art.dehyphen(ent.text)
        # Times.
        for m_time in TIME_PATTERN.finditer(sent.text):
            tok = art.token_at(sent.start_char + m_time.start())
            nearest = min(members, key=lambda n: abs(mentions[n].head.i - tok.i))
            if mentions[nearest].time is None:
                mentions[nearest].time = m_time[0].strip()


def _own_time(head: Token) -> set[int]:
    """The words of time a meeting's noun or verb has of its own, which may be rough and
    unresolved: "talks in Astana last week", "met days ago"."""
    own: set[int] = set()
    verb = head.head.head if head.dep_ == "pobj" else None  # "at talks … last week"
    rough = [c for c in verb.children if c.dep_ == "npadvmod"] if verb is not None else []
    for c in [*head.children, *rough]:
        if (c.dep_ == "npadvmod" and c.ent_type_ == "DATE") or (
            c.dep_ == "prep" and any(g.ent_type_ == "DATE" for g in c.children)
        ):
            own.update(x.i for x in c.subtree)
    return own


def _days_apart(head: Token, date: Token) -> int | None:
    """Days from the date told to the meeting, when the meeting is told in a clause counted
    from it: "on Friday, a day after officials meeting in Astana agreed" -> -1; "on Monday,
    two days before the summit opened" -> +2."""
    counts, units, _, _ = day_shifts()
    node = head
    for _ in range(5):
        if node.head.i == node.i:
            return None
        node = node.head
        if node.dep_ == "advcl" and coarse_pos(node) in {"VERB", "AUX"}:
            words = [c for c in node.children if c.dep_ == "mark"]
            break
        if node.dep_ == "prep" and node.lower_ in _BOUND_MARKS:
            words = [node]  # "two days after ministers meeting in Tallinn agreed"
            break
    else:
        return None
    marks = {w.lower_ for w in words}
    sign = -1 if "after" in marks else 1 if "before" in marks else 0
    inside = {x.i for x in node.subtree}
    # the day told first, the count after it: "on Friday, a day after …"
    if not sign or date.i in inside or date.i > node.left_edge.i:
        return None
    for c in (*node.children, *(c for w in words for c in w.children)):
        if c.dep_ != "npadvmod" or c.lower_ not in units:
            continue
        number = [x for x in c.children if x.dep_ in {"det", "nummod"}]
        count = counts.get(number[0].lower_) if number else None
        if count is None and number and number[0].text.isdigit():
            count = int(number[0].text)
        if count is not None:
            return sign * count * units[c.lower_]
    return None


_QUOTE_MARKS = frozenset('"\u201c\u201d\u00ab\u00bb\u201e')
_OWN_CLAUSES = frozenset({"acl", "relcl", "advcl"})


def _participle_day(art: ParsedArticle, date: Token, heads: list[Token]) -> bool:
    """A day in a participle clause that holds no meeting dates that clause's deed:
    "Speaking to a radio station on Thursday, the envoy repeated what she had said as the
    talks closed" (not "Meeting in Riga on Friday, the ministers agreed ...")."""
    verb = art.governing_verb(date)
    if verb is None or verb.dep_ != "advcl" or verb.tag_ != "VBG":
        return False
    inside = {s.i for s in verb.subtree}
    return not any(h.i in inside for h in heads)


def _meanwhile(art: ParsedArticle, said: Token, heads: list[Token]) -> bool:
    """A meeting told in a clause of the moment something was said: "the spokesman said on
    Tuesday, as the council met in emergency session", "said on Monday after the cabinet met"."""
    for head in heads:
        own = head if coarse_pos(head) == "VERB" else art.governing_verb(head)
        if own is None or own.dep_ != "advcl":
            continue
        marks = {c.lower_ for c in own.children if c.dep_ == "mark"}
        # "said on Monday after the cabinet met at 10 a.m.": the same day, unless the clause
        # says another ("after the talks collapsed last week")
        after = "after" in marks and not any(x.ent_type_ == "DATE" for x in own.subtree)
        if not (marks & {"as", "while", "when"} or after):
            continue
        node = own.head  # "said on Tuesday, as the council met, that aid was coming"
        while node.i != said.i and node.dep_ in {"ccomp", "conj"} and node.head.i != node.i:
            node = node.head
        if node.i == said.i:
            return True
    return False


def _told_before(art: ParsedArticle, head: Token, date: Token) -> bool:
    """The meeting is told in a clause of what came before or after the deed the date is
    of: "walked off the job on Oct. 5 after talks on a new contract collapsed"."""
    own = head if coarse_pos(head) == "VERB" else art.governing_verb(head)
    if own is None or own.dep_ != "advcl":
        return False
    if not any(c.dep_ == "mark" and c.lower_ in _BOUND_MARKS for c in own.children):
        return False
    verb = art.governing_verb(date)
    return verb is not None and verb.i == own.head.i and date.i not in {s.i for s in own.subtree}


_BOUND_MARKS = frozenset({"after", "before", "since", "until", "till"})


def _dated_mention(
    art: ParsedArticle,
    mentions: list[MeetingMention],
    members: list[int],
    date: Token,
    nearest: int,
) -> int:
    """Which of a sentence's meetings a date tells of: the one whose noun phrase holds it
    ("Wednesday's summit"), else the nearest of its own clause ("agreed by the ministers on
    Monday and endorsed on Wednesday by …"), else the nearest."""
    heads = {mentions[n].head.i: n for n in members}
    node = date
    for _ in range(6):
        if coarse_pos(node) == "VERB":
            break
        if node.i in heads and node.i != date.i:
            return heads[node.i]
        if node.head.i == node.i or node.dep_ == "conj":
            break  # "in Tromso and on June 11": a coordinated date is not the noun's own
        node = node.head
    verb = art.governing_verb(date)
    if verb is None:
        return nearest
    clause = []
    for n in members:
        head = mentions[n].head
        own = head if coarse_pos(head) == "VERB" else art.governing_verb(head)
        if own is not None and own.i == verb.i:
            clause.append(n)
    if not clause:
        return nearest
    return min(clause, key=lambda n: abs(mentions[n].head.i - date.i))


def _shift_from_day_before(
    art: ParsedArticle, mentions: list[MeetingMention], members: list[int]
) -> None:
    """ "Two days later, the prime ministers met": days counted from the day of the meeting
    told last, for a mention of this sentence its own words do not date."""
    undated = [
        n
        for n in members
        if mentions[n].date is None
        # "publishes the highlights of the meeting the following day": the day of the telling
        and not (mentions[n].head.dep_ == "pobj" and mentions[n].head.head.lower_ == "of")
    ]
    if not undated:
        return
    sent = art.sents[mentions[members[0]].sent_index]
    shift = day_shift(sent.text)
    if shift is None:
        return
    first = min(mentions[n].head.i for n in members)
    told = [m for m in mentions if m.head.i < first and m.date is not None and len(m.date) == 10]
    if not told:
        return
    day = dt.date.fromisoformat(told[-1].date or "") + dt.timedelta(days=shift[2])
    tok = art.token_at(sent.start_char + shift[0])
    nearest = min(undated, key=lambda n: abs(mentions[n].head.i - tok.i))
    mentions[nearest].date = day.isoformat()


def _describe_meeting(art: ParsedArticle, m: MeetingMention) -> None:
    t = m.head
    sent = art.sents[m.sent_index]
    scope = {s.lower_ for s in t.subtree}
    verb = art.governing_verb(t)
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
    if (ancestors | near) & PROPOSE_CUES:
        m.status = "proposed"
    else:
        tense = art.tense(t)
        if m.date and art.ref is not None and len(m.date) == 10:
            day = dt.date.fromisoformat(m.date)
            if day > art.ref:
                m.status = "scheduled"
            elif day < art.ref:
                m.status = "held"
            else:
                m.status = "held" if tense < 0 else "scheduled"
        elif tense > 0:
            m.status = "scheduled"
        elif tense < 0 and m.date:
            m.status = "held"
    if m.settled and m.status == "unknown":
        m.status = "held"  # an agreement concluded is done
    # People taking part.
    people: list[Person] = []
    chair: Person | None = None
    holders = [verb] if verb is not None else []
    if coarse_pos(t) == "VERB":
        holders.append(t)
    for h in holders:
        for c in h.children:
            group: list[Token] = []
            if c.dep_ in {"nsubj", "nsubjpass"} and h.lower_ in HOLD_VERBS:
                group = [c, *c.conjuncts]
            if c.dep_ == "prep" and c.lower_ in {"with", "between"}:
                pobj = [g for g in c.children if g.dep_ == "pobj"]
                group = [*pobj, *[x for p in pobj for x in p.conjuncts]]
            if c.dep_ == "agent" and h.lower_ == "chaired":
                pobj = [g for g in c.children if g.dep_ == "pobj"]
                for p in pobj:
                    key = art.person_tokens.get(p.i)
                    if key:
                        chair = art.person_at(key)
            for g in group:
                for s in g.subtree:
                    key = art.person_tokens.get(s.i)
                    if key and art.person_at(key) not in people:
                        people.append(art.person_at(key))
    for c in t.children:
        if c.dep_ == "prep" and c.lower_ in {"with", "between", "by"}:
            for s in c.subtree:
                key = art.person_tokens.get(s.i)
                if key and art.person_at(key) not in people:
                    people.append(art.person_at(key))
    # "X will head the Polish delegation" / "the council will be chaired by X".
    for s in art.tokens[sent.start : sent.end]:
        leads = s.lower_ in {"head", "lead", "heading", "leading", "heads", "leads"}
        if (
            leads
            and coarse_pos(s) == "VERB"
            and {c.lower_ for c in s.subtree}
            & {
                "delegation",
                "delegations",
            }
        ):
            for c in s.children:
                if c.dep_ == "nsubj":
                    for x in c.subtree:
                        key = art.person_tokens.get(x.i)
                        if key and art.person_at(key) not in people:
                            people.append(art.person_at(key))
        if s.lower_ == "chaired":
            for c in s.children:
                if c.dep_ == "agent":
                    for x in c.subtree:
                        key = art.person_tokens.get(x.i)
                        if key:
                            chair = art.person_at(key)
    m.participants = people
    m.chair = chair
    # Parties: the body's members, the participants' countries.
    parties: list[str] = []
    if m.body:
        parties.extend(p for p in parties_in(m.body) if not is_region(p))
    for h in holders:
        for c in h.children:
            if (c.dep_ in {"nsubj", "nsubjpass"} and h.lower_ in HOLD_VERBS) or (
                c.dep_ == "prep" and c.lower_ in {"with", "between"}
            ):
                for s in c.subtree:
                    if s.ent_type_ in {"GPE", "ORG", "NORP"}:
                        party = party_of(s.text)
                        if party and not is_region(party) and party not in parties:
                            parties.append(party)
    for person in people:
        party = party_of(person.organization) if person.organization else None
        if party and party not in parties:
            parties.append(party)
    m.parties = parties
    m.agenda = _agenda(art, t, sent)


def _items(art: ParsedArticle, head: Token) -> list[str]:
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
        tokens = list(node.subtree)
        if node.lower_ in COMPLEMENT_NOUNS and not any(
            c.dep_ in {"prep", "acl", "relcl"} and c.i > node.i for c in node.children
        ):
            # "the situation in and around X": the parser often hangs the complement on the
            # verb; the phrase right after the noun completes it. Without one, no topic.
            follower = _complement_after(node)
            if follower is None:
                continue
            tokens += list(follower.subtree)
        drop |= _cut_abbreviation([x for x in tokens if x.i not in drop])
        text = art.dehyphen(art.span_text(tokens, drop))
        text = re.sub(r"^(?:the|a|an|its|their|his|her)\s+", "", text, flags=re.I)
        if text.count("\u201c") != text.count("\u201d"):
            text = text.replace("\u201c", "").replace("\u201d", "")  # a quotation cut in two
        if text and 1 <= len(text.split()) <= 14 and text.lower() not in {"issues", "it", "them"}:
            items.append(text)
    return items


def _abbreviated(t: Token) -> bool:
    """The stem of a short form whose full stop the parser split off: "esp" of "esp."."""
    doc = t.doc
    return (
        t.i + 1 < len(doc)
        and doc[t.i + 1].text == "."
        and not t.whitespace_
        and t.lower_ in ABBREVIATIONS
    )


def _cut_abbreviation(tokens: list[Token]) -> set[int]:
    """The tokens to drop so that an item does not end in a short form: "European security,
    esp" -> "European security"."""
    ordered = sorted(tokens, key=lambda x: x.i)
    if not ordered or not _abbreviated(ordered[-1]):
        return set()
    cut = {ordered.pop().i}
    while ordered and (ordered[-1].is_punct or ordered[-1].dep_ == "cc"):
        cut.add(ordered.pop().i)
    return cut


def _complement_after(node: Token) -> Token | None:
    """A prepositional phrase that directly follows a noun but hangs on another word."""
    last = max(s.i for s in node.subtree)
    doc = node.doc
    if last + 1 >= len(doc):
        return None
    nxt = doc[last + 1]
    if nxt.dep_ != "prep" or nxt.head.i == node.i:
        return None
    if any(s.ent_type_ in {"DATE", "TIME"} for s in nxt.subtree):
        return None  # "discuss the situation on Friday": when, not what
    return nxt


def _agenda(art: ParsedArticle, t: Token, sent: Span) -> list[str]:
    items: list[str] = []
    related = {t.i, *(a.i for a in t.ancestors)}
    verb = art.governing_verb(t)
    for s in art.tokens[sent.start : sent.end]:
        if s.lower_ not in AGENDA_VERBS or not s.tag_.startswith("VB"):
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
            items.extend(i for i in _items(art, target) if i not in items)
    if t.lower_ in {"talks", "consultations", "negotiations"}:
        for c in t.children:
            if c.dep_ == "prep" and c.lower_ == "on":
                for g in c.children:
                    if g.dep_ == "pobj" and g.ent_type_ != "DATE":
                        items.extend(i for i in _items(art, g) if i not in items)
    return items[:8]


def build_meetings(art: ParsedArticle, mentions: list[MeetingMention]) -> list[MeetingRecord]:
    """Merge the mentions of each real meeting: same body or alias, same date."""
    records: list[MeetingRecord] = []
    pending: list[MeetingMention] = []

    def compatible(a: str | None, b: str | None) -> bool:
        return a is None or b is None or a.startswith(b) or b.startswith(a)

    def same_body(a: MeetingMention, b: MeetingMention) -> bool:
        if a.body_key is None or b.body_key is None:
            return False
        (pa, ra), (pb, rb) = a.body_key, b.body_key
        return pa == pb and (ra <= rb or rb <= ra)

    def day(r: MeetingRecord) -> str | None:
        dates = [x.date for x in r.mentions if x.date]
        return max(dates, key=len) if dates else None

    def kinds(r: MeetingRecord) -> set[str]:
        return {x.kind for x in r.mentions}

    def clash(m: MeetingMention, r: MeetingRecord) -> bool:
        return any(
            x.body_key is not None and m.body_key is not None and not same_body(m, x)
            for x in r.mentions
        )

    def other_time(m: MeetingMention, r: MeetingRecord) -> bool:
        """Told in the past of a meeting only ever told in the future, or the other way."""
        mine = art.tense(m.head)
        theirs = {art.tense(x.head) for x in r.mentions} - {0}
        return mine != 0 and theirs == {-mine}

    def shares_body(m: MeetingMention, r: MeetingRecord) -> bool:
        return any(same_body(m, x) for x in r.mentions)

    def told_later(m: MeetingMention, r: MeetingRecord) -> bool:
        """A counted meeting told after the mention with a date of its own: "A second round
        in February broke down" is not the talks the report opened with."""
        return (
            m.count is None
            and any(x.count is not None for x in r.mentions)
            and all(x.head.i > m.head.i for x in r.mentions)
            and len(day(r) or "1234-56-78") < 10
        )

    def recounted(m: MeetingMention, r: MeetingRecord) -> bool:
        """Counted otherwise in its series: "the fourth round" is not "the third round"."""
        return m.count is not None and any(x.count not in {None, m.count} for x in r.mentions)

    for m in mentions:
        target: MeetingRecord | None = None
        full = bool(m.date and len(m.date) == 10)
        if m.kind == "press":
            # A news conference is an event of its own: it joins only another mention of one.
            briefings = [r for r in records if kinds(r) == {"press"} and compatible(m.date, day(r))]
            if briefings:
                briefings[-1].mentions.append(m)
            else:
                records.append(MeetingRecord([m]))
            continue
        if full:
            same_day = [
                r
                for r in records
                if day(r) == m.date
                and not clash(m, r)
                and not recounted(m, r)
                and "press" not in kinds(r)
            ]
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
                    and not recounted(m, r)
                    # "the hearing is due to start at 9 a.m." and "the committee met on March
                    # 4": the body's sitting to come is not the one it held
                    and not other_time(m, r)
                ]
                target = undated[-1] if undated else None
        elif m.body_key is not None:
            # The body's sitting told in the past is not the one told in the future.
            same = [
                r
                for r in records
                if shares_body(m, r)
                and compatible(m.date, day(r))
                and not other_time(m, r)
                and not recounted(m, r)
            ]
            target = same[-1] if same else None
        if target is not None:
            target.mentions.append(m)
        elif (
            full
            or (m.body_key is not None and m.body_key[1] & BODY_WORDS)
            or (m.location and (not m.anaphoric or m.date))
            or (m.status == "proposed" and m.body_key is not None and m.kind == "meeting")
            # "ready to attend talks hosted by the African Union": a meeting of its own
            or m.hosted
            # "The ministers will meet again in December": a verb of meeting, dated.
            or (coarse_pos(m.head) == "VERB" and m.date is not None)
            # "The ministers met for five hours in the capital": a group's meeting, told done
            or (m.group and m.head.lower_ in MEET_VERBS and art.tense(m.head) < 0)
        ):
            records.append(MeetingRecord([m]))
        else:
            pending.append(m)
    # A body named (undated) before its dated mention: fold it in.
    folded: list[MeetingRecord] = []
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
            and not any(recounted(x, o) for x in r.mentions)
            and not any(other_time(x, o) for x in r.mentions)
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
    # A meeting counted in its series ("the third round") is found before the mentions that
    # may be of it ("the talks").
    pending.sort(key=lambda m: m.count is None)
    for m in pending:
        counted_alike = [
            r
            for r in records
            if m.count is not None and any(x.count == m.count for x in r.mentions)
        ]
        if counted_alike and m.kind in kinds(counted_alike[0]):
            counted_alike[0].mentions.append(m)  # "the third round" told twice: one meeting
            continue
        for kind in preference.get(m.kind, (m.kind,)):
            # A mention dated otherwise ("the 2019 meeting") is not this record's.
            pool = [
                r
                for r in records
                if kind in kinds(r)
                and compatible(m.date, day(r))
                and not other_time(m, r)
                and not recounted(m, r)
                and not told_later(m, r)
            ]
            if m.body_key is not None:
                pool = [r for r in pool if shares_body(m, r)]
            if pool:
                break
        # "the highlights of the meeting the following day": the day of the highlights
        timed = (
            # "the committee's May meeting"
            any(x.ent_type_ == "DATE" for c in m.head.lefts for x in c.subtree)
            if _of_other_thing(m.head)
            else _timed(m.head)
        )
        if pool and timed and _another(m.head):
            # "The ministers will meet again next month": one more meeting, not this one.
            pool = []
        if not pool:
            kin = preference.get(m.kind, (m.kind,))
            if (
                (m.date and any(k in kinds(r) for k in kin for r in records))
                or timed
                or m.count
                # "won the vote at the congress in Tbilisi": the only one of its kind the
                # report tells, placed, is a meeting though undated
                or (m.location and not any(k in kinds(r) for k in kin for r in records))
                # "agreed a truce after indirect talks in Qatar": a meeting named by its own
                # words, though only a counted one of its kind is told (later)
                or (
                    any(k in kinds(r) for k in kin for r in records if told_later(m, r))
                    and " " in m.name
                    and m.body_key is None
                    and not _another(m.head)
                )
            ):
                # "The previous round took place in January": dated unlike every meeting of
                # its kind, it is one more of them; "later this month": told when, roughly.
                records.append(MeetingRecord([m]))
            continue
        # "The session was chaired by …": a record already told with the same noun, if any.
        before = [r for r in pool if any(x.head.i < m.head.i for x in r.mentions)]
        same_noun = [
            r
            for r in before
            if any(x.head.lower_ == m.head.lower_ and x.head.i < m.head.i for x in r.mentions)
        ]
        before = same_noun or before
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


def meeting_record(art: ParsedArticle, r: MeetingRecord) -> Meeting:
    ms = r.mentions
    # A meeting's own noun names it better than the people acting in it: "joint session".
    named = (
        [x for x in ms if not x.anaphoric and not x.group]
        or [x for x in ms if coarse_pos(x.head) == "NOUN" and " " in x.name]
        or [x for x in ms if not x.anaphoric]
        or ms
    )
    bodies = [x for x in named if x.body_key is not None and x.body_key[1] & BODY_WORDS]
    named = bodies or named
    named = [x for x in named if x.count is not None] or named  # "the third round of talks"
    # The record's date is a day; a month or a year alone ("in May") says when only roughly.
    dated = [x for x in ms if x.date and len(x.date) == 10]
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
    if location and name.lower() in EVENT_KINDS:
        name = f"{name} in {location}"
    if (
        all(art.tense(x.head) > 0 for x in ms)
        and any(_another(x.head) for x in ms)
        and not set(name.lower().split()) & ANOTHER_CUES
        and not any(x.count is not None for x in ms)  # "a sixth round next month": counted
    ):
        name = f"next {name[:1].lower()}{name[1:]}"  # "the ministers will meet again": the next
    name = name[:1].upper() + name[1:]
    statuses = [x.status for x in ms if x.status != "unknown"]
    status = "unknown"
    if "held" in statuses:
        status = "held"
    elif statuses:
        proposed = statuses.count("proposed")
        scheduled = statuses.count("scheduled")
        status = "proposed" if proposed > scheduled else "scheduled"
    day = dated[0].date if dated else None
    end_day = next((x.end_date for x in dated if x.end_date), None)
    if (
        day is not None
        and len(day) == 10
        and not _dated_by_start(art, dated[0])
        and any(_spans_nights(art, x) for x in ms)
    ):
        # "ended a two-week conference on Saturday": the day it closed, not the day it opened
        end_day, day = day, _opened_before(art, dated[0], day)
    rough = next((x for x in ms if x.date_words and x.date and len(x.date) < 10), None)
    # A meeting dated only by a year, a season or a month of another year is another meeting
    # than this year's: its name says when, so that no report merges the two.
    if (
        day is None
        and rough is not None
        and rough.date is not None
        and (art.ref is None or rough.date[:4] != f"{art.ref.year:04d}")
    ):
        name = f"{name} ({rough.date_words})"
    named = [x for x in ms if not x.anaphoric]
    if (
        day is None
        and art.published is not None
        and ms[0].kind != "press"  # dated by the meeting it follows: see date_press_events
        and named
        # told in the past ("began at 09:00"), and nowhere as to come ("who chairs it")
        and any(art.tense(x.head) < 0 for x in ms)
        and not any(art.tense(x.head) > 0 for x in ms)
        and not any(
            not _BOUND.search(art.sentence_text(x.sent_index)[: d.start])
            for x in ms
            for d in resolve_dates(art.sentence_text(x.sent_index), art.ref)
        )
        and not any(_roughly_timed(x.head) for x in ms)
    ):
        # A report of the day tells what happened that day: a meeting it says was held, and
        # dates no other way, was held on the day the report is dated.
        day, status = art.published.isoformat(), "held"
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
        q = art.sentence_text(x.sent_index)
        if q and q not in quotes:
            quotes.append(q)
    return Meeting(
        name=name,
        date=day,
        end_date=end_day,
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


_SEVERAL_DAYS = re.compile(r"\b(?:\w+-(?:day|week|month)|week-long|all-night|overnight)\b", re.I)
_NIGHT_HOURS = 6  # a close "in the early hours" is before this hour of the morning
_SMALL_HOURS = re.compile(r"\b(?:early hours|before dawn|overnight)\b", re.I)
_HOURS_BEFORE = re.compile(
    r"\b(\d{1,2})\s+hours?\s+(?:after|since)\s+(?:it|they|talks|the\s+\w+)\s+"
    r"(?:began|started|opened)\b|\bafter\s+(?:almost\s+|nearly\s+|more\s+than\s+|some\s+)?"
    r"(\d{1,2})\s+hours\b",
    re.I,
)


def _spans_nights(art: ParsedArticle, m: MeetingMention) -> bool:
    """The meeting lasted more than a day, as the report tells it: "a two-week conference",
    "two weeks of talks", "a plenary that overran", talks that "closed at 4.20am"."""
    head = m.head
    mods = [x for c in head.lefts if c.dep_ in {"amod", "compound", "nmod"} for x in c.subtree]
    if mods and _SEVERAL_DAYS.search(art.span_text(mods)):
        return True
    if (
        head.dep_ == "pobj"
        and head.head.lower_ == "of"
        and head.head.head.lower_ in DURATION_UNITS - {"hours"}
    ):
        return True  # "after two weeks of talks"
    own = head if coarse_pos(head) == "VERB" else art.governing_verb(head)
    spans = [head]
    if head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.lower_ in DURATION_UNITS:
        spans.append(head.head.head)  # "20 hours of negotiations that ended at dawn"
    clauses = [c for x in spans for c in x.children if c.dep_ in {"relcl", "acl"}]
    if own is not None and own.dep_ not in {"ccomp", "advcl"}:
        clauses.append(own)
    for verb in clauses:
        if verb.lower_ in OVERRUN_VERBS:
            return True
        if verb.lower_ in CLOSE_VERBS and _in_small_hours(art.span_text(verb.subtree)):
            return True
    return False


def _in_small_hours(text: str) -> bool:
    """A close told before dawn: "closed at 4.20am", "broke up at 00:40", "in the early
    hours of Saturday" (the first time of day told is the close's own)."""
    if _SMALL_HOURS.search(text):
        return True
    first = TIME_PATTERN.search(text)
    if first is None:
        return False
    hour = int(re.split(r"[:.]", first[0])[0])
    return hour < 6 and not re.search(r"p\.?m", first[0], re.I)


def _dated_by_start(art: ParsedArticle, m: MeetingMention) -> bool:
    """The meeting's day was told by its opening: "the conference, which began on November 2"."""
    head = m.head
    verbs = [head if coarse_pos(head) == "VERB" else art.governing_verb(head)]
    # "the meeting of the council, which opened on Monday": the clause may hang on the body
    owners = [head, *(g for c in head.children if c.lower_ == "of" for g in c.children)]
    verbs += [c for o in owners for c in o.children if c.dep_ in {"relcl", "acl"}]
    return any(v is not None and v.lower_ in START_VERBS for v in verbs)


def _opened_before(art: ParsedArticle, m: MeetingMention, closed: str) -> str | None:
    """The first day of a meeting that closed on `closed`, when the report says how long
    before its close it began: "broke up at 00:40 on Wednesday, 15 hours after it began"."""
    text = art.sentence_text(m.sent_index)
    hours = _HOURS_BEFORE.search(text)
    clock = TIME_PATTERN.search(text)
    if hours is None:
        return None
    if clock is None:
        # "after 20 hours of talks that ended in the early hours of Tuesday": begun the day
        # before, when they lasted longer than the night had run
        lasted = int(hours[1] or hours[2])
        if lasted >= _NIGHT_HOURS and _SMALL_HOURS.search(text):
            return (dt.date.fromisoformat(closed) - dt.timedelta(days=1)).isoformat()
        return None
    hour, minute = (int(x) for x in re.split(r"[:.]", re.sub(r"[^\d:.]", "", clock[0]))[:2])
    end = dt.datetime.combine(dt.date.fromisoformat(closed), dt.time(hour % 24, minute))
    start = end - dt.timedelta(hours=int(hours[1] or hours[2]))
    return start.date().isoformat() if start.date() < end.date() else None


def date_press_events(
    art: ParsedArticle, records: list[MeetingRecord], meetings: list[Meeting]
) -> list[Meeting]:
    """A news conference told in the past without a day of its own was held on the day of the
    meeting told before it (reporters are briefed after a meeting), else on the report's day."""
    out = list(meetings)
    for n, (r, m) in enumerate(zip(records, meetings, strict=True)):
        if m.date is not None or {x.kind for x in r.mentions} != {"press"}:
            continue
        if any(art.tense(x.head) > 0 for x in r.mentions):
            continue
        first = r.mentions[0].head.i
        before = [
            (max(x.head.i for x in o.mentions if x.head.i < first), om.date)
            for o, om in zip(records, meetings, strict=True)
            if o is not r
            and om.date is not None
            and len(om.date) == 10
            and om.status == "held"
            and any(x.head.i < first for x in o.mentions)
        ]
        if before:
            day = max(before)[1]
        elif art.published is not None:
            day = art.published.isoformat()
        else:
            continue
        out[n] = m.model_copy(update={"date": day, "status": "held"})
    return out
