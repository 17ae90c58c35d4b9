"""Analysis functions, figure builders and fact-check claims of the security chapter, on the committed data package."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis import load
from analysis.book.charts import Figure
from analysis.chapters import security as sec
from analysis.data.events import Label, event_date
from analysis.factcheck import all_claims, evaluate
from analysis.factcheck.claims import security as security_claims


@pytest.fixture(scope="module")
def national() -> pd.DataFrame:
    return load("homicides_national_annual")


@pytest.fixture(scope="module")
def victims() -> pd.DataFrame:
    return load("homicide_victims_state_annual")


def test_terms_assign_calendar_years_to_presidents():
    assert sec.term_of_year(2006) is None  # Fox governed 11 of 12 months
    assert sec.term_of_year(2007) == sec.term_of_year(2012) == "Calderón"
    assert sec.term_of_year(2013) == sec.term_of_year(2018) == "Peña Nieto"
    assert sec.term_of_year(2019) == sec.term_of_year(2024) == "López Obrador"
    assert sec.term_of_year(2025) is None
    assert (sec.TERMS["end"] > sec.TERMS["start"]).all()
    assert (sec.TERMS["start"].iloc[1:].to_numpy() > sec.TERMS["end"].iloc[:-1].to_numpy()).all()  # no overlap
    assert sec.TERM_END == pd.Timestamp("2024-09-30")


def test_sexenio_summary_totals(national):
    summary = sec.sexenio_summary(national).set_index("president")
    assert summary.loc["Calderón", "homicides_total"] == national[national["year"].between(2007, 2012)]["homicides"].sum() == 121_613
    # 2019–2024 with INEGI's definitive 2024 figure: equals the press sum of the same years (security_published_figures).
    assert summary.loc["López Obrador", "homicides_total"] == 208_223
    assert summary["n_years"].tolist() == [6, 6, 6]
    assert summary.loc["López Obrador", "preliminary_years"] == ""
    assert summary.index.tolist() == ["Calderón", "Peña Nieto", "López Obrador"]


def test_peaks_of_count_and_rate_differ(national):
    assert sec.peak_year(national, through=2017) == 2017
    assert sec.peak_year(national) == 2020  # INEGI final 2020: 36,773 deaths
    assert sec.peak_year(national, column="rate_per_100k") == 2018  # 29.45 per 100,000, against 29.0 in 2020


def test_cumulative_homicides_refuses_gaps(national):
    assert sec.cumulative_homicides(national, 2016, 2017) == 24_559 + 32_079
    with pytest.raises(ValueError, match="missing"):
        sec.cumulative_homicides(national, 1985, 1991)


def test_revisions(national):
    rev = sec.revisions(national).set_index("year")
    assert rev["revision"].to_dict() == {2017: 905, 2018: 721, 2019: 185, 2020: 194, 2021: 75, 2022: 1_064, 2023: 1_190, 2024: 309}
    assert rev.loc[2023, "revision_pct"] == pytest.approx(1_190 / 31_062 * 100)
    assert (rev["final"] - rev["preliminary"] == rev["revision"]).all()


def test_sesnsp_national_and_inegi_comparison(national, victims):
    sesnsp = sec.sesnsp_national(victims).set_index("year")
    assert sesnsp.loc[2019, ["homicidio_doloso", "feminicidio", "total"]].tolist() == [34_723, 970, 35_693]
    both = sec.inegi_vs_sesnsp(national, victims)
    assert both["year"].min() == 2015 and both["year"].max() == 2024 and len(both) == 2 * 10
    wide = both.pivot(index="year", columns="series", values="value")
    assert (wide.iloc[:, 0] > wide.iloc[:, 1]).all()  # INEGI above SESNSP every year
    assert (wide.loc[2024] > wide.loc[2023]).all()  # both series rose in 2024


def test_sesnsp_state_rates_and_leaders(victims):
    rates = sec.sesnsp_state_rates(victims, load("states"))
    assert len(rates) == 32 * 10
    colima = rates[(rates["year"] == 2024) & (rates["state_code"] == "06")].iloc[0]
    parts = victims[(victims["year"] == 2024) & (victims["state_code"] == "06")]
    assert colima["victims"] == parts["victims"].sum() and colima["rate_per_100k"] == round(parts["rate_per_100k"].sum(), 1)
    assert sec.latest_ranking(rates)["state_name"].iloc[0] == "Colima"
    leaders = sec.leaders_by_year(rates)
    assert leaders[2021] == "Zacatecas" and (leaders == "Colima").sum() == 8


def test_top_share(victims):
    states = load("states")
    top, share = sec.top_share(victims, states, 2019, n=3)
    year = victims[victims["year"] == 2019]
    by_state = year.groupby("state_code")["victims"].sum().sort_values(ascending=False)
    assert top["state_code"].tolist() == by_state.index[:3].tolist()
    assert share == pytest.approx(by_state.iloc[:3].sum() / by_state.sum() * 100)


def test_kidnapping_femicide(victims):
    frame = sec.kidnapping_femicide(load("kidnapping_victims_state_annual"), victims).set_index("year")
    assert frame.loc[2019, "secuestro"] == 1_629 and frame.loc[2022, "secuestro"] == 724
    assert frame["feminicidio"].idxmax() == 2021 and frame.loc[2021, "feminicidio"] == 1_021


def test_overdose_periods_and_shares():
    periods = sec.overdose_periods(load("overdose_deaths_us_provisional")).set_index("period_end")
    assert periods.loc["2024-12-01", ["all_drugs", "synthetic_opioids"]].tolist() == [81_711, 49_241]  # predicted
    assert periods.loc["2024-12-01", "synthetic_share_pct"] == pytest.approx(49_241 / 81_711 * 100)
    reported = sec.overdose_periods(load("overdose_deaths_us_provisional"), "reported").set_index("period_end")
    assert reported.loc["2024-12-01", "all_drugs"] == 80_856
    trend = sec.overdose_trend(load("overdose_deaths_us_provisional"))
    assert trend["peak"] == periods["all_drugs"].idxmax() and trend["peak_deaths"] == periods["all_drugs"].max()
    assert trend["last_year"] == pd.Timestamp("2024-12-01") and trend["last_deaths"] == 81_711
    assert trend["fall_pct"] == pytest.approx(100 * (1 - 81_711 / trend["peak_deaths"]))
    assert trend["peak"] < trend["last_year"] and trend["fall_pct"] > 0
    assert sec.period_name(pd.Timestamp("2022-12-01")) == "2022"
    assert sec.period_name(pd.Timestamp("2024-09-01")) == "12 months to September 2024"


def test_assistance_combines_both_tables():
    frame = sec.assistance(load("merida_appropriations"), load("security_assistance_mexico_published"))
    assert len(frame) == 5 + 6
    single = frame[frame["kind"] == "appropriation"].set_index("first_fiscal_year")["usd_mn"]
    assert single.idxmax() == 2009 and single[2009] == 720
    cumulative = frame[(frame["kind"] == "cumulative") & (frame["last_fiscal_year"] == 2010)]["usd_mn"]
    assert sorted(cumulative) == [1_300, 1_500]


def test_events_table_and_section_lists():
    events = load("events")
    table = sec.events_table(events, sec.POLICY_EVENTS)
    assert len(table) == len(sec.POLICY_EVENTS) and table.columns.tolist() == ["Date", "Event", "Source"]
    assert table["Date"].iloc[0] == "14 November 2018"
    month = sec.events_table(events, [Label.SECOND_SECURITY_DIALOGUE])
    assert month["Date"].item() == "October 2022"  # month precision shown as such
    assert table["Source"].str.match(r"^\[.+\]\(https?://\S+\)$").all()
    with pytest.raises(KeyError, match="no event labelled"):
        sec.events_table(events, ["No such event"])
    for labels in (sec.POLICY_EVENTS, sec.STRATEGY_2017_EVENTS, sec.CIENFUEGOS_EVENTS, sec.COOPERATION_EVENTS):
        assert len(sec.events_table(events, labels)) == len(labels)


def test_missing_and_published_figures():
    figures = load("security_published_figures")
    missing = sec.missing(figures)
    assert len(missing) == (figures["status"] == "not found").sum() and missing["note"].str.len().gt(0).all()
    fentanyl = sec.published(figures, "drugs_fentanyl_seizures_mx").set_index("period")["value"]
    assert fentanyl["2019"] == 419 and fentanyl["1 Dec 2018–2 Sep 2024"] == 8_306


def test_cpi_2024_is_the_lowest_score_on_the_0_100_scale():
    cpi = load("cpi_mexico_annual")
    recent = cpi[cpi["scale"] == "0-100"].set_index("year")["score"]
    assert recent.idxmin() == 2024 and (recent.drop(2024) > recent[2024]).all()  # the chapter's "lowest since 2012"


def test_event_date():
    events = load("events")
    assert event_date(events, "Cienfuegos arrested") == pd.Timestamp("2020-10-15")
    assert event_date(events, Label.ZAMBADA_ARRESTED) == pd.Timestamp("2024-07-25")
    with pytest.raises(KeyError):
        event_date(events, "no such event")


def test_security_claims_registered_and_verdicts():
    ids = {c.claim_id for c in all_claims() if c.chapter == "security"}
    assert ids == {c.claim_id for c in security_claims.CLAIMS}
    ledger = evaluate(security_claims.CLAIMS).set_index("claim_id")
    # 2017: the article quoted INEGI's preliminary count, since revised.
    assert ledger.loc["A4-security-02", "verdict"] == "revised"
    assert ledger.loc["A4-security-02", "as_published_value"] == "31174"
    # 2012: 26,037 is INEGI's preliminary count; the final count is 25,967.
    assert (ledger.loc["A4-security-01", "verdict"], ledger.loc["A4-security-01", "as_published_value"]) == ("revised", "26037")
    # the press tally of deaths covers only 2006–2016, narrower than the article's span
    assert (ledger.loc["A3-security-01", "verdict"], ledger.loc["A3-security-01", "data_value"]) == ("narrower", "186000")


def test_claim_verdict_changes_with_the_data(national):
    """The 2017 claim must stop being 'revised' if the preliminary figure in the data changes."""
    claim = next(c for c in security_claims.CLAIMS if c.claim_id == "A4-security-02")
    altered = national.assign(homicides_preliminary=national["homicides_preliminary"].where(national["year"] != 2017, 30_000))
    loader = lambda name: altered if name == "homicides_national_annual" else load(name)
    # 31,174 is no longer the figure first published, and a precise figure 2.8% off the final
    # 32,079 (more than the 2% tolerance) is inaccurate: the article does not round it.
    assert evaluate([claim], loader=loader)["verdict"].item() == "inaccurate"


# --- figure builders -----------------------------------------------------------------------------

def _all_rule_dates(fig: Figure) -> set[str]:
    """Dates of the dashed marker rules (changes of U.S. administration, end of the term) anywhere in the chart."""
    datasets = fig.spec.get("datasets", {})
    dates = set()
    for node in fig.spec_nodes():
        mark = node.get("mark")
        if isinstance(mark, dict) and mark.get("type") == "rule" and mark.get("strokeDash") and "data" in node:
            values = datasets.get(node["data"].get("name"), node["data"].get("values", []))
            dates.update(pd.Timestamp(v["date"]).strftime("%Y-%m-%d") for v in values)
    return dates


def test_homicide_rate_figure(national):
    fig = sec.homicide_rate_figure(national)
    assert isinstance(fig, Figure) and fig.name == "security-homicide-rate"
    assert fig.title == ("The homicide rate peaked at 29.4 per 100,000 in 2018, stayed near that level to 2020, fell to 24.9 in 2023 "
                         "and rose to 25.6 in 2024")
    assert fig.rows["year"].tolist() == national["year"].tolist()
    assert fig.rows["date"].dt.month.eq(7).all()  # each year plotted at mid-year
    assert fig.coverage["last_plotted"] == fig.coverage["last_available"] == "2024"
    assert {"2021-01-20", "2024-09-30"} <= _all_rule_dates(fig)


def test_inegi_sesnsp_figure(national, victims):
    fig = sec.inegi_sesnsp_figure(national, victims)
    assert fig.name == "security-inegi-sesnsp"
    assert fig.title == ("Both official series plateaued in 2018–2020, fell to 2023 and rose in 2024; INEGI counted 2,652 more deaths "
                         "than the SESNSP in 2024")
    pd.testing.assert_frame_equal(fig.rows, sec.inegi_vs_sesnsp(national, victims))
    assert {"2021-01-20", "2024-09-30"} <= _all_rule_dates(fig)


def test_state_heatmap_figure(victims):
    rates = sec.sesnsp_state_rates(victims, load("states"))
    fig = sec.state_heatmap_figure(rates)
    assert fig.name == "security-state-heatmap"
    assert fig.title == "In 2024 Colima had the highest rate (110.7 victims per 100,000); 4 states were at 50 or more"
    assert len(fig.rows) == 32 * 10 and fig.coverage["last_plotted"] == "2024"
    rect = next(layer for layer in fig.spec["vconcat"][0]["layer"] if layer["mark"] == "rect" or layer["mark"].get("type") == "rect")
    assert rect["encoding"]["y"]["sort"] == sec.latest_ranking(rates)["state_name"].tolist()


def test_kidnapping_femicide_figure(victims):
    fig = sec.kidnapping_femicide_figure(load("kidnapping_victims_state_annual"), victims)
    assert fig.name == "security-kidnapping-femicide"
    assert fig.title == "Kidnapping victims fell 56% from 2019 to 2022, then rose; femicide victims peaked in 2021"
    assert len(fig.rows) == 2 * 10 and set(fig.rows["crime"]) == {"secuestro", "feminicidio"}


def test_overdoses_figure_keeps_provisional_and_final_apart():
    fig = sec.overdoses_figure(load("overdose_deaths_us_provisional"), load("overdose_deaths_us_annual"))
    assert fig.name == "security-us-overdoses"
    assert fig.title == ("U.S. overdose deaths peaked at 110,942 in 2022 and fell to 81,711 in 2024 (provisional); synthetic opioids' "
                         "share fell from 68% to 60%")
    assert fig.coverage["last_plotted"] == fig.coverage["last_available"] == "2025-04-01"
    assert set(fig.rows["status"]) == {"provisional", "final"}
    final = fig.rows[fig.rows["status"] == "final"]
    assert final["period_end"].dt.month.eq(12).all() and final["period_end"].dt.year.max() == 2023
    assert {"2021-01-20", "2024-09-30", "2025-01-20"} <= _all_rule_dates(fig)


def test_poppy_figure_shows_the_two_estimators_apart():
    fig = sec.poppy_figure(load("poppy_mexico_annual"), load("poppy_mexico_unodc"))
    assert fig.name == "security-poppy"
    assert fig.title.startswith("U.S. estimates of poppy cultivation fell 47% from their 2017 peak to 2020, then rose 23% in 2021")
    assert len(fig.spec["vconcat"][0]["vconcat"]) == 2  # one panel per estimator, never one line
    assert fig.rows.groupby("estimator").size().tolist() == [10, 6]


def test_assistance_figure():
    fig = sec.assistance_figure(load("merida_appropriations"), load("security_assistance_mexico_published"))
    assert fig.name == "security-assistance"
    assert fig.title == ("The largest single year found is FY2009 ($720 million); cumulative totals reached about $3.3 billion by FY2021 "
                         "(CRS) and about $3.5 billion by FY2022 (press)")
    assert fig.coverage["last_plotted"] == "2022"


def test_cpi_figure_title_reads_the_right_way():
    fig = sec.cpi_figure(load("cpi_mexico_annual"))
    assert fig.name == "security-cpi"
    assert fig.title == "Perceived corruption worsened: Mexico's CPI score fell from 34 in 2012 to 26 in 2024, its lowest on the 0–100 scale"
    assert fig.rows["year"].tolist() == list(range(2012, 2025))  # the 0–100 scale only
    assert (fig.rows["label"] == fig.rows["rank"].astype(str)).all()
