"""Helpers for chapter notebooks: key figures, glued numbers and resource lists.

Chapters print their headline numbers with :func:`show_key_figures` in a cell tagged
``headline``; the tests store that output (tests/snapshots) and nbval compares it, so a
changed number in ``data/`` fails a notebook test until the snapshot is deliberately renewed.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

import pandas as pd

from analysis.data import resource_descriptor


@dataclass(frozen=True)
class KeyFigure:
    key: str
    label: str
    value: float | int | str
    unit: str
    fmt: str = ",.0f"

    def formatted(self) -> str:
        if isinstance(self.value, str):
            return self.value
        return format(self.value, self.fmt)


def glue_key_figures(figures: list[KeyFigure]) -> None:
    """Glue each figure's formatted value under its key, for ``{glue:text}`` in the prose."""
    from myst_nb import glue

    for figure in figures:
        glue(figure.key, figure.formatted(), display=False)


def key_figures_text(figures: list[KeyFigure]) -> str:
    width = max(len(f.label) for f in figures)
    return "\n".join(f"{f.label:<{width}}  {f.formatted()} {f.unit}".rstrip() for f in figures)


def show_key_figures(figures: list[KeyFigure]) -> None:
    """Glue every figure and print them as plain text (the output nbval compares)."""
    glue_key_figures(figures)
    print(key_figures_text(figures))


def resources_table(names: list[str]):
    """The resources a chapter uses, each linked to its entry in the data dictionary (Markdown,
    which the book renders as MyST so the ``{ref}`` links resolve)."""
    from IPython.display import Markdown

    frame = resources_used(names)
    frame["resource"] = [f"{{ref}}`{name} <resource-{name}>`" for name in frame["resource"]]
    frame["file"] = [f"`{path}`" for path in frame["file"]]
    return Markdown(frame.to_markdown(index=False))


def resources_used(names: list[str]) -> pd.DataFrame:
    """Table of the resources a chapter uses, with links to the data dictionary."""
    rows = []
    for name in names:
        descriptor = resource_descriptor(name)
        rows.append(
            {
                "resource": name,
                "file": f"data/{descriptor['path']}",
                "title": descriptor["title"],
                "sources": "; ".join(s["title"] for s in descriptor.get("sources", [])),
            }
        )
    return pd.DataFrame(rows)


def _link(text: str, url: str) -> str:
    """A link, or the text alone where the row has no URL (an empty link would point at the page
    itself, and a link without text cannot be told apart by a screen reader)."""
    if not url.strip():
        return html.escape(text)
    return f'<a href="{html.escape(url, quote=True)}">{html.escape(text.strip() or url)}</a>'


def html_table(frame: pd.DataFrame, links: dict[str, tuple[str, str]] | None = None) -> str:
    """An HTML table of ``frame`` (cells escaped). ``links`` maps an output column to the
    (text column, URL column) pair it is built from; those two columns are then not shown.
    Used where cells need links or escaping that a Markdown table would not give."""
    links = links or {}
    hidden = {c for pair in links.values() for c in pair}
    columns = [c for c in frame.columns if c not in hidden] + list(links)
    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in columns)
    body = []
    for _, row in frame.iterrows():
        cells = []
        for column in columns:
            if column in links:
                text, url = links[column]
                cells.append(f"<td>{_link(str(row[text]), str(row[url]))}</td>")
            else:
                cells.append(f"<td>{html.escape(str(row[column]))}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    return (f'<div class="amlo-table-wrap" style="overflow-x:auto"><table class="table amlo-table"><thead><tr>{head}</tr></thead>'
            f'<tbody>{"".join(body)}</tbody></table></div>')
