"""Mexican federal elections: presidential returns by state (2006, 2012, 2018), national presidential
results (2006–2024) and seats in Congress (LXIV, LXV and LXVI Legislatures, 2018–2027).

Raw inputs (paths relative to RAW):
- ``elections/magar_pred_state_presidential_2006_2012_2018.csv``: rows ord 225–320 of
  ``data/pred1964-on.csv`` in E. Magar's "Recent Mexican Election Vote Returns", a compilation of
  IFE/INE official district computations (download: https://github.com/emagar/elecRetrns ,
  raw file https://raw.githubusercontent.com/emagar/elecRetrns/118dfff57f5d8a111e3a78a4a69ce59102cf8ce0/data/pred1964-on.csv).
- ``published_figures.csv`` (topics ``elections_presidential`` and ``legislature_seats``): national
  figures seen in INE, IFE, TEPJF and congressional releases as reported in the press, one per row
  with its URL.
- ``collected/elections_figures.csv`` (the project's own collection, same columns; see
  ``raw/collected/PROVENANCE.md``): INE's own page for the 2024 totals, the 2024 (LXVI) seats, the
  coalitions of 2021 and 2024 and the published coalition seat totals (used as checks), and the
  2018 check figures (topic ``presidential_checks``).

Defects handled here (see ``elections/PROVENANCE.md``):
- 2012 rows of Coahuila, Colima, Chiapas and Chihuahua (ord 261–264) carry each other's vote
  columns (``v01``…``vtot``): the vote columns follow alphabetical state order while ``edon``,
  ``estado`` and ``lisnom`` follow INEGI code order. :data:`REMAP_2012` moves the votes back.
- Coalition cells: a candidate's votes are the sum of the cells of the parties that nominated them
  plus the coalition cell (2006 and 2012 coalition cells hold the constants 2 and 3; they are
  counted in ``efec`` and so are kept).
- 2018 rows lack the independent candidate Jaime Rodríguez ("El Bronco"), null and total votes. The
  residual ``efec`` minus the three coalitions is kept as "Other/unattributed" and is not a
  candidate. State-level turnout for 2018 is therefore left missing.
- ``published_figures.csv`` rows whose value is ``NOT FOUND`` are gaps, listed in the resources'
  descriptions, never filled.
- 2018 total votes cast: the 56,508,266 of ``published_figures.csv`` is a figure quoted in one press
  report; with it INE's published shares are not reproduced. The collected file records it as a
  quoted figure (topic ``presidential_checks``): the row is kept as item_type ``total_quoted``, and
  the total becomes the sum of INE's seven published component counts (the four candidates, votes
  for non-registered candidates, null votes and votes for the cancelled registration), checked
  against the encyclopedia's tabulation of INE (56,611,027), INE's combined null-type count and
  INE's published shares (INE truncates shares to two decimals). Any mismatch stops the derivation.
"""

from __future__ import annotations

import math
import re
from pathlib import Path

import pandas as pd

from analysis.etl import DerivationError, resources_from_meta
from analysis.etl.published import NOT_FOUND, PUBLISHED, read_published
from analysis.etl.states import MAGAR_SOURCE

MAGAR = "elections/magar_pred_state_presidential_2006_2012_2018.csv"
COLLECTED = "collected/elections_figures.csv"
FIGURE_FILES = (PUBLISHED, COLLECTED)  # read in this order: the collected file adds to and checks the published one
YEARS = (2006, 2012, 2018)
VOTE_COLUMNS = [f"v{n:02d}" for n in range(1, 13)]
LABEL_COLUMNS = [f"l{n:02d}" for n in range(1, 13)]
COUNT_COLUMNS = VOTE_COLUMNS + ["efec", "nr", "nulos", "vtot"]  # the columns permuted in 2012

# 2012: the row labelled with state code K carries the vote columns of state REMAP_2012[K].
# Coahuila (05) carries Chiapas (07), Colima (06) Chihuahua (08), Chiapas (07) Coahuila (05),
# Chihuahua (08) Colima (06). Alphabetical order of the four names vs INEGI code order.
REMAP_2012 = {5: 7, 6: 8, 7: 5, 8: 6}

