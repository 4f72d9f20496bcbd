"""The records: per-article extractions, ingested articles and the consensus record."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    JsonValue,
    field_validator,
    model_validator,
)

from summarizer.knowledge.calendar import month_number

SCHEMA_VERSION = "1.1"

MeetingFormat = Literal["in_person", "virtual", "phone", "unknown"]
MeetingStatus = Literal["proposed", "scheduled", "held", "cancelled", "unknown"]
ProposalStatus = Literal["proposed", "under_discussion", "accepted", "rejected", "unknown"]
MatchKind = Literal["exact", "normalized", "fuzzy"]
QuantityQualifier = Literal["exact", "about", "more_than", "at_least", "less_than", "at_most"]

_ISO = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")
_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)\.?,?\s+(\d{4})$")
_MONTH_DAY_YEAR = re.compile(r"^([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$")
_MONTH_YEAR = re.compile(r"^([a-z]+)\.?,?\s+(\d{4})$")
_SLASHED = re.compile(r"^(\d{4})[/.](\d{1,2})[/.](\d{1,2})$")


def _iso(year: int, month: int | None = None, day: int | None = None) -> str:
    if month is None:
        if not 1 <= year <= 9999:
            raise ValueError(f"year {year} is out of range")
        return f"{year:04d}"
    if day is None:
        if not 1 <= month <= 12:
            raise ValueError(f"month {month} does not exist")
        return f"{year:04d}-{month:02d}"
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError as e:
        raise ValueError(f"{year:04d}-{month:02d}-{day:02d} is not a real date ({e})") from e


def normalize_date(value: object) -> str | None:
    """Return an ISO date (`YYYY-MM-DD`, or `YYYY-MM` / `YYYY` when only that is known).

    Accepts the spellings a model commonly produces ("January 12, 2022", "12 January 2022",
    "2022/01/12", a full ISO datetime) and raises ValueError for anything that is not a real
    calendar date, so that the model is asked again with the reason.
    """
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if not isinstance(value, str):
        raise ValueError("a date must be a string in ISO format YYYY-MM-DD, or null")
    text = value.strip()
    if not text or text.lower() in {"null", "none", "unknown", "n/a"}:
        return None
    if "T" in text and _ISO.match(text.split("T", 1)[0]):
        text = text.split("T", 1)[0]
    lowered = text.lower()
    if m := _ISO.match(lowered):
        year, month, day = m.groups()
        return _iso(int(year), int(month) if month else None, int(day) if day else None)
    if m := _SLASHED.match(lowered):
        return _iso(int(m[1]), int(m[2]), int(m[3]))
    if (m := _DAY_MONTH_YEAR.match(lowered)) and (month := month_number(m[2])):
        return _iso(int(m[3]), month, int(m[1]))
    if (m := _MONTH_DAY_YEAR.match(lowered)) and (month := month_number(m[1])):
        return _iso(int(m[3]), month, int(m[2]))
    if (m := _MONTH_YEAR.match(lowered)) and (month := month_number(m[1])):
        return _iso(int(m[2]), month)
    raise ValueError(
        f"{value!r} is not an ISO date: write YYYY-MM-DD (resolved against the article's date), "
        "or null when the article gives no date"
    )


def _enum_token(value: object) -> object:
    if isinstance(value, str):
        return re.sub(r"[\s\-]+", "_", value.strip().lower())
    return value


_FORMAT_SYNONYMS = {
    "in_person": "in_person",
    "inperson": "in_person",
    "face_to_face": "in_person",
    "physical": "in_person",
    "offline": "in_person",
    "virtual": "virtual",
    "online": "virtual",
    "video": "virtual",
    "videoconference": "virtual",
    "video_conference": "virtual",
    "remote": "virtual",
    "phone": "phone",
    "telephone": "phone",
    "phone_call": "phone",
    "call": "phone",
    "unknown": "unknown",
    "": "unknown",
}
_MEETING_STATUS_SYNONYMS = {
    "proposed": "proposed",
    "planned": "scheduled",
    "scheduled": "scheduled",
    "upcoming": "scheduled",
    "confirmed": "scheduled",
    "held": "held",
    "took_place": "held",
    "completed": "held",
    "happened": "held",
    "cancelled": "cancelled",
    "canceled": "cancelled",
    "unknown": "unknown",
    "": "unknown",
}
_PROPOSAL_STATUS_SYNONYMS = {
    "proposed": "proposed",
    "presented": "proposed",
    "submitted": "proposed",
    "under_discussion": "under_discussion",
    "under_consideration": "under_discussion",
    "being_considered": "under_discussion",
    "discussed": "under_discussion",
    "accepted": "accepted",
    "agreed": "accepted",
    "rejected": "rejected",
    "declined": "rejected",
    "unknown": "unknown",
    "": "unknown",
}


def _synonym(table: dict[str, str], missing: str = "unknown") -> Any:
    def convert(value: object) -> object:
        if value is None:
            return missing
        token = _enum_token(value)
        if isinstance(token, str) and token in table:
            return table[token]
        return token

    return convert


_QUALIFIER_SYNONYMS = {
    "exact": "exact",
    "exactly": "exact",
    "": "exact",
    "about": "about",
    "approximately": "about",
    "approx": "about",
    "around": "about",
    "roughly": "about",
    "nearly": "about",
    "almost": "about",
    "some": "about",
    "estimated": "about",
    "more_than": "more_than",
    "over": "more_than",
    "above": "more_than",
    "greater_than": "more_than",
    "at_least": "at_least",
    "minimum": "at_least",
    "no_fewer_than": "at_least",
    "no_less_than": "at_least",
    "less_than": "less_than",
    "under": "less_than",
    "below": "less_than",
    "fewer_than": "less_than",
    "at_most": "at_most",
    "up_to": "at_most",
    "maximum": "at_most",
    "no_more_than": "at_most",
}


def _blank_to_none(value: object) -> object:
    if isinstance(value, str) and (
        not value.strip() or value.strip().lower() in {"null", "none", "n/a", "unknown"}
    ):
        return None
    return value


def _clean_list(value: object) -> object:
    if value is None:
        return []
    if isinstance(value, list):
        return [v for v in value if not (isinstance(v, str) and not v.strip())]
    return value


# Years a news event can plausibly carry; anything else is a misreading, and the model is asked
# again. A claim may state a fact of history ("the bronzes were taken in 1897", "a border drawn
# in 1924"), so its dates reach further back.
YEARS = range(1900, 2101)
HISTORY_YEARS = range(1000, 2101)


def _year_within(years: range, what: str) -> Callable[[str | None], str | None]:
    def check(value: str | None) -> str | None:
        if value is not None and int(value[:4]) not in years:
            raise ValueError(
                f"{value} is not a plausible date for {what} (years {years.start}-"
                f"{years.stop - 1}); give the date the article means, resolved against its date, "
                "or null"
            )
        return value

    return check


_plausible_year = _year_within(YEARS, "a news event")


# Control characters (and the invisible bidirectional overrides) carry no meaning in a name or a
# value: they are removed, tabs and line breaks becoming spaces.
_CONTROL = {
    code: (" " if code in (9, 10, 13) else None)
    for code in [*range(0x20), *range(0x7F, 0xA0), *range(0x202A, 0x202F), *range(0x2066, 0x206A)]
}


def strip_controls(value: object) -> object:
    """Remove control characters from every string of a model's answer, except its quotes
    (quotes are matched verbatim against the article, so they stay as given)."""
    if isinstance(value, str):
        return value.translate(_CONTROL)
    if isinstance(value, list):
        return [strip_controls(v) for v in value]
    if isinstance(value, dict):
        return {k: (v if k == "quotes" else strip_controls(v)) for k, v in value.items()}
    return value


IsoDate = Annotated[str | None, BeforeValidator(normalize_date), AfterValidator(_plausible_year)]
HistoricIsoDate = Annotated[
    str | None,
    BeforeValidator(normalize_date),
    AfterValidator(_year_within(HISTORY_YEARS, "a stated fact")),
]
OptionalText = Annotated[str | None, BeforeValidator(_blank_to_none)]
TextList = Annotated[list[str], BeforeValidator(_clean_list)]


class Record(BaseModel):
    """Base of every record: unknown fields are an error, not silently kept."""

    model_config = ConfigDict(extra="forbid", json_schema_serialization_defaults_required=True)


QUOTES_DESCRIPTION = (
    "Verbatim passages copied character for character from the article that support this "
    "record: whole sentences or clauses, one to three of them. Never paraphrase, translate, "
    "shorten with '...' or fix spelling inside a quote; every record needs at least one."
)


class ModelRecord(Record):
    """A record the model fills: control characters are stripped from its names and values."""

    @model_validator(mode="before")
    @classmethod
    def _strip_controls(cls, data: Any) -> Any:
        return strip_controls(data)


class Person(ModelRecord):
    """A named person as the article presents them."""

    name: str = Field(
        description="The person's name exactly as the article spells it, without the title "
        "(e.g. 'Jens Stoltenberg', 'Yury Ushakov'). When the article gives only an office "
        "(e.g. 'a NATO official'), use that office as the name."
    )
    role: OptionalText = Field(
        default=None,
        description="Their office as the article words it (e.g. 'Secretary General', "
        "'Deputy Foreign Minister', 'Kremlin aide'), or null.",
    )
    organization: OptionalText = Field(
        default=None,
        description="The organisation or country they act for (e.g. 'NATO', 'Russian Foreign "
        "Ministry', 'Kremlin'), or null.",
    )

    @field_validator("name")
    @classmethod
    def _name_not_blank(cls, value: str) -> str:
        value = " ".join(value.split())
        if not value:
            raise ValueError("a person needs a name; use the office when no name is given")
        return value


class Meeting(ModelRecord):
    """A meeting, talks, call or conference the article reports, past or planned."""

    name: str = Field(
        description="What the meeting is called in the article (e.g. 'NATO-Russia Council "
        "meeting', 'Russian-US talks on security guarantees', 'phone conversation')."
    )
    date: IsoDate = Field(
        default=None,
        description="Start date as ISO YYYY-MM-DD, with relative dates ('on Wednesday', "
        "'January 12') resolved against the article's publication date; null if not given.",
    )
    end_date: IsoDate = Field(
        default=None,
        description="Last day as ISO YYYY-MM-DD when the meeting spans several days "
        "(e.g. 'January 12-13'); otherwise null.",
    )
    time: OptionalText = Field(
        default=None,
        description="Start time exactly as written (e.g. '09:00 GMT'), or null.",
    )
    location: OptionalText = Field(
        default=None,
        description="City or venue (e.g. 'Brussels', 'Geneva'), or null; null for phone calls "
        "and virtual meetings unless a place is named.",
    )
    format: MeetingFormat = Field(
        default="unknown",
        description="'in_person', 'virtual' (video conference), 'phone', or 'unknown'.",
    )
    status: MeetingStatus = Field(
        default="unknown",
        description="As of the article's date: 'proposed' (suggested, not agreed), 'scheduled' "
        "(agreed, still to come), 'held' (took place), 'cancelled', or 'unknown'.",
    )
    chair: Person | None = Field(
        default=None, description="Who chairs or convenes the meeting, when the article says."
    )
    participants: list[Person] = Field(
        default_factory=list,
        description="Named people taking part, heads of delegation included. Do not list "
        "people who only comment on the meeting.",
    )
    parties: TextList = Field(
        default_factory=list,
        description="Organisations or countries taking part (e.g. 'NATO', 'Russia', 'United "
        "States'), one each.",
    )
    agenda: TextList = Field(
        default_factory=list,
        description="Topics to be discussed, a few words each (e.g. 'European security', "
        "'situation in and around Ukraine').",
    )
    quotes: TextList = Field(default_factory=list, description=QUOTES_DESCRIPTION)

    _format = field_validator("format", mode="before")(_synonym(_FORMAT_SYNONYMS))
    _status = field_validator("status", mode="before")(_synonym(_MEETING_STATUS_SYNONYMS))

    @field_validator("name")
    @classmethod
    def _name_not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("a meeting needs a name, e.g. 'NATO-Russia Council meeting'")
        return value.strip()

    @model_validator(mode="after")
    def _ends_after_it_starts(self) -> Meeting:
        if self.date and self.end_date:
            size = min(len(self.date), len(self.end_date))
            if self.end_date[:size] < self.date[:size]:
                raise ValueError(
                    f"end_date {self.end_date} is before date {self.date}; give the first day "
                    "as date and the last as end_date, or end_date null"
                )
        return self


class Proposal(ModelRecord):
    """A proposal, initiative, draft agreement or set of demands put to another party."""

    title: str = Field(
        description="A short title (e.g. 'Draft agreements on security guarantees')."
    )
    proposer: str = Field(
        description="Who made the proposal: a country, organisation or person (e.g. 'Russia')."
    )
    addressees: TextList = Field(
        default_factory=list,
        description="To whom it is addressed (e.g. 'United States', 'NATO'), one each.",
    )
    date: IsoDate = Field(
        default=None,
        description="When it was presented or published, ISO YYYY-MM-DD resolved against the "
        "article's date; null if not given.",
    )
    demands: TextList = Field(
        default_factory=list,
        description="What it asks for, one short clause each (e.g. 'no further NATO expansion "
        "eastward').",
    )
    status: ProposalStatus = Field(
        default="unknown",
        description="As of the article's date: 'proposed', 'under_discussion', 'accepted', "
        "'rejected', or 'unknown'.",
    )
    quotes: TextList = Field(default_factory=list, description=QUOTES_DESCRIPTION)

    _status = field_validator("status", mode="before")(_synonym(_PROPOSAL_STATUS_SYNONYMS))


class Statement(ModelRecord):
    """Something a named person or body said, quoted directly or reported."""

    speaker: Person = Field(description="Who said it.")
    content: str = Field(
        description="What was said. When direct is true: the quoted words exactly as printed, "
        "without the surrounding quote marks. Otherwise a faithful one-sentence paraphrase."
    )
    direct: bool = Field(
        default=False,
        description="True only when the article prints the speaker's own words inside "
        "quotation marks; false for reported speech.",
    )
    date: IsoDate = Field(
        default=None,
        description="When it was said, ISO YYYY-MM-DD resolved against the article's date "
        "('on Tuesday'); null if not given.",
    )
    channel: OptionalText = Field(
        default=None,
        description="How it was said, when given: e.g. 'Twitter', 'press service', 'told "
        "journalists', 'told TASS', 'statement'.",
    )
    about: OptionalText = Field(
        default=None,
        description="The name of the meeting or the title of the proposal it concerns, as used "
        "in this extraction, or null.",
    )
    quotes: TextList = Field(default_factory=list, description=QUOTES_DESCRIPTION)

    @field_validator("content")
    @classmethod
    def _content_not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("a statement needs its content")
        return value.strip()


class Quantity(ModelRecord):
    """A figure as a number, its unit and how exact the article says it is."""

    amount: float = Field(
        description="The figure as a plain number, scale words multiplied out: 'two million' "
        "-> 2000000, '2.5m' -> 2500000, 'a dozen' -> 12, 'seven and a half' -> 7.5, "
        "'4.6%' -> 4.6."
    )
    unit: OptionalText = Field(
        default=None,
        description="What is counted or measured, singular and short (e.g. 'barrel per day', "
        "'hour', 'country', 'person', 'percent', 'coach', 'USD'), or null for a bare count.",
    )
    qualifier: QuantityQualifier = Field(
        default="exact",
        description="How the article bounds the figure: 'exact' (no qualifier), 'about' "
        "('about', 'approximately', 'nearly', 'around'), 'more_than' ('more than', 'over'), "
        "'at_least' ('at least', 'no fewer than'), 'less_than' ('less than', 'under'), "
        "'at_most' ('up to', 'at most').",
    )

    _qualifier = field_validator("qualifier", mode="before")(_synonym(_QUALIFIER_SYNONYMS, "exact"))


class Claim(ModelRecord):
    """One checkable fact that another report of the same event could contradict."""

    about: str = Field(
        description="The meeting, proposal, person or thing the fact concerns, named so that "
        "another report of the same fact would name it alike: use the meeting's name or the "
        "proposal's title as in this extraction when it concerns one (e.g. 'OPEC+ ministerial "
        "meeting of 5 October 2022', 'train derailment near Halden', 'Jens Stoltenberg')."
    )
    attribute: str = Field(
        description="Which property of it the fact gives, in a few plain words, without the "
        "value itself (e.g. 'number of non-OPEC members', 'size of the production cut', "
        "'duration of the talks', 'death toll', 'month of the previous record cut', 'start "
        "time', 'location')."
    )
    value: str = Field(
        description="The value exactly as the article words it (e.g. '11 non-members', 'more "
        "than seven hours', 'April 2020', '08.55', 'in Geneva')."
    )
    quantity: Quantity | None = Field(
        default=None,
        description="When the value is a figure (a count, amount, share, duration): the figure "
        "as a number with its unit and qualifier; otherwise null.",
    )
    date: HistoricIsoDate = Field(
        default=None,
        description="When the value is a date or a month: ISO 'YYYY-MM-DD', 'YYYY-MM' or "
        "'YYYY', with no more precision than the article gives ('April 2020' -> '2020-04'), "
        "relative dates resolved against the article's date; otherwise null.",
    )
    attributed_to: OptionalText = Field(
        default=None,
        description="Who the article says asserts the fact (e.g. 'police', 'the railway "
        "operator', 'Alexander Novak'); null when the article states it in its own voice.",
    )
    quotes: TextList = Field(default_factory=list, description=QUOTES_DESCRIPTION)

    @field_validator("about", "attribute", "value")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        value = " ".join(value.split())
        if not value:
            raise ValueError("a claim needs what it is about, its attribute and its value")
        return value


class ArticleExtraction(ModelRecord):
    """Everything one news article reports: its meetings, proposals, statements and claims."""

    headline: OptionalText = Field(default=None, description="The article's headline, or null.")
    published: IsoDate = Field(
        default=None, description="The article's own publication date, ISO YYYY-MM-DD, or null."
    )
    outlet: OptionalText = Field(
        default=None,
        description="The news outlet that published the article (e.g. 'TASS'), or null. An "
        "outlet the article only cites as a source is not its publisher.",
    )
    meetings: list[Meeting] = Field(
        default_factory=list,
        description="Every distinct meeting, talks, call or conference the article mentions, "
        "one record each however often it is mentioned.",
    )
    proposals: list[Proposal] = Field(
        default_factory=list,
        description="Every distinct proposal, draft agreement or set of demands.",
    )
    statements: list[Statement] = Field(
        default_factory=list,
        description="Every distinct statement attributed to a person or body, direct or "
        "reported, one record per utterance.",
    )
    claims: list[Claim] = Field(
        default_factory=list,
        description="Every checkable fact another report could contradict: figures, counts, "
        "amounts, shares, durations, dates and months given as values, times of day, places "
        "stated as facts. One record per fact, including facts already inside a meeting, "
        "proposal or statement.",
    )


# --- ingested articles --------------------------------------------------------------------


class Article(Record):
    """One input article: the original text, byte for byte, and what ingest detected."""

    id: str = Field(description="Stable id: the file stem, made unique within the batch.")
    path: str = Field(description="Where the article was read from ('-' for stdin).")
    text: str = Field(description="The original text; every offset points into it.")
    sha256: str = Field(description="sha256 of the text encoded as UTF-8.")
    chars: int = Field(description="Length of the text in characters.")
    published: str | None = Field(default=None, description="Detected ISO publication date.")
    outlet: str | None = Field(default=None, description="Detected outlet.")
    headline: str | None = Field(default=None, description="Detected headline.")

    @property
    def published_date(self) -> dt.date | None:
        """The publication date as a date; None when unknown or unreadable."""
        if not self.published:
            return None
        try:
            return dt.date.fromisoformat(self.published[:10])
        except ValueError:
            return None


# --- grounding ----------------------------------------------------------------------------


class Span(Record):
    """A half-open character interval [start, end) of one source's original text."""

    source: str = Field(description="Id of the source the span points into.")
    start: int = Field(ge=0, description="Offset of the first character.")
    end: int = Field(ge=0, description="Offset one past the last character.")
    text: str = Field(description="The source's text at [start, end).")
    match: MatchKind = Field(
        description="How the passage was found: 'exact', 'normalized' (after folding "
        "whitespace, quote marks, dashes, hyphenation and case) or 'fuzzy'."
    )


