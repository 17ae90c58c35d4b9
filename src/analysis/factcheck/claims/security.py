"""Security claims of articles A2 (Wayne, July 2018), A3 (Atlantic Sentinel, December 2018),
A4 (Quintana, Heritage Backgrounder 3359, November 2018) and A5 (Starr and Ling, February 2021).

Homicide counts are INEGI deaths by homicide (registration year). A figure the article took from a
preliminary release is compared with that release through ``as_published`` (the 2012 preliminary
count is in the ledger's own figures; later ones in ``homicides_national_annual``). The A5 claims
dated by month (security law, Cienfuegos's exoneration) are in ``claims.transition``; this module
checks what the article says happened around them.
"""

from __future__ import annotations

import pandas as pd

from analysis.data.events import Label
from analysis.factcheck.claims._common import (
    ARTICLE_DATE,
    COMMON,
    FIGURES,
    before,
    before_article,
    event,
    figure,
    figure_unit,
    happened,
    month_of,
    year_of,
)
from analysis.factcheck.claims._records import Checks
from analysis.factcheck.rules import Claim, Evidence

NATIONAL = "homicides_national_annual"
MONTHLY = "homicides_state_monthly"
POPPY = "poppy_mexico_annual"
CPI = "cpi_mexico_annual"
MERIDA = "merida_appropriations"
OVERDOSES = "overdose_deaths_us_annual"
EVENTS = "events"


# The checks security.yml names, besides the shared ones (_common.COMMON).
CHECKS = Checks(COMMON)


def _homicides(load, year: int) -> pd.Series:
    national = load(NATIONAL)
    return national[national["year"] == year].iloc[0]


@CHECKS.factory
def _national_year(year: int):
    """INEGI's final count for ``year`` and, when the package records it, the preliminary release."""
    def check(load) -> Evidence:
        row = _homicides(load, year)
        prelim = row["homicides_preliminary"]
        return Evidence(
            value=float(row["homicides"]), rows=((NATIONAL, {"year": year}),),
            method=f"INEGI deaths by homicide, {year}, {row['status']} figure",
            as_published=None if pd.isna(prelim) else float(prelim),
        )
    return check


@CHECKS.check
def _homicides_2012(load) -> Evidence:
    final = _homicides(load, 2012)
    preliminary, row = figure(load, "deaths by homicide, first (preliminary) INEGI release", "2012")
    return Evidence(value=float(final["homicides"]), as_published=preliminary, rows=((NATIONAL, {"year": 2012}), row),
                    method="INEGI deaths by homicide, 2012: final figure, and the preliminary count INEGI released in July 2013")


@CHECKS.check
def _peak_2017(load) -> Evidence:
    national = load(NATIONAL).set_index("year")["homicides"]
    seen = national.loc[:2017]
    peak = int(seen.idxmax())
    before_peak = seen.drop(peak)
    return Evidence(value=str(peak), rows=((NATIONAL, {"year": 2017}), (NATIONAL, {"year": int(before_peak.idxmax())})),
                    method=(f"year with the most INEGI homicides among {int(seen.index.min())}–2017, the years the article could see "
                            f"(2017: {int(seen.loc[2017]):,}; the previous high {int(before_peak.max()):,} in {int(before_peak.idxmax())})"),
                    note=f"with later data the record is {int(national.idxmax())}")


@CHECKS.check
def _first_half_rising(load) -> Evidence:
    monthly = load(MONTHLY)
    first_half = monthly[monthly["date"].dt.month <= 6]
    by_year = first_half.groupby(first_half["date"].dt.year)["homicides"].sum()
    annual = load(NATIONAL).set_index("year")["homicides"]
    h2017, h2018 = int(by_year.loc[2017]), int(by_year.loc[2018])
    rising = h2018 > h2017 and annual.loc[2017] > annual.loc[2016]
    months = [f"{y}-{m:02d}-01" for y in (2017, 2018) for m in range(1, 7)]
    return Evidence(value="rising" if rising else "not rising",
                    rows=tuple((MONTHLY, {"date": d}) for d in months) + ((NATIONAL, {"year": 2016}), (NATIONAL, {"year": 2017})),
                    method=(f"INEGI homicides by month of occurrence, all states, January–June 2018 ({h2018:,}) against January–June 2017 "
                            f"({h2017:,}), {100 * (h2018 / h2017 - 1):+.1f}%, after {100 * (annual.loc[2017] / annual.loc[2016] - 1):+.0f}% "
                            "in 2017 (annual counts)"),
                    note="counts by month of occurrence were compiled after the article; they measure what it describes, "
                         "violence rising in mid-2018")


