"""One chart style for the whole book, and the figure wrapper every chapter uses.

``figure(chart, ...)`` returns an object that Jupyter and the book render as an HTML ``<figure>``:
- static SVGs (vl-convert, made at build time) that no-JavaScript readers and PDF printing see;
- the same Vega-Lite spec rendered interactively (tooltips) by vega-embed, which the book serves
  from its own ``_static/vega/`` (see ``write_vega_bundle``): nothing is fetched from a CDN;
- a caption with the source line, a text description for screen readers, a CSV download of
  exactly the data the chart shows, and a suggested citation.
Element ids derive from the spec's hash, so outputs are identical across runs.

Every chart is laid out twice (see :class:`Layout`): ``WIDE`` fits the desktop text column and
``NARROW`` a 320 px phone, each with its titles and source line wrapped to its width and no text
under 11 px on screen. The page shows the one that fits its container (a CSS container query for
the static SVGs, the same rule in ``amloChart`` for the interactive one). Dark mode recolours the
SVGs in ``_static/amlo.css``, so both renderings follow the reader's theme without re-rendering.
"""

from __future__ import annotations

import base64
import copy
import hashlib
import html
import json
import math
import re
import textwrap
from dataclasses import dataclass, field
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
WIDTH = 640  # nominal width of a chart's plot; figure() narrows it to fit each Layout
HEIGHT = 320
MIN_TEXT_PX = 11  # no chart text is smaller on screen, at any container width from 320 px


@dataclass(frozen=True)
class Layout:
    """One way to lay a chart out. ``max_width`` is the whole chart at its natural size (axes,
    legend, title and source line included), ``font`` its smallest text in px. A layout may be
    scaled down to ``min_container`` px, where its smallest text is still ``MIN_TEXT_PX``."""

    name: str
    max_width: int
    font: int
    title_font: int
    subtitle_font: int
    legend: dict

    @property
    def min_container(self) -> int:
        return math.ceil(self.max_width * MIN_TEXT_PX / self.font)

    def chars(self, font_px: float, bold: bool = False) -> int:
        """Characters per line of text at ``font_px`` that fit ``max_width`` (DejaVu Sans, a wide
        face: about 0.52 em a character in running text, 0.56 em in bold; a margin on top)."""
        return int(self.max_width / (font_px * (0.62 if bold else 0.57)))


# WIDE fits the book's desktop text column (672 px) and shows down to 616 px; NARROW fits a
# 320 px phone (272 px inside the page's margins) and is shown below that. _static/amlo.css holds
# the same breakpoint (tests/test_responsive_charts.py checks it).
STACKED_LEGENDS = {"bottom": {"anchor": "start", "direction": "vertical", "margin": 4}}  # several legends, one under another
WIDE = Layout("wide", max_width=672, font=12, title_font=15, subtitle_font=13,
              legend={"orient": "bottom", "direction": "horizontal"})
NARROW = Layout("narrow", max_width=272, font=11, title_font=14, subtitle_font=12,
                legend={"orient": "bottom", "direction": "vertical", "columns": 1, "labelLimit": 240, "layout": STACKED_LEGENDS})
LAYOUTS = (WIDE, NARROW)
MIN_VIEW_WIDTH = 90  # a plot is never narrowed below this to make its chart fit
FIT_SLACK = 8  # px: a fitted chart narrower than its layout by more than this is widened once
# Vega-Lite expects these versions; the bundle from vl-convert provides them (checked in tests).
VEGA_BUNDLE_NAME = "vega-bundle.js"


@alt.theme.register(THEME_NAME, enable=True)
def _theme() -> alt.theme.ThemeConfig:
    return {
        "config": {
            "font": FONT,
            "view": {"continuousWidth": WIDTH, "continuousHeight": HEIGHT, "stroke": None},
            "range": {"category": PALETTE, "ordinal": {"scheme": SEQUENTIAL}, "ramp": {"scheme": SEQUENTIAL}},
            "title": {"anchor": "start", "fontSize": WIDE.title_font, "fontWeight": "bold",
                      "subtitleFontSize": WIDE.subtitle_font, "subtitleColor": "#444", "offset": 10},
            "axis": {"labelFontSize": WIDE.font, "titleFontSize": WIDE.font, "titleFontWeight": "normal",
                     "gridColor": "#e6e6e6", "domainColor": "#888"},
            "legend": {"labelFontSize": WIDE.font, "titleFontSize": WIDE.font, **WIDE.legend},
            "line": {"strokeWidth": 2},
            "point": {"filled": True, "size": 50},
            "text": {"fontSize": WIDE.font},
        }
    }


