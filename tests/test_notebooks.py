"""Notebook tests can fail on content, not only on crashes, and the build never serves stale outputs."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
from analysis.book.notebooks import chapter_notebooks, headline_cells, read_myst_notebook, snapshot_path  # noqa: E402

CHAPTERS = chapter_notebooks()

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


@pytest.mark.slow
@pytest.mark.parametrize("page, file, old, new", MUTATIONS, ids=[m[0] for m in MUTATIONS])
def test_changed_headline_number_fails_the_notebook_test(tmp_path, page, file, old, new):
    package = tmp_path / "data"
    shutil.copytree(ROOT / "data", package)
    unchanged = run_nbval(page, package)
    assert unchanged.returncode == 0, "control run on an unchanged copy must pass:\n" + unchanged.stdout[-2000:]
    target = package / file
    text = target.read_text(encoding="utf-8")
    assert old in text
    target.write_text(text.replace(old, new, 1), encoding="utf-8")
    mutated = run_nbval(page, package)
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