@CHECKS.check
def _drug_proceeds(load) -> Evidence:
    frame = load(FIGURES)
    indicator = "cash moving each year from the United States to Mexico to fund drug cartels (estimates)"
    row = frame[(frame["indicator"] == indicator) & (frame["period"] == "c. 2009")].iloc[0]
    low, high = float(row["value_low"]), float(row["value_high"])
    return Evidence(value=(low + high) / 2, rows=((FIGURES, {"indicator": indicator, "period": "c. 2009"}),),
                    method=(f"midpoint of the U.S.–Mexico Bi-National Criminal Proceeds Study's range (${low / 1000:.0f}–{high / 1000:.0f} "
                            "billion a year, ICE and DHS, June 2010), against the midpoint of the article's $20–30 billion"),
                    note="the study estimates cash moving south to the cartels, not profits, and dates from 2010; other estimates are lower")


@CHECKS.factory
def _poppy(year: int, other: str = ""):
    def check(load) -> Evidence:
        poppy = load(POPPY)
        row = poppy[(poppy["year"] == year) & (poppy["measure"] == "cultivation") & (poppy["estimator"] == "ONDCP")]
        rows = [(POPPY, {"year": year, "measure": "cultivation", "estimator": "ONDCP"})]
        options = {}
        if other:
            value, other_row = figure(load, other, str(year))
            rows.append(other_row)
            options = {"other_definition": value, "other_definition_name": "UNODC's estimate (World Drug Report 2017), another estimator"}
        return Evidence(value=float(row["value"].iloc[0]), rows=tuple(rows),
                        method=f"ONDCP (U.S.) estimate of opium poppy cultivation in Mexico, {year}", **options)
    return check


@CHECKS.check
def _cpi_change(load) -> Evidence:
    cpi = load(CPI).set_index("year")
    first, last = cpi.loc[2012], cpi.loc[2017]
    value = f"{int(first['rank'])} (2012) → {int(last['rank'])} of {int(last['countries_ranked'])} (2017)"
    between = ", ".join(f"{y} {int(cpi.loc[y, 'rank'])}" for y in range(2013, 2017))
    return Evidence(value=value, rows=((CPI, {"year": 2012}), (CPI, {"year": 2017})),
                    method=f"Mexico's rank in the Corruption Perceptions Index, 2012 edition ({int(first['countries_ranked'])} countries) and 2017 edition",
                    note=f"the rank did not fall every year: {between}")


@CHECKS.check
def _merida_change(load) -> Evidence:
    merida = load(MERIDA)
    single = merida[(merida["kind"] == "appropriation") & (merida["first_fiscal_year"] == merida["last_fiscal_year"])]
    years = single.set_index("first_fiscal_year")["usd_mn"]
    above = {int(fy): float(v) for fy, v in years.items() if v > 639.2}
    rows = tuple((MERIDA, {"first_fiscal_year": fy, "last_fiscal_year": fy, "kind": "appropriation"}) for fy in above)
    return Evidence(
        value=None, rows=rows,
        method=f"the package has single-year Mérida appropriations only for {', '.join(f'FY{int(fy)}' for fy in years.index)}",
        note=("the package's FY" + ", FY".join(str(fy) for fy in above) + f" appropriation ({', '.join(f'${v:,.0f} million' for v in above.values())}) "
              "is larger than the claimed FY2010 'all-time high' of $639.2 million, which can hold only if the article's source books part of "
              "the June 2009 supplemental under FY2010") if above else "",
    )


@CHECKS.factory
def _kidnappings(indicator: str, period: str, span: str):
    def check(load) -> Evidence:
        value, row = figure(load, indicator, period)
        return Evidence(value=value, rows=(row,), method=f"SESNSP kidnapping cases, {span}, as reported in December 2017",
                        checked_scope=f"{span}: four years and ten months, not the five years the article states")
    return check


@CHECKS.check
def _rsf(load) -> Evidence:
    counts = {country: figure(load, f"journalists killed in {country} (RSF round-up)", "2016") for country in ("Syria", "Afghanistan", "Mexico")}
    mexico = counts["Mexico"][0]
    rank = 1 + sum(1 for value, _ in counts.values() if value > mexico)
    return Evidence(value=float(rank), rows=tuple(row for _, row in counts.values()),
                    method="Mexico's place by journalists killed in 2016 in RSF's round-up: "
                           + ", ".join(f"{country} {int(value)}" for country, (value, _) in counts.items()),
                    other_definition=1.0, other_definition_name="rank among countries not at war, RSF's own qualifier in the round-up")


@CHECKS.check
def _governors(load) -> Evidence:
    pri, pri_row = figure(load, "former governors accused of corruption in the last five years, PRI only (El Universal tally)", "2012-2017")
    everyone, all_row = figure(load, "former governors accused of corruption in the last five years, all parties (El Universal tally)", "2012-2017")
    return Evidence(value=pri, rows=(pri_row, all_row), other_definition=everyone,
                    other_definition_name="former governors of all parties (the tally includes one PAN governor)",
                    method="press tally of October 2017 (El Universal): former governors accused of corruption since 2012, PRI governors counted by name",
                    note="the article does not give its source; a tally a year later could differ")


