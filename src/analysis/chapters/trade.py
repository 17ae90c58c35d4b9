"""Analysis for the trade chapter: annual aggregates that count their months, rolling 12-month
totals, partner shares and ranks, trade per minute, trade relative to GDP, remittances.

All functions are pure (DataFrames in, DataFrames or numbers out). Annual sums never pretend a
partial year is complete: every annual table carries ``months`` and ``complete``.
"""

from __future__ import annotations

import calendar

import altair as alt
import numpy as np
import pandas as pd

from analysis.book.charts import Figure, event_rules, figure
from analysis.data.events import Label
from analysis.data.periods import first_break_in_months

PARTNERS = ["Mexico", "Canada", "China"]
FLOWS = {"exports": "exports_usd_mn", "imports": "imports_usd_mn", "total": "total_trade_usd_mn", "balance": "balance_usd_mn"}


def _check_consecutive(dates: pd.Series, what: str) -> None:
    gap = first_break_in_months(dates)
    if gap is not None:
        raise ValueError(f"{what}: months are not consecutive at {pd.Timestamp(dates[gap]):%Y-%m}; rolling or annual totals would be wrong")


def annual_totals(monthly: pd.DataFrame) -> pd.DataFrame:
    """Calendar-year sums per partner with ``months`` (count of months summed) and ``complete`` (12 months)."""
    frame = monthly.assign(year=pd.to_datetime(monthly["date"]).dt.year)
    value_cols = [c for c in FLOWS.values() if c in frame.columns]
    grouped = frame.groupby(["partner", "year"], sort=True)
    table = grouped[value_cols].sum().join(grouped.size().rename("months")).reset_index()
    table["complete"] = table["months"] == 12
    return table[["year", "partner", "months", "complete", *value_cols]]


def rolling_12m(monthly: pd.DataFrame, column: str = "total_trade_usd_mn") -> pd.DataFrame:
    """Sum of the latest 12 months for each partner and month; empty (NaN) where fewer than 12 months exist."""
    parts = []
    for partner, group in monthly.groupby("partner", sort=False):
        group = group.sort_values("date")
        _check_consecutive(group["date"], f"rolling_12m({partner})")
        rolled = group[column].rolling(12, min_periods=12).sum()
        parts.append(group[["date", "partner"]].assign(**{f"{column}_12m": rolled}))
    return pd.concat(parts, ignore_index=True)


def partner_shares(annual: pd.DataFrame, flow: str = "total") -> pd.DataFrame:
    """Each partner's share of U.S. goods trade with the world (percent), by year, with its rank among
    Mexico, Canada and China (1 = largest). Years missing the World series (before 1987) are dropped."""
    column = FLOWS[flow]
    wide = annual.pivot(index="year", columns="partner", values=column)
    months = annual.pivot(index="year", columns="partner", values="months")
    wide = wide.dropna(subset=["World"])
    rows = []
    for year, values in wide.iterrows():
        ranks = values[PARTNERS].rank(ascending=False, method="min")
        for partner in PARTNERS:
            rows.append({"year": int(year), "partner": partner, "months": int(months.loc[year, partner]),
                         "complete": bool(months.loc[year, partner] == 12 and months.loc[year, "World"] == 12),
                         "value_usd_mn": values[partner], "world_usd_mn": values["World"],
                         "share_pct": 100 * values[partner] / values["World"], "rank": int(ranks[partner])})
    return pd.DataFrame(rows)


def rank_in_year(annual: pd.DataFrame, partner: str, year: int, flow: str = "total") -> int:
    """Rank (1 = largest) of ``partner`` among Mexico, Canada and China for a complete calendar year."""
    rows = annual[(annual["year"] == year) & annual["partner"].isin(PARTNERS)]
    if len(rows) != len(PARTNERS) or not rows["complete"].all():
        raise ValueError(f"{year} is not a complete year for all of {PARTNERS}")
    ranks = rows.set_index("partner")[FLOWS[flow]].rank(ascending=False, method="min")
    return int(ranks[partner])


def first_year_ranked_first(shares: pd.DataFrame, partner: str = "Mexico", complete_only: bool = True) -> int | None:
    rows = shares[(shares["partner"] == partner) & (shares["rank"] == 1)]
    if complete_only:
        rows = rows[rows["complete"]]
    return int(rows["year"].min()) if len(rows) else None


