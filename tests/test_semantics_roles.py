"""Offices and voices: which two wordings can both be true at once."""

from __future__ import annotations

import pytest

from summarizer.semantics.roles import compare_roles, posts, with_rank_first
from summarizer.semantics.voices import compare_voices

NOT_CONFLICTS = ("same", "compatible", "different")


@pytest.mark.parametrize(
    ("a", "b", "relation"),
    [
        # one office in other words
        ("Secretary General", "Secretary-General", "same"),
        ("NATO Secretary General", "Secretary-General of NATO", "same"),
        (
            "CIS Secretary General",
            "Secretary-General of the Commonwealth of Independent States",
            "compatible",
        ),
        ("Foreign Minister", "Minister of Foreign Affairs", "same"),
        ("Russian Foreign Minister", "Foreign Minister", "compatible"),
        ("foreign minister", "top diplomat", "same"),
        ("spokesman", "spokeswoman", "same"),
        ("Kremlin aide", "Aide to the Russian leader", "compatible"),
        ("chairman", "chairperson", "same"),
        ("acting Foreign Minister", "Foreign Minister", "same"),
        ("Prime Minister", "Premier", "same"),
        # offices held together
        ("NATO Secretary General", "Chair of the NATO-Russia Council", "different"),
        ("Deputy Prime Minister", "Foreign Minister", "different"),
        ("Deputy Prime Minister and Foreign Minister", "Foreign Minister", "same"),
        ("Deputy Prime Minister and Foreign Minister", "Deputy Prime Minister", "same"),
        (
            "special representative of the Cabinet of Ministers for border issues",
            "chief negotiator",
            "different",
        ),
        ("chief negotiator", "Kyrgyz negotiator", "compatible"),
        ("head of the Tajik delegation", "Deputy Foreign Minister", "different"),
        ("President", "Prime Minister", "different"),
        ("Kremlin spokesman", "presidential press secretary", "compatible"),
        # one office at two ranks of its hierarchy
        ("Deputy Foreign Minister", "Foreign Minister", "incompatible"),
        ("Deputy Secretary of State", "Secretary of State", "incompatible"),
        ("First Deputy Foreign Minister", "Deputy Foreign Minister", "incompatible"),
        ("Assistant Secretary of State", "Under Secretary of State", "incompatible"),
        ("Vice President", "President", "incompatible"),
        ("Deputy Chairman", "Chairman", "incompatible"),
        ("Russian Deputy Foreign Minister", "Russian Foreign Minister", "incompatible"),
        # two posts of one kind
        ("Foreign Minister", "Defense Minister", "incompatible"),
        ("Foreign Minister", "Minister of Defence", "incompatible"),
        ("chairman-in-office of the OSCE", "chairman of the Permanent Council", "incompatible"),
        ("Chairperson-in-Office", "Chair of the OSCE Permanent Council", "incompatible"),
        # a rank written before the words saying which office
        ("deputy energy minister", "Minister of Energy and Mines", "incompatible"),
        ("deputy energy minister", "energy minister", "incompatible"),
        ("first deputy health minister", "deputy health minister", "incompatible"),
        ("deputy energy minister", "deputy minister of energy", "same"),
        ("deputy energy minister", "finance minister", "different"),
        # a body named by letters in another tongue may be the body named in words
        ("ONEMI chief", "head of the National Emergency Office", "compatible"),
        ("ONEMI chief", "deputy head of the National Emergency Office", "incompatible"),
        ("head of the National Emergency Office", "head of the Road Safety Agency", "different"),
        # one person presides over one chamber of a legislature
        ("Speaker of the Senate", "speaker of the lower house", "incompatible"),
        ("Senate President", "Chairman of the State Duma", "incompatible"),
        ("Marshal of the Sejm", "Senate Speaker", "incompatible"),
        ("Marshal of the Sejm", "speaker of the lower house", "different"),
        ("Speaker of the Senate", "Senate Speaker", "same"),
        ("Speaker of the House of Commons", "Commons Speaker", "compatible"),
        ("Speaker of the Senate", "party leader", "different"),
        # a body's president is not also its secretary or treasurer
        (
            "president of the miners' union",
            "general treasurer of the miners' union",
            "incompatible",
        ),
        ("union president", "secretary of the union", "different"),  # which union, unsaid
        ("FNV president", "FNV's secretary for the ports", "incompatible"),
        ("president of the miners' union", "secretary of the teachers' union", "different"),
        ("president of the union", "chief executive of the pension fund", "different"),
        ("chairman and chief executive", "president", "different"),
        # a rank that says "additional" is below the office itself
        ("Additional Attorney General", "Attorney General", "incompatible"),
        ("Additional Director General of Police", "Director General of Police", "incompatible"),
        ("Solicitor-General", "Solicitor General", "same"),
        ("Attorney General", "Solicitor General", "different"),
        # a permanent representative is the ambassador of a mission
        ("Permanent Representative to the OSCE", "ambassador to the OSCE", "same"),
        ("Permanent Representative", "deputy ambassador to the UN", "incompatible"),
        ("deputy permanent representative", "deputy ambassador", "same"),
        ("Permanent Representative of Chile to the UN", "envoy to the UN", "different"),
        # a body's general secretary is not also its president
        (
            "general secretary of the dockers' union",
            "president of the dockers' union",
            "incompatible",
        ),
        ("ABC general secretary", "ABC president", "incompatible"),
        ("general secretary of the party", "president of the republic", "different"),
        # a comma starts another post only when an office follows it
        (
            "Vice President, head of the task force",
            "President, head of the task force",
            "incompatible",
        ),
        ("Interior Minister, head of the crisis cell", "Interior Minister", "same"),
        ("Deputy Prime Minister, chair of the inquiry", "Deputy Prime Minister", "same"),
        ("Minister of Labour, Employment and Social Affairs", "labour minister", "compatible"),
        # the head of a unit of a body is not the head of the body
        ("regional health director for Europe", "Regional Director for Europe", "incompatible"),
        (
            "operations director of the port authority",
            "director of the port authority",
            "incompatible",
        ),
        ("WHO Regional Director for Europe", "Regional Director for Europe", "same"),
        ("Kenyan director of the port authority", "director of the port authority", "compatible"),
        ("chief executive of Acme", "chief executive", "compatible"),
        ("operations director", "director", "compatible"),
        # what is not an office is never a conflict
        ("", "Foreign Minister", "different"),
        ("veteran", "seasoned diplomat", "different"),
    ],
)
def test_role_wordings(a, b, relation):
    assert compare_roles(a, b) == relation
    assert compare_roles(b, a) == relation


