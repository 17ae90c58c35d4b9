"""Analysis for the elections chapter: pure functions over the package's election tables.

Tables: ``presidential_state_results``, ``presidential_state_totals``,
``presidential_national_results``, ``congress_seats``, ``presidential_state_results_2024_prep``,
``recall_referendum_2022`` and ``elections_published_figures`` (all in ``data/elections``), with
``states``, ``state_boundaries`` and ``events`` from ``data/reference``.
"""

from __future__ import annotations

import json
import math

import altair as alt
import pandas as pd

from analysis.book.charts import PALETTE, Figure, TimeAxis, event_rules, figure, shade_periods
from analysis.data.events import Label, event_date

AMLO = "lopez_obrador"
SHEINBAUM = "sheinbaum"
RESIDUAL = "other_unattributed"
JHH = "Juntos Haremos Historia"  # López Obrador's 2018 coalition (Morena, PT, PES)
PRI_COALITION, PAN_COALITION = "Todos por México", "Por México al Frente"  # the 2018 coalitions led by the PRI and the PAN
DEPUTIES, SENATE = "Chamber of Deputies", "Senate"
INE = "INE assignment"
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
            "year": int(year), "election_date": pd.Timestamp(ours["election_date"]), "candidate": ours["item"], "votes": int(ours["votes"]), "share_pct": float(ours["share_pct"]),
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


