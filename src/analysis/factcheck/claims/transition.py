"""Claims of article A5 (Starr and Ling, Foreign Policy, February 2021) about the period from the
U.S. election to Biden's inauguration, checked against the events timeline.

Dates are compared as text at the precision the article uses (month, or early / mid / late month),
so a verdict of ``consistent`` means the dated event in the ``events`` resource falls where the
article places it. The USMCA signing year (A5-transition-06) is also shown on the trade chapter's
page; the trade row that checked the same words was merged into it (``claims.MERGED``).
"""

from __future__ import annotations

import pandas as pd

from analysis.chapters import transition as tr
from analysis.data.events import Label
from analysis.factcheck.claims._common import COMMON, ARTICLE_DATE, FIGURES, completed_years, event, figure, recently
from analysis.factcheck.claims._records import Checks
from analysis.factcheck.rules import Claim, Evidence

EVENTS = "events"


# The checks transition.yml names, besides the shared ones (_common.COMMON).
CHECKS = Checks(COMMON)


def part_of_month(date: pd.Timestamp) -> str:
    """'early', 'mid-' or 'late' month (days 1–10, 11–20, 21–31), e.g. 'mid-January 2021'."""
    month = date.strftime("%B %Y")
    if date.day <= 10:
        return f"early {month}"
    if date.day <= 20:
        return f"mid-{month}"
    return f"late {month}"


@CHECKS.check
def _recognition(load) -> Evidence:
    letter, letter_row = event(load, tr.CONGRATULATIONS[0])
    public, public_row = event(load, tr.CONGRATULATIONS[1])
    electors, electors_row = event(load, Label.ELECTORAL_COLLEGE_VOTE)
    election, election_row = event(load, Label.US_ELECTION_DAY)
    congratulated = tr.first_congratulation(load(EVENTS))
    value = "not before the Electoral College vote" if congratulated >= electors else "before the Electoral College vote"
    return Evidence(
        value=value, rows=(letter_row, public_row, electors_row, election_row),
        method=(f"López Obrador's first congratulation of Biden ({congratulated.date()}; letter {letter.date()}, public statement "
                f"{public.date()}) against the Electoral College vote ({electors.date()}); "
                f"{(congratulated - election).days} days after the U.S. election"),
    )


@CHECKS.check
def _three_leaders(load) -> Evidence:
    leaders, row = figure(load, "leaders of major countries still withholding congratulations to Biden before the Electoral College vote",
                          "2020-12-15")
    return Evidence(value=leaders, rows=(row,),
                    method="press account of 15 December 2020: Putin, Bolsonaro and López Obrador were the last leaders of major "
                           "countries to congratulate Biden (Xi Jinping had done so in late November)",
                    checked_scope="leaders of major countries, as the press account counts them; some heads of state never "
                                  "congratulated Biden, so among all world leaders there were more than three")


@CHECKS.check
def _security_law(load) -> Evidence:
    passed, passed_row = event(load, tr.SECURITY_LAW[0])
    published, published_row = event(load, tr.SECURITY_LAW[1])
    return Evidence(value=published.strftime("%B %Y"), rows=(passed_row, published_row),
                    method=f"month of the Senate vote ({passed.date()}) and of publication in the DOF ({published.date()})")


@CHECKS.check
def _assange(load) -> Evidence:
    date, row = event(load, Label.ASSANGE_ASYLUM_OFFER)
    return Evidence(value=part_of_month(date), rows=(row,), method=f"date of the asylum offer ({date.date()})")


@CHECKS.check
def _cienfuegos(load) -> Evidence:
    cleared, cleared_row = event(load, Label.FGR_CLEARS_CIENFUEGOS)
    backed, backed_row = event(load, Label.AMLO_BACKS_FGR_ACCUSES_DEA)
    return Evidence(value=part_of_month(cleared), rows=(cleared_row, backed_row),
                    method=f"the FGR declined to prosecute on {cleared.date()}; the president backed the decision on {backed.date()}",
                    note="strictly the FGR, an autonomous prosecutor's office, not the government, cleared him")


@CHECKS.check
def _usmca(load) -> Evidence:
    signed, signed_row = event(load, Label.USMCA_SIGNED)
    ratified, ratified_row = event(load, Label.MEXICO_RATIFIES_USMCA)
    protocol, protocol_row = event(load, Label.USMCA_PROTOCOL_SIGNED)
    later = {str(ratified.year), str(protocol.year)}
    return Evidence(
        value=str(signed.year), rows=(signed_row, ratified_row, protocol_row),
        method=(f"year the three leaders signed the USMCA ({signed.date()}); Mexico's Senate ratified it in {ratified.strftime('%B %Y')} "
                f"and Mexico signed the Protocol of Amendment, the text that entered into force, on {protocol.date()}"),
        other_definition=later.pop() if len(later) == 1 else None,
        other_definition_name="year Mexico ratified the agreement and signed the Protocol of Amendment",
        note="ratification is not signature; only the signing of the amending protocol makes 'signed in 2019' right",
    )