def format_source(source: str | list[str]) -> str:
    sources = [source] if isinstance(source, str) else list(source)
    return "Source: " + "; ".join(sources) + "."


SOURCE_LINE_CHARS = WIDE.chars(WIDE.font)  # the wide chart's width; longer source lines wrap


def wrap_source(source: str, width: int = SOURCE_LINE_CHARS) -> list[str]:
    return _wrap(source, width)


def _wrap(text: str, width: int) -> list[str]:
    return textwrap.wrap(text, width=width, break_long_words=False, break_on_hyphens=False) or [text]


def _paragraphs(lines: list[str]) -> list[str]:
    """Text given as lines, with the lines a builder wrapped itself (to some width of its own)
    joined again, so that they can be wrapped to the layout's width without short leftovers. A
    line counts as wrapped when the next line goes on in lower case and its first word would not
    have fitted on it within the longest line given (true of every line ``textwrap`` breaks);
    other line breaks are kept."""
    widest = max((len(line) for line in lines), default=0)
    paragraphs: list[str] = []
    for line in lines:
        if (paragraphs and line[:1].islower()
                and len(paragraphs[-1].rsplit("\n", 1)[-1]) + 1 + len(line.split(" ", 1)[0]) > widest):
            paragraphs[-1] += "\n" + line
        else:
            paragraphs.append(line)
    return [" ".join(p.split("\n")) for p in paragraphs]


def _lines(text: str | list[str], width: int) -> str | list[str]:
    """One line stays a string (as Vega-Lite titles usually are); longer text becomes its lines.
    Text given as lines keeps its deliberate breaks: its paragraphs (:func:`_paragraphs`) are
    wrapped to ``width``."""
    parts = [text] if isinstance(text, str) else _paragraphs(list(text))
    lines = [line for part in parts for line in _wrap(part, width)]
    return lines[0] if len(lines) == 1 else lines


def _source_parts(title: str | list[str], subtitle: str | list[str] | None, source: str, layout: Layout,
                  squeeze: float) -> tuple[alt.TitleParams, list[str], int]:
    """The title block and the source line's lines (and line height), wrapped to the layout's width
    (``squeeze`` < 1 wraps them shorter)."""
    def chars(font, bold=False):
        return max(12, int(layout.chars(font, bold) * squeeze))

    title_params = alt.TitleParams(
        text=_lines(title, chars(layout.title_font, bold=True)),
        subtitle=_lines(subtitle, chars(layout.subtitle_font)) if subtitle else alt.Undefined,
        fontSize=layout.title_font, subtitleFontSize=layout.subtitle_font)
    return title_params, wrap_source(source, chars(layout.font)), layout.font + 3


def _with_source(chart: alt.TopLevelMixin, title: str, subtitle: str | list[str] | None, source: str,
                 layout: Layout = WIDE, squeeze: float = 1.0) -> alt.TopLevelMixin:
    """Title (the finding) on top, subtitle for units or definitions, source line(s) under the chart,
    each wrapped to the layout's width (``squeeze`` < 1 wraps them shorter)."""
    title_params, lines, line_height = _source_parts(title, subtitle, source, layout, squeeze)
    footer = (
        alt.Chart(alt.Data(values=[{}]))
        .mark_text(align="left", baseline="top", fontSize=layout.font, color="#555", lineHeight=line_height)
        .encode(x=alt.value(0), y=alt.value(0), text=alt.value(lines))
        .properties(height=line_height * len(lines), width=WIDTH)
    )
    return alt.vconcat(chart, footer, spacing=6).properties(title=title_params).configure_concat(spacing=6)


