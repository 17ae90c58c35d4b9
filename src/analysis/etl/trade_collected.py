"""Trade figures the project collected from published pages: partners' shares and ranks, tariffs
and USMCA terms, and foreign direct investment into Mexico.

Raw input (relative to RAW): ``collected/trade_figures.csv``, compiled for the project (see
``raw/collected/README.md``); one published figure per row with the URL of the page where it was
read and a verbatim excerpt. There is no single publisher download: the rows' pages are the
resources' sources (``row_sources``), among them USTR releases (https://ustr.gov/about-us/policy-offices/press-office),
the USMCA's Article 34.7 as quoted at https://ielp.worldtradelaw.net/2018/12/how-exactly-will-the-new-naftas-sunset-clause-work.html,
and the Secretaría de Economía's FDI releases as reported by the Mexican press. Topics read here: ``trade_partner_share`` and ``trade_partner_rank``
(``us_trade_shares_published``), ``trade_tariffs`` and ``trade_usmca`` (``trade_policy_published``),
``investment_fdi`` (``mexico_fdi_published``). The annual goods-trade totals of the same file
(topic ``trade_us_goods``) are read by :mod:`analysis.etl.trade`.

Each row gets a short ``measure`` identifier from the tables below, so that chapters and tests
name a figure by a stable key rather than by its published wording; an indicator that is not in
the table is an error naming its row.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from analysis.etl import DerivationError, resources_from_meta
from analysis.etl.published import calendar_year, read_published

COLLECTED = "collected/trade_figures.csv"
STATUSES = ["preliminary", "revised", "final", "unspecified"]

# Shares and ranks: the indicator's wording before " – <partner>".
SHARE_MEASURES = {
    "share of U.S. goods imports": "share of U.S. goods imports",
    "share of U.S. goods exports": "share of U.S. goods exports",
    "share of U.S. goods trade (exports+imports)": "share of U.S. goods trade",
    "rank among all U.S. goods trading partners (exports+imports)": "rank among U.S. goods trading partners",
    "rank among all U.S. goods export markets": "rank among U.S. goods export markets",
}
POLICY_MEASURES = {
    "Section 232 tariff on steel imports from Mexico, from 1 June 2018": "section_232_steel_rate",
    "Section 232 tariff on aluminium imports from Mexico, from 1 June 2018": "section_232_aluminium_rate",
    "annual value of U.S. exports covered by Mexico's retaliatory tariffs (estimate)": "retaliation_value",
    "rates of Mexico's retaliatory tariffs (range)": "retaliation_rates",
    "threatened tariff on all imports from Mexico: first step, from 10 June 2019": "threat_first_rate",
    "threatened tariff on all imports from Mexico: last step, from 1 October 2019": "threat_last_rate",
    "USMCA regional value content required for duty-free autos": "usmca_auto_rvc",
    "NAFTA regional value content for autos (before the USMCA)": "nafta_auto_rvc",
    "USMCA labour value content for autos (share made by workers earning at least the wage floor)": "usmca_auto_lvc",
    "USMCA wage floor for the labour value content": "usmca_lvc_wage",
    "USMCA share of automakers' steel and aluminium purchases that must come from North America": "usmca_steel_aluminium_content",
    "USMCA term unless the parties extend it (sunset clause)": "usmca_term_years",
    "USMCA first joint review (years after entry into force)": "usmca_review_years",
    "USMCA Rapid Response Mechanism requests to Mexico (cumulative)": "rrm_requests",
    "workers in Mexico who directly benefited from Rapid Response Mechanism cases (more than)": "rrm_workers",
    "U.S. legal claims against Mexico's genetically engineered corn measures brought by the United States": "corn_claims_brought",
    "U.S. legal claims against Mexico's genetically engineered corn measures upheld by the panel": "corn_claims_upheld",
}
FDI_MEASURES = {
    "FDI inflows to Mexico (first release, preliminary)": "inflows",
    "FDI inflows to Mexico (revised)": "inflows",
    "FDI inflows to Mexico from two extraordinary operations (Televisa–Univision merger, Aeroméxico restructuring)": "extraordinary operations",
    "FDI inflows to Mexico: new investments (nuevas inversiones)": "new investments",
    "share of FDI inflows coming from the United States": "share from the United States",
    "share of FDI inflows going to manufacturing": "share going to manufacturing",
}
TOPICS = {"trade_tariffs": "tariffs", "trade_usmca": "USMCA"}


def _rows(raw: Path, topics: list[str]) -> list[dict]:
    """The collected rows of ``topics`` with ``path`` (for errors) and the fields every table keeps."""
    frame = read_published(raw, topics, files=(COLLECTED,))
    rows = []
    for record in frame.to_dict("records"):
        if record["status"] not in STATUSES and record["value_text"] != "NOT FOUND":
            raise DerivationError(raw / COLLECTED, f"status {record['status']!r} not one of {STATUSES}", row=record["source_row"], field="status")
        rows.append({**record, "path": raw / COLLECTED,
                     "common": {"status": record["status"], "publisher": record["publisher"], "document": record["document"] or None,
                                "source_url": record["url"] or None, "note": record["retrieved_note"] or None,
                                "source_row": record["source_row"]}})
    return rows


def _measure(table: dict, text: str, record: dict) -> str:
    if text not in table:
        raise DerivationError(record["path"], f"indicator {text!r} has no measure in {__name__}", row=record["source_row"], field="indicator")
    return table[text]


def _year(record: dict) -> int:
    return calendar_year(record["period"], record["path"], record["source_row"])


def _frame(raw: Path, rows: list[dict], key: list[str]) -> pd.DataFrame:
    table = pd.DataFrame(rows)
    duplicated = table.duplicated(key)
    if duplicated.any():
        raise DerivationError(raw / COLLECTED, f"two rows for the same {', '.join(key)}", row=int(table.loc[duplicated, "source_row"].iloc[0]))
    return table.sort_values([*key, "source_row"]).reset_index(drop=True)


def derive_shares(raw: Path, built: dict) -> pd.DataFrame:
    rows = []
    for record in _rows(raw, ["trade_partner_share", "trade_partner_rank"]):
        wording, _, partner = record["indicator"].rpartition(" – ")
        if partner != record["geo"]:
            raise DerivationError(record["path"], f"indicator names {partner!r} but geo is {record['geo']!r}", row=record["source_row"], field="geo")
        measure = _measure(SHARE_MEASURES, wording, record)
        unit = "rank" if measure.startswith("rank") else "percent"
        if (unit == "rank") != (record["unit"] == "rank"):
            raise DerivationError(record["path"], f"unit {record['unit']!r} does not fit {measure!r}", row=record["source_row"], field="unit")
        rows.append({"partner": partner, "year": _year(record), "measure": measure, "value": record["value"], "unit": unit, **record["common"]})
    return _frame(raw, rows, ["partner", "year", "measure"])


def derive_policy(raw: Path, built: dict) -> pd.DataFrame:
    rows = []
    for record in _rows(raw, list(TOPICS)):
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", record["period"]):
            raise DerivationError(record["path"], f"period {record['period']!r} is not a date (YYYY-MM-DD)", row=record["source_row"], field="period")
        rows.append({"topic": TOPICS[record["topic"]], "measure": _measure(POLICY_MEASURES, record["indicator"], record),
                     "indicator": record["indicator"], "geo": record["geo"], "date": pd.Timestamp(record["period"]),
                     "value": record["value"], "value_low": record["value_low"], "value_high": record["value_high"],
                     "value_text": record["value_text"], "unit": record["unit"], **record["common"]})
    return _frame(raw, rows, ["measure", "date"])


def derive_fdi(raw: Path, built: dict) -> pd.DataFrame:
    rows = []
    for record in _rows(raw, ["investment_fdi"]):
        measure = _measure(FDI_MEASURES, record["indicator"], record)
        percent = measure.startswith("share")
        if percent != record["unit"].startswith("%") or (not percent and record["unit"] != "USD million"):
            raise DerivationError(record["path"], f"unit {record['unit']!r} does not fit {measure!r}", row=record["source_row"], field="unit")
        rows.append({"year": _year(record), "measure": measure, "value": record["value"], "unit": "percent" if percent else "USD million",
                     **record["common"]})
    return _frame(raw, rows, ["year", "measure", "status"])


RESOURCES = resources_from_meta(__file__, derive={
    "us_trade_shares_published": derive_shares, "trade_policy_published": derive_policy, "mexico_fdi_published": derive_fdi,
})
