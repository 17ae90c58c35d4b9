"""Analysis for the migration chapter: pure functions over the package's migration tables, and the
chapter's figure builders (one per chart, each returning the finished Figure).

Years: the U.S. border series are U.S. fiscal years (October–September, named for the year they end);
Mexico's enforcement figures are calendar years. Every function says which it uses, and no function
mixes them. Every count is of events: a person stopped twice counts twice.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from analysis.book.charts import PALETTE, WIDTH, Figure, TimeAxis, event_rules, figure, wrap_source
from analysis.data.events import Label, event_date
from analysis.data.periods import join_years, long_date  # noqa: F401  (join_years: also used by the chapter page as mig.join_years)

NORTHERN_TRIANGLE = ["Guatemala", "Honduras", "El Salvador"]
GROUP_ORDER = ["Mexico", "Guatemala", "Honduras", "El Salvador", "Other"]
USBP, OFO = "U.S. Border Patrol", "Office of Field Operations"
TITLE_8, TITLE_42 = "Title 8", "Title 42"
COMPLETE = "complete fiscal year"

# The presidential marks every time chart carries where it crosses them (label shown on the chart).
TERM_MARKS = [(Label.AMLO_TAKES_OFFICE, "López Obrador takes office"), (Label.BIDEN_INAUGURATED, "Biden takes office"),
              (Label.SHEINBAUM_INAUGURATED, "López Obrador's term ends"), (Label.TRUMP_INAUGURATED_2025, "Trump takes office")]

# Policy periods shaded on the monthly chart: (start label, end label, band name).
PERIODS = [(Label.REMAIN_IN_MEXICO_STARTS, Label.MPP_ENROLMENTS_SUSPENDED, "Remain in Mexico"),
           (Label.MPP_2_RESTARTS, Label.MPP_2_ENDS, "Remain in Mexico 2.0"),
           (Label.TITLE_42_BEGINS, Label.TITLE_42_ENDS, "Title 42 in force")]
# Policy dates marked on the monthly chart, with the text shown (dates from the events resource).
POLICY_MARKS = [(Label.JUNE_2019_JOINT_DECLARATION, "June 2019 declaration"),
                (Label.MEXICO_TAKES_VENEZUELANS, "Mexico takes Venezuelans"),
                (Label.MEXICO_TAKES_CHNV_RETURNS, "Mexico takes Cubans, Haitians, Nicaraguans"),
                (Label.LAWFUL_PATHWAYS_RULE, "Title 42 ends; Lawful Pathways rule"),
                (Label.SECURING_THE_BORDER, "June 2024 proclamation")]
# The chapter's policy timeline (table), in date order.
TIMELINE_LABELS = [
    Label.ZERO_TOLERANCE_ORDERED, Label.FAMILY_SEPARATION_ORDER, Label.CARAVAN_LEAVES_HONDURAS, Label.AMLO_TAKES_OFFICE,
    Label.REMAIN_IN_MEXICO_ANNOUNCED, Label.REMAIN_IN_MEXICO_STARTS, Label.BORDER_CLOSURE_THREAT, Label.TARIFF_THREAT_OVER_MIGRATION,
    Label.JUNE_2019_JOINT_DECLARATION, Label.SUPPLEMENTARY_AGREEMENT, Label.MEXICO_REPORTS_GUARD_DEPLOYMENT, Label.TITLE_42_BEGINS,
    Label.MEXICO_TAKES_TITLE_42_RETURNS, Label.BIDEN_INAUGURATED, Label.MPP_ENROLMENTS_SUSPENDED, Label.MPP_TERMINATED,
    Label.SUPREME_COURT_MPP_RESTART, Label.MPP_2_RESTARTS, Label.BIDEN_V_TEXAS, Label.MPP_2_ENDS, Label.MEXICO_TAKES_VENEZUELANS,
    Label.MEXICO_ENDS_MPP_PARTICIPATION, Label.MEXICO_TAKES_CHNV_RETURNS, Label.CBP_ONE_APPOINTMENTS, Label.TITLE_42_ENDS,
    Label.LAWFUL_PATHWAYS_RULE, Label.SECURING_THE_BORDER, Label.SHEINBAUM_INAUGURATED, Label.TRUMP_INAUGURATED_2025,
]

SERIES_T8 = "Apprehensions (Title 8)"
SERIES_T42 = "Apprehensions plus Title 42 expulsions"
AUTHORITY_ORDER = [f"{USBP}, {TITLE_8}", f"{USBP}, {TITLE_42}", f"{OFO}, {TITLE_8}", f"{OFO}, {TITLE_42}"]
AUTHORITY_NAMES = {f"{USBP}, {TITLE_8}": "Border Patrol apprehensions (Title 8)",
                   f"{USBP}, {TITLE_42}": "Border Patrol expulsions (Title 42)",
                   f"{OFO}, {TITLE_8}": "Inadmissible at ports of entry (Title 8)",
                   f"{OFO}, {TITLE_42}": "Expulsions at ports of entry (Title 42)"}


# --------------------------------------------------------------------------- calendar positions and marks

def fiscal_position(date) -> float:
    """Where a date falls on an axis of U.S. fiscal years whose points sit at the middle of each year
    (FY2019 spans 2018.5–2019.5): 1 October 2018 → 2018.5, 1 April 2019 → 2019.0."""
    date = pd.Timestamp(date)
    fiscal_year = date.year + 1 if date.month >= 10 else date.year
    months = (date.month - 10) % 12 + (date.day - 1) / date.days_in_month
    return fiscal_year - 0.5 + months / 12


def calendar_position(date) -> float:
    """Where a date falls on an axis of calendar years whose points sit at mid-year (2019 spans 2018.5–2019.5)."""
    date = pd.Timestamp(date)
    days = 366 if date.is_leap_year else 365
    return date.year - 0.5 + (date.day_of_year - 1) / days


def term_marks(events: pd.DataFrame, first: float, last: float, position=None) -> pd.DataFrame:
    """The presidential marks (``TERM_MARKS``) that fall between axis positions ``first`` and ``last``,
    as ``date`` (axis position, or the date itself when ``position`` is None) and ``label``."""
    rows = []
    for label, text in TERM_MARKS:
        date = event_date(events, label)
        x = position(date) if position else date
        key = x if position else pd.Timestamp(date)
        if first <= key <= last:
            rows.append({"date": x, "label": text})
    return pd.DataFrame(rows, columns=["date", "label"])


def _position_rules(marks: pd.DataFrame) -> list[alt.Chart]:
    """``charts.event_rules`` on a numeric year axis (``marks.date`` holds axis positions), with the
    tooltip naming the mark instead of reading the position as a date."""
    if marks.empty:
        return []
    rules, labels = event_rules(marks, stagger=len(marks), y_step=12, x_type="Q")
    return [rules.encode(tooltip=[alt.Tooltip("label:N", title="Mark")]), labels]


def _marks_layers(events: pd.DataFrame, rows: pd.DataFrame, x_field: str, position) -> list[alt.Chart]:
    """Dashed rules and labels for the presidential marks within the range of ``rows[x_field]``."""
    first, last = rows[x_field].min() - 0.5, rows[x_field].max() + 0.5
    return _position_rules(term_marks(events, first, last, position))


# --------------------------------------------------------------------------- U.S. border series (fiscal years)

def complete_fiscal_years(monthly: pd.DataFrame) -> list[int]:
    """Fiscal years with all twelve months in the monthly table."""
    months = monthly.groupby("fiscal_year")["date"].nunique()
    return sorted(int(fy) for fy, n in months.items() if n == 12)


def complete_years(annual: pd.DataFrame) -> pd.DataFrame:
    """Rows of ``sw_border_encounters_annual`` for complete fiscal years only."""
    return annual[annual["status"] == COMPLETE]


def partial_year(annual: pd.DataFrame) -> dict | None:
    """The partial fiscal year of ``sw_border_encounters_annual``, if any: year, months and month range."""
    part = annual[annual["status"] != COMPLETE]
    if part.empty:
        return None
    row = part.iloc[0]
    return {"fiscal_year": int(row["fiscal_year"]), "months": int(row["months"]),
            "first_month": pd.Timestamp(row["first_month"]), "last_month": pd.Timestamp(row["last_month"])}


def encounters_by_authority(annual: pd.DataFrame) -> pd.DataFrame:
    """Encounters by complete fiscal year and the four component × authority cells, with each cell's share (%)."""
    frame = complete_years(annual).copy()
    frame["cell"] = frame["component"] + ", " + frame["authority"]
    frame["kind"] = frame["cell"].map(AUTHORITY_NAMES)
    frame["share_pct"] = 100 * frame["encounters"] / frame.groupby("fiscal_year")["encounters"].transform("sum")
    frame["fiscal_year"] = frame["fiscal_year"].astype(int)
    return frame[["fiscal_year", "cell", "kind", "encounters", "share_pct"]].reset_index(drop=True)


