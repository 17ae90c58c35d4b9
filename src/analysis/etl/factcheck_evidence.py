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

from analysis.etl import DerivationError, resources_from_meta
from analysis.etl.published import COLLECTED, read_published

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


RESOURCES = resources_from_meta(__file__, derive={"factcheck_figures": derive_figures})
