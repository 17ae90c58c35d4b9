"""Southwest border migration: Border Patrol apprehensions and CBP encounters, FY1925–FY2025,
plus published figures on asylum screening, Mexico's returns of Central Americans and Remain in Mexico.

Raw inputs (paths relative to RAW; provenance in ``migration/PROVENANCE.md``):

- ``migration/southwest_border_apprehensions_1960_2019.csv``, ``migration/nationwide_total_apprehensions_1925_2019.csv``,
  ``migration/other_than_mexico_apprehensions_2000_2019.csv``, ``migration/southwest_border_deaths_1998_2019.csv``:
  U.S. Border Patrol "Fiscal Year Statistics" tables (download: https://www.cbp.gov/newsroom/media-resources/stats ),
  parsed from CBP's PDFs by ``jacobkap/borderpatrol`` (MIT).
- ``migration/khsm_usbp_encounters_fy25m11.xlsx``: DHS Office of Homeland Security Statistics, Key Homeland
  Security Metrics "CBP Encounters – USBP" workbook (download: https://ohss.dhs.gov/khsm/cbp-encounters ), values
  rounded by OHSS to the nearest 10.
- ``migration/sbo-encounters-fy19-fy22.csv`` and ``migration/sbo-encounters-fy22-fy25-aug.csv``: CBP
  "Southwest Land Border Encounters" data files (download: https://www.cbp.gov/document/stats/southwest-land-border-encounters ).
- ``migration/nationwide-encounters-fy20-fy23-state.csv``: CBP "Nationwide Encounters" state file
  (download: https://www.cbp.gov/document/stats/nationwide-encounters ); 2.75 MB, aggregated here to
  fiscal year × citizenship for the southwest land border (the file itself is not copied).
- ``published_figures.csv`` topics ``migration_asylum`` and ``migration_mexico_enforcement`` (each row with its URL).

Definitions used throughout: an *apprehension* is a Border Patrol arrest under immigration law (Title 8); an
*encounter* (CBP's term from FY2020) adds Title 42 expulsions and, in CBP's "all encounters" series, people found
inadmissible by the Office of Field Operations (OFO) at ports of entry. All years are U.S. fiscal years
(1 October – 30 September, named for the year in which they end) unless a field says otherwise.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis.etl import DerivationError, read_csv_with_header, resources_from_meta
from analysis.etl.published import NOT_FOUND, read_published

HIST_SW = "migration/southwest_border_apprehensions_1960_2019.csv"
HIST_NATIONWIDE = "migration/nationwide_total_apprehensions_1925_2019.csv"
HIST_MEXICAN = "migration/other_than_mexico_apprehensions_2000_2019.csv"
HIST_DEATHS = "migration/southwest_border_deaths_1998_2019.csv"
KHSM = "migration/khsm_usbp_encounters_fy25m11.xlsx"
SBO_19_22 = "migration/sbo-encounters-fy19-fy22.csv"
SBO_22_25 = "migration/sbo-encounters-fy22-fy25-aug.csv"
NATIONWIDE_STATE = "migration/nationwide-encounters-fy20-fy23-state.csv"

CITIZENSHIP_GROUPS = ["Mexico", "Guatemala", "Honduras", "El Salvador", "Other"]
NORTHERN_TRIANGLE = ["Guatemala", "Honduras", "El Salvador"]
MONTHS = ["OCT", "NOV", "DEC", "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP"]
KHSM_LAST_COMPLETE_FY = 2024  # the workbook's FY2025 holds only the first months of the year
KHSM_REGIONS = ["Coastal Border", "Northern Land Border", "Southwest Land Border"]
KHSM_FAMILY_STATUS = {"Single Adults": "single adults", "Family Unit Individuals": "family unit individuals",
                      "Unaccompanied Children": "unaccompanied children"}
SBO_DEMOGRAPHICS = {"Single Adults": "single_adults", "FMUA": "family_units", "UC / Single Minors": "unaccompanied_children",
                    "UAC": "unaccompanied_children", "Accompanied Minors": "accompanied_minors"}
SBO_COMPONENTS = {"U.S. Border Patrol": "usbp", "Office of Field Operations": "ofo"}
SBO_TITLES = {"Title 8": "title_8", "Title 42": "title_42"}
# CBP's FY2001 table gives totals one above Mexican + other-than-Mexican for these rows (as printed by CBP);
# the totals are kept as published. Any other mismatch stops the derivation.
KNOWN_SUM_DISCREPANCIES = {("nationwide total", 2001), ("southwest border", 2001), ("rio grande valley", 2001)}
PUBLISHED_TOPICS = ["migration_asylum", "migration_mexico_enforcement"]

# --------------------------------------------------------------------------- helpers (tested)

def fiscal_month_to_date(fiscal_year: int, month: str) -> pd.Timestamp:
    """First day of a month of a U.S. fiscal year: October–December fall in the previous calendar year.

    ``month`` is a three-letter abbreviation (``OCT``) or KHSM's ``"01 October"`` form."""
    token = str(month).strip()
    if " " in token:
        token = token.split(" ", 1)[1]
    token = token[:3].upper()
    if token not in MONTHS:
        raise ValueError(f"month {month!r} is not a month name")
    calendar_month = (MONTHS.index(token) + 9) % 12 + 1
    calendar_year = fiscal_year - 1 if calendar_month >= 10 else fiscal_year
    return pd.Timestamp(year=calendar_year, month=calendar_month, day=1)


