"""The rules' words, loaded once from data/: verbs, offices, outlets, cues, parties."""

from __future__ import annotations

import json
import re
from importlib import resources
from typing import Any

from summarizer.backends.offline.text import squash
from summarizer.knowledge.aliases import entities, news_agencies
from summarizer.knowledge.countries import countries, seats
from summarizer.knowledge.names import particles


def _load(name: str) -> dict[str, Any]:
    text = resources.files(__package__).joinpath("data", name).read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


_REPORTING = _load("reporting_verbs.json")
_OFFICES = _load("offices.json")
_MEDIA = _load("media.json")
_MEETINGS = _load("meetings.json")
_PROPOSALS = _load("proposals.json")

# Reporting verbs: every inflected form mapped to its base.
REPORTING_VERBS: dict[str, str] = {
    form: base for base, forms in _REPORTING["verbs"].items() for form in forms
}
# Verbs that report speech only with a following particle or preposition.
NEEDS_PARTICLE: dict[str, frozenset[str]] = {
    base: frozenset(words) for base, words in _REPORTING["needs_particle"].items()
}
# What a denial speaks of: "denies the charges" (not "denied them entry").
DENIED_OBJECTS = frozenset(_REPORTING["denied_objects"])
# Verbs by which a person commits to a deed: "promised to propose an amendment".
COMMISSIVE_VERBS = frozenset(_REPORTING["commissive"])
# Verbs whose noun object, not only a clause, can be what was said ("confirmed its intention").
OBJECT_REPORTING = frozenset(_REPORTING["object_reporting"])
# Verbs that tell someone to do something ("instructed the ministry to act").
DIRECTIVE_VERBS = frozenset(_REPORTING["directive"])
# Verbs that report only with an active subject: "analysts expect"; "X is expected to" does not.
ACTIVE_ONLY_VERBS = frozenset(_REPORTING["active_only"])
# Verbs that report speech only with a person as their subject: "he asked them to act".
PERSON_ONLY_VERBS = frozenset(_REPORTING["person_only"])
# Verbs that report speech only with a clause opened by "that": "considered that …".
THAT_ONLY_VERBS = frozenset(_REPORTING["needs_that"])
# Verbs that state an estimate, with the word before its figure: "put the cost at $2bn".
ESTIMATING_VERBS: dict[str, str] = _REPORTING["estimating"]
DOCUMENT_NOUNS = frozenset(_REPORTING["document_nouns"])
# Where words were said: "said in an interview that …".
CHANNEL_NOUNS = frozenset(_REPORTING["channel_nouns"])
# Verbs that put words in someone's mouth without reporting speech: 'described it as "…"'.
CHARACTERISING_VERBS = frozenset(_REPORTING["characterising_verbs"])
# Plural nouns that are not people speaking ("figures showed", "reports said").
NOT_SPEAKERS = frozenset(_REPORTING["not_speakers"])

TITLE_WORDS = frozenset(_OFFICES["title_words"])
# "the news agency", "the state wire": words that make a source an outlet retelling.
OUTLET_WORDS = frozenset(_OFFICES["outlet_words"])
PERSON_HEADS = frozenset(_OFFICES["person_heads"])
SOURCE_HEADS = frozenset(_OFFICES["source_heads"])
# "The alliance said": a body named earlier, by its kind.
ANAPHORIC_BODIES = frozenset(_OFFICES["anaphoric_bodies"])
# "The company said": an organisation named earlier, by its kind.
ANAPHORIC_ORGANISATIONS = frozenset(_OFFICES["anaphoric_organisations"])
# "The company said" of "the valve maker Aldercrest": words for a business named earlier.
BUSINESS_NOUNS = frozenset(_OFFICES["business_nouns"])
# "The ministry said": a body of that kind only, its name saying so; and the office heading it.
KINDS_IN_NAME: dict[str, str] = _OFFICES["kinds_in_name"]
NAME_PARTICLES = particles()
# "Abdulaziz bin Salman" is "Abdulaziz" for short: the name before one of these.
PATRONYMIC_PARTICLES = frozenset(_OFFICES["patronymic_particles"])
LEADER_SYNONYMS: dict[str, tuple[str, ...]] = {
    k: tuple(v) for k, v in _OFFICES["leader_synonyms"].items()
}

# News agencies and outlets: they retell, they are not sources.
OUTLETS = frozenset(name.lower() for name in news_agencies())
SOCIAL_NETWORKS: dict[str, str] = _MEDIA["social_networks"]

