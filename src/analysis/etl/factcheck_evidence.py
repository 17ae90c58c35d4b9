"""Evidence the fact-check ledger needs that no chapter table holds: published figures and dated events.

Raw input: ``collected/factcheck_figures.csv``, the project's own collection of figures seen in
official releases, in press reports citing them, or in fact-checkers' pages (same columns as
``published_figures.csv``; URL and a short verbatim excerpt per row; see
``raw/collected/README.md``). It was compiled while checking the five articles' claims (searches of
stored copies of public pages); there is no single publisher download: each row's ``url`` is the
page where its figure was seen, e.g. the ICE/DHS study page for drug cash moving to Mexico,
https://webarchive.library.unt.edu/web/20130215135150/http://www.ice.gov/cornerstone/cps-study.htm.
Where only press or a secondary page was found, the row's publisher says "as reported by …".

The dated events the ledger's checks need (party foundings, the 2018 transition, the Cienfuegos
file, …) are in ``collected/factcheck_events.csv``, each with the URL of the page that states the
date; the ``events`` step reads them (``analysis.etl.events``).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis.etl import DerivationError, Resource, field_
from analysis.etl.published import COLLECTED, URL_PATTERN, read_published

FIGURES = f"{COLLECTED}/factcheck_figures.csv"
TOPIC = "factcheck"
STATUSES = ["final", "preliminary", "partial-year", "unspecified"]


def derive_figures(raw: Path, built: dict) -> pd.DataFrame:
    """One row per published figure, keyed by indicator and period (unique); ranges keep both ends."""
    frame = read_published(raw, files=(FIGURES,))
    path = raw / FIGURES
    for record in frame.to_dict("records"):
        if record["topic"] != TOPIC:
            raise DerivationError(path, f"topic {record['topic']!r} is not {TOPIC!r}", row=record["source_row"], field="topic")
        if record["status"] not in STATUSES:
            raise DerivationError(path, f"status {record['status']!r} not in {STATUSES}", row=record["source_row"], field="status")
        if pd.isna(record["value"]) and pd.isna(record["value_low"]):
            raise DerivationError(path, "no figure: every row of this file must give a number or a range", row=record["source_row"], field="value")
    duplicated = frame[frame.duplicated(["indicator", "period"], keep=False)]
    if len(duplicated):
        first = duplicated.iloc[0]
        raise DerivationError(path, f"indicator {first['indicator']!r} given twice for period {first['period']!r}",
                              row=int(first["source_row"]), field="indicator")
    out = pd.DataFrame({
        "indicator": frame["indicator"], "geo": frame["geo"], "period": frame["period"],
        "value": frame["value"], "value_low": frame["value_low"], "value_high": frame["value_high"],
        "unit": frame["unit"], "status": frame["status"], "publisher": frame["publisher"], "document": frame["document"],
        "source_url": frame["url"], "note": frame["retrieved_note"].mask(frame["retrieved_note"] == ""),
        "source_row": frame["source_row"].astype("int64"),
    })
    return out.reset_index(drop=True)


RESOURCES = [
    Resource(
        name="factcheck_figures",
        folder="factcheck",
        title="Published figures used by the fact-check ledger",
        description=(
            "Figures the fact-check ledger needs to judge the five articles' claims that no chapter table holds: earlier "
            "(preliminary) releases an author could have used, estimates by other agencies (UNODC, Pew, CONEVAL, RSF, "
            "SESNSP), rankings and counts stated by U.S. agencies, fact-checkers and press reports citing official data. "
            "One row per figure, keyed by indicator and period, with its publisher and the URL where it was seen "
            "(press and secondary pages say 'as reported by …'). Periods are as published: a bare year is a calendar "
            "year, FY a U.S. fiscal year (Oct–Sep), YYYY-MM a month, a slash a date range. A published range keeps its "
            "ends in value_low and value_high with value empty. 'more than', 'nearly' and 'approximately' in the unit "
            "repeat the source's own wording: the value is the figure as printed, never an estimate of ours."
        ),
        sources=[],
        row_sources=("publisher", "source_url"),
        fields=[
            field_("indicator", "string", "What the figure counts, in the project's words", required=True),
            field_("geo", "string", "Geography", required=True),
            field_("period", "string", "Period as published (bare year = calendar year; FY = U.S. fiscal year; slash = range)", required=True),
            field_("value", "number", "The figure as published (empty for a published range)"),
            field_("value_low", "number", "Lower end of a published range"),
            field_("value_high", "number", "Upper end of a published range"),
            field_("unit", "string", "Unit, with the source's qualifiers (more than, nearly, approximately)", required=True),
            field_("status", "string", "final / preliminary / partial-year / unspecified", required=True, enum=STATUSES),
            field_("publisher", "string", "Publisher of the figure (as reported by … for press and secondary pages)", required=True),
            field_("document", "string", "Document or article in which the figure appears"),
            field_("source_url", "string", "URL where the figure was seen", required=True, pattern=URL_PATTERN),
            field_("note", "string", "Caveats: definitions, vintage, source quality"),
            field_("source_row", "integer", "Line of raw/collected/factcheck_figures.csv", required=True, unique=True, minimum=2),
        ],
        primary_key=["indicator", "period"],
        derive=derive_figures,
    ),
]