def fiscal_year_of(date: pd.Timestamp) -> int:
    """U.S. fiscal year of a date (October starts the next fiscal year)."""
    return date.year + 1 if date.month >= 10 else date.year


def citizenship_group(name: str) -> str:
    """Map a citizenship as CBP or OHSS spell it (``MEXICO``, ``El Salvador``) to the five CBP groups."""
    cleaned = " ".join(str(name).split()).casefold()
    for group in CITIZENSHIP_GROUPS[:-1]:
        if cleaned == group.casefold():
            return group
    return "Other"


def _integers(frame: pd.DataFrame, column: str, path: Path, *, allow_blank: bool = False, allow_decimal_zero: bool = False) -> pd.Series:
    """Whole numbers from text; ``"12.0"`` only where the file writes counts that way. Names the line of a bad cell."""
    values = []
    for line, text in zip(frame.index + 2, frame[column]):
        text = str(text).strip()
        if text in ("", "NA") and allow_blank:
            values.append(pd.NA)
            continue
        if allow_decimal_zero and text.endswith(".0"):
            text = text[:-2]
        if not text.isdigit():
            raise DerivationError(path, f"{text!r} is not a whole non-negative number", row=int(line), field=column)
        values.append(int(text))
    return pd.Series(values, index=frame.index, dtype="Int64")


# --------------------------------------------------------------------------- CBP historical tables

def _historical_total(raw: Path, relative: str, sector_total: str | None, value: str, first: int) -> pd.Series:
    path = raw / relative
    columns = ["sector", "fiscal_year", value] if sector_total else ["fiscal_year", value]
    frame = read_csv_with_header(path, columns)
    if sector_total:
        frame = frame[frame["sector"] == sector_total]
    years = _integers(frame, "fiscal_year", path)
    counts = _integers(frame, value, path)
    series = pd.Series(counts.to_numpy(), index=years.to_numpy(), name=value).sort_index()
    if series.index.duplicated().any():
        raise DerivationError(path, f"fiscal year {series.index[series.index.duplicated()][0]} appears twice", field="fiscal_year")
    expected = list(range(first, 2020))
    if list(series.index) != expected:
        raise DerivationError(path, f"expected fiscal years {first}–2019 without gaps", field="fiscal_year")
    return series


