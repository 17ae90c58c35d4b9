"""Claims of article A5 (Starr and Ling, Foreign Policy, February 2021) about the period from the
U.S. election to Biden's inauguration, checked against the events timeline.

Dates are compared as text at the precision the article uses (month, or early / mid / late month),
so a verdict of ``consistent`` means the dated event in the ``events`` resource falls where the
article places it. The USMCA signing year (A5-transition-06) is also shown on the trade chapter's
page; the trade row that checked the same words was merged into it (``claims.MERGED``).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis.chapters import transition as tr
from analysis.data.events import Label
from analysis.factcheck.claims._common import ARTICLE_DATE, COMMON, completed_years, event, events, figure
from analysis.factcheck.claims._records import Checks, read_claims
from analysis.factcheck.rules import Evidence

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
    (letter, public, electors, election), rows = events(load, *tr.CONGRATULATIONS, Label.ELECTORAL_COLLEGE_VOTE, Label.US_ELECTION_DAY)
    congratulated = tr.first_congratulation(load(EVENTS))
    value = "not before the Electoral College vote" if congratulated >= electors else "before the Electoral College vote"
    return Evidence(
        value=value, rows=rows,
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
    (passed, published), rows = events(load, *tr.SECURITY_LAW)
    return Evidence(value=published.strftime("%B %Y"), rows=rows,
                    method=f"month of the Senate vote ({passed.date()}) and of publication in the DOF ({published.date()})")


@CHECKS.check
def _assange(load) -> Evidence:
    date, row = event(load, Label.ASSANGE_ASYLUM_OFFER)
    return Evidence(value=part_of_month(date), rows=(row,), method=f"date of the asylum offer ({date.date()})")


@CHECKS.check
def _cienfuegos(load) -> Evidence:
    (cleared, backed), rows = events(load, Label.FGR_CLEARS_CIENFUEGOS, Label.AMLO_BACKS_FGR_ACCUSES_DEA)
    return Evidence(value=part_of_month(cleared), rows=rows,
                    method=f"the FGR declined to prosecute on {cleared.date()}; the president backed the decision on {backed.date()}",
                    note="strictly the FGR, an autonomous prosecutor's office, not the government, cleared him")


@CHECKS.check
def _usmca(load) -> Evidence:
    (signed, ratified, protocol), rows = events(load, Label.USMCA_SIGNED, Label.MEXICO_RATIFIES_USMCA, Label.USMCA_PROTOCOL_SIGNED)
    later = {str(ratified.year), str(protocol.year)}
    return Evidence(
        value=str(signed.year), rows=rows,
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


# The claims themselves are data: transition.yml, beside this module.
CLAIMS = read_claims(Path(__file__).with_suffix(".yml"), CHECKS)
