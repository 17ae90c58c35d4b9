"""Trade claims of the five articles (paraphrased), checked against the data package.

Reference year: the 2018 articles were written in July–December 2018, so "now" means the latest
complete calendar year then available, 2017 (U.S. trade statistics are calendar-year). Ranks "in the
world" are settled with the U.S. Commerce Department's statement (ledger figures); the package's own
monthly series covers Mexico, Canada and China only. Article A5's USMCA signing year is checked
once, in ``claims.transition`` (A5-transition-06), and shown on the trade page too.
"""

from __future__ import annotations

import pandas as pd

from analysis.chapters import trade as t
from analysis.data.events import Label
from analysis.factcheck.claims._common import COMMON, FIGURES, before_article, completed_years, event, figure, happened
from analysis.factcheck.claims._records import Checks
from analysis.factcheck.rules import Claim, Evidence

ARTICLE_YEAR = 2017  # latest complete calendar year when the 2018 articles were written
EVENTS = "events"
SHARES = "mexico_export_share_published"


# The checks trade.yml names, besides the shared ones (_common.COMMON).
CHECKS = Checks(COMMON)


@CHECKS.check
def _export_share(load) -> Evidence:
    row = t.latest_published_share(load(SHARES), before_year=2018)
    return Evidence(
        value=float(row["share_pct"]),
        method=f"latest annual share published for a year before 2018: {row['period']} ({row['publisher']}, scope: {row['scope']})",
        rows=((SHARES, {"source_row": int(row["source_row"])}),),
    )


@CHECKS.factory
def _commerce_rank(indicator: str, flow: str):
    def check(load) -> Evidence:
        rank, row = figure(load, indicator, str(ARTICLE_YEAR))
        annual = t.annual_totals(load("us_trade_monthly"))
        among_three = t.rank_in_year(annual, "Mexico", ARTICLE_YEAR, flow)
        return Evidence(value=rank, rows=(row, ("us_trade_monthly", {"partner": "Mexico"})),
                        method=f"rank stated by the U.S. Commerce Department for {ARTICLE_YEAR}; the package's monthly goods data give "
                               f"rank {among_three} among Canada, Mexico and China",
                        note="with the European Union counted as one bloc Mexico would rank one place lower")
    return check


@CHECKS.check
def _per_minute(load) -> Evidence:
    table = t.dollars_per_minute(t.annual_totals(load("us_trade_monthly"))).set_index("year")
    return Evidence(value=round(float(table.loc[ARTICLE_YEAR, "usd_mn_per_minute"]), 3),
                    method=f"U.S.–Mexico goods exports plus imports in calendar {ARTICLE_YEAR} divided by the minutes in the year",
                    rows=(("us_trade_monthly", {"partner": "Mexico"}),),
                    checked_scope="goods only: the package has no services trade (the article does not restrict the claim to goods)")


@CHECKS.check
def _crossings(load) -> Evidence:
    inbound, inbound_row = figure(load, "daily average inbound legal crossings of pedestrians, passengers and crew, southwest border", "FY2014")
    both, both_row = figure(load, "people crossing the border legally every day, both directions (Mexican government statement)", "2016")
    return Evidence(value=inbound, other_definition=both, rows=(inbound_row, both_row),
                    other_definition_name="crossings in both directions (the Mexican government's statement; no agency counts them)",
                    method="CBP's daily average of inbound legal crossings at the southwest border, FY2014, as quoted by PolitiFact",
                    note="PolitiFact rated the one-million figure Mostly True; CBP counts only entries into the United States")


@CHECKS.factory
def _event_date(label: str, method: str):
    def check(load) -> Evidence:
        date, row = event(load, label)
        return Evidence(value=date.strftime("%Y-%m-%d"), method=f"{method} (events)", rows=(row,))
    return check


@CHECKS.check
def _nafta_age(load) -> Evidence:
    start, start_row = event(load, Label.NAFTA_IN_FORCE)
    agreed, agreed_row = event(load, Label.USMCA_TEXT_AGREED)
    return Evidence(value=float(completed_years(start, agreed)), rows=(start_row, agreed_row),
                    method=f"completed years between NAFTA's entry into force ({start.date()}) and the agreement of {agreed.date()}")