def _mexican_split(raw: Path) -> pd.DataFrame:
    path = raw / HIST_MEXICAN
    frame = read_csv_with_header(path, ["sector", "fiscal_year", "total_apprehensions", "mexican_apprehensions", "other_than_mexican_apprehensions"])
    for column in ("total_apprehensions", "mexican_apprehensions", "other_than_mexican_apprehensions"):
        # Livermore (closed sector) has "NA" rows from FY2006; missing counts are allowed only there.
        blank = frame[column].str.strip().isin(["", "NA"])
        if (blank & (frame["sector"] != "livermore")).any():
            line = int(frame.index[blank & (frame["sector"] != "livermore")][0]) + 2
            raise DerivationError(path, "blank count outside the closed Livermore sector", row=line, field=column)
        frame[column] = _integers(frame, column, path, allow_blank=True)
    frame["fiscal_year"] = _integers(frame, "fiscal_year", path)
    complete = frame.dropna(subset=["total_apprehensions"])
    mismatch = complete[complete["total_apprehensions"] != complete["mexican_apprehensions"] + complete["other_than_mexican_apprehensions"]]
    unexpected = [(s, int(y)) for s, y in zip(mismatch["sector"], mismatch["fiscal_year"]) if (s, int(y)) not in KNOWN_SUM_DISCREPANCIES]
    if unexpected:
        line = int(mismatch.index[0]) + 2
        raise DerivationError(path, f"total differs from Mexican + other-than-Mexican for {unexpected}", row=line, field="total_apprehensions")
    out = {}
    for sector, prefix in (("southwest border", "sw"), ("nationwide total", "nationwide")):
        part = frame[frame["sector"] == sector].set_index("fiscal_year").sort_index()
        if list(part.index) != list(range(2000, 2020)):
            raise DerivationError(path, f"expected FY2000–FY2019 rows for {sector!r}", field="fiscal_year")
        out[f"{prefix}_mexican_apprehensions"] = part["mexican_apprehensions"]
        out[f"{prefix}_total_check"] = part["total_apprehensions"]
    return pd.DataFrame(out)


def derive_historical(raw: Path, built: dict) -> pd.DataFrame:
    nationwide = _historical_total(raw, HIST_NATIONWIDE, None, "total_apprehensions", 1925)
    southwest = _historical_total(raw, HIST_SW, "southwest border", "total_apprehensions", 1960)
    deaths = _historical_total(raw, HIST_DEATHS, "southwest border", "deaths", 1998)
    split = _mexican_split(raw)
    # The nationality table must agree with the two total tables where they overlap.
    for prefix, totals, relative in (("sw", southwest, HIST_SW), ("nationwide", nationwide, HIST_NATIONWIDE)):
        differing = [fy for fy in split.index if split.at[fy, f"{prefix}_total_check"] != totals[fy]]
        if differing:
            raise DerivationError(raw / HIST_MEXICAN, f"{prefix} totals differ from {relative} in FY{differing}", field="total_apprehensions")
    frame = pd.DataFrame({"fiscal_year": nationwide.index})
    frame["nationwide_apprehensions"] = nationwide.to_numpy()
    frame["sw_apprehensions"] = frame["fiscal_year"].map(southwest).astype("Int64")
    frame["sw_mexican_apprehensions"] = frame["fiscal_year"].map(split["sw_mexican_apprehensions"]).astype("Int64")
    frame["nationwide_mexican_apprehensions"] = frame["fiscal_year"].map(split["nationwide_mexican_apprehensions"]).astype("Int64")
    frame["sw_deaths"] = frame["fiscal_year"].map(deaths).astype("Int64")
    return frame


# --------------------------------------------------------------------------- KHSM workbook (OHSS)

