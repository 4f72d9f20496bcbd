"""People: the names an article gives, their offices, and who a subject phrase names."""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from summarizer.backends.offline.lexicon import (
    ANAPHORIC_BODIES,
    ANAPHORIC_ORGANISATIONS,
    BUSINESS_NOUNS,
    DOCUMENT_NOUNS,
    KINDS_IN_NAME,
    LEADER_SYNONYMS,
    NAME_PARTICLES,
    NOT_SPEAKERS,
    OUTLET_WORDS,
    OUTLETS,
    PATRONYMIC_PARTICLES,
    PERSON_HEADS,
    SOCIAL_NETWORKS,
    SOURCE_HEADS,
    TITLE_WORDS,
    is_organisation,
    parties_in,
    party_of,
)
from summarizer.backends.offline.nlp import coarse_pos
from summarizer.backends.offline.text import fold_name, squash
from summarizer.records import Person

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from summarizer.backends.offline.parsed import ParsedArticle


@dataclass
class Known:
    """A person the article names, with the fullest form it gives."""

    person: Person
    positions: list[int] = field(default_factory=list)


def index_people(art: ParsedArticle) -> None:
    doc = art.doc
    found: list[tuple[Span, list[Token]]] = []
    for ent in [*_joined_people(art), *_unlabelled_names(art)]:
        if ent.label_ != "PERSON":
            continue
        tokens = [t for t in ent if not (t.is_punct and t.text in {"\u2019s", "'s"})]
        tokens = [t for t in tokens if t.tag_ != "POS"]
        # "In Dushanbe, …": a capitalised preposition or article opening a sentence is no word
        # of a name
        while tokens and tokens[0].is_stop and tokens[0].lower_ not in NAME_PARTICLES:
            tokens = tokens[1:]
        # "Spokeswoman Marta Simoes": an office the recogniser took into the name
        while len(tokens) > 2 and (_is_title(tokens[0]) or tokens[0].lower_ in PERSON_HEADS):
            tokens = tokens[1:]
        if not tokens or _not_a_name(tokens):
            continue
        ent = doc[tokens[0].i : ent.end]
        # "Ursula von" + "der Leyen": run on over particles and capitalised name words.
        last = tokens[-1].i if tokens else len(doc)
        while (
            last + 1 < len(doc)
            and coarse_pos(doc[last + 1]) == "PROPN"
            and doc[last + 1].is_alpha
            and doc[last + 1].ent_type_ not in {"DATE", "PERSON"}
            and (doc[last + 1].text[:1].isupper() or doc[last + 1].lower_ in NAME_PARTICLES)
            and doc[last + 1].lower_ not in TITLE_WORDS
        ):
            last += 1
        while tokens and last > tokens[-1].i and doc[last].lower_ in NAME_PARTICLES:
            last -= 1
        if tokens and last > tokens[-1].i:
            tokens = [*tokens, *doc[tokens[-1].i + 1 : last + 1]]
            ent = doc[ent.start : last + 1]
        if (
            not tokens
            or tokens[-1].lower_ in SOCIAL_NETWORKS
            or not _surname(_last_word(tokens))[:1].isupper()
        ):
            continue
        if " ".join(t.lower_ for t in tokens) in OUTLETS:
            continue
        first = tokens[0].i
        while (
            first > 0
            and coarse_pos(doc[first - 1]) == "PROPN"
            and doc[first - 1].text[:1].isupper()
            and doc[first - 1].lower_ not in TITLE_WORDS
            and not doc[first - 1].ent_type_
            and doc[first - 1].head.i in {t.i for t in tokens}
        ):
            first -= 1
        if first < tokens[0].i:
            ent = doc[first : ent.end]
            tokens = [*doc[first : tokens[0].i], *tokens]
        if all(t.is_stop for t in tokens):
            continue
        if len(tokens) >= 3 and _office_with_complement(art.tokens, tokens[0].i):
            # "Minister of State for Fisheries [Resources Kamala Perera]": the recogniser took
            # the office's last word into the name
            tokens = tokens[_last_two_words(tokens) :]
            ent = doc[tokens[0].i : tokens[-1].i + 1]
        found.append((ent, tokens))
    for ent, tokens in found:
        name = art.dehyphen(squash(doc[tokens[0].i : tokens[-1].i + 1].text))
        key = fold_name(_surname(name.split()[-1]))
        if not key:
            continue
        role, org = _title(art, ent)
        person = Person(name=name, role=role, organization=org)
        known = art.people.get(key)
        if known is None:
            art.people[key] = Known(person, [ent.start_char])
        else:
            known.positions.append(ent.start_char)
            old = known.person
            better_name = len(name.split()) > len(old.name.split())
            art.people[key].person = Person(
                name=name if better_name else old.name,
                role=old.role or role,
                organization=old.organization or org,
            )
    # News introduces a person by full name; a lone capitalised word the recogniser took for a
    # name ("Kazakh Foreign Minister …", "travelled to Baubau") is a nationality or a place.
    for key in [k for k, known in art.people.items() if len(known.person.name.split()) < 2]:
        del art.people[key]
    for _, tokens in found:
        # A hyphenated name ("Park Ji-hoon") is its words: each of them names the person.
        name = art.dehyphen(squash(doc[tokens[0].i : tokens[-1].i + 1].text))
        key = fold_name(_surname(name.split()[-1]))
        if "-" in _last_word(tokens) and key in art.people:
            for t in tokens:
                if t.is_alpha:
                    art.person_tokens.setdefault(t.i, key)
    keys = set(art.people)
    folded = {fold_name(k) for k in keys}
    # "Abdulaziz bin Salman" is "Abdulaziz" for short: the name before its patronymic.
    short: dict[str, str] = {}
    for key, known in art.people.items():
        words = known.person.name.split()
        for n, word in enumerate(words[1:-1], start=1):
            if word.lower() in PATRONYMIC_PARTICLES:
                short.setdefault(fold_name(words[n - 1]), key)
    for t in art.tokens:
        alias = short.get(fold_name(t.text)) if t.is_alpha else None
        if alias is not None and t.text[:1].isupper() and fold_name(t.text) not in folded:
            art.person_tokens.setdefault(t.i, alias)
            continue
        if (
            t.is_alpha
            and t.text[:1].isupper()
            and t.ent_type_ != "DATE"
            and not (t.text.isupper() and len(t.text) > 1)  # a dateline's place: "TBILISI, May 1"
            and (fold_name(t.text) in folded)
        ):
            key = fold_name(t.text)
            # Surname tokens (possibly mislabelled by NER) and given names inside full names.
            if fold_name(_surname(art.people[key].person.name.split()[-1])) == key:
                art.person_tokens[t.i] = key
                if t.idx not in art.people[key].positions:
                    art.people[key].positions.append(t.idx)
    for known in art.people.values():
        known.positions.sort()
    _counterparts(art)


