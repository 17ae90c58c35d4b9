"""How the fact-check ledger's changes count under the data-package versioning rule
(analysis.book.release): merged rows, removed rows and changed verdict vocabularies."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from analysis.book import release
from analysis.factcheck.claims import MERGED
from analysis.factcheck.rules import VERDICTS

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def schemas():
    return release.schemas_of(json.loads((ROOT / "data/datapackage.json").read_text(encoding="utf-8")), ROOT / "data")


def test_claims_records_its_keys_and_the_merged_ids(schemas):
    claims = schemas["claims"]
    assert len(claims["keys"]) == claims["rows"]
    assert set(claims["merged"]) == set(MERGED), "every removed id is recorded by the row it was merged into"
    assert not set(claims["merged"]) & set(claims["keys"])
    assert claims["fields"]["verdict"]["enum"] == VERDICTS
    assert "keys" not in schemas["states"], "only resources that record merged rows carry their keys"


def _merge(schemas, removed: str, into: str) -> dict:
    """The ledger after merging row ``removed`` into ``into`` (as analysis.factcheck.claims.MERGED does)."""
    new = copy.deepcopy(schemas)
    new["claims"]["keys"] = [k for k in new["claims"]["keys"] if k != removed]
    new["claims"]["merged"] = sorted({*new["claims"]["merged"], removed})
    new["claims"]["rows"] -= 1
    new["claims"]["hash"] = "sha256:merged"
    return new


def test_a_merge_recorded_by_the_surviving_row_is_minor(schemas):
    removed, into = "A4-security-04", "A4-security-05"
    level, reasons = release.required_bump(schemas, _merge(schemas, removed, into))
    assert level == "minor" and reasons == ["claims: 1 row(s) merged into others (former keys recorded)"]


def test_a_removed_row_nobody_records_is_major(schemas):
    new = copy.deepcopy(schemas)
    new["claims"]["keys"] = [k for k in new["claims"]["keys"] if k != "A4-security-04"]
    new["claims"]["rows"] -= 1
    level, reasons = release.required_bump(schemas, new)
    assert level == "major" and reasons == ["claims: 1 row(s) removed (A4-security-04)"]


def test_added_rows_with_keys_are_minor(schemas):
    new = copy.deepcopy(schemas)
    new["claims"]["keys"] = sorted([*new["claims"]["keys"], "A4-security-99"])
    new["claims"]["rows"] += 1
    assert release.required_bump(schemas, new) == ("minor", ["claims: 1 row(s) added"])


def test_against_a_release_without_keys_rows_may_fall_only_by_the_newly_merged(schemas):
    base = copy.deepcopy(schemas)
    base["claims"]["merged"] = []  # a ledger with no merges yet
    old = copy.deepcopy(base)
    for key in ("keys", "merged"):  # as recorded before keys were kept
        old["claims"].pop(key)
    merged = _merge(base, "A4-security-04", "A4-security-05")
    assert release.required_bump(old, merged)[0] == "minor"
    lost = copy.deepcopy(merged)
    lost["claims"]["rows"] -= 1  # one more row gone, recorded nowhere
    level, reasons = release.required_bump(old, lost)
    assert level == "major" and "2 row(s) removed" in reasons[0]


def test_removing_an_allowed_verdict_is_major_and_adding_one_minor(schemas):
    fewer = copy.deepcopy(schemas)
    fewer["claims"]["fields"]["verdict"]["enum"] = [v for v in VERDICTS if v != "outdated"]
    level, reasons = release.required_bump(schemas, fewer)
    assert level == "major" and reasons == ["claims.verdict: allowed value(s) outdated removed"]
    more = copy.deepcopy(schemas)
    more["claims"]["fields"]["verdict"]["enum"] = [*VERDICTS, "misleading"]
    assert release.required_bump(schemas, more) == ("minor", ["claims.verdict: allowed value(s) misleading added"])


def test_this_change_of_the_ledger_is_major_against_the_last_release():
    """The verdict field is re-meant (new vocabulary, 'approximately' narrowed, 'revised' before
    'consistent'), so the package needs a major step at integration; merged rows alone would be minor."""
    last = release.released_versions()[-1]
    old = json.loads((ROOT / "releases" / last / "schemas.json").read_text(encoding="utf-8"))
    new = release.schemas_of(json.loads((ROOT / "data/datapackage.json").read_text(encoding="utf-8")), ROOT / "data")
    level, reasons = release.required_bump({"claims": old["claims"]}, {"claims": new["claims"]})
    assert level == "major"
    assert "claims.verdict changed meaning (unit or description)" in reasons
    assert not any("removed" in r for r in reasons), "no claim row disappears without a record"
