"""Security chapter: homicides in Mexico, U.S. overdose deaths, corruption perceptions, opium poppy
and Mérida Initiative funding.

Raw inputs (paths relative to RAW) and the publishers' download pages:
- ``security/sesnsp_victimas_delitos_ent_nac_x100khab_genero.csv.bz2``: SESNSP, "Datos abiertos de
  incidencia delictiva — Víctimas (fuero común)", annual victims by state, crime subtype, modality and sex
  (https://www.gob.mx/sesnsp/acciones-y-programas/datos-abiertos-de-incidencia-delictiva ; bzip2 copy from
  isaacarroyov/datos_facil_acceso, ``GobiernoMexicano/sesnsp/db_victimas_delitos_ent_nac_x100khab_genero.csv.bz2``).
- ``security/diegovalle_table_inegi_sesnsp_homicides_1990_2017.csv``: INEGI, Estadísticas de mortalidad,
  national homicides 1990–2016 (https://www.inegi.org.mx/programas/mortalidad/ ; compiled by Diego
  Valle-Jones, diegovalle/new.crimenmexico ``R/data/table-inegi-sesnsp.csv``). Read as UTF-8 (see read_valle).
- ``security/gargiulo_inegi_homicides_state_month_2000_2022.csv``: INEGI death-certificate microdata
  (https://www.inegi.org.mx/programas/mortalidad/#Microdatos) aggregated to state × month of occurrence by
  Gargiulo, Aburto & Floridi (2024), doi:10.17605/OSF.IO/U8DC3. Pipe-delimited.
- ``security/cdc_nchs_drug_overdose_death_rates_by_drug_type_1999_2018.csv``: CDC/NCHS, Drug overdose
  death rates by drug type (https://data.cdc.gov/api/views/95ax-ymtc/rows.csv).
- ``security/datahub_cpi_1995_2017.csv``: Transparency International CPI 1995–2017 on a 0–10 scale
  (https://www.transparency.org/en/cpi ; copy from datasets/corruption-perceptions-index ``data/cpi.csv``; Latin-1).
- ``security/cdc_vsrr_provisional_od_deaths_US_extract_2015_2025apr.csv``: CDC/NCHS, VSRR provisional drug
  overdose death counts, United States, 12 months ending each December 2015–2024, September 2024 and April 2025
  (https://data.cdc.gov/api/views/xkb8-kh2a/rows.csv ; row extract from ellaprince90/overdose-data-us).
- ``published_figures.csv`` and the project's ``collected/security_figures.csv`` (same columns): topics
  ``security_homicides`` (INEGI releases 2017–2024), ``drugs_overdose_us``, ``corruption_cpi``, ``drugs_poppy``,
  ``security_assistance_merida``; each row has its URL. Where both files give the same figure, the collected row
  (a better source for it) is kept; two different values are an error.
- ``security/owid_cpi_transparency_international_2012_2018.csv`` is read only by the tests (cross-check).

The further published figures of the chapter (assistance totals, UNODC poppy surveys, seizures, figures not
found) are derived in :mod:`analysis.etl.security_published`.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from analysis.etl import DerivationError, read_csv_with_header, resources_from_meta
from analysis.etl.published import COLLECTED, PUBLISHED, calendar_year, fiscal_year_span, read_published, source_label

SESNSP = "security/sesnsp_victimas_delitos_ent_nac_x100khab_genero.csv.bz2"
VALLE = "security/diegovalle_table_inegi_sesnsp_homicides_1990_2017.csv"
GARGIULO = "security/gargiulo_inegi_homicides_state_month_2000_2022.csv"
CDC = "security/cdc_nchs_drug_overdose_death_rates_by_drug_type_1999_2018.csv"
DATAHUB_CPI = "security/datahub_cpi_1995_2017.csv"
OWID_CPI = "security/owid_cpi_transparency_international_2012_2018.csv"
VSRR = "security/cdc_vsrr_provisional_od_deaths_US_extract_2015_2025apr.csv"
COLLECTED_FIGURES = f"{COLLECTED}/security_figures.csv"
FIGURE_FILES = (PUBLISHED, COLLECTED_FIGURES)  # read in this order; see read_published_figures

SESNSP_LAST_FULL_YEAR = 2024  # 2025 rows cover only part of the year and are left out
CRIMES = {"homicidio doloso": ("Homicidio doloso", "Total"), "feminicidio": ("Feminicidio", "Mujer")}

# Published rows deliberately not used, with the reason (checked to exist, so the list cannot go stale).
EXCLUDED = {
    ("drugs_overdose_us", "overdose deaths involving synthetic opioids other than methadone, count", "2023"):
        "source is a dataset-search page describing a Statista chart ('involved fentanyl'), not a CDC publication",
}

# Sources whose URL the derivation writes on its rows; the same entries are in security.meta.yml
# (tests/test_etl_meta.py checks they agree).
SOURCE_INEGI = {"title": "INEGI, Estadísticas de mortalidad: defunciones por homicidio 1990–2016 (compiled by D. Valle-Jones, diegovalle/new.crimenmexico)",
                "path": "https://www.inegi.org.mx/programas/mortalidad/", "publisher": "Instituto Nacional de Estadística y Geografía (INEGI)"}
SOURCE_CDC = {"title": "CDC/NCHS, Drug overdose death rates, by drug type, sex, age, race, and Hispanic origin: United States (Health, United States)",
              "path": "https://data.cdc.gov/api/views/95ax-ymtc/rows.csv", "publisher": "Centers for Disease Control and Prevention, National Center for Health Statistics"}
SOURCE_DATAHUB_CPI = {"title": "Transparency International, Corruption Perceptions Index 1995–2017 (datasets/corruption-perceptions-index, 0–10 scale)",
                      "path": "https://www.transparency.org/en/cpi", "publisher": "Transparency International"}


# --------------------------------------------------------------------------- published figures
def read_published_figures(raw: Path, topic: str) -> pd.DataFrame:
    """Rows of ``published_figures.csv`` and ``collected/security_figures.csv`` for ``topic`` that hold a
    number, with ``source_file`` and ``source_row``.

    Unlike :func:`analysis.etl.published.read_published`, rows whose value is ``NOT FOUND`` (a
    documented gap) or a range ``low-high`` are skipped rather than refused, so missing figures stay
    missing; any other non-number is an error. Identical duplicate rows are kept once. When the
    collected file gives the same value as the collectors' file for the same indicator, period and
    status, its row (a better source for the same figure) replaces the other; two different values
    for the same indicator, period and status are an error.
    """
    frame = read_published(raw, [topic], files=FIGURE_FILES)
    if frame.empty:
        raise DerivationError(raw / PUBLISHED, f"no rows for topic {topic!r}", field="topic")
    keep, values = [], []
    for index, record in frame.iterrows():
        if pd.isna(record["value"]):  # NOT FOUND or a range: missing stays missing
            continue
        if (topic, record["indicator"], record["period"]) in EXCLUDED:
            continue
        if record["status"] not in ("preliminary", "final", "revised", "provisional"):
            raise DerivationError(raw / record["source_file"], f"status {record['status']!r} not preliminary/final/revised/provisional",
                                  row=record["source_row"], field="status")
        keep.append(index)
        values.append(record["value"])
    out = frame.loc[keep].assign(value=values)
    for key in EXCLUDED:
        if key[0] == topic and not ((frame["indicator"] == key[1]) & (frame["period"] == key[2])).any():
            raise DerivationError(raw / PUBLISHED, f"excluded row {key} no longer present; update EXCLUDED", field="period")
    out = out.drop_duplicates(subset=["indicator", "period", "status", "value", "url"])
    improved = out.duplicated(subset=["indicator", "period", "status", "value"], keep=False) & (out["source_file"] != COLLECTED_FIGURES)
    superseded = improved & out.groupby(["indicator", "period", "status", "value"])["source_file"].transform(lambda f: (f == COLLECTED_FIGURES).any())
    out = out[~superseded]
    clash = out.duplicated(subset=["indicator", "period", "status"], keep=False)
    if clash.any():
        first = out[clash].iloc[0]
        raise DerivationError(raw / first["source_file"], f"two different values for {first['indicator']!r} {first['period']} ({first['status']})",
                              row=int(first["source_row"]), field="value")
    return out.reset_index(drop=True)


def read_published_indicators(raw: Path, topic: str, indicators) -> pd.DataFrame:
    """:func:`read_published_figures` for ``topic``, refusing any indicator not in ``indicators``."""
    published = read_published_figures(raw, topic)
    unknown = set(published["indicator"]) - set(indicators)
    if unknown:
        raise DerivationError(raw / PUBLISHED, f"unexpected {topic} indicators {sorted(unknown)}", field="indicator")
    return published


def _years(raw: Path, frame: pd.DataFrame) -> list[int]:
    """The calendar year of each published row; an error names the file and row of any other period."""
    return [calendar_year(p, raw / f, r) for p, f, r in zip(frame["period"], frame["source_file"], frame["source_row"])]


HOMICIDE_COUNT = "homicides (defunciones por homicidio), count"
HOMICIDE_RATE = "homicide rate per 100k"


def read_valle(raw: Path) -> pd.DataFrame:
    """INEGI homicides 1990–2016 from the compiled table (two header lines; SQL notes below the data)."""
    path = raw / VALLE
    # PROVENANCE calls the file Latin-1, but its bytes are valid UTF-8 ("Año" is C3 B1; the footer holds one U+FFFD).
    table = pd.read_csv(path, encoding="utf-8", header=None, dtype="string", keep_default_na=False)
    if table.iloc[0, 0] != "Año" or table.iloc[1, 2] != "Homicidios INEGI":
        raise DerivationError(path, f"unexpected header {table.iloc[0, 0]!r} / {table.iloc[1, 2]!r}", row=1)
    rows = []
    for line, (year, count) in enumerate(zip(table[0], table[2]), start=1):
        if not re.fullmatch(r"\d{4}", year or ""):
            continue
        if count == "":
            continue  # years after 2016: no INEGI figure in this compilation
        if not count.isdigit():
            raise DerivationError(path, f"INEGI homicides {count!r} is not a count", row=line, field="Homicidios INEGI")
        rows.append({"year": int(year), "homicides": int(count), "source_row": line})
    frame = pd.DataFrame(rows)
    if frame["year"].min() != 1990 or frame["year"].max() != 2016 or frame["year"].duplicated().any() or len(frame) != 27:
        raise DerivationError(path, f"expected one INEGI value per year 1990–2016, found years {frame['year'].tolist()}")
    return frame


def derive_national(raw: Path, built: dict) -> pd.DataFrame:
    compiled = read_valle(raw)
    published = read_published_indicators(raw, "security_homicides", [HOMICIDE_COUNT, HOMICIDE_RATE])
    path = raw / PUBLISHED
    rows = []
    for record in compiled.to_dict("records"):
        rows.append({"year": record["year"], "homicides": record["homicides"], "status": "final", "homicides_preliminary": pd.NA,
                     "rate_published": float("nan"), "source": "INEGI mortality statistics as compiled by D. Valle-Jones (2018)",
                     "source_url": SOURCE_INEGI["path"]})
    counts = published[published["indicator"] == HOMICIDE_COUNT]
    rates = published[published["indicator"] == HOMICIDE_RATE]
    years = sorted(set(_years(raw, counts)))
    if set(years) & set(compiled["year"]):
        raise DerivationError(path, f"published INEGI years {sorted(set(years) & set(compiled['year']))} overlap the compiled file", field="period")
    for year in years:
        by_status = {s: g for s, g in counts[counts["period"] == str(year)].groupby("status")}
        status = "final" if "final" in by_status else "preliminary"
        if status not in by_status:
            raise DerivationError(path, f"{year}: homicide count is neither final nor preliminary", field="status")
        best = by_status[status].iloc[0]
        rate = rates[(rates["period"] == str(year)) & (rates["status"] == status)]
        prelim = by_status["preliminary"].iloc[0]["value"] if "preliminary" in by_status else None
        rows.append({"year": year, "homicides": int(best["value"]), "status": status,
                     "homicides_preliminary": int(prelim) if prelim is not None else pd.NA,
                     "rate_published": float(rate.iloc[0]["value"]) if len(rate) else float("nan"),
                     "source": f"INEGI, {best['document']} (reported by the press)", "source_url": best["url"]})
    frame = pd.DataFrame(rows).sort_values("year").reset_index(drop=True)
    if frame["year"].tolist() != list(range(frame["year"].min(), frame["year"].max() + 1)):
        raise DerivationError(path, f"INEGI national series has gaps: {frame['year'].tolist()}", field="period")
    population = built["country_indicators"]
    mex = population[population["country_code"] == "MEX"].set_index("year")["population"]
    frame["population"] = frame["year"].map(mex).astype("Int64")
    if frame["population"].isna().any():
        raise DerivationError("country_indicators", f"no World Bank population for Mexico in {frame.loc[frame['population'].isna(), 'year'].tolist()}", field="population")
    frame["rate_per_100k"] = (frame["homicides"] / frame["population"].astype(float) * 100_000).round(2)
    frame["homicides_preliminary"] = frame["homicides_preliminary"].astype("Int64")
    frame["revision"] = (frame["homicides"] - frame["homicides_preliminary"]).where(frame["status"] == "final").astype("Int64")
    return frame


# --------------------------------------------------------------------------- SESNSP by state
SESNSP_HEADER = ["n_year", "cve_ent", "nombre_estado", "bien_juridico_afectado", "tipo_de_delito", "subtipo_de_delito", "modalidad",
                 "genero", "n_victimas", "n_victimas_x100khab", "n_victimas_x100kmujeres"]
KIDNAPPING_MODALITIES = ["Secuestro extorsivo", "Secuestro con calidad de rehén", "Secuestro para causar daño", "Secuestro exprés",
                         "Otro tipo de secuestros"]


def read_sesnsp(raw: Path) -> pd.DataFrame:
    """The SESNSP victims file as text, with ``source_row`` (its line number)."""
    path = raw / SESNSP
    return read_csv_with_header(path, SESNSP_HEADER, line_column="source_row", compression="bz2")


def _sesnsp_victims(raw: Path, table: pd.DataFrame, subtype: str, sex: str, label: str) -> pd.DataFrame:
    """Rows of one crime subtype and sex, checked (counts, years, rates, no duplicate modality), with the
    national rows (cve_ent 00) checked against the sum of the states per year and modality and dropped;
    full calendar years only. Columns: year, state_code, modalidad, victims, rate (per 100,000 inhabitants)."""
    path = raw / SESNSP
    part = table[(table["subtipo_de_delito"] == subtype) & (table["genero"] == sex)]
    if part.empty:
        raise DerivationError(path, f"no rows with subtipo_de_delito {subtype!r} and genero {sex!r}", field="subtipo_de_delito")
    first_bad = lambda mask: int(part.loc[mask, "source_row"].iloc[0])
    bad = ~part["n_victimas"].str.fullmatch(r"\d+")
    if bad.any():
        raise DerivationError(path, f"victims {part.loc[bad, 'n_victimas'].iloc[0]!r} is not a count", row=first_bad(bad), field="n_victimas")
    bad = ~part["n_year"].str.fullmatch(r"\d{4}")
    if bad.any():
        raise DerivationError(path, "year is not four digits", row=first_bad(bad), field="n_year")
    bad = ~part["n_victimas_x100khab"].str.fullmatch(r"\d+(\.\d+)?(e-?\d+)?")
    if bad.any():
        raise DerivationError(path, f"rate {part.loc[bad, 'n_victimas_x100khab'].iloc[0]!r} is not a number", row=first_bad(bad), field="n_victimas_x100khab")
    part = part.assign(year=part["n_year"].astype(int), victims=part["n_victimas"].astype(int), rate=part["n_victimas_x100khab"].astype(float))
    dup = part.duplicated(["year", "cve_ent", "modalidad"])
    if dup.any():
        raise DerivationError(path, "duplicate year/state/modality row", row=first_bad(dup), field="modalidad")
    national = part[part["cve_ent"] == "00"].set_index(["year", "modalidad"])["victims"]
    states = part[part["cve_ent"] != "00"]
    by_year = states.groupby(["year", "modalidad"])["victims"].sum()
    mismatch = by_year[by_year != national.reindex(by_year.index)]
    if len(mismatch):
        years = sorted({year for year, _ in mismatch.index})
        raise DerivationError(path, f"{label}: sum of states differs from the national row (cve_ent 00) in {years}", field="n_victimas")
    states = states[states["year"] <= SESNSP_LAST_FULL_YEAR].rename(columns={"cve_ent": "state_code"})
    counts = states.groupby("year")["state_code"].nunique()
    if (counts != 32).any():
        raise DerivationError(path, f"{label}: expected 32 states per year, found {counts[counts != 32].to_dict()}", field="cve_ent")
    return states[["year", "state_code", "modalidad", "victims", "rate"]]


def derive_sesnsp(raw: Path, built: dict) -> pd.DataFrame:
    table = read_sesnsp(raw)
    parts = []
    for crime, (subtype, sex) in CRIMES.items():
        rows = _sesnsp_victims(raw, table, subtype, sex, crime)
        summed = rows.groupby(["year", "state_code"], as_index=False)[["victims", "rate"]].sum()
        parts.append(summed.assign(crime=crime))
    frame = pd.concat(parts).rename(columns={"rate": "rate_per_100k"})
    frame["rate_per_100k"] = frame["rate_per_100k"].round(2)
    frame = frame.sort_values(["year", "state_code", "crime"]).reset_index(drop=True)
    return frame[["year", "state_code", "crime", "victims", "rate_per_100k"]]


def derive_kidnapping(raw: Path, built: dict) -> pd.DataFrame:
    rows = _sesnsp_victims(raw, read_sesnsp(raw), "Secuestro", "Total", "secuestro")
    unknown = set(rows["modalidad"]) - set(KIDNAPPING_MODALITIES)
    if unknown:
        raise DerivationError(raw / SESNSP, f"unexpected secuestro modalities {sorted(unknown)}", field="modalidad")
    frame = rows.rename(columns={"modalidad": "modality"}).sort_values(["year", "state_code", "modality"]).reset_index(drop=True)
    return frame[["year", "state_code", "modality", "victims"]]


# --------------------------------------------------------------------------- INEGI state × month
def derive_state_monthly(raw: Path, built: dict) -> pd.DataFrame:
    path = raw / GARGIULO
    table = read_csv_with_header(path, ["cve_ent", "year", "month", "homicides", "pop_est", "homicide_rate"], sep="|")
    for line, record in enumerate(table.to_dict("records"), start=2):
        if not re.fullmatch(r"(0[1-9]|[12][0-9]|3[0-2])", record["cve_ent"]):
            raise DerivationError(path, f"state code {record['cve_ent']!r} is not 01–32", row=line, field="cve_ent")
        if not (record["year"].isdigit() and record["month"].isdigit() and 1 <= int(record["month"]) <= 12):
            raise DerivationError(path, f"year/month {record['year']!r}/{record['month']!r} invalid", row=line, field="month")
        if not record["homicides"].isdigit():
            raise DerivationError(path, f"homicides {record['homicides']!r} is not a count", row=line, field="homicides")
        try:
            if float(record["pop_est"]) <= 0:
                raise ValueError
        except ValueError as exc:
            raise DerivationError(path, f"population {record['pop_est']!r} is not a positive number", row=line, field="pop_est") from exc
    frame = pd.DataFrame({
        "date": pd.to_datetime({"year": table["year"].astype(int), "month": table["month"].astype(int), "day": 1}),
        "state_code": table["cve_ent"],
        "homicides": table["homicides"].astype(int),
        "population_estimate": table["pop_est"].astype(float).round(0).astype("Int64"),
    })
    dup = frame.duplicated(["date", "state_code"])
    if dup.any():
        raise DerivationError(path, "duplicate state-month", row=int(frame.index[dup][0]) + 2, field="month")
    if len(frame) != 32 * 12 * 23:
        raise DerivationError(path, f"expected 8,832 rows (32 states × 276 months), found {len(frame)}")
    return frame.sort_values(["date", "state_code"]).reset_index(drop=True)


# --------------------------------------------------------------------------- U.S. overdoses
CDC_PANELS = {"rate_all_drugs": "All drug overdose deaths",
              "rate_synthetic_opioids": "Drug overdose deaths involving other synthetic opioids (other than methadone)"}
CDC_UNIT = "Deaths per 100,000 resident population, age-adjusted"
PUBLISHED_MEASURES = {
    "drug overdose deaths, total": "deaths_all_drugs",
    "overdose deaths involving synthetic opioids other than methadone, count": "deaths_synthetic_opioids",
    "drug overdose death rate, age-adjusted": "rate_all_drugs",
    "overdose death rate involving synthetic opioids other than methadone": "rate_synthetic_opioids",
}
MEASURE_UNITS = {"deaths_all_drugs": "deaths", "deaths_synthetic_opioids": "deaths",
                 "rate_all_drugs": "per 100,000, age-adjusted", "rate_synthetic_opioids": "per 100,000, age-adjusted"}
CDC_LAST_YEAR = 2018


def read_cdc(raw: Path) -> pd.DataFrame:
    path = raw / CDC
    table = pd.read_csv(path, dtype={"PANEL": "string", "UNIT": "string", "STUB_NAME": "string", "STUB_LABEL": "string"})
    for column in ("PANEL", "UNIT", "STUB_NAME", "STUB_LABEL", "YEAR", "ESTIMATE"):
        if column not in table.columns:
            raise DerivationError(path, f"column {column!r} missing", row=1, field=column)
    rows = []
    for measure, panel in CDC_PANELS.items():
        part = table[(table["PANEL"] == panel) & (table["UNIT"] == CDC_UNIT) & (table["STUB_NAME"] == "Total") & (table["STUB_LABEL"] == "All persons")]
        if sorted(part["YEAR"].tolist()) != list(range(1999, CDC_LAST_YEAR + 1)):
            raise DerivationError(path, f"{panel}: expected one all-persons row per year 1999–2018, found {sorted(part['YEAR'].tolist())}", field="YEAR")
        if part["ESTIMATE"].isna().any():
            raise DerivationError(path, f"{panel}: missing estimate", row=int(part.index[part['ESTIMATE'].isna()][0]) + 2, field="ESTIMATE")
        rows.extend({"year": int(y), "measure": measure, "value": float(v)} for y, v in zip(part["YEAR"], part["ESTIMATE"]))
    return pd.DataFrame(rows)


def derive_overdoses(raw: Path, built: dict) -> pd.DataFrame:
    path = raw / PUBLISHED
    cdc = read_cdc(raw).assign(status="final", source="CDC/NCHS, Health, United States table (data.cdc.gov 95ax-ymtc)", source_url=SOURCE_CDC["path"])
    published = read_published_indicators(raw, "drugs_overdose_us", PUBLISHED_MEASURES)
    published = published.assign(year=_years(raw, published), measure=published["indicator"].map(PUBLISHED_MEASURES))
    # Rates: the CDC table to 2018, published releases afterwards. Counts: published releases only.
    later = published[~(published["measure"].str.startswith("rate") & (published["year"] <= CDC_LAST_YEAR))]
    later = later.assign(source=[source_label(r) for r in later.to_dict("records")], source_url=later["url"])
    frame = pd.concat([cdc, later[["year", "measure", "value", "status", "source", "source_url"]]], ignore_index=True)
    dup = frame.duplicated(["year", "measure"])
    if dup.any():
        raise DerivationError(path, f"two values for {frame.loc[dup, ['year', 'measure']].iloc[0].tolist()}", field="period")
    frame["unit"] = frame["measure"].map(MEASURE_UNITS)
    return frame.sort_values(["measure", "year"]).reset_index(drop=True)[["year", "measure", "value", "unit", "status", "source", "source_url"]]


VSRR_HEADER = ["State", "Year", "Month", "Period", "Indicator", "Data Value", "Percent Complete", "Percent Pending Investigation",
               "State Name", "Footnote", "Footnote Symbol", "Predicted Value"]
VSRR_INDICATORS = {"Number of Drug Overdose Deaths": "deaths_all_drugs",
                   "Synthetic opioids, excl. methadone (T40.4)": "deaths_synthetic_opioids"}
VSRR_UNDERREPORTED = "Underreported due to incomplete data."
MONTHS = {name: number for number, name in enumerate(
    ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"], start=1)}


def _count(text: str, path: Path, row: int, field: str) -> int:
    if not re.fullmatch(r"\d{1,3}(,\d{3})*", text):
        raise DerivationError(path, f"{field} {text!r} is not a count", row=row, field=field)
    return int(text.replace(",", ""))


def _number(text: str, path: Path, row: int, field: str) -> float:
    try:
        return float(text)
    except ValueError as exc:
        raise DerivationError(path, f"{field} {text!r} is not a number", row=row, field=field) from exc


def derive_overdoses_provisional(raw: Path, built: dict) -> pd.DataFrame:
    """CDC's provisional 12-month-ending counts (one vintage, data through April 2025), as published."""
    path = raw / VSRR
    table = read_csv_with_header(path, VSRR_HEADER)
    rows = []
    for line, record in enumerate(table.to_dict("records"), start=2):
        if record["State"] != "US" or record["Period"] != "12 month-ending":
            raise DerivationError(path, f"row is not a U.S. 12-month-ending count ({record['State']!r}, {record['Period']!r})", row=line, field="State")
        if record["Indicator"] not in VSRR_INDICATORS:
            raise DerivationError(path, f"indicator {record['Indicator']!r} not in {sorted(VSRR_INDICATORS)}", row=line, field="Indicator")
        if record["Month"] not in MONTHS or not re.fullmatch(r"\d{4}", record["Year"]):
            raise DerivationError(path, f"period {record['Month']!r} {record['Year']!r} is not a month and year", row=line, field="Month")
        footnote = record["Footnote"]
        if footnote != VSRR_UNDERREPORTED and not footnote.startswith("Numbers may differ from published reports"):
            raise DerivationError(path, f"unknown footnote {footnote!r}", row=line, field="Footnote")
        rows.append({
            "period_end": pd.Timestamp(year=int(record["Year"]), month=MONTHS[record["Month"]], day=1),
            "measure": VSRR_INDICATORS[record["Indicator"]],
            "reported": _count(record["Data Value"], path, line, "Data Value"),
            "predicted": _count(record["Predicted Value"], path, line, "Predicted Value"),
            "percent_complete": _number(record["Percent Complete"], path, line, "Percent Complete"),
            "percent_pending_investigation": _number(record["Percent Pending Investigation"], path, line, "Percent Pending Investigation"),
            "underreported": footnote == VSRR_UNDERREPORTED,
            "status": "provisional",
            "footnote": footnote,
        })
    frame = pd.DataFrame(rows)
    if frame.duplicated(["period_end", "measure"]).any():
        raise DerivationError(path, "two rows for the same month and indicator", field="Month")
    wide = frame.pivot(index="period_end", columns="measure", values="reported")
    if wide.isna().any().any():
        raise DerivationError(path, "the two indicators do not cover the same months", field="Month")
    if (wide["deaths_synthetic_opioids"] > wide["deaths_all_drugs"]).any():
        raise DerivationError(path, "synthetic-opioid deaths exceed all overdose deaths in some month", field="Data Value")
    pending = frame.pivot(index="period_end", columns="measure", values="percent_pending_investigation")
    if (pending.nunique(axis=1) != 1).any():
        raise DerivationError(path, "percent pending investigation differs between indicators of the same month", field="Percent Pending Investigation")
    return frame.sort_values(["measure", "period_end"]).reset_index(drop=True)


