"""Analysis for the elections chapter: pure functions over the package's election tables.

Tables: ``presidential_state_results``, ``presidential_state_totals``,
``presidential_national_results``, ``congress_seats`` (all in ``data/elections``), with
``states``, ``state_boundaries`` and ``events`` from ``data/reference``.
"""

from __future__ import annotations

import json
import math

import altair as alt
import pandas as pd

from analysis.book.charts import PALETTE, Figure, figure
from analysis.data.events import Label

AMLO = "lopez_obrador"
RESIDUAL = "other_unattributed"
JHH = "Juntos Haremos Historia"  # López Obrador's 2018 coalition (Morena, PT, PES)
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


# ---------------------------------------------------------------------------------------------
# Figures: one builder per chart of the chapter, each returning the finished Figure
# ---------------------------------------------------------------------------------------------

ELECTION_YEAR_COLOURS = alt.Scale(range=[PALETTE[2], PALETTE[1], PALETTE[0]])  # 2006, 2012, 2018


def national_shares_figure(summary: pd.DataFrame) -> Figure:
    """Line chart: López Obrador's (2024: Sheinbaum's) share of total votes against the strongest
    other candidate's, by election. ``summary`` is ``morena_line_summary`` indexed by year."""
    line = summary.reset_index()
    long = pd.concat([
        line[["year", "candidate", "votes", "share_pct"]].assign(series="López Obrador (2006–2018) / Morena's candidate (2024)"),
        line[["year", "strongest_rival", "rival_votes", "rival_share_pct"]].set_axis(["year", "candidate", "votes", "share_pct"], axis=1).assign(series="Strongest other candidate"),
    ], ignore_index=True)
    chart = alt.Chart(long).mark_line(point=True).encode(
        x=alt.X("year:O", title="Election year"),
        y=alt.Y("share_pct:Q", title="Share of total votes cast (%)", scale=alt.Scale(domain=[0, 70])),
        color=alt.Color("series:N", title=None, scale=alt.Scale(range=[PALETTE[0], PALETTE[1]])),
        tooltip=["year:O", "candidate:N", alt.Tooltip("votes:Q", format=","), alt.Tooltip("share_pct:Q", format=".2f", title="share (%)")],
    ).properties(width=640)

    def label(frame, dy):
        return alt.Chart(frame).mark_text(dy=dy, fontSize=10).encode(
            x="year:O", y="share_pct:Q", text=alt.Text("share_pct:Q", format=".1f"), color=alt.Color("series:N", legend=None))

    ours = long["series"].str.startswith("López")
    labels = label(long[ours], -10) + label(long[~ours], 16)
    return figure(
        chart + labels, data=long, name="el-national-shares",
        title=f"López Obrador went from two defeats to a {summary.loc[2018, 'margin_points']:.0f}-point win; Morena widened the lead in 2024",
        subtitle=["Share of total votes cast (nulls included), %, presidential elections",
                  "2006: sum of state rows; 2012: tribunal final; 2018 and 2024: INE final district count"],
        source="INE, IFE, TEPJF (official counts as reported, URL per row); Magar, elecRetrns (2006); presidential_national_results",
        description=(f"Line chart of two series across the 2006, 2012, 2018 and 2024 presidential elections: López Obrador's (and in 2024 Claudia Sheinbaum's) "
                     f"share of total votes and that of the strongest other candidate. López Obrador trails by {-summary.loc[2006, 'margin_points']:.2f} points in 2006 "
                     f"and {-summary.loc[2012, 'margin_points']:.1f} points in 2012, then leads by {summary.loc[2018, 'margin_points']:.1f} points in 2018; "
                     f"Sheinbaum leads by {summary.loc[2024, 'margin_points']:.1f} points in 2024."),
    )


