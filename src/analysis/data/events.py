"""The ``events`` resource's short labels as named constants, and lookups shared by every chapter.

Charts, chapters and claims refer to events by these constants (``Label.USMCA_SIGNED``), never by
retyped strings, so a renamed label fails at import instead of at a lookup. The labels are
assigned in the derivation (``analysis.etl.events``), which uses the same constants.
"""

from __future__ import annotations

import pandas as pd


class Label:
    """Short labels of the rows of the ``events`` resource."""

    AMLO_AT_THE_WHITE_HOUSE = 'AMLO at the White House'
    AMLO_BACKS_FGR_ACCUSES_DEA = 'AMLO backs FGR, accuses DEA'
    AMLO_CONGRATULATES_BIDEN_LETTER = 'AMLO congratulates Biden (letter)'
    AMLO_CONGRATULATES_BIDEN_PUBLIC = 'AMLO congratulates Biden (public)'
    AMLO_SKIPS_SUMMIT_OF_THE_AMERICAS = 'AMLO skips Summit of the Americas'
    AMLO_TAKES_OFFICE = 'AMLO takes office'
    AMLO_WITHHOLDS_CONGRATULATIONS = 'AMLO withholds congratulations'
    ASSANGE_ASYLUM_OFFER = 'Assange asylum offer'
    BICENTENNIAL_FRAMEWORK = 'Bicentennial Framework'
    BIDEN_INAUGURATED = 'Biden inaugurated'
    CIENFUEGOS_ARRESTED = 'Cienfuegos arrested'
    CIENFUEGOS_CHARGES_DISMISSED = 'Cienfuegos charges dismissed'
    ELECTORAL_COLLEGE_VOTE = 'Electoral College vote'
    FGR_CLEARS_CIENFUEGOS = 'FGR clears Cienfuegos'
    FIRST_BIDEN_AMLO_CALL = 'First Biden–AMLO call'
    FOREIGN_AGENTS_LAW_PUBLISHED = 'Foreign-agents law published'
    INE_ASSIGNS_PR_SEATS = 'INE assigns PR seats'
    INE_DISTRICT_COUNT_CONCLUDES = 'INE district count concludes'
    JUNE_2019_JOINT_DECLARATION = 'June 2019 joint declaration'
    LXIV_LEGISLATURE_INSTALLED = 'LXIV Legislature installed'
    MEXICAN_ELECTION = 'Mexican election'
    MEXICO_RATIFIES_USMCA = 'Mexico ratifies USMCA'
    MEXICO_REPORTS_GUARD_DEPLOYMENT = 'Mexico reports Guard deployment'
    MORENA_REGISTERED_AS_A_PARTY = 'Morena registered as a party'
    MPP_ENROLMENTS_SUSPENDED = 'MPP enrolments suspended'
    NAFTA_IN_FORCE = 'NAFTA in force'
    NAFTA_TALKS_BEGIN = 'NAFTA talks begin'
    NORTH_AMERICAN_LEADERS_SUMMIT = "North American Leaders' Summit"
    REMAIN_IN_MEXICO_ANNOUNCED = 'Remain in Mexico announced'
    REMAIN_IN_MEXICO_STARTS = 'Remain in Mexico starts'
    SENATE_PASSES_FOREIGN_AGENTS_LAW = 'Senate passes foreign-agents law'
    SHEINBAUM_ELECTED = 'Sheinbaum elected'
    SHEINBAUM_INAUGURATED = 'Sheinbaum inaugurated'
    STEEL_ALUMINIUM_TARIFFS_LIFTED = 'Steel/aluminium tariffs lifted'
    STEEL_ALUMINIUM_TARIFFS_ON_MEXICO = 'Steel/aluminium tariffs on Mexico'
    SUPPLEMENTARY_AGREEMENT = 'Supplementary agreement'
    SUPREME_COURT_MPP_RESTART = 'Supreme Court: MPP restart'
    TARIFF_THREAT_OVER_MIGRATION = 'Tariff threat over migration'
    TEPJF_DECLARES_PRESIDENT_ELECT = 'TEPJF declares president-elect'
    TITLE_42_BEGINS = 'Title 42 begins'
    TITLE_42_ENDS = 'Title 42 ends'
    USMCA_ENERGY_CONSULTATIONS = 'USMCA energy consultations'
    USMCA_IMPLEMENTATION_ACT = 'USMCA Implementation Act'
    USMCA_IN_FORCE = 'USMCA in force'
    USMCA_PROTOCOL_SIGNED = 'USMCA protocol signed'
    USMCA_SIGNED = 'USMCA signed'
    USMCA_TEXT_AGREED = 'USMCA text agreed'
    USTR_NOTICE_TO_CONGRESS = 'USTR notice to Congress'
    US_ELECTION_DAY = 'U.S. election day'
    US_MEXICO_DEAL_ANNOUNCED = 'U.S.–Mexico deal announced'
    US_TO_DROP_CIENFUEGOS_CASE = 'U.S. to drop Cienfuegos case'
    VIRTUAL_BILATERAL_MEETING = 'Virtual bilateral meeting'

    # Fact-check ledger: events the ledger's checks read (declared in analysis.etl.factcheck_evidence)
    PNR_FOUNDED = 'PNR (later PRI) founded'
    PAN_FOUNDED = 'PAN founded'
    PRD_FOUNDED = 'PRD founded'
    PRI_LOSES_CHAMBER_MAJORITY = 'PRI loses Chamber majority'
    FOX_TAKES_OFFICE = 'Fox takes office'
    AMLO_HEADS_MEXICO_CITY = 'AMLO heads Mexico City government'
    MERIDA_LETTER_OF_AGREEMENT = 'Mérida Letter of Agreement'
    MORENA_CIVIL_ASSOCIATION = 'Morena civil association formed'
    ALLIANCE_FOR_PROSPERITY = 'Alliance for Prosperity launched'
    TRUMP_CAMPAIGN_LAUNCH = 'Trump campaign launch remarks'
    DEA_THREAT_ASSESSMENT_2015 = 'DEA 2015 threat assessment'
    TRUMP_ELECTED_2016 = 'Trump elected (2016)'
    AMLO_US_TOUR = 'AMLO tours U.S. cities'
    EL_AISSAMI_DESIGNATED = 'El Aissami designated (Kingpin Act)'
    CENTRAL_AMERICA_CONFERENCE = 'Central America conference, Miami'
    OPIOID_EMERGENCY = 'Opioid emergency declared'
    VALUE_CHAIN_STRATEGY = 'Value-chain strategy agreed'
    FIVE_STATES_AT_LEVEL_4 = 'Five states at Level 4'
    SENATE_ASKS_TO_SUSPEND_COOPERATION = 'Senate asks to suspend cooperation'
    ZERO_TOLERANCE_ANNOUNCED = 'Zero tolerance announced'
    NICARAGUA_PROTESTS_BEGIN = 'Nicaragua protests begin'
    YARRINGTON_EXTRADITED = 'Yarrington extradited to U.S.'
    AMBASSADOR_JACOBSON_LEAVES = 'Ambassador Jacobson leaves'
    TWO_BILATERAL_DEALS_FLOATED = 'Two bilateral deals floated'
    MEXICO_RETALIATES_2018 = "Mexico's retaliatory tariffs (2018)"
    AMLO_CULIACAN_RALLY = 'AMLO rally in Culiacán'
    EXECUTIVE_ORDER_13841 = 'Executive Order 13841'
    FIRST_TRUMP_AMLO_CALL = 'First Trump–AMLO call'
    EBRARD_NAMED = 'Ebrard named foreign secretary'
    DECRIMINALISATION_PROPOSED = 'Decriminalisation proposed'
    AMNESTY_PROPOSED = 'Amnesty proposed'
    BORDER_POLICE_PROPOSED = 'Border police proposed'
    AMLO_LETTER_TO_TRUMP = "AMLO's letter to Trump"
    POMPEO_DELEGATION = 'Pompeo delegation in Mexico'
    DUARTE_SENTENCED = 'Duarte sentenced'
    BREIER_CONFIRMED = 'Breier confirmed (WHA)'
    JOINT_INVESTMENT_30BN = '$30bn joint investment idea'
    BORDER_CLOSURE_THREAT_2018 = 'Border-closure threat (Oct 2018)'
    PEACE_AND_SECURITY_PLAN = 'Peace and Security Plan'
    AUTONOMOUS_BODIES_PLAN = 'Plan to absorb autonomous bodies'
    FOREIGN_AGENT_GUIDELINES = 'Foreign-agent guidelines published'
    DOJ_ON_CIENFUEGOS_FILE = 'DOJ rebukes file release'


def all_labels() -> set[str]:
    return {value for key, value in vars(Label).items() if key.isupper()}


def event_date(events: pd.DataFrame, label: str) -> pd.Timestamp:
    """Date of the single event labelled ``label``; a clear error if it is missing or ambiguous."""
    hits = events.loc[events["label"] == label, "date"]
    if len(hits) != 1:
        raise KeyError(f"events: expected exactly one event labelled {label!r}, found {len(hits)}")
    return pd.Timestamp(hits.iloc[0])