def read_khsm_sheet(raw: Path, sheet: str, columns: list[str]) -> pd.DataFrame:
    """One sheet of the KHSM workbook as a DataFrame, after checking its header and cell types.

    The header cells read ``Fiscal\\nYear``, ``Region`` …; the first column must be an integer fiscal year,
    the last a non-negative integer count. Errors name the workbook, sheet, row and field."""
    from openpyxl import load_workbook

    path = raw / KHSM
    workbook = load_workbook(path, read_only=True, data_only=True)
    try:
        if sheet not in workbook.sheetnames:
            raise DerivationError(path, f"sheet {sheet!r} not found (sheets: {workbook.sheetnames})")
        rows = list(workbook[sheet].iter_rows(values_only=True))
    finally:
        workbook.close()
    where = f"{path} [sheet {sheet!r}]"
    header = [" ".join(str(c).split()) if c is not None else "" for c in rows[0]]
    if header != columns:
        raise DerivationError(where, f"header {header} differs from {columns}", row=1)
    records = []
    for number, row in enumerate(rows[1:], start=2):
        if all(c is None for c in row):
            continue
        year, *labels, quantity = row
        if not isinstance(year, int) or not 2000 <= year <= 2100:
            raise DerivationError(where, f"fiscal year {year!r} is not an integer year", row=number, field=columns[0])
        if not isinstance(quantity, int) or isinstance(quantity, bool) or quantity < 0:
            raise DerivationError(where, f"count {quantity!r} is not a non-negative integer", row=number, field=columns[-1])
        if quantity % 10:
            raise DerivationError(where, f"count {quantity} is not rounded to 10 as OHSS publishes", row=number, field=columns[-1])
        for label, name in zip(labels, columns[1:-1]):
            if not isinstance(label, str) or not label.strip():
                raise DerivationError(where, f"label {label!r} is empty", row=number, field=name)
        records.append([year, *[label.strip() for label in labels], quantity])
    frame = pd.DataFrame(records, columns=["fiscal_year", *[c.lower().replace(" ", "_") for c in columns[1:-1]], "encounters"])
    return frame


def derive_khsm_region(raw: Path, built: dict) -> pd.DataFrame:
    frame = read_khsm_sheet(raw, "Annual Region", ["Fiscal Year", "Region", "Quantity"])
    unknown = set(frame["region"]) - set(KHSM_REGIONS)
    if unknown:
        raise DerivationError(raw / KHSM, f"unknown regions {sorted(unknown)} in sheet 'Annual Region'", field="Region")
    frame = frame[frame["fiscal_year"] <= KHSM_LAST_COMPLETE_FY]
    return frame.sort_values(["fiscal_year", "region"]).reset_index(drop=True)


def derive_khsm_citizenship(raw: Path, built: dict) -> pd.DataFrame:
    frame = read_khsm_sheet(raw, "Annual Rgn and Citp", ["Fiscal Year", "Region", "Citizenship", "Quantity"])
    frame = frame[(frame["region"] == "Southwest Land Border") & (frame["fiscal_year"] <= KHSM_LAST_COMPLETE_FY)]
    frame = frame.assign(citizenship_group=frame["citizenship"].map(citizenship_group))
    frame = frame[["fiscal_year", "citizenship", "citizenship_group", "encounters"]]
    return frame.sort_values(["fiscal_year", "citizenship"]).reset_index(drop=True)


def derive_khsm_family(raw: Path, built: dict) -> pd.DataFrame:
    frame = read_khsm_sheet(raw, "Annual Rgn and Fam Status", ["Fiscal Year", "Region", "Family Status", "Quantity"])
    unknown = set(frame["family_status"]) - set(KHSM_FAMILY_STATUS)
    if unknown:
        raise DerivationError(raw / KHSM, f"unknown family status {sorted(unknown)} in sheet 'Annual Rgn and Fam Status'", field="Family Status")
    frame = frame[(frame["region"] == "Southwest Land Border") & (frame["fiscal_year"] <= KHSM_LAST_COMPLETE_FY)]
    frame = frame.assign(family_status=frame["family_status"].map(KHSM_FAMILY_STATUS))[["fiscal_year", "family_status", "encounters"]]
    return frame.sort_values(["fiscal_year", "family_status"]).reset_index(drop=True)


