"""Analysis functions of the trade chapter and its fact-check claims."""

from __future__ import annotations

import json

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
    assert trade.years_ranked_first(shares[shares["complete"]]) == [2019]
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
    assert table_2023.loc["Mexico", "rank"] == 1 and table_2023.loc["Mexico", "method"] == "published"
    assert table_2023.loc["Canada", "total_trade_usd_mn"] == pytest.approx(353_200 + 421_096)
    assert table_2023.loc["Canada", "method"] == "published exports + published imports"
    assert trade.published_total_trade(published, 2020)["rank"].isna().all()  # China 2020 imports not published
    assert "World" not in trade.published_total_trade(published, 2024)["partner"].tolist()


def test_published_value_prefers_the_latest_vintage_and_says_how_it_was_obtained():
    published = load("us_goods_trade_published")
    assert trade.published_value(published, "China", 2022, "imports")["value_usd_mn"] == 536_307  # revised, not preliminary
    world = trade.published_value(published, "World", 2024, "total")
    assert world["value_usd_mn"] == 2_064_500 + 3_267_400 and world["method"] == "published exports + published imports"
    assert trade.published_value(published, "Mexico", 2024, "balance")["value_usd_mn"] == -171_809
    assert trade.published_value(published, "Mexico", 2025, "exports") is None  # only the total was found


def test_annual_series_switches_to_published_totals_only_after_the_monthly_file():
    annual = trade.annual_totals(load("us_trade_monthly"))
    published = load("us_goods_trade_published")
    series = trade.annual_series(annual, published, "Mexico", "total").set_index("year")
    assert (series.loc[:2022, "basis"] == trade.SUMS).all()
    assert series.loc[2022, "value_usd_mn"] == pytest.approx(779_084.2, abs=0.1)  # sum of months, not the published 779,308
    assert series.loc[2023, "basis"] == trade.PUBLISHED and series.loc[2023, "value_usd_mn"] == 798_834
    assert series.index.max() == 2025
    balance = trade.annual_series(annual, published, "Mexico", "balance").set_index("year")
    assert balance.index.max() == 2024 and balance.loc[2024, "value_usd_mn"] == -171_809


def test_trade_relative_to_gdp_uses_published_2023_and_never_estimates_2024():
    annual = trade.annual_totals(load("us_trade_monthly"))
    ratio = trade.trade_relative_to_gdp(annual, load("us_goods_trade_published"), load("country_indicators")).set_index("year")
    assert ratio.loc[2018, "pct_mexico_gdp"] == pytest.approx(48.53, abs=0.01)  # the review's 48.5%
    assert ratio.loc[2023, "pct_mexico_gdp"] == pytest.approx(44.66, abs=0.01)  # the review's 44.7%
    assert ratio.loc[2023, "basis"] == trade.PUBLISHED
    assert 2024 not in ratio.index  # no 2024 GDP in the package
    assert (ratio["pct_us_gdp"] < 4).all()


def test_shares_series_extends_with_published_totals_and_matches_published_shares():
    annual = trade.annual_totals(load("us_trade_monthly"))
    published = load("us_goods_trade_published")
    imports = trade.shares_series(annual, published, "imports").set_index(["partner", "year"])
    stated = load("us_trade_shares_published").query("measure == 'share of U.S. goods imports'").set_index(["partner", "year"])["value"]
    for key, value in stated.items():
        assert round(imports.loc[key, "share_pct"], 1) == value, key  # computed from totals = the shares the sources state
    total = trade.shares_series(annual, published, "total")
    assert trade.years_ranked_first(total) == [2019, 2023, 2024]
    assert total["year"].max() == 2024  # no 2025 world total
    assert trade.lead_over_next(total, 2019) == pytest.approx(0.223, abs=0.001)
    gaps = trade.revision_gaps(annual, published)
    assert gaps["gap_pct"].abs().max() == pytest.approx(0.69, abs=0.01)  # China 2019 imports
    assert trade.lead_over_next(total, 2019) < gaps["gap_pct"].abs().max()


