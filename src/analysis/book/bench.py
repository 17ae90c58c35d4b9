"""``make bench``: time what matters for the book on this machine and print one table.

- clean build: ``make book``'s own steps (:func:`analysis.book.build.build`) into an empty build
  folder and execution cache: validation, the chapters executed two at a time, Sphinx, publish;
- notebooks one after another: every chapter executed with nbclient, serially, no Sphinx; the
  ratio of the two is the target (clean build no slower than executing serially, ratio <= 1);
- no-change ``make book`` as a user runs it (``make book`` in the clone, after one that brought
  it up to date; target under 5 s), and the bare Sphinx no-change rebuild for comparison;
- validation: full and with the cached verdict;
- ``make test`` (unless ``--quick``): its whole wall time (target under 4 minutes) and the pytest
  phase (under 3), with the number of releases recorded (the versioned-site test builds only the
  newest, so its cost does not grow with them);
- the largest built page (HTML, excluding the shared static JavaScript).

Other work on the machine changes every absolute number: compare the ratios of one run.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from analysis.data import REPO_ROOT, package_path
from analysis.book import build
from analysis.book.notebooks import chapter_notebooks, execute, read_myst_notebook

BIN = Path(sys.executable).parent


def _timed(command: list[str], **kwargs) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, cwd=REPO_ROOT, stdout=subprocess.DEVNULL, **kwargs)
    return time.perf_counter() - started


def execute_notebooks() -> float:
    started = time.perf_counter()
    for path in chapter_notebooks():
        execute(read_myst_notebook(path), path)
    return time.perf_counter() - started


def largest_page(html: Path) -> tuple[str, int]:
    pages = [(p, p.stat().st_size) for p in html.rglob("*.html") if "_static" not in p.parts]
    path, size = max(pages, key=lambda item: item[1])
    return str(path.relative_to(html)), size


def validation_times() -> tuple[float, float]:
    from analysis.data.validate import validate_cached, validate_package

    started = time.perf_counter()
    assert validate_package(package_path()) == [], "the data package is invalid: fix it before benchmarking"
    full = time.perf_counter() - started
    validate_cached(package_path())
    started = time.perf_counter()
    assert validate_cached(package_path()) == ([], True)
    return full, time.perf_counter() - started


def clean_build() -> tuple[float, tuple[str, int]]:
    scratch = Path(tempfile.mkdtemp(prefix="bench-", dir=REPO_ROOT / "_build"))
    try:
        started = time.perf_counter()
        with open(os.devnull, "w") as quiet:
            old = sys.stdout
            sys.stdout = quiet
            try:
                status = build.build(REPO_ROOT, scratch / "work", scratch / "html")
            finally:
                sys.stdout = old
        if status != 0:
            raise RuntimeError("the clean build failed: run `make book` to see why")
        return time.perf_counter() - started, largest_page(scratch / "html")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def make_test() -> tuple[float, float]:
    """Wall time of ``make test`` (after a ``make book`` that brought the book up to date) and of
    its pytest phase (the whole less its own no-change ``make book`` and ``browser-deps``)."""
    subprocess.run(["make", "-s", "book", "browser-deps"], check=True, cwd=REPO_ROOT, stdout=subprocess.DEVNULL)
    before = _timed(["make", "-s", "book", "browser-deps"])
    whole = _timed(["make", "-s", "test"])
    return whole, whole - before


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m analysis.book.bench")
    parser.add_argument("--quick", action="store_true", help="skip timing make test")
    args = parser.parse_args(argv)
    from analysis.book.release import released_versions

    (REPO_ROOT / "_build").mkdir(exist_ok=True)
    full, cached = validation_times()
    clean, (page, size) = clean_build()
    serial = execute_notebooks()
    subprocess.run(["make", "-s", "book"], check=True, cwd=REPO_ROOT, stdout=subprocess.DEVNULL)  # up to date
    no_change = _timed(["make", "-s", "book"])
    sphinx = _timed([str(BIN / "jupyter-book"), "build", *build.JB_FLAGS, "--path-output", str(REPO_ROOT / "_build" / "work"), "."],
                    stderr=subprocess.DEVNULL)
    rows = [
        ("clean build, make book's steps (s)", f"{clean:.1f}"),
        ("notebooks executed one after another (s)", f"{serial:.1f}"),
        ("clean build / serial notebooks (target <= 1)", f"{clean / serial:.2f}"),
        ("no-change `make book` as run by a user (s, target < 5)", f"{no_change:.1f}"),
        ("no-change bare Sphinx rebuild, for comparison (s)", f"{sphinx:.1f}"),
        ("data validation, full (s)", f"{full:.2f}"),
        ("data validation, cached verdict (s)", f"{cached:.2f}"),
        ("largest page", f"{page} ({size / 1024:.0f} KiB)"),
    ]
    if not args.quick:
        whole, pytest = make_test()
        rows += [
            ("`make test` after `make book` (s, target < 240)", f"{whole:.0f}"),
            ("pytest phase alone (s, target < 180)", f"{pytest:.0f}"),
            ("releases recorded (the versioned-site test builds the newest only)", str(len(released_versions()))),
        ]
    rows.append(("load average when done (1, 5, 15 min)", " ".join(f"{x:.1f}" for x in os.getloadavg())))
    width = max(len(r[0]) for r in rows)
    for label, value in rows:
        print(f"{label:<{width}}  {value}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
