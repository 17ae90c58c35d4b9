"""One chart style for the whole book, and the figure wrapper every chapter uses.

``figure(chart, ...)`` returns an object that Jupyter and the book render as an HTML ``<figure>``:
- a static SVG (vl-convert, made at build time) that no-JavaScript readers and PDF printing see;
- the same Vega-Lite spec rendered interactively (tooltips) by vega-embed, which the book serves
  from its own ``_static/vega/`` (see ``write_vega_bundle``): nothing is fetched from a CDN;
- a caption with the source line, a text description for screen readers, a CSV download of
  exactly the data the chart shows, and a suggested citation.
Element ids derive from the spec's hash, so outputs are identical across runs.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from dataclasses import dataclass
from pathlib import Path

import altair as alt
import pandas as pd

import analysis

THEME_NAME = "amlo_report"
# Okabe & Ito (2008) colour-blind-safe palette, black moved last.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"]
SEQUENTIAL = "blues"
DIVERGING = "blueorange"
FONT = "DejaVu Sans, Helvetica, Arial, sans-serif"
WIDTH = 640
HEIGHT = 320
# Vega-Lite expects these versions; the bundle from vl-convert provides them (checked in tests).
VEGA_BUNDLE_NAME = "vega-bundle.js"


@alt.theme.register(THEME_NAME, enable=True)
def _theme() -> alt.theme.ThemeConfig:
    return {
        "config": {
            "font": FONT,
            "view": {"continuousWidth": WIDTH, "continuousHeight": HEIGHT, "stroke": None},
            "range": {"category": PALETTE, "ordinal": {"scheme": SEQUENTIAL}, "ramp": {"scheme": SEQUENTIAL}},
            "title": {"anchor": "start", "fontSize": 15, "fontWeight": "bold", "subtitleFontSize": 12, "subtitleColor": "#444", "offset": 10},
            "axis": {"labelFontSize": 11, "titleFontSize": 12, "titleFontWeight": "normal", "gridColor": "#e6e6e6", "domainColor": "#888"},
            "legend": {"labelFontSize": 11, "titleFontSize": 12, "orient": "bottom", "direction": "horizontal"},
            "line": {"strokeWidth": 2},
            "point": {"filled": True, "size": 50},
            "text": {"fontSize": 11},
        }
    }


def format_source(source: str | list[str]) -> str:
    sources = [source] if isinstance(source, str) else list(source)
    return "Source: " + "; ".join(sources) + "."


SOURCE_LINE_CHARS = 115  # about the chart width at 10 px; longer source lines wrap


def wrap_source(source: str, width: int = SOURCE_LINE_CHARS) -> list[str]:
    import textwrap

    return textwrap.wrap(source, width=width, break_long_words=False, break_on_hyphens=False) or [source]


def _with_source(chart: alt.TopLevelMixin, title: str, subtitle: str | None, source: str) -> alt.TopLevelMixin:
    """Title (the finding) on top, subtitle for units or definitions, source line(s) under the chart."""
    lines = wrap_source(source)
    footer = (
        alt.Chart(alt.Data(values=[{}]))
        .mark_text(align="left", baseline="top", fontSize=10, color="#555", lineHeight=13)
        .encode(x=alt.value(0), y=alt.value(0), text=alt.value(lines))
        .properties(height=13 * len(lines), width=WIDTH)
    )
    title_params = alt.TitleParams(text=title, subtitle=subtitle or alt.Undefined)
    return alt.vconcat(chart, footer, spacing=6).properties(title=title_params).configure_concat(spacing=6)


@dataclass(frozen=True)
class TimeAxis:
    """How far a time chart runs, checked against its resource when the figure is made.

    ``field`` is the period column of the chart's rows; ``resource`` and ``resource_field`` the
    table and column it comes from (same period type: calendar year, U.S. fiscal year, month).
    A chart that stops before its resource's last period must say why in ``stops_early`` (shown
    in its subtitle too); otherwise :func:`figure` refuses it."""

    field: str
    resource: str
    resource_field: str | None = None
    stops_early: str = ""


def _period_text(value) -> str:
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d")
    if hasattr(value, "item"):
        value = value.item()
    return str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)


def time_coverage(rows: pd.DataFrame, axis: TimeAxis) -> dict:
    """Last period plotted and last period its resource holds (ISO date or year, as text)."""
    from analysis.data import load

    table = load(axis.resource)
    column = axis.resource_field or axis.field
    if axis.field not in rows.columns or column not in table.columns:
        raise ValueError(f"time axis: no column {axis.field!r} in the chart rows or {column!r} in {axis.resource}")
    plotted, available = rows[axis.field].dropna().max(), table[column].dropna().max()
    return {"field": axis.field, "resource": axis.resource, "resource_field": column, "last_plotted": _period_text(plotted),
            "last_available": _period_text(available), "stops_early": axis.stops_early}


@dataclass
class Figure:
    """A finished chart: what every figure builder returns. ``chart`` is the Altair chart as drawn
    (title and source line included), ``rows`` the table it shows (also its CSV download)."""

    name: str
    spec: dict
    svg: str
    title: str
    description: str
    source: str
    csv: bytes
    chart: alt.TopLevelMixin | None = None
    rows: pd.DataFrame | None = None
    resources: tuple[str, ...] = ()  # the package's tables the chart is drawn from
    coverage: dict | None = None  # for time charts: see :func:`time_coverage`

    @property
    def element_id(self) -> str:
        digest = hashlib.sha256(json.dumps(self.spec, sort_keys=True).encode()).hexdigest()[:12]
        return f"fig-{self.name}-{digest}"

    def citation(self) -> str:
        """Suggested citation (the book build appends the chart's permalink to the one shown)."""
        from analysis.book.cite import chart_citation

        return chart_citation(self.title, self.name)

    @property
    def anchor(self) -> str:
        """Stable permalink anchor: from the chart's name only, so new data never change it."""
        return chart_anchor(self.name)

    def metadata(self) -> dict:
        """What the chart's metadata download holds: see :func:`chart_metadata`."""
        return chart_metadata(self)

    def _repr_html_(self) -> str:
        fid = self.element_id
        spec = json.dumps(self.spec, sort_keys=True, separators=(",", ":")).replace("</", "<\\/")
        csv_href = "data:text/csv;base64," + base64.b64encode(self.csv).decode()
        data_attributes = "".join(
            f' data-{key.replace("_", "-")}="{html.escape(str(value), quote=True)}"'
            for key, value in (self.coverage or {}).items())
        if self.resources:
            data_attributes += f' data-resources="{html.escape(" ".join(self.resources), quote=True)}"'
        return (
            f'<figure class="amlo-figure" id="{fid}-figure" aria-labelledby="{fid}-caption"{data_attributes}>'
            f'<div class="amlo-chart" id="{fid}" role="img" aria-label="{html.escape(self.description)}">{self.svg}</div>'
            f'<figcaption id="{fid}-caption"><span class="amlo-source">{html.escape(self.source)}</span> '
            f'<span class="amlo-description">{html.escape(self.description)}</span> '
            f'{_downloads_html(self.name, csv_href, self.metadata())}'
            f'<a class="amlo-permalink" href="#{self.anchor}">Link to this chart</a> '
            f'<details class="amlo-cite"><summary>Cite this figure</summary>{html.escape(self.citation())}'
            f'<span class="amlo-cite-url"></span></details>'
            f"</figcaption>"
            f'<script type="text/javascript">(function(){{var el=document.getElementById("{fid}");'
            f'if(window.vegaEmbed){{window.vegaEmbed(el,{spec},{{renderer:"svg",actions:false}})'
            f'.catch(function(e){{el.setAttribute("data-error",String(e));}});}}}})();</script>'
            f"</figure>"
        )

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {"text/html": self._repr_html_(), "text/plain": f"Figure {self.name}: {self.title}. {self.description} {self.source}"}


CHART_ANCHOR_PREFIX = "chart-"
METADATA_MEDIATYPE = "application/json"


def chart_anchor(name: str) -> str:
    return CHART_ANCHOR_PREFIX + name


def _data_uri(mediatype: str, payload: bytes) -> str:
    return f"data:{mediatype};base64," + base64.b64encode(payload).decode()


def metadata_bytes(metadata: dict) -> bytes:
    return (json.dumps(metadata, indent=2, ensure_ascii=False, sort_keys=True) + "\n").encode("utf-8")


def _downloads_html(name: str, csv_href: str, metadata: dict) -> str:
    """The chart's downloads: its rows (CSV) and their metadata (JSON). In a notebook both are
    ``data:`` links; the book build (``analysis.book.sitedata``) turns them into files of the
    site under ``data/charts/`` and adds a zip of the two."""
    meta_href = _data_uri(METADATA_MEDIATYPE, metadata_bytes(metadata))
    return (
        f'<span class="amlo-downloads">'
        f'<a class="amlo-csv" download="{name}.csv" href="{csv_href}">Download the chart data (CSV)</a>'
        f' · <a class="amlo-metadata" download="{name}.metadata.json" href="{meta_href}">'
        f"its metadata (JSON: units, definitions, sources, licence)</a></span> · "
    )


def _field_type(values) -> str:
    """The Table Schema type of a computed column (for the chart's metadata)."""
    if pd.api.types.is_bool_dtype(values):
        return "boolean"
    if pd.api.types.is_integer_dtype(values):
        return "integer"
    if pd.api.types.is_numeric_dtype(values):
        return "number"
    if pd.api.types.is_datetime64_any_dtype(values):
        return "date"
    return "string"


def _subtitle(spec: dict) -> str:
    subtitle = (spec.get("title") or {}).get("subtitle", "") if isinstance(spec.get("title"), dict) else ""
    return " ".join(subtitle) if isinstance(subtitle, list) else str(subtitle or "")


def chart_metadata(fig: "Figure") -> dict:
    """Title, units and definitions of the chart's columns, sources with URLs, licence, version
    and suggested citation, drawn from the descriptors of the resources the chart declares.

    A column is described by the field of the same name in one of those resources; a column no
    resource has (a share or total computed for the chart) says so. A chart that declares no
    resource keeps its own source line and description only, and the metadata says so."""
    from analysis.data import package_descriptor

    package = package_descriptor()
    by_name = {r["name"]: r for r in package["resources"]}
    missing = [name for name in fig.resources if name not in by_name]
    if missing:
        raise KeyError(f"figure {fig.name!r} names resources the package lacks: {missing}")
    declared = list(fig.resources)
    # A chart that declares no resource: the tables its source line names, said to be inferred.
    named = declared or [n for n in by_name if re.search(rf"(?<![\w-]){re.escape(n)}(?![\w-])", fig.source)]
    used = [by_name[name] for name in named]
    columns = []
    rows = fig.rows if fig.rows is not None else pd.DataFrame()
    for column in [*([rows.index.name] if rows.index.name else []), *rows.columns]:
        match = next(((r["name"], f) for r in used for f in r["schema"]["fields"] if f["name"] == column), None)
        if match:
            resource, spec = match
            columns.append({"name": column, "type": spec.get("type", ""), "unit": spec.get("unit", ""),
                            "description": spec.get("description", ""), "from": f"{resource}.{column}"})
        else:
            columns.append({"name": column, "type": _field_type(rows[column] if column in rows.columns else rows.index),
                            "unit": "", "description": "computed for this chart from the resources below (see the chart's subtitle)",
                            "from": ""})
    resources = [{"name": r["name"], "title": r["title"], "description": r["description"], "path": f"data/{r['path']}",
                  "sources": r.get("sources", []), "licenses": r.get("licenses", [])} for r in used]
    return {
        "chart": fig.name,
        "title": fig.title,
        "subtitle": _subtitle(fig.spec),
        "description": fig.description,
        "source": fig.source,
        "columns": columns,
        "resources": resources,
        "resources_note": (
            "" if declared else
            "The chart does not declare its resources; those listed are the tables its source line names." if used else
            "The chart declares no resource of the data package: its source line is the only record of where its rows come from."),
        "coverage": fig.coverage or {},
        "licenses": package.get("licenses", []),
        "license_note": "Cite the original publishers named in each source too; their own terms are listed in LICENSE-DATA.md.",
        "version": analysis.__version__,
        "citation": fig.citation(),
        "permalink": "#" + chart_anchor(fig.name),
        "url": "",
    }


def _chart_data(chart: alt.TopLevelMixin) -> pd.DataFrame:
    data = chart.data
    if isinstance(data, pd.DataFrame):
        return data
    for sub in getattr(chart, "layer", []) or []:
        if isinstance(sub.data, pd.DataFrame):
            return sub.data
    raise ValueError("figure(): give `data=` when the chart has no top-level DataFrame")


def figure(
    chart: alt.TopLevelMixin,
    *,
    name: str,
    title: str,
    source: str | list[str],
    description: str,
    subtitle: str | None = None,
    data: pd.DataFrame | None = None,
    resources: tuple[str, ...] | list[str] = (),
    time: TimeAxis | None = None,
    max_rows: int = 5000,
) -> Figure:
    """Wrap a chart: title stating the finding, source line under it, text description, CSV of its data.

    ``data`` is what the CSV download holds (default: the chart's own DataFrame). Charts must be
    aggregated first: more than ``max_rows`` rows is refused, as Altair would. ``resources`` names
    the package tables the chart is drawn from. A time chart gives ``time``: it must reach the last
    period of its resource, or say in ``time.stops_early`` why it stops earlier.
    """
    if not title or not description:
        raise ValueError("figure(): every chart needs a title that states the finding and a text description")
    if not name.replace("-", "").isalnum():
        raise ValueError(f"figure(): name {name!r} must be letters, digits and hyphens")
    frame = data if data is not None else _chart_data(chart)
    if len(frame) > max_rows:
        raise ValueError(f"figure {name!r}: {len(frame)} rows; aggregate before charting (max {max_rows})")
    coverage = time_coverage(frame, time) if time is not None else None
    if coverage and coverage["last_plotted"] != coverage["last_available"] and not time.stops_early:
        raise ValueError(f"figure {name!r} plots to {coverage['last_plotted']} but {time.resource} runs to "
                         f"{coverage['last_available']}: extend the chart or say why in TimeAxis(stops_early=...)")
    if time is not None and time.resource not in resources:
        resources = (*resources, time.resource)
    source_line = format_source(source)
    full = _with_source(chart, title, subtitle, source_line).properties(description=description)
    spec = full.to_dict()
    svg = to_svg(spec)
    csv = frame.to_csv(index=isinstance(frame.index, pd.MultiIndex) or frame.index.name is not None, lineterminator="\n").encode("utf-8")
    return Figure(name=name, spec=spec, svg=svg, title=title, description=description, source=source_line, csv=csv,
                  chart=full, rows=frame, resources=tuple(resources), coverage=coverage)


def to_svg(spec: dict) -> str:
    import vl_convert as vlc

    svg = vlc.vegalite_to_svg(spec)
    # The XML declaration is invalid inside HTML; keep only the <svg> element.
    return svg[svg.index("<svg"):]


def vega_bundle_source() -> str:
    """vega, vega-lite and vega-embed as one script, from the pinned vl-convert-python wheel.

    The bundle declares top-level ``const`` names that clash with Sphinx's own scripts, so it is
    wrapped in a function; it sets ``window.vegaEmbed``, ``window.vega`` and ``window.vegaLite``.
    """
    import vl_convert as vlc

    versions = {"vega": vlc.get_vega_version(), "vega-embed": vlc.get_vega_embed_version()}
    header = "/* vega, vega-lite, vega-embed from vl-convert-python; versions: " + json.dumps(versions, sort_keys=True) + " */\n"
    return header + "(function(){\n" + vlc.javascript_bundle() + "\n})();\n"


def write_vega_bundle(static_dir: Path) -> Path:
    static_dir.mkdir(parents=True, exist_ok=True)
    target = static_dir / VEGA_BUNDLE_NAME
    source = vega_bundle_source()
    if not target.is_file() or target.read_text(encoding="utf-8") != source:
        target.write_text(source, encoding="utf-8")
    return target


def event_rules(events: pd.DataFrame, *, stagger: int = 4, y_step: int = 13, x_type: str = "T") -> list[alt.Chart]:
    """Dashed vertical rules at event dates (``events`` has ``date`` and ``label``), with labels
    staggered over ``stagger`` rows so neighbouring labels do not overlap; layer them over a chart."""
    marks = events[["date", "label"]].reset_index(drop=True).assign(y=lambda f: 8 + y_step * (f.index % stagger))
    rules = alt.Chart(marks).mark_rule(strokeDash=[4, 3], color="#555").encode(
        x=f"date:{x_type}", tooltip=[alt.Tooltip("date:T", title="Date"), alt.Tooltip("label:N", title="Event")])
    labels = alt.Chart(marks).mark_text(align="left", dx=3, fontSize=10, color="#333").encode(
        x=f"date:{x_type}", y=alt.Y("y:Q", scale=None), text="label:N")
    return [rules, labels]


def shade_periods(periods: pd.DataFrame, *, start: str = "start", end: str = "end", label: str = "label") -> alt.Chart:
    """Shaded background bands (presidential terms, policy periods); layer *under* the data."""
    return alt.Chart(periods).mark_rect(opacity=0.12).encode(
        x=alt.X(f"{start}:T"), x2=f"{end}:T", color=alt.Color(f"{label}:N", title=None, scale=alt.Scale(range=PALETTE[4:] + PALETTE[:4]))
    )
