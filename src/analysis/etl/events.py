"""Events timeline of the bilateral relationship, 2018–2024 (and key earlier dates charts mark).

Raw inputs, compiled for this project from published releases and press reports (there is no
single publisher download; every row carries the http(s) URL of the page where its date was seen,
and those pages are the resource's sources):
- ``events_timeline.csv``, the collectors' timeline; the short chart labels of its rows are the
  project's own and are kept here (:data:`LABELS`), keyed by date and category;
- ``collected/<topic>_events.csv`` (:data:`EVENT_FILES`), the dates each chapter and the ledger need
  that the timeline lacks, collected by the project with the same columns plus the chart ``label``
  (see ``raw/collected/README.md``). Every label is one of :class:`analysis.data.events.Label`.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis.etl import DerivationError, read_csv_with_header, resources_from_meta
from analysis.etl.published import TIMELINE, URL
from analysis.data.events import Label

CATEGORIES = ["elections", "trade", "migration", "security", "diplomacy"]

# The project's own collections of dated events, one file per chapter (and the ledger's), in raw/collected/.
EVENT_FILES = tuple(f"collected/{topic}_events.csv" for topic in ("elections", "trade", "migration", "security", "transition", "factcheck"))
EVENT_COLUMNS = ["date", "category", "event", "label", "publisher", "url"]
KNOWN_LABELS = frozenset(value for name, value in vars(Label).items() if name.isupper())

# Short chart labels for the rows of events_timeline.csv, keyed by (date, category).
LABELS = {
    ("2018-07-01", "elections"): Label.MEXICAN_ELECTION,
    ("2018-08-08", "elections"): Label.TEPJF_DECLARES_PRESIDENT_ELECT,
    ("2018-08-23", "elections"): Label.INE_ASSIGNS_PR_SEATS,
    ("2018-08-27", "trade"): Label.US_MEXICO_DEAL_ANNOUNCED,
    ("2018-08-29", "elections"): Label.LXIV_LEGISLATURE_INSTALLED,
    ("2018-09-30", "trade"): Label.USMCA_TEXT_AGREED,
    ("2018-11-30", "trade"): Label.USMCA_SIGNED,
    ("2018-12-01", "diplomacy"): Label.AMLO_TAKES_OFFICE,
    ("2018-12-20", "migration"): Label.REMAIN_IN_MEXICO_ANNOUNCED,
    ("2019-01-28", "migration"): Label.REMAIN_IN_MEXICO_STARTS,
    ("2019-05-30", "trade"): Label.TARIFF_THREAT_OVER_MIGRATION,
    ("2019-06-07", "migration"): Label.JUNE_2019_JOINT_DECLARATION,
    ("2019-06-14", "migration"): Label.SUPPLEMENTARY_AGREEMENT,
    ("2019-06", "trade"): Label.MEXICO_RATIFIES_USMCA,
    ("2019-12-10", "trade"): Label.USMCA_PROTOCOL_SIGNED,
    ("2020-01-29", "trade"): Label.USMCA_IMPLEMENTATION_ACT,
    ("2020-04-24", "trade"): Label.USTR_NOTICE_TO_CONGRESS,
    ("2020-07-01", "trade"): Label.USMCA_IN_FORCE,
    ("2020-07-08", "diplomacy"): Label.AMLO_AT_THE_WHITE_HOUSE,
    ("2020-10-15", "security"): Label.CIENFUEGOS_ARRESTED,
    ("2020-11-17", "security"): Label.US_TO_DROP_CIENFUEGOS_CASE,
    ("2020-11-18", "security"): Label.CIENFUEGOS_CHARGES_DISMISSED,
    ("2020-12-14", "diplomacy"): Label.AMLO_CONGRATULATES_BIDEN_LETTER,
    ("2020-12-15", "diplomacy"): Label.AMLO_CONGRATULATES_BIDEN_PUBLIC,
    ("2020-12-18", "security"): Label.FOREIGN_AGENTS_LAW_PUBLISHED,
    ("2021-01-04", "diplomacy"): Label.ASSANGE_ASYLUM_OFFER,
    ("2021-01-14", "security"): Label.FGR_CLEARS_CIENFUEGOS,
    ("2021-01-15", "security"): Label.AMLO_BACKS_FGR_ACCUSES_DEA,
    ("2021-01-22", "diplomacy"): Label.FIRST_BIDEN_AMLO_CALL,
    ("2021-03-01", "diplomacy"): Label.VIRTUAL_BILATERAL_MEETING,
    ("2021-08-24", "migration"): Label.SUPREME_COURT_MPP_RESTART,
    ("2021-10-08", "security"): Label.BICENTENNIAL_FRAMEWORK,
    ("2022-06-06", "diplomacy"): Label.AMLO_SKIPS_SUMMIT_OF_THE_AMERICAS,
    ("2023-01-10", "diplomacy"): Label.NORTH_AMERICAN_LEADERS_SUMMIT,
    ("2024-06-02", "elections"): Label.SHEINBAUM_ELECTED,
    ("2024-06-06", "elections"): Label.INE_DISTRICT_COUNT_CONCLUDES,
}


def _parse_date(value: str, path: Path, row: int) -> tuple[str, str]:
    """ISO date for the row and its precision; month-precision dates become the 1st of the month."""
    for fmt, precision in (("%Y-%m-%d", "day"), ("%Y-%m", "month")):
        try:
            parsed = pd.to_datetime(value, format=fmt)
        except ValueError:
            continue
        if fmt == "%Y-%m" and len(value) != 7:
            continue
        return parsed.strftime("%Y-%m-%d"), precision
    raise DerivationError(path, f"date {value!r} is neither YYYY-MM-DD nor YYYY-MM", row=row, field="date")


def _category_and_date(record: dict, path: Path, row: int) -> tuple[str, str]:
    """The checks every event row passes, in the timeline and in the collections: a known category
    and a date of day or month precision (returned as ISO date and precision)."""
    if record["category"] not in CATEGORIES:
        raise DerivationError(path, f"category {record['category']!r} not in {CATEGORIES}", row=row, field="category")
    return _parse_date(record["date"], path, row)


def read_collected_events(raw: Path, name: str) -> pd.DataFrame:
    """The rows of one ``collected/<topic>_events.csv`` file, each checked, with the ISO date and
    its precision added (``iso_date``, ``date_precision``); ``source_row`` is the line in the file.
    A bad category, date, label or URL is an error naming the file, row and field."""
    path = raw / name
    frame = read_csv_with_header(path, EVENT_COLUMNS, line_column="source_row")
    dates = []
    for record in frame.to_dict("records"):
        row = record["source_row"]
        dates.append(_category_and_date(record, path, row))
        if record["label"] not in KNOWN_LABELS:
            raise DerivationError(path, f"label {record['label']!r} is not one of analysis.data.events.Label", row=row, field="label")
        if not URL.match(record["url"]):
            raise DerivationError(path, f"URL {record['url']!r} is not http(s)", row=row, field="url")
        for column in ("event", "publisher"):
            if not record[column].strip():
                raise DerivationError(path, f"{column} is empty", row=row, field=column)
    labels = frame["label"]
    if labels.duplicated().any():
        row = int(frame.loc[labels.duplicated(), "source_row"].iloc[0])
        raise DerivationError(path, "label already used by an earlier row", row=row, field="label")
    return frame.assign(iso_date=[date for date, _ in dates], date_precision=[precision for _, precision in dates])


def derive_events(raw: Path, built: dict) -> pd.DataFrame:
    path = raw / TIMELINE
    table = pd.read_csv(path, dtype="string", keep_default_na=False, encoding="utf-8")
    rows = []
    for row, record in enumerate(table.to_dict("records"), start=2):
        date, precision = _category_and_date(record, path, row)
        key = (record["date"], record["category"])
        if key not in LABELS:
            raise DerivationError(path, "no short label for this event in analysis.etl.events.LABELS", row=row, field="date")
        rows.append({"date": date, "date_precision": precision, "category": record["category"], "event": record["event"],
                     "label": LABELS[key], "publisher": record["publisher"], "source_url": record["url"], "origin": "events_timeline.csv"})
    for name in EVENT_FILES:
        for record in read_collected_events(raw, name).to_dict("records"):
            rows.append({"date": record["iso_date"], "date_precision": record["date_precision"], "category": record["category"], "event": record["event"],
                         "label": record["label"], "publisher": record["publisher"], "source_url": record["url"], "origin": name})
    frame = pd.DataFrame(rows).sort_values(["date", "category", "label"]).reset_index(drop=True)
    frame.insert(0, "event_id", [f"E{n:03d}" for n in range(1, len(frame) + 1)])
    return frame


RESOURCES = resources_from_meta(__file__, derive={"events": derive_events})