def first_month_rolling_first(monthly: pd.DataFrame, partner: str = "Mexico", column: str = "total_trade_usd_mn") -> pd.Timestamp | None:
    """First month in which ``partner``'s 12-month rolling total exceeds every other of Mexico, Canada, China."""
    rolled = rolling_12m(monthly[monthly["partner"].isin(PARTNERS)], column)
    wide = rolled.pivot(index="date", columns="partner", values=f"{column}_12m").dropna()
    others = [p for p in PARTNERS if p != partner]
    leading = wide[partner] > wide[others].max(axis=1)
    return pd.Timestamp(leading[leading].index.min()) if leading.any() else None


def minutes_in_year(year: int) -> int:
    return (366 if calendar.isleap(year) else 365) * 24 * 60


def dollars_per_minute(annual: pd.DataFrame, partner: str = "Mexico") -> pd.DataFrame:
    """Two-way goods trade per minute of the calendar year, in USD million per minute (complete years only)."""
    rows = annual[(annual["partner"] == partner) & annual["complete"]].copy()
    rows["minutes"] = rows["year"].map(minutes_in_year)
    rows["usd_mn_per_minute"] = rows["total_trade_usd_mn"] / rows["minutes"]
    return rows[["year", "total_trade_usd_mn", "minutes", "usd_mn_per_minute"]].reset_index(drop=True)


def trade_relative_to_gdp(annual: pd.DataFrame, indicators: pd.DataFrame, partner: str = "Mexico") -> pd.DataFrame:
    """U.S.–Mexico goods trade (exports + imports, complete years) as a percentage of Mexico's GDP (World Bank)."""
    trade = annual[(annual["partner"] == partner) & annual["complete"]][["year", "total_trade_usd_mn", "exports_usd_mn", "imports_usd_mn"]]
    gdp = indicators[indicators["country_code"] == "MEX"][["year", "gdp_usd"]].dropna()
    frame = trade.merge(gdp.assign(year=gdp["year"].astype(int)), on="year", how="inner")
    frame["gdp_usd_mn"] = frame["gdp_usd"] / 1e6
    frame["trade_pct_gdp"] = 100 * frame["total_trade_usd_mn"] / frame["gdp_usd_mn"]
    frame["us_imports_pct_gdp"] = 100 * frame["imports_usd_mn"] / frame["gdp_usd_mn"]
    return frame[["year", "total_trade_usd_mn", "gdp_usd_mn", "trade_pct_gdp", "us_imports_pct_gdp"]].reset_index(drop=True)


def remittances_annual(remittances: pd.DataFrame) -> pd.DataFrame:
    """Calendar-year remittance inflows with ``months`` and ``complete``."""
    frame = remittances.assign(year=pd.to_datetime(remittances["date"]).dt.year)
    grouped = frame.groupby("year")
    table = pd.DataFrame({"months": grouped.size(), "remittances_usd_mn": grouped["remittances_usd_mn"].sum(),
                          "operations": grouped["operations"].sum()}).reset_index()
    table["complete"] = table["months"] == 12
    return table[["year", "months", "complete", "remittances_usd_mn", "operations"]]


def growth_pct(table: pd.DataFrame, column: str, start: int, end: int) -> float:
    """Percentage change of ``column`` between two complete years."""
    rows = table.set_index("year")
    for year in (start, end):
        if year not in rows.index or ("complete" in rows.columns and not bool(rows.loc[year, "complete"])):
            raise ValueError(f"{year} is not a complete year in the table")
    return float(100 * (rows.loc[end, column] / rows.loc[start, column] - 1))


def growth_index(annual: pd.DataFrame, remittances: pd.DataFrame, base: int, partner: str = "Mexico") -> pd.DataFrame:
    """Index (base year = 100) of U.S. exports to and imports from ``partner`` and of remittances, complete years only."""
    trade = annual[(annual["partner"] == partner) & annual["complete"]].set_index("year")
    remit = remittances[remittances["complete"]].set_index("year")
    series = {
        "U.S. imports from Mexico": trade["imports_usd_mn"],
        "U.S. exports to Mexico": trade["exports_usd_mn"],
        "Remittances to Mexico": remit["remittances_usd_mn"],
    }
    rows = []
    for name, values in series.items():
        if base not in values.index:
            raise ValueError(f"base year {base} missing from {name}")
        for year, value in values[values.index >= base].items():
            rows.append({"year": int(year), "series": name, "value_usd_mn": float(value), "index": 100 * value / values[base]})
    return pd.DataFrame(rows)


