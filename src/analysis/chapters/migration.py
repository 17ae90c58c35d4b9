"""Analysis for the migration chapter: pure functions over the package's migration tables.

All years are U.S. fiscal years (October–September) unless a function says otherwise; the published
figures on Mexico's returns of Central Americans are calendar years.
"""

from __future__ import annotations

import pandas as pd


from analysis.book.charts import WIDTH
from analysis.data.events import Label, event_date

NORTHERN_TRIANGLE = ["Guatemala", "Honduras", "El Salvador"]
GROUP_ORDER = ["Mexico", "Guatemala", "Honduras", "El Salvador", "Other"]

SERIES_CBP = "Border Patrol apprehensions, southwest border (CBP tables, to FY2019)"
SERIES_KHSM = "Border Patrol encounters, southwest border (DHS OHSS, rounded)"
SERIES_ALL = "All southwest border encounters, USBP + OFO (CBP, FY2019 on)"

# Policy periods shaded on the monthly chart (dates from the events resource, by label).
PERIODS = [(Label.REMAIN_IN_MEXICO_STARTS, Label.MPP_ENROLMENTS_SUSPENDED, "Remain in Mexico (MPP)"),
           (Label.TITLE_42_BEGINS, Label.TITLE_42_ENDS, "Title 42 in force")]


def long_series(historical: pd.DataFrame, region: pd.DataFrame, monthly: pd.DataFrame) -> pd.DataFrame:
    """Southwest border series by fiscal year under the three definitions, in long form
    (fiscal_year, series, value). The definitions overlap in FY2000–FY2019 and FY2019–FY2024."""
    cbp = historical.dropna(subset=["sw_apprehensions"])[["fiscal_year", "sw_apprehensions"]].rename(columns={"sw_apprehensions": "value"})
    khsm = region[region["region"] == "Southwest Land Border"][["fiscal_year", "encounters"]].rename(columns={"encounters": "value"})
    complete = complete_fiscal_years(monthly)
    allenc = monthly[monthly["fiscal_year"].isin(complete)].groupby("fiscal_year", as_index=False)["encounters"].sum().rename(columns={"encounters": "value"})
    parts = [cbp.assign(series=SERIES_CBP), khsm.assign(series=SERIES_KHSM), allenc.assign(series=SERIES_ALL)]
    frame = pd.concat(parts, ignore_index=True)[["fiscal_year", "series", "value"]]
    frame["fiscal_year"] = frame["fiscal_year"].astype(int)
    frame["value"] = frame["value"].astype("int64")
    return frame


def complete_fiscal_years(monthly: pd.DataFrame) -> list[int]:
    """Fiscal years with all twelve months in the monthly table."""
    months = monthly.groupby("fiscal_year")["date"].nunique()
    return sorted(int(fy) for fy, n in months.items() if n == 12)


def value_for(frame: pd.DataFrame, series: str, fiscal_year: int) -> int:
    row = frame[(frame["series"] == series) & (frame["fiscal_year"] == fiscal_year)]
    if len(row) != 1:
        raise KeyError(f"no single value for {series!r} in FY{fiscal_year}")
    return int(row["value"].iloc[0])


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


def monthly_by_group(monthly: pd.DataFrame) -> pd.DataFrame:
    """Monthly encounters in three groups for charting: Mexico, Northern Triangle, other countries."""
    label = monthly["citizenship"].map(lambda c: "Mexico" if c == "Mexico" else ("Northern Triangle" if c in NORTHERN_TRIANGLE else "Other countries"))
    out = monthly.assign(group=label).groupby(["date", "group"], as_index=False)["encounters"].sum()
    return out


def monthly_total(monthly: pd.DataFrame) -> pd.Series:
    return monthly.groupby("date")["encounters"].sum()


def policy_events(events: pd.DataFrame, labels: list[str]) -> pd.DataFrame:
    """Rows of the events resource with these labels (each must exist exactly once)."""
    chosen = events[events["label"].isin(labels)][["date", "label", "event", "publisher", "source_url"]]
    missing = set(labels) - set(chosen["label"])
    if missing:
        raise KeyError(f"events not found in the events resource: {sorted(missing)}")
    return chosen.sort_values("date").reset_index(drop=True)