class GroundedRecord(Record):
    """Where one extracted record's passages were found in its article."""

    kind: Literal["meeting", "proposal", "statement", "claim"]
    index: int = Field(description="Position of the record in its extraction list.")
    spans: list[Span] = Field(default_factory=list, description="Aligned quotes.")
    unaligned: list[str] = Field(
        default_factory=list, description="Quotes that could not be found in the article."
    )
    content_span: Span | None = Field(
        default=None, description="For statements: where the content itself was found."
    )
    grounded: bool = Field(description="True when at least one passage aligned.")
    direct: bool | None = Field(
        default=None,
        description="For statements: the direct flag after checking the words are in the text.",
    )
    implausible: str | None = Field(
        default=None,
        description="Why the record's values cannot hold as of the article's date (e.g. a "
        "meeting reported as held but dated after publication); such a record is not grounded.",
    )


class GroundedExtraction(Record):
    """One article, its extraction, and the grounding of each record."""

    article: Article
    extraction: ArticleExtraction
    meetings: list[GroundedRecord] = Field(default_factory=list)
    proposals: list[GroundedRecord] = Field(default_factory=list)
    statements: list[GroundedRecord] = Field(default_factory=list)
    claims: list[GroundedRecord] = Field(default_factory=list)


# --- the consensus record (contract) ------------------------------------------------------


