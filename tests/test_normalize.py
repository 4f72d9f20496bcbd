"""Tests for value normalisation: names, aliases, roles, places, dates, times and topics."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from summarizer.knowledge.aliases import entities
from summarizer.knowledge.folding import fold_for_comparison
from summarizer.knowledge.names import transliteration_key
from summarizer.normalize import (
    canonical_tokens,
    date_distance_days,
    date_mentioned,
    dates_compatible,
    name_key,
    names_compatible,
    org_key,
    orgs_compatible,
    personal_name,
    places_compatible,
    role_relation,
    speaker_kind,
    stem,
    time_key,
    times_compatible,
    topics_similar,
    year_hint,
)

# --- names --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Yury", "Yuri"),
        ("Yuri", "Iurii"),
        ("Sergey", "Sergei"),
        ("Ryabkov", "Riabkov"),
        ("Zakharova", "Zaharova"),
        ("Dmitry", "Dmitriy"),
        ("Mariya", "Maria"),
        ("Aleksei", "Alexey"),
        ("Jurij", "Yuri"),
        ("Łukasz", "Lukasz"),
        ("Müller", "Muller"),
    ],
)
def test_transliteration_variants_share_a_key(a: str, b: str) -> None:
    assert transliteration_key(a) == transliteration_key(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Yury Ushakov", "Yuri Ushakov"),
        ("Yury Ushakov", "Iurii Ushakov"),
        ("Sergey Ryabkov", "Sergei Riabkov"),
        ("Maria Zakharova", "Maria Zaharova"),
        ("Alexander Grushko", "Aleksandr Grushko"),
        ("Jens Stoltenberg", "Jens Stoltenburg"),
        ("Jens Stoltenberg", "Stoltenberg"),
        ("Jens Stoltenberg", "J. Stoltenberg"),
        ("Joe Biden", "Joseph Biden"),
        ("NATO Secretary General Jens Stoltenberg", "Jens Stoltenberg"),
        ("Ursula von der Leyen", "von der Leyen"),
        ("José Manuel Albares", "Jose Manuel Albares"),
    ],
)
def test_spellings_of_one_person_are_compatible(a: str, b: str) -> None:
    assert names_compatible(a, b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Joe Biden", "Jill Biden"),
        ("Sergey Ryabkov", "Sergey Lavrov"),
        ("Ivanov", "Ivanova"),
        ("Maria Zakharova", "Mikhail Zakharov"),
        ("Jens Stoltenberg", "Wendy Sherman"),
    ],
)
def test_different_people_are_not_compatible(a: str, b: str) -> None:
    assert not names_compatible(a, b)


@pytest.mark.parametrize(
    ("name", "kind", "personal"),
    [
        ("Jens Stoltenberg", "person", "Jens Stoltenberg"),
        ("Kremlin aide Yury Ushakov", "person", "Yury Ushakov"),
        ("Russian Deputy Foreign Minister Sergey Ryabkov", "person", "Sergey Ryabkov"),
        ("President Putin", "person", "Putin"),
        ("NATO official", "individual", None),
        ("Russian foreign ministry spokesman", "individual", None),
        ("NATO press service", "body", None),
        ("NATO", "body", None),
        ("Washington", "body", None),
        ("TASS", "body", None),
    ],
)
def test_speaker_kinds(name: str, kind: str, personal: str | None) -> None:
    assert speaker_kind(name) == kind
    assert personal_name(name) == personal


def test_name_key_keeps_given_name_and_surname() -> None:
    key = name_key("Yury Ushakov")
    assert key is not None
    assert (key.given, key.surname) == ("iuri", "ushakov")
    assert name_key("Ushakov") is not None
    assert name_key("Ushakov").given is None  # type: ignore[union-attr]
    assert name_key("the NATO official") is None


# --- organisations ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("NATO-Russia Council", "Russia-NATO Council"),
        ("NATO-Russia Council", "NRC"),
        ("NATO-Russia Council", "RNC"),
        ("NATO", "North Atlantic Treaty Organization"),
        ("NATO", "the alliance"),
        ("NATO", "North Atlantic Alliance"),
        ("US", "USA"),
        ("US", "United States"),
        ("US", "U.S."),
        ("US", "Washington"),
        ("Russia", "Russian Federation"),
        ("Russia", "Moscow"),
        ("OSCE", "Organisation for Security and Co-operation in Europe"),
        ("OSCE", "Organization for Security and Cooperation in Europe"),
        ("EU", "European Union"),
    ],
)
def test_aliases_name_one_organisation(a: str, b: str) -> None:
    assert org_key(a) == org_key(b)
    assert orgs_compatible(a, b)


def test_alias_table_is_data() -> None:
    council = next(e for e in entities() if e.name == "NATO-Russia Council")
    assert "NRC" in council.spellings
    assert canonical_tokens("Russia-NATO Council (RNC)") == (
        "nato",
        "russia",
        "council",
        "nato",
        "russia",
        "council",
    )


@pytest.mark.parametrize(
    ("a", "b", "compatible"),
    [
        ("Russia", "Russian Foreign Ministry", True),
        ("Kremlin", "Russia", True),
        ("NATO", "Russia", False),
        ("EU", "NATO", False),
    ],
)
def test_organisation_compatibility(a: str, b: str, compatible: bool) -> None:
    assert orgs_compatible(a, b) is compatible


# --- roles --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "relation"),
    [
        ("NATO Secretary General", "Secretary General of NATO", "same"),
        ("NATO Secretary General", "Secretary-General", "same"),
        ("Kremlin Aide", "Aide to the Russian leader", "same"),
        ("Russian Deputy Foreign Minister", "Deputy Foreign Minister of Russia", "same"),
        ("US President", "President", "same"),
        ("Russian Foreign Ministry Spokeswoman", "spokesman", "compatible"),
        ("Secretary General", "Chair of the NATO-Russia Council", "different"),
        ("Deputy Foreign Minister", "Foreign Minister", "incompatible"),
        ("Foreign Minister", "Defence Minister", "incompatible"),
        ("Vice President", "President", "incompatible"),
        ("Deputy Secretary of Defense", "Deputy Secretary of State", "incompatible"),
    ],
)
def test_role_relations(a: str, b: str, relation: str) -> None:
    assert role_relation(a, b) == relation
    assert role_relation(b, a) == relation


# --- places -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "compatible"),
    [
        ("Brussels", "NATO headquarters in Brussels", True),
        ("Brussels", "brussels", True),
        ("Vienna", "Vienna, Austria", True),
        ("Brussels", "Geneva", False),
        ("Geneva", "Vienna", False),
    ],
)
def test_place_compatibility(a: str, b: str, compatible: bool) -> None:
    assert places_compatible(a, b) is compatible


# --- dates and times ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "compatible"),
    [
        ("2022-01", "2022-01-12", True),
        ("2022", "2022-01-12", True),
        ("2022-01-12", "2022-01-12", True),
        ("2022-01-12", "2022-01-13", False),
        ("2021-12", "2022-01-12", False),
    ],
)
def test_dates_compare_with_precision(a: str, b: str, compatible: bool) -> None:
    assert dates_compatible(a, b) is compatible
    assert (date_distance_days(a, b) == 0) is compatible


def test_dates_are_found_written_out() -> None:
    assert date_mentioned("2022-01-12", "on Jan 12 to discuss")
    assert date_mentioned("2022-01-12", "on 12 January 2022 in his capacity")
    assert date_mentioned("2022-01-12", "January 12th")
    assert not date_mentioned("2022-01-12", "on Wednesday")
    assert not date_mentioned("2022-01-12", "on January 13")
    assert year_hint("RNC meeting (summer 2019)") == "2019"
    assert year_hint("NATO-Russia Council meeting") is None


@pytest.mark.parametrize(
    ("a", "b", "compatible"),
    [
        ("09:00 GMT", "09:00 GMT (2:30 pm IST)", True),
        ("09:00 GMT", "12:00 MSK", True),
        ("09:00 GMT", "10:00 CET", True),
        ("9 am", "09:00", True),
        ("09:00 GMT", "10:00 GMT", False),
        ("13:30", "1:30 pm", True),
    ],
)
def test_times(a: str, b: str, compatible: bool) -> None:
    assert times_compatible(a, b) is compatible


def test_time_key() -> None:
    assert time_key("09:00 GMT (2:30 pm IST)") == (540, True)
    assert time_key("2:30 pm IST") == (540, True)
    assert time_key("at 13:30") == (810, False)
    assert time_key("January 12") is None


# --- topics -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "similar"),
    [
        ("European security", "security in Europe", True),
        ("situation in and around Ukraine", "situation in Ukraine", True),
        ("military transparency", "Military transparency.", True),
        ("Ukraine", "situation in and around Ukraine", False),
        ("security guarantees", "European security", False),
        ("arms control", "military transparency", False),
    ],
)
def test_topics(a: str, b: str, similar: bool) -> None:
    assert topics_similar(a, b) is similar


# --- folding ------------------------------------------------------------------------------------


def test_fold_for_comparison() -> None:
    assert fold_for_comparison("  Z\u00fcrich\u2019s  NATO\u2013Russia ") == "zurich's nato-russia"
    assert stem("guarantees") == stem("guarantee")
    assert stem("talks") == "talk"


@given(st.text(max_size=60))
def test_fold_for_comparison_is_idempotent(text: str) -> None:
    assert fold_for_comparison(fold_for_comparison(text)) == fold_for_comparison(text)


@given(st.sampled_from(["Yury", "Yuri", "Iurii", "Jurij", "Yuriy"]))
def test_transliteration_key_of_yury_spellings(name: str) -> None:
    assert transliteration_key(name) == "iuri"


@pytest.mark.parametrize(
    ("name", "personal"),
    [
        # a surname with its particle glued on in lower case is still a name
        ("Nasser al-Rumaihi", "Nasser al-Rumaihi"),
        ("Minister of State Nasser al-Rumaihi", "Nasser al-Rumaihi"),
        ("al-Rumaihi", "al-Rumaihi"),
        ("Karim el-Masri", "Karim el-Masri"),
        # but a lower-case word that is no particle, or a hyphened adjective, is not
        ("anti-Western", None),
        ("pro-Kremlin", None),
        ("the al-Nour group", None),
    ],
)
def test_a_surname_with_a_glued_particle_is_a_name(name: str, personal: str | None) -> None:
    assert personal_name(name) == personal
