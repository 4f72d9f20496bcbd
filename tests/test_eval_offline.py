"""The offline evaluation's matching: who said it is compared as a reader would."""

from __future__ import annotations

import importlib.util
import sys
from types import ModuleType

import pytest
from conftest import ROOT


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "eval_offline", ROOT / "scripts" / "eval_offline.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["eval_offline"] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


EVAL = _script()


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        # people: the surname, spelling and accents aside
        ("Anna Petrova", "Petrova", True),
        ("Yury Gromov", "Yuri Gromov", True),
        ("Zoltán Kiss", "Zoltan Kiss", True),
        ("Anna Petrova", "Maria Petrova-Lind", False),
        # bodies: a word naming which body, never only the kind of body
        ("Ministry of Transport", "transport ministry", True),
        ("Water Ministry", "Ministry of Water Resources of Chile", True),
        ("interior ministry", "Defence Ministry", False),
        ("Ministry of Education of Chile", "Ministry of Health of Chile", False),
        ("Chilean Ministry of Health", "Ministry of Health of Chile", True),
        ("Ministry of Education", "Ministry of Health", False),
        ("press service of the Port Authority", "airport press service", False),
        # initials of one name written in the other
        ("NWU press service", "Northern Workers' Union press service", True),
        ("NWU press service", "National Water Utility", True),
        ("NWU press service", "Ministry of Labour press service", False),
        # a body that says no more than its kind
        ("the government", "Chilean government", True),
        ("officials", "port officials", True),
    ],
)
def test_speaker_matching(a: str, b: str, same: bool) -> None:
    assert EVAL.speaker_matches(a, b) is same
    assert EVAL.speaker_matches(b, a) is same


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Northern Flood Authority", "NFA", True),  # initials, with or without the text
        ("Office for Civil Protection", "PROCIV", True),  # the short form the text gives
        ("civil protection office", "PROCIV", False),  # not the words the text writes
        ("Office for Civil Protection", "NFA", False),  # another body's short form
    ],
)
def test_a_short_form_the_article_gives_in_brackets_names_the_same_body(
    a: str, b: str, same: bool
) -> None:
    text = (
        "The Office for Civil Protection (PROCIV) opened shelters, and the Northern Flood "
        "Authority (NFA) closed two roads."
    )
    assert EVAL.speaker_matches(a, b, text) is same
    assert EVAL.speaker_matches(b, a, text) is same
    assert EVAL.speaker_matches("Office for Civil Protection", "PROCIV") is False  # no text


def test_clusters_are_read_alone_only_from_the_tune_half(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert EVAL.main(["--clusters", "no-such-cluster"]) == 2
    assert "tune half only" in capsys.readouterr().err