def authority_share(annual: pd.DataFrame, fiscal_year: int, *, component: str | None = None, authority: str | None = None) -> float:
    """Share (%) of all southwest border encounters in a fiscal year held by a component and/or an authority."""
    year = annual[annual["fiscal_year"] == fiscal_year]
    if year.empty:
        raise KeyError(f"no encounters for FY{fiscal_year}")
    part = year
    if component:
        part = part[part["component"] == component]
    if authority:
        part = part[part["authority"] == authority]
    return float(100 * part["encounters"].sum() / year["encounters"].sum())


def annual_total(annual: pd.DataFrame, fiscal_year: int, *, component: str | None = None, authority: str | None = None) -> int:
    part = annual[annual["fiscal_year"] == fiscal_year]
    if part.empty:
        raise KeyError(f"no encounters for FY{fiscal_year}")
    if component:
        part = part[part["component"] == component]
    if authority:
        part = part[part["authority"] == authority]
    return int(part["encounters"].sum())


def border_patrol_series(historical: pd.DataFrame, annual: pd.DataFrame) -> pd.DataFrame:
    """Border Patrol at the southwest border by complete fiscal year, in long form (fiscal_year, series, value, source).

    ``SERIES_T8``: apprehensions under Title 8, from CBP's historical tables to FY2019 and from CBP's
    Southwest Land Border Encounters files from FY2020 (the two agree exactly in FY2019, where both exist).
    ``SERIES_T42``: apprehensions plus Title 42 expulsions, only for the fiscal years with expulsions:
    a separate line, never joined to the Title 8 one."""
    cbp = historical.dropna(subset=["sw_apprehensions"])
    rows = [{"fiscal_year": int(fy), "series": SERIES_T8, "value": int(v), "source": "CBP historical tables"}
            for fy, v in zip(cbp["fiscal_year"], cbp["sw_apprehensions"])]
    usbp = complete_years(annual)[lambda f: f["component"] == USBP].pivot_table(
        index="fiscal_year", columns="authority", values="encounters", aggfunc="sum")
    overlap = set(usbp.index) & set(cbp["fiscal_year"])
    for fy in sorted(overlap):
        if int(usbp.at[fy, TITLE_8]) != int(cbp.loc[cbp["fiscal_year"] == fy, "sw_apprehensions"].iloc[0]):
            raise ValueError(f"FY{fy}: CBP's historical table and its encounters file disagree; the series cannot be joined")
    for fy, row in usbp.iterrows():
        if fy not in overlap:
            rows.append({"fiscal_year": int(fy), "series": SERIES_T8, "value": int(row[TITLE_8]), "source": "CBP encounters files"})
        if row[TITLE_42] > 0:
            rows.append({"fiscal_year": int(fy), "series": SERIES_T42, "value": int(row[TITLE_8] + row[TITLE_42]),
                         "source": "CBP encounters files"})
    return pd.DataFrame(rows).sort_values(["series", "fiscal_year"]).reset_index(drop=True)


