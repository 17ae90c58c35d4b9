"""Security claims of articles A2 (Wayne, July 2018), A3 (Atlantic Sentinel, December 2018),
A4 (Quintana, Heritage Backgrounder 3359, November 2018) and A5 (Starr and Ling, February 2021).

Homicide counts are INEGI deaths by homicide (registration year). A figure the article took from a
preliminary release is compared with that release through ``as_published`` (the 2012 preliminary
count is in the ledger's own figures; later ones in ``homicides_national_annual``). The A5 claims
dated by month (security law, Cienfuegos's exoneration) are in ``claims.transition``; this module
checks what the article says happened around them.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis.data.events import Label
from analysis.factcheck.claims._common import ARTICLE_DATE, COMMON, FIGURES, before_article, events, figure, figure_unit
from analysis.factcheck.claims._records import Checks, read_claims
from analysis.factcheck.rules import Evidence

NATIONAL = "homicides_national_annual"
MONTHLY = "homicides_state_monthly"
POPPY = "poppy_mexico_annual"
CPI = "cpi_mexico_annual"
MERIDA = "merida_appropriations"
OVERDOSES = "overdose_deaths_us_annual"


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
    (decriminalise, amnesty), rows = events(load, Label.DECRIMINALISATION_PROPOSED, Label.AMNESTY_PROPOSED)
    latest = max(decriminalise, amnesty)
    return Evidence(value=before_article(latest, "A3", PROPOSALS), rows=rows,
                    method=(f"the designated interior secretary proposed decriminalising marijuana and licensing poppy for medicine "
                            f"({decriminalise.date()}); the security team proposed an amnesty for low-level offenders ({amnesty.date()})"))


@CHECKS.check
def _cienfuegos_return(load) -> Evidence:
    (dropped, dismissed, cleared), rows = events(load, Label.US_TO_DROP_CIENFUEGOS_CASE, Label.CIENFUEGOS_CHARGES_DISMISSED,
                                                 Label.FGR_CLEARS_CIENFUEGOS)
    return Evidence(value="charges dropped, returned to Mexico", rows=rows,
                    method=(f"the United States asked to drop the charges ({dropped.date()}) and a judge dismissed them ({dismissed.date()}); "
                            "Cienfuegos went back to Mexico a free man, to be investigated there; no extradition took place"),
                    note=f"the order is right: this came before the FGR cleared him ({cleared.date()})")


@CHECKS.check
def _evidence_released(load) -> Evidence:
    (cleared, released), rows = events(load, Label.FGR_CLEARS_CIENFUEGOS, Label.AMLO_BACKS_FGR_ACCUSES_DEA)
    return Evidence(value="after" if released >= cleared else "before", rows=rows,
                    method=(f"López Obrador ordered the U.S. case file published, accusing the DEA of fabricating it, on {released.date()}; "
                            f"the FGR declined to prosecute on {cleared.date()}"))


@CHECKS.check
def _restrictions_loosened(load) -> Evidence:
    (law, rules), rows = events(load, Label.FOREIGN_AGENTS_LAW_PUBLISHED, Label.FOREIGN_AGENT_RULES)
    loosened = law < rules <= ARTICLE_DATE["A5"]
    return Evidence(value="loosened" if loosened else "not loosened", rows=rows,
                    method=f"the law on foreign agents was published on {law.date()}; guidelines softening parts of it followed on {rules.date()}")


@CHECKS.check
def _arrest_eve(load) -> Evidence:
    (arrest, election), rows = events(load, Label.CIENFUEGOS_ARRESTED, Label.US_ELECTION_DAY)
    gap = (election - arrest).days
    return Evidence(value="on the eve" if gap <= 1 else f"{gap} days before", rows=rows,
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


# The claims themselves are data: security.yml, beside this module.
CLAIMS = read_claims(Path(__file__).with_suffix(".yml"), CHECKS)
