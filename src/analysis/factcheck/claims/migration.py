"""Migration claims of the five articles, checked against the package's migration tables.

Years: the CBP and OHSS series are U.S. fiscal years (October–September); the figures on Mexico's
returns of Central Americans are calendar years. Each check says which one it uses.
"""

from __future__ import annotations

from analysis.chapters import migration as mig
from analysis.factcheck.rules import Claim, Evidence
from analysis.data.events import Label, event_date

HIST = "usbp_apprehensions_historical"
CITP = "usbp_sw_citizenship_annual"
PUB = "migration_published_figures"
EVENTS = "events"


def _hist(load, fy: int, column: str) -> int:
    frame = load(HIST)
    return int(frame.loc[frame["fiscal_year"] == fy, column].iloc[0])


def _a1_total(load) -> Evidence:
    return Evidence(
        value=_hist(load, 2017, "sw_apprehensions"),
        method="CBP table, Border Patrol apprehensions in the nine southwest border sectors, FY2017 (Oct 2016 – Sep 2017)",
        other_definition=_hist(load, 2017, "nationwide_apprehensions"),
        other_definition_name="nationwide Border Patrol apprehensions, FY2017",
    )


def _a1_triangle(load) -> Evidence:
    return Evidence(
        value=mig.group_count(load(CITP), 2017, mig.NORTHERN_TRIANGLE),
        method="DHS OHSS, Border Patrol southwest border encounters of Guatemalan, Honduran and Salvadoran citizens, FY2017 "
               "(sum of three cells each rounded to 10; FY2017 predates Title 42, so encounters = apprehensions)",
    )


def _a3_2000_total(load) -> Evidence:
    region = load("usbp_encounters_region_annual")
    return Evidence(
        value=_hist(load, 2000, "nationwide_apprehensions"),
        method="CBP table, nationwide Border Patrol apprehensions, FY2000",
        other_definition=int(region.loc[(region["fiscal_year"] == 2000) & (region["region"] == "Southwest Land Border"), "encounters"].iloc[0]),
        other_definition_name="OHSS recomputed southwest border Border Patrol encounters, FY2000 (rounded)",
        note="The southwest border alone had " + format(_hist(load, 2000, "sw_apprehensions"), ",") + " apprehensions in CBP's table.",
    )


def _a3_2000_share(load) -> Evidence:
    hist = load(HIST)
    return Evidence(
        value=round(mig.mexican_share_historical(hist, 2000, "nationwide"), 1),
        method="CBP table, Mexican nationals as % of nationwide Border Patrol apprehensions, FY2000",
        other_definition=round(mig.mexican_share_historical(hist, 2000, "sw"), 1),
        other_definition_name="same, southwest border sectors only",
    )


def _a3_last_year_total(load) -> Evidence:
    return Evidence(
        value=_hist(load, 2017, "nationwide_apprehensions"),
        method="CBP table, nationwide Border Patrol apprehensions, FY2017 (the last full year before the article's December 2018 date)",
        other_definition=_hist(load, 2018, "nationwide_apprehensions"),
        other_definition_name="nationwide apprehensions, FY2018 (ended September 2018)",
    )


def _a3_last_year_share(load) -> Evidence:
    share = mig.mexican_share_historical(load(HIST), 2017, "nationwide")
    share_2018 = mig.mexican_share_historical(load(HIST), 2018, "nationwide")
    return Evidence(
        value="fewer than half" if share < 50 else "half or more",
        method=f"CBP table: Mexican nationals were {share:.1f}% of nationwide Border Patrol apprehensions in FY2017 "
               f"({share_2018:.1f}% in FY2018)",
    )


def _a4_returns_2017(load) -> Evidence:
    pub = load(PUB)
    return Evidence(
        value=mig.published(pub, 252),
        method="INM figure for returns (deportations) of Central Americans in calendar 2017, as reported from INM data",
        other_definition=mig.published(pub, 241),
        other_definition_name="returns from Mexico received by Guatemala, Honduras and El Salvador, calendar 2017 (foreign ministries)",
    )