def _joined_people(art: ParsedArticle) -> list[Span]:
    """The recogniser's entities, a person's name split in two joined again: "Prince
    Abdulaziz" + "bin Salman" is one name."""
    out: list[Span] = []
    for ent in art.ents:
        if (
            out
            and ent.label_ == "PERSON"
            and out[-1].label_ == "PERSON"
            and out[-1].end == ent.start
            and ent[0].lower_ in NAME_PARTICLES
        ):
            from spacy.tokens import Span as SpacySpan

            out[-1] = SpacySpan(art.doc, out[-1].start, ent.end, label="PERSON")
            continue
        out.append(ent)
    return out


def _not_a_name(tokens: list[Token]) -> bool:
    """Words the recogniser took for a person's name that cannot be one: an office without a
    name ("the Kyrgyz Ombudsman"), or words a spaced dash joins ("Sport Weekly - Georgian"), as
    in a site's title line."""
    if tokens[-1].lower_ in PERSON_HEADS | SOURCE_HEADS or _is_title(tokens[-1]):
        return True  # "the Kyrgyz Ombudsman", "the State Election Commission"
    return any(
        t.text in {"-", "\u2013", "\u2014"}
        and t.whitespace_
        and n > 0
        and tokens[n - 1].whitespace_
        for n, t in enumerate(tokens)
    )


def _last_word(tokens: list[Token]) -> str:
    """The last word of a name, its hyphenated parts joined: "Ji-hoon", "Smith"."""
    i = len(tokens) - 1
    while i >= 2 and tokens[i - 1].text == "-" and not tokens[i - 1].whitespace_:
        if tokens[i - 2].whitespace_:
            break
        i -= 2
    return "".join(t.text for t in tokens[i:])


# Entity labels a business's name may be given by the recogniser, which knows few of them.
_NAMES = frozenset({"", "ORG", "PERSON", "GPE", "LOC", "NORP", "PRODUCT", "FAC", "WORK_OF_ART"})
# Entity labels of things that do not speak: a name so labelled that speaks is a person's.
_THINGS = frozenset({"", "WORK_OF_ART", "PRODUCT", "EVENT"})


def _surname(word: str) -> str:
    """A surname without the particle joined to it by a hyphen: "Kuwari" of "al-Kuwari"; a
    hyphenated name of its own ("Ji-hoon", "Smith-Jones") stays whole."""
    particle, _, rest = word.partition("-")
    return rest if rest and particle.lower() in NAME_PARTICLES else word


def _unlabelled_names(art: ParsedArticle) -> list[Span]:
    """Names the entity recogniser missed or took for something else: two to four capitalised
    words after an office ("Presidential Aide Anna Berg", "European Commission President Ursula
    von der Leyen") or before one in apposition ("Yury Tkachenko, a spokesman for …")."""
    from spacy.tokens import Span as SpacySpan

    names = []
    tokens = art.tokens
    people = {t.i for e in art.ents if e.label_ == "PERSON" for t in e}

    def name_word(t: Token) -> bool:
        if _is_initial(t) and t.i + 1 < len(tokens) and tokens[t.i + 1].text[:1].isupper():
            return True  # "A. Sreedharan"
        if t.i > 0 and _is_initial(tokens[t.i - 1]) and t.is_alpha and t.text[:1].isupper():
            return True  # the recogniser may take the surname after an initial for a place
        return (
            t.is_alpha
            and t.text[:1].isupper()
            and not t.text.isupper()
            and t.ent_type_ in {"", "ORG", "PERSON", "WORK_OF_ART", "PRODUCT", "EVENT"}
            and not _is_title(t)
        )

    def office_follows(j: int) -> bool:
        """ ", a spokesman for the company": an office in apposition to the words before."""
        if j + 2 >= len(tokens) or tokens[j].text != ",":
            return False
        if tokens[j + 1].like_num and tokens[j + 2].text == ",":
            return True  # "Ana Ruiz, 41, a teacher": an age in apposition follows a name
        k = j + 1
        if tokens[k].tag_ == "VBN" and tokens[k].is_lower:
            k += 1  # "Ana Ruiz, elected president of the union on Monday,"
        while k < len(tokens) and k < j + 6 and tokens[k].tag_ in {"DT", "JJ", "NNP", "POS"}:
            if tokens[k].lower_ in PERSON_HEADS:
                return True
            k += 1
        return k < len(tokens) and tokens[k].lower_ in PERSON_HEADS

    def office_precedes(i: int) -> bool:
        """ "the bank governor Ana Ruiz", "the governor, Ana Ruiz,": an office, then a name."""
        before = tokens[i - 1]
        if before.lower_ in PERSON_HEADS:
            return True
        if before.text != "," or i < 2:
            return False
        # "the governor, Ana Ruiz,", "the head of the agency, Ana Ruiz,"
        k = i - 2
        while k > 0 and k > i - 8 and tokens[k].lower_ not in PERSON_HEADS:
            t = tokens[k]
            if not (t.lower_ in {"of", "the", "for"} or (t.is_alpha and t.text[:1].isupper())):
                return False
            k -= 1
        return tokens[k].lower_ in PERSON_HEADS and tokens[k].text.islower()

    def speaks(i: int, j: int) -> bool:
        """ "Mikkel Sørensen told analysts": two or three name words that are, alone, the
        subject of a verb of saying, taken by the recogniser for a thing that cannot speak (a
        work, a product, an event) or for nothing at all."""
        span = tokens[i:j]
        if not 2 <= len(span) <= 3 or any(t.ent_type_ not in _THINGS for t in span):
            return False
        head = span[-1]
        return (
            head.dep_ == "nsubj"
            and art.is_reporting(head.head)
            and {t.i for t in head.subtree} == set(range(i, j))
            and all(party_of(t.text) is None for t in span)
        )

    ends: set[int] = {e.end - 1 for e in art.ents if e.label_ == "PERSON"}
    i = 1
    while i < len(tokens):
        j = i
        while (
            j < len(tokens)
            and j - i < 5
            and (name_word(tokens[j]) or (tokens[j].lower_ in NAME_PARTICLES and j > i))
        ):
            j += 1
            # a hyphenated given name: "Ji-hoon"
            if (
                j + 1 < len(tokens)
                and tokens[j].text == "-"
                and not tokens[j - 1].whitespace_
                and not tokens[j].whitespace_
                and tokens[j + 1].is_alpha
                and tokens[j + 1].is_lower
            ):
                j += 2
        while j > i and tokens[j - 1].lower_ in NAME_PARTICLES:
            j -= 1
        before = tokens[i - 1]
        last_fits = j > i and tokens[j - 1].lower_ not in SOURCE_HEADS
        follows = (
            j == len(tokens)
            or (coarse_pos(tokens[j]) != "PROPN" and tokens[j].lower_ not in {"and", "of", "for"})
            # "… Energy Alberto Nhantumbo and Zimbabwe's Minister …": another office follows
            or (
                tokens[j].lower_ == "and"
                and j + 2 < len(tokens)
                and (tokens[j + 2].tag_ == "POS" or _is_title(tokens[j + 1]))
            )
        )
        by_office = (
            j - i >= 2
            and last_fits
            and follows
            and not (before.lower_ in TITLE_WORDS and before.text[:1].isupper())
            and _office_with_complement(tokens, i)
        )
        # the office's complement may run into the name: then the name is its last two words
        start = i + _last_two_words(tokens[i:j]) if by_office else i
        if j - i < 2 and before.text == "," and office_precedes(i):
            # "the chairman of the commission, Nikola Vujovic,": a name after an office, set off
            # by commas, that the recogniser took for a place
            k = i
            while k < len(tokens) and k - i < 3 and tokens[k].ent_type_ == "GPE":
                k += 1
            place = k < len(tokens) and tokens[k].text == "," and tokens[k - 1].ent_iob_ != "B"
            if k - i >= 2 and place and all(party_of(t.text) is None for t in tokens[i:k]):
                j = k
        if (
            j - i >= 2
            and (
                (_is_title(before) and before.text[:1].isupper())
                or (j - i <= 3 and not before.text[:1].isupper() and office_follows(j))
                or (j - i <= 3 and office_precedes(i))
                or by_office
                # "Prime Ministers Juraj Novak and Gabor Kis": a second name sharing the title
                or (j - i <= 3 and before.lower_ == "and" and i >= 2 and i - 2 in ends)
                or speaks(i, j)
            )
            and not any(k in people for k in range(start, j))
            and (j == len(tokens) or coarse_pos(tokens[j]) != "PROPN")
        ):
            names.append(SpacySpan(art.doc, start, j, label="PERSON"))
            ends.add(j - 1)
            i = j
        else:
            i += 1
    return names + _named_by_what_they_say(art, people | {t.i for n in names for t in n})