@CHECKS.check
def _veracruz_debt(load) -> Evidence:
    start, start_row = figure(load, "Veracruz state debt, end of 2010", "2010-12")
    end, end_row = figure(load, "Veracruz state debt, March 2016", "2016-03")
    return Evidence(value=round(end / start, 2), rows=(start_row, end_row),
                    method=f"Veracruz state debt, March 2016 ({end:,.0f} million pesos) over end-2010 ({start:,.0f} million pesos), SHCP")


@CHECKS.check
def _prescription_target(load) -> Evidence:
    target, row = figure(load, "Safer Prescribing Plan: targeted cut within three years", "2018-2021")
    unit = figure_unit(load, "Safer Prescribing Plan: targeted cut within three years", "2018-2021")
    fills = unit.removeprefix("% of ").strip()
    return Evidence(value=fills, rows=(row,),
                    method=f"the White House's Safer Prescribing Plan (March 2018) aims to cut {fills} by {target:.0f}% (one third) within three years",
                    note="the size and the deadline are right; the target is opioid prescriptions, not medical marijuana")


@CHECKS.check
def _drug_war_deaths(load) -> Evidence:
    tally, row = figure(load, "deaths in Mexico's drug war, December 2006 – 2016 (press tally)", "2006-12/2016")
    national = load(NATIONAL).set_index("year")["homicides"]
    upper = int(national.loc[2007:2018].sum())
    return Evidence(value=tally, rows=(row, (NATIONAL, {"year": 2007}), (NATIONAL, {"year": 2018})),
                    method="press tally of deaths in the drug war over its first ten years, December 2006 – 2016",
                    checked_scope="December 2006 – 2016 (no tally to late 2018 was found)",
                    note=f"no official count exists; all INEGI homicides 2007–2018 ({upper:,}) are an upper bound")


PROPOSALS = "drug-policy and amnesty proposals"


@CHECKS.check
def _proposals(load) -> Evidence:
    decriminalise, d_row = event(load, Label.DECRIMINALISATION_PROPOSED)
    amnesty, a_row = event(load, Label.AMNESTY_PROPOSED)
    latest = max(decriminalise, amnesty)
    return Evidence(value=before_article(latest, "A3", PROPOSALS), rows=(d_row, a_row),
                    method=(f"the designated interior secretary proposed decriminalising marijuana and licensing poppy for medicine "
                            f"({decriminalise.date()}); the security team proposed an amnesty for low-level offenders ({amnesty.date()})"))


@CHECKS.check
def _cienfuegos_return(load) -> Evidence:
    dropped, dropped_row = event(load, Label.US_TO_DROP_CIENFUEGOS_CASE)
    dismissed, dismissed_row = event(load, Label.CIENFUEGOS_CHARGES_DISMISSED)
    cleared, cleared_row = event(load, Label.FGR_CLEARS_CIENFUEGOS)
    return Evidence(value="charges dropped, returned to Mexico", rows=(dropped_row, dismissed_row, cleared_row),
                    method=(f"the United States asked to drop the charges ({dropped.date()}) and a judge dismissed them ({dismissed.date()}); "
                            "Cienfuegos went back to Mexico a free man, to be investigated there; no extradition took place"),
                    note=f"the order is right: this came before the FGR cleared him ({cleared.date()})")


@CHECKS.check
def _evidence_released(load) -> Evidence:
    cleared, cleared_row = event(load, Label.FGR_CLEARS_CIENFUEGOS)
    released, released_row = event(load, Label.AMLO_BACKS_FGR_ACCUSES_DEA)
    return Evidence(value="after" if released >= cleared else "before", rows=(cleared_row, released_row),
                    method=(f"López Obrador ordered the U.S. case file published, accusing the DEA of fabricating it, on {released.date()}; "
                            f"the FGR declined to prosecute on {cleared.date()}"))


@CHECKS.check
def _restrictions_loosened(load) -> Evidence:
    law, law_row = event(load, Label.FOREIGN_AGENTS_LAW_PUBLISHED)
    rules, rules_row = event(load, Label.FOREIGN_AGENT_RULES)
    loosened = law < rules <= ARTICLE_DATE["A5"]
    return Evidence(value="loosened" if loosened else "not loosened", rows=(law_row, rules_row),
                    method=f"the law on foreign agents was published on {law.date()}; guidelines softening parts of it followed on {rules.date()}")


