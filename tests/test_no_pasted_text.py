"""The book paraphrases the five articles; it never pastes their sentences.

Compares every run of eight consecutive words in the chapters, the claims (their records in
``src/analysis/factcheck/claims/*.yml`` and the checks' wording) and the data with the articles'
fingerprints (``tests/fixtures/article_fingerprints.json``; see :mod:`analysis.book.paraphrase`).
Short quotations inside quotation marks are allowed; none of eight words or more is. Where the
articles' text is at hand (``RAW/../seeds``, as on the project's CI), the fingerprints are also
checked against it.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from analysis.book.paraphrase import shingles, without_short_quotes

ROOT = Path(__file__).resolve().parents[1]
FINGERPRINTS = ROOT / "tests" / "fixtures" / "article_fingerprints.json"


@pytest.fixture(scope="module")
def articles() -> dict[str, set[str]]:
    stored = json.loads(FINGERPRINTS.read_text(encoding="utf-8"))
    assert len(stored) == 5 and all(len(v) > 500 for v in stored.values()), "fingerprints of the five articles expected"
    return {name: set(values) for name, values in stored.items()}


def project_texts() -> dict[str, str]:
    texts = {str(p.relative_to(ROOT)): p.read_text(encoding="utf-8") for p in sorted((ROOT / "chapters").glob("*.md"))}
    # the claims (their records in *.yml) and the checks' own wording (methods, notes in *.py)
    texts.update({str(p.relative_to(ROOT)): p.read_text(encoding="utf-8") for p in sorted((ROOT / "src/analysis/factcheck/claims").iterdir())
                  if p.suffix in (".py", ".yml")})
    texts.update({str(p.relative_to(ROOT)): p.read_text(encoding="utf-8") for p in sorted((ROOT / "data").rglob("*.csv"))})
    return texts


def pasted(texts: dict[str, str], articles: dict[str, set[str]]) -> list[str]:
    found = []
    for name, text in texts.items():
        ours = shingles(without_short_quotes(text) if name.endswith(".md") else text)
        for article, theirs in articles.items():
            common = sorted(ours[key] for key in set(ours) & theirs)
            if common:
                found.append(f"{name} ~ {article}: " + " | ".join(common[:3]))
    return found


def test_no_run_of_eight_words_from_an_article(articles):
    found = pasted(project_texts(), articles)
    assert not found, "text pasted from the articles:\n" + "\n".join(found)


def test_the_scan_covers_every_claims_text():
    """Wherever the claims are declared, their words are among the source texts scanned (not only in
    the ledger's CSV, which carries some of them)."""
    from analysis.factcheck.claims import CLAIMS

    scanned = set().union(*(shingles(text) for name, text in project_texts().items() if not name.startswith("data/")))
    for claim in CLAIMS:
        for text in (claim.paraphrase, claim.claimed_text, claim.note, claim.settle_with):
            assert set(shingles(text)) <= scanned, f"{claim.claim_id}: its text is not scanned"


def test_the_check_finds_a_pasted_run_and_allows_short_quotations():
    fake = {"fake.txt": set(shingles("one two three four five six seven eight nine"))}
    assert pasted({"chapters/x.md": "zero one two three four five six seven eight"}, fake)
    assert pasted({"src/x.py": "two three four five six seven eight nine"}, fake)
    assert not pasted({"chapters/x.md": "zero one two three four five six seven"}, fake)
    assert not pasted({"chapters/x.md": "“one two three four five six seven eight”"}, fake)


def test_fingerprints_are_current(raw):
    """With the articles beside the raw folder (``--raw ../shared/sources`` on the project's CI)
    the stored fingerprints must be exactly theirs; on a clone, they must at least be well formed."""
    stored = json.loads(FINGERPRINTS.read_text(encoding="utf-8"))
    assert sorted(stored) == [f"a{n}-" + rest for n, rest in zip(range(1, 6), [k.split("-", 1)[1] for k in sorted(stored)])]
    assert all(values == sorted(values) and all(len(v) == 16 and int(v, 16) >= 0 for v in values) for values in stored.values())
    seeds = raw.parent / "seeds"
    if seeds.is_dir():
        sys.path.insert(0, str(ROOT / "scripts"))
        from fingerprint_articles import PARAGRAPHS, fingerprints, paragraph_runs

        assert fingerprints(seeds) == stored, "re-record with scripts/fingerprint_articles.py"
        assert paragraph_runs(seeds) == json.loads(PARAGRAPHS.read_text(encoding="utf-8")), "re-record with scripts/fingerprint_articles.py"
