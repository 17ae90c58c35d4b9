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

from analysis.etl import DerivationError, resources_from_meta
from analysis.etl.elections_mx import CHECKS_TOPIC, COALITIONS_TOPIC, COLLECTED
from analysis.etl.published import NOT_FOUND, read_published

RECALL_TOPIC = "elections_recall"
OTHER_TOPICS = [CHECKS_TOPIC, COALITIONS_TOPIC, "legislature_votes", "elections_governors"]
# Topics whose figures live in structured tables; their NOT FOUND rows are listed here too.
STRUCTURED_TOPICS = ["elections_presidential", "legislature_seats", RECALL_TOPIC]

INE_COUNT = "INE count"
TEPJF_FINAL = "TEPJF final computation"
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


RESOURCES = resources_from_meta(__file__, derive={
    "recall_referendum_2022": derive_recall, "elections_published_figures": derive_figures,
})