# --------------------------------------------------------------------------- CBP Southwest Land Border Encounters

SBO_COLUMNS = ["Fiscal Year", "Month Grouping", "Month (abbv)", "Component", "Demographic", "Citizenship Grouping",
               "Title of Authority", "Encounter Type", "Encounter Count"]


def read_sbo(raw: Path, relative: str) -> pd.DataFrame:
    """One CBP Southwest Land Border Encounters file, checked and typed (date = 1st of the month)."""
    path = raw / relative
    frame = read_csv_with_header(path, SBO_COLUMNS)
    checks = {"Component": SBO_COMPONENTS, "Demographic": SBO_DEMOGRAPHICS, "Title of Authority": SBO_TITLES,
              "Citizenship Grouping": {g: g for g in CITIZENSHIP_GROUPS}, "Month (abbv)": {m: m for m in MONTHS}}
    for column, allowed in checks.items():
        bad = ~frame[column].isin(list(allowed))
        if bad.any():
            line = int(frame.index[bad][0]) + 2
            raise DerivationError(path, f"unexpected value {frame.loc[frame.index[bad][0], column]!r}", row=line, field=column)
    years = []
    for line, text in zip(frame.index + 2, frame["Fiscal Year"]):
        token = text.replace("(FYTD)", "").strip()
        if not (token.isdigit() and len(token) == 4):
            raise DerivationError(path, f"fiscal year {text!r} is not a year", row=int(line), field="Fiscal Year")
        years.append(int(token))
    counts = _integers(frame, "Encounter Count", path, allow_decimal_zero=True)
    out = pd.DataFrame({
        "fiscal_year": years,
        "date": [fiscal_month_to_date(y, m) for y, m in zip(years, frame["Month (abbv)"])],
        "citizenship": frame["Citizenship Grouping"].to_numpy(),
        "component": frame["Component"].map(SBO_COMPONENTS).to_numpy(),
        "demographic": frame["Demographic"].map(SBO_DEMOGRAPHICS).to_numpy(),
        "title": frame["Title of Authority"].map(SBO_TITLES).to_numpy(),
        "encounters": counts.to_numpy(),
    })
    return out


def sbo_rows(raw: Path) -> pd.DataFrame:
    """Both Southwest Land Border Encounters files as one table of rows, FY2019 on (``read_sbo`` columns).

    FY2022 is in both files; they must agree, and the later release is used from FY2022 on."""
    early = read_sbo(raw, SBO_19_22)
    late = read_sbo(raw, SBO_22_25)
    overlap = [early[early["fiscal_year"] == 2022], late[late["fiscal_year"] == 2022]]
    keys = ["date", "citizenship", "component", "demographic", "title"]
    sums = [part.groupby(keys)["encounters"].sum() for part in overlap]
    if not sums[0].sort_index().equals(sums[1].sort_index()):
        raise DerivationError(raw / SBO_19_22, "FY2022 rows differ from the FY22–FY25 release", field="Encounter Count")
    return pd.concat([early[early["fiscal_year"] < 2022], late], ignore_index=True)