# --------------------------------------------------------------------------- CPI
CPI_INDICATORS = {"CPI score": "score", "CPI rank": "rank", "CPI countries ranked": "countries_ranked"}


def read_datahub_cpi(raw: Path) -> pd.DataFrame:
    path = raw / DATAHUB_CPI
    table = pd.read_csv(path, dtype={"country": "string"}, encoding="latin-1")  # a few country names are Latin-1
    mexico = table[table["country"] == "Mexico"]
    if len(mexico) != 1:
        raise DerivationError(path, f"expected one Mexico row, found {len(mexico)}", field="country")
    row = mexico.iloc[0]
    years = [c for c in table.columns if c != "country"]
    out = []
    for year in years:
        value = float(row[year])
        if value == 0.0:  # 0.0 marks a missing score in this file
            continue
        if not 0 < value <= 10:
            raise DerivationError(path, f"score {value} outside the 0–10 scale", row=int(mexico.index[0]) + 2, field=year)
        out.append({"year": int(year), "score": value})
    return pd.DataFrame(out)


def derive_cpi(raw: Path, built: dict) -> pd.DataFrame:
    path = raw / PUBLISHED
    published = read_published_indicators(raw, "corruption_cpi", CPI_INDICATORS)
    published = published.assign(year=_years(raw, published))
    wide = published.pivot(index="year", columns="indicator", values="value").rename(columns=CPI_INDICATORS)
    scores = published[published["indicator"] == "CPI score"].set_index("year")
    rows = []
    first_published = int(wide.index.min())
    for record in read_datahub_cpi(raw).to_dict("records"):
        if record["year"] < first_published:
            rows.append({"year": record["year"], "score": record["score"], "scale": "0-10", "rank": pd.NA, "countries_ranked": pd.NA,
                         "source": "Transparency International CPI via datasets/corruption-perceptions-index", "source_url": SOURCE_DATAHUB_CPI["path"]})
    for year, record in wide.iterrows():
        if pd.isna(record.get("score")):
            raise DerivationError(path, f"CPI {year}: rank without score", field="value")
        rows.append({"year": int(year), "score": float(record["score"]), "scale": "0-100",
                     "rank": int(record["rank"]) if pd.notna(record.get("rank")) else pd.NA,
                     "countries_ranked": int(record["countries_ranked"]) if pd.notna(record.get("countries_ranked")) else pd.NA,
                     "source": source_label(scores.loc[year]), "source_url": scores.loc[year, "url"]})
    frame = pd.DataFrame(rows).sort_values("year").reset_index(drop=True)
    frame["rank"] = frame["rank"].astype("Int64")
    frame["countries_ranked"] = frame["countries_ranked"].astype("Int64")
    return frame


