"""The verdict rules of the fact-check ledger: :class:`Claim`, :class:`Evidence` and :func:`verdict`.

Each chapter's claims are records in ``analysis/factcheck/claims/<chapter>.yml``, read into a list
``CLAIMS`` of :class:`Claim` (:mod:`analysis.factcheck.claims._records`). A claim's ``check``, named
in its record and defined in ``analysis.factcheck.claims.<chapter>``, is a function of a loader
(``analysis.load`` or a stand-in) that returns :class:`Evidence`: the value the data give, how it
was computed, the rows and published pages it rests on, and where they matter the figure available
when the article was written (``as_published``), a newer figure already published when it appeared
(``newer_at_publication``), the figure under another definition (``other_definition``) and the
narrower scope the check covers (``checked_scope``). :func:`verdict` turns claim and evidence into
one of :data:`VERDICTS` with rules written once here; no verdict is typed by hand.

The rules, in the order :func:`verdict` applies them:

1. **unverifiable**: no check, or the check finds no value (the claim says which data would settle it);
2. **revised** before consistent: the article's figure agrees with an earlier official release
   (``as_published``) and the final figure differs, however little;
3. the claim is judged against the data by its wording (:func:`holds`):

   - *bounds* ("less than", "at most", "more than", "at least") hold only when the data fall on the
     stated side, by however little;
   - *shares* are judged in percentage points (within the article's rounding, half a point for a
     whole percent) and, when the article words them approximately, by the smaller of the two
     groups (the share or its complement), so that "90%" against 97.6% (10% against 2.4%) fails;
   - other *numbers* within ``tolerance`` (2% unless the claim sets its rounding) are consistent;
     "approximately" is reserved for figures the article itself words or rounds approximately and
     that lie within ``approximate_tolerance`` (10%): a precise figure outside its tolerance is not
     "approximately right";
   - *dates, ranks and statements* must match exactly at the precision the claim states;
4. a claim that holds is **outdated** when a newer figure, already published when the article
   appeared, no longer supports it, and **narrower** when the check covers a narrower scope than
   the claim states (the scope is recorded);
5. **definition**: the claim fails on the stated definition but holds on another, named one;
6. **inaccurate**: none of the above.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Callable

import pandas as pd

VERDICTS = ["consistent", "approximately", "narrower", "revised", "outdated", "definition", "inaccurate", "unverifiable"]
# The same verdicts in plain words, for the page, the figures and the claims resource's description.
VERDICT_LABELS = {
    "consistent": "consistent with the data",
    "approximately": "approximately right; the article approximates",
    "narrower": "holds only in a narrower scope than stated",
    "revised": "right for a release since revised",
    "outdated": "outdated when published: a newer figure was out",
    "definition": "right only under another definition",
    "inaccurate": "contradicted by the data",
    "unverifiable": "cannot be checked: searched, data lacking",
}
# Each verdict's rule, once, in plain words (the ledger page lists them with an example row).
RULES = {
    "consistent": "Within the claim's tolerance of the data: 2% for figures, the article's own rounding for rounded "
                  "figures and shares (half a percentage point for a whole percent); a bound on the stated side; "
                  "a date, rank or statement exactly as stated.",
    "approximately": "The article itself approximates (about, some, nearly, a round figure) and the data are within 10% "
                     "(for a share: within 10% of the smaller group, the share or its complement).",
    "narrower": "The claim holds, but only in a narrower scope than the article states (a rank among three partners for "
                "a claim about the world, annual data for a claim about a month, a shorter period); the scope checked is recorded.",
    "revised": "The article's figure is that of an earlier official release (a preliminary count) and the final figure "
               "differs, however little: right when written, since revised.",
    "outdated": "The claim holds for the figure the article used, but a newer figure, already published when the article "
                "appeared, no longer supports it.",
    "definition": "The claim fails on the definition it states but holds on another, named one (a fiscal for a calendar "
                  "year, a coalition without one of its parties, a looser reading of a term).",
    "inaccurate": "None of the above: the data or an expert source contradict the claim, including a bound missed by however "
                  "little and a precise figure outside its tolerance.",
    "unverifiable": "Neither the package nor a search found data that settle the claim; the row says what would, and what was found.",
}
HOLDING = ("consistent", "approximately")  # the claims that hold as stated
QUALIFIED = ("narrower", "revised", "outdated", "definition")  # hold only with a qualification

ARTICLES = ["A1", "A2", "A3", "A4", "A5"]
CHAPTERS = ["elections", "trade", "migration", "security", "transition"]

# Relative differences. A claim may set its own (e.g. the rounding of a figure given to the million).
CONSISTENT_TOLERANCE = 0.02
APPROXIMATE_TOLERANCE = 0.10
# Shares are compared in percentage points: by default the article's figure is a whole percent.
SHARE_POINTS = 0.5

Loader = Callable[[str], pd.DataFrame]

# How the article words a claim (``Claim.wording``). Bounds say which side the data must fall on;
# a share is a percentage of a whole (its complement is the rest); "approximate_share" is a share
# the article words approximately ("some 80 percent", "nearly half").
WORDINGS = ["exact", "approximate", "less_than", "at_most", "more_than", "at_least", "share", "approximate_share",
            "rank", "date", "text"]
BOUNDS = ("less_than", "at_most", "more_than", "at_least")


@dataclass(frozen=True)
class Evidence:
    value: float | str | None
    method: str
    as_published: float | str | None = None  # the figure available when the article was written
    other_definition: float | str | None = None  # the figure under the definition the article seems to use
    other_definition_name: str = ""
    note: str = ""
    # Where the value comes from, so a reader can go to the data behind the verdict: the
    # (resource, key values) of the rows used, and the URLs of published pages used directly.
    # The source URLs of those rows are added by the ledger (analysis.factcheck.ledger).
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
    settle_with: str = ""  # for unverifiable claims: which data would settle it (and what was searched)
    tolerance: float = CONSISTENT_TOLERANCE
    approximate_tolerance: float = APPROXIMATE_TOLERANCE
    points: float = SHARE_POINTS  # for shares: the article's rounding, in percentage points
    wording: str = "exact"  # one of WORDINGS: how the article states the figure
    note: str = ""
    # Where the claim is: the paragraph(s) of the article (blocks separated by blank lines, counted
    # from 1 at the top of the article's text, e.g. "15", "11, 15" or "53 (bullet 8)") and a
    # quotation of at most seven words that locates the claimed words.
    paragraph: str = ""
    quote: str = ""
    claimed_text: str = ""  # what the article said, in plain words and units (the ledger's "claimed" cell)
    stated_scope: str = ""  # the scope the article states ("in the world", "since 2006")
    section: str = ""  # the section of the chapter page that shows the claim (its heading's slug)
    also_in: tuple[str, ...] = ()  # other chapters whose pages show (and link to) this row
    # Pages found while searching for the data that would settle the claim (kept for unverifiable
    # claims: a claim stays unverifiable only after a search) or that explain a verdict.
    searched: tuple[str, ...] = ()

    @property
    def claimed_is_approximate(self) -> bool:
        return self.wording in ("approximate", "approximate_share")

    @property
    def is_share(self) -> bool:
        return self.wording in ("share", "approximate_share")

    @property
    def article(self) -> str:
        return self.claim_id.split("-")[0]

    @property
    def chapter(self) -> str:
        return self.claim_id.split("-")[1]


def rounding(claimed: float, unit: float = 1.0) -> float:
    """Relative tolerance of a figure the article rounds to ``unit`` (half a unit either side),
    e.g. ``rounding(127_000_000, 1_000_000)`` for "127 million"."""
    return 0.5 * unit / abs(claimed)


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def holds(claim: Claim, value: float | str | None) -> str | None:
    """``"consistent"``, ``"approximately"`` or None: whether ``value`` supports the claim as worded."""
    if _missing(value):
        return None
    claimed = claim.claimed
    if isinstance(claimed, str) or isinstance(value, str):
        return "consistent" if str(claimed).strip().casefold() == str(value).strip().casefold() else None
    if claim.wording in BOUNDS:
        side = {"less_than": value < claimed, "at_most": value <= claimed,
                "more_than": value > claimed, "at_least": value >= claimed}[claim.wording]
        return "consistent" if side else None
    if claim.is_share:
        if abs(value - claimed) <= claim.points:
            return "consistent"
        if claim.claimed_is_approximate:
            # judge the smaller group: the share itself, or its complement when the share is above half
            smaller_data, smaller_claimed = (value, claimed) if value <= 50 else (100 - value, 100 - claimed)
            if smaller_data > 0 and abs(smaller_claimed - smaller_data) / smaller_data <= claim.approximate_tolerance:
                return "approximately"
        return None
    if claim.wording == "rank":
        return "consistent" if value == claimed else None
    if claimed == 0:
        return "consistent" if value == 0 else None
    difference = abs(value - claimed) / abs(claimed)
    if difference <= claim.tolerance:
        return "consistent"
    if claim.claimed_is_approximate and difference <= claim.approximate_tolerance:
        return "approximately"
    return None


def _agrees_with_earlier_release(claim: Claim, evidence: Evidence) -> bool:
    """The article's figure agrees with the earlier release, and the final figure moved away from it."""
    earlier, final = evidence.as_published, evidence.value
    if holds(claim, earlier) is None or earlier == final:
        return False
    if _is_number(claim.claimed) and _is_number(earlier) and _is_number(final) and claim.wording not in BOUNDS:
        return abs(claim.claimed - earlier) < abs(claim.claimed - final)
    return holds(claim, final) is None


def verdict(claim: Claim, evidence: Evidence | None) -> str:
    """Apply the ledger's rules (module docstring), in order; the result is one of :data:`VERDICTS`."""
    if claim.check is None or evidence is None or _missing(evidence.value):
        return "unverifiable"
    if evidence.as_published is not None and _agrees_with_earlier_release(claim, evidence):
        return "revised"
    base = holds(claim, evidence.value)
    if base is not None:
        if evidence.newer_at_publication is not None and holds(claim, evidence.newer_at_publication) is None:
            return "outdated"
        if evidence.checked_scope:
            return "narrower"
        return base
    if evidence.other_definition is not None and holds(claim, evidence.other_definition) is not None:
        return "definition"
    return "inaccurate"