def trough(monthly: pd.DataFrame, partner: str, year: int, column: str = "total_trade_usd_mn") -> pd.Series:
    """The month of ``year`` with the lowest ``column`` for ``partner``."""
    rows = monthly[(monthly["partner"] == partner) & (pd.to_datetime(monthly["date"]).dt.year == year)]
    return rows.loc[rows[column].idxmin()]


def chart_events(events: pd.DataFrame, labels: list[str]) -> pd.DataFrame:
    """The events with the given short labels (each must exist exactly once), in date order."""
    found = events[events["label"].isin(labels)]
    missing = sorted(set(labels) - set(found["label"]))
    if missing or len(found) != len(labels):
        raise KeyError(f"events not found exactly once in the events resource: {missing or labels}")
    return found[["date", "label", "event", "publisher", "source_url"]].sort_values("date").reset_index(drop=True)


def latest_published_share(shares: pd.DataFrame, before_year: int) -> pd.Series:
    """The latest calendar-year export share published for a year before ``before_year``."""
    rows = shares[(shares["period_type"] == "calendar year") & shares["share_pct"].notna()].copy()
    rows["year"] = rows["period"].astype(int)
    rows = rows[rows["year"] < before_year]
    if rows.empty:
        raise ValueError(f"no annual export share published before {before_year}")
    return rows.sort_values(["year", "source_row"]).iloc[-1]


def completed_years_between(start: pd.Timestamp, end: pd.Timestamp) -> int:
    years = end.year - start.year
    if (end.month, end.day) < (start.month, start.day):
        years -= 1
    return int(years)


def published_total_trade(published: pd.DataFrame, year: int) -> pd.DataFrame:
    """Total U.S. goods trade (exports + imports) per partner for ``year`` from the published totals:
    the published total where there is one, else the sum of published exports and imports (latest
    vintage: revised or final before preliminary). Partners with neither are left out."""
    rows = []
    rank_status = {"revised": 0, "final": 1, "unspecified": 2, "preliminary": 3}
    found = published[(published["year"] == year) & published["value_usd_mn"].notna()].copy()
    found["order"] = found["status"].map(rank_status)
    for partner, group in found.groupby("partner"):
        group = group.sort_values("order")
        total = group[group["flow"] == "total trade"]
        if len(total):
            row = total.iloc[0]
            rows.append({"partner": partner, "year": year, "total_trade_usd_mn": row["value_usd_mn"], "method": "published total",
                         "approximate": bool(row["approximate"]), "source_url": row["source_url"]})
            continue
        exports, imports = group[group["flow"] == "exports"], group[group["flow"] == "imports"]
        if len(exports) and len(imports):
            rows.append({"partner": partner, "year": year,
                         "total_trade_usd_mn": exports["value_usd_mn"].iloc[0] + imports["value_usd_mn"].iloc[0],
                         "method": "published exports + published imports",
                         "approximate": bool(exports["approximate"].iloc[0] or imports["approximate"].iloc[0]),
                         "source_url": "; ".join(dict.fromkeys([exports["source_url"].iloc[0], imports["source_url"].iloc[0]]))})
    table = pd.DataFrame(rows)
    if len(table) == len(PARTNERS):  # a rank only when all three partners have a published total
        table["rank"] = table["total_trade_usd_mn"].rank(ascending=False, method="min").astype("Int64")
    elif len(table):
        table["rank"] = pd.array([pd.NA] * len(table), dtype="Int64")
    return table.sort_values("total_trade_usd_mn", ascending=False).reset_index(drop=True)


# --- chart data ------------------------------------------------------------------------------------

def long_run_data(monthly: pd.DataFrame) -> pd.DataFrame:
    """Chart data: rolling 12-month exports and imports with Mexico (USD billion), months with 12 months of data."""
    mexico = monthly[monthly["partner"] == "Mexico"]
    parts = []
    for column, name in (("exports_usd_mn", "U.S. exports to Mexico"), ("imports_usd_mn", "U.S. imports from Mexico")):
        rolled = rolling_12m(mexico, column).dropna()
        parts.append(pd.DataFrame({"date": rolled["date"], "flow": name, "usd_bn": (rolled[f"{column}_12m"] / 1000).round(3)}))
    return pd.concat(parts, ignore_index=True)


