"""The fact-check ledger: every check runs, every row can be found in its article and traced to its
data, no claim is counted twice, merged ids still resolve, and the page, the chapters and the
``claims`` resource agree.

The verdict rules themselves are tested at their boundaries in tests/test_factcheck_rules.py, the
evidence step in tests/test_factcheck_evidence.py and the versioning of merged rows in
tests/test_factcheck_versioning.py."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import analysis
from analysis import factcheck
from analysis.book.charts import Figure
from analysis.book.paraphrase import words
from analysis.factcheck import figures
from analysis.factcheck import ledger as ledger_module
from analysis.factcheck.claims import MERGED

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def ledger() -> pd.DataFrame:
    return factcheck.evaluate()  # runs every check; an exception fails every test that uses it


@pytest.fixture()
def clean_shown():
    ledger_module._SHOWN.clear()
    yield
    ledger_module._SHOWN.clear()


# --- the claims ---------------------------------------------------------------------------------

def test_ledger_has_enough_claims_with_valid_fields():
    claims = factcheck.all_claims()
    assert len(claims) > 140
    known = {r["name"] for r in analysis.package_descriptor()["resources"]}
    for c in claims:
        assert set(c.resources) <= known, f"{c.claim_id} names unknown resources {set(c.resources) - known}"
        assert (c.check is None) == (not c.resources), f"{c.claim_id}: a checked claim names its resources, an unverifiable one none"
        assert c.paraphrase and c.unit is not None
        assert c.wording in factcheck.WORDINGS


def test_every_row_can_be_found_in_its_article(ledger):
    """Locator and plain-words claimed cell for every row: paragraph, a quotation of at most seven
    words, and what the article claimed (not an internal token)."""
    for r in ledger.to_dict("records"):
        where = r["claim_id"]
        assert re.fullmatch(r"\d+(, \d+)*( \(bullet \d+\))?", r["paragraph"]), f"{where}: paragraph {r['paragraph']!r}"
        assert 2 <= len(words(r["quote"])) <= ledger_module.QUOTE_WORDS, f"{where}: quote {r['quote']!r}"
        assert r["claimed_text"] and r["claimed_text"] != r["claimed_value"], f"{where}: the claimed cell needs plain words"
    assert not ledger.duplicated(["article", "paragraph", "quote"]).any(), "two rows point at the same words"


def test_every_quote_is_in_the_paragraph_it_names():
    """Each quotation (3–7 words) is found in the paragraph(s) named (blocks separated by blank lines,
    counted from 1), checked against the articles' paragraph fingerprints
    (``tests/fixtures/article_paragraphs.json``; ``scripts/fingerprint_articles.py`` re-records them
    from the articles, and ``tests/test_no_pasted_text.py`` checks them against the articles where
    the text is at hand)."""
    from analysis.book.paraphrase import quote_in

    stored = json.loads((ROOT / "tests" / "fixtures" / "article_paragraphs.json").read_text(encoding="utf-8"))
    blocks = {name[:2].upper(): runs for name, runs in stored.items()}
    missing = []
    for c in factcheck.all_claims():
        numbers = [int(n) for n in re.findall(r"(?:^|, )(\d+)", c.paragraph)]
        runs = [r for n in numbers for r in blocks[c.article][n - 1]]
        if not numbers or not quote_in(c.quote, runs):
            missing.append(f"{c.claim_id}: ¶{c.paragraph} {c.quote!r}")
    assert not missing, missing
    claim = factcheck.all_claims()[0]
    assert not quote_in("words the article never printed", blocks[claim.article][0])


def test_no_two_rows_check_the_same_claim(ledger):
    """One row per distinct claim: the same article, claimed value and period is one claim."""
    twice = ledger[ledger.duplicated(["article", "claimed_value", "period"], keep=False)]
    assert twice.empty, twice[["claim_id", "claimed_value", "period"]].to_string()


def test_merged_ids_are_removed_and_recorded_by_their_survivor(ledger):
    ids = set(ledger["claim_id"])
    assert MERGED, "the ledger records its merges"
    for old, new in MERGED.items():
        assert old not in ids and new in ids
        assert factcheck.resolve(old) == new
        assert old in ledger.set_index("claim_id").loc[new, "merged_ids"].split()
    assert factcheck.merged_into("A4-security-07") == ["A4-security-08", "A4-security-12"]


def test_every_check_runs_and_says_what_it_read(ledger):
    assert set(ledger["verdict"]) <= set(factcheck.VERDICTS)
    checked = ledger[ledger["resources"] != ""]
    assert (checked["method"] != "").all(), "every check says how it computed its value"
    with_value = ledger[ledger["data_value"] != ""]
    assert (with_value["evidence_rows"] != "").all(), with_value.loc[with_value["evidence_rows"] == "", "claim_id"].tolist()
    assert (with_value["source_urls"] != "").all(), with_value.loc[with_value["source_urls"] == "", "claim_id"].tolist()
    for r in with_value.to_dict("records"):
        named = {part.partition("[")[0] for part in r["evidence_rows"].split("; ")}
        assert named <= set(r["resources"].split()), f"{r['claim_id']} reads rows of resources it does not declare"


def test_unverifiable_claims_were_searched_for(ledger):
    """A claim stays unverifiable only after a search: it says which data would settle it, and names
    the pages found (or the evidence the package holds)."""
    unverifiable = ledger[ledger["verdict"] == "unverifiable"]
    assert len(unverifiable) > 0
    assert unverifiable["note"].str.contains("would be settled by").all(), unverifiable["claim_id"].tolist()
    assert (unverifiable["source_urls"] != "").all(), unverifiable.loc[unverifiable["source_urls"] == "", "claim_id"].tolist()


def test_qualified_verdicts_say_what_qualifies_them(ledger):
    for r in ledger.to_dict("records"):
        if r["verdict"] == "revised":
            assert r["as_published_value"], r["claim_id"]
        if r["verdict"] == "outdated":
            assert r["newer_value"] and r["newer_name"], r["claim_id"]
        if r["verdict"] == "narrower":
            assert r["checked_scope"], r["claim_id"]
        if r["verdict"] == "definition":
            assert r["other_definition_value"] and r["other_definition_name"], r["claim_id"]


def test_the_issue_examples_get_the_verdicts_the_rules_give(ledger):
    verdicts = ledger.set_index("claim_id")["verdict"]
    assert verdicts["A4-security-01"] == "revised"  # 26,037 is the preliminary 2012 count, whatever the tolerance
    assert verdicts["A3-migration-02"] == "inaccurate"  # 90% against 97.6%: 10% non-Mexicans against 2.4%
    assert verdicts["A3-migration-04"] == "consistent"  # "fewer than half": a bound on the right side
    assert verdicts["A2-trade-03"] == "narrower"  # "largest in the world" checked for goods only
    assert verdicts["A3-migration-07"] == "outdated"  # FY2018 was out when the article appeared
    assert verdicts["A5-security-04"] == "definition"  # the arrest "on the eve" was 19 days before


def test_claims_resource_matches_the_live_evaluation(ledger):
    stored = analysis.load("claims").fillna("").astype(str)
    live = ledger.astype(str)
    assert stored.columns.tolist() == live.columns.tolist()
    stale = [c for c in live.columns if stored[c].tolist() != live[c].tolist()]
    assert not stale, f"data/factcheck/claims.csv is stale in {stale}: re-derive (make data)"


# --- the page --------------------------------------------------------------------------------------

def test_ledger_page_has_every_row_grouped_by_article_with_a_summary(ledger):
    page = factcheck.ledger_html(ledger)
    assert all(f'id="{factcheck.anchor(c)}"' in page for c in ledger["claim_id"])
    for article in factcheck.ARTICLES:
        table = factcheck.article_ledger_html(ledger, article)
        assert table.count('<tr id="claim-') == int((ledger["article"] == article).sum())
        assert f'id="{factcheck.article_anchor(article)}"' in page
    summary = factcheck.summary_html(ledger)
    cells = re.findall(r"<tr><th>(?:<a [^>]+>)?(A\d|All)(?:</a>)?</th>(.*?)</tr>", summary)
    assert [name for name, _ in cells] == [*factcheck.ARTICLES, "All"]
    for name, row in cells:
        numbers = [int(n) for n in re.findall(r"<td>(\d+)</td>", row)]
        part = ledger if name == "All" else ledger[ledger["article"] == name]
        assert numbers == [int((part["verdict"] == v).sum()) for v in factcheck.VERDICTS] + [len(part)], name
    assert "<script" not in page and "style=" not in page, "no script blocks or inline styles: the rows read without JavaScript"


def test_every_row_shows_locator_claimed_text_data_verdict_and_evidence_links(ledger):
    html = factcheck.article_ledger_html(ledger, "A4")
    row = html[html.index('id="claim-a4-security-02"'):]
    row = row[: row.index("</tr>")]
    assert "A4 ¶ 28 “with 31,174 homicides”" in row
    assert "Claimed: 31,174 homicides in 2017" in row
    assert "<strong>32,079 homicides</strong>" in row and "as first published: 31,174" in row
    assert '<span class="amlo-verdict amlo-verdict-revised"><strong>revised</strong>' in row
    assert 'href="data-dictionary.html#resource-homicides-national-annual"' in row and "year=2017" in row
    assert 'class="amlo-source-link"' in row


def test_verdict_rules_are_listed_once_each_with_an_example_row(ledger):
    rules = factcheck.verdict_rules_html(ledger)
    for name in factcheck.VERDICTS:
        assert rules.count(f"amlo-verdict-{name}") == 1, name
        example = ledger_module.rule_example(ledger, name)
        assert example is not None and example["verdict"] == name, f"no example row for {name}"
        assert f'href="#{factcheck.anchor(example["claim_id"])}"' in rules
    assert all(factcheck.RULES[name] in rules.replace("&#x27;", "'") for name in factcheck.VERDICTS)


# --- the chapters ----------------------------------------------------------------------------------

def test_chapter_claims_link_to_their_ledger_rows(ledger):
    ids = ledger.loc[ledger["chapter"] == "security", "claim_id"].tolist()[:2]
    html = factcheck.chapter_claims_html(ledger, "security", ids)
    for claim_id in ids:
        assert f'href="factcheck.html#{factcheck.anchor(claim_id)}"' in html
    assert html.index(ids[0]) < html.index(ids[1]), "claims keep the order the chapter asks for"
    with pytest.raises(ValueError, match="no claims"):
        factcheck.chapter_claims_html(ledger, "security", ["A9-none-01"])


def test_a_chapter_naming_a_removed_id_shows_the_surviving_row(ledger):
    html = factcheck.chapter_claims_html(ledger, "security", ["A4-security-07", "A4-security-08", "A4-security-12"])
    assert html.count("<tr") == 2, "header and the one surviving row"
    assert 'href="factcheck.html#claim-a4-security-07"' in html
    # across chapters: the trade page still names the USMCA row it used to own
    trade = factcheck.evaluate([c for c in factcheck.all_claims() if c.chapter == "trade"])
    cross = factcheck.chapter_claims_html(trade, "trade", ["A5-trade-01"])
    assert 'href="factcheck.html#claim-a5-transition-06"' in cross and "checked in the transition chapter" in cross


def test_a_row_shown_in_two_chapters_is_owned_by_one(ledger):
    shared = ledger[ledger["also_in"] != ""]
    assert len(shared) > 0
    for r in shared.to_dict("records"):
        for other in r["also_in"].split():
            assert other != r["chapter"]
            assert r["claim_id"] in factcheck.chapter_rows(ledger, other)["claim_id"].tolist()
    counted = sum(len(factcheck.chapter_rows(ledger, c)[lambda d, c=c: d["chapter"] == c]) for c in factcheck.CHAPTERS)
    assert counted == len(ledger), "each row counts once, in its owner chapter"


def test_a_page_ends_with_every_claim_no_section_showed(ledger, clean_shown):
    ids = factcheck.chapter_rows(ledger, "trade")["claim_id"].tolist()
    factcheck.claims_table(ledger, "trade", ids[:2])
    assert factcheck.unshown_claims(ledger, "trade") == ids[2:]
    rest = factcheck.remaining_claims_table(ledger, "trade")
    assert all(f"#claim-{i.lower()}" in rest._repr_html_() for i in ids[2:])
    assert factcheck.unshown_claims(ledger, "trade") == []
    assert factcheck.remaining_claims_table(ledger, "trade")._repr_html_() == ""


def test_merges_must_be_reachable_from_the_removed_rows_chapter(monkeypatch):
    monkeypatch.setitem(MERGED, "A4-elections-99", "A4-security-07")
    with pytest.raises(ValueError, match="also_in"):
        factcheck.all_claims()
    monkeypatch.delitem(MERGED, "A4-elections-99")
    monkeypatch.setitem(MERGED, "A4-security-07", "A4-security-09")
    with pytest.raises(ValueError, match="removed id to a declared claim"):
        factcheck.all_claims()


# --- figure builders of the ledger page -------------------------------------------------------------

def test_verdict_summary(ledger):
    counts, checked, holding = factcheck.verdict_summary(ledger)
    assert counts.index.tolist() == factcheck.VERDICTS and counts.sum() == len(ledger)
    assert checked == int((ledger["verdict"] != "unverifiable").sum())
    assert holding == int(ledger["verdict"].isin(factcheck.HOLDING).sum())
    assert factcheck.qualified_count(ledger) == int(ledger["verdict"].isin(factcheck.QUALIFIED).sum())


def test_verdicts_by_article_figure(ledger):
    fig = figures.verdicts_by_article_figure(ledger)
    counts, checked, holding = factcheck.verdict_summary(ledger)
    assert isinstance(fig, Figure) and fig.name == "verdicts-by-article"
    assert fig.title == (f"Of {checked} checkable claims, {holding} hold as stated and {factcheck.qualified_count(ledger)} only with "
                         f"a qualification; {int(counts['inaccurate'])} are contradicted by the data")
    assert len(fig.rows) == len(factcheck.ARTICLES) * len(factcheck.VERDICTS)
    assert fig.rows["claims"].sum() == len(ledger)
    assert fig.spec["vconcat"][0]["encoding"]["y"]["sort"] == factcheck.ARTICLES
    assert all(v in fig.description for v in factcheck.VERDICTS)


def test_verdicts_by_chapter_figure(ledger):
    fig = figures.verdicts_by_chapter_figure(ledger)
    assert isinstance(fig, Figure) and fig.name == "verdicts-by-chapter"
    share = ledger.groupby("chapter")["verdict"].apply(lambda v: (v == "unverifiable").mean())
    hardest = share.idxmax()
    assert fig.title.startswith(f"The {hardest} chapter's claims are the hardest to check")
    assert len(fig.rows) == len(factcheck.CHAPTERS) * len(factcheck.VERDICTS)
    assert fig.rows.groupby("chapter")["claims"].sum().to_dict() == ledger["chapter"].value_counts().to_dict()


def test_figure_titles_follow_the_verdicts(ledger):
    fixed = ledger.assign(verdict=ledger["verdict"].replace("inaccurate", "consistent"))
    assert figures.verdicts_by_article_figure(fixed).title.endswith("none is contradicted by the data")
    tied = ledger.assign(verdict="consistent")
    assert figures.verdicts_by_chapter_figure(tied).title == "Every chapter's claims could be checked against the data"


def test_verdict_colours_come_from_the_books_palette():
    from analysis.book.charts import PALETTE

    assert list(figures.VERDICT_COLOURS) == factcheck.VERDICTS
    assert set(figures.VERDICT_COLOURS.values()) <= set(PALETTE)
    assert len(set(figures.VERDICT_COLOURS.values())) == len(factcheck.VERDICTS)


# --- the rebuilt book follows the data ----------------------------------------------------------------

def _mutable_claim(ledger: pd.DataFrame):
    for record in ledger.to_dict("records"):
        try:
            float(record["data_value"])
        except ValueError:
            continue
        if record["verdict"] == "consistent" and len(record["resources"].split()) == 1 and record["resources"] != "factcheck_figures":
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
def test_changing_the_data_changes_the_verdict_in_the_rebuilt_book(tmp_path, ledger):
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
    assert f'amlo-verdict-{result.stdout.strip()}"><strong>{result.stdout.strip()}</strong>' in row


def test_verdicts_in_words_covers_every_verdict_and_skips_empty_ones():
    counts = pd.Series({"consistent": 3, "approximately": 0, "narrower": 1, "revised": 0, "outdated": 0, "definition": 1,
                        "inaccurate": 2, "unverifiable": 1})
    assert factcheck.verdicts_in_words(counts) == (
        "3 are consistent with the data, 1 holds only in a narrower scope than stated, 1 holds only under another "
        "definition, 2 are contradicted by the data and 1 cannot be checked with the data")
    assert factcheck.verdicts_in_words(pd.Series({"consistent": 1})) == "1 is consistent with the data"
    assert factcheck.verdicts_in_words(pd.Series({"consistent": 0})) == "no claim"
    counts, _, _ = factcheck.verdict_summary(factcheck.evaluate())
    assert all(phrase in factcheck.verdicts_in_words(counts) for verdict, (one, many) in factcheck.ledger.VERDICT_PHRASES.items()
               for phrase in [one if counts[verdict] == 1 else many] if counts[verdict])
