"""Statements: quotations and reported speech, attributed to their speakers."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from summarizer.backends.offline.dates import resolve_dates
from summarizer.backends.offline.lexicon import (
    ACTIVE_ONLY_VERBS,
    CHANNEL_NOUNS,
    CHARACTERISING_VERBS,
    COMMISSIVE_VERBS,
    DENIED_OBJECTS,
    DIRECTIVE_VERBS,
    DOCUMENT_NOUNS,
    ESTIMATING_VERBS,
    OBJECT_REPORTING,
    OUTLETS,
    PERSON_HEADS,
    PERSON_ONLY_VERBS,
    REPORTING_VERBS,
    SOCIAL_NETWORKS,
    THAT_ONLY_VERBS,
    TITLE_WORDS,
    is_organisation,
    party_of,
)
from summarizer.backends.offline.nlp import coarse_pos
from summarizer.backends.offline.people import resolve_speaker
from summarizer.backends.offline.text import fold_name, squash
from summarizer.knowledge.quotations import quoted_spans
from summarizer.records import Person, Statement

if TYPE_CHECKING:
    from spacy.tokens import Token

    from summarizer.backends.offline.parsed import ParsedArticle


def find_quotes(text: str) -> list[tuple[int, int]]:
    """Spans (start, end) of the words inside quotation marks, marks excluded: the shared
    reading of quotation marks (`summarizer.knowledge.quotations`)."""
    return quoted_spans(text)


@dataclass
class Utterance:
    pos: int
    speaker: list[Token]
    content: str
    direct: bool
    quote: tuple[int, int]
    sent_index: int
    date: str | None = None
    channel: str | None = None
    owner: str | None = None


def speaker_tokens(art: ParsedArticle, verb: Token) -> list[Token]:
    for child in verb.children:
        if child.dep_ in {"nsubj", "nsubjpass"}:
            return list(child.subtree)
    if verb.dep_ in {"advcl", "xcomp", "conj", "pcomp"} and verb.head.i != verb.i:
        for child in verb.head.children:
            if child.dep_ in {"nsubj", "nsubjpass"}:
                return list(child.subtree)
        if verb.dep_ == "pcomp" and verb.head.dep_ == "prep":
            # "X was quoted as saying that …"
            for child in verb.head.head.children:
                if child.dep_ in {"nsubj", "nsubjpass"}:
                    return list(child.subtree)
    # "…," said Lindqvist.
    after = [c for c in verb.rights if c.dep_ in {"dobj", "attr", "npadvmod"}]
    if after and after[0].ent_type_ == "PERSON":
        return list(after[0].subtree)
    # "Ana Ruiz, elected chair on Monday, said …": the parser may read the name and the phrase
    # set off after it as a clause of its own; its subject is the one who speaks
    for clause in verb.lefts:
        if clause.dep_ in {"ccomp", "advcl"} and clause.tag_ == "VBN" and _set_off(clause):
            subjects = [c for c in clause.lefts if c.dep_ == "nsubj"]
            if subjects and coarse_pos(subjects[0]) == "PROPN":
                return list(subjects[0].subtree)
    return []


def _set_off(clause: Token) -> bool:
    """A participle's clause that follows its subject after a comma and ends in one."""
    doc = clause.doc
    subjects = [c for c in clause.lefts if c.dep_ == "nsubj"]
    end = clause.right_edge.i + 1
    return (
        bool(subjects)
        and subjects[0].right_edge.i in {clause.i - 2, clause.i - 1}
        and doc[clause.i - 1].text == ","
        and end < len(doc)
        and doc[end].text == ","
    )


