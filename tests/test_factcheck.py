"""The fact-check ledger: every check runs, verdicts follow the data, the page shows every row.

The verdict rules themselves are tested at their boundaries in tests/test_factcheck_rules.py."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import analysis
from analysis import factcheck
from analysis.factcheck import figures
from analysis.book.charts import Figure

ROOT = Path(__file__).resolve().parents[1]


def test_ledger_has_enough_claims_with_valid_fields():
    claims = factcheck.all_claims()
    assert len(claims) > 50
    known = {r["name"] for r in analysis.package_descriptor()["resources"]}
    for c in claims:
        assert set(c.resources) <= known, f"{c.claim_id} names unknown resources {set(c.resources) - known}"
        assert (c.check is None) == (not c.resources), f"{c.claim_id}: a checked claim names its resources, an unverifiable one none"
        assert c.paraphrase and c.unit is not None


def test_every_check_runs_against_the_current_data():
    ledger = factcheck.evaluate()  # runs every check; an exception fails the test
    assert set(ledger["verdict"]) <= set(factcheck.VERDICTS)
    checked = ledger[ledger["resources"] != ""]
    assert (checked["method"] != "").all(), "every check says how it computed its value"
    empty = checked[checked["data_value"] == ""]
    # A check may find that the data cannot give the claimed quantity: then the claim must be
    # unverifiable and say which data would settle it.
    assert (empty["verdict"] == "unverifiable").all(), empty["claim_id"].tolist()
    assert empty["note"].str.contains("would be settled by").all(), empty["claim_id"].tolist()


def test_claims_resource_matches_the_live_evaluation():
    stored = analysis.load("claims").fillna("")
    live = factcheck.evaluate()
    assert stored["claim_id"].tolist() == live["claim_id"].tolist()
    assert stored["verdict"].tolist() == live["verdict"].tolist(), "data/factcheck/claims.csv is stale: re-derive (make data)"


def _mutable_claim(ledger: pd.DataFrame):
    for record in ledger.to_dict("records"):
        try:
            float(record["data_value"])
        except ValueError:
            continue
        if record["verdict"] == "consistent" and len(record["resources"].split()) == 1:
            return record
    pytest.fail("no single-resource numeric consistent claim to mutate")


def _triple_measures(package: Path, resource: dict) -> None:
    path = package / resource["path"]
    frame = pd.read_csv(path, dtype="string", keep_default_na=False)
    keys = set(resource["schema"].get("primaryKey", []))
    for spec in resource["schema"]["fields"]:
        name = spec["name"]
        if spec["type"] in ("number", "integer") and name not in keys and "year" not in name:
            values = pd.to_numeric(frame[name].replace("", None))
            tripled = values * 3
            frame[name] = tripled.map(lambda v: "" if pd.isna(v) else (str(int(v)) if spec["type"] == "integer" else repr(float(v))))
    frame.to_csv(path, index=False, lineterminator="\n")


@pytest.mark.slow
def test_changing_the_data_changes_the_verdict_in_the_rebuilt_book(tmp_path):
    ledger = factcheck.evaluate()
    target = _mutable_claim(ledger)
    package = tmp_path / "data"
    shutil.copytree(ROOT / "data", package)
    descriptor = json.loads((package / "datapackage.json").read_text())
    resource = next(r for r in descriptor["resources"] if r["name"] == target["resources"])
    _triple_measures(package, resource)
    env = {**os.environ, "AMLO_DATA_PACKAGE": str(package / "datapackage.json")}
    code = f"from analysis import factcheck; l = factcheck.evaluate().set_index('claim_id'); print(l.loc['{target['claim_id']}', 'verdict'])"
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert result.stdout.strip() != "consistent", f"{target['claim_id']} kept its verdict after its data tripled"
    # and the rebuilt ledger page shows the new verdict
    book = tmp_path / "book"
    (book / "chapters").mkdir(parents=True)
    shutil.copy(ROOT / "chapters/factcheck.md", book / "chapters/factcheck.md")
    shutil.copytree(ROOT / "references", book / "references")
    shutil.copytree(ROOT / "_static", book / "_static", ignore=shutil.ignore_patterns("vega"))
    (book / "_config.yml").write_text((ROOT / "_config.yml").read_text(encoding="utf-8"), encoding="utf-8")
    (book / "_toc.yml").write_text("format: jb-book\nroot: chapters/factcheck\n", encoding="utf-8")
    subprocess.run([str(Path(sys.executable).parent / "jupyter-book"), "build", "--path-output", str(tmp_path / "out"), str(book)],
                   env=env, check=True, capture_output=True, timeout=600)
    page = (tmp_path / "out/_build/html/chapters/factcheck.html").read_text(encoding="utf-8")
    row = page[page.index(f'id="{factcheck.anchor(target["claim_id"])}"'):]
    row = row[: row.index("</tr>")]
    assert f"<strong>{result.stdout.strip()}</strong>" in row


def test_chapter_claims_link_to_their_ledger_rows():
    ledger = factcheck.evaluate()
    chapter = ledger["chapter"].iloc[0]
    ids = ledger.loc[ledger["chapter"] == chapter, "claim_id"].tolist()[:2]
    html = factcheck.chapter_claims_html(ledger, chapter, ids)
    for claim_id in ids:
        assert f'href="factcheck.html#{factcheck.anchor(claim_id)}"' in html
    assert html.index(ids[0]) < html.index(ids[1]), "claims keep the order the chapter asks for"
    full = factcheck.ledger_html(ledger)
    assert all(f'id="{factcheck.anchor(c)}"' in full for c in ledger["claim_id"])
    with pytest.raises(ValueError, match="no claims"):
        factcheck.chapter_claims_html(ledger, chapter, ["A9-none-01"])


def test_a_page_ends_with_every_claim_no_section_showed():
    from analysis.factcheck import ledger as ledger_module

    ledger = factcheck.evaluate()
    ledger_module._SHOWN.clear()
    ids = ledger.loc[ledger["chapter"] == "trade", "claim_id"].tolist()
    factcheck.claims_table(ledger, "trade", ids[:2])
    assert factcheck.unshown_claims(ledger, "trade") == ids[2:]
    rest = factcheck.remaining_claims_table(ledger, "trade")
    assert all(f"#claim-{i.lower()}" in rest._repr_html_() for i in ids[2:])
    assert factcheck.unshown_claims(ledger, "trade") == []
    assert factcheck.remaining_claims_table(ledger, "trade")._repr_html_() == ""
    ledger_module._SHOWN.clear()


# --- figure builders of the ledger page -------------------------------------------------------------

@pytest.fixture(scope="module")
def ledger() -> pd.DataFrame:
    return factcheck.evaluate()


def test_verdict_summary(ledger):
    counts, checked, holding = factcheck.verdict_summary(ledger)
    assert counts.index.tolist() == factcheck.VERDICTS and counts.sum() == len(ledger)
    assert checked == int((ledger["verdict"] != "unverifiable").sum())
    assert holding == int(ledger["verdict"].isin(["consistent", "approximately"]).sum())


def test_verdicts_by_article_figure(ledger):
    fig = figures.verdicts_by_article_figure(ledger)
    assert isinstance(fig, Figure) and fig.name == "verdicts-by-article"
    assert fig.title == "54 of 64 checkable claims hold; 2 are contradicted by the data"
    assert len(fig.rows) == len(factcheck.ARTICLES) * len(factcheck.VERDICTS)
    assert fig.rows["claims"].sum() == len(ledger)
    assert fig.spec["vconcat"][0]["encoding"]["y"]["sort"] == factcheck.ARTICLES


def test_verdicts_by_chapter_figure(ledger):
    fig = figures.verdicts_by_chapter_figure(ledger)
    assert isinstance(fig, Figure) and fig.name == "verdicts-by-chapter"
    assert fig.title == "The security chapter's claims are the hardest to check: 16 of 28 lack the data"
    assert len(fig.rows) == len(factcheck.CHAPTERS) * len(factcheck.VERDICTS)
    assert fig.rows.groupby("chapter")["claims"].sum().to_dict() == ledger["chapter"].value_counts().to_dict()


def test_no_inaccurate_claims_changes_the_article_title(ledger):
    fixed = ledger.assign(verdict=ledger["verdict"].replace("inaccurate", "consistent"))
    assert figures.verdicts_by_article_figure(fixed).title == "56 of 64 checkable claims hold; none is contradicted by the data"
