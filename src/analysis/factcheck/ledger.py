"""The ledger: every claim of :mod:`analysis.factcheck.claims` run against the data package.

:func:`evaluate` applies each claim's check and the rules of :mod:`analysis.factcheck.rules`, and
records where the claim is in its article and which data rows and published pages the verdict rests
on (the rows' own source URLs are looked up in the resources, so a reader is one click from the
publisher). The rest renders the ledger for the book: the ledger page grouped by article with a
summary of verdicts, and each chapter's tables, which link to the ledger rows by claim id. Rows merged
into another (:data:`analysis.factcheck.claims.MERGED`) resolve to the surviving row everywhere.
"""

from __future__ import annotations

import html
import math
from collections import Counter

import pandas as pd

from analysis.book.paraphrase import words
from analysis.factcheck.rules import (
    ARTICLES,
    CHAPTERS,
    HOLDING,
    QUALIFIED,
    VERDICT_LABELS,
    VERDICTS,
    WORDINGS,
    Claim,
    Loader,
    verdict,
)

QUOTE_WORDS = 7  # a locator quotes at most seven words of the article, counted as the paraphrase check counts them


def all_claims() -> list[Claim]:
    """Every claim of the chapters' claims files, checked for unique ids and valid fields."""
    from analysis.factcheck.claims import CLAIMS, MERGED

    claims = list(CLAIMS)
    seen: set[str] = set()
    for claim in claims:
        where = f"claim {claim.claim_id}"
        if claim.claim_id in seen:
            raise ValueError(f"{where} declared twice")
        seen.add(claim.claim_id)
        if claim.article not in ARTICLES or claim.chapter not in CHAPTERS:
            raise ValueError(f"{where}: article {claim.article!r} or chapter {claim.chapter!r} unknown")
        if claim.check is None and not claim.settle_with:
            raise ValueError(f"{where}: unverifiable claims must say which data would settle them")
        if claim.wording not in WORDINGS:
            raise ValueError(f"{where}: wording {claim.wording!r} not in {WORDINGS}")
        if not set(claim.also_in) <= set(CHAPTERS) - {claim.chapter}:
            raise ValueError(f"{where}: also_in {claim.also_in} must name other chapters")
        if len(words(claim.quote)) > QUOTE_WORDS:
            raise ValueError(f"{where}: the locator quotes more than {QUOTE_WORDS} words")
    merged_into_unknown = {old: new for old, new in MERGED.items() if new not in seen or old in seen}
    if merged_into_unknown:
        raise ValueError(f"merged ids must point from a removed id to a declared claim: {merged_into_unknown}")
    by_id = {claim.claim_id: claim for claim in claims}
    for old, new in MERGED.items():
        old_chapter, survivor = old.split("-")[1], by_id[new]
        if old_chapter != survivor.chapter and old_chapter not in survivor.also_in:
            raise ValueError(f"{old} was merged into {new}, which must list {old_chapter!r} in also_in")
    return sorted(claims, key=lambda c: c.claim_id)


def resolve(claim_id: str) -> str:
    """The id of the row that now carries ``claim_id`` (itself, or the row it was merged into)."""
    from analysis.factcheck.claims import MERGED

    seen = []
    while claim_id in MERGED:
        if claim_id in seen:
            raise ValueError(f"merge cycle through {seen}")
        seen.append(claim_id)
        claim_id = MERGED[claim_id]
    return claim_id


def merged_into(claim_id: str) -> list[str]:
    """Former ids merged into ``claim_id``, sorted."""
    from analysis.factcheck.claims import MERGED

    return sorted(old for old in MERGED if resolve(old) == claim_id)


def _fmt(value: float | str | None) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _key_text(key: dict) -> str:
    return ", ".join(f"{field}={value}" for field, value in key.items())


def evidence_rows_text(rows: tuple[tuple[str, dict], ...]) -> str:
    """Compact form of the rows a verdict rests on: ``resource[field=value, …]; …``."""
    return "; ".join(f"{resource}[{_key_text(key)}]" for resource, key in rows)