# Candidate attribution per the codebook (elections/PROVENANCE.md): party and coalition cells
# whose votes count for each candidate. Every label of a year must be attributed exactly once.
CANDIDATES = {
    2006: [
        ("calderon", "Felipe Calderón", "PAN", ["pan"]),
        ("lopez_obrador", "Andrés Manuel López Obrador", "Por el Bien de Todos (PRD, PT, Convergencia)", ["prd", "pt-conve", "prd-pt-conve"]),
        ("madrazo", "Roberto Madrazo", "Alianza por México (PRI, PVEM)", ["pri", "pvem", "pri-pvem"]),
        ("mercado", "Patricia Mercado", "Alternativa Socialdemócrata y Campesina", ["asdc"]),
        ("campa", "Roberto Campa", "Nueva Alianza", ["pna"]),
    ],
    2012: [
        ("pena_nieto", "Enrique Peña Nieto", "Compromiso por México (PRI, PVEM)", ["pri", "pvem", "pri-pvem"]),
        ("lopez_obrador", "Andrés Manuel López Obrador", "Movimiento Progresista (PRD, PT, MC)", ["prd", "pt", "mc", "prd-pt-mc"]),
        ("vazquez_mota", "Josefina Vázquez Mota", "PAN", ["pan"]),
        ("quadri", "Gabriel Quadri", "Nueva Alianza", ["pna"]),
    ],
    2018: [
        ("lopez_obrador", "Andrés Manuel López Obrador", "Juntos Haremos Historia (Morena, PT, PES)", ["morena", "pt", "pes", "morena-pt-pes"]),
        ("anaya", "Ricardo Anaya", "Por México al Frente (PAN, PRD, MC)", ["pan", "prd", "mc", "pan-prd-mc"]),
        ("meade", "José Antonio Meade", "Todos por México (PRI, PVEM, Nueva Alianza)", ["pri", "pvem", "pna", "pri-pvem-pna"]),
    ],
}
RESIDUAL_ID = "other_unattributed"
RESIDUAL_NAME = "Other/unattributed"
RESIDUAL_DEFINITION = "residual: valid votes (efec) minus the three coalitions; includes the independent J. Rodríguez, not a candidate"

PUBLISHED_TOPICS = ["elections_presidential", "legislature_seats"]

# National presidential results: published_figures.csv indicator -> (stage, item, item_type, column).
# stage: which official count the figure belongs to; column: votes (count) or percent.
DISTRICT = "district count"
TRIBUNAL = "tribunal final"
STATE_SUM = "sum of state rows"
NATIONAL_ITEMS = {
    "votes López Obrador (Juntos Haremos Historia)": (DISTRICT, "Andrés Manuel López Obrador", "candidate", "votes"),
    "vote share López Obrador": (DISTRICT, "Andrés Manuel López Obrador", "candidate", "percent"),
    "votes Ricardo Anaya (Por México al Frente)": (DISTRICT, "Ricardo Anaya", "candidate", "votes"),
    "vote share Anaya": (DISTRICT, "Ricardo Anaya", "candidate", "percent"),
    "votes José Antonio Meade (Todos por México)": (DISTRICT, "José Antonio Meade", "candidate", "votes"),
    "vote share Meade": (DISTRICT, "José Antonio Meade", "candidate", "percent"),
    "votes Jaime Rodríguez Calderón 'El Bronco' (independent)": (DISTRICT, "Jaime Rodríguez Calderón", "candidate", "votes"),
    "vote share Rodríguez Calderón": (DISTRICT, "Jaime Rodríguez Calderón", "candidate", "percent"),
    "votes for candidates not registered": (DISTRICT, "Candidates not registered", "write_in", "votes"),
    "null votes": (DISTRICT, "Null votes", "null", "votes"),
    "null votes for cancelled registration (Margarita Zavala)": (DISTRICT, "Null votes for a cancelled registration (M. Zavala)", "null_detail", "votes"),
    "total votes cast": (DISTRICT, "Total votes cast", "total", "votes"),
    "turnout": (DISTRICT, "Turnout", "turnout", "percent"),
    "lista nominal (registered voters)": (DISTRICT, "Registered voters (lista nominal)", "registered", "votes"),
    "votes López Obrador (earlier cut of district count)": (DISTRICT, "Andrés Manuel López Obrador", "candidate", "votes"),
    "votes Claudia Sheinbaum (Sigamos Haciendo Historia)": (DISTRICT, "Claudia Sheinbaum", "candidate", "votes"),
    "votes Claudia Sheinbaum": (DISTRICT, "Claudia Sheinbaum", "candidate", "votes"),
    "vote share Sheinbaum": (DISTRICT, "Claudia Sheinbaum", "candidate", "percent"),
    "votes Xóchitl Gálvez (Fuerza y Corazón por México)": (DISTRICT, "Xóchitl Gálvez", "candidate", "votes"),
    "votes Xóchitl Gálvez": (DISTRICT, "Xóchitl Gálvez", "candidate", "votes"),
    "votes Jorge Álvarez Máynez (MC)": (DISTRICT, "Jorge Álvarez Máynez", "candidate", "votes"),
    "votes Jorge Álvarez Máynez": (DISTRICT, "Jorge Álvarez Máynez", "candidate", "votes"),
    "votes Enrique Peña Nieto (Compromiso por México)": (DISTRICT, "Enrique Peña Nieto", "candidate", "votes"),
    "vote share Peña Nieto": (DISTRICT, "Enrique Peña Nieto", "candidate", "percent"),
    "votes Andrés Manuel López Obrador (Movimiento Progresista)": (DISTRICT, "Andrés Manuel López Obrador", "candidate", "votes"),
    "votes Josefina Vázquez Mota (PAN)": (DISTRICT, "Josefina Vázquez Mota", "candidate", "votes"),
    "vote share Vázquez Mota": (DISTRICT, "Josefina Vázquez Mota", "candidate", "percent"),
    "votes Gabriel Quadri (Nueva Alianza)": (DISTRICT, "Gabriel Quadri", "candidate", "votes"),
    "vote share Quadri": (DISTRICT, "Gabriel Quadri", "candidate", "percent"),
    "votes Peña Nieto (TEPJF final computation after annulments)": (TRIBUNAL, "Enrique Peña Nieto", "candidate", "votes"),
    "votes López Obrador (TEPJF final)": (TRIBUNAL, "Andrés Manuel López Obrador", "candidate", "votes"),
    "votes Vázquez Mota (TEPJF final)": (TRIBUNAL, "Josefina Vázquez Mota", "candidate", "votes"),
    "votes Quadri (TEPJF final)": (TRIBUNAL, "Gabriel Quadri", "candidate", "votes"),
    "total votes cast (TEPJF final)": (TRIBUNAL, "Total votes cast", "total", "votes"),
    "votes for non-registered candidates (TEPJF final)": (TRIBUNAL, "Candidates not registered", "write_in", "votes"),
    "total votes cast (votación total cuantificada)": (DISTRICT, "Total votes cast", "total", "votes"),
}
# Rows of the collected file (topic presidential_checks) that check or re-qualify the national rows.
CHECKS_TOPIC = "presidential_checks"
QUOTED_TOTAL = "total votes cast (figure quoted to the press"  # indicator prefix: a published total that is not INE's
TABULATED_TOTAL = "total votes cast (votación total emitida)"  # indicator prefix: a tabulation the component sum must equal
NULL_TYPE_TOTAL = "null + cancelled-registration + non-registered votes combined"
QUOTED_ITEM = "Total votes cast as quoted to the press"
COMPONENT_TYPES = ["candidate", "write_in", "null", "null_detail"]  # INE's components of total votes cast
# "vote share López Obrador" appears for 2012 and 2018; the year disambiguates.
MORENA_LINE = {2006: "Andrés Manuel López Obrador", 2012: "Andrés Manuel López Obrador",
               2018: "Andrés Manuel López Obrador", 2024: "Claudia Sheinbaum"}

