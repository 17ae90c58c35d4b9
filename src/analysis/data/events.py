"""Lookups in the ``events`` resource shared by every chapter."""

from __future__ import annotations

import pandas as pd


def event_date(events: pd.DataFrame, label: str) -> pd.Timestamp:
    """Date of the single event labelled ``label``; a clear error if it is missing or ambiguous."""
    hits = events.loc[events["label"] == label, "date"]
    if len(hits) != 1:
        raise KeyError(f"events: expected exactly one event labelled {label!r}, found {len(hits)}")
    return pd.Timestamp(hits.iloc[0])