class Source(Record):
    """One input article as the consensus record cites it."""

    id: str
    path: str
    headline: str | None = None
    outlet: str | None = None
    published: str | None = None
    sha256: str
    chars: int
    duplicate_of: str | None = Field(
        default=None,
        description="Id of an earlier source this one is a near-copy of; a copy does not count "
        "as independent confirmation.",
    )
    grounded: int = Field(default=0, description="Records of this source with aligned evidence.")
    ungrounded: int = Field(default=0, description="Records none of whose quotes aligned.")


class Alternative(Record):
    """Another value some sources gave for a field."""

    value: JsonValue
    sources: list[str] = Field(default_factory=list)


class ConsensusField(Record):
    """A fused value with the sources and words that support it."""

    value: JsonValue = Field(default=None, description="The consensus value; null if none.")
    sources: list[str] = Field(default_factory=list, description="Sources giving this value.")
    support: float = Field(
        default=0.0,
        description="Share of the entity's independent sources that agree with the value.",
    )
    evidence: list[Span] = Field(default_factory=list)
    alternatives: list[Alternative] = Field(
        default_factory=list,
        description="Other values given (spellings, earlier statuses, conflicting values).",
    )


class ConsensusPerson(Record):
    """One real person, once, across every record that names them."""

    id: str
    sources: list[str] = Field(default_factory=list)
    name: ConsensusField
    role: ConsensusField
    organization: ConsensusField
    grounded: bool = Field(
        default=True, description="False when no source's passages naming them were found."
    )