def utterances(art: ParsedArticle) -> list[Utterance]:
    used_verbs: set[int] = set()
    quoted: list[tuple[int, int]] = []
    utterances: list[Utterance] = []
    for qs, qe in find_quotes(art.text):
        found = _quote_attribution(art, qs, qe)
        owns_verb = True
        if found is None:
            # A quotation inside a reported clause: the words are the speaker's, verbatim; the
            # clause around them is reported speech of its own.
            words = art.text[qs:qe].split()
            if len(words) < 3 or all(w[:1].isupper() for w in words):
                continue  # a name or a word in quotation marks, not words someone said
            report = _governing_report(art, qs, qe)
            if report is None or (len(words) == 3 and not _person_subject(art, report)):
                # 'called the deal "acceptable, but painful"': three words a person is
                # quoted as saying; three words in quotation marks are otherwise a title
                continue
            sent = art.sents[art.sent_of[report.i]]
            found = report, speaker_tokens(art, report), (sent.start_char, sent.end_char)
            owns_verb = False
        verb, speaker, span = found
        if verb is not None and owns_verb:
            used_verbs.add(verb.i)
        content = art.text[qs:qe].rstrip(" ,;:")
        if len(content.split()) < 3:
            continue
        sent_index = art.sent_of[art.token_at(qs).i]
        utterance = Utterance(
            pos=qs,
            speaker=speaker,
            content=content,
            direct=True,
            quote=span,
            sent_index=sent_index,
        )
        if verb is not None:
            utterance.date, utterance.channel = _when_and_how(art, verb, set())
        utterances.append(utterance)
        quoted.append((qs, qe))
    # A quote continued after its attribution: "…," Lindqvist said. "…"
    for qs, qe in find_quotes(art.text):
        if (qs, qe) in quoted or not utterances:
            continue
        prev = max(
            (u for u in utterances if u.direct and u.quote[1] <= qs),
            default=None,
            key=lambda u: u.quote[1],
        )
        if prev is None:
            continue
        gap = art.text[prev.quote[1] : qs - 1]
        if gap.strip() == "" and "\n\n" not in gap and len(art.text[qs:qe].split()) >= 3:
            utterances.append(
                Utterance(
                    pos=qs,
                    speaker=prev.speaker,
                    content=art.text[qs:qe].rstrip(" ,;:"),
                    direct=True,
                    quote=(qs - 1, min(len(art.text), qe + 1)),
                    sent_index=art.sent_of[art.token_at(qs).i],
                    date=prev.date,
                    channel=prev.channel,
                )
            )
            quoted.append((qs, qe))
    utterances.extend(_joined_to_their_source(_reported(art, used_verbs, quoted)))
    # A headline sums the story up in the outlet's words ("…, officials say"): not a statement.
    titles = _title_lines(art.text)
    headline = art.article.headline
    start = art.text.find(headline) if headline else -1
    if headline and start >= 0:
        titles.append((start, start + len(headline)))
    utterances = [u for u in utterances if not any(a <= u.pos < b for a, b in titles)]
    return sorted(utterances, key=lambda u: u.pos)


# Words a reported clause may run before the quotation it ends on and still only lead into it:
# 'told NTB that the government, which owns a stake, would "study the offer"'.
LEAD_IN_WORDS = 12

_SENTENCE_END = tuple('.!?"\u201d\u2019\u00bb:;)')


def _title_lines(text: str) -> list[tuple[int, int]]:
    """Lines that end a paragraph without a closing stop: titles and standfirsts ("Border deal
    could unlock trade, say analysts"). Their words are the outlet's."""
    spans: list[tuple[int, int]] = []
    for m in re.finditer(r"[^\n]+", text):
        line = m[0].rstrip()
        after = text[m.end() :]
        ends_paragraph = not after.strip() or re.match(r"[ \t]*\n[ \t]*\n", after) is not None
        # 'Mayor quits: "I can no longer do this"': a quotation closing a title ends no sentence
        bare = re.sub(r"(?<=\w)[\"\u201d\u2019\u00bb]+$", "", line)
        if ends_paragraph and not bare.endswith(_SENTENCE_END) and len(line.split()) <= 20:
            spans.append((m.start(), m.start() + len(line)))
    return spans


