"""The ledger: every claim of :mod:`analysis.factcheck.claims` run against the data package.

:func:`evaluate` applies each claim's check and the rules of :mod:`analysis.factcheck.rules`;
the rest renders the ledger for the book (the full ledger page and each chapter's table, which
link to each other by claim id).
"""

from __future__ import annotations

import math

import pandas as pd

from analysis.factcheck.rules import ARTICLES, CHAPTERS, VERDICTS, Claim, Loader, verdict

def all_claims() -> list[Claim]:
    """Every claim of the chapters' claim modules, checked for unique ids and valid fields."""
    from analysis.factcheck.claims import CLAIMS

    claims = list(CLAIMS)
    seen: set[str] = set()
    for claim in claims:
        if claim.claim_id in seen:
            raise ValueError(f"claim id {claim.claim_id} declared twice")
        seen.add(claim.claim_id)
        if claim.article not in ARTICLES or claim.chapter not in CHAPTERS:
            raise ValueError(f"claim {claim.claim_id}: article {claim.article!r} or chapter {claim.chapter!r} unknown")
        if claim.check is None and not claim.settle_with:
            raise ValueError(f"claim {claim.claim_id}: unverifiable claims must say which data would settle them")
    return sorted(claims, key=lambda c: c.claim_id)


def _fmt(value: float | str | None) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def evaluate(claims: list[Claim] | None = None, loader: Loader | None = None) -> pd.DataFrame:
    """Run every claim's check against the data and return the ledger, one row per claim."""
    if loader is None:
        from analysis.data import load as loader  # noqa: PLW0127
    claims = all_claims() if claims is None else claims
    rows = []
    for claim in claims:
        evidence = claim.check(loader) if claim.check is not None else None
        rows.append(
            {
                "claim_id": claim.claim_id,
                "article": claim.article,
                "chapter": claim.chapter,
                "claim": claim.paraphrase,
                "claimed_value": _fmt(claim.claimed),
                "unit": claim.unit,
                "period": claim.period,
                "geography": claim.geography,
                "resources": " ".join(claim.resources),
                "method": evidence.method if evidence else "",
                "data_value": _fmt(evidence.value) if evidence else "",
                "as_published_value": _fmt(evidence.as_published) if evidence else "",
                "other_definition_value": _fmt(evidence.other_definition) if evidence else "",
                "verdict": verdict(claim, evidence),
                "note": "; ".join(x for x in (claim.note, evidence.note if evidence else "", claim.settle_with and f"would be settled by: {claim.settle_with}") if x),
            }
        )
    return pd.DataFrame(rows)


# ---------------------------------------------------------------------------------------------
# Presentation: the ledger page and the per-chapter claim tables link to each other by claim id.

LEDGER_PAGE = "factcheck.html"  # chapters live side by side in chapters/


def anchor(claim_id: str) -> str:
    return f"claim-{claim_id.lower()}"


def verdict_counts(ledger: pd.DataFrame, by: str) -> pd.DataFrame:
    """Claims per ``by`` (article or chapter) and verdict, every verdict present (zeros kept)."""
    counts = ledger.groupby([by, "verdict"]).size().rename("claims").reset_index()
    full = pd.MultiIndex.from_product([sorted(ledger[by].unique()), VERDICTS], names=[by, "verdict"])
    return counts.set_index([by, "verdict"]).reindex(full, fill_value=0).reset_index()


def verdict_summary(ledger: pd.DataFrame) -> tuple[pd.Series, int, int]:
    """Claims per verdict (every verdict, zeros kept), claims the data can check (all but the
    unverifiable) and claims that hold (consistent or approximately)."""
    counts = ledger["verdict"].value_counts().reindex(VERDICTS, fill_value=0)
    checked = int(len(ledger) - counts["unverifiable"])
    holding = int(counts["consistent"] + counts["approximately"])
    return counts, checked, holding


def _cell(value) -> str:
    import html

    return html.escape("" if value is None or (isinstance(value, float) and math.isnan(value)) else str(value))