@CHECKS.check
def _tariffs_and_retaliation(load) -> Evidence:
    begun, begun_row = event(load, Label.NAFTA_TALKS_BEGIN)
    tariffs, tariffs_row = event(load, Label.STEEL_ALUMINIUM_TARIFFS_ON_MEXICO)
    retaliation, retaliation_row = event(load, Label.MEXICO_RETALIATES)
    agreed, agreed_row = event(load, Label.USMCA_TEXT_AGREED)
    during = begun <= tariffs <= agreed and tariffs <= retaliation <= agreed
    return Evidence(value="during the talks, and Mexico retaliated" if during else "not during the talks",
                    rows=(begun_row, tariffs_row, retaliation_row, agreed_row),
                    method=f"Section 232 tariffs applied to Mexico on {tariffs.date()} and Mexico's retaliatory tariffs on {retaliation.date()}, "
                           f"between the start of the talks ({begun.date()}) and the agreement on the text ({agreed.date()})",
                    checked_scope="Mexico only: the tariffs on Canada and Canada's retaliation are not dated in the package")


@CHECKS.check
def _talks_year(load) -> Evidence:
    date, row = event(load, Label.NAFTA_TALKS_BEGIN)
    return Evidence(value=str(date.year), method=f"year the formal NAFTA renegotiation began ({date.date()})", rows=(row,))


@CHECKS.check
def _talks_length(load) -> Evidence:
    begun, begun_row = event(load, Label.NAFTA_TALKS_BEGIN)
    agreed, agreed_row = event(load, Label.USMCA_TEXT_AGREED)
    return Evidence(value=round((agreed - begun).days / 365.25, 2), rows=(begun_row, agreed_row),
                    method=f"years from the formal start of the talks ({begun.date()}) to the agreement on the text ({agreed.date()})",
                    note="even from USTR's notice to Congress of 18 May 2017 the talks took 1.4 years")


@CHECKS.check
def _busiest_border(load) -> Evidence:
    crossings, row = figure(load, "legal crossings of the U.S.–Mexico border per year (approximately)", "c. 2009-2010")
    return Evidence(value="busiest in the world", rows=(row,),
                    method=f"the most frequently crossed border in the world, about {crossings / 1e6:.0f} million legal crossings a year "
                           "(Guinness World Records 2009; AFP 2010)",
                    note="dated sources; no current comparison of every land border was found")


@CHECKS.check
def _bilateral_deals(load) -> Evidence:
    date, row = event(load, Label.TWO_BILATERAL_DEALS_FLOATED)
    return Evidence(value=before_article(date, "A2", Label.TWO_BILATERAL_DEALS_FLOATED), rows=(row,), method=f"Trump floated two bilateral deals on {date.date()} (events)")


@CHECKS.check
def _border_closure(load) -> Evidence:
    date, row = event(load, Label.BORDER_CLOSURE_THREAT_2018)
    return Evidence(value=before_article(date, "A3", Label.BORDER_CLOSURE_THREAT_2018), rows=(row,),
                    method=f"Trump threatened to close the southern border on {date.date()} (events)",
                    note="he renewed the threat in late November 2018 and again in March–April 2019")


@CHECKS.check
def _signing_day(load) -> Evidence:
    signed, signed_row = event(load, Label.USMCA_SIGNED)
    office, office_row = event(load, Label.AMLO_TAKES_OFFICE)
    last_day = office - pd.Timedelta(days=1)
    return Evidence(value=last_day.strftime("%Y-%m-%d") if signed <= last_day else "signed after Peña Nieto's term",
                    rows=(signed_row, office_row),
                    method=f"the last day of Peña Nieto's term, the day before López Obrador took office ({office.date()}), provided the "
                           f"USMCA was signed by then (signed {signed.date()})")


