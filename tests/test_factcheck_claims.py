"""The claims files (``src/analysis/factcheck/claims/<chapter>.yml``): each record becomes a Claim whose
check is named in a registry, and a broken file stops with one line naming the file, the record and
the field (analysis.factcheck.claims._records)."""

from __future__ import annotations

import fnmatch
import tomllib
from pathlib import Path

import pytest
import yaml

from analysis.factcheck.claims import CLAIMS, MODULES
from analysis.factcheck.claims._common import COMMON
from analysis.factcheck.claims._records import Checks, ClaimsFileError, read_claims
from analysis.factcheck.rules import Claim, Evidence, rounding

ROOT = Path(__file__).resolve().parents[1]
CLAIMS_DIR = ROOT / "src/analysis/factcheck/claims"
RESOURCES = {"states", "events"}

CHECKS = Checks(COMMON)


@CHECKS.check
def _fixed(load) -> Evidence:
    return Evidence(value=1.0, method="a fixed value")


@CHECKS.factory
def _scaled(factor: float, note: str = ""):
    def check(load) -> Evidence:
        return Evidence(value=factor, method="a given value", note=note)
    return check


RECORD = """\
- claim_id: A4-trade-98
  paraphrase: A test claim.
  claimed: 3
  unit: u
  period: '2017'
  geography: Mexico
  resources: [states]
  check: fixed
"""


