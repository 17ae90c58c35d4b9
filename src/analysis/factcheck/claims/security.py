"""Security claims of articles A2 (Wayne, July 2018), A3 (Atlantic Sentinel, December 2018),
A4 (Quintana, Heritage Backgrounder 3359, November 2018) and A5 (Starr, February 2021).

Homicide counts are INEGI deaths by homicide (registration year). A figure the article took from a
preliminary release is compared with that release through ``as_published``. The A5 month-of-event
claims about the security law and Cienfuegos's exoneration are in ``claims.transition``; this module
checks the order of the Cienfuegos events the article describes.
"""

from __future__ import annotations

from analysis.chapters import security as sec
from analysis.factcheck.rules import Claim, Evidence
from analysis.data.events import Label, event_date


def _national_year(year: int):
    def check(load) -> Evidence:
        national = load("homicides_national_annual")
        row = national[national["year"] == year].iloc[0]
        prelim = row["homicides_preliminary"]
        return Evidence(
            value=float(row["homicides"]),
            method=f"INEGI deaths by homicide, {year}, {row['status']} figure (homicides_national_annual)",
            as_published=float(prelim) if prelim is not None and str(prelim) != "<NA>" else None,
        )
    return check


def _peak_2017(load) -> Evidence:
    national = load("homicides_national_annual")
    return Evidence(value=str(sec.peak_year(national, through=2017)),
                    method="year with the most INEGI homicides among 1990–2017 (the series the article could see)",
                    note=f"with later data the peak is {sec.peak_year(national)}")


def _rising(load) -> Evidence:
    national = load("homicides_national_annual").set_index("year")["homicides"]
    # Mid-2018 the latest INEGI figure was the preliminary 2017 count; use the series as now published.
    years = [2014, 2015, 2016, 2017]
    rising = all(national[b] > national[a] for a, b in zip(years, years[1:]))
    return Evidence(value="rising" if rising else "not rising",
                    method="INEGI homicides increased in each year 2015, 2016 and 2017 over the year before: "
                           + ", ".join(f"{y} {int(national[y]):,}" for y in years))


def _deaths_since_2006(load) -> Evidence:
    national = load("homicides_national_annual")
    total = sec.cumulative_homicides(national, 2007, 2017)
    return Evidence(value=None, method="no series isolates deaths caused by the drug war",
                    other_definition=float(total),
                    other_definition_name="all INEGI homicides 2007–2017 (an upper bound, not drug-war deaths)")


def _poppy(year: int):
    def check(load) -> Evidence:
        poppy = load("poppy_mexico_annual")
        row = poppy[(poppy["year"] == year) & (poppy["measure"] == "cultivation") & (poppy["estimator"] == "ONDCP")]
        return Evidence(value=float(row["value"].iloc[0]) if len(row) else None,
                        method=f"ONDCP estimate of opium poppy cultivation in Mexico, {year} (current White House table)")
    return check


def _cpi_rank(year: int):
    def check(load) -> Evidence:
        cpi = load("cpi_mexico_annual")
        row = cpi[cpi["year"] == year].iloc[0]
        return Evidence(value=float(row["rank"]),
                        method=f"Mexico's rank in the CPI {year} edition ({int(row['countries_ranked'])} countries ranked)")
    return check


def _cienfuegos_order(load) -> Evidence:
    events = load("events")
    returned = event_date(events, Label.US_TO_DROP_CIENFUEGOS_CASE)
    cleared = event_date(events, Label.FGR_CLEARS_CIENFUEGOS)
    return Evidence(value="before" if returned < cleared else "not before",
                    method=f"U.S. decision to drop the case and return him ({returned.date()}) compared with the FGR's decision not to prosecute ({cleared.date()}) in events")


# ---------------------------------------------------------------------------------------------
# Further claims (issue 8).

def _cpi_countries(year: int):
    def check(load) -> Evidence:
        row = load("cpi_mexico_annual").set_index("year").loc[year]
        return Evidence(value=float(row["countries_ranked"]), method=f"countries ranked in the CPI {year} edition (cpi_mexico_annual)")
    return check


def _merida_start(load) -> Evidence:
    merida = load("merida_appropriations")
    first = merida[merida["kind"] == "appropriation"].sort_values("first_fiscal_year").iloc[0]
    return Evidence(value=None, method="no date of the agreement in the package; the appropriations table starts with the first funding",
                    other_definition=str(int(first["first_fiscal_year"])),
                    other_definition_name=f"U.S. fiscal year of the first Mérida appropriation ({first['period_label']})")