def test_fred_vintage_analysis():
    fred = load("us_imports_monthly_fred")
    assert trade.mexico_overtakes_china(fred) == pd.Timestamp("2023-07-01")
    assert trade.last_year_ahead_before(fred, 2023) == 2002
    rolled = trade.fred_rolling(fred)
    assert rolled.groupby("partner")["date"].max().to_dict() == {"China": pd.Timestamp("2025-12-01"), "Mexico": pd.Timestamp("2026-07-01")}
    ahead = pd.DataFrame({"date": pd.date_range("2020-01-01", periods=14, freq="MS").repeat(2), "partner": ["Mexico", "China"] * 14,
                          "imports_usd_mn": [1.0, 2.0] * 14})
    with pytest.raises(ValueError, match="does not lead"):
        trade.mexico_overtakes_china(ahead)


def test_fdi_and_remittances():
    fdi = trade.fdi_first_releases(load("mexico_fdi_published")).set_index("year")
    assert fdi.index.tolist() == list(range(2018, 2025))
    assert fdi.loc[2019, "revised_usd_mn"] == 34_411 and pd.isna(fdi.loc[2021, "revised_usd_mn"])
    assert fdi.loc[2022, "extraordinary_usd_mn"] == 6_875 and fdi["extraordinary_usd_mn"].notna().sum() == 1
    rolled = trade.remittances_rolling(load("remittances_monthly"))
    assert rolled["date"].max() == pd.Timestamp("2026-05-01") and rolled["date"].min() == pd.Timestamp("1995-12-01")
    peak = rolled.loc[rolled["remittances_12m_usd_mn"].idxmax()]
    assert peak["date"] == pd.Timestamp("2025-03-01")


def test_trade_claim_verdicts():
    ledger = factcheck.evaluate([c for c in factcheck.all_claims() if c.chapter == "trade"]).set_index("claim_id")
    # "a million dollars a minute" holds for goods alone, which is narrower than the article's claim
    assert (ledger.loc["A2-trade-03", "verdict"], ledger.loc["A2-trade-03", "data_value"]) == ("narrower", "1.058")
    assert ledger.loc["A4-trade-01", "verdict"] == "consistent"
    assert factcheck.ledger.resolve("A5-trade-01") == "A5-transition-06"  # one USMCA-signing row, owned by the transition
    assert (ledger.loc["A2-trade-04", "verdict"], ledger.loc["A2-trade-04", "data_value"]) == ("definition", "483501")
    assert ledger.loc["A4-trade-03", "data_value"] == "24"
    assert ledger.loc["A2-trade-05", "verdict"] == "narrower"
    assert ledger.loc["A3-trade-04", "data_value"] == "2017"
    # talks formally began in August 2017, so "nearly two years" to the September 2018 agreement does not hold
    assert ledger.loc["A4-trade-05", "data_value"] == "1.12"
    assert ledger.loc["A4-trade-05", "verdict"] == "inaccurate"
    assert ledger.loc["A3-trade-05", "verdict"] == "consistent"
    assert len(ledger) == 18


def test_claim_check_detects_changed_data():
    def loader(name):
        frame = load(name)
        if name == "us_trade_monthly":  # halve trade with Mexico: no longer "a million dollars a minute"
            values = [c for c in frame.columns if c.endswith("_usd_mn")]
            frame = frame.assign(**{c: frame[c].where(frame["partner"] != "Mexico", frame[c] / 2) for c in values})
        return frame
    claim = next(c for c in factcheck.all_claims() if c.claim_id == "A2-trade-03")
    assert factcheck.verdict(claim, claim.check(load)) == "narrower"
    assert factcheck.verdict(claim, claim.check(loader)) == "inaccurate"


# --------------------------------------------------------------------------- figure builders

@pytest.fixture(scope="module")
def tables():
    monthly = load("us_trade_monthly")
    annual = trade.annual_totals(monthly)
    mx = annual[annual["partner"] == "Mexico"].set_index("year")
    return {"monthly": monthly, "annual": annual, "events": load("events"), "published": load("us_goods_trade_published"),
            "surplus_years": mx.index[mx["balance_usd_mn"] > 0],
            "fold": mx.loc[2022, "total_trade_usd_mn"] / mx.loc[1993, "total_trade_usd_mn"]}


