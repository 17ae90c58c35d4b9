"""Figure builders of the fact-check ledger page (``chapters/factcheck.md``): one function per chart,
each taking the evaluated ledger (:func:`analysis.factcheck.evaluate`) and returning the Figure."""

from __future__ import annotations

import altair as alt
import pandas as pd

from analysis.book.charts import Figure, figure
from analysis.factcheck.ledger import verdict_counts, verdict_summary
from analysis.factcheck.rules import ARTICLES, CHAPTERS, VERDICTS

VERDICT_SCALE = alt.Scale(domain=VERDICTS, range=["#009E73", "#56B4E9", "#CC79A7", "#E69F00", "#D55E00", "#BBBBBB"])
SOURCE = "Project fact-check ledger (claims resource), computed from this book's data package"


def _verdict_bars(counts: pd.DataFrame, by: str, order: list[str]) -> alt.Chart:
    """Horizontal bars, one per ``by`` value in ``order``, stacked by verdict in the rules' order."""
    return alt.Chart(counts).mark_bar().encode(
        y=alt.Y(f"{by}:N", title=None, sort=order),
        x=alt.X("claims:Q", title="Claims", stack="zero"),
        color=alt.Color("verdict:N", scale=VERDICT_SCALE, sort=VERDICTS, title="Verdict"),
        order=alt.Order("verdict_rank:Q"),
        tooltip=[f"{by}:N", "verdict:N", "claims:Q"],
    ).transform_calculate(verdict_rank=f"indexof({VERDICTS}, datum.verdict)").properties(height=180)


def verdicts_by_article_figure(ledger: pd.DataFrame) -> Figure:
    """Claims per article (A1–A5) by verdict; the title says how many checkable claims hold."""
    counts, checked, holding = verdict_summary(ledger)
    by_article = verdict_counts(ledger, "article")
    return figure(
        _verdict_bars(by_article, "article", ARTICLES),
        name="verdicts-by-article",
        title=f"{holding} of {checked} checkable claims hold; "
        + (f"{int(counts['inaccurate'])} are contradicted by the data" if counts["inaccurate"] else "none is contradicted by the data"),
        subtitle="Claims per article by verdict (A1–A5: see the introduction)",
        source=SOURCE,
        description="Horizontal stacked bars, one per article A1 to A5, splitting each article's claims into consistent, approximately, revised, definition, inaccurate and unverifiable.",
        data=by_article,
    )


def verdicts_by_chapter_figure(ledger: pd.DataFrame) -> Figure:
    """Claims per chapter by verdict; the title names the chapter with most unverifiable claims."""
    by_chapter = verdict_counts(ledger, "chapter")
    unverifiable_by_chapter = by_chapter[by_chapter["verdict"] == "unverifiable"].set_index("chapter")["claims"]
    hardest = unverifiable_by_chapter.idxmax()
    hardest_total = int(by_chapter[by_chapter["chapter"] == hardest]["claims"].sum())
    return figure(
        _verdict_bars(by_chapter, "chapter", CHAPTERS),
        name="verdicts-by-chapter",
        title=f"The {hardest} chapter's claims are the hardest to check: {int(unverifiable_by_chapter[hardest])} of {hardest_total} lack the data",
        subtitle="Claims per chapter by verdict",
        source=SOURCE,
        description="Horizontal stacked bars, one per chapter (elections, trade, migration, security, transition), splitting its claims by verdict.",
        data=by_chapter,
    )
