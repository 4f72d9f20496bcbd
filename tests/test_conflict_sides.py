"""Sides of a conflict: a value that fits more than one side takes none."""

from __future__ import annotations

import pytest

from summarizer.reconciliation.fuse import Context, Obs, Rule, fuse_scalar
from summarizer.semantics.quantities import compare_figures, figure_from

_PRECISION = {"exact": 3, "about": 2, "at_least": 1, "at_most": 1, "more_than": 1, "less_than": 1}


def _fuse(values: dict[str, str]):
    """Fuse figures given as {source: wording} the way claims fuse them."""
    figures = {v: figure_from(v) for v in values.values()}
    obs = [
        Obs(value=v, key=v, source=s, grounded=True, published="2025-03-14", spans=())
        for s, v in values.items()
    ]

    def relation(a: Obs, b: Obs) -> str:
        fa, fb = figures[a.value], figures[b.value]
        assert fa is not None and fb is not None
        return compare_figures(fa, fb)

    rule = Rule(
        compatible=lambda a, b: relation(a, b) in ("same", "compatible"),
        specificity=lambda o: _PRECISION[figures[o.value].qualifier],  # type: ignore[union-attr]
        contradicts=lambda a, b: relation(a, b) == "conflict",
        kind="number_mismatch",
        severity="high",
    )
    return fuse_scalar(obs, rule, Context(frozenset(values), {}), "quantity")


# (values by source, the sources on each side of the conflict, or None for no conflict)
SIDES = [
    # a lower bound below both sides fits both: it takes neither
    (
        {"ap": "more than 30", "dri": "more than 40", "cebj": "38"},
        [{"cebj"}, {"dri"}],
    ),
    # "about 10" covers 9 to 11: it fits nine and ten alike
    ({"a": "10", "b": "9", "c": "about 10", "d": "10"}, [{"a", "d"}, {"b"}]),
    # "nearly 13" (about 12-14) fits both 12 and 14: on neither side
    ({"a": "12", "b": "14", "c": "nearly 13"}, [{"a"}, {"b"}]),
    # a lower bound that only the higher figure meets sides with it
    ({"a": "12", "b": "14", "c": "more than 13"}, [{"a"}, {"b", "c"}]),
    # the same figure in words stays on its side
    ({"a": "seven", "b": "7", "c": "six"}, [{"a", "b"}, {"c"}]),
    # an upper bound that only the lower figure meets sides with it
    ({"a": "9", "b": "11", "c": "fewer than 10"}, [{"a", "c"}, {"b"}]),
    # two bounds that meet in the middle and a figure inside: no conflict at all
    ({"a": "more than 30", "b": "fewer than 40", "c": "38"}, None),
    # rounding: 3.87 million is 3.9 million and nearly 4 million
    ({"a": "3.87 million", "b": "3.9 million", "c": "nearly 4 million"}, None),
    # three exact figures: each its own side
    ({"a": "5", "b": "6", "c": "7"}, [{"a"}, {"b"}, {"c"}]),
    # a vague figure fitting only one of three sides joins that side
    ({"a": "5", "b": "8", "c": "about 8", "d": "20"}, [{"a"}, {"b", "c"}, {"d"}]),
]


@pytest.mark.parametrize(("values", "sides"), SIDES)
def test_each_side_lists_only_the_sources_that_take_it(values, sides):
    _, conflict = _fuse(values)
    if sides is None:
        assert conflict is None
        return
    assert conflict is not None
    assert sorted(map(sorted, (set(v.sources) for v in conflict.values))) == sorted(
        map(sorted, sides)
    )
