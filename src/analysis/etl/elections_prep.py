"""The 2024 presidential election by state and candidate from INE's preliminary results program
(PREP: Programa de Resultados Electorales Preliminares), the only state-level 2024 results the
package holds. PREP is the election-night count of the tally sheets received, not all of them; it
is not the official count (cómputos distritales), whose national totals are in
``presidential_national_results``.

Raw input: ``elections/prep2024_presidencia_por_entidad_complete.csv``, a scrape of INE's PREP site
(https://prep2024.ine.mx/publicacion/nacional/presidencia/nacional/candidatura) by
``Anonymate054/PREP2024`` (``files/summary/complete.csv`` at commit 07c2d40; see
``elections/PROVENANCE.md``). Defects handled here:
- the file starts with a UTF-8 byte-order mark and an unnamed index column (0, 1, …): the mark is
  removed on reading, the index is checked to run 0…n−1 and then dropped;
- state names are INE's ("Ciudad De México", "México"), mapped to the codes of ``states``;
- each row's total must equal its votes cast in the country plus those cast abroad, and each state
  must have the five rows (three candidates, non-registered candidates, null votes);
- the file's ``Percentage`` does not match its own vote counts in 19 states: the denominator it
  implies is smaller than the state's sum of votes (by 42,533 votes in Mexico City), as if the
  percentages had been read at another moment of the PREP than the counts. The counts are the ones
  kept (their national sums equal the PREP's closing figures as reported by Expansión, 6 June 2024);
  shares are computed from them, and a ``Percentage`` more than one percentage point away from the
  computed share stops the derivation (:data:`PERCENTAGE_TOLERANCE`).
Anything else unexpected raises :class:`DerivationError` with the file, row and field.
"""

from __future__ import annotations

import csv
import unicodedata
from pathlib import Path

import pandas as pd

from analysis.etl import DerivationError, resources_from_meta

PREP = "elections/prep2024_presidencia_por_entidad_complete.csv"
HEADER = ["", "State", "Candidate ID", "Name", "Total Votes", "Percentage", "National Votes", "Abroad Votes"]
YEAR = 2024  # the file has no date column: the election day is taken from presidential_national_results
# Name in the file -> (id, name as in presidential_national_results, item type, the file's Candidate ID)
CANDIDATES = {
    "Jorge Álvarez Máynez": ("alvarez_maynez", "Jorge Álvarez Máynez", "candidate", 1),
    "Bertha Xóchitl Gálvez Ruíz": ("galvez", "Xóchitl Gálvez", "candidate", 2),
    "Claudia Sheinbaum Pardo": ("sheinbaum", "Claudia Sheinbaum", "candidate", 3),
    "Candidaturas no registradas": ("not_registered", "Candidates not registered", "write_in", 4),
    "Votos nulos": ("null", "Null votes", "null", 5),
}
ITEM_TYPES = ["candidate", "write_in", "null"]
PERCENTAGE_TOLERANCE = 0.01  # the file's Percentage (a fraction) may differ from the computed share by this much
# INE's state names that differ from the states resource (compared without accents and case).
STATE_ALIASES = {"mexico": "15"}  # "México" is the State of Mexico, not the country or the capital


def _fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).casefold().strip()


def read_prep(raw: Path) -> pd.DataFrame:
    path = raw / PREP
    with path.open(encoding="utf-8-sig", newline="") as handle:  # utf-8-sig drops the byte-order mark
        header = next(csv.reader(handle), [])
    if header != HEADER:
        columns = [c if c else "(unnamed index)" for c in header]
        raise DerivationError(path, f"unexpected header {columns}; expected an unnamed index column then {HEADER[1:]}", row=1)
    frame = pd.read_csv(path, dtype="string", keep_default_na=False, encoding="utf-8-sig", header=0, names=HEADER)
    frame.insert(0, "source_line", range(2, len(frame) + 2))
    index = pd.to_numeric(frame[""], errors="coerce")
    if not index.tolist() == list(range(len(frame))):
        bad = frame[index != pd.Series(range(len(frame)))].iloc[0]
        raise DerivationError(path, f"index column should run 0…{len(frame) - 1}, found {bad['']!r}", row=int(bad["source_line"]), field="(unnamed index)")
    frame = frame.drop(columns="")
    for column in ["Candidate ID", "Total Votes", "National Votes", "Abroad Votes", "Percentage"]:
        values = pd.to_numeric(frame[column], errors="coerce")
        bad = values.isna() | (values < 0)
        if bad.any():
            row = frame[bad].iloc[0]
            raise DerivationError(path, f"{row[column]!r} is not a non-negative number", row=int(row["source_line"]), field=column)
        frame[column] = values
    return frame