def test_a_role_may_name_several_posts():
    found = posts("Deputy Prime Minister and Foreign Minister")
    assert [(p.office, p.rank) for p in found] == [("prime_minister", "deputy"), ("minister", "")]
    assert posts("First Deputy Foreign Minister")[0].rank == "first deputy"


@pytest.mark.parametrize(
    ("a", "b", "relation"),
    [
        (None, "police", "compatible"),
        ("police", None, "compatible"),
        ("police", "Police", "same"),
        ("Southeast Sulawesi police", "police", "compatible"),
        ("police", "the railway operator", "different"),
        ("Jens Stoltenberg", "Stoltenberg", "same"),
        ("Yury Ushakov", "Yuri Ushakov", "same"),
        ("Jens Stoltenberg", "Sergei Ryabkov", "different"),
        ("NATO press service", "NATO official", "compatible"),
        ("NATO press service", "Russian Foreign Ministry", "different"),
        ("Russian Foreign Ministry", "Russian Foreign Ministry spokeswoman", "compatible"),
        ("rescue officials", "Basarnas", "compatible"),
    ],
)
def test_voices(a, b, relation):
    assert compare_voices(a, b) == relation
    assert compare_voices(b, a) == relation


@pytest.mark.parametrize(
    ("a", "b", "relation"),
    [
        # a minister of state is a junior minister, not the minister of the portfolio
        ("Minister of State for Foreign Affairs", "Foreign Minister", "incompatible"),
        ("minister of state at the Ministry of Trade", "Trade Minister", "incompatible"),
        ("Minister of State", "Minister", "incompatible"),
        ("Minister of State, Ministry of Finance", "Minister of Finance", "incompatible"),
        # the junior post in other words, and two junior posts of one portfolio
        (
            "Minister of State for Foreign Affairs",
            "minister of state at the foreign ministry",
            "compatible",
        ),
        ("Minister of State for Foreign Affairs", "Minister of State for Foreign Affairs", "same"),
        # "of state" naming the portfolio is no rank
        ("Minister of State Security", "Minister of State Security", "same"),
        ("Minister of State Security", "Deputy Minister of State Security", "incompatible"),
        ("Minister of State Property", "minister of state property", "same"),
        ("Secretary of State", "Secretary of State for Health", "compatible"),
        # a territory's governor and the president's delegate to it: two posts
        (
            "presidential delegate for the Lakes Region",
            "Governor of the Lakes Region",
            "incompatible",
        ),
        ("Lakes regional governor", "presidential delegate for Lakes", "incompatible"),
        ("delegate of the president in Valdora", "Valdora governor", "incompatible"),
        # of two territories, or with no territory named: nothing shows one person holds both
        ("presidential delegate for Lakes", "Governor of Valdora", "different"),
        ("presidential delegate", "governor", "different"),
        ("governor, chair of the regional council", "presidential delegate for Lakes", "different"),
        # the governor who chairs the regional council holds both
        (
            "Governor of the Lakes Region and chairman of the Regional Council",
            "governor, chair of the regional council",
            "same",
        ),
    ],
)
def test_junior_ranks_written_after_the_office_and_posts_of_one_territory(a, b, relation):
    assert compare_roles(a, b) == relation
    assert compare_roles(b, a) == relation


@pytest.mark.parametrize(
    ("text", "rewritten"),
    [
        ("Minister of State for Foreign Affairs", "junior minister for foreign affairs"),
        ("Minister of State", "junior minister"),
        ("Minister of State at the Ministry", "junior minister at the ministry"),
        ("Minister of State Security", "minister of state security"),
        ("Secretary of State", "secretary of state"),
    ],
)
def test_a_rank_written_after_its_office_is_put_before_it(text, rewritten):
    assert with_rank_first(text) == rewritten


