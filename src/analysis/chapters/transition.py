"""Analysis for the Biden-transition chapter: presidential periods, month assignment, the transition
weeks, the U.S. 2020 results and the comparison of indicators between the two periods.

Periods (inclusive, by day):
- ``Trump–AMLO``: 2018-12-01 (López Obrador takes office) to 2021-01-19 (Trump's last full day);
- ``Biden–AMLO``: 2021-01-20 (Biden's inauguration) to 2024-09-30 (López Obrador's last day).

Monthly tables carry a ``date`` on the 1st of the month and describe the whole month. A month is
assigned to a period when every one of its days falls in that period. A month that straddles a
boundary (the only one here is January 2021: 19 days Trump–AMLO, 12 days Biden–AMLO) is a
*partial* month; the rule is explicit:
- ``partial="exclude"`` (default): the month belongs to no period and is left out of both averages;
- ``partial="majority"``: the month goes to the period holding more than half of its days.
Months outside both periods belong to none. Everything is calendar months: U.S. fiscal years
(Oct–Sep) play no part in the assignment, so no fiscal and calendar years are mixed.
"""

from __future__ import annotations

import pandas as pd

from analysis.book.report import html_table
from analysis.data.events import Label, event_date

TRUMP_AMLO = "Trump–AMLO"
BIDEN_AMLO = "Biden–AMLO"
PERIODS = pd.DataFrame(
    [
        {"period": TRUMP_AMLO, "start": pd.Timestamp("2018-12-01"), "end": pd.Timestamp("2021-01-19"),
         "us_president": "Donald Trump", "mx_president": "Andrés Manuel López Obrador"},
        {"period": BIDEN_AMLO, "start": pd.Timestamp("2021-01-20"), "end": pd.Timestamp("2024-09-30"),
         "us_president": "Joe Biden", "mx_president": "Andrés Manuel López Obrador"},
    ]
)
PARTIAL_RULES = ("exclude", "majority")

# The transition weeks: from the U.S. election to the end of Biden's first month in office.
TRANSITION_START = pd.Timestamp("2020-11-01")
TRANSITION_END = pd.Timestamp("2021-01-31")
# The timeline chart and table cover the López Obrador era from the 2018 campaign year on; earlier
# events in the resource (e.g. NAFTA's entry into force) only serve other chapters' charts.
TIMELINE_START = pd.Timestamp("2018-01-01")

# Labels of events (``events`` resource) the chapter and its claims refer to.
CONGRATULATIONS = (Label.AMLO_CONGRATULATES_BIDEN_LETTER, Label.AMLO_CONGRATULATES_BIDEN_PUBLIC)
SECURITY_LAW = (Label.SENATE_PASSES_FOREIGN_AGENTS_LAW, Label.FOREIGN_AGENTS_LAW_PUBLISHED)

# Who acted, for the events of the transition weeks (project classification by event label).
UNITED_STATES, MEXICO, BOTH, UNCLASSIFIED = "United States", "Mexico", "Both governments", "Not classified"
SIDES = {
    Label.US_ELECTION_DAY: UNITED_STATES,
    Label.AMLO_WITHHOLDS_CONGRATULATIONS: MEXICO,
    Label.US_TO_DROP_CIENFUEGOS_CASE: UNITED_STATES,
    Label.CIENFUEGOS_CHARGES_DISMISSED: UNITED_STATES,
    Label.SENATE_PASSES_FOREIGN_AGENTS_LAW: MEXICO,
    Label.ELECTORAL_COLLEGE_VOTE: UNITED_STATES,
    Label.AMLO_CONGRATULATES_BIDEN_LETTER: MEXICO,
    Label.AMLO_CONGRATULATES_BIDEN_PUBLIC: MEXICO,
    Label.FOREIGN_AGENTS_LAW_PUBLISHED: MEXICO,
    Label.ASSANGE_ASYLUM_OFFER: MEXICO,
    Label.FGR_CLEARS_CIENFUEGOS: MEXICO,
    Label.AMLO_BACKS_FGR_ACCUSES_DEA: MEXICO,
    Label.BIDEN_INAUGURATED: UNITED_STATES,
    Label.MPP_ENROLMENTS_SUSPENDED: UNITED_STATES,  # declared by the migration step (analysis.etl.migration)
    Label.FIRST_BIDEN_AMLO_CALL: BOTH,
}
OTHER_CHAPTER_LABELS = {Label.MPP_ENROLMENTS_SUSPENDED}