def _retitled(framed: dict, title: str | list[str], subtitle: str | list[str] | None, source: str, layout: Layout,
              squeeze: float) -> dict:
    """``framed`` (:func:`_framed`) with the title and source line of ``layout``: the dict
    :func:`_with_source` gives for them, without composing and converting the whole chart again
    for every layout and every try (what made laying out a figure slow)."""
    title_params, lines, line_height = _source_parts(title, subtitle, source, layout, squeeze)
    spec = copy.deepcopy(framed)
    spec["title"] = title_params.to_dict()
    footer = spec["vconcat"][1]
    footer["mark"].update(fontSize=layout.font, lineHeight=line_height)
    footer["encoding"]["text"] = {"value": lines}
    footer["height"] = line_height * len(lines)
    return spec


FONT_KEYS = ("fontSize", "labelFontSize", "titleFontSize", "subtitleFontSize")


def _layout_config(spec: dict, layout: Layout) -> dict:
    """The layout's fonts and legend in the spec's config; no text (a builder's own mark or axis
    font sizes included) under the layout's smallest size."""
    spec = copy.deepcopy(spec)
    config = spec.setdefault("config", {})
    config.setdefault("axis", {}).update(labelFontSize=layout.font, titleFontSize=layout.font)
    config.setdefault("legend", {}).update(labelFontSize=layout.font, titleFontSize=layout.font, **layout.legend)
    config.setdefault("text", {})["fontSize"] = layout.font

    def floor(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key in FONT_KEYS and isinstance(value, (int, float)) and value < layout.font:
                    node[key] = layout.font
                else:
                    floor(value)
        elif isinstance(node, list):
            for item in node:
                floor(item)

    floor({k: v for k, v in spec.items() if k != "datasets"})
    return spec


LEGEND_CHANNELS = ("color", "fill", "stroke", "shape", "size", "opacity", "strokeDash")


def _wrap_labels(spec: dict, chars: int, axis_chars: int = 0, font: int = MIN_TEXT_PX) -> dict:
    """Legend labels longer than ``chars``, and labels of a nominal y axis longer than
    ``axis_chars`` (if given), drawn on several lines (a ``labelExpr`` looking each long label up:
    Vega draws a label given as an array as lines). Labels come from the channel's scale domain or
    sort order, else from the values of its field in the view's data."""
    spec = copy.deepcopy(spec)
    datasets = spec.get("datasets", {})

    def values(channel: dict, data: dict | None) -> list:
        for candidate in ((channel.get("scale") or {}).get("domain"), channel.get("sort")):
            if isinstance(candidate, list):
                return candidate
        rows = datasets.get((data or {}).get("name"), (data or {}).get("values", []))
        return list(dict.fromkeys(row.get(channel["field"]) for row in rows if isinstance(row, dict)))

    def walk(node, data=None):
        if isinstance(node, dict):
            data = node.get("data", data)
            for name, guide, limit in [(c, "legend", chars) for c in LEGEND_CHANNELS] + [("y", "axis", axis_chars)]:
                channel = (node.get("encoding") or {}).get(name)
                if (not limit or not isinstance(channel, dict) or "field" not in channel or channel.get(guide, {}) is None
                        or (guide == "axis" and channel.get("type") not in ("nominal", "ordinal"))):
                    continue
                options = channel.get(guide) or {}
                if "labelExpr" in options:
                    continue
                labels = values(channel, data)
                height = node.get("height")
                if guide == "axis" and not (isinstance(height, (int, float)) and labels and height / len(labels) >= 2.4 * font):
                    continue  # rows too close for labels on two lines
                long = {str(v): _wrap(str(v), limit) for v in labels if isinstance(v, str) and len(v) > limit}
                if long:
                    lookup = json.dumps(long, ensure_ascii=False, sort_keys=True)
                    channel[guide] = {**options, "labelExpr": f"{lookup}[datum.label] || datum.label", "labelLimit": 0}
            for key, value in node.items():
                if key not in ("datasets", "data"):
                    walk(value, data)
        elif isinstance(node, list):
            for item in node:
                walk(item, data)

    walk(spec)
    return spec


def _x_values(layer: dict, datasets: dict, data: dict | None, field_type: tuple[str, str]) -> list:
    x = (layer.get("encoding") or {}).get("x") or {}
    if (x.get("field"), x.get("type")) != field_type:
        return []
    data = layer.get("data", data) or {}
    rows = datasets.get(data.get("name"), data.get("values", []))
    return [row.get(x["field"]) for row in rows if isinstance(row, dict) and row.get(x["field"]) is not None]


def _wrap_view_titles(spec: dict, layout: Layout, squeeze: float) -> dict:
    """Titles of the plots inside a chart (panels of a small multiple) wrapped to the layout's width."""
    spec = copy.deepcopy(spec)
    config = spec.get("config", {}).get("title", {})
    font, bold = config.get("fontSize", layout.title_font), config.get("fontWeight") == "bold"

    def walk(node, top=False):
        if isinstance(node, dict):
            title = node.get("title") if not top and any(k in node for k in ("mark", "layer", "vconcat", "hconcat", "facet")) else None
            if isinstance(title, (str, list)):  # drawn in the config's title font
                node["title"] = _lines(title, max(12, int(layout.chars(font, bold) * squeeze)))
            elif isinstance(title, dict) and isinstance(title.get("text"), (str, list)):
                own = layout.chars(title.get("fontSize", font), title.get("fontWeight", "bold" if bold else "normal") == "bold")
                title["text"] = _lines(title["text"], max(12, int(own * squeeze)))
            for key, value in node.items():
                if key not in ("datasets", "data", "title", "config"):
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(spec, top=True)
    return spec


def _spec_nodes(node, skip=("datasets", "data", "config")):
    """Every object of a Vega-Lite spec (views, layers, encodings…), the parts under ``skip`` left out."""
    if isinstance(node, dict):
        yield node
        for key, value in node.items():
            if key not in skip:
                yield from _spec_nodes(value, skip)
    elif isinstance(node, list):
        for item in node:
            yield from _spec_nodes(item, skip)


def _upright_labels(spec: dict) -> dict:
    """Text labels set to the right of a point or rule (``align: left``, as event labels are) on
    a temporal or quantitative x axis run up along it instead, so that they never reach past the
    plot however narrow it is (the narrow layout)."""
    spec = copy.deepcopy(spec)
    for node in _spec_nodes(spec):
        mark, x = node.get("mark"), (node.get("encoding") or {}).get("x") or {}
        if (isinstance(mark, dict) and mark.get("type") == "text" and mark.get("align") == "left"
                and x.get("type") in ("temporal", "quantitative")):
            mark.update(angle=270, align="right", baseline="bottom", dx=0, dy=-2)
    return spec


def _is_view(node: dict) -> bool:
    return "mark" in node or "layer" in node


def _narrowed(spec: dict, delta: int, plot_width: float | None = None) -> dict:
    """Every plot ``delta`` px narrower (not under MIN_VIEW_WIDTH); maps keep their aspect ratio.

    A plot without a width gets one, so that it can be narrowed: the chart's own plot (the first
    row of the figure) ``plot_width`` as measured (discrete axes take 20 px per category), others
    the theme's continuous width. Layers inside a plot take their parent's."""
    spec = copy.deepcopy(spec)
    if delta <= 0:
        return spec
    default = spec.get("config", {}).get("view", {}).get("continuousWidth", WIDTH)
    chart = spec["vconcat"][0]
    if _is_view(chart) and chart.get("width") is None and plot_width:
        chart["width"] = max(MIN_VIEW_WIDTH, round(plot_width) - delta)

    def walk(node, in_layer=False):
        if isinstance(node, dict):
            if _is_view(node):
                width = node.get("width")
                if isinstance(width, (int, float)):
                    node["width"] = max(MIN_VIEW_WIDTH, width - delta)
                    if "projection" in node and isinstance(node.get("height"), (int, float)):
                        node["height"] = round(node["height"] * node["width"] / width)
                elif width is None and not in_layer:
                    node["width"] = max(MIN_VIEW_WIDTH, default - delta)
            for key, value in node.items():
                if key not in ("datasets", "data", "config"):
                    walk(value, in_layer or (_is_view(node) and key == "layer"))
        elif isinstance(node, list):
            for item in node:
                walk(item, in_layer)

    walk(spec)
    return spec


PADDING = 5  # Vega-Lite's default padding around a chart, px


def _measure(spec: dict) -> tuple[int, float, float | None]:
    """Width of the whole chart, how far its axes reach left of the plot, and the width of the
    chart's own plot (the figure's first row)."""
    import vl_convert as vlc

    graph = vlc.vegalite_to_scenegraph(spec)

    def plot(node):
        if isinstance(node, dict):
            if node.get("name") == "concat_0_group" and node.get("items"):
                return node["items"][0].get("width")
            return next((w for w in map(plot, node.values()) if w is not None), None)
        if isinstance(node, list):
            return next((w for w in map(plot, node) if w is not None), None)
        return None

    return math.ceil(graph["width"]), graph["origin"][0] - PADDING, plot(graph["scenegraph"])


def _svg_width(svg: str) -> int:
    return math.ceil(float(re.search(r'<svg[^>]*\swidth="([\d.]+)"', svg).group(1)))


def _framed(chart, description: str) -> dict:
    """The chart with a placeholder title and source line, as a Vega-Lite dict: the one validated
    conversion of the chart a figure needs (:func:`_retitled` gives each layout's title and source)."""
    return _with_source(chart, "T", None, "S").properties(description=description).to_dict()


def _figure_spec(framed: dict, title, subtitle, source, layout: Layout, squeeze: float = 1.0) -> dict:
    spec = _layout_config(_retitled(framed, title, subtitle, source, layout, squeeze), layout)
    chars = layout.chars(layout.font) * squeeze
    spec = _wrap_view_titles(spec, layout, squeeze)
    if layout is WIDE:
        if squeeze < 1:  # narrower plots did not help: legends or their labels are the widest part
            spec["config"]["legend"].update(columns=WIDE_LEGEND_COLUMNS, layout=STACKED_LEGENDS)
            spec = _wrap_labels(_one_column_if_vertical(spec), max(12, int(chars * LEGEND_SHARE)))
        if squeeze < 0.8:  # nor did that: legend entries one under another, event labels up along their rule
            spec["config"]["legend"].update(direction="vertical", columns=1)
            spec = _upright_labels(spec)
        return spec
    spec = _wrap_labels(spec, max(12, int(chars * LEGEND_SHARE)), max(10, int(chars * AXIS_SHARE)), layout.font)
    return _upright_labels(spec)


WIDE_LEGEND_COLUMNS = 5  # a legend too wide for the wide layout goes on rows of this many entries


def _one_column_if_vertical(spec: dict) -> dict:
    """Legends a builder set vertical keep one column when the config asks for several."""
    spec = copy.deepcopy(spec)
    for node in _spec_nodes(spec):
        for name in LEGEND_CHANNELS:
            channel = (node.get("encoding") or {}).get(name)
            legend = channel.get("legend") if isinstance(channel, dict) else None
            if isinstance(legend, dict) and legend.get("direction") == "vertical":
                legend.setdefault("columns", 1)
    return spec


LEGEND_SHARE = 0.8  # in the narrow layout, a legend label's line takes at most this share of the width
AXIS_SHARE = 0.35  # and a label of a y axis with categories this share (the plot needs the rest)


def fit_layouts(chart: alt.TopLevelMixin, title: str, subtitle: str | list[str] | None, source: str,
                description: str, name: str = "chart") -> dict[str, tuple[dict, str]]:
    """The chart as each :data:`LAYOUTS` entry draws it: ``{layout name: (spec, static SVG)}``.

    The chart is measured in each layout at the builder's widths, with its title and source line
    left out; every plot is then narrowed by what the chart exceeds the layout's ``max_width`` (axes, legends and labels keep their size), the source line starts flush with
    the title at the chart's left edge, and the result is checked. Titles and source lines are
    wrapped to the layout's width, shorter if the first estimate did not fit. A chart that still
    does not fit is refused: shown at that width, its text would be under ``MIN_TEXT_PX``."""
    fitted, framed = {}, _framed(chart, description)
    for layout in LAYOUTS:
        natural, left, plot_width = _measure(_figure_spec(framed, "T", None, "S", layout))
        delta, squeeze, narrowed_last, width, tries, widened = natural - layout.max_width, 1.0, False, None, [], False
        for _ in range(6):
            spec = _narrowed(_figure_spec(framed, title, subtitle, source, layout, squeeze), delta, plot_width)
            spec["vconcat"][1]["encoding"]["x"] = {"value": -left}
            svg = to_svg(spec)
            width, previous = _svg_width(svg), width
            tries.append((width, len(tries), spec, svg))
            over = width - layout.max_width
            if over <= 0:
                if -over <= FIT_SLACK or delta <= 0 or widened:
                    break
                delta, widened = max(0, delta + over), True  # measured wide, it needs less room here
                continue
            if previous is not None and width >= previous and not narrowed_last:
                break  # shorter lines did not help either: keep the narrowest try
            if _narrowed(spec, over) != spec and not (narrowed_last and width >= previous):
                delta, narrowed_last = delta + over, True  # the plots can give more room
            else:
                squeeze, narrowed_last = squeeze * 0.85, False  # they cannot: wrap the title and source shorter
        fits = [t for t in tries if t[0] <= layout.max_width]
        width, _, spec, svg = max(fits, key=lambda t: (t[0], -t[1])) if fits else min(tries, key=lambda t: (t[0], t[1]))
        if width > layout.max_width:
            if layout is WIDE:
                raise ValueError(f"figure {name!r}: the wide layout is {_svg_width(svg)} px wide, more than "
                                 f"{layout.max_width} px with its plots narrowed (down to {MIN_VIEW_WIDTH} px at most): "
                                 "shorten its labels or legend, or split the chart")
            # A phone chart that cannot be narrowed further keeps its text size and scrolls
            # sideways inside its figure (amlo.css), never the page.
        fitted[layout.name] = (spec, svg)
    return fitted


def spec_patch(base, target, path=()) -> list:
    """The changes that turn ``base`` into ``target``: ``[path, value]`` to set, ``[path]`` to
    delete (``amloPatch`` in the vega bundle applies them). Data that do not change cost nothing."""
    if isinstance(base, dict) and isinstance(target, dict):
        ops = [[[*path, key]] for key in base if key not in target]
        for key, value in target.items():
            ops += spec_patch(base[key], value, (*path, key)) if key in base else [[[*path, key], value]]
        return ops
    if isinstance(base, list) and isinstance(target, list) and len(base) == len(target):
        return [op for i, (a, b) in enumerate(zip(base, target)) for op in spec_patch(a, b, (*path, i))]
    return [] if base == target else [[list(path), target]]


def apply_patch(spec, ops: list):
    """Python twin of ``amloPatch`` (tested against it): apply :func:`spec_patch` output."""
    spec = copy.deepcopy(spec)
    for op in ops:
        path = op[0]
        if not path:
            spec = copy.deepcopy(op[1])
            continue
        node = spec
        for key in path[:-1]:
            node = node[key]
        if len(op) == 1:
            del node[path[-1]]
        else:
            node[path[-1]] = copy.deepcopy(op[1])
    return spec


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
    # The narrow layout (phones): its static SVG, and the changes that turn ``spec`` (wide) into it.
    svg_narrow: str = ""
    narrow_patch: list = field(default_factory=list)

    @property
    def element_id(self) -> str:
        digest = hashlib.sha256(json.dumps(self.spec, sort_keys=True).encode()).hexdigest()[:12]
        return f"fig-{self.name}-{digest}"

    def spec_nodes(self):
        """Every object of the Vega-Lite spec, depth first (layers, encodings, marks…), to look into
        a drawn chart without knowing how it was composed (data and config included)."""
        return _spec_nodes(self.spec, skip=())

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
        spec = _script_json(self.spec)
        csv_href = "data:text/csv;base64," + base64.b64encode(self.csv).decode()
        data_attributes = "".join(
            f' data-{key.replace("_", "-")}="{html.escape(str(value), quote=True)}"'
            for key, value in (self.coverage or {}).items())
        if self.resources:
            data_attributes += f' data-resources="{html.escape(" ".join(self.resources), quote=True)}"'
        return (
            f'<figure class="amlo-figure" id="{fid}-figure" aria-labelledby="{fid}-caption"{data_attributes}>'
            f'<div class="amlo-chart" id="{fid}" role="img" aria-label="{html.escape(self.description)}">{self._static_html()}</div>'
            f'<figcaption id="{fid}-caption"><span class="amlo-source">{html.escape(self.source)}</span> '
            f'<span class="amlo-description">{html.escape(self.description)}</span> '
            f'{_downloads_html(self.name, csv_href, self.metadata())}'
            f'<a class="amlo-permalink" href="#{self.anchor}">Link to this chart</a> '
            f'<details class="amlo-cite"><summary>Cite this figure</summary>{html.escape(self.citation())}'
            f'<span class="amlo-cite-url"></span></details>'
            f"</figcaption>"
            f'<script type="text/javascript">(function(){{var el=document.getElementById("{fid}");'
            f'if(window.amloChart){{window.amloChart(el,{spec},{_script_json(self.narrow_patch)},{WIDE.min_container});}}}})();</script>'
            f"</figure>"
        )

    def _static_html(self) -> str:
        """The static renderings, one per layout; CSS shows the one that fits (the wide one in print)."""
        if not self.svg_narrow:
            return self.svg
        return "".join(f'<div class="amlo-static amlo-static-{layout}" style="--amlo-w:{_svg_width(svg)}px">{svg}</div>'
                       for layout, svg in (("wide", self.svg), ("narrow", self.svg_narrow)))

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
    layouts = fit_layouts(chart, title, subtitle, source_line, description, name=name)
    spec, svg = layouts[WIDE.name]
    narrow_spec, svg_narrow = layouts[NARROW.name]
    csv = frame.to_csv(index=isinstance(frame.index, pd.MultiIndex) or frame.index.name is not None, lineterminator="\n").encode("utf-8")
    return Figure(name=name, spec=spec, svg=svg, title=title, description=description, source=source_line, csv=csv,
                  chart=full, rows=frame, resources=tuple(resources), coverage=coverage,
                  svg_narrow=svg_narrow, narrow_patch=spec_patch(spec, narrow_spec))


def _script_json(value) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":")).replace("</", "<\\/")


