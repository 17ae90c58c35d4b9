"""The chart theme and the figure wrapper every chapter uses."""

from __future__ import annotations

import json
import re

import altair as alt
import pandas as pd
import pytest

from analysis.book import charts


@pytest.fixture()
def monthly():
    return pd.DataFrame({"month": pd.date_range("2020-01-01", periods=12, freq="MS"), "value": range(12)})


def make_figure(frame, **overrides):
    options = dict(name="test-line", title="Values rise through 2020", source="Test publisher, table 1",
                   description="A line rising from 0 to 11 over the twelve months of 2020.", subtitle="Units, monthly")
    options.update(overrides)
    chart = alt.Chart(frame).mark_line().encode(x="month:T", y="value:Q")
    return charts.figure(chart, **options)


def test_theme_is_enabled_and_colour_blind_safe():
    assert alt.theme.active == charts.THEME_NAME
    config = alt.theme.get()()["config"]
    assert config["range"]["category"] == charts.PALETTE
    assert charts.PALETTE[:3] == ["#0072B2", "#E69F00", "#009E73"]  # Okabe-Ito order


def test_figure_html_has_source_description_download_and_static_svg(monthly):
    html = make_figure(monthly)._repr_html_()
    assert "Source: Test publisher, table 1." in html
    assert 'role="img"' in html and 'aria-label="A line rising' in html
    assert "<svg" in html, "a static rendering must be present for no-JavaScript readers and print"
    assert 'download="test-line.csv"' in html and "data:text/csv;base64," in html
    assert "Cite this figure" in html
    assert not re.search(r"<script[^>]+src=", html), "figures must not load remote scripts"
    assert "cdn." not in html


def test_source_line_is_inside_the_chart_spec(monthly):
    spec = make_figure(monthly).spec
    assert spec["title"]["text"] == "Values rise through 2020"
    texts = json.dumps(spec)
    assert "Source: Test publisher, table 1." in texts
    assert spec["description"].startswith("A line rising")


def test_long_source_lines_wrap_instead_of_being_cut(monthly):
    source = "Publisher " * 40
    spec = make_figure(monthly, source=source.strip()).spec
    footer = spec["vconcat"][1]
    lines = footer["encoding"]["text"]["value"]
    assert isinstance(lines, list) and len(lines) > 1
    assert " ".join(lines) == "Source: " + source.strip() + "."
    assert all(len(line) <= charts.SOURCE_LINE_CHARS for line in lines)


def test_csv_download_holds_the_chart_data(monthly):
    import base64
    import io

    html = make_figure(monthly)._repr_html_()
    payload = re.search(r"data:text/csv;base64,([A-Za-z0-9+/=]+)", html).group(1)
    frame = pd.read_csv(io.BytesIO(base64.b64decode(payload)))
    assert frame["value"].tolist() == list(range(12))


def test_output_is_deterministic(monthly):
    assert make_figure(monthly)._repr_html_() == make_figure(monthly)._repr_html_()


def test_requires_title_and_description(monthly):
    with pytest.raises(ValueError, match="title"):
        make_figure(monthly, title="")
    with pytest.raises(ValueError, match="description"):
        make_figure(monthly, description="")


def test_refuses_unaggregated_data():
    frame = pd.DataFrame({"month": pd.date_range("2000-01-01", periods=5001, freq="D"), "value": 1})
    with pytest.raises(ValueError, match="aggregate before charting"):
        make_figure(frame)


def test_vega_bundle_is_wrapped_and_sets_globals(tmp_path):
    path = charts.write_vega_bundle(tmp_path)
    text = path.read_text(encoding="utf-8")
    assert text.splitlines()[1] == "(function(){"
    assert "window.vegaEmbed=" in text and text.rstrip().endswith("})();")
    assert "http://" not in text[:300] and "cdn.jsdelivr" not in text[:300]


def test_bundle_versions_match_altair_spec(monthly):
    import vl_convert as vlc

    schema = make_figure(monthly).spec["$schema"]
    major = re.search(r"/v(\d+)", schema).group(1)
    assert any(v.startswith(f"v{major}") or v.startswith(major) for v in vlc.get_vegalite_versions())


def test_event_rules_stagger_labels_over_a_chart(monthly):
    import altair as alt

    events = pd.DataFrame({"date": pd.to_datetime(["2020-07-01", "2020-08-01", "2020-09-01", "2020-10-01", "2020-11-01"]),
                           "label": ["a", "b", "c", "d", "e"]})
    rules, labels = charts.event_rules(events, stagger=4, y_step=13)
    spec = alt.layer(alt.Chart(monthly).mark_line().encode(x="month:T", y="value:Q"), rules, labels).to_dict()
    assert [layer["mark"]["type"] if isinstance(layer["mark"], dict) else layer["mark"] for layer in spec["layer"]] == ["line", "rule", "text"]
    heights = [row["y"] for row in labels.data.to_dict("records")]
    assert heights == [8, 21, 34, 47, 8]  # a fifth label goes back to the first row


def test_time_charts_reach_the_end_of_their_resource_or_say_why():
    import altair as alt

    from analysis import load

    indicators = load("country_indicators")
    mexico = indicators[indicators["country_code"] == "MEX"][["year", "population"]]
    last = int(mexico["year"].max())
    chart = lambda rows: alt.Chart(rows).mark_line().encode(x="year:O", y="population:Q")
    kwargs = dict(name="t", title="Population grew", source="World Bank", description="A line.")
    full = charts.figure(chart(mexico), time=charts.TimeAxis("year", "country_indicators"), **kwargs)
    assert full.coverage["last_plotted"] == full.coverage["last_available"] == str(last)
    assert f'data-last-plotted="{last}"' in full._repr_html_() and full.resources == ("country_indicators",)
    early = mexico[mexico["year"] < last]
    with pytest.raises(ValueError, match=rf"plots to {last - 1} but country_indicators runs to {last}"):
        charts.figure(chart(early), time=charts.TimeAxis("year", "country_indicators"), **kwargs)
    declared = charts.figure(chart(early), time=charts.TimeAxis("year", "country_indicators", stops_early="GDP ends a year earlier"), **kwargs)
    assert 'data-stops-early="GDP ends a year earlier"' in declared._repr_html_()


@pytest.mark.parametrize("squeeze", [1.0, 0.85, 0.6])
@pytest.mark.parametrize("layout", charts.LAYOUTS, ids=lambda layout: layout.name)
@pytest.mark.parametrize("subtitle", [None, "Millions of U.S. dollars, monthly",
                                      ["Millions of U.S. dollars.", "Census basis; seasonally unadjusted, as published by the Census Bureau."]])
def test_retitling_the_framed_chart_gives_what_composing_it_again_gives(monthly, layout, subtitle, squeeze):
    """Laying out a figure converts the chart once and swaps in each layout's title and source line
    in the dict; the result must be the dict that composing the chart with them gives."""
    chart = alt.Chart(monthly).mark_line().encode(x="month:T", y="value:Q")
    title = "Two-way trade with Mexico rose to a record in 2023, well above its level before the pandemic"
    source = "U.S. Census Bureau, USA Trade Online (goods, Census basis), monthly; retrieved 2026. " * 3
    framed = charts._framed(chart, "A line of monthly trade.")
    composed = charts._with_source(chart, title, subtitle, source, layout, squeeze).properties(description="A line of monthly trade.")
    assert charts._retitled(framed, title, subtitle, source, layout, squeeze) == composed.to_dict()
    assert charts._retitled(framed, title, subtitle, source, layout, squeeze) != framed