class ConsensusMeeting(Record):
    id: str
    sources: list[str] = Field(default_factory=list)
    name: ConsensusField
    date: ConsensusField
    end_date: ConsensusField
    time: ConsensusField
    location: ConsensusField
    format: ConsensusField
    status: ConsensusField
    chair: ConsensusField
    participants: list[ConsensusField] = Field(default_factory=list)
    parties: list[ConsensusField] = Field(default_factory=list)
    agenda: list[ConsensusField] = Field(default_factory=list)
    grounded: bool = Field(
        default=True, description="False when no source's passages for it were found."
    )
    implausible: list[str] = Field(
        default_factory=list,
        description="Why some source's record of it cannot hold as of that source's date (e.g. "
        "reported as held but dated after publication); such records count as ungrounded.",
    )


class ConsensusProposal(Record):
    id: str
    sources: list[str] = Field(default_factory=list)
    title: ConsensusField
    proposer: ConsensusField
    addressees: list[ConsensusField] = Field(default_factory=list)
    date: ConsensusField
    demands: list[ConsensusField] = Field(default_factory=list)
    status: ConsensusField
    grounded: bool = Field(
        default=True, description="False when no source's passages for it were found."
    )


class ConsensusStatement(Record):
    id: str
    sources: list[str] = Field(default_factory=list)
    speaker: ConsensusField
    content: ConsensusField
    direct: bool = Field(
        description="True only when a source prints the words in quotation marks and they were "
        "found in its text."
    )
    date: ConsensusField
    channel: ConsensusField
    about: str | None = Field(
        default=None,
        description="Id of the meeting or proposal it concerns (e.g. 'm1') when that could be "
        "resolved, else the name as the source wrote it.",
    )
    grounded: bool = Field(
        default=True, description="False when no source's passages for it were found."
    )


