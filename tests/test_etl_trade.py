"""Trade and remittance steps: re-derivation from raw files (with --raw) and the committed tables."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest

from analysis.data import load
from analysis.etl import DerivationError
from analysis.etl import remittances as remit_step
from analysis.etl import trade as step
from analysis.etl import trade_collected as collected_step
from analysis.etl import trade_fred as fred_step


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
    # 46 rows of published_figures.csv, 4 of them replaced by the collection's 25 rows
    assert len(published) == 46 - 4 + 25
    assert published["source_row"].notna().sum() == 42 and published["collected_row"].notna().sum() == 25
    assert (published["source_row"].isna() != published["collected_row"].isna()).all()
    china_2022 = published[(published["partner"] == "China") & (published["year"] == 2022) & (published["flow"] == "imports")]
    assert set(china_2022["status"]) == {"revised", "preliminary"}
    not_found = published[published["status"] == "not found"]
    assert len(not_found) == 8 and not_found["value_usd_mn"].isna().all()
    assert set(not_found.loc[not_found["year"] == 2025, "partner"]) == {"Mexico", "Canada", "China", "World"}
    mexico_2023 = published[(published["partner"] == "Mexico") & (published["year"] == 2023) & (published["flow"] == "total trade")]
    assert mexico_2023["value_usd_mn"].item() == 798_834
    rows = published.set_index(["partner", "year", "flow"])
    # the collection replaces the rounded 2024 figures for Mexico and says so
    assert rows.loc[("Mexico", 2024, "imports"), "value_usd_mn"] == 505_851 and not rows.loc[("Mexico", 2024, "imports"), "approximate"]
    assert "replaces published_figures.csv line 301 (506,000, www.freightwaves.com)" in rows.loc[("Mexico", 2024, "imports"), "note"]
    assert rows.loc[("World", 2024, "imports"), "value_usd_mn"] == 3_267_400 and rows.loc[("Mexico", 2023, "balance"), "value_usd_mn"] == -152_400
    # published identities hold where a source gives all three figures
    mexico_2024 = rows.loc[("Mexico", 2024, "exports"), "value_usd_mn"] - rows.loc[("Mexico", 2024, "imports"), "value_usd_mn"]
    assert mexico_2024 == pytest.approx(rows.loc[("Mexico", 2024, "balance"), "value_usd_mn"], abs=1)  # rounded to USD million
    assert rows.loc[("World", 2023, "exports"), "value_usd_mn"] + rows.loc[("World", 2023, "imports"), "value_usd_mn"] == rows.loc[("World", 2023, "total trade"), "value_usd_mn"]
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
                        "Steel/aluminium tariffs lifted": "2019-05-17", "Mexico's retaliatory tariffs": "2018-06-05",
                        "Section 301 tariffs on China": "2018-07-06", "Mexico's labour reform": "2019-05-01",
                        "Corn panel established": "2023-08-17", "First labour (RRM) panel": "2023-08-22",
                        "Corn panel rules for the U.S.": "2024-12-20"}.items():
        assert events.loc[label, "date"] == pd.Timestamp(date)
        assert events.loc[label, "origin"] == "collected/trade_events.csv"


# --- re-derivation from raw files (need --raw) -------------------------------------------------

def test_rederived_tables_match_committed(raw, repo_root):
    from analysis.etl import to_csv_bytes

    built = {}
    for resource in step.RESOURCES + remit_step.RESOURCES + collected_step.RESOURCES + fred_step.RESOURCES:
        built[resource.name] = resource.derive(raw, built)
        fresh = to_csv_bytes(built[resource.name], resource)
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


# --- the FRED import vintage (us_imports_monthly_fred) ------------------------------------------



def test_fred_vintage_equals_the_census_file_to_2020_and_is_kept_apart():
    fred = load("us_imports_monthly_fred")
    census = load("us_trade_monthly")
    merged = fred.merge(census[["date", "partner", "imports_usd_mn"]], on=["date", "partner"], how="left", suffixes=("", "_census"))
    early = merged[merged["date"] <= "2020-12-01"]
    assert len(early) == 2 * 432  # Jan 1985 – Dec 2020, Mexico and China
    assert (early["imports_usd_mn"] - early["imports_usd_mn_census"]).abs().max() < 1e-6
    assert (early["vs_census_file"] == "same value").all()
    # 2021 – Oct 2023: later Census revisions (PROVENANCE §5: Oct 2023 42,735.072144 vs 42,923.837073)
    oct_2023 = merged[(merged["partner"] == "Mexico") & (merged["date"] == "2023-10-01")].iloc[0]
    assert oct_2023["imports_usd_mn"] == pytest.approx(42_735.072144) and oct_2023["imports_usd_mn_census"] == pytest.approx(42_923.837073)
    assert oct_2023["vs_census_file"] == "revised since the Census file"
    later = merged[merged["date"] > census["date"].max()]
    assert later["imports_usd_mn_census"].isna().all() and (later["vs_census_file"] == "after the Census file").all()
    # the newer vintage is not spliced into the Census table
    assert census["date"].max() == pd.Timestamp("2023-10-01")


def test_fred_known_totals_and_coverage():
    fred = load("us_imports_monthly_fred")
    last = fred.groupby("partner")["date"].max().to_dict()
    assert last == {"China": pd.Timestamp("2025-12-01"), "Mexico": pd.Timestamp("2026-07-01")}
    assert set(fred.groupby("partner")["vintage"].nunique()) == {1}
    year = fred["date"].dt.year
    sums = fred.groupby(["partner", year])["imports_usd_mn"].sum()
    # check values of trade/PROVENANCE.md §5–6 (sums of 12 months, USD million)
    for (partner, y), expected in {("Mexico", 2019): 356_093.6, ("Mexico", 2023): 472_898.7, ("Mexico", 2024): 503_110.1,
                                   ("Mexico", 2025): 534_314.9, ("China", 2019): 449_110.7, ("China", 2024): 438_742.0,
                                   ("China", 2025): 308_379.7}.items():
        assert sums[(partner, y)] == pytest.approx(expected, abs=0.1), (partner, y)
    assert sums[("Mexico", 2026)] == pytest.approx(358_707.0, abs=0.1)  # January – July only


def _fred_with_line(raw, tmp_path, starts: str, text: str) -> tuple:
    """A copy of the IMPMX file whose line starting with ``starts`` reads ``text``; (path, 1-based row)."""
    target = _copy(raw, tmp_path, fred_step.IMPMX)
    lines = target.read_text().splitlines()
    index = next(i for i, line in enumerate(lines) if line.startswith(starts))
    lines[index] = text
    target.write_text("\n".join(lines) + "\n")
    return target, index + 1


def test_fred_defects_are_errors(raw, tmp_path):
    _, row = _fred_with_line(raw, tmp_path, "1985-04-01,", "1985-04-01,12x4")
    with pytest.raises(DerivationError, match=rf"row {row}, field 'IMPMX'"):
        fred_step._read_fred(tmp_path, fred_step.IMPMX)


def test_fred_must_agree_with_the_census_file_before_2021(raw, tmp_path):
    target, row = _fred_with_line(raw, tmp_path, "2018-06-01,", "2018-06-01,99999.0")
    census = step.derive_monthly(raw, {})
    table = fred_step._read_fred(tmp_path, fred_step.IMPMX)
    with pytest.raises(DerivationError, match=rf"row {row}, field 'IMPMX'.*2018-06.*must agree to December 2020"):
        fred_step.compare_with_census(table, census, target)


# --- the project's collection (collected/trade_figures.csv) ------------------------------------

def test_collected_shares_ranks_policy_and_fdi():
    shares = load("us_trade_shares_published").set_index(["partner", "year", "measure"])["value"]
    assert shares[("Mexico", 2023, "share of U.S. goods imports")] == 15.4 and shares[("China", 2024, "share of U.S. goods imports")] == 13.4
    assert shares[("Mexico", 2024, "rank among U.S. goods trading partners")] == 1
    assert shares[("Mexico", 2024, "rank among U.S. goods export markets")] == 2
    # the published 2024 shares follow from the published totals (K2/Wyoming: imports from Mexico / world imports)
    published = load("us_goods_trade_published").set_index(["partner", "year", "flow"])["value_usd_mn"]
    for partner in ("Mexico", "China", "Canada"):
        computed = 100 * published[(partner, 2024, "imports")] / published[("World", 2024, "imports")]
        assert round(computed, 1) == shares[(partner, 2024, "share of U.S. goods imports")], partner
    policy = load("trade_policy_published").set_index("measure")
    assert policy.loc["usmca_auto_rvc", "value"] == 75 and policy.loc["nafta_auto_rvc", "value"] == 62.5
    lvc = policy.loc["usmca_auto_lvc"]
    assert pd.isna(lvc["value"]) and (lvc["value_low"], lvc["value_high"]) == (40, 45) and lvc["value_text"] == "40–45"
    assert policy.loc["retaliation_value", "value"] == 3000 and policy.loc["retaliation_value", "status"] == "unspecified"
    assert policy.loc["section_232_steel_rate", "date"] == pd.Timestamp("2018-06-01")
    rrm = load("trade_policy_published").query("measure == 'rrm_requests'").set_index("date")["value"]
    assert rrm.to_dict() == {pd.Timestamp("2022-07-21"): 5, pd.Timestamp("2024-04-05"): 22}
    fdi = load("mexico_fdi_published").set_index(["year", "measure", "status"])["value"]
    assert fdi[(2018, "inflows", "preliminary")] == 31_604.3 and fdi[(2024, "inflows", "preliminary")] == 36_872
    assert fdi[(2019, "inflows", "revised")] == 34_411 and fdi[(2022, "extraordinary operations", "preliminary")] == 6_875
    first = load("mexico_fdi_published").query("measure == 'inflows' and status == 'preliminary'")
    assert first["year"].tolist() == list(range(2018, 2025))


def test_collected_defects_are_errors(raw, tmp_path):
    target = _copy(raw, tmp_path, collected_step.COLLECTED)
    text = target.read_text(encoding="utf-8")
    target.write_text(text.replace("USMCA wage floor for the labour value content", "USMCA wage floor (reworded)"), encoding="utf-8")
    with pytest.raises(DerivationError, match=r"trade_figures.csv, row \d+, field 'indicator'.*has no measure"):
        collected_step.derive_policy(tmp_path, {})
    target.write_text(text.replace("2018-06-01,25,% ad valorem", "June 2018,25,% ad valorem"), encoding="utf-8")
    with pytest.raises(DerivationError, match=r"row \d+, field 'period'.*not a date"):
        collected_step.derive_policy(tmp_path, {})
    target.write_text(text.replace("Mexico,2024,2,rank", "Mexico,2024,2,% of U.S. goods exports"), encoding="utf-8")
    with pytest.raises(DerivationError, match=r"field 'unit'"):
        collected_step.derive_shares(tmp_path, {})


def test_collected_row_with_a_published_key_twice_is_an_error(raw, tmp_path):
    for relative in (step.COLLECTED, "published_figures.csv"):
        _copy(raw, tmp_path, relative)
    target = tmp_path / step.COLLECTED
    lines = target.read_text(encoding="utf-8").splitlines()
    target.write_text("\n".join([*lines, lines[1]]) + "\n", encoding="utf-8")  # row 2 again, as the last line
    with pytest.raises(DerivationError, match=rf"trade_figures.csv, row {len(lines) + 1}: two rows for the same partner"):
        step.derive_published_trade(tmp_path, {})