# Congress: party abbreviations as printed in published_figures.csv indicators -> party code.
PARTIES = {"MORENA": "Morena", "PAN": "PAN", "PRI": "PRI", "PRD": "PRD", "PT": "PT", "PES": "PES", "MC": "MC",
           "PVEM": "PVEM", "Nueva Alianza": "PANAL", "independents/no party": "No party"}
# The 2018 presidential coalition each party belonged to, from the coalition cells of the 2018 returns.
COALITION_2018 = {"morena-pt-pes": "Juntos Haremos Historia", "pan-prd-mc": "Por México al Frente", "pri-pvem-pna": "Todos por México"}
MAGAR_PARTY = {"morena": "Morena", "pt": "PT", "pes": "PES", "pan": "PAN", "prd": "PRD", "mc": "MC", "pri": "PRI", "pvem": "PVEM", "pna": "PANAL"}
CHAMBERS = ["Chamber of Deputies", "Senate"]
LEGISLATURES = {"LXIV": "2018–2021", "LXV": "2021–2024", "LXVI": "2024–2027"}
# The federal election that produced each legislature (calendar years); a legislature starts on
# 1 September of that year (CPEUM art. 65; INE's announcements of the 2021 and 2024 assignments say so).
ELECTION_YEAR = {"LXIV": 2018, "LXV": 2021, "LXVI": 2024}
_LEGISLATURE = re.compile(r"^(LXIV|LXVI|LXV)\b")
# Rows of legislature_seats naming a coalition's parties: published coalition totals, used as checks.
_COALITION_TOTAL = re.compile(r"^(?P<name>.+) parties \((?P<members>[A-Z]+(?:\+[A-Z]+)+)\)$")
# election_coalitions rows: "<Coalition> (<party>, <party>, ...): <what the value counts>".
COALITIONS_TOPIC = "election_coalitions"
_COALITION = re.compile(r"^(?P<name>[^(]+?) \((?P<members>[^)]+)\):")
NO_COALITION = "none"

# ---------------------------------------------------------------------------------------------
# State returns
# ---------------------------------------------------------------------------------------------

