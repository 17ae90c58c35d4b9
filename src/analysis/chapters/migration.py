"""Analysis for the migration chapter: pure functions over the package's migration tables.

All years are U.S. fiscal years (October–September) unless a function says otherwise; the published
figures on Mexico's returns of Central Americans are calendar years.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from analysis.book.charts import PALETTE, WIDTH, Figure, event_rules, figure
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


# --------------------------------------------------------------------------- figures: one builder per chart, each returning the Figure

# Policy dates marked on the monthly chart (labels of the events resource).
POLICY_LABELS = [Label.REMAIN_IN_MEXICO_STARTS, Label.JUNE_2019_JOINT_DECLARATION, Label.MEXICO_REPORTS_GUARD_DEPLOYMENT, Label.TITLE_42_BEGINS,
                 Label.MPP_ENROLMENTS_SUSPENDED, Label.SUPREME_COURT_MPP_RESTART, Label.TITLE_42_ENDS]


def _stacked(chart: alt.Chart, field: str, order: list[str], channel=alt.Color) -> alt.Chart:
    """Stack the values of ``field`` in ``order`` (first at the bottom), coloured from the palette in that order."""
    return chart.encode(
        channel(f"{field}:N", title=None, sort=order, scale=alt.Scale(domain=order, range=PALETTE[:len(order)])),
        order=alt.Order("order:Q"),
    ).transform_calculate(order=f"indexof({order!r}, datum.{field})")


def long_series_figure(series: pd.DataFrame) -> Figure:
    """Lines by definition over fiscal years FY1960 on (``series``: ``long_series``), with dashed rules
    at the series breaks of FY2000 and FY2020."""
    breaks = pd.DataFrame({"fiscal_year": [2000, 2020], "label": ["OHSS series starts", "Title 42 / 'encounters'"]})
    long_data = series[series["fiscal_year"] >= 1960]
    values = {name: group.set_index("fiscal_year")["value"] for name, group in series.groupby("series")}
    sw_cbp, sw_khsm, sw_all = values[SERIES_CBP], values[SERIES_KHSM], values[SERIES_ALL]
    order = [SERIES_CBP, SERIES_KHSM, SERIES_ALL]
    lines = alt.Chart(long_data).mark_line().encode(
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
    return figure(
        alt.layer(lines, rules, labels),
        name="migration-long-series", data=long_data,
        title=f"Southwest border stops fell from FY2000 to FY{int(sw_cbp.loc[2000:].idxmin())}, then reached new highs from FY2021",
        subtitle="Persons-events by U.S. fiscal year (Oct–Sep), southwest border, FY1960–FY2024; three definitions, breaks dashed",
        source="CBP, Border Patrol FY statistics; DHS OHSS, KHSM CBP Encounters – USBP; CBP, Southwest Land Border Encounters",
        description=(f"Three lines by fiscal year. CBP's Border Patrol apprehensions rise from {thousands(sw_cbp[1960])} in FY1960 "
                     f"to {thousands(sw_cbp[1986])} in FY1986 and {thousands(sw_cbp[2000])} in FY2000, fall to "
                     f"{thousands(sw_cbp.loc[2000:].min())} in FY{int(sw_cbp.loc[2000:].idxmin())} and rebound to "
                     f"{thousands(sw_cbp[2019])} in FY2019. The OHSS Border Patrol encounter series, from FY2000, runs just below "
                     f"it until FY2019 and peaks at {thousands(sw_khsm.max())} in FY{int(sw_khsm.idxmax())}. CBP's all-encounters "
                     f"series, including ports of entry, starts at {thousands(sw_all[2019])} in FY2019 and peaks at "
                     f"{thousands(sw_all.max())} in FY{int(sw_all.idxmax())}. Dashed lines mark FY2000 and FY2020."),
    )


def composition_figure(comp: pd.DataFrame) -> Figure:
    """Stacked shares of Border Patrol southwest encounters by citizenship group (``comp``: ``composition``)."""
    chart = _stacked(alt.Chart(comp).mark_area().encode(
        x=alt.X("fiscal_year:Q", title="U.S. fiscal year", axis=alt.Axis(format="d")),
        y=alt.Y("share_pct:Q", title="Share of Border Patrol encounters (%)", stack="zero", scale=alt.Scale(domain=[0, 100])),
        tooltip=[alt.Tooltip("fiscal_year:Q", title="Fiscal year", format="d"), alt.Tooltip("citizenship_group:N", title="Citizenship"),
                 alt.Tooltip("encounters:Q", title="Encounters", format=","), alt.Tooltip("share_pct:Q", title="Share (%)", format=".1f")],
    ), "citizenship_group", GROUP_ORDER)
    return figure(
        chart,
        name="migration-composition", data=comp,
        title="Mexicans went from almost all Border Patrol encounters to a minority",
        subtitle="Share of Border Patrol southwest border encounters by citizenship, %, U.S. fiscal years FY2000–FY2024 (Title 42 included from FY2020)",
        source="DHS OHSS, KHSM CBP Encounters – USBP, sheet Annual Rgn and Citp (usbp_sw_citizenship_annual)",
        description=(f"Stacked areas summing to 100% for each fiscal year. Mexico's share is {group_share(comp, 2000, ['Mexico']):.0f}% "
                     f"in FY2000 and {group_share(comp, 2019, ['Mexico']):.0f}% in FY2019. Guatemala, Honduras and El Salvador "
                     f"together rise from {group_share(comp, 2000, NORTHERN_TRIANGLE):.0f}% in FY2000 to "
                     f"{group_share(comp, 2019, NORTHERN_TRIANGLE):.0f}% in FY2019. Mexico's share jumps back to "
                     f"{group_share(comp, 2020, ['Mexico']):.0f}% in FY2020, and the 'Other' group, all remaining countries, reaches "
                     f"{group_share(comp, 2023, ['Other']):.0f}% in FY2023 and {group_share(comp, 2024, ['Other']):.0f}% in FY2024."),
    )


def family_status_figure(fam: pd.DataFrame) -> Figure:
    """Stacked bars of Border Patrol southwest encounters by family status, FY2008 on (``fam``: ``family_shares``)."""
    data = fam[fam["fiscal_year"] >= 2008]
    family_units = fam[fam["family_status"] == "family unit individuals"].set_index("fiscal_year")["share_pct"]
    uc = fam[fam["family_status"] == "unaccompanied children"].set_index("fiscal_year")["encounters"]
    order = ["single adults", "family unit individuals", "unaccompanied children"]
    chart = _stacked(alt.Chart(data).mark_bar().encode(
        x=alt.X("fiscal_year:O", title="U.S. fiscal year"),
        y=alt.Y("encounters:Q", title="Border Patrol encounters", axis=alt.Axis(format="~s")),
        tooltip=[alt.Tooltip("fiscal_year:O", title="Fiscal year"), alt.Tooltip("family_status:N", title="Family status"),
                 alt.Tooltip("encounters:Q", title="Encounters", format=","), alt.Tooltip("share_pct:Q", title="Share (%)", format=".1f")],
    ), "family_status", order).properties(width=WIDTH)
    return figure(
        chart,
        name="migration-family-status", data=data,
        title="In FY2019 families outnumbered single adults among Border Patrol's southwest border encounters",
        subtitle="Border Patrol southwest border encounters by family status, U.S. fiscal years FY2008–FY2024; family units recorded from FY2012",
        source="DHS OHSS, KHSM CBP Encounters – USBP, sheet Annual Rgn and Fam Status (usbp_sw_family_status_annual)",
        description=(f"Stacked bars by fiscal year. Family unit members are {family_units[2012]:.0f}% of encounters in FY2012 and "
                     f"{family_units[2019]:.0f}% in FY2019, the only year in which they outnumber single adults. Unaccompanied children number "
                     f"{thousands(uc[2014])} in FY2014, {thousands(uc[2019])} in FY2019 and {thousands(uc.max())} at their peak "
                     f"in FY{int(uc.idxmax())}. OHSS records unaccompanied children from FY2008 and family units from FY2012; earlier "
                     "years count everyone as single adults."),
    )


def monthly_policy_figure(monthly: pd.DataFrame, events: pd.DataFrame) -> Figure:
    """Stacked monthly encounters by citizenship group (``monthly_by_group``) under the shaded policy
    periods, with a dashed rule and a label at each policy date (``POLICY_LABELS``)."""
    marks = policy_events(events, POLICY_LABELS)
    by_group = monthly_by_group(monthly)
    total_month = monthly_total(monthly)
    peak_date, peak_value = peak_month(monthly)
    order = ["Mexico", "Northern Triangle", "Other countries"]
    bands = alt.Chart(policy_periods(events)).mark_rect(opacity=0.12).encode(
        x="start:T", x2="end:T",
        color=alt.Color("label:N", title=None, scale=alt.Scale(range=[PALETTE[5], PALETTE[6]]), legend=alt.Legend(orient="top")),
    )
    area = _stacked(alt.Chart(by_group).mark_area().encode(
        x=alt.X("date:T", title=None, axis=alt.Axis(format="%Y", tickCount="year")),
        y=alt.Y("encounters:Q", title="Encounters per month", axis=alt.Axis(format="~s"), stack="zero"),
        tooltip=[alt.Tooltip("date:T", title="Month", format="%b %Y"), alt.Tooltip("group:N", title="Citizenship"),
                 alt.Tooltip("encounters:Q", title="Encounters", format=",")],
    ), "group", order, channel=alt.Fill)
    # One label row per event (12 px apart), so the close dates of mid-2019 do not overlap.
    rules = event_rules(marks, stagger=len(marks), y_step=12)
    return figure(
        alt.layer(bands, area, *rules).resolve_scale(color="independent"),
        name="migration-monthly-policy", data=by_group,
        title=f"Encounters fell after the June 2019 agreement and the start of Title 42, and peaked in {peak_date:%B %Y}",
        subtitle="All southwest land border encounters (USBP + OFO, Title 8 + Title 42) per month, October 2018 – August 2025, by citizenship",
        source="CBP, Southwest Land Border Encounters; policy dates: events resource (publisher of each date listed there)",
        description=(f"Stacked monthly areas for Mexico, the Northern Triangle and other countries. Encounters reach "
                     f"{thousands(total_month['2019-05-01'])} in May 2019, mostly Northern Triangle citizens, and "
                     f"{thousands(total_month['2019-09-01'])} in September 2019 after the June agreement. They drop to "
                     f"{thousands(total_month['2020-04-01'])} in April 2020 under Title 42, rise to "
                     f"{thousands(total_month['2021-07-01'])} in July 2021 and peak at {thousands(peak_value)} in "
                     f"{peak_date:%B %Y}, with other countries the largest group; the last month shown, "
                     f"{total_month.index.max():%B %Y}, has {thousands(total_month.iloc[-1])}. Shaded bands show Remain in Mexico "
                     "enrolment (January 2019 – January 2021) and Title 42 (March 2020 – May 2023); dashed lines mark the policy dates."),
    )


def mexico_returns_figure(returns: pd.DataFrame) -> Figure:
    """Grouped bars of Mexico's returns of Central Americans by calendar year and counting source
    (``returns``: ``central_american_returns``)."""
    receiving = returns[returns["source"].str.startswith("Receiving")].set_index("year")["value"]
    inm = returns[returns["source"].str.startswith("INM")].set_index("year")["value"]
    chart = alt.Chart(returns).mark_bar().encode(
        x=alt.X("year:O", title="Calendar year"),
        xOffset=alt.XOffset("source:N"),
        y=alt.Y("value:Q", title="People returned", axis=alt.Axis(format="~s")),
        color=alt.Color("source:N", title=None, scale=alt.Scale(range=PALETTE[:2]), legend=alt.Legend(orient="bottom", direction="vertical", labelLimit=0)),
        tooltip=[alt.Tooltip("year:O", title="Year"), alt.Tooltip("source:N", title="Counted by"),
                 alt.Tooltip("value:Q", title="Returned", format=","), alt.Tooltip("publisher:N", title="Publisher")],
    ).properties(width=WIDTH)
    return figure(
        chart,
        name="migration-mexico-returns", data=returns,
        title=f"Northern Triangle countries counted {thousands(receiving.min())} to {thousands(receiving.max())} returns a year from Mexico",
        subtitle="People returned by Mexico to Central America, calendar years 2014–2022; two counting sources, years with no bar not found",
        source="IOM and GT/HN/SV foreign ministries via La Jornada, NetNoticias; INM via El Economista (RIOaxaca)",
        description=("Grouped bars by calendar year. Receiving-country count of returns from Mexico: "
                     + "; ".join(f"{y}, {thousands(v)}" for y, v in receiving.items())
                     + ". INM's count of Central Americans returned: "
                     + "; ".join(f"{y}, {thousands(v)}" for y, v in inm.items())
                     + ". Years without a bar had no figure the project could find."),
    )
