"""The ledger's own evidence: published figures (raw/collected/factcheck_figures.csv) and dated events."""

from __future__ import annotations


import pandas as pd
import pytest

import analysis
from analysis.data.events import all_labels
from analysis.etl import DerivationError, factcheck_evidence
from analysis.etl.events import read_collected_events
from analysis.etl.published import PUBLISHED_COLUMNS


@pytest.fixture(scope="module")
def figures(raw) -> pd.DataFrame:
    return factcheck_evidence.derive_figures(raw, {})


def test_figures_derived_from_the_raw_file_equal_the_committed_table(figures):
    committed = analysis.load("factcheck_figures")
    assert len(committed) == len(figures) == 48
    assert committed["indicator"].tolist() == figures["indicator"].tolist()
    assert committed["value"].fillna(-1).tolist() == figures["value"].fillna(-1).tolist()


def test_every_figure_has_a_value_a_publisher_and_a_page(figures):
    assert figures["value"].notna().all() or figures["value_low"].notna().any()
    assert figures["source_url"].str.match(r"^https?://").all()
    assert (figures["publisher"] != "").all() and (figures["unit"] != "").all()
    assert not figures.duplicated(["indicator", "period"]).any()


def test_known_figures(figures):
    by_key = figures.set_index(["indicator", "period"])["value"]
    assert by_key[("deaths by homicide, first (preliminary) INEGI release", "2012")] == 26_037
    assert by_key[("population in poverty (CONEVAL multidimensional measure)", "2016")] == 43.6
    assert by_key[("journalists killed in Mexico (RSF round-up)", "2016")] == 9


def _write(raw, tmp_path, edit) -> object:
    folder = tmp_path / "raw"
    (folder / "collected").mkdir(parents=True)
    frame = pd.read_csv(raw / factcheck_evidence.FIGURES, dtype="string", keep_default_na=False)
    edit(frame)
    frame[PUBLISHED_COLUMNS].to_csv(folder / factcheck_evidence.FIGURES, index=False)
    return folder


@pytest.mark.parametrize(
    "edit, message, field",
    [
        (lambda f: f.loc.__setitem__((0, "topic"), "trade"), "is not 'factcheck'", "topic"),
        (lambda f: f.loc.__setitem__((0, "status"), "guessed"), "status 'guessed'", "status"),
        (lambda f: f.loc.__setitem__((1, "indicator"), f.loc[0, "indicator"]) or f.loc.__setitem__((1, "period"), f.loc[0, "period"]),
         "given twice", "indicator"),
        (lambda f: f.loc.__setitem__((0, "value"), "NOT FOUND") or f.loc.__setitem__((0, "url"), ""), "no figure", "value"),
        (lambda f: f.loc.__setitem__((0, "value"), "about 26,000"), "neither a number", "value"),
    ],
)
def test_bad_rows_are_refused_naming_file_row_and_field(raw, tmp_path, edit, message, field):
    folder = _write(raw, tmp_path, edit)
    with pytest.raises(DerivationError, match=rf"factcheck_figures.csv, row \d+, field '{field}'.*{message}"):
        factcheck_evidence.derive_figures(folder, {})


def test_declared_events_reach_the_events_resource_with_known_labels(raw):
    mine = list(read_collected_events(raw, "collected/factcheck_events.csv").itertuples(index=False))
    assert len(mine) == 35  # 42 declared by the ledger, 7 of them kept once in the chapters that declared them first
    labels = [event.label for event in mine]
    assert len(set(labels)) == len(labels) and set(labels) <= all_labels()
    events = analysis.load("events")
    assert (events["origin"] == "collected/factcheck_events.csv").sum() == len(mine)
    counts = events["label"].value_counts()
    assert (counts[labels] == 1).all(), "a label the ledger reads must name exactly one event"
    assert all(event.url.startswith(("http://", "https://")) for event in mine)
