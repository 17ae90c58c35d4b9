"""Shared fixtures for the test suite."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def raw(request) -> Path:
    """The folder of raw files the derivation tests read: the repository's snapshots in ``raw/``,
    or the folder given with ``--raw`` (``make test RAW=...``), whose files must match the
    snapshots' manifest."""
    value = request.config.getoption("--raw")
    path = Path(value).resolve() if value else ROOT / "raw"
    if not path.is_dir():
        pytest.fail(f"raw folder {path} does not exist")
    return path


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return ROOT