# --- periods and months --------------------------------------------------------------------------

def period_of_day(dates: pd.Series) -> pd.Series:
    """The period each calendar day falls in (``<NA>`` outside both)."""
    days = pd.to_datetime(dates)
    result = pd.Series(pd.NA, index=days.index, dtype="string")
    for row in PERIODS.itertuples():
        result[(days >= row.start) & (days <= row.end)] = row.period
    return result


def _check_month_starts(dates: pd.Series, column: str) -> pd.Series:
    days = pd.to_datetime(dates)
    if days.isna().any():
        raise ValueError(f"column {column!r}: missing date at row {int(days.index[days.isna()][0])}")
    bad = days.dt.day != 1
    if bad.any():
        first = days.index[bad][0]
        raise ValueError(f"column {column!r}, row {first}: {days[first].date()} is not the 1st of a month (monthly tables use the 1st)")
    return days


def month_days(months: pd.Series, column: str = "date") -> pd.DataFrame:
    """For each month (given by its 1st day): days in the month and days in each period."""
    starts = _check_month_starts(months, column)
    ends = starts + pd.offsets.MonthEnd(0)
    out = pd.DataFrame({"date": starts, "days": (ends - starts).dt.days + 1}, index=starts.index)
    for row in PERIODS.itertuples():
        overlap = (ends.clip(upper=row.end) - starts.clip(lower=row.start)).dt.days + 1
        out[row.period] = overlap.clip(lower=0)
    return out


def assign_period(frame: pd.DataFrame, *, date: str = "date", partial: str = "exclude") -> pd.DataFrame:
    """Add ``period`` (``<NA>`` when the month belongs to none) and ``partial_month`` (True for a month
    that straddles a period boundary) to a monthly table, by the rules in the module docstring."""
    if partial not in PARTIAL_RULES:
        raise ValueError(f"partial={partial!r}: choose one of {PARTIAL_RULES}")
    days = month_days(frame[date], date)
    names = list(PERIODS["period"])
    covered = days[names]
    full = covered.eq(days["days"], axis=0)
    touched = covered.gt(0)
    period = pd.Series(pd.NA, index=frame.index, dtype="string")
    for name in names:
        period[full[name]] = name
    is_partial = touched.any(axis=1) & ~full.any(axis=1)
    if partial == "majority":
        for name in names:
            period[is_partial & (covered[name] * 2 > days["days"])] = name
    return frame.assign(period=period, partial_month=is_partial.astype(bool))


def period_months(partial: str = "exclude") -> pd.DataFrame:
    """Every calendar month touching either period, with its assignment: the denominator of coverage."""
    first = PERIODS["start"].min().to_period("M").to_timestamp()
    last = PERIODS["end"].max().to_period("M").to_timestamp()
    months = pd.DataFrame({"date": pd.date_range(first, last, freq="MS")})
    return assign_period(months, partial=partial)


# --- indicators by period ------------------------------------------------------------------------

INDICATORS = {
    "us_exports_to_mexico": ("U.S. goods exports to Mexico", "USD million per month (current, NSA)", "us_trade_monthly"),
    "us_imports_from_mexico": ("U.S. goods imports from Mexico", "USD million per month (current, NSA)", "us_trade_monthly"),
    "sw_encounters_all": ("Southwest border encounters, all citizenships", "encounters per month", "sw_border_encounters_monthly"),
    "sw_encounters_mexico": ("Southwest border encounters, Mexican citizens", "encounters per month", "sw_border_encounters_monthly"),
    "homicide_victims": ("Victims of homicidio doloso, Mexico (SESNSP)", "victims per month", "homicide_victims_state_monthly"),
    "homicide_deaths": ("Homicide deaths, Mexico (INEGI, month of occurrence)", "deaths per month", "homicides_state_monthly"),
    "remittances": ("Remittances received by Mexico", "USD million per month", "remittances_monthly"),
}


