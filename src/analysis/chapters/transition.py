"""Analysis for the Biden-transition chapter: presidential periods, month assignment, the transition
weeks, the U.S. 2020 results, the disputes Starr and Ling anticipated (energy, democracy, the
autonomous regulators), the other chapters' trade, migration and security measures over the two
periods; and the chapter's figure builders (one per chart, each returning the finished Figure).

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

import re

import altair as alt
import pandas as pd

from analysis.book.charts import PALETTE, WIDTH, Figure, TimeAxis, event_rules, figure, shade_periods, time_coverage, wrap_source
from analysis.book.report import html_table
from analysis.chapters import security, trade
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
# The end of the next U.S. presidential term: terms end at noon on 20 January (U.S. Constitution,
# Twentieth Amendment, https://constitution.congress.gov/constitution/amendment-20/). Time charts that
# reach it mark it, with Biden's inauguration and the end of López Obrador's term.
NEXT_US_INAUGURATION = pd.Timestamp("2025-01-20")

# Labels of events (``events`` resource) the chapter and its claims refer to.
CONGRATULATIONS = (Label.AMLO_CONGRATULATES_BIDEN_LETTER, Label.AMLO_CONGRATULATES_BIDEN_PUBLIC)
SECURITY_LAW = (Label.SENATE_PASSES_FOREIGN_AGENTS_LAW, Label.FOREIGN_AGENTS_LAW_PUBLISHED)


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
    "us_exports_to_mexico": ("U.S. goods exports to Mexico", "USD million per month, current dollars, not seasonally adjusted", "us_trade_monthly"),
    "us_imports_from_mexico": ("U.S. goods imports from Mexico", "USD million per month, current dollars, not seasonally adjusted", "us_trade_monthly"),
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


ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth")


def year_of_term(date: pd.Timestamp) -> str:
    """Which year of López Obrador's term a date falls in ('first' for 1 December 2018 – 30 November
    2019, 'second' for the next twelve months, …); an error outside the term."""
    start, end = PERIODS["start"].min(), PERIODS["end"].max()
    date = pd.Timestamp(date)
    if not start <= date <= end:
        raise ValueError(f"{date.date()} is outside López Obrador's term ({start.date()} – {end.date()})")
    years = (date.year - start.year) - ((date.month, date.day) < (start.month, start.day))
    return ORDINALS[years]


ELECTORAL_VOTES = re.compile(r"cast (?P<biden>\d+) electoral votes for Biden and (?P<trump>\d+) for Trump")


def electoral_votes(events: pd.DataFrame) -> dict[str, int]:
    """Electoral votes for Biden and Trump as the events resource records them (the event of the
    electors' vote, with its publisher's URL); a clear error if the event no longer states them."""
    row = events.loc[events["label"] == Label.ELECTORAL_COLLEGE_VOTE]
    if len(row) != 1:
        raise KeyError(f"events: expected one event labelled {Label.ELECTORAL_COLLEGE_VOTE!r}, found {len(row)}")
    found = ELECTORAL_VOTES.search(row["event"].iloc[0])
    if found is None:
        raise ValueError(f"events, {Label.ELECTORAL_COLLEGE_VOTE!r}: the event text does not state the electoral votes "
                         f"as 'cast N electoral votes for Biden and M for Trump': {row['event'].iloc[0]!r}")
    return {"biden": int(found["biden"]), "trump": int(found["trump"])}


def transition_events(events: pd.DataFrame, start: pd.Timestamp = TRANSITION_START, end: pd.Timestamp = TRANSITION_END) -> pd.DataFrame:
    """Events of the transition weeks with days since the U.S. election and the period."""
    window = events[(events["date"] >= start) & (events["date"] <= end)].copy()
    election = event_date(events, Label.US_ELECTION_DAY)
    window["days_after_election"] = (window["date"] - election).dt.days
    window["period"] = period_of_day(window["date"]).fillna("before AMLO")
    return window.sort_values(["date", "label"]).reset_index(drop=True)


def window_table_html(window: pd.DataFrame) -> str:
    """Table of the transition weeks: date, days after the election, what happened, source link."""
    frame = pd.DataFrame({"date": window["date"].dt.strftime("%Y-%m-%d"), "days after U.S. election": window["days_after_election"],
                          "what happened": window["event"], "publisher": window["publisher"], "source_url": window["source_url"]})
    return html_table(frame, {"source": ("publisher", "source_url")})


# The disputes Starr and Ling expected (energy, democracy, the autonomous regulators): the issue of
# each dated step and who took it. Countries are those of the institutions, not "the government":
# the Chamber of Deputies, a ministry and the president are named as such in ``actor``.
ENERGY, REGULATORS, DEMOCRACY = "Energy", "Autonomous regulators", "Elections and the courts"
ISSUES = [ENERGY, REGULATORS, DEMOCRACY]
MEXICAN, AMERICAN = "Mexican institution", "U.S. government"
DISPUTES = {
    Label.REGULATORS_UNDER_REVIEW: (REGULATORS, "President López Obrador", MEXICAN),
    Label.PLAN_TO_ABSORB_REGULATORS: (REGULATORS, "President López Obrador", MEXICAN),
    Label.IFT_COFECE_KEPT_FOR_USMCA: (REGULATORS, "Secretaría de Economía", MEXICAN),
    Label.ELECTRICITY_LAW_REFORM: (ENERGY, "Congress, on the president's initiative", MEXICAN),
    Label.NO_TIME_TO_ABOLISH_REGULATORS: (REGULATORS, "President López Obrador", MEXICAN),
    Label.ELECTRICITY_REFORM_REJECTED: (ENERGY, "Chamber of Deputies", MEXICAN),
    Label.USMCA_ENERGY_CONSULTATIONS: (ENERGY, "Office of the U.S. Trade Representative", AMERICAN),
    Label.STATE_DEPT_ON_ELECTORAL_REFORM: (DEMOCRACY, "U.S. Department of State", AMERICAN),
    Label.FEBRUARY_2024_REFORM_PACKAGE: (DEMOCRACY, "President López Obrador", MEXICAN),
    Label.REGULATORS_ABOLISHED: (REGULATORS, "Congress and state legislatures, under President Sheinbaum", MEXICAN),
}


def dispute_events(events: pd.DataFrame) -> pd.DataFrame:
    """The dated steps of the three disputes (every label of ``DISPUTES`` exactly once), in date order,
    numbered for the chart, with issue, actor, country and period."""
    found = events[events["label"].isin(list(DISPUTES))]
    counts = found["label"].value_counts()
    wrong = sorted(set(DISPUTES) - set(counts[counts == 1].index))
    if wrong:
        raise KeyError(f"events: dispute labels missing or repeated in the events resource: {wrong}")
    frame = found.sort_values(["date", "label"]).reset_index(drop=True)
    frame.insert(0, "number", range(1, len(frame) + 1))
    frame["issue"] = frame["label"].map(lambda label: DISPUTES[label][0])
    frame["actor"] = frame["label"].map(lambda label: DISPUTES[label][1])
    frame["country"] = frame["label"].map(lambda label: DISPUTES[label][2])
    frame["period"] = period_of_day(frame["date"]).fillna("after López Obrador's term")
    return frame[["number", "date", "issue", "actor", "country", "label", "event", "publisher", "source_url", "period"]]


def dispute_table_html(disputes: pd.DataFrame) -> str:
    """The numbered steps of the disputes (the numbers of the chart), with a link to each source."""
    frame = pd.DataFrame({"no.": disputes["number"], "date": disputes["date"].dt.strftime("%Y-%m-%d"), "issue": disputes["issue"],
                          "who acted": disputes["actor"], "what happened": disputes["event"],
                          "publisher": disputes["publisher"], "source_url": disputes["source_url"]})
    return html_table(frame, {"source": ("publisher", "source_url")})


def period_events(events: pd.DataFrame, category: str, period: str = BIDEN_AMLO) -> pd.DataFrame:
    """Events of one category within one presidential period, in date order."""
    frame = events[(events["category"] == category) & (period_of_day(events["date"]) == period)]
    return frame.sort_values(["date", "label"]).reset_index(drop=True)


def events_table_html(frame: pd.DataFrame) -> str:
    """Date (at its precision), what happened and a link to the source, one row per event."""
    dates = frame["date"].dt.strftime("%Y-%m-%d").where(frame["date_precision"] == "day", frame["date"].dt.strftime("%Y-%m"))
    table = pd.DataFrame({"date": dates, "what happened": frame["event"], "publisher": frame["publisher"], "source_url": frame["source_url"]})
    return html_table(table, {"source": ("publisher", "source_url")})


def shown_claims(ledger: pd.DataFrame, claim_ids: list[str]) -> list[str]:
    """The claim ids of a section that the ledger holds, in the order given (the ledger's developer may
    merge or renumber rows; whatever a section does not show, the page's last table shows)."""
    held = set(ledger["claim_id"])
    return [claim_id for claim_id in claim_ids if claim_id in held]


# --- the other chapters' measures over the two periods ---------------------------------------------

def rolling_trade_shares(monthly: pd.DataFrame, start: str = "2018-01-01") -> pd.DataFrame:
    """Mexico's, Canada's and China's share of U.S. goods trade (exports + imports) over the 12 months
    ending each month from ``start`` on, in percent, with each partner's rank (1 = largest)."""
    rolled = trade.rolling_12m(monthly[monthly["partner"].isin([*trade.PARTNERS, "World"])], "total_trade_usd_mn")
    wide = rolled.pivot(index="date", columns="partner", values="total_trade_usd_mn_12m").dropna()
    wide = wide[wide.index >= pd.Timestamp(start)]
    shares = wide[trade.PARTNERS].div(wide["World"], axis=0) * 100
    ranks = wide[trade.PARTNERS].rank(axis=1, ascending=False, method="min").astype(int)
    out = shares.stack().rename("share_pct").to_frame().join(ranks.stack().rename("rank")).reset_index()
    out["share_pct"] = out["share_pct"].round(2)
    return out[["date", "partner", "share_pct", "rank"]].sort_values(["date", "partner"]).reset_index(drop=True)


def leading_since(shares: pd.DataFrame, partner: str = "Mexico") -> pd.Timestamp | None:
    """First month of the unbroken run, up to the last month of data, in which ``partner`` ranks first;
    ``None`` when it does not rank first in the last month."""
    ranked = shares[shares["partner"] == partner].sort_values("date").set_index("date")["rank"]
    if ranked.empty or ranked.iloc[-1] != 1:
        return None
    behind = ranked[ranked != 1]
    return pd.Timestamp(ranked.index[0] if behind.empty else ranked[ranked.index > behind.index[-1]].index[0])


def share_record(monthly: pd.DataFrame, partner: str = "Mexico") -> dict:
    """``partner``'s 12-month share of U.S. goods trade over the whole series: first and last month, the
    last share, and the month and value of the highest share."""
    shares = rolling_trade_shares(monthly, start="1900-01-01")
    own = shares[shares["partner"] == partner].set_index("date")["share_pct"]
    if own.empty:
        raise ValueError(f"no 12-month trade shares for {partner}")
    return {"first_month": own.index.min(), "last_month": own.index.max(), "last": float(own.iloc[-1]),
            "peak_month": own.idxmax(), "peak": float(own.max())}


def record_phrase(record: dict) -> str:
    """'the largest in the series, which starts in December 1986' when the last 12-month share is the
    highest of the series, else 'below its peak of 15.6% in October 2023'."""
    if record["peak_month"] == record["last_month"]:
        return f"the largest of the 12-month series, which starts in {record['first_month']:%B %Y}"
    return f"below its peak of {record['peak']:.1f}% in {record['peak_month']:%B %Y}"


def victims_path(victims: pd.DataFrame, first: int = 2019) -> dict:
    """SESNSP victims of homicidio doloso by calendar year from ``first`` on: the highest year, the lowest
    year after it and the last year, with their counts (the security chapter's national series)."""
    national = security.sesnsp_national(victims).set_index("year")["homicidio_doloso"]
    span = national[national.index >= first]
    if span.empty:
        raise ValueError(f"no SESNSP victims from {first} on")
    peak = int(span.idxmax())
    after = span[span.index > peak]
    low = int(after.idxmin()) if len(after) else peak
    last = int(span.index.max())
    return {"peak_year": peak, "peak": int(span[peak]), "low_year": low, "low": int(span[low]), "last_year": last,
            "last": int(span[last]), "low_change_pct": float(100 * (span[low] / span[peak] - 1))}


def overdose_path(overdoses: pd.DataFrame, first: int = 2019) -> dict:
    """U.S. overdose deaths (all drugs, final counts) by calendar year from ``first`` on: the first year,
    the highest year and the last year, with their counts."""
    deaths = security.overdose_wide(overdoses).set_index("year")["deaths_all_drugs"].dropna()
    span = deaths[deaths.index >= first]
    if span.empty:
        raise ValueError(f"no overdose deaths from {first} on")
    peak, last = int(span.idxmax()), int(span.index.max())
    return {"first_year": int(span.index.min()), "first": int(span.iloc[0]), "peak_year": peak, "peak": int(span[peak]),
            "last_year": last, "last": int(span[last])}


def difference_words(change_pct: float, digits: int = 0) -> str:
    """'8% lower' or '213% higher' (the change of a monthly average between the two periods)."""
    direction = "higher" if change_pct > 0 else "lower"
    return f"{abs(change_pct):.{digits}f}% {direction}" if round(change_pct, digits) else "unchanged"


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


def term_marks(events: pd.DataFrame, first: pd.Timestamp, last: pd.Timestamp) -> pd.DataFrame:
    """Changes of president a time chart from ``first`` to ``last`` crosses: Biden's inauguration, the
    end of López Obrador's term and the start of the next U.S. term (date and label, for rules)."""
    marks = pd.DataFrame({
        "date": [event_date(events, Label.BIDEN_INAUGURATED), PERIODS["end"].max(), NEXT_US_INAUGURATION],
        "label": ["Biden takes office", "López Obrador's term ends", "Trump's second term begins"],
    })
    return marks[(marks["date"] >= pd.Timestamp(first)) & (marks["date"] <= pd.Timestamp(last))].reset_index(drop=True)


def _month_year(date: pd.Timestamp) -> str:
    return f"{pd.Timestamp(date):%B %Y}"


def _lines(text: str) -> list[str]:
    """A long subtitle as lines of about the chart's width (chart titles do not wrap by themselves)."""
    return wrap_source(text, width=120)


YEARLY_TICKS = alt.Axis(format="%Y", tickCount={"interval": "year", "step": 1})


def disputes_figure(events: pd.DataFrame) -> Figure:
    """The dated steps of the energy, regulator and electoral disputes, one row per issue, numbered as in
    :func:`dispute_table_html`, coloured by the country of the institution that acted."""
    disputes = dispute_events(events)
    first = TRANSITION_START
    last = disputes["date"].max() + pd.Timedelta(days=20)
    inauguration = event_date(events, Label.BIDEN_INAUGURATED)
    mexican_regulators = disputes[(disputes["issue"] == REGULATORS) & (disputes["country"] == MEXICAN)]
    lead_days = int((inauguration - mexican_regulators["date"].min()).days)
    consultations = event_date(events, Label.USMCA_ENERGY_CONSULTATIONS)
    scale = alt.Scale(domain=[MEXICAN, AMERICAN], range=[PALETTE[3], PALETTE[0]])
    data = disputes.assign(date_text=disputes["date"].dt.strftime("%d %B %Y"))
    base = alt.Chart(data).encode(
        x=alt.X("date:T", title=None, scale=alt.Scale(domain=[first.isoformat(), last.isoformat()]),
                axis=YEARLY_TICKS),
        y=alt.Y("issue:N", title=None, sort=ISSUES, axis=alt.Axis(labelLimit=200)),
    )
    points = base.mark_point(filled=True, size=120).encode(
        color=alt.Color("country:N", title="Who acted", scale=scale),
        shape=alt.Shape("country:N", title="Who acted", scale=alt.Scale(domain=[MEXICAN, AMERICAN], range=["square", "circle"])),
        tooltip=[alt.Tooltip("number:Q", title="No."), alt.Tooltip("date_text:N", title="Date"), alt.Tooltip("actor:N", title="Who acted"),
                 alt.Tooltip("event:N", title="What happened"), alt.Tooltip("publisher:N", title="Source")],
        href="source_url:N",
    )
    # Row numbers above the odd-numbered dots and below the even-numbered ones, so that close dates stay legible.
    numbers = [base.transform_filter(f"datum.number % 2 == {odd}").mark_text(fontSize=10, color="#333", dy=dy).encode(text="number:Q")
               for odd, dy in ((1, -13), (0, 15))]
    marks = term_marks(events, first, last)
    chart = alt.layer(*event_rules(marks, stagger=2), points, *numbers).properties(width=WIDTH, height=210)
    return figure(
        chart,
        name="transition-disputes",
        title=f"López Obrador moved against the autonomous regulators {lead_days} days before Biden took office",
        subtitle=_lines(f"Dated steps of three disputes, numbered as in the table below (milestones, not a complete record); the U.S. "
                        f"request for USMCA consultations on energy came in {_month_year(consultations)}; dashed lines: changes of president"),
        source="Project timeline of dated events, each with its publisher and URL (official gazette, ministries, press and law firms)",
        description=(
            "Dot chart with one row per issue (energy; autonomous regulators; elections and the courts) from "
            f"{_month_year(first)} to {_month_year(disputes['date'].max())}. Squares mark steps taken by Mexican institutions "
            "(the president, the Economy ministry, Congress), circles steps by the U.S. government (the Trade Representative's "
            "request for USMCA consultations on energy, the State Department's statement on the electoral reform). Each dot "
            "carries the number of its row in the table below the chart."
        ),
        data=disputes.drop(columns=["period"]).assign(date=disputes["date"].dt.strftime("%Y-%m-%d")),
        time=TimeAxis("date", "events", stops_early="it shows only the steps of the three disputes; the events resource also holds other topics"),
    )


def trade_share_figure(monthly: pd.DataFrame, events: pd.DataFrame, *, start: str = "2018-01-01") -> Figure:
    """12-month shares of U.S. goods trade for Mexico, Canada and China, with the energy consultations and
    the changes of president marked."""
    shares = rolling_trade_shares(monthly, start)
    since = leading_since(shares)
    last = shares["date"].max()
    mexico = float(shares.loc[(shares["partner"] == "Mexico") & (shares["date"] == last), "share_pct"].iloc[0])
    lead = f"the largest of the three since {_month_year(since)}" if since is not None else "still below the largest partner"
    policy = events[events["label"].isin([Label.USMCA_IN_FORCE, Label.USMCA_ENERGY_CONSULTATIONS])][["date", "label"]]
    marks = pd.concat([policy, term_marks(events, shares["date"].min(), last)]).sort_values("date").reset_index(drop=True)
    lines = alt.Chart(shares).mark_line(strokeWidth=2).encode(
        x=alt.X("date:T", title=None, axis=YEARLY_TICKS),
        y=alt.Y("share_pct:Q", title="Share of U.S. goods trade (%)", scale=alt.Scale(zero=False)),
        color=alt.Color("partner:N", title=None, sort=trade.PARTNERS, scale=alt.Scale(domain=trade.PARTNERS, range=PALETTE[3:4] + PALETTE[0:1] + PALETTE[2:3])),
        tooltip=[alt.Tooltip("date:T", title="12 months to", format="%B %Y"), alt.Tooltip("partner:N", title="Partner"),
                 alt.Tooltip("share_pct:Q", title="Share (%)", format=".2f"), alt.Tooltip("rank:Q", title="Rank of three")],
    )
    return figure(
        alt.layer(*event_rules(marks), lines).properties(width=WIDTH, height=280),
        name="transition-trade-shares",
        title=f"Mexico's share of U.S. goods trade reached {mexico:.1f}% in the 12 months to {_month_year(last)}, {lead}",
        subtitle=_lines(f"Exports plus imports with each partner as a share of U.S. goods trade with the world over the 12 months ending "
                        f"each month, current dollars, {_month_year(shares['date'].min())} to {_month_year(last)} (the last month of the "
                        "series); dashed lines: USMCA dates and changes of president"),
        source="U.S. Census Bureau, U.S. trade in goods by country (monthly), as compiled in the trade chapter",
        description=(
            f"Line chart of the 12-month shares of U.S. goods trade held by Mexico, Canada and China from {_month_year(shares['date'].min())} "
            f"to {_month_year(last)}. China's share falls from first place in 2018; Mexico's and Canada's stay close until Mexico's "
            f"pulls ahead, ending at {mexico:.1f}%. Dashed lines mark the USMCA's entry into force, Biden's inauguration and the "
            "United States' request for USMCA consultations on Mexico's energy policy."
        ),
        data=shares.assign(date=shares["date"].dt.strftime("%Y-%m-%d")),
        time=TimeAxis("date", "us_trade_monthly"),
    )


def us_results_figure(results: pd.DataFrame, events: pd.DataFrame) -> Figure:
    """Biden's margin over Trump by state, sorted, coloured by the statewide winner."""
    totals = us_national_totals(results)
    votes = electoral_votes(events)
    closest = closest_states(results, 10)
    frame = results[["state", "state_po", "biden_share", "trump_share", "margin_pts", "winner"]]
    biden_states = int(((results["winner"] == "Biden") & (results["state_po"] != "DC")).sum())
    dc_biden = bool((results.loc[results["state_po"] == "DC", "winner"] == "Biden").all())
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
        title=(f"Biden carried {biden_states} states{' and D.C.' if dc_biden else ''} and won the Electoral College "
               f"{votes['biden']}–{votes['trump']}; {totals['states_within_1pt']} states were within one point"),
        subtitle="Popular vote, 3 November 2020: Biden share minus Trump share of all votes cast, percentage points, by state (incl. D.C.)",
        source=["MIT Election Data and Science Lab, U.S. President 1976–2020 (certified state results)",
                "electoral votes: The Washington Post's Electoral College tracker (project timeline of dated events)"],
        description=(
            "Horizontal bar chart of the 50 states and the District of Columbia sorted by Biden's margin over Trump, from the "
            f"{results.loc[results['margin_pts'].idxmax(), 'state']} (largest Biden margin) to "
            f"{results.loc[results['margin_pts'].idxmin(), 'state']} (largest Trump margin), coloured by the statewide winner. "
            f"{', '.join(closest.loc[closest['margin_pts'].abs() < 1, 'state'])} have bars of less than one point."
        ),
        data=frame,
    )