def _a5_guard(load) -> Evidence:
    events = load(EVENTS)
    date = event_date(events, Label.MEXICO_REPORTS_GUARD_DEPLOYMENT)
    declaration = event_date(events, Label.JUNE_2019_JOINT_DECLARATION)
    return Evidence(
        value="yes" if date >= declaration else "no",
        method=f"events resource: June 2019 joint declaration ({declaration:%d %B %Y}) commits Mexico to deploy its National Guard; "
               f"Mexico's defence secretary reports the deployment on {date:%d %B %Y}",
    )


def _a5_mpp(load) -> Evidence:
    events = load(EVENTS)
    labels = set(events["label"])
    applied = Label.REMAIN_IN_MEXICO_STARTS in labels
    start = event_date(events, Label.REMAIN_IN_MEXICO_STARTS) if applied else None
    return Evidence(
        value="yes" if applied else "no",
        method=(f"events resource: Remain in Mexico (MPP) applied from {start:%d %B %Y}; published counts of people returned "
                "to Mexico under it are in migration_published_figures (TRAC and MPI)") if applied
        else "no Remain in Mexico start date in the events resource",
    )


# ---------------------------------------------------------------------------------------------
# Further claims (issue 8). Fiscal years for the Border Patrol series, calendar years for returns.

def _a2_central_american_growth(load) -> Evidence:
    citizenship = load(CITP)
    before = {fy: mig.group_count(citizenship, fy, mig.NORTHERN_TRIANGLE) for fy in range(2008, 2013)}
    since = {fy: mig.group_count(citizenship, fy, mig.NORTHERN_TRIANGLE) for fy in range(2014, 2018)}
    grown = min(since.values()) > max(before.values())
    return Evidence(
        value="grown" if grown else "not grown",
        method=("DHS OHSS, Border Patrol southwest border encounters of Guatemalan, Honduran and Salvadoran citizens: every fiscal year "
                "FY2014–FY2017 (the last complete year before the article) compared with every year FY2008–FY2012; "
                f"FY2008–FY2012 between {min(before.values()):,} and {max(before.values()):,}, FY2014–FY2017 between "
                f"{min(since.values()):,} and {max(since.values()):,}"),
        note="Encounters at the U.S. border measure only part of the northward flow (Mexico's own apprehensions are not included).",
    )


def _a3_lowest_in_years(load) -> Evidence:
    frame = load(HIST).set_index("fiscal_year")["nationwide_apprehensions"]
    value, previous = frame.loc[2017], frame.loc[2007:2016]
    lower = frame.loc[:2016][frame.loc[:2016] < value]
    since = f"FY{int(lower.index.max())}" if len(lower) else "the start of the series"
    return Evidence(
        value="lowest in years" if value < previous.min() else "not the lowest in years",
        method=(f"CBP table, nationwide Border Patrol apprehensions: FY2017 ({int(value):,}) against each of the ten fiscal years before "
                f"(lowest {int(previous.min()):,}); the last year with fewer apprehensions was {since}; FY2018 had {int(frame.loc[2018]):,}"),
        note="Apprehensions count events, not migrants, and are an indicator of illegal crossings rather than a measure of them.",
    )


def _a4_returns_after_2014(load) -> Evidence:
    series = mig.central_american_returns(load(PUB))
    receiving = series[series["source"].str.startswith("Receiving")].set_index("year")["value"]
    base, later = receiving.loc[2014], receiving.loc[[2015, 2016]]
    return Evidence(
        value="increased" if (later > base).all() else "did not increase",
        method=("returns from Mexico received by Guatemala, Honduras and El Salvador (IOM / foreign ministries), calendar years: "
                + ", ".join(f"{int(y)} {int(v):,}" for y, v in receiving.loc[2014:2017].items())),
        note="The package has no figure for 2013 or earlier, so the rise is measured from 2014, the year of the crisis.",
    )


