"""Analysis for the trade chapter: annual aggregates that count their months, rolling 12-month
totals, partner shares and ranks, trade per minute, trade relative to GDP, remittances.

All functions are pure (DataFrames in, DataFrames or numbers out). Annual sums never pretend a
partial year is complete: every annual table carries ``months`` and ``complete``.
"""

from __future__ import annotations

import calendar

import numpy as np
import pandas as pd

from analysis.book.charts import event_rules
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


# --- charts (Altair specs; the chapter wraps them with analysis.book.charts.figure) ----------------------

def long_run_chart(rolled: pd.DataFrame, events: pd.DataFrame):
    """12-month rolling U.S. exports to and imports from Mexico, in USD billion, with event rules."""
    import altair as alt

    base = alt.Chart(rolled).mark_line().encode(
        x=alt.X("date:T", title=None),
        y=alt.Y("usd_bn:Q", title="USD billion, 12 months to date"),
        color=alt.Color("flow:N", title=None),
        tooltip=[alt.Tooltip("date:T", title="12 months to", format="%b %Y"), alt.Tooltip("flow:N"),
                 alt.Tooltip("usd_bn:Q", title="USD billion", format=",.1f")],
    )
    return alt.layer(base, *event_rules(events))


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


def recent_monthly_chart(data: pd.DataFrame, events: pd.DataFrame):
    import altair as alt

    base = alt.Chart(data).mark_line(point=alt.OverlayMarkDef(size=12)).encode(
        x=alt.X("date:T", title=None),
        y=alt.Y("usd_bn:Q", title="USD billion per month"),
        color=alt.Color("flow:N", title=None),
        tooltip=[alt.Tooltip("date:T", title="Month", format="%b %Y"), alt.Tooltip("flow:N"),
                 alt.Tooltip("usd_bn:Q", title="USD billion", format=",.1f")],
    )
    return alt.layer(base, *event_rules(events))


def share_chart_data(shares: pd.DataFrame) -> pd.DataFrame:
    data = shares[["year", "partner", "months", "complete", "share_pct"]].copy()
    data["share_pct"] = data["share_pct"].round(2)
    data["period"] = np.where(data["complete"], "full year", "partial year")
    return data


def share_chart(data: pd.DataFrame):
    import altair as alt

    color = alt.Color("partner:N", title=None, sort=PARTNERS)
    tooltip = [alt.Tooltip("year:O", title="Year"), alt.Tooltip("partner:N"), alt.Tooltip("share_pct:Q", title="% of U.S. goods trade", format=".1f"),
               alt.Tooltip("months:Q", title="Months in the data")]
    line = alt.Chart(data[data["complete"]]).mark_line().encode(
        x=alt.X("year:Q", title=None, axis=alt.Axis(format="d")), y=alt.Y("share_pct:Q", title="% of U.S. goods trade (exports + imports)"),
        color=color, tooltip=tooltip)
    partial = alt.Chart(data[~data["complete"]]).mark_point(shape="diamond", size=80, filled=False).encode(
        x="year:Q", y="share_pct:Q", color=color, tooltip=tooltip)
    return alt.layer(line, partial)


def balance_chart(annual: pd.DataFrame):
    import altair as alt

    data = annual[(annual["partner"] == "Mexico") & annual["complete"]][["year", "balance_usd_mn"]].assign(
        balance_usd_bn=lambda f: (f["balance_usd_mn"] / 1000).round(3))[["year", "balance_usd_bn"]]
    chart = alt.Chart(data).mark_bar(color="#D55E00").encode(
        x=alt.X("year:O", title=None, axis=alt.Axis(labelAngle=0, values=list(range(1985, 2025, 5)))),
        y=alt.Y("balance_usd_bn:Q", title="USD billion (negative = U.S. deficit)"),
        tooltip=[alt.Tooltip("year:O", title="Year"), alt.Tooltip("balance_usd_bn:Q", title="Balance, USD billion", format=",.1f")])
    return chart, data


def gdp_chart(ratio: pd.DataFrame):
    import altair as alt

    data = ratio[["year", "trade_pct_gdp"]].assign(trade_pct_gdp=lambda f: f["trade_pct_gdp"].round(2))
    chart = alt.Chart(data).mark_line(point=True).encode(
        x=alt.X("year:Q", title=None, axis=alt.Axis(format="d")),
        y=alt.Y("trade_pct_gdp:Q", title="% of Mexico's GDP"),
        tooltip=[alt.Tooltip("year:Q", title="Year", format="d"), alt.Tooltip("trade_pct_gdp:Q", title="% of GDP", format=".1f")])
    return chart, data


def growth_chart(index: pd.DataFrame):
    import altair as alt

    data = index.assign(index=index["index"].round(2), value_usd_bn=(index["value_usd_mn"] / 1000).round(3))[["year", "series", "index", "value_usd_bn"]]
    chart = alt.Chart(data).mark_line(point=True).encode(
        x=alt.X("year:Q", title=None, axis=alt.Axis(format="d", tickMinStep=1)),
        y=alt.Y("index:Q", title="Index, 2018 = 100", scale=alt.Scale(zero=False)),
        color=alt.Color("series:N", title=None),
        tooltip=[alt.Tooltip("year:Q", format="d", title="Year"), alt.Tooltip("series:N"), alt.Tooltip("index:Q", format=".1f"),
                 alt.Tooltip("value_usd_bn:Q", title="USD billion", format=",.1f")])
    return chart, data
