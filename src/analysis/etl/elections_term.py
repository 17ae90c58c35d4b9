"""The other votes and figures of López Obrador's term that the elections chapter cites: the 2022
recall referendum (revocación de mandato) and the collected figures that are not rows of the
national results or seat tables (governorships, state legislatures, coalitions, votes in Congress,
check figures of the 2018 count, and the figures looked for and not found).

Raw input: ``collected/elections_figures.csv``, the project's own collection of published figures
(columns of ``published_figures.csv``; see ``raw/collected/README.md`` and ``PROVENANCE.md``). The
recall rows are the TEPJF's final computation (Sala Superior, 27 April 2022, published in the Diario
Oficial de la Federación: https://www.dof.gob.mx/nota_detalle_popup.php?codigo=5653455) as
reproduced by the press, and INE's earlier count.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis.etl import DerivationError, Resource, field_
from analysis.etl.elections_mx import CHECKS_TOPIC, COALITIONS_TOPIC, COLLECTED, DOCUMENT_FIELD, PUBLISHER_FIELD
from analysis.etl.published import NOT_FOUND, read_published

RECALL_TOPIC = "elections_recall"
OTHER_TOPICS = [CHECKS_TOPIC, COALITIONS_TOPIC, "legislature_votes", "elections_governors"]
# Topics whose figures live in structured tables; their NOT FOUND rows are listed here too.
STRUCTURED_TOPICS = ["elections_presidential", "legislature_seats", RECALL_TOPIC]

INE_COUNT = "INE count"
TEPJF_FINAL = "TEPJF final computation"
RECALL_STAGES = [INE_COUNT, TEPJF_FINAL]
RECALL_ITEM_TYPES = ["option", "null", "total", "registered", "participation", "threshold"]
CONTINUE, REVOKE = "Que siga en la Presidencia (he should stay)", "Que se le revoque el mandato (revoke his mandate)"
# indicator -> (stage, item, item_type, column)
RECALL_ITEMS = {
    "votes 'que siga en la Presidencia'": (TEPJF_FINAL, CONTINUE, "option", "votes"),
    "share 'que siga en la Presidencia'": (TEPJF_FINAL, CONTINUE, "option", "percent"),
    "votes 'que se le revoque el mandato'": (TEPJF_FINAL, REVOKE, "option", "votes"),
    "share 'que se le revoque el mandato'": (TEPJF_FINAL, REVOKE, "option", "percent"),
    "null votes": (TEPJF_FINAL, "Null votes", "null", "votes"),
    "share null votes": (TEPJF_FINAL, "Null votes", "null", "percent"),
    "total votes": (TEPJF_FINAL, "Total votes", "total", "votes"),
    "participation": (TEPJF_FINAL, "Participation", "participation", "percent"),
    "participation threshold for a binding result": (TEPJF_FINAL, "Participation required for a binding result", "threshold", "percent"),
    "lista nominal": (INE_COUNT, "Registered voters (lista nominal)", "registered", "votes"),
    "votes 'que siga en la Presidencia' (INE count)": (INE_COUNT, CONTINUE, "option", "votes"),
    "votes 'que se le revoque el mandato' (INE count)": (INE_COUNT, REVOKE, "option", "votes"),
    "total votes (INE count)": (INE_COUNT, "Total votes", "total", "votes"),
}


def _collected(raw: Path, topics: list[str]) -> pd.DataFrame:
    return read_published(raw, topics, files=(COLLECTED,))


def derive_recall(raw: Path, built: dict) -> pd.DataFrame:
    path = raw / COLLECTED
    table = _collected(raw, [RECALL_TOPIC])
    table = table[table["value_text"].str.strip() != NOT_FOUND]
    rows: dict[tuple, dict] = {}
    for record in table.to_dict("records"):
        if record["indicator"] not in RECALL_ITEMS:
            raise DerivationError(path, f"indicator {record['indicator']!r} has no mapping in analysis.etl.elections_term.RECALL_ITEMS", row=record["source_row"], field="indicator")
        stage, item, item_type, column = RECALL_ITEMS[record["indicator"]]
        try:
            date = pd.to_datetime(record["period"], format="%Y-%m-%d")
        except ValueError as exc:
            raise DerivationError(path, f"period {record['period']!r} is not the date of the vote", row=record["source_row"], field="period") from exc
        key = (stage, record["status"], item)
        row = rows.setdefault(key, {"vote_date": date, "stage": stage, "status": record["status"], "item": item, "item_type": item_type,
                                    "votes": pd.NA, "percent_published": float("nan"), "publisher": record["publisher"],
                                    "document": record["document"], "source_url": record["url"], "source_rows": []})
        target = "votes" if column == "votes" else "percent_published"
        if not pd.isna(row[target]):
            raise DerivationError(path, f"second {target} for {key}", row=record["source_row"], field="value")
        row[target] = int(record["value"]) if column == "votes" else float(record["value"])
        if record["url"] not in row["source_url"].split(" "):
            row["source_url"] += " " + record["url"]
        row["source_rows"].append(str(record["source_row"]))
    frame = pd.DataFrame(list(rows.values()))
    frame["source_rows"] = frame["source_rows"].map(";".join)
    frame["votes"] = frame["votes"].astype("Int64")
    registered = frame.loc[frame["item_type"] == "registered", "votes"]
    if len(registered) != 1:
        raise DerivationError(path, f"expected one lista nominal for the recall, found {len(registered)}", field="indicator")
    totals = frame[frame["item_type"] == "total"].set_index(["stage", "status"])["votes"]
    computed = []
    for record in frame.to_dict("records"):
        if record["item_type"] in ("option", "null"):
            total = totals.get((record["stage"], record["status"]))
            computed.append(round(100 * record["votes"] / total, 2) if total is not None and not pd.isna(total) else float("nan"))
        elif record["item_type"] == "total":
            computed.append(round(100 * record["votes"] / int(registered.iloc[0]), 2))
        else:
            computed.append(float("nan"))
    frame["percent_computed"] = computed
    # The TEPJF's options and nulls must add up to its total.
    for (stage, status), total in totals.items():
        parts = frame[(frame["stage"] == stage) & (frame["status"] == status) & frame["item_type"].isin(["option", "null"])]
        if len(parts) == 3 and int(parts["votes"].sum()) != int(total):
            raise DerivationError(path, f"{stage} ({status}): options and nulls sum to {int(parts['votes'].sum()):,}, not to the total {int(total):,}", field="value")
    order = {t: i for i, t in enumerate(RECALL_ITEM_TYPES)}
    frame = frame.assign(_o=frame["item_type"].map(order)).sort_values(["stage", "status", "_o", "votes"], ascending=[False, True, True, False])
    return frame.drop(columns="_o").reset_index(drop=True)


def _reference_date(text: str) -> pd.Timestamp | None:
    try:
        return pd.to_datetime(text, format="%Y-%m-%d")
    except ValueError:
        return None


def derive_figures(raw: Path, built: dict) -> pd.DataFrame:
    table = _collected(raw, OTHER_TOPICS + STRUCTURED_TOPICS)
    gap = table["value_text"].str.strip() == NOT_FOUND
    keep = table[table["topic"].isin(OTHER_TOPICS) | gap]
    out = pd.DataFrame({
        "topic": keep["topic"], "indicator": keep["indicator"], "period": keep["period"],
        "reference_date": [_reference_date(p) for p in keep["period"]],
        "value": keep["value"], "value_text": keep["value_text"].str.strip(), "unit": keep["unit"], "status": keep["status"],
        "publisher": keep["publisher"], "document": keep["document"], "source_url": keep["url"], "excerpt": keep["excerpt"],
        "note": keep["retrieved_note"], "source_row": keep["source_row"].astype(int),
    })
    out["reference_date"] = pd.to_datetime(out["reference_date"])
    return out.sort_values("source_row").reset_index(drop=True)


RESOURCES = [
    Resource(
        name="recall_referendum_2022",
        folder="elections",
        title="Recall referendum on President López Obrador (revocación de mandato), 10 April 2022: results",
        description=(
            "Votes for each option of the recall referendum of 10 April 2022, null and total votes, the lista nominal, the "
            "participation and the participation the constitution requires for a binding result (40% of the lista nominal, "
            "CPEUM art. 35, fraction IX). stage 'TEPJF final computation' is the Electoral Tribunal's final count (27 April "
            "2022, published in the DOF), which declared the process concluded and without legal effect because participation "
            "was 17.77%; stage 'INE count' (status preliminary) is INE's earlier count as reported, and holds the lista "
            "nominal (92,823,216). percent_published is as published (INE and the TEPJF truncate to two decimals); "
            "percent_computed divides votes by the total of the same stage (for total rows: by the lista nominal), rounded. "
            "Figures reproduced by the press from the TEPJF resolution; the participation and the 40% rule are on the DOF page."
        ),
        sources=[{"title": "TEPJF Sala Superior, cómputo final y declaratoria de conclusión del proceso de revocación de mandato (DOF)",
                  "path": "https://www.dof.gob.mx/nota_detalle_popup.php?codigo=5653455", "publisher": "Tribunal Electoral del Poder Judicial de la Federación (TEPJF)"}],
        fields=[
            field_("vote_date", "date", "Day of the vote", required=True),
            field_("stage", "string", "Which count: INE's count or the TEPJF's final computation", required=True, enum=RECALL_STAGES),
            field_("status", "string", "Status of the figure in collected/elections_figures.csv", required=True, enum=["preliminary", "final"]),
            field_("item", "string", "Option on the ballot, or the vote category (null votes, total, lista nominal, participation)", required=True),
            field_("item_type", "string", "Kind of item", required=True, enum=RECALL_ITEM_TYPES),
            field_("votes", "integer", "Votes (persons, for the lista nominal); empty for percentage rows", unit="votes", minimum=0),
            field_("percent_published", "number", "Percentage as published: share of total votes, or participation as share of the lista nominal", unit="percent", minimum=0, maximum=100),
            field_("percent_computed", "number", "votes / total votes of the same stage (for total rows: / lista nominal), rounded to two decimals", unit="percent", minimum=0, maximum=100),
            PUBLISHER_FIELD,
            DOCUMENT_FIELD,
            field_("source_url", "string", "Page(s) where the figure was seen (space-separated if two)", required=True),
            field_("source_rows", "string", "Line(s) of collected/elections_figures.csv", required=True),
        ],
        primary_key=["stage", "status", "item"],
        derive=derive_recall,
        period=("vote_date", "election"),
        status_field="status",
        row_sources=("document", "source_url"),
    ),
    Resource(
        name="elections_published_figures",
        folder="elections",
        title="Other published election figures of López Obrador's term: governorships, coalitions, votes in Congress, 2018 count checks",
        description=(
            "Figures the elections chapter cites that are not rows of the results or seat tables, one per row as collected, "
            "with the page where each was seen and a short verbatim excerpt (mostly press reports of INE, TEPJF and "
            "congressional sessions; 'as reported' in document). Topics: presidential_checks (figures on the 2018 count: the "
            "encyclopedia's total and INE's combined null-type count used to check the component sum, the 56,508,266 quoted in "
            "one press report, the TEPJF's final figures for López Obrador, the list size in a copy of INE's PREP feed); "
            "election_coalitions (which parties ran together in 2021 and 2024, with their number of relative-majority "
            "candidacies); legislature_votes (the Senate bloc after two PRD-elected senators joined Morena's group; the 2024 "
            "judicial reform votes; state legislatures' approvals); elections_governors (governorships and state legislatures "
            "held by Morena and allies, with each outlet's counting convention in note). Rows with value_text 'NOT FOUND' are "
            "figures looked for and not found (value empty; note says what was searched), including those of the topics whose "
            "found figures are in presidential_national_results, congress_seats and recall_referendum_2022."
        ),
        sources=[],
        fields=[
            field_("topic", "string", "Topic of the figure", required=True, enum=OTHER_TOPICS + STRUCTURED_TOPICS),
            field_("indicator", "string", "What the figure counts", required=True),
            field_("period", "string", "Date or period as collected", required=True),
            field_("reference_date", "date", "The date the figure refers to, where the period is a single day (ISO)"),
            field_("value", "number", "The figure (empty where NOT FOUND)"),
            field_("value_text", "string", "The value cell as collected (keeps 'NOT FOUND')", required=True),
            field_("unit", "string", "Unit of the figure"),
            field_("status", "string", "Status as collected (final, preliminary, revised, unspecified)", required=True,
                   enum=["final", "preliminary", "revised", "unspecified"]),
            field_("publisher", "string", "Authority the figure comes from (as reported, for press pages)"),
            field_("document", "string", "Release, session or count the figure belongs to"),
            field_("source_url", "string", "Page where the figure was seen (empty where NOT FOUND)"),
            field_("excerpt", "string", "Short verbatim excerpt of the page"),
            field_("note", "string", "Collector's note: source quality, other versions, what was searched"),
            field_("source_row", "integer", "Line of collected/elections_figures.csv", required=True, minimum=2),
        ],
        primary_key=["source_row"],
        derive=derive_figures,
        period=("reference_date", "day"),
        status_field="status",
        row_sources=("document", "source_url"),
    ),
]
