"""The fact-check ledger: the articles' checkable claims, the rules that judge them, the ledger.

- :mod:`analysis.factcheck.rules`: :class:`Claim`, :class:`Evidence`, :func:`verdict` and the rules
  (:data:`RULES`), written once.
- :mod:`analysis.factcheck.claims`: the claims, one YAML file per chapter beside the module that holds
  its checks, and the merged ids (``MERGED``).
- :mod:`analysis.factcheck.ledger`: :func:`evaluate` and the ledger's tables for the book.
- :mod:`analysis.factcheck.figures`: the ledger page's figure builders.
- :mod:`analysis.factcheck.resource`: the ledger as the package's ``claims`` resource, the final
  stage of the derivation (it reads the derived tables, never raw files).
"""

from analysis.factcheck.ledger import (
    LEDGER_PAGE,
    all_claims,
    anchor,
    article_anchor,
    article_ledger_html,
    chapter_claims_html,
    chapter_rows,
    claims_table,
    evaluate,
    ledger_filter_html,
    ledger_html,
    merged_into,
    qualified_count,
    remaining_claims_table,
    resolve,
    summary_html,
    unshown_claims,
    verdict_counts,
    verdict_label,
    verdict_rules_html,
    verdict_summary,
    verdicts_in_words,
)
from analysis.factcheck.rules import (
    APPROXIMATE_TOLERANCE,
    ARTICLES,
    CHAPTERS,
    CONSISTENT_TOLERANCE,
    HOLDING,
    QUALIFIED,
    RULES,
    SHARE_POINTS,
    VERDICT_LABELS,
    VERDICTS,
    WORDINGS,
    Claim,
    Evidence,
    holds,
    rounding,
    verdict,
)

__all__ = [
    "APPROXIMATE_TOLERANCE", "ARTICLES", "CHAPTERS", "CONSISTENT_TOLERANCE", "HOLDING", "LEDGER_PAGE", "QUALIFIED", "RULES",
    "SHARE_POINTS", "VERDICTS", "VERDICT_LABELS", "WORDINGS", "Claim", "Evidence", "all_claims", "anchor", "article_anchor",
    "article_ledger_html", "chapter_claims_html", "chapter_rows", "claims_table", "evaluate", "holds", "ledger_filter_html",
    "ledger_html", "merged_into", "qualified_count", "remaining_claims_table", "resolve", "rounding", "summary_html",
    "unshown_claims", "verdict", "verdict_counts", "verdict_label", "verdict_rules_html", "verdict_summary", "verdicts_in_words",
]