def series_value(series: pd.DataFrame, name: str, fiscal_year: int) -> int:
    row = series[(series["series"] == name) & (series["fiscal_year"] == fiscal_year)]
    if len(row) != 1:
        raise KeyError(f"no single value for {name!r} in FY{fiscal_year}")
    return int(row["value"].iloc[0])


def fewest_since(historical: pd.DataFrame, value: int, before: int) -> int:
    """The last fiscal year before ``before`` with fewer southwest border apprehensions than ``value``
    (CBP tables, FY1960 on); an error if no earlier year had fewer."""
    series = historical.dropna(subset=["sw_apprehensions"]).set_index("fiscal_year")["sw_apprehensions"]
    lower = series[(series.index < before) & (series < value)]
    if lower.empty:
        raise ValueError(f"no fiscal year before FY{before} had fewer than {value:,} apprehensions")
    return int(lower.index.max())


def record_since(historical: pd.DataFrame, value: int) -> int:
    """The first fiscal year of Border Patrol's southwest border series (CBP tables) when ``value``
    exceeds every fiscal year of it, so the text can say "above any year since FY…"; an error if
    some year was higher."""
    series = historical.dropna(subset=["sw_apprehensions"]).set_index("fiscal_year")["sw_apprehensions"]
    if (series >= value).any():
        raise ValueError(f"FY{int(series.idxmax())} had {int(series.max()):,} apprehensions, not fewer than {value:,}")
    return int(series.index.min())


def composition(citizenship: pd.DataFrame) -> pd.DataFrame:
    """Border Patrol southwest border encounters by citizenship group and fiscal year, with shares (%).

    Shares use the sum over countries (rounded cells), so they add up to 100."""
    grouped = citizenship.groupby(["fiscal_year", "citizenship_group"], as_index=False)["encounters"].sum()
    totals = grouped.groupby("fiscal_year")["encounters"].transform("sum")
    grouped["share_pct"] = 100 * grouped["encounters"] / totals
    grouped["citizenship_group"] = pd.Categorical(grouped["citizenship_group"], categories=GROUP_ORDER, ordered=True)
    grouped = grouped.sort_values(["fiscal_year", "citizenship_group"]).reset_index(drop=True)
    grouped["citizenship_group"] = grouped["citizenship_group"].astype(str)
    return grouped


def group_share(comp: pd.DataFrame, fiscal_year: int, groups: list[str]) -> float:
    part = comp[(comp["fiscal_year"] == fiscal_year) & comp["citizenship_group"].isin(groups)]
    if part.empty:
        raise KeyError(f"no composition rows for FY{fiscal_year}")
    return float(part["share_pct"].sum())


def group_count(citizenship: pd.DataFrame, fiscal_year: int, groups: list[str]) -> int:
    part = citizenship[(citizenship["fiscal_year"] == fiscal_year) & citizenship["citizenship_group"].isin(groups)]
    if part.empty:
        raise KeyError(f"no citizenship rows for FY{fiscal_year}")
    return int(part["encounters"].sum())


def first_year_mexico_not_largest(comp: pd.DataFrame) -> int:
    """First fiscal year in which Mexican nationals were under half of Border Patrol southwest encounters."""
    mexico = comp[comp["citizenship_group"] == "Mexico"].set_index("fiscal_year")["share_pct"]
    below = mexico[mexico < 50]
    if below.empty:
        raise ValueError("Mexican share never below 50%")
    return int(below.index.min())


def mexico_majority_years_after(comp: pd.DataFrame, fiscal_year: int) -> list[int]:
    """Fiscal years after ``fiscal_year`` in which Mexicans were again half or more of Border Patrol SW encounters."""
    mexico = comp[comp["citizenship_group"] == "Mexico"].set_index("fiscal_year")["share_pct"]
    return [int(fy) for fy, share in mexico.items() if fy > fiscal_year and share >= 50]


def family_shares(family: pd.DataFrame) -> pd.DataFrame:
    """Family-status composition of Border Patrol southwest encounters (fiscal_year × status, share %)."""
    frame = family.copy()
    frame["share_pct"] = 100 * frame["encounters"] / frame.groupby("fiscal_year")["encounters"].transform("sum")
    return frame


def mexican_share_historical(historical: pd.DataFrame, fiscal_year: int, scope: str = "nationwide") -> float:
    """Share (%) of Mexican nationals in Border Patrol apprehensions (CBP tables), ``scope`` nationwide or sw."""
    row = historical[historical["fiscal_year"] == fiscal_year]
    if row.empty or row[f"{scope}_mexican_apprehensions"].isna().all():
        raise KeyError(f"no Mexican apprehensions for FY{fiscal_year}")
    total = row["nationwide_apprehensions" if scope == "nationwide" else "sw_apprehensions"].iloc[0]
    return float(100 * row[f"{scope}_mexican_apprehensions"].iloc[0] / total)


def top_other_citizenships(detailed: pd.DataFrame, fiscal_year: int, n: int = 5) -> pd.DataFrame:
    """Largest named nationalities outside CBP's four named groups (OTHER excluded) in a fiscal year."""
    part = detailed[(detailed["fiscal_year"] == fiscal_year) & (detailed["citizenship_group"] == "Other") & (detailed["citizenship"] != "OTHER")]
    return part.nlargest(n, "encounters")[["citizenship", "encounters"]].reset_index(drop=True)


# --------------------------------------------------------------------------- monthly series and policy dates

def monthly_by_group(monthly: pd.DataFrame) -> pd.DataFrame:
    """Monthly encounters in three groups for charting: Mexico, Northern Triangle, other countries."""
    label = monthly["citizenship"].map(lambda c: "Mexico" if c == "Mexico" else ("Northern Triangle" if c in NORTHERN_TRIANGLE else "Other countries"))
    return monthly.assign(group=label).groupby(["date", "group"], as_index=False)["encounters"].sum()


def monthly_total(monthly: pd.DataFrame) -> pd.Series:
    return monthly.groupby("date")["encounters"].sum()


def month_value(monthly: pd.DataFrame, month: str) -> int:
    total = monthly_total(monthly)
    stamp = pd.Timestamp(month)
    if stamp not in total.index:
        raise KeyError(f"no encounters for {stamp:%B %Y}")
    return int(total[stamp])


