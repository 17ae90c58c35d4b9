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

from analysis.etl import DerivationError, resources_from_meta
from analysis.etl.published import NOT_FOUND, fiscal_year_span, read_published, source_label
from analysis.etl.security import COLLECTED_FIGURES, FIGURE_FILES

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
_SURVEY = re.compile(r"^(\d{4})-(\d{4})(?: \((Jul–Jun)\))?$")
_MONTH = r"(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
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


# --------------------------------------------------------------------------- U.S. assistance
def derive_assistance(raw: Path, built: dict) -> pd.DataFrame:
    figures = _figures(raw, [ASSISTANCE_TOPIC])
    rows = []
    for record in figures[figures["value_text"] != NOT_FOUND].to_dict("records"):
        path, row = raw / record["source_file"], record["source_row"]
        first, last = fiscal_year_span(record["period"], path, row)
        if pd.isna(record["value"]):
            raise DerivationError(path, f"value {record['value_text']!r} is not a single amount", row=row, field="value")
        if record["publisher"] not in SOURCE_TYPES:
            raise DerivationError(path, f"publisher {record['publisher']!r} has no source type in SOURCE_TYPES", row=row, field="publisher")
        indicator = record["indicator"]
        kind = "cumulative" if "cumulative" in indicator else "annual average" if "annual average" in indicator else "appropriation"
        rows.append({"first_fiscal_year": first, "last_fiscal_year": last, "kind": kind, "usd_mn": float(record["value"]),
                     "approximate": "approx" in record["unit"], "source_type": SOURCE_TYPES[record["publisher"]], "indicator": indicator,
                     "period_label": record["period"], "note": record["retrieved_note"], "source": source_label(record), "source_url": record["url"]})
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
                     "status": record["status"], "source": source_label(record), "source_url": record["url"]})
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


RESOURCES = resources_from_meta(__file__, derive={
    "security_assistance_mexico_published": derive_assistance, "poppy_mexico_unodc": derive_unodc,
    "security_published_figures": derive_figures,
})