def map_features(by_state: pd.DataFrame, boundaries: pd.DataFrame, year: int, candidate: str = "López Obrador") -> list[dict]:
    """GeoJSON features (geometry from ``state_boundaries``) with the year's share and win."""
    rows = by_state[by_state["year"] == year].merge(boundaries, on="state_code", validate="one_to_one")
    return [
        {"type": "Feature", "geometry": json.loads(r.geometry),
         "properties": {"state": r.state_name, "share": float(r.share_of_valid_pct), "won": f"Carried by {candidate}" if r.won else "Carried by another candidate"}}
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


def prep_by_state(prep: pd.DataFrame, states: pd.DataFrame, candidate_id: str = SHEINBAUM) -> pd.DataFrame:
    """One candidate's 2024 PREP (preliminary) share of valid votes by state, with rank and win."""
    rows = prep[prep["candidate_id"] == candidate_id][["year", "state_code", "votes", "votes_in_country", "share_of_valid_pct", "rank_in_state"]]
    out = rows.merge(states[["state_code", "state_name", "abbreviation"]], on="state_code", validate="one_to_one")
    out["won"] = out["rank_in_state"] == 1
    return out.sort_values("state_code").reset_index(drop=True)


def prep_winners(prep: pd.DataFrame, states: pd.DataFrame) -> pd.DataFrame:
    """The candidate who led each state in the 2024 PREP (preliminary)."""
    winners = prep[prep["rank_in_state"] == 1][["state_code", "candidate", "share_of_valid_pct"]]
    return winners.merge(states[["state_code", "state_name"]], on="state_code").sort_values("state_code").reset_index(drop=True)


def change_2018_2024(by_state: pd.DataFrame, sheinbaum: pd.DataFrame) -> pd.DataFrame:
    """Per state: López Obrador's 2018 share of valid votes (official count, Magar) and Sheinbaum's
    2024 share (PREP, preliminary), both of valid votes cast in the country, and the change."""
    y2018 = by_state[by_state["year"] == 2018][["state_code", "state_name", "abbreviation", "share_of_valid_pct", "won"]]
    both = y2018.merge(sheinbaum[["state_code", "share_of_valid_pct", "won"]], on="state_code", suffixes=("_2018", "_2024"), validate="one_to_one")
    both = both.rename(columns={"share_of_valid_pct_2018": "share_2018", "share_of_valid_pct_2024": "share_2024"})
    both["change"] = (both["share_2024"] - both["share_2018"]).round(2)
    return both.sort_values("share_2024", ascending=False).reset_index(drop=True)


def prep_against_official(prep: pd.DataFrame, national: pd.DataFrame) -> pd.DataFrame:
    """National sums of the 2024 PREP rows beside INE's official district count (final), by item."""
    official = final_national(national)
    official = official[official["year"] == 2024].set_index("item")["votes"]
    sums = prep.groupby("candidate")["votes"].sum()
    sums.loc["Total votes cast"] = int(prep["votes"].sum())
    out = pd.DataFrame({"prep_votes": sums.astype(int), "official_votes": official.reindex(sums.index).astype("Int64")})
    out["prep_pct_of_official"] = (100 * out["prep_votes"] / out["official_votes"].astype(float)).round(1)
    return out.sort_values("prep_votes", ascending=False)


# ---------------------------------------------------------------------------------------------
# Congress by legislature: the Morena-led coalition and the thresholds
# ---------------------------------------------------------------------------------------------

def bloc_table(seats: pd.DataFrame, stage: str = INE) -> pd.DataFrame:
    """Per legislature and chamber: the coalition Morena ran in at the election that produced it,
    its parties' seats, the chamber size and the majority and two-thirds thresholds of the full
    chamber. The Senate has rows for LXIV (elected 2018, sat until 2024) and LXVI only."""
    rows = []
    for (legislature, chamber), group in seats[seats["stage"] == stage].groupby(["legislature", "chamber"]):
        coalition = group.loc[group["party"] == "Morena", "coalition"].iloc[0]
        members = group[group["coalition"] == coalition].sort_values("seats", ascending=False)
        size = int(chamber_sizes(seats).loc[(legislature, chamber)])
        bloc_seats = int(members["seats"].sum())
        limits = thresholds(size)
        rows.append({"legislature": legislature, "term": group["term"].iloc[0], "term_start": group["term_start"].iloc[0], "chamber": chamber,
                     "coalition": coalition, "parties": ", ".join(members["party"]), "seats": bloc_seats, "size": size,
                     "share_pct": round(100 * bloc_seats / size, 1), "majority": limits["majority"], "two_thirds": limits["two_thirds"],
                     "above_two_thirds": bloc_seats - limits["two_thirds"]})
    return pd.DataFrame(rows).sort_values(["term_start", "chamber"]).reset_index(drop=True)


def quintana_reading(seats: pd.DataFrame) -> pd.DataFrame:
    """The reading Quintana's own text gives of her PRI and PAN seat shares: each 2018 coalition
    minus the party she says split away after the election (PVEM from the PRI's coalition, PRD from
    the PAN's), by nominating party at the INE assignment of 2018."""
    split = {PRI_COALITION: "PVEM", PAN_COALITION: "PRD"}
    sizes = chamber_sizes(seats)
    lxiv = seats[(seats["legislature"] == "LXIV") & (seats["stage"] == INE)]
    rows = []
    for chamber in (SENATE, DEPUTIES):
        for coalition, gone in split.items():
            members = lxiv[(lxiv["chamber"] == chamber) & (lxiv["coalition_2018"] == coalition)]
            kept = members[members["party"] != gone]
            size = int(sizes.loc[("LXIV", chamber)])
            rows.append({"chamber": chamber, "coalition": coalition, "split_away": gone, "parties": ", ".join(sorted(kept["party"])),
                         "coalition_seats": int(members["seats"].sum()), "seats": int(kept["seats"].sum()), "size": size,
                         "share_pct": round(100 * int(kept["seats"].sum()) / size, 1)})
    return pd.DataFrame(rows)


def realignment(seats: pd.DataFrame, parties: tuple[str, ...] = ("PVEM", "PRD")) -> pd.DataFrame:
    """Which coalition each party ran in at each election (2018, 2021, 2024) and whether that was
    Morena's coalition, from the Chamber of Deputies rows at INE assignment."""
    dep = seats[(seats["chamber"] == DEPUTIES) & (seats["stage"] == INE)]
    morena = dep[dep["party"] == "Morena"].set_index("legislature")["coalition"]
    rows = dep[dep["party"].isin(parties)][["legislature", "term_start", "party", "coalition", "seats"]].copy()
    rows["with_morena"] = rows["coalition"] == rows["legislature"].map(morena)
    return rows.sort_values(["party", "term_start"]).reset_index(drop=True)


def coalition_seats(seats: pd.DataFrame, legislature: str, chamber: str, coalition: str, stage: str = INE) -> int:
    rows = seats[(seats["legislature"] == legislature) & (seats["chamber"] == chamber) & (seats["stage"] == stage) & (seats["coalition"] == coalition)]
    if rows.empty:
        raise KeyError(f"no {stage} seats for {coalition} in the {chamber}, {legislature}")
    return int(rows["seats"].sum())


def seats_of(seats: pd.DataFrame, legislature: str, chamber: str, party: str, stage: str = INE) -> int:
    row = seats[(seats["legislature"] == legislature) & (seats["chamber"] == chamber) & (seats["stage"] == stage) & (seats["party"] == party)]
    if len(row) != 1:
        raise KeyError(f"no {stage} seats for {party} in the {chamber}, {legislature}")
    return int(row["seats"].iloc[0])


# ---------------------------------------------------------------------------------------------
# The 2022 recall and the other published figures
# ---------------------------------------------------------------------------------------------

def recall_summary(recall: pd.DataFrame) -> dict:
    """The TEPJF's final computation of the 2022 recall, with participation against the 40% rule."""
    final = recall[recall["stage"] == "TEPJF final computation"].set_index("item_type")
    options = recall[(recall["stage"] == "TEPJF final computation") & (recall["item_type"] == "option")].set_index("item")
    registered = int(recall.loc[recall["item_type"] == "registered", "votes"].iloc[0])
    total = int(final.loc["total", "votes"])
    threshold = float(final.loc["threshold", "percent_published"])
    needed = math.ceil(threshold / 100 * registered)
    stay = options[options.index.str.startswith("Que siga")].iloc[0]
    revoke = options[options.index.str.startswith("Que se le revoque")].iloc[0]
    return {"date": pd.Timestamp(final.loc["total", "vote_date"]), "stay_votes": int(stay["votes"]), "stay_pct": float(stay["percent_published"]),
            "revoke_votes": int(revoke["votes"]), "revoke_pct": float(revoke["percent_published"]), "null_pct": float(final.loc["null", "percent_published"]),
            "total": total, "registered": registered, "participation_pct": float(final.loc["participation", "percent_published"]),
            "threshold_pct": threshold, "votes_needed": needed, "shortfall": needed - total}


def published_figure(figures: pd.DataFrame, indicator: str) -> float:
    """The value of one row of ``elections_published_figures`` (by exact indicator); raises if absent."""
    row = figures[figures["indicator"] == indicator]
    if len(row) != 1 or pd.isna(row["value"].iloc[0]):
        raise KeyError(f"elections_published_figures: no single value for {indicator!r}")
    return float(row["value"].iloc[0])


def governorships(figures: pd.DataFrame) -> pd.DataFrame:
    """Governorships and state legislatures held by Morena and its allies, as the press counted them,
    in date order (found figures only; the counting convention is in ``note``)."""
    rows = figures[(figures["topic"] == "elections_governors") & figures["value"].notna()]
    return rows[["reference_date", "indicator", "value", "status", "publisher", "note", "source_url"]].sort_values("reference_date").reset_index(drop=True)


def term_end(events: pd.DataFrame) -> pd.Timestamp:
    """López Obrador's last day in office: the day before his successor was sworn in (events)."""
    return event_date(events, Label.SHEINBAUM_INAUGURATED) - pd.Timedelta(days=1)


def term_markers(events: pd.DataFrame) -> pd.DataFrame:
    """Dates that time charts crossing them mark: López Obrador takes office, the change of U.S.
    administration (Trump to Biden), the end of López Obrador's term."""
    return pd.DataFrame({
        "date": [event_date(events, Label.AMLO_TAKES_OFFICE), event_date(events, Label.BIDEN_INAUGURATED), term_end(events)],
        "label": ["López Obrador takes office", "Biden succeeds Trump", "López Obrador's term ends"],
    })


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
OFFICIAL_COUNTS = "INE, IFE and the Electoral Tribunal (TEPJF), official counts as reported in the press; E. Magar, Recent Mexican Election Vote Returns"
STATE_RETURNS = "E. Magar, Recent Mexican Election Vote Returns (IFE and INE official computations by state)"
SEAT_SOURCES = "INE seat assignments (2018, 2021, 2024), Chamber of Deputies and Senate records, as reported in the press"


YEAR_AXIS = alt.Axis(format="%Y", tickCount={"interval": "year", "step": 1})
SHARE_SCALE = alt.Scale(domain=[0, 80])


def _term_band(events: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({"start": [event_date(events, Label.AMLO_TAKES_OFFICE)], "end": [term_end(events)], "label": ["López Obrador's term"]})


def national_shares_figure(summary: pd.DataFrame, events: pd.DataFrame) -> Figure:
    """Line chart on a time axis: López Obrador's (2024: Sheinbaum's) share of total votes against the
    strongest other candidate's, by election, with his term shaded and the change of U.S.
    administration marked. ``summary`` is ``morena_line_summary`` indexed by year."""
    line = summary.reset_index()
    ours_label = "López Obrador (2006–2018) / Morena's candidate (2024)"
    long = pd.concat([
        line[["year", "election_date", "candidate", "votes", "share_pct"]].assign(series=ours_label),
        line[["year", "election_date", "strongest_rival", "rival_votes", "rival_share_pct"]]
        .set_axis(["year", "election_date", "candidate", "votes", "share_pct"], axis=1).assign(series="Strongest other candidate"),
    ], ignore_index=True)
    x = alt.X("election_date:T", title="Election day", axis=alt.Axis(format="%Y", tickCount={"interval": "year", "step": 2}))
    # One scale for lines and value labels: the label layers resolve colour independently, and
    # each would otherwise give its only series the first colour.
    colours = alt.Scale(domain=[ours_label, "Strongest other candidate"], range=[PALETTE[0], PALETTE[1]])
    chart = alt.Chart(long).mark_line(point=True).encode(
        x=x, y=alt.Y("share_pct:Q", title="Share of total votes cast (%)", scale=alt.Scale(domain=[0, 70])),
        color=alt.Color("series:N", title=None, scale=colours, legend=alt.Legend(labelLimit=400)),
        tooltip=["year:O", "candidate:N", alt.Tooltip("votes:Q", format=","), alt.Tooltip("share_pct:Q", format=".2f", title="share (%)")],
    )

    def label(frame, dy):
        return alt.Chart(frame).mark_text(dy=dy, fontSize=10).encode(
            x="election_date:T", y="share_pct:Q", text=alt.Text("share_pct:Q", format=".1f"), color=alt.Color("series:N", scale=colours, legend=None))

    ours = long["series"] == ours_label
    band = shade_periods(_term_band(events))
    biden = term_markers(events).iloc[[1]]
    layers = alt.layer(band, chart, label(long[ours], -10), label(long[~ours], 16), *event_rules(biden, stagger=1)).resolve_scale(color="independent")
    return figure(
        layers.properties(width=640), data=long, name="el-national-shares",
        title=f"López Obrador went from two defeats to a {summary.loc[2018, 'margin_points']:.0f}-point win; Morena widened the lead in 2024",
        subtitle=["Share of total votes cast (null votes included), %, presidential elections; shading: López Obrador's term",
                  "2006: sum of state results; 2012: Electoral Tribunal's final count; 2018 and 2024: INE's final district count"],
        source=OFFICIAL_COUNTS, resources=["presidential_national_results", "events"],
        time=TimeAxis("election_date", "presidential_national_results"),
        description=(f"Line chart over the 2006, 2012, 2018 and 2024 presidential elections of two series: López Obrador's (in 2024 Claudia Sheinbaum's) "
                     f"share of total votes and that of the strongest other candidate. López Obrador trails by {-summary.loc[2006, 'margin_points']:.2f} points in 2006 "
                     f"and {-summary.loc[2012, 'margin_points']:.1f} points in 2012, then leads by {summary.loc[2018, 'margin_points']:.1f} points in 2018; "
                     f"Sheinbaum leads by {summary.loc[2024, 'margin_points']:.1f} points in 2024. His term, December 2018 to September 2024, is shaded; "
                     "a dashed line marks the change of U.S. administration in January 2021."),
    )


def _state_map(features: list[dict], legend: str, domain: list[int]) -> alt.Chart:
    return alt.Chart(alt.Data(values=features)).mark_geoshape(stroke="white", strokeWidth=0.5).encode(
        color=alt.Color("properties.share:Q", title=legend, scale=alt.Scale(scheme="blues", domain=domain)),
        tooltip=[alt.Tooltip("properties.state:N", title="State"), alt.Tooltip("properties.share:Q", title="Share (%)", format=".1f"),
                 alt.Tooltip("properties.won:N", title="Result")],
    ).project(type="mercator").properties(width=640, height=400)


def map_2018_figure(by_state: pd.DataFrame, boundaries: pd.DataFrame, states: pd.DataFrame, wide: pd.DataFrame, lost_state: str) -> Figure:
    """Choropleth of López Obrador's 2018 share of valid votes by state (``lost_state``: the one he
    did not carry); the CSV holds the state table, not the geometry."""
    map_table = by_state[by_state["year"] == 2018][["state_code", "state_name", "share_of_valid_pct", "won"]]
    return figure(
        _state_map(map_features(by_state, boundaries, 2018), "% of valid votes", [20, 85]), data=map_table, name="el-map-2018",
        title=f"In 2018 López Obrador carried every state but {lost_state}",
        subtitle="López Obrador's share of valid votes by state, 2018 presidential election, %. Votes cast abroad excluded",
        source=f"{STATE_RETURNS}; INEGI state boundaries", resources=["presidential_state_results", "state_boundaries"],
        description=(f"Choropleth map of Mexico's {len(states)} states shaded by López Obrador's share of valid votes in 2018. The highest share is in "
                     f"{wide.iloc[0]['state_name']} ({wide.iloc[0]['share_2018']:.1f} percent), the lowest in {wide.iloc[-1]['state_name']} "
                     f"({wide.iloc[-1]['share_2018']:.1f} percent); {lost_state} is the only state he did not carry."),
    )


def map_2024_figure(sheinbaum: pd.DataFrame, boundaries: pd.DataFrame, states: pd.DataFrame) -> Figure:
    """Choropleth of Sheinbaum's 2024 share of valid votes by state in INE's preliminary count
    (PREP); ``sheinbaum`` is :func:`prep_by_state`."""
    lost = sheinbaum.loc[~sheinbaum["won"], "state_name"].tolist()
    top, low = sheinbaum.loc[sheinbaum["share_of_valid_pct"].idxmax()], sheinbaum.loc[sheinbaum["share_of_valid_pct"].idxmin()]
    carried = f"every state but {', '.join(lost)}" if lost else "every state"
    table = sheinbaum[["state_code", "state_name", "share_of_valid_pct", "won"]]
    return figure(
        _state_map(map_features(sheinbaum, boundaries, 2024, "Sheinbaum"), "% of valid votes", [20, 85]), data=table, name="el-map-2024-prep",
        title=f"In INE's preliminary 2024 count Sheinbaum led {carried}",
        subtitle=["Sheinbaum's share of valid votes cast in each state, 2024 presidential election, %",
                  "PRELIMINARY: INE's preliminary results program (PREP), not the official count, which has no state results here"],
        source="INE, preliminary results program (PREP) 2024, results by state; INEGI state boundaries",
        resources=["presidential_state_results_2024_prep", "state_boundaries"],
        description=(f"Choropleth map of Mexico's {len(states)} states shaded by Claudia Sheinbaum's share of valid votes in INE's preliminary 2024 count. "
                     f"The highest share is in {top['state_name']} ({top['share_of_valid_pct']:.1f} percent), the lowest in {low['state_name']} "
                     f"({low['share_of_valid_pct']:.1f} percent); she led {len(sheinbaum) - len(lost)} of {len(sheinbaum)} states."),
    )


def change_figure(change: pd.DataFrame) -> Figure:
    """Dumbbell chart by state: López Obrador's 2018 share of valid votes (official) and Sheinbaum's
    2024 share (PREP, preliminary); ``change`` is :func:`change_2018_2024`."""
    order = change["state_name"].tolist()
    long = pd.concat([
        change[["state_name", "share_2018"]].rename(columns={"share_2018": "share"}).assign(election="2018: López Obrador (official count)"),
        change[["state_name", "share_2024"]].rename(columns={"share_2024": "share"}).assign(election="2024: Sheinbaum (PREP, preliminary)"),
    ], ignore_index=True)
    rules = alt.Chart(change).mark_rule(color="#999").encode(y=alt.Y("state_name:N", sort=order, title=None), x="share_2018:Q", x2="share_2024:Q")
    dots = alt.Chart(long).mark_point(filled=True, size=60).encode(
        y=alt.Y("state_name:N", sort=order, title=None),
        x=alt.X("share:Q", title="% of valid votes cast in the state", scale=alt.Scale(domain=[0, 90])),
        color=alt.Color("election:N", title=None, scale=alt.Scale(range=[PALETTE[0], PALETTE[3]]), legend=alt.Legend(labelLimit=400)),
        tooltip=["state_name:N", "election:N", alt.Tooltip("share:Q", format=".1f", title="share (%)")],
    )
    rose = int((change["change"] > 0).sum())
    return figure(
        (rules + dots).properties(height=560), data=change, name="el-change-2018-2024",
        title=f"Sheinbaum's preliminary share exceeded López Obrador's 2018 share in {rose} of {len(change)} states",
        subtitle=["Share of valid votes cast in the state, %: López Obrador 2018 (official count) and Sheinbaum 2024",
                  "2024 is PRELIMINARY (INE's PREP); votes cast abroad excluded in both years; states ordered by the 2024 share"],
        source=f"{STATE_RETURNS}; INE, preliminary results program (PREP) 2024, results by state",
        resources=["presidential_state_results", "presidential_state_results_2024_prep"],
        description=(f"Dot chart with one row per state and two dots: López Obrador's 2018 share of valid votes and Sheinbaum's preliminary 2024 share. "
                     f"The 2024 share is higher in {rose} states; the change ranges from {change['change'].min():+.1f} to {change['change'].max():+.1f} points "
                     f"(median {change['change'].median():+.1f})."),
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
                  "States ordered by the 2018 share; dashed line at 50%. His last candidacy was 2018 (2024: the PREP charts below)"],
        source=STATE_RETURNS, resources=["presidential_state_results"],
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
        subtitle=["Valid votes as % of the lista nominal (registered voters) by state, presidential elections 2006, 2012 and 2018",
                  "Not turnout: null and write-in votes are excluded; states ordered by the 2018 value. No 2024 registered voters by state"],
        source=STATE_RETURNS, resources=["presidential_state_totals"],
        description=(f"Dot chart with one row per state and three dots for 2006, 2012 and 2018, showing valid votes as a share of registered voters. "
                     f"Nationally the share is {national.loc[2006, 'valid_votes_pct_registered']:.1f} percent in 2006, {national.loc[2012, 'valid_votes_pct_registered']:.1f} "
                     f"in 2012 and {national.loc[2018, 'valid_votes_pct_registered']:.1f} in 2018; in 2018 state values range from "
                     f"{values_2018.min():.1f} to {values_2018.max():.1f} percent."),
    )


PARTY_ORDER = ["Morena", "PT", "PES", "PVEM", "PRI", "PANAL", "PAN", "PRD", "MC", "No party"]
PARTY_COLOURS = [PALETTE[3], PALETTE[4], PALETTE[6], PALETTE[2], PALETTE[7], PALETTE[5], PALETTE[0], PALETTE[1], "#f4a261", "#bbbbbb"]


def seat_compositions(seats: pd.DataFrame, chamber: str = DEPUTIES) -> pd.DataFrame:
    """The chamber's complete compositions (every seat attributed), labelled by election and stage."""
    rows = seats[seats["chamber"] == chamber].copy()
    size = rows[rows["stage"] == INE].groupby("legislature")["seats"].sum()
    complete = rows.groupby(["legislature", "stage"])["seats"].transform("sum") == rows["legislature"].map(size)
    rows = rows[complete]
    stage_text = {INE: "INE assignment", "installation": "groups at installation"}
    rows["composition"] = rows["term_start"].dt.year.astype(str) + ": " + rows["stage"].map(stage_text)
    return rows[["composition", "legislature", "term_start", "stage", "party", "coalition", "seats"]].sort_values(["term_start", "stage"]).reset_index(drop=True)


def chamber_seats_figure(seats: pd.DataFrame) -> Figure:
    """Stacked bars of Chamber of Deputies seats by party for each complete composition (2018, 2021,
    2024; INE assignment and groups at installation), with dashed lines at the majority and
    two-thirds thresholds."""
    bars = seat_compositions(seats)
    dep_size = int(chamber_sizes(seats).loc[("LXIV", DEPUTIES)])
    limits = thresholds(dep_size)
    bars["order"] = bars["party"].map({p: i for i, p in enumerate(PARTY_ORDER)})
    order = list(dict.fromkeys(bars["composition"]))
    lines = pd.DataFrame({"seats": [limits["majority"], limits["two_thirds"]], "label": ["majority", "two thirds"]})
    seat_chart = alt.Chart(bars).mark_bar().encode(
        y=alt.Y("composition:N", title=None, sort=order),
        x=alt.X("sum(seats):Q", title="Seats in the Chamber of Deputies", scale=alt.Scale(domain=[0, dep_size])),
        color=alt.Color("party:N", title="Party", sort=PARTY_ORDER, scale=alt.Scale(domain=PARTY_ORDER, range=PARTY_COLOURS)),
        order=alt.Order("order:Q"),
        tooltip=["composition:N", "party:N", "coalition:N", alt.Tooltip("seats:Q")],
    ).properties(height=40 * len(order))
    rules = alt.Chart(lines).mark_rule(strokeDash=[4, 3], color="#333").encode(x="seats:Q")
    rule_text = alt.Chart(lines).mark_text(align="left", dx=3, dy=-20 * len(order) - 6, fontSize=10).encode(x="seats:Q", text="label:N")
    blocs = bloc_table(seats)
    dep = blocs[blocs["chamber"] == DEPUTIES].set_index("legislature")
    always = "after every election" if (dep["seats"] >= dep["majority"]).all() else "not after every election"
    above = dep[dep["above_two_thirds"] >= 0]
    two_thirds = f"two thirds only after the {above['term_start'].min().year} election" if len(above) else "never two thirds"
    return figure(
        seat_chart + rules + rule_text, data=bars.drop(columns="order"), name="el-chamber-seats",
        title=f"Morena's coalition held a majority of deputies {always}, and {two_thirds}",
        subtitle=[f"Seats by party in the {dep_size}-seat Chamber of Deputies after the 2018, 2021 and 2024 elections: INE assignment (by",
                  "nominating party) and parliamentary groups at installation (not found for 2021). Dashed lines: majority and two thirds"],
        source=SEAT_SOURCES, resources=["congress_seats"],
        description=(f"Stacked horizontal bars of Chamber of Deputies seats by party for {len(order)} compositions. Morena's coalition holds "
                     f"{dep.loc['LXIV', 'seats']} seats after 2018, {dep.loc['LXV', 'seats']} after 2021 and {dep.loc['LXVI', 'seats']} after 2024, "
                     f"against a majority line at {limits['majority']} and a two-thirds line at {limits['two_thirds']}; at installation in 2024 "
                     f"Morena's own group has {seats_of(seats, 'LXVI', DEPUTIES, 'Morena', 'installation')} seats."),
    )


def bloc_figure(blocs: pd.DataFrame, events: pd.DataFrame) -> Figure:
    """Step chart on a time axis: the Morena-led coalition's share of each chamber by legislature
    (``bloc_table``), with lines at a majority and two thirds and the term and U.S. administration
    changes marked."""
    rows = blocs[["legislature", "term_start", "chamber", "coalition", "parties", "seats", "size", "share_pct", "two_thirds"]]
    limits = pd.DataFrame({"share": [50.0, 200 / 3], "label": ["majority (half of the seats)", "two thirds"]})
    lines = alt.Chart(rows).mark_line(point=True, interpolate="step-after").encode(
        x=alt.X("term_start:T", title="Start of the legislature (1 September)", axis=YEAR_AXIS, scale=alt.Scale(domain=["2018-08-01", "2024-12-31"])),
        y=alt.Y("share_pct:Q", title="Seats of Morena's coalition, % of the chamber", scale=SHARE_SCALE),
        color=alt.Color("chamber:N", title=None, scale=alt.Scale(range=[PALETTE[0], PALETTE[3]])),
        tooltip=["chamber:N", "legislature:N", "coalition:N", "parties:N", "seats:Q", "size:Q", alt.Tooltip("share_pct:Q", title="share (%)", format=".1f")],
    )
    hlines = alt.Chart(limits).mark_rule(strokeDash=[2, 2], color="#777").encode(y=alt.Y("share:Q", scale=SHARE_SCALE))
    htext = alt.Chart(limits).mark_text(align="left", x=4, dy=-6, fontSize=10, color="#555").encode(y=alt.Y("share:Q", scale=SHARE_SCALE), text="label:N")
    dep = rows[rows["chamber"] == DEPUTIES].set_index("legislature")
    sen = rows[rows["chamber"] == SENATE].set_index("legislature")
    senate_short = int(sen.loc["LXVI", "two_thirds"] - sen.loc["LXVI", "seats"])
    chart = alt.layer(hlines, htext, lines, *event_rules(term_markers(events), stagger=3)).properties(width=640)
    return figure(
        chart, data=rows, name="el-bloc-shares",
        title=(f"Morena's coalition passed two thirds of the deputies only in {dep.loc[dep['seats'] >= dep['two_thirds'], 'term_start'].min().year}; "
               f"in the Senate INE's assignment left it {senate_short} seat{'s' if senate_short != 1 else ''} short"),
        subtitle=["Seats of the coalition Morena ran in, by nominating party at INE's assignment, % of each chamber",
                  "The Senate elected in 2018 sat until 2024 (no Senate election in 2021). Lines: majority and two thirds of the full chamber"],
        source=SEAT_SOURCES, resources=["congress_seats", "events"],
        time=TimeAxis("term_start", "congress_seats"),
        description=(f"Step chart of the share of seats held by Morena's coalition in each legislature. Chamber of Deputies: {dep.loc['LXIV', 'share_pct']:.1f} "
                     f"percent from 2018, {dep.loc['LXV', 'share_pct']:.1f} from 2021 and {dep.loc['LXVI', 'share_pct']:.1f} from 2024, when it passes the "
                     f"two-thirds line. Senate: {sen.loc['LXIV', 'share_pct']:.1f} percent from 2018 and {sen.loc['LXVI', 'share_pct']:.1f} from 2024, below two "
                     "thirds. Dashed vertical lines mark López Obrador taking office, the change from the Trump to the Biden administration, and the end "
                     "of López Obrador's term."),
    )