def sum_between(monthly: pd.DataFrame, first: str, last: str, column: str = "encounters") -> int:
    """Sum of a monthly column over the months ``first``–``last`` inclusive; every month must be present."""
    series = monthly.groupby("date")[column].sum()
    months = pd.date_range(first, last, freq="MS")
    missing = [m for m in months if m not in series.index]
    if missing:
        raise KeyError(f"months missing from the monthly table: {missing[0]:%B %Y}…")
    return int(series.loc[months].sum())


# López Obrador's term in whole months of the monthly tables: he took office on 1 December 2018 and
# his term ended on 30 September 2024.
TERM_MONTHS = ("2018-12-01", "2024-09-01")


def term_total(monthly: pd.DataFrame, column: str = "encounters") -> int:
    """Sum of a monthly column over the months of López Obrador's term (:data:`TERM_MONTHS`)."""
    return sum_between(monthly, *TERM_MONTHS, column)


def change_around(monthly: pd.DataFrame, date: pd.Timestamp, months: int = 3, groups: list[str] | None = None) -> dict:
    """Average monthly encounters in the ``months`` full months before the event's month and in the
    ``months`` months after it (the event's month itself is excluded), with the % change."""
    frame = monthly if groups is None else monthly[monthly["citizenship"].isin(groups)]
    series = frame.groupby("date")["encounters"].sum()
    start = pd.Timestamp(date).to_period("M").to_timestamp()
    before = series[(series.index >= start - pd.DateOffset(months=months)) & (series.index < start)]
    after = series[(series.index > start) & (series.index <= start + pd.DateOffset(months=months))]
    if len(before) != months or len(after) != months:
        raise ValueError(f"need {months} months on each side of {start:%Y-%m}")
    b, a = float(before.mean()), float(after.mean())
    return {"before": b, "after": a, "change_pct": 100 * (a - b) / b}


def peak_month(monthly: pd.DataFrame) -> tuple[pd.Timestamp, int]:
    total = monthly_total(monthly)
    return pd.Timestamp(total.idxmax()), int(total.max())


def policy_events(events: pd.DataFrame, labels: list[str]) -> pd.DataFrame:
    """Rows of the events resource with these labels (each must exist exactly once), in date order."""
    chosen = events[events["label"].isin(labels)][["date", "date_precision", "label", "event", "publisher", "source_url"]]
    missing = set(labels) - set(chosen["label"])
    if missing:
        raise KeyError(f"events not found in the events resource: {sorted(missing)}")
    return chosen.sort_values(["date", "label"]).reset_index(drop=True)


def policy_periods(events: pd.DataFrame) -> pd.DataFrame:
    rows = [{"start": event_date(events, a), "end": event_date(events, b), "label": name} for a, b, name in PERIODS]
    return pd.DataFrame(rows)


def policy_timeline(events: pd.DataFrame) -> pd.DataFrame:
    """The chapter's policy timeline (``TIMELINE_LABELS``): date in words, what happened, source."""
    rows = policy_events(events, TIMELINE_LABELS)
    rows["when"] = [f"{d:%B %Y}" if p == "month" else long_date(d) for d, p in zip(rows["date"], rows["date_precision"])]
    return rows[["when", "event", "publisher", "source_url"]]


# --------------------------------------------------------------------------- published and collected figures

def published(pub: pd.DataFrame, source_row: int) -> float:
    row = pub[pub["source_row"] == source_row]
    if len(row) != 1 or pd.isna(row["value"].iloc[0]):
        raise KeyError(f"no published value at line {source_row} of the table's raw file")
    return float(row["value"].iloc[0])


def figure_for(table: pd.DataFrame, indicator: str, period: str | None = None) -> float:
    """The single value of a published or collected figure, found by its indicator (and period)."""
    rows = table[(table["indicator"] == indicator) & (True if period is None else table["period"] == period)]
    if len(rows) != 1 or pd.isna(rows["value"].iloc[0]):
        raise KeyError(f"no single value for {indicator!r} {period or ''}")
    return float(rows["value"].iloc[0])


def central_american_returns(pub: pd.DataFrame) -> pd.DataFrame:
    """Mexico's returns of Central Americans by calendar year, one column per counting source."""
    part = pub[(pub["topic"] == "migration_mexico_enforcement") & pub["value"].notna() & pub["period_type"].eq("calendar year")].copy()
    part = part[part["indicator"].str.contains("returns|presentations", case=False, regex=True)]
    part["year"] = part["period"].astype(int)
    part["source"] = part["publisher"].map(
        lambda p: "INM (Mexico), all Central Americans" if p.startswith("INM")
        else "Receiving countries (IOM / foreign ministries), Guatemala + Honduras + El Salvador")
    return part[["year", "source", "value", "publisher", "source_url"]].sort_values(["year", "source"]).reset_index(drop=True)


def returns_sum(pub: pd.DataFrame, first: int, last: int) -> tuple[float, list[int]]:
    """Sum of the receiving-country series over calendar years ``first``–``last``; also the years missing."""
    series = central_american_returns(pub)
    series = series[series["source"].str.startswith("Receiving")].set_index("year")["value"]
    years = list(range(first, last + 1))
    missing = [y for y in years if y not in series.index]
    return float(series.reindex(years).sum()), missing


def enforcement_value(annual: pd.DataFrame, series: str, year: int) -> int:
    """One figure of ``mexico_enforcement_annual`` (calendar year)."""
    row = annual[(annual["series"] == series) & (annual["year"] == year)]
    if len(row) != 1:
        raise KeyError(f"no {series!r} figure for {year}")
    return int(row["value"].iloc[0])


def years_without(annual: pd.DataFrame, measure: str, first: int, last: int) -> list[int]:
    """Calendar years ``first``–``last`` for which no series of ``measure`` has a figure."""
    held = set(annual.loc[annual["measure"] == measure, "year"])
    return [y for y in range(first, last + 1) if y not in held]