def map_2018_figure(by_state: pd.DataFrame, boundaries: pd.DataFrame, states: pd.DataFrame, wide: pd.DataFrame, lost_state: str) -> Figure:
    """Choropleth of López Obrador's 2018 share of valid votes by state (``lost_state``: the one he
    did not carry); the CSV holds the state table, not the geometry."""
    features = map_features(by_state, boundaries, 2018)
    map_table = by_state[by_state["year"] == 2018][["state_code", "state_name", "share_of_valid_pct", "won"]]
    map_chart = alt.Chart(alt.Data(values=features)).mark_geoshape(stroke="white", strokeWidth=0.5).encode(
        color=alt.Color("properties.share:Q", title="% of valid votes", scale=alt.Scale(scheme="blues", domain=[20, 85])),
        tooltip=[alt.Tooltip("properties.state:N", title="State"), alt.Tooltip("properties.share:Q", title="Share (%)", format=".1f"),
                 alt.Tooltip("properties.won:N", title="Result")],
    ).project(type="mercator").properties(width=640, height=400)
    return figure(
        map_chart, data=map_table, name="el-map-2018",
        title=f"In 2018 López Obrador carried every state but {lost_state}",
        subtitle="López Obrador's share of valid votes by state, 2018 presidential election, %. Votes cast abroad excluded",
        source="Magar, elecRetrns (INE computations); INEGI boundaries; presidential_state_results, state_boundaries",
        description=(f"Choropleth map of Mexico's {len(states)} states shaded by López Obrador's share of valid votes in 2018. The highest share is in "
                     f"{wide.iloc[0]['state_name']} ({wide.iloc[0]['share_2018']:.1f} percent), the lowest in {wide.iloc[-1]['state_name']} "
                     f"({wide.iloc[-1]['share_2018']:.1f} percent); {lost_state} is the only state he did not carry."),
    )


def _state_dots(frame: pd.DataFrame, order: list[str], field: str, title: str, domain: list[int], size: int, tooltip: list) -> alt.Chart:
    """One row per state (in ``order``), one dot per election year, coloured by year."""
    return alt.Chart(frame).mark_point(filled=True, size=size).encode(
        y=alt.Y("state_name:N", sort=order, title=None),
        x=alt.X(f"{field}:Q", title=title, scale=alt.Scale(domain=domain)),
        color=alt.Color("year:N", title="Election", scale=ELECTION_YEAR_COLOURS),
        tooltip=tooltip,
    )


def state_shares_figure(by_state: pd.DataFrame, wide: pd.DataFrame) -> Figure:
    """Dot chart of López Obrador's share of valid votes by state in 2006, 2012 and 2018, states
    ordered by the 2018 share (``wide``, from ``share_wide``), with a dashed line at 50%."""
    dots = by_state.assign(year=by_state["year"].astype(str), result=by_state["won"].map({True: "carried", False: "not carried"}))[
        ["year", "state_name", "share_of_valid_pct", "result"]]
    dot_chart = _state_dots(
        dots, wide["state_name"].tolist(), "share_of_valid_pct", "López Obrador, % of valid votes", [0, 90], 60,
        ["state_name:N", "year:N", alt.Tooltip("share_of_valid_pct:Q", format=".1f", title="share (%)"), "result:N"],
    ).encode(shape=alt.Shape("result:N", title="State", scale=alt.Scale(range=["circle", "triangle-up"]))).properties(height=560)
    rule50 = alt.Chart(pd.DataFrame({"x": [50]})).mark_rule(strokeDash=[3, 3], color="#888").encode(x="x:Q")
    return figure(
        dot_chart + rule50, data=dots, name="el-state-shares",
        title="López Obrador's share rose in every state between 2012 and 2018",
        subtitle=["López Obrador's share of valid votes by state, 2006, 2012 and 2018, %",
                  "States ordered by the 2018 share; dashed line at 50%"],
        source="Magar, elecRetrns (IFE/INE computations; 2012 rows of four states remapped); presidential_state_results",
        description=(f"Dot chart with one row per state and three dots for 2006, 2012 and 2018. In every state the 2018 dot lies to the right of the 2012 dot "
                     f"(by {wide['change_2012_2018'].min():.1f} to {wide['change_2012_2018'].max():.1f} points); the 2018 share is above 50 percent in "
                     f"{int((wide['share_2018'] > 50).sum())} states."),
    )