def _named_by_what_they_say(art: ParsedArticle, taken: set[int]) -> list[Span]:
    """ "Milan Radovic won …" taken for a body, then "Radovic repeated …": a full name whose last
    word alone is the subject of a verb of saying elsewhere names a person."""
    from spacy.tokens import Span as SpacySpan

    tokens = art.tokens
    speakers = {
        t.text
        for t in tokens
        if t.dep_ == "nsubj"
        and coarse_pos(t) == "PROPN"
        and t.text[:1].isupper()
        and t.ent_type_ in {"", "PERSON", "ORG"}
        and not any(c.dep_ in {"compound", "det", "amod", "poss"} for c in t.children)
        and art.is_reporting(t.head)
        and t.lower_ not in SOURCE_HEADS | TITLE_WORDS
        and party_of(t.text) is None
    }
    out = []
    for ent in art.ents:
        words = list(ent)
        if (
            ent.label_ in {"ORG", "GPE"}
            and len(words) in {2, 3}
            and words[-1].text in speakers
            and all(t.is_alpha and t.text[:1].isupper() and not t.text.isupper() for t in words)
            and not any(_is_title(t) or t.lower_ in SOURCE_HEADS for t in words)
            and not any(t.i in taken for t in words)
        ):
            out.append(SpacySpan(art.doc, ent.start, ent.end, label="PERSON"))
    return out


def _is_initial(t: Token) -> bool:
    """An initial standing for a given name: "A." in "A. Sreedharan"."""
    return re.fullmatch(r"[A-Z]\.", t.text) is not None


def _office_with_complement(tokens: list[Token], i: int) -> bool:
    """ "Minister of State for Petroleum Resources Adebayo Okonjo", "Permanent Representative
    to the OSCE Nikolai Brovkin": an office whose complement names a field or a body, then the
    name starting at or after token `i`."""
    k, complement = i - 1, False
    while k >= 0 and k >= i - 10:
        t = tokens[k]
        if t.lower_ in PERSON_HEADS and t.text[:1].isupper():
            return complement
        if t.lower_ in {"of", "for", "to"}:
            complement = True
        elif not (
            # "Minister for Agriculture, Food and the Marine [Cathal Brennan]": a list of fields,
            # not the comma that sets a name off ("the Minister of Finance, Ana Ruiz Lopez")
            (t.text == "," and k < i - 1)
            or t.lower_ in {"and", "the"}
            or (t.is_alpha and t.text[:1].isupper())
            # "President of the BTB transport union Koen Smet": a body's common nouns
            or (complement is False and t.is_lower and coarse_pos(t) in {"NOUN", "ADJ"})
        ):
            return False
        k -= 1
    return False


def _last_two_words(name: list[Token]) -> int:
    """Where the last two words of a name start, particles kept: "Kamala Perera", "Ursula von
    der Leyen"."""
    k = max(0, len(name) - 2)
    while k > 0 and name[k].lower_ in NAME_PARTICLES:
        k -= 1
    return k


def _is_title(t: Token) -> bool:
    """A word of an office, in the singular or the plural ("Ministers")."""
    word = t.lower_
    return word in TITLE_WORDS or (word.endswith("s") and word[:-1] in TITLE_WORDS)


