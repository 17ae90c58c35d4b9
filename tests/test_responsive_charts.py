"""The two layouts of every chart (analysis.book.charts.WIDE and NARROW), without a browser:
what fits where, the CSS breakpoint, and the text wrapping the layouts rely on.
tests/test_browser.py checks the same rules on the built pages."""

from __future__ import annotations

import re
from pathlib import Path

import altair as alt
import pandas as pd

from analysis.book import charts

ROOT = Path(__file__).resolve().parents[1]


def test_css_breakpoint_is_the_wide_layouts_smallest_container():
    css = (ROOT / "_static" / "amlo.css").read_text(encoding="utf-8")
    assert re.findall(r"@container amlo-chart \(min-width: (\d+)px\)", css) == [str(charts.WIDE.min_container)]


def test_lines_a_builder_wrapped_itself_are_wrapped_again_as_one_paragraph():
    text = ("Calendar years 2014–2024. Each line is one count under one definition; lines are never joined. "
            "Detentions are events, not people.")
    own = charts._wrap(text, 60)  # a builder's own wrapping, for a wider chart
    assert len(own) > 1
    assert charts._lines(own, 40) == charts._wrap(text, 40)  # no short leftover lines


def test_deliberate_line_breaks_are_kept():
    lines = ["Share of total votes cast, %, presidential elections; shading: the term",
             "2006: sum of state results; 2012: the Tribunal's final count"]
    assert charts._lines(lines, 200) == lines
    wrapped = charts._lines(lines, 40)
    assert "2006: sum of state results;" in wrapped[len(charts._wrap(lines[0], 40))]  # the second part starts a line


def _two_legend_chart() -> alt.LayerChart:
    frame = pd.DataFrame({"year": [2018, 2019, 2020] * 2, "value": [1, 2, 3, 2, 3, 4],
                          "series": ["A long description of the first counting series, with its publisher"] * 3
                          + ["A long description of the second counting series, with its publisher"] * 3})
    band = pd.DataFrame({"start": [2018.5], "end": [2019.5], "label": ["A shaded period with a long name"]})
    x = alt.X("year:Q", scale=alt.Scale(zero=False))
    lines = alt.Chart(frame).mark_line().encode(x=x, y="value:Q", color=alt.Color("series:N", title=None, legend=alt.Legend(labelLimit=0)))
    shade = alt.Chart(band).mark_rect(opacity=0.2).encode(x=alt.X("start:Q", scale=alt.Scale(zero=False)), x2="end:Q",
                                                          fill=alt.Fill("label:N", title=None))
    return alt.layer(shade, lines).resolve_scale(color="independent").properties(width=640)


def test_a_chart_whose_legends_are_its_widest_part_fits_both_layouts():
    fitted = charts.fit_layouts(_two_legend_chart(), "Values rise", "Units", "Source: test.", "Two lines.", name="legends")
    for layout in charts.LAYOUTS:
        spec, svg = fitted[layout.name]
        assert charts._svg_width(svg) <= layout.max_width, layout.name
        assert spec["config"]["legend"]["labelFontSize"] >= charts.MIN_TEXT_PX
    for layout in charts.LAYOUTS:  # one legend under the other
        assert fitted[layout.name][0]["config"]["legend"]["layout"] == charts.STACKED_LEGENDS


def test_a_legend_a_builder_set_vertical_keeps_one_column():
    spec = {"layer": [{"mark": "line", "encoding": {"color": {"field": "s", "type": "nominal", "legend": {"direction": "vertical"}}}}]}
    assert charts._one_column_if_vertical(spec)["layer"][0]["encoding"]["color"]["legend"]["columns"] == 1


def test_the_narrow_layout_is_the_wide_spec_patched():
    frame = pd.DataFrame({"month": pd.date_range("2020-01-01", periods=12, freq="MS"), "value": range(12)})
    figure = charts.figure(alt.Chart(frame).mark_line().encode(x="month:T", y="value:Q"), name="patch-test",
                           title="Values rise through 2020", source="Test publisher", description="A rising line.")
    fitted = charts.fit_layouts(alt.Chart(frame).mark_line().encode(x="month:T", y="value:Q"), "Values rise through 2020",
                                None, charts.format_source("Test publisher"), "A rising line.")
    assert charts.apply_patch(figure.spec, figure.narrow_patch) == fitted["narrow"][0]
    assert charts._svg_width(figure.svg_narrow) <= charts.NARROW.max_width
