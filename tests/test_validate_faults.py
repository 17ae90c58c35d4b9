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


@pytest.mark.parametrize("cell, bad, field, error", [
    (",elections,", ",sports,", "'category'", "constraint-error"),  # a value outside the enum
    (",2018-08-08,", ",08/08/2018,", "'date'", "type-error"),  # a malformed date
])
def test_bad_cell_is_located(package, cell, bad, field, error):
    events = package / "reference/events.csv"
    index = line_with(events, cell)
    rewrite_csv(events, lambda l: l.__setitem__(index, l[index].replace(cell, bad, 1)))
    refresh_hashes(package)
    assert_located(problems_for(package), "events.csv", index + 1, field, error)


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


# --- Faults found by the adversarial run (issue "Nothing half-written, nothing wrong let through") ---


def edit_descriptor(package: Path, edit) -> None:
    descriptor = json.loads((package / "datapackage.json").read_text())
    edit(descriptor)
    (package / "datapackage.json").write_text(json.dumps(descriptor, indent=2))


def resource_entry(descriptor: dict, name: str) -> dict:
    return next(r for r in descriptor["resources"] if r["name"] == name)


def replace_cell(path: Path, row: int, field: str, value: str) -> None:
    """Set one cell (row numbered as in messages: header = 1) through the csv module."""
    import csv
    import io

    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
    rows[row - 1][rows[0].index(field)] = value
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


BAD_CELLS = [  # (file, row, field, value, kind of problem reported)
    *[("reference/country_indicators.csv", 3, "gdp_usd", v, "non-finite-number") for v in ("1e309", "Infinity", "inf", "-inf")],  # minimum: 0
    ("trade/us_goods_trade_published.csv", 2, "value_usd_mn", "NaN", "non-finite-number"),  # a field with no minimum
    ("reference/events.csv", line_with(DATA / "reference/events.csv", ",2018-08-08,") + 1, "date", "2018-8-8", "canonical ISO form"),
    *[("reference/states.csv", 4, "state_name", f"Baja{c}California Sur", "control-character") for c in ("\x00", "\x1b", "\x7f", "\t")],
    *[("elections/presidential_national_results.csv", 2, "source_url", url, "url-error")
      for url in ("javascript:alert(1)", "ftp://example.org/x", "www.ine.mx", "https://a.mx/x https//b.mx")],
]


@pytest.mark.parametrize("file, row, field, value, kind", BAD_CELLS, ids=[f"{c[2]}={c[3]!r}" for c in BAD_CELLS])
def test_bad_cell_is_refused_with_file_row_and_field(package, file, row, field, value, kind):
    replace_cell(package / file, row, field, value)
    refresh_hashes(package)
    assert_located(problems_for(package), Path(file).name, row, f"'{field}'", kind)


def test_nan_passes_when_declared_as_a_missing_value(package):
    replace_cell(package / "trade/us_goods_trade_published.csv", 2, "value_usd_mn", "NaN")
    refresh_hashes(package)
    edit_descriptor(package, lambda d: resource_entry(d, "us_goods_trade_published")["schema"].__setitem__("missingValues", ["", "NaN"]))
    assert validate_package(package / "datapackage.json") == []


def test_loader_refuses_non_finite_numbers_with_file_row_and_field(package, monkeypatch):
    from analysis import data

    replace_cell(package / "reference/country_indicators.csv", 3, "gdp_usd", "1e309")
    monkeypatch.setenv(data.PACKAGE_ENV, str(package / "datapackage.json"))
    with pytest.raises(data.DataPackageError, match=r"country_indicators.csv, row 3, field 'gdp_usd': non-finite number '1e309'"):
        data.load("country_indicators")


@pytest.mark.parametrize("key", ["hash", "bytes"])
def test_hash_and_bytes_are_required_on_every_resource(package, key):
    rewrite_csv(package / "reference/states.csv", lambda l: l.__setitem__(1, l[1].replace("Aguascalientes", "Aguascalientez")))
    edit_descriptor(package, lambda d: [r.pop(k, None) for r in d["resources"] if r["name"] == "states" for k in ("hash", "bytes")])
    problems = problems_for(package)
    assert any("resource 'states'" in p and f"'{key}' missing" in p for p in problems), problems


