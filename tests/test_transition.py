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


def test_transition_window_sides_and_days(events):
    window = tr.transition_events(events).set_index("label")
    assert window.loc["Electoral College vote", "days_after_election"] == 41
    assert window.loc["Biden inaugurated", "days_after_election"] == 78
    assert window.loc["Assange asylum offer", "side"] == tr.MEXICO
    assert window.loc["Cienfuegos charges dismissed", "side"] == tr.UNITED_STATES
    assert window.loc["First Biden–AMLO call", "period"] == tr.BIDEN_AMLO
    assert window.loc["FGR clears Cienfuegos", "period"] == tr.TRUMP_AMLO
    assert window["date"].between(tr.TRANSITION_START, tr.TRANSITION_END).all()
    assert set(tr.SIDES) - tr.OTHER_CHAPTER_LABELS <= set(window.index)  # every classified label of ours is in the window
    assert (window.loc[window.index.isin(list(tr.SIDES)), "side"] != tr.UNCLASSIFIED).all()


def test_event_lookup_errors(events):
    with pytest.raises(KeyError, match="no such event"):
        event_date(events, "no such event")
    assert tr.days_between(events, Label.US_ELECTION_DAY, Label.BIDEN_INAUGURATED) == 78
    assert tr.first_congratulation(events) == pd.Timestamp("2020-12-14")


def test_timeline_frame_and_table(events):
    frame = tr.timeline_frame(events)
    assert frame.loc[frame["label"] == "Mexico ratifies USMCA", "date_text"].item() == "2019-06"
    assert frame.loc[frame["label"] == "Mexican election", "period"].item() == "before AMLO took office"
    table = tr.events_table_html(events)
    assert table.count('<a href="http') == int((events["date"] >= tr.TIMELINE_START).sum())
    assert frame["date"].min() >= tr.TIMELINE_START
    assert "<td>2021-01-20</td><td>elections</td><td>Joe Biden sworn in" in table
    window = tr.window_table_html(tr.transition_events(events))
    assert window.count("<tr>") == len(tr.transition_events(events)) + 1


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
        "A5-transition-01": "consistent", "A5-transition-02": "unverifiable", "A5-transition-03": "consistent",
        "A5-transition-04": "consistent", "A5-transition-05": "consistent", "A5-transition-06": "definition",
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


def test_timeline_figure(events):
    fig = tr.timeline_figure(events)
    assert isinstance(fig, Figure) and fig.name == "transition-timeline"
    assert fig.title == "15 of the 49 dated events fall in the 92 days around the U.S. transition (November 2020 – January 2021)"
    assert len(fig.rows) == int((events["date"] >= tr.TIMELINE_START).sum()) == 49
    assert fig.rows["date"].str.fullmatch(r"\d{4}-\d{2}-\d{2}").all()  # ISO text in the CSV download
    assert fig.rows["label"].tolist() == tr.timeline_frame(events)["label"].tolist()


def test_transition_weeks_figure(events):
    fig = tr.transition_weeks_figure(events)
    window = tr.transition_events(events)
    assert isinstance(fig, Figure) and fig.name == "transition-weeks"
    assert fig.title == "Mexico's government acted 8 times between the U.S. election and the first Biden call"
    assert fig.rows["label"].tolist() == window["label"].tolist() and len(fig.rows) == 15
    assert fig.rows.columns.tolist() == ["date", "label", "side", "days_after_election", "event", "publisher", "source_url"]
    rules = fig.spec["vconcat"][0]["layer"][0]
    assert rules["mark"]["type"] == "rule"
    marks = fig.spec["datasets"][rules["data"]["name"]]
    assert [m["label"] for m in marks] == [Label.ELECTORAL_COLLEGE_VOTE, Label.BIDEN_INAUGURATED]


def test_us_results_figure():
    results = load("us_president_2020_state")
    fig = tr.us_results_figure(results)
    assert isinstance(fig, Figure) and fig.name == "transition-us-results"
    assert fig.title == "Biden won 26 of 51 contests; 3 states were decided by under one point"
    assert len(fig.rows) == 51 and fig.rows.columns.tolist() == ["state", "state_po", "biden_share", "trump_share", "margin_pts", "winner"]
    assert fig.description.endswith("Georgia, Arizona, Wisconsin have bars of less than one point.")


def test_indicators_figure_and_trade_trough(series, events):
    fig = tr.indicators_figure(series, events)
    assert isinstance(fig, Figure) and fig.name == "transition-indicators"
    assert fig.title == "Trade and remittances kept growing after the change of U.S. president; border encounters rose +213%"
    assert len(fig.rows) == len(series) and set(fig.rows["indicator"]) == set(series["indicator"])
    assert len(fig.spec["vconcat"][0]["vconcat"]) == 6  # one panel per indicator
    assert tr.trade_trough(series) == pd.Timestamp("2020-05-01")
    assert "Trade dips sharply in May 2020" in fig.description
