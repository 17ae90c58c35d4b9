"""Notebook tests can fail on content, not only on crashes, and the build never serves stale outputs.

``make test`` compares the headline outputs of the notebooks that the gated ``make book`` executed
(its execution cache, checked to be current for this data and code) with the snapshots: the build
already ran every cell with errors fatal, so executing each chapter again under nbval would test
nothing more. A changed number still fails: the mutation tests below change a headline value in a
copy of the data, execute the page against it and show that the same comparison (and, for one page,
nbval itself: ``pytest chapters/<page>.md`` still runs a chapter under nbval) then fails.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
from analysis.book import build  # noqa: E402
from analysis.book.notebooks import chapter_notebooks, execute, headline_cells, read_myst_notebook, snapshot_path  # noqa: E402

CHAPTERS = chapter_notebooks()
CACHE = ROOT / "_build" / "work" / "_build" / ".jupyter_cache"
KEYS = ("output_type", "name", "text", "data")  # what `make snapshots` records of each output


def headline_outputs(notebook) -> dict[str, list[dict]]:
    """The headline cells' outputs in the form the snapshots store them."""
    return {
        str(number): [json.loads(json.dumps({k: v for k, v in output.items() if k in KEYS})) for output in cell.get("outputs", [])]
        for number, cell in enumerate(headline_cells(notebook))
    }


def stored_headlines(path: Path) -> dict[str, list[dict]]:
    return json.loads(snapshot_path(path).read_text(encoding="utf-8")) if snapshot_path(path).is_file() else {}


def built_notebook(path: Path):
    """The chapter as the gated build executed it (from the execution cache), refusing a cache
    that does not belong to the current data, code and chapter text."""
    from jupyter_cache import get_cache

    stamp = CACHE / build.STAMP
    if not stamp.is_file() or stamp.read_text().strip() != build.inputs_fingerprint(ROOT):
        pytest.fail("the build's execution cache is missing or stale for this data and code: run `make book` first (make test does)")
    extensions = build._book_config(ROOT).get("parse", {}).get("myst_enable_extensions", [])
    store = get_cache(str(CACHE))
    try:
        record = store.match_cache_notebook(build.read_chapter(path, extensions))
    except KeyError:
        pytest.fail(f"{path.name} changed since the last build: run `make book` first (make test does)")
    return store.get_cache_bundle(record.pk).nb


@pytest.mark.parametrize("path", CHAPTERS, ids=[p.stem for p in CHAPTERS])
def test_headline_outputs_of_the_build_match_the_snapshots(path):
    executed = headline_outputs(built_notebook(path))
    stored = stored_headlines(path)
    for number in sorted(set(executed) | set(stored), key=int):
        assert executed.get(number) == stored.get(number), (
            f"{path.name}, headline cell {number}: the built output differs from tests/snapshots/{path.stem}.json "
            "(a changed number: check it, then `make snapshots` and review the diff)"
        )

# (page, resource file, text to replace, replacement): a headline number or name each page prints.
MUTATIONS = [
    ("data-dictionary", "reference/states.csv", "Aguascalientes", "Aguascalientez"),
    # U.S. exports to Mexico in June 2018 (part of the 2018 two-way total the trade chapter reports)
    ("trade", "trade/us_trade_monthly.csv", "2018-06-01,Mexico,22242.917795,", "2018-06-01,Mexico,32242.917795,"),
    # INEGI homicides in 2019 (a headline of the security chapter)
    ("security", "security/homicides_national_annual.csv", "2019,36661,final,", "2019,36761,final,"),
]


def run_nbval(page: str, package: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "AMLO_DATA_PACKAGE": str(package / "datapackage.json")}
    return subprocess.run(
        [sys.executable, "-m", "pytest", f"chapters/{page}.md", "-q", "-p", "no:cacheprovider", "-o", "addopts="],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=600,
    )


@pytest.mark.parametrize("path", CHAPTERS, ids=[p.stem for p in CHAPTERS])
def test_every_headline_cell_has_a_stored_output(path):
    cells = headline_cells(read_myst_notebook(path))
    stored = json.loads(snapshot_path(path).read_text()) if snapshot_path(path).is_file() else {}
    assert len(stored) == len(cells), f"{path.name}: {len(cells)} headline cells, {len(stored)} stored outputs; run make snapshots"
    assert all(stored[str(n)] for n in range(len(cells))), f"{path.name}: a headline cell printed nothing"


