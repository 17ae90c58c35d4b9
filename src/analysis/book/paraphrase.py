"""The book paraphrases the five articles; it never pastes their sentences.

A passage counts as pasted when it shares a run of :data:`RUN` consecutive words with an article.
The articles are third-party text the repository does not redistribute, so it keeps only their
fingerprints (``tests/fixtures/article_fingerprints.json``: a truncated SHA-256 of each run of
eight words), made by ``scripts/fingerprint_articles.py`` from the articles' files.
"""

from __future__ import annotations

import hashlib
import re

RUN = 8
DIGITS = 16  # hex digits kept of each SHA-256: collisions among ~10^4 runs are negligible

QUOTED = re.compile(r"\*[^*\n]{1,120}\*|“[^”\n]{1,120}”|\"[^\"\n]{1,120}\"")


def words(text: str) -> list[str]:
    return re.findall(r"[a-záéíóúñü0-9]+", text.lower())


def without_short_quotes(text: str) -> str:
    """Drop titles in italics and short quotations, which the book may cite with attribution."""
    return QUOTED.sub(" ", text)


def shingles(text: str) -> dict[str, str]:
    """Fingerprint → the run of words it stands for, for every run of :data:`RUN` words."""
    tokens = words(text)
    runs = (" ".join(tokens[i:i + RUN]) for i in range(len(tokens) - RUN + 1))
    return {fingerprint(run): run for run in runs}


def fingerprint(run: str) -> str:
    return hashlib.sha256(run.encode("utf-8")).hexdigest()[:DIGITS]


QUOTE_RUN = 3  # locator quotations have 3 to 7 words: each run of three must be in the paragraph


def paragraphs(text: str) -> list[str]:
    """The article's paragraphs: blocks separated by blank lines, counted from 1 at the top."""
    return re.split(r"\n\s*\n", text)


def _plain(text: str) -> str:
    for curly, plain in (("’", "'"), ("‘", "'"), ("“", '"'), ("”", '"'), ("—", "-"), ("–", "-")):
        text = text.replace(curly, plain)
    return text


QUOTE_DIGITS = 10


def quote_runs(text: str) -> list[str]:
    """Sorted fingerprints (10 hex digits) of the runs of :data:`QUOTE_RUN` words of a paragraph or
    a quotation: a set, not a sequence, so the paragraph's wording is not stored in order."""
    tokens = words(_plain(text))
    return sorted({fingerprint(" ".join(tokens[i:i + QUOTE_RUN]))[:QUOTE_DIGITS] for i in range(len(tokens) - QUOTE_RUN + 1)})


def quote_in(quote: str, paragraph_runs: list[str]) -> bool:
    """Whether every run of three words of the quotation is among a paragraph's."""
    runs = set(quote_runs(quote))
    return bool(runs) and runs <= set(paragraph_runs)
