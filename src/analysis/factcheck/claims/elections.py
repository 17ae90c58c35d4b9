"""Election claims of the articles (A4 Quintana 2018, A2 Wayne 2018, A1 news analysis 2018),
checked against the elections tables. Paraphrases are the project's own words."""

from __future__ import annotations

import pandas as pd

from analysis.chapters import elections as el
from analysis.factcheck.rules import Claim, Evidence
from analysis.data.events import Label, event_date

NATIONAL = "presidential_national_results"
SEATS = "congress_seats"
AMLO_NAME = "Andrés Manuel López Obrador"


def _rounded_tolerance(claimed: float, half_unit: float = 0.5) -> float:
    """Relative tolerance for a figure the article rounds to a whole unit (±0.5)."""
    return half_unit / claimed


def _share(item: str):
    def check(load):
        national = load(NATIONAL)
        value = el.national_value(national, 2018, item, "percent_published")
        computed = el.national_value(national, 2018, item, "percent_computed")
        return Evidence(value=value, method="INE district count 2018, share of total votes cast as published",
                        other_definition=computed, other_definition_name="votes / total votes cast, computed",
                        note=f"computed from INE's own vote and total counts: {computed:.2f}%")
    return check


def _states_won(load):
    results = load("presidential_state_results")
    won = el.states_won(results)
    return Evidence(value=float(won.loc[2018]), method="states where López Obrador had the most votes (presidential_state_results, 2018)")


def _coalition(chamber: str, coalition: str, other_parties: list[str] | None = None, other_name: str = ""):
    def check(load):
        seats = load(SEATS)
        shares = el.coalition_shares(seats)
        value = float(shares.loc[(shares["chamber"] == chamber) & (shares["coalition_2018"] == coalition), "share_pct"].iloc[0])
        other = el.party_share(seats, other_parties, chamber, stage="installation" if "installation" in other_name else "INE assignment") if other_parties else None
        return Evidence(value=round(value, 2), method=f"seats of the {coalition} parties by nominating party, INE assignment of 23 Aug 2018, share of the {chamber}",
                        other_definition=None if other is None else round(other, 2), other_definition_name=other_name)
    return check


def _margin_2006(load):
    margin = el.margin_2006(load(NATIONAL))
    return Evidence(value=round(margin["points"], 2), method="(Calderón − López Obrador) / total votes cast, sums of the 2006 state rows (IFE post-tribunal)",
                    note=f"{margin['votes']:,} votes")


def _morena_age(load):
    age = el.morena_age_years(load("events"), "2018-11-01")
    return Evidence(value=round(age, 1), method="years from Morena's registration as a national party (events) to the article's date, 1 Nov 2018")


def _founded(load):
    return Evidence(value=str(el.registration_date(load("events")).year), method="year of Morena's registration as a national party (events)")


def _election_date(load):
    return Evidence(value=event_date(load("events"), Label.MEXICAN_ELECTION).strftime("%Y-%m-%d"), method="date of the 2018 general election (events)")


# ---------------------------------------------------------------------------------------------
# Further claims (issue 8): the remaining checkable statements of A1, A2 and A4 on elections,
# the transfer of power and the country López Obrador inherited.

def _winner(year: int):
    def check(load):
        cands = el.candidates_final(load(NATIONAL))
        top = cands[(cands["year"] == year) & (cands["rank"] == 1)]
        return Evidence(value=str(top["item"].iloc[0]), method=f"candidate with the most votes in {year} ({top['version'].iloc[0]}, presidential_national_results)")
    return check


def _lost_2006_2012(load):
    cands = el.candidates_final(load(NATIONAL))
    ranks = {year: int(cands.loc[(cands["year"] == year) & (cands["item"] == AMLO_NAME), "rank"].iloc[0]) for year in (2006, 2012)}
    lost = all(rank > 1 for rank in ranks.values())
    return Evidence(value="lost both" if lost else "did not lose both",
                    method="López Obrador's place among the candidates in the official results: "
                           + ", ".join(f"{year} rank {rank}" for year, rank in ranks.items()) + " (presidential_national_results)")


def _morena_majority(load):
    seats = load(SEATS)
    chambers = ["Chamber of Deputies", "Senate"]
    own = {c: el.party_share(seats, ["Morena"], c) for c in chambers}
    installed = {c: el.party_share(seats, ["Morena"], c, stage="installation") for c in chambers}
    shares = el.coalition_shares(seats).set_index(["chamber", "coalition_2018"])["share_pct"]
    coalition = {c: float(shares.loc[(c, "Juntos Haremos Historia")]) for c in chambers}
    label = lambda d: "majority in both chambers" if all(v > 50 for v in d.values()) else "no majority in both chambers"  # noqa: E731
    return Evidence(
        value=label(own), other_definition=label(coalition), other_definition_name="the Morena-led coalition (Morena, PT, PES)",
        method="Morena's own share of each chamber at the INE assignment of 23 Aug 2018 ("
               + ", ".join(f"{c} {v:.1f}%" for c, v in own.items()) + "; at installation "
               + ", ".join(f"{c} {v:.1f}%" for c, v in installed.items()) + "), against the coalition's ("
               + ", ".join(f"{c} {v:.1f}%" for c, v in coalition.items()) + ")",
    )


