"""Migration claims of the five articles, checked against the package's migration tables, the events
timeline and the ledger's published figures.

Years: the CBP and OHSS series are U.S. fiscal years (October–September); the figures on Mexico's
returns of Central Americans and Pew's estimates are calendar years. Each check says which one it uses.
"""

from __future__ import annotations

import pandas as pd

from analysis.chapters import migration as mig
from analysis.data.events import Label
from analysis.factcheck.claims._common import COMMON, FIGURES, before, event, figure, figure_check, happened, month_of, recently
from analysis.factcheck.claims._records import Checks
from analysis.factcheck.rules import Claim, Evidence, rounding

HIST = "usbp_apprehensions_historical"
CITP = "usbp_sw_citizenship_annual"
MONTHLY = "sw_border_encounters_monthly"
PUB = "migration_published_figures"
EVENTS = "events"


# The checks migration.yml names, besides the shared ones (_common.COMMON).
CHECKS = Checks(COMMON)


def _hist(load, fy: int, column: str) -> int:
    frame = load(HIST)
    return int(frame.loc[frame["fiscal_year"] == fy, column].iloc[0])


def _hist_row(fy: int) -> tuple[str, dict]:
    return HIST, {"fiscal_year": fy}


def _published(load, indicator_start: str, period: str) -> tuple[float, tuple[str, dict]]:
    """A figure of migration_published_figures found by the start of its indicator and its period."""
    pub = load(PUB)
    row = pub[pub["indicator"].str.startswith(indicator_start) & (pub["period"] == period) & pub["value"].notna()]
    if len(row) != 1:
        raise KeyError(f"{PUB}: no single figure {indicator_start!r} for {period}")
    return float(row["value"].iloc[0]), (PUB, {"source_row": int(row["source_row"].iloc[0])})


INM = "INM"  # indicators of Mexico's own counts start with it
RECEIVING = "returns from Mexico of Salvadorans, Hondurans and Guatemalans (combined)"


@CHECKS.check
def _a1_total(load) -> Evidence:
    return Evidence(value=_hist(load, 2017, "sw_apprehensions"), rows=(_hist_row(2017),),
                    method="CBP table, Border Patrol apprehensions in the nine southwest border sectors, FY2017 (Oct 2016 – Sep 2017)",
                    other_definition=_hist(load, 2017, "nationwide_apprehensions"), other_definition_name="nationwide Border Patrol apprehensions, FY2017",
                    note="the article does not say 'southwest border'; its figure is that count")


@CHECKS.check
def _a1_triangle(load) -> Evidence:
    return Evidence(value=mig.group_count(load(CITP), 2017, mig.NORTHERN_TRIANGLE),
                    rows=tuple((CITP, {"fiscal_year": 2017, "citizenship": c}) for c in mig.NORTHERN_TRIANGLE),
                    method="DHS OHSS, Border Patrol southwest border encounters of Guatemalan, Honduran and Salvadoran citizens, FY2017 "
                           "(sum of three cells each rounded to 10; before Title 42, encounters = apprehensions)")


@CHECKS.check
def _a3_2000_total(load) -> Evidence:
    return Evidence(value=_hist(load, 2000, "sw_apprehensions"), rows=(_hist_row(2000),),
                    method="CBP table, Border Patrol apprehensions at the southwest border, FY2000 (the paragraph is about the Mexico–U.S. border)",
                    other_definition=_hist(load, 2000, "nationwide_apprehensions"), other_definition_name="nationwide Border Patrol apprehensions, FY2000")


@CHECKS.check
def _a3_2000_share(load) -> Evidence:
    hist = load(HIST)
    return Evidence(value=round(mig.mexican_share_historical(hist, 2000, "nationwide"), 1), rows=(_hist_row(2000),),
                    method="CBP table, Mexican nationals as % of nationwide Border Patrol apprehensions, FY2000",
                    other_definition=round(mig.mexican_share_historical(hist, 2000, "sw"), 1), other_definition_name="southwest border sectors only",
                    note="non-Mexicans were about 2.4% of those apprehended, not 10%")


@CHECKS.check
def _a3_last_year_total(load) -> Evidence:
    return Evidence(value=_hist(load, 2017, "nationwide_apprehensions"), rows=(_hist_row(2017), _hist_row(2018)),
                    method="CBP table, nationwide Border Patrol apprehensions, FY2017 (the article's 'last year')",
                    note=f"FY2018, which ended in September 2018, had {_hist(load, 2018, 'nationwide_apprehensions'):,}; the article speaks of last year")