def _merida_peak(year: int, claimed: float):
    def check(load) -> Evidence:
        merida = load("merida_appropriations")
        single = merida[(merida["kind"] == "appropriation") & (merida["first_fiscal_year"] == merida["last_fiscal_year"])]
        years = single.set_index("first_fiscal_year")["usd_mn"]
        above = [f"FY{int(fy)}" for fy, v in years.items() if v > claimed]
        return Evidence(
            value=float(years.loc[year]) if year in years.index else None,
            method=(f"single-year Mérida appropriations in the package: {', '.join(f'FY{int(fy)}' for fy in years.index)}; no FY{year} figure"
                    if year not in years.index else f"Mérida appropriation for FY{year} (merida_appropriations)"),
            note=(f"the package's single-year appropriation for {', '.join(above)} is larger than the claimed peak, so whether FY{year} "
                  "was the highest depends on how each source assigns supplemental funds to years") if above else "",
        )
    return check


def _evidence_released(load) -> Evidence:
    events = load("events")
    cleared = event_date(events, Label.FGR_CLEARS_CIENFUEGOS)
    released = event_date(events, Label.AMLO_BACKS_FGR_ACCUSES_DEA)
    return Evidence(value="after" if released >= cleared else "before",
                    method=(f"López Obrador ordered the U.S. case file published, accusing the DEA of fabricating it, on {released.date()}; "
                            f"the FGR declined to prosecute on {cleared.date()} (events)"))