def _title(art: ParsedArticle, ent: Span) -> tuple[str | None, str | None]:
    doc = art.doc
    title: list[Token] = []
    i = ent.start - 1
    while i >= 0:
        t = doc[i]
        if t.text == "-" and not t.whitespace_ and i > 0 and not doc[i - 1].whitespace_:
            title.insert(0, t)
            i -= 1
            continue
        if (
            t.lower_ in {"of", "for", "and", "the"}
            and title
            and i > 0
            and _office_goes_on(doc[i - 1], t)
        ):
            # "Minister of Finance", "Chairman of the Council of Ministers", "Deputy Prime
            # Minister and Minister of Finance": an office's complement runs on to the name
            title.insert(0, t)
            i -= 1
            continue
        if (
            t.text == ","
            and title
            and i > 0
            and doc[i - 1].text[:1].isupper()
            and title[0].text[:1].isupper()
            and any(x.lower_ in {"for", "of"} for x in doc[max(0, i - 6) : i])
        ):
            # "Minister for Agriculture, Food and the Marine": a list of the office's fields
            title.insert(0, t)
            i -= 1
            continue
        if t.is_punct or t.is_space or t.tag_ in {"DT", "PRP$", "POS", "IN", "CC", "VBD", "VBZ"}:
            break
        if (
            t.ent_type_ in {"ORG", "GPE", "NORP"}
            or t.lower_ in TITLE_WORDS
            or (
                t.text[:1].isupper()
                and coarse_pos(t) in {"PROPN", "NOUN", "ADJ"}
                and (i != t.sent.start or (title and coarse_pos(t) == "PROPN"))
            )
        ):
            title.insert(0, t)
            i -= 1
            continue
        break
    while title and (title[0].text == "-" or title[0].lower_ in {"of", "for", "and", "the"}):
        title.pop(0)
    if not title:
        # "Aide to the Polish leader, Anna Berg," / "Wendy Sherman, Deputy Secretary"
        root = ent.root
        if root.dep_ == "appos" and root.head.i < ent.start:
            top = root.head
            while top.dep_ in {"pobj", "prep"} and top.head.i != top.i:
                top = top.head
            if top.lower_ in TITLE_WORDS:
                title = [t for t in top.subtree if t.i < ent.start and not t.is_punct]
        for child in root.children:
            if child.dep_ == "appos" and child.i > ent.end and child.lower_ in TITLE_WORDS:
                title = [t for t in child.subtree if not t.is_punct]
    title = [t for t in title if t.tag_ != "DT" or t.i != title[0].i]
    if not title:
        return None, None
    role: str | None = art.dehyphen(squash(doc[title[0].i : title[-1].i + 1].text))
    org = None
    group: list[Token] = []
    for t in title:
        if t.ent_type_ in {"ORG", "GPE"} and t.lower_ not in TITLE_WORDS:
            if group and t.i != group[-1].i + 1:
                break
            group.append(t)
        elif group:
            break
    if group:
        org = art.dehyphen(squash(doc[group[0].i : group[-1].i + 1].text))
        org = re.sub(r"^the\s+", "", org, flags=re.I)
    for t in title:
        if t.ent_type_ == "NORP" and org is None:
            org = party_of(t.text) or t.text
    if org is not None and role is not None and fold_name(role) == fold_name(org):
        role = None
    return role, org


def _office_goes_on(before: Token, word: Token) -> bool:
    """Whether the office read backwards from a name goes on past `word` ("of", "for", "and",
    "the") to `before`: a capitalised word of an office or of a body's name, or "of" before
    "the"."""
    if word.lower_ == "the":
        return before.lower_ in {"of", "for", "and"}
    if before.lower_ in TITLE_WORDS:
        return True
    return (
        before.text[:1].isupper()
        and before.ent_type_ != "PERSON"
        and coarse_pos(before) in {"PROPN", "NOUN", "ADJ"}
    )


def _counterparts(art: ParsedArticle) -> None:
    """ "his Polish counterpart Piotr Nowak": the counterpart holds the same office."""
    for known in art.people.values():
        person = known.person
        if not person.role or "counterpart" not in person.role.lower():
            continue
        for other in art.people.values():
            role = other.person.role
            if other is known or not role or "counterpart" in role.lower():
                continue
            office = [w for w in role.split() if party_of(w) is None]
            nation = [w for w in person.role.split() if w.lower() != "counterpart"]
            if office and any(abs(p - q) < 200 for p in known.positions for q in other.positions):
                known.person = Person(
                    name=person.name,
                    role=" ".join([*nation, *office]),
                    organization=person.organization,
                )
                break


def person_by_office(
    art: ParsedArticle, words: list[str], head: str, pos: int, later: bool = False
) -> Person | None:
    """The most recent named person whose office fits "the presidential aide"; with `later`,
    when none was named before, the first named after ("…, the country's finance minister
    said." in a lead, "Finance Minister Ana Ruiz told reporters …" below it)."""
    heads = {head, *LEADER_SYNONYMS.get(head, ())}
    best: tuple[int, Person] | None = None
    first_after: tuple[int, Person] | None = None
    for known in art.people.values():
        person = known.person
        office = f"{person.role or ''} {person.organization or ''}".lower()
        office_words = set(re.findall(r"[a-z]+", office))
        office_parties = {party_of(w) for w in office_words} - {None}
        if not heads & office_words:
            continue
        ok = True
        for w in words:
            if w in office_words:
                continue
            party = party_of(w)
            if party is not None and party in office_parties:
                continue
            ok = False
            break
        if not ok:
            continue
        before = [p for p in known.positions if p < pos]
        if before and (best is None or before[-1] > best[0]):
            best = (before[-1], person)
        if (
            not before
            and known.positions
            and (first_after is None or known.positions[0] < first_after[0])
        ):
            first_after = (known.positions[0], person)
    if best is None and later and first_after is not None:
        return first_after[1]
    return best[1] if best else None


