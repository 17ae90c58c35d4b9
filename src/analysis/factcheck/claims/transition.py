"""Factual claims of article A5 (Starr, Foreign Policy, February 2021) checked against the events timeline.

Dates are compared as text at the precision the article uses (month, or early / mid / late month),
so a verdict of ``consistent`` means the dated event in the ``events`` resource falls where the
article places it.
"""

from __future__ import annotations

import pandas as pd

from analysis.chapters import transition as tr
from analysis.factcheck.rules import Claim, Evidence
from analysis.data.events import Label, event_date


def part_of_month(date: pd.Timestamp) -> str:
    """'early', 'mid-' or 'late' month (days 1–10, 11–20, 21–31), e.g. 'mid-January 2021'."""
    month = date.strftime("%B %Y")
    if date.day <= 10:
        return f"early {month}"
    if date.day <= 20:
        return f"mid-{month}"
    return f"late {month}"


def _recognition(load) -> Evidence:
    events = load("events")
    congratulated = tr.first_congratulation(events)
    electors = event_date(events, Label.ELECTORAL_COLLEGE_VOTE)
    value = "not before the Electoral College vote" if congratulated >= electors else "before the Electoral College vote"
    return Evidence(
        value=value,
        method=(f"López Obrador's first congratulation of Biden in events ({congratulated.date()}; letter "
                f"{event_date(events, tr.CONGRATULATIONS[0]).date()}, public statement {event_date(events, tr.CONGRATULATIONS[1]).date()}) "
                f"compared with the Electoral College vote ({electors.date()}); "
                f"{(congratulated - event_date(events, Label.US_ELECTION_DAY)).days} days after the U.S. election"),
    )


def _security_law(load) -> Evidence:
    events = load("events")
    passed, published = (event_date(events, label) for label in tr.SECURITY_LAW)
    return Evidence(
        value=published.strftime("%B %Y"),
        method=f"month of the Senate vote ({passed.date()}) and of publication in the DOF ({published.date()}) in events",
    )


def _assange(load) -> Evidence:
    date = event_date(load("events"), Label.ASSANGE_ASYLUM_OFFER)
    return Evidence(value=part_of_month(date), method=f"date of the asylum offer in events ({date.date()})")


def _cienfuegos(load) -> Evidence:
    date = event_date(load("events"), Label.FGR_CLEARS_CIENFUEGOS)
    return Evidence(value=part_of_month(date), method=f"date of the FGR decision not to prosecute in events ({date.date()})")


def _usmca(load) -> Evidence:
    events = load("events")
    signed = event_date(events, Label.USMCA_SIGNED)
    ratified = event_date(events, Label.MEXICO_RATIFIES_USMCA)
    protocol = event_date(events, Label.USMCA_PROTOCOL_SIGNED)
    later = {str(ratified.year), str(protocol.year)}
    return Evidence(
        value=str(signed.year),
        method=(f"year of the USMCA signature in events ({signed.date()}); Mexico's Senate ratified it in "
                f"{ratified.strftime('%B %Y')} and the Protocol of Amendment was signed on {protocol.date()}"),
        other_definition=later.pop() if len(later) == 1 else None,
        other_definition_name="year Mexico ratified the agreement and signed the amending protocol",
    )


CLAIMS = [
    Claim(
        claim_id="A5-transition-01",
        paraphrase="López Obrador held back recognition of Biden's election win until the Electoral College had voted.",
        claimed="not before the Electoral College vote",
        unit="timing",
        period="November–December 2020",
        geography="Mexico",
        resources=("events",),
        check=_recognition,
    ),
    Claim(
        claim_id="A5-transition-02",
        paraphrase="Only two other heads of government joined López Obrador in withholding recognition of Biden until the Electoral College had voted.",
        claimed=3,
        unit="world leaders",
        period="November–December 2020",
        geography="World",
        resources=(),
        check=None,
        settle_with="a dated record of every head of state's or government's first recognition of Biden's victory (foreign-ministry statements)",
    ),
    Claim(
        claim_id="A5-transition-03",
        paraphrase="In December 2020 a new Mexican security law constraining U.S. anti-drug agents was approved.",
        claimed="December 2020",
        unit="month",
        period="December 2020",
        geography="Mexico",
        resources=("events",),
        check=_security_law,
    ),
    Claim(
        claim_id="A5-transition-04",
        paraphrase="In early January 2021 López Obrador offered political asylum to Julian Assange.",
        claimed="early January 2021",
        unit="part of month",
        period="January 2021",
        geography="Mexico",
        resources=("events",),
        check=_assange,
    ),
    Claim(
        claim_id="A5-transition-05",
        paraphrase="In mid-January 2021 the Mexican government exonerated former defence minister Salvador Cienfuegos.",
        claimed="mid-January 2021",
        unit="part of month",
        period="January 2021",
        geography="Mexico",
        resources=("events",),
        check=_cienfuegos,
    ),
    Claim(
        claim_id="A5-transition-06",
        paraphrase="Mexico signed the USMCA, the revised NAFTA, in 2019.",
        claimed="2019",
        unit="year",
        period="2018–2019",
        geography="Mexico, United States, Canada",
        resources=("events",),
        check=_usmca,
        note="The article dates the signature by the year of Mexico's ratification and of the amending protocol, not of the original signature.",
    ),
]