def figures_table(table: pd.DataFrame, topic: str) -> pd.DataFrame:
    """A topic's rows of a published/collected figures table for display: period, what, value, status, source."""
    part = table[table["topic"] == topic]
    value = part["value"].map(lambda v: "not found" if pd.isna(v) else f"{v:,.0f}")
    return pd.DataFrame({"period": part["period"], "what was counted": part["indicator"], "value": value,
                         "unit": part["unit"].fillna(""), "status": part["status"],
                         "source": (part["publisher"].fillna("") + "; " + part["document"].fillna("")).str.strip("; "),
                         "url": part["source_url"].fillna("")}).reset_index(drop=True)


def thousands(value: float) -> str:
    """Round to thousands for chart descriptions read aloud (e.g. "145 thousand")."""
    return f"{round(value / 1000):,.0f} thousand"


# --------------------------------------------------------------------------- figures: one builder per chart, each returning the Figure

def _stacked(chart: alt.Chart, field: str, order: list[str], channel=alt.Color, colours: list[str] | None = None) -> alt.Chart:
    """Stack the values of ``field`` in ``order`` (first at the bottom), coloured from the palette in that order."""
    return chart.encode(
        channel(f"{field}:N", title=None, sort=order, scale=alt.Scale(domain=order, range=colours or PALETTE[:len(order)]),
                legend=alt.Legend(orient="bottom", direction="vertical", labelLimit=0)),
        order=alt.Order("order:Q"),
    ).transform_calculate(order=f"indexof({order!r}, datum.{field})")


def _lines(text: str) -> list[str]:
    """A subtitle wrapped to the chart's width (Vega-Lite draws a list as lines)."""
    return wrap_source(text, width=112)


def _fy_axis(domain: tuple[float, float]) -> alt.X:
    return alt.X("fiscal_year:Q", title="U.S. fiscal year (October–September)", scale=alt.Scale(domain=list(domain), nice=False),
                 axis=alt.Axis(format="d", tickMinStep=1))


def _stops_early(annual: pd.DataFrame) -> str:
    part = partial_year(annual)
    if part is None:
        return ""
    return (f"FY{part['fiscal_year']} is left out: CBP's file holds only {part['first_month']:%B %Y} – {part['last_month']:%B %Y} "
            f"({part['months']} months); the monthly chart shows it")


def border_patrol_figure(series: pd.DataFrame, annual: pd.DataFrame, events: pd.DataFrame) -> Figure:
    """Border Patrol's southwest border apprehensions FY1960 on, with the Title 42 years as a separate
    line (``series``: ``border_patrol_series``), the Title 42 band and the presidential marks."""
    t8 = series[series["series"] == SERIES_T8].set_index("fiscal_year")["value"]
    t42 = series[series["series"] == SERIES_T42].set_index("fiscal_year")["value"]
    peak_t8_fy, peak_all_fy = int(t8.idxmax()), int(t42.idxmax())
    low_fy = int(t8.loc[2000:2019].idxmin())  # before Title 42, when apprehensions were the whole count
    last = int(t8.index.max())
    reason = _stops_early(annual)
    band = pd.DataFrame({"start": [fiscal_position(event_date(events, Label.TITLE_42_BEGINS))],
                         "end": [fiscal_position(event_date(events, Label.TITLE_42_ENDS))], "label": ["Title 42 in force"]})
    order = [SERIES_T8, SERIES_T42]
    domain = (1959.5, last + 0.9)
    x = _fy_axis(domain)
    shade = alt.Chart(band).mark_rect(opacity=0.12, color=PALETTE[5]).encode(
        x=alt.X("start:Q", scale=alt.Scale(domain=list(domain), nice=False)), x2="end:Q")
    shade_label = alt.Chart(band).mark_text(align="left", dx=3, dy=-4, fontSize=10, color="#333").encode(
        x=alt.X("start:Q", scale=alt.Scale(domain=list(domain), nice=False)), y=alt.value(318), text="label:N")
    lines = alt.Chart(series).mark_line(point=alt.OverlayMarkDef(size=18)).encode(
        x=x,
        y=alt.Y("value:Q", title="Per fiscal year (events)", axis=alt.Axis(format="~s")),
        color=alt.Color("series:N", title=None, sort=order, scale=alt.Scale(domain=order, range=[PALETTE[0], PALETTE[3]]),
                        legend=alt.Legend(orient="bottom", direction="vertical", labelLimit=0)),
        strokeDash=alt.StrokeDash("series:N", sort=order, scale=alt.Scale(domain=order, range=[[1, 0], [5, 3]]), legend=None),
        tooltip=[alt.Tooltip("fiscal_year:Q", title="Fiscal year", format="d"), alt.Tooltip("series:N", title="Series"),
                 alt.Tooltip("value:Q", title="Count", format=","), alt.Tooltip("source:N", title="Source")],
    )
    marks = _marks_layers(events, series, "fiscal_year", fiscal_position)
    subtitle = (f"Southwest border, U.S. fiscal years FY1960–FY{last}. Apprehensions (Border Patrol arrests under immigration law, "
                f"Title 8) peaked in FY{peak_t8_fy}; the dashed line adds Title 42 expulsions, FY2020–FY2023 only. {reason}.")
    return figure(
        alt.layer(shade, shade_label, lines, *marks),
        name="migration-border-patrol", data=series,
        title=f"With Title 42 expulsions counted, Border Patrol's FY{peak_all_fy} total was its highest since FY1960",
        subtitle=_lines(subtitle),
        source="U.S. Customs and Border Protection, Border Patrol fiscal-year apprehension tables (to FY2019) and Southwest Land "
               "Border Encounters data files (FY2020 on)",
        description=(f"Line chart by fiscal year. Border Patrol apprehensions at the southwest border rise from {thousands(t8[1960])} "
                     f"in FY1960 to {thousands(t8[1986])} in FY1986 and a peak of {thousands(t8.max())} in FY{peak_t8_fy}, fall to "
                     f"{thousands(t8[low_fy])} in FY{low_fy}, and reach {thousands(t8[2019])} in FY2019 and {thousands(t8[last])} in "
                     f"FY{last}. A second, dashed line for FY2020–FY2023 adds Title 42 expulsions: {thousands(t42[2020])} in FY2020, "
                     f"{thousands(t42.max())} at its FY{peak_all_fy} peak and {thousands(t42[2023])} in FY2023. Dashed vertical lines "
                     "mark López Obrador taking office, Biden taking office and the end of López Obrador's term."),
        resources=["usbp_apprehensions_historical"],
        time=TimeAxis("fiscal_year", "sw_border_encounters_annual", stops_early=reason),
    )