def test_long_run_and_recent_monthly_figures(tables):
    fig = trade.long_run_figure(tables["monthly"], tables["events"], tables["fold"], tables["surplus_years"])
    assert isinstance(fig, Figure) and fig.name == "trade-long-run"
    assert fig.title == "U.S.–Mexico goods trade grew 9.6-fold from 1993, the year before NAFTA, to 2022"
    assert set(fig.rows["flow"]) == {"U.S. exports to Mexico", "U.S. imports from Mexico"}
    assert fig.rows["date"].min() == pd.Timestamp("1985-12-01")  # the first month with 12 months of data
    assert fig.rows.loc[fig.rows["date"] == "2018-12-01", "usd_bn"].sum() == pytest.approx(609.649, abs=0.002)  # 2018 two-way trade
    assert "every year since 1995" in fig.description
    assert fig.coverage["last_plotted"] == fig.coverage["last_available"] == "2023-10-01"

    low = trade.trough(tables["monthly"], "Mexico", 2020)
    peak = trade.peak_before(tables["monthly"], "2020-03-01")
    assert peak["date"] == pd.Timestamp("2019-07-01") and peak["value_usd_mn"] == pytest.approx(619_812.3, abs=0.1)
    change = trade.growth_pct(tables["annual"][tables["annual"]["partner"] == "Mexico"], "exports_usd_mn", 2018, 2019)
    recent = trade.recent_monthly_figure(tables["monthly"], tables["events"], low, change, peak)
    # the title no longer says that only the pandemic broke the rise: exports fell in 2019
    assert recent.title == "Trade with Mexico stalled in 2019 (exports −3.5%) before the May 2020 collapse"
    assert len(recent.rows) == 2 * 82 and recent.rows["date"].min() == pd.Timestamp("2017-01-01")
    assert "to a low in May 2020 (14.9 billion dollars of imports" in recent.description


def test_gdp_share_balance_and_growth_figures(tables):
    annual, published = tables["annual"], tables["published"]
    gdp = trade.gdp_ratio_figure(trade.trade_relative_to_gdp(annual, published, load("country_indicators")))
    assert gdp.title == "Goods trade with the U.S. equals 45% of Mexico's GDP but 2.9% of U.S. GDP (2023)"
    assert gdp.rows["year"].max() == 2023 and "not in the package" in gdp.coverage["stops_early"]

    shares = trade.partner_shares_figure(trade.shares_series(annual, published), published)
    assert shares.title == "Mexico led Canada and China in U.S. goods trade in 2023 and 2024, narrowly in 2019"
    assert len(shares.rows) == 3 * (2024 - 1987 + 1)
    assert shares.rows.loc[shares.rows["basis"] == trade.PUBLISHED, "year"].unique().tolist() == [2023, 2024]
    assert "2025" in shares.coverage["stops_early"]

    imports = trade.import_shares_figure(trade.shares_series(annual, published, "imports"), published, 2017, 2024)
    assert imports.title == "China's share of U.S. imports fell 8.2 points in 2017–2024; Mexico's rose 2.1"

    balance = trade.balance_figure(annual, published, tables["surplus_years"])
    assert balance.title == "The U.S. goods deficit with Mexico reached a record 171.8 billion dollars in 2024"
    assert balance.rows["year"].tolist() == list(range(1985, 2025))  # complete years, then 2023–2024 published
    assert (balance.rows.set_index("year").loc[1991:1994, "balance_usd_bn"] > 0).all()
    assert balance.rows.set_index("year").loc[2023, "balance_usd_bn"] == -152.4

    remit = trade.remittances_annual(load("remittances_monthly"))
    growth = trade.remittances_growth_figure(annual, published, remit)
    assert growth.title == "Remittances grew faster than trade in 2018–2024: index 189, against 147 for imports"
    assert (growth.rows.loc[growth.rows["year"] == 2018, "index"] == 100).all() and growth.rows["series"].nunique() == 3
    assert growth.rows.groupby("series")["year"].max().to_dict() == {
        "Remittances to Mexico": 2025, "U.S. exports to Mexico": 2024, "U.S. imports from Mexico": 2024}