@CHECKS.check
def _a3_last_year_share(load) -> Evidence:
    share = mig.mexican_share_historical(load(HIST), 2017, "nationwide")
    share_2018 = mig.mexican_share_historical(load(HIST), 2018, "nationwide")
    return Evidence(value=round(share, 1), rows=(_hist_row(2017),),
                    method=f"CBP table: Mexican nationals as % of nationwide Border Patrol apprehensions, FY2017 ({share_2018:.1f}% in FY2018)")


def _lowest_in_years(frame: pd.Series, year: int) -> str:
    previous = frame.loc[year - 10:year - 1]
    return "lowest in years" if frame.loc[year] < previous.min() else "not the lowest in years"


@CHECKS.check
def _a3_lowest_in_years(load) -> Evidence:
    frame = load(HIST).set_index("fiscal_year")["nationwide_apprehensions"]
    lower = frame.loc[:2016][frame.loc[:2016] < frame.loc[2017]]
    since = f"FY{int(lower.index.max())}" if len(lower) else "the start of the series"
    return Evidence(
        value=_lowest_in_years(frame, 2017), rows=(_hist_row(2017), _hist_row(2018)),
        newer_at_publication=_lowest_in_years(frame, 2018),
        newer_name=f"FY2018, {int(frame.loc[2018]):,} apprehensions, published before the article",
        method=f"CBP table, nationwide Border Patrol apprehensions: FY2017 ({int(frame.loc[2017]):,}) against each of the ten fiscal years "
               f"before; the last year with fewer was {since}",
        checked_scope="apprehensions, an indicator of illegal crossings only (the article speaks of immigration levels)",
        sources=("https://www.cbp.gov/newsroom/national-media-release/claims-credible-fear-increase-fiscal-year-2018",),
    )


@CHECKS.check
def _returns_2017(load) -> Evidence:
    inm, inm_row = _published(load, INM, "2017")
    receiving, receiving_row = _published(load, RECEIVING, "2017")
    return Evidence(value=inm, rows=(inm_row, receiving_row),
                    method="INM figure for returns of Central Americans in calendar 2017",
                    note=f"Guatemala, Honduras and El Salvador counted {int(receiving):,} returns from Mexico that year")


MEXICO_COUNTS = [  # Mexico's own counts of Central Americans returned, by calendar year
    ("ledger", "Central Americans deported by Mexico, January to the date of the report", "2014"),
    ("migration", INM, "2015"),
    ("ledger", "Central Americans returned by Mexico (INM events)", "2016"),
    ("migration", INM, "2017"),
]


def _mexico_count(load, source: str, indicator: str, period: str):
    return figure(load, indicator, period) if source == "ledger" else _published(load, indicator, period)


@CHECKS.check
def _returns_2014_2017(load) -> Evidence:
    counts = [_mexico_count(load, *spec) for spec in MEXICO_COUNTS]
    receiving = [_published(load, RECEIVING, str(year)) for year in range(2014, 2018)]
    return Evidence(value=sum(v for v, _ in counts), rows=tuple(r for _, r in counts) + tuple(r for _, r in receiving),
                    other_definition=sum(v for v, _ in receiving), other_definition_name="returns counted by the receiving countries, 2014–2017",
                    method="Mexico's own counts of Central Americans returned, calendar 2014–2017: "
                           + ", ".join(f"{spec[2]} {int(v):,}" for spec, (v, _) in zip(MEXICO_COUNTS, counts)),
                    note="the window 2014–2017 is ours (the article says 'recent years'); the 2014 figure runs to the date of a press "
                         "report; counts are events, not persons")


@CHECKS.check
def _returns_ramped_up(load) -> Evidence:
    baseline, baseline_row = figure(load, "Central Americans deported by Mexico (more than)", "2013")
    counts = [_mexico_count(load, *spec) for spec in MEXICO_COUNTS]
    after = dict(zip(range(2014, 2018), (v for v, _ in counts)))
    higher = all(after[y] > baseline for y in (2014, 2015, 2016))
    return Evidence(value="increased" if higher else "did not increase", rows=(baseline_row,) + tuple(r for _, r in counts),
                    method=f"Mexico's returns of Central Americans after the 2014 crisis against 2013 (more than {int(baseline):,}): "
                           + ", ".join(f"{y} {int(v):,}" for y, v in after.items()),
                    note="2017 was back near the 2013 level")


