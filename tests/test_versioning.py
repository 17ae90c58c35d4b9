"""One version everywhere, and the data-package versioning rule."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from analysis.book import release

ROOT = Path(__file__).resolve().parents[1]


def test_version_is_consistent_everywhere():
    assert release.consistency_problems() == []


def test_current_version_respects_the_rule_against_the_last_release():
    assert release.compatibility_problems() == []


@pytest.fixture()
def schemas():
    return release.schemas_of(json.loads((ROOT / "data/datapackage.json").read_text(encoding="utf-8")), ROOT / "data")


def test_no_change_needs_no_bump(schemas):
    assert release.required_bump(schemas, copy.deepcopy(schemas)) == ("none", [])


def test_renamed_field_is_major(schemas):
    new = copy.deepcopy(schemas)
    new["states"]["fields"]["name"] = new["states"]["fields"].pop("state_name")
    level, reasons = release.required_bump(schemas, new)
    assert level == "major" and any("state_name removed or renamed" in r for r in reasons)


def test_retyped_field_is_major(schemas):
    new = copy.deepcopy(schemas)
    new["country_indicators"]["fields"]["year"]["type"] = "string"
    assert release.required_bump(schemas, new)[0] == "major"


def test_changed_unit_is_major(schemas):
    new = copy.deepcopy(schemas)
    new["country_indicators"]["fields"]["gdp_usd"]["unit"] = "USD million"
    assert release.required_bump(schemas, new)[0] == "major"


def test_removed_resource_is_major(schemas):
    new = copy.deepcopy(schemas)
    del new["events"]
    assert release.required_bump(schemas, new)[0] == "major"


def test_new_field_or_resource_is_minor(schemas):
    new = copy.deepcopy(schemas)
    new["states"]["fields"]["capital"] = {"type": "string", "unit": "", "description": "Capital city"}
    assert release.required_bump(schemas, new)[0] == "minor"
    new = copy.deepcopy(schemas)
    new["another"] = copy.deepcopy(schemas["states"])
    assert release.required_bump(schemas, new)[0] == "minor"


def test_added_rows_are_minor(schemas):
    old = {name: {**spec, "rows": 10} for name, spec in schemas.items()}
    new = copy.deepcopy(old)
    new["events"]["rows"] = 12
    new["events"]["hash"] = "sha256:different"
    assert release.required_bump(old, new) == ("minor", ["events: 2 row(s) added"])


def test_corrected_values_are_patch(schemas):
    new = copy.deepcopy(schemas)
    new["states"]["hash"] = "sha256:different"
    assert release.required_bump(schemas, new) == ("patch", ["states: values changed"])


@pytest.mark.parametrize("old, new, level", [("0.1.0", "0.1.0", "none"), ("0.1.0", "0.1.1", "patch"), ("0.1.3", "0.2.0", "minor"), ("0.9.9", "1.0.0", "major")])
def test_bump_level(old, new, level):
    assert release.bump_level(old, new) == level


def test_bump_level_refuses_going_back():
    with pytest.raises(ValueError, match="older"):
        release.bump_level("0.2.0", "0.1.9")


def test_release_refused_without_dated_changelog_entry():
    assert release.changelog_entry("9.9.9", "## [9.9.9] – unreleased\n") is None
    assert release.changelog_entry("9.9.9", "## [9.9.9] – 2026-11-23\n") == "2026-11-23"


def test_cut_refuses_without_changelog_date(monkeypatch, capsys):
    monkeypatch.setattr(release, "changelog_entry", lambda version, text=None: None)
    ran = []
    monkeypatch.setattr(release.subprocess, "run", lambda *a, **k: ran.append(a))
    assert release.cut() == 1
    assert "dated heading" in capsys.readouterr().err
    assert ran == [], "the test suite must not even start when the changelog is not ready"