@pytest.mark.parametrize("path, reason", [
    ("../outside/states.csv", "leaves the package folder"),
    ("/etc/passwd", "is absolute"),
    ("https://example.org/states.csv", "is a URL"),
    ("file:///etc/passwd", "is a URL"),
    ("reference/link/states.csv", "symbolic link"),
])
def test_unsafe_resource_paths_are_named_with_the_reason_and_refused_by_the_loader(package, tmp_path, monkeypatch, path, reason):
    from analysis import data

    outside = tmp_path / "outside"
    outside.mkdir()
    shutil.copy(package / "reference/states.csv", outside / "states.csv")
    (package / "reference/link").symlink_to(outside, target_is_directory=True)
    (package / "reference/states.csv").unlink()
    edit_descriptor(package, lambda d: resource_entry(d, "states").__setitem__("path", path))
    problems = problems_for(package)
    assert any("resource 'states'" in p and "unsafe-path" in p and reason in p for p in problems), problems
    monkeypatch.setenv(data.PACKAGE_ENV, str(package / "datapackage.json"))
    with pytest.raises(data.DataPackageError, match=f"resource 'states': .*{reason}"):
        data.load("states")


def test_byte_order_mark_is_refused(package):
    path = package / "reference/states.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    refresh_hashes(package)
    assert_located(problems_for(package), "states.csv", 1, None, "byte-order mark")


def test_crlf_line_ends_are_refused(package):
    path = package / "reference/states.csv"
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    refresh_hashes(package)
    assert_located(problems_for(package), "states.csv", 1, None, "line-ending-error")


def test_source_links_in_the_descriptor_must_be_web_urls(package):
    edit_descriptor(package, lambda d: resource_entry(d, "states")["sources"][0].__setitem__("path", "javascript:alert(1)"))
    problems = problems_for(package)
    assert any("resource 'states', source 1: url-error" in p for p in problems), problems


@pytest.mark.parametrize("encoding", ["no-such-encoding", "latin-1", "utf-8-sig"])
def test_unknown_or_other_encoding_is_one_clear_line(package, encoding):
    edit_descriptor(package, lambda d: resource_entry(d, "states").__setitem__("encoding", encoding))
    result = subprocess.run([sys.executable, "-m", "analysis", "validate", str(package / "datapackage.json")], capture_output=True, text=True)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and "LookupError" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 2 and "resource 'states': encoding-error" in lines[0] and "utf-8" in lines[0], lines


@pytest.mark.parametrize("content", [b"", b"state_code,state_name,abbreviation\n"], ids=["empty", "header-only"])
def test_empty_or_header_only_file_is_one_error_naming_it(package, content):
    (package / "reference/states.csv").write_bytes(content)
    refresh_hashes(package)
    problems = problems_for(package)
    assert len(problems) == 1 and "states.csv: empty-file" in problems[0], problems


def test_oversized_resource_fails_fast(package):
    import time

    path = package / "reference/states.csv"
    header, *rows = path.read_text(encoding="utf-8").splitlines()
    path.write_text(header + "\n" + "\n".join(rows * 56_250) + "\n", encoding="utf-8")  # 1.8 million rows, ~33 MB
    refresh_hashes(package)
    started = time.perf_counter()
    problems = problems_for(package)
    assert time.perf_counter() - started < 20
    assert_located(problems, "states", None, None, "size-limit")


def test_too_many_rows_fail_fast_within_the_byte_limit(package):
    path = package / "reference/states.csv"
    header, *rows = path.read_text(encoding="utf-8").splitlines()
    path.write_text(header + "\n" + "\n".join(rows[:1] * 110_000) + "\n", encoding="utf-8")
    refresh_hashes(package)
    assert_located(problems_for(package), "states.csv", None, None, "rows, over the limit")


def test_cached_verdict_does_not_hide_a_later_edit(package, tmp_path):
    from analysis.data.validate import validate_cached

    cache = tmp_path / "cache"
    assert validate_cached(package / "datapackage.json", cache) == ([], False)
    assert validate_cached(package / "datapackage.json", cache) == ([], True)
    rewrite_csv(package / "reference/states.csv", lambda l: l.__setitem__(1, l[1].replace("Aguascalientes", "Aguascalientez")))
    problems, cached = validate_cached(package / "datapackage.json", cache)
    assert not cached and any("hash-count" in p for p in problems), problems
    refresh_hashes(package)  # a consistent edit is validated afresh too, and passes
    assert validate_cached(package / "datapackage.json", cache) == ([], False)