def test_every_data_page_has_headline_cells():
    for path in CHAPTERS:
        if "analysis.load" in path.read_text(encoding="utf-8") or "load(" in path.read_text(encoding="utf-8"):
            assert headline_cells(read_myst_notebook(path)), f"{path.name} loads data but has no headline cell to compare"


def mutated_package(tmp_path: Path, file: str, old: str, new: str) -> Path:
    package = tmp_path / "data"
    shutil.copytree(ROOT / "data", package)
    target = package / file
    text = target.read_text(encoding="utf-8")
    assert old in text
    target.write_text(text.replace(old, new, 1), encoding="utf-8")
    return package


@pytest.mark.slow
@pytest.mark.parametrize("page, file, old, new", MUTATIONS[1:], ids=[m[0] for m in MUTATIONS[1:]])
def test_changed_headline_number_fails_the_headline_comparison(tmp_path, monkeypatch, page, file, old, new):
    path = ROOT / "chapters" / f"{page}.md"
    assert headline_outputs(built_notebook(path)) == stored_headlines(path), "control: the unchanged build must match"
    package = mutated_package(tmp_path, file, old, new)
    monkeypatch.setenv("AMLO_DATA_PACKAGE", str(package / "datapackage.json"))  # the kernel inherits it
    mutated = headline_outputs(execute(read_myst_notebook(path), path))
    assert mutated != stored_headlines(path), "the comparison passed although a headline value changed"


@pytest.mark.slow
def test_changed_headline_number_fails_the_notebook_test(tmp_path):
    """The nbval route (``pytest chapters/<page>.md``) fails too, on the cheapest page."""
    page, file, old, new = MUTATIONS[0]
    unchanged = run_nbval(page, ROOT / "data")
    assert unchanged.returncode == 0, "control run on the unchanged data must pass:\n" + unchanged.stdout[-2000:]
    mutated = run_nbval(page, mutated_package(tmp_path, file, old, new))
    assert mutated.returncode != 0, "nbval passed although a headline value changed"
    assert "reference_output == test_output" in mutated.stdout or "mismatch" in mutated.stdout.lower()


@pytest.mark.slow
def test_incremental_build_re_executes_when_only_data_changed(tmp_path):
    """A build after a change to a CSV alone must show the new value (no stale outputs)."""
    book = tmp_path / "book"
    (book / "chapters").mkdir(parents=True)
    shutil.copy(ROOT / "chapters/data-dictionary.md", book / "chapters/data-dictionary.md")
    shutil.copytree(ROOT / "references", book / "references")
    (book / "_static").mkdir()
    shutil.copy(ROOT / "_static/amlo.css", book / "_static/amlo.css")
    config = (ROOT / "_config.yml").read_text(encoding="utf-8")
    (book / "_config.yml").write_text(config, encoding="utf-8")
    (book / "_toc.yml").write_text("format: jb-book\nroot: chapters/data-dictionary\n", encoding="utf-8")
    package = tmp_path / "data"
    shutil.copytree(ROOT / "data", package)
    env = {**os.environ, "AMLO_DATA_PACKAGE": str(package / "datapackage.json")}
    build = [str(Path(sys.executable).parent / "jupyter-book"), "build", "--path-output", str(tmp_path / "out"), str(book)]
    page = tmp_path / "out/_build/html/chapters/data-dictionary.html"
    subprocess.run(build, env=env, check=True, capture_output=True, timeout=600)
    assert "Aguascalientes" in page.read_text(encoding="utf-8")
    states = package / "reference/states.csv"
    states.write_text(states.read_text(encoding="utf-8").replace("Aguascalientes", "Aguascalientez"), encoding="utf-8")
    subprocess.run(build, env=env, check=True, capture_output=True, timeout=600)
    assert "Aguascalientez" in page.read_text(encoding="utf-8"), "the rebuilt page still shows the old data"
