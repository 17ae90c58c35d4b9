"""Analysis for the trade chapter: annual aggregates that count their months, published annual
totals where the monthly file stops, rolling 12-month totals, partner shares and ranks, trade
relative to GDP, the newer import vintage (FRED) against China, FDI, remittances; and the
chapter's figure builders (one per chart, each returning the finished Figure).

All functions are pure (DataFrames in, DataFrames or numbers out). Annual sums never pretend a
partial year is complete: every annual table carries ``months`` and ``complete``. Two bases are
never mixed without a ``basis`` column saying which each year uses:

- ``SUMS``: the sum of the 12 months of the Census monthly file (``us_trade_monthly``, to October
  2023), for every complete calendar year it holds;
- ``PUBLISHED``: the annual totals the Census Bureau published (``us_goods_trade_published``),
  for the years after the monthly file stops (2023 on). Published totals include annual revisions
  and run up to about 0.7% above the sums of months.

The FRED import vintage (``us_imports_monthly_fred``) is a third source, used on its own: it is
never spliced month by month into the Census file.
"""

from __future__ import annotations

import calendar

import altair as alt
import pandas as pd

from analysis.book.charts import PALETTE, WIDTH, Figure, TimeAxis, event_rules, figure, shade_periods, wrap_source
from analysis.data.events import Label, event_date
from analysis.data.periods import first_break_in_months, long_date

PARTNERS = ["Mexico", "Canada", "China"]
FLOWS = {"exports": "exports_usd_mn", "imports": "imports_usd_mn", "total": "total_trade_usd_mn", "balance": "balance_usd_mn"}
PUBLISHED_FLOWS = {"exports": "exports", "imports": "imports", "total": "total trade", "balance": "balance"}
SUMS = "sum of 12 months (Census monthly file)"
PUBLISHED = "published annual total"
STATUS_ORDER = {"revised": 0, "final": 1, "unspecified": 2, "preliminary": 3}
PARTNER_COLOURS = {"Mexico": PALETTE[0], "Canada": PALETTE[1], "China": PALETTE[3]}
TERM = "López Obrador's term"


def _check_consecutive(dates: pd.Series, what: str) -> None:
    gap = first_break_in_months(dates)
    if gap is not None:
        raise ValueError(f"{what}: months are not consecutive at {pd.Timestamp(dates[gap]):%Y-%m}; rolling or annual totals would be wrong")


# --- annual totals: sums of months, and published totals where the monthly file stops ------------

def annual_totals(monthly: pd.DataFrame) -> pd.DataFrame:
    """Calendar-year sums per partner with ``months`` (count of months summed) and ``complete`` (12 months)."""
    frame = monthly.assign(year=pd.to_datetime(monthly["date"]).dt.year)
    value_cols = [c for c in FLOWS.values() if c in frame.columns]
    grouped = frame.groupby(["partner", "year"], sort=True)
    table = grouped[value_cols].sum().join(grouped.size().rename("months")).reset_index()
    table["complete"] = table["months"] == 12
    return table[["year", "partner", "months", "complete", *value_cols]]


def published_value(published: pd.DataFrame, partner: str, year: int, flow: str) -> dict | None:
    """The published figure for ``partner``, ``year`` and ``flow`` (exports, imports, total, balance),
    latest vintage first (revised, final, unspecified, preliminary). A total or balance that was not
    published is computed from published exports and imports (``method`` says so); None when neither."""
    rows = published[(published["partner"] == partner) & (published["year"] == year) & published["value_usd_mn"].notna()]
    rows = rows.assign(order=rows["status"].map(STATUS_ORDER)).sort_values("order")

    def first(name: str) -> pd.Series | None:
        found = rows[rows["flow"] == name]
        return found.iloc[0] if len(found) else None

    row = first(PUBLISHED_FLOWS[flow])
    if row is not None:
        return {"value_usd_mn": float(row["value_usd_mn"]), "approximate": bool(row["approximate"]), "status": row["status"],
                "method": "published", "source_url": row["source_url"]}
    if flow in ("total", "balance"):
        exports, imports = first("exports"), first("imports")
        if exports is not None and imports is not None:
            sign = 1 if flow == "total" else -1
            return {"value_usd_mn": float(exports["value_usd_mn"] + sign * imports["value_usd_mn"]),
                    "approximate": bool(exports["approximate"] or imports["approximate"]), "status": imports["status"],
                    "method": "published exports " + ("+" if sign == 1 else "−") + " published imports",
                    "source_url": "; ".join(dict.fromkeys([exports["source_url"], imports["source_url"]]))}
    return None


def annual_series(annual: pd.DataFrame, published: pd.DataFrame, partner: str, flow: str) -> pd.DataFrame:
    """One flow with one partner by calendar year: sums of months for the complete years of the
    monthly file, then published annual totals for the later years that have one (``basis``)."""
    rows = annual[(annual["partner"] == partner) & annual["complete"]]
    table = pd.DataFrame({"year": rows["year"].astype(int), "value_usd_mn": rows[FLOWS[flow]], "basis": SUMS, "approximate": False})
    last = int(table["year"].max())
    later = []
    for year in sorted(y for y in published["year"].unique() if y > last):
        found = published_value(published, partner, int(year), flow)
        if found is not None:
            later.append({"year": int(year), "value_usd_mn": found["value_usd_mn"], "basis": PUBLISHED, "approximate": found["approximate"]})
    return pd.concat([table, pd.DataFrame(later)], ignore_index=True) if later else table.reset_index(drop=True)


def published_total_trade(published: pd.DataFrame, year: int) -> pd.DataFrame:
    """Total U.S. goods trade (exports + imports) with Mexico, Canada and China in ``year`` from the
    published totals, with each partner's rank among the three when all three have one."""
    rows = []
    for partner in PARTNERS:
        found = published_value(published, partner, year, "total")
        if found is not None:
            rows.append({"partner": partner, "year": year, "total_trade_usd_mn": found["value_usd_mn"], "method": found["method"],
                         "approximate": found["approximate"], "status": found["status"], "source_url": found["source_url"]})
    table = pd.DataFrame(rows, columns=["partner", "year", "total_trade_usd_mn", "method", "approximate", "status", "source_url"])
    ranks = table["total_trade_usd_mn"].rank(ascending=False, method="min")
    table["rank"] = ranks.astype("Int64") if len(table) == len(PARTNERS) else pd.array([pd.NA] * len(table), dtype="Int64")
    return table.sort_values("total_trade_usd_mn", ascending=False).reset_index(drop=True)


def growth_pct(table: pd.DataFrame, column: str, start: int, end: int) -> float:
    """Percentage change of ``column`` between two complete years."""
    rows = table.set_index("year")
    for year in (start, end):
        if year not in rows.index or ("complete" in rows.columns and not bool(rows.loc[year, "complete"])):
            raise ValueError(f"{year} is not a complete year in the table")
    return float(100 * (rows.loc[end, column] / rows.loc[start, column] - 1))


# --- ranks and shares ---------------------------------------------------------------------------