@CHECKS.check
def _arrest_eve(load) -> Evidence:
    arrest, arrest_row = event(load, Label.CIENFUEGOS_ARRESTED)
    election, election_row = event(load, Label.US_ELECTION_DAY)
    gap = (election - arrest).days
    return Evidence(value="on the eve" if gap <= 1 else f"{gap} days before", rows=(arrest_row, election_row),
                    method=f"Cienfuegos was arrested on {arrest.date()}, {gap} days before the U.S. election ({election.date()})",
                    other_definition="on the eve" if 0 <= gap <= 31 else f"{gap} days before",
                    other_definition_name="'on the eve' read loosely, as within a month before",
                    note="the claim is that López Obrador said so; the ledger checks the timing he gave, not his motive")


@CHECKS.check
def _fentanyl(load) -> Evidence:
    overdoses = load(OVERDOSES).set_index(["year", "measure"])["value"]
    rates = {year: float(overdoses.loc[(year, "rate_synthetic_opioids")]) for year in (2018, 2019, 2020)}
    return Evidence(value="rising" if rates[2019] > rates[2018] else "not rising",
                    rows=tuple((OVERDOSES, {"year": year, "measure": "rate_synthetic_opioids"}) for year in rates),
                    method=(f"U.S. death rate from synthetic opioids other than methadone (mostly fentanyl), per 100,000: 2018 {rates[2018]}, "
                            f"2019 {rates[2019]} (the latest final year when the article appeared)"),
                    note=f"the 2020 rate, published later, was {rates[2020]}; deaths measure the public-health side, not the traffic itself")


