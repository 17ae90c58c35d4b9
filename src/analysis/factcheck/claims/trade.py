"""Trade claims of the five articles (paraphrased), checked against the data package.

Reference year: the 2018 articles were written in July–December 2018, so "now" means the latest
complete calendar year then available, 2017 (U.S. trade statistics are calendar-year). Ranks "in the
world" are settled with the U.S. Commerce Department's statement (ledger figures); the package's own
monthly series covers Mexico, Canada and China only. Article A5's USMCA signing year is checked
once, in ``claims.transition`` (A5-transition-06), and shown on the trade page too.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis.chapters import trade as t
from analysis.data.events import Label
from analysis.factcheck.claims._common import COMMON, before_article, completed_years, event, events, figure
from analysis.factcheck.claims._records import Checks, read_claims
from analysis.factcheck.rules import Evidence

ARTICLE_YEAR = 2017  # latest complete calendar year when the 2018 articles were written
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


@CHECKS.factory
def _event_date(label: str, method: str):
    def check(load) -> Evidence:
        date, row = event(load, label)
        return Evidence(value=date.strftime("%Y-%m-%d"), method=f"{method} (events)", rows=(row,))
    return check


@CHECKS.check
def _nafta_age(load) -> Evidence:
    (start, agreed), rows = events(load, Label.NAFTA_IN_FORCE, Label.USMCA_TEXT_AGREED)
    return Evidence(value=float(completed_years(start, agreed)), rows=rows,
                    method=f"completed years between NAFTA's entry into force ({start.date()}) and the agreement of {agreed.date()}")


@CHECKS.check
def _tariffs_and_retaliation(load) -> Evidence:
    (begun, tariffs, retaliation, agreed), rows = events(load, Label.NAFTA_TALKS_BEGIN, Label.STEEL_ALUMINIUM_TARIFFS_ON_MEXICO,
                                                         Label.MEXICO_RETALIATES, Label.USMCA_TEXT_AGREED)
    during = begun <= tariffs <= agreed and tariffs <= retaliation <= agreed
    return Evidence(value="during the talks, and Mexico retaliated" if during else "not during the talks",
                    rows=rows,
                    method=f"Section 232 tariffs applied to Mexico on {tariffs.date()} and Mexico's retaliatory tariffs on {retaliation.date()}, "
                           f"between the start of the talks ({begun.date()}) and the agreement on the text ({agreed.date()})",
                    checked_scope="Mexico only: the tariffs on Canada and Canada's retaliation are not dated in the package")


@CHECKS.check
def _talks_year(load) -> Evidence:
    date, row = event(load, Label.NAFTA_TALKS_BEGIN)
    return Evidence(value=str(date.year), method=f"year the formal NAFTA renegotiation began ({date.date()})", rows=(row,))


@CHECKS.check
def _talks_length(load) -> Evidence:
    (begun, agreed), rows = events(load, Label.NAFTA_TALKS_BEGIN, Label.USMCA_TEXT_AGREED)
    return Evidence(value=round((agreed - begun).days / 365.25, 2), rows=rows,
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
    (signed, office), rows = events(load, Label.USMCA_SIGNED, Label.AMLO_TAKES_OFFICE)
    last_day = office - pd.Timedelta(days=1)
    return Evidence(value=last_day.strftime("%Y-%m-%d") if signed <= last_day else "signed after Peña Nieto's term",
                    rows=rows,
                    method=f"the last day of Peña Nieto's term, the day before López Obrador took office ({office.date()}), provided the "
                           f"USMCA was signed by then (signed {signed.date()})")


# The claims themselves are data: trade.yml, beside this module.
CLAIMS = read_claims(Path(__file__).with_suffix(".yml"), CHECKS)