def ledger_html(ledger: pd.DataFrame) -> str:
    """The full ledger as an HTML table with a filter box (plain JavaScript, no external code)."""
    rows = []
    for record in ledger.to_dict("records"):
        rows.append(
            f'<tr id="{anchor(record["claim_id"])}" class="verdict-{record["verdict"]}">'
            f"<td>{_cell(record['claim_id'])}</td><td>{_cell(record['claim'])}</td>"
            f"<td>{_cell(record['claimed_value'])} {_cell(record['unit'])}</td>"
            f"<td>{_cell(record['data_value'])}</td><td><strong>{_cell(record['verdict'])}</strong></td>"
            f"<td>{_cell(record['period'])}; {_cell(record['geography'])}</td>"
            f"<td>{_cell(record['method'])}{'. ' if record['method'] else ''}{_cell(record['note'])}</td></tr>"
        )
    return (
        '<div class="amlo-ledger">'
        '<label>Filter the ledger: <input type="search" class="amlo-ledger-filter" placeholder="e.g. A4, homicides, inaccurate" '
        'oninput="var q=this.value.toLowerCase();this.closest(\'.amlo-ledger\').querySelectorAll(\'tbody tr\').forEach('
        'function(r){r.style.display=r.textContent.toLowerCase().indexOf(q)>-1?\'\':\'none\';});"></label>'
        '<table class="amlo-ledger-table"><thead><tr><th>Claim</th><th>What the article said (paraphrased)</th>'
        "<th>Claimed</th><th>Data</th><th>Verdict</th><th>Period; geography</th><th>How checked; notes</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )


def chapter_claims_html(ledger: pd.DataFrame, chapter: str, claim_ids: list[str] | None = None) -> str:
    """A chapter's claims (or a chosen few): what the article said, the claimed and data values
    (with the figure as first published and under another definition, where they matter), the
    verdict, and how it was checked; each claim id links to its row in the full ledger."""
    rows = ledger[ledger["chapter"] == chapter]
    if claim_ids is not None:
        missing = sorted(set(claim_ids) - set(rows["claim_id"]))
        if missing:
            raise ValueError(f"no claims {missing} in chapter {chapter!r}")
        rows = rows.set_index("claim_id").loc[list(claim_ids)].reset_index()
    if rows.empty:
        raise ValueError(f"no claims for chapter {chapter!r}")
    body = []
    for r in rows.to_dict("records"):
        data = _cell(r["data_value"]) or "—"
        if r["as_published_value"]:
            data += f"<br><small>as first published: {_cell(r['as_published_value'])}</small>"
        if r["other_definition_value"]:
            data += f"<br><small>other definition: {_cell(r['other_definition_value'])}</small>"
        checked = "; ".join(x for x in (r["method"], r["note"]) if x)
        body.append(
            f'<tr class="verdict-{r["verdict"]}"><td><a href="{LEDGER_PAGE}#{anchor(r["claim_id"])}">{_cell(r["claim_id"])}</a></td>'
            f"<td>{_cell(r['claim'])}</td><td>{_cell(r['claimed_value'])} {_cell(r['unit'])}</td><td>{data}</td>"
            f"<td><strong>{_cell(r['verdict'])}</strong></td><td><small>{_cell(checked)}</small></td></tr>"
        )
    return (
        '<table class="amlo-claims"><thead><tr><th>Claim</th><th>What the article said (paraphrased)</th><th>Claimed</th>'
        f"<th>Data</th><th>Verdict</th><th>How checked</th></tr></thead><tbody>{''.join(body)}</tbody></table>"
    )


# Claims a chapter page has shown so far (one kernel runs one page), so the page can end with
# every claim of its chapter that no section showed: no claim is left off by hand.
_SHOWN: dict[str, set[str]] = {}


def claims_table(ledger: pd.DataFrame, chapter: str, claim_ids: list[str] | None = None) -> "HTML":
    """Rich-display version of :func:`chapter_claims_html` for a chapter's code cells."""
    table = HTML(chapter_claims_html(ledger, chapter, claim_ids))
    shown = ledger.loc[ledger["chapter"] == chapter, "claim_id"] if claim_ids is None else claim_ids
    _SHOWN.setdefault(chapter, set()).update(shown)
    return table


def unshown_claims(ledger: pd.DataFrame, chapter: str) -> list[str]:
    """Claims of ``chapter`` that no :func:`claims_table` call of this page has shown yet."""
    shown = _SHOWN.get(chapter, set())
    return [c for c in ledger.loc[ledger["chapter"] == chapter, "claim_id"] if c not in shown]


def remaining_claims_table(ledger: pd.DataFrame, chapter: str) -> "HTML":
    """The chapter's claims not shown by any section above (empty when every claim has its place),
    so that every ledger row of a chapter appears on its page whatever its verdict."""
    remaining = unshown_claims(ledger, chapter)
    if not remaining:
        return HTML("")
    return claims_table(ledger, chapter, remaining)


class HTML:
    """Minimal rich-display wrapper, so chapters show these tables without importing IPython."""

    def __init__(self, text: str):
        self.text = text

    def _repr_html_(self) -> str:
        return self.text

    def __repr__(self) -> str:  # no memory address in outputs: two executions must match
        return f"<HTML table, {self.text.count('<tr')} rows>"