CLAIMS = [
    Claim(
        claim_id="A1-migration-01",
        paraphrase="Border Patrol agents arrested 303,916 people trying to enter the United States in 2017.",
        claimed=303916,
        unit="apprehensions",
        period="2017 (U.S. fiscal year in the data)",
        geography="U.S. southwest border",
        resources=(HIST,),
        check=_a1_total,
    ),
    Claim(
        claim_id="A1-migration-02",
        paraphrase="Of those 2017 arrests, 162,891 were of people from Guatemala, Honduras and El Salvador.",
        claimed=162891,
        unit="apprehensions",
        period="2017 (U.S. fiscal year in the data)",
        geography="U.S. southwest border",
        resources=(CITP,),
        check=_a1_triangle,
        tolerance=0.001,
        note="OHSS rounds each country to 10, so an exact match is not possible; tolerance 0.1%.",
    ),
    Claim(
        claim_id="A3-migration-01",
        paraphrase="About 1.6 million people were apprehended crossing illegally in 2000.",
        claimed=1600000,
        unit="apprehensions",
        period="2000 (U.S. fiscal year in the data)",
        geography="United States",
        resources=(HIST, "usbp_encounters_region_annual"),
        check=_a3_2000_total,
        wording="approximate",
    ),
    Claim(
        claim_id="A3-migration-02",
        paraphrase="Ninety per cent of those apprehended in 2000 were Mexican.",
        claimed=90,
        unit="% of apprehensions",
        period="2000 (U.S. fiscal year in the data)",
        geography="United States",
        resources=(HIST,),
        check=_a3_2000_share,
    ),
    Claim(
        claim_id="A3-migration-03",
        paraphrase="Last year about 311,000 people were apprehended.",
        claimed=311000,
        unit="apprehensions",
        period="'last year' (FY2017 in the data)",
        geography="United States",
        resources=(HIST,),
        check=_a3_last_year_total,
        wording="approximate",
    ),
    Claim(
        claim_id="A3-migration-04",
        paraphrase="Of last year's apprehensions, fewer than half were of Mexicans.",
        claimed="fewer than half",
        unit="share of apprehensions",
        period="'last year' (FY2017 in the data)",
        geography="United States",
        resources=(HIST,),
        check=_a3_last_year_share,
    ),
    Claim(
        claim_id="A3-migration-05",
        paraphrase="Asylum applications (a BBC figure the article cites) grew about twentyfold, to 99,035 in 2018 from 4,995 in 2005.",
        claimed="4995 → 99035",
        unit="applications",
        period="2005 and 2018",
        geography="United States",
        resources=(),
        check=None,
        settle_with="the series the BBC used (not identified); USCIS credible-fear receipts and EOIR asylum filings by fiscal year "
                    "2005–2018. The nearest published figures, on other definitions, are in migration_published_figures.",
    ),
    Claim(
        claim_id="A3-migration-06",
        paraphrase="More Mexicans now return home than arrive in the United States illegally.",
        claimed="net outflow",
        unit="net migration",
        period="c. 2018",
        geography="Mexico–United States",
        resources=(),
        check=None,
        settle_with="estimates of gross and net Mexican migration flows (Pew Research Center; CONAPO/INEGI ENADID); "
                    "apprehension counts are events, not migrants, and cannot give net flows.",
    ),
    Claim(
        claim_id="A2-migration-01",
        paraphrase="Net migration from Mexico to the United States had been shrinking for about ten years.",
        claimed="shrinking",
        unit="net migration",
        period="c. 2008–2018",
        geography="Mexico–United States",
        resources=(),
        check=None,
        settle_with="population-based estimates of net Mexican migration (Pew Research Center, CONAPO); "
                    "the falling count of Mexican apprehensions is consistent with, but does not measure, net migration.",
    ),
    Claim(
        claim_id="A2-migration-02",
        paraphrase="Mexico had sent more than 500,000 Central Americans back to their countries in recent years.",
        claimed=500000,
        unit="persons returned",
        period="'recent years' (before mid-2018; calendar years)",
        geography="Mexico",
        resources=(),
        check=None,
        settle_with="INM/UPM annual counts of returned Central Americans for 2014–2017 on one definition; the package holds "
                    "receiving-country counts for 2014–2017 that sum to less, but the article's window is not stated.",
    ),
    Claim(
        claim_id="A4-migration-01",
        paraphrase="In 2017 Mexico returned 78,300 Central American migrants to their countries.",
        claimed=78300,
        unit="persons returned",
        period="2017 (calendar year)",
        geography="Mexico",
        resources=(PUB,),
        check=_a4_returns_2017,
        wording="approximate",
    ),
    Claim(
        claim_id="A4-migration-02",
        paraphrase="Mexico deported 38,191 Central Americans in the first half of 2018.",
        claimed=38191,
        unit="persons deported",
        period="January–June 2018 (calendar)",
        geography="Mexico",
        resources=(),
        check=None,
        settle_with="INM/UPM monthly Boletín Estadístico, January–June 2018, returns of Central Americans.",
    ),
    Claim(
        claim_id="A5-migration-01",
        paraphrase="López Obrador deployed the National Guard to stop Central American migrants crossing Mexico.",
        claimed="yes",
        unit="event",
        period="2019",
        geography="Mexico",
        resources=(EVENTS,),
        check=_a5_guard,
    ),
    Claim(
        claim_id="A5-migration-02",
        paraphrase="Mexico let the United States make asylum seekers wait in Mexican border towns for their U.S. hearings.",
        claimed="yes",
        unit="event",
        period="2019–2021",
        geography="Mexico–United States",
        resources=(EVENTS, PUB),
        check=_a5_mpp,
    ),
    Claim(
        claim_id="A2-migration-03",
        paraphrase="Central American migration to the north has risen considerably since 2013–14.",
        claimed="grown",
        unit="trend",
        period="FY2008–FY2017 (U.S. fiscal years)",
        geography="U.S. southwest border",
        resources=(CITP,),
        check=_a2_central_american_growth,
    ),
    Claim(
        claim_id="A3-migration-07",
        paraphrase="Illegal immigration across the border is at its lowest level for years.",
        claimed="lowest in years",
        unit="level",
        period="FY2017 against FY2007–FY2016",
        geography="United States",
        resources=(HIST,),
        check=_a3_lowest_in_years,
    ),
    Claim(
        claim_id="A3-migration-08",
        paraphrase="About 6,000 asylum seekers, mostly Central Americans, were waiting in Tijuana to enter the United States.",
        claimed=6000,
        unit="persons",
        period="December 2018",
        geography="Tijuana, Baja California",
        resources=(),
        check=None,
        wording="approximate",
        settle_with="counts of migrants in Tijuana's shelters and on the asylum waiting list in late 2018 (Baja California state or Tijuana "
                    "municipal figures, or the CBP metering lists)",
    ),
    Claim(
        claim_id="A3-migration-09",
        paraphrase="In April 2018 Mexico's Senate called for migration and security cooperation with the United States to be suspended.",
        claimed="April 2018",
        unit="month",
        period="2018",
        geography="Mexico",
        resources=(),
        check=None,
        settle_with="a dated events entry for the Senate resolution, from the Gaceta del Senado of April 2018",
    ),
    Claim(
        claim_id="A4-migration-03",
        paraphrase="After the 2014 surge of unaccompanied minors, Mexico stepped up returns of Central Americans.",
        claimed="increased",
        unit="trend",
        period="2014–2016 (calendar years)",
        geography="Mexico",
        resources=(PUB,),
        check=_a4_returns_after_2014,
    ),
]