def _series(frame: pd.DataFrame, indicator: str, value: str) -> pd.DataFrame:
    grouped = frame.groupby("date", as_index=False)[value].sum(min_count=1)
    return pd.DataFrame({"indicator": indicator, "date": pd.to_datetime(grouped["date"]), "value": grouped[value].astype("float64")})


def indicator_series(*, trade: pd.DataFrame | None = None, encounters: pd.DataFrame | None = None,
                     homicides: pd.DataFrame | None = None, homicide_deaths: pd.DataFrame | None = None,
                     remittances: pd.DataFrame | None = None) -> pd.DataFrame:
    """Monthly national series in long form (indicator, date, value) from the other chapters' resources.

    Each input is the resource as loaded (contract columns); a ``None`` input is left out.
    ``homicides`` is SESNSP victims by state and month (``homicide_victims_state_monthly``);
    ``homicide_deaths`` is INEGI deaths by state and month of occurrence (``homicides_state_monthly``)."""
    parts = []
    if trade is not None:
        mexico = trade[trade["partner"] == "Mexico"]
        if mexico.empty:
            raise ValueError("us_trade_monthly: no rows with partner == 'Mexico'")
        parts += [_series(mexico, "us_exports_to_mexico", "exports_usd_mn"), _series(mexico, "us_imports_from_mexico", "imports_usd_mn")]
    if encounters is not None:
        parts.append(_series(encounters, "sw_encounters_all", "encounters"))
        parts.append(_series(encounters[encounters["citizenship"] == "Mexico"], "sw_encounters_mexico", "encounters"))
    if homicides is not None:
        crime = homicides["crime"].str.lower()
        parts.append(_series(homicides[crime == "homicidio doloso"], "homicide_victims", "victims"))
    if homicide_deaths is not None:
        parts.append(_series(homicide_deaths, "homicide_deaths", "homicides"))
    if remittances is not None:
        parts.append(_series(remittances, "remittances", "remittances_usd_mn"))
    if not parts:
        return pd.DataFrame({"indicator": pd.Series(dtype="string"), "date": pd.Series(dtype="datetime64[ns]"), "value": pd.Series(dtype="float64")})
    return pd.concat(parts, ignore_index=True).dropna(subset=["value"]).reset_index(drop=True)


def compare_periods(series: pd.DataFrame, *, partial: str = "exclude") -> pd.DataFrame:
    """Monthly average of each indicator in each period, on the months the data cover.

    ``months_in_period`` counts the calendar months the rule assigns to the period;
    ``months_with_data`` those the series covers; averages use only months with data, and
    ``complete`` says whether the series covers the whole period."""
    if series.duplicated(["indicator", "date"]).any():
        row = series.index[series.duplicated(["indicator", "date"])][0]
        raise ValueError(f"indicator series: duplicate indicator and month at row {row}")
    calendar = period_months(partial).dropna(subset=["period"])
    in_period = calendar.groupby("period").size()
    assigned = assign_period(series, partial=partial).dropna(subset=["period"])
    rows = []
    for (indicator, period), group in assigned.groupby(["indicator", "period"], sort=False):
        label, unit, resource = INDICATORS[indicator]
        rows.append({
            "indicator": indicator, "label": label, "unit": unit, "resource": resource, "period": period,
            "months_in_period": int(in_period[period]), "months_with_data": int(len(group)),
            "first_month": group["date"].min(), "last_month": group["date"].max(),
            "monthly_mean": float(group["value"].mean()),
        })
    out = pd.DataFrame(rows)
    if out.empty:
        return out
    out["complete"] = out["months_with_data"] == out["months_in_period"]
    order = {name: n for n, name in enumerate(INDICATORS)}
    periods = {name: n for n, name in enumerate(PERIODS["period"])}
    return out.sort_values(["indicator", "period"], key=lambda s: s.map(order) if s.name == "indicator" else s.map(periods)).reset_index(drop=True)