class ConsensusClaim(Record):
    """One checkable fact, once, with the value each source gives for it."""

    id: str
    sources: list[str] = Field(default_factory=list)
    about: ConsensusField = Field(
        description="What the fact concerns: a meeting or proposal id (e.g. 'm1') when that "
        "could be resolved, else the words the sources used."
    )
    attribute: ConsensusField = Field(description="Which property of it the fact gives.")
    value: ConsensusField = Field(description="The value as the sources word it.")
    quantity: ConsensusField = Field(
        description="The figure as {amount, unit, qualifier}, when the value is one."
    )
    date: ConsensusField = Field(description="The ISO date or month, when the value is one.")
    attributed_to: ConsensusField = Field(
        description="Who asserts it; every named voice is kept (alternatives), null when the "
        "sources state it in their own voice."
    )
    grounded: bool = Field(
        default=True, description="False when no source's passages for it were found."
    )


class ConflictValue(Record):
    value: JsonValue
    sources: list[str] = Field(default_factory=list)
    evidence: list[Span] = Field(default_factory=list)


class Conflict(Record):
    """Incompatible values of one attribute across sources."""

    id: str
    path: str = Field(description="JSON Pointer into this record, e.g. '/meetings/0/date'.")
    kind: Literal[
        "value_mismatch", "date_mismatch", "number_mismatch", "attribution_mismatch", "other"
    ]
    severity: Literal["high", "medium", "low"]
    values: list[ConflictValue] = Field(min_length=2)
    note: str