def partner_shares(annual: pd.DataFrame, flow: str = "total") -> pd.DataFrame:
    """Each partner's share of U.S. goods trade with the world (percent), by year of the monthly file,
    with its rank among Mexico, Canada and China (1 = largest). Years before the World series (1987) are dropped."""
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


def shares_series(annual: pd.DataFrame, published: pd.DataFrame, flow: str = "total") -> pd.DataFrame:
    """Shares of U.S. goods trade (``flow``: total or imports) with the world and ranks among the
    three partners for every complete year: sums of months to 2022, then the published annual totals
    (partner / world) for the years where all three partners and the world have one (``basis``)."""
    monthly = partner_shares(annual, flow)
    monthly = monthly[monthly["complete"]].assign(basis=SUMS)[["year", "partner", "value_usd_mn", "world_usd_mn", "share_pct", "rank", "basis"]]
    last = int(monthly["year"].max())
    later = []
    for year in sorted(y for y in published["year"].unique() if y > last):
        values = {p: published_value(published, p, int(year), flow) for p in [*PARTNERS, "World"]}
        if any(v is None for v in values.values()):
            continue
        world = values["World"]["value_usd_mn"]
        ranks = pd.Series({p: values[p]["value_usd_mn"] for p in PARTNERS}).rank(ascending=False, method="min")
        for partner in PARTNERS:
            later.append({"year": int(year), "partner": partner, "value_usd_mn": values[partner]["value_usd_mn"], "world_usd_mn": world,
                          "share_pct": 100 * values[partner]["value_usd_mn"] / world, "rank": int(ranks[partner]), "basis": PUBLISHED})
    return pd.concat([monthly, pd.DataFrame(later)], ignore_index=True)


def rank_in_year(annual: pd.DataFrame, partner: str, year: int, flow: str = "total") -> int:
    """Rank (1 = largest) of ``partner`` among Mexico, Canada and China for a complete calendar year."""
    rows = annual[(annual["year"] == year) & annual["partner"].isin(PARTNERS)]
    if len(rows) != len(PARTNERS) or not rows["complete"].all():
        raise ValueError(f"{year} is not a complete year for all of {PARTNERS}")
    ranks = rows.set_index("partner")[FLOWS[flow]].rank(ascending=False, method="min")
    return int(ranks[partner])


def years_ranked_first(shares: pd.DataFrame, partner: str = "Mexico") -> list[int]:
    """The years in which ``partner`` ranks first among the three (``shares``: :func:`shares_series`)."""
    return sorted(shares.loc[(shares["partner"] == partner) & (shares["rank"] == 1), "year"].astype(int).tolist())


RANK_AMONG_ALL = "rank among U.S. goods trading partners"


def years_first_among_all(shares_published: pd.DataFrame, partner: str = "Mexico", status: str = "final") -> list[int]:
    """The years in which ``partner`` is published as the largest U.S. goods trading partner, among
    all countries (``us_trade_shares_published``), keeping only figures of ``status`` (None: any)."""
    rows = shares_published[(shares_published["measure"] == RANK_AMONG_ALL) & (shares_published["partner"] == partner)
                            & (shares_published["value"] == 1)]
    if status is not None:
        rows = rows[rows["status"] == status]
    return sorted(rows["year"].astype(int).unique().tolist())


def lead_over_next(shares: pd.DataFrame, year: int, partner: str = "Mexico") -> float:
    """How far ``partner``'s value exceeds the next of the three partners in ``year``, in percent."""
    values = shares[shares["year"] == year].set_index("partner")["value_usd_mn"]
    return float(100 * (values[partner] / values.drop(partner).max() - 1))


def revision_gaps(annual: pd.DataFrame, published: pd.DataFrame) -> pd.DataFrame:
    """For every exact (not rounded) published annual export or import figure of a year the monthly
    file holds in full, the gap between it and the sum of that year's months (``gap_pct``, percent)."""
    sums = annual[annual["complete"]].set_index(["partner", "year"])
    rows = published[published["flow"].isin(["exports", "imports"]) & published["value_usd_mn"].notna() & ~published["approximate"]]
    out = []
    for record in rows.to_dict("records"):
        key = (record["partner"], record["year"])
        if key in sums.index:
            summed = sums.loc[key, FLOWS[record["flow"]]]
            out.append({"partner": key[0], "year": key[1], "flow": record["flow"], "status": record["status"],
                        "published_usd_mn": record["value_usd_mn"], "sum_of_months_usd_mn": summed,
                        "gap_pct": 100 * (record["value_usd_mn"] / summed - 1)})
    return pd.DataFrame(out)


def published_ranks(shares_published: pd.DataFrame, published: pd.DataFrame) -> pd.DataFrame:
    """The published ranks among all U.S. partners (``us_trade_shares_published``), each with the
    published value it ranks (two-way trade, or U.S. exports for the export-market rank), for a table."""
    ranks = shares_published[shares_published["unit"] == "rank"].sort_values(["year", "measure", "value"])
    rows = []
    for record in ranks.to_dict("records"):
        flow = "exports" if "export" in record["measure"] else "total"
        found = published_value(published, record["partner"], int(record["year"]), flow)
        rows.append({"year": int(record["year"]), "partner": record["partner"], "ranked among": record["measure"].replace("rank among ", ""),
                     "rank": int(record["value"]), "by": "U.S. exports" if flow == "exports" else "exports + imports",
                     "USD billion": "" if found is None else f"{found['value_usd_mn'] / 1000:,.1f}",
                     "status": record["status"], "source": record["document"] or record["publisher"], "url": record["source_url"]})
    return pd.DataFrame(rows)


def rolling_12m(monthly: pd.DataFrame, column: str = "total_trade_usd_mn") -> pd.DataFrame:
    """Sum of the latest 12 months for each partner and month; empty (NaN) where fewer than 12 months exist."""
    parts = []
    for partner, group in monthly.groupby("partner", sort=False):
        group = group.sort_values("date")
        _check_consecutive(group["date"], f"rolling_12m({partner})")
        rolled = group[column].rolling(12, min_periods=12).sum()
        parts.append(group[["date", "partner"]].assign(**{f"{column}_12m": rolled}))
    return pd.concat(parts, ignore_index=True)


def first_month_rolling_first(monthly: pd.DataFrame, partner: str = "Mexico", column: str = "total_trade_usd_mn") -> pd.Timestamp | None:
    """First month in which ``partner``'s 12-month rolling total exceeds every other of Mexico, Canada, China."""
    rolled = rolling_12m(monthly[monthly["partner"].isin(PARTNERS)], column)
    wide = rolled.pivot(index="date", columns="partner", values=f"{column}_12m").dropna()
    others = [p for p in PARTNERS if p != partner]
    leading = wide[partner] > wide[others].max(axis=1)
    return pd.Timestamp(leading[leading].index.min()) if leading.any() else None