def policy_periods(events: pd.DataFrame) -> pd.DataFrame:
    rows = [{"start": event_date(events, a), "end": event_date(events, b), "label": name} for a, b, name in PERIODS]
    return pd.DataFrame(rows)


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


def top_other_citizenships(detailed: pd.DataFrame, fiscal_year: int, n: int = 5) -> pd.DataFrame:
    """Largest named nationalities outside CBP's four named groups (OTHER excluded) in a fiscal year."""
    part = detailed[(detailed["fiscal_year"] == fiscal_year) & (detailed["citizenship_group"] == "Other") & (detailed["citizenship"] != "OTHER")]
    return part.nlargest(n, "encounters")[["citizenship", "encounters"]].reset_index(drop=True)


def published(pub: pd.DataFrame, source_row: int) -> float:
    row = pub[pub["source_row"] == source_row]
    if len(row) != 1 or pd.isna(row["value"].iloc[0]):
        raise KeyError(f"no published value at published_figures.csv line {source_row}")
    return float(row["value"].iloc[0])


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


# --------------------------------------------------------------------------- charts (Altair specs; figure() wraps them)

def long_series_chart(frame: pd.DataFrame, breaks: pd.DataFrame):
    """Lines by definition over fiscal years with dashed rules at the series breaks (``breaks``: fiscal_year, label)."""
    import altair as alt

    from analysis.book.charts import PALETTE

    order = [SERIES_CBP, SERIES_KHSM, SERIES_ALL]
    lines = alt.Chart(frame).mark_line().encode(
        x=alt.X("fiscal_year:Q", title="U.S. fiscal year", axis=alt.Axis(format="d")),
        y=alt.Y("value:Q", title="Persons-events", axis=alt.Axis(format="~s")),
        color=alt.Color("series:N", title=None, sort=order, scale=alt.Scale(domain=order, range=PALETTE[:3]),
                        legend=alt.Legend(orient="bottom", direction="vertical", labelLimit=0)),
        tooltip=[alt.Tooltip("fiscal_year:Q", title="Fiscal year", format="d"), alt.Tooltip("series:N", title="Series"),
                 alt.Tooltip("value:Q", title="Count", format=",")],
    )
    rules = alt.Chart(breaks).mark_rule(strokeDash=[4, 3], color="#555").encode(x="fiscal_year:Q")
    labels = alt.Chart(breaks).mark_text(align="left", dx=3, dy=0, fontSize=10, color="#333").encode(
        x="fiscal_year:Q", y=alt.value(10), text="label:N")
    return alt.layer(lines, rules, labels)


def composition_chart(comp: pd.DataFrame):
    import altair as alt

    from analysis.book.charts import PALETTE

    return alt.Chart(comp).mark_area().encode(
        x=alt.X("fiscal_year:Q", title="U.S. fiscal year", axis=alt.Axis(format="d")),
        y=alt.Y("share_pct:Q", title="Share of Border Patrol encounters (%)", stack="zero", scale=alt.Scale(domain=[0, 100])),
        color=alt.Color("citizenship_group:N", title=None, sort=GROUP_ORDER, scale=alt.Scale(domain=GROUP_ORDER, range=PALETTE[:5])),
        order=alt.Order("order:Q"),
        tooltip=[alt.Tooltip("fiscal_year:Q", title="Fiscal year", format="d"), alt.Tooltip("citizenship_group:N", title="Citizenship"),
                 alt.Tooltip("encounters:Q", title="Encounters", format=","), alt.Tooltip("share_pct:Q", title="Share (%)", format=".1f")],
    ).transform_calculate(order=f"indexof({GROUP_ORDER!r}, datum.citizenship_group)")