# Short names of the indicators for the chart's subtitle (one name per resource).
SERIES_NAMES = {"us_trade_monthly": "trade", "sw_border_encounters_monthly": "border encounters",
                "homicides_state_monthly": "homicide deaths", "homicide_victims_state_monthly": "homicide victims",
                "remittances_monthly": "remittances"}
POLICY_DATES = [Label.TITLE_42_BEGINS, Label.USMCA_IN_FORCE, Label.USMCA_ENERGY_CONSULTATIONS, Label.TITLE_42_ENDS]


def indicator_coverage(series: pd.DataFrame, start: str = "2018-01-01") -> pd.DataFrame:
    """First and last month each indicator's chart panel shows (from ``start`` or the series' first
    month, whichever is later, to the series' last month), with its resource."""
    window = series[series["date"] >= pd.Timestamp(start)]
    rows = []
    for indicator in [i for i in INDICATORS if i in set(window["indicator"])]:
        dates = window.loc[window["indicator"] == indicator, "date"]
        rows.append({"indicator": indicator, "resource": INDICATORS[indicator][2], "first_month": dates.min(), "last_month": dates.max()})
    return pd.DataFrame(rows)


def _coverage_text(coverage: pd.DataFrame, start: str) -> str:
    by_resource = coverage.drop_duplicates("resource")
    late = by_resource[by_resource["first_month"] > pd.Timestamp(start)]
    starts = f"from {_month_year(start)}" + "".join(
        f" ({SERIES_NAMES[r.resource]} from {_month_year(r.first_month)}, the first month of the series)" for r in late.itertuples())
    ends = ", ".join(f"{SERIES_NAMES[r.resource]} {_month_year(r.last_month)}" for r in by_resource.sort_values("last_month").itertuples())
    return f"Monthly values {starts} to the last month of each series ({ends})"


