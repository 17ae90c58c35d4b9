"""The derivation framework and the reference steps (states, boundaries, events, World Bank)."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest

import analysis
from analysis import etl, pipeline
from analysis.etl import package
from analysis.data import REPO_ROOT
from analysis.etl import DerivationError
from analysis.etl import events as events_step
from analysis.etl import states as states_step


def test_rederived_package_matches_data_byte_for_byte(raw):
    differences = pipeline.check(raw, REPO_ROOT / "data")
    assert differences == [], "data/ is not what the code derives from the raw files:\n" + "\n".join(differences)


def test_every_resource_is_declared_once_with_sources_and_units_documented():
    resources = package.resources_of(pipeline.STAGES)
    names = [r.name for r in resources]
    assert len(names) == len(set(names))
    for resource in resources:
        assert resource.sources or resource.row_sources, resource.name
        assert all(s.get("title") for s in resource.sources), resource.name
        assert resource.row_sources or any(s.get("path", "").startswith("http") for s in resource.sources), resource.name
        assert all(s["path"].startswith("http") for s in resource.sources if "path" in s), resource.name
        assert resource.primary_key, resource.name
        assert all(f.get("description") for f in resource.fields), resource.name
        assert resource.derive.__module__.startswith(("analysis.etl.", "analysis.factcheck.")), resource.name
        module = __import__(resource.derive.__module__, fromlist=["_"])
        assert "http" in (module.__doc__ or ""), f"{module.__name__} must document the publisher's download URL"


def test_descriptor_carries_metadata_a_reuser_needs():
    descriptor = json.loads((REPO_ROOT / "data/datapackage.json").read_text())
    assert descriptor["version"] == analysis.__version__
    assert descriptor["licenses"][0]["name"] == "CC-BY-4.0"
    for resource in descriptor["resources"]:
        assert resource["hash"].startswith("sha256:")
        assert resource["sources"] and resource["licenses"]
        assert Path(resource["path"]).stem == resource["name"]


def test_states_derivation(raw):
    states = states_step.derive_states(raw, {})
    assert len(states) == 32
    assert states.set_index("state_code").loc["19", "state_name"] == "Nuevo León"
    assert states.set_index("state_code").loc["19", "abbreviation"] == "NL"


def test_states_derivation_rejects_bad_codes(raw, tmp_path):
    fake = tmp_path / "raw"
    shutil.copytree(raw / "geo", fake / "geo")
    shutil.copytree(raw / "elections", fake / "elections")
    path = fake / states_step.GEOJSON
    collection = json.loads(path.read_text(encoding="utf-8"))
    collection["features"][4]["properties"]["cve_geo"] = 5  # a number instead of "05"
    path.write_text(json.dumps(collection), encoding="utf-8")
    with pytest.raises(DerivationError, match=r"row 5, field 'cve_geo'"):
        states_step.derive_states(fake, {})


def test_boundaries_are_rounded_and_complete():
    boundaries = analysis.load("state_boundaries")
    assert len(boundaries) == 32
    geometry = json.loads(boundaries["geometry"].iloc[0])
    assert geometry["type"] in {"Polygon", "MultiPolygon"}
    text = boundaries["geometry"].str.cat()
    assert ".1234" not in text  # no more than 3 decimals survive (spot check of the rounding)


def test_events_month_precision_and_labels(raw):
    events = events_step.derive_events(raw, {})
    june = events[(events["date"] == "2019-06-01") & (events["category"] == "trade")]
    assert june["date_precision"].tolist() == ["month"]
    assert events["label"].str.len().max() <= 40
    assert events["event_id"].is_unique


def test_events_reject_unknown_category(raw, tmp_path):
    fake = tmp_path / "raw"
    fake.mkdir()
    text = (raw / "events_timeline.csv").read_text(encoding="utf-8").splitlines()
    text[3] = text[3].replace(",elections,", ",sport,")
    (fake / "events_timeline.csv").write_text("\n".join(text) + "\n", encoding="utf-8")
    with pytest.raises(DerivationError, match=r"events_timeline.csv, row 4, field 'category'"):
        events_step.derive_events(fake, {})


COLLECTED_EVENTS = "collected/trade_events.csv"


@pytest.mark.parametrize(
    "edit, field, message",
    [
        (lambda row: row.replace(",trade,", ",sport,", 1), "category", "category 'sport' not in"),
        (lambda row: row.replace("2017-08-16", "16/08/2017", 1), "date", "neither YYYY-MM-DD nor YYYY-MM"),
        (lambda row: row.replace(",NAFTA talks begin,", ",NAFTA talks start,", 1), "label", "not one of analysis.data.events.Label"),
        (lambda row: row.replace("https://", "javascript://", 1), "url", "is not http(s)"),
        (lambda row: row.replace(",NAFTA talks begin,", ",NAFTA in force,", 1), "label", "already used by an earlier row"),
    ],
)
def test_collected_events_refuse_a_bad_row_naming_file_row_and_field(raw, tmp_path, edit, field, message):
    fake = tmp_path / "raw"
    (fake / "collected").mkdir(parents=True)
    lines = (raw / COLLECTED_EVENTS).read_text(encoding="utf-8").split("\n")
    assert lines[2].startswith("2017-08-16,trade,") and ",NAFTA talks begin," in lines[2]
    lines[2] = edit(lines[2])
    (fake / COLLECTED_EVENTS).write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(DerivationError, match=rf"trade_events.csv, row 3, field '{field}': .*{re.escape(message)}"):
        events_step.read_collected_events(fake, COLLECTED_EVENTS)


def test_collected_events_reach_the_events_table_with_their_file_as_origin(raw):
    events = events_step.derive_events(raw, {})
    origins = events["origin"].value_counts().to_dict()
    assert set(origins) == {"events_timeline.csv", *events_step.EVENT_FILES}
    for name in events_step.EVENT_FILES:
        assert origins[name] == len(events_step.read_collected_events(raw, name))
    assert not events.duplicated(["label"]).any()


def test_world_bank_check_values():
    indicators = analysis.load("country_indicators").set_index(["country_code", "year"])
    assert indicators.loc[("MEX", 2018), "gdp_usd"] == pytest.approx(1_256_300_182_879.73)
    assert indicators.loc[("MEX", 2023), "population"] == 129_739_759


def test_invalid_derivation_leaves_data_untouched(tmp_path):
    out = tmp_path / "data"
    shutil.copytree(REPO_ROOT / "data", out)
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    resources = package.resources_of(pipeline.STAGES)
    blobs = {r.name: (out / r.path).read_bytes() for r in resources}
    states = next(r for r in resources if r.name == "states")
    blobs["states"] = blobs["states"].replace(b"01,Aguascalientes", b"1,Aguascalientes")  # breaks the pattern
    with pytest.raises(ValueError, match=r"states.csv, row 2, field 'state_code'"):
        package.write_package(resources, blobs, out)
    after = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert after == before
    assert not list(tmp_path.glob(".data-staging-*"))
    assert states.path == "reference/states.csv"


def test_csv_serialisation_is_deterministic_and_checks_columns():
    states = next(r for r in package.resources_of(pipeline.STAGES) if r.name == "states")
    frame = analysis.load("states")
    assert etl.to_csv_bytes(frame, states) == etl.to_csv_bytes(frame.copy(), states)
    with pytest.raises(ValueError, match="undeclared"):
        etl.to_csv_bytes(frame.assign(extra=1), states)
    assert b"\r\n" not in etl.to_csv_bytes(pd.DataFrame(frame), states)


def test_raw_csv_is_read_as_text_with_its_header_checked(tmp_path):
    path = tmp_path / "file.csv"
    path.write_text("code;count\n01;7\n02;\n", encoding="utf-8")
    frame = etl.read_csv_with_header(path, ["code", "count"], line_column="line", sep=";")
    assert frame.to_dict("records") == [{"line": 2, "code": "01", "count": "7"}, {"line": 3, "code": "02", "count": ""}]
    with pytest.raises(DerivationError, match=r"file\.csv, row 1: header \['code;count'\] differs from \['code', 'count'\]$"):
        etl.read_csv_with_header(path, ["code", "count"])
    with pytest.raises(DerivationError, match=r"row 1: header \['code', 'count'\] differs from \['code', 'n'\] \(is the file still ';'-delimited\?\)"):
        etl.read_csv_with_header(path, ["code", "n"], sep=";")


def test_published_periods_are_read_or_refused_naming_the_row():
    from analysis.etl.published import calendar_year, fiscal_year_span, source_label

    assert calendar_year("2019", Path("f.csv"), 7) == 2019
    with pytest.raises(DerivationError, match=r"^f\.csv, row 7, field 'period': period '2019-20' is not a calendar year$"):
        calendar_year("2019-20", Path("f.csv"), 7)
    assert fiscal_year_span("FY2008", Path("f.csv"), 3) == (2008, 2008)
    assert fiscal_year_span("FY2008–FY2021 (cumulative)", Path("f.csv"), 3) == (2008, 2021)
    with pytest.raises(DerivationError, match=r"^f\.csv, row 3, field 'period': period '2008' is not FYyyyy or FYyyyy–FYyyyy$"):
        fiscal_year_span("2008", Path("f.csv"), 3)
    assert source_label({"publisher": "CRS", "document": "IF10578"}) == "CRS: IF10578"
