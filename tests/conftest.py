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


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    """How ``make test`` (``-n 2 --dist loadgroup``) shares the work between its processes.

    Every test runs with the rest of its file, in file order, on one process (as ``--dist loadfile``
    would): many files share state within themselves (a built book, a site, a folder they rebuild).
    A test marked ``spread`` stands alone and may run on either process: the browser's page checks,
    some 40 independent runs of 5-70 s, would otherwise all wait on one process. xdist hands out the
    largest groups first and these single tests last, so they fill in while the long files finish."""
    for item in items:
        if item.get_closest_marker("spread") is None and item.get_closest_marker("xdist_group") is None:
            item.add_marker(pytest.mark.xdist_group(item.nodeid.split("::", 1)[0]))