def change_table(comparison: pd.DataFrame) -> pd.DataFrame:
    """One row per indicator: the two monthly means and the change from Trump–AMLO to Biden–AMLO."""
    wide = comparison.pivot(index="indicator", columns="period", values="monthly_mean")
    meta = comparison.drop_duplicates("indicator").set_index("indicator")[["label", "unit"]]
    coverage = comparison.pivot(index="indicator", columns="period", values="months_with_data")
    last = comparison[comparison["period"] == BIDEN_AMLO].set_index("indicator")["last_month"]
    out = meta.join(wide[[TRUMP_AMLO, BIDEN_AMLO]])
    out["change_pct"] = 100 * (out[BIDEN_AMLO] / out[TRUMP_AMLO] - 1)
    out["months_trump_amlo"] = coverage[TRUMP_AMLO].astype("Int64")
    out["months_biden_amlo"] = coverage[BIDEN_AMLO].astype("Int64")
    out["last_month_biden_amlo"] = last
    return out.loc[[i for i in INDICATORS if i in out.index]].reset_index()


# --- events --------------------------------------------------------------------------------------



def days_between(events: pd.DataFrame, first: str, second: str) -> int:
    """Calendar days from the event labelled ``first`` to the event labelled ``second``."""
    return int((event_date(events, second) - event_date(events, first)).days)


def first_congratulation(events: pd.DataFrame) -> pd.Timestamp:
    """Date of López Obrador's first congratulation of Biden (letter or public statement)."""
    return min(event_date(events, label) for label in CONGRATULATIONS)


def transition_events(events: pd.DataFrame, start: pd.Timestamp = TRANSITION_START, end: pd.Timestamp = TRANSITION_END) -> pd.DataFrame:
    """Events of the transition weeks with the side that acted, days since the U.S. election and the period."""
    window = events[(events["date"] >= start) & (events["date"] <= end)].copy()
    election = event_date(events, Label.US_ELECTION_DAY)
    window["side"] = window["label"].map(SIDES).fillna(UNCLASSIFIED)
    window["days_after_election"] = (window["date"] - election).dt.days
    window["period"] = period_of_day(window["date"]).fillna("before AMLO")
    return window.sort_values(["date", "side", "label"]).reset_index(drop=True)


def timeline_frame(events: pd.DataFrame) -> pd.DataFrame:
    """Events from ``TIMELINE_START`` on for the interactive timeline: date as ISO text, period, and the
    fields shown on hover."""
    frame = events[events["date"] >= TIMELINE_START].copy()
    frame["period"] = period_of_day(frame["date"]).fillna("before AMLO took office")
    frame["date_text"] = frame["date"].dt.strftime("%Y-%m-%d").where(frame["date_precision"] == "day", frame["date"].dt.strftime("%Y-%m"))
    return frame[["date", "date_text", "date_precision", "category", "label", "event", "publisher", "source_url", "period"]]


def events_table_html(events: pd.DataFrame) -> str:
    """Table of events with a link to each source (for the page, beside the timeline chart)."""
    frame = timeline_frame(events)[["date_text", "category", "event", "publisher", "source_url"]].rename(columns={"date_text": "date"})
    return html_table(frame, {"source": ("publisher", "source_url")})


# --- U.S. 2020 results ---------------------------------------------------------------------------

def us_national_totals(results: pd.DataFrame) -> dict:
    """National popular-vote totals and shares from the state table (50 states and D.C.)."""
    total = int(results["total_votes"].sum())
    biden = int(results["biden_votes"].sum())
    trump = int(results["trump_votes"].sum())
    return {
        "biden_votes": biden, "trump_votes": trump, "other_votes": int(results["other_votes"].sum()), "total_votes": total,
        "biden_share": 100 * biden / total, "trump_share": 100 * trump / total, "margin_votes": biden - trump,
        "states_biden": int((results["winner"] == "Biden").sum()), "states_trump": int((results["winner"] == "Trump").sum()),
        "states_within_1pt": int((results["margin_pts"].abs() < 1).sum()),
    }