class Failure(Record):
    source: str
    error: str


class Run(Record):
    """How the record was made."""

    backend: str
    model: str | None = None
    prompt_version: str | None = None
    started: str = Field(description="ISO datetime the run started.")
    duration_s: float = 0.0
    llm_calls: int = 0
    retries: int = 0
    input_tokens: int = 0
    output_tokens: int = 0
    cost_usd: float | None = None
    cache_hits: int = 0
    failures: list[Failure] = Field(default_factory=list)


class GroupingLink(Record):
    """Two articles joined into one event, and why."""

    a: str = Field(description="Id of one article.")
    b: str = Field(description="Id of the other article.")
    similarity: float = Field(description="Their similarity, 0 to 1, compared to the threshold.")
    shared: list[str] = Field(
        default_factory=list,
        description="What they share most: names, dates and distinctive terms, strongest first.",
    )


class Grouping(Record):
    """Why the articles of a record form one event."""

    method: Literal["folder", "cluster"] = Field(
        description="'folder': the articles share a folder; 'cluster': grouped by content."
    )
    threshold: float | None = Field(
        default=None, description="The similarity two articles needed to be linked."
    )
    shared: list[str] = Field(
        default_factory=list,
        description="Names, dates and terms most of the event's articles share.",
    )
    links: list[GroupingLink] = Field(
        default_factory=list,
        description="The strongest links that join all the articles (a spanning tree).",
    )