def _quote_attribution(
    art: ParsedArticle, qs: int, qe: int
) -> tuple[Token | None, list[Token], tuple[int, int]] | None:
    text = art.text
    # After the closing mark: '…," Lindqvist said.' / '…,” the message says.'
    inside_end = text[qs:qe].rstrip()
    tail = text[qe + 1 : qe + 400]
    ends_open = inside_end.endswith((",", "?", "!")) or tail.lstrip().startswith(",")
    opening = text[: qs - 1].rstrip(" \t")
    starts_clause = not opening or opening[-1] in ".!?:\n" or opening.endswith((":", "—"))
    if ends_open and starts_clause:
        window_end = qe + 1 + _clause_end(tail)
        toks = [t for t in art.between(qe + 1, window_end) if not t.is_punct]
        if len(toks) > 12:
            # '"…," said Ana Ruiz, 41, who was carried out …': the verb opens the attribution;
            # '"…," the chair of the panel, Ana Ruiz, was quoted as saying in …': the speaker
            # before it, no verb of a clause of its own between
            early = [t for t in toks[:12] if art.is_reporting(t) and _opens(art, toks[0], t)]
            toks = toks[: early[0].i - toks[0].i + 8] if early else []
        if toks:
            for t in toks:
                if art.is_reporting(t):
                    speaker = [s for s in speaker_tokens(art, t) if qe < s.idx < window_end]
                    if not speaker:
                        speaker = [s for s in toks if s.i < t.i] or [s for s in toks if s.i > t.i]
                    end = window_end + (1 if text[window_end : window_end + 1] == "." else 0)
                    return t, speaker, (qs - 1, end)
    # Before the opening mark: 'X said: "…"', 'saying that "…"', 'According to X, "…"'.
    head = text[max(0, qs - 200) : qs - 1]
    line_start = head.rfind("\n") + 1
    head_start = max(0, qs - 200) + line_start
    sentence_start = art.sents[art.sent_of[art.token_at(qs - 1).i]].start_char
    toks = art.between(max(head_start, sentence_start), qs - 1)
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
    if art.is_reporting(last):
        return last, speaker_tokens(art, last), (toks[0].idx, quote_end)
    # "According to the EU official, "…""
    tail_text = text[toks[0].idx : qs - 1]
    m = re.search(r"\b[Aa]ccording to\s+(.+?)\s*,?\s*$", tail_text)
    if m:
        a = toks[0].idx + m.start(1)
        b = toks[0].idx + m.end(1)
        speaker = [t for t in toks if a <= t.idx < b]
        return None, speaker, (toks[0].idx, quote_end)
    # 'Vlckova was blunt: "…"': the subject of the clause the colon ends.
    if text[: qs - 1].rstrip().endswith(":"):
        verbs = [t for t in lead if t.dep_ == "ROOT" or coarse_pos(t) in {"VERB", "AUX"}]
        # 'Ruiz repeated the words she had used as the talks closed: "…"': the main clause's
        # subject, not a subordinate one's
        main = [t for t in verbs if t.dep_ == "ROOT"]
        subjects = [c for v in (main or verbs)[-1:] for c in v.children if c.dep_ == "nsubj"]
        if subjects:
            return None, list(subjects[0].subtree), (toks[0].idx, quote_end)
    return None


def _opens(art: ParsedArticle, first: Token, verb: Token) -> bool:
    """Whether the words from `first` up to `verb` are only who speaks: no verb among them but
    those the verb hangs on ("was quoted as saying")."""
    heads = {a.i for a in verb.ancestors}
    return all(
        coarse_pos(t) not in {"VERB", "AUX"} or t.i in heads or t.dep_ in {"aux", "auxpass"}
        for t in art.tokens[first.i : verb.i]
    )


def _clause_end(tail: str) -> int:
    """Where the attribution after a closing quote mark ends: the first sentence stop, a line
    break or another quote mark, not the full stop of an abbreviated title ("Gov.", "Sen.")."""
    for found in re.finditer(r"[.!?\n\"“”]", tail):
        if found[0] == "." and re.search(r"\b[A-Z][a-z]{1,3}$", tail[: found.start()]):
            continue
        return found.start()
    return len(tail)


def _governing_report(art: ParsedArticle, qs: int, qe: int) -> Token | None:
    """The verb of saying whose clause holds a quotation, found through the parse: 'said the
    group "cannot wait"', 'warned against "turning the skies…"', 'described it as "…"'."""
    inside = [t for t in art.between(qs, qe) if not t.is_punct]
    if not inside:
        return None
    ids = {t.i for t in inside}
    roots = [t for t in inside if t.head.i not in ids or t.head.i == t.i]
    for root in roots[:1]:
        node = root
        found: Token | None = None
        for _ in range(5):
            if node.head.i == node.i:
                break
            node = node.head
            if art.is_reporting(node) or node.lower_ in CHARACTERISING_VERBS:
                if found is None:
                    found = node
                if REPORTING_VERBS.get(node.lower_) not in ACTIVE_ONLY_VERBS:
                    # 'told reporters that the government expected "a serious offer"': the
                    # words are the one's who told, not the expectation's
                    return _voice_of(art, node)
        return found
    return None


def _state(name: str) -> bool:
    """A country or a capital standing for its government: "Washington", "Oslo"."""
    party = party_of(name)
    return party is not None and not is_organisation(party)


