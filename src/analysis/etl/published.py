"""Shared readers for the hand-collected raw files of published figures: ``published_figures.csv``
(figures seen in official releases, one per row with URL and excerpt) and the project's own
``collected/<topic>_figures.csv``; the names of the events timeline and the URL check.

Every chapter that takes a published figure goes through :func:`read_published`, which checks
each row and names the file, row and field of any defect.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from analysis.etl import DerivationError, read_csv_with_header

PUBLISHED = "published_figures.csv"
COLLECTED = "collected"  # the project's own collections: collected/<topic>_figures.csv
TIMELINE = "events_timeline.csv"
URL_PATTERN = r"^https?://\S+$"
URL = re.compile(URL_PATTERN)


NOT_FOUND = "NOT FOUND"
PUBLISHED_COLUMNS = ["topic", "indicator", "geo", "period", "value", "unit", "status", "publisher", "document", "url", "excerpt", "retrieved_note"]
_RANGE = re.compile(r"^\s*(-?[\d.,]+)\s*[-–]\s*([\d.,]+)\s*$")
_FISCAL_YEARS = re.compile(r"^FY(\d{4})(?:–FY(\d{4}))?(?:\s*\(.*\))?$")  # FY2008, FY2008–FY2021, FY2008 (note)


def read_published(raw: Path, topics: list[str] | None = None, files: tuple[str, ...] = (PUBLISHED,)) -> pd.DataFrame:
    """Rows of ``published_figures.csv`` (optionally only ``topics``).

    ``value`` is a float; a figure the collectors looked for and did not find (``NOT FOUND``) and a
    published range (``21500-24800``) have ``value`` NaN, with the range's ends in ``value_low``
    and ``value_high`` and ``value_text`` keeping the cell as published, so gaps stay visible and
    are never filled. ``status`` is blank-filled to ``"unspecified"``; ``source_row`` is the line
    number in the file. Anything else that is not a number is an error naming row and field.

    ``files`` are read in order and concatenated: the collectors' ``published_figures.csv`` and
    the project's own collections in ``collected/<topic>_figures.csv`` (same columns), each row
    keeping ``source_file`` and ``source_row``."""
    frames = []
    for name in files:
        path = raw / name
        part = read_csv_with_header(path, PUBLISHED_COLUMNS, line_column="source_row")
        part.insert(0, "source_file", name)
        frames.append(part)
    frame = pd.concat(frames, ignore_index=True)
    if topics is not None:
        frame = frame[frame["topic"].isin(topics)]
    values, lows, highs = [], [], []
    for name, row, value, url in zip(frame["source_file"], frame["source_row"], frame["value"], frame["url"]):
        path = raw / name
        text = str(value).strip()
        if not URL.match(url) and not (text == NOT_FOUND and url == ""):
            raise DerivationError(path, f"URL {url!r} is not http(s)", row=row, field="url")
        low = high = number = float("nan")
        if text == NOT_FOUND:
            pass
        elif _RANGE.match(text):
            low, high = (float(x.replace(",", "")) for x in _RANGE.match(text).groups())
        else:
            try:
                number = float(text.replace(",", ""))
            except ValueError as exc:
                raise DerivationError(path, f"value {value!r} is neither a number, a range nor {NOT_FOUND!r}", row=row, field="value") from exc
        values.append(number)
        lows.append(low)
        highs.append(high)
    frame = frame.assign(value_text=frame["value"], value=values, value_low=lows, value_high=highs,
                         status=frame["status"].replace("", "unspecified"))
    return frame.reset_index(drop=True)


def calendar_year(period: str, path: Path, row: int) -> int:
    """The calendar year a published row's ``period`` names (``YYYY``); anything else is an error naming its row."""
    if not re.fullmatch(r"\d{4}", period):
        raise DerivationError(path, f"period {period!r} is not a calendar year", row=row, field="period")
    return int(period)


def fiscal_year_span(period: str, path: Path, row: int) -> tuple[int, int]:
    """First and last U.S. fiscal year of a published row's ``period`` (``FY2008`` or ``FY2008–FY2021``,
    optionally followed by a note in brackets); anything else is an error naming its row."""
    match = _FISCAL_YEARS.match(period)
    if not match:
        raise DerivationError(path, f"period {period!r} is not FYyyyy or FYyyyy–FYyyyy", row=row, field="period")
    first = int(match.group(1))
    return first, int(match.group(2) or first)


def source_label(row) -> str:
    """Publisher and document of a published-figure row, as the tables' ``source`` columns give them."""
    return f"{row['publisher']}: {row['document']}"