def peak_before(monthly: pd.DataFrame, before: str, partner: str = "Mexico", column: str = "total_trade_usd_mn") -> pd.Series:
    """The highest 12-month rolling total of ``column`` with ``partner`` before the month ``before``
    (``date``, ``value_usd_mn``)."""
    rolled = rolling_12m(monthly[monthly["partner"] == partner], column).dropna()
    rolled = rolled[rolled["date"] < pd.Timestamp(before)]
    row = rolled.loc[rolled[f"{column}_12m"].idxmax()]
    return pd.Series({"date": row["date"], "value_usd_mn": row[f"{column}_12m"]})


def trough(monthly: pd.DataFrame, partner: str, year: int, column: str = "total_trade_usd_mn") -> pd.Series:
    """The month of ``year`` with the lowest ``column`` for ``partner``."""
    rows = monthly[(monthly["partner"] == partner) & (pd.to_datetime(monthly["date"]).dt.year == year)]
    return rows.loc[rows[column].idxmin()]


def minutes_in_year(year: int) -> int:
    return (366 if calendar.isleap(year) else 365) * 24 * 60


def dollars_per_minute(annual: pd.DataFrame, partner: str = "Mexico") -> pd.DataFrame:
    """Two-way goods trade per minute of the calendar year, in USD million per minute (complete years only)."""
    rows = annual[(annual["partner"] == partner) & annual["complete"]].copy()
    rows["minutes"] = rows["year"].map(minutes_in_year)
    rows["usd_mn_per_minute"] = rows["total_trade_usd_mn"] / rows["minutes"]
    return rows[["year", "total_trade_usd_mn", "minutes", "usd_mn_per_minute"]].reset_index(drop=True)


def trade_relative_to_gdp(annual: pd.DataFrame, published: pd.DataFrame, indicators: pd.DataFrame, partner: str = "Mexico") -> pd.DataFrame:
    """U.S.–Mexico goods trade (exports + imports; sums of months, then published totals) as a
    percentage of Mexico's and of the United States' GDP (World Bank, current USD), for the years
    with both; a year without GDP in the package is left out, never estimated."""
    trade = annual_series(annual, published, partner, "total").rename(columns={"value_usd_mn": "total_trade_usd_mn"})
    imports = annual_series(annual, published, partner, "imports")[["year", "value_usd_mn"]].rename(columns={"value_usd_mn": "imports_usd_mn"})
    gdp = indicators.pivot(index="year", columns="country_code", values="gdp_usd").dropna(subset=["MEX", "USA"]).reset_index()
    gdp["year"] = gdp["year"].astype(int)
    frame = trade.merge(imports, on="year", how="left").merge(gdp[["year", "MEX", "USA"]], on="year", how="inner")
    frame["mexico_gdp_usd_mn"], frame["us_gdp_usd_mn"] = frame["MEX"] / 1e6, frame["USA"] / 1e6
    frame["pct_mexico_gdp"] = 100 * frame["total_trade_usd_mn"] / frame["mexico_gdp_usd_mn"]
    frame["pct_us_gdp"] = 100 * frame["total_trade_usd_mn"] / frame["us_gdp_usd_mn"]
    frame["imports_pct_mexico_gdp"] = 100 * frame["imports_usd_mn"] / frame["mexico_gdp_usd_mn"]
    return frame[["year", "basis", "total_trade_usd_mn", "imports_usd_mn", "mexico_gdp_usd_mn", "us_gdp_usd_mn",
                  "pct_mexico_gdp", "pct_us_gdp", "imports_pct_mexico_gdp"]].reset_index(drop=True)


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


def published_measure(table: pd.DataFrame, measure: str, **match) -> pd.Series:
    """The single row of a published-figures table (``trade_policy_published``, ``mexico_fdi_published``,
    ``us_trade_shares_published``) with ``measure`` and the other ``match`` columns; a clear error otherwise."""
    rows = table[table["measure"] == measure]
    for column, value in match.items():
        rows = rows[rows[column] == value]
    if len(rows) != 1:
        raise KeyError(f"expected one row with measure {measure!r} and {match}, found {len(rows)}")
    return rows.iloc[0]


# --- the newer import vintage (FRED): Mexico against China ----------------------------------------

def fred_rolling(fred: pd.DataFrame) -> pd.DataFrame:
    """12-month rolling U.S. imports from Mexico and from China (FRED vintage), months with 12 months of data."""
    rolled = rolling_12m(fred, "imports_usd_mn").dropna()
    return rolled.rename(columns={"imports_usd_mn_12m": "imports_12m_usd_mn"}).reset_index(drop=True)


def mexico_overtakes_china(fred: pd.DataFrame) -> pd.Timestamp:
    """The month from which Mexico's 12-month imports have exceeded China's without interruption
    (the latest change of lead in the FRED vintage; an error if Mexico does not lead at the end)."""
    wide = fred_rolling(fred).pivot(index="date", columns="partner", values="imports_12m_usd_mn").dropna()
    ahead = wide["Mexico"] > wide["China"]
    if not ahead.iloc[-1]:
        raise ValueError("Mexico does not lead China in the last month both series cover")
    behind = ahead[~ahead]
    return pd.Timestamp(ahead.index[ahead.index > behind.index.max()].min()) if len(behind) else pd.Timestamp(ahead.index.min())


def fred_annual(fred: pd.DataFrame) -> pd.DataFrame:
    """Calendar-year sums of the FRED vintage per partner, complete years only (``year``, Mexico, China)."""
    frame = fred.assign(year=fred["date"].dt.year)
    grouped = frame.groupby(["year", "partner"])["imports_usd_mn"].agg(["sum", "size"]).reset_index()
    grouped = grouped[grouped["size"] == 12]
    return grouped.pivot(index="year", columns="partner", values="sum").reset_index()


def last_year_ahead_before(fred: pd.DataFrame, year: int, partner: str = "Mexico", other: str = "China") -> int:
    """The last calendar year before ``year`` in which U.S. imports from ``partner`` exceeded those from ``other``."""
    wide = fred_annual(fred).dropna().set_index("year")
    ahead = wide.index[(wide[partner] > wide[other]) & (wide.index < year)]
    return int(ahead.max())


# --- FDI and remittances -----------------------------------------------------------------------

def fdi_first_releases(fdi: pd.DataFrame) -> pd.DataFrame:
    """FDI inflows as first released (preliminary) each year, with the later revision where one was
    published and the 2022 extraordinary operations (``year``, ``first_release_usd_mn``, ``revised_usd_mn``,
    ``extraordinary_usd_mn``)."""
    inflows = fdi[fdi["measure"] == "inflows"]
    first = inflows[inflows["status"] == "preliminary"].set_index("year")["value"]
    revised = inflows[inflows["status"] == "revised"].set_index("year")["value"]
    extraordinary = fdi[fdi["measure"] == "extraordinary operations"].set_index("year")["value"]
    table = pd.DataFrame({"first_release_usd_mn": first, "revised_usd_mn": revised.reindex(first.index),
                          "extraordinary_usd_mn": extraordinary.reindex(first.index)})
    return table.rename_axis("year").reset_index()