def _voice_of(art: ParsedArticle, verb: Token) -> Token:
    """ "The envoy said Washington backed the draft and urged the council "not to let this
    slip"": the words a state is reported to have said, quoted by the person who speaks for it,
    are that person's; not those of a body quoted in a clause of its own ('a demand the ministry
    said it would "consider"')."""
    subject = verb if any(c.dep_ == "nsubj" for c in verb.children) else verb.head
    states = [
        c
        for c in subject.children
        if c.dep_ == "nsubj" and (c.ent_type_ == "GPE" or _state(c.text))
    ]
    if not states or _person_subject(art, verb):
        return verb
    node = verb
    for _ in range(4):
        if node.head.i == node.i or node.dep_ in {"relcl", "acl"}:
            break
        node = node.head
        if art.is_reporting(node) and _person_subject(art, node):
            return node
    return verb


def _person_subject(art: ParsedArticle, verb: Token) -> bool:
    """The verb's subject is a person: a name, "he" or "she", an office ("the minister"); a
    participle's is its clause's ("…, Ruiz said, pledging to …")."""
    if (
        verb.dep_ in {"advcl", "conj"}
        and verb.tag_ == "VBG"
        and not any(c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children)
    ):
        verb = verb.head
    return any(
        c.dep_ == "nsubj"
        and (
            c.lower_ in {"he", "she"}
            or c.ent_type_ == "PERSON"
            or c.i in art.person_tokens
            or c.lower_ in PERSON_HEADS
        )
        for c in verb.children
    )


def _trailing_attribution(
    art: ParsedArticle, verb: Token, comp: list[Token]
) -> tuple[list[Token], list[Token]] | None:
    """A report whose words come first and whose speaker follows after a comma: "Twelve people
    were killed …, the press service of the administration said." The parser often hangs such a
    verb on the clause before it (as a conjunct, a relative clause, a complement) or the speaker
    on a noun of that clause; the words before the comma are what was said, the phrase between
    the comma and the verb is who said it."""
    if comp and not all(c.i < verb.i for c in comp):
        return None  # the verb's own complement follows it: "…, he said that …"
    if any(c.dep_ in {"ccomp", "xcomp"} and c.i > verb.i for c in verb.children):
        return None
    subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"} and c.i < verb.i]
    if subjects:
        speaker = [t for t in subjects[0].subtree if t.i < verb.i]
    else:
        speaker = _phrase_before(art, verb)
    if not speaker:
        return None
    between = art.tokens[speaker[-1].i + 1 : verb.i]
    # "…, Lina Haddad, who chaired the talks, told": a relative clause set off by commas
    relative = {
        x.i
        for t in between[1:2]
        for r in [t, *t.ancestors]
        if r.dep_ == "relcl" and r.left_edge.i == t.i and between[0].text == ","
        for x in r.subtree
    }
    if any(not (t.is_punct or coarse_pos(t) == "ADV" or t.i in relative) for t in between):
        return None
    sent = verb.sent
    comma = speaker[0].i - 1
    if comma <= sent.start or art.tokens[comma].text != ",":
        return None
    content = [t for t in art.tokens[sent.start : comma] if not t.is_space]
    while content and content[0].is_punct:
        content.pop(0)
    verbs = [t for t in content if t.tag_.startswith("VB") and coarse_pos(t) in {"VERB", "AUX"}]
    if not verbs or (content[0].tag_ in {"VBG", "VBN"} and not _FINITE & {t.tag_ for t in verbs}):
        return None  # "Arriving in the morning, X repeated …": a participle's phrase
    return speaker, content


# Tags of a finite verb: what was said is a clause, not a participle's phrase.
_FINITE = frozenset({"VBD", "VBP", "VBZ", "MD"})