def resolve_speaker(
    art: ParsedArticle, tokens: list[Token], pos: int, last: Person | None, last_pos: int
) -> tuple[Person | None, str | None]:
    """The person or body a subject phrase names, and a channel it implies."""
    tokens = [t for t in tokens if not t.is_space]
    if not tokens:
        return None, None
    ids = {t.i for t in tokens}
    root = next((t for t in tokens if t.head.i not in ids or t.head.i == t.i), tokens[0])
    # "the rail operator Hanbit Logistics": a common noun named by the proper noun after it.
    named = [
        c
        for c in root.children
        if c.dep_ in {"appos", "compound"}
        and c.i > root.i
        and c.i in ids
        and (
            c.ent_type_ in {"ORG", "PERSON"}
            # "the national forestry agency CONAF": a name the recogniser did not label
            or (c.ent_type_ == "" and coarse_pos(c) == "PROPN" and c.text[:1].isupper())
        )
    ]
    kind_before = [c for c in root.children if c.dep_ == "compound" and c.i < root.i]
    if (
        coarse_pos(root) == "PROPN"
        and root.text[:1].isupper()
        # "its operator Isavia": one word the recogniser took for a person's name is no
        # person the article names
        and (root.ent_type_ in {"", "ORG"} or fold_name(root.text) not in art.people)
        and kind_before
        and kind_before[-1].text.islower()
        and kind_before[-1].lower_ in SOURCE_HEADS - PERSON_HEADS
        and root.lower_ not in OUTLETS
        and not any(c.lower_ in OUTLET_WORDS for c in root.children)
    ):
        # "the national water agency HIDRA", parsed as a name qualified by its kind
        return Person(name=root.text, role=None, organization=root.text), None
    if root.tag_ in {"NN", "NNS"} and named and not root.text[:1].isupper():
        kind = root.lower_
        root = named[0]
        tokens = [t for t in root.subtree if t.i in ids]
        ids = {t.i for t in tokens}
        if kind in SOURCE_HEADS - PERSON_HEADS and (
            root.ent_type_ != "PERSON" or fold_name(root.text) not in art.people
        ):
            # "the national forestry agency CONAF": the body is its name
            name = art.dehyphen(art.span_text([t for t in tokens if coarse_pos(t) == "PROPN"]))
            if name and name.lower() not in OUTLETS:
                return Person(name=name, role=None, organization=name), None
    # "Two of the federation's sponsors said": some of a group of people speak
    of_group = [
        g
        for c in root.children
        if c.dep_ == "prep" and c.lower_ == "of"
        for g in c.children
        if g.dep_ == "pobj" and g.tag_ == "NNS" and g.lower_ not in NOT_SPEAKERS
    ]
    if (root.tag_ == "CD" or root.lower_ in {"some", "several", "many", "most"}) and of_group:
        name = re.sub(r"^(?:[Tt]he|[Aa]n?)\s+", "", art.dehyphen(art.span_text(tokens)))
        return Person(name=name, role=None, organization=None), None
    # "according to a statement released by the ministry": who released it speaks.
    if root.lower_ in DOCUMENT_NOUNS | NOT_SPEAKERS:
        # "according to figures circulated by the secretariat": who issued them
        for t in tokens:
            if t.dep_ == "agent" and t.head.dep_ == "acl" and t.head.head.i == root.i:
                issuer = [g for g in t.children if g.dep_ == "pobj"]
                if issuer:
                    speaker, _ = resolve_speaker(art, list(issuer[0].subtree), pos, last, last_pos)
                    if speaker is not None:
                        return speaker, root.lower_
        # "the authority opened an inquiry, according to a statement on its website": the
        # body the sentence tells of issued it
        if root.lower_ in DOCUMENT_NOUNS and any(t.lower_ in {"its", "their"} for t in tokens):
            verb = root.sent.root
            subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
            if subjects and subjects[0].i not in ids and coarse_pos(subjects[0]) != "PRON":
                speaker, _ = resolve_speaker(art, list(subjects[0].subtree), pos, last, last_pos)
                if speaker is not None and not is_person(speaker):
                    return speaker, root.lower_
    # "The government, represented by its solicitor general Ana Ruiz, argued": who speaks for
    # the body; "the government's lawyers, led by Ana Ruiz," a group whose leader speaks (not
    # "the presidency, led by the minister," a body speaking as one)
    for clause in root.children:
        spoke_for = clause.lower_ == "represented" or (
            clause.lower_ in {"led", "headed"} and root.tag_ == "NNS"
        )
        if clause.dep_ != "acl" or clause.i not in ids or not spoke_for:
            continue
        for agent in clause.children:
            if agent.dep_ != "agent":
                continue
            for t in agent.subtree:
                key = art.person_tokens.get(t.i)
                if key is not None:
                    return art.person_at(key), None
    # "the head of the agency, A. Sreedharan,": a name in apposition says who the phrase is.
    for t in tokens:
        key = art.person_tokens.get(t.i)
        if (
            key is not None
            and root.lower_ in PERSON_HEADS
            and any(a.i in ids and a.dep_ == "appos" and a.i > root.i for a in [t, *t.ancestors])
        ):
            return art.person_at(key), None
    # "the country's ombudsman, known locally as the Akyikatchy, Aizada Temirbekova, said": an
    # office whose phrase ends in a name set off by commas, however the parser hung it
    if root.lower_ in PERSON_HEADS:
        words = [t for t in tokens if not t.is_punct]
        tail = [t for t in words if t.i > root.i and art.person_tokens.get(t.i)]
        if words and tail and words[-1].i == tail[-1].i:
            before = art.tokens[tail[-1].i - 1]
            while before.i > root.i and (
                (before.is_alpha and before.text[:1].isupper()) or before.lower_ in NAME_PARTICLES
            ):
                before = art.tokens[before.i - 1]
            if before.text == ",":
                return art.person_at(art.person_tokens[tail[-1].i]), None
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
    # "Lind's deputy, Per Holm": the person the phrase names, not the one it is of.
    owned = {x.i for t in tokens if t.dep_ == "poss" for x in t.subtree}
    # "the National Disaster Prevention and Response Service": a body's name, though the
    # recogniser took some of its words for a person's elsewhere
    body_name = root.ent_type_ == "ORG" and root.lower_ in SOURCE_HEADS - PERSON_HEADS
    for t in sorted(tokens, key=lambda t: t.i in owned):
        key = art.person_tokens.get(t.i)
        if body_name and t.ent_type_ == "ORG":
            continue
        if key is not None and not (t.i in owned and root.lower_ in PERSON_HEADS):
            return art.person_at(key), None
    if len(tokens) == 1 and lowered[0] in {"who", "which", "that"} and root.head.dep_ == "relcl":
        # "…, the governor, who ordered …": the noun the relative clause hangs on.
        antecedent = root.head.head
        return resolve_speaker(art, list(antecedent.subtree), pos, last, last_pos)
    near = last is not None and pos - last_pos < 700
    if len(tokens) == 1 and lowered[0] in {"he", "she", "him", "her"}:
        # The person named most recently, unless the last speaker was named since.
        recent = art.recent_person(pos, within=300)
        if recent is not None and recent[1] > last_pos:
            return art.person_at(recent[0]), None
        if near and last is not None and is_person(last):
            return last, None
        return (art.person_at(recent[0]), None) if recent else (None, None)
    if len(tokens) == 1 and lowered[0] in {"it", "they"}:
        if root.dep_ == "nsubj" and near and last is not None and not is_person(last):
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
    if head in DOCUMENT_NOUNS and len(words) <= 2:
        if any(c.dep_ == "det" and c.lower_ in {"a", "an"} for c in root.children):
            return None, None  # "according to a joint statement": a source not yet named
        if near and last is not None:
            return last, head
        source = owner_before(art, pos)
        if source is not None:
            return Person(name=source, role=None, organization=source), head
        return None, None
    owner: str | None = None
    for t in tokens:
        if t.dep_ == "poss" and t.tag_ != "PRP$":
            phrase = art.span_text(
                [x for x in t.subtree if x.tag_ not in {"DT", "POS"} and not x.is_punct]
            )
            owner = party_of(phrase) or art.dehyphen(phrase)
            if owner.lower() in ANAPHORIC_BODIES:  # "the alliance's press service"
                owner = organisation_before(art, tokens[0].idx) or owner
            elif owner.islower():  # "the regulator's press service": the body named before
                owner = (
                    body_named_before(art, t, tokens[0].idx)
                    or owner_before(art, tokens[0].idx)
                    or owner
                )
    text = art.dehyphen(art.span_text(words))
    text = re.sub(r"^(?:[Tt]he|[Aa]n?)\s+", "", text)
    if head in {"service", "office"} and "press" in lowered:
        press = next(t for t in tokens if t.lower_ == "press")
        of_body = [
            g
            for c in root.children
            if c.dep_ == "prep" and c.lower_ == "of"
            for g in c.children
            if g.dep_ == "pobj"
        ]
        if of_body:
            # "the press service of the country's Ministry of Health": the ministry's own
            skip = {x.i for g in of_body for c in g.children if c.dep_ == "poss" for x in c.subtree}
            named = [
                x
                for x in of_body[0].subtree
                if x.i not in skip and x.tag_ not in {"DT", "POS"} and x.i in ids
            ]
            owner = art.dehyphen(art.span_text(named)) or owner
        own = [t for t in words if t.i < press.i and t.dep_ != "poss" and t.i not in owned]
        if owner is None and own:
            # "the Slovak government press office": whose office the words before it say
            phrase = art.dehyphen(art.span_text(own))
            owner = party_of(phrase) if len(own) == 1 else None
            owner = owner or phrase
        if owner is None and {"its", "their"} & set(lowered):
            owner = _body_told_of(art, root)  # "the department has opened …, its press service"
        if owner is None and near and last is not None and not is_person(last):
            return last, "press service"
        owner = owner or owner_before(art, tokens[0].idx)
        name = f"{owner} press service" if owner else "press service"
        return Person(name=name, role=None, organization=owner), "press service"
    # "the spokesman said" after "a spokesman for the Polish foreign ministry told PAP"; not
    # "the Geophysical Institute" after "the National Institute": a name of its own.
    proper = any(t.text[:1].isupper() and coarse_pos(t) == "PROPN" for t in words)
    if near and last is not None and not proper and head in {w.lower() for w in last.name.split()}:
        return last, None
    definite = any(t.lower_ in {"the", "this"} and t.head.i == root.i for t in tokens)
    bare = len(words) == 1 and root.tag_ == "NN" and root.text.islower()
    if head in PERSON_HEADS:
        # "the country's finance minister": a common noun owning the office only points back
        pointing = {x.i for t in words if t.dep_ == "poss" and t.text.islower() for x in t.subtree}
        modifiers = [
            t.lower_ for t in words if t.i != root.i and t.is_alpha and t.i not in pointing
        ]
        person = person_by_office(
            art,
            [w for w in modifiers if w not in {"for", "of", "to", "s"}],
            head,
            pos,
            later=(definite or bool(pointing)) and bool(modifiers),
        )
        if person is not None:
            return person, None
        plain = all(t.text.islower() for t in words) and len(words) <= 4
        just_spoke = last is not None and pos - last_pos < 400 and is_person(last)
        if definite and plain and not bare and just_spoke:
            return last, None  # '"…," the head of government stressed': who just spoke
        if definite and bare:
            # "The diplomat noted …": a person the story has turned to since the last speaker
            # spoke, else the person speaking, else the person named last as a subject.
            actor = art.recent_actor(pos, within=600)
            if actor is not None and actor[1] > last_pos:
                return art.person_at(actor[0]), None
            if near and last is not None and is_person(last) and last.organization != last.name:
                return last, None
            recent = actor or art.recent_person(pos, within=600)
            if recent is not None:
                return art.person_at(recent[0]), None
    the = definite or tokens[0].lower_ == "the"
    if the and root.text.islower() and head in SOURCE_HEADS | ANAPHORIC_ORGANISATIONS:
        # "the employers' federation" after "The employers' federation, CEPA,"; "the German
        # company" after "the German airline group Rheinair": the name the article gave it
        given = _named_before(art, root, [t for t in words if t.i != root.i], tokens[0].idx)
        if given is not None:
            return Person(name=given, role=None, organization=given), None
    if definite and root.text.islower() and len(words) <= 2 and head not in NOT_SPEAKERS:
        # "the company said" after "the pump maker Aldercrest"; "the chamber" after "the
        # Chamber of Mines": the body of that kind the article named last
        described = {t.lower_ for t in words if t.i != root.i}
        given = body_named_before(art, root, tokens[0].idx, described)
        if given is not None:
            return Person(name=given, role=None, organization=given), None
    if definite and bare and head in ANAPHORIC_ORGANISATIONS:
        # "the regulator said": the organisation the article speaks of most, so far.
        of_kind = head if head in KINDS_IN_NAME else None
        body = salient_organisation(art, min(pos, tokens[0].idx), kind=of_kind)
        if body is not None:
            return Person(name=body, role=None, organization=body), None
    if head in ANAPHORIC_BODIES and root.text.islower() and len(words) <= 2:
        # "the alliance said": the body of its kind named before
        body = organisation_before(art, tokens[0].idx, kind=head)
        if body is None:
            return Person(name=text, role=None, organization=None), None
        return Person(name=body, role=None, organization=body), None
    if head in NOT_SPEAKERS and any(c.lower_ in OUTLET_WORDS for c in root.children):
        return None, None  # "the state news agency said": an outlet retelling
    party = party_of(text) or (
        party_of(root.text) if coarse_pos(root) in {"NOUN", "PROPN"} else None
    )
    if root.ent_type_ in {"ORG", "GPE", "NORP"} or party is not None:
        if text.lower() in OUTLETS or root.lower_ in OUTLETS:
            return None, None
        if art.article.outlet and text.lower() == art.article.outlet.lower():
            return None, None
        return Person(name=text, role=None, organization=party or text), None
    qualified = any(
        c.dep_ in {"nummod", "prep"}
        or (c.dep_ in {"compound", "amod"} and c.i < root.i and c.lower_ not in OUTLET_WORDS)
        for c in root.children
    )
    if head in NOT_SPEAKERS and root.text.islower() and not (qualified and head in SOURCE_HEADS):
        # "according to the agency": the outlet retelling, not a source; "sources" speak only
        # when the report says which ("two sources in the delegations")
        return None, None
    if head in ANAPHORIC_ORGANISATIONS and not definite and root.text.islower():
        # "a regional carrier told the paper": an organisation the report does not name
        return Person(name=text, role=None, organization=None), None
    if (
        root.tag_ == "NNP"
        and root.text[:1].isupper()
        and len(words) >= 2
        and root.ent_type_ in {"FAC", "LOC", "ORG"} | _THINGS
        and text.lower() not in OUTLETS
    ):
        # "according to the Port of Antwerp": a body's proper name the recogniser missed or
        # took for a thing that cannot speak ("Hard Coal Enterprises said")
        name = art.dehyphen(art.text[words[0].idx : words[-1].idx + len(words[-1].text)])
        return Person(name=name, role=None, organization=name), None
    if len(words) == 1 and _body_elsewhere(art, root):
        # "Eurocontrol said …", where the recogniser labelled the name a body elsewhere only
        return Person(name=root.text, role=None, organization=root.text), None
    if head not in SOURCE_HEADS:
        # "survivors said", "analysts say": a group of people speaking.
        # "Firefighters in the south said", tagged a proper noun for its capital letter
        opens = root.tag_ == "NNPS" and root.i == root.sent.start and not root.ent_type_
        if (root.tag_ == "NNS" or opens) and head not in NOT_SPEAKERS and root.is_alpha:
            return Person(name=text, role=None, organization=None), None
        return None, None
    modifiers = [t.lower_ for t in words if t.i != root.i and t.is_alpha]
    modifiers = [w for w in modifiers if w not in {"for", "of", "to", "s"}]
    person = person_by_office(art, modifiers, head, pos)
    if person is not None:
        return person, None
    org = next((p for p in (party_of(t.text) for t in words) if p), None)
    for t in words:
        if t.ent_type_ == "ORG" and org is None:
            org = t.text
    return Person(name=text, role=None, organization=org), None


