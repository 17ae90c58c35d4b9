"""Analysis for the elections chapter: pure functions over the package's election tables.

Tables: ``presidential_state_results``, ``presidential_state_totals``,
``presidential_national_results``, ``congress_seats`` (all in ``data/elections``), with
``states``, ``state_boundaries`` and ``events`` from ``data/reference``.
"""

from __future__ import annotations

import json
import math

import pandas as pd

from analysis.data.events import Label

AMLO = "lopez_obrador"
RESIDUAL = "other_unattributed"
# Preference among official versions of a national result: the last official stage first.
STAGE_ORDER = {"tribunal final": 0, "district count": 1, "sum of state rows": 2}
STATUS_ORDER = {"revised": 0, "final": 1, "preliminary": 2}


# ---------------------------------------------------------------------------------------------
# National results
# ---------------------------------------------------------------------------------------------

def final_national(national: pd.DataFrame) -> pd.DataFrame:
    """One official version per year: the latest stage and status available that has a total of
    votes cast (tribunal final, else final district count, else the 2006 sum of state rows).
    Returns every row of the chosen version, with ``version`` describing it."""
    has_total = national[national["item_type"] == "total"][["year", "stage", "status"]].drop_duplicates()
    ranked = has_total.assign(_s=has_total["stage"].map(STAGE_ORDER), _t=has_total["status"].map(STATUS_ORDER)).sort_values(["year", "_s", "_t"])
    chosen = ranked.groupby("year").head(1)[["year", "stage", "status"]]
    out = national.merge(chosen, on=["year", "stage", "status"])
    return out.assign(version=out["stage"] + " (" + out["status"] + ")").reset_index(drop=True)


def candidates_final(national: pd.DataFrame) -> pd.DataFrame:
    """Candidate rows of the chosen official version per year, share = votes / total votes cast."""
    final = final_national(national)
    cands = final[final["item_type"] == "candidate"].copy()
    cands["share_pct"] = cands["percent_computed"]
    cands["rank"] = cands.groupby("year")["votes"].rank(ascending=False, method="min").astype(int)
    return cands[["year", "election_date", "version", "item", "morena_line", "votes", "share_pct", "percent_published", "rank", "source_url"]].sort_values(["year", "rank"]).reset_index(drop=True)


def morena_line_summary(national: pd.DataFrame) -> pd.DataFrame:
    """Per year: the López Obrador / Morena candidate against the strongest other candidate."""
    cands = candidates_final(national)
    rows = []
    for year, group in cands.groupby("year"):
        ours = group[group["morena_line"]].iloc[0]
        rival = group[~group["morena_line"]].sort_values("votes", ascending=False).iloc[0]
        rows.append({
            "year": int(year), "candidate": ours["item"], "votes": int(ours["votes"]), "share_pct": float(ours["share_pct"]),
            "rank": int(ours["rank"]), "strongest_rival": rival["item"], "rival_votes": int(rival["votes"]),
            "rival_share_pct": float(rival["share_pct"]), "margin_votes": int(ours["votes"] - rival["votes"]),
            "margin_points": round(float(ours["share_pct"] - rival["share_pct"]), 2), "version": ours["version"],
        })
    return pd.DataFrame(rows)


def margin_2006(national: pd.DataFrame) -> dict:
    """Calderón's 2006 lead over López Obrador in votes and in points of total votes cast."""
    rows = national[(national["year"] == 2006) & (national["stage"] == "sum of state rows")].set_index("item")
    calderon = int(rows.loc["Felipe Calderón", "votes"])
    amlo = int(rows.loc["Andrés Manuel López Obrador", "votes"])
    total = int(rows.loc["Total votes cast", "votes"])
    return {"votes": calderon - amlo, "points": 100 * (calderon - amlo) / total, "total": total}


def national_value(national: pd.DataFrame, year: int, item: str, column: str, stage: str = "district count", status: str = "final"):
    """One published or computed value of the national table (raises if absent)."""
    row = national[(national["year"] == year) & (national["item"] == item) & (national["stage"] == stage) & (national["status"] == status)]
    if len(row) != 1 or pd.isna(row[column].iloc[0]):
        raise KeyError(f"no {column} for {item!r}, {year}, {stage}/{status}")
    value = row[column].iloc[0]
    return float(value) if column.startswith("percent") else int(value)


# ---------------------------------------------------------------------------------------------
# States
# ---------------------------------------------------------------------------------------------

def amlo_by_state(results: pd.DataFrame, states: pd.DataFrame) -> pd.DataFrame:
    """López Obrador's share of valid votes, rank and win per state and year (2006, 2012, 2018)."""
    amlo = results[results["candidate_id"] == AMLO][["year", "state_code", "votes", "share_of_valid_pct", "rank_in_state"]]
    out = amlo.merge(states[["state_code", "state_name", "abbreviation"]], on="state_code", validate="many_to_one")
    out["won"] = out["rank_in_state"] == 1
    return out.sort_values(["year", "state_code"]).reset_index(drop=True)


def states_won(results: pd.DataFrame) -> pd.Series:
    """Number of states (of 32) López Obrador carried, by year."""
    amlo = results[results["candidate_id"] == AMLO]
    return amlo.groupby("year")["rank_in_state"].apply(lambda r: int((r == 1).sum()))


def state_winners(results: pd.DataFrame, states: pd.DataFrame) -> pd.DataFrame:
    """The candidate who carried each state, per year (the 2018 residual is never a winner)."""
    winners = results[results["rank_in_state"] == 1][["year", "state_code", "candidate", "share_of_valid_pct"]]
    if winners.duplicated(["year", "state_code"]).any():
        raise ValueError("tie for first place in a state")
    return winners.merge(states[["state_code", "state_name"]], on="state_code").sort_values(["year", "state_code"]).reset_index(drop=True)


