"""The book paraphrases the five articles; it never pastes their sentences.

Compares every run of eight consecutive words in the chapters, the claim paraphrases and the
data with the articles' text (given beside the raw folder, ``RAW/../seeds``). Short quotations
inside quotation marks are allowed; none of eight words or more is.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
RUN = 8


def words(text: str) -> list[str]:
    return re.findall(r"[a-záéíóúñü0-9]+", text.lower())


QUOTED = re.compile(r"\*[^*\n]{1,120}\*|“[^”\n]{1,120}”|\"[^\"\n]{1,120}\"")


def without_short_quotes(text: str) -> str:
    """Drop titles in italics and short quotations, which the book may cite with attribution."""
    return QUOTED.sub(" ", text)


def shingles(text: str) -> set[tuple[str, ...]]:
    tokens = words(text)
    return {tuple(tokens[i:i + RUN]) for i in range(len(tokens) - RUN + 1)}


@pytest.fixture(scope="module")
def articles(raw) -> dict[str, set]:
    seeds = raw.parent / "seeds"
    if not seeds.is_dir():
        pytest.fail(f"{seeds} not found beside the raw folder")
    return {p.name: shingles(p.read_text(encoding="utf-8")) for p in sorted(seeds.glob("a*.txt"))}


def project_texts() -> dict[str, str]:
    texts = {str(p.relative_to(ROOT)): p.read_text(encoding="utf-8") for p in sorted((ROOT / "chapters").glob("*.md"))}
    texts.update({str(p.relative_to(ROOT)): p.read_text(encoding="utf-8") for p in sorted((ROOT / "src/analysis/claims").glob("*.py"))})
    texts.update({str(p.relative_to(ROOT)): p.read_text(encoding="utf-8") for p in sorted((ROOT / "data").rglob("*.csv"))})
    return texts


def test_no_run_of_eight_words_from_an_article(articles):
    found = []
    for name, text in project_texts().items():
        ours = shingles(without_short_quotes(text) if name.endswith(".md") else text)
        for article, theirs in articles.items():
            common = ours & theirs
            if common:
                found.append(f"{name} ~ {article}: " + " | ".join(" ".join(s) for s in sorted(common)[:3]))
    assert not found, "text pasted from the articles:\n" + "\n".join(found)