def participation_figure(participation_by_state: pd.DataFrame, national: pd.DataFrame) -> Figure:
    """Dot chart of valid votes as a share of the lista nominal by state and election (from
    ``participation``), with the national values (``national_participation`` indexed by year)."""
    part = participation_by_state.assign(year=participation_by_state["year"].astype(str))[["year", "state_name", "valid_votes_pct_registered", "turnout_pct"]]
    order = part[part["year"] == "2018"].sort_values("valid_votes_pct_registered", ascending=False)["state_name"].tolist()
    part_chart = _state_dots(
        part, order, "valid_votes_pct_registered", "Valid votes, % of lista nominal", [30, 80], 55,
        ["state_name:N", "year:N", alt.Tooltip("valid_votes_pct_registered:Q", format=".1f", title="valid votes / lista nominal (%)"),
         alt.Tooltip("turnout_pct:Q", format=".1f", title="turnout (%; not available for 2018)")],
    ).properties(height=560)
    values_2018 = participation_by_state.loc[participation_by_state["year"] == 2018, "valid_votes_pct_registered"]
    return figure(
        part_chart, data=part, name="el-participation",
        title=f"Valid votes reached {national.loc[2018, 'valid_votes_pct_registered']:.0f}% of registered voters in 2018, near 2012 and above 2006",
        subtitle=["Valid votes as % of the lista nominal by state, presidential elections 2006, 2012 and 2018",
                  "Not turnout: null and write-in votes are excluded; states ordered by the 2018 value"],
        source="Magar, elecRetrns (IFE/INE computations; 2012 rows of four states remapped); presidential_state_totals",
        description=(f"Dot chart with one row per state and three dots for 2006, 2012 and 2018, showing valid votes as a share of registered voters. "
                     f"Nationally the share is {national.loc[2006, 'valid_votes_pct_registered']:.1f} percent in 2006, {national.loc[2012, 'valid_votes_pct_registered']:.1f} "
                     f"in 2012 and {national.loc[2018, 'valid_votes_pct_registered']:.1f} in 2018; in 2018 state values range from "
                     f"{values_2018.min():.1f} to {values_2018.max():.1f} percent."),
    )


PARTY_ORDER = ["Morena", "PT", "PES", "PVEM", "PRI", "PANAL", "PAN", "PRD", "MC", "No party"]
PARTY_COLOURS = [PALETTE[3], PALETTE[4], PALETTE[6], PALETTE[2], PALETTE[7], PALETTE[5], PALETTE[0], PALETTE[1], "#f4a261", "#bbbbbb"]


def chamber_seats_figure(seats: pd.DataFrame) -> Figure:
    """Stacked bars of Chamber of Deputies seats by party for the three complete compositions
    (``seats_chart_table``), with dashed lines at the majority and two-thirds thresholds."""
    dep_size = int(chamber_sizes(seats).loc[("LXIV", "Chamber of Deputies")])
    dep_t = thresholds(dep_size)
    coalition_seats = coalition_shares(seats).set_index(["chamber", "coalition_2018"]).loc[("Chamber of Deputies", JHH), "seats"]
    dep = seats[seats["chamber"] == "Chamber of Deputies"].set_index(["legislature", "stage", "party"])["seats"]
    bars = seats_chart_table(seats)
    bars["order"] = bars["party"].map({p: i for i, p in enumerate(PARTY_ORDER)})
    lines = pd.DataFrame({"seats": [dep_t["majority"], dep_t["two_thirds"]], "label": ["majority", "two thirds"]})
    seat_chart = alt.Chart(bars).mark_bar().encode(
        y=alt.Y("composition:N", title=None, sort=["2018: INE assignment", "2018: installed groups", "2021: INE assignment"]),
        x=alt.X("sum(seats):Q", title="Seats in the Chamber of Deputies", scale=alt.Scale(domain=[0, dep_size])),
        color=alt.Color("party:N", title="Party", sort=PARTY_ORDER, scale=alt.Scale(domain=PARTY_ORDER, range=PARTY_COLOURS)),
        order=alt.Order("order:Q"),
        tooltip=["composition:N", "party:N", alt.Tooltip("seats:Q")],
    ).properties(height=150)
    rules = alt.Chart(lines).mark_rule(strokeDash=[4, 3], color="#333").encode(x="seats:Q")
    rule_text = alt.Chart(lines).mark_text(align="left", dx=3, dy=-80, fontSize=10).encode(x="seats:Q", text="label:N")
    return figure(
        seat_chart + rules + rule_text, data=bars, name="el-chamber-seats",
        title="Morena and its allies held a majority of deputies, short of two thirds",
        subtitle=[f"Seats by party in the {dep_size}-seat Chamber of Deputies: INE assignment (by nominating party) and",
                  "parliamentary groups at installation, 2018; INE assignment, 2021. Dashed lines: majority and two thirds"],
        source="INE seat assignments; Cámara de Diputados (as reported, URL per row); congress_seats",
        description=(f"Stacked horizontal bars of Chamber of Deputies seats by party for three compositions. In 2018 Morena alone holds "
                     f"{dep.loc[('LXIV', 'INE assignment', 'Morena')]} seats by nominating party and {dep.loc[('LXIV', 'installation', 'Morena')]} as a parliamentary group; "
                     f"with PT and PES the coalition ({coalition_seats} seats) passes the {dep_t['majority']}-seat majority line but stays "
                     f"left of the {dep_t['two_thirds']}-seat two-thirds line. In 2021 Morena holds {dep.loc[('LXV', 'INE assignment', 'Morena')]} seats."),
    )