def recent_monthly_data(monthly: pd.DataFrame, start: str) -> pd.DataFrame:
    mexico = monthly[(monthly["partner"] == "Mexico") & (monthly["date"] >= pd.Timestamp(start))]
    return pd.concat([
        pd.DataFrame({"date": mexico["date"], "flow": "U.S. imports from Mexico", "usd_bn": (mexico["imports_usd_mn"] / 1000).round(3)}),
        pd.DataFrame({"date": mexico["date"], "flow": "U.S. exports to Mexico", "usd_bn": (mexico["exports_usd_mn"] / 1000).round(3)}),
    ], ignore_index=True)


def share_chart_data(shares: pd.DataFrame) -> pd.DataFrame:
    data = shares[["year", "partner", "months", "complete", "share_pct"]].copy()
    data["share_pct"] = data["share_pct"].round(2)
    data["period"] = np.where(data["complete"], "full year", "partial year")
    return data


# --- figures: one builder per chart of the chapter, each returning the finished Figure -------------

def _flow_lines(data: pd.DataFrame, point: alt.OverlayMarkDef | None, y_title: str, date_title: str, events: pd.DataFrame) -> alt.LayerChart:
    """Lines of U.S. exports to and imports from Mexico (``date``, ``flow``, ``usd_bn``) with event rules;
    ``point``: markers on the line (None: a plain line)."""
    chart = alt.Chart(data)
    base = (chart.mark_line() if point is None else chart.mark_line(point=point)).encode(
        x=alt.X("date:T", title=None),
        y=alt.Y("usd_bn:Q", title=y_title),
        color=alt.Color("flow:N", title=None),
        tooltip=[alt.Tooltip("date:T", title=date_title, format="%b %Y"), alt.Tooltip("flow:N"),
                 alt.Tooltip("usd_bn:Q", title="USD billion", format=",.1f")],
    )
    return alt.layer(base, *event_rules(events))


def long_run_figure(monthly: pd.DataFrame, events: pd.DataFrame, fold_1993_2022: float, surplus_years) -> Figure:
    """12-month rolling U.S. exports to and imports from Mexico, in USD billion, with NAFTA's and the
    USMCA's entry into force. ``surplus_years``: the years of a U.S. surplus with Mexico."""
    long_events = chart_events(events, [Label.NAFTA_IN_FORCE, Label.USMCA_IN_FORCE])
    long_data = long_run_data(monthly)
    return figure(
        _flow_lines(long_data, None, "USD billion, 12 months to date", "12 months to", long_events),
        name="trade-long-run", data=long_data,
        title=f"U.S. goods trade with Mexico was {fold_1993_2022:.1f} times larger in 2022 than in 1993, the year before NAFTA",
        subtitle="U.S. exports to and imports from Mexico, 12-month rolling totals, USD billion (current), not seasonally adjusted",
        source="U.S. Census Bureau, U.S. Trade in Goods by Country (resource us_trade_monthly); events: CRS R44981, IISD",
        description=(f"Two lines, 12-month rolling totals of U.S. exports to and imports from Mexico, from "
                     f"{long_data['date'].min():%B %Y} to {long_data['date'].max():%B %Y}. Imports reach a peak of "
                     f"{long_data[long_data['flow'].str.contains('imports')]['usd_bn'].max():,.0f} billion dollars and exports "
                     f"{long_data[long_data['flow'].str.contains('exports')]['usd_bn'].max():,.0f} billion. Imports exceed exports "
                     f"every year since {surplus_years.max() + 1}. Dashed lines mark NAFTA's entry into force and the USMCA's."),
    )


