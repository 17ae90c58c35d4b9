"""U.S. goods trade with Mexico, Canada, China and the world (Census), and published annual totals.

Raw inputs (relative to RAW), all copied verbatim from ``bdecon/US-chartbook``
``chartbook/data/trade_partner.csv`` (commit 0393a52), which reads the Census Bureau's
"U.S. Trade in Goods by Country" workbook, https://www.census.gov/foreign-trade/balance/country.xlsx
(country pages https://www.census.gov/foreign-trade/balance/c2010.html, c1220.html, c5700.html):

- ``trade/census_us_trade_mexico_monthly_1985_2023.csv``: Mexico (CTY_CODE 2010), Jan 1985 – Dec 2023.
- ``trade/census_us_trade_canada_china_monthly_1985_2023.csv``: Canada (1220) and China (5700).
- ``trade/census_us_trade_world_nsa_monthly_1987_2023.csv``: "World, Not Seasonally Adjusted" (15), from Jan 1987.

Columns ``CTYNAME,date,CTY_CODE,Imports,Exports``; millions of current U.S. dollars, not seasonally
adjusted; exports are total exports (F.A.S.), imports general imports (customs value). Nov–Dec 2023
are blank in this vintage: months after the last published month are left out (and counted by the
tests); a blank anywhere else is an error.

``published_figures.csv`` (topics ``trade_us_goods`` and ``trade_mexico_export_share``): annual
official totals and Mexico's export share to the U.S. as published (URL per row). They are kept in
their own resources, never mixed into the monthly table. Rows marked ``NOT FOUND`` stay as rows
with an empty value, so the gaps are visible.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlparse

import pandas as pd

from analysis.data.periods import first_break_in_months
from analysis.etl import DerivationError, read_csv_with_header, resources_from_meta
from analysis.etl.published import PUBLISHED, calendar_year, read_published

COLLECTED = "collected/trade_figures.csv"  # the project's own collection (raw/collected/README.md)

MEXICO = "trade/census_us_trade_mexico_monthly_1985_2023.csv"
CANADA_CHINA = "trade/census_us_trade_canada_china_monthly_1985_2023.csv"
WORLD = "trade/census_us_trade_world_nsa_monthly_1987_2023.csv"
HEADER = ["CTYNAME", "date", "CTY_CODE", "Imports", "Exports"]
# (file, CTYNAME in the file, CTY_CODE) -> partner name in the package
PARTNERS = {
    ("Mexico", "2010"): "Mexico",
    ("Canada", "1220"): "Canada",
    ("China", "5700"): "China",
    ("World, Not Seasonally Adjusted", "15"): "World",
}
FILES = {MEXICO: ["Mexico"], CANADA_CHINA: ["Canada", "China"], WORLD: ["World"]}
PARTNER_ORDER = ["Mexico", "Canada", "China", "World"]

def _read_census(raw: Path, relative: str) -> pd.DataFrame:
    path = raw / relative
    frame = read_csv_with_header(path, HEADER, line_column="source_row")
    rows = []
    for record in frame.to_dict("records"):
        row = record["source_row"]
        key = (record["CTYNAME"], record["CTY_CODE"])
        if key not in PARTNERS or PARTNERS[key] not in FILES[relative]:
            raise DerivationError(path, f"unexpected country {key[0]!r} with code {key[1]!r}", row=row, field="CTYNAME")
        if not re.fullmatch(r"\d{4}-\d{2}-01", record["date"]):
            raise DerivationError(path, f"date {record['date']!r} is not the 1st of a month (YYYY-MM-01)", row=row, field="date")
        values = {}
        for column in ("Imports", "Exports"):
            text = record[column].strip()
            if text == "":
                values[column] = None
                continue
            try:
                values[column] = float(text)
            except ValueError as exc:
                raise DerivationError(path, f"{text!r} is not a number", row=row, field=column) from exc
            if values[column] < 0:
                raise DerivationError(path, f"negative trade value {text!r}", row=row, field=column)
        if (values["Imports"] is None) != (values["Exports"] is None):
            raise DerivationError(path, "one of Imports/Exports is blank and the other is not", row=row,
                                  field="Imports" if values["Imports"] is None else "Exports")
        rows.append({"source_row": row, "partner": PARTNERS[key], "date": pd.Timestamp(record["date"]),
                     "imports": values["Imports"], "exports": values["Exports"]})
    table = pd.DataFrame(rows)
    parts = []
    for partner, group in table.groupby("partner", sort=False):
        group = group.sort_values("date")
        if group["date"].duplicated().any():
            dup = group[group["date"].duplicated()].iloc[0]
            raise DerivationError(path, f"{partner}: month {dup['date']:%Y-%m} appears twice", row=int(dup["source_row"]), field="date")
        gap = first_break_in_months(group["date"])
        if gap is not None:
            bad = group.loc[gap]
            raise DerivationError(path, f"{partner}: months are not consecutive at {bad['date']:%Y-%m}", row=int(bad["source_row"]), field="date")
        blank = group["exports"].isna().to_numpy()
        if blank.any():
            first_blank = int(blank.argmax())
            if not blank[first_blank:].all():
                bad = group.iloc[first_blank]
                raise DerivationError(path, f"{partner}: blank value before the last published month", row=int(bad["source_row"]), field="Exports")
            group = group.iloc[:first_blank]  # months not yet published in this vintage
        parts.append(group)
    return pd.concat(parts, ignore_index=True)


def derive_monthly(raw: Path, built: dict) -> pd.DataFrame:
    frame = pd.concat([_read_census(raw, relative) for relative in FILES], ignore_index=True)
    frame = frame.assign(
        exports_usd_mn=frame["exports"].round(6),
        imports_usd_mn=frame["imports"].round(6),
        balance_usd_mn=(frame["exports"] - frame["imports"]).round(6),
        total_trade_usd_mn=(frame["exports"] + frame["imports"]).round(6),
        partner=pd.Categorical(frame["partner"], categories=PARTNER_ORDER, ordered=True),
    )
    frame = frame.sort_values(["partner", "date"]).reset_index(drop=True)
    frame["partner"] = frame["partner"].astype("string")
    return frame[["date", "partner", "exports_usd_mn", "imports_usd_mn", "balance_usd_mn", "total_trade_usd_mn"]]


# --- published annual figures -------------------------------------------------------------------

def _flow(indicator: str, path: Path, row: int) -> str:
    text = indicator.lower()
    if "total trade" in text:
        return "total trade"
    if "balance" in text:
        return "balance"
    if "exports / imports" in text:
        return "exports and imports"
    if "exports" in text and "imports" not in text:
        return "exports"
    if "imports" in text and "exports" not in text:
        return "imports"
    raise DerivationError(path, f"cannot tell the trade flow of indicator {indicator!r}", row=row, field="indicator")


PARTNERS_PUBLISHED = ["Mexico", "Canada", "China", "World"]


def derive_published_trade(raw: Path, built: dict) -> pd.DataFrame:
    """Published annual totals from ``published_figures.csv`` and the project's collection
    (``collected/trade_figures.csv``). A collected row replaces a row of ``published_figures.csv``
    with the same partner, year, flow and status (its note names the row replaced); two rows with
    the same key in one file are an error."""
    frame = read_published(raw, ["trade_us_goods"], files=(PUBLISHED, COLLECTED))
    rows = []
    for record in frame.to_dict("records"):
        path, row = raw / record["source_file"], record["source_row"]
        if record["geo"] not in PARTNERS_PUBLISHED:
            raise DerivationError(path, f"partner {record['geo']!r} not one of {PARTNERS_PUBLISHED}", row=row, field="geo")
        year = calendar_year(record["period"], path, row)
        found = pd.notna(record["value"])
        if found and not record["unit"].startswith("USD million"):
            raise DerivationError(path, f"unit {record['unit']!r} is not USD million", row=row, field="unit")
        collected = record["source_file"] == COLLECTED
        rows.append({
            "partner": record["geo"], "year": year, "flow": _flow(record["indicator"], path, row),
            "value_usd_mn": record["value"], "approximate": bool(found and "approx" in record["unit"].lower()),
            "status": record["status"] if found else "not found", "indicator": record["indicator"],
            "publisher": record["publisher"], "document": record["document"] or None,
            "source_url": record["url"] or None, "note": record["retrieved_note"] or None,
            "source_row": None if collected else row, "collected_row": row if collected else None,
            "source_file": record["source_file"],
        })
    table = pd.DataFrame(rows)
    key = ["partner", "year", "flow", "status"]
    table["key"] = list(zip(*(table[k] for k in key)))
    collected = table["source_file"] == COLLECTED
    for name, part in table.groupby("source_file"):
        duplicated = part[part["key"].duplicated()]
        if len(duplicated):
            line = duplicated["collected_row" if name == COLLECTED else "source_row"].iloc[0]
            raise DerivationError(raw / name, "two rows for the same partner, year, flow and status", row=int(line))
    replaced = table[~collected & table["key"].isin(set(table.loc[collected, "key"]))]
    remarks = {record["key"]: f"replaces published_figures.csv line {int(record['source_row'])} "
                              f"({'not found' if pd.isna(record['value_usd_mn']) else format(record['value_usd_mn'], ',.0f')}, "
                              f"{urlparse(record['source_url']).netloc if isinstance(record['source_url'], str) else record['publisher']})"
               for record in replaced.to_dict("records")}
    table = table.drop(index=replaced.index)
    table["note"] = ["; ".join(t for t in (note, remarks.get(k)) if isinstance(t, str)) or None for note, k in zip(table["note"], table["key"])]
    table = table.drop(columns=["key", "source_file"])
    for column in ("source_row", "collected_row"):
        table[column] = table[column].astype("Int64")
    return table.sort_values(key).reset_index(drop=True)


def derive_export_share(raw: Path, built: dict) -> pd.DataFrame:
    path = raw / PUBLISHED
    frame = read_published(raw, ["trade_mexico_export_share"])
    rows = []
    for record in frame.to_dict("records"):
        row = record["source_row"]
        period = record["period"]
        if re.fullmatch(r"\d{4}", period):
            period_type = "calendar year"
        elif re.fullmatch(r"\d{4}-\d{2}", period):
            period_type = "month"
        elif pd.isna(record["value"]):
            period_type = "several years"
        else:
            raise DerivationError(path, f"period {period!r} is neither YYYY nor YYYY-MM", row=row, field="period")
        found = pd.notna(record["value"])
        if found and not record["unit"].startswith("%"):
            raise DerivationError(path, f"unit {record['unit']!r} is not a percentage", row=row, field="unit")
        stated = f"{record['indicator']} {record['unit']}".lower()
        scope = "non-oil exports" if "non-oil" in stated else "total exports" if "total" in stated else "not stated"
        rows.append({
            "period": period, "period_type": period_type, "share_pct": record["value"], "scope": scope if found else None,
            "status": record["status"] if found else "not found", "indicator": record["indicator"],
            "publisher": record["publisher"], "document": record["document"] or None, "source_url": record["url"] or None,
            "note": record["retrieved_note"] or None, "source_row": row,
        })
    table = pd.DataFrame(rows)
    table["source_row"] = table["source_row"].astype("Int64")
    return table.sort_values(["period", "source_row"]).reset_index(drop=True)


RESOURCES = resources_from_meta(__file__, derive={
    "us_trade_monthly": derive_monthly, "us_goods_trade_published": derive_published_trade,
    "mexico_export_share_published": derive_export_share,
})
