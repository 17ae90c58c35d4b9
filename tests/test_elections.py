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
    assert summary.loc[2018, "share_pct"] == pytest.approx(100 * 30_113_483 / 56_611_027, abs=0.01)  # INE's component total
    assert summary.loc[2018, "margin_points"] == pytest.approx(53.19 - 22.28)
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


def test_computed_2018_shares_equal_ines_published_shares_when_truncated(national):
    final = el.final_national(national)
    y2018 = final[(final["year"] == 2018)].set_index("item")
    total = int(y2018.loc["Total votes cast", "votes"])
    candidates = y2018[y2018["item_type"] == "candidate"]
    truncated = (10_000 * candidates["votes"].astype(int) // total) / 100
    assert truncated.to_dict() == candidates["percent_published"].to_dict()
    assert (candidates["percent_computed"] - candidates["percent_published"]).abs().max() <= 0.01 + 1e-9  # rounded vs truncated


def test_thresholds():
    assert el.thresholds(500) == {"majority": 251, "two_thirds": 334}
    assert el.thresholds(128) == {"majority": 65, "two_thirds": 86}


def test_bloc_table_by_legislature(seats):
    blocs = el.bloc_table(seats).set_index(["legislature", "chamber"])
    assert blocs["seats"].to_dict() == {("LXIV", "Chamber of Deputies"): 308, ("LXIV", "Senate"): 69, ("LXV", "Chamber of Deputies"): 278,
                                        ("LXVI", "Chamber of Deputies"): 364, ("LXVI", "Senate"): 83}
    assert blocs["coalition"].to_dict()[("LXV", "Chamber of Deputies")] == "Juntos Hacemos Historia"
    assert blocs.loc[("LXVI", "Chamber of Deputies"), "above_two_thirds"] == 30
    assert blocs.loc[("LXVI", "Senate"), "above_two_thirds"] == -3
    assert (blocs.loc[[("LXIV", "Chamber of Deputies"), ("LXIV", "Senate"), ("LXV", "Chamber of Deputies")], "above_two_thirds"] < 0).all()


def test_quintana_reading_reproduces_her_figures(seats):
    """Her PRI and PAN shares are the 2018 coalitions minus the party she says split away."""
    reading = el.quintana_reading(seats).set_index(["chamber", "coalition"])
    assert reading["share_pct"].to_dict() == {("Senate", el.PRI_COALITION): 11.7, ("Senate", el.PAN_COALITION): 23.4,
                                              ("Chamber of Deputies", el.PRI_COALITION): 9.4, ("Chamber of Deputies", el.PAN_COALITION): 21.6}
    assert reading.loc[("Chamber of Deputies", el.PRI_COALITION), "parties"] == "PANAL, PRI"
    assert reading.loc[("Chamber of Deputies", el.PAN_COALITION), "parties"] == "MC, PAN"
    assert reading.loc[("Chamber of Deputies", el.PAN_COALITION), "coalition_seats"] == 129  # with the PRD


def test_realignment_held_for_the_pvem_not_the_prd(seats):
    moves = el.realignment(seats).set_index(["party", "legislature"])["with_morena"].to_dict()
    assert moves == {("PRD", "LXIV"): False, ("PRD", "LXV"): False, ("PRD", "LXVI"): False,
                     ("PVEM", "LXIV"): False, ("PVEM", "LXV"): True, ("PVEM", "LXVI"): True}


def test_recall_summary():
    rec = el.recall_summary(load("recall_referendum_2022"))
    assert rec["stay_pct"] == 91.86 and rec["participation_pct"] == 17.77 and rec["threshold_pct"] == 40
    assert rec["votes_needed"] == 37_129_287 and rec["shortfall"] == 37_129_287 - 16_502_636


def test_prep_by_state_and_change_from_2018(results):
    states = load("states")
    prep = load("presidential_state_results_2024_prep")
    sheinbaum = el.prep_by_state(prep, states)
    assert len(sheinbaum) == 32 and sheinbaum["won"].sum() == 31
    assert el.prep_winners(prep, states).query("candidate != 'Claudia Sheinbaum'")["state_name"].tolist() == ["Aguascalientes"]
    change = el.change_2018_2024(el.amlo_by_state(results, states), sheinbaum)
    assert len(change) == 32 and (change["change"] > 0).sum() == 25
    tabasco = change.set_index("state_name").loc["Tabasco"]
    assert tabasco["share_2018"] == 82.14 and tabasco["share_2024"] == pytest.approx(82.2, abs=0.05)
    versus = el.prep_against_official(prep, load("presidential_national_results"))
    assert versus.loc["Claudia Sheinbaum", "prep_votes"] == 33_226_602 and versus.loc["Claudia Sheinbaum", "official_votes"] == 35_924_519
    assert versus.loc["Total votes cast", "prep_pct_of_official"] == 93.3


def test_term_markers_come_from_events():
    marks = el.term_markers(load("events"))
    assert marks["date"].dt.strftime("%Y-%m-%d").tolist() == ["2018-12-01", "2021-01-20", "2024-09-30"]


def test_governorships_are_dated_press_counts():
    rows = el.governorships(load("elections_published_figures"))
    assert rows["reference_date"].is_monotonic_increasing and rows["value"].notna().all()
    assert rows.iloc[-1]["value"] == 24


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
    # Quintana's PRI and PAN figures are the coalitions minus the parties she says split away:
    # another definition than the coalitions' own seats, reproduced exactly.
    expected = {"A4-elections-07": "11.72", "A4-elections-08": "9.4", "A4-elections-09": "23.44", "A4-elections-10": "21.6"}
    for claim_id, value in expected.items():
        assert ledger.loc[claim_id, "verdict"] == "definition", claim_id
        assert ledger.loc[claim_id, "other_definition_value"] == value, claim_id
    assert ledger.loc["A4-elections-13", "verdict"] == "consistent"
    # "less than four years": Morena had been registered 4.31 years, on the wrong side of the bound
    assert (ledger.loc["A4-elections-15", "data_value"], ledger.loc["A4-elections-15", "verdict"]) == ("4.31", "inaccurate")
    assert ledger.loc["A4-elections-11", "verdict"] == "consistent"
    assert set(ledger["chapter"]) == {"elections"}


def test_claims_only_read_existing_resources():
    names = set(pd.Series([r for c in claims.CLAIMS for r in c.resources]))
    from analysis.data import resource_names

    assert names <= set(resource_names())


# --------------------------------------------------------------------------- figure builders

def test_national_shares_figure(national):
    summary = el.morena_line_summary(national).set_index("year")
    fig = el.national_shares_figure(summary, load("events"))
    assert isinstance(fig, Figure) and fig.name == "el-national-shares"
    assert fig.title == "López Obrador went from two defeats to a 31-point win; Morena widened the lead in 2024"
    assert len(fig.rows) == 8 and fig.rows.groupby("series")["year"].apply(list).map(len).eq(4).all()
    ours = fig.rows[fig.rows["series"].str.startswith("López")].set_index("year")
    assert ours.loc[2018, "votes"] == 30_113_483 and ours["share_pct"].tolist() == summary["share_pct"].tolist()
    rival = fig.rows[fig.rows["series"] == "Strongest other candidate"].set_index("year")
    assert rival.loc[2006, "candidate"] == "Felipe Calderón"
    assert "trails by 0.56 points in 2006" in fig.description
    assert fig.coverage["last_plotted"] == fig.coverage["last_available"] == "2024-06-02"
    assert "presidential_national_results" not in fig.source  # publishers in words, no resource ids
    # the value labels take their series' colour, like the lines (one scale, not one per layer)
    colours = [(node.get("encoding") or {}).get("color") for node in fig.spec_nodes()]
    scales = [c.get("scale") for c in colours if isinstance(c, dict) and c.get("field") == "series"]
    assert len(scales) == 3 and all(s == scales[0] and s["domain"][1] == "Strongest other candidate" for s in scales)


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
    assert isinstance(fig, Figure)
    assert fig.title == "Morena's coalition held a majority of deputies after every election, and two thirds only after the 2024 election"
    assert fig.rows.groupby("composition")["seats"].sum().to_dict() == {
        "2018: INE assignment": 500, "2018: groups at installation": 500, "2021: INE assignment": 500,
        "2024: INE assignment": 500, "2024: groups at installation": 500}
    assert "holds 308 seats after 2018, 278 after 2021 and 364 after 2024" in fig.description
    assert "majority line at 251 and a two-thirds line at 334" in fig.description


def test_bloc_figure_runs_to_the_last_legislature_and_marks_the_term(seats):
    events = load("events")
    fig = el.bloc_figure(el.bloc_table(seats), events)
    assert fig.title == "Morena's coalition passed two thirds of the deputies only in 2024; in the Senate INE's assignment left it 3 seats short"
    assert fig.coverage["last_plotted"] == fig.coverage["last_available"] == "2024-09-01"
    assert len(fig.rows) == 5 and set(fig.rows["chamber"]) == {"Chamber of Deputies", "Senate"}
    labels = [layer.get("data", {}) for layer in fig.spec["vconcat"][0]["layer"]]
    spec_text = str(fig.spec)
    assert "Biden succeeds Trump" in spec_text and "López Obrador's term ends" in spec_text and labels


def test_prep_figures_say_preliminary(results):
    states, boundaries = load("states"), load("state_boundaries")
    prep = load("presidential_state_results_2024_prep")
    sheinbaum = el.prep_by_state(prep, states)
    carto = el.map_2024_figure(sheinbaum, boundaries, states)
    assert carto.title == "In INE's preliminary 2024 count Sheinbaum led every state but Aguascalientes"
    assert "PRELIMINARY" in " ".join(carto.spec["title"]["subtitle"]) and len(carto.rows) == 32
    change = el.change_figure(el.change_2018_2024(el.amlo_by_state(results, states), sheinbaum))
    assert change.title == "Sheinbaum's preliminary share exceeded López Obrador's 2018 share in 25 of 32 states"
    assert "PRELIMINARY" in " ".join(change.spec["title"]["subtitle"])