def _matching_rows(frame: pd.DataFrame, key: dict) -> pd.DataFrame:
    mask = pd.Series(True, index=frame.index)
    for field, value in key.items():
        if field not in frame.columns:
            raise KeyError(f"no field {field!r}")
        column = frame[field]
        if pd.api.types.is_datetime64_any_dtype(column):
            mask &= column.dt.strftime("%Y-%m-%d") == str(value)
        elif pd.api.types.is_numeric_dtype(column) and isinstance(value, (int, float)):
            mask &= column == value
        else:
            mask &= column.astype("string") == str(value)
    return frame[mask.fillna(False).astype(bool)]


def _resource_sources(name: str) -> list[str]:
    """The source URLs a resource declares for all its rows (used when rows carry no URL of their own)."""
    from analysis.etl.steps import STEPS

    for step in STEPS:
        for resource in step.resources:
            if resource.name == name:
                return [s["path"] for s in resource.sources if str(s.get("path", "")).startswith("http")]
    return []


def row_sources(loader: Loader, rows: tuple[tuple[str, dict], ...], claim_id: str = "") -> list[str]:
    """The source URLs of the evidence rows (fields ``source_url`` or ``url``, else the resource's
    own sources); every row must exist."""
    urls: list[str] = []
    for resource, key in rows:
        try:
            matches = _matching_rows(loader(resource), key)
        except KeyError as exc:
            raise ValueError(f"claim {claim_id}: evidence row {resource}[{_key_text(key)}]: {exc}") from exc
        if matches.empty:
            raise ValueError(f"claim {claim_id}: evidence row {resource}[{_key_text(key)}] not found")
        fields = [f for f in ("source_url", "url") if f in matches.columns]
        for field in fields:
            urls += [u for u in matches[field].dropna().astype(str) if u.startswith("http")]
        if not fields:
            urls += _resource_sources(resource)
    return urls


def _unique(items) -> list[str]:
    return list(dict.fromkeys(x for x in items if x))


def evaluate(claims: list[Claim] | None = None, loader: Loader | None = None) -> pd.DataFrame:
    """Run every claim's check against the data and return the ledger, one row per claim."""
    if loader is None:
        from analysis.data import load as loader  # noqa: PLW0127
    claims = all_claims() if claims is None else claims
    cache: dict[str, pd.DataFrame] = {}

    def cached(name: str) -> pd.DataFrame:
        if name not in cache:
            cache[name] = loader(name)
        return cache[name]

    rows = []
    for claim in claims:
        evidence = claim.check(cached) if claim.check is not None else None
        urls = _unique([*(evidence.sources if evidence else ()), *(row_sources(cached, evidence.rows, claim.claim_id) if evidence else ()),
                        *claim.searched])
        notes = (claim.note, evidence.note if evidence else "", claim.settle_with and f"would be settled by: {claim.settle_with}")
        rows.append(
            {
                "claim_id": claim.claim_id,
                "article": claim.article,
                "chapter": claim.chapter,
                "also_in": " ".join(claim.also_in),
                "merged_ids": " ".join(merged_into(claim.claim_id)),
                "paragraph": claim.paragraph,
                "quote": claim.quote,
                "claim": claim.paraphrase,
                "claimed_text": claim.claimed_text,
                "claimed_value": _fmt(claim.claimed),
                "unit": claim.unit,
                "wording": claim.wording,
                "period": claim.period,
                "geography": claim.geography,
                "stated_scope": claim.stated_scope,
                "checked_scope": evidence.checked_scope if evidence else "",
                "resources": " ".join(claim.resources),
                "evidence_rows": evidence_rows_text(evidence.rows) if evidence else "",
                "source_urls": " ".join(urls),
                "method": evidence.method if evidence else "",
                "data_value": _fmt(evidence.value) if evidence else "",
                "as_published_value": _fmt(evidence.as_published) if evidence else "",
                "newer_value": _fmt(evidence.newer_at_publication) if evidence else "",
                "newer_name": evidence.newer_name if evidence else "",
                "other_definition_value": _fmt(evidence.other_definition) if evidence else "",
                "other_definition_name": evidence.other_definition_name if evidence else "",
                "verdict": verdict(claim, evidence),
                "note": "; ".join(x for x in notes if x),
            }
        )
    return pd.DataFrame(rows)


