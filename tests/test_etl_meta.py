"""Resource metadata in ``<module>.meta.yml`` (analysis.etl.meta): the loader, its one-line errors,
the files shipped with the package, and the constants the derive code shares with the files."""

from __future__ import annotations

import fnmatch
import io
import re
import shutil
import tomllib
import zipfile
from pathlib import Path

import pytest
import yaml

from analysis.data import REPO_ROOT
from analysis.etl import MetadataError, Resource, field_, foreign_key, resources_from_meta
from analysis.etl import elections_mx, elections_prep, elections_term, events, factcheck_evidence, migration, migration_collected
from analysis.etl import security, security_published, states, trade, trade_collected, trade_fred, worldbank
from analysis.etl.meta import meta_path
from analysis.etl.published import URL_PATTERN
from analysis.etl.steps import STEPS

ETL = REPO_ROOT / "src" / "analysis" / "etl"


def derive_a(raw, built):
    raise AssertionError("not called")


def derive_b(raw, built):
    raise AssertionError("not called")


def document() -> dict:
    """A small valid metadata file: two resources, a shared source, every optional key used once."""
    return {
        "sources": {
            "census": {"title": "Census, trade by country", "path": "https://www.census.gov/x.xlsx", "publisher": "U.S. Census Bureau"},
            "mirror": {"title": "A mirror of the Census file", "path": "https://github.com/o/r"},
        },
        "resources": [
            {
                "name": "trade_a", "folder": "trade", "title": "Trade A", "description": "Monthly trade.",
                "sources": ["census", "mirror"],
                "fields": [
                    {"name": "date", "type": "date", "description": "Month", "constraints": {"required": True}},
                    {"name": "value", "type": "number", "description": "Value", "unit": "USD million", "constraints": {"minimum": 0}},
                    {"name": "status", "type": "string", "description": "Status", "constraints": {"enum": ["final", "preliminary"]}},
                ],
                "primary_key": ["date"],
                "period": {"field": "date", "type": "month"},
                "status_field": "status",
            },
            {
                "name": "trade_b", "folder": "trade", "title": "Trade B", "description": "Rows citing their release.",
                "sources": ["census"],
                "row_sources": {"title": "publisher", "path": "source_url"},
                "fields": [
                    {"name": "state_code", "type": "string", "description": "State", "constraints": {"required": True}},
                    {"name": "publisher", "type": "string", "description": "Publisher"},
                    {"name": "source_url", "type": "string", "description": "URL"},
                ],
                "primary_key": ["state_code"],
                "foreign_keys": [{"fields": "state_code", "reference": {"resource": "states", "fields": "state_code"}}],
                "depends_on": ["trade_a", "states"],
                "missing_values": ["", "NA"],
            },
        ],
    }


DERIVE = {"trade_a": derive_a, "trade_b": derive_b}


def write(tmp_path: Path, content) -> Path:
    """Write ``content`` (a document, or YAML text) as ``step.meta.yml``; return the module path it belongs to."""
    text = content if isinstance(content, str) else yaml.safe_dump(content, sort_keys=False, allow_unicode=True)
    (tmp_path / "step.meta.yml").write_text(text, encoding="utf-8")
    return tmp_path / "step.py"


def error(tmp_path: Path, content, derive=None) -> str:
    module = write(tmp_path, content)
    with pytest.raises(MetadataError) as raised:
        resources_from_meta(module, derive=DERIVE if derive is None else derive)
    message = str(raised.value)
    assert "\n" not in message
    prefix = f"{tmp_path / 'step.meta.yml'}: "
    assert message.startswith(prefix), message
    return message[len(prefix):]


