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

from analysis.etl import DerivationError, Resource, field_
from analysis.etl.migration import figure_fields, published_rows
from analysis.etl.published import COLLECTED, URL_PATTERN, read_published

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


STATUS = "final / revised / preliminary / partial / unspecified / not found"

RESOURCES = [
    Resource(
        name="migration_collected_figures",
        folder="migration",
        title="Figures collected for the migration chapter: Mexico's enforcement, National Guard deployment, MPP 2.0, FY2025",
        description=(
            "Figures the project collected from published pages (raw file collected/migration_figures.csv), one row per figure "
            "with the page's URL: Mexico's detentions and returns of migrants as counted by INM and UPM (mostly as reported in "
            "the Mexican press), the size of the National Guard and armed-forces deployment on migration, counts of the "
            "reimplemented Remain in Mexico programme (MPP 2.0), Mexico's acceptance of returns of non-Mexicans, and DHS's "
            "preliminary FY2025 Border Patrol total. Figures that disagree are kept side by side. Rows searched for and not "
            "found keep an empty value and status 'not found'. period_type says whether the period is a U.S. fiscal year, a "
            "calendar year or a date range."
        ),
        sources=[],
        row_sources=("publisher", "source_url"),
        fields=figure_fields(COLLECTED_FILE, TOPICS, STATUS),
        primary_key=["source_row"],
        derive=derive_collected,
    ),
    Resource(
        name="mexico_enforcement_annual",
        folder="migration",
        title="Mexico's migration enforcement by calendar year and counting series, 2014–2024 (INM, UPM, IOM)",
        description=(
            "Calendar-year figures on people Mexico's authorities detained or returned, from migration_published_figures and "
            "migration_collected_figures, one row per year and series. A series is one count under one definition: 'people "
            "detained' are INM's foreigners lodged in migration stations (to 2019) or UPM's events of people in irregular status "
            "presented to INM or channelled to shelters (from 2021), which count events, not people, and are not comparable with "
            "each other; 'people returned' are six different counts of returns (receiving countries' counts of their citizens "
            "returned from Mexico, INM counts of Central Americans returned, and four counts of all nationalities). Never sum "
            "series or join them into one line. Years with no figure have no row (the searches are recorded as 'not found' rows "
            "in the two source tables). Most figures are press reports of official statistics: publisher names the official "
            "source and the source tables name the outlet."
        ),
        sources=[],
        row_sources=("publisher", "source_url"),
        fields=[
            field_("year", "integer", "Calendar year (January–December)", required=True, minimum=2000, maximum=2030),
            field_("measure", "string", "What the series counts", required=True, enum=[DETENTIONS, RETURNS]),
            field_("series", "string", "Series identifier (one definition, one reporting chain)", required=True, enum=list(SERIES)),
            field_("series_label", "string", "The series' definition in words", required=True),
            field_("value", "integer", "Published value", unit="events or persons, as unit says", required=True, minimum=0),
            field_("unit", "string", "Unit as published (events, persons returned)", required=True),
            field_("status", "string", STATUS, required=True),
            field_("publisher", "string", "Official source of the figure", required=True),
            field_("source_url", "string", "URL where the figure was seen", required=True, pattern=URL_PATTERN),
            field_("origin", "string", "Raw file and line the figure comes from", required=True),
        ],
        primary_key=["year", "series"],
        derive=derive_enforcement_annual,
        depends_on=["migration_published_figures", "migration_collected_figures"],
        period=("year", "calendar year"),
        status_field="status",
    ),
]

