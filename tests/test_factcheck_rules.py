"""The verdict rules of the fact-check ledger, each tested at its boundary (analysis.factcheck.rules)."""

from __future__ import annotations

import pytest

from analysis.factcheck import VERDICTS, Claim, Evidence, verdict
from analysis.factcheck.rules import VERDICT_LABELS, WORDINGS, holds, rounding


def claim(claimed, **options) -> Claim:
    base = dict(claim_id="A4-trade-99", paraphrase="test", claimed=claimed, unit="u",
                period="2017", geography="Mexico", resources=("states",), check=lambda load: None)
    base.update(options)
    return Claim(**base)


def ev(value, **options) -> Evidence:
    return Evidence(value=value, method="m", **options)


def test_every_verdict_has_plain_words_and_every_wording_is_known():
    assert list(VERDICT_LABELS) == VERDICTS
    assert {claim(1.0, wording=w).wording for w in WORDINGS} == set(WORDINGS)


# --- numbers: consistent within the tolerance; approximately only for approximate wording ----------

@pytest.mark.parametrize(
    "wording, value, expected",
    [
        ("exact", 102.0, "consistent"),            # exactly at the 2% boundary
        ("exact", 102.01, "inaccurate"),           # a precise figure just past its tolerance is not "approximately"
        ("exact", 98.0, "consistent"),
        ("exact", 97.99, "inaccurate"),
        ("approximate", 102.01, "approximately"),  # the article approximates: within 10% is approximately right
        ("approximate", 110.0, "approximately"),   # at the 10% boundary
        ("approximate", 110.01, "inaccurate"),
        ("approximate", 90.0, "approximately"),
        ("approximate", 89.99, "inaccurate"),
    ],
)
def test_numbers_at_their_boundaries(wording, value, expected):
    assert verdict(claim(100.0, wording=wording), ev(value)) == expected


def test_zero_and_per_claim_tolerances():
    assert verdict(claim(0.0), ev(0.0)) == "consistent"
    assert verdict(claim(0.0), ev(0.1)) == "inaccurate"
    assert verdict(claim(100.0, tolerance=0.05), ev(104.0)) == "consistent"
    # a figure rounded to the million: 127 million is consistent with 126.5 million and not with 126.49
    assert rounding(127_000_000, 1_000_000) == pytest.approx(0.5 / 127)
    assert verdict(claim(127e6, tolerance=rounding(127e6, 1e6)), ev(126.5e6)) == "consistent"
    assert verdict(claim(127e6, tolerance=rounding(127e6, 1e6)), ev(126.49e6)) == "inaccurate"
    assert verdict(claim(127e6, wording="approximate", tolerance=rounding(127e6, 1e6)), ev(124.57e6)) == "approximately"


# --- bounds: the data must fall on the stated side, by however little -----------------------------

@pytest.mark.parametrize(
    "wording, value, expected",
    [
        ("less_than", 3.99, "consistent"), ("less_than", 4.0, "inaccurate"), ("less_than", 4.01, "inaccurate"),
        ("at_most", 4.0, "consistent"), ("at_most", 4.01, "inaccurate"),
        ("more_than", 4.01, "consistent"), ("more_than", 4.0, "inaccurate"), ("more_than", 3.99, "inaccurate"),
        ("at_least", 4.0, "consistent"), ("at_least", 3.99, "inaccurate"),
    ],
)
def test_bounds_are_strict(wording, value, expected):
    assert verdict(claim(4.0, wording=wording), ev(value)) == expected


def test_a_bound_outside_by_a_little_is_never_approximately_right():
    # Morena "less than four years" a party: 4.3 years is 7.5% past the bound, within any 10% tolerance
    assert verdict(claim(4.0, wording="less_than", approximate_tolerance=0.5), ev(4.3)) == "inaccurate"


# --- shares: in percentage points, and by the smaller group when worded approximately -------------

