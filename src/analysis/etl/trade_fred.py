"""U.S. imports of goods from Mexico and China, monthly: a newer vintage of the Census series (FRED).

Raw inputs (relative to RAW), copied verbatim from GitHub mirrors of FRED downloads (see
``trade/PROVENANCE.md`` §5–6):

- ``trade/fred_IMPMX_monthly_1985_2026.csv``: FRED series IMPMX, "U.S. Imports of Goods by Customs
  Basis from Mexico", January 1985 – July 2026 (https://fred.stlouisfed.org/series/IMPMX), from
  ``ClaudiaToto30/supply-chain-forecasting`` ``IMPMX.csv`` (commit 6f22c46).
- ``trade/fred_IMPCH_monthly_1985_2025.csv``: FRED series IMPCH, the same for China, January 1985 –
  December 2025 (https://fred.stlouisfed.org/series/IMPCH), from ``kwang101-cb/Timeseries-FinalProject``
  ``IMPCH.csv`` (commit 513b405).

Columns ``observation_date,<series>``; millions of current U.S. dollars, not seasonally adjusted,
general imports at customs value: the definition of the ``Imports`` column of the Census file read
by :mod:`analysis.etl.trade`. FRED redistributes the Census Bureau's series, so these files are a
later **vintage** of the same statistics, not a continuation: they carry the Census revisions of
2021–2023. They are kept in their own table (``us_imports_monthly_fred``) with the vintage named on
every row and a comparison with the Census file, never spliced into ``us_trade_monthly``.

The derivation checks that every month to December 2020 equals the Census file (to 1e-6): a
difference there means a different series or a damaged copy, and stops the derivation.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from analysis.data.periods import first_break_in_months
from analysis.etl import DerivationError, read_csv_with_header, resources_from_meta

IMPMX = "trade/fred_IMPMX_monthly_1985_2026.csv"
IMPCH = "trade/fred_IMPCH_monthly_1985_2025.csv"
# file -> (series id, partner, vintage label)
SERIES = {
    IMPMX: ("IMPMX", "Mexico", "FRED download of 2026, data to July 2026"),
    IMPCH: ("IMPCH", "China", "FRED download of 2026, data to December 2025"),
}
FILES = tuple(SERIES)
AGREES_UNTIL = pd.Timestamp("2020-12-01")  # last month both vintages must hold the same value
TOLERANCE = 1e-6
SAME, REVISED, LATER = "same value", "revised since the Census file", "after the Census file"


def _read_fred(raw: Path, relative: str) -> pd.DataFrame:
    path = raw / relative
    series, partner, vintage = SERIES[relative]
    frame = read_csv_with_header(path, ["observation_date", series])
    rows = []
    for line, record in enumerate(frame.to_dict("records"), start=2):
        if not re.fullmatch(r"\d{4}-\d{2}-01", record["observation_date"]):
            raise DerivationError(path, f"date {record['observation_date']!r} is not the 1st of a month", row=line, field="observation_date")
        try:
            value = float(record[series])
        except ValueError as exc:
            raise DerivationError(path, f"{record[series]!r} is not a number", row=line, field=series) from exc
        if value < 0:
            raise DerivationError(path, f"negative imports {record[series]!r}", row=line, field=series)
        rows.append({"line": line, "date": pd.Timestamp(record["observation_date"]), "partner": partner,
                     "series_id": series, "vintage": vintage, "imports_usd_mn": value})
    table = pd.DataFrame(rows)
    gap = first_break_in_months(table["date"])
    if gap is not None:
        raise DerivationError(path, f"months are not consecutive at {table.loc[gap, 'date']:%Y-%m}", row=int(table.loc[gap, "line"]),
                              field="observation_date")
    return table


def compare_with_census(table: pd.DataFrame, census: pd.DataFrame, path: Path) -> pd.Series:
    """For each row of one FRED series, how it compares with the Census file's imports for the same
    partner and month; raises if a month up to :data:`AGREES_UNTIL` differs."""
    partner = table["partner"].iloc[0]
    census_imports = census[census["partner"] == partner].set_index("date")["imports_usd_mn"]
    matched = census_imports.reindex(table["date"]).to_numpy()
    status = pd.Series(LATER, index=table.index)
    present = ~pd.isna(matched)
    differs = present & (abs(table["imports_usd_mn"].to_numpy() - matched) > TOLERANCE)
    status[present & ~differs] = SAME
    status[differs] = REVISED
    early = differs & (table["date"] <= AGREES_UNTIL).to_numpy()
    if early.any():
        bad = table[early].iloc[0]
        raise DerivationError(path, f"{bad['series_id']} {bad['date']:%Y-%m} = {bad['imports_usd_mn']} differs from the Census file "
                                    f"({census_imports[bad['date']]}); the two vintages must agree to {AGREES_UNTIL:%B %Y}",
                              row=int(bad["line"]), field=bad["series_id"])
    missing = ~present & (table["date"] <= census_imports.index.max()).to_numpy()
    if missing.any():
        bad = table[missing].iloc[0]
        raise DerivationError(path, f"{bad['date']:%Y-%m} has no Census value to compare with", row=int(bad["line"]), field="observation_date")
    return status


def derive_fred_imports(raw: Path, built: dict) -> pd.DataFrame:
    census = built["us_trade_monthly"]
    parts = []
    for relative in FILES:
        table = _read_fred(raw, relative)
        table["vs_census_file"] = compare_with_census(table, census, raw / relative)
        parts.append(table)
    frame = pd.concat(parts, ignore_index=True)
    frame["imports_usd_mn"] = frame["imports_usd_mn"].round(6)
    frame["partner"] = pd.Categorical(frame["partner"], categories=["Mexico", "China"], ordered=True)
    frame = frame.sort_values(["partner", "date"]).reset_index(drop=True)
    frame["partner"] = frame["partner"].astype("string")
    return frame[["date", "partner", "series_id", "vintage", "imports_usd_mn", "vs_census_file"]]


RESOURCES = resources_from_meta(__file__, derive={"us_imports_monthly_fred": derive_fred_imports})