CLAIMS = [
    Claim(
        claim_id="A2-trade-01",
        paraphrase="About four-fifths of Mexico's exports go to the United States.",
        claimed=80.0, unit="% of Mexico's exports", period="2017 (latest published year before the article)", geography="Mexico",
        resources=(SHARES,), check=_export_share, wording="approximate_share", paragraph="18", quote="Some 80 percent of Mexico’s exports",
        claimed_text="some 80% of Mexico's exports go to the U.S.",
    ),
    Claim(
        claim_id="A3-trade-01",
        paraphrase="Roughly 80 percent of what Mexico exports goes to the United States.",
        claimed=80.0, unit="% of Mexico's exports", period="2017 (latest published year before the article)", geography="Mexico",
        resources=(SHARES,), check=_export_share, wording="approximate_share", paragraph="6", quote="about 80 percent of Mexican exports",
        claimed_text="about 80% of Mexican exports go to the U.S.", note="same figure as A2-trade-01 (another article)",
    ),
    Claim(
        claim_id="A2-trade-02",
        paraphrase="Mexico is the second-biggest market in the world for U.S. exports.",
        claimed=2.0, unit="rank among U.S. export markets", period=f"calendar {ARTICLE_YEAR}", geography="United States",
        resources=(FIGURES, "us_trade_monthly"), check=_commerce_rank("rank of Mexico among U.S. export markets (all countries)", "exports"),
        wording="rank", paragraph="18", quote="second-largest export market in the world", stated_scope="in the world",
        claimed_text="the 2nd-largest market for U.S. exports in the world",
    ),
    Claim(
        claim_id="A3-trade-02",
        paraphrase="Mexico ranks second among the destinations of U.S. exports.",
        claimed=2.0, unit="rank among U.S. export markets", period=f"calendar {ARTICLE_YEAR}", geography="United States",
        resources=(FIGURES, "us_trade_monthly"), check=_commerce_rank("rank of Mexico among U.S. export markets (all countries)", "exports"),
        wording="rank", paragraph="6", quote="the United States’ second largest export market", stated_scope="all U.S. export markets",
        claimed_text="the 2nd-largest U.S. export market",
    ),
    Claim(
        claim_id="A2-trade-03",
        paraphrase="The two countries trade roughly a million dollars a minute (the article does not say goods only).",
        claimed=1.0, unit="USD million per minute", period=f"calendar {ARTICLE_YEAR}", geography="United States–Mexico",
        resources=("us_trade_monthly",), check=_per_minute, wording="approximate", paragraph="18", quote="trade a million dollars a minute",
        claimed_text="about $1 million of trade a minute",
        note="goods and services together were almost $1.6 billion a day in 2016 (export.gov), about $1.1 million a minute",
    ),
    Claim(
        claim_id="A4-trade-01",
        paraphrase="Mexico is one of the largest U.S. trading partners, ranking third after China and Canada.",
        claimed=3.0, unit="rank among U.S. trading partners", period=f"calendar {ARTICLE_YEAR}", geography="United States",
        resources=(FIGURES, "us_trade_monthly"), check=_commerce_rank("rank of Mexico among U.S. trading partners (all countries)", "total"),
        wording="rank", paragraph="6, 12", quote="behind only China and Canada", stated_scope="all U.S. trading partners",
        claimed_text="the 3rd-largest U.S. trading partner, after China and Canada",
    ),
    Claim(
        claim_id="A4-trade-02",
        paraphrase="The three NAFTA countries agreed on an updated trade agreement on 30 September 2018.",
        claimed="2018-09-30", unit="date", period="2018", geography="United States, Mexico, Canada", resources=(EVENTS,),
        check=_event_date(Label.USMCA_TEXT_AGREED, "date of the U.S.–Canada agreement, alongside Mexico, on the USMCA text"),
        wording="date", paragraph="53 (bullet 8)", quote="On September 30, 2018, after nearly", claimed_text="the agreement of 30 September 2018",
    ),
    Claim(
        claim_id="A4-trade-03",
        paraphrase="NAFTA was 24 years old when its replacement was agreed in 2018.",
        claimed=24.0, unit="years", period="1994–2018", geography="North America", resources=(EVENTS,), check=_nafta_age,
        paragraph="53 (bullet 8)", quote="update the 24-year-old trade agreement", claimed_text="a 24-year-old agreement",
    ),
    Claim(
        claim_id="A3-trade-03",
        paraphrase="Peña Nieto's government concluded the USMCA on the eve of López Obrador's inauguration.",
        claimed="2018-11-30", unit="date", period="2018", geography="United States, Mexico, Canada", resources=(EVENTS,),
        check=_event_date(Label.USMCA_SIGNED, "date the USMCA was signed at the G20 in Buenos Aires"),
        wording="date", paragraph="7", quote="a day before AMLO’s inauguration", claimed_text="signed on 30 November 2018, the day before the inauguration",
        note="López Obrador took office on 1 December 2018, the next day",
    ),
    Claim(
        claim_id="A2-trade-04",
        paraphrase="About a million legal crossings of the U.S.–Mexico border take place every day.",
        claimed=1_000_000.0, unit="crossings per day", period="2014–2016", geography="U.S.–Mexico border", resources=(FIGURES,),
        check=_crossings, wording="approximate", paragraph="18", quote="a million legal border crossings each day",
        claimed_text="about 1 million legal crossings a day",
    ),
    Claim(
        claim_id="A2-trade-05",
        paraphrase="The NAFTA talks got harder when the U.S. put steel and aluminium tariffs on Canada and Mexico and both retaliated.",
        claimed="during the talks, and Mexico retaliated", unit="timing", period="2017–2018", geography="United States–Mexico",
        resources=(EVENTS,), check=_tariffs_and_retaliation, wording="text", paragraph="23", quote="put tariffs on steel and aluminum",
        claimed_text="U.S. steel and aluminium tariffs on Mexico and Canada during the talks, and both retaliated",
    ),
    Claim(
        claim_id="A3-trade-04",
        paraphrase="Trump pushed for NAFTA to be renegotiated in 2017, the year before the article.",
        claimed="2017", unit="year", period="2017", geography="United States, Mexico, Canada", resources=(EVENTS,), check=_talks_year,
        wording="date", paragraph="6", quote="renegotiation of NAFTA last year", claimed_text="the renegotiation pressed 'last year' (2017)",
    ),
    Claim(
        claim_id="A4-trade-05",
        paraphrase="The USMCA was agreed after close to two years of negotiation.",
        claimed=2.0, unit="years", period="2017–2018", geography="United States, Mexico, Canada", resources=(EVENTS,), check=_talks_length,
        wording="approximate", paragraph="53 (bullet 8)", quote="after nearly two years of negotiations", claimed_text="nearly two years of talks",
    ),
    Claim(
        claim_id="A3-trade-05",
        paraphrase="No border in the world is crossed more often than the Mexico–U.S. border.",
        claimed="busiest in the world", unit="rank among land borders", period="c. 2018", geography="U.S.–Mexico border",
        resources=(FIGURES,), check=_busiest_border, wording="rank", paragraph="8", quote="is the busiest in the world",
        stated_scope="in the world", claimed_text="the busiest border in the world",
    ),
    Claim(
        claim_id="A2-trade-06",
        paraphrase="Trump talks of replacing NAFTA with two separate bilateral deals, which Mexico and Canada oppose.",
        claimed=happened(Label.TWO_BILATERAL_DEALS_FLOATED), unit="order of events", period="2018", geography="United States, Mexico, Canada",
        resources=(EVENTS,), check=_bilateral_deals, wording="text", paragraph="23", quote="breaking the treaty into two bilateral agreements",
        claimed_text="Trump speaks of two bilateral agreements instead of NAFTA",
    ),
    Claim(
        claim_id="A3-trade-06",
        paraphrase="Trump has threatened to close the border, which would cost both countries billions in lost trade.",
        claimed=happened(Label.BORDER_CLOSURE_THREAT_2018), unit="order of events", period="2018", geography="U.S.–Mexico border", resources=(EVENTS,),
        check=_border_closure, wording="text", paragraph="13", quote="A border closure, as Trump has threatened",
        claimed_text="Trump has threatened to close the border",
    ),
    Claim(
        claim_id="A4-trade-06",
        paraphrase="The new agreement was to be signed by 30 November, the last day of Peña Nieto's presidency.",
        claimed="2018-11-30", unit="date", period="2018", geography="United States, Mexico, Canada", resources=(EVENTS,), check=_signing_day,
        wording="date", paragraph="53 (bullet 8)", quote="The text is set to be signed", claimed_text="signature by 30 November 2018, Peña Nieto's last day",
        note="same fact as A3-trade-03 (another article)",
    ),
    Claim(
        claim_id="A4-trade-07",
        paraphrase="Once the implementing bill is introduced, Congress must vote on the agreement within 90 days at most.",
        claimed=90, unit="days", period="2019", geography="United States", resources=(), check=None, wording="at_most",
        paragraph="53 (bullet 8)", quote="Congress has a maximum of 90 days", claimed_text="at most 90 days for Congress to vote",
        settle_with="the statutory deadlines of 19 U.S.C. 2191 (45 days in committee, 15 on each floor…) as set out by CRS (R44584); "
                    "searched twice: the CRS summaries found do not give the total, and only secondary pages say 'no more than 90 days'",
        searched=("https://www.everycrsreport.com/files/20160812_R44584_3d39ae5ac17ac9319887ea44072c21a968f06e3d.html",),
    ),
]
