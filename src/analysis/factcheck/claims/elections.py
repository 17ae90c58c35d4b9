"""Election claims of the articles (A4 Quintana 2018, A2 Wayne 2018, A1 news analysis 2018, A5 Starr
and Ling 2021), checked against the elections tables, the events timeline and the ledger's published
figures. The 2018 transition of power (the Pompeo visit, the first call, the letter to Trump) is
checked here too. Paraphrases are the project's own words."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis.chapters import elections as el
from analysis.data.events import Label
from analysis.factcheck.claims._common import ARTICLE_DATE, COMMON, completed_years, event, events, figure
from analysis.factcheck.claims._records import Checks, read_claims
from analysis.factcheck.rules import Evidence

NATIONAL = "presidential_national_results"
SEATS = "congress_seats"
AMLO_NAME = "Andrés Manuel López Obrador"
DISTRICT_COUNT = {"stage": "district count", "status": "final"}


# The checks elections.yml names, besides the shared ones (_common.COMMON).
CHECKS = Checks(COMMON)


def _national_row(year: int, item: str, stage: dict = DISTRICT_COUNT) -> tuple[str, dict]:
    return NATIONAL, {"year": year, **stage, "item": item}


@CHECKS.factory
def _share(item: str):
    def check(load):
        value = el.national_value(load(NATIONAL), 2018, item, "percent_published")
        return Evidence(value=value, method="INE district count 2018: share of total votes cast, as INE published it",
                        rows=(_national_row(2018, item),))
    return check


@CHECKS.check
def _states_won(load):
    won = el.states_won(load("presidential_state_results"))
    return Evidence(value=float(won.loc[2018]), method="states where López Obrador had the most votes (presidential_state_results, 2018)",
                    rows=(("presidential_state_results", {"year": 2018, "candidate_id": el.AMLO}),))


def _seat_rows(chamber: str, **key) -> tuple[str, dict]:
    return SEATS, {"legislature": "LXIV", "chamber": chamber, "stage": "INE assignment", **key}


@CHECKS.factory
def _coalition(chamber: str, coalition: str, other_parties: list[str] | None = None, other_name: str = ""):
    def check(load):
        seats = load(SEATS)
        shares = el.coalition_shares(seats)
        value = float(shares.loc[(shares["chamber"] == chamber) & (shares["coalition_2018"] == coalition), "share_pct"].iloc[0])
        other = el.party_share(seats, other_parties, chamber) if other_parties else None
        rows = (_seat_rows(chamber, coalition_2018=coalition),) + tuple(_seat_rows(chamber, party=p) for p in other_parties or ())
        return Evidence(value=round(value, 2),
                        method=f"seats of the {coalition} parties by nominating party, INE assignment of 23 Aug 2018, share of the {chamber}",
                        other_definition=None if other is None else round(other, 2), other_definition_name=other_name, rows=rows)
    return check


@CHECKS.check
def _margin_2006(load):
    margin = el.margin_2006(load(NATIONAL))
    stage = {"stage": "sum of state rows", "status": "final"}
    return Evidence(value=round(margin["points"], 2), note=f"{margin['votes']:,} votes",
                    method="(Calderón − López Obrador) / total votes cast, sums of the 2006 state rows (IFE post-tribunal)",
                    rows=tuple(_national_row(2006, item, stage) for item in ("Felipe Calderón", AMLO_NAME, "Total votes cast")))


@CHECKS.check
def _largest_share_on_record(load):
    share_2018 = el.national_value(load(NATIONAL), 2018, AMLO_NAME, "percent_published")
    share_1982, row_1982 = figure(load, "share of the vote of Miguel de la Madrid (PRI), 1982 presidential election", "1982")
    value = "the largest share on record" if share_2018 > share_1982 else f"below the 1982 winner's {share_1982:.2f}%"
    return Evidence(value=value, rows=(_national_row(2018, AMLO_NAME), row_1982),
                    method=f"López Obrador's 2018 share ({share_2018:.2f}%, INE) against the PRI winner's share in 1982 ({share_1982:.2f}%)",
                    note="53.19% was the highest share since 1982 and 30.1 million the most votes ever cast for a candidate; "
                         "the 1976 election had a single candidate")


@CHECKS.check
def _morena_age(load):
    registered, row = event(load, Label.MORENA_REGISTERED_AS_A_PARTY)
    return Evidence(value=round((ARTICLE_DATE["A4"] - registered).days / 365.25, 2), rows=(row,),
                    method=f"years from Morena's registration as a national party ({registered.date()}) to the article's date, 1 Nov 2018")


@CHECKS.check
def _first_since(load):
    founded, row = event(load, Label.PNR_FOUNDED)
    return Evidence(value=str(founded.year), rows=(row,),
                    method=f"the earliest year from which every winner belonged to the PRI or the PAN: the founding of the PNR, the PRI's "
                           f"predecessor ({founded.date()}); the winners of 1917–1928 belonged to neither party",
                    note="the claim holds only counted from 1929, not from 1917")


@CHECKS.check
def _morena_majority(load):
    seats = load(SEATS)
    chambers = ["Chamber of Deputies", "Senate"]
    own = {c: el.party_share(seats, ["Morena"], c) for c in chambers}
    rows = seats[(seats["legislature"] == "LXIV") & (seats["stage"] == "INE assignment")]
    largest = {c: rows[rows["chamber"] == c].sort_values("seats").iloc[-1]["party"] for c in chambers}
    label = "majority in both chambers"
    return Evidence(
        value=label if all(v > 50 for v in own.values()) else "no majority in both chambers",
        other_definition=label if all(p == "Morena" for p in largest.values()) else "not the largest party in both chambers",
        other_definition_name="'the majority' read as the largest party",
        method="Morena's own share of each chamber at the INE assignment of 23 Aug 2018 ("
               + ", ".join(f"{c} {v:.1f}%" for c, v in own.items()) + "); largest party: "
               + ", ".join(f"{c} {p}" for c, p in largest.items()),
        rows=tuple(_seat_rows(c, party="Morena") for c in chambers),
    )


@CHECKS.check
def _pri_majority_until(load):
    date, row = event(load, Label.PRI_LOSES_CHAMBER_MAJORITY)
    seats, seats_row = figure(load, "deputies of the PRI after the 1997 midterm (of 500)", "1997")
    return Evidence(value=str(date.year), rows=(row, seats_row),
                    method=f"year the PRI first lacked an absolute majority of the Chamber of Deputies ({int(seats)} of 500 seats, "
                           f"legislature installed {date.date()})",
                    note="the Senate majority lasted until 2000")


@CHECKS.check
def _lost_2006_2012(load):
    cands = el.candidates_final(load(NATIONAL))
    ranks = {year: int(cands.loc[(cands["year"] == year) & (cands["item"] == AMLO_NAME), "rank"].iloc[0]) for year in (2006, 2012)}
    return Evidence(value="lost both" if all(rank > 1 for rank in ranks.values()) else "did not lose both",
                    method="López Obrador's place among the candidates in the official results: "
                           + ", ".join(f"{year} rank {rank}" for year, rank in ranks.items()),
                    rows=(_national_row(2006, AMLO_NAME, {"stage": "sum of state rows", "status": "final"}),
                          _national_row(2012, AMLO_NAME, {"stage": "tribunal final", "status": "revised"})),
                    note="the package does not record the nominating party of 2006 and 2012 candidates")


@CHECKS.check
def _winner_2012(load):
    cands = el.candidates_final(load(NATIONAL))
    top = cands[(cands["year"] == 2012) & (cands["rank"] == 1)]
    return Evidence(value=str(top["item"].iloc[0]), method=f"candidate with the most votes in 2012 ({top['version'].iloc[0]})",
                    rows=(_national_row(2012, str(top["item"].iloc[0]), {"stage": "tribunal final", "status": "revised"}),))


@CHECKS.check
def _registered_after_2012(load):
    registered, row = event(load, Label.MORENA_REGISTERED_AS_A_PARTY)
    national = load(NATIONAL)
    election = pd.Timestamp(national.loc[national["year"] == 2012, "election_date"].iloc[0])
    return Evidence(value="after" if registered > election else "not after", rows=(row,),
                    method=f"Morena's registration as a national party ({registered.date()}) against the 2012 election ({election.date()})")


@CHECKS.check
def _approval(load):
    value, row = figure(load, "approval of President Peña Nieto (Reforma poll)", "2017-01")
    return Evidence(value=value, rows=(row,), method="lowest approval reading found: Reforma's poll of January 2017")


@CHECKS.check
def _population(load):
    mexico = load("country_indicators").query("country_code == 'MEX'").set_index("year")["population"]
    return Evidence(value=float(mexico.loc[2018]), method="World Bank mid-year population of Mexico, 2018 (country_indicators)",
                    rows=(("country_indicators", {"country_code": "MEX", "year": 2018}),),
                    note="the article says citizens; the figure counts residents (about 89 million adults are on the voter roll)")


@CHECKS.check
def _poverty(load):
    value, row = figure(load, "population in poverty (CONEVAL multidimensional measure)", "2016")
    return Evidence(value=value, rows=(row,), method="CONEVAL's 2016 poverty measurement, the latest round published when the article appeared",
                    note="43.6% is 53.4 million people; the 2018 round (41.9%) was published in August 2019")


@CHECKS.check
def _governorships(load):
    value, row = figure(load, "governorships won by Juntos Haremos Historia (Morena-PT-PES), of nine contested", "2018-07-01")
    return Evidence(value=value, rows=(row,), method="governorships won by the Morena-led coalition in 2018 (OPLE results as reported)",
                    note="Mexico City, Chiapas, Morelos (won by the PES candidate), Tabasco and Veracruz; the PAN won Guanajuato, Puebla "
                         "and Yucatán, MC Jalisco")


@CHECKS.check
def _election_date(load):
    date, row = event(load, Label.MEXICAN_ELECTION)
    return Evidence(value=date.strftime("%Y-%m-%d"), method="date of the 2018 general election (events)", rows=(row,))


@CHECKS.check
def _took_office(load):
    date, row = event(load, Label.AMLO_TAKES_OFFICE)
    return Evidence(value=date.strftime("%Y-%m-%d"), method="date López Obrador was sworn in (events)", rows=(row,))


@CHECKS.check
def _term_years(load):
    (start, end), rows = events(load, Label.AMLO_TAKES_OFFICE, Label.SHEINBAUM_INAUGURATED)
    return Evidence(value=round((end - start).days / 365.25, 2), rows=rows,
                    method=f"years from López Obrador's swearing-in ({start.date()}) to his successor's ({end.date()})",
                    note="under the 2014 electoral reform his successor took office on 1 October, so this term lasted five years and ten months")


@CHECKS.check
def _culiacan(load):
    names = {n.casefold() for n in load("states")["state_name"]}
    return Evidence(value="a state" if "culiacán" in names else "not one of the 32 federal entities", rows=(("states", {"state_name": "Sinaloa"}),),
                    method="name looked up among the 32 federal entities (states resource)",
                    note="Culiacán is the capital city of Sinaloa (row shown)")


BOOK = "'Oye, Trump' published"


@CHECKS.check
def _book_year(load):
    year, row = figure(load, "López Obrador's 'Oye, Trump' published (year)", "2017")
    return Evidence(value=BOOK + (": before the article" if year < ARTICLE_DATE["A1"].year else ": after the article"), rows=(row,),
                    method=f"year 'Oye, Trump' was published ({int(year)})")


@CHECKS.check
def _culiacan_month(load):
    date, row = event(load, Label.AMLO_CULIACAN_RALLY)
    return Evidence(value=date.strftime("%B %Y"), rows=(row,),
                    method=f"date of López Obrador's Culiacán rally ({date.date()}), against the month of the article (July 2018)",
                    note="campaigning ended on 27 June 2018")


@CHECKS.check
def _weekday_of_visit(load):
    date, row = event(load, Label.POMPEO_DELEGATION)
    return Evidence(value=date.strftime("%A"), rows=(row,), method=f"weekday of the Pompeo delegation's visit ({date.date()})")


@CHECKS.check
def _days_after_election(load):
    (call, election), rows = events(load, Label.FIRST_TRUMP_AMLO_CALL, Label.MEXICAN_ELECTION)
    return Evidence(value=float((call - election).days), rows=rows,
                    method=f"days from the election ({election.date()}) to the first Trump–López Obrador call ({call.date()})")


@CHECKS.check
def _delegation(load):
    date, row = event(load, Label.POMPEO_DELEGATION)
    return Evidence(value="with Pompeo", rows=(row,),
                    method=f"members of the U.S. delegation that met López Obrador on {date.date()}, as the State Department announced them")


@CHECKS.check
def _pvem_prd_allies(load):
    seats = load(SEATS)
    rows = seats[(seats["legislature"] == "LXIV") & (seats["stage"] == "INE assignment") & (seats["chamber"] == "Chamber of Deputies")]
    coalition = rows.set_index("party")["coalition_2018"]
    return Evidence(value=f"PVEM: {coalition['PVEM']}; PRD: {coalition['PRD']}",
                    method="the 2018 coalition each party ran in (congress_seats, coalition_2018): the PRI led Todos por México",
                    rows=(_seat_rows("Chamber of Deputies", party="PVEM"), _seat_rows("Chamber of Deputies", party="PRD")),
                    note="the PRD was never the PRI's ally: it ran with the PAN in 2018 and with the PAN and the PRI in 2021; the PVEM "
                         "joined Morena's coalition for 2021")


@CHECKS.factory
def _years_between(start_label: str, end_label: str | None, method: str):
    def check(load):
        start, start_row = event(load, start_label)
        if end_label is None:
            end, rows = ARTICLE_DATE["A4"], (start_row,)
        else:
            end, end_row = event(load, end_label)
            rows = (start_row, end_row)
        return Evidence(value=float(completed_years(start, end)), rows=rows, method=f"{method}: completed years from {start.date()} to {end.date()}")
    return check


@CHECKS.check
def _sit_in(load):
    value, row = figure(load, "length of López Obrador's 2006 sit-in on Paseo de la Reforma", "2006-07-30/2006-09")
    return Evidence(value=value, rows=(row,), method="length of the 2006 sit-in on Paseo de la Reforma (from 30 July 2006), as reported")


# The claims themselves are data: elections.yml, beside this module.
CLAIMS = read_claims(Path(__file__).with_suffix(".yml"), CHECKS)