def to_svg(spec: dict) -> str:
    import vl_convert as vlc

    svg = vlc.vegalite_to_svg(spec)
    # The XML declaration is invalid inside HTML; keep only the <svg> element. The figure's
    # container is role="img" with the chart's description, so the marks' own ARIA attributes
    # are never read: dropped, they halve the page's weight.
    svg = svg[svg.index("<svg"):]
    return re.sub(r'\s(?:role|aria-[a-z]+|pointer-events)="[^"]*"', "", svg)


def vega_bundle_source() -> str:
    """vega, vega-lite and vega-embed as one script, from the pinned vl-convert-python wheel.

    The bundle declares top-level ``const`` names that clash with Sphinx's own scripts, so it is
    wrapped in a function; it sets ``window.vegaEmbed``, ``window.vega`` and ``window.vegaLite``.
    """
    import vl_convert as vlc

    versions = {"vega": vlc.get_vega_version(), "vega-embed": vlc.get_vega_embed_version()}
    header = "/* vega, vega-lite, vega-embed from vl-convert-python; versions: " + json.dumps(versions, sort_keys=True) + " */\n"
    return header + "(function(){\n" + vlc.javascript_bundle() + "\n})();\n" + CHART_SCRIPT


# Renders a figure interactively in the layout that fits its container (the rule of the CSS
# container query for the static SVGs: wide from WIDE.min_container px), again when a resize
# crosses it; the static SVGs stay in the page for print and are hidden once the live one is up.
CHART_SCRIPT = """(function(){
function amloPatch(spec, ops) {
  var out = JSON.parse(JSON.stringify(spec));
  ops.forEach(function (op) {
    var path = op[0], node = out;
    if (!path.length) { out = JSON.parse(JSON.stringify(op[1])); return; }
    for (var i = 0; i < path.length - 1; i++) node = node[path[i]];
    if (op.length === 1) { delete node[path[path.length - 1]]; } else { node[path[path.length - 1]] = JSON.parse(JSON.stringify(op[1])); }
  });
  return out;
}
window.amloPatch = amloPatch;
window.amloChart = function (el, spec, narrowPatch, minWide) {
  if (!window.vegaEmbed) return;
  var live = document.createElement("div"), shown = null, view = null, turn = 0, narrow = null;
  live.className = "amlo-live";
  el.appendChild(live);
  function render() {
    var layout = el.clientWidth >= minWide ? "wide" : "narrow";
    if (layout === shown || !el.clientWidth) return;
    shown = layout;
    var mine = ++turn;
    if (layout === "narrow" && !narrow) narrow = amloPatch(spec, narrowPatch);
    if (view) { view.finalize(); view = null; }
    window.vegaEmbed(live, layout === "wide" ? spec : narrow, {renderer: "svg", actions: false}).then(function (result) {
      if (mine !== turn) { result.finalize(); return; }
      view = result;
      var svg = live.querySelector("svg");
      if (svg) live.style.setProperty("--amlo-w", svg.getAttribute("width") + "px");
      // No ARIA on the marks, as in the static SVGs: the figure is one image (role="img")
      // described by its aria-label; Vega's roles (some on empty mark groups) are dropped.
      live.setAttribute("aria-hidden", "true");
      live.querySelectorAll("[role], [aria-roledescription], [aria-label]").forEach(function (n) {
        ["role", "aria-roledescription", "aria-label"].forEach(function (a) { n.removeAttribute(a); });
      });
      el.setAttribute("data-layout", layout);
      el.classList.add("amlo-live-ready");
      // A chart that cannot be narrowed to its container scrolls inside it: keyboard users can scroll it too.
      if (el.scrollWidth > el.clientWidth + 1) el.tabIndex = 0; else el.removeAttribute("tabindex");
    }).catch(function (e) { el.setAttribute("data-error", String(e)); });
  }
  render();
  if (window.ResizeObserver) new ResizeObserver(render).observe(el);
};
})();
"""