# ---------------------------------------------------------------------------------------------
# Counts

def verdict_counts(ledger: pd.DataFrame, by: str) -> pd.DataFrame:
    """Claims per ``by`` (article or chapter) and verdict, every verdict present (zeros kept)."""
    counts = ledger.groupby([by, "verdict"]).size().rename("claims").reset_index()
    full = pd.MultiIndex.from_product([sorted(ledger[by].unique()), VERDICTS], names=[by, "verdict"])
    return counts.set_index([by, "verdict"]).reindex(full, fill_value=0).reset_index()


def verdict_summary(ledger: pd.DataFrame) -> tuple[pd.Series, int, int]:
    """Claims per verdict (every verdict, zeros kept), claims the data can check (all but the
    unverifiable) and claims that hold as stated (consistent or approximately)."""
    counts = ledger["verdict"].value_counts().reindex(VERDICTS, fill_value=0)
    checked = int(len(ledger) - counts["unverifiable"])
    holding = int(counts[list(HOLDING)].sum())
    return counts, checked, holding


# How each verdict reads in a sentence that sums up a chapter's claims (singular, plural).
VERDICT_PHRASES = {
    "consistent": ("is consistent with the data", "are consistent with the data"),
    "approximately": ("holds approximately", "hold approximately"),
    "narrower": ("holds only in a narrower scope than stated", "hold only in a narrower scope than stated"),
    "revised": ("matches only a figure later revised", "match only figures later revised"),
    "outdated": ("was already outdated when published", "were already outdated when published"),
    "definition": ("holds only under another definition", "hold only under another definition"),
    "inaccurate": ("is contradicted by the data", "are contradicted by the data"),
    "unverifiable": ("cannot be checked with the data", "cannot be checked with the data"),
}


def verdicts_in_words(counts: pd.Series) -> str:
    """Claims per verdict in words ("11 are consistent with the data, 1 holds only under another
    definition and 2 are contradicted by the data"), from :func:`verdict_summary`'s counts;
    verdicts with no claim are left out. Chapters glue this instead of typing a summary."""
    missing = set(VERDICT_PHRASES) ^ set(VERDICTS)
    if missing:
        raise ValueError(f"VERDICT_PHRASES and VERDICTS differ: {sorted(missing)}")
    parts = [f"{int(n)} {VERDICT_PHRASES[v][0 if int(n) == 1 else 1]}" for v, n in counts.items() if int(n) > 0]
    if not parts:
        return "no claim"
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def qualified_count(ledger: pd.DataFrame) -> int:
    """Claims that hold only with a qualification (narrower scope, revised, outdated, other definition)."""
    return int(ledger["verdict"].isin(QUALIFIED).sum())


# ---------------------------------------------------------------------------------------------
# Presentation: the ledger page and the per-chapter claim tables link to each other by claim id.
# Everything is plain HTML that reads without JavaScript and prints; class names (amlo-…) are the
# hooks for the book's stylesheet, no inline styles.

LEDGER_PAGE = "factcheck.html"  # chapters live side by side in chapters/
DICTIONARY_PAGE = "data-dictionary.html"


def anchor(claim_id: str) -> str:
    return f"claim-{claim_id.lower()}"


def dictionary_anchor(resource: str) -> str:
    """Anchor of a resource's entry in the data dictionary (Sphinx turns the label's underscores into hyphens)."""
    return f"resource-{resource.replace('_', '-')}"


def article_anchor(article: str) -> str:
    return f"ledger-{article.lower()}"


def _cell(value) -> str:
    return html.escape("" if value is None or (isinstance(value, float) and math.isnan(value)) else str(value))


def _number(text: str, unit: str = "") -> str:
    """A value for reading: whole numbers of 1,000 or more with thousands separators (24000 ->
    24,000), except years; decimals, small numbers and text unchanged."""
    try:
        number = float(text)
    except (TypeError, ValueError):
        return _cell(text)
    if number.is_integer() and abs(number) >= 1_000 and not unit.startswith("year"):
        return f"{int(number):,}"
    return _cell(text)


