"""The raw snapshots in raw/: every file a step reads is there, verbatim, listed in the manifest
with its checksum and provenance; the derivation refuses a file that differs."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd
import pytest

from analysis import pipeline
from analysis.etl import DerivationError
from analysis.etl import raw as snapshots
from analysis.etl.steps import STEPS

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "raw"


def declared_files() -> set[str]:
    return {path for step in STEPS for path in (*step.inputs, *step.checks)}


def test_manifest_lists_exactly_the_files_the_steps_declare():
    listed = set(snapshots.manifest())
    assert listed == declared_files(), f"unlisted: {sorted(declared_files() - listed)}; unused: {sorted(listed - declared_files())}"


def test_raw_folder_holds_only_listed_files_and_provenance_notes():
    on_disk = {p.relative_to(RAW).as_posix() for p in RAW.rglob("*") if p.is_file()}
    notes = {p for p in on_disk if p.endswith(".md")} | {"manifest.json"}
    assert on_disk - notes == set(snapshots.manifest())
    for topic in {Path(p).parts[0] for p in snapshots.manifest() if "/" in p}:
        assert f"{topic}/PROVENANCE.md" in notes, f"raw/{topic} lacks the publisher's provenance notes"


def test_every_entry_says_where_the_file_comes_from_and_under_what_terms():
    for path, entry in snapshots.manifest().items():
        assert len(entry["sha256"]) == 64 and entry["bytes"] > 0, path
        assert entry["title"] and entry["publisher"] and entry["license"] and entry["coverage"], path
        assert entry["provenance"], path
        if entry["publisher_url"] is None:
            assert entry.get("publisher_url_note"), f"{path}: no publisher URL and no reason given"
        else:
            assert entry["publisher_url"].startswith(("http://", "https://")), path
        mirror = entry["mirror"]
        if mirror.get("repository"):
            assert mirror.get("commit") and len(mirror["commit"]) == 40 and mirror.get("path"), f"{path}: mirror without commit/path"
        if entry["retrieved"]:
            pd.Timestamp(entry["retrieved"])  # an ISO date
        else:
            assert entry.get("retrieved_note"), f"{path}: no retrieval date and no note saying why"


def test_snapshots_match_their_checksums():
    snapshots.verify(RAW, sorted(declared_files()))


def test_a_changed_raw_file_stops_the_derivation_naming_it(tmp_path):
    copy = tmp_path / "raw"
    shutil.copytree(RAW, copy)
    target = copy / "trade/census_us_trade_mexico_monthly_1985_2023.csv"
    target.write_bytes(target.read_bytes().replace(b"2018-06-01,2010,", b"2018-06-01,2010,1", 1))
    with pytest.raises(DerivationError, match=r"census_us_trade_mexico_monthly_1985_2023.csv: size .* differs from the manifest"):
        pipeline.derive(copy)
    same_size = target.read_bytes().replace(b"2010,1", b"2010,", 1).replace(b"Mexico", b"Mexicp", 1)
    target.write_bytes(same_size)
    with pytest.raises(DerivationError, match=r"census_us_trade_mexico_monthly_1985_2023.csv: sha256 [0-9a-f]{64} differs"):
        pipeline.derive(copy)
    target.unlink()
    with pytest.raises(DerivationError, match=r"census_us_trade_mexico_monthly_1985_2023.csv: raw file not found"):
        pipeline.derive(copy)


def test_a_step_sees_only_the_files_it_declares(tmp_path):
    with snapshots.step_view(RAW, ("trade/census_us_trade_mexico_monthly_1985_2023.csv",)) as view:
        assert (view / "trade/census_us_trade_mexico_monthly_1985_2023.csv").is_file()
        assert not (view / "published_figures.csv").exists()
        with pytest.raises(FileNotFoundError):
            pd.read_csv(view / "published_figures.csv")


def test_manifest_errors_name_the_entry(tmp_path):
    broken = tmp_path / "manifest.json"
    data = json.loads(snapshots.MANIFEST.read_text(encoding="utf-8"))
    del data["files"][3]["sha256"]
    broken.write_text(json.dumps(data), encoding="utf-8")
    snapshots._read_manifest.cache_clear()
    with pytest.raises(DerivationError, match=rf"entry 4 \({data['files'][3]['path']}\) lacks \['sha256'\]"):
        snapshots.manifest(broken)


def test_steps_run_in_an_order_where_every_input_table_exists():
    from analysis.etl import package

    package.check_order(pipeline.STAGES)
    elections = next(step for step in pipeline.STAGES if step.name == "elections_mx")
    with pytest.raises(ValueError, match=r"step elections_mx: 'presidential_state_results' reads \['states'\], which no earlier step derives"):
        package.check_order([elections, *[s for s in pipeline.STAGES if s is not elections]])
    assert pipeline.STAGES[-1] is pipeline.LEDGER_STAGE and set(pipeline.LEDGER_STAGE.reads) > {"events", "us_trade_monthly"}
