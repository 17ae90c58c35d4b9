"""Election claims of the articles (A4 Quintana 2018, A2 Wayne 2018, A1 news analysis 2018),
checked against the elections tables. Paraphrases are the project's own words."""

from __future__ import annotations

from analysis import elections as el
from analysis.factcheck import Claim, Evidence

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
    return Evidence(value=el.event_date(load("events"), "Mexican election").strftime("%Y-%m-%d"), method="date of the 2018 general election (events)")


CLAIMS = [
    Claim("A4-elections-01", "A4", "elections", "López Obrador won 53 percent of the 2018 presidential vote.", 53, "% of votes", "2018-07-01", "Mexico",
          (NATIONAL,), _share(AMLO_NAME), tolerance=_rounded_tolerance(53), note="article rounds to whole percent"),
    Claim("A4-elections-02", "A4", "elections", "López Obrador carried 31 of the 32 states.", 31, "states", "2018-07-01", "Mexico",
          ("presidential_state_results",), _states_won),
    Claim("A4-elections-03", "A4", "elections", "The PRI's candidate, José Antonio Meade, received 16 percent of the vote.", 16, "% of votes", "2018-07-01", "Mexico",
          (NATIONAL,), _share("José Antonio Meade"), tolerance=_rounded_tolerance(16), note="article rounds to whole percent"),
    Claim("A4-elections-04", "A4", "elections", "Ricardo Anaya, the PAN's candidate backed also by the PRD, received 22 percent of the vote.", 22, "% of votes", "2018-07-01",
          "Mexico", (NATIONAL,), _share("Ricardo Anaya"), tolerance=_rounded_tolerance(22), note="article rounds to whole percent"),
    Claim("A4-elections-05", "A4", "elections", "The Morena-led coalition holds 54 percent of Senate seats.", 54, "% of seats", "LXIV Legislature", "Mexico",
          (SEATS,), _coalition("Senate", "Juntos Haremos Historia"), tolerance=_rounded_tolerance(54), note="article rounds to whole percent"),
    Claim("A4-elections-06", "A4", "elections", "The Morena-led coalition holds 61.6 percent of the Chamber of Deputies.", 61.6, "% of seats", "LXIV Legislature", "Mexico",
          (SEATS,), _coalition("Chamber of Deputies", "Juntos Haremos Historia"), tolerance=_rounded_tolerance(61.6, 0.05)),
    Claim("A4-elections-07", "A4", "elections", "The PRI coalition controls 11.7 percent of Senate seats.", 11.7, "% of seats", "LXIV Legislature", "Mexico",
          (SEATS,), _coalition("Senate", "Todos por México", ["PRI"], "PRI group alone at installation"), tolerance=_rounded_tolerance(11.7, 0.05)),
    Claim("A4-elections-08", "A4", "elections", "The PRI coalition controls 9.4 percent of the lower house.", 9.4, "% of seats", "LXIV Legislature", "Mexico",
          (SEATS,), _coalition("Chamber of Deputies", "Todos por México", ["PRI"], "PRI group alone at installation"), tolerance=_rounded_tolerance(9.4, 0.05)),
    Claim("A4-elections-09", "A4", "elections", "The PAN holds 23.4 percent of Senate seats.", 23.4, "% of seats", "LXIV Legislature", "Mexico",
          (SEATS,), _coalition("Senate", "Por México al Frente", ["PAN", "MC"], "PAN and MC without the PRD, INE assignment"), tolerance=_rounded_tolerance(23.4, 0.05),
          note="the data value is the PAN-led coalition (PAN, PRD, MC); the article does not say which parties it counts"),
    Claim("A4-elections-10", "A4", "elections", "The PAN holds 21.6 percent of the lower house.", 21.6, "% of seats", "LXIV Legislature", "Mexico",
          (SEATS,), _coalition("Chamber of Deputies", "Por México al Frente", ["PAN", "MC"], "PAN and MC without the PRD, INE assignment"),
          tolerance=_rounded_tolerance(21.6, 0.05), note="the data value is the PAN-led coalition (PAN, PRD, MC); the article does not say which parties it counts"),
    Claim("A4-elections-11", "A4", "elections", "The Morena coalition won five of the nine governorships contested in 2018.", 5, "governorships", "2018-07-01", "Mexico",
          (), None, settle_with="results of the nine 2018 gubernatorial elections from the state electoral institutes (OPLEs)"),
    Claim("A4-elections-12", "A4", "elections", "Morena has a majority in 19 of the 32 state legislatures.", 19, "state legislatures", "2018", "Mexico",
          (), None, settle_with="composition of the 32 state congresses after the 2018 elections"),
    Claim("A4-elections-13", "A4", "elections", "In 2006 Calderón beat López Obrador by 0.56 percent.", 0.56, "percentage points of total votes", "2006-07-02", "Mexico",
          (NATIONAL,), _margin_2006, tolerance=_rounded_tolerance(0.56, 0.005)),
    Claim("A4-elections-14", "A4", "elections", "López Obrador's 2018 win was the largest majority in Mexico's electoral history.", "largest share on record", "", "1917–2018", "Mexico",
          (), None, settle_with="national presidential results for every election since 1917 (this package starts in 2006)"),
    Claim("A4-elections-15", "A4", "elections", "Morena had existed as a political party for less than four years when the article appeared.", 4, "years (upper bound)", "2018-11-01", "Mexico",
          ("events",), _morena_age, note="the claim is an upper bound; the data give the age since registration as a national party"),
    Claim("A2-elections-01", "A2", "elections", "Morena was founded as a party only in 2014.", "2014", "year", "2014", "Mexico",
          ("events",), _founded, note="2014 is the year of registration as a national party; the movement existed earlier as a civil association"),
    Claim("A1-elections-01", "A1", "elections", "López Obrador won the presidential election held on Sunday, 1 July 2018.", "2018-07-01", "date", "2018", "Mexico",
          ("events",), _election_date),
]