def _body_elsewhere(art: ParsedArticle, word: Token) -> bool:
    """A capitalised proper noun the recogniser labels an organisation elsewhere in the
    article, alone."""
    if coarse_pos(word) != "PROPN" or not word.text[:1].isupper() or word.ent_type_:
        return False
    if word.lower_ in OUTLETS or fold_name(word.text) in art.people:
        return False
    return any(
        e.label_ == "ORG" and re.sub(r"^the\s+", "", e.text, flags=re.I) == word.text
        for e in art.ents
    )


def _named_before(art: ParsedArticle, head: Token, modifiers: list[Token], pos: int) -> str | None:
    """The proper name the article gave, before `pos`, to a body it now describes: the name in
    apposition to the same noun ("The employers' federation, CEPA,"), or the organisation right
    after the same nationality ("the German airline group Rheinair" for "the German company")."""
    found: str | None = None
    nations = {m.lower_ for m in modifiers if m.ent_type_ == "NORP"}
    for t in art.tokens:
        if t.idx >= pos:
            break
        if t.lower_ == head.lower_ and t.i != head.i:
            for c in [*t.children, t.head]:
                if c.i == t.i or not (c.ent_type_ == "ORG" or coarse_pos(c) == "PROPN"):
                    continue
                if c.dep_ == "appos" or t.dep_ == "appos":
                    found = art.dehyphen(art.span_text([x for x in c.subtree if x.tag_ != "DT"]))
        if nations and t.lower_ in nations:
            ent = next(
                (e for e in art.ents if e.label_ == "ORG" and t.i < e.start <= t.i + 4), None
            )
            if ent is not None:
                found = re.sub(r"^the\s+", "", art.dehyphen(squash(ent.text)), flags=re.I)
    return found


