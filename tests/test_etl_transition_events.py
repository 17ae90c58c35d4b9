"""Events collected for the transition chapter (raw/collected/transition_events.csv): well-formed,
sourced, and present in the events resource."""

from __future__ import annotations

import re

import pandas as pd

from analysis import load
from analysis.etl.published import URL_PATTERN
import pytest

from analysis.etl.events import CATEGORIES, LABELS, derive_events, read_collected_events

FILE = "collected/transition_events.csv"


@pytest.fixture(scope="module")
def EVENTS(raw):
    return list(read_collected_events(raw, FILE).itertuples(index=False))


def test_declared_events_are_well_formed(EVENTS):
    assert len(EVENTS) == 16
    for event in EVENTS:
        assert event.category in CATEGORIES
        assert re.match(URL_PATTERN, event.url), event.url
        assert pd.to_datetime(event.date, format="%Y-%m-%d") is not None
        assert event.publisher and event.label and len(event.label) <= 40


def test_declared_events_do_not_duplicate_the_timeline_file(EVENTS):
    timeline_labels = set(LABELS.values())
    assert not {e.label for e in EVENTS} & timeline_labels
    assert len({e.label for e in EVENTS}) == len(EVENTS)


def test_committed_events_contain_every_declared_event(EVENTS):
    events = load("events")
    mine = events[events["origin"] == FILE]
    assert len(mine) == len(EVENTS)
    declared = {(e.date, e.label, e.url) for e in EVENTS}
    committed = {(d.strftime("%Y-%m-%d"), label, url) for d, label, url in zip(mine["date"], mine["label"], mine["source_url"])}
    assert committed == declared
    assert (mine["date_precision"] == "day").all()


def test_transition_dates_in_committed_events():
    events = load("events").set_index("label")
    assert events.loc["Electoral College vote", "date"] == pd.Timestamp("2020-12-14")
    assert events.loc["Biden inaugurated", "date"] == pd.Timestamp("2021-01-20")
    assert events.loc["Sheinbaum inaugurated", "date"] == pd.Timestamp("2024-10-01")


def test_dispute_dates_in_committed_events(EVENTS):
    events = load("events").set_index("label")
    expected = {
        "AMLO puts regulators under review": "2020-12-15", "AMLO plans to absorb regulators": "2021-01-07",
        "IFT and Cofece kept (USMCA)": "2021-01-29", "Electricity law reform published": "2021-03-09",
        "AMLO: no time to abolish regulators": "2022-02-15", "Electricity amendment rejected": "2022-04-17",
        "USMCA energy consultations": "2022-07-20", "State Dept. on electoral reform": "2023-02-27",
        "February 2024 reform package": "2024-02-05", "Autonomous regulators abolished": "2024-12-20",
    }
    assert {label: f"{events.loc[label, 'date']:%Y-%m-%d}" for label in expected} == expected
    # the press and law-firm sources say so in the publisher's name
    declared = {e.label: e.publisher for e in EVENTS}
    assert all(("press" in declared[label] or "law firm" in declared[label]) for label in expected if label != "USMCA energy consultations")


def test_electoral_college_event_states_the_result(EVENTS):
    event = next(e for e in EVENTS if e.label == "Electoral College vote")
    assert "306 electoral votes for Biden and 232 for Trump" in event.event


def test_events_rederive_with_declared_events(raw, EVENTS):
    frame = derive_events(raw, {})
    mine = frame[frame["origin"] == FILE]
    assert sorted(mine["label"]) == sorted(e.label for e in EVENTS)
    assert frame["event_id"].is_unique