def encounters_by_authority_figure(annual: pd.DataFrame, events: pd.DataFrame) -> Figure:
    """Stacked bars of all southwest border encounters by component and authority, complete fiscal years."""
    rows = encounters_by_authority(annual)
    order = [AUTHORITY_NAMES[c] for c in AUTHORITY_ORDER]
    t42_peak = rows[rows["kind"].str.contains("Title 42")].groupby("fiscal_year")["share_pct"].sum()
    ofo = rows[rows["cell"].str.startswith(OFO)].groupby("fiscal_year")["share_pct"].sum()
    totals = rows.groupby("fiscal_year")["encounters"].sum()
    first, last = int(rows["fiscal_year"].min()), int(rows["fiscal_year"].max())
    reason = _stops_early(annual)
    bars = _stacked(alt.Chart(rows).mark_bar(size=38).encode(
        x=_fy_axis((first - 0.6, last + 0.9)),
        y=alt.Y("encounters:Q", title="Encounters per fiscal year", axis=alt.Axis(format="~s"), stack="zero"),
        tooltip=[alt.Tooltip("fiscal_year:Q", title="Fiscal year", format="d"), alt.Tooltip("kind:N", title="Type"),
                 alt.Tooltip("encounters:Q", title="Encounters", format=","), alt.Tooltip("share_pct:Q", title="Share (%)", format=".1f")],
    ), "kind", order, colours=[PALETTE[0], PALETTE[3], PALETTE[2], PALETTE[1]])
    marks = _marks_layers(events, rows, "fiscal_year", fiscal_position)
    return figure(
        alt.layer(bars, *marks),
        name="migration-encounters-authority", data=rows,
        title=(f"Title 42 expulsions were {t42_peak.max():.0f}% of encounters in FY{int(t42_peak.idxmax())}; "
               f"in FY{last} ports of entry handled {ofo[last]:.0f}%"),
        subtitle=_lines(f"All encounters at the southwest land border by type, U.S. fiscal years FY{first}–FY{last}: between ports of entry "
                        f"(Border Patrol) and at ports (Office of Field Operations), under Title 8 or Title 42. {reason}."),
        source="U.S. Customs and Border Protection, Southwest Land Border Encounters data files (FY19–FY22 and FY22–FY25 releases)",
        description=("Stacked bars by fiscal year. Total encounters: "
                     + "; ".join(f"FY{fy}, {thousands(v)}" for fy, v in totals.items())
                     + f". Title 42 expulsions are {t42_peak.get(2020, 0):.0f}% of the FY2020 total, {t42_peak.get(2021, 0):.0f}% of "
                     f"FY2021, {t42_peak.get(2022, 0):.0f}% of FY2022 and {t42_peak.get(2023, 0):.0f}% of FY2023. Encounters at ports "
                     f"of entry are {ofo[first]:.0f}% of the total in FY{first} and {ofo[last]:.0f}% in FY{last}."),
        time=TimeAxis("fiscal_year", "sw_border_encounters_annual", stops_early=reason),
    )


def _composition_title(comp: pd.DataFrame, first: int, last: int) -> str:
    mexico, other = group_share(comp, last, ["Mexico"]), group_share(comp, last, ["Other"])
    title = f"Mexicans fell from {group_share(comp, first, ['Mexico']):.0f}% of Border Patrol's encounters in FY{first} to {mexico:.0f}% in FY{last}"
    if other > mexico:
        title += ", behind other countries"
    return title


def composition_figure(comp: pd.DataFrame, events: pd.DataFrame) -> Figure:
    """Stacked shares of Border Patrol southwest encounters by citizenship group (``comp``: ``composition``)."""
    first, last = int(comp["fiscal_year"].min()), int(comp["fiscal_year"].max())
    chart = _stacked(alt.Chart(comp).mark_area().encode(
        x=_fy_axis((first, last + 0.6)),
        y=alt.Y("share_pct:Q", title="Share of Border Patrol encounters (%)", stack="zero", scale=alt.Scale(domain=[0, 100])),
        tooltip=[alt.Tooltip("fiscal_year:Q", title="Fiscal year", format="d"), alt.Tooltip("citizenship_group:N", title="Citizenship"),
                 alt.Tooltip("encounters:Q", title="Encounters", format=","), alt.Tooltip("share_pct:Q", title="Share (%)", format=".1f")],
    ), "citizenship_group", GROUP_ORDER)
    marks = _marks_layers(events, comp, "fiscal_year", fiscal_position)
    return figure(
        alt.layer(chart, *marks),
        name="migration-composition", data=comp,
        title=_composition_title(comp, first, last),
        subtitle=_lines(f"Share of Border Patrol southwest border encounters by citizenship, %, U.S. fiscal years FY{first}–FY{last} "
                        "(Title 42 expulsions included FY2020–FY2023); 'Other' is every country but the four named"),
        source="U.S. Department of Homeland Security, Office of Homeland Security Statistics, Key Homeland Security Metrics: "
               "CBP Encounters – USBP workbook (annual encounters by region and citizenship)",
        description=(f"Stacked areas summing to 100% for each fiscal year. Mexico's share is {group_share(comp, first, ['Mexico']):.0f}% "
                     f"in FY{first} and {group_share(comp, 2019, ['Mexico']):.0f}% in FY2019. Guatemala, Honduras and El Salvador "
                     f"together rise from {group_share(comp, first, NORTHERN_TRIANGLE):.0f}% in FY{first} to "
                     f"{group_share(comp, 2019, NORTHERN_TRIANGLE):.0f}% in FY2019. Mexico's share jumps back to "
                     f"{group_share(comp, 2020, ['Mexico']):.0f}% in FY2020, and the 'Other' group, all remaining countries, reaches "
                     f"{group_share(comp, 2023, ['Other']):.0f}% in FY2023 and {group_share(comp, last, ['Other']):.0f}% in FY{last}. "
                     "Dashed lines mark López Obrador taking office, Biden taking office and the end of López Obrador's term."),
        time=TimeAxis("fiscal_year", "usbp_sw_citizenship_annual"),
    )