def body_named_before(
    art: ParsedArticle, word: Token, pos: int, modifiers: Collection[str] = ()
) -> str | None:
    """The name a definite description ("the company", "the chamber", "the committee's") has
    in the article: the nearest mention of its kind of body before `pos` (for a business, any
    word for one) that names it, and says what the description's `modifiers` say ("the French
    company" is not "the Danish carrier Skyline")."""
    kinds = BUSINESS_NOUNS if word.lower_ in BUSINESS_NOUNS else {word.lower_}
    for t in reversed(art.tokens[: art.token_at(pos).i]):
        if t.lower_ in kinds and t.i != word.i and not t.is_stop:
            name = _name_of_mention(art, t, same_word=t.lower_ == word.lower_)
            said = {x.lower_ for x in t.subtree} | set((name or "").lower().split())
            if name and all(m in said for m in modifiers):
                return name
    return None


def _name_of_mention(art: ParsedArticle, t: Token, same_word: bool) -> str | None:
    """The name a mention of a body gives it: the organisation's name it is a word of ("the
    Chamber of Mines"), a proper name it is in apposition to or names ("Aldercrest, the valve
    maker", "the valve maker Aldercrest"), or the nouns that qualify it ("the budget
    committee")."""
    if t.ent_type_ == "ORG" and t.text[:1].isupper():
        ent = next((e for e in art.ents if e.start <= t.i < e.end), None)
        if ent is not None:
            name = re.sub(r"^the\s+", "", art.dehyphen(squash(ent.text)), flags=re.I)
            name = re.sub(r"\s*\($", "", name)  # "Committee for Products (" cut in its brackets
            return name if name.lower() not in OUTLETS else None
    if not t.text.islower():
        return None
    linked = [c for c in t.children if c.dep_ == "appos"]
    if t.dep_ in {"appos", "compound"} and t.head.i != t.i:
        linked.append(t.head)
    if t.i + 1 < len(art.tokens):
        linked.append(art.tokens[t.i + 1])  # "the valve maker Aldercrest", however parsed

    def proper(x: Token) -> bool:
        return coarse_pos(x) == "PROPN" and x.text[:1].isupper() and x.ent_type_ in _NAMES

    for c in linked:
        if not proper(c):
            continue
        first, last = c.i, c.i
        while first - 1 > (t.i if c.i > t.i else -1) and proper(art.tokens[first - 1]):
            first -= 1
        while last + 1 < len(art.tokens) and proper(art.tokens[last + 1]):
            last += 1
        name = art.dehyphen(squash(art.doc[first : last + 1].text))
        return name if name.lower() not in OUTLETS else None
    if same_word and t.dep_ != "compound":
        nouns = [c for c in t.children if c.dep_ == "compound" and c.i < t.i and c.is_lower]
        if nouns:
            return art.dehyphen(squash(art.doc[nouns[0].i : t.i + 1].text))
    return None


