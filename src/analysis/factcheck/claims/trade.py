"""Trade claims of the five articles (paraphrased), checked against the data package.

Reference year: the articles were written in July–December 2018, so "now" means the latest
complete calendar year then available, 2017 (U.S. trade statistics are calendar-year).
"""

from __future__ import annotations

from analysis.chapters import trade as t
from analysis.factcheck.rules import Claim, Evidence
from analysis.data.events import Label, event_date

ARTICLE_YEAR = 2017  # latest complete calendar year when the 2018 articles were written
RANK_NOTE = ("The package holds monthly trade with Mexico, Canada, China and the world only, so the rank is among those "
             "three partners; a full ranking needs the Census table of every country.")


def _annual(load):
    return t.annual_totals(load("us_trade_monthly"))


def _export_share(load) -> Evidence:
    row = t.latest_published_share(load("mexico_export_share_published"), before_year=2018)
    return Evidence(
        value=float(row["share_pct"]),
        method=f"Latest annual share published for a year before 2018: {row['period']} ({row['publisher']}, scope: {row['scope']})",
        note="Annual shares for 2018–2023 were not found; September 2023 (one month) was 82.7% of total exports.",
    )


def _export_rank(load) -> Evidence:
    annual = _annual(load)
    return Evidence(value=float(t.rank_in_year(annual, "Mexico", ARTICLE_YEAR, "exports")),
                    method=f"Rank of U.S. exports to Mexico among Canada, Mexico and China, calendar {ARTICLE_YEAR} (sum of 12 months)",
                    other_definition=float(t.rank_in_year(annual, "Mexico", 2018, "exports")), other_definition_name="calendar 2018",
                    note=RANK_NOTE)


def _per_minute(load) -> Evidence:
    table = t.dollars_per_minute(_annual(load)).set_index("year")
    return Evidence(value=round(float(table.loc[ARTICLE_YEAR, "usd_mn_per_minute"]), 3),
                    method=f"U.S.–Mexico goods exports + imports in calendar {ARTICLE_YEAR} divided by the minutes in the year",
                    other_definition=round(float(table.loc[2018, "usd_mn_per_minute"]), 3), other_definition_name="calendar 2018",
                    note="Goods only; services trade would raise the figure.")


def _total_rank(load) -> Evidence:
    annual = _annual(load)
    return Evidence(value=float(t.rank_in_year(annual, "Mexico", ARTICLE_YEAR, "total")),
                    method=f"Rank of U.S. goods trade (exports + imports) with Mexico among China, Canada and Mexico, calendar {ARTICLE_YEAR}",
                    other_definition=float(t.rank_in_year(annual, "Mexico", 2018, "total")), other_definition_name="calendar 2018",
                    note=RANK_NOTE + " In 2019 Mexico ranked first among the three (see the chapter).")


def _event(label: str, method: str):
    def check(load) -> Evidence:
        return Evidence(value=event_date(load("events"), label).strftime("%Y-%m-%d"), method=method)
    return check


def _nafta_age(load) -> Evidence:
    events = load("events")
    start, agreed = event_date(events, Label.NAFTA_IN_FORCE), event_date(events, Label.USMCA_TEXT_AGREED)
    return Evidence(value=float(t.completed_years_between(start, agreed)),
                    method="Completed years between NAFTA's entry into force and the 30 September 2018 agreement (events resource)")


def _signed_year(load) -> Evidence:
    events = load("events")
    return Evidence(value=str(event_date(events, Label.USMCA_SIGNED).year),
                    method="Year the USMCA was signed by the three leaders (events resource)",
                    other_definition=str(event_date(events, Label.USMCA_PROTOCOL_SIGNED).year),
                    other_definition_name="year the Protocol of Amendment was signed",
                    note="Mexico's Senate ratified the original text in June 2019 and the amended text later.")


# ---------------------------------------------------------------------------------------------
# Further claims (issue 8): the renegotiation timeline and the 2018 tariffs.

def _tariffs_during_talks(load) -> Evidence:
    events = load("events")
    begun, tariffs, agreed = (event_date(events, label) for label in (Label.NAFTA_TALKS_BEGIN, Label.STEEL_ALUMINIUM_TARIFFS_ON_MEXICO, Label.USMCA_TEXT_AGREED))
    return Evidence(value="during the talks" if begun <= tariffs <= agreed else "outside the talks",
                    method=f"Section 232 tariffs applied to Mexico on {tariffs.date()}, between the start of the talks ({begun.date()}) "
                           f"and the agreement on the text ({agreed.date()}) (events resource)",
                    note="Mexico's retaliatory tariffs and the tariffs on Canada are not in the events resource.")


def _talks_year(load) -> Evidence:
    return Evidence(value=str(event_date(load("events"), Label.NAFTA_TALKS_BEGIN).year),
                    method="Year the formal NAFTA renegotiation talks began (events resource)")


def _talks_length(load) -> Evidence:
    events = load("events")
    begun, agreed = event_date(events, Label.NAFTA_TALKS_BEGIN), event_date(events, Label.USMCA_TEXT_AGREED)
    return Evidence(value=round((agreed - begun).days / 365.25, 2),
                    method=f"Years from the formal start of the talks ({begun.date()}) to the agreement on the text ({agreed.date()}) (events resource)",
                    note="Counted from the formal start of negotiations; the package has no date for earlier preparatory steps.")