def family_chart(frame: pd.DataFrame):
    import altair as alt

    from analysis.book.charts import PALETTE

    order = ["single adults", "family unit individuals", "unaccompanied children"]
    return alt.Chart(frame).mark_bar().encode(
        x=alt.X("fiscal_year:O", title="U.S. fiscal year"),
        y=alt.Y("encounters:Q", title="Border Patrol encounters", axis=alt.Axis(format="~s")),
        color=alt.Color("family_status:N", title=None, sort=order, scale=alt.Scale(domain=order, range=PALETTE[:3])),
        order=alt.Order("order:Q"),
        tooltip=[alt.Tooltip("fiscal_year:O", title="Fiscal year"), alt.Tooltip("family_status:N", title="Family status"),
                 alt.Tooltip("encounters:Q", title="Encounters", format=","), alt.Tooltip("share_pct:Q", title="Share (%)", format=".1f")],
    ).transform_calculate(order=f"indexof({order!r}, datum.family_status)").properties(width=WIDTH)


def monthly_chart(by_group: pd.DataFrame, events: pd.DataFrame, periods: pd.DataFrame):
    import altair as alt

    from analysis.book.charts import PALETTE

    order = ["Mexico", "Northern Triangle", "Other countries"]
    bands = alt.Chart(periods).mark_rect(opacity=0.12).encode(
        x="start:T", x2="end:T",
        color=alt.Color("label:N", title=None, scale=alt.Scale(range=[PALETTE[5], PALETTE[6]]), legend=alt.Legend(orient="top")),
    )
    area = alt.Chart(by_group).mark_area().encode(
        x=alt.X("date:T", title=None, axis=alt.Axis(format="%Y", tickCount="year")),
        y=alt.Y("encounters:Q", title="Encounters per month", axis=alt.Axis(format="~s"), stack="zero"),
        fill=alt.Fill("group:N", title=None, sort=order, scale=alt.Scale(domain=order, range=PALETTE[:3])),
        order=alt.Order("order:Q"),
        tooltip=[alt.Tooltip("date:T", title="Month", format="%b %Y"), alt.Tooltip("group:N", title="Citizenship"),
                 alt.Tooltip("encounters:Q", title="Encounters", format=",")],
    ).transform_calculate(order=f"indexof({order!r}, datum.group)")
    rules = alt.Chart(events).mark_rule(strokeDash=[4, 3], color="#333").encode(
        x="date:T", tooltip=[alt.Tooltip("date:T", title="Date", format="%d %b %Y"), alt.Tooltip("label:N", title="Event")])
    labels = alt.Chart(events).mark_text(align="left", dx=3, angle=0, fontSize=9, color="#222").encode(
        x="date:T", y=alt.Y("ypos:Q", scale=None), text="label:N")
    return alt.layer(bands, area, rules, labels).resolve_scale(color="independent")


def returns_chart(returns: pd.DataFrame):
    import altair as alt

    from analysis.book.charts import PALETTE

    return alt.Chart(returns).mark_bar().encode(
        x=alt.X("year:O", title="Calendar year"),
        xOffset=alt.XOffset("source:N"),
        y=alt.Y("value:Q", title="People returned", axis=alt.Axis(format="~s")),
        color=alt.Color("source:N", title=None, scale=alt.Scale(range=PALETTE[:2]), legend=alt.Legend(orient="bottom", direction="vertical", labelLimit=0)),
        tooltip=[alt.Tooltip("year:O", title="Year"), alt.Tooltip("source:N", title="Counted by"),
                 alt.Tooltip("value:Q", title="Returned", format=","), alt.Tooltip("publisher:N", title="Publisher")],
    ).properties(width=WIDTH)


def mexico_majority_years_after(comp: pd.DataFrame, fiscal_year: int) -> list[int]:
    """Fiscal years after ``fiscal_year`` in which Mexicans were again half or more of Border Patrol SW encounters."""
    mexico = comp[comp["citizenship_group"] == "Mexico"].set_index("fiscal_year")["share_pct"]
    return [int(fy) for fy, share in mexico.items() if fy > fiscal_year and share >= 50]


def join_years(years: list[int]) -> str:
    labels = [f"FY{y}" for y in years]
    if not labels:
        return "no later year"
    return labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " and " + labels[-1]


def thousands(value: float) -> str:
    """Round to thousands for chart descriptions read aloud (e.g. "145 thousand")."""
    return f"{round(value / 1000):,.0f} thousand"