@CHECKS.check
def _guard(load) -> Evidence:
    date, row = event(load, Label.MEXICO_REPORTS_GUARD_DEPLOYMENT)
    declaration, declaration_row = event(load, Label.JUNE_2019_JOINT_DECLARATION)
    return Evidence(value="yes" if date >= declaration else "no", rows=(row, declaration_row),
                    method=f"the June 2019 joint declaration ({declaration:%d %B %Y}) commits Mexico to deploy its National Guard; "
                           f"Mexico's defence secretary reports the deployment on {date:%d %B %Y}")


@CHECKS.check
def _mpp(load) -> Evidence:
    start, row = event(load, Label.REMAIN_IN_MEXICO_STARTS)
    returned, returned_row = _published(load, "Migrant Protection Protocols", "Jan 2019–Jan 2021")
    return Evidence(value="yes", rows=(row, returned_row),
                    method=f"Remain in Mexico (MPP) applied from {start:%d %B %Y}; more than {int(returned):,} people returned to Mexico under it")


@CHECKS.check
def _central_american_growth(load) -> Evidence:
    citizenship = load(CITP)
    before_2013 = {fy: mig.group_count(citizenship, fy, mig.NORTHERN_TRIANGLE) for fy in range(2008, 2013)}
    since = {fy: mig.group_count(citizenship, fy, mig.NORTHERN_TRIANGLE) for fy in range(2014, 2018)}
    return Evidence(
        value="grown" if min(since.values()) > max(before_2013.values()) else "not grown",
        rows=tuple((CITP, {"fiscal_year": fy, "citizenship": "Guatemala"}) for fy in (2008, 2017)),
        method=("Border Patrol southwest border encounters of Guatemalans, Hondurans and Salvadorans, every fiscal year FY2014–FY2017 "
                f"against every year FY2008–FY2012: between {min(before_2013.values()):,} and {max(before_2013.values()):,} before, "
                f"between {min(since.values()):,} and {max(since.values()):,} since"),
        note="encounters at the U.S. border measure only part of the northward flow",
    )


@CHECKS.check
def _net_migration_falling(load) -> Evidence:
    periods = [("net Mexican migration to the United States, 1995–2000 (Pew)", "1995-2000"),
               ("net Mexican migration to the United States, 2005–2010 (Pew)", "2005-2010"),
               ("net Mexican migration to the United States, 2009–2014 (Pew)", "2009-2014")]
    values = [figure(load, *p) for p in periods]
    falling = all(b[0] < a[0] for a, b in zip(values, values[1:]))
    return Evidence(value="shrinking" if falling else "not shrinking", rows=tuple(r for _, r in values),
                    method="Pew's estimates of net Mexican migration to the U.S.: " + ", ".join(f"{p[1]} {int(v):+,}" for p, (v, _) in zip(periods, values)),
                    checked_scope="Pew's estimates up to 2014, the latest published (the claim runs to mid-2018)")


@CHECKS.check
def _more_returning(load) -> Evidence:
    left, left_row = figure(load, "Mexicans (with families) who left the United States for Mexico, 2009–2014 (Pew)", "2009-2014")
    came, came_row = figure(load, "Mexicans who came to the United States, 2009–2014 (Pew)", "2009-2014")
    return Evidence(value="net outflow" if left > came else "net inflow", rows=(left_row, came_row),
                    method=f"Pew: {int(left):,} Mexicans left the U.S. for Mexico in 2009–2014 and {int(came):,} came (legal and illegal together)",
                    checked_scope="2009–2014, the latest period Pew estimated (the article speaks of the present, December 2018)")


@CHECKS.check
def _tijuana(load) -> Evidence:
    tijuana, tijuana_row = figure(load, "Central American migrants arrived in Tijuana with the caravans (more than)", "2018-12")
    border, border_row = figure(load, "asylum seekers waiting along the border in Mexico (metering lists)", "2018-12")
    return Evidence(value=tijuana, other_definition=border, rows=(tijuana_row, border_row),
                    other_definition_name="asylum seekers waiting along the whole border in Mexico (Strauss Center, December 2018)",
                    method="caravan migrants who had reached Tijuana by 10 December 2018 (more than this many, press count)",
                    note="the Tijuana count is a lower bound and leaves out those already on the waiting list")


