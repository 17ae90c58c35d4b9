"""The fact-check ledger as a resource: every checkable claim of the five articles with its verdict.

Inputs: the five articles (bibliographic details in references/articles.bib; the claims are
paraphrased and their claimed values transcribed in ``analysis/factcheck/claims/*.yml``, e.g. A3 at
https://atlanticsentinel.com/2018/12/amlo-and-trump-useful-scapegoats-or-unlikely-allies/), and
the other resources of this package, on which each claim's check runs. No raw file is read here:
the verdicts are a pure function of the derived tables, recomputed on every derivation, and the
book recomputes them from the published package at build time.
"""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd

from analysis.data import read_typed
from analysis.etl import Resource, field_, to_csv_bytes
from analysis.factcheck.ledger import all_claims, evaluate
from analysis.factcheck.rules import ARTICLES, CHAPTERS, RULES, VERDICT_LABELS, VERDICTS, WORDINGS

ARTICLE_SOURCES = [
    # A1 names no outlet in the copy the project holds, so no URL is given for it.
    {"title": "A1: news analysis on Trump's congratulations to López Obrador, quoting S. K. O'Neil (CFR) and D. Wood (Wilson Center), July 2018", "publisher": "U.S. news site (not named)"},
    {"title": "A2: E. A. Wayne, Election Gives Trump a Chance to Hit the Reset Button with Mexico, July 2018 (Mexico Institute page; first published in The Hill)", "path": "https://www.wilsoncenter.org/program/mexico-institute", "publisher": "Wilson Center Mexico Institute"},
    {"title": "A3: AMLO and Trump: Useful Scapegoats or Unlikely Allies?, December 2018", "path": "https://atlanticsentinel.com/2018/12/amlo-and-trump-useful-scapegoats-or-unlikely-allies/", "publisher": "Atlantic Sentinel"},
    {"title": "A4: A. R. Quintana, After the Election of Andrés Manuel López Obrador: Charting the Road Ahead for U.S.–Mexico Relations, Backgrounder No. 3359, 1 November 2018", "path": "https://www.heritage.org/node/9077765/print-display", "publisher": "The Heritage Foundation"},
    {"title": "A5: P. K. Starr and J. Ling, What AMLO Really Thinks About Biden, February 2021 (outlet home page; reposted by the Wilson Center Mexico Institute)", "path": "https://foreignpolicy.com/", "publisher": "Foreign Policy"},
]


def _dependencies() -> list[str]:
    return sorted({name for claim in all_claims() for name in claim.resources})


def derive_claims(raw: Path, built: dict) -> pd.DataFrame:
    from analysis.etl.steps import STEPS

    resources = {r.name: r for step in STEPS for r in step.resources}

    def loader(name: str) -> pd.DataFrame:
        if name not in built:
            raise KeyError(f"claim check reads resource {name!r}, which is not declared in the claim's resources")
        blob = to_csv_bytes(built[name], resources[name])
        return read_typed(io.BytesIO(blob), resources[name].descriptor(blob))

    for claim in all_claims():
        unknown = [name for name in claim.resources if name not in resources]
        if unknown:
            raise ValueError(f"claim {claim.claim_id} names unknown resource(s) {unknown}")
    return evaluate(loader=loader)


VERDICT_DESCRIPTION = (
    "Verdict computed by analysis.factcheck.verdict, one of: "
    + "; ".join(f"{name} ({VERDICT_LABELS[name]})" for name in VERDICTS)
    + ". Revised takes precedence over consistent; approximately only for figures the article words approximately; "
    "narrower and outdated qualify a claim that holds (rules: the fact-check ledger page)"
)


RESOURCES = [
    Resource(
        name="claims",
        folder="factcheck",
        title="Fact-check ledger: the five articles' checkable claims and their verdicts",
        description=(
            "One row per distinct checkable factual claim in the five articles (a figure, date, rank or fact in one article; "
            "rows that checked the same claim were merged, and merged_ids lists the former ids each surviving row carries), "
            "paraphrased, with where it is in the article (paragraph counted from 1 at the top of the article's text, and a "
            "quotation of at most seven words), what the article claimed in plain words, and the evidence: the resources and "
            "rows the check reads and the URLs of the publishers' pages. The data value is computed by code "
            "(analysis.factcheck.claims.<chapter>); the verdict applies the rules of analysis.factcheck.verdict: "
            + "; ".join(f"{name}: {RULES[name]}" for name in VERDICTS)
        ),
        sources=ARTICLE_SOURCES,
        fields=[
            field_("claim_id", "string", "Identifier: article-chapter-number", required=True, unique=True, pattern="^A[1-5]-[a-z]+-[0-9]{2}$"),
            field_("article", "string", "Article (see the book's introduction)", required=True, enum=ARTICLES),
            field_("chapter", "string", "Chapter that checks the claim", required=True, enum=CHAPTERS),
            field_("also_in", "string", "Other chapters whose pages show this row, space-separated"),
            {**field_("merged_ids", "string", "Former claim ids merged into this row (they checked the same claim), space-separated"),
             "formerKeys": True},
            field_("paragraph", "string", "Paragraph(s) of the article holding the claim, counted from 1 at the top of its text", required=True),
            field_("quote", "string", "Quotation of at most seven words that locates the claim in the article", required=True),
            field_("claim", "string", "The claim, paraphrased in the project's words", required=True),
            field_("claimed_text", "string", "What the article claimed, in plain words and units", required=True),
            field_("claimed_value", "string", "Value the article states (number, ISO date or text)", required=True),
            field_("unit", "string", "Unit of the claimed and data values"),
            field_("wording", "string", "How the article words the claim (bounds and approximations decide the rule applied)",
                   required=True, enum=WORDINGS),
            field_("period", "string", "Period the claim refers to (calendar or U.S. fiscal year stated)"),
            field_("geography", "string", "Geography the claim refers to"),
            field_("stated_scope", "string", "Scope the article states (e.g. in the world, since 2006)"),
            field_("checked_scope", "string", "Scope the check covers where narrower than the claim's (verdict narrower)"),
            field_("resources", "string", "Resources the check reads, space-separated (empty if unverifiable)"),
            field_("evidence_rows", "string", "Rows the verdict rests on: resource[field=value, …], separated by '; '"),
            field_("source_urls", "string", "Publishers' pages of the figures and events used, and pages found in the search, space-separated"),
            field_("method", "string", "How the data value is computed"),
            field_("data_value", "string", "Value the data give (empty if unverifiable)"),
            field_("as_published_value", "string", "Figure available when the article was written, where it differs"),
            field_("newer_value", "string", "Newer figure already published when the article appeared, where it matters"),
            field_("newer_name", "string", "What the newer figure is"),
            field_("other_definition_value", "string", "Figure under the definition the article seems to use"),
            field_("other_definition_name", "string", "Which definition that is"),
            field_("verdict", "string", VERDICT_DESCRIPTION, required=True, enum=VERDICTS),
            field_("note", "string", "Caveats, and for unverifiable claims the data that would settle them"),
        ],
        primary_key=["claim_id"],
        derive=derive_claims,
        depends_on=_dependencies(),
    ),
]