EVENT_KINDS: dict[str, str] = _MEETINGS["event_kinds"]
# "The next round": an event only where the article already speaks of one of its kind.
ELLIPTIC_KINDS: dict[str, str] = _MEETINGS["elliptic_kinds"]
MEETING_VERBS = frozenset(_MEETINGS["meeting_verbs"])
# What a body does when it sits: "the committee voted on Tuesday" tells of its meeting.
DECISION_VERBS = frozenset(_MEETINGS["decision_verbs"])
DECISION_NOUNS = frozenset(_MEETINGS["decision_nouns"])
# "The house will hold the final vote on Friday": a body's business, a sitting when it is held.
SITTING_NOUNS = frozenset(_MEETINGS["sitting_nouns"])
# "A trading session": not a meeting.
NOT_MEETING_MODIFIERS = frozenset(_MEETINGS["not_meeting_modifiers"])
# "The budget cleared the lower house on Friday": the body the bill went through sat.
PASSAGE_VERBS = frozenset(_MEETINGS["passage_verbs"])
# Speaking to or before a body on a day: "told the finance committee on Thursday".
ADDRESS_VERBS = frozenset(_MEETINGS["address_verbs"])
# "They will meet again next week", "their previous meeting": one more meeting.
ANOTHER_CUES = frozenset(_MEETINGS["another_cues"])
# "The two leaders spoke by phone": a call.
CALL_VERBS = frozenset(_MEETINGS["call_verbs"])
CALL_NOUNS = frozenset(_MEETINGS["call_nouns"])
MEET_VERBS = frozenset(_MEETINGS["meet_verbs"])
HOLD_VERBS = frozenset(_MEETINGS["hold_verbs"])
BODY_WORDS = frozenset(_MEETINGS["body_words"])
PROPOSE_CUES = frozenset(_MEETINGS["propose_cues"])
FUTURE_CUES = frozenset(_MEETINGS["future_cues"])
# "esp.", "incl.": short forms; no agenda item ends in one.
ABBREVIATIONS = frozenset(_MEETINGS["abbreviations"])
# "Rejected it within days": how long, not when.
DURATION_UNITS = frozenset(_MEETINGS["duration_units"])
# "A debate could be held on Thursday": what may happen is still to come.
MODAL_CUES = frozenset(_MEETINGS["modal_cues"])
AGENDA_VERBS = frozenset(_MEETINGS["agenda_verbs"])
# Nouns that name a topic only with their complement: "the situation (in and around X)".
COMPLEMENT_NOUNS = frozenset(_MEETINGS["complement_nouns"])
# "The foreign ministers of four nations agreed on Monday": several actors deciding together.
GROUP_HEADS = frozenset(_MEETINGS["group_heads"])
# "A deal reached in Abuja on Thursday": where an agreement was concluded, its parties met.
AGREEMENT_NOUNS = frozenset(_MEETINGS["agreement_nouns"])
CONCLUDING_VERBS = frozenset(_MEETINGS["concluding_verbs"])
# "A news conference", "a press briefing": someone speaking to reporters.
PRESS_NOUNS = frozenset(_MEETINGS["press_nouns"])
PRESS_MODIFIERS = frozenset(_MEETINGS["press_modifiers"])
# "The forum will take it up on Friday": an agenda verb with its particle.
AGENDA_PARTICLES: dict[str, str] = _MEETINGS["agenda_particles"]
# "The court struck down the law on Friday": a decision verb with its particle.
DECISION_PARTICLES: dict[str, str] = _MEETINGS["decision_particles"]
# "The court will sit again on May 5": a body sitting.
SIT_VERBS = frozenset(_MEETINGS["sit_verbs"])
# "Adjourned the hearing until October 22": the meeting resumes on that day.
ADJOURN_VERBS = frozenset(_MEETINGS["adjourn_verbs"])
# "A judgment delivered on Thursday": the court that gave it sat that day.
JUDGMENT_NOUNS = frozenset(_MEETINGS["judgment_nouns"])
DELIVERY_VERBS = frozenset(_MEETINGS["delivery_verbs"])
# "The vote is scheduled for Thursday", "the vote will take place on Friday": a sitting.
SCHEDULE_VERBS = frozenset(_MEETINGS["schedule_verbs"])
PLACE_NOUNS = frozenset(_MEETINGS["place_nouns"])
# A meeting of several days or nights told by its close: "closed at 4am", "a plenary that
# overran"; its start told otherwise: "which began on November 2".
START_VERBS = frozenset(_MEETINGS["start_verbs"])
CLOSE_VERBS = frozenset(_MEETINGS["close_verbs"])
OVERRUN_VERBS = frozenset(_MEETINGS["overrun_verbs"])
# "The presidency of the Council": an office, no sitting.
OFFICE_NOUNS = frozenset(_MEETINGS["office_nouns"])
# "Talks hosted by the African Union": the host names the meeting.
HOST_PARTICIPLES = frozenset(_MEETINGS["host_participles"])
# "The draft will be put to a vote on Friday."
PUTTING_VERBS = frozenset(_MEETINGS["putting_verbs"])
# "The presidential vote": an election, not a body's sitting; "the vote on the draft": a body's.
ELECTION_MODIFIERS = frozenset(_MEETINGS["election_modifiers"])
VOTED_DOCUMENTS = frozenset(_MEETINGS["voted_documents"])
# "The third round of talks": a meeting counted in its series; another count is another one.
COUNT_NOUNS = frozenset(_MEETINGS["count_nouns"])
# "Last week", "two weeks ago": a date phrase that says when only roughly.
PERIOD_WORDS = frozenset(_MEETINGS["period_words"])
# "Convened a crisis cabinet": calling a body together is its meeting.
CONVENE_VERBS = frozenset(_MEETINGS["convene_verbs"])
# "Will meet the operators of the mines": people one meets (not "met resistance").
PEOPLE_MET = frozenset(_MEETINGS["people_met"])
# "The annual general meeting": the shareholders' sitting, though no body is named.
KIND_BODIES: dict[str, str] = _MEETINGS["kind_bodies"]