def remittances_annual(remittances: pd.DataFrame) -> pd.DataFrame:
    """Calendar-year remittance inflows with ``months`` and ``complete``."""
    frame = remittances.assign(year=pd.to_datetime(remittances["date"]).dt.year)
    grouped = frame.groupby("year")
    table = pd.DataFrame({"months": grouped.size(), "remittances_usd_mn": grouped["remittances_usd_mn"].sum(),
                          "operations": grouped["operations"].sum()}).reset_index()
    table["complete"] = table["months"] == 12
    return table[["year", "months", "complete", "remittances_usd_mn", "operations"]]


def remittances_rolling(remittances: pd.DataFrame) -> pd.DataFrame:
    """12-month rolling remittance inflows (``date``, ``remittances_12m_usd_mn``), months with 12 months of data."""
    rolled = rolling_12m(remittances.assign(partner="Mexico"), "remittances_usd_mn").dropna()
    return rolled.rename(columns={"remittances_usd_mn_12m": "remittances_12m_usd_mn"})[["date", "remittances_12m_usd_mn"]].reset_index(drop=True)


def growth_index(annual: pd.DataFrame, published: pd.DataFrame, remittances: pd.DataFrame, base: int, partner: str = "Mexico") -> pd.DataFrame:
    """Index (base year = 100) of U.S. exports to and imports from ``partner`` (sums of months, then
    published totals) and of remittances to Mexico (complete years), with each year's ``basis``."""
    remit = remittances[remittances["complete"]]
    series = {
        "U.S. imports from Mexico": annual_series(annual, published, partner, "imports"),
        "U.S. exports to Mexico": annual_series(annual, published, partner, "exports"),
        "Remittances to Mexico": pd.DataFrame({"year": remit["year"], "value_usd_mn": remit["remittances_usd_mn"], "basis": "Banco de México"}),
    }
    rows = []
    for name, values in series.items():
        values = values.set_index("year")
        if base not in values.index:
            raise ValueError(f"base year {base} missing from {name}")
        for year, row in values[values.index >= base].iterrows():
            rows.append({"year": int(year), "series": name, "value_usd_mn": float(row["value_usd_mn"]), "basis": row["basis"],
                         "index": 100 * row["value_usd_mn"] / values.loc[base, "value_usd_mn"]})
    return pd.DataFrame(rows)


def chart_events(events: pd.DataFrame, labels: list[str]) -> pd.DataFrame:
    """The events with the given short labels (each must exist exactly once), in date order."""
    found = events[events["label"].isin(labels)]
    missing = sorted(set(labels) - set(found["label"]))
    if missing or len(found) != len(labels):
        raise KeyError(f"events not found exactly once in the events resource: {missing or labels}")
    return found[["date", "label", "event", "publisher", "source_url"]].sort_values("date").reset_index(drop=True)


def term_band(events: pd.DataFrame, until: pd.Timestamp | None = None) -> pd.DataFrame:
    """López Obrador's term (1 December 2018 – 30 September 2024) as a band for ``charts.shade_periods``:
    from his inauguration to the day before his successor's, cut at ``until`` (the end of a chart's data)."""
    start = event_date(events, Label.AMLO_TAKES_OFFICE)
    end = event_date(events, Label.SHEINBAUM_INAUGURATED) - pd.Timedelta(days=1)
    if until is not None:
        end = min(end, pd.Timestamp(until))
    return pd.DataFrame({"start": [start], "end": [end], "label": [TERM]})


def administration_events(events: pd.DataFrame, last: pd.Timestamp) -> list[str]:
    """Labels of the changes of U.S. administration up to ``last`` (the end of a chart's data)."""
    changes = [Label.BIDEN_INAUGURATED, Label.TRUMP_INAUGURATED_2025]
    return [label for label in changes if event_date(events, label) <= last]


# --- figures: one builder per chart of the chapter, each returning the finished Figure -------------

SUBTITLE_CHARS = 105  # about the chart width at the subtitle's 12 px; longer subtitles wrap onto more lines


def _figure(chart, *, subtitle: str, **kwargs) -> Figure:
    """``charts.figure`` with the subtitle wrapped to the chart's width (one string per line)."""
    return figure(chart, subtitle=wrap_source(subtitle, SUBTITLE_CHARS), **kwargs)


def _with_term(layers: list, events: pd.DataFrame, marks: pd.DataFrame, until: pd.Timestamp) -> alt.LayerChart:
    """The chart's layers over López Obrador's term (shaded, to ``until`` at most) with dashed rules at ``marks``."""
    band = shade_periods(term_band(events, until)).encode(
        color=alt.Color("label:N", title=None, scale=alt.Scale(range=[PALETTE[7]])))
    return alt.layer(band, *layers, *event_rules(marks)).resolve_scale(color="independent")


def _colour(field: str, colours: dict[str, str]) -> alt.Color:
    """A nominal colour encoding with the given category → colour mapping, in that order."""
    return alt.Color(f"{field}:N", title=None, sort=list(colours), scale=alt.Scale(domain=list(colours), range=list(colours.values())),
                     legend=alt.Legend(labelLimit=0))


def _lines(data: pd.DataFrame, y: str, y_title: str, colour: str, colours: dict, date_title: str, point: bool = False) -> alt.Chart:
    """Lines of ``y`` by ``date`` and ``colour`` with a tooltip (USD billion unless ``y_title`` says otherwise)."""
    chart = alt.Chart(data)
    return (chart.mark_line(point=alt.OverlayMarkDef(size=12)) if point else chart.mark_line()).encode(
        x=alt.X("date:T", title=None),
        y=alt.Y(f"{y}:Q", title=y_title),
        color=_colour(colour, colours),
        tooltip=[alt.Tooltip("date:T", title=date_title, format="%b %Y"), alt.Tooltip(f"{colour}:N"),
                 alt.Tooltip(f"{y}:Q", title=y_title, format=",.1f")],
    )


FLOW_COLOURS = {"U.S. imports from Mexico": PALETTE[0], "U.S. exports to Mexico": PALETTE[1]}


def long_run_data(monthly: pd.DataFrame) -> pd.DataFrame:
    """Chart data: rolling 12-month exports and imports with Mexico (USD billion), months with 12 months of data."""
    mexico = monthly[monthly["partner"] == "Mexico"]
    parts = []
    for column, name in (("exports_usd_mn", "U.S. exports to Mexico"), ("imports_usd_mn", "U.S. imports from Mexico")):
        rolled = rolling_12m(mexico, column).dropna()
        parts.append(pd.DataFrame({"date": rolled["date"], "flow": name, "usd_bn": (rolled[f"{column}_12m"] / 1000).round(3)}))
    return pd.concat(parts, ignore_index=True)