def read_magar(raw: Path) -> pd.DataFrame:
    """The Magar rows for 2006, 2012 and 2018, checked: 32 states a year, numeric vote cells,
    labels consistent within a year. ``source_line`` is the line number in the raw file."""
    path = raw / MAGAR
    frame = pd.read_csv(path, dtype={c: "string" for c in LABEL_COLUMNS + ["edo", "estado", "fuente", "note", "mo"]})
    frame.insert(0, "source_line", range(2, len(frame) + 2))
    required = {"ord", "yr", "edon", "efec", "lisnom", *VOTE_COLUMNS, *LABEL_COLUMNS, "nr", "nulos", "vtot"}
    missing = required - set(frame.columns)
    if missing:
        raise DerivationError(path, f"missing columns {sorted(missing)}", row=1)
    frame = frame[frame["yr"].isin(YEARS)].copy()
    for year in YEARS:
        rows = frame[frame["yr"] == year]
        codes = sorted(rows["edon"].tolist())
        if codes != list(range(1, 33)):
            raise DerivationError(path, f"{year}: expected one row per state code 1..32, found {codes}", field="edon")
        for column in LABEL_COLUMNS:
            labels = rows[column].dropna().unique().tolist()
            if len(labels) > 1:
                line = int(rows.loc[rows[column] != rows[column].iloc[0], "source_line"].iloc[0])
                raise DerivationError(path, f"{year}: labels differ across states ({labels})", row=line, field=column)
    for column in VOTE_COLUMNS + ["efec", "lisnom", "nr", "nulos", "vtot"]:
        values = pd.to_numeric(frame[column], errors="coerce")
        bad = values.isna() & frame[column].notna()
        negative = values < 0
        if bad.any() or negative.any():
            line = int(frame.loc[bad | negative, "source_line"].iloc[0])
            raise DerivationError(path, f"vote count {frame.loc[bad | negative, column].iloc[0]!r} is not a non-negative number", row=line, field=column)
    return frame.reset_index(drop=True)


def remap_2012(frame: pd.DataFrame, raw: Path | str = MAGAR) -> pd.DataFrame:
    """Move the permuted 2012 vote columns back to their states. Adds ``votes_from_line`` (the raw
    line whose vote columns the row now carries) and ``remapped``. ``lisnom`` is not moved."""
    out = frame.copy()
    out["votes_from_line"] = out["source_line"]
    out["remapped"] = False
    in_2012 = out.index[out["yr"] == 2012]
    row_of = {int(out.loc[i, "edon"]): i for i in in_2012}
    before = out.copy()
    for labelled, holds in REMAP_2012.items():
        if labelled not in row_of or holds not in row_of:
            raise DerivationError(raw, f"2012 remap: no row for state code {labelled if labelled not in row_of else holds}", field="edon")
        carrier = row_of[labelled]  # this row carries the votes of state ``holds``
        target = row_of[holds]
        out.loc[target, COUNT_COLUMNS] = before.loc[carrier, COUNT_COLUMNS].to_numpy()
        out.loc[target, "votes_from_line"] = int(before.loc[carrier, "source_line"])
        out.loc[target, "remapped"] = True
    return out


def _check_turnout(frame: pd.DataFrame, raw: Path) -> None:
    """After the remap every state must have valid votes below registered voters and a
    plausible participation (30%–95% of the lista nominal): catches a wrong or missing remap."""
    ratio = frame["efec"] / frame["lisnom"]
    bad = (ratio < 0.30) | (ratio > 0.95)
    if bad.any():
        row = frame[bad].iloc[0]
        raise DerivationError(raw / MAGAR, f"{int(row['yr'])} state {int(row['edon'])}: valid votes are {ratio[bad].iloc[0]:.2f} "
                              "of the lista nominal (implausible; permuted vote columns?)", row=int(row["source_line"]), field="efec")


def attribute(frame: pd.DataFrame, raw: Path) -> pd.DataFrame:
    """One row per year × state × candidate with the candidate's votes (party + coalition cells)."""
    path = raw / MAGAR
    rows = []
    for record in frame.to_dict("records"):
        year = int(record["yr"])
        cells = {record[l]: float(record[v]) for l, v in zip(LABEL_COLUMNS, VOTE_COLUMNS) if pd.notna(record[l])}
        used: set[str] = set()
        total = 0.0
        for candidate_id, candidate, nominated_by, labels in CANDIDATES[year]:
            absent = [l for l in labels if l not in cells]
            if absent:
                raise DerivationError(path, f"{year}: no column labelled {absent} for {candidate}", row=int(record["source_line"]), field="l01..l12")
            votes = sum(cells[l] for l in labels)
            used.update(labels)
            total += votes
            rows.append({"year": year, "state_code": f"{int(record['edon']):02d}", "candidate_id": candidate_id, "candidate": candidate,
                         "nominated_by": nominated_by, "cells": "+".join(labels), "votes": int(round(votes))})
        unattributed = set(cells) - used
        if unattributed:
            raise DerivationError(path, f"{year}: party/coalition cells {sorted(unattributed)} attributed to no candidate", row=int(record["source_line"]), field="l01..l12")
        efec = float(record["efec"])
        residual = efec - total
        if year == 2018:
            if residual < 0:
                raise DerivationError(path, "2018: the three coalitions exceed efec", row=int(record["source_line"]), field="efec")
            rows.append({"year": year, "state_code": f"{int(record['edon']):02d}", "candidate_id": RESIDUAL_ID, "candidate": RESIDUAL_NAME,
                         "nominated_by": RESIDUAL_DEFINITION, "cells": "efec-" + "-".join(c[0] for c in CANDIDATES[year]), "votes": int(round(residual))})
        elif abs(residual) > 0.5:
            raise DerivationError(path, f"{year}: candidates sum to {total:.0f} but efec is {efec:.0f}", row=int(record["source_line"]), field="efec")
    return pd.DataFrame(rows)