@CHECKS.check
def _senate_before_separations(load) -> Evidence:
    senate, senate_row = event(load, Label.SENATE_ASKS_TO_SUSPEND_COOPERATION)
    zero, zero_row = event(load, Label.ZERO_TOLERANCE_ORDERED)
    value = "before the family separations began" if senate < zero else "in response to family separations"
    return Evidence(value=value, rows=(senate_row, zero_row),
                    method=f"the Senate's call ({senate.date()}) against the announcement of zero tolerance, the policy behind the separations ({zero.date()})",
                    note="the month is right (April 2018); the Senate answered Trump's order to send the National Guard to the border, and asked "
                         "for a suspension, not an end of cooperation altogether")


@CHECKS.check
def _tens_of_thousands(load) -> Evidence:
    monthly = load(MONTHLY)
    october = monthly[(monthly["date"] == pd.Timestamp("2018-10-01")) & monthly["citizenship"].isin(mig.NORTHERN_TRIANGLE)]
    fy2018 = mig.group_count(load(CITP), 2018, mig.NORTHERN_TRIANGLE)
    return Evidence(value=float(october["encounters"].sum()),
                    rows=tuple((MONTHLY, {"date": "2018-10-01", "citizenship": c}) for c in mig.NORTHERN_TRIANGLE)
                    + tuple((CITP, {"fiscal_year": 2018, "citizenship": c}) for c in mig.NORTHERN_TRIANGLE),
                    method="southwest-border encounters (Border Patrol and ports of entry) of Guatemalans, Hondurans and Salvadorans in "
                           "October 2018, the first month of the OHSS monthly series",
                    checked_scope="migrants stopped at the U.S. border in October 2018, three months after the article (flows into Mexico "
                                  "not counted)",
                    note=f"over FY2018 (Oct 2017 – Sep 2018) Border Patrol encounters alone averaged {fy2018 / 12:,.0f} a month")


@CHECKS.check
def _undocumented_mexicans(load) -> Evidence:
    value, row = figure(load, "unauthorized immigrants born in Mexico living in the United States (Pew estimate)", "2016")
    return Evidence(value=value, rows=(row,), method="Pew's estimate of unauthorized immigrants born in Mexico, 2016",
                    note="published in November 2018, after the article; earlier estimates were higher")


@CHECKS.factory
def _exists(indicator: str, period: str, word: str, method: str):
    def check(load) -> Evidence:
        value, row = figure(load, indicator, period)
        return Evidence(value=word if value > 0 else f"not {word}", rows=(row,), method=f"{method}: {int(value):,}")
    return check


@CHECKS.check
def _tour_after_election(load) -> Evidence:
    tour, tour_row = event(load, Label.AMLO_US_TOUR)
    elected, elected_row = event(load, Label.TRUMP_ELECTED_2016)
    return Evidence(value="after Trump's election" if tour > elected else "before Trump's election", rows=(tour_row, elected_row),
                    method=f"López Obrador's U.S. tour ({tour:%B %Y}) against Trump's election ({elected.date()})")


@CHECKS.check
def _nicaragua(load) -> Evidence:
    civilians, civilians_row = figure(load, "deaths in Nicaragua's crisis, 19 April – 25 July 2018 (ANPDH, civilians)", "2018-04-19/2018-07-25")
    everyone, everyone_row = figure(load, "deaths in Nicaragua's crisis, 19 April – 25 July 2018 (ANPDH, all deaths)", "2018-04-19/2018-07-25")
    return Evidence(value=civilians, other_definition=everyone, rows=(civilians_row, everyone_row),
                    other_definition_name="all deaths the ANPDH counted, police and paramilitaries included",
                    method="civilian deaths counted by the Nicaraguan Pro-Human Rights Association (ANPDH), 19 April – 25 July 2018",
                    note="the Inter-American Commission on Human Rights counted fewer (317 by August 2018)")


