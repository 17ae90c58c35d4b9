"""Events declared by the transition chapter: well-formed, sourced, and present in the events resource."""

from __future__ import annotations

import re

import pandas as pd

from analysis import load
from analysis.etl.published import URL_PATTERN
from analysis.etl.events import CATEGORIES, LABELS, derive_events
from analysis.etl.transition_events import EVENTS


def test_declared_events_are_well_formed():
    assert len(EVENTS) == 7
    for event in EVENTS:
        assert event.category in CATEGORIES
        assert re.match(URL_PATTERN, event.url), event.url
        assert pd.to_datetime(event.date, format="%Y-%m-%d") is not None
        assert event.publisher and event.label and len(event.label) <= 40


def test_declared_events_do_not_duplicate_the_timeline_file():
    timeline_labels = set(LABELS.values())
    assert not {e.label for e in EVENTS} & timeline_labels
    assert len({e.label for e in EVENTS}) == len(EVENTS)


def test_committed_events_contain_every_declared_event():
    events = load("events")
    mine = events[events["origin"] == "analysis.etl.transition_events"]
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


def test_events_rederive_with_declared_events(raw):
    frame = derive_events(raw, {})
    mine = frame[frame["origin"] == "analysis.etl.transition_events"]
    assert sorted(mine["label"]) == sorted(e.label for e in EVENTS)
    assert frame["event_id"].is_unique