def _prepared(raw: Path) -> pd.DataFrame:
    frame = remap_2012(read_magar(raw), raw / MAGAR)
    _check_turnout(frame, raw)
    return frame


def derive_state_results(raw: Path, built: dict) -> pd.DataFrame:
    frame = _prepared(raw)
    results = attribute(frame, raw)
    valid = frame.assign(state_code=frame["edon"].map("{:02d}".format), year=frame["yr"].astype(int))[["year", "state_code", "efec"]]
    results = results.merge(valid, on=["year", "state_code"], validate="many_to_one")
    results["share_of_valid_pct"] = (100 * results["votes"] / results["efec"]).round(2)
    results["rank_in_state"] = (
        results.assign(_c=results["candidate_id"] == RESIDUAL_ID)
        .assign(_v=lambda d: d["votes"].where(~d["_c"]))
        .groupby(["year", "state_code"])["_v"].rank(ascending=False, method="min")
        .astype("Int64")
    )
    results = results.drop(columns="efec")
    return results.sort_values(["year", "state_code", "votes"], ascending=[True, True, False]).reset_index(drop=True)


def derive_state_totals(raw: Path, built: dict) -> pd.DataFrame:
    frame = _prepared(raw)
    out = pd.DataFrame({
        "year": frame["yr"].astype(int),
        "election_date": pd.to_datetime(frame["yr"].astype(str) + "-" + frame["mo"] + "-" + frame["dy"].astype(str), format="%Y-%b-%d"),
        "state_code": frame["edon"].map("{:02d}".format),
        "valid_votes": frame["efec"].astype("Int64"),
        "write_in_votes": frame["nr"].astype("Int64"),
        "null_votes": frame["nulos"].astype("Int64"),
        "total_votes": frame["vtot"].astype("Int64"),
        "registered_voters": frame["lisnom"].astype("Int64"),
    })
    out["turnout_pct"] = (100 * out["total_votes"] / out["registered_voters"]).astype("float64").round(2)
    out["valid_votes_pct_registered"] = (100 * out["valid_votes"] / out["registered_voters"]).astype("float64").round(2)
    out["source"] = frame["fuente"].astype("string")
    out["votes_from_line"] = frame["votes_from_line"].astype(int)
    out["remapped_2012"] = frame["remapped"].astype(bool)
    return out.sort_values(["year", "state_code"]).reset_index(drop=True)


# ---------------------------------------------------------------------------------------------
# Published figures
# ---------------------------------------------------------------------------------------------