def claims_file(tmp_path: Path, text: str, name: str = "trade.yml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def error_of(path: Path, resources=RESOURCES) -> str:
    with pytest.raises(ClaimsFileError) as caught:
        read_claims(path, CHECKS, resources=resources)
    message = str(caught.value)
    assert "\n" not in message, f"not one line: {message!r}"
    assert message.startswith(str(path)), f"the file is not named first: {message}"
    return message


# --- what a record becomes ----------------------------------------------------------------------

def test_a_record_becomes_the_claim_it_describes(tmp_path):
    path = claims_file(tmp_path, RECORD + """
- claim_id: A2-trade-99
  paraphrase: Another test claim.
  claimed: '2018-07-01'
  unit: date
  period: '2018'
  geography: Mexico
  resources: [states, events]
  check: {name: scaled, args: [2.5], kwargs: {note: a note}}
  tolerance: {rounding: [127000000, 1000000]}
  wording: date
  also_in: [migration]
  searched:
  - https://example.org/a
""")
    first, second = read_claims(path, CHECKS, resources=RESOURCES)
    assert first == Claim(claim_id="A4-trade-98", paraphrase="A test claim.", claimed=3, unit="u", period="2017",
                          geography="Mexico", resources=("states",), check=_fixed)
    assert second.claimed == "2018-07-01" and second.resources == ("states", "events")
    assert second.tolerance == rounding(127_000_000, 1_000_000)
    assert second.also_in == ("migration",) and second.searched == ("https://example.org/a",)
    assert second.check(None) == Evidence(value=2.5, method="a given value", note="a note")


def test_unverifiable_claims_have_a_null_check_and_the_shared_factories_are_named_everywhere(tmp_path):
    path = claims_file(tmp_path, RECORD.replace("check: fixed", "check: null")
                       + RECORD.replace("98", "97").replace("check: fixed", "check: {name: year_of, args: [PRD founded, founded]}"))
    unverifiable, dated = read_claims(path, CHECKS, resources=RESOURCES)
    assert unverifiable.check is None
    assert callable(dated.check) and dated.check.__qualname__.startswith("year_of")


# --- one line naming the file, the record and the field for each problem ------------------------------

@pytest.mark.parametrize(
    "text, expected",
    [
        (RECORD + "  paraphrse: typo\n", ["record 1 (A4-trade-98)", "field 'paraphrse'", "unknown key", "did you mean 'paraphrase'"]),
        (RECORD.replace("  unit: u\n", ""), ["record 1 (A4-trade-98)", "field 'unit'", "missing"]),
        (RECORD.replace("  check: fixed\n", ""), ["field 'check'", "missing", "null when the claim has no check"]),
        (RECORD.replace("check: fixed", "check: fixd"), ["(A4-trade-98)", "field 'check'", "unknown check 'fixd'", "did you mean 'fixed'"]),
        (RECORD.replace("check: fixed", "check: {name: scaled, args: [1, 2, 3]}"),
         ["(A4-trade-98)", "field 'check'", "wrong arguments for 'scaled'", "too many positional arguments"]),
        (RECORD.replace("check: fixed", "check: {name: scaled, kwargs: {factr: 2}}"),
         ["field 'check'", "wrong arguments for 'scaled'", "missing a required argument: 'factor'"]),
        (RECORD.replace("check: fixed", "check: scaled"), ["field 'check'", "'scaled' is a factory"]),
        (RECORD.replace("check: fixed", "check: {name: fixed, args: [1]}"), ["field 'check'", "'fixed' is a check, not a factory"]),
        (RECORD.replace("[states]", "[stats]"), ["(A4-trade-98)", "field 'resources'", "unknown resource 'stats'", "did you mean 'states'"]),
        (RECORD + "\n" + RECORD, ["line 10, record 2 (A4-trade-98)", "field 'claim_id'", "declared twice (first at record 1)"]),
        (RECORD.replace("A4-trade-98", "A4-security-98"), ["(A4-security-98)", "field 'claim_id'", "chapter 'security' does not match the file 'trade.yml'"]),
        (RECORD.replace("A4-trade-98", "A4trade98"), ["record 1 (A4trade98)", "field 'claim_id'", "not '<article>-<chapter>-<nn>'"]),
        (RECORD.replace("claimed: 3", "claimed: 2018-07-01"), ["field 'claimed'", "expected a number or text", "quote a date"]),
        (RECORD.replace("period: '2017'", "period: 2017"), ["field 'period'", "expected text, got 2017 (quote it)"]),
        (RECORD + "  tolerance: {rounding: [127000000]}\n", ["field 'tolerance'", "{rounding: [claimed, unit]}"]),
        (RECORD + "  searched: https://example.org\n", ["field 'searched'", "expected a list of text"]),
        (RECORD + "- just text\n", ["line 9, record 2:", "expected a mapping of claim fields"]),
        ("claim_id: A4-trade-98\n", ["expected a list of claim records"]),
        (RECORD + "  note: [unclosed\n", ["line 10", "not valid YAML"]),
    ],
    ids=["unknown key", "missing key", "missing check", "unknown check", "too many arguments", "wrong keyword",
         "factory without arguments", "check with arguments", "unknown resource", "duplicated id", "wrong chapter",
         "malformed id", "unquoted date", "unquoted year", "bad rounding", "text for a list", "not a mapping",
         "not a list", "invalid YAML"],
)
def test_a_broken_record_stops_with_one_line_naming_file_record_and_field(tmp_path, text, expected):
    message = error_of(claims_file(tmp_path, text))
    for fragment in expected:
        assert fragment in message, f"{fragment!r} not in: {message}"


def test_a_key_given_twice_in_a_record_is_refused_not_taken_last(tmp_path):
    message = error_of(claims_file(tmp_path, RECORD + "  unit: v\n"))
    assert "field 'unit'" in message and "key given twice in one map" in message and "line 9," in message


def test_resources_are_checked_against_the_derivations_resources_by_default(tmp_path):
    message = error_of(claims_file(tmp_path, RECORD.replace("[states]", "[presidential_results]")), resources=None)
    assert "unknown resource 'presidential_results': did you mean 'presidential_state_results'?" in message
    assert read_claims(claims_file(tmp_path, RECORD.replace("[states]", "[presidential_national_results]")), CHECKS)


def test_a_missing_file_is_named(tmp_path):
    assert "no such claims file" in error_of(tmp_path / "trade.yml")


def test_a_name_is_registered_once():
    registry = Checks(COMMON)

    def before(label):
        return label

    with pytest.raises(ValueError, match="'before' is registered twice"):
        registry.factory(before)


# --- the project's own files --------------------------------------------------------------------

def test_each_chapter_module_reads_its_claims_from_the_file_beside_it():
    for module in MODULES:
        path = Path(module.__file__).with_suffix(".yml")
        chapter = path.stem
        again = read_claims(path, module.CHECKS)
        assert [c.claim_id for c in again] == [c.claim_id for c in module.CLAIMS]
        assert all(c.chapter == chapter for c in again)
        assert "Claim(" not in Path(module.__file__).read_text(encoding="utf-8"), f"{module.__name__} declares claims in code again"
    assert [c.claim_id for c in CLAIMS] == [c.claim_id for m in MODULES for c in m.CLAIMS]
    assert sorted(p.stem for p in CLAIMS_DIR.glob("*.yml")) == sorted(Path(m.__file__).stem for m in MODULES)


def test_every_registered_check_is_named_by_a_claim():
    named = set()
    for path in CLAIMS_DIR.glob("*.yml"):
        for record in yaml.safe_load(path.read_text(encoding="utf-8")):
            check = record["check"]
            named.add(check["name"] if isinstance(check, dict) else check)
    registered = {name for module in MODULES for name in module.CHECKS.names()}
    assert registered - named == set(), "checks no claim names (remove them, or name them in a claims file)"


def test_the_claims_files_ship_with_the_package():
    patterns = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["package-data"]
    shipped = [f"{package}/{pattern}" for package, globs in patterns.items() for pattern in globs]
    for path in CLAIMS_DIR.glob("*.yml"):
        dotted = "analysis.factcheck.claims/" + path.name
        assert any(fnmatch.fnmatch(dotted, pattern) for pattern in shipped), f"{path.name} is not in [tool.setuptools.package-data]"
    dependencies = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    assert any(d.lower().startswith("pyyaml") for d in dependencies), "PyYAML must be a dependency of the package"