def _phrase_before(art: ParsedArticle, verb: Token) -> list[Token]:
    """The noun phrase between the last comma and a verb whose subject the parser lost: "…,
    Chairman of the Council Gonzalo Rios said"; a name in apposition brings its office with it
    ("…, the head of the agency, A. Sreedharan, said")."""

    def segment(end: int) -> list[Token]:
        out: list[Token] = []
        j = end
        while j >= verb.sent.start and art.tokens[j].text != ",":
            t = art.tokens[j]
            if t.is_space or coarse_pos(t) in {"VERB", "AUX"} or t.tag_ in {"WDT", "WP"}:
                return []
            if t.is_punct and t.text not in {".", "-", "'s", "\u2019s"}:
                return []
            out.insert(0, t)
            j -= 1
        if j <= verb.sent.start:
            return []
        # "Minister of State at the Ministry of Foreign Affairs Saad al-Kuwari": a long office
        # may come before a name
        named = len(out) >= 2 and all(t.ent_type_ == "PERSON" for t in out[-2:])
        return out if len(out) <= 12 or (named and len(out) <= 20) else []

    end = verb.i - 1
    while end > verb.sent.start and (
        coarse_pos(art.tokens[end]) == "ADV" or art.tokens[end].text == ","
    ):
        end -= 1
    # "…, Saad al-Kuwari, who mediates the talks, told journalists": the phrase before the
    # relative clause set off by commas
    relative = next((a for a in art.tokens[end].ancestors if a.dep_ == "relcl"), None)
    if (
        relative is not None
        and art.tokens[relative.left_edge.i - 1].text == ","
        and relative.head.i < relative.left_edge.i
        and relative.right_edge.i >= end
    ):
        end = relative.left_edge.i - 2
    last = segment(end)
    if not last or not any(coarse_pos(t) in {"NOUN", "PROPN"} for t in last):
        return []
    if all(coarse_pos(t) == "PROPN" or re.fullmatch(r"[A-Z]\.", t.text) for t in last):
        office = segment(last[0].i - 2)
        if office and any(t.lower_ in PERSON_HEADS | TITLE_WORDS for t in office):
            return [*office, art.tokens[last[0].i - 1], *last]
    return last


def _when_and_how(
    art: ParsedArticle, verb: Token, content: set[int]
) -> tuple[str | None, str | None]:
    date = None
    channel = None
    for child in verb.children:
        if child.i in content or child.dep_ in {"ccomp", "xcomp", "nsubj", "nsubjpass"}:
            continue
        sub = [t for t in child.subtree if t.i not in content]
        words = {t.lower_ for t in sub}
        if child.dep_ == "prep" and child.lower_ in {"on", "in", "via"}:
            social = next((SOCIAL_NETWORKS[w] for w in words if w in SOCIAL_NETWORKS), None)
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
            channel = f"told {art.span_text(sub)}"
            continue
        if date is None:
            phrase = art.text[sub[0].idx : sub[-1].idx + len(sub[-1].text)] if sub else ""
            dates = resolve_dates(art.dehyphen(phrase), art.ref, -1)
            if dates:
                date = dates[0].value
    return date, channel


