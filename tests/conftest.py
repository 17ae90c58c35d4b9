"""Shared fixtures for the test suite."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def raw(request) -> Path:
    """The folder of publishers' raw files given with ``--raw`` (``make test RAW=...``).

    Without it, tests that re-derive from raw files are skipped with a message saying so; the
    tests of the committed tables in data/ still run.
    """
    value = request.config.getoption("--raw")
    if not value:
        pytest.skip("no raw folder given (make test RAW=/path/to/raw): checks against the raw source files and the articles beside them were not run")
    path = Path(value).resolve()
    if not path.is_dir():
        pytest.fail(f"--raw {value}: folder does not exist")
    return path


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return ROOT
