"""Fault injection: every kind of bad input is caught with a message naming file, row and field.

Each test copies the committed data package to a temporary folder, breaks one thing, and runs the
project's validation (the function and the command-line entry point that ``make book`` runs).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from analysis.data.validate import validate_package

DATA = Path(__file__).resolve().parents[1] / "data"


@pytest.fixture()
def package(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


def line_with(path: Path, text: str) -> int:
    """Index of the first line containing ``text`` (its row number in messages is index + 1)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines) if text in line)


def rewrite_csv(path: Path, edit) -> None:
    lines = path.read_text(encoding="utf-8").splitlines()
    edit(lines)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def refresh_hashes(package: Path) -> None:
    """Update hash and bytes after an edit, so that the edit itself is the only fault."""
    import hashlib

    descriptor = json.loads((package / "datapackage.json").read_text())
    for resource in descriptor["resources"]:
        blob = (package / resource["path"]).read_bytes()
        resource["hash"] = "sha256:" + hashlib.sha256(blob).hexdigest()
        resource["bytes"] = len(blob)
    (package / "datapackage.json").write_text(json.dumps(descriptor, indent=2))


def problems_for(package: Path) -> list[str]:
    problems = validate_package(package / "datapackage.json")
    assert problems, "the fault was not detected"
    return problems


def assert_located(problems: list[str], file: str, row: int | None, field: str | None, kind: str) -> None:
    wanted = [p for p in problems if file in p and kind in p]
    assert wanted, f"no {kind} problem for {file} in {problems}"
    if row is not None:
        assert any(f"row {row}," in p or f"row {row}:" in p for p in wanted), wanted
    if field is not None:
        assert any(field in p for p in wanted), wanted


def test_committed_package_is_valid():
    assert validate_package(DATA / "datapackage.json") == []


def test_wrong_type(package):
    rewrite_csv(package / "reference/country_indicators.csv", lambda l: l.__setitem__(1, l[1].replace(",1990,", ",nineteen-ninety,")))
    refresh_hashes(package)
    assert_located(problems_for(package), "country_indicators.csv", 2, "'year'", "type-error")


def test_missing_required_value(package):
    rewrite_csv(package / "reference/states.csv", lambda l: l.__setitem__(5, "05,,COA"))
    refresh_hashes(package)
    assert_located(problems_for(package), "states.csv", 6, "'state_name'", "constraint-error")


def test_duplicate_primary_key(package):
    assert line_with(package / "reference/events.csv", "E003,") == 3
    rewrite_csv(package / "reference/events.csv", lambda l: l.__setitem__(3, l[3].replace("E003", "E002", 1)))
    refresh_hashes(package)
    problems = problems_for(package)
    assert_located(problems, "events.csv", 4, None, "primary-key")
    assert any("event_id" in p for p in problems if "primary-key" in p or "unique" in p)


def test_broken_foreign_key(package):
    rewrite_csv(package / "reference/states.csv", lambda l: l.pop(32))  # drop Zacatecas ("32")
    refresh_hashes(package)
    assert_located(problems_for(package), "state_boundaries.csv", 33, "'state_code'", "foreign-key")


def test_value_out_of_range(package):
    rewrite_csv(package / "reference/country_indicators.csv", lambda l: l.__setitem__(1, l[1].replace(",1990,", ",1980,")))
    refresh_hashes(package)
    assert_located(problems_for(package), "country_indicators.csv", 2, "'year'", "constraint-error")


def test_value_outside_enum(package):
    events = package / "reference/events.csv"
    index = line_with(events, ",elections,")
    rewrite_csv(events, lambda l: l.__setitem__(index, l[index].replace(",elections,", ",sports,", 1)))
    refresh_hashes(package)
    assert_located(problems_for(package), "events.csv", index + 1, "'category'", "constraint-error")


