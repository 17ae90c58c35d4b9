"""The derivation, step by step: which raw files each step reads and which tables it writes.

Steps run in this order; a step may read the tables of the steps above it (its resources'
``depends_on``), never of those below. Each step sees only the raw files listed as its
``inputs`` (:func:`analysis.etl.raw.step_view`), so this list is the whole truth about what
comes from where. The fact-check ledger is not a step here: it reads chapter code, so it runs as
the final stage of :mod:`analysis.pipeline`.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import ModuleType

from analysis.etl import (
    elections_mx,
    elections_prep,
    elections_term,
    events,
    factcheck_evidence,
    migration,
    migration_collected,
    remittances,
    security,
    security_published,
    states,
    trade,
    trade_collected,
    trade_fred,
    us_elections,
    worldbank,
)
from analysis.etl.published import PUBLISHED, TIMELINE
from analysis.etl.resource import Resource


@dataclass(frozen=True)
class Step:
    """One step: a module whose ``RESOURCES`` it derives from the raw files in ``inputs``.

    ``checks`` are raw files the step does not read but its tests compare its output with (an
    independent copy of the same statistics); they are snapshotted too."""

    module: ModuleType
    inputs: tuple[str, ...]
    checks: tuple[str, ...] = ()

    @property
    def name(self) -> str:
        return self.module.__name__.rsplit(".", 1)[-1]

    @property
    def resources(self) -> list[Resource]:
        return list(self.module.RESOURCES)

    @property
    def outputs(self) -> list[str]:
        return [r.name for r in self.resources]

    @property
    def reads(self) -> list[str]:
        """Tables of earlier steps this step reads."""
        own = set(self.outputs)
        return sorted({d for r in self.resources for d in r.depends_on} - own)


STEPS: list[Step] = [
    Step(states, inputs=(states.GEOJSON, states.MAGAR)),
    Step(worldbank, inputs=(worldbank.GDP, worldbank.POPULATION)),
    Step(factcheck_evidence, inputs=(factcheck_evidence.FIGURES,)),
    Step(events, inputs=(TIMELINE, *events.EVENT_FILES)),
    Step(elections_mx, inputs=(elections_mx.MAGAR, PUBLISHED, elections_mx.COLLECTED)),
    Step(elections_term, inputs=(elections_mx.COLLECTED,)),
    Step(elections_prep, inputs=(elections_prep.PREP,)),
    Step(us_elections, inputs=(us_elections.MEDSL,)),
    Step(trade, inputs=(*trade.FILES, PUBLISHED, trade.COLLECTED)),
    Step(trade_fred, inputs=trade_fred.FILES),
    Step(trade_collected, inputs=(trade_collected.COLLECTED,)),
    Step(remittances, inputs=(remittances.MONTHLY,)),
    Step(migration, inputs=(migration.HIST_NATIONWIDE, migration.HIST_SW, migration.HIST_MEXICAN, migration.HIST_DEATHS,
                            migration.KHSM, migration.SBO_19_22, migration.SBO_22_25, migration.NATIONWIDE_STATE, PUBLISHED)),
    Step(migration_collected, inputs=(migration_collected.COLLECTED_FILE,)),
    Step(security, inputs=(security.VALLE, security.SESNSP, security.GARGIULO, security.CDC, security.DATAHUB_CPI, security.VSRR,
                           *security.FIGURE_FILES),
         checks=(security.OWID_CPI,)),
    Step(security_published, inputs=security.FIGURE_FILES),
]