def closest_states(results: pd.DataFrame, n: int = 10) -> pd.DataFrame:
    """The ``n`` states with the smallest absolute margin, closest first."""
    order = results["margin_pts"].abs().sort_values(kind="stable").index
    return results.loc[order[:n], ["state", "state_po", "biden_share", "trump_share", "margin_pts", "winner"]].reset_index(drop=True)


# --- charts (aggregated inputs only) -------------------------------------------------------------

def periods_frame() -> pd.DataFrame:
    """The two periods as bands for ``charts.shade_periods``."""
    return PERIODS.rename(columns={"period": "label"})[["start", "end", "label"]]


def timeline_chart(frame: pd.DataFrame):
    """Events by category over time; hover shows the event, publisher and URL; a click opens the source."""
    import altair as alt

    from analysis.book.charts import PALETTE, shade_periods

    bands = shade_periods(periods_frame())
    points = alt.Chart(frame).mark_point(filled=True, size=90, opacity=0.9).encode(
        x=alt.X("date:T", title=None, axis=alt.Axis(format="%Y", tickCount={"interval": "year", "step": 1})),
        y=alt.Y("category:N", title=None, sort=["elections", "diplomacy", "security", "migration", "trade"]),
        color=alt.Color("category:N", legend=None, scale=alt.Scale(range=PALETTE)),
        href="source_url:N",
        tooltip=[alt.Tooltip("date_text:N", title="Date"), alt.Tooltip("label:N", title="Event"),
                 alt.Tooltip("event:N", title="What happened"), alt.Tooltip("publisher:N", title="Source"),
                 alt.Tooltip("source_url:N", title="URL")],
    )
    return alt.layer(bands, points).resolve_scale(color="independent").properties(height=220)


def transition_chart(window: pd.DataFrame, marks: pd.DataFrame):
    """One row per event of the transition weeks, coloured by the side that acted; rules at ``marks``."""
    import altair as alt

    from analysis.book.charts import PALETTE

    order = window.sort_values("date")["label"].tolist()
    palette = {UNITED_STATES: (PALETTE[0], "circle"), MEXICO: (PALETTE[3], "square"), BOTH: (PALETTE[2], "diamond"), UNCLASSIFIED: ("#999999", "triangle")}
    sides = [side for side in palette if side in set(window["side"])]
    base = alt.Chart(window).encode(
        x=alt.X("date:T", title=None, axis=alt.Axis(format="%d %b %Y", labelAngle=0, tickCount=6)),
        y=alt.Y("label:N", title=None, sort=order, axis=alt.Axis(labelLimit=260)),
    )
    points = base.mark_point(filled=True, size=110).encode(
        color=alt.Color("side:N", title="Who acted", scale=alt.Scale(domain=sides, range=[palette[s][0] for s in sides])),
        shape=alt.Shape("side:N", title="Who acted", scale=alt.Scale(domain=sides, range=[palette[s][1] for s in sides])),
        tooltip=[alt.Tooltip("date:T", title="Date", format="%d %B %Y"), alt.Tooltip("event:N", title="What happened"),
                 alt.Tooltip("side:N", title="Who acted"), alt.Tooltip("days_after_election:Q", title="Days after U.S. election"),
                 alt.Tooltip("publisher:N", title="Source"), alt.Tooltip("source_url:N", title="URL")],
        href="source_url:N",
    )
    rules = alt.Chart(marks).mark_rule(strokeDash=[4, 3], color="#555").encode(x="date:T")
    rule_text = alt.Chart(marks).mark_text(align="left", dx=3, dy=-6, fontSize=10, color="#333").encode(x="date:T", y=alt.value(0), text="label:N")
    return alt.layer(rules, rule_text, points).properties(height=max(200, 22 * len(window)))


