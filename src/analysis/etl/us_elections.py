"""U.S. presidential election of 3 November 2020: popular vote by state (50 states and D.C.).

Raw input (path relative to RAW):
- ``elections/medsl_1976-2020-president.csv``: MIT Election Data and Science Lab (MEDSL),
  "U.S. President 1976–2020", Harvard Dataverse doi:10.7910/DVN/42MVDX, version 20210113
  (download: https://dataverse.harvard.edu/dataset.xhtml?persistentId=doi:10.7910/DVN/42MVDX ;
  copy from ``HowToCarpeDiem/Analysis-of-the-2020-US-presidential-election``,
  ``1976-2020-president.csv``). This copy is **semicolon-delimited** (the MEDSL original uses commas).
  One row per candidate (or write-in line) and state; ``totalvotes`` repeats the state's total.

The step keeps the 2020 rows, checks that every state has exactly one Biden and one Trump row
and that the candidate rows add up to the state's ``totalvotes``, and writes one row per state.
Electoral votes are not in the file and are not derived here.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis.etl import DerivationError, read_csv_with_header, resources_from_meta

MEDSL = "elections/medsl_1976-2020-president.csv"
YEAR = "2020"
BIDEN = "BIDEN, JOSEPH R. JR"
TRUMP = "TRUMP, DONALD J."
EXPECTED_STATES = 51  # 50 states and the District of Columbia
HEADER = ["year", "state", "state_po", "state_fips", "state_cen", "state_ic", "office", "candidate", "party_detailed",
          "writein", "candidatevotes", "totalvotes", "version", "notes", "party_simplified"]
SMALL_WORDS = {"of"}

def _state_name(upper: str) -> str:
    words = upper.lower().split()
    return " ".join(w if (i and w in SMALL_WORDS) else w.capitalize() for i, w in enumerate(words))


def _integer(value: str, path: Path, row: int, field: str) -> int:
    try:
        number = int(value)
    except ValueError as exc:
        raise DerivationError(path, f"{value!r} is not an integer vote count", row=row, field=field) from exc
    if number < 0:
        raise DerivationError(path, f"negative vote count {number}", row=row, field=field)
    return number


def derive_us_president_2020(raw: Path, built: dict) -> pd.DataFrame:
    path = raw / MEDSL
    table = read_csv_with_header(path, HEADER, line_column="line", sep=";")
    table = table[table["year"] == YEAR]
    if table.empty:
        raise DerivationError(path, f"no rows for year {YEAR}", field="year")
    rows = []
    for state, group in table.groupby("state_fips", sort=False):
        first = int(group["line"].iloc[0])
        if not state.isdigit() or not 1 <= int(state) <= 56:
            raise DerivationError(path, f"state FIPS code {state!r} is not a number from 1 to 56", row=first, field="state_fips")
        if group["office"].ne("US PRESIDENT").any():
            bad = int(group.loc[group["office"] != "US PRESIDENT", "line"].iloc[0])
            raise DerivationError(path, "office is not US PRESIDENT", row=bad, field="office")
        for column in ("state", "state_po", "totalvotes"):
            if group[column].nunique() != 1:
                raise DerivationError(path, f"{column} differs between rows of state FIPS {state}", row=first, field=column)
        votes = [_integer(v, path, int(line), "candidatevotes") for v, line in zip(group["candidatevotes"], group["line"])]
        total = _integer(group["totalvotes"].iloc[0], path, first, "totalvotes")
        if sum(votes) != total:
            raise DerivationError(path, f"candidate votes of state FIPS {state} sum to {sum(votes)}, not totalvotes {total}", row=first, field="totalvotes")
        by_candidate = {}
        for name in (BIDEN, TRUMP):
            lines = group.index[group["candidate"] == name]
            if len(lines) != 1:
                raise DerivationError(path, f"state FIPS {state} has {len(lines)} rows for {name!r}, expected 1", row=first, field="candidate")
            by_candidate[name] = _integer(group.at[lines[0], "candidatevotes"], path, int(group.at[lines[0], "line"]), "candidatevotes")
        biden, trump = by_candidate[BIDEN], by_candidate[TRUMP]
        rows.append({
            "state_fips": f"{int(state):02d}",
            "state_po": group["state_po"].iloc[0],
            "state": _state_name(group["state"].iloc[0]),
            "biden_votes": biden,
            "trump_votes": trump,
            "other_votes": total - biden - trump,
            "total_votes": total,
            "biden_share": round(100 * biden / total, 4),
            "trump_share": round(100 * trump / total, 4),
            "margin_pts": round(100 * (biden - trump) / total, 4),
            "winner": "Biden" if biden > trump else "Trump",
        })
    frame = pd.DataFrame(rows).sort_values("state_fips").reset_index(drop=True)
    if len(frame) != EXPECTED_STATES:
        raise DerivationError(path, f"{len(frame)} states with {YEAR} rows, expected {EXPECTED_STATES}", field="state_fips")
    for column in ("biden_votes", "trump_votes", "other_votes", "total_votes"):
        frame[column] = frame[column].astype("int64")
    return frame


RESOURCES = resources_from_meta(__file__, derive={"us_president_2020_state": derive_us_president_2020})