CLAIMS = [
    Claim(
        claim_id="A2-trade-01",
        paraphrase="About four-fifths of Mexico's exports are sold to the United States.",
        claimed=80.0,
        unit="% of Mexico's exports",
        period="2017 (latest published year before the article)",
        geography="Mexico",
        resources=("mexico_export_share_published",),
        check=_export_share,
        wording="approximate",
    ),
    Claim(
        claim_id="A3-trade-01",
        paraphrase="Roughly 80 percent of what Mexico exports goes to the United States.",
        claimed=80.0,
        unit="% of Mexico's exports",
        period="2017 (latest published year before the article)",
        geography="Mexico",
        resources=("mexico_export_share_published",),
        check=_export_share,
        wording="approximate",
    ),
    Claim(
        claim_id="A2-trade-02",
        paraphrase="Mexico is the second-biggest market in the world for U.S. exports.",
        claimed=2.0,
        unit="rank among U.S. export markets",
        period=f"calendar {ARTICLE_YEAR}",
        geography="United States",
        resources=("us_trade_monthly",),
        check=_export_rank,
    ),
    Claim(
        claim_id="A3-trade-02",
        paraphrase="Mexico ranks second among the destinations of U.S. exports.",
        claimed=2.0,
        unit="rank among U.S. export markets",
        period=f"calendar {ARTICLE_YEAR}",
        geography="United States",
        resources=("us_trade_monthly",),
        check=_export_rank,
    ),
    Claim(
        claim_id="A2-trade-03",
        paraphrase="The United States and Mexico trade goods worth about a million dollars every minute.",
        claimed=1.0,
        unit="USD million per minute",
        period=f"calendar {ARTICLE_YEAR}",
        geography="United States–Mexico",
        resources=("us_trade_monthly",),
        check=_per_minute,
        wording="approximate",
    ),
    Claim(
        claim_id="A4-trade-01",
        paraphrase="Mexico is the third-largest U.S. trading partner, after China and Canada.",
        claimed=3.0,
        unit="rank among U.S. trading partners (goods, exports + imports)",
        period=f"calendar {ARTICLE_YEAR}",
        geography="United States",
        resources=("us_trade_monthly",),
        check=_total_rank,
    ),
    Claim(
        claim_id="A4-trade-02",
        paraphrase="The three NAFTA countries agreed on an updated trade agreement on 30 September 2018.",
        claimed="2018-09-30",
        unit="date",
        period="2018",
        geography="United States, Mexico, Canada",
        resources=("events",),
        check=_event(Label.USMCA_TEXT_AGREED, "Date of the U.S.–Canada agreement, alongside Mexico, on the USMCA text (events resource)"),
    ),
    Claim(
        claim_id="A4-trade-03",
        paraphrase="NAFTA was 24 years old when its replacement was agreed in 2018.",
        claimed=24.0,
        unit="years",
        period="1994–2018",
        geography="North America",
        resources=("events",),
        check=_nafta_age,
    ),
    Claim(
        claim_id="A3-trade-03",
        paraphrase="Peña Nieto's government concluded the USMCA on the eve of López Obrador's inauguration.",
        claimed="2018-11-30",
        unit="date",
        period="2018",
        geography="United States, Mexico, Canada",
        resources=("events",),
        check=_event(Label.USMCA_SIGNED, "Date the USMCA was signed at the G20 in Buenos Aires (events resource)"),
        note="López Obrador took office on 1 December 2018, the next day.",
    ),
    Claim(
        claim_id="A5-trade-01",
        paraphrase="Mexico signed the USMCA, the revised NAFTA, in 2019.",
        claimed="2019",
        unit="year",
        period="2018–2019",
        geography="Mexico",
        resources=("events",),
        check=_signed_year,
    ),
    Claim(
        claim_id="A2-trade-04",
        paraphrase="There are about a million legal crossings of the U.S.–Mexico border every day.",
        claimed=1_000_000.0,
        unit="crossings per day",
        period="2017–2018",
        geography="U.S.–Mexico border",
        resources=(),
        check=None,
        settle_with="Bureau of Transportation Statistics Border Crossing Entry Data (inbound persons by port, monthly)",
        wording="approximate",
    ),
    Claim(
        claim_id="A2-trade-05",
        paraphrase="While NAFTA was being renegotiated, the United States imposed tariffs on Mexican (and Canadian) steel and aluminium.",
        claimed="during the talks",
        unit="timing",
        period="2017–2018",
        geography="United States–Mexico",
        resources=("events",),
        check=_tariffs_during_talks,
    ),
    Claim(
        claim_id="A3-trade-04",
        paraphrase="Trump pushed for NAFTA to be renegotiated in 2017, the year before the article.",
        claimed="2017",
        unit="year",
        period="2017",
        geography="United States, Mexico, Canada",
        resources=("events",),
        check=_talks_year,
    ),
    Claim(
        claim_id="A4-trade-05",
        paraphrase="The USMCA was agreed after close to two years of negotiation.",
        claimed=2.0,
        unit="years",
        period="2017–2018",
        geography="United States, Mexico, Canada",
        resources=("events",),
        check=_talks_length,
        wording="approximate",
    ),
    Claim(
        claim_id="A3-trade-05",
        paraphrase="The U.S.–Mexico border is the world's busiest.",
        claimed="busiest in the world",
        unit="rank among land borders",
        period="c. 2018",
        geography="U.S.–Mexico border",
        resources=(),
        check=None,
        settle_with="annual crossings at every major land border on one definition (for the U.S. side, the Bureau of Transportation "
                       "Statistics Border Crossing Entry Data); the package has no crossing counts",
    ),
]