def _reported(
    art: ParsedArticle, used_verbs: set[int], quoted: list[tuple[int, int]]
) -> list[Utterance]:
    doc = art.doc
    found: list[tuple[Token, Token | None, list[Token], list[Token]]] = []
    for t in art.tokens:
        if t.i in used_verbs:
            continue
        content_tokens: list[Token] = []
        speaker: list[Token] = []
        verb: Token | None = None
        if art.is_reporting(t):
            base = REPORTING_VERBS[t.lower_]
            if base in PERSON_ONLY_VERBS and not _person_subject(art, t):
                continue  # "the cabinet asked the UN to help": a deed, not words
            comp = [c for c in t.children if c.dep_ == "ccomp"]
            if any(c.i > t.i for c in comp):
                # "Ana Ruiz, elected chair on Monday, said that …": who, not what
                comp = [c for c in comp if not (c.i < t.i and c.tag_ == "VBN" and _set_off(c))]
            if base in THAT_ONLY_VERBS:
                comp = [c for c in comp if any(m.lower_ == "that" for m in c.children)]
            if base in ACTIVE_ONLY_VERBS:
                # "analysts expect the deal to …", not "Moscow expects that …"
                comp = [c for c in comp if any(a.lower_ == "to" for a in c.children)]
            if base == "call":
                comp = [c for c in t.children if c.dep_ in {"xcomp", "ccomp"}]
                comp = comp or [
                    g
                    for c in t.children
                    if c.lower_ == "on"
                    for g in c.subtree
                    if g.dep_ == "xcomp"
                ]
                if not comp and _person_subject(art, t):
                    # "the ombudsman called for a joint commission": what a person asks for
                    comp = [
                        g
                        for c in t.children
                        if c.lower_ == "for" and c.dep_ == "prep"
                        for g in c.children
                        if g.dep_ == "pobj" and g.ent_type_ not in {"DATE", "TIME"}
                    ][:1] or [
                        c
                        for c in t.children
                        if c.dep_ == "advcl"
                        and any(m.dep_ == "mark" and m.lower_ == "for" for m in c.children)
                    ][:1]
                if not comp:
                    continue  # "…, which called for a truce": no words reported after a comma
            if not comp and base in COMMISSIVE_VERBS and _person_subject(art, t):
                # "he promised to propose an amendment": the deed a person commits to
                comp = [
                    c
                    for c in t.children
                    if c.dep_ == "xcomp" and any(a.lower_ == "to" for a in c.children)
                ]
            if not comp and base in DIRECTIVE_VERBS:
                # "instructed the administration to supply gas": whom, and what to do
                xcomp = [c for c in t.children if c.dep_ == "xcomp"]
                dobj = [c for c in t.children if c.dep_ == "dobj"]
                if xcomp and (dobj or base not in ACTIVE_ONLY_VERBS):
                    comp = dobj + xcomp  # "Moscow expects to …" tells an aim, not a view
            if not comp:
                # "noted in a statement that …": the clause the parser hung on the statement
                # "told journalists after the meeting that …": a clause opened by "that" as a
                # conjunction, not as a relative pronoun, is what was said, wherever it hangs
                comp = [
                    a
                    for c in t.children
                    if c.dep_ == "prep"
                    for g in c.children
                    if g.dep_ == "pobj"
                    for a in g.children
                    if a.dep_ in {"acl", "relcl"}
                    and any(
                        x.lower_ == "that"
                        and x.i < a.i
                        and (g.lower_ in DOCUMENT_NOUNS | CHANNEL_NOUNS or x.dep_ == "mark")
                        for x in a.children
                    )
                ][:1]
            if not comp and base == "tell":
                # "told the hearing that the state would not pay": the clause the parser hung
                # on the one told, opened by "that" as a conjunction before a subject of its own
                comp = [
                    a
                    for g in t.children
                    if g.dep_ in {"dobj", "dative"}
                    for a in g.children
                    if a.dep_ in {"acl", "relcl"}
                    and any(x.lower_ == "that" and x.dep_ == "mark" for x in a.children)
                    and any(x.dep_ in {"nsubj", "nsubjpass"} for x in a.children)
                ][:1]
            hypothetical = any(
                c.dep_ == "aux" and (c.tag_ == "MD" or c.lower_ == "to") for c in t.children
            )
            if not comp and base in OBJECT_REPORTING and not hypothetical:
                # "producers reported no damage"; not "states would report any flight"
                comp = [c for c in t.children if c.dep_ == "dobj" and coarse_pos(c) == "NOUN"]
                if base == "deny" and not all(c.lower_ in DENIED_OBJECTS for c in comp):
                    comp = []  # "denied the travellers entry": a deed, not words
                if comp and base == "deny":
                    comp = [t, *comp]  # "denies the accusations": the denial is what was said
            as_clause = (
                t.dep_ == "advcl" and any(c.lower_ == "as" and c.dep_ == "mark" for c in t.children)
            ) or (
                # "The cause is a leak, he said, and repairs will take two days."
                t.dep_ == "parataxis" and not comp and any(c.dep_ == "nsubj" for c in t.children)
            )
            if not comp and as_clause:
                # "As the presidential aide noted, the prime minister agreed …"
                top = t.head
                while coarse_pos(top) not in {"VERB", "AUX"} and top.head.i != top.i:
                    top = top.head
                comp = [top]
            trailing = None
            if not comp or not speaker_tokens(art, t):
                trailing = _trailing_attribution(art, t, comp)
            if (not comp and trailing is None) or any(c.dep_ == "neg" for c in t.children):
                continue  # "he did not say what price was agreed": nothing was said
            verb = t
            speaker = speaker_tokens(art, t)
            if base == "tell" and any(c.dep_ == "nsubjpass" for c in t.children):
                # "as the correspondent was told at the embassy": the place that told it
                told_at = [
                    g
                    for c in t.children
                    if c.dep_ in {"prep", "agent"} and c.lower_ in {"at", "by", "in"}
                    for g in c.children
                    if g.dep_ == "pobj" and coarse_pos(g) in {"NOUN", "PROPN"}
                ]
                speaker = list(told_at[0].subtree) if told_at else []
            if trailing is not None:
                speaker, content_tokens = trailing
            elif as_clause:
                exclude = {s.i for s in t.subtree}
                content_tokens = [s for s in comp[0].subtree if s.i not in exclude]
            else:
                content_tokens = [s for c in comp for s in ([c] if c.i == t.i else c.subtree)]
        elif (estimate := _estimate(t)) is not None:
            # "Analysts put the cost of the repairs at about $2bn": an estimate they give
            speaker = [s for c in t.children if c.dep_ == "nsubj" for s in c.subtree]
            content_tokens = estimate
            verb = t
        elif t.lower_ == "according" and t.i + 1 < len(doc) and art.tokens[t.i + 1].lower_ == "to":
            if art.is_reporting(t.head) and t.head.i < t.i:
                continue  # "…, the minister said, according to the radio": who retells it
            to = art.tokens[t.i + 1]
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
    # An outlet retelling ("…, Reuters reported") is no source: the reports it retells stand.
    contents = {t.i: {s.i for s in content} for t, _, _, content in found}
    inner: set[int] = set()
    for t, verb, speaker, _ in found:
        if _outlet(art, speaker):
            continue
        for o, other_verb, _, _ in found:
            if o.i == t.i or o.i not in contents[t.i]:
                continue
            mutual = t.i in contents[o.i]
            if not mutual or (verb is not None and other_verb is None):
                inner.add(o.i)
    out: list[Utterance] = []
    for t, verb, speaker, content_tokens in found:
        if t.i in inner:
            continue
        content_ids = {s.i for s in content_tokens}
        lead = min(content_tokens, key=lambda s: s.i)
        opens = (lead.lower_ == "that" and lead.dep_ in {"mark", "dobj", "nsubj"}) or (
            lead.lower_ == "for" and lead.dep_ == "mark"  # "called for a panel to be set up"
        )
        drop = {lead.i} if opens else set()
        text = art.span_text(content_tokens, drop)
        lead = min((s for s in content_tokens if s.i not in drop), key=lambda s: s.i)
        if verb is not None and lead.lower_ in {"which", "who"} and verb.dep_ == "relcl":
            # "funding, which she said had fallen short": what fell short is the funding
            told_of = [
                x
                for x in verb.head.subtree
                if x.i < verb.left_edge.i and not (x.is_punct and x.i == verb.left_edge.i - 1)
            ]
            if told_of and lead.dep_ in {"nsubj", "nsubjpass"}:
                text = f"{art.span_text(told_of)} {text.split(' ', 1)[1]}"
        # "…, according to X.": no comma left dangling where the source's words were taken out
        text = re.sub(r"[\s,;:]+(?=\.?$)", "", text)
        if len(text.split()) < 3:
            continue
        start = min(s.idx for s in content_tokens if s.i not in drop)
        end = max(s.idx + len(s.text) for s in content_tokens)
        if any(qs - 1 <= start and end <= qe + 1 for qs, qe in quoted):
            continue
        if any(start <= qs and qe <= end and (qe - qs) > 0.8 * (end - start) for qs, qe in quoted):
            continue
        # 'said the bank was prepared "to act again"': the quotation is what was said; the few
        # words leading into it are not a statement of their own.
        if any(
            start <= qs < end <= qe + 2 and len(art.text[start:qs].split()) <= LEAD_IN_WORDS
            for qs, qe in quoted
        ):
            continue
        # 'said the group was "watching closely" and would act "if needed"': the quotations
        # are what was said, the few words around them only lead into them.
        inside = [(qs, qe) for qs, qe in quoted if start <= qs and qe <= end + 2]
        if inside and all(len(art.text[qs:qe].split()) >= 3 for qs, qe in inside):
            said = sum(len(art.text[qs:qe].split()) for qs, qe in inside)
            if len(art.text[start:end].split()) - said <= 6:
                continue
        n = art.sent_of[t.i]
        sent = art.sents[n]
        date, channel = (None, None)
        if verb is not None:
            date, channel = _when_and_how(art, verb, content_ids)
        out.append(
            Utterance(
                pos=t.idx,
                speaker=speaker,
                content=art.dehyphen(text[:1].upper() + text[1:]),
                direct=False,
                quote=(sent.start_char, sent.end_char),
                sent_index=n,
                date=date,
                channel=channel,
            )
        )
    return out


