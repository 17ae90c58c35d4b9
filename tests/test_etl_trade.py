"""Trade and remittance steps: re-derivation from raw files (with --raw) and the committed tables."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest

from analysis.data import load
from analysis.etl import DerivationError
from analysis.etl import remittances as remit_step
from analysis.etl import trade as step


def _annual(frame, partner, year, column):
    rows = frame[(frame["partner"] == partner) & (frame["date"].dt.year == year)]
    assert len(rows) == 12, f"{partner} {year}: {len(rows)} months"
    return rows[column].sum()


# --- committed tables (always run) -----------------------------------------------------------

def test_monthly_known_totals():
    monthly = load("us_trade_monthly")
    assert _annual(monthly, "Mexico", 2018, "exports_usd_mn") == pytest.approx(265_968.0, abs=0.1)
    assert _annual(monthly, "Mexico", 2018, "imports_usd_mn") == pytest.approx(343_680.5, abs=0.1)
    assert _annual(monthly, "Mexico", 2018, "balance_usd_mn") == pytest.approx(-77_712.5, abs=0.1)
    assert _annual(monthly, "Mexico", 2022, "imports_usd_mn") == pytest.approx(454_774.7, abs=0.1)
    assert _annual(monthly, "China", 2018, "imports_usd_mn") == pytest.approx(538_514.2, abs=0.1)
    assert _annual(monthly, "Canada", 2018, "exports_usd_mn") == pytest.approx(299_731.7, abs=0.1)
    assert _annual(monthly, "World", 2022, "exports_usd_mn") == pytest.approx(2_065_157.0, abs=0.1)
    april = monthly[(monthly["partner"] == "Mexico") & (monthly["date"] == "2020-04-01")].iloc[0]
    assert april["imports_usd_mn"] == pytest.approx(15_772.0, abs=0.1)
    assert april["exports_usd_mn"] == pytest.approx(12_381.1, abs=0.1)


def test_monthly_coverage_and_identities():
    monthly = load("us_trade_monthly")
    counts = monthly.groupby("partner").size().to_dict()
    # Jan 1985 – Oct 2023 = 466 months; World from Jan 1987 = 442; Nov–Dec 2023 (blank) are not rows.
    assert counts == {"Mexico": 466, "Canada": 466, "China": 466, "World": 442}
    assert monthly["date"].max() == pd.Timestamp("2023-10-01")
    assert (monthly["date"].dt.day == 1).all()
    assert (monthly["balance_usd_mn"] - (monthly["exports_usd_mn"] - monthly["imports_usd_mn"])).abs().max() < 1e-5
    assert (monthly["total_trade_usd_mn"] - (monthly["exports_usd_mn"] + monthly["imports_usd_mn"])).abs().max() < 1e-5
    wide = monthly.pivot(index="date", columns="partner", values="total_trade_usd_mn").dropna()
    assert (wide[["Mexico", "Canada", "China"]].sum(axis=1) < wide["World"]).all()


def test_published_tables_keep_gaps_and_versions():
    published = load("us_goods_trade_published")
    assert len(published) == 46
    china_2022 = published[(published["partner"] == "China") & (published["year"] == 2022) & (published["flow"] == "imports")]
    assert set(china_2022["status"]) == {"revised", "preliminary"}
    not_found = published[published["status"] == "not found"]
    assert len(not_found) == 4 and not_found["value_usd_mn"].isna().all()
    mexico_2023 = published[(published["partner"] == "Mexico") & (published["year"] == 2023) & (published["flow"] == "total trade")]
    assert mexico_2023["value_usd_mn"].item() == 798_834
    share = load("mexico_export_share_published").set_index("period")
    assert share.loc["2017", "share_pct"] == 81.5
    assert share.loc["2023-12", "scope"] == "non-oil exports"
    assert share.loc["2017", "scope"] == "not stated"
    assert pd.isna(share.loc["2015, 2018-2023", "share_pct"])


def test_remittances_known_totals():
    remit = load("remittances_monthly")
    year = remit["date"].dt.year
    inflows = remit.groupby(year)["remittances_usd_mn"].sum()
    assert inflows[2023] == pytest.approx(63_318.672201, abs=1e-3)
    assert inflows[2018] == pytest.approx(34_435.116483, abs=1e-3)
    # The sources README's "check values" (2018 35.18 bn, 2023 64.40 bn) are inflows + outflows.
    both = inflows + remit.groupby(year)["outflows_usd_mn"].sum()
    assert round(both[2018] / 1000, 2) == 35.18 and round(both[2023] / 1000, 2) == 64.40
    assert remit["outflows_usd_mn"][remit["date"] < "2013-01-01"].isna().all()
    assert remit["date"].min() == pd.Timestamp("1995-01-01") and len(remit) == 377


def test_trade_events_joined():
    events = load("events").set_index("label")
    for label, date in {"NAFTA in force": "1994-01-01", "Steel/aluminium tariffs on Mexico": "2018-06-01",
                        "Steel/aluminium tariffs lifted": "2019-05-17"}.items():
        assert events.loc[label, "date"] == pd.Timestamp(date)
        assert events.loc[label, "origin"] == "analysis.etl.trade"


# --- re-derivation from raw files (need --raw) -------------------------------------------------

def test_rederived_tables_match_committed(raw, repo_root):
    for resource in step.RESOURCES + remit_step.RESOURCES:
        from analysis.etl import to_csv_bytes
        fresh = to_csv_bytes(resource.derive(raw, {}), resource)
        assert fresh == (repo_root / "data" / resource.path).read_bytes(), resource.name


def _copy(raw, tmp_path, relative):
    target = tmp_path / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(raw / relative, target)
    return target


def test_blank_month_in_the_middle_is_an_error(raw, tmp_path):
    target = _copy(raw, tmp_path, step.MEXICO)
    lines = target.read_text().splitlines()
    lines[10] = ",".join(lines[10].split(",")[:3] + ["", ""])  # row 11: Oct 1985 blanked
    target.write_text("\n".join(lines) + "\n")
    with pytest.raises(DerivationError, match=r"row 11.*blank value before the last published month"):
        step._read_census(tmp_path, step.MEXICO)


def test_bad_number_and_missing_month_are_errors(raw, tmp_path):
    target = _copy(raw, tmp_path, step.MEXICO)
    original = target.read_text().splitlines()
    bad = list(original)
    bad[5] = bad[5].rsplit(",", 1)[0] + ",12x3"
    target.write_text("\n".join(bad) + "\n")
    with pytest.raises(DerivationError, match=r"row 6, field 'Exports'"):
        step._read_census(tmp_path, step.MEXICO)
    target.write_text("\n".join(original[:5] + original[6:]) + "\n")
    with pytest.raises(DerivationError, match="not consecutive"):
        step._read_census(tmp_path, step.MEXICO)


def test_remittance_defects_are_errors(raw, tmp_path):
    target = _copy(raw, tmp_path, remit_step.MONTHLY)
    lines = target.read_text().splitlines()
    lines[3] = lines[3].rsplit(",", 1)[0] + ",-5"
    target.write_text("\n".join(lines) + "\n")
    with pytest.raises(DerivationError, match=r"row 4, field 'VALOR_USD'"):
        remit_step.derive_remittances(tmp_path, {})