def long_run_figure(monthly: pd.DataFrame, events: pd.DataFrame, fold_1993_2022: float, surplus_years) -> Figure:
    """12-month rolling U.S. exports to and imports from Mexico, in USD billion, with NAFTA's and the
    USMCA's entry into force and the change of U.S. administration. ``surplus_years``: the years of a U.S. surplus."""
    data = long_run_data(monthly)
    marks = chart_events(events, [Label.NAFTA_IN_FORCE, Label.USMCA_IN_FORCE, *administration_events(events, data["date"].max())])
    chart = _with_term([_lines(data, "usd_bn", "USD billion, 12 months to date", "flow", FLOW_COLOURS, "12 months to")], events, marks, data["date"].max())
    return _figure(
        chart, name="trade-long-run", data=data, resources=["us_trade_monthly", "events"],
        title=f"U.S.–Mexico goods trade grew {fold_1993_2022:.1f}-fold from 1993, the year before NAFTA, to 2022",
        subtitle=("U.S. exports to and imports from Mexico, 12-month rolling totals, USD billion (current), not seasonally adjusted; "
                  "shaded: López Obrador's term (to 30 September 2024). The Census monthly file ends in "
                  f"{data['date'].max():%B %Y}."),
        source=("U.S. Census Bureau, U.S. Trade in Goods by Country (monthly); dates: Congressional Research Service, "
                "IISD, the White House and press (see the events table)"),
        description=(f"Two lines, 12-month rolling totals of U.S. exports to and imports from Mexico, from "
                     f"{data['date'].min():%B %Y} to {data['date'].max():%B %Y}. Imports reach a peak of "
                     f"{data[data['flow'].str.contains('imports')]['usd_bn'].max():,.0f} billion dollars and exports "
                     f"{data[data['flow'].str.contains('exports')]['usd_bn'].max():,.0f} billion. Imports exceed exports "
                     f"every year since {surplus_years.max() + 1}. Dashed lines mark NAFTA's and the USMCA's entry into force "
                     "and Joe Biden's inauguration; López Obrador's term is shaded."),
        time=TimeAxis("date", "us_trade_monthly"),
    )


def recent_monthly_data(monthly: pd.DataFrame, start: str) -> pd.DataFrame:
    mexico = monthly[(monthly["partner"] == "Mexico") & (monthly["date"] >= pd.Timestamp(start))]
    return pd.concat([
        pd.DataFrame({"date": mexico["date"], "flow": "U.S. imports from Mexico", "usd_bn": (mexico["imports_usd_mn"] / 1000).round(3)}),
        pd.DataFrame({"date": mexico["date"], "flow": "U.S. exports to Mexico", "usd_bn": (mexico["exports_usd_mn"] / 1000).round(3)}),
    ], ignore_index=True)


def recent_monthly_figure(monthly: pd.DataFrame, events: pd.DataFrame, low: pd.Series, exports_change_2019: float,
                          peak: pd.Series) -> Figure:
    """Monthly U.S. exports to and imports from Mexico from January 2017, with the tariff, USMCA and
    administration dates. ``low``: the 2020 trough month (see ``trough``); ``exports_change_2019``: the
    percentage change of exports in 2019; ``peak``: the 12-month peak of two-way trade before 2020 (see ``peak_before``)."""
    data = recent_monthly_data(monthly, "2017-01-01")
    marks = chart_events(events, [Label.NAFTA_TALKS_BEGIN, Label.STEEL_ALUMINIUM_TARIFFS_ON_MEXICO, Label.STEEL_ALUMINIUM_TARIFFS_LIFTED,
                                  Label.TARIFF_THREAT_OVER_MIGRATION, Label.USMCA_IN_FORCE, Label.USMCA_ENERGY_CONSULTATIONS,
                                  *administration_events(events, data["date"].max())])
    chart = _with_term([_lines(data, "usd_bn", "USD billion per month", "flow", FLOW_COLOURS, "Month", point=True)], events, marks, data["date"].max())
    return _figure(
        chart, name="trade-monthly-2017-2023", data=data, resources=["us_trade_monthly", "events"],
        title=f"Trade with Mexico stalled in 2019 (exports −{-exports_change_2019:.1f}%) before the {low['date']:%B %Y} collapse",
        subtitle=(f"U.S. exports to and imports from Mexico, monthly, USD billion (current), not seasonally adjusted, January 2017 – "
                  f"{data['date'].max():%B %Y} (the end of the Census monthly file); shaded: López Obrador's term"),
        source=("U.S. Census Bureau, U.S. Trade in Goods by Country (monthly); dates: Congressional Research Service, Federal Register, "
                "Presidencia de la República, ABC News, IISD, USTR, press"),
        description=(f"Monthly U.S. imports from and exports to Mexico, January 2017 to {data['date'].max():%B %Y}. Exports are lower in "
                     f"2019 than in 2018 and the 12-month total of two-way trade peaks in {peak['date']:%B %Y}. Both flows fall steeply "
                     f"in spring 2020, to a low in {low['date']:%B %Y} ({low['imports_usd_mn'] / 1000:,.1f} billion dollars of imports, "
                     f"{low['exports_usd_mn'] / 1000:,.1f} billion of exports), recover within months and reach new highs in 2022–2023. "
                     "Dashed lines mark the start of NAFTA talks, the steel and aluminium tariffs on Mexico and their lifting, the May "
                     "2019 tariff threat, the USMCA's entry into force, Joe Biden's inauguration and the 2022 energy consultations."),
        time=TimeAxis("date", "us_trade_monthly"),
    )


def _year_axis(**kwargs) -> alt.X:
    return alt.X("year:Q", title=None, axis=alt.Axis(format="d", tickMinStep=1), scale=alt.Scale(zero=False), **kwargs)


BASIS_SHAPES = alt.Shape("basis:N", title=None, sort=[SUMS, PUBLISHED], scale=alt.Scale(domain=[SUMS, PUBLISHED], range=["circle", "diamond"]),
                         legend=alt.Legend(labelLimit=0))