def derive_sbo_monthly(raw: Path, built: dict) -> pd.DataFrame:
    rows = sbo_rows(raw)
    total = rows.groupby(["date", "fiscal_year", "citizenship"], as_index=False)["encounters"].sum()
    parts = [total]
    for column, names in (("component", SBO_COMPONENTS), ("title", SBO_TITLES), ("demographic", SBO_DEMOGRAPHICS)):
        wide = rows.pivot_table(index=["date", "citizenship"], columns=column, values="encounters", aggfunc="sum", fill_value=0)
        wide = wide.reindex(columns=sorted(set(names.values())), fill_value=0).reset_index()
        parts.append(wide)
    frame = parts[0]
    for part in parts[1:]:
        frame = frame.merge(part, on=["date", "citizenship"], how="left", validate="one_to_one")
    # Every month of the covered span must have all five groups (CBP writes zero rows explicitly).
    months = pd.date_range(frame["date"].min(), frame["date"].max(), freq="MS")
    if len(frame) != len(months) * len(CITIZENSHIP_GROUPS):
        raise DerivationError(raw / SBO_22_25, "some month × citizenship cells are missing", field="Month (abbv)")
    frame["citizenship"] = pd.Categorical(frame["citizenship"], categories=CITIZENSHIP_GROUPS, ordered=True)
    frame = frame.sort_values(["date", "citizenship"]).reset_index(drop=True)
    frame["citizenship"] = frame["citizenship"].astype(str)
    for column in frame.columns.drop(["date", "citizenship"]):
        frame[column] = frame[column].astype("int64")
    return frame


SBO_ANNUAL_COMPONENTS = {"usbp": "U.S. Border Patrol", "ofo": "Office of Field Operations"}
SBO_ANNUAL_AUTHORITIES = {"title_8": "Title 8", "title_42": "Title 42"}
FY_STATUS = ["complete fiscal year", "partial fiscal year"]


def derive_sbo_annual(raw: Path, built: dict) -> pd.DataFrame:
    """Encounters by fiscal year, component and legal authority (every combination, zeros kept), with the
    number of months the files hold for the year; a year with fewer than 12 months is a partial year."""
    rows = sbo_rows(raw)
    months = rows.groupby("fiscal_year")["date"].nunique()
    if (months > 12).any():
        raise DerivationError(raw / SBO_22_25, f"more than 12 months in FY{int(months[months > 12].index[0])}", field="Month (abbv)")
    sums = rows.groupby(["fiscal_year", "component", "title"])["encounters"].sum()
    full = pd.MultiIndex.from_product([sorted(months.index), list(SBO_ANNUAL_COMPONENTS), list(SBO_ANNUAL_AUTHORITIES)],
                                      names=["fiscal_year", "component", "title"])
    frame = sums.reindex(full, fill_value=0).reset_index()
    frame["months"] = frame["fiscal_year"].map(months).astype("int64")
    frame["status"] = frame["months"].map(lambda n: FY_STATUS[0] if n == 12 else FY_STATUS[1])
    frame["first_month"] = frame["fiscal_year"].map(rows.groupby("fiscal_year")["date"].min())
    frame["last_month"] = frame["fiscal_year"].map(rows.groupby("fiscal_year")["date"].max())
    frame["component"] = frame["component"].map(SBO_ANNUAL_COMPONENTS)
    frame["authority"] = frame["title"].map(SBO_ANNUAL_AUTHORITIES)
    frame["encounters"] = frame["encounters"].astype("int64")
    frame["fiscal_year"] = frame["fiscal_year"].astype("int64")
    columns = ["fiscal_year", "component", "authority", "encounters", "months", "first_month", "last_month", "status"]
    return frame[columns].sort_values(["fiscal_year", "component", "authority"]).reset_index(drop=True)


# --------------------------------------------------------------------------- CBP Nationwide Encounters (state file)

NATIONWIDE_COLUMNS = ["Fiscal Year", "Month Grouping", "Month (abbv)", "Land Border Region", "State", "Demographic",
                      "Citizenship", "Title of Authority", "Encounter Count"]


