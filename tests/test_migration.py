"""Analysis functions and fact-check claims of the migration chapter, on small frames and on the package."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis import factcheck, load
from analysis.book.charts import Figure
from analysis.chapters import migration as mig
from analysis.factcheck.claims import migration as claims


def _monthly(values: dict[str, dict[str, int]]) -> pd.DataFrame:
    rows = []
    for date, by_group in values.items():
        stamp = pd.Timestamp(date)
        for group, count in by_group.items():
            rows.append({"date": stamp, "fiscal_year": stamp.year + (stamp.month >= 10), "citizenship": group, "encounters": count})
    return pd.DataFrame(rows)


def test_composition_shares_sum_to_100_and_group_helpers():
    citp = pd.DataFrame({
        "fiscal_year": [2000, 2000, 2000, 2019, 2019, 2019, 2019],
        "citizenship": ["Mexico", "Cuba", "Honduras", "Mexico", "Guatemala", "Honduras", "El Salvador"],
        "citizenship_group": ["Mexico", "Other", "Honduras", "Mexico", "Guatemala", "Honduras", "El Salvador"],
        "encounters": [90, 5, 5, 20, 40, 30, 10],
    })
    comp = mig.composition(citp)
    assert comp.groupby("fiscal_year")["share_pct"].sum().round(9).eq(100).all()
    assert mig.group_share(comp, 2000, ["Mexico"]) == pytest.approx(90)
    assert mig.group_share(comp, 2019, mig.NORTHERN_TRIANGLE) == pytest.approx(80)
    assert mig.group_count(citp, 2019, mig.NORTHERN_TRIANGLE) == 80
    assert mig.first_year_mexico_not_largest(comp) == 2019
    with pytest.raises(KeyError):
        mig.group_share(comp, 2005, ["Mexico"])


def test_mexico_majority_years_after_and_join():
    comp = pd.DataFrame({"fiscal_year": [2014, 2015, 2016, 2020], "citizenship_group": ["Mexico"] * 4, "share_pct": [47.0, 56.0, 46.0, 63.0]})
    assert mig.first_year_mexico_not_largest(comp) == 2014
    assert mig.mexico_majority_years_after(comp, 2014) == [2015, 2020]
    assert mig.join_years([2015, 2020]) == "FY2015 and FY2020"
    assert mig.join_years([2015]) == "FY2015"


def test_change_around_excludes_event_month():
    monthly = _monthly({"2019-03-01": {"Guatemala": 90}, "2019-04-01": {"Guatemala": 100}, "2019-05-01": {"Guatemala": 110},
                        "2019-06-01": {"Guatemala": 1000}, "2019-07-01": {"Guatemala": 50}, "2019-08-01": {"Guatemala": 40},
                        "2019-09-01": {"Guatemala": 30}})
    result = mig.change_around(monthly, pd.Timestamp("2019-06-07"), 3, ["Guatemala"])
    assert result["before"] == 100 and result["after"] == 40 and result["change_pct"] == pytest.approx(-60)
    with pytest.raises(ValueError, match="need 3 months"):
        mig.change_around(monthly, pd.Timestamp("2019-04-15"), 3)


def test_complete_fiscal_years():
    months = pd.date_range("2018-10-01", "2019-12-01", freq="MS")
    monthly = _monthly({str(d.date()): {"Mexico": 1} for d in months})
    assert mig.complete_fiscal_years(monthly) == [2019]


def _annual(rows: dict[int, dict[tuple[str, str], int]], partial: int | None = None) -> pd.DataFrame:
    records = []
    for fy, cells in rows.items():
        for (component, authority), value in cells.items():
            months = 11 if fy == partial else 12
            records.append({"fiscal_year": fy, "component": component, "authority": authority, "encounters": value, "months": months,
                            "first_month": pd.Timestamp(f"{fy - 1}-10-01"), "last_month": pd.Timestamp(f"{fy}-{8 if months == 11 else 9:02d}-01"),
                            "status": "partial fiscal year" if months < 12 else "complete fiscal year"})
    return pd.DataFrame(records)


B8, B42, O8, O42 = (mig.USBP, mig.TITLE_8), (mig.USBP, mig.TITLE_42), (mig.OFO, mig.TITLE_8), (mig.OFO, mig.TITLE_42)


def test_border_patrol_series_keeps_title_42_apart_and_checks_the_join():
    hist = pd.DataFrame({"fiscal_year": [2018, 2019], "sw_apprehensions": [10, 20]})
    annual = _annual({2019: {B8: 20, B42: 0, O8: 5, O42: 0}, 2020: {B8: 7, B42: 9, O8: 1, O42: 1},
                      2021: {B8: 30, B42: 0, O8: 2, O42: 0}, 2022: {B8: 1, B42: 0, O8: 1, O42: 0}}, partial=2022)
    series = mig.border_patrol_series(hist, annual)
    assert series[series["series"] == mig.SERIES_T8][["fiscal_year", "value"]].values.tolist() == [[2018, 10], [2019, 20], [2020, 7], [2021, 30]]
    # Title 42 only where expulsions exist, added to the apprehensions of the same year; the partial year left out
    assert series[series["series"] == mig.SERIES_T42][["fiscal_year", "value"]].values.tolist() == [[2020, 16]]
    assert mig.series_value(series, mig.SERIES_T8, 2019) == 20
    broken = _annual({2019: {B8: 21, B42: 0, O8: 0, O42: 0}})
    with pytest.raises(ValueError, match="FY2019.*disagree"):
        mig.border_patrol_series(hist, broken)


def test_authority_shares_and_partial_year():
    annual = _annual({2020: {B8: 40, B42: 40, O8: 15, O42: 5}, 2025: {B8: 3, B42: 0, O8: 1, O42: 0}}, partial=2025)
    assert mig.authority_share(annual, 2020, authority=mig.TITLE_42) == pytest.approx(45)
    assert mig.authority_share(annual, 2020, component=mig.OFO) == pytest.approx(20)
    assert mig.annual_total(annual, 2020, component=mig.USBP) == 80
    by = mig.encounters_by_authority(annual)
    assert set(by["fiscal_year"]) == {2020} and by["share_pct"].sum() == pytest.approx(100)
    part = mig.partial_year(annual)
    assert part["fiscal_year"] == 2025 and part["months"] == 11 and part["last_month"] == pd.Timestamp("2025-08-01")
    assert mig.partial_year(annual[annual["fiscal_year"] == 2020]) is None
    with pytest.raises(KeyError):
        mig.authority_share(annual, 2019)


def test_fiscal_and_calendar_positions():
    assert mig.fiscal_position("2018-10-01") == pytest.approx(2018.5)
    assert mig.fiscal_position("2019-04-01") == pytest.approx(2019.0)
    assert mig.fiscal_position("2024-10-01") == pytest.approx(2024.5)
    assert mig.calendar_position("2019-01-01") == pytest.approx(2018.5)
    assert mig.calendar_position("2024-07-02") == pytest.approx(2024.0, abs=0.01)


def test_fewest_since():
    hist = pd.DataFrame({"fiscal_year": [1970, 1971, 1972, 2017], "sw_apprehensions": [200, 260, 320, 300]})
    assert mig.fewest_since(hist, 300, 2017) == 1971
    assert mig.fewest_since(hist, 237, 2025) == 1970
    with pytest.raises(ValueError):
        mig.fewest_since(hist, 100, 2025)


def test_enforcement_helpers_never_fill_gaps():
    annual = pd.DataFrame({"year": [2018, 2019, 2021], "measure": ["people detained"] * 3, "series": ["a", "a", "b"], "value": [1, 2, 3]})
    assert mig.years_without(annual, "people detained", 2018, 2022) == [2020, 2022]
    assert mig.enforcement_value(annual, "b", 2021) == 3
    with pytest.raises(KeyError):
        mig.enforcement_value(annual, "a", 2020)


def test_returns_sum_reports_missing_years():
    pub = pd.DataFrame({
        "topic": ["migration_mexico_enforcement"] * 3, "indicator": ["returns from Mexico"] * 3, "period": ["2014", "2015", "2017"],
        "period_type": ["calendar year"] * 3, "value": [1.0, 2.0, 4.0], "publisher": ["IOM", "IOM", "Foreign ministries"],
        "source_url": ["https://x"] * 3,
    })
    total, missing = mig.returns_sum(pub, 2014, 2017)
    assert total == 7 and missing == [2016]


# --------------------------------------------------------------------------- on the package

def test_package_composition_known_values():
    comp = mig.composition(load("usbp_sw_citizenship_annual"))
    assert mig.first_year_mexico_not_largest(comp) == 2014
    assert mig.mexico_majority_years_after(comp, 2014) == [2015, 2020]
    assert mig.group_share(comp, 2019, mig.NORTHERN_TRIANGLE) == pytest.approx(71.4, abs=0.05)


def test_package_peak_month_and_policy_events():
    monthly = load("sw_border_encounters_monthly")
    date, value = mig.peak_month(monthly)
    assert date == pd.Timestamp("2023-12-01") and value == 301_981
    peak = mig.after_peak(monthly)
    assert peak["next"] == pd.Timestamp("2024-01-01") and peak["next_value"] == 176_195
    assert mig.sum_between(monthly, "2018-12-01", "2024-09-01", "title_42") == monthly["title_42"].sum()
    with pytest.raises(KeyError, match="missing"):
        mig.sum_between(monthly, "2018-01-01", "2018-12-01")
    events = load("events")
    periods = mig.policy_periods(events).set_index("label")
    assert periods.at["Title 42 in force", "start"] == pd.Timestamp("2020-03-21")
    assert periods.at["Remain in Mexico 2.0", "end"] == pd.Timestamp("2022-08-08")
    with pytest.raises(KeyError, match="not found"):
        mig.policy_events(events, ["No such event"])


def test_claims_verdicts_on_package():
    ledger = factcheck.evaluate(claims.CLAIMS).set_index("claim_id")
    assert ledger.at["A1-migration-01", "data_value"] == "303916"
    assert ledger.at["A1-migration-01", "verdict"] == "consistent"
    assert ledger.at["A1-migration-02", "data_value"] == "162890"
    assert ledger.at["A3-migration-03", "data_value"] == "310531"
    assert ledger.at["A3-migration-04", "verdict"] == "consistent"
    assert ledger.at["A4-migration-01", "data_value"] == "78309"
    assert ledger.at["A2-migration-03", "verdict"] == "consistent"
    # FY2017 was the lowest in years, but FY2018 (higher) was already published when the article appeared
    assert ledger.at["A3-migration-07", "verdict"] == "outdated"
    assert "FY1971" in ledger.at["A3-migration-07", "method"]
    assert ledger.at["A4-migration-03", "verdict"] == "consistent"
    unverifiable = set(ledger.index[ledger["verdict"] == "unverifiable"])
    assert unverifiable == {"A3-migration-05", "A4-migration-02"}
    assert ledger.at["A3-migration-04", "data_value"] == "42"


def test_claim_checks_follow_the_data():
    """A stand-in loader with changed data changes the evidence (the checks read the tables, not constants)."""
    def loader(name):
        frame = load(name)
        if name == "usbp_apprehensions_historical":
            frame = frame.copy()
            frame.loc[frame["fiscal_year"] == 2017, "nationwide_mexican_apprehensions"] = 200_000
        return frame

    evidence = claims._a3_last_year_share(loader)
    assert round(evidence.value, 1) == 64.4  # the article's bound ("less than half") is now on the wrong side
    claim = next(c for c in claims.CLAIMS if c.claim_id == "A3-migration-04")
    assert factcheck.verdict(claim, claims._a3_last_year_share(load)) == "consistent"
    assert factcheck.verdict(claim, evidence) == "inaccurate"


# --------------------------------------------------------------------------- figure builders, on the package

@pytest.fixture(scope="module")
def monthly():
    return load("sw_border_encounters_monthly")


@pytest.fixture(scope="module")
def events():
    return load("events")


@pytest.fixture(scope="module")
def annual():
    return load("sw_border_encounters_annual")


def test_border_patrol_figure(annual, events):
    series = mig.border_patrol_series(load("usbp_apprehensions_historical"), annual)
    fig = mig.border_patrol_figure(series, annual, events)
    assert isinstance(fig, Figure) and fig.name == "migration-border-patrol"
    assert fig.title == "With Title 42 expulsions counted, Border Patrol's FY2022 total was its highest since FY1960"
    assert fig.rows["fiscal_year"].min() == 1960 and set(fig.rows["series"]) == {mig.SERIES_T8, mig.SERIES_T42}
    assert mig.series_value(fig.rows, mig.SERIES_T8, 2017) == 303_916
    assert mig.series_value(fig.rows, mig.SERIES_T8, 2024) == 1_530_523
    assert sorted(fig.rows.loc[fig.rows["series"] == mig.SERIES_T42, "fiscal_year"]) == [2020, 2021, 2022, 2023]
    assert mig.series_value(fig.rows, mig.SERIES_T42, 2022) == 2_206_436
    # the incomplete FY2025 is left out and the chart says why
    assert fig.coverage["last_plotted"] == "2024" and fig.coverage["last_available"] == "2025"
    assert "October 2024 – August 2025" in fig.coverage["stops_early"]
    assert "fall to 304 thousand in FY2017" in fig.description
    assert "Persons-events" not in str(fig.spec)


def test_encounters_by_authority_figure(annual, events):
    fig = mig.encounters_by_authority_figure(annual, events)
    assert fig.title == "Title 42 expulsions were 61% of encounters in FY2021; in FY2024 ports of entry handled 28%"
    assert fig.rows.groupby("fiscal_year")["encounters"].sum().to_dict() == {2019: 977_509, 2020: 458_088, 2021: 1_734_686,
                                                                           2022: 2_378_944, 2023: 2_475_669, 2024: 2_135_005}
    assert fig.coverage["stops_early"]
    labels = {row["label"] for rows in fig.spec["datasets"].values() for row in rows if "label" in row}
    assert {"López Obrador takes office", "Biden takes office", "López Obrador's term ends"} <= labels


def test_composition_and_family_figures(events):
    comp = mig.composition(load("usbp_sw_citizenship_annual"))
    fig = mig.composition_figure(comp, events)
    assert fig.title == "Mexicans fell from 98% of Border Patrol's encounters in FY2000 to 33% in FY2024, behind other countries"
    assert fig.rows.groupby("fiscal_year")["share_pct"].sum().round(6).eq(100).all()
    assert "Mexico's share is 98% in FY2000 and 20% in FY2019" in fig.description
    assert fig.coverage["last_plotted"] == fig.coverage["last_available"] == "2024"

    family = mig.family_status_figure(mig.family_shares(load("usbp_sw_family_status_annual")), events)
    assert isinstance(family, Figure)
    assert family.title == "In FY2019 families outnumbered single adults among Border Patrol's southwest border encounters"
    assert family.rows["fiscal_year"].min() == 2008
    fy2019 = family.rows[family.rows["fiscal_year"] == 2019].set_index("family_status")["encounters"]
    assert fy2019["family unit individuals"] > fy2019["single adults"]
    assert "149 thousand at their peak in FY2022" in family.description


def test_monthly_policy_figure(monthly, events):
    fig = mig.monthly_policy_figure(monthly, events)
    assert fig.title == "Encounters peaked in December 2023 and were 42% lower a month later, before the June 2024 proclamation"
    assert set(fig.rows["group"]) == {"Mexico", "Northern Triangle", "Other countries"}
    assert fig.rows.groupby("date")["encounters"].sum().max() == 301_981
    assert fig.coverage["last_plotted"] == fig.coverage["last_available"] == "2025-08-01"
    # policy dates and all four presidential marks (the chart crosses 20 January 2021 and 20 January 2025)
    marks = [rows for rows in fig.spec["datasets"].values() if rows and {"label", "y"} <= set(rows[0])]
    assert len(marks) == 1
    labels = [row["label"] for row in marks[0]]
    assert len(labels) == len(mig.POLICY_MARKS) + len(mig.TERM_MARKS)
    assert {"Biden takes office", "Trump takes office", "López Obrador's term ends"} <= set(labels)


def test_mexico_enforcement_figure(events):
    annual = load("mexico_enforcement_annual")
    fig = mig.mexico_enforcement_figure(annual, events)
    assert isinstance(fig, Figure) and fig.name == "migration-mexico-enforcement"
    assert fig.title == "Mexico counted 4.0 times as many migrant detentions in 2024 as in 2021"
    # every year held is charted: INM's 2020 and 2021 figures included, nothing filled for missing years
    held = fig.rows.set_index(["series", "year"])["value"]
    assert held[("upm_deportation_events", 2020)] == 60_315 and held[("upm_deportation_events", 2021)] == 114_366
    assert len(fig.rows) == len(annual) and fig.rows["series"].nunique() == annual["series"].nunique()
    assert fig.coverage["last_plotted"] == fig.coverage["last_available"] == "2024"
    assert "No full-year detention count was found for 2020" in " ".join(fig.spec["title"]["subtitle"])
    assert "2020 60 thousand" in fig.description


def test_policy_timeline_and_figure_tables(events):
    timeline = mig.policy_timeline(events)
    assert len(timeline) == len(mig.TIMELINE_LABELS)
    assert timeline["when"].iloc[0] == "6 April 2018"
    assert "October 2018" in set(timeline["when"])  # month-precision date shown as a month
    assert timeline["source_url"].str.startswith("http").all()
    guard = mig.figures_table(load("migration_collected_figures"), "migration_national_guard")
    assert "25,991" in set(guard["value"]) and guard["url"].str.startswith("http").all()