def results_chart(results: pd.DataFrame):
    """Biden's margin over Trump by state, sorted."""
    import altair as alt

    from analysis.book.charts import PALETTE

    frame = results[["state", "state_po", "biden_share", "trump_share", "margin_pts", "winner"]]
    return alt.Chart(frame).mark_bar().encode(
        x=alt.X("margin_pts:Q", title="Biden share minus Trump share (percentage points)"),
        y=alt.Y("state:N", title=None, sort=alt.EncodingSortField("margin_pts", order="descending"), axis=alt.Axis(labelFontSize=9)),
        color=alt.Color("winner:N", title="Statewide winner", scale=alt.Scale(domain=["Biden", "Trump"], range=[PALETTE[0], PALETTE[3]])),
        tooltip=[alt.Tooltip("state:N", title="State"), alt.Tooltip("biden_share:Q", title="Biden %", format=".1f"),
                 alt.Tooltip("trump_share:Q", title="Trump %", format=".1f"), alt.Tooltip("margin_pts:Q", title="Margin (pts)", format="+.1f")],
    ).properties(height=11 * len(frame))


def indicators_chart(series: pd.DataFrame, marks: pd.DataFrame, *, start: str = "2018-01-01", end: str = "2024-09-30"):
    """One panel per indicator (own y scale): monthly values, the two periods shaded, policy dates as rules."""
    import altair as alt

    from analysis.book.charts import PALETTE, WIDTH, shade_periods

    panels = []
    window = series[(series["date"] >= pd.Timestamp(start)) & (series["date"] <= pd.Timestamp(end))]
    for indicator in [i for i in INDICATORS if i in set(window["indicator"])]:
        label, unit, _ = INDICATORS[indicator]
        data = window[window["indicator"] == indicator]
        line = alt.Chart(data).mark_line(color=PALETTE[0], strokeWidth=1.6).encode(
            x=alt.X("date:T", title=None, scale=alt.Scale(domain=[start, end])),
            y=alt.Y("value:Q", title=None, axis=alt.Axis(format="~s")),
            tooltip=[alt.Tooltip("date:T", title="Month", format="%B %Y"), alt.Tooltip("value:Q", title=unit, format=",.0f")],
        )
        rules = alt.Chart(marks).mark_rule(strokeDash=[4, 3], color="#555").encode(
            x="date:T", tooltip=[alt.Tooltip("date:T", title="Date", format="%d %B %Y"), alt.Tooltip("label:N", title="Event")])
        layers = [shade_periods(periods_frame()), rules, line]
        if not panels:  # name the policy dates once, on the top panel
            staggered = marks.sort_values("date").assign(ypix=[2 + 11 * (n % 3) for n in range(len(marks))])
            layers.append(alt.Chart(staggered).mark_text(align="left", dx=3, baseline="top", fontSize=9, color="#333").encode(
                x="date:T", y=alt.Y("ypix:Q", scale=None, axis=None), text="label:N"))
        panel = alt.layer(*layers).properties(
            width=WIDTH, height=110, title=alt.TitleParams(f"{label} ({unit})", fontSize=12, fontWeight="normal", anchor="start"))
        panels.append(panel)
    return alt.vconcat(*panels, spacing=14)


def window_table_html(window: pd.DataFrame) -> str:
    """Table of the transition weeks: date, days after the election, who acted, what happened, source link."""
    frame = pd.DataFrame({"date": window["date"].dt.strftime("%Y-%m-%d"), "days after U.S. election": window["days_after_election"],
                          "who acted": window["side"], "what happened": window["event"],
                          "publisher": window["publisher"], "source_url": window["source_url"]})
    return html_table(frame, {"source": ("publisher", "source_url")})


def share_by_period(frame: pd.DataFrame, part: str, whole: str, *, partial: str = "exclude") -> pd.Series:
    """Percentage ``part`` makes of ``whole``, summed over each period's months (e.g. Title 42 share of encounters)."""
    monthly = frame.groupby("date", as_index=False)[[part, whole]].sum()
    assigned = assign_period(monthly, partial=partial).dropna(subset=["period"])
    sums = assigned.groupby("period")[[part, whole]].sum()
    return (100 * sums[part] / sums[whole]).astype("float64")
