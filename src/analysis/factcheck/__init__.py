"""The fact-check ledger: the articles' checkable claims, the rules that judge them, the ledger.

- :mod:`analysis.factcheck.rules`: :class:`Claim`, :class:`Evidence` and :func:`verdict`.
- :mod:`analysis.factcheck.claims`: the claims, one module per chapter.
- :mod:`analysis.factcheck.ledger`: :func:`evaluate` and the ledger's tables for the book.
- :mod:`analysis.factcheck.figures`: the ledger page's figure builders.
- :mod:`analysis.factcheck.resource`: the ledger as the package's ``claims`` resource, the final
  stage of the derivation (it reads the derived tables, never raw files).
"""

from analysis.factcheck.ledger import (
    LEDGER_PAGE,
    all_claims,
    anchor,
    chapter_claims_html,
    claims_table,
    evaluate,
    ledger_html,
    remaining_claims_table,
    unshown_claims,
    verdict_counts,
    verdict_summary,
)
from analysis.factcheck.rules import (
    APPROXIMATE_TOLERANCE,
    ARTICLES,
    CHAPTERS,
    CONSISTENT_TOLERANCE,
    VERDICTS,
    Claim,
    Evidence,
    verdict,
)

__all__ = [
    "APPROXIMATE_TOLERANCE", "ARTICLES", "CHAPTERS", "CONSISTENT_TOLERANCE", "LEDGER_PAGE", "VERDICTS",
    "Claim", "Evidence", "all_claims", "anchor", "chapter_claims_html", "claims_table", "evaluate",
    "ledger_html", "remaining_claims_table", "unshown_claims", "verdict", "verdict_counts", "verdict_summary",
]
