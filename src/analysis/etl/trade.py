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
from analysis.etl import DerivationError, Resource, field_, read_csv_with_header
from analysis.etl.published import PUBLISHED, URL_PATTERN, calendar_year, read_published

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
UNIT = "USD million, current, NSA"

CENSUS_SOURCE = {
    "title": "U.S. Census Bureau, U.S. Trade in Goods by Country (country.xlsx), monthly, not seasonally adjusted",
    "path": "https://www.census.gov/foreign-trade/balance/country.xlsx",
    "publisher": "U.S. Census Bureau",
}
CENSUS_MEXICO_PAGE = {
    "title": "U.S. Census Bureau, Trade in Goods with Mexico (c2010)",
    "path": "https://www.census.gov/foreign-trade/balance/c2010.html",
    "publisher": "U.S. Census Bureau",
}

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

FLOWS = ["exports", "imports", "total trade", "balance", "exports and imports"]


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


RESOURCES = [
    Resource(
        name="us_trade_monthly",
        folder="trade",
        title="U.S. goods trade with Mexico, Canada, China and the world, monthly (Census)",
        description=(
            "Monthly U.S. goods exports to and general imports from Mexico, Canada and China (January 1985 – October 2023) "
            "and the world total (January 1987 – October 2023), millions of current U.S. dollars, not seasonally adjusted. "
            "Exports are total exports (F.A.S. value); imports are general imports (customs value). balance = exports − imports; "
            "total_trade = exports + imports. Months are calendar months (date = 1st of the month). November and December 2023 "
            "are blank in the source vintage and are not included, so 2023 is a partial year: annual sums must count months. "
            "Sums of 12 months differ from the Census annual totals by up to about 0.7% because annual revisions are not spread "
            "over the monthly cells (2018 imports from Mexico: 343,680.5 here, about 346,100 in later Census totals); use "
            "us_goods_trade_published for official annual totals. Values are rounded to 6 decimals (the source's precision)."
        ),
        sources=[CENSUS_SOURCE, CENSUS_MEXICO_PAGE,
                 {"title": "bdecon/US-chartbook, chartbook/data/trade_partner.csv (commit 0393a52), copy of the Census workbook",
                  "path": "https://github.com/bdecon/US-chartbook", "publisher": "Brian Dew (US Chartbook)"}],
        fields=[
            field_("date", "date", "Calendar month (1st of the month)", required=True),
            field_("partner", "string", "Trading partner of the United States", required=True, enum=PARTNER_ORDER),
            field_("exports_usd_mn", "number", "U.S. total exports of goods to the partner (F.A.S.)", unit=UNIT, required=True, minimum=0),
            field_("imports_usd_mn", "number", "U.S. general imports of goods from the partner (customs value)", unit=UNIT, required=True, minimum=0),
            field_("balance_usd_mn", "number", "U.S. goods trade balance with the partner, exports − imports (negative = U.S. deficit)", unit=UNIT, required=True),
            field_("total_trade_usd_mn", "number", "Exports + imports", unit=UNIT, required=True, minimum=0),
        ],
        primary_key=["date", "partner"],
        derive=derive_monthly,
        period=("date", "month"),
    ),
    Resource(
        name="us_goods_trade_published",
        folder="trade",
        title="U.S. goods trade with Mexico, Canada, China and the world: annual totals as published, 2015–2025",
        description=(
            "Calendar-year U.S. goods exports, imports, total trade or balance with Mexico, Canada, China and the world (partner "
            "'World' = all countries) as published by the Census Bureau, the Commerce Department or USITC, or as reported by the "
            "press or a state government citing them, one row per published figure with its URL. Rows come from "
            "published_figures.csv (topic trade_us_goods; line in source_row) and from the project's collection "
            "collected/trade_figures.csv (line in collected_row); a collected row replaces a published_figures.csv row with the "
            "same partner, year, flow and status, and its note says which. Kept apart from us_trade_monthly because these totals "
            "include annual revisions. approximate = the source rounds to billions. status = preliminary, revised or final as the "
            "source states; 'not found' rows record figures that were looked for and not located (value empty), among them the "
            "2025 split of trade into exports and imports. Where two versions exist (China 2022), both are kept."
        ),
        sources=[{"title": "Project compilation of published U.S. goods trade totals (URL per row)",
                  "path": "https://www.census.gov/foreign-trade/balance/index.html", "publisher": "U.S. Census Bureau (as published or reported)"}],
        fields=[
            field_("partner", "string", "Trading partner of the United States", required=True, enum=PARTNERS_PUBLISHED),
            field_("year", "integer", "Calendar year", required=True, minimum=2000),
            field_("flow", "string", "Which flow the figure measures", required=True, enum=FLOWS),
            field_("value_usd_mn", "number", "The published figure (empty when not found)", unit="USD million, current"),
            field_("approximate", "boolean", "The source rounds the figure (e.g. to billions)", required=True),
            field_("status", "string", "Vintage of the figure as the source states it", required=True,
                   enum=["preliminary", "revised", "final", "unspecified", "not found"]),
            field_("indicator", "string", "Indicator as recorded with the figure", required=True),
            field_("publisher", "string", "Original publisher of the statistic", required=True),
            field_("document", "string", "Release or document where the figure appears"),
            field_("source_url", "string", "URL of the page where the figure was seen", pattern=URL_PATTERN),
            field_("note", "string", "Remarks on the source (secondary source, rounding, missing split)"),
            field_("source_row", "integer", "Line of published_figures.csv", minimum=2),
            field_("collected_row", "integer", "Line of collected/trade_figures.csv, for rows from the project's own collection", minimum=2),
        ],
        primary_key=["partner", "year", "flow", "status"],
        derive=derive_published_trade,
        period=("year", "calendar year"),
        status_field="status",
    ),
    Resource(
        name="mexico_export_share_published",
        folder="trade",
        title="Share of Mexico's exports going to the United States, as published",
        description=(
            "Percentage of Mexico's exports whose destination is the United States, as published by Banco de México or "
            "INEGI or reported by the press citing them (published_figures.csv, topic trade_mexico_export_share). Periods "
            "are calendar years, or single months where marked. scope says whether the share is of total or non-oil "
            "exports as the figure's indicator or unit states it ('not stated' otherwise; for 2011 the note records that the "
            "source's context suggests non-oil exports). Annual shares for 2015 and 2018–2023 "
            "were not found (row kept with an empty value)."
        ),
        sources=[{"title": "Project compilation of published export-share figures (URL per row)",
                  "path": "https://www.inegi.org.mx/temas/balanza/", "publisher": "INEGI / Banco de México (as reported)"}],
        fields=[
            field_("period", "string", "Calendar year (YYYY) or month (YYYY-MM); a list of years for a not-found row", required=True),
            field_("period_type", "string", "Kind of period", required=True, enum=["calendar year", "month", "several years"]),
            field_("share_pct", "number", "Share of Mexico's exports going to the U.S. (empty when not found)", unit="percent", minimum=0, maximum=100),
            field_("scope", "string", "Which exports the share is of", enum=["total exports", "non-oil exports", "not stated"]),
            field_("status", "string", "Vintage as the source states it", required=True, enum=["preliminary", "revised", "final", "unspecified", "not found"]),
            field_("indicator", "string", "Indicator as recorded with the figure", required=True),
            field_("publisher", "string", "Original publisher of the statistic", required=True),
            field_("document", "string", "Release or document where the figure appears"),
            field_("source_url", "string", "URL of the page where the figure was seen", pattern=URL_PATTERN),
            field_("note", "string", "Remarks on the source"),
            field_("source_row", "integer", "Line of published_figures.csv", required=True, minimum=2, unique=True),
        ],
        primary_key=["source_row"],
        derive=derive_export_share,
    ),
]