def _registered_after_2012(load):
    registered = el.registration_date(load("events"))
    national = load(NATIONAL)
    election = pd.Timestamp(national.loc[national["year"] == 2012, "election_date"].iloc[0])
    return Evidence(value="after" if registered > election else "not after",
                    method=f"Morena's registration as a national party ({registered.date()}, events) compared with the 2012 election ({election.date()})",
                    note="the package does not date the founding of Morena as a civil association")


def _took_office(load):
    return Evidence(value=event_date(load("events"), Label.AMLO_TAKES_OFFICE).strftime("%Y-%m-%d"),
                    method="date López Obrador was sworn in (events)")


def _term_years(load):
    events = load("events")
    start, end = event_date(events, Label.AMLO_TAKES_OFFICE), event_date(events, Label.SHEINBAUM_INAUGURATED)
    return Evidence(value=round((end - start).days / 365.25, 2),
                    method=f"years from López Obrador's swearing-in ({start.date()}) to his successor's ({end.date()}), events")


def _population(load):
    mexico = load("country_indicators").query("country_code == 'MEX'").set_index("year")["population"]
    return Evidence(value=float(mexico.loc[2018]), method="World Bank mid-year population of Mexico, 2018 (country_indicators)",
                    other_definition=float(mexico.loc[2017]), other_definition_name="2017")


def _culiacan(load):
    names = {n.casefold() for n in load("states")["state_name"]}
    return Evidence(value="a state" if "culiacán" in names else "not one of the 32 federal entities",
                    method="name looked up among the 32 federal entities (states resource)",
                    note="Culiacán is the capital city of Sinaloa; the states resource lists states, not cities")