def write_vega_bundle(static_dir: Path) -> Path:
    static_dir.mkdir(parents=True, exist_ok=True)
    target = static_dir / VEGA_BUNDLE_NAME
    source = vega_bundle_source()
    if not target.is_file() or target.read_text(encoding="utf-8") != source:
        target.write_text(source, encoding="utf-8")
    return target


def event_rules(events: pd.DataFrame, *, stagger: int = 4, y_step: int = 15, x_type: str = "T") -> list[alt.Chart]:
    """Dashed vertical rules at event dates (``events`` has ``date`` and ``label``), with labels
    staggered over ``stagger`` rows so neighbouring labels do not overlap; layer them over a chart."""
    marks = events[["date", "label"]].reset_index(drop=True).assign(y=lambda f: 8 + y_step * (f.index % stagger))
    rules = alt.Chart(marks).mark_rule(strokeDash=[4, 3], color="#555").encode(
        x=f"date:{x_type}", tooltip=[alt.Tooltip("date:T", title="Date"), alt.Tooltip("label:N", title="Event")])
    labels = alt.Chart(marks).mark_text(align="left", dx=3, fontSize=MIN_TEXT_PX, color="#333").encode(
        x=f"date:{x_type}", y=alt.Y("y:Q", scale=None), text="label:N")
    return [rules, labels]


def shade_periods(periods: pd.DataFrame, *, start: str = "start", end: str = "end", label: str = "label") -> alt.Chart:
    """Shaded background bands (presidential terms, policy periods); layer *under* the data."""
    return alt.Chart(periods).mark_rect(opacity=0.12).encode(
        x=alt.X(f"{start}:T"), x2=f"{end}:T", color=alt.Color(f"{label}:N", title=None, scale=alt.Scale(range=PALETTE[4:] + PALETTE[:4]))
    )