def test_nearshoring_fdi_and_remittance_figures(tables):
    near = trade.nearshoring_figure(load("us_imports_monthly_fred"), tables["events"])
    assert near.title == "U.S. imports from Mexico passed those from China in July 2023 (12-month totals)"
    assert "Imports from China then fall to 308 billion dollars in the 12 months to December 2025" in near.description
    assert near.coverage["last_plotted"] == near.coverage["last_available"] == "2026-07-01"
    fdi = trade.fdi_figure(load("mexico_fdi_published"))
    assert fdi.title == "FDI into Mexico rose only 17% from 2018 to 2024 in first releases"
    assert set(fdi.rows["part"]) == {"first release", trade.ONE_OFF, "later revision"}
    monthly = trade.remittances_monthly_figure(load("remittances_monthly"), tables["events"])
    assert monthly.coverage["last_plotted"] == "2026-05-01"  # to the end of the Banxico series
    assert monthly.title.startswith("Remittances to Mexico peaked at 65.3 billion dollars in the 12 months to March 2025")


def test_time_charts_mark_the_term_and_the_administrations(tables):
    band = trade.term_band(tables["events"]).iloc[0]
    assert (band["start"], band["end"]) == (pd.Timestamp("2018-12-01"), pd.Timestamp("2024-09-30"))
    assert trade.term_band(tables["events"], until=pd.Timestamp("2023-10-01"))["end"].item() == pd.Timestamp("2023-10-01")  # cut at the data
    assert trade.administration_events(tables["events"], pd.Timestamp("2023-10-01")) == ["Biden inaugurated"]
    assert len(trade.administration_events(tables["events"], pd.Timestamp("2026-07-01"))) == 2
    near = trade.nearshoring_figure(load("us_imports_monthly_fred"), tables["events"])
    layers = near.spec["vconcat"][0]["layer"]
    assert any(layer.get("mark", {}).get("type") == "rect" for layer in layers)  # the shaded term
    text = json.dumps(near.spec, ensure_ascii=False)
    assert "Biden inaugurated" in text and "Trump inaugurated (2025)" in text and "López Obrador's term" in text
    long_run = json.dumps(trade.long_run_figure(tables["monthly"], tables["events"], tables["fold"], tables["surplus_years"]).spec)
    assert "Biden inaugurated" in long_run and "Trump inaugurated (2025)" not in long_run  # the chart ends in October 2023


def test_policy_and_rank_tables_show_every_row():
    policy = load("trade_policy_published")
    shown = [trade.policy_table(policy, measures) for measures in (trade.USMCA_TERMS, trade.TARIFF_ACTIONS, trade.ENFORCEMENT)]
    assert sum(len(t) for t in shown) == len(policy)  # every published policy figure appears in one of the chapter's tables
    assert shown[0]["what"].iloc[0].startswith("NAFTA regional value content") and shown[0]["date"].iloc[0] == "1 January 1994"
    with pytest.raises(KeyError, match="no rows for"):
        trade.policy_table(policy, ["not_a_measure"])
    ranks = trade.published_ranks(load("us_trade_shares_published"), load("us_goods_trade_published")).set_index(["year", "partner", "ranked among"])
    assert ranks.loc[(2024, "Mexico", "U.S. goods export markets"), "USD billion"] == "334.0"
    assert ranks.loc[(2024, "Mexico", "U.S. goods trading partners"), "USD billion"] == "839.9"
    assert ranks.loc[(2025, "China", "U.S. goods trading partners"), "rank"] == 3


def test_titles_and_subtitle_lines_fit_the_chart(tables):
    annual, published = tables["annual"], tables["published"]
    figures = [
        trade.long_run_figure(tables["monthly"], tables["events"], tables["fold"], tables["surplus_years"]),
        trade.gdp_ratio_figure(trade.trade_relative_to_gdp(annual, published, load("country_indicators"))),
        trade.nearshoring_figure(load("us_imports_monthly_fred"), tables["events"]),
        trade.balance_figure(annual, published, tables["surplus_years"]),
    ]
    for fig in figures:
        assert len(fig.title) <= 90, fig.title
        subtitle = fig.spec["title"]["subtitle"]
        assert isinstance(subtitle, list) and all(len(line) <= trade.SUBTITLE_CHARS for line in subtitle), fig.name