def _each_speaker(u: Utterance) -> list[Utterance]:
    """ "Advisers Halvorsen and Brickell both recommended …": one utterance for each named
    speaker a coordination joins; a phrase that joins no two names is one speaker."""
    ids = {t.i for t in u.speaker}
    roots = [t for t in u.speaker if t.head.i not in ids or t.head.i == t.i]
    if len(roots) != 1:
        return [u]
    root = roots[0]
    # "proxy advisers Norlund and Castellan": the names in apposition to a common noun
    named = [c for c in root.children if c.dep_ == "appos" and c.i in ids and _named(c)]
    if not _named(root) and named:
        root = named[0]
    joined = [c for c in root.children if c.dep_ == "conj" and c.i in ids]
    joins = any(c.dep_ == "cc" and c.i in ids for c in root.children)
    if not joined or not joins or not all(_named(t) for t in [root, *joined]):
        return [u]
    apart = {x.i for c in joined for x in c.subtree} | {
        c.i for c in root.children if c.dep_ in {"cc", "punct"} and c.i > root.i
    }
    parts = [[t for t in u.speaker if t.i not in apart]]
    parts += [
        [t for t in c.subtree if t.i in ids and t.dep_ not in {"cc", "punct"}] for c in joined
    ]
    return [replace(u, speaker=part) for part in parts]