def _value_with_unit(text: str, unit: str) -> str:
    """A data value as read: a number with its unit, a text value alone."""
    try:
        float(text)
    except (TypeError, ValueError):
        return _cell(text)
    return f"{_number(text, unit)} {_cell(unit)}".strip()


def verdict_label(verdict_name: str) -> str:
    """The verdict as a labelled span: the word, and its meaning in plain words for readers and print."""
    return (f'<span class="amlo-verdict amlo-verdict-{verdict_name}"><strong>{_cell(verdict_name)}</strong>'
            f'<span class="amlo-verdict-meaning"> ({_cell(VERDICT_LABELS[verdict_name])})</span></span>')


def _locator(record: dict) -> str:
    where = f"¶ {_cell(record['paragraph'])}" if record["paragraph"] else ""
    quote = f"“{_cell(record['quote'])}”" if record["quote"] else ""
    return f'<span class="amlo-claim-locator">{record["article"]} {where} {quote}</span>'.replace("  ", " ")


def _data_cell(record: dict) -> str:
    unit = record["unit"]
    parts = [f"<strong>{_value_with_unit(record['data_value'], unit) or '—'}</strong>"]
    if record["as_published_value"]:
        parts.append(f"as first published: {_number(record['as_published_value'], unit)}")
    if record["newer_value"]:
        parts.append(f"newer figure at publication ({_cell(record['newer_name'])}): {_number(record['newer_value'], unit)}")
    if record["other_definition_value"]:
        parts.append(f"under another definition ({_cell(record['other_definition_name'])}): "
                     f"{_number(record['other_definition_value'], unit)}")
    if record["checked_scope"]:
        parts.append(f"checked only for: {_cell(record['checked_scope'])}")
    detail = "; ".join(x for x in (record["method"], record["note"]) if x)
    body = "<br>".join(parts)
    return body + (f'<br><small class="amlo-claim-method">{_cell(detail)}</small>' if detail else "")


def _evidence_cell(record: dict) -> str:
    links = []
    rows_by_resource: dict[str, list[str]] = {}
    for part in filter(None, record["evidence_rows"].split("; ")):
        resource, _, key = part.partition("[")
        rows_by_resource.setdefault(resource, []).append(key.rstrip("]"))
    for resource in _unique([*record["resources"].split(), *rows_by_resource]):
        keys = rows_by_resource.get(resource, [])
        key_text = f" <small>({_cell('; '.join(keys))})</small>" if keys else ""
        links.append(f'<a href="{DICTIONARY_PAGE}#{dictionary_anchor(resource)}">{_cell(resource)}</a>{key_text}')
    for number, url in enumerate(filter(None, record["source_urls"].split()), start=1):
        links.append(f'<a href="{_cell(url)}" class="amlo-source-link">source {number}</a>')
    return '<span class="amlo-claim-evidence">' + ("<br>".join(links) or "—") + "</span>"


def _claim_cell(record: dict) -> str:
    claimed = record["claimed_text"] or f"{record['claimed_value']} {record['unit']}".strip()
    extra = []
    if record["merged_ids"]:
        extra.append(f"former ids merged into this row: {_cell(record['merged_ids'])}")
    if record["stated_scope"]:
        extra.append(f"scope stated: {_cell(record['stated_scope'])}")
    more = f'<br><small>{"; ".join(extra)}</small>' if extra else ""
    return (f"{_cell(record['claim'])}<br><span class=\"amlo-claimed\">Claimed: {_cell(claimed)}</span>"
            f"<br>{_locator(record)}{more}")


HEADER = ("<thead><tr><th>Claim</th><th>What the article said (our words), where</th><th>What the data say</th>"
          "<th>Verdict</th><th>Evidence</th></tr></thead>")


def _row_html(record: dict, claim_link: str) -> str:
    return (f'<tr id="{anchor(record["claim_id"])}" class="verdict-{record["verdict"]}">' if claim_link == "self"
            else f'<tr class="verdict-{record["verdict"]}">') + (
        f"<td>{_cell(record['claim_id']) if claim_link == 'self' else claim_link}</td><td>{_claim_cell(record)}</td>"
        f"<td>{_data_cell(record)}</td><td>{verdict_label(record['verdict'])}</td><td>{_evidence_cell(record)}</td></tr>")


