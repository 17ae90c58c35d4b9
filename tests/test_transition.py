"""Period logic, transition-window events, indicator comparison and A5 claims of the transition chapter."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.book.report import html_table

from analysis import load
from analysis.chapters import transition as tr
from analysis.factcheck.claims import transition as claims_module
from analysis.factcheck import evaluate, verdict
from analysis.data.events import Label, event_date
from analysis.book.charts import Figure


def months(*values: str) -> pd.DataFrame:
    return pd.DataFrame({"date": pd.to_datetime(list(values))})


# --- days and months -----------------------------------------------------------------------------

def test_period_of_day_boundaries():
    days = pd.Series(pd.to_datetime(["2018-11-30", "2018-12-01", "2021-01-19", "2021-01-20", "2024-09-30", "2024-10-01"]))
    assert tr.period_of_day(days).tolist() == [pd.NA, tr.TRUMP_AMLO, tr.TRUMP_AMLO, tr.BIDEN_AMLO, tr.BIDEN_AMLO, pd.NA]


def test_month_days_splits_january_2021():
    days = tr.month_days(months("2021-01-01", "2018-12-01", "2024-09-01", "2024-02-01")["date"]).set_index("date")
    assert days.loc["2021-01-01", ["days", tr.TRUMP_AMLO, tr.BIDEN_AMLO]].tolist() == [31, 19, 12]
    assert days.loc["2018-12-01", [tr.TRUMP_AMLO, tr.BIDEN_AMLO]].tolist() == [31, 0]
    assert days.loc["2024-09-01", [tr.TRUMP_AMLO, tr.BIDEN_AMLO]].tolist() == [0, 30]
    assert days.loc["2024-02-01", "days"] == 29  # leap year


def test_partial_month_excluded_by_default():
    out = tr.assign_period(months("2018-11-01", "2018-12-01", "2020-12-01", "2021-01-01", "2021-02-01", "2024-09-01", "2024-10-01"))
    assert out["period"].tolist() == [pd.NA, tr.TRUMP_AMLO, tr.TRUMP_AMLO, pd.NA, tr.BIDEN_AMLO, tr.BIDEN_AMLO, pd.NA]
    assert out["partial_month"].tolist() == [False, False, False, True, False, False, False]


def test_majority_rule_gives_january_2021_to_trump_amlo():
    out = tr.assign_period(months("2021-01-01", "2018-11-01"), partial="majority")
    assert out["period"].tolist() == [tr.TRUMP_AMLO, pd.NA]
    assert out["partial_month"].tolist() == [True, False]


def test_assignment_keeps_other_columns_and_index():
    frame = pd.DataFrame({"date": pd.to_datetime(["2019-05-01", "2022-05-01"]), "value": [1.0, 2.0]}, index=[10, 20])
    out = tr.assign_period(frame)
    assert list(out.index) == [10, 20] and out["value"].tolist() == [1.0, 2.0]


def test_non_month_start_and_unknown_rule_are_refused():
    with pytest.raises(ValueError, match=r"column 'date', row 1: 2021-01-15 is not the 1st of a month"):
        tr.assign_period(months("2021-01-01", "2021-01-15"))
    with pytest.raises(ValueError, match="partial='split'"):
        tr.assign_period(months("2021-01-01"), partial="split")


def test_calendar_of_period_months():
    exclude = tr.period_months()
    assert exclude["period"].value_counts().to_dict() == {tr.BIDEN_AMLO: 44, tr.TRUMP_AMLO: 25}
    assert exclude.loc[exclude["partial_month"], "date"].tolist() == [pd.Timestamp("2021-01-01")]
    assert tr.period_months("majority")["period"].value_counts().to_dict() == {tr.BIDEN_AMLO: 44, tr.TRUMP_AMLO: 26}


# --- indicators ----------------------------------------------------------------------------------

def test_indicator_series_selects_and_sums():
    dates = pd.to_datetime(["2019-01-01", "2019-01-01", "2019-02-01"])
    trade = pd.DataFrame({"date": dates, "partner": ["Mexico", "China", "Mexico"], "exports_usd_mn": [1.0, 100.0, 2.0], "imports_usd_mn": [3.0, 300.0, 4.0]})
    encounters = pd.DataFrame({"date": dates, "citizenship": ["Mexico", "Honduras", "Mexico"], "encounters": [10, 5, 7]})
    homicides = pd.DataFrame({"date": dates, "state_code": ["01", "02", "01"], "crime": ["homicidio doloso", "homicidio doloso", "feminicidio"], "victims": [4, 6, 1]})
    deaths = pd.DataFrame({"date": dates, "state_code": ["01", "02", "01"], "homicides": [3, 4, 5], "population_estimate": [1, 1, 1]})
    series = tr.indicator_series(trade=trade, encounters=encounters, homicides=homicides, homicide_deaths=deaths).set_index(["indicator", "date"])["value"]
    assert series[("homicide_deaths", pd.Timestamp("2019-01-01"))] == 7
    assert series[("us_exports_to_mexico", pd.Timestamp("2019-01-01"))] == 1.0
    assert series[("us_imports_from_mexico", pd.Timestamp("2019-02-01"))] == 4.0
    assert series[("sw_encounters_all", pd.Timestamp("2019-01-01"))] == 15
    assert series[("sw_encounters_mexico", pd.Timestamp("2019-01-01"))] == 10
    assert series[("homicide_victims", pd.Timestamp("2019-01-01"))] == 10
    assert ("homicide_victims", pd.Timestamp("2019-02-01")) not in series.index  # feminicidio only that month
    assert "remittances" not in series.index.get_level_values("indicator")


def test_compare_periods_averages_covered_months_and_drops_partial_month():
    series = pd.DataFrame({
        "indicator": "remittances",
        "date": pd.to_datetime(["2018-11-01", "2018-12-01", "2020-12-01", "2021-01-01", "2021-02-01", "2021-03-01"]),
        "value": [1000.0, 10.0, 20.0, 500.0, 30.0, 50.0],
    })
    out = tr.compare_periods(series).set_index("period")
    assert out.loc[tr.TRUMP_AMLO, "monthly_mean"] == 15.0
    assert out.loc[tr.BIDEN_AMLO, "monthly_mean"] == 40.0
    assert out.loc[tr.TRUMP_AMLO, "months_with_data"] == 2 and out.loc[tr.TRUMP_AMLO, "months_in_period"] == 25
    assert not out["complete"].any()
    majority = tr.compare_periods(series, partial="majority").set_index("period")
    assert majority.loc[tr.TRUMP_AMLO, "monthly_mean"] == pytest.approx(530 / 3)
    change = tr.change_table(tr.compare_periods(series)).set_index("indicator")
    assert change.loc["remittances", "change_pct"] == pytest.approx(100 * (40 / 15 - 1))
    assert change.loc["remittances", "last_month_biden_amlo"] == pd.Timestamp("2021-03-01")


def test_compare_periods_complete_flag_and_duplicates():
    full = tr.period_months().dropna(subset=["period"])
    series = pd.DataFrame({"indicator": "homicide_victims", "date": full["date"], "value": 1.0})
    assert tr.compare_periods(series)["complete"].all()
    with pytest.raises(ValueError, match="duplicate indicator and month"):
        tr.compare_periods(pd.concat([series, series.head(1)], ignore_index=True))


def test_share_by_period_sums_months_before_dividing():
    frame = pd.DataFrame({"date": pd.to_datetime(["2020-03-01", "2020-03-01", "2020-04-01", "2021-01-01", "2022-01-01"]),
                          "title_42": [0, 10, 30, 999, 5], "encounters": [50, 50, 100, 1000, 20]})
    shares = tr.share_by_period(frame, "title_42", "encounters")
    assert shares[tr.TRUMP_AMLO] == pytest.approx(100 * 40 / 200)  # January 2021 is excluded
    assert shares[tr.BIDEN_AMLO] == pytest.approx(25.0)


# --- events --------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def events() -> pd.DataFrame:
    return load("events")


def test_transition_window_days_and_periods(events):
    window = tr.transition_events(events).set_index("label")
    assert window.loc["Electoral College vote", "days_after_election"] == 41
    assert window.loc["Biden inaugurated", "days_after_election"] == 78
    assert window.loc["First Biden–AMLO call", "period"] == tr.BIDEN_AMLO
    assert window.loc["FGR clears Cienfuegos", "period"] == tr.TRUMP_AMLO
    assert window["date"].between(tr.TRANSITION_START, tr.TRANSITION_END).all()
    assert "side" not in window.columns  # no "who acted" tally: the Senate and the FGR are not "the government"
    table = tr.window_table_html(tr.transition_events(events))
    assert table.count("<tr>") == len(window) + 1 and table.count('<a href="http') == len(window)


def test_event_lookup_errors(events):
    with pytest.raises(KeyError, match="no such event"):
        event_date(events, "no such event")
    assert tr.days_between(events, Label.US_ELECTION_DAY, Label.BIDEN_INAUGURATED) == 78
    assert tr.days_between(events, Label.CIENFUEGOS_ARRESTED, Label.US_ELECTION_DAY) == 19
    assert tr.first_congratulation(events) == pd.Timestamp("2020-12-14")


def test_year_of_term_counts_from_1_december_2018():
    assert tr.year_of_term(pd.Timestamp("2018-12-01")) == "first"
    assert tr.year_of_term(pd.Timestamp("2019-11-30")) == "first"
    assert tr.year_of_term(pd.Timestamp("2019-12-01")) == "second"
    assert tr.year_of_term(pd.Timestamp("2020-10-15")) == "second"  # the Cienfuegos arrest: not his third year
    assert tr.year_of_term(pd.Timestamp("2024-09-30")) == "sixth"
    with pytest.raises(ValueError, match="outside López Obrador's term"):
        tr.year_of_term(pd.Timestamp("2024-10-01"))


def test_electoral_votes_come_from_the_event_and_fail_clearly(events):
    assert tr.electoral_votes(events) == {"biden": 306, "trump": 232}
    reworded = events.copy()
    reworded.loc[reworded["label"] == Label.ELECTORAL_COLLEGE_VOTE, "event"] = "Electors meet in every state"
    with pytest.raises(ValueError, match="does not state the electoral votes"):
        tr.electoral_votes(reworded)
    with pytest.raises(KeyError, match="expected one event"):
        tr.electoral_votes(events[events["label"] != Label.ELECTORAL_COLLEGE_VOTE])


def test_dispute_events_are_numbered_and_classified(events):
    disputes = tr.dispute_events(events)
    assert disputes["number"].tolist() == list(range(1, len(tr.DISPUTES) + 1))
    assert disputes["date"].is_monotonic_increasing
    by_label = disputes.set_index("label")
    assert by_label.loc[Label.USMCA_ENERGY_CONSULTATIONS, ["issue", "country"]].tolist() == [tr.ENERGY, tr.AMERICAN]
    assert by_label.loc[Label.ELECTRICITY_REFORM_REJECTED, "actor"] == "Chamber of Deputies"
    assert by_label.loc[Label.REGULATORS_UNDER_REVIEW, "date"] < event_date(events, Label.BIDEN_INAUGURATED)
    assert by_label.loc[Label.REGULATORS_ABOLISHED, "period"] == "after López Obrador's term"
    assert set(disputes["issue"]) == set(tr.ISSUES)
    with pytest.raises(KeyError, match="dispute labels missing or repeated"):
        tr.dispute_events(events[events["label"] != Label.IFT_COFECE_KEPT_FOR_USMCA])
    with pytest.raises(KeyError, match="dispute labels missing or repeated"):
        tr.dispute_events(pd.concat([events, events[events["label"] == Label.IFT_COFECE_KEPT_FOR_USMCA]]))
    table = tr.dispute_table_html(disputes)
    assert table.count('<a href="http') == len(disputes) and "<th>who acted</th>" in table


def test_period_events_and_table(events):
    security_biden = tr.period_events(events, "security")
    assert Label.BICENTENNIAL_FRAMEWORK in set(security_biden["label"])
    assert tr.period_of_day(security_biden["date"]).eq(tr.BIDEN_AMLO).all()
    assert not set(security_biden["label"]) & {Label.FGR_CLEARS_CIENFUEGOS, Label.CIENFUEGOS_ARRESTED}
    table = tr.events_table_html(events[events["label"] == Label.MEXICO_RATIFIES_USMCA])
    assert "<td>2019-06</td>" in table  # month precision shown as such


def test_shown_claims_keeps_order_and_drops_unknown_ids():
    ledger = pd.DataFrame({"claim_id": ["A5-transition-01", "A5-transition-03"]})
    assert tr.shown_claims(ledger, ["A5-transition-03", "A5-transition-02", "A5-transition-01"]) == ["A5-transition-03", "A5-transition-01"]


def test_difference_words():
    assert tr.difference_words(-8.18) == "8% lower"
    assert tr.difference_words(212.9) == "213% higher"
    assert tr.difference_words(0.2) == "unchanged"


def test_term_marks_only_inside_the_chart(events):
    marks = tr.term_marks(events, pd.Timestamp("2018-01-01"), pd.Timestamp("2024-12-31"))
    assert marks["date"].tolist() == [pd.Timestamp("2021-01-20"), pd.Timestamp("2024-09-30")]
    assert len(tr.term_marks(events, pd.Timestamp("2018-01-01"), pd.Timestamp("2025-08-01"))) == 3
    assert tr.term_marks(events, pd.Timestamp("2021-02-01"), pd.Timestamp("2024-01-01")).empty


# --- the other chapters' measures ------------------------------------------------------------------

def test_rolling_trade_shares_and_leader():
    dates = pd.date_range("2020-01-01", periods=14, freq="MS")
    rows = []
    for n, date in enumerate(dates):
        for partner, value in (("Mexico", 10.0 + (20 if n >= 12 else 0)), ("Canada", 11.0), ("China", 9.0), ("World", 100.0)):
            rows.append({"date": date, "partner": partner, "total_trade_usd_mn": value})
    shares = tr.rolling_trade_shares(pd.DataFrame(rows), start="2020-01-01")
    assert shares["date"].min() == pd.Timestamp("2020-12-01")  # the first full 12 months
    first = shares[shares["date"] == pd.Timestamp("2020-12-01")].set_index("partner")
    assert first.loc["Mexico", "share_pct"] == 10.0 and first.loc["Canada", "rank"] == 1
    last = shares[shares["date"] == pd.Timestamp("2021-02-01")].set_index("partner")
    assert last.loc["Mexico", "share_pct"] == pytest.approx(100 * 160 / 1200, abs=0.01)
    assert tr.leading_since(shares) == pd.Timestamp("2021-01-01")
    assert tr.leading_since(shares, "Canada") is None


def test_share_record_and_phrase():
    record = tr.share_record(load("us_trade_monthly"))
    assert record["last_month"] == load("us_trade_monthly")["date"].max()
    assert record["peak"] >= record["last"]
    assert tr.record_phrase({**record, "peak_month": record["last_month"]}).startswith("the largest of the 12-month series, which starts in ")
    earlier = {**record, "peak_month": pd.Timestamp("2001-01-01"), "peak": 12.34}
    assert tr.record_phrase(earlier) == "below its peak of 12.3% in January 2001"


def test_victims_and_overdose_paths():
    victims = pd.DataFrame({"year": [2018, 2019, 2020, 2021, 2019, 2020, 2021, 2018], "state_code": "01",
                            "crime": ["homicidio doloso"] * 4 + ["feminicidio"] * 4, "victims": [50, 40, 30, 35, 9, 9, 9, 9]})
    path = tr.victims_path(victims)
    assert (path["peak_year"], path["peak"], path["low_year"], path["low"], path["last_year"], path["last"]) == (2019, 40, 2020, 30, 2021, 35)
    assert path["low_change_pct"] == pytest.approx(-25.0)
    overdoses = pd.DataFrame({"year": [2019, 2020, 2021], "measure": "deaths_all_drugs", "value": [5.0, 9.0, 7.0]})
    assert tr.overdose_path(overdoses) == {"first_year": 2019, "first": 5, "peak_year": 2020, "peak": 9, "last_year": 2021, "last": 7}
    real = tr.victims_path(load("homicide_victims_state_annual"))
    assert real["peak_year"] == 2019 and real["last_year"] == 2024


def test_html_table_escapes_and_links():
    frame = pd.DataFrame({"a": ["x<y"], "pub": ["P & Q"], "url": ["https://e.org/?a=1&b=2"]})
    table = html_table(frame, {"source": ("pub", "url")})
    assert "<th>a</th><th>source</th>" in table
    assert "<td>x&lt;y</td>" in table
    assert '<a href="https://e.org/?a=1&amp;b=2">P &amp; Q</a>' in table


def test_us_national_totals():
    totals = tr.us_national_totals(load("us_president_2020_state"))
    assert (totals["biden_votes"], totals["trump_votes"]) == (81_268_908, 74_216_146)
    assert totals["margin_votes"] == 7_052_762
    assert totals["biden_share"] == pytest.approx(51.26, abs=0.01)
    assert totals["states_within_1pt"] == 3
    assert tr.closest_states(load("us_president_2020_state"), 3)["state_po"].tolist() == ["GA", "AZ", "WI"]


# --- A5 claims -----------------------------------------------------------------------------------

def test_part_of_month():
    assert claims_module.part_of_month(pd.Timestamp("2021-01-04")) == "early January 2021"
    assert claims_module.part_of_month(pd.Timestamp("2021-01-20")) == "mid-January 2021"
    assert claims_module.part_of_month(pd.Timestamp("2021-01-21")) == "late January 2021"


def test_a5_ledger_verdicts():
    ledger = evaluate(claims_module.CLAIMS).set_index("claim_id")
    assert ledger["verdict"].to_dict() == {
        "A5-transition-01": "consistent", "A5-transition-02": "narrower", "A5-transition-03": "consistent",
        "A5-transition-04": "consistent", "A5-transition-05": "consistent", "A5-transition-06": "definition",
        "A5-transition-07": "consistent", "A5-transition-08": "consistent",
    }
    assert ledger.loc["A5-transition-06", "data_value"] == "2018"
    assert ledger.loc["A5-transition-06", "other_definition_value"] == "2019"


def test_a5_claims_fail_when_the_timeline_disagrees(events):
    moved = events.copy()
    moved.loc[moved["label"] == "AMLO congratulates Biden (letter)", "date"] = pd.Timestamp("2020-11-10")
    moved.loc[moved["label"] == "Assange asylum offer", "date"] = pd.Timestamp("2021-01-25")
    by_id = {c.claim_id: c for c in claims_module.CLAIMS}
    loader = lambda name: moved  # noqa: E731
    for claim_id in ("A5-transition-01", "A5-transition-04"):
        claim = by_id[claim_id]
        assert verdict(claim, claim.check(loader)) == "inaccurate"


# --- figure builders -----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def series() -> pd.DataFrame:
    return tr.indicator_series(trade=load("us_trade_monthly"), encounters=load("sw_border_encounters_monthly"),
                               homicide_deaths=load("homicides_state_monthly"), remittances=load("remittances_monthly"))


def test_disputes_figure(events):
    fig = tr.disputes_figure(events)
    assert isinstance(fig, Figure) and fig.name == "transition-disputes"
    assert fig.title == "López Obrador moved against the autonomous regulators 36 days before Biden took office"
    assert fig.rows["number"].tolist() == list(range(1, len(tr.DISPUTES) + 1))
    assert fig.rows["date"].str.fullmatch(r"\d{4}-\d{2}-\d{2}").all()  # ISO text in the CSV download
    assert fig.coverage["resource"] == "events" and fig.coverage["stops_early"]
    assert "acted" not in fig.title and "government" not in fig.title  # no tally of a selection of events


def test_trade_share_figure(events):
    monthly = load("us_trade_monthly")
    fig = tr.trade_share_figure(monthly, events)
    assert fig.name == "transition-trade-shares"
    assert fig.coverage["last_plotted"] == fig.coverage["last_available"] == f"{monthly['date'].max():%Y-%m-%d}"
    assert set(fig.rows["partner"]) == {"Mexico", "Canada", "China"}
    since = tr.leading_since(tr.rolling_trade_shares(monthly))
    assert since is not None and f"since {since:%B %Y}" in fig.title


def test_us_results_figure(events):
    results = load("us_president_2020_state")
    fig = tr.us_results_figure(results, events)
    assert isinstance(fig, Figure) and fig.name == "transition-us-results"
    assert fig.title == "Biden carried 25 states and D.C. and won the Electoral College 306–232; 3 states were within one point"
    assert len(fig.rows) == 51 and fig.rows.columns.tolist() == ["state", "state_po", "biden_share", "trump_share", "margin_pts", "winner"]
    assert fig.description.endswith("Georgia, Arizona, Wisconsin have bars of less than one point.")


def test_indicators_figure_and_trade_trough(series, events):
    fig = tr.indicators_figure(series, events)
    assert isinstance(fig, Figure) and fig.name == "transition-indicators"
    assert fig.title == "Trade and remittances kept growing after Biden took office; monthly border encounters averaged 213% higher"
    # the CSV holds what the chart shows: from January 2018 (encounters from October 2018) to each series' end
    assert fig.rows["date"].min() == "2018-01-01"
    assert len(fig.rows) == int((series["date"] >= pd.Timestamp("2018-01-01")).sum())
    coverage = tr.indicator_coverage(series).set_index("indicator")
    assert coverage.loc["sw_encounters_all", "first_month"] == pd.Timestamp("2018-10-01")
    assert coverage.loc["us_exports_to_mexico", "first_month"] == pd.Timestamp("2018-01-01")
    subtitle = " ".join(fig.spec["title"]["subtitle"])
    assert "from January 2018 (border encounters from October 2018" in subtitle
    for resource, column in (("us_trade_monthly", "date"), ("homicides_state_monthly", "date"), ("sw_border_encounters_monthly", "date")):
        assert f"{tr._month_year(load(resource)[column].max())}" in subtitle
    assert set(fig.resources) == {"us_trade_monthly", "sw_border_encounters_monthly", "homicides_state_monthly", "remittances_monthly"}
    assert len(fig.spec["vconcat"][0]["vconcat"]) == 6  # one panel per indicator
    labels = [m["label"] for m in fig.spec["datasets"][fig.spec["vconcat"][0]["vconcat"][0]["layer"][1]["data"]["name"]]]
    assert {"Biden takes office", "López Obrador's term ends", "Trump's second term begins"} <= set(labels)
    assert tr.trade_trough(series) == pd.Timestamp("2020-05-01")
    assert "Trade dips sharply in May 2020" in fig.description


def test_indicators_figure_refuses_a_panel_short_of_its_data(series, events):
    short = series[~((series["indicator"] == "remittances") & (series["date"] > pd.Timestamp("2024-09-01")))]
    with pytest.raises(ValueError, match="remittances_monthly runs to"):
        tr.indicators_figure(short, events)
