"""Election claims of the articles (A4 Quintana 2018, A2 Wayne 2018, A1 news analysis 2018, A5 Starr
and Ling 2021), checked against the elections tables, the events timeline and the ledger's published
figures. The 2018 transition of power (the Pompeo visit, the first call, the letter to Trump) is
checked here too. Paraphrases are the project's own words."""

from __future__ import annotations

import pandas as pd

from analysis.chapters import elections as el
from analysis.data.events import Label
from analysis.factcheck.claims._common import COMMON, ARTICLE_DATE, FIGURES, before, completed_years, event, figure, happened, month_of, recently, year_of
from analysis.factcheck.claims._records import Checks
from analysis.factcheck.rules import Claim, Evidence, rounding

NATIONAL = "presidential_national_results"
SEATS = "congress_seats"
EVENTS = "events"
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
    start, start_row = event(load, Label.AMLO_TAKES_OFFICE)
    end, end_row = event(load, Label.SHEINBAUM_INAUGURATED)
    return Evidence(value=round((end - start).days / 365.25, 2), rows=(start_row, end_row),
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
    call, call_row = event(load, Label.FIRST_TRUMP_AMLO_CALL)
    election, election_row = event(load, Label.MEXICAN_ELECTION)
    return Evidence(value=float((call - election).days), rows=(call_row, election_row),
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


# ---------------------------------------------------------------------------------------------

CLAIMS = [
    Claim(
        claim_id="A4-elections-01",
        paraphrase="López Obrador took 53 percent of the 2018 presidential vote.",
        claimed=53, unit="% of votes", period="2018-07-01", geography="Mexico", resources=(NATIONAL,), check=_share(AMLO_NAME),
        wording="share", paragraph="15", quote="López Obrador won 53 percent", claimed_text="53% of the votes cast in 2018",
        note="the article rounds to a whole percent",
    ),
    Claim(
        claim_id="A4-elections-02",
        paraphrase="López Obrador carried 31 of the 32 states.",
        claimed=31, unit="states", period="2018-07-01", geography="Mexico", resources=("presidential_state_results",), check=_states_won,
        paragraph="15", quote="31 of Mexico’s 32 states", claimed_text="most votes in 31 of the 32 federal entities",
        note="Guanajuato was the exception",
    ),
    Claim(
        claim_id="A4-elections-03",
        paraphrase="The PRI's candidate, José Antonio Meade, received 16 percent of the vote.",
        claimed=16, unit="% of votes", period="2018-07-01", geography="Mexico", resources=(NATIONAL,), check=_share("José Antonio Meade"),
        wording="share", paragraph="15", quote="won only 16 percent of the votes", claimed_text="16% of the votes for Meade (PRI)",
    ),
    Claim(
        claim_id="A4-elections-04",
        paraphrase="Ricardo Anaya, the PAN's candidate also backed by the PRD, received 22 percent of the vote.",
        claimed=22, unit="% of votes", period="2018-07-01", geography="Mexico", resources=(NATIONAL,), check=_share("Ricardo Anaya"),
        wording="share", paragraph="15", quote="earned 22 percent of the vote", claimed_text="22% of the votes for Anaya (PAN, with the PRD)",
    ),
    Claim(
        claim_id="A4-elections-05",
        paraphrase="The Morena-led coalition holds 54 percent of Senate seats.",
        claimed=54, unit="% of seats", period="LXIV Legislature", geography="Mexico", resources=(SEATS,),
        check=_coalition("Senate", "Juntos Haremos Historia"), wording="share", paragraph="16", quote="won 54 percent of the seats",
        claimed_text="54% of the Senate's 128 seats for Morena, PT and PES", note="P11 also says the coalition will have a majority",
    ),
    Claim(
        claim_id="A4-elections-06",
        paraphrase="The Morena-led coalition holds 61.6 percent of the Chamber of Deputies.",
        claimed=61.6, unit="% of seats", period="LXIV Legislature", geography="Mexico", resources=(SEATS,),
        check=_coalition("Chamber of Deputies", "Juntos Haremos Historia"), wording="share", points=0.05, paragraph="16",
        quote="61.6 percent in the Chamber", claimed_text="61.6% of the 500 deputies for Morena, PT and PES",
    ),
    Claim(
        claim_id="A4-elections-07",
        paraphrase="The PRI coalition controls 11.7 percent of Senate seats.",
        claimed=11.7, unit="% of seats", period="LXIV Legislature", geography="Mexico", resources=(SEATS,),
        check=_coalition("Senate", "Todos por México", ["PRI", "PANAL"], "the PRI's coalition without the PVEM, the party the article says left it"),
        wording="share", points=0.05, paragraph="16", quote="only 11.7 percent of the seats", stated_scope="the PRI coalition",
        claimed_text="11.7% of Senate seats for the PRI coalition",
    ),
    Claim(
        claim_id="A4-elections-08",
        paraphrase="PRI and its allies hold 9.4 percent of the lower house.",
        claimed=9.4, unit="% of seats", period="LXIV Legislature", geography="Mexico", resources=(SEATS,),
        check=_coalition("Chamber of Deputies", "Todos por México", ["PRI", "PANAL"], "the PRI's coalition without the PVEM, the party the article says left it"),
        wording="share", points=0.05, paragraph="16", quote="9.4 percent in the lower house", stated_scope="the PRI coalition",
        claimed_text="9.4% of deputies for the PRI coalition",
    ),
    Claim(
        claim_id="A4-elections-09",
        paraphrase="The PAN holds 23.4 percent of Senate seats.",
        claimed=23.4, unit="% of seats", period="LXIV Legislature", geography="Mexico", resources=(SEATS,),
        check=_coalition("Senate", "Por México al Frente", ["PAN", "MC"], "the PAN-led coalition without the PRD, the party the article says left it"),
        wording="share", points=0.05, paragraph="16", quote="with 23.4 percent in the Senate", stated_scope="the PAN",
        claimed_text="23.4% of Senate seats for the PAN", note="the PAN alone had 18.0% of the Senate",
    ),
    Claim(
        claim_id="A4-elections-10",
        paraphrase="The PAN holds 21.6 percent of the lower house.",
        claimed=21.6, unit="% of seats", period="LXIV Legislature", geography="Mexico", resources=(SEATS,),
        check=_coalition("Chamber of Deputies", "Por México al Frente", ["PAN", "MC"], "the PAN-led coalition without the PRD, the party the article says left it"),
        wording="share", points=0.05, paragraph="16", quote="21.6 percent in the lower house", stated_scope="the PAN",
        claimed_text="21.6% of deputies for the PAN", note="the PAN alone had 16.2% of the Chamber",
    ),
    Claim(
        claim_id="A4-elections-11",
        paraphrase="The Morena coalition won five of the nine governorships contested in 2018.",
        claimed=5, unit="governorships", period="2018-07-01", geography="Mexico", resources=(FIGURES,), check=_governorships,
        paragraph="16", quote="won five of the nine gubernatorial races", claimed_text="5 of the 9 governorships at stake in 2018",
    ),
    Claim(
        claim_id="A4-elections-12",
        paraphrase="Morena has a majority in 19 of the 32 state legislatures.",
        claimed=19, unit="state legislatures", period="2018", geography="Mexico", resources=(), check=None,
        paragraph="16", quote="19 of Mexico’s 32 state legislatures", claimed_text="a Morena majority in 19 of the 32 state legislatures",
        settle_with="the party composition of the 32 state congresses after the 2018 elections; searched: the only count found is a "
                    "PREP-based press tally of 18 of the 27 congresses renewed in 2018 won by the Morena coalition (La Razón, 4 Jul 2018), "
                    "which does not cover all 32",
        searched=("https://razon.com.mx/mexico/2018/07/04/morena-con-fuerza-para-reformar-constitucion-domina-18-congresos",),
    ),
    Claim(
        claim_id="A4-elections-13",
        paraphrase="In 2006 Calderón beat López Obrador by 0.56 percent.",
        claimed=0.56, unit="percentage points of total votes", period="2006-07-02", geography="Mexico", resources=(NATIONAL,), check=_margin_2006,
        tolerance=rounding(0.56, 0.01), paragraph="23", quote="by 0.56 percent", claimed_text="a 0.56-point margin in 2006",
    ),
    Claim(
        claim_id="A4-elections-14",
        paraphrase="López Obrador's 2018 victory was the biggest majority in Mexico's electoral history.",
        claimed="the largest share on record", unit="rank of the winner's vote share", period="1917–2018", geography="Mexico",
        resources=(NATIONAL, FIGURES), check=_largest_share_on_record, wording="rank", paragraph="11, 15",
        quote="the highest majority in Mexico’s history", stated_scope="Mexico's electoral history",
        claimed_text="the largest winning share of the vote in Mexico's history",
    ),
    Claim(
        claim_id="A4-elections-15",
        paraphrase="Morena had existed as a political party for less than four years when the article appeared.",
        claimed=4, unit="years", period="2018-11-01", geography="Mexico", resources=(EVENTS,), check=_morena_age,
        wording="less_than", paragraph="18", quote="less than four years as a", claimed_text="a party for less than 4 years",
        note="4.25 years even from the 1 August 2014 effective date of the registration",
    ),
    Claim(
        claim_id="A2-elections-01",
        paraphrase="Morena was founded as a party only in 2014.",
        claimed="2014", unit="year", period="2014", geography="Mexico", resources=(EVENTS,),
        check=year_of(Label.MORENA_REGISTERED_AS_A_PARTY, "year of Morena's registration as a national party"),
        wording="date", paragraph="15", quote="only founded in 2014", claimed_text="Morena became a party in 2014",
        note="the movement existed earlier as a civil association (October 2011); the article speaks of the party",
    ),
    Claim(
        claim_id="A1-elections-01",
        paraphrase="López Obrador won the presidential election held on Sunday, 1 July 2018.",
        claimed="2018-07-01", unit="date", period="2018", geography="Mexico", resources=(EVENTS,), check=_election_date,
        wording="date", paragraph="2", quote="presidential race of Mexico on Sunday", claimed_text="the election of Sunday 1 July 2018",
        note="the date is given in the photo caption (paragraph 1)",
    ),
    Claim(
        claim_id="A4-elections-16",
        paraphrase="López Obrador is the first winner from outside the two traditional parties since elections began in 1917.",
        claimed="1917", unit="year from which he is the first winner from outside the PRI and the PAN", period="1917–2018",
        geography="Mexico", resources=(EVENTS,), check=_first_since, wording="date", paragraph="11",
        quote="since Mexico first held elections in 1917", claimed_text="the first third-party winner since 1917",
    ),
    Claim(
        claim_id="A4-elections-17",
        paraphrase="Morena itself won the majority in both chambers of Congress in 2018.",
        claimed="majority in both chambers", unit="", period="LXIV Legislature", geography="Mexico", resources=(SEATS,), check=_morena_majority,
        wording="text", paragraph="16", quote="with MORENA winning the majority in both", claimed_text="Morena on its own has the majority in both chambers",
        note="the sentence names the coalition separately, so 'Morena' is the party; with its allies it held 61.6% and 53.9%",
    ),
    Claim(
        claim_id="A4-elections-18",
        paraphrase="Until 1997 the PRI always held at least half of the seats in Congress.",
        claimed="1997", unit="year the PRI first lacked a majority", period="1929–1997", geography="Mexico", resources=(EVENTS, FIGURES),
        check=_pri_majority_until, wording="date", paragraph="20", quote="by at least a 50 percent majority",
        claimed_text="the PRI held at least half of Congress until 1997",
    ),
    Claim(
        claim_id="A4-elections-19",
        paraphrase="López Obrador ran for president in 2006 and 2012 (for the PRD) and was defeated both times.",
        claimed="lost both", unit="", period="2006 and 2012", geography="Mexico", resources=(NATIONAL,), check=_lost_2006_2012,
        wording="text", paragraph="18", quote="2006 and 2012 elections, losing both", claimed_text="lost in 2006 and in 2012",
    ),
    Claim(
        claim_id="A4-elections-20",
        paraphrase="The PRI won back the presidency in 2012 with Enrique Peña Nieto.",
        claimed="Enrique Peña Nieto", unit="winner", period="2012-07-01", geography="Mexico", resources=(NATIONAL,), check=_winner_2012,
        wording="text", paragraph="25", quote="the PRI retook the presidency", claimed_text="Peña Nieto (PRI) won in 2012",
    ),
    Claim(
        claim_id="A4-elections-21",
        paraphrase="Morena became a registered political party only after the 2012 presidential election.",
        claimed="after", unit="order of events", period="2012–2014", geography="Mexico", resources=(EVENTS, NATIONAL),
        check=_registered_after_2012, wording="date", paragraph="18", quote="registered as a political party following",
        claimed_text="registered as a party after the 2012 presidential election",
    ),
    Claim(
        claim_id="A4-elections-26",
        paraphrase="López Obrador first set up Morena in 2012, as a non-profit organisation.",
        claimed="2012", unit="year", period="2011–2012", geography="Mexico", resources=(EVENTS,),
        check=year_of(Label.MORENA_CIVIL_ASSOCIATION, "year Morena was formalised as a civil association"),
        wording="date", paragraph="18", quote="originally founded in 2012 by López Obrador", claimed_text="Morena founded as a non-profit in 2012",
    ),
    Claim(
        claim_id="A4-elections-22",
        paraphrase="A 2017 Latinobarómetro survey found that just 9 percent of Mexicans trusted political parties.",
        claimed=9, unit="% of respondents", period="2017", geography="Mexico", resources=(), check=None, wording="share",
        paragraph="26, 15", quote="only 9 percent of Mexicans felt confidence", claimed_text="9% confident in political parties (Latinobarómetro 2017)",
        note="paragraph 15 gives the same 9% for confidence in the two-party system",
        settle_with="the Latinobarómetro 2017 report table for Mexico; searched: the 2018 edition gives 11% (and 21% in 2016) but the "
                    "2017 value was not found",
        searched=("https://ampryt.net/solo-el-11-de-los-mexicanos-confia-en-partidos-politicos-afirma-investigacion-de-latinobarometro",),
    ),
    Claim(
        claim_id="A4-elections-23",
        paraphrase="Peña Nieto's approval rating fell below 20 percent.",
        claimed=20, unit="% approving", period="2017–2018", geography="Mexico", resources=(FIGURES,), check=_approval,
        wording="less_than", paragraph="26", quote="plummeted to less than 20 percent", claimed_text="approval below 20%",
    ),
    Claim(
        claim_id="A4-elections-24",
        paraphrase="Mexico has 127 million citizens (the article's word; the figure is a population count).",
        claimed=127_000_000, unit="persons", period="2018", geography="Mexico", resources=("country_indicators",), check=_population,
        wording="approximate", tolerance=rounding(127_000_000, 1_000_000), paragraph="11", quote="the country’s 127 million citizens",
        claimed_text="127 million citizens (a population figure)",
        note="estimates of the time ranged from 125.0 million (INEGI, 2018) to about 130.8 million (UN 2017 projections); none gave 127 million",
    ),
    Claim(
        claim_id="A4-elections-25",
        paraphrase="Close to half of Mexico's population lives in poverty.",
        claimed=50, unit="% of population", period="2016 (latest round at publication)", geography="Mexico", resources=(FIGURES,), check=_poverty,
        wording="approximate_share", paragraph="11", quote="nearly half of the country’s", claimed_text="nearly half of Mexicans in poverty",
    ),
    Claim(
        claim_id="A2-elections-02",
        paraphrase="López Obrador's presidential term starts on 1 December 2018.",
        claimed="2018-12-01", unit="date", period="2018", geography="Mexico", resources=(EVENTS,), check=_took_office,
        wording="date", paragraph="10", quote="term beginning Dec. 1", claimed_text="the term begins on 1 December 2018",
    ),
    Claim(
        claim_id="A2-elections-03",
        paraphrase="López Obrador's presidential term lasts six years.",
        claimed=6, unit="years", period="2018–2024", geography="Mexico", resources=(EVENTS,), check=_term_years,
        tolerance=rounding(6, 1), paragraph="10, 25", quote="his six-year presidential term", claimed_text="a six-year term",
        note="a figure rounded to whole years",
    ),
    Claim(
        claim_id="A5-elections-01",
        paraphrase="As president, López Obrador is restricted to one six-year term.",
        claimed=6, unit="years", period="2018–2024", geography="Mexico", resources=(EVENTS,), check=_term_years,
        tolerance=rounding(6, 1), paragraph="8", quote="limited to a single six-year term", claimed_text="a single six-year term",
        note="a figure rounded to whole years; same check as A2-elections-03 (another article)",
    ),
    Claim(
        claim_id="A1-elections-02",
        paraphrase="López Obrador spoke to a rally in what the article calls 'the Culiacán state' (Culiacán is a city, capital of Sinaloa).",
        claimed="a state", unit="kind of place", period="2018", geography="Mexico", resources=("states",), check=_culiacan,
        wording="text", paragraph="9", quote="told a crowd in the Culiacán state", claimed_text="Culiacán named as a state",
    ),
    Claim(
        claim_id="A1-elections-03",
        paraphrase="López Obrador had earlier been mayor of Mexico City.",
        claimed=happened(Label.AMLO_HEADS_MEXICO_CITY), unit="order of events", period="2000–2005", geography="Mexico City", resources=(EVENTS,),
        check=before(Label.AMLO_HEADS_MEXICO_CITY, "A1", "took office as Head of Government of the Federal District"),
        wording="text", paragraph="5", quote="a former mayor of Mexico City", claimed_text="a former mayor of Mexico City",
        note="the office is Head of Government of the Federal District, commonly called mayor; he held it from 2000 to 2005",
    ),
    Claim(
        claim_id="A1-elections-04",
        paraphrase="López Obrador wrote a book titled 'Oye, Trump' attacking Trump's treatment of migrants and his wall.",
        claimed=happened(BOOK), unit="order of events", period="2017", geography="Mexico", resources=(FIGURES,), check=_book_year,
        wording="text", paragraph="6", quote="written a book called \"Oye, Trump\"", claimed_text="he had written 'Oye, Trump'",
    ),
    Claim(
        claim_id="A1-elections-05",
        paraphrase="He made the pledge to defend migrants at a Culiacán rally in the month of the article.",
        claimed="July 2018", unit="month", period="2018", geography="Culiacán, Sinaloa", resources=(EVENTS,), check=_culiacan_month,
        wording="date", paragraph="9", quote="in the Culiacán state this month", claimed_text="a rally 'this month' (July 2018, the article's month)",
    ),
    Claim(
        claim_id="A2-elections-04",
        paraphrase="Secretary of State Pompeo was due to visit Mexico on Thursday.",
        claimed="Thursday", unit="weekday", period="July 2018", geography="Mexico City", resources=(EVENTS,), check=_weekday_of_visit,
        wording="date", paragraph="6", quote="slated to visit Mexico Thursday", claimed_text="the visit on a Thursday",
        note="the visit was announced for Friday 13 July as early as 5 July",
    ),
    Claim(
        claim_id="A2-elections-05",
        paraphrase="Trump and López Obrador had a positive first phone call on the day after the election.",
        claimed=1, unit="days after the election", period="July 2018", geography="Mexico–United States", resources=(EVENTS,),
        check=_days_after_election, paragraph="6", quote="the positive initial phone call", claimed_text="a first call the day after the 1 July election",
    ),
    Claim(
        claim_id="A2-elections-06",
        paraphrase="Kushner, Treasury Secretary Mnuchin and Homeland Security Secretary Nielsen were to join Pompeo in Mexico City.",
        claimed="with Pompeo", unit="members of the delegation", period="July 2018", geography="Mexico City", resources=(EVENTS,), check=_delegation,
        wording="text", paragraph="7", quote="Kushner, Treasury Secretary Steve Mnuchin and", claimed_text="Kushner, Mnuchin and Nielsen travel with Pompeo",
    ),
    Claim(
        claim_id="A2-elections-07",
        paraphrase="López Obrador has named Marcelo Ebrard as his future foreign secretary.",
        claimed=happened(Label.EBRARD_NAMED), unit="order of events", period="July 2018", geography="Mexico", resources=(EVENTS,),
        check=before(Label.EBRARD_NAMED, "A2", "Ebrard named future foreign secretary"),
        wording="text", paragraph="8", quote="a future foreign secretary, Marcelo Ebrard", claimed_text="Ebrard named future foreign secretary",
    ),
    Claim(
        claim_id="A4-elections-27",
        paraphrase="After the election, the article says, the PVEM and the PRD broke away from the PRI and now work with Morena's coalition.",
        claimed="PVEM: Todos por México; PRD: Todos por México", unit="2018 coalition of each party", period="2018–2021", geography="Mexico",
        resources=(SEATS,), check=_pvem_prd_allies, wording="text", paragraph="15", quote="the PVEM and PRD split from PRI",
        claimed_text="the PVEM and the PRD had been allied with the PRI (Todos por México) and left it",
    ),
    Claim(
        claim_id="A4-elections-28",
        paraphrase="Before López Obrador, two parties had dominated Mexican politics for the past 17 years.",
        claimed=17, unit="years", period="2000–2018", geography="Mexico", resources=(EVENTS,),
        check=_years_between(Label.FOX_TAKES_OFFICE, None, "from Fox's inauguration, the end of PRI rule, to the article"),
        paragraph="20", quote="two parties had dominated Mexico’s political", claimed_text="PRI and PAN dominance for the past 17 years",
    ),
    Claim(
        claim_id="A4-elections-29",
        paraphrase="The PRI held the presidency for 71 years, from its founding in 1929 until 2000.",
        claimed=71, unit="years", period="1929–2000", geography="Mexico", resources=(EVENTS,),
        check=_years_between(Label.PNR_FOUNDED, Label.FOX_TAKES_OFFICE, "from the founding of the PNR to Fox's inauguration"),
        paragraph="20", quote="In that 71-year period", claimed_text="71 years of PRI rule, 1929–2000",
    ),
    Claim(
        claim_id="A4-elections-30",
        paraphrase="Left-wing defectors from the PRI founded the PRD in 1989.",
        claimed="1989", unit="year", period="1989", geography="Mexico", resources=(EVENTS,),
        check=year_of(Label.PRD_FOUNDED, "year the PRD was founded"), wording="date", paragraph="22",
        quote="created the leftist PRD in 1989", claimed_text="the PRD founded in 1989",
    ),
    Claim(
        claim_id="A4-elections-31",
        paraphrase="Founded in 1939, the PAN first won the presidency in 2000.",
        claimed="1939", unit="year", period="1939–2000", geography="Mexico", resources=(EVENTS,),
        check=year_of(Label.PAN_FOUNDED, "year the PAN was founded"), wording="date", paragraph="23",
        quote="From its founding in 1939 until 2000", claimed_text="the PAN founded in 1939; first presidency in 2000",
        note="Fox, the first PAN president, took office on 1 December 2000 (events)",
    ),
    Claim(
        claim_id="A4-elections-32",
        paraphrase="After the 2006 election many of López Obrador's supporters camped in central Mexico City for almost 50 days.",
        claimed=50, unit="days", period="July–September 2006", geography="Mexico City", resources=(FIGURES,), check=_sit_in,
        wording="approximate", paragraph="23", quote="For nearly 50 days, many even camped", claimed_text="a camp-out of nearly 50 days",
    ),
    Claim(
        claim_id="A4-elections-33",
        paraphrase="Congress had traditionally been controlled either by the PRI or by the PAN coalition.",
        claimed="the PRI or the PAN coalition", unit="controlling group", period="to 2018", geography="Mexico", resources=(), check=None,
        wording="text", paragraph="16", quote="Traditionally, either the PRI or the PAN", claimed_text="the PRI or the PAN coalition controlled Congress",
        settle_with="the party composition of every legislature, 1997–2018; searched: the PRI with the PVEM and Nueva Alianza held 260 of 500 "
                    "deputies in 2015, and the PAN's 206 of 500 in 2006 was a plurality, not a majority; earlier legislatures not found",
        searched=("https://laprimeraplana.com.mx/confirma-pri-pvem-260-espacios-en-la-camara-de-diputados",
                  "https://elpssr.aidemsrv.com/internacional/2006/08/25/actualidad/1156456806_850215.html"),
    ),
    Claim(
        claim_id="A4-elections-34",
        paraphrase="López Obrador takes office on 1 December.",
        claimed="2018-12-01", unit="date", period="2018", geography="Mexico", resources=(EVENTS,), check=_took_office,
        wording="date", paragraph="11, 39", quote="On December 1, he will assume the", claimed_text="he takes office on 1 December 2018",
        note="same fact as A2-elections-02 (another article)",
    ),
    Claim(
        claim_id="A4-elections-35",
        paraphrase="After the U.S. delegation's visit, López Obrador sent Trump a letter setting out four priorities: development, migration, security and trade.",
        claimed=happened(Label.AMLO_LETTER_TO_TRUMP), unit="order of events", period="July 2018", geography="Mexico–United States", resources=(EVENTS,),
        check=before(Label.AMLO_LETTER_TO_TRUMP, "A4", "letter to Trump signed"), wording="text", paragraph="40",
        quote="sent President Trump a letter emphasizing four", claimed_text="a letter to Trump naming four priorities",
        note="the letter, dated 12 July 2018, names trade, migration, development and security; it was handed to the delegation "
             "during the 13 July visit rather than sent after it",
    ),
    Claim(
        claim_id="A4-elections-36",
        paraphrase="His plan would split a joint package three to one: 75 percent for economic development and 25 percent for border and public security.",
        claimed=75, unit="% of the package for development", period="July 2018", geography="Mexico–United States", resources=(), check=None,
        wording="share", paragraph="40", quote="75 percent of an amount yet to", claimed_text="75% development, 25% security",
        settle_with="the full text of the letter of 12 July 2018; searched twice: the published copies found stop before the passage",
        searched=("https://prensaalterna.com/carta-abierta-completa-que-envio-lopez-obrador-al-presidente-de-estados-unidos-de-norteamerica",),
    ),
    Claim(
        claim_id="A4-elections-37",
        paraphrase="The United States has had no ambassador in Mexico since May 2018.",
        claimed="May 2018", unit="month the post fell vacant", period="May–November 2018", geography="Mexico", resources=(EVENTS,),
        check=month_of(Label.AMBASSADOR_JACOBSON_LEAVES, "Ambassador Jacobson's resignation took effect"), wording="date",
        paragraph="53 (bullet 3)", quote="without an ambassador since May 2018", claimed_text="no U.S. ambassador since May 2018",
    ),
    Claim(
        claim_id="A4-elections-38",
        paraphrase="The Senate only recently confirmed the top State Department official for the Western Hemisphere.",
        claimed="recently", unit="timing", period="2018", geography="United States", resources=(EVENTS,),
        check=recently(Label.BREIER_CONFIRMED, "A4", "Kimberly Breier confirmed as Assistant Secretary for Western Hemisphere Affairs"),
        wording="text", paragraph="53 (bullet 3)", quote="only recently confirmed the Assistant Secretary",
        claimed_text="the Assistant Secretary for the Western Hemisphere only recently confirmed",
    ),
]