# --------------------------------------------------------------------------- poppy
POPPY_MEASURES = {"opium poppy cultivation": ("cultivation", "ONDCP", "hectares"),
                  "potential pure heroin production": ("potential_pure_heroin", "ONDCP", "metric tons"),
                  "opium poppy cultivation (Mexican government estimate)": ("cultivation", "Government of Mexico", "hectares")}


def derive_poppy(raw: Path, built: dict) -> pd.DataFrame:
    path = raw / PUBLISHED
    published = read_published_indicators(raw, "drugs_poppy", POPPY_MEASURES)
    rows = []
    for record in published.to_dict("records"):
        measure, estimator, unit = POPPY_MEASURES[record["indicator"]]
        rows.append({"year": calendar_year(record["period"], raw / record["source_file"], record["source_row"]), "measure": measure, "estimator": estimator,
                     "value": float(record["value"]), "unit": unit, "source": source_label(record), "source_url": record["url"]})
    frame = pd.DataFrame(rows)
    if frame.duplicated(["year", "measure", "estimator"]).any():
        raise DerivationError(path, "two values for the same year, measure and estimator", field="period")
    return frame.sort_values(["estimator", "measure", "year"]).reset_index(drop=True)


# --------------------------------------------------------------------------- Mérida
def derive_merida(raw: Path, built: dict) -> pd.DataFrame:
    path = raw / PUBLISHED
    published = read_published_figures(raw, "security_assistance_merida")
    rows = []
    for record in published.to_dict("records"):
        first, last = fiscal_year_span(record["period"], raw / record["source_file"], record["source_row"])
        kind = "cumulative" if "cumulative" in record["indicator"] else "appropriation"
        rows.append({"first_fiscal_year": first, "last_fiscal_year": last, "kind": kind, "usd_mn": float(record["value"]),
                     "approximate": "approx" in record["unit"], "period_label": record["period"], "note": record["retrieved_note"],
                     "source": source_label(record), "source_url": record["url"]})
    frame = pd.DataFrame(rows)
    if frame.duplicated(["first_fiscal_year", "last_fiscal_year", "kind"]).any():
        raise DerivationError(path, "two Mérida figures for the same fiscal-year span", field="period")
    return frame.sort_values(["kind", "first_fiscal_year", "last_fiscal_year"]).reset_index(drop=True)


# --------------------------------------------------------------------------- resources (metadata: security.meta.yml)
RESOURCES = resources_from_meta(__file__, derive={
    "homicides_national_annual": derive_national, "homicide_victims_state_annual": derive_sesnsp,
    "kidnapping_victims_state_annual": derive_kidnapping, "homicides_state_monthly": derive_state_monthly,
    "overdose_deaths_us_annual": derive_overdoses, "overdose_deaths_us_provisional": derive_overdoses_provisional,
    "cpi_mexico_annual": derive_cpi, "poppy_mexico_annual": derive_poppy, "merida_appropriations": derive_merida,
})