def test_loads_the_resources_a_python_declaration_would_give(tmp_path):
    resources = resources_from_meta(write(tmp_path, document()), derive=DERIVE)
    census = {"title": "Census, trade by country", "path": "https://www.census.gov/x.xlsx", "publisher": "U.S. Census Bureau"}
    assert resources == [
        Resource(
            name="trade_a", folder="trade", title="Trade A", description="Monthly trade.",
            sources=[census, {"title": "A mirror of the Census file", "path": "https://github.com/o/r"}],
            fields=[field_("date", "date", "Month", required=True), field_("value", "number", "Value", unit="USD million", minimum=0),
                    field_("status", "string", "Status", enum=["final", "preliminary"])],
            derive=derive_a, primary_key=["date"], period=("date", "month"), status_field="status",
        ),
        Resource(
            name="trade_b", folder="trade", title="Trade B", description="Rows citing their release.", sources=[census],
            fields=[field_("state_code", "string", "State", required=True), field_("publisher", "string", "Publisher"),
                    field_("source_url", "string", "URL")],
            derive=derive_b, primary_key=["state_code"], foreign_keys=[foreign_key("state_code", "states", "state_code")],
            depends_on=["trade_a", "states"], missing_values=["", "NA"], row_sources=("publisher", "source_url"),
        ),
    ]
    assert resources[0].fields[0]["format"] == "%Y-%m-%d"  # added by the loader, as field_ does
    assert resources[0].sources[0] is not resources[1].sources[0]  # a shared source is copied, not aliased


@pytest.mark.parametrize(("change", "expected"), [
    (lambda d: d["resources"][0].update(titel="x"), r"resource 'trade_a', key 'titel': unknown key in a resource \(known: name, "),
    (lambda d: d["resources"][0]["fields"][1].update(units="USD"), r"resource 'trade_a', key 'units': unknown key in field 'value'"),
    (lambda d: d["resources"][0]["fields"][1]["constraints"].update(minimun=1),
     r"resource 'trade_a', key 'minimun': field 'value': unknown constraint"),
    (lambda d: d["sources"]["census"].update(url="https://x"), r"key 'url': unknown key in source 'census'"),
    (lambda d: d["resources"][1]["row_sources"].update(url="x"), r"resource 'trade_b', key 'url': unknown key in row_sources"),
    (lambda d: d.update(tables=[]), r"key 'tables': unknown key in the file \(known: sources, resources\)$"),
])
def test_an_unknown_key_is_named(tmp_path, change, expected):
    broken = document()
    change(broken)
    assert re.match(expected, error(tmp_path, broken))


@pytest.mark.parametrize(("change", "expected"), [
    (lambda d: d["resources"][0].pop("folder"), r"resource 'trade_a', key 'folder': required key missing from a resource$"),
    (lambda d: d["resources"][1].pop("name"), r"key 'name': required key missing from a resource$"),
    (lambda d: d["resources"][0]["fields"][2].pop("description"),
     r"resource 'trade_a', key 'description': required key missing from field 'status'$"),
    (lambda d: d["sources"]["mirror"].pop("title"), r"key 'title': required key missing from source 'mirror'$"),
    (lambda d: d["resources"][0]["period"].pop("type"), r"resource 'trade_a', key 'type': required key missing from period$"),
    (lambda d: d.pop("resources"), r"key 'resources': required key missing from the file$"),
    (lambda d: d["resources"][0].update(title=""), r"resource 'trade_a', key 'title': must be non-empty text"),
])
def test_a_missing_required_key_is_named(tmp_path, change, expected):
    broken = document()
    change(broken)
    assert re.match(expected, error(tmp_path, broken))


def test_a_source_key_must_be_defined_and_used(tmp_path):
    broken = document()
    broken["resources"][1]["sources"] = ["census", "censsu"]
    assert error(tmp_path, broken) == ("resource 'trade_b', key 'sources': source 'censsu' is not defined in the file's sources map "
                                       "(defined: census, mirror)")
    unused = document()
    unused["sources"]["extra"] = {"title": "Cited by nobody"}
    assert error(tmp_path, unused) == "key 'sources': source 'extra' is defined but no resource cites it"