@pytest.mark.parametrize(
    ("a", "b", "relation"),
    [
        # a deputy standing in for the holder holds both wordings at once
        ("acting chairman", "vice-chairman", "compatible"),
        ("interim director", "deputy director", "compatible"),
        ("acting governor", "first deputy governor", "compatible"),
        ("caretaker prime minister", "deputy prime minister", "compatible"),
        # without a stand-in, or standing in at a rank, the ranks still clash
        ("chairman", "vice-chairman", "incompatible"),
        ("acting deputy director", "director", "incompatible"),
        ("former chairman", "vice-chairman", "incompatible"),
        ("acting chairman", "acting vice-chairman", "incompatible"),
    ],
)
def test_one_standing_in_for_an_office_and_a_deputy_of_it(a, b, relation):
    assert compare_roles(a, b) == relation
    assert compare_roles(b, a) == relation


@pytest.mark.parametrize(
    ("a", "b", "relation"),
    [
        # the head of a body and the head of a unit the body owns
        (
            "Interpol Secretary General",
            "director of Interpol's Cybercrime Directorate",
            "incompatible",
        ),
        ("Frontex director", "head of Frontex's risk analysis unit", "incompatible"),
        ("Acme chairman", "chairman of Acme's audit committee", "incompatible"),
        # one unit in two wordings, or two bodies: nothing clashes
        ("head of Acme's audit committee", "chairman of Acme's audit committee", "different"),
        ("director of Acme's research lab", "director of Acme's research lab", "same"),
        ("Zenith director", "director of Acme's research lab", "different"),
        # a head's post with no body named says nothing of which body
        ("director general", "head of Acme's research lab", "different"),
    ],
)
def test_the_head_of_a_body_and_the_head_of_one_of_its_units(a, b, relation):
    assert compare_roles(a, b) == relation
    assert compare_roles(b, a) == relation


@pytest.mark.parametrize(
    ("a", "b", "relation"),
    [
        # a member of a government is not one of its civil servants
        ("deputy health minister", "director of hospital services", "incompatible"),
        ("Minister of Transport", "director-general of civil aviation", "incompatible"),
        ("Commissioner for Trade", "director-general for trade", "incompatible"),
        ("junior finance minister", "director of the budget", "incompatible"),
        # a director of a body outside government, or a post held at another time
        ("finance minister", "director of the party's election campaign", "different"),
        ("finance minister", "former director of the budget", "different"),
        ("minister-designate", "director of the treasury", "different"),
        # a commissioner of a service is no member of a government
        ("police commissioner", "director of the police service", "different"),
        ("UN High Commissioner for Refugees", "director of the refugee agency", "different"),
        ("district commissioner", "director of public works", "different"),
        # two civil servants' posts, or two members' posts, are other rules' questions
        ("director of the budget", "director-general of the treasury", "different"),
        ("Commissioner for Trade", "trade minister", "different"),
        # a chief executive and a board's chairman are often one person
        ("chief executive", "chairman of the board", "different"),
        ("CEO", "chief executive officer", "same"),
        ("chief executive", "chairs the board and serves as its chief executive", "same"),
    ],
)
def test_a_member_of_a_government_and_a_civil_servant(a, b, relation):
    assert compare_roles(a, b) == relation
    assert compare_roles(b, a) == relation


@pytest.mark.parametrize(
    ("a", "b", "relation"),
    [
        # vice and deputy are one rank in two words
        ("vice-chairwoman of the board", "deputy chair of the board", "same"),
        ("vice-president", "deputy president", "same"),
        ("first vice-governor", "first deputy governor", "same"),
        ("vice-chair", "chair", "incompatible"),
        ("first vice-president", "vice-president", "incompatible"),
        ("deputy mayor", "mayor", "incompatible"),
    ],
)
def test_vice_is_the_deputy_rank(a, b, relation):
    assert compare_roles(a, b) == relation
    assert compare_roles(b, a) == relation


@pytest.mark.parametrize(
    ("a", "b", "relation"),
    [
        # a ministry named by two portfolios joined by "and" is one post
        (
            "Minister of Transport and Communications",
            "transport and communications minister",
            "same",
        ),
        (
            "Agriculture and Fisheries Minister",
            "deputy agriculture and fisheries minister",
            "incompatible",
        ),
        (
            "Minister of Labour and Social Policy",
            "deputy minister of labour and social policy",
            "incompatible",
        ),
        ("Minister of Labour and Social Policy", "Labour Minister", "compatible"),
        ("deputy health and welfare minister", "Deputy Minister of Health and Welfare", "same"),
        # two offices joined by "and" stay two posts
        ("Deputy Prime Minister and Finance Minister", "Finance Minister", "same"),
        ("Deputy Prime Minister and Finance Minister", "Prime Minister", "incompatible"),
        ("mayor and party leader", "mayor", "same"),
    ],
)
def test_portfolios_joined_by_and_name_one_ministry(a, b, relation):
    assert compare_roles(a, b) == relation
    assert compare_roles(b, a) == relation