CLAIMS = [
    Claim(
        claim_id="A4-security-01",
        paraphrase="Mexico recorded 26,037 homicides in 2012.",
        claimed=26037, unit="homicides", period="2012 (calendar year)", geography="Mexico", resources=(NATIONAL, FIGURES),
        check=_homicides_2012, paragraph="31", quote="In 2012, there were 26,037 homicides", claimed_text="26,037 homicides in 2012",
        note="the article gives INEGI's preliminary count",
    ),
    Claim(
        claim_id="A4-security-02",
        paraphrase="Mexico recorded 31,174 homicides in 2017.",
        claimed=31174, unit="homicides", period="2017 (calendar year)", geography="Mexico", resources=(NATIONAL,),
        check=_national_year(2017), paragraph="28", quote="with 31,174 homicides", claimed_text="31,174 homicides in 2017",
        note="31,174 is INEGI's preliminary 2017 figure (July 2018); the final figure was published in 2019, after the article",
    ),
    Claim(
        claim_id="A4-security-03",
        paraphrase="2017 was the year with the most homicides on record.",
        claimed="2017", unit="year", period="1990–2017", geography="Mexico", resources=(NATIONAL,), check=_peak_2017, wording="rank",
        paragraph="28, 31", quote="most violent year in recorded history", claimed_text="2017 the most violent year on record",
    ),
    Claim(
        claim_id="A4-security-04",
        paraphrase="Opium poppy cultivation in Mexico covered 10,500 hectares in 2012.",
        claimed=10500, unit="hectares", period="2012", geography="Mexico", resources=(POPPY,), check=_poppy(2012),
        paragraph="33", quote="In 2012, 10,500 hectares", claimed_text="10,500 hectares of opium poppy in 2012",
    ),
    Claim(
        claim_id="A4-security-05",
        paraphrase="Opium poppy cultivation in Mexico reached 26,100 hectares in 2015.",
        claimed=26100, unit="hectares", period="2015", geography="Mexico", resources=(POPPY, FIGURES),
        check=_poppy(2015, other="opium poppy cultivation in Mexico, UNODC World Drug Report 2017 estimate"),
        paragraph="33", quote="increased to 26,100 hectares in 2015", claimed_text="26,100 hectares of opium poppy in 2015",
        note="the article mixes estimators: ONDCP for 2012 and 2016, UNODC for 2015, so its rise is not one series",
    ),
    Claim(
        claim_id="A4-security-06",
        paraphrase="Opium poppy cultivation in Mexico reached 32,000 hectares in 2016.",
        claimed=32000, unit="hectares", period="2016", geography="Mexico", resources=(POPPY,), check=_poppy(2016),
        paragraph="33", quote="32,000 the following year", claimed_text="32,000 hectares of opium poppy in 2016",
        note="ONDCP's 2017 estimate (44,100 hectares) was public by the article, which does not present 2016 as the latest year",
    ),
    Claim(
        claim_id="A4-security-07",
        paraphrase="Mexico fell in Transparency International's Corruption Perceptions Index from 105th place in 2012 to 135th of 180 countries in 2017.",
        claimed="105 (2012) → 135 of 180 (2017)", unit="rank", period="CPI 2012 and 2017", geography="Mexico", resources=(CPI,),
        check=_cpi_change, wording="rank", paragraph="35", quote="ranked 135 out of 180 countries",
        claimed_text="105th in 2012, 135th of 180 countries in 2017",
    ),
    Claim(
        claim_id="A4-security-09",
        paraphrase="U.S. assistance to Mexico under the Mérida Initiative had reached nearly $3 billion by 2018.",
        claimed=3000, unit="USD million", period="FY2008–FY2018 (U.S. fiscal years)", geography="Mexico", resources=(), check=None,
        wording="approximate", paragraph="24, 46", quote="has reached nearly $3 billion", claimed_text="nearly $3 billion of U.S. assistance to date",
        settle_with="a dated CRS total of Mérida funds for Mexico through FY2018 (IF10578, 2018 or 2019 edition); searched, not found. "
                    "The package's cumulative totals bracket the claim: about $1.3 billion to FY2010 and about $3.3 billion to FY2021",
        searched=("https://www.everycrsreport.com/files/2021-09-20_IF10578_5d050729e6c2139e24f95c0dcadf773255d1272f.html",),
    ),
    Claim(
        claim_id="A4-security-10",
        paraphrase="Mérida funding peaked at $639.2 million in FY2010, the article says, and had dropped to $130.9 million by FY2017.",
        claimed="639.2 (FY2010) → 130.9 (FY2017)", unit="USD million", period="FY2010 and FY2017 (U.S. fiscal years)", geography="Mexico",
        resources=(MERIDA,), check=_merida_change, wording="text", paragraph="53 (bullet 6)", quote="all-time high of $639.2 million",
        claimed_text="$639.2 million in FY2010 (the all-time high), $130.9 million in FY2017",
        settle_with="Mérida appropriations for Mexico per fiscal year FY2010–FY2017 (CRS R41349 or IF10578 table); searched three times, not found",
        searched=("http://www.usembassy-mexico.gov/eng/releases/ep090626_Merida.html",),
    ),
    Claim(
        claim_id="A4-security-11",
        paraphrase="6,235 kidnapping cases were reported in Peña Nieto's first five years.",
        claimed=6235, unit="kidnapping cases", period="December 2012 – November 2017", geography="Mexico", resources=(FIGURES,),
        check=_kidnappings("kidnappings reported under Peña Nieto, December 2012 – October 2017 (four years ten months)", "2012-12/2017-10",
                           "December 2012 – October 2017"),
        paragraph="32", quote="6,235 kidnapping cases were reported", claimed_text="6,235 kidnappings in Peña Nieto's first five years",
        stated_scope="the first five years of the term",
    ),
    Claim(
        claim_id="A4-security-29",
        paraphrase="The same span of Calderón's term recorded 4,955 kidnapping cases.",
        claimed=4955, unit="kidnapping cases", period="December 2006 – November 2011", geography="Mexico", resources=(FIGURES,),
        check=_kidnappings("kidnappings reported under Calderón, same span (first four years ten months)", "2006-12/2011-10",
                           "December 2006 – October 2011"),
        paragraph="32", quote="same time in office recorded 4,955", claimed_text="4,955 kidnappings in the same span under Calderón",
        stated_scope="the first five years of Calderón's term",
    ),
    Claim(
        claim_id="A3-security-01",
        paraphrase="The militarised drug war has cost an estimated 200,000 lives since 2006.",
        claimed=200000, unit="deaths", period="December 2006 – 2018", geography="Mexico", resources=(FIGURES, NATIONAL),
        check=_drug_war_deaths, wording="approximate", paragraph="15", quote="an estimated 200,000 lives since 2006",
        claimed_text="an estimated 200,000 deaths in the drug war since 2006",
    ),
    Claim(
        claim_id="A2-security-01",
        paraphrase="Drug money is driving a steep rise in violence in Mexico (mid-2018).",
        claimed="rising", unit="trend", period="first half of 2018 against 2017", geography="Mexico", resources=(MONTHLY, NATIONAL),
        check=_first_half_rising, wording="text", paragraph="19", quote="fuel soaring violence in Mexico",
        claimed_text="violence in Mexico soaring at the time of writing (mid-2018)",
    ),
    Claim(
        claim_id="A2-security-02",
        paraphrase="Illegal drug profits of $20–30 billion a year fuel violence in Mexico.",
        claimed=25000, unit="USD million a year", period="c. 2018", geography="Mexico", resources=(FIGURES,), check=_drug_proceeds,
        wording="approximate", paragraph="19", quote="$20-30 billion a year in illegal", claimed_text="$20–30 billion a year of illegal drug profits",
    ),
    Claim(
        claim_id="A2-security-03",
        paraphrase="In 2017 U.S. and Mexican cabinet officials agreed a strategy against the whole chain of a criminal organisation's business, from production to finance.",
        claimed="2017", unit="year", period="2017", geography="Mexico / United States", resources=(EVENTS,),
        check=year_of(Label.TCO_DIALOGUE_II, "the U.S.–Mexico dialogue on transnational criminal organisations agreed the strategy"),
        wording="date", paragraph="32", quote="took an important step forward in 2017", claimed_text="a cabinet-level strategy agreed in 2017",
    ),
    Claim(
        claim_id="A5-security-01",
        paraphrase="The exoneration followed, the article says, a U.S. agreement to extradite Cienfuegos at Mexico's request.",
        claimed="extradition agreed", unit="event", period="November 2020", geography="Mexico / United States", resources=(EVENTS,),
        check=_cienfuegos_return, wording="text", paragraph="5", quote="the United States agreed to extradite Gen.",
        claimed_text="the United States agreed to extradite Cienfuegos to Mexico",
    ),
    Claim(
        claim_id="A4-security-15",
        paraphrase="The United States and Mexico signed the Mérida Initiative in 2008.",
        claimed="2008", unit="year", period="2007–2008", geography="Mexico / United States", resources=(EVENTS,),
        check=year_of(Label.MERIDA_LETTER_OF_AGREEMENT, "the first Mérida Letter of Agreement was signed"),
        wording="date", paragraph="24", quote="in 2008 when Mexico and the", claimed_text="the Mérida Initiative signed in 2008",
        note="the initiative was announced in October 2007; its first funds were appropriated in June 2008 (P.L. 110-252)",
    ),
    Claim(
        claim_id="A4-security-16",
        paraphrase="Mexico is the biggest source of the illegal drugs bound for the United States.",
        claimed=happened(Label.DEA_THREAT_ASSESSMENT_2015), unit="finding", period="c. 2015–2018", geography="Mexico / United States", resources=(EVENTS,),
        check=before(Label.DEA_THREAT_ASSESSMENT_2015, "A4", "the DEA found Mexican criminal organisations to be the main suppliers of "
                     "heroin, cocaine, methamphetamine and marijuana"),
        wording="text", paragraph="6, 12", quote="largest source of U.S.-bound narcotics",
        claimed_text="Mexico the largest source of drugs bound for the U.S.",
        note="cocaine passes through Mexico rather than being produced there",
    ),
    Claim(
        claim_id="A4-security-17",
        paraphrase="Reporters Without Borders named Mexico the deadliest country for journalists in 2016.",
        claimed=1, unit="rank", period="2016", geography="World", resources=(FIGURES,), check=_rsf, wording="rank",
        paragraph="32", quote="Mexico was the deadliest country for journalists", claimed_text="Mexico the deadliest country for journalists in 2016 (RSF)",
        stated_scope="all countries",
    ),
    Claim(
        claim_id="A4-security-18",
        paraphrase="86 percent of cases of crimes against journalists in Mexico remain unsolved.",
        claimed=86, unit="% of cases", period="c. 2018", geography="Mexico", resources=(), check=None, wording="share",
        paragraph="32", quote="86 percent of the cases remain unresolved", claimed_text="86% of cases of crimes against journalists unresolved",
        settle_with="FEADLE (federal special prosecutor for crimes against freedom of expression) statistics dated 2018; searched: the share "
                    "depends on the definition (cases without resolution about 85% in later FEADLE data; without a conviction 98–99%)",
        searched=("https://www.mexicoalminuto.online/principal/ser-periodista-en-mexico-sin-justicia-y-sin-proteccion",
                  "https://centroprodh.org.mx/sididh_2_0_alfa/?p=58508"),
    ),
    Claim(
        claim_id="A4-security-19",
        paraphrase="In 2015 the DEA judged that 93 percent of the heroin reaching the United States came from Mexico.",
        claimed=93, unit="% of heroin", period="2015", geography="United States", resources=(), check=None, wording="share",
        paragraph="33", quote="93 percent of heroin arriving to the", claimed_text="93% of heroin in the U.S. produced in Mexico (DEA, 2015)",
        settle_with="DEA Heroin Signature Program results for 2015 (2016 or 2017 National Drug Threat Assessment); searched: the DEA's 2015 "
                    "assessment names Mexican organisations the main heroin suppliers without the 93% share",
        searched=("https://www.dea.gov/press-releases/2015/11/04/dea-releases-2015-drug-threat-assessment-heroin-and-painkiller-abuse",),
    ),
    Claim(
        claim_id="A4-security-20",
        paraphrase="The State Department's '2017' Travel Advisory (the article's label) put five Mexican states at Level 4, do not travel; none had that warning in 2012.",
        claimed="2017", unit="year", period="2017–2018", geography="Mexico", resources=(EVENTS,),
        check=year_of(Label.FIVE_STATES_AT_LEVEL_4, "the first advisory of the four-level system put five states at Level 4"),
        wording="date", paragraph="31", quote="2017 Travel Advisory classified five states",
        claimed_text="a 2017 travel advisory put five states at Level 4; none in 2012",
        note="five states is right; the advisory is of January 2018, and the levels did not exist in 2012, so the comparison is anachronistic",
    ),
    Claim(
        claim_id="A4-security-21",
        paraphrase="In October 2017 the Trump administration declared opioid abuse a nationwide public health emergency.",
        claimed="October 2017", unit="month", period="2017", geography="United States", resources=(EVENTS,),
        check=month_of(Label.OPIOID_EMERGENCY, "the acting HHS secretary declared the public health emergency"),
        wording="date", paragraph="53 (bullet 5)", quote="Public Health Emergency in October 2017", claimed_text="an opioid emergency declared in October 2017",
    ),
    Claim(
        claim_id="A4-security-22",
        paraphrase="Fourteen current and former PRI governors face accusations of corruption and other crimes.",
        claimed=14, unit="governors", period="2012–2018", geography="Mexico", resources=(FIGURES,), check=_governors,
        paragraph="35", quote="Fourteen current and former PRI governors", claimed_text="14 current and former PRI governors accused",
    ),
    Claim(
        claim_id="A4-security-23",
        paraphrase="Former Veracruz governor Javier Duarte was convicted of money laundering and of involvement in organised crime.",
        claimed=happened(Label.DUARTE_SENTENCED), unit="event", period="2018", geography="Mexico", resources=(EVENTS,),
        check=before(Label.DUARTE_SENTENCED, "A4", "Duarte was sentenced to nine years for money laundering and criminal association"),
        wording="text", paragraph="35", quote="convicted of money laundering and involvement", claimed_text="Duarte convicted of money laundering and organised crime",
        note="the conviction, on a guilty plea, is for criminal association (asociación delictuosa); the organised-crime charge was dropped",
    ),
    Claim(
        claim_id="A4-security-24",
        paraphrase="Duarte is believed to have taken nearly $3 billion of public money.",
        claimed=3000, unit="USD million", period="2010–2016", geography="Veracruz", resources=(), check=None, wording="approximate",
        paragraph="35", quote="nearly $3 billion in public funds", claimed_text="nearly $3 billion of public funds",
        settle_with="a dollar estimate of the funds Duarte is believed to have taken; searched: the federal auditor's (ASF) findings are in "
                    "pesos (35,000 million pesos misused by early 2017, over 61,000 million for 2011–2016 later), and their dollar value "
                    "depends on the exchange rate chosen",
        searched=("http://elfinanciero.com.mx/nacional/a-100-dias-de-fuga-de-duarte-solo-va-recuperado-de-lo-que-desvio.html",
                  "https://lostuxtlasnoticias.com:443/2021/03/01/desentierra-auditoria-el-caso-de-javier-duarte"),
    ),
    Claim(
        claim_id="A4-security-25",
        paraphrase="Veracruz's state debt almost doubled while Duarte was governor (2010–2016).",
        claimed=2, unit="ratio (debt at the end over debt at the start)", period="2010–2016", geography="Veracruz", resources=(FIGURES,),
        check=_veracruz_debt, wording="approximate", paragraph="35", quote="the state debt of Veracruz nearly doubled",
        claimed_text="Veracruz's debt nearly doubled under Duarte",
    ),
    Claim(
        claim_id="A4-security-26",
        paraphrase="Former Tamaulipas governor Tomás Yarrington awaits trial in the United States on drug-trafficking and money-laundering charges.",
        claimed=happened(Label.YARRINGTON_EXTRADITED), unit="event", period="2018", geography="United States", resources=(EVENTS,),
        check=before(Label.YARRINGTON_EXTRADITED, "A4", "Italy extradited Yarrington to the United States to face trial"),
        wording="text", paragraph="36", quote="currently awaiting trial in the U.S.", claimed_text="Yarrington awaiting trial in the U.S.",
    ),
    Claim(
        claim_id="A4-security-27",
        paraphrase="In 2018 the State Department gave Tamaulipas its highest travel warning.",
        claimed="2018", unit="year", period="2018", geography="Tamaulipas", resources=(EVENTS,),
        check=year_of(Label.FIVE_STATES_AT_LEVEL_4, "the advisory put Tamaulipas among the five Level 4 states"),
        wording="date", paragraph="36", quote="was given the highest travel warning designation", claimed_text="Tamaulipas at the highest warning in 2018",
    ),
    Claim(
        claim_id="A4-security-28",
        paraphrase="The United States has named Venezuelan vice-president Tareck El Aissami a drug-trafficking kingpin.",
        claimed=happened(Label.EL_AISSAMI_DESIGNATED), unit="event", period="2017", geography="Venezuela", resources=(EVENTS,),
        check=before(Label.EL_AISSAMI_DESIGNATED, "A4", "the U.S. Treasury designated El Aissami under the Kingpin Act"),
        wording="text", paragraph="48", quote="Tareck El Aissami, as drug-trafficking kingpins", claimed_text="El Aissami designated a drug kingpin by the U.S.",
        note="the designation concerns drug trafficking; the article's link to Mexican cartels is not checked",
    ),
    Claim(
        claim_id="A3-security-02",
        paraphrase="Last month (November 2018) López Obrador announced that he would give the military a formal, lasting role in domestic security.",
        claimed="November 2018", unit="month", period="2018", geography="Mexico", resources=(EVENTS,),
        check=month_of(Label.PEACE_AND_SECURITY_PLAN, "the incoming government presented its peace and security plan and National Guard"),
        wording="date", paragraph="19", quote="would cement a formal military role", claimed_text="last month (November 2018) a formal military role announced",
    ),
    Claim(
        claim_id="A3-security-03",
        paraphrase="The Trump administration, the article says, cracked down on medical marijuana prescriptions, aiming to cut them by a third within three years.",
        claimed="medical marijuana prescriptions", unit="target of the cut", period="2018–2021", geography="United States", resources=(FIGURES,),
        check=_prescription_target, wording="text", paragraph="17", quote="cracked down on medical marijuana prescriptions",
        claimed_text="a one-third cut in medical marijuana prescriptions within three years",
    ),
    Claim(
        claim_id="A3-security-04",
        paraphrase="López Obrador has spoken of regulated opium for medicine, decriminalised marijuana and an amnesty for minor drug offenders.",
        claimed=happened(PROPOSALS), unit="statements", period="2018", geography="Mexico", resources=(EVENTS,), check=_proposals,
        wording="text", paragraph="15", quote="regulating opium for medical use", claimed_text="proposals of medical opium, legal marijuana and an amnesty",
    ),
    Claim(
        claim_id="A5-security-02",
        paraphrase="After clearing Cienfuegos, the Mexican government made public the DEA evidence against him.",
        claimed="after", unit="order of events", period="January 2021", geography="Mexico", resources=(EVENTS,), check=_evidence_released,
        wording="text", paragraph="5", quote="publicly released the Drug Enforcement Administration evidence",
        claimed_text="the DEA's evidence published after the exoneration",
    ),
    Claim(
        claim_id="A5-security-03",
        paraphrase="The restrictions on U.S. law-enforcement agents in Mexico have since been loosened.",
        claimed="loosened", unit="rules", period="January 2021", geography="Mexico", resources=(EVENTS,), check=_restrictions_loosened,
        wording="text", paragraph="11", quote="have been loosened, for example", claimed_text="the restrictions on U.S. agents loosened",
    ),
    Claim(
        claim_id="A5-security-04",
        paraphrase="López Obrador suggested that U.S. authorities arrested Cienfuegos on the eve of the U.S. election, for political reasons.",
        claimed="on the eve", unit="timing", period="October–November 2020", geography="United States", resources=(EVENTS,), check=_arrest_eve,
        wording="text", paragraph="11", quote="on the eve of the election", claimed_text="Cienfuegos arrested on the eve of the U.S. election",
    ),
    Claim(
        claim_id="A5-security-05",
        paraphrase="Mexico accused the DEA of fabricating the evidence against Cienfuegos.",
        claimed=happened(Label.AMLO_BACKS_FGR_ACCUSES_DEA), unit="event", period="January 2021", geography="Mexico", resources=(EVENTS,),
        check=before(Label.AMLO_BACKS_FGR_ACCUSES_DEA, "A5", "López Obrador accused the DEA of fabricating the case"),
        wording="text", paragraph="10", quote="accused the U.S. DEA of fabricating", claimed_text="Mexico accused the DEA of fabricating evidence",
    ),
    Claim(
        claim_id="A5-security-06",
        paraphrase="The U.S. Justice Department, the article says, charged Mexico with acting in bad faith and warned it might withhold information.",
        claimed=happened(Label.DOJ_ON_CIENFUEGOS_FILE), unit="event", period="January 2021", geography="United States", resources=(EVENTS,),
        check=before(Label.DOJ_ON_CIENFUEGOS_FILE, "A5", "the Justice Department said publishing the file breached the treaty and put "
                     "further information sharing in doubt"),
        wording="text", paragraph="10", quote="accused Mexico of bad faith and threatened", claimed_text="the DOJ charged Mexico with bad faith and warned it could stop sharing information",
        note="'bad faith' is the article's summary; the department spoke of a breach of the legal-assistance treaty",
    ),
    Claim(
        claim_id="A5-security-07",
        paraphrase="A growing fentanyl trade is feeding a serious public-health problem in the United States.",
        claimed="rising", unit="trend", period="2018–2019", geography="United States", resources=(OVERDOSES,), check=_fentanyl,
        wording="text", paragraph="10", quote="a burgeoning traffic in fentanyl", claimed_text="a burgeoning fentanyl traffic and a serious health problem",
    ),
]
