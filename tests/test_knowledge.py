"""Shared text knowledge: the data loads, its accessors answer, and the package stands alone."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

import summarizer.knowledge
from summarizer.knowledge.aliases import entities, news_agencies, phrases
from summarizer.knowledge.calendar import (
    month_name,
    month_number,
    month_spellings,
    relative_days,
    weekday_index,
)
from summarizer.knowledge.characters import dashes, quotation_marks, quote_like_marks
from summarizer.knowledge.clock import (
    country_zones,
    day_parts,
    iana_not_towns,
    time_zones,
    town_zones,
)
from summarizer.knowledge.contexts import timed, timing_words
from summarizer.knowledge.datelines import dated_place, wire_dateline
from summarizer.knowledge.figures import (
    QUALIFIERS,
    Unit,
    cased_units,
    count_stage,
    currency_signs,
    figure_bases,
    final_cues,
    growth_cues,
    number_phrases,
    partial_cues,
    qualifier_suffixes,
    qualifier_words,
    running_count_words,
    scaled_units,
    scales,
    unit_plural,
    units,
)
from summarizer.knowledge.folding import fold_for_comparison, words
from summarizer.knowledge.meetings import (
    generic_meeting_words,
    meeting_kind_words,
    meeting_nouns,
    undistinctive_meeting_words,
)
from summarizer.knowledge.names import nickname_keys, particles, transliteration_key
from summarizer.knowledge.quotations import inside_quotation, quoted_spans
from summarizer.normalize import canonical_tokens

PACKAGE = Path(summarizer.knowledge.__file__).parent


def test_the_package_imports_nothing_else_of_ours() -> None:
    for path in PACKAGE.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                assert not node.module.startswith("summarizer.") or node.module.startswith(
                    "summarizer.knowledge"
                ), f"{path.name} imports {node.module}"


@pytest.mark.parametrize(
    ("word", "number"),
    [("January", 1), ("jan", 1), ("Jan.", 1), ("May", 5), ("Sept.", 9), ("sep", 9), ("noon", None)],
)
def test_month_numbers(word: str, number: int | None) -> None:
    assert month_number(word) == number


def test_month_names_and_spellings() -> None:
    assert [month_name(n) for n in (1, 5, 12)] == ["January", "May", "December"]
    assert month_spellings(9) == ("september", "sep", "sept")
    assert weekday_index("Wednesday") == 2
    assert weekday_index("Someday") is None
    assert relative_days()["yesterday"] == -1


def test_characters() -> None:
    assert quotation_marks()["\u00ab"] == "guillemet"
    assert quotation_marks()["\u2019"] == "single"
    assert {"\u2032", "`"} <= quote_like_marks()
    assert {"-", "\u2013", "\u2014", "\u2212"} <= dashes()


def test_folding_and_words() -> None:
    assert fold_for_comparison("  Z\u00fcrich\u2019s  NATO\u2013Russia ") == "zurich's nato-russia"
    assert words("Russia's \u0141\u00f3d\u017a-based envoy") == ["russia", "lodz", "based", "envoy"]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Yury", "Iurii"),
        ("Mikhail", "Mihail"),
        ("Alexandr", "Aleksandr"),
        ("Stephanie", "Stefanie"),
    ],
)
def test_one_transliteration_key(a: str, b: str) -> None:
    assert transliteration_key(a) == transliteration_key(b)


def test_names_data() -> None:
    assert nickname_keys()[transliteration_key("Bill")] == transliteration_key("William")
    assert {"von", "bin", "dos"} <= particles()


def test_alias_entities_are_general_data() -> None:
    names = [e.name for e in entities()]
    assert len(names) == len(set(names))
    owners: dict[str, str] = {}
    for entity in entities():
        for spelling in entity.spellings:
            key = " ".join(words(spelling))
            assert owners.setdefault(key, entity.name) == entity.name, spelling
    assert canonical_tokens("Russian Federation and RNC") == (
        "russia",
        "and",
        "nato",
        "russia",
        "council",
    )
    assert "secretary general" in phrases()["secretary_general"]
    assert {"TASS", "Reuters", "Xinhua"} <= set(news_agencies())


@pytest.mark.parametrize(
    ("line", "date"),
    [
        ("Brussels, January 4, 2022 - NATO said", ("January", "4", "2022")),
        ("date 2022-01-04 BRUSSELS, Jan. 12 /TASS/", ("Jan", "12", None)),
        ("NEW YORK, Sept. 3 (AP) -", ("Sept", "3", None)),
    ],
)
def test_dated_place(line: str, date: tuple[str, str, str | None]) -> None:
    found = dated_place().search(line)
    assert found is not None
    assert (found["month"], found["day"], found["year"]) == date


@pytest.mark.parametrize(
    ("text", "first_words"),
    [
        ("BRUSSELS, January 4. /TASS/. NATO is ready", "NATO is ready"),
        ("MOSCOW (TASS): The Kremlin said", "The Kremlin said"),
        ("GENEVA - Talks began", "Talks began"),
    ],
)
def test_wire_dateline(text: str, first_words: str) -> None:
    found = wire_dateline().match(text)
    assert found is not None
    assert text[found.end() :] == first_words


def test_no_wire_dateline_in_an_ordinary_sentence() -> None:
    assert wire_dateline().match("Brussels hosted the talks.") is None


def test_quoted_spans() -> None:
    text = (
        'He said: "We want \u00abreal\u00bb guarantees," and added \u201cnothing else\u201d.'
        " Russia\u2019s answer came.\n\u201cAn unclosed quote, \u201cinside\u201d it"
    )
    assert [text[a:b] for a, b in quoted_spans(text)] == [
        "We want \u00abreal\u00bb guarantees,",
        "nothing else",
        "inside",
    ]
    start = text.index("nothing")
    assert inside_quotation(text, start, start + len("nothing else"))
    assert not inside_quotation(text, text.index("Russia"), text.index(" answer"))


def test_figures_data() -> None:
    assert scales()["million"] == 1e6 and scales()["bn"] == 1e9
    assert number_phrases()["a dozen"] == "12"
    assert qualifier_words()["more than"] == "more_than"
    assert qualifier_suffixes()["or more"] == "at_least"
    assert set(qualifier_words().values()) | set(qualifier_suffixes().values()) <= QUALIFIERS
    assert units()["hour"] == Unit("duration", 1.0, ("hours", "hr", "hrs", "h"))
    assert units()["second"].factor == 1 / 3600  # written "1/3600" in the data
    assert units()["kilometre"].dimension == "length"
    assert scaled_units()["mb/d"] == (1e6, "barrel per day")
    assert currency_signs()["$"] == "USD"
    assert {"toll", "missing"} <= running_count_words()
    assert "so far" in growth_cues()
    for unit in [*units().values(), *scaled_units().values()]:
        assert unit.factor > 0


def test_clock_data() -> None:
    assert day_parts()["morning"] == (4 * 60, 12 * 60 + 30)
    assert day_parts()["late evening"] == (20 * 60, 24 * 60)  # "24:00": the end of the day
    assert day_parts()["night"] == (20 * 60, 6 * 60)  # wraps midnight
    assert time_zones()["gmt"] == 0 and time_zones()["moscow time"] == "Europe/Moscow"
    assert town_zones()["orenburg"] == "Asia/Yekaterinburg"
    assert country_zones()["kazakh"] == "Asia/Almaty"
    for start, end in day_parts().values():
        assert 0 <= start <= 24 * 60 and 0 <= end <= 24 * 60


def test_every_unit_the_figures_data_names_is_defined() -> None:
    known = set(units())
    for word, scaled in scaled_units().items():
        assert scaled.unit in known, f"scaled unit {word!r} names unknown unit {scaled.unit!r}"
    for sign, code in currency_signs().items():
        assert code in known, f"currency sign {sign!r} names unknown unit {code!r}"
    assert scaled_units()["bcm"] == (1e9, "cubic metre")
    assert units()["cubic metre"].dimension == "volume"
    # no spelling names two units
    seen: dict[str, str] = {}
    for name, unit in units().items():
        for spelling in (name.casefold(), *unit.spellings):
            assert seen.setdefault(spelling, name) == name, spelling
    assert not set(seen) & set(scaled_units())
    assert cased_units()["Mt"] == "million tonnes"


def test_count_and_basis_words() -> None:
    assert "preliminary" in partial_cues() and "final results" in final_cues()
    assert not set(partial_cues()) & set(final_cues())
    stage = count_stage()
    assert "ballots" in stage.nouns and "counted" in stage.verbs
    assert set(stage.bare_verbs) <= set(stage.verbs)
    bases = figure_bases()
    assert "rose" in bases.change_before and "to" in bases.level_before
    assert not set(bases.change_before) & set(bases.level_before)


def test_iana_words_that_are_not_towns_are_folded() -> None:
    assert {"christmas", "north", "jersey"} <= iana_not_towns()
    assert all(w == fold_for_comparison(w) for w in iana_not_towns())


@pytest.mark.parametrize(
    ("context", "is_timed"),
    [
        ("ahead of the talks", True),
        ("as he opened the meeting", True),
        ("on the sidelines of the summit", True),
        ("told reporters", False),
        ("press service", False),
        ("told the Associated Press", False),  # "as" only as a whole word
    ],
)
def test_contexts_that_place_a_remark_at_a_moment(context: str, is_timed: bool) -> None:
    assert timed(context) is is_timed
    assert "ahead of" in timing_words()


def test_generic_meeting_words() -> None:
    assert {"meeting", "talks", "session"} <= generic_meeting_words()
    assert not {"summit", "ministerial"} & generic_meeting_words()
    assert meeting_nouns() < generic_meeting_words() < undistinctive_meeting_words()
    assert {"first", "virtual"} <= generic_meeting_words() - meeting_nouns()
    assert {"summit", "ministerial"} <= meeting_kind_words()
    assert {"march", "friday", "summer"} <= undistinctive_meeting_words()


def test_importing_the_library_reads_no_data() -> None:
    code = (
        "import summarizer, summarizer.ground, summarizer.normalize, summarizer.reconciliation\n"
        "import summarizer.semantics.quantities, summarizer.semantics.times\n"
        "import summarizer.semantics.updates\n"
        "from summarizer.knowledge._data import load\n"
        "assert load.cache_info().currsize == 0, load.cache_info()\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


@pytest.mark.parametrize(
    ("unit", "plural"),
    [
        ("minute", "minutes"),
        ("hour", "hours"),
        ("century", "centuries"),
        ("day", "days"),
        ("barrel per day", "barrels per day"),
        ("cubic metre per day", "cubic metres per day"),
        ("basis point", "basis points"),
        ("percentage point", "percentage points"),
        ("square kilometre", "square kilometres"),
        ("person", "people"),
        ("foot", "feet"),
        ("degree celsius", "degrees celsius"),
        ("coach", "coaches"),
        ("box", "boxes"),
        ("delegation", "delegations"),
        ("percent", "percent"),
        ("aircraft", "aircraft"),
        ("people", "people"),
        ("votes", "votes"),
        ("USD", "USD"),
        ("km/h", "km/h"),
        ("mb/d", "mb/d"),
        ("kg", "kg"),
    ],
)
def test_unit_plural(unit: str, plural: str) -> None:
    assert unit_plural(unit) == plural


def test_the_gazetteer_knows_towns_by_name_and_not_ordinary_words():
    from summarizer.knowledge.gazetteer import gazetteer_towns

    towns = gazetteer_towns()
    for town in (("beira",), ("arequipa",), ("port", "louis"), ("kisumu",)):
        assert town in towns
    for word in (("government",), ("palace",), ("parliament",), ("ministry",), ("hofburg",)):
        assert word not in towns


@pytest.mark.parametrize(
    ("word", "number"),
    [
        ("third", 3),
        ("Twelfth", 12),
        ("twentieth", 20),
        ("3rd", 3),
        ("21st", 21),
        ("102nd", 102),
        ("third-party", None),
        ("thirds", None),
        ("3", None),
        ("3rdly", None),
        ("Thursday", None),
    ],
)
def test_one_ordinal_word_is_read_spelt_or_in_digits(word: str, number: int | None) -> None:
    from summarizer.knowledge.attributes import ordinal_value

    assert ordinal_value(word) == number