def derive_prep(raw: Path, built: dict) -> pd.DataFrame:
    path = raw / PREP
    frame = read_prep(raw)
    states = built["states"]
    codes = {_fold(name): code for code, name in zip(states["state_code"], states["state_name"])} | STATE_ALIASES
    rows = []
    for record in frame.to_dict("records"):
        line = int(record["source_line"])
        code = codes.get(_fold(record["State"]))
        if code is None:
            raise DerivationError(path, f"state {record['State']!r} matches no state of the states resource", row=line, field="State")
        if record["Name"] not in CANDIDATES:
            raise DerivationError(path, f"candidate {record['Name']!r} not in analysis.etl.elections_prep.CANDIDATES", row=line, field="Name")
        candidate_id, name, item_type, number = CANDIDATES[record["Name"]]
        if int(record["Candidate ID"]) != number:
            raise DerivationError(path, f"Candidate ID {int(record['Candidate ID'])} does not go with {record['Name']!r} (expected {number})", row=line, field="Candidate ID")
        total, national, abroad = (int(record[c]) for c in ("Total Votes", "National Votes", "Abroad Votes"))
        if total != national + abroad:
            raise DerivationError(path, f"total {total:,} is not votes in the country {national:,} plus abroad {abroad:,}", row=line, field="Total Votes")
        rows.append({"state_code": code, "candidate_id": candidate_id, "candidate": name, "item_type": item_type, "votes": total,
                     "votes_in_country": national, "votes_abroad": abroad, "fraction_published": float(record["Percentage"]), "source_line": line})
    out = pd.DataFrame(rows)
    counts = out.groupby("state_code")["candidate_id"].agg(sorted)
    expected = sorted(c[0] for c in CANDIDATES.values())
    missing_states = sorted(set(states["state_code"]) - set(counts.index))
    if missing_states:
        raise DerivationError(path, f"no rows for state codes {missing_states}", field="State")
    for code, ids in counts.items():
        if ids != expected:
            line = int(out.loc[out["state_code"] == code, "source_line"].iloc[0])
            raise DerivationError(path, f"state {code}: rows {ids}, expected one for each of {expected}", row=line, field="Name")
    state_total = out.groupby("state_code")["votes"].transform("sum")
    out["share_of_total_pct"] = (100 * out["votes"] / state_total).round(2)
    off = (out["votes"] / state_total - out["fraction_published"]).abs() > PERCENTAGE_TOLERANCE
    if off.any():
        row = out[off].iloc[0]
        raise DerivationError(path, f"Percentage {row['fraction_published']} is more than {PERCENTAGE_TOLERANCE:.0%} away from the row's share of the "
                              "state's votes", row=int(row["source_line"]), field="Percentage")
    candidates = out["item_type"] == "candidate"
    valid = out[candidates].groupby("state_code")["votes_in_country"].sum()
    out["share_of_valid_pct"] = (100 * out["votes_in_country"] / out["state_code"].map(valid)).round(2).where(candidates)
    out["rank_in_state"] = out["votes"].where(candidates).groupby(out["state_code"]).rank(ascending=False, method="min").astype("Int64")
    national = built["presidential_national_results"]
    dates = national.loc[national["year"] == YEAR, "election_date"].unique()
    if len(dates) != 1:
        raise DerivationError(path, f"presidential_national_results gives {len(dates)} election dates for {YEAR}, expected one")
    out = out.assign(year=YEAR, election_date=pd.Timestamp(dates[0]), count_stage="PREP (preliminary results program)", status="preliminary")
    order = {t: i for i, t in enumerate(ITEM_TYPES)}
    out = out.assign(_o=out["item_type"].map(order)).sort_values(["state_code", "_o", "votes"], ascending=[True, True, False])
    return out.drop(columns=["_o", "fraction_published", "source_line"]).reset_index(drop=True)


RESOURCES = resources_from_meta(__file__, derive={"presidential_state_results_2024_prep": derive_prep})