CLAIMS = [
    Claim(
        claim_id="A4-security-01",
        paraphrase="Mexico recorded about 26,000 homicides in 2012 (26,037).",
        claimed=26037,
        unit="homicides",
        period="2012 (calendar year)",
        geography="Mexico",
        resources=("homicides_national_annual",),
        check=_national_year(2012),
        note="The article does not name its source; INEGI's death registrations are the usual reference.",
    ),
    Claim(
        claim_id="A4-security-02",
        paraphrase="Mexico recorded 31,174 homicides in 2017.",
        claimed=31174,
        unit="homicides",
        period="2017 (calendar year)",
        geography="Mexico",
        resources=("homicides_national_annual",),
        check=_national_year(2017),
        note="31,174 is INEGI's preliminary 2017 figure (July 2018); the final figure was published a year later.",
    ),
    Claim(
        claim_id="A4-security-03",
        paraphrase="2017 was the year with the most homicides on record.",
        claimed="2017",
        unit="year",
        period="1990–2017",
        geography="Mexico",
        resources=("homicides_national_annual",),
        check=_peak_2017,
    ),
    Claim(
        claim_id="A4-security-04",
        paraphrase="Opium poppy cultivation in Mexico covered 10,500 hectares in 2012.",
        claimed=10500,
        unit="hectares",
        period="2012",
        geography="Mexico",
        resources=("poppy_mexico_annual",),
        check=_poppy(2012),
    ),
    Claim(
        claim_id="A4-security-05",
        paraphrase="Opium poppy cultivation in Mexico reached 26,100 hectares in 2015.",
        claimed=26100,
        unit="hectares",
        period="2015",
        geography="Mexico",
        resources=("poppy_mexico_annual",),
        check=_poppy(2015),
        note="The ONDCP table now in use gives a different 2015 figure; the estimate the article used is not in the data.",
    ),
    Claim(
        claim_id="A4-security-06",
        paraphrase="Opium poppy cultivation in Mexico reached 32,000 hectares in 2016.",
        claimed=32000,
        unit="hectares",
        period="2016",
        geography="Mexico",
        resources=("poppy_mexico_annual",),
        check=_poppy(2016),
    ),
    Claim(
        claim_id="A4-security-07",
        paraphrase="Mexico ranked 105th in Transparency International's Corruption Perceptions Index in 2012.",
        claimed=105,
        unit="rank",
        period="CPI 2012",
        geography="Mexico",
        resources=("cpi_mexico_annual",),
        check=_cpi_rank(2012),
    ),
    Claim(
        claim_id="A4-security-08",
        paraphrase="Mexico ranked 135th of 180 countries in the Corruption Perceptions Index in 2017.",
        claimed=135,
        unit="rank",
        period="CPI 2017",
        geography="Mexico",
        resources=("cpi_mexico_annual",),
        check=_cpi_rank(2017),
    ),
    Claim(
        claim_id="A4-security-09",
        paraphrase="U.S. assistance to Mexico under the Mérida Initiative had reached nearly $3 billion by 2018.",
        claimed=3000,
        unit="USD million",
        period="FY2008–FY2018 (U.S. fiscal years)",
        geography="Mexico",
        resources=(),
        check=None,
        wording="approximate",
        settle_with="Mérida appropriations for Mexico by fiscal year through FY2018 (CRS R41349 / IF10578 table); the package has only "
                     "FY2008–FY2009 and cumulative totals to FY2010 (about $1.3 billion) and to FY2021 (about $3.3 billion)",
    ),
    Claim(
        claim_id="A4-security-10",
        paraphrase="Mérida Initiative funding fell from a peak of $639.2 million in FY2010 to $130.9 million in FY2017.",
        claimed=130.9,
        unit="USD million",
        period="FY2017 (U.S. fiscal year)",
        geography="Mexico",
        resources=(),
        check=None,
        settle_with="Mérida appropriations for Mexico per fiscal year FY2010–FY2017 (CRS R41349 / IF10578 table), not found",
    ),
    Claim(
        claim_id="A4-security-11",
        paraphrase="6,235 kidnapping cases were reported in Peña Nieto's first five years, against 4,955 in the same span under Calderón.",
        claimed=6235,
        unit="kidnapping cases (investigation files)",
        period="December 2012 – November 2017",
        geography="Mexico",
        resources=(),
        check=None,
        settle_with="SESNSP monthly incidence of secuestro (fuero común and federal) for December 2006 – November 2017; the package's "
                     "SESNSP file starts in 2015, is annual and counts victims, not cases",
    ),
    Claim(
        claim_id="A3-security-01",
        paraphrase="The militarised drug war has cost an estimated 200,000 lives since 2006.",
        claimed=200000,
        unit="deaths",
        period="December 2006 – 2018",
        geography="Mexico",
        resources=("homicides_national_annual",),
        check=_deaths_since_2006,
        wording="approximate",
        settle_with="an official count of deaths attributable to organised-crime conflict (published only for December 2006 – 2010)",
        note="All homicides are an upper bound for drug-war deaths: the claim is plausible but cannot be checked directly.",
    ),
    Claim(
        claim_id="A2-security-01",
        paraphrase="Violence in Mexico was rising sharply in mid-2018.",
        claimed="rising",
        unit="trend",
        period="2015–2017",
        geography="Mexico",
        resources=("homicides_national_annual",),
        check=_rising,
    ),
    Claim(
        claim_id="A2-security-02",
        paraphrase="Illegal drug profits of $20–30 billion a year fuel violence in Mexico.",
        claimed=25000,
        unit="USD million per year",
        period="c. 2018",
        geography="Mexico",
        resources=(),
        check=None,
        wording="approximate",
        settle_with="estimates of Mexican criminal organisations' drug revenues (e.g. U.S. government or UNODC studies); none in the package",
    ),
    Claim(
        claim_id="A5-security-01",
        paraphrase="Mexico exonerated General Cienfuegos after the United States had agreed to send him back to Mexico.",
        claimed="before",
        unit="order of events",
        period="November 2020 – January 2021",
        geography="Mexico / United States",
        resources=("events",),
        check=_cienfuegos_order,
    ),
    Claim(
        claim_id="A4-security-12",
        paraphrase="The 2017 Corruption Perceptions Index ranked 180 countries.",
        claimed=180,
        unit="countries",
        period="CPI 2017",
        geography="World",
        resources=("cpi_mexico_annual",),
        check=_cpi_countries(2017),
    ),
    Claim(
        claim_id="A4-security-13",
        paraphrase="Mérida Initiative funding peaked at $639.2 million in fiscal year 2010.",
        claimed=639.2,
        unit="USD million",
        period="FY2010 (U.S. fiscal year)",
        geography="Mexico",
        resources=("merida_appropriations",),
        check=_merida_peak(2010, 639.2),
        settle_with="Mérida appropriations for Mexico by fiscal year (CRS R41349 / IF10578 table); the package has FY2008, FY2009 and cumulative totals only",
    ),
    Claim(
        claim_id="A4-security-14",
        paraphrase="Mérida Initiative funding had fallen to $130.9 million by fiscal year 2017.",
        claimed=130.9,
        unit="USD million",
        period="FY2017 (U.S. fiscal year)",
        geography="Mexico",
        resources=(),
        check=None,
        settle_with="Mérida appropriations for Mexico by fiscal year (CRS R41349 / IF10578 table); not in the package",
    ),
    Claim(
        claim_id="A4-security-15",
        paraphrase="The United States and Mexico signed the Mérida Initiative in 2008.",
        claimed="2008",
        unit="year",
        period="2007–2008",
        geography="Mexico / United States",
        resources=("merida_appropriations",),
        check=_merida_start,
        settle_with="a dated events entry for the launch of the initiative; the package dates only its appropriations, by U.S. fiscal year",
        note="A fiscal year (October–September) is not a calendar year, so the first appropriation year cannot settle the calendar year of signing.",
    ),
    Claim(
        claim_id="A4-security-16",
        paraphrase="Mexico is the biggest source of the illegal drugs bound for the United States.",
        claimed="largest source",
        unit="rank among source countries",
        period="c. 2018",
        geography="Mexico / United States",
        resources=(),
        check=None,
        settle_with="DEA National Drug Threat Assessment (2018) on the origin of heroin, methamphetamine, fentanyl, cocaine and marijuana seized in the U.S.",
    ),
    Claim(
        claim_id="A4-security-17",
        paraphrase="Reporters Without Borders named Mexico the most dangerous country for journalists in 2016.",
        claimed="deadliest",
        unit="rank",
        period="2016",
        geography="Mexico",
        resources=(),
        check=None,
        settle_with="Reporters Without Borders' annual round-up of journalists killed, 2016 edition, by country",
    ),
    Claim(
        claim_id="A4-security-18",
        paraphrase="86 percent of cases of crimes against journalists in Mexico remain unsolved.",
        claimed=86,
        unit="% of cases",
        period="c. 2018",
        geography="Mexico",
        resources=(),
        check=None,
        settle_with="FEADLE (the federal special prosecutor for crimes against freedom of expression) statistics on investigations and sentences",
    ),
    Claim(
        claim_id="A4-security-19",
        paraphrase="In 2015 the DEA judged that 93 percent of the heroin reaching the United States came from Mexico.",
        claimed=93,
        unit="% of heroin",
        period="2015",
        geography="United States",
        resources=(),
        check=None,
        settle_with="DEA Heroin Signature Program results for 2015 (reported in the 2016 and 2017 National Drug Threat Assessments)",
    ),
    Claim(
        claim_id="A4-security-20",
        paraphrase="The State Department's first travel advisory under the new system placed five Mexican states at Level 4, 'do not travel'; none had such a warning in 2012.",
        claimed=5,
        unit="states",
        period="January 2018",
        geography="Mexico",
        resources=(),
        check=None,
        settle_with="the State Department's Mexico travel advisory of January 2018 (the four-level system started then, so a 2012 comparison "
                     "needs the older travel warnings)",
    ),
    Claim(
        claim_id="A4-security-21",
        paraphrase="In October 2017 the Trump administration declared opioid abuse a public health emergency across the country.",
        claimed="October 2017",
        unit="month",
        period="2017",
        geography="United States",
        resources=(),
        check=None,
        settle_with="a dated events entry for the HHS public health emergency declaration (the package's overdose series has no policy dates)",
    ),
    Claim(
        claim_id="A3-security-02",
        paraphrase="In November 2018 López Obrador announced that he would give the military a formal, lasting role in domestic security.",
        claimed="November 2018",
        unit="month",
        period="2018",
        geography="Mexico",
        resources=(),
        check=None,
        settle_with="a dated events entry for the presentation of the incoming government's security plan and National Guard proposal",
    ),
    Claim(
        claim_id="A3-security-03",
        paraphrase="The Trump administration sought to cut medical marijuana prescriptions by a third within three years.",
        claimed=33.3,
        unit="% reduction",
        period="2018–2021",
        geography="United States",
        resources=(),
        check=None,
        settle_with="the White House's 2018 drug-policy initiative, which states the one-third target and the kind of prescription it concerns "
                     "(the package has no prescription data)",
    ),
    Claim(
        claim_id="A5-security-02",
        paraphrase="After clearing Cienfuegos, the Mexican government made public the DEA evidence against him.",
        claimed="after",
        unit="order of events",
        period="January 2021",
        geography="Mexico",
        resources=("events",),
        check=_evidence_released,
    ),
]