def _named(t: Token) -> bool:
    return coarse_pos(t) == "PROPN" and t.text[:1].isupper() and t.ent_type_ not in {"GPE", "NORP"}


def _joined_to_their_source(reports: list[Utterance]) -> list[Utterance]:
    """ "…, according to the agency, which said the rest would follow": what a relative clause
    adds to its antecedent's report in the same sentence is one statement with it."""
    out: list[Utterance] = []
    for u in sorted(reports, key=lambda u: u.pos):
        who = u.speaker[0] if len(u.speaker) == 1 else None
        if who is not None and who.lower_ in {"which", "who"} and who.head.dep_ == "relcl":
            antecedent = who.head.head.i
            source = next(
                (
                    v
                    for v in out
                    if v.sent_index == u.sent_index and antecedent in {t.i for t in v.speaker}
                ),
                None,
            )
            if source is not None:
                from spacy.lang.en.stop_words import STOP_WORDS  # spaCy is loaded by now

                first, _, rest = u.content.partition(" ")
                first = first.lower() if first.lower() in STOP_WORDS else first
                source.content = f"{source.content.rstrip('.')}; {first} {rest}".rstrip()
                continue
        out.append(u)
    return out


_AMOUNTS = frozenset({"MONEY", "PERCENT", "QUANTITY"})


def _estimate(verb: Token) -> list[Token] | None:
    """What an estimating verb says: its object up to the figure it is put at ("the cost of the
    repairs … at about $2bn"); None unless the verb has a subject, an object and a figure."""
    word = ESTIMATING_VERBS.get(verb.lower_)
    if word is None or not verb.tag_.startswith("VB"):
        return None
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    if not objects or not any(c.dep_ == "nsubj" for c in verb.children):
        return None
    # the figure's word hangs on the verb or, misparsed, on a word after the object
    figures = [
        x
        for x in verb.subtree
        if x.i > objects[0].i
        and x.dep_ == "prep"
        and x.lower_ == word
        and any(
            y.dep_ == "pobj"
            and (
                y.tag_ == "CD"  # "at seven", "at 1.8bn"
                # "at 30%", "at about 2 billion euros"; not "at two mines"
                or any(z.ent_type_ in _AMOUNTS for z in [y, *y.children])
            )
            for y in x.children
        )
    ]
    if not figures:
        return None
    return list(verb.doc[objects[0].left_edge.i : figures[0].right_edge.i + 1])


def _outlet(art: ParsedArticle, speaker: list[Token]) -> bool:
    """The speaker is a news outlet, or the one publishing the article."""
    name = art.span_text([t for t in speaker if t.tag_ != "DT"]).lower()
    own = (art.article.outlet or "").lower()
    return name in OUTLETS or (bool(own) and name == own)


def build_statements(
    art: ParsedArticle, utterances: list[Utterance]
) -> list[tuple[Statement, int]]:
    out: list[tuple[Statement, int]] = []
    last: Person | None = None
    last_pos = -10_000
    last_channel: str | None = None
    seen: set[tuple[str, str]] = set()
    for u in [part for whole in utterances for part in _each_speaker(whole)]:
        speaker, implied = resolve_speaker(art, u.speaker, u.pos, last, last_pos)
        if speaker is None:
            continue
        channel = u.channel
        if implied in DOCUMENT_NOUNS:
            channel = channel or (last_channel if speaker is last else None) or implied
        elif implied:
            channel = channel or implied
        if channel is None and speaker is last and last_channel and u.direct:
            channel = last_channel
        key = (fold_name(speaker.name), squash(u.content).lower())
        if key in seen:
            continue
        seen.add(key)
        quote = art.passage(*u.quote)
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
