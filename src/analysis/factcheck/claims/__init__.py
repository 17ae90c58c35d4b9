"""The checkable claims of the five articles, one module per chapter that checks them.

The list below is explicit: a new chapter's claims module is added here, in chapter order.
"""

from analysis.factcheck.claims import elections, migration, security, trade, transition

MODULES = [elections, trade, migration, security, transition]
CLAIMS = [claim for module in MODULES for claim in module.CLAIMS]
