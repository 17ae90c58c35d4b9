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
    # elections chapter
    MIDTERM_ELECTION_2021 = '2021 midterm election'
    SALAZAR_ON_JUDICIAL_REFORM = 'U.S. ambassador on judicial reform'
    PRD_SENATORS_JOIN_MORENA = 'PRD senators join Morena'
    LXVI_LEGISLATURE_INSTALLED = 'LXVI Legislature installed'
    SENATE_PASSES_JUDICIAL_REFORM = 'Senate passes judicial reform'
    JUDICIAL_REFORM_PUBLISHED = 'Judicial reform published'

    # migration (chapter's policy timeline)
    ZERO_TOLERANCE_ORDERED = 'Zero tolerance ordered'
    FAMILY_SEPARATION_ORDER = 'Order ends family separation'
    CARAVAN_LEAVES_HONDURAS = 'Caravan leaves Honduras'
    BORDER_CLOSURE_THREAT = 'Border-closure threat'
    MEXICO_TAKES_TITLE_42_RETURNS = 'Mexico takes Title 42 returns'
    MPP_TERMINATED = 'MPP terminated'
    MPP_2_RESTARTS = 'MPP 2.0 restarts'
    BIDEN_V_TEXAS = 'Biden v. Texas'
    MPP_2_ENDS = 'MPP 2.0 ends'
    MEXICO_TAKES_VENEZUELANS = 'Mexico takes Venezuelans'
    MEXICO_ENDS_MPP_PARTICIPATION = 'Mexico ends MPP participation'
    MEXICO_TAKES_CHNV_RETURNS = 'Mexico takes CHNV returns'
    CBP_ONE_APPOINTMENTS = 'CBP One appointments'
    LAWFUL_PATHWAYS_RULE = 'Lawful Pathways rule'
    SECURING_THE_BORDER = 'Securing the Border proclamation'
    TRUMP_INAUGURATED_2025 = 'Trump inaugurated (2025)'
    # Security chapter (raw/collected/security_events.csv)
    MERIDA_ANNOUNCED = 'Mérida Initiative announced'
    MERIDA_LETTER_OF_AGREEMENT = 'Mérida Letter of Agreement'
    TILLERSON_KELLY_IN_MEXICO = 'Tillerson–Kelly in Mexico City'
    TCO_DIALOGUE_I = 'TCO Strategic Dialogue I'
    TCO_DIALOGUE_II = 'TCO Dialogue II: value chain'
    PEACE_AND_SECURITY_PLAN = 'Peace and Security Plan'
    SECURITY_STRATEGY_PRESENTED = 'Security strategy presented'
    NATIONAL_GUARD_REFORM = 'National Guard reform (DOF)'
    SECURITY_STRATEGY_IN_DOF = 'Security strategy in DOF'
    NATIONAL_GUARD_LAW = 'National Guard Law (DOF)'
    NATIONAL_GUARD_STARTS = 'National Guard starts'
    CULIACANAZO = 'Culiacanazo: Ovidio freed'
    AMNESTY_LAW = 'Amnesty Law (DOF)'
    BARR_OBJECTS_TO_AGENTS_BILL = 'Barr objects to agents bill'
    DEPUTIES_PASS_AGENTS_LAW = 'Deputies pass agents law'
    FOREIGN_AGENT_RULES = 'Foreign-agent rules (DOF)'
    FGR_POSTS_REDACTED_FILE = 'FGR posts redacted file'
    COURT_STRIKES_CANNABIS_BAN = 'Court strikes cannabis ban'
    EO_14059 = 'EO 14059 drug sanctions'
    GUARD_MOVED_TO_SEDENA = 'Guard moved to SEDENA'
    SECOND_SECURITY_DIALOGUE = '2nd Security Dialogue'
    ARMY_IN_STREETS_TO_2028 = 'Army in public security to 2028'
    OVIDIO_RECAPTURED = 'Ovidio recaptured'
    PRECURSOR_COMMITMENTS = 'Precursor and arms commitments'
    CHAPITOS_INDICTED = 'Chapitos indicted'
    COURT_VOIDS_GUARD_TRANSFER = 'Court voids Guard transfer'
    PRECURSOR_LAW = 'Precursor law (Senate)'
    OFAC_SANCTIONS_CHAPITOS = 'Treasury sanctions Chapitos'
    OVIDIO_EXTRADITED = 'Ovidio extradited'
    THIRD_SECURITY_DIALOGUE = '3rd Security Dialogue'
    ZAMBADA_ARRESTED = 'El Mayo arrested'
    EMBASSY_PAUSE = "'Pause' with embassies"
    GUARD_REFORM_IN_DOF = 'Guard reform in DOF'

    # Biden transition chapter: energy, the autonomous regulators and democracy, 2020–2024
    REGULATORS_UNDER_REVIEW = 'AMLO puts regulators under review'
    PLAN_TO_ABSORB_REGULATORS = 'AMLO plans to absorb regulators'
    IFT_COFECE_KEPT_FOR_USMCA = 'IFT and Cofece kept (USMCA)'
    ELECTRICITY_LAW_REFORM = 'Electricity law reform published'
    NO_TIME_TO_ABOLISH_REGULATORS = 'AMLO: no time to abolish regulators'
    ELECTRICITY_REFORM_REJECTED = 'Electricity amendment rejected'
    STATE_DEPT_ON_ELECTORAL_REFORM = 'State Dept. on electoral reform'
    FEBRUARY_2024_REFORM_PACKAGE = 'February 2024 reform package'
    REGULATORS_ABOLISHED = 'Autonomous regulators abolished'

    # trade chapter
    MEXICO_RETALIATES = "Mexico's retaliatory tariffs"
    SECTION_301_TARIFFS_ON_CHINA = 'Section 301 tariffs on China'
    MEXICO_LABOUR_REFORM = "Mexico's labour reform"
    CORN_PANEL_ESTABLISHED = 'Corn panel established'
    FIRST_RRM_PANEL = 'First labour (RRM) panel'
    CORN_PANEL_RULING = 'Corn panel rules for the U.S.'

    # Fact-check ledger: events the ledger's checks read (raw/collected/factcheck_events.csv)
    PNR_FOUNDED = 'PNR (later PRI) founded'
    PAN_FOUNDED = 'PAN founded'
    PRD_FOUNDED = 'PRD founded'
    PRI_LOSES_CHAMBER_MAJORITY = 'PRI loses Chamber majority'
    FOX_TAKES_OFFICE = 'Fox takes office'
    AMLO_HEADS_MEXICO_CITY = 'AMLO heads Mexico City government'
    MORENA_CIVIL_ASSOCIATION = 'Morena civil association formed'
    ALLIANCE_FOR_PROSPERITY = 'Alliance for Prosperity launched'
    TRUMP_CAMPAIGN_LAUNCH = 'Trump campaign launch remarks'
    DEA_THREAT_ASSESSMENT_2015 = 'DEA 2015 threat assessment'
    TRUMP_ELECTED_2016 = 'Trump elected (2016)'
    AMLO_US_TOUR = 'AMLO tours U.S. cities'
    EL_AISSAMI_DESIGNATED = 'El Aissami designated (Kingpin Act)'
    CENTRAL_AMERICA_CONFERENCE = 'Central America conference, Miami'
    OPIOID_EMERGENCY = 'Opioid emergency declared'
    FIVE_STATES_AT_LEVEL_4 = 'Five states at Level 4'
    SENATE_ASKS_TO_SUSPEND_COOPERATION = 'Senate asks to suspend cooperation'
    NICARAGUA_PROTESTS_BEGIN = 'Nicaragua protests begin'
    YARRINGTON_EXTRADITED = 'Yarrington extradited to U.S.'
    AMBASSADOR_JACOBSON_LEAVES = 'Ambassador Jacobson leaves'
    TWO_BILATERAL_DEALS_FLOATED = 'Two bilateral deals floated'
    AMLO_CULIACAN_RALLY = 'AMLO rally in Culiacán'
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
    AUTONOMOUS_BODIES_PLAN = 'Plan to absorb autonomous bodies'
    DOJ_ON_CIENFUEGOS_FILE = 'DOJ rebukes file release'


def all_labels() -> set[str]:
    return {value for key, value in vars(Label).items() if key.isupper()}


def event_date(events: pd.DataFrame, label: str) -> pd.Timestamp:
    """Date of the single event labelled ``label``; a clear error if it is missing or ambiguous."""
    hits = events.loc[events["label"] == label, "date"]
    if len(hits) != 1:
        raise KeyError(f"events: expected exactly one event labelled {label!r}, found {len(hits)}")
    return pd.Timestamp(hits.iloc[0])