def share_wide(by_state: pd.DataFrame) -> pd.DataFrame:
    """One row per state: López Obrador's share of valid votes in 2006, 2012, 2018 and the change."""
    wide = by_state.pivot(index=["state_code", "state_name", "abbreviation"], columns="year", values="share_of_valid_pct")
    wide.columns = [f"share_{c}" for c in wide.columns]
    wide = wide.reset_index()
    wide["change_2012_2018"] = (wide["share_2018"] - wide["share_2012"]).round(2)
    won = by_state.pivot(index="state_code", columns="year", values="won")
    wide["won_2006"] = wide["state_code"].map(won[2006])
    wide["won_2012"] = wide["state_code"].map(won[2012])
    wide["won_2018"] = wide["state_code"].map(won[2018])
    return wide.sort_values("share_2018", ascending=False).reset_index(drop=True)


def participation(totals: pd.DataFrame, states: pd.DataFrame) -> pd.DataFrame:
    """Valid votes as a share of the lista nominal by state and year (comparable across all
    three years, unlike turnout, which the source lacks for 2018)."""
    out = totals[["year", "state_code", "valid_votes", "registered_voters", "valid_votes_pct_registered", "turnout_pct"]]
    return out.merge(states[["state_code", "state_name", "abbreviation"]], on="state_code").reset_index(drop=True)


def national_participation(totals: pd.DataFrame) -> pd.DataFrame:
    """Valid votes / lista nominal nationally (sum of state rows), by year."""
    sums = totals.groupby("year")[["valid_votes", "registered_voters"]].sum()
    sums["valid_votes_pct_registered"] = 100 * sums["valid_votes"] / sums["registered_voters"]
    return sums.reset_index()


def map_features(by_state: pd.DataFrame, boundaries: pd.DataFrame, year: int) -> list[dict]:
    """GeoJSON features (geometry from ``state_boundaries``) with the year's share and win."""
    rows = by_state[by_state["year"] == year].merge(boundaries, on="state_code", validate="one_to_one")
    return [
        {"type": "Feature", "geometry": json.loads(r.geometry),
         "properties": {"state": r.state_name, "share": float(r.share_of_valid_pct), "won": "Carried by López Obrador" if r.won else "Carried by another candidate"}}
        for r in rows.itertuples()
    ]


# ---------------------------------------------------------------------------------------------
# Congress
# ---------------------------------------------------------------------------------------------

def chamber_sizes(seats: pd.DataFrame) -> pd.Series:
    """Seats per chamber and legislature, from the INE assignment (complete for every party)."""
    ine = seats[seats["stage"] == "INE assignment"]
    return ine.groupby(["legislature", "chamber"])["seats"].sum()


def thresholds(size: int) -> dict:
    """Seats for a simple majority (more than half) and for two thirds of the full chamber."""
    return {"majority": size // 2 + 1, "two_thirds": math.ceil(2 * size / 3)}


def coalition_shares(seats: pd.DataFrame, legislature: str = "LXIV", stage: str = "INE assignment") -> pd.DataFrame:
    """Seats and share of the chamber by 2018 coalition (by nominating party at INE assignment)."""
    sizes = chamber_sizes(seats)
    rows = seats[(seats["legislature"] == legislature) & (seats["stage"] == stage)]
    out = rows.groupby(["chamber", "coalition_2018"], as_index=False)["seats"].sum()
    out["size"] = [int(sizes.loc[(legislature, c)]) for c in out["chamber"]]
    out["share_pct"] = 100 * out["seats"] / out["size"]
    return out


def party_share(seats: pd.DataFrame, parties: list[str], chamber: str, legislature: str = "LXIV", stage: str = "INE assignment") -> float:
    """Share of the full chamber held by ``parties`` together (chamber size from INE assignment)."""
    size = int(chamber_sizes(seats).loc[(legislature, chamber)])
    rows = seats[(seats["legislature"] == legislature) & (seats["stage"] == stage) & (seats["chamber"] == chamber)]
    missing = set(parties) - set(rows["party"])
    if missing:
        raise KeyError(f"no {stage} seats for {sorted(missing)} in the {chamber}, {legislature}")
    return 100 * rows.loc[rows["party"].isin(parties), "seats"].sum() / size


def seats_chart_table(seats: pd.DataFrame) -> pd.DataFrame:
    """Chamber of Deputies seats by party for the three complete compositions, with thresholds."""
    deputies = seats[seats["chamber"] == "Chamber of Deputies"].copy()
    labels = {("LXIV", "INE assignment"): "2018: INE assignment", ("LXIV", "installation"): "2018: installed groups",
              ("LXV", "INE assignment"): "2021: INE assignment"}
    deputies["composition"] = [labels[(l, s)] for l, s in zip(deputies["legislature"], deputies["stage"])]
    return deputies[["composition", "legislature", "stage", "party", "seats"]].reset_index(drop=True)


def morena_age_years(events: pd.DataFrame, on: str) -> float:
    """Years from Morena's registration as a national party (events resource) to date ``on``."""
    registered = registration_date(events)
    return (pd.Timestamp(on) - registered).days / 365.25


def registration_date(events: pd.DataFrame) -> pd.Timestamp:
    row = events[(events["category"] == "elections") & (events["label"] == Label.MORENA_REGISTERED_AS_A_PARTY)]
    if len(row) != 1:
        raise KeyError("events: no single 'Morena registered as a party' row")
    return pd.Timestamp(row["date"].iloc[0])


