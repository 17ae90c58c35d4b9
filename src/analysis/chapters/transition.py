"""Analysis for the Biden-transition chapter: presidential periods, month assignment, the transition
weeks, the U.S. 2020 results and the comparison of indicators between the two periods; and the
chapter's figure builders (one per chart, each returning the finished Figure).

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

import altair as alt
import pandas as pd

from analysis.book.charts import PALETTE, WIDTH, Figure, figure, shade_periods
from analysis.book.report import html_table
from analysis.data.events import Label, event_date
from analysis.data.periods import long_date

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


# --- figures (one builder per chart; the chapter only calls them) --------------------------------

def periods_frame() -> pd.DataFrame:
    """The two periods as bands for ``charts.shade_periods``."""
    return PERIODS.rename(columns={"period": "label"})[["start", "end", "label"]]


def trade_trough(series: pd.DataFrame) -> pd.Timestamp:
    """The month with the lowest U.S. imports from Mexico within the Trump–AMLO period's full months
    (``series`` from :func:`indicator_series`)."""
    calendar = period_months()
    months = calendar.loc[calendar["period"] == TRUMP_AMLO, "date"]
    imports = series[(series["indicator"] == "us_imports_from_mexico") & series["date"].between(months.min(), months.max())]
    return imports.loc[imports["value"].idxmin(), "date"]


def timeline_figure(events: pd.DataFrame) -> Figure:
    """Events by category over time, the two periods shaded; hover shows the event, publisher and URL;
    a click opens the source."""
    window = transition_events(events)
    timeline = timeline_frame(events)
    bands = shade_periods(periods_frame())
    points = alt.Chart(timeline).mark_point(filled=True, size=90, opacity=0.9).encode(
        x=alt.X("date:T", title=None, axis=alt.Axis(format="%Y", tickCount={"interval": "year", "step": 1})),
        y=alt.Y("category:N", title=None, sort=["elections", "diplomacy", "security", "migration", "trade"]),
        color=alt.Color("category:N", legend=None, scale=alt.Scale(range=PALETTE)),
        href="source_url:N",
        tooltip=[alt.Tooltip("date_text:N", title="Date"), alt.Tooltip("label:N", title="Event"),
                 alt.Tooltip("event:N", title="What happened"), alt.Tooltip("publisher:N", title="Source"),
                 alt.Tooltip("source_url:N", title="URL")],
    )
    return figure(
        alt.layer(bands, points).resolve_scale(color="independent").properties(height=220),
        name="transition-timeline",
        title=f"{len(window)} of the {len(timeline)} dated events fall in the {(TRANSITION_END - TRANSITION_START).days + 1} days around the U.S. transition ({TRANSITION_START:%B %Y} – {TRANSITION_END:%B %Y})",
        subtitle="Dated events of the bilateral relationship by topic; shading: Trump–AMLO and Biden–AMLO periods. Hover for the source; click to open it.",
        source="Project timeline of dated events (events resource), each event with its publisher and URL",
        description=(
            "Dot chart of the bilateral events in the book's timeline, one row per topic (elections, diplomacy, security, "
            "migration, trade) from 2018 to 2024, over two shaded bands for the Trump–López Obrador and Biden–López Obrador "
            "periods. Each dot's tooltip gives the date, the event, and the publisher and URL of its source; the full list is in the table below."
        ),
        data=timeline.assign(date=timeline["date"].dt.strftime("%Y-%m-%d")),
    )


def transition_weeks_figure(events: pd.DataFrame) -> Figure:
    """One row per event of the transition weeks, coloured by the side that acted; dashed lines at the
    Electoral College vote and Biden's inauguration."""
    window = transition_events(events)
    marks = events[events["label"].isin([Label.ELECTORAL_COLLEGE_VOTE, Label.BIDEN_INAUGURATED])][["date", "label"]]
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
    # Not charts.event_rules: these two labels sit on one line above the plot and the rules have no
    # tooltip; event_rules would stagger the labels inside the plot and add tooltips.
    rules = alt.Chart(marks).mark_rule(strokeDash=[4, 3], color="#555").encode(x="date:T")
    rule_text = alt.Chart(marks).mark_text(align="left", dx=3, dy=-6, fontSize=10, color="#333").encode(x="date:T", y=alt.value(0), text="label:N")
    return figure(
        alt.layer(rules, rule_text, points).properties(height=max(200, 22 * len(window))),
        name="transition-weeks",
        title=f"Mexico's government acted {(window['side'] == MEXICO).sum()} times between the U.S. election and the first Biden call",
        subtitle=f"Dated events, {long_date(TRANSITION_START)} – {long_date(TRANSITION_END)}; dashed lines: Electoral College vote and Biden's inauguration",
        source="Project timeline of dated events (events resource); who acted: project classification",
        description=(
            "One row per event of the transition weeks in date order, with a dot at its date coloured by the government that "
            "acted: U.S. events (election, dismissal of the Cienfuegos charges, Electoral College vote, inauguration) and "
            "Mexican events (withheld congratulations, the foreign-agents law, congratulations, the Assange offer, the Cienfuegos "
            "decision), ending with the first joint call. Dashed vertical lines mark the Electoral College vote and the inauguration."
        ),
        data=window[["date", "label", "side", "days_after_election", "event", "publisher", "source_url"]].assign(date=window["date"].dt.strftime("%Y-%m-%d")),
    )


