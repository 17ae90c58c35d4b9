"""Figure builders of the fact-check ledger page (``chapters/factcheck.md``): one function per chart,
each taking the evaluated ledger (:func:`analysis.factcheck.evaluate`) and returning the Figure."""

from __future__ import annotations

import altair as alt
import pandas as pd

from analysis.book.charts import PALETTE, Figure, figure
from analysis.factcheck.ledger import qualified_count, verdict_counts, verdict_summary
from analysis.factcheck.rules import ARTICLES, CHAPTERS, VERDICTS

# One colour-blind-safe palette colour per verdict (the book's Okabe-Ito palette, no other colours):
# greens and blues for claims that hold, blue-purple-yellow-orange for qualified ones, vermilion for
# contradicted, black for unverifiable.
VERDICT_COLOURS = {
    "consistent": "#009E73", "approximately": "#56B4E9", "narrower": "#0072B2", "revised": "#CC79A7",
    "outdated": "#F0E442", "definition": "#E69F00", "inaccurate": "#D55E00", "unverifiable": "#000000",
}
assert set(VERDICT_COLOURS) == set(VERDICTS) and set(VERDICT_COLOURS.values()) <= set(PALETTE)
VERDICT_SCALE = alt.Scale(domain=VERDICTS, range=[VERDICT_COLOURS[v] for v in VERDICTS])
VERDICT_LIST = ", ".join(VERDICTS[:-1]) + " and " + VERDICTS[-1]
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
    """Claims per article (A1–A5) by verdict; the title says how many checkable claims hold as stated,
    how many only with a qualification and how many the data contradict."""
    counts, checked, holding = verdict_summary(ledger)
    qualified = qualified_count(ledger)
    by_article = verdict_counts(ledger, "article")
    return figure(
        _verdict_bars(by_article, "article", ARTICLES),
        name="verdicts-by-article",
        title=f"Of {checked} checkable claims, {holding} hold as stated and {qualified} only with a qualification; "
        + (f"{int(counts['inaccurate'])} are contradicted by the data" if counts["inaccurate"] else "none is contradicted by the data"),
        subtitle="Claims per article by verdict (A1–A5: see the introduction)",
        source=SOURCE,
        description=f"Horizontal stacked bars, one per article A1 to A5, splitting each article's claims into {VERDICT_LIST}.",
        data=by_article,
    )


def verdicts_by_chapter_figure(ledger: pd.DataFrame) -> Figure:
    """Claims per chapter by verdict; the title names the chapter(s) with the largest share of
    unverifiable claims (ties named together)."""
    by_chapter = verdict_counts(ledger, "chapter")
    totals = by_chapter.groupby("chapter")["claims"].sum()
    unverifiable = by_chapter[by_chapter["verdict"] == "unverifiable"].set_index("chapter")["claims"]
    share = unverifiable / totals
    hardest = [c for c in CHAPTERS if c in share.index and share[c] == share.max()]
    if share.max() == 0:
        title = "Every chapter's claims could be checked against the data"
    else:
        parts = [f"{int(unverifiable[c])} of {int(totals[c])} {c}" for c in hardest]
        names = " and ".join(hardest)
        owner = "chapters'" if len(hardest) > 1 else "chapter's"
        title = (f"The {names} {owner} claims are the hardest to check: "
                 f"{', '.join(parts)} claims lack the data")
    return figure(
        _verdict_bars(by_chapter, "chapter", CHAPTERS),
        name="verdicts-by-chapter",
        title=title,
        subtitle="Claims per chapter by verdict",
        source=SOURCE,
        description=("Horizontal stacked bars, one per chapter (elections, trade, migration, security, transition), splitting its "
                     f"claims into {VERDICT_LIST}."),
        data=by_chapter,
    )