PROPOSAL_NOUNS = frozenset(_PROPOSALS["nouns"])
PRESENT_VERBS = frozenset(_PROPOSALS["present_verbs"])
DEMAND_VERBS = frozenset(_PROPOSALS["demand_verbs"])
DEMAND_CUES = tuple(re.compile(p, re.I) for p in _PROPOSALS["demand_cues"])
TITLE_RANK: dict[str, int] = _PROPOSALS["title_rank"]
# "Will ask for a re-examination", "voted to recommend a commission of inquiry": what one asks
# for is one's proposal; the preposition the verb needs before it ("" when it takes an object).
ASKING_VERBS: dict[str, str] = _PROPOSALS["asking_verbs"]
FILED_PROPOSALS = frozenset(_PROPOSALS["asking_objects_of_filing"])

# Countries, international organisations and regions under the spellings news uses for them:
# summarizer.knowledge's aliases, extended by a general gazetteer of the rest of the world in
# data/*.txt (which repeats none of their spellings). Bodies (councils) are found in the article.


def _key(text: str) -> str:
    """A name folded for lookup: lower case, letters and full stops, single spaces."""
    return " ".join(re.sub(r"[^a-z.]+", " ", text.lower()).split())


def _table(name: str) -> list[list[str]]:
    rows = []
    text = resources.files(__package__).joinpath("data", name).read_text("utf-8")
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append([cell.strip() for cell in line.split("|")])
    return rows


def _gazetteer() -> tuple[dict[str, str], dict[str, str], frozenset[str]]:
    """Spelling -> canonical name; canonical name -> kind; the names of countries and regions
    themselves (as opposed to their capitals and seats of government)."""
    names: dict[str, str] = {}
    kinds: dict[str, str] = {}
    proper: set[str] = set()
    country_names = {c.name: c.other_names for c in countries()}
    for entity in entities():
        if entity.kind == "body":
            continue
        kinds.setdefault(entity.name, entity.kind)
        proper.add(_key(entity.name))
        if entity.kind == "country":
            proper.update(_key(n) for n in country_names.get(entity.name, ()))
        for spelling in (entity.name, *entity.spellings):
            if not spelling.islower():  # "the alliance" is an anaphor, read in the article
                names.setdefault(_key(spelling), entity.name)
    for listed in countries():
        # a capital stands for its government in a party list ("Moscow and Washington"), but
        # is not the country's own name
        for capital in listed.capitals:
            names.setdefault(_key(capital), listed.name)
    for file, kind in (("organisations.txt", "organization"), ("regions.txt", "region")):
        for row in _table(file):
            canonical, cells = row[0], row[1:]
            kinds.setdefault(canonical, kind)
            proper.add(_key(canonical))
            proper.update(_key(n) for n in (cells[0] if cells else "").split(",") if n.strip())
            for cell in [canonical, *cells]:
                for name in filter(None, (n.strip() for n in cell.split(","))):
                    names.setdefault(_key(name), canonical)
    for seat, country in seats().items():
        names.setdefault(_key(seat), country)
    return names, kinds, frozenset(proper)


PARTIES, PARTY_KINDS, PROPER_NAMES = _gazetteer()
PARTY_PATTERN = re.compile(
    r"(?<= )("
    + "|".join(
        re.escape(k)
        for k in sorted(PARTIES, key=len, reverse=True)
        if PARTY_KINDS.get(PARTIES[k]) != "region"
    )
    + r")(?= )"
)


def is_region(party: str | None) -> bool:
    """Europe, Central Asia: places, never parties to a meeting or proposal."""
    return PARTY_KINDS.get(party or "") == "region"


def is_organisation(party: str | None) -> bool:
    return PARTY_KINDS.get(party or "") == "organization"


def names_a_country(text: str) -> bool:
    """The words are a country's or region's own name ("Poland"), not its capital ("Warsaw")."""
    party = party_of(text)
    return PARTY_KINDS.get(party or "") in {"country", "region"} and _key(text) in PROPER_NAMES


def party_of(text: str) -> str | None:
    """The country, organisation or region a name or adjective stands for, if any."""
    key = re.sub(r"[\u2019']s$", "", squash(text).strip(" ,"))
    key = _key(re.sub(r"^[Tt]he\s+", "", key))
    return PARTIES.get(key) or PARTIES.get(key.rstrip("."))


def parties_in(text: str) -> list[str]:
    """Every country or organisation named in a phrase, in order, once each."""
    found: list[str] = []
    lowered = " " + re.sub(r"[^a-z.]+", " ", text.lower()) + " "
    for m in PARTY_PATTERN.finditer(lowered):
        value = PARTIES[m[1]]
        if value not in found:
            found.append(value)
    return found
