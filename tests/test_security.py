"""Analysis functions and fact-check claims of the security chapter, on the committed data package."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis import load
from analysis.chapters import security as sec
from analysis.factcheck.claims import security as security_claims
from analysis.factcheck import all_claims, evaluate
from analysis.data.events import event_date
from analysis.book.charts import Figure


@pytest.fixture(scope="module")
def national() -> pd.DataFrame:
    return load("homicides_national_annual")


def test_terms_assign_calendar_years_to_presidents():
    assert sec.term_of_year(2006) is None  # Fox governed 11 of 12 months
    assert sec.term_of_year(2007) == sec.term_of_year(2012) == "Calderón"
    assert sec.term_of_year(2013) == sec.term_of_year(2018) == "Peña Nieto"
    assert sec.term_of_year(2019) == sec.term_of_year(2024) == "López Obrador"
    assert sec.term_of_year(2025) is None
    assert (sec.TERMS["end"] > sec.TERMS["start"]).all()
    assert (sec.TERMS["start"].iloc[1:].to_numpy() > sec.TERMS["end"].iloc[:-1].to_numpy()).all()  # no overlap


def test_sexenio_summary_totals(national):
    summary = sec.sexenio_summary(national).set_index("president")
    assert summary.loc["Calderón", "homicides_total"] == national[national["year"].between(2007, 2012)]["homicides"].sum() == 121_613
    assert summary.loc["López Obrador", "homicides_total"] == national[national["year"].between(2019, 2024)]["homicides"].sum()
    assert summary["n_years"].tolist() == [6, 6, 6]
    assert summary.loc["López Obrador", "preliminary_years"] == "2024"
    assert summary.index.tolist() == ["Calderón", "Peña Nieto", "López Obrador"]


def test_peak_year(national):
    assert sec.peak_year(national, through=2017) == 2017
    assert sec.peak_year(national) == 2020  # INEGI final 2020: 36,773


def test_cumulative_homicides_refuses_gaps(national):
    assert sec.cumulative_homicides(national, 2016, 2017) == 24_559 + 32_079
    with pytest.raises(ValueError, match="missing"):
        sec.cumulative_homicides(national, 1985, 1991)


def test_sesnsp_national_and_inegi_comparison(national):
    victims = load("homicide_victims_state_annual")
    sesnsp = sec.sesnsp_national(victims).set_index("year")
    assert sesnsp.loc[2019, ["homicidio_doloso", "feminicidio", "total"]].tolist() == [34_723, 970, 35_693]
    both = sec.inegi_vs_sesnsp(national, victims)
    assert both["year"].min() == 2015 and both["year"].max() == 2024
    assert len(both) == 2 * 10
    wide = both.pivot(index="year", columns="series", values="value")
    assert (wide.iloc[:, 0] > wide.iloc[:, 1]).all()  # INEGI above SESNSP every year


def test_top_share():
    victims, states = load("homicide_victims_state_annual"), load("states")
    top, share = sec.top_share(victims, states, 2019, n=3)
    year = victims[victims["year"] == 2019]
    by_state = year.groupby("state_code")["victims"].sum().sort_values(ascending=False)
    assert top["state_code"].tolist() == by_state.index[:3].tolist()
    assert share == pytest.approx(by_state.iloc[:3].sum() / by_state.sum() * 100)


def test_state_annual_rates():
    rates = sec.state_annual_rates(load("homicides_state_monthly"), load("states"))
    assert len(rates) == 32 * 23
    row = rates[(rates["year"] == 2020) & (rates["state_code"] == "11")].iloc[0]
    assert row["homicides"] == 5_155 and row["state_name"] == "Guanajuato"
    assert row["rate_per_100k"] == round(5_155 / row["population"] * 100_000, 1)


def test_event_date():
    events = load("events")
    assert event_date(events, "Cienfuegos arrested") == pd.Timestamp("2020-10-15")
    with pytest.raises(KeyError):
        event_date(events, "no such event")


def test_security_claims_registered_and_verdicts():
    ids = {c.claim_id for c in all_claims() if c.chapter == "security"}
    assert ids == {c.claim_id for c in security_claims.CLAIMS}
    ledger = evaluate(security_claims.CLAIMS).set_index("claim_id")
    # 2017: the article quoted INEGI's preliminary count, since revised.
    assert ledger.loc["A4-security-02", "verdict"] == "revised"
    assert ledger.loc["A4-security-02", "as_published_value"] == "31174"
    assert ledger.loc["A4-security-01", "verdict"] == "consistent"
    assert ledger.loc["A4-security-08", "verdict"] == "consistent"
    assert ledger.loc["A4-security-05", "verdict"] == "approximately"  # 26,100 vs ONDCP's current 28,000
    assert ledger.loc["A3-security-01", "verdict"] == "unverifiable"
    assert ledger.loc["A3-security-01", "other_definition_value"] == str(sec.cumulative_homicides(load("homicides_national_annual"), 2007, 2017))
    assert ledger.loc["A5-security-01", "verdict"] == "consistent"
    assert (ledger.loc[["A4-security-09", "A4-security-10", "A4-security-11", "A2-security-02"], "verdict"] == "unverifiable").all()


def test_claim_verdict_changes_with_the_data(national):
    """The 2017 claim must stop being 'revised' if the preliminary figure in the data changes."""
    claim = next(c for c in security_claims.CLAIMS if c.claim_id == "A4-security-02")
    altered = national.assign(homicides_preliminary=national["homicides_preliminary"].where(national["year"] != 2017, 30_000))
    loader = lambda name: altered if name == "homicides_national_annual" else load(name)
    # 31,174 is within 10% of the final 32,079 but no longer the figure first published.
    assert evaluate([claim], loader=loader)["verdict"].item() == "approximately"


# --- figure builders -----------------------------------------------------------------------------

def _layer_marks(fig) -> list[str]:
    """Mark types of the drawn chart (the figure wraps it with its source line in a vconcat)."""
    chart = fig.spec["vconcat"][0]
    layers = chart.get("layer", [chart])
    return [layer["mark"]["type"] if isinstance(layer["mark"], dict) else layer["mark"] for layer in layers]


def test_homicide_rate_figure(national):
    fig = sec.homicide_rate_figure(national)
    assert isinstance(fig, Figure) and fig.name == "security-homicide-rate"
    assert fig.title == "The homicide rate rose from 8.2 per 100,000 in 2007 to 29.4 in 2018, then eased to 24.9 in 2023"
    assert fig.rows["year"].tolist() == national["year"].tolist()
    assert fig.rows.set_index("year").loc[2024, "figure"] == "Preliminary"
    assert fig.rows["date"].dt.month.eq(7).all()  # each year plotted at mid-year
    assert _layer_marks(fig) == ["rect", "line", "point"]  # terms shaded under the line


def test_inegi_sesnsp_figure(national):
    victims = load("homicide_victims_state_annual")
    fig = sec.inegi_sesnsp_figure(national, victims)
    assert isinstance(fig, Figure) and fig.name == "security-inegi-sesnsp"
    assert fig.title.endswith("INEGI runs 2,343 above SESNSP in 2024")
    pd.testing.assert_frame_equal(fig.rows, sec.inegi_vs_sesnsp(national, victims))
    assert len(fig.rows) == 20 and fig.rows["series"].nunique() == 2


def test_state_heatmap_figure():
    rates = sec.state_annual_rates(load("homicides_state_monthly"), load("states"))
    fig = sec.state_heatmap_figure(rates)
    assert isinstance(fig, Figure) and fig.name == "security-state-heatmap"
    assert fig.title == "Violence moved between states; in 2022 Colima had the highest rate (122.4 per 100,000)"
    assert fig.rows.columns.tolist() == ["year", "state_name", "homicides", "rate_per_100k"]
    assert len(fig.rows) == 32 * 23
    ranking = sec.latest_state_ranking(rates)
    assert ranking["year"].eq(2022).all() and len(ranking) == 32 and ranking["rate_per_100k"].is_monotonic_decreasing
    assert fig.spec["vconcat"][0]["encoding"]["y"]["sort"] == ranking["state_name"].tolist()


def test_overdoses_figure():
    fig = sec.overdoses_figure(load("overdose_deaths_us_annual"))
    assert isinstance(fig, Figure) and fig.name == "security-us-overdoses"
    assert fig.title == "Synthetic-opioid deaths drove U.S. overdoses up: 1.0 per 100,000 in 2013, 22.7 in 2022"
    assert set(fig.rows["series"]) == {"All drug overdoses", "Synthetic opioids other than methadone"}
    assert fig.rows.columns.tolist() == ["year", "series", "value", "status"]
    assert len(fig.rows) == 49  # all drugs 1999–2023, synthetic opioids 1999–2022


def test_poppy_figure():
    poppy = load("poppy_mexico_annual")
    fig = sec.poppy_figure(poppy)
    assert isinstance(fig, Figure) and fig.name == "security-poppy"
    assert fig.title == "U.S. estimates of poppy cultivation peaked in 2017 and fell by 47% to 2020"
    assert len(fig.rows) == 11 and (fig.rows["estimator"] != "ONDCP").sum() == 1
    ondcp = sec.ondcp_cultivation(poppy)
    assert ondcp.idxmax() == 2017 and ondcp.index.tolist() == fig.rows.loc[fig.rows["estimator"] == "ONDCP", "year"].tolist()


def test_cpi_figure():
    fig = sec.cpi_figure(load("cpi_mexico_annual"))
    assert isinstance(fig, Figure) and fig.name == "security-cpi"
    assert fig.title == "Mexico's corruption score fell from 34 in 2012 to 26 in 2024"
    assert fig.rows["year"].tolist() == list(range(2012, 2025))  # the 0–100 scale only
    assert (fig.rows["label"] == fig.rows["rank"].astype(str)).all()
