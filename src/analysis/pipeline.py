"""The whole derivation of ``data/``: every step of :data:`analysis.etl.steps.STEPS`, then the
fact-check ledger as the final stage.

The ledger runs last and apart because its checks call chapter code (``analysis.chapters``),
which the steps must never import: the derivation of the tables stays independent of the book.
"""

from __future__ import annotations

from pathlib import Path

from analysis.etl import package
from analysis.etl.steps import STEPS, Step
from analysis.factcheck import resource as ledger

LEDGER_STAGE = Step(ledger, inputs=())
STAGES: list[Step] = [*STEPS, LEDGER_STAGE]


def derive(raw: Path, names: list[str] | None = None, existing: Path | None = None):
    return package.derive(STAGES, raw, names, existing)


def write(raw: Path, out: Path, names: list[str] | None = None) -> Path:
    resources, blobs = derive(raw, names, existing=out)
    return package.write_package(resources, blobs, out)


def check(raw: Path, data: Path) -> list[str]:
    return package.check_package(STAGES, raw, data)