def gdp_ratio_figure(ratio: pd.DataFrame) -> Figure:
    """U.S.–Mexico goods trade as % of Mexico's and of the United States' GDP (``ratio``: ``trade_relative_to_gdp``)."""
    data = ratio.melt(id_vars=["year", "basis"], value_vars=["pct_mexico_gdp", "pct_us_gdp"], var_name="economy", value_name="pct_gdp")
    data["economy"] = data["economy"].map({"pct_mexico_gdp": "% of Mexico's GDP", "pct_us_gdp": "% of U.S. GDP"})
    data["pct_gdp"] = data["pct_gdp"].round(2)
    colours = {"% of Mexico's GDP": PALETTE[0], "% of U.S. GDP": PALETTE[3]}
    colour = _colour("economy", colours)
    tooltip = [alt.Tooltip("year:Q", title="Year", format="d"), alt.Tooltip("economy:N"), alt.Tooltip("pct_gdp:Q", title="% of GDP", format=".1f"),
               alt.Tooltip("basis:N", title="Trade figure")]
    line = alt.Chart(data).mark_line().encode(x=_year_axis(), y=alt.Y("pct_gdp:Q", title="% of GDP"), color=colour, tooltip=tooltip)
    points = alt.Chart(data).mark_point(filled=True, size=40).encode(x="year:Q", y="pct_gdp:Q", color=colour, shape=BASIS_SHAPES, tooltip=tooltip)
    mx, us = ratio.set_index("year")["pct_mexico_gdp"], ratio.set_index("year")["pct_us_gdp"]
    last = int(ratio["year"].max())
    stops = f"GDP for {last + 1} and later is not in the package (World Bank series to {last}), so the ratio stops in {last}"
    return _figure(
        alt.layer(line, points).resolve_scale(shape="independent"), name="trade-gdp-ratio", data=data,
        resources=["us_trade_monthly", "us_goods_trade_published", "country_indicators"],
        title=f"Goods trade with the U.S. equals {mx[last]:.0f}% of Mexico's GDP but {us[last]:.1f}% of U.S. GDP ({last})",
        subtitle=(f"U.S.–Mexico goods exports + imports as % of each country's GDP (current USD), calendar years {int(ratio['year'].min())}–{last}; "
                  f"diamonds: published annual totals after the monthly file stops. {stops}."),
        source="U.S. Census Bureau (monthly file and published annual totals); World Bank, World Development Indicators, GDP (current US$)",
        description=(f"Two lines from {int(ratio['year'].min())} to {last}. Trade with the United States is {mx.iloc[0]:.0f} percent of Mexico's "
                     f"GDP in {int(ratio['year'].min())}, rises after NAFTA and the peso's devaluation, reaches {mx.max():.0f} percent in "
                     f"{int(mx.idxmax())} and is {mx[last]:.0f} percent in {last}. For the United States the same trade stays between "
                     f"{us.min():.1f} and {us.max():.1f} percent of GDP."),
        time=TimeAxis("year", "country_indicators", stops_early=stops),
    )


def _share_chart(data: pd.DataFrame, y_title: str) -> alt.LayerChart:
    colour = _colour("partner", PARTNER_COLOURS)
    tooltip = [alt.Tooltip("year:Q", title="Year", format="d"), alt.Tooltip("partner:N"), alt.Tooltip("share_pct:Q", title=y_title, format=".1f"),
               alt.Tooltip("rank:Q", title="Rank among the three"), alt.Tooltip("basis:N", title="Figure")]
    line = alt.Chart(data).mark_line().encode(x=_year_axis(), y=alt.Y("share_pct:Q", title=y_title), color=colour, tooltip=tooltip)
    points = alt.Chart(data[data["basis"] == PUBLISHED]).mark_point(shape="diamond", size=70, filled=True).encode(
        x="year:Q", y="share_pct:Q", color=colour, tooltip=tooltip)
    return alt.layer(line, points)


def share_chart_data(shares: pd.DataFrame) -> pd.DataFrame:
    data = shares[["year", "partner", "share_pct", "rank", "basis"]].copy()
    data["share_pct"] = data["share_pct"].round(2)
    return data.reset_index(drop=True)


def _stops_for_world(shares: pd.DataFrame, published: pd.DataFrame) -> str:
    last, latest = int(shares["year"].max()), int(published["year"].max())
    if latest <= last:
        return ""
    return f"no published world total for {last + 1}{'–' + str(latest) if latest > last + 1 else ''} was found, so shares stop in {last}"


def _shares_figure(shares: pd.DataFrame, published: pd.DataFrame, *, name: str, y_title: str, what: str, title: str,
                   description: str) -> Figure:
    """A chart of the three partners' shares (``shares``: ``shares_series``); ``what`` says what they are shares of."""
    data = share_chart_data(shares)
    stops = _stops_for_world(shares, published)
    return _figure(
        _share_chart(data, y_title), name=name, data=data, resources=["us_trade_monthly", "us_goods_trade_published"], title=title,
        subtitle=(f"Share of {what} with all countries, %, calendar years; diamonds: published annual totals after the monthly file "
                  f"stops{'; ' + stops if stops else ''}"),
        source="U.S. Census Bureau, U.S. Trade in Goods by Country (monthly) and annual totals as published or reported",
        description=f"Three lines, one per partner, from {data['year'].min()} to {data['year'].max()}. {description}",
        time=TimeAxis("year", "us_goods_trade_published", stops_early=stops),
    )


def partner_shares_figure(shares: pd.DataFrame, published: pd.DataFrame) -> Figure:
    """Mexico's, Canada's and China's shares of U.S. goods trade by year (``shares``: ``shares_series``, total)."""
    first = years_ranked_first(shares)
    since = [y for y in first if y >= 2023]
    values = shares.set_index(["partner", "year"])["share_pct"]
    china_peak = int(values.loc["China"].idxmax())
    return _shares_figure(
        shares, published, name="trade-partner-shares", y_title="% of U.S. goods trade (exports + imports)",
        what="U.S. goods trade (exports + imports)",
        title=f"Mexico led Canada and China in U.S. goods trade in {' and '.join(str(y) for y in since)}, narrowly in {first[0]}",
        description=(f"Canada has the largest share until China overtakes it; China peaks in {china_peak} and declines after that. "
                     f"Mexico rises from {values[('Mexico', int(shares['year'].min()))]:.1f} percent to lead the three in "
                     f"{', '.join(str(y) for y in first)}."),
    )


def import_shares_figure(shares: pd.DataFrame, published: pd.DataFrame, start: int, end: int) -> Figure:
    """Shares of U.S. goods imports (``shares``: ``shares_series`` for imports), with the change from ``start`` to ``end``."""
    values = shares.set_index(["partner", "year"])["share_pct"]
    china, mexico = values[("China", end)] - values[("China", start)], values[("Mexico", end)] - values[("Mexico", start)]
    return _shares_figure(
        shares, published, name="trade-import-shares", y_title="% of U.S. goods imports", what="U.S. general imports of goods",
        title=f"China's share of U.S. imports fell {-china:.1f} points in {start}–{end}; Mexico's rose {mexico:.1f}",
        description=(f"China's share of U.S. imports rises to {values.loc['China'].max():.1f} percent in {int(values.loc['China'].idxmax())} and "
                     f"falls to {values[('China', end)]:.1f} percent in {end}; Mexico's goes from {values[('Mexico', start)]:.1f} percent in "
                     f"{start} to {values[('Mexico', end)]:.1f} percent in {end}, above China's; Canada's is {values[('Canada', end)]:.1f} "
                     f"percent in {end}."),
    )


def nearshoring_data(fred: pd.DataFrame, start: str) -> pd.DataFrame:
    rolled = fred_rolling(fred)
    rolled = rolled[rolled["date"] >= pd.Timestamp(start)]
    return pd.DataFrame({"date": rolled["date"], "partner": rolled["partner"],
                         "usd_bn": (rolled["imports_12m_usd_mn"] / 1000).round(3)}).reset_index(drop=True)