def _body_told_of(art: ParsedArticle, speaker: Token) -> str | None:
    """The body a sentence tells of before its speaker's possessive ("its press service"):
    the subject whose head names a kind of body ("the regional investigative department")."""
    sent = speaker.sent
    for t in sent:
        if t.i >= speaker.i:
            break
        if (
            t.dep_ in {"nsubj", "nsubjpass"}
            and t.lower_ in SOURCE_HEADS
            and t.lower_ not in PERSON_HEADS
            and t.tag_ in {"NN", "NNP"}
        ):
            words = [x for x in t.subtree if x.i <= t.i and x.tag_ not in {"DT", "PRP$"}]
            return art.dehyphen(art.span_text(words)) or None
    return None


def salient_organisation(art: ParsedArticle, pos: int, kind: str | None = None) -> str | None:
    """The organisation named most often before `pos` (its acronym counted with it), the
    latest named among equals; not a news outlet. Of a `kind` ("ministry"), only one whose
    name says it is, else the ministry of the minister named last ("the ministry" after
    "Health Minister Ana Ruiz"), else the kind itself: "the ministry" is not the agency."""
    counts: dict[str, int] = {}
    last_seen: dict[str, int] = {}
    longest: dict[str, str] = {}
    for ent in art.ents:
        if ent.start_char >= pos:
            break
        if ent.label_ != "ORG":
            continue
        text = re.sub(r"^the\s+", "", art.dehyphen(squash(ent.text)), flags=re.I)
        if text.lower() in OUTLETS or (art.article.outlet and text == art.article.outlet):
            continue
        key = (art.acronym_of(text) if text.isupper() else None) or text
        key = " ".join(w for w in key.lower().split() if w not in {"of", "the", "and", "for"})
        if kind is not None and kind not in key.split():
            continue
        counts[key] = counts.get(key, 0) + 1
        last_seen[key] = ent.start_char
        if len(text) > len(longest.get(key, "")):
            longest[key] = text
    if not counts:
        return None if kind is None else _body_of_office(art, pos, kind) or kind
    best = max(counts, key=lambda k: (counts[k], last_seen[k]))
    return longest[best]


def _body_of_office(art: ParsedArticle, pos: int, kind: str) -> str | None:
    """ "Health Ministry" for "the ministry" after "Health Minister Ana Ruiz": the body headed
    by the holder of the office named last before `pos`, its field kept."""
    office = KINDS_IN_NAME.get(kind)
    best: tuple[int, str] | None = None
    for known in art.people.values():
        role = known.person.role or ""
        words = role.split()
        before = [p for p in known.positions if p < pos]
        if not before or office not in [w.lower() for w in words]:
            continue
        field = [w for w in words[: [w.lower() for w in words].index(office)] if w[:1].isupper()]
        field = [w for w in field if party_of(w) is None and w.lower() not in TITLE_WORDS]
        if field and (best is None or before[-1] > best[0]):
            best = (before[-1], f"{' '.join(field)} {kind.capitalize()}")
    return best[1] if best else None


def organisation_before(art: ParsedArticle, pos: int, kind: str | None = None) -> str | None:
    """The international organisation most recently named before `pos` ("the alliance"); else
    the organisation named last, whose name says it is of the `kind` when one is given ("the
    union": the transport union, not the ministry named since)."""
    best: str | None = None
    for ent in art.ents:
        if ent.start_char >= pos:
            break
        if ent.label_ in {"ORG", "GPE", "NORP"} and pos - ent.start_char <= 1500:
            found = [p for p in parties_in(art.dehyphen(ent.text)) if is_organisation(p)]
            best = found[-1] if found else best
    if best is not None:
        return best
    owner = owner_before(art, pos)
    if kind is not None and owner is not None and kind not in owner.lower().split():
        return None
    return owner


def owner_before(art: ParsedArticle, pos: int) -> str | None:
    """The organisation most recently named before `pos` (not a news outlet)."""
    best: str | None = None
    for ent in art.ents:
        if ent.start_char >= pos:
            break
        if ent.label_ not in {"ORG", "GPE"} or pos - ent.start_char > 600:
            continue
        text = art.dehyphen(squash(ent.text))
        if text.lower() in OUTLETS or (art.article.outlet and text == art.article.outlet):
            continue
        party = party_of(text)
        if is_organisation(party) or ent.label_ == "ORG":
            best = party or re.sub(r"^the\s+", "", text, flags=re.I)
    return best


def is_person(person: Person) -> bool:
    return (
        len(person.name.split()) >= 2
        and _surname(person.name.split()[-1])[:1].isupper()
        and (party_of(person.name) is None and "service" not in person.name.lower())
    )