@pytest.mark.parametrize(
    "claimed, wording, value, expected",
    [
        (53.0, "share", 53.5, "consistent"),             # within the half point of rounding
        (53.0, "share", 53.51, "inaccurate"),
        (16.0, "share", 16.41, "consistent"),            # 2.6% relative, but within rounding in points
        (90.0, "share", 97.6, "inaccurate"),             # 7.8% relative hides 10% against 2.4%: fourfold
        (90.0, "approximate_share", 97.6, "inaccurate"),  # even worded approximately
        (80.0, "approximate_share", 81.5, "approximately"),  # 20 against 18.5 in the smaller group (8.1%)
        (80.0, "approximate_share", 81.8, "approximately"),  # 20 against 18.2: 9.9%
        (80.0, "approximate_share", 81.9, "inaccurate"),      # 20 against 18.1: 10.5%
        (50.0, "approximate_share", 45.5, "approximately"),  # "nearly half": the share itself is the smaller group
        (50.0, "approximate_share", 43.6, "inaccurate"),     # 50 against 43.6: 14.7%
    ],
)
def test_shares_at_their_boundaries(claimed, wording, value, expected):
    assert verdict(claim(claimed, wording=wording), ev(value)) == expected


def test_share_rounding_set_by_the_claim():
    assert verdict(claim(61.6, wording="share", points=0.05), ev(61.65)) == "consistent"
    assert verdict(claim(61.6, wording="share", points=0.05), ev(61.66)) == "inaccurate"


# --- revised before consistent ----------------------------------------------------------------------

def test_revised_before_consistent_whatever_the_tolerance():
    # 26,037 is the preliminary 2012 count; the final 25,967 is within 2% but differs
    assert verdict(claim(26_037.0), ev(25_967.0, as_published=26_037.0)) == "revised"
    assert verdict(claim(31_174.0), ev(31_175.0, as_published=31_174.0)) == "revised"  # a difference of one
    assert verdict(claim(31_174.0), ev(32_079.0, as_published=31_174.0)) == "revised"


def test_not_revised_when_the_release_did_not_change_or_the_final_figure_is_the_closer():
    assert verdict(claim(31_174.0), ev(31_174.0, as_published=31_174.0)) == "consistent"
    assert verdict(claim(100.0), ev(100.0, as_published=101.0)) == "consistent"
    assert verdict(claim(100.0), ev(150.0, as_published=140.0)) == "inaccurate"


def test_revised_for_texts_and_bounds():
    assert verdict(claim("rising"), ev("not rising", as_published="rising")) == "revised"
    assert verdict(claim("rising"), ev("rising", as_published="rising")) == "consistent"
    assert verdict(claim(4.0, wording="less_than"), ev(4.2, as_published=3.9)) == "revised"
    assert verdict(claim(4.0, wording="less_than"), ev(3.8, as_published=3.9)) == "consistent"


# --- scope, newer figures, other definitions -----------------------------------------------------------

def test_a_narrower_scope_is_never_plain_consistent():
    assert verdict(claim(2.0, wording="rank"), ev(2.0, checked_scope="among Canada, Mexico and China")) == "narrower"
    assert verdict(claim(100.0, wording="approximate"), ev(105.0, checked_scope="annual data only")) == "narrower"
    # a contradiction in the narrower scope stays a contradiction
    assert verdict(claim(2.0, wording="rank"), ev(3.0, checked_scope="among three partners")) == "inaccurate"


def test_outdated_when_a_newer_published_figure_no_longer_supports_the_claim():
    assert verdict(claim("lowest in years"), ev("lowest in years", newer_at_publication="not the lowest in years")) == "outdated"
    assert verdict(claim("lowest in years"), ev("lowest in years", newer_at_publication="lowest in years")) == "consistent"
    assert verdict(claim(100.0), ev(101.0, newer_at_publication=130.0)) == "outdated"


def test_definition_when_only_another_named_definition_supports_the_claim():
    assert verdict(claim(396_579.0), ev(851_508.0, other_definition=396_579.0, other_definition_name="FY2018")) == "definition"
    assert verdict(claim(396_579.0), ev(396_579.0, other_definition=1.0)) == "consistent"
    assert verdict(claim(396_579.0), ev(851_508.0, other_definition=1.0)) == "inaccurate"


def test_texts_and_dates_match_exactly():
    assert verdict(claim("2018-11-30", wording="date"), ev("2018-11-30")) == "consistent"
    assert verdict(claim("2018-11-30", wording="date"), ev("2018-12-01")) == "inaccurate"
    assert verdict(claim("Enrique Peña Nieto", wording="text"), ev(" enrique peña nieto ")) == "consistent"


def test_unverifiable_without_check_or_value():
    assert verdict(claim(1.0, check=None, settle_with="x"), None) == "unverifiable"
    assert verdict(claim(1.0), ev(None)) == "unverifiable"
    assert verdict(claim(1.0), ev(float("nan"))) == "unverifiable"
    assert holds(claim(1.0), None) is None