def test_every_resource_needs_a_derive_function_and_every_function_a_resource(tmp_path):
    assert error(tmp_path, document(), derive={"trade_a": derive_a}) == (
        "resource 'trade_b', key 'name': no derive function is bound to this resource in step.py (derive={'trade_b': ...})")
    assert error(tmp_path, document(), derive={**DERIVE, "trade_c": derive_b}) == (
        "resource 'trade_c', key 'name': step.py binds derive function 'derive_b' to this name, but the file declares no such "
        "resource (declared: trade_a, trade_b)")
    assert "is not callable" in error(tmp_path, document(), derive={**DERIVE, "trade_b": "derive_b"})


def test_an_unknown_period_type_is_refused(tmp_path):
    broken = document()
    broken["resources"][0]["period"]["type"] = "fiscal year"
    assert error(tmp_path, broken) == ("resource 'trade_a', key 'period': period type 'fiscal year' is not one of ['calendar year', "
                                       "'U.S. fiscal year', 'month', 'day', 'legislature', 'election']")


@pytest.mark.parametrize(("change", "expected"), [
    (lambda d: d["resources"][0].update(primary_key=["month"]), "resource 'trade_a', key 'primary_key': names field 'month'"),
    (lambda d: d["resources"][0].update(status_field="state"), "resource 'trade_a', key 'status_field': names field 'state'"),
    (lambda d: d["resources"][0]["period"].update(field="day"), "resource 'trade_a', key 'period': names field 'day'"),
    (lambda d: d["resources"][1]["row_sources"].update(path="url"), "resource 'trade_b', key 'row_sources': names field 'url'"),
    (lambda d: d["resources"][1]["foreign_keys"][0].update(fields="state"), "resource 'trade_b', key 'foreign_keys': names field 'state'"),
    (lambda d: d["resources"][1]["fields"].append(dict(d["resources"][1]["fields"][1])),
     "resource 'trade_b', key 'fields': field(s) ['publisher'] declared twice"),
    (lambda d: d["resources"].append(dict(d["resources"][0], sources=["mirror"])), "resource 'trade_a', key 'name': declared twice"),
])
def test_references_to_fields_and_names_are_checked(tmp_path, change, expected):
    broken = document()
    change(broken)
    assert error(tmp_path, broken).startswith(expected)


def test_an_unquoted_yaml_keyword_in_a_text_enum_is_refused(tmp_path):
    text = yaml.safe_dump(document(), sort_keys=False).replace("- preliminary\n", "- null\n")  # YAML reads it as None
    assert error(tmp_path, text) == ("resource 'trade_a', key 'enum': field 'status': enum value None of a string field is not text "
                                     "(YAML reads unquoted null, yes, no, on, off and numbers as other types: quote it)")


def test_yaml_errors_and_repeated_keys_name_the_line(tmp_path):
    assert re.match(r"line \d+: not valid YAML", error(tmp_path, "resources:\n  - name: a\n    title: [unclosed\n"))
    text = yaml.safe_dump(document(), sort_keys=False).replace("  mirror:\n", "  census:\n", 1)  # safe_load would keep the last
    assert re.match(r"key 'census': line 6: key given twice in one map$", error(tmp_path, text))
    with pytest.raises(MetadataError, match=r"other\.meta\.yml: cannot read the metadata file"):
        resources_from_meta(tmp_path / "other.py", derive=DERIVE)


# --------------------------------------------------------------------------- the project's files

def test_every_meta_file_belongs_to_the_module_beside_it_and_ships_with_the_package():
    files = sorted(ETL.glob("*.meta.yml"))
    by_module = {step.module.__name__.rsplit(".", 1)[-1]: step for step in STEPS}
    converted = [name for name, step in by_module.items() if meta_path(step.module.__file__).is_file()]
    assert [f.name for f in files] == sorted(f"{name}.meta.yml" for name in converted)
    assert len(files) >= 15
    for path in files:
        declared = [entry["name"] for entry in yaml.safe_load(path.read_text(encoding="utf-8"))["resources"]]
        assert declared == by_module[path.name.removesuffix(".meta.yml")].outputs, path.name
    pyproject = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = pyproject["tool"]["setuptools"]["package-data"]["analysis.etl"]
    assert all(any(fnmatch.fnmatch(f.name, p) for p in patterns) for f in files)
    assert any(dep.lower().startswith("pyyaml") for dep in pyproject["project"]["dependencies"])
    from analysis.book import standalone

    shipped = set(zipfile.ZipFile(io.BytesIO(standalone.wheel_bytes())).namelist())
    assert {f"analysis/etl/{f.name}" for f in files} <= shipped


