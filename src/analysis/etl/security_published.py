"""Security chapter: the published figures that have no table of their own in :mod:`analysis.etl.security`.

Raw inputs (paths relative to RAW): ``published_figures.csv`` (the collectors' file) and the project's
``collected/security_figures.csv`` (same columns; see ``raw/collected/README.md``). There is no publisher
download: every row names its publisher and carries the URL of the page where the figure was seen
(for example the full text of CRS report R41349 on the Mérida Initiative,
https://www.everycrsreport.com/files/20100816_R41349_f821b76eb1068f38c0386c209814aa3e82684336.html;
the UNODC–Mexico surveys and the Security Cabinet's seizure counts are cited from press reports).

Three tables:
- ``security_assistance_mexico_published``: further figures on U.S. security assistance to Mexico
  (topic ``security_assistance_mexico``), complementing ``merida_appropriations``;
- ``poppy_mexico_unodc``: the UNODC–Government of Mexico opium poppy surveys (topic ``drugs_poppy_unodc``,
  plus the first survey's range, published under ``drugs_poppy``);
- ``security_published_figures``: every other security figure (CDC provisional releases as announced,
  fentanyl seizures, counts of criminal groups, the 2019–2024 homicide sum) and every security figure
  looked for and not found (``NOT FOUND``), so that the gaps stay listed in the data.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from analysis.etl import DerivationError, Resource, field_
from analysis.etl.published import NOT_FOUND, URL_PATTERN, read_published
from analysis.etl.security import _SOURCE, _URL_FIELD, COLLECTED_FIGURES, FIGURE_FILES

# Security topics of the two files. Those in TYPED have tables in analysis.etl.security or below; the
# others are kept as published in security_published_figures. Any other topic in the collected file is an error.
TYPED = ["security_homicides", "corruption_cpi", "security_assistance_merida", "drugs_poppy", "drugs_overdose_us",
         "security_assistance_mexico", "drugs_poppy_unodc"]
OTHER = ["security_homicides_cumulative", "drugs_overdose_us_releases", "drugs_fentanyl_seizures_mx", "security_criminal_groups"]
TOPICS = TYPED + OTHER

ASSISTANCE_TOPIC = "security_assistance_mexico"
UNODC_TOPIC = "drugs_poppy_unodc"
UNODC_RANGE = ("drugs_poppy", "opium poppy cultivation (UNODC–Mexico survey range)")
UNODC_MEASURES = {"opium poppy cultivation": ("cultivation", "hectares"),
                  "potential dry opium gum production": ("potential_dry_opium_gum", "metric tons"),
                  UNODC_RANGE[1]: ("cultivation", "hectares")}
SOURCE_TYPES = {"Congressional Research Service": "U.S. government", "U.S. Government Accountability Office": "U.S. government",
                "Small Wars Journal (M. Hoopes)": "secondary analysis", "EFE / El Universal": "press"}
_FY = re.compile(r"^FY(\d{4})(?:–FY(\d{4}))?(?:\s*\(.*\))?$")
_SURVEY = re.compile(r"^(\d{4})-(\d{4})(?: \((Jul–Jun)\))?$")
_MONTH = r"(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
PERIOD_TYPES = ["calendar year", "U.S. fiscal year", "survey year (July–June)", "month", "date range"]
STATUSES = ["final", "preliminary", "provisional", "unspecified", "not found"]


def _figures(raw: Path, topics: list[str]) -> pd.DataFrame:
    frame = read_published(raw, topics, files=FIGURE_FILES)
    collected = read_published(raw, None, files=(COLLECTED_FIGURES,))
    unknown = sorted(set(collected["topic"]) - set(TOPICS))
    if unknown:
        row = collected[collected["topic"] == unknown[0]].iloc[0]
        raise DerivationError(raw / COLLECTED_FIGURES, f"topic {unknown[0]!r} has no table: add it to analysis.etl.security_published",
                              row=int(row["source_row"]), field="topic")
    return frame


def _source(record: dict) -> str:
    return f"{record['publisher']}: {record['document']}"


# --------------------------------------------------------------------------- U.S. assistance
def derive_assistance(raw: Path, built: dict) -> pd.DataFrame:
    figures = _figures(raw, [ASSISTANCE_TOPIC])
    rows = []
    for record in figures[figures["value_text"] != NOT_FOUND].to_dict("records"):
        path, row = raw / record["source_file"], record["source_row"]
        match = _FY.match(record["period"])
        if not match:
            raise DerivationError(path, f"period {record['period']!r} is not FYyyyy or FYyyyy–FYyyyy", row=row, field="period")
        if pd.isna(record["value"]):
            raise DerivationError(path, f"value {record['value_text']!r} is not a single amount", row=row, field="value")
        if record["publisher"] not in SOURCE_TYPES:
            raise DerivationError(path, f"publisher {record['publisher']!r} has no source type in SOURCE_TYPES", row=row, field="publisher")
        indicator = record["indicator"]
        kind = "cumulative" if "cumulative" in indicator else "annual average" if "annual average" in indicator else "appropriation"
        first = int(match.group(1))
        rows.append({"first_fiscal_year": first, "last_fiscal_year": int(match.group(2) or first), "kind": kind, "usd_mn": float(record["value"]),
                     "approximate": "approx" in record["unit"], "source_type": SOURCE_TYPES[record["publisher"]], "indicator": indicator,
                     "period_label": record["period"], "note": record["retrieved_note"], "source": _source(record), "source_url": record["url"]})
    frame = pd.DataFrame(rows)
    dup = frame.duplicated(["first_fiscal_year", "last_fiscal_year", "kind"])
    if dup.any():
        raise DerivationError(raw / COLLECTED_FIGURES, f"two figures for the span {frame.loc[dup, 'period_label'].iloc[0]!r}", field="period")
    return frame.sort_values(["kind", "first_fiscal_year", "last_fiscal_year"]).reset_index(drop=True)


# --------------------------------------------------------------------------- UNODC poppy surveys
def derive_unodc(raw: Path, built: dict) -> pd.DataFrame:
    figures = _figures(raw, [UNODC_TOPIC, UNODC_RANGE[0]])
    chosen = figures[((figures["topic"] == UNODC_TOPIC) & (figures["value_text"] != NOT_FOUND))
                     | ((figures["topic"] == UNODC_RANGE[0]) & (figures["indicator"] == UNODC_RANGE[1]))]
    rows = []
    for record in chosen.to_dict("records"):
        path, row = raw / record["source_file"], record["source_row"]
        match = _SURVEY.match(record["period"])
        if not match or int(match.group(2)) != int(match.group(1)) + 1:
            raise DerivationError(path, f"period {record['period']!r} is not a survey year such as '2019-2020 (Jul–Jun)'", row=row, field="period")
        if record["indicator"] not in UNODC_MEASURES:
            raise DerivationError(path, f"indicator {record['indicator']!r} not in {sorted(UNODC_MEASURES)}", row=row, field="indicator")
        measure, unit = UNODC_MEASURES[record["indicator"]]
        if record["unit"] != unit:
            raise DerivationError(path, f"unit {record['unit']!r} is not {unit!r}", row=row, field="unit")
        rows.append({"survey": f"{match.group(1)}-{match.group(2)}", "survey_end_year": int(match.group(2)),
                     "months": "July–June" if match.group(3) else "", "measure": measure,
                     "value": record["value"], "value_low": record["value_low"], "value_high": record["value_high"], "unit": unit,
                     "status": record["status"], "source": _source(record), "source_url": record["url"]})
    frame = pd.DataFrame(rows)
    if frame.duplicated(["survey", "measure"]).any():
        raise DerivationError(raw / COLLECTED_FIGURES, "two values for the same survey and measure", field="period")
    return frame.sort_values(["measure", "survey"]).reset_index(drop=True)


# --------------------------------------------------------------------------- the rest, and the gaps
def period_type(topic: str, period: str, path: Path, row: int) -> str:
    if period.startswith("FY"):
        return "U.S. fiscal year"
    if topic == UNODC_TOPIC:
        return "survey year (July–June)"
    if re.fullmatch(r"(c\. )?\d{4}( \(final\))?|\d{4}-\d{4}|\d{4} vs \d{4}", period):
        return "calendar year"
    if re.fullmatch(rf"{_MONTH} \d{{4}}|\d{{4}} \({_MONTH}\)", period):
        return "month"
    if "–" in period:
        return "date range"
    raise DerivationError(path, f"period {period!r}: cannot tell whether it is a calendar year, fiscal year, month or date range", row=row, field="period")


def derive_figures(raw: Path, built: dict) -> pd.DataFrame:
    figures = _figures(raw, TOPICS)
    kept = figures[figures["topic"].isin(OTHER) | (figures["value_text"] == NOT_FOUND)]
    rows = []
    for record in kept.to_dict("records"):
        path, row = raw / record["source_file"], record["source_row"]
        missing = record["value_text"] == NOT_FOUND
        status = "not found" if missing else record["status"]
        if status not in STATUSES:
            raise DerivationError(path, f"status {status!r} not in {STATUSES}", row=row, field="status")
        rows.append({"source_file": record["source_file"], "source_row": row, "topic": record["topic"], "indicator": record["indicator"],
                     "geo": record["geo"], "period": record["period"], "period_type": period_type(record["topic"], record["period"], path, row),
                     "value": record["value"], "value_text": record["value_text"], "unit": record["unit"], "status": status,
                     "publisher": record["publisher"], "document": record["document"], "source_url": record["url"], "note": record["retrieved_note"]})
    return pd.DataFrame(rows).sort_values(["topic", "source_file", "source_row"]).reset_index(drop=True)


RESOURCES = [
    Resource(
        name="security_assistance_mexico_published",
        folder="security",
        title="U.S. security assistance to Mexico: further published totals, FY2000–FY2022 (CRS, GAO, secondary and press)",
        description=(
            "Published figures on U.S. security assistance to Mexico that complement merida_appropriations, U.S. fiscal years "
            "(October–September), USD million (current): cumulative Mérida totals after the FY2010 supplemental (CRS, August 2010) and "
            "in May 2015 (CRS), a secondary total to FY2014 (Small Wars Journal), the pre-Mérida annual average of counternarcotics and "
            "law-enforcement aid (GAO, FY2000–FY2006), and FY2022 and FY2008–FY2022 from the press (accounts not stated). "
            "`source_type` says whether the publisher is a U.S. government body, a secondary analysis or the press. Totals from "
            "different sources and dates may count different accounts; none is summed or differenced here. Per-year appropriations "
            "after FY2009 were not found (see security_published_figures)."
        ),
        sources=[],
        row_sources=("source", "source_url"),
        fields=[
            field_("first_fiscal_year", "integer", "First U.S. fiscal year (Oct–Sep) covered", required=True, minimum=2000),
            field_("last_fiscal_year", "integer", "Last U.S. fiscal year (Oct–Sep) covered", required=True, minimum=2000),
            field_("kind", "string", "appropriation (one fiscal year), cumulative (sum over the span) or annual average over the span",
                   required=True, enum=["appropriation", "cumulative", "annual average"]),
            field_("usd_mn", "number", "Amount", unit="USD million, current", required=True, minimum=0),
            field_("approximate", "boolean", "The source gives a rounded amount ('some', 'roughly', 'about')", required=True),
            field_("source_type", "string", "Kind of publisher", required=True, enum=sorted(set(SOURCE_TYPES.values()))),
            field_("indicator", "string", "What the figure counts, as described in the collection", required=True),
            field_("period_label", "string", "Period as worded in the collection", required=True),
            field_("note", "string", "How the figure is composed or qualified, per the source and the collectors"),
            _SOURCE, _URL_FIELD,
        ],
        primary_key=["first_fiscal_year", "last_fiscal_year", "kind"],
        derive=derive_assistance,
        period=("last_fiscal_year", "U.S. fiscal year"),
    ),
    Resource(
        name="poppy_mexico_unodc",
        folder="security",
        title="Opium poppy cultivation in Mexico: UNODC–Government of Mexico surveys, 2014-2015 to 2019-2020",
        description=(
            "Estimates of the area under opium poppy cultivation (hectares) and of potential dry opium gum production (metric tons) from "
            "the joint monitoring surveys of UNODC and the Government of Mexico, by survey year (July–June where the source says so; the "
            "first survey, 2014-2015, is a range). A different estimator, method and year from ONDCP's calendar-year estimates in "
            "poppy_mexico_annual, and a different product (opium gum, not pure heroin): never join the two series. Figures reported by "
            "the press (URL per row). No survey after 2019-2020 was found."
        ),
        sources=[],
        row_sources=("source", "source_url"),
        fields=[
            field_("survey", "string", "Survey year as published (first and last calendar years)", required=True, pattern=r"^\d{4}-\d{4}$"),
            field_("survey_end_year", "integer", "Calendar year in which the survey period ends", required=True, minimum=2015),
            field_("months", "string", "Months of the survey period where the source states them", enum=["July–June", ""]),
            field_("measure", "string", "cultivation (hectares) or potential dry opium gum production (metric tons)", required=True,
                   enum=["cultivation", "potential_dry_opium_gum"]),
            field_("value", "number", "Estimate (empty when the survey published a range)", minimum=0),
            field_("value_low", "number", "Low end of a published range", minimum=0),
            field_("value_high", "number", "High end of a published range", minimum=0),
            field_("unit", "string", "Unit of the values", required=True, enum=["hectares", "metric tons"]),
            field_("status", "string", "Status of the figure as published", required=True, enum=["final"]),
            _SOURCE, _URL_FIELD,
        ],
        primary_key=["survey", "measure"],
        derive=derive_unodc,
        period=("survey_end_year", "calendar year"),
        status_field="status",
    ),
    Resource(
        name="security_published_figures",
        folder="security",
        title="Security: other published figures and figures not found (INEGI, CDC, Mexican government, CRS, UNODC, ONDCP, Crisis Group)",
        description=(
            "The security figures that have no table of their own, as collected (one row per published figure, URL per row): CDC's "
            "provisional overdose counts as announced at each release (earlier vintages than overdose_deaths_us_provisional), fentanyl "
            "and methamphetamine seized by Mexico's federal forces as reported by the Security Cabinet, counts of major drug-trafficking "
            "organisations (CRS) and of armed groups (International Crisis Group), which use different definitions, and the press sum "
            "of INEGI homicides for 2019–2024. Also every security figure the collectors looked for and did not find (status 'not "
            "found', value empty, note saying what was searched). `period_type` says how each period is counted."
        ),
        sources=[],
        row_sources=("publisher", "source_url"),
        fields=[
            field_("source_file", "string", "Raw file of the row", required=True, enum=list(FIGURE_FILES)),
            field_("source_row", "integer", "Line of that file", required=True, minimum=2),
            field_("topic", "string", "Topic of the collection", required=True, enum=TOPICS),
            field_("indicator", "string", "What the figure counts, as described in the collection", required=True),
            field_("geo", "string", "Geography", required=True),
            field_("period", "string", "Period as published (FY = U.S. fiscal year; bare year = calendar year)", required=True),
            field_("period_type", "string", "How the period is counted", required=True, enum=PERIOD_TYPES),
            field_("value", "number", "Published value (empty when not found or published as a range)"),
            field_("value_text", "string", "The value as published (a range such as '9-20', or 'NOT FOUND')", required=True),
            field_("unit", "string", "Unit of the value"),
            field_("status", "string", "Status as published, or 'not found'", required=True, enum=STATUSES),
            field_("publisher", "string", "Publisher of the figure", required=True),
            field_("document", "string", "Document in which the figure appears"),
            field_("source_url", "string", "URL where the figure was seen (empty when not found)", pattern=URL_PATTERN),
            field_("note", "string", "Collectors' note: the outlet when only the press was found, definitions, what was searched"),
        ],
        primary_key=["source_file", "source_row"],
        derive=derive_figures,
        status_field="status",
    ),
]