def family_status_figure(fam: pd.DataFrame, events: pd.DataFrame) -> Figure:
    """Stacked bars of Border Patrol southwest encounters by family status, FY2008 on (``fam``: ``family_shares``)."""
    data = fam[fam["fiscal_year"] >= 2008].assign(fiscal_year=lambda f: f["fiscal_year"].astype(int))
    last = int(data["fiscal_year"].max())
    family_units = fam[fam["family_status"] == "family unit individuals"].set_index("fiscal_year")["share_pct"]
    uc = fam[fam["family_status"] == "unaccompanied children"].set_index("fiscal_year")["encounters"]
    order = ["single adults", "family unit individuals", "unaccompanied children"]
    chart = _stacked(alt.Chart(data).mark_bar(size=22).encode(
        x=_fy_axis((2007.4, last + 0.9)),
        y=alt.Y("encounters:Q", title="Border Patrol encounters per fiscal year", axis=alt.Axis(format="~s")),
        tooltip=[alt.Tooltip("fiscal_year:Q", title="Fiscal year", format="d"), alt.Tooltip("family_status:N", title="Family status"),
                 alt.Tooltip("encounters:Q", title="Encounters", format=","), alt.Tooltip("share_pct:Q", title="Share (%)", format=".1f")],
    ), "family_status", order).properties(width=WIDTH)
    marks = _marks_layers(events, data, "fiscal_year", fiscal_position)
    return figure(
        alt.layer(chart, *marks),
        name="migration-family-status", data=data,
        title="In FY2019 families outnumbered single adults among Border Patrol's southwest border encounters",
        subtitle=_lines(f"Border Patrol southwest border encounters by family status, U.S. fiscal years FY2008–FY{last}; "
                        "family units recorded from FY2012, unaccompanied children from FY2008"),
        source="U.S. Department of Homeland Security, Office of Homeland Security Statistics, Key Homeland Security Metrics: "
               "CBP Encounters – USBP workbook (annual encounters by region and family status)",
        description=(f"Stacked bars by fiscal year. Family unit members are {family_units[2012]:.0f}% of encounters in FY2012 and "
                     f"{family_units[2019]:.0f}% in FY2019, the only year in which they outnumber single adults. Unaccompanied children number "
                     f"{thousands(uc[2014])} in FY2014, {thousands(uc[2019])} in FY2019 and {thousands(uc.max())} at their peak "
                     f"in FY{int(uc.idxmax())}. OHSS records unaccompanied children from FY2008 and family units from FY2012; earlier "
                     "years count everyone as single adults."),
        time=TimeAxis("fiscal_year", "usbp_sw_family_status_annual"),
    )


def after_peak(monthly: pd.DataFrame) -> dict:
    """The peak month of all encounters, the month after it and the % change between them."""
    date, value = peak_month(monthly)
    following = date + pd.DateOffset(months=1)
    after = month_value(monthly, following)
    return {"peak": date, "peak_value": value, "next": following, "next_value": after, "change_pct": 100 * (after - value) / value}


def _monthly_title(monthly: pd.DataFrame, events: pd.DataFrame) -> str:
    peak = after_peak(monthly)
    proclamation = event_date(events, Label.SECURING_THE_BORDER)
    title = f"Encounters peaked in {peak['peak']:%B %Y} and were {-peak['change_pct']:.0f}% lower a month later"
    if peak["next"] < proclamation:
        title += ", before the June 2024 proclamation"
    return title


def monthly_policy_figure(monthly: pd.DataFrame, events: pd.DataFrame) -> Figure:
    """Stacked monthly encounters by citizenship group (``monthly_by_group``) under the shaded policy
    periods, with dashed rules at the policy dates (``POLICY_MARKS``) and the presidential marks."""
    by_group = monthly_by_group(monthly)
    total_month = monthly_total(monthly)
    peak_date, peak_value = peak_month(monthly)
    first, last = by_group["date"].min(), by_group["date"].max()
    policy = pd.DataFrame([{"date": event_date(events, label), "label": text} for label, text in POLICY_MARKS])
    presidents = term_marks(events, first, last + pd.offsets.MonthEnd(0))
    marks = pd.concat([policy, presidents]).sort_values("date").reset_index(drop=True)
    order = ["Mexico", "Northern Triangle", "Other countries"]
    periods = policy_periods(events)
    bands = alt.Chart(periods).mark_rect(opacity=0.13).encode(
        x="start:T", x2="end:T",
        color=alt.Color("label:N", title=None, sort=periods["label"].tolist(),
                        scale=alt.Scale(domain=periods["label"].tolist(), range=[PALETTE[4], PALETTE[6], PALETTE[5]]),
                        legend=alt.Legend(orient="top")),
    )
    area = _stacked(alt.Chart(by_group).mark_area().encode(
        x=alt.X("date:T", title=None, axis=alt.Axis(format="%Y", tickCount="year")),
        y=alt.Y("encounters:Q", title="Encounters per month", axis=alt.Axis(format="~s"), stack="zero"),
        tooltip=[alt.Tooltip("date:T", title="Month", format="%b %Y"), alt.Tooltip("group:N", title="Citizenship"),
                 alt.Tooltip("encounters:Q", title="Encounters", format=",")],
    ), "group", order, channel=alt.Fill)
    rules = event_rules(marks, stagger=len(marks), y_step=12)
    t42_end = event_date(events, Label.TITLE_42_ENDS)
    return figure(
        alt.layer(bands, area, *rules).resolve_scale(color="independent").properties(height=400),
        name="migration-monthly-policy", data=by_group,
        title=_monthly_title(monthly, events),
        subtitle=_lines(f"All southwest land border encounters per month (Border Patrol and ports of entry, Title 8 and Title 42), "
                        f"{first:%B %Y} – {last:%B %Y}, by citizenship"),
        source="U.S. Customs and Border Protection, Southwest Land Border Encounters data files; policy dates from the "
               "Department of Homeland Security, the Federal Register and the press (listed in the timeline table)",
        description=(f"Stacked monthly areas for Mexico, the Northern Triangle and other countries. Encounters reach "
                     f"{thousands(total_month['2019-05-01'])} in May 2019, mostly Northern Triangle citizens, and "
                     f"{thousands(total_month['2019-09-01'])} in September 2019 after the June declaration. They drop to "
                     f"{thousands(total_month['2020-04-01'])} in April 2020 under Title 42, rise to "
                     f"{thousands(total_month['2021-07-01'])} in July 2021 and peak at {thousands(peak_value)} in "
                     f"{peak_date:%B %Y}, with other countries the largest group. They are "
                     f"{thousands(total_month[t42_end.to_period('M').to_timestamp()])} in the month Title 42 ends, "
                     f"{thousands(total_month['2024-01-01'])} in January 2024 and {thousands(total_month['2024-09-01'])} in "
                     f"September 2024, the last month of López Obrador's term; the last month shown, {last:%B %Y}, has "
                     f"{thousands(total_month.iloc[-1])}. Shaded bands show Remain in Mexico (January 2019 – January 2021), "
                     "its court-ordered second version (December 2021 – August 2022) and Title 42 (March 2020 – May 2023); dashed "
                     "lines mark the policy dates and the changes of president."),
        time=TimeAxis("date", "sw_border_encounters_monthly"),
    )


