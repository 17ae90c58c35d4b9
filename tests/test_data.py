"""The loader: typed frames from any working directory, clear errors, environment override."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pandas as pd
import pytest

import analysis
from analysis import data


def test_states_reference_keeps_two_character_codes():
    states = analysis.load("states")
    assert len(states) == 32
    assert states["state_code"].tolist() == [f"{n:02d}" for n in range(1, 33)]
    assert str(states["state_code"].dtype) == "string"
    assert states.loc[states["state_code"] == "09", "state_name"].item() == "Ciudad de México"


def test_integer_and_date_fields_are_typed():
    indicators = analysis.load("country_indicators")
    assert str(indicators["year"].dtype) == "Int64"
    assert str(indicators["population"].dtype) == "Int64"
    mexico_2018 = indicators.query("country_code == 'MEX' and year == 2018")
    assert mexico_2018["population"].item() == 124_573_711  # World Bank SP.POP.TOTL, check value in sources/README
    events = analysis.load("events")
    assert pd.api.types.is_datetime64_any_dtype(events["date"])


def test_missing_values_stay_missing():
    indicators = analysis.load("country_indicators")
    gdp_2024 = indicators.query("country_code == 'MEX' and year == 2024")["gdp_usd"]
    assert gdp_2024.isna().all(), "a year the World Bank file lacks must stay empty, not become 0"


def test_index_option_uses_primary_key():
    states = analysis.load("states", index=True)
    assert states.index.names == ["state_code"]


def test_unknown_resource_lists_known_ones():
    with pytest.raises(KeyError, match="known resources: .*states"):
        analysis.load("no-such-table")


def test_loads_from_any_working_directory(tmp_path):
    code = "import analysis; print(len(analysis.load('states')))"
    result = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "32"


def test_environment_variable_points_to_another_copy(tmp_path, monkeypatch):
    copy = tmp_path / "data"
    shutil.copytree(data.DEFAULT_PACKAGE.parent, copy)
    lines = (copy / "reference/states.csv").read_text(encoding="utf-8").splitlines()
    (copy / "reference/states.csv").write_text("\n".join(lines[:11]) + "\n", encoding="utf-8")
    monkeypatch.setenv(data.PACKAGE_ENV, str(copy / "datapackage.json"))
    data._descriptor.cache_clear()
    assert len(analysis.load("states")) == 10


def test_missing_package_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.setenv(data.PACKAGE_ENV, str(tmp_path / "nowhere.json"))
    with pytest.raises(FileNotFoundError, match="data package not found"):
        data.package_path()


def test_coverage_table_gives_each_time_series_its_first_and_last_period():
    """Issue 20: the data dictionary's coverage table, recomputed here from the CSV files."""
    import csv

    from analysis.data import dictionary, package_descriptor, resource_path

    table = dictionary.coverage_table().set_index("resource")
    timed = [r for r in package_descriptor()["resources"] if r.get("coverage")]
    assert sorted(table.index) == sorted(r["name"] for r in timed)
    assert set(table["period type"]) <= {"calendar year", "U.S. fiscal year", "month", "day", "legislature", "election"}
    for resource in timed:
        coverage = resource["coverage"]
        with resource_path(resource["name"]).open(encoding="utf-8", newline="") as handle:
            rows = [r for r in csv.DictReader(handle)
                    if r[coverage["periodField"]] and r.get(coverage.get("statusField") or "", "") != "not found"]
        periods = sorted(r[coverage["periodField"]] for r in rows)
        row = table.loc[resource["name"]]
        for label, period in (("first", periods[0]), ("last", periods[-1])):
            digits = period[:4] if coverage["periodType"] in ("month", "day", "legislature") or "-" in period else period
            assert digits in row[label], f"{resource['name']}: {label} period {period}, the table says {row[label]}"
        assert row["rows in the last period"] == sum(r[coverage["periodField"]] == periods[-1] for r in rows)
        if coverage.get("statusField"):
            latest = {r[coverage["statusField"]] for r in rows if r[coverage["periodField"]] == periods[-1]} - {""}
            assert row["status of the latest values"] == ", ".join(sorted(latest))
        else:
            assert row["status of the latest values"] == "not marked"


def test_dictionary_source_lines_never_start_with_an_empty_publisher():
    from analysis.data import dictionary

    lines = [line for line in dictionary.dictionary_markdown().splitlines() if line.startswith("- ")]
    assert lines and not [line for line in lines if line.startswith(("- : ", "- :"))]