def recent_monthly_figure(monthly: pd.DataFrame, events: pd.DataFrame, low: pd.Series) -> Figure:
    """Monthly U.S. exports to and imports from Mexico from January 2017, with the renegotiation,
    tariff and USMCA dates. ``low``: the 2020 trough month (a row of ``monthly``, see ``trough``)."""
    recent_events = chart_events(events, [Label.NAFTA_TALKS_BEGIN, Label.STEEL_ALUMINIUM_TARIFFS_ON_MEXICO, Label.USMCA_SIGNED,
                                          Label.STEEL_ALUMINIUM_TARIFFS_LIFTED, Label.USMCA_IN_FORCE])
    recent = recent_monthly_data(monthly, "2017-01-01")
    return figure(
        _flow_lines(recent, alt.OverlayMarkDef(size=12), "USD billion per month", "Month", recent_events),
        name="trade-monthly-2017-2023", data=recent,
        title="Only the pandemic, not the tariffs or the renegotiation, broke the rise in U.S.–Mexico trade",
        subtitle="U.S. exports to and imports from Mexico, monthly, USD billion (current), not seasonally adjusted, January 2017 – October 2023",
        source="U.S. Census Bureau, U.S. Trade in Goods by Country (us_trade_monthly); events: CRS R44981, Federal Register, Presidencia de la República, IISD, RFI",
        description=(f"Monthly U.S. imports from and exports to Mexico, January 2017 to {recent['date'].max():%B %Y}. Both fall "
                     f"steeply in spring 2020, to a low in {low['date']:%B %Y} ({low['imports_usd_mn'] / 1000:,.1f} billion dollars "
                     f"of imports, {low['exports_usd_mn'] / 1000:,.1f} billion of exports), recover within months and reach new highs "
                     "in 2022–2023. Dashed lines mark the start of NAFTA talks, the steel and aluminium tariffs on Mexico and their "
                     "lifting, the USMCA signature and its entry into force."),
    )


def gdp_ratio_figure(ratio: pd.DataFrame) -> Figure:
    """U.S.–Mexico goods trade as % of Mexico's GDP by year (``ratio``: ``trade_relative_to_gdp``)."""
    gdp_data = ratio[["year", "trade_pct_gdp"]].assign(trade_pct_gdp=lambda f: f["trade_pct_gdp"].round(2))
    chart = alt.Chart(gdp_data).mark_line(point=True).encode(
        x=alt.X("year:Q", title=None, axis=alt.Axis(format="d")),
        y=alt.Y("trade_pct_gdp:Q", title="% of Mexico's GDP"),
        tooltip=[alt.Tooltip("year:Q", title="Year", format="d"), alt.Tooltip("trade_pct_gdp:Q", title="% of GDP", format=".1f")])
    return figure(
        chart, name="trade-gdp-ratio", data=gdp_data,
        title="Goods trade with the U.S. is equivalent to about half of Mexico's GDP",
        subtitle="U.S.–Mexico goods exports + imports as % of Mexico's GDP (both in current USD), calendar years with 12 months of trade data",
        source="U.S. Census Bureau (us_trade_monthly); World Bank WDI NY.GDP.MKTP.CD (country_indicators)",
        description=(f"A line from {gdp_data['year'].min()} to {gdp_data['year'].max()}. The ratio is "
                     f"{gdp_data['trade_pct_gdp'].iloc[0]:.0f} percent in {gdp_data['year'].min()}, lowest in "
                     f"{gdp_data.loc[gdp_data['trade_pct_gdp'].idxmin(), 'year']} ({gdp_data['trade_pct_gdp'].min():.0f} percent), "
                     f"jumps in 1995 when the peso was devalued, and rises to its highest value, {gdp_data['trade_pct_gdp'].max():.0f} "
                     f"percent, in {gdp_data.loc[gdp_data['trade_pct_gdp'].idxmax(), 'year']}."),
    )


def partner_shares_figure(shares: pd.DataFrame) -> Figure:
    """Mexico's, Canada's and China's shares of U.S. goods trade by year (``shares``: ``partner_shares``),
    full years as lines and the partial last year as diamonds."""
    share_data = share_chart_data(shares)
    color = alt.Color("partner:N", title=None, sort=PARTNERS)
    tooltip = [alt.Tooltip("year:O", title="Year"), alt.Tooltip("partner:N"), alt.Tooltip("share_pct:Q", title="% of U.S. goods trade", format=".1f"),
               alt.Tooltip("months:Q", title="Months in the data")]
    line = alt.Chart(share_data[share_data["complete"]]).mark_line().encode(
        x=alt.X("year:Q", title=None, axis=alt.Axis(format="d")), y=alt.Y("share_pct:Q", title="% of U.S. goods trade (exports + imports)"),
        color=color, tooltip=tooltip)
    partial = alt.Chart(share_data[~share_data["complete"]]).mark_point(shape="diamond", size=80, filled=False).encode(
        x="year:Q", y="share_pct:Q", color=color, tooltip=tooltip)
    return figure(
        alt.layer(line, partial), name="trade-partner-shares", data=share_data,
        title="Mexico overtook China and Canada in 2019 and again in 2023",
        subtitle="Share of U.S. goods trade (exports + imports) with the world, %, calendar years; diamond = 2023, January–October only",
        source="U.S. Census Bureau, U.S. Trade in Goods by Country (us_trade_monthly)",
        description=(f"Three lines, one per partner, from {share_data['year'].min()} to 2022, and a diamond each for "
                     f"January–October 2023. Canada has the largest share until China overtakes it; China peaks in "
                     f"{shares[shares['partner'] == 'China'].set_index('year')['share_pct'].idxmax()} and declines after 2018. "
                     f"Mexico rises from {shares.set_index(['partner', 'year']).loc[('Mexico', share_data['year'].min()), 'share_pct']:.1f} "
                     f"percent to lead in {first_year_ranked_first(shares)} and again in 2023."),
    )


