"""One country table for every stage: names and demonyms stand for a country, a capital does
not (except as the voice of its government)."""

from __future__ import annotations

import pytest

from summarizer.knowledge.aliases import entities
from summarizer.knowledge.countries import capitals, countries
from summarizer.normalize import orgs_compatible, personal_name, place_key, text_key


def test_the_table_holds_the_world_once():
    names = [c.name for c in countries()]
    assert len(names) > 180
    assert len(names) == len(set(names))
    assert {"Kyrgyzstan", "Russia", "US", "South Korea", "Nigeria"} <= set(names)
    assert capitals()["bishkek"] == "Kyrgyzstan"
    assert capitals()["new delhi"] == "India"


def test_the_aliases_name_every_country_without_its_capital():
    spelled = {e.name: e.spellings for e in entities() if e.kind == "country"}
    assert len(spelled) == len(countries())
    assert "Kyrgyz" in spelled["Kyrgyzstan"]
    for country in countries():
        assert not set(country.capitals) & set(spelled[country.name]), country.name


# (one wording, another, whether they can name one country or its government)
ORGANISATIONS = [
    ("Kyrgyz", "Kyrgyzstan", True),
    ("Kyrgyz Republic", "Kyrgyzstan", True),
    ("Kazakh", "Kazakhstan", True),
    ("Hungarian", "Hungary", True),
    ("Slovak Republic", "Slovakia", True),
    ("Republic of Korea", "South Korea", True),
    ("United States of America", "US", True),
    ("Burmese", "Myanmar", True),
    ("Dutch", "Netherlands", True),
    ("Ivory Coast", "Cote d'Ivoire", True),
    ("Turkiye", "Turkey", True),
    # a capital speaking or proposing is its government's voice
    ("Moscow", "Russia", True),
    ("Bishkek", "Kyrgyzstan", True),
    ("New Delhi", "India", True),
    # different countries, however alike their names
    ("Austria", "Australia", False),
    ("Slovakia", "Slovenia", False),
    ("Slovak", "Slovenian", False),
    ("Niger", "Nigeria", False),
    ("Nigerien", "Nigerian", False),
    ("Iran", "Iraq", False),
    ("North Korea", "South Korea", False),
    ("Kyrgyz", "Kazakh", False),
    ("Bishkek", "Kazakhstan", False),
    # one country's name inside another's
    ("Sudan", "South Sudan", False),
    ("Guinea", "Equatorial Guinea", False),
    ("Sudanese government", "South Sudan", False),
    ("Congo", "Democratic Republic of the Congo", False),
    # a country and a body of it, or of it and another
    ("Sudan", "Sudanese Foreign Ministry", True),
    ("Russia", "Russian-US working group", True),
]


@pytest.mark.parametrize(("a", "b", "same"), ORGANISATIONS)
def test_a_demonym_or_other_name_is_its_country(a, b, same):
    assert orgs_compatible(a, b) is same
    assert orgs_compatible(b, a) is same


# (a place, a word its key must hold, a word it must not): a capital is a town of its own
PLACES = [
    ("Bishkek", "bishkek", "kyrgyzstan"),
    ("Vienna", "vienna", "austria"),
    ("Moscow", "moscow", "russia"),
    ("London", "london", "uk"),
]


@pytest.mark.parametrize(("place", "kept", "not_added"), PLACES)
def test_a_capital_as_a_place_is_not_its_country(place, kept, not_added):
    assert kept in place_key(place)
    assert not_added not in place_key(place)
    assert not_added not in text_key(place)


# (a speaker's written name, the personal name in it or None)
SPEAKERS = [
    ("Ministry of Economy and Development", None),
    ("Mongolian Ministry of Economy and Development", None),
    ("Department of Energy", None),
    ("Commission for Aviation", None),
    ("Secretary of State Antony Blinken", "Antony Blinken"),
    ("Minister of Foreign Affairs Sergey Lavrov", "Sergey Lavrov"),
    ("Foreign Minister Lavrov", "Lavrov"),
    ("Gantulga Ochirbat", "Gantulga Ochirbat"),
    # abbreviated titles are no given names
    ("Gov Wanjiru Mbugua", "Wanjiru Mbugua"),
    ("Amb. Tomaž Zupan", "Tomaž Zupan"),
    ("Lt. Col. Ivan Petrov", "Ivan Petrov"),
]


@pytest.mark.parametrize(("name", "person"), SPEAKERS)
def test_the_last_word_of_a_body_s_name_is_no_person(name, person):
    assert personal_name(name) == person


def test_the_offline_extractor_reads_the_same_table():
    from summarizer.backends.offline.lexicon import names_a_country, party_of

    for country in countries():
        assert party_of(country.name) == country.name
        for spelling in (*country.other_names, *country.demonyms, *country.capitals):
            if spelling.endswith("'s") or spelling.lower().startswith("the "):
                continue  # a possessive and a leading article are read off
            assert party_of(spelling) is not None, spelling
    assert party_of("Kyrgyz") == party_of("Bishkek") == "Kyrgyzstan"
    assert names_a_country("Kyrgyzstan")
    assert not names_a_country("Bishkek")  # a capital stands for its country, is not it