def read_published_with_gaps(raw: Path, topics: list[str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Rows of ``published_figures.csv`` and ``collected/elections_figures.csv`` for ``topics`` as
    (figures, gaps): a ``NOT FOUND`` row records a figure that was looked for and not found, and goes
    to ``gaps`` (checks: the shared reader). Each row keeps ``source_file`` and ``source_row``."""
    table = read_published(raw, topics, files=FIGURE_FILES)
    gaps = table["value_text"].str.strip() == NOT_FOUND
    return table[~gaps].reset_index(drop=True), table[gaps].reset_index(drop=True)


def _where(raw: Path, record: dict) -> Path:
    return raw / record["source_file"]


def _election_date(raw: Path, record: dict) -> pd.Timestamp:
    try:
        return pd.to_datetime(record["period"], format="%Y-%m-%d")
    except ValueError as exc:
        raise DerivationError(_where(raw, record), f"period {record['period']!r} is not an election date", row=record["source_row"], field="period") from exc


def _line_lists(row: dict, record: dict) -> None:
    """Record the row's line in the file it came from (published or collected)."""
    target = "source_rows" if record["source_file"] == PUBLISHED else "collected_rows"
    row[target].append(str(record["source_row"]))
    if record["url"] not in row["source_url"].split(" "):
        row["source_url"] = row["source_url"] + " " + record["url"]


def _published_national(raw: Path, figures: pd.DataFrame) -> dict[tuple, dict]:
    """National rows keyed by (year, stage, status, item). A second source for the same figure adds
    its URL and line (the collected file confirms INE's 2024 totals on INE's own page); a different
    value for the same key is an error."""
    rows: dict[tuple, dict] = {}
    for record in figures.to_dict("records"):
        indicator = record["indicator"]
        if indicator not in NATIONAL_ITEMS:
            raise DerivationError(_where(raw, record), f"indicator {indicator!r} has no mapping in analysis.etl.elections_mx.NATIONAL_ITEMS", row=record["source_row"], field="indicator")
        stage, item, item_type, column = NATIONAL_ITEMS[indicator]
        date = _election_date(raw, record)
        key = (date.year, stage, record["status"], item)
        row = rows.setdefault(key, {"year": date.year, "election_date": date, "stage": stage, "status": record["status"], "item": item,
                                    "item_type": item_type, "votes": pd.NA, "percent_published": float("nan"), "publisher": record["publisher"],
                                    "document": record["document"], "source_url": record["url"], "source_rows": [], "collected_rows": [], "note": ""})
        field, value = ("votes", int(record["value"])) if column == "votes" else ("percent_published", float(record["value"]))
        current = row[field]
        if not pd.isna(current) and current != value:
            raise DerivationError(_where(raw, record), f"{field} {value} for {key} differs from {current} given on another row", row=record["source_row"], field="value")
        row[field] = value
        _line_lists(row, record)
    return rows


def _requalify_quoted_totals(raw: Path, rows: dict[tuple, dict], checks: pd.DataFrame) -> list[tuple]:
    """A published total that the collected file records as a figure quoted to the press (same date
    and value) becomes item_type ``total_quoted``: kept, never used as a denominator. Returns the
    (year, stage, status) groups that lost their total."""
    groups = []
    for record in checks[checks["indicator"].str.startswith(QUOTED_TOTAL)].to_dict("records"):
        date = _election_date(raw, record)
        hits = [k for k, r in rows.items() if r["item_type"] == "total" and r["election_date"] == date and r["votes"] == int(record["value"])]
        if len(hits) != 1:
            raise DerivationError(_where(raw, record), f"no single published total of {int(record['value']):,} votes on {date.date()} to record as a quoted figure",
                                  row=record["source_row"], field="value")
        row = rows.pop(hits[0])
        row.update(item=QUOTED_ITEM, item_type="total_quoted", note=record["retrieved_note"])
        _line_lists(row, record)
        rows[(*hits[0][:3], QUOTED_ITEM)] = row
        groups.append(hits[0][:3])
    return groups


def _truncated(value: float) -> float:
    """A percentage truncated (not rounded) to two decimals, as INE publishes its shares."""
    return math.floor(round(value * 100, 6)) / 100


def _component_totals(raw: Path, rows: dict[tuple, dict], groups: list[tuple], checks: pd.DataFrame) -> None:
    """Total votes cast as the sum of INE's published components, for each group whose published
    total was a quoted figure; checked against the tabulated total, INE's combined null-type count
    and INE's published (truncated) shares."""
    for group in groups:
        parts = {k: r for k, r in rows.items() if k[:3] == group and r["item_type"] in COMPONENT_TYPES}
        kinds = {r["item_type"] for r in parts.values()}
        if not {"candidate", "write_in", "null"} <= kinds or any(pd.isna(r["votes"]) for r in parts.values()):
            raise DerivationError(raw / COLLECTED, f"{group}: the published total is a quoted figure, but INE's components are incomplete ({sorted(kinds)})")
        total = sum(int(r["votes"]) for r in parts.values())
        date = next(iter(parts.values()))["election_date"]
        on_date = checks[checks["period"] == date.strftime("%Y-%m-%d")]
        for record in on_date.to_dict("records"):
            if record["indicator"].startswith(TABULATED_TOTAL) and int(record["value"]) != total:
                raise DerivationError(_where(raw, record), f"INE's components sum to {total:,}, not to the tabulated total {int(record['value']):,}", row=record["source_row"], field="value")
            if record["indicator"] == NULL_TYPE_TOTAL:
                null_type = sum(int(r["votes"]) for r in parts.values() if r["item_type"] != "candidate")
                if null_type != int(record["value"]):
                    raise DerivationError(_where(raw, record), f"null, cancelled and non-registered votes sum to {null_type:,}, not {int(record['value']):,}", row=record["source_row"], field="value")
        for key, r in parts.items():
            published = r["percent_published"]
            if not math.isnan(published) and _truncated(100 * int(r["votes"]) / total) != published:
                raise DerivationError(raw / PUBLISHED, f"{key}: {int(r['votes']):,} / {total:,} does not reproduce the published share {published}",
                                      row=int(r["source_rows"][-1]), field="value")
        first = next(iter(parts.values()))
        lines = sorted({line for r in parts.values() for line in r["source_rows"]}, key=int)
        urls = list(dict.fromkeys(u for r in parts.values() for u in r["source_url"].split(" ")))
        rows[(*group, "Total votes cast")] = {
            "year": group[0], "election_date": date, "stage": group[1], "status": group[2], "item": "Total votes cast", "item_type": "total",
            "votes": total, "percent_published": float("nan"), "publisher": first["publisher"],
            "document": "Sum of INE's published component counts: the candidates, votes for non-registered candidates, null votes and votes for the cancelled registration",
            "source_url": " ".join(urls), "source_rows": lines, "collected_rows": [], "derivation": "sum of published components",
            "note": "the components reproduce INE's published shares when truncated to two decimals, as INE publishes them"}


def derive_national(raw: Path, built: dict) -> pd.DataFrame:
    figures, _ = read_published_with_gaps(raw, ["elections_presidential"])
    checks, _ = read_published_with_gaps(raw, [CHECKS_TOPIC])
    rows = _published_national(raw, figures)
    _component_totals(raw, rows, _requalify_quoted_totals(raw, rows, checks), checks)
    published = pd.DataFrame(list(rows.values()))
    for column in ("source_rows", "collected_rows"):
        published[column] = published[column].map(";".join)
    published["derivation"] = published["derivation"].fillna("published figure")

    # 2006 (and no published national rows for it): sums of the state rows, IFE post-tribunal.
    state = _prepared(raw)
    y2006 = state[state["yr"] == 2006]
    results = attribute(y2006, raw)
    date = pd.Timestamp(int(y2006["yr"].iloc[0]), 7, int(y2006["dy"].iloc[0]))
    sums = [(c, "candidate", int(v)) for c, v in results.groupby("candidate")["votes"].sum().items()]
    sums += [("Candidates not registered", "write_in", int(y2006["nr"].sum())), ("Null votes", "null", int(y2006["nulos"].sum())),
             ("Total votes cast", "total", int(y2006["vtot"].sum())), ("Registered voters (lista nominal)", "registered", int(y2006["lisnom"].sum()))]
    summed = pd.DataFrame([{"year": 2006, "election_date": date, "stage": STATE_SUM, "status": "final", "item": item, "item_type": kind,
                            "votes": votes, "percent_published": float("nan"), "publisher": MAGAR_SOURCE["publisher"],
                            "document": "Sum of the 32 state rows of pred1964-on.csv (source: IFE post tribunal)",
                            "source_url": MAGAR_SOURCE["path"], "source_rows": f"{int(y2006['source_line'].min())}-{int(y2006['source_line'].max())}",
                            "collected_rows": "", "note": "", "derivation": "sum of state rows"} for item, kind, votes in sums])
    frame = pd.concat([published, summed], ignore_index=True)
    frame["votes"] = frame["votes"].astype("Int64")

    # Share of total votes cast, computed where the same year, stage and status give a total.
    totals = frame[frame["item_type"] == "total"].set_index(["year", "stage", "status"])["votes"]
    registered = frame[frame["item_type"] == "registered"].set_index(["year", "stage", "status"])["votes"]
    keys = list(zip(frame["year"], frame["stage"], frame["status"]))
    total = pd.array([totals.get(k, pd.NA) for k in keys], dtype="Int64")
    share = (100 * frame["votes"].astype("Float64") / pd.Series(total, index=frame.index).astype("Float64")).round(2)
    counted = frame["item_type"].isin(COMPONENT_TYPES)
    frame["percent_computed"] = share.where(counted).astype("float64")
    # Turnout from a registered count of the same year and stage (2006 sum of state rows).
    reg = pd.array([registered.get(k, pd.NA) for k in keys], dtype="Int64")
    turnout = (100 * frame["votes"].astype("Float64") / pd.Series(reg, index=frame.index).astype("Float64")).round(2)
    frame.loc[frame["item_type"] == "total", "percent_computed"] = turnout[frame["item_type"] == "total"].astype("float64")
    frame["morena_line"] = frame["item"] == frame["year"].map(MORENA_LINE)
    return frame.sort_values(["year", "stage", "status", "item_type", "votes"], ascending=[True, True, True, True, False]).reset_index(drop=True)


def _party(raw: Path, record: dict, text: str) -> str:
    if text.upper() in PARTIES:
        return PARTIES[text.upper()]
    if text in PARTIES:
        return PARTIES[text]
    raise DerivationError(_where(raw, record), f"party {text!r} not in analysis.etl.elections_mx.PARTIES", row=record["source_row"], field="indicator")


def coalitions(raw: Path) -> dict[int, dict[str, str]]:
    """Election year -> party -> the coalition it ran in: 2018 from the coalition cells of the 2018
    returns; 2021 and 2024 from the collected rows of topic ``election_coalitions``. A party listed in
    two coalitions of one election is an error."""
    out: dict[int, dict[str, str]] = {2018: {}}
    magar = read_magar(raw)
    for label in magar.loc[magar["yr"] == 2018, LABEL_COLUMNS].iloc[0].dropna().tolist():
        if label in COALITION_2018:
            for party in label.split("-"):
                out[2018][MAGAR_PARTY[party]] = COALITION_2018[label]
    rows, _ = read_published_with_gaps(raw, [COALITIONS_TOPIC])
    for record in rows.to_dict("records"):
        match = _COALITION.match(record["indicator"])
        if not match:
            raise DerivationError(_where(raw, record), "expected '<coalition> (<party>, <party>, ...): ...'", row=record["source_row"], field="indicator")
        year = _election_date(raw, record).year
        for text in match["members"].split(", "):
            party = _party(raw, record, text.strip())
            known = out.setdefault(year, {}).get(party)
            if known not in (None, match["name"]):
                raise DerivationError(_where(raw, record), f"{party} already in {known} in {year}", row=record["source_row"], field="indicator")
            out[year][party] = match["name"]
    return out


def _legislature(raw: Path, record: dict) -> str:
    match = _LEGISLATURE.match(record["period"])
    if not match:
        raise DerivationError(_where(raw, record), f"period {record['period']!r} names no legislature", row=record["source_row"], field="period")
    return match.group(1)


def _check_coalition_totals(raw: Path, frame: pd.DataFrame, checks: list[dict], members_of: dict[int, dict[str, str]]) -> None:
    """Each published coalition total equals the sum of its parties' INE-assigned seats, and names
    the parties the coalition registered."""
    for record in checks:
        match = _COALITION_TOTAL.match(record["party_text"])
        parties = sorted(_party(raw, record, p) for p in match["members"].split("+"))
        registered = sorted(p for p, c in members_of.get(ELECTION_YEAR[record["legislature"]], {}).items() if c == match["name"])
        if registered and registered != parties:
            raise DerivationError(_where(raw, record), f"{match['name']} registered {registered}, the total names {parties}", row=record["source_row"], field="indicator")
        rows = frame[(frame["legislature"] == record["legislature"]) & (frame["chamber"] == record["chamber"]) & (frame["stage"] == "INE assignment")]
        if set(parties) - set(rows["party"]):
            raise DerivationError(_where(raw, record), f"no INE-assigned seats for {sorted(set(parties) - set(rows['party']))}", row=record["source_row"], field="indicator")
        total = int(rows.loc[rows["party"].isin(parties), "seats"].sum())
        if total != int(record["value"]):
            raise DerivationError(_where(raw, record), f"the parties' seats sum to {total}, not to the published {int(record['value'])}", row=record["source_row"], field="value")


def derive_seats(raw: Path, built: dict) -> pd.DataFrame:
    figures, _ = read_published_with_gaps(raw, ["legislature_seats"])
    members_of = coalitions(raw)
    rows, checks = [], []
    for record in figures.to_dict("records"):
        indicator = record["indicator"]
        chamber = next((c for c in CHAMBERS if indicator.startswith(c + " seats")), None)
        if chamber is None:
            raise DerivationError(_where(raw, record), f"indicator {indicator!r} names no chamber", row=record["source_row"], field="indicator")
        party_text = indicator.split("–", 1)[1].strip() if "–" in indicator else ""
        legislature = _legislature(raw, record)
        if _COALITION_TOTAL.match(party_text):
            checks.append({**record, "party_text": party_text, "chamber": chamber, "legislature": legislature})
            continue
        party = _party(raw, record, party_text.split(" (")[0].strip())
        period = record["period"]
        if "installation" in indicator or "installation" in period:
            stage = "installation"
        elif "INE" in period or "INE" in indicator:
            stage = "INE assignment"
        else:
            raise DerivationError(_where(raw, record), "cannot tell INE assignment from installation", row=record["source_row"], field="period")
        seats = record["value"]
        if seats != int(seats) or seats < 0:
            raise DerivationError(_where(raw, record), f"seats {seats!r} not a count", row=record["source_row"], field="value")
        year = ELECTION_YEAR[legislature]
        published = record["source_file"] == PUBLISHED
        rows.append({"legislature": legislature, "term": LEGISLATURES[legislature], "term_start": pd.Timestamp(year, 9, 1), "chamber": chamber,
                     "stage": stage, "party": party, "coalition_2018": members_of[2018].get(party, NO_COALITION),
                     "coalition": members_of.get(year, {}).get(party, NO_COALITION), "seats": int(seats), "period_as_published": period,
                     "publisher": record["publisher"], "source_url": record["url"],
                     "source_row": int(record["source_row"]) if published else pd.NA, "collected_row": pd.NA if published else int(record["source_row"])})
    frame = pd.DataFrame(rows)
    for column in ("source_row", "collected_row"):
        frame[column] = frame[column].astype("Int64")
    duplicated = frame.duplicated(["legislature", "chamber", "stage", "party"])
    if duplicated.any():
        first = frame[duplicated].iloc[0]
        line, name = (first["source_row"], PUBLISHED) if not pd.isna(first["source_row"]) else (first["collected_row"], COLLECTED)
        raise DerivationError(raw / name, "two seat counts for one party, chamber and stage", row=int(line), field="indicator")
    _check_coalition_totals(raw, frame, checks, members_of)
    return frame.sort_values(["legislature", "chamber", "stage", "seats"], ascending=[True, True, True, False]).reset_index(drop=True)


def gaps(raw: Path) -> pd.DataFrame:
    """The rows of the two topics recorded as NOT FOUND (for tests and descriptions)."""
    return read_published_with_gaps(raw, PUBLISHED_TOPICS)[1]


# ---------------------------------------------------------------------------------------------
# Resources: their metadata is in elections_mx.meta.yml
# ---------------------------------------------------------------------------------------------

RESOURCES = resources_from_meta(__file__, derive={
    "presidential_state_results": derive_state_results, "presidential_state_totals": derive_state_totals,
    "presidential_national_results": derive_national, "congress_seats": derive_seats,
})