def mexico_enforcement_figure(annual: pd.DataFrame, events: pd.DataFrame) -> Figure:
    """Mexico's detentions (top) and returns (bottom) by calendar year, one line per counting series
    (``annual``: the ``mexico_enforcement_annual`` resource), with the presidential marks."""
    data = annual[["year", "measure", "series", "series_label", "value", "status", "publisher"]].copy()
    labels = list(dict.fromkeys(annual["series_label"]))
    colours = PALETTE[:len(labels)]
    first, last = int(data["year"].min()), int(data["year"].max())
    x = alt.X("year:Q", title="Calendar year", scale=alt.Scale(domain=[first - 0.5, last + 0.6], nice=False),
              axis=alt.Axis(format="d", tickMinStep=1))
    marks_frame = term_marks(events, first - 0.5, last + 0.5, calendar_position)

    def panel(measure: str, title: str, height: int) -> alt.LayerChart:
        part = data[data["measure"] == measure]
        base = alt.Chart(part).mark_line(point=alt.OverlayMarkDef(size=45)).encode(
            x=x, y=alt.Y("value:Q", title=title, axis=alt.Axis(format="~s")),
            color=alt.Color("series_label:N", title=None, scale=alt.Scale(domain=labels, range=colours),
                            legend=alt.Legend(orient="bottom", direction="vertical", labelLimit=0)),
            detail="series:N",
            tooltip=[alt.Tooltip("year:Q", title="Year", format="d"), alt.Tooltip("series_label:N", title="Series"),
                     alt.Tooltip("value:Q", title="Count", format=","), alt.Tooltip("status:N", title="Status"),
                     alt.Tooltip("publisher:N", title="Counted by")],
        ).properties(width=WIDTH, height=height)
        return alt.layer(base, *_position_rules(marks_frame))

    detained = panel("people detained", "People detained (events)", 230)
    returned = panel("people returned", "People returned", 230)
    upm = annual[annual["series"] == "upm_irregular_events"].set_index("year")["value"]
    lodged = annual[annual["series"] == "inm_lodged"].set_index("year")["value"]
    gaps = years_without(annual, "people detained", int(lodged.index.min()), last)
    returns_text = "; ".join(f"{row.series_label}: " + ", ".join(f"{y} {thousands(v)}" for y, v in
                                                               annual[annual["series"] == row.series].set_index("year")["value"].items())
                             for row in annual[annual["measure"] == "people returned"].drop_duplicates("series").itertuples())
    return figure(
        alt.vconcat(detained, returned, spacing=14).resolve_scale(color="shared"),
        name="migration-mexico-enforcement", data=data,
        title=f"Mexico counted {upm[last] / upm[int(upm.index.min())]:.1f} times as many migrant detentions in {last} as in {int(upm.index.min())}",
        subtitle=_lines(f"Calendar years {first}–{last}. Each line is one count under one definition; lines are never joined. "
                        f"Detentions are events, not people. No full-year detention count was found for {join_years(gaps, '')}; "
                        "the returns counted did not rise with the detentions."),
        source="Mexico's Unidad de Política Migratoria (Secretaría de Gobernación) and Instituto Nacional de Migración, as reported "
               "by La Jornada, Intolerancia Diario, En Breve, Vanguardia, Punto por Punto, El Economista, La Razón and Noroeste; "
               "IOM and the foreign ministries of Guatemala, Honduras and El Salvador, as reported by La Jornada and NetNoticias",
        description=("Two panels by calendar year. Top, people detained: INM's count of foreigners lodged in migration stations, "
                     + ", ".join(f"{y} {thousands(v)}" for y, v in lodged.items())
                     + "; UPM's events of people presented to INM or channelled to shelters, "
                     + ", ".join(f"{y} {thousands(v)}" for y, v in upm.items())
                     + f"; no full-year figure for {join_years(gaps, '')}. Bottom, people returned, six separate counts: " + returns_text
                     + ". Dashed lines mark López Obrador taking office, Biden taking office and the end of López Obrador's term."),
        resources=["migration_published_figures", "migration_collected_figures"],
        time=TimeAxis("year", "mexico_enforcement_annual"),
    )