def summary_html(ledger: pd.DataFrame) -> str:
    """Verdicts per article (rows) and verdict (columns), with totals; each article links to its section."""
    counts = Counter(zip(ledger["article"], ledger["verdict"]))
    head = "".join(f"<th>{_cell(v)}</th>" for v in VERDICTS)
    body = []
    for article in ARTICLES:
        cells = "".join(f"<td>{counts[(article, v)]}</td>" for v in VERDICTS)
        total = int((ledger["article"] == article).sum())
        body.append(f'<tr><th><a href="#{article_anchor(article)}">{article}</a></th>{cells}<td>{total}</td></tr>')
    totals = "".join(f"<td>{int((ledger['verdict'] == v).sum())}</td>" for v in VERDICTS)
    body.append(f"<tr><th>All</th>{totals}<td>{len(ledger)}</td></tr>")
    return (f'<table class="amlo-ledger-summary"><caption>Claims per article and verdict</caption><thead><tr><th>Article</th>{head}'
            f"<th>Claims</th></tr></thead><tbody>{''.join(body)}</tbody></table>")


def article_ledger_html(ledger: pd.DataFrame, article: str) -> str:
    """One article's rows of the ledger (the page shows one such table per article)."""
    rows = ledger[ledger["article"] == article]
    if rows.empty:
        raise ValueError(f"no claims for article {article!r}")
    body = "".join(_row_html(r, "self") for r in rows.to_dict("records"))
    return (f'<table class="amlo-ledger-table" id="{article_anchor(article)}-table">{HEADER}<tbody>{body}</tbody></table>')


def ledger_filter_html() -> str:
    """A filter box over the ledger's tables: an aid only (without JavaScript every row is shown)."""
    return (
        '<label class="amlo-ledger-filter-label">Filter the ledger: <input type="search" class="amlo-ledger-filter" '
        'placeholder="e.g. A4, homicides, inaccurate" oninput="var q=this.value.toLowerCase();'
        "document.querySelectorAll('table.amlo-ledger-table tbody tr').forEach(function(r){"
        "r.hidden=r.textContent.toLowerCase().indexOf(q)<0;});\"></label>"
    )


def ledger_html(ledger: pd.DataFrame) -> str:
    """The whole ledger: summary, filter box and one table per article (each row has its anchor)."""
    sections = "".join(f'<h3 id="{article_anchor(a)}">{a}</h3>{article_ledger_html(ledger, a)}' for a in ARTICLES
                       if (ledger["article"] == a).any())
    return f'<div class="amlo-ledger">{summary_html(ledger)}{ledger_filter_html()}{sections}</div>'


# The example row shown for each verdict in the rules table (another row of that verdict is used if
# a data change moves one of these to a different verdict).
RULE_EXAMPLES = {
    "consistent": "A4-security-04", "approximately": "A4-security-25", "narrower": "A4-security-11",
    "revised": "A4-security-02", "outdated": "A3-migration-07", "definition": "A4-security-05",
    "inaccurate": "A3-migration-02", "unverifiable": "A4-security-10",
}


def rule_example(ledger: pd.DataFrame, verdict_name: str) -> dict | None:
    """The example row of ``verdict_name`` for the rules table (None if no row has that verdict)."""
    rows = ledger[ledger["verdict"] == verdict_name]
    preferred = rows[rows["claim_id"] == RULE_EXAMPLES.get(verdict_name)]
    chosen = preferred if len(preferred) else rows
    return chosen.iloc[0].to_dict() if len(chosen) else None


