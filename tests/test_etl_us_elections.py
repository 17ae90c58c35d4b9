"""The U.S. 2020 presidential results step: re-derivation from the MEDSL file, defects, committed table."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from analysis import load
from analysis.etl import DerivationError, to_csv_bytes
from analysis.etl.us_elections import HEADER, MEDSL, RESOURCES, derive_us_president_2020

RESOURCE = RESOURCES[0]


def _write(tmp_path: Path, lines: list[str], sep: str = ";") -> Path:
    target = tmp_path / MEDSL
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(sep.join(HEADER) + "\n" + "\n".join(lines) + "\n", encoding="utf-8")
    return tmp_path


def _row(candidate: str, votes: int, total: int, fips: str = "1", state: str = "ALABAMA", po: str = "AL", office: str = "US PRESIDENT") -> str:
    return ";".join(["2020", state, po, fips, "63", "41", office, candidate, "X", "FALSE", str(votes), str(total), "20210113", "NA", "X"])


def test_rederivation_matches_committed_csv(raw, repo_root):
    frame = derive_us_president_2020(raw, {})
    assert to_csv_bytes(frame, RESOURCE) == (repo_root / "data" / RESOURCE.path).read_bytes()


def test_raw_national_totals_match_check_values(raw):
    frame = derive_us_president_2020(raw, {})
    assert frame["biden_votes"].sum() == 81_268_908
    assert frame["trump_votes"].sum() == 74_216_146
    assert len(frame) == 51


def test_comma_delimited_file_is_refused_with_file_and_row(tmp_path):
    root = _write(tmp_path, [_row("BIDEN, JOSEPH R. JR", 1, 2)], sep=",")
    with pytest.raises(DerivationError, match=r"medsl_1976-2020-president\.csv, row 1: header"):
        derive_us_president_2020(root, {})


def test_candidate_rows_must_add_up_to_totalvotes(tmp_path):
    root = _write(tmp_path, [_row("BIDEN, JOSEPH R. JR", 10, 25), _row("TRUMP, DONALD J.", 12, 25)])
    with pytest.raises(DerivationError, match=r"row 2, field 'totalvotes'.*sum to 22, not totalvotes 25"):
        derive_us_president_2020(root, {})


def test_duplicate_candidate_row_is_an_error(tmp_path):
    root = _write(tmp_path, [_row("BIDEN, JOSEPH R. JR", 10, 30), _row("BIDEN, JOSEPH R. JR", 10, 30), _row("TRUMP, DONALD J.", 10, 30)])
    with pytest.raises(DerivationError, match=r"field 'candidate'.*2 rows for 'BIDEN, JOSEPH R. JR'"):
        derive_us_president_2020(root, {})


def test_non_numeric_votes_name_the_line(tmp_path):
    lines = [_row("BIDEN, JOSEPH R. JR", 10, 20), _row("TRUMP, DONALD J.", 10, 20).replace(";10;20;", ";ten;20;")]
    root = _write(tmp_path, lines)
    with pytest.raises(DerivationError, match=r"row 3, field 'candidatevotes'"):
        derive_us_president_2020(root, {})


def test_missing_states_are_reported(tmp_path):
    root = _write(tmp_path, [_row("BIDEN, JOSEPH R. JR", 10, 25), _row("TRUMP, DONALD J.", 15, 25)])
    with pytest.raises(DerivationError, match="1 states with 2020 rows, expected 51"):
        derive_us_president_2020(root, {})


def test_small_valid_state_gives_shares_and_winner(tmp_path, monkeypatch):
    monkeypatch.setattr("analysis.etl.us_elections.EXPECTED_STATES", 1)
    root = _write(tmp_path, [_row("BIDEN, JOSEPH R. JR", 30, 100, fips="11", state="DISTRICT OF COLUMBIA", po="DC"),
                             _row("TRUMP, DONALD J.", 60, 100, fips="11", state="DISTRICT OF COLUMBIA", po="DC"),
                             _row("", 10, 100, fips="11", state="DISTRICT OF COLUMBIA", po="DC")])
    row = derive_us_president_2020(root, {}).iloc[0]
    assert (row["state_fips"], row["state"], row["winner"]) == ("11", "District of Columbia", "Trump")
    assert (row["other_votes"], row["biden_share"], row["margin_pts"]) == (10, 30.0, -30.0)


# --- the committed table (always runs) -----------------------------------------------------------

@pytest.fixture(scope="module")
def results() -> pd.DataFrame:
    return load("us_president_2020_state")


def test_committed_table_has_51_states_with_two_character_fips(results):
    assert len(results) == 51
    assert results["state_fips"].str.fullmatch(r"[0-9]{2}").all()
    assert results["state_fips"].is_unique and results["state_po"].is_unique
    assert {"01", "11", "56"} <= set(results["state_fips"])


def test_committed_totals_and_winners(results):
    assert results["biden_votes"].sum() == 81_268_908
    assert results["trump_votes"].sum() == 74_216_146
    assert (results["biden_votes"] + results["trump_votes"] + results["other_votes"] == results["total_votes"]).all()
    assert results["winner"].value_counts().to_dict() == {"Biden": 26, "Trump": 25}  # 25 states + D.C. for Biden
    assert results.set_index("state_po").loc["GA", "winner"] == "Biden"
    assert results.set_index("state_po").loc["NC", "winner"] == "Trump"


def test_committed_margin_equals_share_difference(results):
    difference = results["biden_share"] - results["trump_share"]
    assert (difference - results["margin_pts"]).abs().max() < 1e-3
    assert ((results["margin_pts"] > 0) == (results["winner"] == "Biden")).all()
