"""Calendar helpers shared by the derivation steps and the chapters."""

from __future__ import annotations

import pandas as pd


def first_break_in_months(dates: pd.Series) -> object | None:
    """Index label of the first date that breaks a run of consecutive months (a gap, a repeat
    or a date that is not the 1st of a month), in date order; ``None`` when the run is whole.

    Monthly tables store each month as its 1st day. Rolling and annual sums are wrong on a
    broken run, so every monthly series is checked with this before it is summed."""
    ordered = pd.to_datetime(dates).sort_values(kind="stable")
    if ordered.empty:
        return None
    expected = pd.date_range(ordered.iloc[0], periods=len(ordered), freq="MS")
    broken = ordered.to_numpy() != expected.to_numpy()
    if ordered.iloc[0].day != 1:
        return ordered.index[0]
    return ordered.index[broken.argmax()] if broken.any() else None


def long_date(date) -> str:
    """'14 December 2020', for prose glued from tables."""
    date = pd.Timestamp(date)
    return f"{date.day} {date:%B %Y}"


def join_years(years: list[int], prefix: str = "FY") -> str:
    """Years as a phrase: [2015, 2020, 2023] -> "FY2015, FY2020 and FY2023" (prefix "" for calendar years)."""
    labels = [f"{prefix}{y}" for y in years]
    if not labels:
        return "no year"
    return labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " and " + labels[-1]
