"""The checkable claims of the five articles, one module per chapter that checks them.

Each chapter's claims are data, ``<chapter>.yml`` beside its module; the module holds only the checks
its records name (registered in its ``CHECKS``) and reads the file into its ``CLAIMS``
(:mod:`analysis.factcheck.claims._records`). The list below is explicit: a new chapter's claims
module is added here, in chapter order.

One row per distinct claim. Rows are merged when they check the same figure (the same words counted
under two chapters) or one stated change "from X to Y" in one sentence; distinct figures stay
separate rows even when they share a sentence (A4's 2017 homicide count and its "most violent year"
are two claims). The surviving row keeps its id; every removed id is recorded in :data:`MERGED`, so
that pages and readers that name it are sent to the surviving row (``ledger.resolve``).
"""

from analysis.factcheck.claims import elections, migration, security, trade, transition

MODULES = [elections, trade, migration, security, transition]
CLAIMS = [claim for module in MODULES for claim in module.CLAIMS]

# Removed id -> surviving id. A survivor in another chapter lists the removed row's chapter in
# ``also_in``, so that chapter's page still shows (and links to) the row.
MERGED = {
    # A5 ¶12, the year Mexico signed the USMCA, was checked under trade and under transition; the
    # transition row survives (the transition chapter reads its values) and is shown on the trade page.
    "A5-trade-01": "A5-transition-06",
    # A4 ¶35: Mexico's CPI rank in 2017 and the 2012 rank it fell from, one stated change.
    "A4-security-08": "A4-security-07",
    "A4-security-12": "A4-security-07",
    # A4 ¶53: Mérida funding in FY2010 (the peak, the article says) and in FY2017, one stated change.
    "A4-security-13": "A4-security-10",
    "A4-security-14": "A4-security-10",
}
