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


def test_complete_fiscal_years_and_long_series():
    months = pd.date_range("2018-10-01", "2019-12-01", freq="MS")
    monthly = _monthly({str(d.date()): {"Mexico": 1} for d in months})
    assert mig.complete_fiscal_years(monthly) == [2019]
    hist = pd.DataFrame({"fiscal_year": [2018, 2019], "sw_apprehensions": [10, 20]})
    region = pd.DataFrame({"fiscal_year": [2019], "region": ["Southwest Land Border"], "encounters": [30]})
    series = mig.long_series(hist, region, monthly)
    assert mig.value_for(series, mig.SERIES_CBP, 2019) == 20
    assert mig.value_for(series, mig.SERIES_KHSM, 2019) == 30
    assert mig.value_for(series, mig.SERIES_ALL, 2019) == 12  # FY2020 incomplete: left out
    assert series[series["series"] == mig.SERIES_ALL]["fiscal_year"].tolist() == [2019]


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
    events = load("events")
    periods = mig.policy_periods(events)
    assert periods.loc[periods["label"] == "Title 42 in force", "start"].iloc[0] == pd.Timestamp("2020-03-21")
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
    assert ledger.at["A3-migration-07", "verdict"] == "consistent"
    assert "FY1971" in ledger.at["A3-migration-07", "method"]
    assert ledger.at["A4-migration-03", "verdict"] == "consistent"
    unverifiable = set(ledger.index[ledger["verdict"] == "unverifiable"])
    assert unverifiable == {"A2-migration-01", "A2-migration-02", "A3-migration-05", "A3-migration-06", "A4-migration-02",
                            "A3-migration-08", "A3-migration-09"}


def test_claim_checks_follow_the_data():
    """A stand-in loader with changed data changes the evidence (the checks read the tables, not constants)."""
    def loader(name):
        frame = load(name)
        if name == "usbp_apprehensions_historical":
            frame = frame.copy()
            frame.loc[frame["fiscal_year"] == 2017, "nationwide_mexican_apprehensions"] = 200_000
        return frame

    evidence = claims._a3_last_year_share(loader)
    assert evidence.value == "half or more"
    claim = next(c for c in claims.CLAIMS if c.claim_id == "A3-migration-04")
    assert factcheck.verdict(claim, evidence) == "inaccurate"


# --------------------------------------------------------------------------- figure builders, on the package

@pytest.fixture(scope="module")
def monthly():
    return load("sw_border_encounters_monthly")


def test_long_series_figure(monthly):
    series = mig.long_series(load("usbp_apprehensions_historical"), load("usbp_encounters_region_annual"), monthly)
    fig = mig.long_series_figure(series)
    assert isinstance(fig, Figure) and fig.name == "migration-long-series"
    assert fig.title == "Southwest border stops fell from FY2000 to FY2017, then reached new highs from FY2021"
    assert fig.rows["fiscal_year"].min() == 1960 and set(fig.rows["series"]) == {mig.SERIES_CBP, mig.SERIES_KHSM, mig.SERIES_ALL}
    assert mig.value_for(fig.rows, mig.SERIES_CBP, 2017) == 303_916
    assert "peaks at 2,476 thousand in FY2023" in fig.description


def test_composition_and_family_figures():
    comp = mig.composition(load("usbp_sw_citizenship_annual"))
    fig = mig.composition_figure(comp)
    assert fig.title == "Mexicans went from almost all Border Patrol encounters to a minority"
    assert fig.rows.groupby("fiscal_year")["share_pct"].sum().round(6).eq(100).all()
    assert "Mexico's share is 98% in FY2000 and 20% in FY2019" in fig.description

    family = mig.family_status_figure(mig.family_shares(load("usbp_sw_family_status_annual")))
    assert isinstance(family, Figure)
    assert family.title == "In FY2019 families outnumbered single adults among Border Patrol's southwest border encounters"
    assert family.rows["fiscal_year"].min() == 2008
    fy2019 = family.rows[family.rows["fiscal_year"] == 2019].set_index("family_status")["encounters"]
    assert fy2019["family unit individuals"] > fy2019["single adults"]
    assert "149 thousand at their peak in FY2022" in family.description


def test_monthly_policy_figure(monthly):
    fig = mig.monthly_policy_figure(monthly, load("events"))
    assert fig.title == "Encounters fell after the June 2019 agreement and the start of Title 42, and peaked in December 2023"
    assert set(fig.rows["group"]) == {"Mexico", "Northern Triangle", "Other countries"}
    assert fig.rows.groupby("date")["encounters"].sum().max() == 301_981
    # the policy dates are drawn by the shared event_rules layer, one label row per event
    marks = [rows for rows in fig.spec["datasets"].values() if rows and {"label", "y"} <= set(rows[0])]
    assert len(marks) == 1 and [row["y"] for row in marks[0]] == [8 + 12 * i for i in range(len(mig.POLICY_LABELS))]


def test_mexico_returns_figure():
    returns = mig.central_american_returns(load("migration_published_figures"))
    fig = mig.mexico_returns_figure(returns)
    assert isinstance(fig, Figure) and fig.name == "migration-mexico-returns"
    assert fig.title == "Northern Triangle countries counted 68 thousand to 139 thousand returns a year from Mexico"
    assert len(fig.rows) == 9 and fig.rows["source"].nunique() == 2
    assert "INM's count of Central Americans returned: 2015, 177 thousand; 2017, 78 thousand." in fig.description
