"""Lookups shared by the claim modules: events, the ledger's published figures, article dates.

Each helper returns the value together with the (resource, key) of the row it read, so that every
check can list the rows its verdict rests on (``Evidence.rows``); the ledger adds those rows' source
URLs. A missing row raises a clear error rather than returning a default.
"""

from __future__ import annotations

import pandas as pd

from analysis.data.events import event_date
from analysis.factcheck.claims._records import Checks

EVENTS = "events"
FIGURES = "factcheck_figures"

# Latest possible publication date of each article, as known (shared/seeds README: A1 the day after
# the election; A2 before the 13 July 2018 Pompeo visit; A3 December 2018; A5 reposted 4 February 2021).
# "Before the article" means on or before this date.
ARTICLE_DATE = {
    "A1": pd.Timestamp("2018-07-02"),
    "A2": pd.Timestamp("2018-07-12"),
    "A3": pd.Timestamp("2018-12-31"),
    "A4": pd.Timestamp("2018-11-01"),
    "A5": pd.Timestamp("2021-02-04"),
}


def event(load, label: str) -> tuple[pd.Timestamp, tuple[str, dict]]:
    """Date of the event labelled ``label`` and the key of its row in ``events``."""
    date = event_date(load(EVENTS), label)
    return date, (EVENTS, {"date": date.strftime("%Y-%m-%d"), "label": label})


def events(load, *labels: str) -> tuple[list[pd.Timestamp], tuple[tuple[str, dict], ...]]:
    """Dates of the events labelled ``labels``, in that order, and the keys of their rows."""
    found = [event(load, label) for label in labels]
    return [date for date, _ in found], tuple(row for _, row in found)


def figure(load, indicator: str, period: str) -> tuple[float, tuple[str, dict]]:
    """A published figure of the ledger's own collection (``factcheck_figures``) and its row key."""
    frame = load(FIGURES)
    row = frame[(frame["indicator"] == indicator) & (frame["period"] == period)]
    if len(row) != 1:
        raise KeyError(f"{FIGURES}: no single figure {indicator!r} for {period!r}")
    return float(row["value"].iloc[0]), (FIGURES, {"indicator": indicator, "period": period})


def figure_unit(load, indicator: str, period: str) -> str:
    frame = load(FIGURES)
    return str(frame.loc[(frame["indicator"] == indicator) & (frame["period"] == period), "unit"].iloc[0])


def completed_years(start: pd.Timestamp, end: pd.Timestamp) -> int:
    """Whole years from ``start`` to ``end`` (a 24-year-old treaty, 'for the past 17 years')."""
    return end.year - start.year - ((end.month, end.day) < (start.month, start.day))


def before_article(date: pd.Timestamp, article: str, subject: str) -> str:
    """'<subject>: before the article' (on or before its date) or '<subject>: after the article'."""
    return f"{subject}: " + ("before the article" if date <= ARTICLE_DATE[article] else "after the article")


def happened(subject: str) -> str:
    """The claimed value of a claim that ``subject`` had happened when the article appeared."""
    return f"{subject}: before the article"


# ---------------------------------------------------------------------------------------------
# Check factories shared by the claim modules (each returns a check: loader -> Evidence), named in
# every chapter's claims file (``check: {name: before, args: [...]}``).

COMMON = Checks()


@COMMON.factory
def before(label: str, article: str, method: str):
    """Whether the event happened on or before the article's date."""
    from analysis.factcheck.rules import Evidence

    def check(load):
        date, row = event(load, label)
        return Evidence(value=before_article(date, article, label), rows=(row,),
                        method=f"{method} on {date.date()} (events); the article appeared by {ARTICLE_DATE[article].date()}")
    return check


@COMMON.factory
def recently(label: str, article: str, method: str, days: int = 92):
    """Whether the event happened within ``days`` before the article ('recently')."""
    from analysis.factcheck.rules import Evidence

    def check(load):
        date, row = event(load, label)
        gap = (ARTICLE_DATE[article] - date).days
        return Evidence(value="recently" if 0 <= gap <= days else "not recently", rows=(row,),
                        method=f"{method} ({date.date()}, events), {gap} days before the article ('recently': within {days} days)")
    return check


@COMMON.factory
def month_of(label: str, method: str):
    from analysis.factcheck.rules import Evidence

    def check(load):
        date, row = event(load, label)
        return Evidence(value=date.strftime("%B %Y"), rows=(row,), method=f"{method} ({date.date()}, events)")
    return check


@COMMON.factory
def year_of(label: str, method: str):
    from analysis.factcheck.rules import Evidence

    def check(load):
        date, row = event(load, label)
        return Evidence(value=str(date.year), rows=(row,), method=f"{method} ({date.date()}, events)")
    return check


@COMMON.factory
def figure_check(indicator: str, period: str, method: str, note: str = "", other: list[str] | None = None, **options):
    """The value of one of the ledger's published figures; ``other`` (``[indicator, period]``) reads a
    second one as the value under another definition (named by ``other_definition_name``)."""
    from analysis.factcheck.rules import Evidence

    def check(load):
        value, row = figure(load, indicator, period)
        rows, more = (row,), {}
        if other is not None:
            more["other_definition"], other_row = figure(load, *other)
            rows += (other_row,)
        return Evidence(value=value, rows=rows, method=method, note=note, **more, **options)
    return check