def test_malformed_date(package):
    events = package / "reference/events.csv"
    index = line_with(events, ",2018-08-08,")
    rewrite_csv(events, lambda l: l.__setitem__(index, l[index].replace("2018-08-08", "08/08/2018", 1)))
    refresh_hashes(package)
    assert_located(problems_for(package), "events.csv", index + 1, "'date'", "type-error")


def test_wrong_encoding(package):
    path = package / "reference/states.csv"
    path.write_bytes(path.read_text(encoding="utf-8").encode("latin-1"))
    refresh_hashes(package)
    assert_located(problems_for(package), "states.csv", 10, "'state_name'", "encoding-error")


def test_truncated_file(package):
    path = package / "reference/states.csv"
    blob = path.read_bytes()
    path.write_bytes(blob[: blob.rindex(b",")])  # cut inside the last row
    refresh_hashes(package)
    assert_located(problems_for(package), "states.csv", 33, "'abbreviation'", "missing-cell")


def test_changed_file_without_updated_hash(package):
    rewrite_csv(package / "reference/states.csv", lambda l: l.__setitem__(1, l[1].replace("Aguascalientes", "Aguascalientez")))
    problems = problems_for(package)
    assert_located(problems, "states.csv", None, None, "hash-count")
    assert any("changed since datapackage.json was written" in p for p in problems)


def test_missing_file(package):
    (package / "reference/states.csv").unlink()
    assert_located(problems_for(package), "states.csv", None, None, "not found")


def test_extra_undeclared_column(package):
    rewrite_csv(package / "reference/states.csv", lambda l: l.__setitem__(slice(0, None), [x + ",extra" for x in l]))
    refresh_hashes(package)
    assert_located(problems_for(package), "states.csv", None, "'extra'", "extra-label")


def test_undeclared_csv_file(package):
    shutil.copy(package / "reference/states.csv", package / "reference/stray.csv")
    assert_located(problems_for(package), "stray.csv", None, None, "not declared")


def test_invalid_descriptor_json(package):
    (package / "datapackage.json").write_text('{"name": "broken", "resources": [', encoding="utf-8")
    assert_located(problems_for(package), "datapackage.json", None, None, "not valid JSON")


def test_descriptor_with_invalid_schema(package):
    descriptor = json.loads((package / "datapackage.json").read_text())
    descriptor["resources"][0]["schema"]["fields"][0]["type"] = "not-a-type"
    (package / "datapackage.json").write_text(json.dumps(descriptor))
    problems = problems_for(package)
    assert any("datapackage.json" in p or descriptor["resources"][0]["path"] in p for p in problems)


def test_command_line_exits_non_zero_and_names_location(package):
    rewrite_csv(package / "reference/states.csv", lambda l: l.__setitem__(5, "05,,COA"))
    refresh_hashes(package)
    result = subprocess.run([sys.executable, "-m", "analysis", "validate", str(package / "datapackage.json")], capture_output=True, text=True)
    assert result.returncode == 1
    assert "states.csv, row 6, field 'state_name'" in result.stderr
    assert "INVALID" in result.stderr


@pytest.mark.slow
def test_make_book_refuses_invalid_data_and_keeps_the_last_good_build(package):
    root = DATA.parent
    index = root / "_build" / "html" / "index.html"
    if not index.is_file():
        pytest.fail("no previous build in _build/html: run `make book` first (make test does)")
    before = {p: p.stat().st_mtime_ns for p in (root / "_build" / "html").rglob("*.html")}
    rewrite_csv(package / "reference/states.csv", lambda l: l.__setitem__(5, "05,,COA"))
    refresh_hashes(package)
    env = {**__import__("os").environ, "AMLO_DATA_PACKAGE": str(package / "datapackage.json")}
    result = subprocess.run(["make", "-s", "book"], cwd=root, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode != 0
    assert "states.csv, row 6, field 'state_name'" in result.stderr
    after = {p: p.stat().st_mtime_ns for p in (root / "_build" / "html").rglob("*.html")}
    assert after == before, "the published build changed although the data were invalid"