def nearshoring_figure(fred: pd.DataFrame, events: pd.DataFrame, start: str = "2000-01-01") -> Figure:
    """12-month rolling U.S. imports from Mexico and China (FRED vintage) from ``start`` to the last month."""
    data = nearshoring_data(fred, start)
    overtakes = mexico_overtakes_china(fred)
    last = data.groupby("partner")["date"].max()
    final = data.set_index(["partner", "date"])["usd_bn"]
    china_last = final[("China", last["China"])]
    marks = chart_events(events, [Label.SECTION_301_TARIFFS_ON_CHINA, Label.USMCA_IN_FORCE, *administration_events(events, data["date"].max())])
    colours = {"Mexico": PARTNER_COLOURS["Mexico"], "China": PARTNER_COLOURS["China"]}
    chart = _with_term([_lines(data, "usd_bn", "USD billion, 12 months to date", "partner", colours, "12 months to")], events, marks, data["date"].max())
    return _figure(
        chart, name="trade-mexico-china-imports", data=data, resources=["us_imports_monthly_fred", "events"],
        title=f"U.S. imports from Mexico passed those from China in {overtakes:%B %Y} (12-month totals)",
        subtitle=(f"U.S. general imports of goods from Mexico and China, 12-month rolling totals, USD billion (current), not seasonally "
                  f"adjusted; newer Census vintage as published by FRED, to {last['Mexico']:%B %Y} (Mexico) and {last['China']:%B %Y} (China); "
                  "shaded: López Obrador's term. No newer vintage of U.S. exports, Canada or the world was found."),
        source="U.S. Census Bureau via FRED (series IMPMX and IMPCH), Federal Reserve Bank of St. Louis; dates: USTR action as reported by Thompson Hine, IISD, press",
        description=(f"Two lines from {data['date'].min():%B %Y}. Imports from China pass those from Mexico in the early 2000s and stay ahead "
                     f"until Mexico leads again from the 12 months to {overtakes:%B %Y}. Imports from China then fall to {china_last:,.0f} billion "
                     f"dollars in the 12 months to {last['China']:%B %Y}, while those from Mexico reach {final[('Mexico', last['Mexico'])]:,.0f} "
                     f"billion in the 12 months to {last['Mexico']:%B %Y}. Dashed lines mark the first Section 301 tariffs on China (July 2018), "
                     "the USMCA's entry into force and the changes of U.S. administration (January 2021 and January 2025)."),
        time=TimeAxis("date", "us_imports_monthly_fred"),
    )


ONE_OFF = "of which two one-off operations (2022)"


def fdi_figure(fdi: pd.DataFrame) -> Figure:
    """FDI into Mexico as first released each year (bars), the later revision where published (points)
    and, for 2022, the part from two extraordinary operations."""
    table = fdi_first_releases(fdi)
    rest = table["first_release_usd_mn"] - table["extraordinary_usd_mn"].fillna(0)
    bars = pd.concat([
        pd.DataFrame({"year": table["year"], "part": "first release", "usd_bn": (rest / 1000).round(3)}),
        pd.DataFrame({"year": table["year"], "part": ONE_OFF,
                      "usd_bn": (table["extraordinary_usd_mn"] / 1000).round(3)}).dropna(),
    ], ignore_index=True)
    revised = table.dropna(subset=["revised_usd_mn"])
    points = pd.DataFrame({"year": revised["year"], "part": "later revision", "usd_bn": (revised["revised_usd_mn"] / 1000).round(3)})
    data = pd.concat([bars, points], ignore_index=True)
    parts = {"first release": PALETTE[0], ONE_OFF: PALETTE[5], "later revision": PALETTE[7]}
    colour = _colour("part", parts)
    tooltip = [alt.Tooltip("year:O", title="Year"), alt.Tooltip("part:N", title="Figure"), alt.Tooltip("usd_bn:Q", title="USD billion", format=",.1f")]
    bar = alt.Chart(bars).mark_bar().encode(x=alt.X("year:O", title=None, axis=alt.Axis(labelAngle=0)), y=alt.Y("usd_bn:Q", title="USD billion", stack=True),
                                            color=colour, order=alt.Order("part:N", sort="descending"), tooltip=tooltip)
    dots = alt.Chart(points).mark_point(shape="diamond", size=90, filled=True).encode(x="year:O", y="usd_bn:Q", color=colour, tooltip=tooltip)
    first = table.set_index("year")["first_release_usd_mn"]
    start, end = int(first.index.min()), int(first.index.max())
    return _figure(
        alt.layer(bar, dots).properties(width=WIDTH), name="trade-fdi", data=data, resources=["mexico_fdi_published"],
        title=f"FDI into Mexico rose only {100 * (first[end] / first[start] - 1):.0f}% from {start} to {end} in first releases",
        subtitle=("FDI flows into Mexico, USD billion (current), calendar years, as first released by the Secretaría de Economía (preliminary) "
                  "and, where published, as later revised; 2022 includes the Televisa–Univision merger and the Aeroméxico restructuring"),
        source="Secretaría de Economía, as reported by El Economista, Indicador Automotriz, SinEmbargo/EFE, La Jornada, La Patrona Radio, La Torre News and El Universal",
        description=(f"Bars for {start} to {end}: {first[start] / 1000:,.1f} billion dollars in {start}, a low of {first.min() / 1000:,.1f} billion in "
                     f"{int(first.idxmin())}, {first[2022] / 1000:,.1f} billion in 2022 of which {table.set_index('year').loc[2022, 'extraordinary_usd_mn'] / 1000:,.1f} "
                     f"billion from two extraordinary operations, and {first[end] / 1000:,.1f} billion in {end}. Diamonds mark the revised "
                     f"figures for {' and '.join(str(int(y)) for y in revised['year'])}."),
        time=TimeAxis("year", "mexico_fdi_published"),
    )


def balance_figure(annual: pd.DataFrame, published: pd.DataFrame, surplus_years) -> Figure:
    """Bars of the U.S. goods balance with Mexico: sums of months for the complete years of the monthly
    file, then published annual balances. ``surplus_years``: the years of a U.S. surplus with Mexico."""
    series = annual_series(annual, published, "Mexico", "balance")
    data = series.assign(balance_usd_bn=(series["value_usd_mn"] / 1000).round(3))[["year", "balance_usd_bn", "basis"]]
    colours = {SUMS: PALETTE[3], PUBLISHED: PALETTE[4]}
    chart = alt.Chart(data).mark_bar().encode(
        x=alt.X("year:O", title=None, axis=alt.Axis(labelAngle=0, values=list(range(1985, int(data["year"].max()) + 1, 5)))),
        y=alt.Y("balance_usd_bn:Q", title="USD billion (negative = U.S. deficit)"),
        color=_colour("basis", colours),
        tooltip=[alt.Tooltip("year:O", title="Year"), alt.Tooltip("balance_usd_bn:Q", title="Balance, USD billion", format=",.1f"),
                 alt.Tooltip("basis:N", title="Figure")])
    last = int(data["year"].max())
    latest = int(published["year"].max())
    stops = f"the {last + 1} balance with Mexico was not found (only two-way trade)" if latest > last else ""
    worst = data.loc[data["balance_usd_bn"].idxmin()]
    return _figure(
        chart.properties(width=WIDTH), name="trade-balance", data=data, resources=["us_trade_monthly", "us_goods_trade_published"],
        title=f"The U.S. goods deficit with Mexico reached a record {-worst['balance_usd_bn']:,.1f} billion dollars in {int(worst['year'])}",
        subtitle=(f"U.S. goods trade balance with Mexico (exports − imports), USD billion (current), calendar years {int(data['year'].min())}–{last}; "
                  f"{int(series.loc[series['basis'] == PUBLISHED, 'year'].min())} on: published annual totals{'; ' + stops if stops else ''}"),
        source="U.S. Census Bureau, U.S. Trade in Goods by Country (monthly) and annual totals as reported by Yonhap and Opportimes",
        description=(f"Bars from {int(data['year'].min())} to {last}. Small deficits in the late 1980s turn into small surpluses in "
                     f"{surplus_years.min()}–{surplus_years.max()}, then into deficits that grow to {-worst['balance_usd_bn']:,.1f} billion "
                     f"dollars in {int(worst['year'])}; the last bars are published annual totals."),
        time=TimeAxis("year", "us_goods_trade_published", stops_early=stops),
    )


