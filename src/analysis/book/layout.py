"""Sphinx extension (listed in _config.yml): the built pages' layout on every screen and in print.

- Tables of text get the class ``amlo-stack`` and each cell a ``data-label`` naming its column,
  so that ``_static/amlo.css`` can show them as one card per row on a phone; tables of numbers
  keep their grid and scroll inside their own container.
- Bibliography entries get ``role="listitem"``: docutils marks them ``doc-biblioentry``, a role
  that ARIA 1.2 deprecated and that axe-core reports as a list without list items (critical).
- The root page carries a placeholder where ``analysis.book.pdf`` links the book's PDF once
  ``make pdf`` has printed it (and nothing until then).
"""

from __future__ import annotations

import re
from pathlib import Path

STACK_MIN_COLUMNS = 4  # tables with fewer columns fit a phone by wrapping alone
NUMERIC_SHARE = 0.5  # tables with at least this share of numeric cells keep their grid
NUMERIC = re.compile(r"[-–−+]?[$€]?[\d.,\s]+(%|pts?|points)?|—|–|n/a|")
PDF_SLOT = '<div class="amlo-pdf-slot"></div>'
PDF_NAME = "us-mexico-relations-amlo-era.pdf"  # at the site's root, linked from the root page


def stack_tables(body: str) -> str:
    """``body`` (a page's HTML) with its tables of text marked for stacking on narrow screens."""
    if "<table" not in body:
        return body
    from bs4 import BeautifulSoup

    def mark(match: re.Match) -> str:
        soup = BeautifulSoup(match.group(0), "html.parser")
        table = soup.find("table")
        head = table.find("thead")
        labels = [th.get_text(" ", strip=True) for th in head.find_all("th")] if head else []
        rows = [tr for body in table.find_all("tbody", recursive=False) for tr in body.find_all("tr", recursive=False)]
        cells = [td for tr in rows for td in tr.find_all(["td", "th"], recursive=False)]
        spans = any(td.get("colspan") or td.get("rowspan") for td in cells) or table.find("table") is not None
        numeric = sum(bool(NUMERIC.fullmatch(td.get_text(strip=True))) for td in cells) / max(1, len(cells))
        if len(labels) < STACK_MIN_COLUMNS or spans or numeric >= NUMERIC_SHARE or not rows:
            return match.group(0)
        for tr in rows:
            for label, td in zip(labels, tr.find_all(["td", "th"], recursive=False)):
                td["data-label"] = label
        table["class"] = [*table.get("class", []), "amlo-stack"]
        return str(table)

    return re.sub(r"<table\b.*?</table>", mark, body, flags=re.S)


def fix_bibliography_roles(body: str) -> str:
    return body.replace('role="doc-biblioentry"', 'role="listitem"')


def _page_context(app, pagename, templatename, context, doctree) -> None:
    if "body" not in context:
        return
    body = fix_bibliography_roles(stack_tables(context["body"]))
    if pagename == app.config.root_doc and app.builder.name == "html":
        body = re.sub(r"(</h1>)", r"\1" + PDF_SLOT, body, count=1)
    context["body"] = body


def withdraw_pdf(built: Path, root_doc: str) -> None:
    """Before a rebuild (``make book``): remove the PDF that ``make pdf`` put in the built book,
    and the root page that links it (Sphinx writes a page again when its output is missing), so
    that a book is never published with the PDF of other inputs."""
    if (built / PDF_NAME).is_file():
        (built / PDF_NAME).unlink()
        (built / f"{root_doc}.html").unlink(missing_ok=True)


def setup(app):
    app.connect("html-page-context", _page_context)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
