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


@dataclass(frozen=True)
class Evidence:
    value: float | str | None
    method: str
    as_published: float | str | None = None  # the figure available when the article was written
    other_definition: float | str | None = None  # the figure under the definition the article seems to use
    other_definition_name: str = ""
    note: str = ""


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
    claimed_is_approximate: bool = False  # the article says "about", "nearly", "more than"…
    note: str = ""

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