def verdict_rules_html(ledger: pd.DataFrame) -> str:
    """The verdicts, each once: its meaning, the rule, and one example row of the ledger (linked)."""
    from analysis.factcheck.rules import RULES

    body = []
    for name in VERDICTS:
        r = rule_example(ledger, name)
        example = "—"
        if r is not None:
            claimed = r["claimed_text"] or f"{r['claimed_value']} {r['unit']}".strip()
            data = _value_with_unit(r["data_value"], r["unit"]) if r["data_value"] else "no value"
            qualifier = {
                "revised": ("as_published_value", "first published"), "outdated": ("newer_value", f"newer figure at publication ({r['newer_name']})"),
                "definition": ("other_definition_value", "under another definition"), "narrower": ("checked_scope", "checked only for"),
            }.get(name)
            extra = (f"; {qualifier[1]}: {_number(r[qualifier[0]], r['unit'])}" if qualifier and r[qualifier[0]] else "")
            example = (f'<a href="#{anchor(r["claim_id"])}">{_cell(r["claim_id"])}</a>: the article said {_cell(claimed)}; '
                       f"the data give {data}{extra}")
        body.append(f"<tr><td>{verdict_label(name)}</td><td>{_cell(RULES[name])}</td><td>{example}</td></tr>")
    return ('<table class="amlo-verdict-rules"><caption>The verdicts, their rules and one example each</caption>'
            '<thead><tr><th>Verdict</th><th>Rule</th><th>Example row</th></tr></thead>'
            f"<tbody>{''.join(body)}</tbody></table>")


def chapter_rows(ledger: pd.DataFrame, chapter: str) -> pd.DataFrame:
    """The rows a chapter page shows: those it owns and those of other chapters that link to it
    (``also_in``). A chapter that evaluated only its own claims gets the linked rows evaluated here."""
    missing = [c for c in all_claims() if chapter in c.also_in and c.claim_id not in set(ledger["claim_id"])]
    if missing:
        ledger = pd.concat([ledger, evaluate(missing)], ignore_index=True)
    linked = ledger["also_in"].str.split().apply(lambda chapters: chapter in chapters)
    return ledger[(ledger["chapter"] == chapter) | linked]


def chapter_claims_html(ledger: pd.DataFrame, chapter: str, claim_ids: list[str] | None = None) -> str:
    """A chapter's claims (or a chosen few, removed ids resolving to the rows they were merged into):
    where the claim is, what the article said, what the data say, the verdict and the evidence; each
    claim id links to its row in the full ledger."""
    rows = chapter_rows(ledger, chapter)
    if claim_ids is not None:
        wanted = _unique(resolve(c) for c in claim_ids)
        missing = sorted(set(wanted) - set(rows["claim_id"]))
        if missing:
            raise ValueError(f"no claims {missing} in chapter {chapter!r}")
        rows = rows.set_index("claim_id").loc[wanted].reset_index()
    if rows.empty:
        raise ValueError(f"no claims for chapter {chapter!r}")
    body = []
    for r in rows.to_dict("records"):
        owner = "" if r["chapter"] == chapter else f"<br><small>checked in the {_cell(r['chapter'])} chapter</small>"
        link = f'<a href="{LEDGER_PAGE}#{anchor(r["claim_id"])}">{_cell(r["claim_id"])}</a>{owner}'
        body.append(_row_html(r, link))
    return f'<table class="amlo-claims">{HEADER}<tbody>{"".join(body)}</tbody></table>'


# Claims a chapter page has shown so far (one kernel runs one page), so the page can end with
# every claim of its chapter that no section showed: no claim is left off by hand.
_SHOWN: dict[str, set[str]] = {}


def claims_table(ledger: pd.DataFrame, chapter: str, claim_ids: list[str] | None = None) -> "HTML":
    """Rich-display version of :func:`chapter_claims_html` for a chapter's code cells."""
    table = HTML(chapter_claims_html(ledger, chapter, claim_ids))
    shown = chapter_rows(ledger, chapter)["claim_id"] if claim_ids is None else [resolve(c) for c in claim_ids]
    _SHOWN.setdefault(chapter, set()).update(shown)
    return table


def unshown_claims(ledger: pd.DataFrame, chapter: str) -> list[str]:
    """Claims of ``chapter`` (owned or linked) that no :func:`claims_table` call of this page has shown yet."""
    shown = _SHOWN.get(chapter, set())
    return [c for c in chapter_rows(ledger, chapter)["claim_id"] if c not in shown]


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
