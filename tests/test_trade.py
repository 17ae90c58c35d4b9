"""Analysis functions of the trade chapter and its fact-check claims."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis import factcheck
from analysis.book.charts import Figure
from analysis.chapters import trade
from analysis.data import load


def _toy(months: int, start: str = "2020-01-01", partner: str = "Mexico", value: float = 1.0) -> pd.DataFrame:
    dates = pd.date_range(start, periods=months, freq="MS")
    return pd.DataFrame({"date": dates, "partner": partner, "exports_usd_mn": value, "imports_usd_mn": 2 * value,
                         "balance_usd_mn": -value, "total_trade_usd_mn": 3 * value})


def test_annual_totals_flag_partial_years():
    annual = trade.annual_totals(_toy(22)).set_index("year")  # Jan 2020 – Oct 2021
    assert annual.loc[2020, "months"] == 12 and bool(annual.loc[2020, "complete"])
    assert annual.loc[2021, "months"] == 10 and not bool(annual.loc[2021, "complete"])
    assert annual.loc[2021, "total_trade_usd_mn"] == 30


def test_rolling_needs_12_months_and_no_gaps():
    rolled = trade.rolling_12m(_toy(14))
    assert rolled["total_trade_usd_mn_12m"].iloc[:11].isna().all()
    assert rolled["total_trade_usd_mn_12m"].iloc[11] == 36
    gappy = _toy(14).drop(index=5)
    with pytest.raises(ValueError, match="not consecutive"):
        trade.rolling_12m(gappy)


def test_growth_refuses_partial_year():
    annual = trade.annual_totals(_toy(22))
    with pytest.raises(ValueError, match="not a complete year"):
        trade.growth_pct(annual[annual["partner"] == "Mexico"], "total_trade_usd_mn", 2020, 2021)


def test_rank_refuses_partial_year():
    annual = trade.annual_totals(load("us_trade_monthly"))
    with pytest.raises(ValueError, match="not a complete year"):
        trade.rank_in_year(annual, "Mexico", 2023)


def test_ranks_and_shares_on_real_data():
    monthly = load("us_trade_monthly")
    annual = trade.annual_totals(monthly)
    assert trade.rank_in_year(annual, "Mexico", 2017, "total") == 3
    assert trade.rank_in_year(annual, "Mexico", 2017, "exports") == 2
    assert [trade.rank_in_year(annual, p, 2021) for p in ("Canada", "Mexico")] == [1, 2]
    shares = trade.partner_shares(annual)
    assert trade.first_year_ranked_first(shares) == 2019
    row = shares[(shares["partner"] == "Mexico") & (shares["year"] == 2023)].iloc[0]
    assert row["months"] == 10 and not row["complete"]
    # PROVENANCE: Mexico's share of U.S. imports in 2018 was 13.6%.
    imports = trade.partner_shares(annual, "imports")
    assert imports[(imports["partner"] == "Mexico") & (imports["year"] == 2018)]["share_pct"].item() == pytest.approx(13.55, abs=0.01)
    assert trade.first_month_rolling_first(monthly) == pd.Timestamp("2019-06-01")


def test_per_minute_and_trough():
    monthly = load("us_trade_monthly")
    per_minute = trade.dollars_per_minute(trade.annual_totals(monthly)).set_index("year")
    assert per_minute.loc[2018, "usd_mn_per_minute"] == pytest.approx(609_648.56 / 525_600, rel=1e-6)
    assert per_minute.loc[2020, "minutes"] == 527_040
    assert 2023 not in per_minute.index
    assert trade.trough(monthly, "Mexico", 2020)["date"] == pd.Timestamp("2020-05-01")


def test_published_total_trade_ranks_only_with_all_three():
    published = load("us_goods_trade_published")
    table_2023 = trade.published_total_trade(published, 2023).set_index("partner")
    assert table_2023.loc["Mexico", "rank"] == 1
    assert table_2023.loc["Canada", "total_trade_usd_mn"] == pytest.approx(353_200 + 421_096)
    assert trade.published_total_trade(published, 2020)["rank"].isna().all()  # China 2020 imports not published


def test_trade_claim_verdicts():
    ledger = factcheck.evaluate([c for c in factcheck.all_claims() if c.chapter == "trade"]).set_index("claim_id")
    assert ledger.loc["A2-trade-03", "verdict"] == "approximately"
    assert ledger.loc["A4-trade-01", "verdict"] == "consistent"
    assert ledger.loc["A5-trade-01", "verdict"] == "definition"
    assert ledger.loc["A2-trade-04", "verdict"] == "unverifiable"
    assert ledger.loc["A4-trade-03", "data_value"] == "24"
    assert ledger.loc["A2-trade-05", "verdict"] == "consistent"
    assert ledger.loc["A3-trade-04", "data_value"] == "2017"
    # talks formally began in August 2017, so "nearly two years" to the September 2018 agreement does not hold
    assert ledger.loc["A4-trade-05", "data_value"] == "1.12"
    assert ledger.loc["A4-trade-05", "verdict"] == "inaccurate"
    assert ledger.loc["A3-trade-05", "verdict"] == "unverifiable"
    assert len(ledger) == 15


def test_claim_check_detects_changed_data():
    def loader(name):
        frame = load(name)
        if name == "us_trade_monthly":  # double China's exports: Mexico is no longer second
            frame = frame.assign(exports_usd_mn=frame["exports_usd_mn"].where(frame["partner"] != "China", frame["exports_usd_mn"] * 3))
        return frame
    claim = next(c for c in factcheck.all_claims() if c.claim_id == "A2-trade-02")
    assert factcheck.verdict(claim, claim.check(loader)) == "inaccurate"


# --------------------------------------------------------------------------- figure builders

@pytest.fixture(scope="module")
def tables():
    monthly = load("us_trade_monthly")
    annual = trade.annual_totals(monthly)
    mx = annual[annual["partner"] == "Mexico"].set_index("year")
    return {"monthly": monthly, "annual": annual, "events": load("events"),
            "surplus_years": mx.index[mx["balance_usd_mn"] > 0],
            "fold": mx.loc[2022, "total_trade_usd_mn"] / mx.loc[1993, "total_trade_usd_mn"]}


def test_long_run_and_recent_monthly_figures(tables):
    fig = trade.long_run_figure(tables["monthly"], tables["events"], tables["fold"], tables["surplus_years"])
    assert isinstance(fig, Figure) and fig.name == "trade-long-run"
    assert fig.title == "U.S. goods trade with Mexico was 9.6 times larger in 2022 than in 1993, the year before NAFTA"
    assert set(fig.rows["flow"]) == {"U.S. exports to Mexico", "U.S. imports from Mexico"}
    assert fig.rows["date"].min() == pd.Timestamp("1985-12-01")  # the first month with 12 months of data
    assert fig.rows.loc[fig.rows["date"] == "2018-12-01", "usd_bn"].sum() == pytest.approx(609.649, abs=0.002)  # 2018 two-way trade
    assert "every year since 1995" in fig.description

    low = trade.trough(tables["monthly"], "Mexico", 2020)
    recent = trade.recent_monthly_figure(tables["monthly"], tables["events"], low)
    assert recent.title == "Only the pandemic, not the tariffs or the renegotiation, broke the rise in U.S.–Mexico trade"
    assert len(recent.rows) == 2 * 82 and recent.rows["date"].min() == pd.Timestamp("2017-01-01")
    assert "to a low in May 2020 (14.9 billion dollars of imports" in recent.description


def test_gdp_share_balance_and_growth_figures(tables):
    annual = tables["annual"]
    gdp = trade.gdp_ratio_figure(trade.trade_relative_to_gdp(annual, load("country_indicators")))
    assert gdp.title == "Goods trade with the U.S. is equivalent to about half of Mexico's GDP"
    assert gdp.rows.set_index("year")["trade_pct_gdp"].idxmax() == 2022 and gdp.rows["trade_pct_gdp"].max() == pytest.approx(53.24)

    shares = trade.partner_shares_figure(trade.partner_shares(annual))
    assert shares.title == "Mexico overtook China and Canada in 2019 and again in 2023"
    assert len(shares.rows) == 3 * (2023 - 1987 + 1)
    assert shares.rows.loc[~shares.rows["complete"], "year"].unique().tolist() == [2023]

    balance = trade.balance_figure(annual, tables["surplus_years"])
    assert balance.title == "The U.S. goods deficit with Mexico has widened since 1995"
    assert balance.rows["year"].tolist() == list(range(1985, 2023))  # complete years only
    assert (balance.rows.set_index("year").loc[1991:1994, "balance_usd_bn"] > 0).all()

    growth = trade.remittances_growth_figure(annual, trade.remittances_annual(load("remittances_monthly")))
    assert isinstance(growth, Figure) and growth.title == "Remittances to Mexico grew much faster than trade after 2018"
    assert (growth.rows.loc[growth.rows["year"] == 2018, "index"] == 100).all() and growth.rows["series"].nunique() == 3
    assert growth.rows.groupby("series")["year"].max().to_dict() == {
        "Remittances to Mexico": 2025, "U.S. exports to Mexico": 2022, "U.S. imports from Mexico": 2022}