def balance_figure(annual: pd.DataFrame, surplus_years) -> Figure:
    """Bars of the U.S. goods balance with Mexico, complete calendar years (``annual``: ``annual_totals``).
    ``surplus_years``: the years of a U.S. surplus with Mexico."""
    balance_data = annual[(annual["partner"] == "Mexico") & annual["complete"]][["year", "balance_usd_mn"]].assign(
        balance_usd_bn=lambda f: (f["balance_usd_mn"] / 1000).round(3))[["year", "balance_usd_bn"]]
    chart = alt.Chart(balance_data).mark_bar(color="#D55E00").encode(
        x=alt.X("year:O", title=None, axis=alt.Axis(labelAngle=0, values=list(range(1985, 2025, 5)))),
        y=alt.Y("balance_usd_bn:Q", title="USD billion (negative = U.S. deficit)"),
        tooltip=[alt.Tooltip("year:O", title="Year"), alt.Tooltip("balance_usd_bn:Q", title="Balance, USD billion", format=",.1f")])
    return figure(
        chart, name="trade-balance", data=balance_data,
        title=f"The U.S. goods deficit with Mexico has widened since {surplus_years.max() + 1}",
        subtitle="U.S. goods trade balance with Mexico (exports − imports), USD billion (current), calendar years with 12 months of data (1985–2022)",
        source="U.S. Census Bureau, U.S. Trade in Goods by Country (us_trade_monthly)",
        description=(f"Bars from {balance_data['year'].min()} to {balance_data['year'].max()}. Small deficits in the late "
                     f"1980s turn into small surpluses in {surplus_years.min()}–{surplus_years.max()}, then into deficits that "
                     f"grow to {-balance_data['balance_usd_bn'].min():,.1f} billion dollars in "
                     f"{balance_data.loc[balance_data['balance_usd_bn'].idxmin(), 'year']}."),
    )


def remittances_growth_figure(annual: pd.DataFrame, remittances: pd.DataFrame) -> Figure:
    """Index (2018 = 100) of U.S. exports to and imports from Mexico and of remittances to Mexico,
    complete years (``annual``: ``annual_totals``; ``remittances``: ``remittances_annual``)."""
    index = growth_index(annual, remittances, base=2018)
    growth_data = index.assign(index=index["index"].round(2), value_usd_bn=(index["value_usd_mn"] / 1000).round(3))[["year", "series", "index", "value_usd_bn"]]
    chart = alt.Chart(growth_data).mark_line(point=True).encode(
        x=alt.X("year:Q", title=None, axis=alt.Axis(format="d", tickMinStep=1)),
        y=alt.Y("index:Q", title="Index, 2018 = 100", scale=alt.Scale(zero=False)),
        color=alt.Color("series:N", title=None),
        tooltip=[alt.Tooltip("year:Q", format="d", title="Year"), alt.Tooltip("series:N"), alt.Tooltip("index:Q", format=".1f"),
                 alt.Tooltip("value_usd_bn:Q", title="USD billion", format=",.1f")])
    return figure(
        chart, name="trade-remittances-growth", data=growth_data,
        title="Remittances to Mexico grew much faster than trade after 2018",
        subtitle="Index, 2018 = 100, of annual values in current USD; complete calendar years only (trade to 2022, remittances to 2025)",
        source="Banco de México, SIE, Ingresos por remesas (remittances_monthly); U.S. Census Bureau (us_trade_monthly)",
        description=("Three lines starting at 100 in 2018. " + " ".join(
            f"{name}: {g['index'].iloc[-1]:.0f} in {g['year'].iloc[-1]}." for name, g in growth_data.groupby('series'))
            + " Remittances rise every year to 2024; both trade flows dip in 2020."),
    )