class ConsensusRecord(Record):
    """One event as several sources report it: agreed facts, provenance and conflicts."""

    schema_version: str = SCHEMA_VERSION
    title: str
    sources: list[Source] = Field(default_factory=list)
    people: list[ConsensusPerson] = Field(default_factory=list)
    meetings: list[ConsensusMeeting] = Field(default_factory=list)
    proposals: list[ConsensusProposal] = Field(default_factory=list)
    statements: list[ConsensusStatement] = Field(default_factory=list)
    claims: list[ConsensusClaim] = Field(default_factory=list)
    conflicts: list[Conflict] = Field(default_factory=list)
    run: Run
    grouping: Grouping | None = Field(
        default=None,
        description="For `summarizer batch`: why these articles were taken as one event.",
    )


__all__ = [
    "SCHEMA_VERSION",
    "Alternative",
    "Article",
    "ArticleExtraction",
    "Claim",
    "Conflict",
    "ConflictValue",
    "ConsensusClaim",
    "ConsensusField",
    "ConsensusMeeting",
    "ConsensusPerson",
    "ConsensusProposal",
    "ConsensusRecord",
    "ConsensusStatement",
    "Failure",
    "GroundedExtraction",
    "GroundedRecord",
    "Grouping",
    "GroupingLink",
    "Meeting",
    "ModelRecord",
    "Person",
    "Proposal",
    "Quantity",
    "Run",
    "Source",
    "Span",
    "Statement",
    "normalize_date",
]
