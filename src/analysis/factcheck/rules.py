"""The verdict rules of the fact-check ledger: :class:`Claim`, :class:`Evidence` and :func:`verdict`.

Each chapter declares its claims in ``analysis.factcheck.claims.<chapter>`` as a list ``CLAIMS`` of
:class:`Claim`. A claim's ``check`` is a function of a loader (``analysis.load`` or a stand-in)
that returns :class:`Evidence`: the value the data give, how it was computed, and optionally the
value available when the article was written (``as_published``) or the value under another
definition (``other_definition``). :func:`verdict` turns claim and evidence into one of
:data:`VERDICTS` with rules written once here; no verdict is typed by hand.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Callable

import pandas as pd

VERDICTS = ["consistent", "approximately", "revised", "definition", "inaccurate", "unverifiable"]
ARTICLES = ["A1", "A2", "A3", "A4", "A5"]
CHAPTERS = ["elections", "trade", "migration", "security", "transition"]

# Relative differences. A claim may set its own (e.g. a figure the article rounds to a million).
CONSISTENT_TOLERANCE = 0.02
APPROXIMATE_TOLERANCE = 0.10

Loader = Callable[[str], pd.DataFrame]


# How the article words a claim (``Claim.wording``). Bounds say which side the data must fall on.
WORDINGS = ["exact", "approximate", "less_than", "at_most", "more_than", "at_least", "share", "rank", "date", "text"]


@dataclass(frozen=True)
class Evidence:
    value: float | str | None
    method: str
    as_published: float | str | None = None  # the figure available when the article was written
    other_definition: float | str | None = None  # the figure under the definition the article seems to use
    other_definition_name: str = ""
    note: str = ""
    # Where the value comes from, so a reader can go to the data behind the verdict: the
    # (resource, primary-key values) of the rows used, and the URLs of published figures used.
    rows: tuple[tuple[str, dict], ...] = ()
    sources: tuple[str, ...] = ()
    # A figure newer than the one the article used that was already published when it appeared.
    newer_at_publication: float | str | None = None
    newer_name: str = ""
    # The scope the check covers when it is narrower than the claim's (e.g. "among Mexico,
    # Canada and China" for a claim about all U.S. trading partners).
    checked_scope: str = ""


@dataclass(frozen=True)
class Claim:
    claim_id: str  # "<article>-<chapter>-<nn>", e.g. "A4-elections-01": article and chapter come from it
    paraphrase: str  # the project's own words, never the article's sentence
    claimed: float | str  # number, or ISO date / text for non-numeric claims
    unit: str
    period: str
    geography: str
    resources: tuple[str, ...]  # resources the check reads (validated to exist); empty if unverifiable
    check: Callable[[Loader], Evidence] | None
    settle_with: str = ""  # for unverifiable claims: which data would settle it
    tolerance: float = CONSISTENT_TOLERANCE
    approximate_tolerance: float = APPROXIMATE_TOLERANCE
    wording: str = "exact"  # one of WORDINGS: how the article states the figure
    note: str = ""
    # Where the claim is: the paragraph of the article (blocks separated by blank lines, counted
    # from 1 at the top of the article's text) and a quotation of at most seven words.
    paragraph: int | None = None
    quote: str = ""
    claimed_text: str = ""  # what the article said, in plain words and units (the ledger's "claimed" cell)
    stated_scope: str = ""  # the scope the article states ("in the world", "since 2006")
    section: str = ""  # the section of the chapter page that shows the claim (its heading's slug)

    @property
    def claimed_is_approximate(self) -> bool:
        return self.wording == "approximate"

    @property
    def article(self) -> str:
        return self.claim_id.split("-")[0]

    @property
    def chapter(self) -> str:
        return self.claim_id.split("-")[1]


def _matches(claimed: float | str, value: float | str | None, tolerance: float) -> bool:
    if value is None:
        return False
    if isinstance(claimed, str) or isinstance(value, str):
        return str(claimed).strip().lower() == str(value).strip().lower()
    if isinstance(value, float) and math.isnan(value):
        return False
    if claimed == 0:
        return value == 0
    return abs(value - claimed) / abs(claimed) <= tolerance


def verdict(claim: Claim, evidence: Evidence | None) -> str:
    """Apply the ledger's rules, in order:

    1. no check or no data value → ``unverifiable``;
    2. within ``tolerance`` of the current data → ``consistent`` (for a claim the article itself
       words as approximate, the approximate tolerance applies and the verdict is ``approximately``);
    3. within ``tolerance`` of the figure available when the article was written, but not of the
       current one → ``revised``;
    4. within ``tolerance`` of the figure under another definition → ``definition``;
    5. within ``approximate_tolerance`` of the current data → ``approximately``;
    6. otherwise ``inaccurate``.
    """
    if claim.check is None or evidence is None or evidence.value is None:
        return "unverifiable"
    if isinstance(evidence.value, float) and math.isnan(evidence.value):
        return "unverifiable"
    if _matches(claim.claimed, evidence.value, claim.tolerance):
        return "consistent"
    if claim.claimed_is_approximate and _matches(claim.claimed, evidence.value, claim.approximate_tolerance):
        return "approximately"
    if evidence.as_published is not None and _matches(claim.claimed, evidence.as_published, claim.tolerance):
        return "revised"
    if evidence.other_definition is not None and _matches(claim.claimed, evidence.other_definition, claim.tolerance):
        return "definition"
    if _matches(claim.claimed, evidence.value, claim.approximate_tolerance):
        return "approximately"
    return "inaccurate"