def us_results_figure(results: pd.DataFrame) -> Figure:
    """Biden's margin over Trump by state, sorted, coloured by the statewide winner."""
    totals = us_national_totals(results)
    closest = closest_states(results, 10)
    frame = results[["state", "state_po", "biden_share", "trump_share", "margin_pts", "winner"]]
    chart = alt.Chart(frame).mark_bar().encode(
        x=alt.X("margin_pts:Q", title="Biden share minus Trump share (percentage points)"),
        y=alt.Y("state:N", title=None, sort=alt.EncodingSortField("margin_pts", order="descending"), axis=alt.Axis(labelFontSize=9)),
        color=alt.Color("winner:N", title="Statewide winner", scale=alt.Scale(domain=["Biden", "Trump"], range=[PALETTE[0], PALETTE[3]])),
        tooltip=[alt.Tooltip("state:N", title="State"), alt.Tooltip("biden_share:Q", title="Biden %", format=".1f"),
                 alt.Tooltip("trump_share:Q", title="Trump %", format=".1f"), alt.Tooltip("margin_pts:Q", title="Margin (pts)", format="+.1f")],
    ).properties(height=11 * len(frame))
    return figure(
        chart,
        name="transition-us-results",
        title=f"Biden won {totals['states_biden']} of 51 contests; {totals['states_within_1pt']} states were decided by under one point",
        subtitle="Popular vote, 3 November 2020: Biden share minus Trump share of all votes cast, percentage points, by state (incl. D.C.)",
        source="MIT Election Data and Science Lab, U.S. President 1976–2020 (us_president_2020_state)",
        description=(
            "Horizontal bar chart of the 50 states and the District of Columbia sorted by Biden's margin over Trump, from the "
            f"{results.loc[results['margin_pts'].idxmax(), 'state']} (largest Biden margin) to "
            f"{results.loc[results['margin_pts'].idxmin(), 'state']} (largest Trump margin), coloured by the statewide winner. "
            f"{', '.join(closest.loc[closest['margin_pts'].abs() < 1, 'state'])} have bars of less than one point."
        ),
        data=frame,
    )


def indicators_figure(series: pd.DataFrame, events: pd.DataFrame, *, start: str = "2018-01-01", end: str = "2024-09-30") -> Figure:
    """One panel per indicator (own y scale): monthly values, the two periods shaded, policy dates as rules
    (``series`` from :func:`indicator_series`)."""
    policy = events[events["label"].isin([Label.TITLE_42_BEGINS, Label.USMCA_IN_FORCE, Label.BIDEN_INAUGURATED, Label.USMCA_ENERGY_CONSULTATIONS, Label.TITLE_42_ENDS])][["date", "label"]]
    changes = change_table(compare_periods(series)).set_index("indicator")
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
        # Not charts.event_rules: rules in every panel (tooltip dates in full), labels only on the top
        # panel, in smaller type hung from its top edge.
        rules = alt.Chart(policy).mark_rule(strokeDash=[4, 3], color="#555").encode(
            x="date:T", tooltip=[alt.Tooltip("date:T", title="Date", format="%d %B %Y"), alt.Tooltip("label:N", title="Event")])
        layers = [shade_periods(periods_frame()), rules, line]
        if not panels:  # name the policy dates once, on the top panel
            staggered = policy.sort_values("date").assign(ypix=[2 + 11 * (n % 3) for n in range(len(policy))])
            layers.append(alt.Chart(staggered).mark_text(align="left", dx=3, baseline="top", fontSize=9, color="#333").encode(
                x="date:T", y=alt.Y("ypix:Q", scale=None, axis=None), text="label:N"))
        panel = alt.layer(*layers).properties(
            width=WIDTH, height=110, title=alt.TitleParams(f"{label} ({unit})", fontSize=12, fontWeight="normal", anchor="start"))
        panels.append(panel)
    return figure(
        alt.vconcat(*panels, spacing=14),
        name="transition-indicators",
        title=(f"Trade and remittances kept growing after the change of U.S. president; border encounters rose "
               f"{changes.loc['sw_encounters_all', 'change_pct']:+.0f}%"),
        subtitle="Monthly values from January 2018 to the end of the Biden–AMLO period (as far as each series goes); shading: Trump–AMLO and Biden–AMLO periods; dashed lines: policy dates",
        source=["U.S. Census Bureau, trade in goods with Mexico (us_trade_monthly)", "U.S. Customs and Border Protection, Southwest Land Border Encounters (sw_border_encounters_monthly)",
                "INEGI mortality data compiled by Gargiulo, Aburto & Floridi (homicides_state_monthly)", "Banco de México, remittances (remittances_monthly)"],
        description=(
            "Stacked line charts, one per indicator (U.S. goods exports to Mexico, U.S. goods imports from Mexico, southwest border "
            "encounters of all citizenships and of Mexican citizens, homicide deaths in Mexico, remittances received by Mexico), monthly from January 2018 as "
            "far as each series goes, over shaded bands for the two presidential periods, with dashed lines at "
            f"{', '.join(policy.sort_values('date')['label'])}. Trade dips sharply in "
            f"{trade_trough(series):%B %Y} and then rises above its earlier level; encounters are far higher "
            "after early 2021 than before; homicide deaths stay in a narrow band; remittances rise through both periods."
        ),
        data=series.assign(date=series["date"].dt.strftime("%Y-%m-%d")),
    )


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