def test_a_changed_meta_file_empties_the_books_execution_cache(tmp_path):
    from analysis.book import build

    shutil.copytree(REPO_ROOT / "src" / "analysis", tmp_path / "src" / "analysis", ignore=shutil.ignore_patterns("__pycache__"))
    before = build.inputs_fingerprint(tmp_path)
    path = tmp_path / "src" / "analysis" / "etl" / "worldbank.meta.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("Calendar year", "Calendar year (January–December)"), encoding="utf-8")
    assert build.inputs_fingerprint(tmp_path) != before


def _resource(name: str) -> Resource:
    return next(r for step in STEPS for r in step.resources if r.name == name)


def _constraint(resource: str, field: str, key: str):
    spec = next(f for f in _resource(resource).fields if f["name"] == field)
    return spec.get("constraints", {}).get(key)


# (resource, field, constraint) of the metadata files -> the constant the derive code uses for the same thing.
SHARED_CONSTANTS = [
    ("events", "category", "enum", events.CATEGORIES),
    ("country_indicators", "country_code", "enum", list(worldbank.COUNTRIES)),
    ("country_indicators", "country", "enum", list(worldbank.COUNTRIES.values())),
    ("country_indicators", "year", "minimum", worldbank.FIRST_YEAR),
    ("factcheck_figures", "status", "enum", factcheck_evidence.STATUSES),
    ("presidential_national_results", "stage", "enum", [elections_mx.DISTRICT, elections_mx.TRIBUNAL, elections_mx.STATE_SUM]),
    ("congress_seats", "legislature", "enum", list(elections_mx.LEGISLATURES)),
    ("congress_seats", "chamber", "enum", elections_mx.CHAMBERS),
    ("congress_seats", "coalition_2018", "enum", [*elections_mx.COALITION_2018.values(), elections_mx.NO_COALITION]),
    ("recall_referendum_2022", "stage", "enum", [elections_term.INE_COUNT, elections_term.TEPJF_FINAL]),
    ("recall_referendum_2022", "item_type", "enum", elections_term.RECALL_ITEM_TYPES),
    ("elections_published_figures", "topic", "enum", elections_term.OTHER_TOPICS + elections_term.STRUCTURED_TOPICS),
    ("presidential_state_results_2024_prep", "candidate_id", "enum", [c[0] for c in elections_prep.CANDIDATES.values()]),
    ("presidential_state_results_2024_prep", "item_type", "enum", elections_prep.ITEM_TYPES),
    ("us_trade_monthly", "partner", "enum", trade.PARTNER_ORDER),
    ("us_goods_trade_published", "partner", "enum", trade.PARTNERS_PUBLISHED),
    ("us_imports_monthly_fred", "vs_census_file", "enum", [trade_fred.SAME, trade_fred.REVISED, trade_fred.LATER]),
    ("us_trade_shares_published", "measure", "enum", list(dict.fromkeys(trade_collected.SHARE_MEASURES.values()))),
    ("trade_policy_published", "topic", "enum", list(trade_collected.TOPICS.values())),
    ("trade_policy_published", "measure", "enum", sorted(set(trade_collected.POLICY_MEASURES.values()))),
    ("mexico_fdi_published", "measure", "enum", list(dict.fromkeys(trade_collected.FDI_MEASURES.values()))),
    *[(name, "status", "enum", trade_collected.STATUSES)
      for name in ("us_trade_shares_published", "trade_policy_published", "mexico_fdi_published")],
    *[(name, "fiscal_year", "maximum", migration.KHSM_LAST_COMPLETE_FY)
      for name in ("usbp_encounters_region_annual", "usbp_sw_citizenship_annual", "usbp_sw_family_status_annual")],
    ("usbp_encounters_region_annual", "region", "enum", migration.KHSM_REGIONS),
    ("usbp_sw_citizenship_annual", "citizenship_group", "enum", migration.CITIZENSHIP_GROUPS),
    ("sw_border_encounters_monthly", "citizenship", "enum", migration.CITIZENSHIP_GROUPS),
    ("sw_border_encounters_citizenship_fy", "citizenship_group", "enum", migration.CITIZENSHIP_GROUPS),
    ("usbp_sw_family_status_annual", "family_status", "enum", list(migration.KHSM_FAMILY_STATUS.values())),
    ("sw_border_encounters_annual", "component", "enum", list(migration.SBO_ANNUAL_COMPONENTS.values())),
    ("sw_border_encounters_annual", "authority", "enum", list(migration.SBO_ANNUAL_AUTHORITIES.values())),
    ("sw_border_encounters_annual", "status", "enum", migration.FY_STATUS),
    ("migration_published_figures", "topic", "enum", migration.PUBLISHED_TOPICS),
    ("migration_collected_figures", "topic", "enum", migration_collected.TOPICS),
    ("mexico_enforcement_annual", "measure", "enum", [migration_collected.DETENTIONS, migration_collected.RETURNS]),
    ("mexico_enforcement_annual", "series", "enum", list(migration_collected.SERIES)),
    *[(name, "year", "maximum", security.SESNSP_LAST_FULL_YEAR)
      for name in ("homicide_victims_state_annual", "kidnapping_victims_state_annual")],
    ("homicide_victims_state_annual", "crime", "enum", list(security.CRIMES)),
    ("kidnapping_victims_state_annual", "modality", "enum", security.KIDNAPPING_MODALITIES),
    ("overdose_deaths_us_annual", "measure", "enum", list(security.MEASURE_UNITS)),
    ("overdose_deaths_us_annual", "unit", "enum", sorted(set(security.MEASURE_UNITS.values()))),
    ("overdose_deaths_us_provisional", "measure", "enum", sorted(security.VSRR_INDICATORS.values())),
    ("security_assistance_mexico_published", "source_type", "enum", sorted(set(security_published.SOURCE_TYPES.values()))),
    ("security_published_figures", "source_file", "enum", list(security.FIGURE_FILES)),
    ("security_published_figures", "topic", "enum", security_published.TOPICS),
    ("security_published_figures", "status", "enum", security_published.STATUSES),
]


