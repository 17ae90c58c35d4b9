"""The migration step: fiscal-year handling, citizenship grouping, Excel parsing, defects, known totals,
and the committed tables in data/migration."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from analysis.etl.published import PUBLISHED_COLUMNS

from analysis import load
from analysis.etl import DerivationError, to_csv_bytes
from analysis.etl import migration as m
from analysis.etl import migration_collected as mc

BY_NAME = {r.name: r for r in m.RESOURCES}
COLLECTED = {r.name: r for r in mc.RESOURCES}


# --------------------------------------------------------------------------- pure helpers

@pytest.mark.parametrize(
    ("fy", "month", "expected"),
    [(2019, "OCT", "2018-10-01"), (2019, "DEC", "2018-12-01"), (2019, "JAN", "2019-01-01"), (2019, "SEP", "2019-09-01"),
     (2000, "01 October", "1999-10-01"), (2025, "11 August", "2025-08-01"), (2024, "04 January", "2024-01-01")],
)
def test_fiscal_month_to_date(fy, month, expected):
    assert m.fiscal_month_to_date(fy, month) == pd.Timestamp(expected)


def test_fiscal_year_round_trip_over_a_whole_year():
    for month in m.MONTHS:
        assert m.fiscal_year_of(m.fiscal_month_to_date(2021, month)) == 2021


def test_unknown_month_is_refused():
    with pytest.raises(ValueError, match="not a month"):
        m.fiscal_month_to_date(2020, "13 Smarch")


@pytest.mark.parametrize(
    ("name", "group"),
    [("MEXICO", "Mexico"), ("Mexico", "Mexico"), ("EL SALVADOR", "El Salvador"), ("El  Salvador", "El Salvador"),
     ("GUATEMALA", "Guatemala"), ("Honduras", "Honduras"), ("VENEZUELA", "Other"), ("OTHER", "Other"),
     ("New Mexico", "Other"), ("Nicaragua", "Other")],
)
def test_citizenship_group(name, group):
    assert m.citizenship_group(name) == group


@pytest.mark.parametrize(("period", "kind"), [("FY2018", "U.S. fiscal year"), ("2017", "calendar year"),
                                               ("Jan 2019–Jan 2021", "date range"), ("FY2019-FY2021", "date range")])
def test_period_type(period, kind):
    assert m.period_type(period) == kind


# --------------------------------------------------------------------------- defects (synthetic files in tmp_path)

def _copy(raw: Path, tmp_path: Path, relative: str) -> Path:
    target = tmp_path / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(raw / relative, target)
    return target


def _write_sbo(tmp_path: Path, relative: str, rows: list[str]) -> None:
    target = tmp_path / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(",".join(m.SBO_COLUMNS) + "\n" + "\n".join(rows) + "\n", encoding="utf-8")


def test_sbo_bad_count_names_file_row_and_field(tmp_path):
    _write_sbo(tmp_path, m.SBO_22_25, ["2022,FYTD,OCT,U.S. Border Patrol,Single Adults,Mexico,Title 8,Apprehensions,12",
                                       "2022,FYTD,NOV,U.S. Border Patrol,Single Adults,Mexico,Title 8,Apprehensions,1x3"])
    with pytest.raises(DerivationError, match=r"sbo-encounters-fy22-fy25-aug\.csv, row 3, field 'Encounter Count'"):
        m.read_sbo(tmp_path, m.SBO_22_25)


def test_sbo_unknown_citizenship_group_is_refused(tmp_path):
    _write_sbo(tmp_path, m.SBO_22_25, ["2022,FYTD,OCT,U.S. Border Patrol,Single Adults,Venezuela,Title 8,Apprehensions,12"])
    with pytest.raises(DerivationError, match=r"row 2, field 'Citizenship Grouping'"):
        m.read_sbo(tmp_path, m.SBO_22_25)


def test_sbo_dates_and_remaps(tmp_path):
    _write_sbo(tmp_path, m.SBO_19_22, ["2019,FYTD,DEC,Office of Field Operations,UC / Single Minors,Honduras,Title 8,Inadmissibles,7.0",
                                       "2025 (FYTD),FYTD,AUG,U.S. Border Patrol,UAC,Other,Title 42,Expulsions,3"])
    frame = m.read_sbo(tmp_path, m.SBO_19_22)
    assert list(frame["date"]) == [pd.Timestamp("2018-12-01"), pd.Timestamp("2025-08-01")]
    assert list(frame["fiscal_year"]) == [2019, 2025]
    assert list(frame["demographic"]) == ["unaccompanied_children", "unaccompanied_children"]
    assert list(frame["component"]) == ["ofo", "usbp"]
    assert list(frame["encounters"]) == [7, 3]


def test_khsm_sheet_with_unrounded_value_is_refused(tmp_path):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Annual Region"
    sheet.append(["Fiscal\nYear", "Region", "Quantity"])
    sheet.append([2019, "Southwest Land Border", 851510])
    sheet.append([2020, "Southwest Land Border", 400655])
    target = tmp_path / m.KHSM
    target.parent.mkdir(parents=True)
    workbook.save(target)
    with pytest.raises(DerivationError, match=r"sheet 'Annual Region'.*row 3, field 'Quantity'.*rounded"):
        m.read_khsm_sheet(tmp_path, "Annual Region", ["Fiscal Year", "Region", "Quantity"])


def test_khsm_missing_sheet_and_bad_header(tmp_path):
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.title = "Annual Region"
    workbook.active.append(["Year", "Region", "Quantity"])
    target = tmp_path / m.KHSM
    target.parent.mkdir(parents=True)
    workbook.save(target)
    with pytest.raises(DerivationError, match="sheet 'Nope' not found"):
        m.read_khsm_sheet(tmp_path, "Nope", ["Fiscal Year", "Region", "Quantity"])
    with pytest.raises(DerivationError, match="row 1"):
        m.read_khsm_sheet(tmp_path, "Annual Region", ["Fiscal Year", "Region", "Quantity"])


def test_unexpected_sum_mismatch_in_nationality_table_is_refused(raw, tmp_path):
    for relative in (m.HIST_SW, m.HIST_NATIONWIDE, m.HIST_DEATHS):
        _copy(raw, tmp_path, relative)
    target = _copy(raw, tmp_path, m.HIST_MEXICAN)
    lines = target.read_text(encoding="utf-8").splitlines()
    number = next(i for i, line in enumerate(lines) if line.startswith("big bend,2019,"))
    lines[number] = "big bend,2019,9637,3431,6207"
    target.chmod(0o644)
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(DerivationError, match=r"other_than_mexico_apprehensions_2000_2019\.csv.*big bend"):
        m.derive_historical(tmp_path, {})


def test_published_not_found_rows_kept_empty_and_bad_url_refused(raw, tmp_path):
    header = ",".join(PUBLISHED_COLUMNS)
    rows = ["migration_asylum,x,US,FY2005,NOT FOUND,,,,,,,",
            "migration_asylum,y,US,2017,12,cases,final,P,D,https://example.org/a,e,",
            "trade_us_goods,z,US,2018,oops,,,,,,,"]
    (tmp_path / "published_figures.csv").write_text(header + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    frame = m.derive_published(tmp_path, {})
    assert list(frame["source_row"]) == [2, 3]
    assert pd.isna(frame.loc[0, "value"]) and frame.loc[0, "status"] == "not found"
    assert frame.loc[1, "value"] == 12 and frame.loc[1, "period_type"] == "calendar year"
    bad = rows[:1] + ["migration_asylum,y,US,2017,12,cases,final,P,D,ftp://example.org/a,e,"]
    (tmp_path / "published_figures.csv").write_text(header + "\n" + "\n".join(bad) + "\n", encoding="utf-8")
    with pytest.raises(DerivationError, match=r"row 3, field 'url'"):
        m.derive_published(tmp_path, {})


# --------------------------------------------------------------------------- raw files: known totals and re-derivation

@pytest.mark.parametrize("name", list(BY_NAME))
def test_rederivation_matches_committed_csv(raw, repo_root, name):
    resource = BY_NAME[name]
    frame = resource.derive(raw, {})
    assert to_csv_bytes(frame, resource) == (repo_root / "data" / resource.path).read_bytes()


def test_raw_historical_check_values(raw):
    frame = m.derive_historical(raw, {}).set_index("fiscal_year")
    assert frame.at[2019, "sw_apprehensions"] == 851_508
    assert frame.at[2018, "sw_apprehensions"] == 396_579
    assert frame.at[2019, "nationwide_apprehensions"] == 859_501
    assert frame.at[2017, "sw_apprehensions"] == 303_916
    assert frame.index.min() == 1925 and frame.index.max() == 2019


def test_raw_khsm_check_values(raw):
    region = m.derive_khsm_region(raw, {})
    sw = region[region["region"] == "Southwest Land Border"].set_index("fiscal_year")["encounters"]
    assert [sw[y] for y in range(2019, 2025)] == [851_510, 400_650, 1_659_210, 2_206_440, 2_045_840, 1_530_520]
    assert 2025 not in sw.index  # partial year left out
    citp = m.derive_khsm_citizenship(raw, {})
    get = citp.set_index(["fiscal_year", "citizenship"])["encounters"]
    assert get[(2019, "Mexico")] == 166_460 and get[(2021, "Mexico")] == 608_040
    assert get[(2019, "Guatemala")] == 264_170 and get[(2019, "Honduras")] == 253_800


def test_raw_sbo_check_values(raw):
    frame = m.derive_sbo_monthly(raw, {})
    by_fy = frame.groupby("fiscal_year")["encounters"].sum()
    assert by_fy[2019] == 977_509 and by_fy[2020] == 458_088 and by_fy[2021] == 1_734_686
    assert by_fy[2022] == 2_378_944 and by_fy[2023] == 2_475_669 and by_fy[2024] == 2_135_005
    mexico = frame[frame["citizenship"] == "Mexico"].groupby("fiscal_year")["encounters"].sum()
    assert mexico[2021] == 655_594 and mexico[2022] == 808_339
    assert frame.loc[frame["fiscal_year"] == 2022, "title_42"].sum() == 1_079_507
    usbp_t8_2019 = frame.loc[frame["fiscal_year"] == 2019, "usbp"].sum()
    assert usbp_t8_2019 == 851_508  # equals CBP's FY1960–2019 table


def test_raw_sbo_annual_by_component_and_authority(raw):
    frame = m.derive_sbo_annual(raw, {})
    assert len(frame) == 7 * 4  # FY2019–FY2025, every component × authority, zeros kept
    get = frame.set_index(["fiscal_year", "component", "authority"])["encounters"]
    # Border Patrol Title 8 apprehensions in FY2019 equal CBP's historical table: the two sources splice without a break.
    assert get[(2019, "U.S. Border Patrol", "Title 8")] == m.derive_historical(raw, {}).set_index("fiscal_year").at[2019, "sw_apprehensions"]
    assert get[(2021, "U.S. Border Patrol", "Title 42")] == 1_040_220 and get[(2024, "Office of Field Operations", "Title 8")] == 604_482
    assert frame.groupby("fiscal_year")["encounters"].sum().loc[2019:2024].tolist() == [977_509, 458_088, 1_734_686, 2_378_944,
                                                                                       2_475_669, 2_135_005]
    title_42 = frame[frame["authority"] == "Title 42"].groupby("fiscal_year")["encounters"].sum()
    assert title_42[2019] == 0 and title_42[2024] == 0 and title_42[2022] == 1_079_507
    status = frame.groupby("fiscal_year")[["months", "status"]].first()
    assert status.loc[2024].tolist() == [12, "complete fiscal year"]
    assert status.loc[2025].tolist() == [11, "partial fiscal year"]
    assert frame.loc[frame["fiscal_year"] == 2025, "last_month"].eq(pd.Timestamp("2025-08-01")).all()


def test_sbo_annual_agrees_with_monthly(raw):
    annual = m.derive_sbo_annual(raw, {}).groupby("fiscal_year")["encounters"].sum()
    monthly = m.derive_sbo_monthly(raw, {}).groupby("fiscal_year")["encounters"].sum()
    assert annual.equals(monthly)


def test_sbo_overlap_disagreement_is_refused(raw, tmp_path):
    _copy(raw, tmp_path, m.SBO_19_22)
    target = _copy(raw, tmp_path, m.SBO_22_25)
    lines = target.read_text(encoding="utf-8").splitlines()
    number = next(i for i, line in enumerate(lines) if line.startswith("2022") and line.endswith(",12"))
    lines[number] = lines[number][:-3] + ",13"
    target.chmod(0o644)
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(DerivationError, match="FY2022 rows differ"):
        m.derive_sbo_annual(tmp_path, {})


def test_raw_nationwide_state_aggregation(raw):
    frame = m.derive_nationwide_citizenship(raw, {})
    totals = frame.groupby("fiscal_year")["encounters"].sum()
    assert totals.to_dict() == {2020: 458_088, 2021: 1_734_686, 2022: 2_378_944, 2023: 2_475_669}
    get = frame.set_index(["fiscal_year", "citizenship"])["encounters"]
    assert get[(2021, "VENEZUELA")] == 48_678 and get[(2021, "HAITI")] == 47_255 and get[(2021, "CUBA")] == 38_674
    assert get[(2020, "MEXICO")] == 297_711


# --------------------------------------------------------------------------- committed tables (always run)

def test_committed_monthly_table_contract():
    frame = load("sw_border_encounters_monthly")
    assert set(frame["citizenship"]) == set(m.CITIZENSHIP_GROUPS)
    assert (frame["date"].dt.day == 1).all()
    assert (frame["date"].map(m.fiscal_year_of) == frame["fiscal_year"]).all()
    for parts in (["usbp", "ofo"], ["title_8", "title_42"], ["single_adults", "family_units", "unaccompanied_children", "accompanied_minors"]):
        assert (frame[parts].sum(axis=1) == frame["encounters"]).all(), parts
    assert frame["date"].min() == pd.Timestamp("2018-10-01")
    assert len(frame) == frame["date"].nunique() * 5
    # Title 42 expulsions only while the order was in force (March 2020 – May 2023).
    t42 = frame.groupby("date")["title_42"].sum()
    assert t42[t42 > 0].index.min() == pd.Timestamp("2020-03-01")
    assert t42[t42 > 0].index.max() == pd.Timestamp("2023-05-01")


def test_committed_monthly_totals():
    frame = load("sw_border_encounters_monthly")
    assert frame.loc[frame["fiscal_year"] == 2023, "encounters"].sum() == 2_475_669


def test_committed_historical_and_khsm_tables():
    hist = load("usbp_apprehensions_historical").set_index("fiscal_year")
    assert hist.at[2000, "nationwide_apprehensions"] == 1_676_438
    assert hist.at[2000, "nationwide_mexican_apprehensions"] == 1_636_883
    assert pd.isna(hist.at[1959, "sw_apprehensions"]) and hist.at[1960, "sw_apprehensions"] == 21_022
    citp = load("usbp_sw_citizenship_annual")
    assert set(citp["citizenship_group"]) == set(m.CITIZENSHIP_GROUPS)
    assert (citp["encounters"] % 10 == 0).all()
    family = load("usbp_sw_family_status_annual")
    assert family.groupby("fiscal_year").size().loc[2012:].eq(3).all()


def test_committed_published_table_keeps_both_sources():
    pub = load("migration_published_figures")
    mpp = pub[pub["indicator"].str.contains("MPP|Migrant Protection", regex=True)]
    assert {71000.0, 68000.0} <= set(mpp["value"])
    assert (pub.loc[pub["status"] == "not found", "value"].isna()).all()
    assert pub.loc[pub["value"].notna(), "source_url"].str.startswith("http").all()


def test_events_declared_with_urls(raw):
    from analysis.data.events import Label
    from analysis.etl.events import read_collected_events

    events = load("events")
    labels = ["Title 42 begins", "Title 42 ends", "Mexico reports Guard deployment", "MPP enrolments suspended"] + list(read_collected_events(raw, "collected/migration_events.csv")["label"])
    for label in labels:
        row = events[events["label"] == label]
        assert len(row) == 1, label
        assert row["source_url"].iloc[0].startswith("https://")
    assert events.loc[events["label"] == "Title 42 begins", "date"].iloc[0] == pd.Timestamp("2020-03-21")
    assert events.loc[events["label"] == "Title 42 ends", "date"].iloc[0] == pd.Timestamp("2023-05-11")
    assert events.loc[events["label"] == Label.MPP_2_ENDS, "date"].iloc[0] == pd.Timestamp("2022-08-08")
    assert events.loc[events["label"] == Label.CARAVAN_LEAVES_HONDURAS, "date_precision"].iloc[0] == "month"
    # no event declared here repeats one already in the timeline or another step (same date and label)
    assert not events.duplicated(["date", "label"]).any() and not events.duplicated(["label"]).any()



def test_committed_annual_encounters_contract():
    frame = load("sw_border_encounters_annual")
    assert frame.groupby("fiscal_year").size().eq(4).all()
    monthly = load("sw_border_encounters_monthly")
    assert frame.groupby("fiscal_year")["encounters"].sum().equals(monthly.groupby("fiscal_year")["encounters"].sum())
    months = monthly.groupby("fiscal_year")["date"].nunique()
    assert (frame.groupby("fiscal_year")["months"].first() == months).all()
    assert set(frame.loc[frame["months"] < 12, "status"]) == {"partial fiscal year"}


# --------------------------------------------------------------------------- collected figures and Mexico's enforcement series

def _collected(tmp_path: Path, rows: list[str]) -> Path:
    target = tmp_path / mc.COLLECTED_FILE
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(",".join(PUBLISHED_COLUMNS) + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return tmp_path


def test_collected_rederivation_matches_committed_csv(raw, repo_root):
    built = {"migration_published_figures": m.derive_published(raw, {})}
    for name, resource in COLLECTED.items():
        frame = resource.derive(raw, built)
        built[name] = frame
        assert to_csv_bytes(frame, resource) == (repo_root / "data" / resource.path).read_bytes(), name


def test_collected_unknown_topic_and_bad_value_name_file_row_and_field(tmp_path):
    raw = _collected(tmp_path, ["migration_policy,x,MX,2019,5,persons,final,P,D,https://example.org,e,",
                                "trade_us_goods,y,MX,2019,5,persons,final,P,D,https://example.org,e,"])
    with pytest.raises(DerivationError, match=r"migration_figures\.csv, row 3, field 'topic'"):
        mc.derive_collected(raw, {})
    raw = _collected(tmp_path, ["migration_policy,x,MX,2019,five,persons,final,P,D,https://example.org,e,"])
    with pytest.raises(DerivationError, match=r"migration_figures\.csv, row 2, field 'value'"):
        mc.derive_collected(raw, {})


def _enforcement_inputs(tmp_path: Path, rows: list[str]) -> tuple[Path, dict]:
    raw = _collected(tmp_path, rows)
    empty = m.published_rows(pd.DataFrame())
    return raw, {"migration_published_figures": empty, "migration_collected_figures": mc.derive_collected(raw, {})}


def test_enforcement_series_keep_definitions_apart(tmp_path):
    lodged = "foreigners in irregular status lodged ('alojadas') in INM stations"
    events = "events of people in irregular migration status (presented + channelled)"
    raw, built = _enforcement_inputs(tmp_path, [
        f"migration_mexico_enforcement,{lodged},Mexico,2019,10,events,final,INM,D,https://example.org/a,e,",
        f"migration_mexico_enforcement,{events},Mexico,2021,30,events,final,UPM,D,https://example.org/b,e,",
        f"migration_mexico_enforcement,\"{events}, full year\",Mexico,2020,NOT FOUND,events,,UPM,,,,searched",
        "migration_mexico_enforcement,events of people presented ('presentados') to INM,Mexico,2021,20,events,final,UPM,D,https://example.org/c,e,",
        "migration_mexico_enforcement,MPP count,Mexico,Jan 2019–Jan 2021,7,persons,final,P,D,https://example.org/d,e,",
    ])
    frame = mc.derive_enforcement_annual(raw, built)
    assert frame[["year", "series", "value"]].values.tolist() == [[2019, "inm_lodged", 10], [2021, "upm_irregular_events", 30]]
    assert set(frame["measure"]) == {mc.DETENTIONS}
    assert frame["origin"].tolist() == [f"{mc.COLLECTED_FILE} line 2", f"{mc.COLLECTED_FILE} line 3"]


def test_enforcement_unassigned_or_duplicated_figure_is_refused(tmp_path):
    raw, built = _enforcement_inputs(tmp_path, ["migration_mexico_enforcement,a new count,Mexico,2022,5,events,final,UPM,D,https://example.org,e,"])
    with pytest.raises(DerivationError, match=r"migration_figures\.csv, row 2, field 'indicator'.*belongs to no series"):
        mc.derive_enforcement_annual(raw, built)
    lodged = "foreigners in irregular status lodged ('alojadas') in INM stations"
    raw, built = _enforcement_inputs(tmp_path, [f"migration_mexico_enforcement,{lodged},Mexico,2019,10,events,final,INM,D,https://example.org/a,e,",
                                                f"migration_mexico_enforcement,{lodged},Mexico,2019,11,events,final,INM,D,https://example.org/b,e,"])
    with pytest.raises(DerivationError, match=r"row 3, field 'period'.*two figures for series 'inm_lodged' in 2019"):
        mc.derive_enforcement_annual(raw, built)


def test_committed_enforcement_series_known_values():
    frame = load("mexico_enforcement_annual")
    get = frame.set_index(["series", "year"])["value"]
    assert get[("upm_deportation_events", 2020)] == 60_315 and get[("upm_deportation_events", 2021)] == 114_366
    assert get[("inm_lodged", 2019)] == 179_971 and get[("upm_irregular_events", 2024)] == 1_234_698
    assert get[("receiving_countries", 2017)] == 72_185 and get[("inm_central_americans", 2017)] == 78_309
    detained = frame[frame["measure"] == mc.DETENTIONS].set_index("year")["series"]
    assert 2020 not in detained.index  # no full-year figure found; never filled
    assert set(detained.loc[:2019]) == {"inm_lodged"} and set(detained.loc[2021:]) == {"upm_irregular_events"}
    assert frame["source_url"].str.startswith("http").all()
    assert frame["year"].max() == 2024


def test_committed_collected_figures():
    frame = load("migration_collected_figures")
    guard = frame[frame["topic"] == "migration_national_guard"].set_index("indicator")["value"]
    assert guard["National Guard personnel Mexico said it would deploy to its southern border"] == 6_000
    assert guard["military and civilian personnel deployed to contain migration, total"] == 25_991
    fy2025 = frame[(frame["topic"] == "migration_border_encounters") & (frame["period"] == "FY2025")]
    assert fy2025["value"].tolist() == [237_565] and fy2025["status"].tolist() == ["preliminary"]
    assert (frame.loc[frame["status"] == "not found", "value"].isna()).all()
    assert frame.loc[frame["value"].notna(), "source_url"].str.startswith("http").all()