@CHECKS.check
def _two_years(load) -> Evidence:
    start, row = event(load, Label.AMLO_TAKES_OFFICE)
    return Evidence(value=float(completed_years(start, ARTICLE_DATE["A5"])), rows=(row,),
                    method=f"whole years from López Obrador taking office ({start.date()}) to the article ({ARTICLE_DATE['A5'].date()})")


CLAIMS = [
    Claim(
        claim_id="A5-transition-01",
        paraphrase="López Obrador held back recognition of Biden's election win until the Electoral College had voted.",
        claimed="not before the Electoral College vote", unit="timing", period="November–December 2020", geography="Mexico",
        resources=(EVENTS,), check=_recognition, wording="text", paragraph="4", quote="until after the formal Electoral College vote",
        claimed_text="no recognition of Biden's win until after the Electoral College vote (14 December 2020)",
    ),
    Claim(
        claim_id="A5-transition-02",
        paraphrase="Only two other world leaders joined López Obrador in withholding recognition of Biden until the Electoral College had voted.",
        claimed=3, unit="world leaders", period="November–December 2020", geography="World", resources=(FIGURES,),
        check=_three_leaders, paragraph="4", quote="one of only three world leaders who",
        claimed_text="one of only three world leaders to wait for the Electoral College", stated_scope="all world leaders",
    ),
    Claim(
        claim_id="A5-transition-03",
        paraphrase="In December 2020 a new Mexican security law constraining U.S. anti-drug agents was approved.",
        claimed="December 2020", unit="month", period="December 2020", geography="Mexico", resources=(EVENTS,), check=_security_law,
        wording="date", paragraph="4", quote="In December, AMLO oversaw the approval of",
        claimed_text="a security law constraining U.S. anti-drug agents approved in December 2020",
    ),
    Claim(
        claim_id="A5-transition-04",
        paraphrase="In early January 2021 López Obrador offered political asylum to Julian Assange.",
        claimed="early January 2021", unit="part of month", period="January 2021", geography="Mexico", resources=(EVENTS,),
        check=_assange, wording="date", paragraph="4", quote="In early January, he offered political asylum",
        claimed_text="asylum offered to Assange in early January 2021",
    ),
    Claim(
        claim_id="A5-transition-05",
        paraphrase="In mid-January 2021 the Mexican government exonerated former defence minister Salvador Cienfuegos.",
        claimed="mid-January 2021", unit="part of month", period="January 2021", geography="Mexico", resources=(EVENTS,),
        check=_cienfuegos, wording="date", paragraph="5", quote="in mid-January, his government exonerated",
        claimed_text="Cienfuegos exonerated in mid-January 2021",
    ),
    Claim(
        claim_id="A5-transition-06",
        paraphrase="Mexico signed the USMCA, the revised NAFTA, in 2019.",
        claimed="2019", unit="year", period="2018–2019", geography="Mexico, United States, Canada", resources=(EVENTS,),
        check=_usmca, wording="date", paragraph="12", quote="the NAFTA that Mexico signed in 2019",
        claimed_text="Mexico signed the USMCA in 2019", also_in=("trade",),
    ),
    Claim(
        claim_id="A5-transition-07",
        paraphrase="Most recently, the article says, López Obrador threatened to abolish the bodies that enforce freedom of information and competition law.",
        claimed="recently", unit="timing", period="January 2021", geography="Mexico", resources=(EVENTS,),
        check=recently(Label.AUTONOMOUS_BODIES_PLAN, "A5", "López Obrador proposed absorbing the autonomous regulators (INAI, COFECE) into ministries"),
        wording="text", paragraph="12", quote="most recently threatening to eliminate institutions",
        claimed_text="a recent threat to eliminate the transparency and competition watchdogs",
        note="whether abolishing them would breach the USMCA, as the article adds, is a legal assessment the ledger does not judge",
    ),
    Claim(
        claim_id="A5-transition-08",
        paraphrase="For two years Mexico's dealings with the United States had aimed to give Trump no reason to turn his rhetoric into policy.",
        claimed=2, unit="years", period="December 2018 – February 2021", geography="Mexico", resources=(EVENTS,), check=_two_years,
        paragraph="12", quote="For two years now, Mexican relations", claimed_text="two years of this approach by early 2021",
        note="the ledger checks the span only; the motive is the authors' reading",
    ),
]