CLAIMS = [
    Claim(
        claim_id="A4-elections-01",
        paraphrase="López Obrador won 53 percent of the 2018 presidential vote.",
        claimed=53,
        unit="% of votes",
        period="2018-07-01",
        geography="Mexico",
        resources=(NATIONAL,),
        check=_share(AMLO_NAME),
        tolerance=_rounded_tolerance(53),
        note="article rounds to whole percent",
    ),
    Claim(
        claim_id="A4-elections-02",
        paraphrase="López Obrador carried 31 of the 32 states.",
        claimed=31,
        unit="states",
        period="2018-07-01",
        geography="Mexico",
        resources=("presidential_state_results",),
        check=_states_won,
    ),
    Claim(
        claim_id="A4-elections-03",
        paraphrase="The PRI's candidate, José Antonio Meade, received 16 percent of the vote.",
        claimed=16,
        unit="% of votes",
        period="2018-07-01",
        geography="Mexico",
        resources=(NATIONAL,),
        check=_share("José Antonio Meade"),
        tolerance=_rounded_tolerance(16),
        note="article rounds to whole percent",
    ),
    Claim(
        claim_id="A4-elections-04",
        paraphrase="Ricardo Anaya, the PAN's candidate backed also by the PRD, received 22 percent of the vote.",
        claimed=22,
        unit="% of votes",
        period="2018-07-01",
        geography="Mexico",
        resources=(NATIONAL,),
        check=_share("Ricardo Anaya"),
        tolerance=_rounded_tolerance(22),
        note="article rounds to whole percent",
    ),
    Claim(
        claim_id="A4-elections-05",
        paraphrase="The Morena-led coalition holds 54 percent of Senate seats.",
        claimed=54,
        unit="% of seats",
        period="LXIV Legislature",
        geography="Mexico",
        resources=(SEATS,),
        check=_coalition("Senate", "Juntos Haremos Historia"),
        tolerance=_rounded_tolerance(54),
        note="article rounds to whole percent",
    ),
    Claim(
        claim_id="A4-elections-06",
        paraphrase="The Morena-led coalition holds 61.6 percent of the Chamber of Deputies.",
        claimed=61.6,
        unit="% of seats",
        period="LXIV Legislature",
        geography="Mexico",
        resources=(SEATS,),
        check=_coalition("Chamber of Deputies", "Juntos Haremos Historia"),
        tolerance=_rounded_tolerance(61.6, 0.05),
    ),
    Claim(
        claim_id="A4-elections-07",
        paraphrase="The PRI coalition controls 11.7 percent of Senate seats.",
        claimed=11.7,
        unit="% of seats",
        period="LXIV Legislature",
        geography="Mexico",
        resources=(SEATS,),
        check=_coalition("Senate", "Todos por México", ["PRI"], "PRI group alone at installation"),
        tolerance=_rounded_tolerance(11.7, 0.05),
    ),
    Claim(
        claim_id="A4-elections-08",
        paraphrase="The PRI coalition controls 9.4 percent of the lower house.",
        claimed=9.4,
        unit="% of seats",
        period="LXIV Legislature",
        geography="Mexico",
        resources=(SEATS,),
        check=_coalition("Chamber of Deputies", "Todos por México", ["PRI"], "PRI group alone at installation"),
        tolerance=_rounded_tolerance(9.4, 0.05),
    ),
    Claim(
        claim_id="A4-elections-09",
        paraphrase="The PAN holds 23.4 percent of Senate seats.",
        claimed=23.4,
        unit="% of seats",
        period="LXIV Legislature",
        geography="Mexico",
        resources=(SEATS,),
        check=_coalition("Senate", "Por México al Frente", ["PAN", "MC"], "PAN and MC without the PRD, INE assignment"),
        tolerance=_rounded_tolerance(23.4, 0.05),
        note="the data value is the PAN-led coalition (PAN, PRD, MC); the article does not say which parties it counts",
    ),
    Claim(
        claim_id="A4-elections-10",
        paraphrase="The PAN holds 21.6 percent of the lower house.",
        claimed=21.6,
        unit="% of seats",
        period="LXIV Legislature",
        geography="Mexico",
        resources=(SEATS,),
        check=_coalition("Chamber of Deputies", "Por México al Frente", ["PAN", "MC"], "PAN and MC without the PRD, INE assignment"),
        tolerance=_rounded_tolerance(21.6, 0.05),
        note="the data value is the PAN-led coalition (PAN, PRD, MC); the article does not say which parties it counts",
    ),
    Claim(
        claim_id="A4-elections-11",
        paraphrase="The Morena coalition won five of the nine governorships contested in 2018.",
        claimed=5,
        unit="governorships",
        period="2018-07-01",
        geography="Mexico",
        resources=(),
        check=None,
        settle_with="results of the nine 2018 gubernatorial elections from the state electoral institutes (OPLEs)",
    ),
    Claim(
        claim_id="A4-elections-12",
        paraphrase="Morena has a majority in 19 of the 32 state legislatures.",
        claimed=19,
        unit="state legislatures",
        period="2018",
        geography="Mexico",
        resources=(),
        check=None,
        settle_with="composition of the 32 state congresses after the 2018 elections",
    ),
    Claim(
        claim_id="A4-elections-13",
        paraphrase="In 2006 Calderón beat López Obrador by 0.56 percent.",
        claimed=0.56,
        unit="percentage points of total votes",
        period="2006-07-02",
        geography="Mexico",
        resources=(NATIONAL,),
        check=_margin_2006,
        tolerance=_rounded_tolerance(0.56, 0.005),
    ),
    Claim(
        claim_id="A4-elections-14",
        paraphrase="López Obrador's 2018 win was the largest majority in Mexico's electoral history.",
        claimed="largest share on record",
        unit="",
        period="1917–2018",
        geography="Mexico",
        resources=(),
        check=None,
        settle_with="national presidential results for every election since 1917 (this package starts in 2006)",
    ),
    Claim(
        claim_id="A4-elections-15",
        paraphrase="Morena had existed as a political party for less than four years when the article appeared.",
        claimed=4,
        unit="years (upper bound)",
        period="2018-11-01",
        geography="Mexico",
        resources=("events",),
        check=_morena_age,
        note="the claim is an upper bound; the data give the age since registration as a national party",
    ),
    Claim(
        claim_id="A2-elections-01",
        paraphrase="Morena was founded as a party only in 2014.",
        claimed="2014",
        unit="year",
        period="2014",
        geography="Mexico",
        resources=("events",),
        check=_founded,
        note="2014 is the year of registration as a national party; the movement existed earlier as a civil association",
    ),
    Claim(
        claim_id="A1-elections-01",
        paraphrase="López Obrador won the presidential election held on Sunday, 1 July 2018.",
        claimed="2018-07-01",
        unit="date",
        period="2018",
        geography="Mexico",
        resources=("events",),
        check=_election_date,
    ),
    Claim(
        claim_id="A4-elections-16",
        paraphrase="López Obrador is the first candidate from outside the two traditional parties to win the presidency since elections began in 1917.",
        claimed="first since 1917",
        unit="",
        period="1917–2018",
        geography="Mexico",
        resources=(),
        check=None,
        settle_with="national presidential results with the winner's party for every election since 1917 (this package starts in 2006)",
    ),
    Claim(
        claim_id="A4-elections-17",
        paraphrase="Morena itself won the majority in both chambers of Congress in 2018.",
        claimed="majority in both chambers",
        unit="",
        period="LXIV Legislature",
        geography="Mexico",
        resources=(SEATS,),
        check=_morena_majority,
        note="the article's sentence can be read as Morena alone or as the Morena-led coalition",
    ),
    Claim(
        claim_id="A4-elections-18",
        paraphrase="Until 1997 the PRI always held at least half of the seats in Congress.",
        claimed=50,
        unit="% of seats (lower bound)",
        period="1929–1997",
        geography="Mexico",
        resources=(),
        check=None,
        settle_with="party composition of the Chamber of Deputies and Senate for every legislature up to 1997 (the package holds 2018 and 2021 only)",
    ),
    Claim(
        claim_id="A4-elections-19",
        paraphrase="López Obrador ran for president in 2006 and 2012 (for the PRD) and was defeated both times.",
        claimed="lost both",
        unit="",
        period="2006 and 2012",
        geography="Mexico",
        resources=(NATIONAL,),
        check=_lost_2006_2012,
        note="the package does not record the nominating party of 2006 and 2012 candidates",
    ),
    Claim(
        claim_id="A4-elections-20",
        paraphrase="The PRI won back the presidency in 2012 with Enrique Peña Nieto.",
        claimed="Enrique Peña Nieto",
        unit="winner",
        period="2012-07-01",
        geography="Mexico",
        resources=(NATIONAL,),
        check=_winner(2012),
    ),
    Claim(
        claim_id="A4-elections-21",
        paraphrase="Morena became a registered political party only after the 2012 presidential election.",
        claimed="after",
        unit="order of events",
        period="2012–2014",
        geography="Mexico",
        resources=("events", NATIONAL),
        check=_registered_after_2012,
    ),
    Claim(
        claim_id="A4-elections-22",
        paraphrase="A 2017 Latinobarómetro survey found that just 9 percent of Mexicans trusted political parties.",
        claimed=9,
        unit="% of respondents",
        period="2017",
        geography="Mexico",
        resources=(),
        check=None,
        settle_with="Latinobarómetro 2017 microdata or report (confidence in political parties, Mexico)",
    ),
    Claim(
        claim_id="A4-elections-23",
        paraphrase="Peña Nieto's approval rating fell below 20 percent.",
        claimed=20,
        unit="% approving (upper bound)",
        period="2017–2018",
        geography="Mexico",
        resources=(),
        check=None,
        settle_with="a presidential approval series for Peña Nieto (e.g. the monthly polls of Reforma, El Financiero or Consulta Mitofsky)",
    ),
    Claim(
        claim_id="A4-elections-24",
        paraphrase="Mexico has 127 million inhabitants.",
        claimed=127_000_000,
        unit="persons",
        period="2018",
        geography="Mexico",
        resources=("country_indicators",),
        check=_population,
        note="the article says citizens; the data count residents",
    ),
    Claim(
        claim_id="A4-elections-25",
        paraphrase="Close to half of Mexico's population lives in poverty.",
        claimed=50,
        unit="% of population (approximate)",
        period="c. 2016–2018",
        geography="Mexico",
        resources=(),
        check=None,
        wording="approximate",
        settle_with="CONEVAL's multidimensional poverty measurement (2016 and 2018 rounds, from INEGI's ENIGH household survey)",
    ),
    Claim(
        claim_id="A2-elections-02",
        paraphrase="López Obrador's presidential term starts on 1 December 2018.",
        claimed="2018-12-01",
        unit="date",
        period="2018",
        geography="Mexico",
        resources=("events",),
        check=_took_office,
        note="A4 gives the same date twice",
    ),
    Claim(
        claim_id="A2-elections-03",
        paraphrase="López Obrador's presidential term lasts six years.",
        claimed=6,
        unit="years",
        period="2018–2024",
        geography="Mexico",
        resources=("events",),
        check=_term_years,
        note="A4 and A5 also speak of a six-year term; under the 2014 electoral reform his successor took office on 1 October "
                "rather than 1 December, so this term was shorter than six years",
    ),
    Claim(
        claim_id="A1-elections-02",
        paraphrase="López Obrador spoke to supporters in the state of Culiacán during the campaign.",
        claimed="a state",
        unit="named place",
        period="2018",
        geography="Mexico",
        resources=("states",),
        check=_culiacan,
    ),
]