def indicators_figure(series: pd.DataFrame, events: pd.DataFrame, *, start: str = "2018-01-01") -> Figure:
    """One panel per indicator (own y scale): monthly values from ``start`` to the end of each series, the
    two periods shaded, policy dates and changes of president as rules (``series`` from
    :func:`indicator_series`). Every panel must reach its resource's last month."""
    coverage = indicator_coverage(series, start)
    window = series[series["date"] >= pd.Timestamp(start)]
    for row in coverage.drop_duplicates("resource").itertuples():
        rows = window[window["indicator"].isin(coverage.loc[coverage["resource"] == row.resource, "indicator"])]
        reach = time_coverage(rows, TimeAxis("date", row.resource))
        if reach["last_plotted"] != reach["last_available"]:
            raise ValueError(f"indicators chart: {row.resource} runs to {reach['last_available']} but its panel stops at {reach['last_plotted']}")
    end = window["date"].max()
    policy = events[events["label"].isin(POLICY_DATES)][["date", "label"]]
    marks = pd.concat([policy, term_marks(events, pd.Timestamp(start), end)]).sort_values("date").reset_index(drop=True)
    changes = change_table(compare_periods(series)).set_index("indicator")
    domain = [pd.Timestamp(start).isoformat(), end.isoformat()]
    panels = []
    for indicator in coverage["indicator"]:
        label, unit, _ = INDICATORS[indicator]
        data = window[window["indicator"] == indicator]
        line = alt.Chart(data).mark_line(color=PALETTE[0], strokeWidth=1.6).encode(
            x=alt.X("date:T", title=None, scale=alt.Scale(domain=domain), axis=YEARLY_TICKS),
            y=alt.Y("value:Q", title=None, axis=alt.Axis(format="~s")),
            tooltip=[alt.Tooltip("date:T", title="Month", format="%B %Y"), alt.Tooltip("value:Q", title=unit, format=",.0f")],
        )
        # Not charts.event_rules: rules in every panel (tooltip dates in full), labels only on the top
        # panel, in smaller type hung from its top edge.
        rules = alt.Chart(marks).mark_rule(strokeDash=[4, 3], color="#555").encode(
            x="date:T", tooltip=[alt.Tooltip("date:T", title="Date", format="%d %B %Y"), alt.Tooltip("label:N", title="Event")])
        layers = [shade_periods(periods_frame()), rules, line]
        if not panels:  # name the dates once, on the top panel
            staggered = marks.assign(ypix=[2 + 11 * (n % 3) for n in range(len(marks))])
            layers.append(alt.Chart(staggered).mark_text(align="left", dx=3, baseline="top", fontSize=9, color="#333").encode(
                x="date:T", y=alt.Y("ypix:Q", scale=None, axis=None), text="label:N"))
        panel = alt.layer(*layers).properties(
            width=WIDTH, height=110, title=alt.TitleParams(f"{label} ({unit})", fontSize=12, fontWeight="normal", anchor="start"))
        panels.append(panel)
    latest = coverage.sort_values("last_month").iloc[-1]
    return figure(
        alt.vconcat(*panels, spacing=14),
        name="transition-indicators",
        title=(f"Trade and remittances kept growing after Biden took office; monthly border encounters averaged "
               f"{difference_words(changes.loc['sw_encounters_all', 'change_pct'])}"),
        subtitle=_lines(f"{_coverage_text(coverage, start)}; shading: Trump–AMLO and Biden–AMLO periods; dashed lines: policy "
                        "dates and changes of president"),
        source=["U.S. Census Bureau, trade in goods with Mexico", "U.S. Customs and Border Protection, Southwest Land Border Encounters",
                "INEGI mortality data compiled by Gargiulo, Aburto & Floridi", "Banco de México, remittances"],
        description=(
            "Stacked line charts, one per indicator (U.S. goods exports to Mexico, U.S. goods imports from Mexico, southwest border "
            "encounters of all citizenships and of Mexican citizens, homicide deaths in Mexico, remittances received by Mexico), monthly "
            f"from {_month_year(start)} or the series' first month to its last, over shaded bands for the two presidential periods, "
            f"with dashed lines at {', '.join(marks['label'])}. Trade dips sharply in {trade_trough(series):%B %Y} and then rises above "
            "its earlier level; encounters are far higher after early 2021 than before; homicide deaths stay in a narrow band; "
            "remittances rise through both periods."
        ),
        data=window.assign(date=window["date"].dt.strftime("%Y-%m-%d")).reset_index(drop=True),
        resources=sorted(set(coverage["resource"])),
        time=TimeAxis("date", latest["resource"]),
    )


def share_by_period(frame: pd.DataFrame, part: str, whole: str, *, partial: str = "exclude") -> pd.Series:
    """Percentage ``part`` makes of ``whole``, summed over each period's months (e.g. Title 42 share of encounters)."""
    monthly = frame.groupby("date", as_index=False)[[part, whole]].sum()
    assigned = assign_period(monthly, partial=partial).dropna(subset=["period"])
    sums = assigned.groupby("period")[[part, whole]].sum()
    return (100 * sums[part] / sums[whole]).astype("float64")