def derive_nationwide_citizenship(raw: Path, built: dict) -> pd.DataFrame:
    path = raw / NATIONWIDE_STATE
    frame = read_csv_with_header(path, NATIONWIDE_COLUMNS)
    for column, allowed in (("Land Border Region", ["Northern Land Border", "Southwest Land Border", "Other"]),
                            ("Title of Authority", list(SBO_TITLES)), ("Month (abbv)", MONTHS)):
        bad = ~frame[column].isin(allowed)
        if bad.any():
            raise DerivationError(path, f"unexpected value {frame.loc[frame.index[bad][0], column]!r}", row=int(frame.index[bad][0]) + 2, field=column)
    blank = frame["Citizenship"].str.strip() == ""
    if blank.any():
        raise DerivationError(path, "empty citizenship", row=int(frame.index[blank][0]) + 2, field="Citizenship")
    frame["fiscal_year"] = _integers(frame, "Fiscal Year", path).astype(int)
    frame["encounters"] = _integers(frame, "Encounter Count", path).astype(int)
    sw = frame[frame["Land Border Region"] == "Southwest Land Border"]
    out = sw.pivot_table(index=["fiscal_year", "Citizenship"], columns="Title of Authority", values="encounters", aggfunc="sum", fill_value=0)
    out = out.reindex(columns=list(SBO_TITLES), fill_value=0).rename(columns=SBO_TITLES).reset_index()
    out = out.rename(columns={"Citizenship": "citizenship"})
    out["encounters"] = out["title_8"] + out["title_42"]
    out["citizenship_group"] = out["citizenship"].map(citizenship_group)
    out = out[["fiscal_year", "citizenship", "citizenship_group", "encounters", "title_8", "title_42"]]
    return out.sort_values(["fiscal_year", "citizenship"]).reset_index(drop=True).astype({c: "int64" for c in ("fiscal_year", "encounters", "title_8", "title_42")})


# --------------------------------------------------------------------------- published figures



def period_type(period: str) -> str:
    """How a published figure's period is counted: ``FY…`` → U.S. fiscal year; a bare year → calendar
    year; anything else (month ranges, "as of" dates, several years) → date range."""
    text = str(period).strip()
    if text.startswith("FY") and text[2:].isdigit() and len(text) == 6:
        return "U.S. fiscal year"
    if text.isdigit() and len(text) == 4:
        return "calendar year"
    return "date range"


def derive_published(raw: Path, built: dict) -> pd.DataFrame:
    """Rows of ``published_figures.csv`` for the chapter's topics. Rows the collectors marked ``NOT FOUND``
    are kept with an empty value and status ``not found`` so the book can say what is missing.

    Checks (URL, numbers, header) are those of the shared ``read_published``."""
    return published_rows(read_published(raw, PUBLISHED_TOPICS))


def published_rows(frame: pd.DataFrame) -> pd.DataFrame:
    """The rows of a ``read_published`` frame in the chapter's published-figures layout (see ``derive_published``)."""
    rows = []
    for record in frame.to_dict("records"):
        if record["value_text"].strip() == NOT_FOUND:
            value, status, url = None, "not found", None
        else:
            value, status, url = record["value"], record["status"], record["url"]
        rows.append({
            "source_row": record["source_row"], "topic": record["topic"], "indicator": record["indicator"], "geo": record["geo"],
            "period": record["period"], "period_type": period_type(record["period"]), "value": value,
            "unit": record["unit"] or None, "status": status, "publisher": record["publisher"] or None,
            "document": record["document"] or None, "source_url": url, "note": record["retrieved_note"] or None,
        })
    columns = ["source_row", "topic", "indicator", "geo", "period", "period_type", "value", "unit", "status", "publisher",
               "document", "source_url", "note"]
    out = pd.DataFrame(rows, columns=columns)
    out["source_row"] = out["source_row"].astype("int64")
    return out


# --------------------------------------------------------------------------- resources (metadata: migration.meta.yml)
RESOURCES = resources_from_meta(__file__, derive={
    "usbp_apprehensions_historical": derive_historical, "usbp_encounters_region_annual": derive_khsm_region,
    "usbp_sw_citizenship_annual": derive_khsm_citizenship, "usbp_sw_family_status_annual": derive_khsm_family,
    "sw_border_encounters_monthly": derive_sbo_monthly, "sw_border_encounters_annual": derive_sbo_annual,
    "sw_border_encounters_citizenship_fy": derive_nationwide_citizenship, "migration_published_figures": derive_published,
})
