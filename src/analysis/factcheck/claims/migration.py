"""Migration claims of the five articles, checked against the package's migration tables, the events
timeline and the ledger's published figures.

Years: the CBP and OHSS series are U.S. fiscal years (October–September); the figures on Mexico's
returns of Central Americans and Pew's estimates are calendar years. Each check says which one it uses.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis.chapters import migration as mig
from analysis.data.events import Label
from analysis.factcheck.claims._common import COMMON, event, events, figure
from analysis.factcheck.claims._records import Checks, read_claims
from analysis.factcheck.rules import Evidence

HIST = "usbp_apprehensions_historical"
CITP = "usbp_sw_citizenship_annual"
MONTHLY = "sw_border_encounters_monthly"
PUB = "migration_published_figures"


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
def _senate_before_separations(load) -> Evidence:
    (senate, zero), rows = events(load, Label.SENATE_ASKS_TO_SUSPEND_COOPERATION, Label.ZERO_TOLERANCE_ORDERED)
    value = "before the family separations began" if senate < zero else "in response to family separations"
    return Evidence(value=value, rows=rows,
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
    (tour, elected), rows = events(load, Label.AMLO_US_TOUR, Label.TRUMP_ELECTED_2016)
    return Evidence(value="after Trump's election" if tour > elected else "before Trump's election", rows=rows,
                    method=f"López Obrador's U.S. tour ({tour:%B %Y}) against Trump's election ({elected.date()})")


# The claims themselves are data: migration.yml, beside this module.
CLAIMS = read_claims(Path(__file__).with_suffix(".yml"), CHECKS)
