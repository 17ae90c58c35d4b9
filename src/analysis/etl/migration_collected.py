"""Mexico's migration enforcement and other figures collected for the migration chapter.

Raw input (path relative to RAW; provenance in ``collected/PROVENANCE.md``):

- ``collected/migration_figures.csv``: figures collected for the project from published pages, one per row with
  the URL of the page and a verbatim excerpt. There is no single download: most rows are press reports of figures
  of Mexico's Unidad de Política Migratoria (UPM) and Instituto Nacional de Migración (INM), for example
  https://enbreve.mx/migracion-irregular-a-traves-de-mexico-aumenta-un-77-2-en-2023-revelan-estadisticas-oficiales
  (no UPM bulletin page was found), plus DHS releases such as
  https://www.dhs.gov/news/2023/06/06/border-encounters-remain-low-biden-harris-administrations-comprehensive-plan-manage .

Two tables:

- ``migration_collected_figures``: every row of that file, as ``migration_published_figures`` holds the rows of
  ``published_figures.csv`` (rows searched for and not found are kept with an empty value).
- ``mexico_enforcement_annual``: the calendar-year figures of Mexico's enforcement from both tables, one row per
  year and *series*. A series is one count under one definition by one reporting chain; series are never summed
  or spliced, because INM and UPM changed what they count (people lodged in migration stations to 2019; events of
  people presented to INM or channelled to shelters from 2021) and the counts of returns differ by source.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis.etl import DerivationError, resources_from_meta
from analysis.etl.migration import published_rows
from analysis.etl.published import COLLECTED, read_published

COLLECTED_FILE = f"{COLLECTED}/migration_figures.csv"
TOPICS = ["migration_mexico_enforcement", "migration_national_guard", "migration_border_encounters", "migration_policy"]
ENFORCEMENT_TOPIC = "migration_mexico_enforcement"
ORIGINS = {"migration_published_figures": "published_figures.csv", "migration_collected_figures": COLLECTED_FILE}

DETENTIONS, RETURNS = "people detained", "people returned"
# series id: (measure, label in words). The label is the definition a reader needs to keep series apart.
SERIES = {
    "inm_lodged": (DETENTIONS, "INM: foreigners presented and lodged in migration stations ('alojados'), all nationalities"),
    "upm_irregular_events": (DETENTIONS, "UPM: events of people in irregular status presented to INM or channelled to shelters, "
                                         "all nationalities"),
    "receiving_countries": (RETURNS, "Guatemala, Honduras and El Salvador: their citizens received back from Mexico "
                                     "(IOM and foreign ministries)"),
    "inm_central_americans": (RETURNS, "INM: Central Americans returned"),
    "upm_deportation_events": (RETURNS, "UPM statistical bulletin: deportation events, all nationalities"),
    "inm_document_returns": (RETURNS, "INM document cited by La Razón: returns, all nationalities"),
    "iom_upm_returns": (RETURNS, "IOM, from UPM data: return events, all nationalities"),
    "upm_returns_ngo": (RETURNS, "UPM as cited by NGOs: returns, all nationalities"),
}
# (origin file, indicator as the collectors wrote it) -> series; every calendar-year enforcement figure must be
# assigned here or listed in EXCLUDED, so a new row cannot slip into a chart under the wrong definition.
ASSIGNED = {
    ("published_figures.csv", "returns from Mexico of Salvadorans, Hondurans and Guatemalans (combined)"): "receiving_countries",
    ("published_figures.csv", "INM presentations / returns of Central Americans"): "inm_central_americans",
    ("published_figures.csv", "INM returns of Central Americans"): "inm_central_americans",
    ("published_figures.csv", "INM deportation events (eventos de extranjeros deportados), all nationalities"): "upm_deportation_events",
    ("published_figures.csv", "INM deportation events, all nationalities"): "upm_deportation_events",
    (COLLECTED_FILE, "foreigners in irregular status lodged ('alojadas') in INM stations"): "inm_lodged",
    (COLLECTED_FILE, "events of people in irregular migration status (presented + channelled)"): "upm_irregular_events",
    (COLLECTED_FILE, "return events ('devoluciones') from Mexico, all nationalities (INM document cited by La Razón)"): "inm_document_returns",
    (COLLECTED_FILE, "return events ('eventos de devolución') from Mexico, all nationalities (IOM from UPM data)"): "iom_upm_returns",
    (COLLECTED_FILE, "return events ('devoluciones') from Mexico reported by UPM, as cited by NGOs"): "upm_returns_ngo",
}
# Calendar-year enforcement figures deliberately left out of the series, with the reason.
EXCLUDED = {
    ("published_figures.csv", "INM deportation events – Honduras nationals"): "one nationality of a series",
    ("published_figures.csv", "INM deportation events – Guatemala nationals"): "one nationality of a series",
    ("published_figures.csv", "INM deportation events – El Salvador nationals"): "one nationality of a series",
    (COLLECTED_FILE, "events of people presented ('presentados') to INM"): "component of the UPM total",
    (COLLECTED_FILE, "events of people channelled ('conducidos'/'canalizados') to shelters"): "component of the UPM total",
    (COLLECTED_FILE, "exit orders ('oficios de salida': release with an order to leave Mexico within 30 days)"): "not a return",
}


def derive_collected(raw: Path, built: dict) -> pd.DataFrame:
    """Every row of ``collected/migration_figures.csv`` (checks as in ``read_published``); unknown topics are refused."""
    frame = read_published(raw, files=(COLLECTED_FILE,))
    unknown = frame[~frame["topic"].isin(TOPICS)]
    if not unknown.empty:
        record = unknown.iloc[0]
        raise DerivationError(raw / record["source_file"], f"topic {record['topic']!r} not in {TOPICS}",
                              row=int(record["source_row"]), field="topic")
    return published_rows(frame)


def derive_enforcement_annual(raw: Path, built: dict) -> pd.DataFrame:
    """Calendar-year figures of Mexico's enforcement with a value, one row per year and series (see ``SERIES``)."""
    rows = []
    for resource, origin in ORIGINS.items():
        table = built[resource]
        part = table[(table["topic"] == ENFORCEMENT_TOPIC) & (table["period_type"] == "calendar year") & table["value"].notna()]
        for record in part.to_dict("records"):
            key = (origin, record["indicator"])
            if key in EXCLUDED:
                continue
            if key not in ASSIGNED:
                raise DerivationError(raw / origin, f"calendar-year enforcement figure {record['indicator']!r} belongs to no series: "
                                      "add it to ASSIGNED or EXCLUDED in analysis.etl.migration_collected",
                                      row=int(record["source_row"]), field="indicator")
            series = ASSIGNED[key]
            measure, label = SERIES[series]
            rows.append({"year": int(record["period"]), "measure": measure, "series": series, "series_label": label,
                         "value": int(record["value"]), "unit": record["unit"], "status": record["status"],
                         "publisher": record["publisher"], "source_url": record["source_url"],
                         "origin": f"{origin} line {int(record['source_row'])}"})
    frame = pd.DataFrame(rows)
    duplicated = frame[frame.duplicated(["year", "series"])]
    if not duplicated.empty:
        first = duplicated.iloc[0]
        raise DerivationError(raw / first["origin"].rsplit(" line ", 1)[0], f"two figures for series {first['series']!r} in "
                              f"{first['year']}", row=int(first["origin"].rsplit(" ", 1)[1]), field="period")
    order = {name: rank for rank, name in enumerate(SERIES)}
    frame = frame.assign(_order=frame["series"].map(order)).sort_values(["_order", "year"]).drop(columns="_order")
    return frame.reset_index(drop=True)


RESOURCES = resources_from_meta(__file__, derive={
    "migration_collected_figures": derive_collected, "mexico_enforcement_annual": derive_enforcement_annual,
})

