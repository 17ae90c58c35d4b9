#!/usr/bin/env python3
"""Maintainers' tool: record the fingerprints of the five articles for the pasted-text test.

    python scripts/fingerprint_articles.py ../shared/seeds

Writes ``tests/fixtures/article_fingerprints.json`` (article file name → sorted fingerprints of
its runs of eight words) and ``tests/fixtures/article_paragraphs.json`` (article → per paragraph,
the set of truncated fingerprints of its runs of three words: what the ledger's locator test needs
to find a quotation in its paragraph). The articles' text itself is not copied into the repository.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from analysis.book.paraphrase import paragraphs, quote_runs, shingles  # noqa: E402

TARGET = ROOT / "tests" / "fixtures" / "article_fingerprints.json"
PARAGRAPHS = ROOT / "tests" / "fixtures" / "article_paragraphs.json"


def fingerprints(seeds: Path) -> dict[str, list[str]]:
    return {p.name: sorted(shingles(p.read_text(encoding="utf-8"))) for p in sorted(seeds.glob("a*.txt"))}


def paragraph_runs(seeds: Path) -> dict[str, list[list[str]]]:
    return {p.name: [quote_runs(block) for block in paragraphs(p.read_text(encoding="utf-8"))] for p in sorted(seeds.glob("a*.txt"))}


def main(argv: list[str]) -> int:
    if len(argv) != 1 or not Path(argv[0]).is_dir():
        print(__doc__, file=sys.stderr)
        return 2
    found = fingerprints(Path(argv[0]))
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    TARGET.write_text(json.dumps(found, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    PARAGRAPHS.write_text(json.dumps(paragraph_runs(Path(argv[0])), separators=(",", ":"), sort_keys=True) + "\n", encoding="utf-8")
    print(f"{TARGET}: {sum(map(len, found.values()))} fingerprints of {len(found)} articles")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