CLAIMS = [
    Claim(
        claim_id="A1-migration-01",
        paraphrase="Border Patrol agents arrested 303,916 people trying to enter the United States in 2017.",
        claimed=303916, unit="apprehensions", period="2017 (U.S. fiscal year in the data)", geography="U.S. southwest border",
        resources=(HIST,), check=_a1_total, paragraph="10", quote="Border Patrol agents arrested 303,916 migrants",
        claimed_text="303,916 arrests by the Border Patrol in 2017",
    ),
    Claim(
        claim_id="A1-migration-02",
        paraphrase="Of those 2017 arrests, 162,891 were of people from Guatemala, Honduras and El Salvador.",
        claimed=162891, unit="apprehensions", period="2017 (U.S. fiscal year in the data)", geography="U.S. southwest border",
        resources=(CITP,), check=_a1_triangle, tolerance=0.001, paragraph="10", quote="162,891 people were reportedly from Guatemala",
        claimed_text="162,891 of them from Guatemala, Honduras or El Salvador",
        note="OHSS rounds each country to 10, so an exact match is not possible; tolerance 0.1%",
    ),
    Claim(
        claim_id="A3-migration-01",
        paraphrase="In 2000, 1.6 million people were apprehended crossing illegally.",
        claimed=1600000, unit="apprehensions", period="2000 (U.S. fiscal year in the data)", geography="U.S.–Mexico border",
        resources=(HIST,), check=_a3_2000_total, tolerance=rounding(1_600_000, 100_000), paragraph="8",
        quote="1.6 million illegal migrants apprehended", claimed_text="1.6 million apprehended in 2000",
        note="a figure rounded to a tenth of a million",
    ),
    Claim(
        claim_id="A3-migration-02",
        paraphrase="Ninety per cent of those apprehended in 2000 were Mexican.",
        claimed=90, unit="% of apprehensions", period="2000 (U.S. fiscal year in the data)", geography="United States",
        resources=(HIST,), check=_a3_2000_share, wording="share", paragraph="8", quote="90 percent were Mexican",
        claimed_text="90% of those apprehended in 2000 were Mexican (10% were not)",
    ),
    Claim(
        claim_id="A3-migration-03",
        paraphrase="Last year 311,000 people were apprehended, fewer than half of them Mexican.",
        claimed=311000, unit="apprehensions", period="'last year' (FY2017 in the data)", geography="United States",
        resources=(HIST,), check=_a3_last_year_total, tolerance=rounding(311_000, 1_000), paragraph="8", quote="Last year, out of 311,000",
        claimed_text="311,000 apprehended last year",
    ),
    Claim(
        claim_id="A3-migration-04",
        paraphrase="Of last year's apprehensions, fewer than half were of Mexicans.",
        claimed=50, unit="% of apprehensions", period="'last year' (FY2017 in the data)", geography="United States",
        resources=(HIST,), check=_a3_last_year_share, wording="less_than", paragraph="8", quote="fewer than half were Mexican",
        claimed_text="fewer than half of last year's apprehensions were of Mexicans",
    ),
    Claim(
        claim_id="A3-migration-05",
        paraphrase="Citing the BBC, the article says asylum applications went up from 4,995 (2005) to 99,035 (2018).",
        claimed="4995 → 99035", unit="applications", period="2005 and 2018", geography="United States", resources=(), check=None,
        paragraph="9", quote="4,995 in 2005 to 99,035", claimed_text="4,995 asylum applications in 2005, 99,035 in 2018",
        settle_with="the series the BBC used (USCIS credible-fear receipts by fiscal year, 2005 and 2018, would do); searched twice: the "
                    "nearest published counts use other definitions (USCIS credible-fear claims 4,712 in FY2005; CBP credible-fear claims "
                    "92,959 in FY2018; USCIS fear referrals 108,780 in FY2018, in migration_published_figures)",
        searched=("https://www.cbp.gov/newsroom/national-media-release/claims-credible-fear-increase-fiscal-year-2018",),
    ),
    Claim(
        claim_id="A3-migration-06",
        paraphrase="More Mexicans now return home than enter the United States illegally.",
        claimed="net outflow", unit="net migration", period="c. 2018", geography="Mexico–United States", resources=(FIGURES,),
        check=_more_returning, wording="text", paragraph="8", quote="more Mexicans returning home than illegal immigrants",
        claimed_text="more Mexicans go home than come to the U.S. illegally",
    ),
    Claim(
        claim_id="A2-migration-01",
        paraphrase="Net migration from Mexico to the United States had been shrinking for about ten years.",
        claimed="shrinking", unit="net migration", period="c. 2008–2018", geography="Mexico–United States", resources=(FIGURES,),
        check=_net_migration_falling, wording="text", paragraph="26", quote="has been shrinking for about a decade",
        claimed_text="net Mexican migration to the U.S. shrinking for about a decade",
    ),
    Claim(
        claim_id="A2-migration-02",
        paraphrase="In recent years Mexico had returned over half a million Central Americans to their countries.",
        claimed=500000, unit="returns (events)", period="'recent years' (2014–2017, calendar years)", geography="Mexico",
        resources=(FIGURES, PUB), check=_returns_2014_2017, wording="more_than", paragraph="27", quote="sent over 500,000 Central Americans back",
        claimed_text="over 500,000 Central Americans returned by Mexico in recent years",
    ),
    Claim(
        claim_id="A4-migration-01",
        paraphrase="Mexico returned 78,300 Central American migrants to their countries in 2017.",
        claimed=78300, unit="returns (events)", period="2017 (calendar year)", geography="Mexico", resources=(PUB,), check=_returns_2017,
        tolerance=rounding(78_300, 100), paragraph="41", quote="sent 78,300 Central Americans back home",
        claimed_text="78,300 Central Americans returned by Mexico in 2017", note="a figure rounded to the hundred",
    ),
    Claim(
        claim_id="A4-migration-02",
        paraphrase="Mexico deported 38,191 Central Americans in the first half of 2018.",
        claimed=38191, unit="deportations", period="January–June 2018 (calendar)", geography="Mexico", resources=(), check=None,
        paragraph="41", quote="In the first six months of 2018", claimed_text="38,191 Central Americans deported in January–June 2018",
        settle_with="INM/UPM monthly statistical bulletins, January–June 2018; searched: only Guatemala's count of Central Americans "
                    "deported by land from Mexico was found (40,895 in January–May 2018), a receiving-side count",
        searched=("https://eluniversal.com.mx/mundo/crece-cifra-de-migrantes-de-ca-devueltos-desde-mexico/?outputType=amp",),
    ),
    Claim(
        claim_id="A5-migration-01",
        paraphrase="López Obrador sent the National Guard to stop Central American migrants crossing Mexico to the United States.",
        claimed="yes", unit="event", period="2019", geography="Mexico", resources=(EVENTS,), check=_guard, wording="text",
        paragraph="12", quote="AMLO deployed the National Guard to prevent", claimed_text="the National Guard deployed against migrants",
    ),
    Claim(
        claim_id="A5-migration-02",
        paraphrase="Mexico let the United States make asylum seekers wait in Mexican border towns for their U.S. hearings.",
        claimed="yes", unit="event", period="2019–2021", geography="Mexico–United States", resources=(EVENTS, PUB), check=_mpp,
        wording="text", paragraph="12", quote="force asylum seekers to wait in Mexican", claimed_text="asylum seekers made to wait in Mexico (Remain in Mexico)",
    ),
    Claim(
        claim_id="A2-migration-03",
        paraphrase="Central American migration to the north has risen considerably since 2013–14.",
        claimed="grown", unit="trend", period="FY2008–FY2017 (U.S. fiscal years)", geography="U.S. southwest border",
        resources=(CITP,), check=_central_american_growth, wording="text", paragraph="26", quote="has grown substantially since 2013-14",
        claimed_text="northward migration from Central America has grown a lot since 2013–14",
    ),
    Claim(
        claim_id="A3-migration-07",
        paraphrase="Although the border is the world's busiest, immigration is at its lowest level in years.",
        claimed="lowest in years", unit="level", period="FY2017 against FY2007–FY2016", geography="United States", resources=(HIST,),
        check=_a3_lowest_in_years, wording="text", paragraph="8", quote="immigration levels are lower than they have",
        claimed_text="immigration at its lowest level in years (December 2018)",
    ),
    Claim(
        claim_id="A3-migration-08",
        paraphrase="About 6,000 asylum seekers, mostly Central Americans, were waiting in Tijuana to enter the United States.",
        claimed=6000, unit="persons", period="December 2018", geography="Tijuana, Baja California", resources=(FIGURES,), check=_tijuana,
        wording="approximate", paragraph="9", quote="currently some 6,000 asylum seekers", claimed_text="some 6,000 asylum seekers waiting in Tijuana",
    ),
    Claim(
        claim_id="A3-migration-09",
        paraphrase="In April the Senate, reacting (the article says) to family separations, called for ending migration and security cooperation entirely.",
        claimed="in response to family separations", unit="order of events", period="April 2018", geography="Mexico", resources=(EVENTS,),
        check=_senate_before_separations, wording="text", paragraph="12", quote="only in April that the Mexican Senate",
        claimed_text="in April 2018 the Senate, answering family separations, called for an end to all cooperation",
    ),
    Claim(
        claim_id="A4-migration-03",
        paraphrase="Since the 2014 surge of unaccompanied minors, Mexico has stepped up its returns of Central Americans.",
        claimed="increased", unit="trend", period="2013–2017 (calendar years)", geography="Mexico", resources=(FIGURES, PUB),
        check=_returns_ramped_up, wording="text", paragraph="41", quote="Mexico has ramped up its efforts",
        claimed_text="Mexico stepped up returns of Central Americans after the 2014 crisis",
    ),
    Claim(
        claim_id="A1-migration-03",
        paraphrase="Trump had recently modified his policy of separating migrant children from their parents.",
        claimed="recently", unit="timing", period="June 2018", geography="United States", resources=(EVENTS,),
        check=recently(Label.FAMILY_SEPARATION_ORDER, "A1", "Executive Order 13841 ended most separations"), wording="text",
        paragraph="4", quote="his recently amended policy of separating children", claimed_text="the separation policy recently amended",
    ),
    Claim(
        claim_id="A1-migration-04",
        paraphrase="After Trump's election, López Obrador toured the United States to speak up for Mexican migrants.",
        claimed="after Trump's election", unit="order of events", period="2017", geography="United States", resources=(EVENTS,),
        check=_tour_after_election, wording="text", paragraph="5", quote="visited the U.S. after Trump",
        claimed_text="a visit to the U.S. after Trump's election, for Mexican migrants",
    ),
    Claim(
        claim_id="A2-migration-04",
        paraphrase="Every month tens of thousands of Central American migrants head north toward Mexico and the United States.",
        claimed=20000, unit="migrants a month", period="2018", geography="Central America to Mexico and the U.S.", resources=(MONTHLY, CITP),
        check=_tens_of_thousands, wording="at_least", paragraph="19", quote="tens of thousands of Central American migrants",
        claimed_text="tens of thousands (20,000 or more) of Central American migrants a month",
    ),
    Claim(
        claim_id="A2-migration-05",
        paraphrase="Millions of undocumented Mexicans live in the United States.",
        claimed=2_000_000, unit="persons", period="c. 2016–2018", geography="United States", resources=(FIGURES,), check=_undocumented_mexicans,
        wording="at_least", paragraph="19", quote="Millions of “undocumented” Mexicans live in the", claimed_text="millions (two or more) of undocumented Mexicans in the U.S.",
    ),
    Claim(
        claim_id="A2-migration-06",
        paraphrase="López Obrador's designated security minister speaks of creating a new border police to help manage migration.",
        claimed=happened(Label.BORDER_POLICE_PROPOSED), unit="order of events", period="July 2018", geography="Mexico", resources=(EVENTS,),
        check=before(Label.BORDER_POLICE_PROPOSED, "A2", "Alfonso Durazo announced a specialised border police"), wording="text",
        paragraph="28", quote="talks about creating a new border patrol", claimed_text="the designated security minister proposes a border patrol",
    ),
    Claim(
        claim_id="A3-migration-10",
        paraphrase="Trump had called Mexican migrants criminals and rapists.",
        claimed=happened(Label.TRUMP_CAMPAIGN_LAUNCH), unit="order of events", period="2015", geography="United States", resources=(EVENTS,),
        check=before(Label.TRUMP_CAMPAIGN_LAUNCH, "A3", "Trump's campaign launch speech"), wording="text", paragraph="3",
        quote="disparaged by Trump as criminals and rapists", claimed_text="Trump disparaged Mexican migrants as criminals and rapists",
    ),
    Claim(
        claim_id="A3-migration-11",
        paraphrase="Trump has sent more troops to the border.",
        claimed="increased", unit="military presence", period="2018", geography="U.S. southern border", resources=(FIGURES,),
        check=_exists("active-duty U.S. troops deployed to the southern border (nearly)", "2018-12", "increased",
                      "active-duty troops deployed to the border by December 2018 (nearly), besides more than 2,000 National Guard"),
        wording="text", paragraph="10", quote="has increased the military presence at the", claimed_text="more troops at the border",
    ),
    Claim(
        claim_id="A3-migration-12",
        paraphrase="Limiting how many asylum claims are processed each day ('metering') has built up a long queue at the border.",
        claimed="a backlog", unit="asylum seekers waiting", period="October–December 2018", geography="U.S.–Mexico border", resources=(FIGURES,),
        check=_exists("asylum seekers waiting along the border in Mexico (metering lists)", "2018-12", "a backlog",
                      "asylum seekers on the metering waiting lists along the border, December 2018"),
        wording="text", paragraph="10", quote="has created a huge backlog", claimed_text="metering has created a huge backlog",
        note="the Tijuana list alone held more than 2,500 people on 31 October 2018; 'huge' is the article's word",
    ),
    Claim(
        claim_id="A3-migration-13",
        paraphrase="More caravans of migrants are on their way north.",
        claimed="on their way", unit="caravans", period="November–December 2018", geography="Mexico", resources=(FIGURES,),
        check=_exists("migrants in a second caravan leaving Mexico City", "2018-11", "on their way",
                      "migrants of a second caravan setting out from Mexico City, November 2018"),
        wording="text", paragraph="9", quote="Further caravans of migrants are on their", claimed_text="further caravans on the way",
    ),
    Claim(
        claim_id="A3-migration-14",
        paraphrase="A contribution of $30 billion from the USMCA countries has been floated for Central America.",
        claimed=happened(Label.JOINT_INVESTMENT_30BN), unit="order of events", period="late 2018", geography="Central America", resources=(EVENTS,),
        check=before(Label.JOINT_INVESTMENT_30BN, "A3", "López Obrador spoke of about $30 billion of joint investment"), wording="text",
        paragraph="11", quote="$30 billion has been muted as a", claimed_text="$30 billion floated as a USMCA contribution",
    ),
    Claim(
        claim_id="A4-migration-04",
        paraphrase="In June 2017 the Trump and Peña Nieto administrations co-hosted a two-day Miami conference on Central America's prosperity and security.",
        claimed="June 2017", unit="month", period="2017", geography="Miami", resources=(EVENTS,),
        check=month_of(Label.CENTRAL_AMERICA_CONFERENCE, "the Conference on Prosperity and Security in Central America opened"),
        wording="date", paragraph="42", quote="cohosted a two-day, high-level conference", claimed_text="a two-day conference co-hosted in June 2017",
    ),
    Claim(
        claim_id="A4-migration-05",
        paraphrase="More than 40,000 Venezuelans flee to neighbouring countries every day, the article says.",
        claimed=40000, unit="persons a day", period="2018", geography="Venezuela", resources=(FIGURES,),
        check=figure_check("Venezuelans leaving Venezuela per day (UN estimate)", "2018", "UNHCR and IOM estimate of departures a day in 2018",
                           note="another UN estimate gives 5,000 a day"),
        wording="more_than", paragraph="48", quote="Upwards of 40,000 Venezuelans are fleeing", claimed_text="upwards of 40,000 Venezuelans leaving a day",
    ),
    Claim(
        claim_id="A4-migration-06",
        paraphrase="Nicaragua has been in a violent political crisis since April 2018.",
        claimed="April 2018", unit="month", period="2018", geography="Nicaragua", resources=(EVENTS,),
        check=month_of(Label.NICARAGUA_PROTESTS_BEGIN, "protests against the Ortega government began"), wording="date",
        paragraph="49", quote="Since April 2018, a violent political crisis", claimed_text="a crisis since April 2018",
    ),
    Claim(
        claim_id="A4-migration-07",
        paraphrase="Human rights groups estimate that security forces and paramilitaries have killed over 400 protesters.",
        claimed=400, unit="protesters killed", period="April–October 2018", geography="Nicaragua", resources=(FIGURES,),
        check=_nicaragua, wording="more_than", paragraph="49", quote="killed more than 400 protestors",
        claimed_text="more than 400 protesters killed (the exact number unknown)",
    ),
    Claim(
        claim_id="A4-migration-08",
        paraphrase="Close to 200 Nicaraguans a day are arriving in Costa Rica and asking for asylum.",
        claimed=200, unit="persons a day", period="2018", geography="Costa Rica", resources=(FIGURES,),
        check=figure_check("Nicaraguans applying for asylum in Costa Rica per day (roughly)", "2018", "UNHCR: asylum applications a day in 2018"),
        wording="approximate", paragraph="49", quote="Nearly 200 Nicaraguans are arriving daily in", claimed_text="nearly 200 asylum seekers a day",
    ),
    Claim(
        claim_id="A4-migration-09",
        paraphrase="After the 2014 crisis of unaccompanied minors, the United States and the Northern Triangle countries launched a development programme.",
        claimed=happened(Label.ALLIANCE_FOR_PROSPERITY), unit="order of events", period="2014–2015", geography="Central America", resources=(EVENTS,),
        check=before(Label.ALLIANCE_FOR_PROSPERITY, "A4", "the Alliance for Prosperity plan was launched"), wording="text",
        paragraph="53 (bullet 7)", quote="Following the 2014 unaccompanied-minor crisis", claimed_text="a development programme launched after the 2014 crisis",
        note="the Alliance for Prosperity is the Northern Triangle's plan (November 2014), which the U.S. strategy of engagement with Central "
             "America (2015) supports; the article merges the two",
    ),
]