@pytest.mark.parametrize(("resource", "field", "key", "constant"), SHARED_CONSTANTS,
                         ids=[f"{r}.{f}.{k}" for r, f, k, _ in SHARED_CONSTANTS])
def test_metadata_values_equal_the_constants_the_derive_code_uses(resource, field, key, constant):
    assert _constraint(resource, field, key) == constant


def test_sources_and_texts_the_derive_code_writes_equal_the_metadata():
    for name in ("states", "presidential_state_results", "presidential_state_totals", "presidential_national_results"):
        assert states.MAGAR_SOURCE in _resource(name).sources, name  # elections_mx writes its publisher and path on 2006 rows
    assert security.SOURCE_INEGI in _resource("homicides_national_annual").sources
    assert security.SOURCE_CDC in _resource("overdose_deaths_us_annual").sources
    assert security.SOURCE_DATAHUB_CPI in _resource("cpi_mexico_annual").sources
    source_row = next(f for f in _resource("migration_collected_figures").fields if f["name"] == "source_row")
    assert source_row["description"] == f"Line of {migration_collected.COLLECTED_FILE} the row comes from"


def test_url_fields_use_the_url_pattern_of_the_published_figures_reader():
    patterns = {(r.name, f["name"]): f["constraints"]["pattern"] for step in STEPS for r in step.resources for f in r.fields
                if "http" in f.get("constraints", {}).get("pattern", "")}
    assert len(patterns) >= 15
    assert {pattern for pattern in patterns.values()} == {URL_PATTERN}, patterns