def remittances_monthly_figure(remittances: pd.DataFrame, events: pd.DataFrame, start: str = "2010-01-01") -> Figure:
    """12-month rolling remittance inflows to Mexico from ``start`` to the last month of the Banxico series."""
    rolled = remittances_rolling(remittances)
    rolled = rolled[rolled["date"] >= pd.Timestamp(start)]
    data = pd.DataFrame({"date": rolled["date"], "series": "Remittances to Mexico", "usd_bn": (rolled["remittances_12m_usd_mn"] / 1000).round(3)})
    peak = data.loc[data["usd_bn"].idxmax()]
    last = data.iloc[-1]
    marks = chart_events(events, administration_events(events, data["date"].max()))
    chart = _with_term([_lines(data, "usd_bn", "USD billion, 12 months to date", "series", {"Remittances to Mexico": PALETTE[2]}, "12 months to")],
                       events, marks, data["date"].max())
    return _figure(
        chart, name="trade-remittances-monthly", data=data, resources=["remittances_monthly", "events"],
        title=f"Remittances to Mexico peaked at {peak['usd_bn']:,.1f} billion dollars in the 12 months to {peak['date']:%B %Y}",
        subtitle=(f"Remittance inflows to Mexico, 12-month rolling totals, USD billion (current), {data['date'].min():%B %Y} – "
                  f"{last['date']:%B %Y}; shaded: López Obrador's term"),
        source="Banco de México, Sistema de Información Económica, Ingresos y Egresos por Remesas (monthly)",
        description=(f"One line from {data['date'].min():%B %Y} to {last['date']:%B %Y}. Remittances rise slowly to 2016, faster from 2017 "
                     f"and steeply in 2020–2022, peak at {peak['usd_bn']:,.1f} billion dollars in the 12 months to {peak['date']:%B %Y} "
                     f"and decline to {last['usd_bn']:,.1f} billion. Dashed lines mark the changes of U.S. administration."),
        time=TimeAxis("date", "remittances_monthly"),
    )


def remittances_growth_figure(annual: pd.DataFrame, published: pd.DataFrame, remittances: pd.DataFrame) -> Figure:
    """Index (2018 = 100) of U.S. exports to and imports from Mexico and of remittances to Mexico,
    complete years (``annual``: ``annual_totals``; ``remittances``: ``remittances_annual``)."""
    index = growth_index(annual, published, remittances, base=2018)
    data = index.assign(index=index["index"].round(2), value_usd_bn=(index["value_usd_mn"] / 1000).round(3))[["year", "series", "index", "value_usd_bn", "basis"]]
    colours = {"Remittances to Mexico": PALETTE[2], **FLOW_COLOURS}
    colour = _colour("series", colours)
    tooltip = [alt.Tooltip("year:Q", format="d", title="Year"), alt.Tooltip("series:N"), alt.Tooltip("index:Q", format=".1f"),
               alt.Tooltip("value_usd_bn:Q", title="USD billion", format=",.1f"), alt.Tooltip("basis:N", title="Figure")]
    line = alt.Chart(data).mark_line(point=True).encode(x=_year_axis(), y=alt.Y("index:Q", title="Index, 2018 = 100", scale=alt.Scale(zero=False)),
                                                        color=colour, tooltip=tooltip)
    ends = data.groupby("series")["year"].max()
    trade_end, remit_end = int(ends[list(FLOW_COLOURS)].max()), int(ends["Remittances to Mexico"])
    stops = (f"complete calendar years only: remittances to {remit_end} ({remit_end + 1} has {int(remittances['months'].iloc[-1])} months in the "
             f"data); trade to {trade_end}, the last year with a published split into exports and imports")
    at = data.set_index(["series", "year"])["index"]
    return _figure(
        line, name="trade-remittances-growth", data=data, resources=["remittances_monthly", "us_trade_monthly", "us_goods_trade_published"],
        title=(f"Remittances grew faster than trade in 2018–{trade_end}: index {at[('Remittances to Mexico', trade_end)]:.0f}, "
               f"against {at[('U.S. imports from Mexico', trade_end)]:.0f} for imports"),
        subtitle=("Index, 2018 = 100, of annual values in current USD; trade: sums of months to 2022, then published annual totals; "
                  + stops),
        source="Banco de México, Ingresos por remesas (monthly); U.S. Census Bureau (monthly file and published annual totals)",
        description=("Three lines starting at 100 in 2018. " + " ".join(
            f"{name}: {g['index'].iloc[-1]:.0f} in {g['year'].iloc[-1]}." for name, g in data.groupby('series'))
            + " Remittances rise every year to 2024 and fall in 2025; both trade flows dip in 2020."),
        time=TimeAxis("year", "remittances_monthly", resource_field="date", stops_early=stops),
    )


USMCA_TERMS = ["nafta_auto_rvc", "usmca_auto_rvc", "usmca_auto_lvc", "usmca_lvc_wage", "usmca_steel_aluminium_content",
               "usmca_term_years", "usmca_review_years"]
TARIFF_ACTIONS = ["section_232_steel_rate", "section_232_aluminium_rate", "retaliation_rates", "retaliation_value",
                  "threat_first_rate", "threat_last_rate"]
ENFORCEMENT = ["rrm_requests", "rrm_workers", "corn_claims_brought", "corn_claims_upheld"]


def policy_table(policy: pd.DataFrame, measures: list[str]) -> pd.DataFrame:
    """The figures of ``trade_policy_published`` with the given measures, in that order, for a table:
    what, figure as published, unit, date, status, source (with its URL)."""
    missing = sorted(set(measures) - set(policy["measure"]))
    if missing:
        raise KeyError(f"trade_policy_published has no rows for {missing}")
    order = {m: i for i, m in enumerate(measures)}
    table = policy[policy["measure"].isin(measures)].assign(_order=lambda f: f["measure"].map(order)).sort_values(["_order", "date"])
    return pd.DataFrame({"what": table["indicator"], "figure": table["value_text"], "unit": table["unit"],
                         "date": table["date"].map(long_date), "status": table["status"],
                         "source": table["publisher"], "url": table["source_url"]}).reset_index(drop=True)
