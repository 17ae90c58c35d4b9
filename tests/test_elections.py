"""Analysis functions of the elections chapter and its fact-check claims, on the committed data."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.book.charts import Figure
from analysis.chapters import elections as el
from analysis.factcheck.claims import elections as claims
from analysis.data import load
from analysis.factcheck import evaluate


@pytest.fixture(scope="module")
def national():
    return load("presidential_national_results")


@pytest.fixture(scope="module")
def results():
    return load("presidential_state_results")


@pytest.fixture(scope="module")
def seats():
    return load("congress_seats")


def test_final_version_prefers_tribunal_then_district_count(national):
    versions = el.final_national(national).groupby("year")["version"].first().to_dict()
    assert versions == {2006: "sum of state rows (final)", 2012: "tribunal final (revised)",
                        2018: "district count (final)", 2024: "district count (final)"}


def test_morena_line_summary(national):
    summary = el.morena_line_summary(national).set_index("year")
    assert summary["rank"].to_dict() == {2006: 2, 2012: 2, 2018: 1, 2024: 1}
    assert summary.loc[2018, "votes"] == 30_113_483
    assert summary.loc[2012, "votes"] == 15_848_827  # tribunal final, not the district count
    assert summary.loc[2018, "share_pct"] == pytest.approx(100 * 30_113_483 / 56_508_266, abs=0.01)
    assert summary.loc[2006, "margin_votes"] == -233_831


def test_margin_2006(national):
    margin = el.margin_2006(national)
    assert margin["votes"] == 14_916_927 - 14_683_096
    assert round(margin["points"], 2) == 0.56


def test_states_won_and_2018_exception(results):
    assert el.states_won(results).to_dict() == {2006: 16, 2012: 8, 2018: 31}
    winners = el.state_winners(results, load("states"))
    lost_2018 = winners[(winners["year"] == 2018) & (winners["candidate"] != "Andrés Manuel López Obrador")]
    assert lost_2018["state_name"].tolist() == ["Guanajuato"]
    assert lost_2018["candidate"].tolist() == ["Ricardo Anaya"]


def test_share_wide_is_one_row_per_state(results):
    wide = el.share_wide(el.amlo_by_state(results, load("states")))
    assert len(wide) == 32 and wide["state_code"].is_unique
    assert wide.iloc[0]["state_name"] == "Tabasco"
    assert (wide["change_2012_2018"] > 0).all()  # his share rose in every state


def test_participation_is_valid_votes_over_registered():
    totals = load("presidential_state_totals")
    national = el.national_participation(totals).set_index("year")
    assert national.loc[2018, "valid_votes"] == totals.loc[totals["year"] == 2018, "valid_votes"].sum()
    assert 55 < national.loc[2006, "valid_votes_pct_registered"] < national.loc[2018, "valid_votes_pct_registered"] < 65


def test_thresholds():
    assert el.thresholds(500) == {"majority": 251, "two_thirds": 334}
    assert el.thresholds(128) == {"majority": 65, "two_thirds": 86}


def test_coalition_shares_2018(seats):
    shares = el.coalition_shares(seats).set_index(["chamber", "coalition_2018"])["seats"].to_dict()
    assert shares[("Chamber of Deputies", "Juntos Haremos Historia")] == 308
    assert shares[("Senate", "Juntos Haremos Historia")] == 69
    assert el.party_share(seats, ["PRI"], "Senate", stage="installation") == pytest.approx(100 * 15 / 128)
    with pytest.raises(KeyError):
        el.party_share(seats, ["PT"], "Senate", stage="installation")  # not found: never filled


def test_map_features_carry_share_and_geometry(results):
    by_state = el.amlo_by_state(results, load("states"))
    features = el.map_features(by_state, load("state_boundaries"), 2018)
    assert len(features) == 32
    assert {f["geometry"]["type"] for f in features} <= {"Polygon", "MultiPolygon"}
    assert sum(f["properties"]["won"] == "Carried by López Obrador" for f in features) == 31


def test_claim_verdicts():
    ledger = evaluate(claims.CLAIMS).set_index("claim_id")
    assert ledger.loc["A4-elections-01", "verdict"] == "consistent"
    assert ledger.loc["A4-elections-02", "data_value"] == "31"
    assert ledger.loc["A4-elections-06", "verdict"] == "consistent"
    # PRI and PAN figures match single parties, not the coalitions: another definition.
    for claim_id in ("A4-elections-07", "A4-elections-08", "A4-elections-09", "A4-elections-10"):
        assert ledger.loc[claim_id, "verdict"] == "definition", claim_id
    assert ledger.loc["A4-elections-13", "verdict"] == "consistent"
    assert ledger.loc["A4-elections-15", "data_value"] == "4.3"
    assert ledger.loc["A4-elections-11", "verdict"] == "unverifiable"
    assert set(ledger["chapter"]) == {"elections"}


def test_claims_only_read_existing_resources():
    names = set(pd.Series([r for c in claims.CLAIMS for r in c.resources]))
    from analysis.data import resource_names

    assert names <= set(resource_names())


# --------------------------------------------------------------------------- figure builders

def test_national_shares_figure(national):
    summary = el.morena_line_summary(national).set_index("year")
    fig = el.national_shares_figure(summary)
    assert isinstance(fig, Figure) and fig.name == "el-national-shares"
    assert fig.title == "López Obrador went from two defeats to a 31-point win; Morena widened the lead in 2024"
    assert len(fig.rows) == 8 and fig.rows.groupby("series")["year"].apply(list).map(len).eq(4).all()
    ours = fig.rows[fig.rows["series"].str.startswith("López")].set_index("year")
    assert ours.loc[2018, "votes"] == 30_113_483 and ours["share_pct"].tolist() == summary["share_pct"].tolist()
    rival = fig.rows[fig.rows["series"] == "Strongest other candidate"].set_index("year")
    assert rival.loc[2006, "candidate"] == "Felipe Calderón"
    assert "trails by 0.56 points in 2006" in fig.description


def test_state_figures(results):
    states, boundaries = load("states"), load("state_boundaries")
    by_state = el.amlo_by_state(results, states)
    wide = el.share_wide(by_state)
    dots = el.state_shares_figure(by_state, wide)
    assert isinstance(dots, Figure) and dots.title == "López Obrador's share rose in every state between 2012 and 2018"
    assert len(dots.rows) == 3 * 32 and set(dots.rows["year"]) == {"2006", "2012", "2018"}
    assert (dots.rows["result"] == "carried").sum() == 16 + 8 + 31
    carto = el.map_2018_figure(by_state, boundaries, states, wide, "Guanajuato")
    assert isinstance(carto, Figure) and carto.title == "In 2018 López Obrador carried every state but Guanajuato"
    assert len(carto.rows) == 32 and carto.rows["won"].sum() == 31
    assert "Mexico's 32 states" in carto.description and "highest share is in Tabasco" in carto.description


def test_participation_figure():
    totals, states = load("presidential_state_totals"), load("states")
    national = el.national_participation(totals).set_index("year")
    fig = el.participation_figure(el.participation(totals, states), national)
    assert isinstance(fig, Figure) and fig.name == "el-participation"
    assert fig.title == "Valid votes reached 62% of registered voters in 2018, near 2012 and above 2006"
    assert len(fig.rows) == 96 and fig.rows["state_name"].nunique() == 32
    assert fig.rows.loc[fig.rows["year"] == "2018", "turnout_pct"].isna().all()  # not in the source for 2018


def test_chamber_seats_figure(seats):
    fig = el.chamber_seats_figure(seats)
    assert isinstance(fig, Figure) and fig.title == "Morena and its allies held a majority of deputies, short of two thirds"
    assert fig.rows.groupby("composition")["seats"].sum().to_dict() == {
        "2018: INE assignment": 500, "2018: installed groups": 500, "2021: INE assignment": 500}
    assert "coalition (308 seats) passes the 251-seat majority line" in fig.description
    assert "334-seat two-thirds line" in fig.description
