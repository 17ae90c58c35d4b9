"""Derivation of the security tables: against the raw files (with --raw) and the committed tables in data/."""

from __future__ import annotations

import bz2
import shutil
from pathlib import Path

import pandas as pd
import pytest

from analysis import load
from analysis.etl import DerivationError
from analysis.etl import security as step
from analysis.etl import security_published
from analysis.etl import states, worldbank

RESOURCE_NAMES = [r.name for r in step.RESOURCES]
PUBLISHED_NAMES = [r.name for r in security_published.RESOURCES]


@pytest.fixture(scope="module")
def built(raw) -> dict:
    return {"country_indicators": worldbank.derive_indicators(raw, {}), "states": states.derive_states(raw, {})}


def _copy_raw(raw: Path, tmp_path: Path, relative: str) -> Path:
    """A raw folder in tmp_path whose ``relative`` file is a writable copy (the others are links)."""
    for folder in ("security", "economy_panel", "collected"):
        (tmp_path / folder).mkdir(exist_ok=True)
    for path in [Path(step.PUBLISHED), Path(step.COLLECTED_FIGURES), Path(step.VALLE), Path(step.SESNSP), Path(step.GARGIULO), Path(step.CDC),
                 Path(step.DATAHUB_CPI), Path(step.VSRR)]:
        target = tmp_path / path
        if str(path) == relative:
            shutil.copyfile(raw / path, target)
        else:
            target.symlink_to(raw / path)
    return tmp_path / relative


def _edit_raw(raw: Path, tmp_path: Path, relative: str, old: str, new: str) -> None:
    """Replace ``old`` by ``new`` on the first line of a copied raw file that holds it."""
    target = _copy_raw(raw, tmp_path, relative)
    lines = target.read_text(encoding="utf-8").splitlines(keepends=True)
    row = next(i for i, line in enumerate(lines) if old in line)
    lines[row] = lines[row].replace(old, new)
    target.write_text("".join(lines), encoding="utf-8")


# ----------------------------------------------------------------- derivation from raw files
def test_sesnsp_national_totals_match_check_values(raw, built):
    victims = step.derive_sesnsp(raw, built)
    totals = victims.groupby(["year", "crime"])["victims"].sum()
    # Check values (sources README): cve_ent 00, genero Total, Homicidio doloso summed over modalidad.
    assert totals[(2018, "homicidio doloso")] == 33_742
    assert totals[(2019, "homicidio doloso")] == 34_723
    assert totals[(2020, "homicidio doloso")] == 34_569
    assert totals[(2023, "homicidio doloso")] == 29_721
    assert totals[(2019, "feminicidio")] == 970
    assert victims["year"].max() == 2024 and victims["year"].min() == 2015
    assert len(victims) == 10 * 32 * 2


def test_sesnsp_sums_all_four_modalities_of_total_rows(raw, built):
    table = pd.read_csv(raw / step.SESNSP, compression="bz2", dtype="string", keep_default_na=False)
    rows = table[(table["n_year"] == "2019") & (table["cve_ent"] == "11") & (table["subtipo_de_delito"] == "Homicidio doloso") & (table["genero"] == "Total")]
    assert len(rows) == 4  # con arma de fuego, con arma blanca, con otro elemento, no especificado
    victims = step.derive_sesnsp(raw, built)
    got = victims[(victims["year"] == 2019) & (victims["state_code"] == "11") & (victims["crime"] == "homicidio doloso")]["victims"].item()
    assert got == rows["n_victimas"].astype(int).sum()


def test_sesnsp_refuses_states_that_do_not_add_up_to_the_national_row(raw, built, tmp_path):
    target = _copy_raw(raw, tmp_path, step.SESNSP)
    table = pd.read_csv(raw / step.SESNSP, compression="bz2", dtype="string", keep_default_na=False)
    hit = (table["n_year"] == "2018") & (table["cve_ent"] == "09") & (table["subtipo_de_delito"] == "Homicidio doloso") & (table["genero"] == "Total") & (table["modalidad"] == "Con arma de fuego")
    table.loc[hit, "n_victimas"] = str(int(table.loc[hit, "n_victimas"].item()) + 1)
    target.write_bytes(bz2.compress(table.to_csv(index=False).encode()))
    with pytest.raises(DerivationError, match="sum of states differs from the national row"):
        step.derive_sesnsp(tmp_path, built)


def test_inegi_national_joins_compiled_and_published_values(raw, built):
    national = step.derive_national(raw, built).set_index("year")
    assert national.loc[2016, "homicides"] == 24_559 and national.loc[2011, "homicides"] == 27_213  # check values
    assert national.index.min() == 1990 and national.index.max() == 2024
    # 2017: the preliminary 31,174 was revised to 32,079; both are kept.
    assert national.loc[2017, ["homicides", "homicides_preliminary", "revision"]].tolist() == [32_079, 31_174, 905]
    assert national.loc[2017, "status"] == "final"
    assert national.loc[2022, "homicides"] == 33_287 and national.loc[2022, "homicides_preliminary"] == 32_223
    # 2024: INEGI's definitive figure (November 2025) revises the preliminary 33,241.
    assert national.loc[2024, ["homicides", "homicides_preliminary", "revision", "status"]].tolist() == [33_550, 33_241, 309, "final"]
    assert national.loc[2024, "rate_published"] == 25.8
    assert national.loc[2018, "rate_published"] == 29.3
    # Revisions from preliminary to final (the review's check values): about a thousand deaths in 2022 and 2023.
    assert national.loc[2017:2024, "revision"].tolist() == [905, 721, 185, 194, 75, 1_064, 1_190, 309]


def test_collected_rows_replace_the_same_figure_from_a_weaker_source(raw, built):
    national = step.derive_national(raw, built).set_index("year")
    assert national.loc[2021, ["homicides", "status"]].tolist() == [35_700, "final"]
    assert national.loc[2021, "source_url"] == "http://puntomedio.mx/?p=667121"  # a written wire report, not the TV transcript
    cpi = step.derive_cpi(raw, built).set_index("year")
    assert cpi.loc[2019, "score"] == 29 and cpi.loc[2019, "source_url"].startswith("https://www.transparency.org.ro/")
    assert cpi.loc[2019, "rank"] == 130  # the rank still comes from the press row
    merida = step.derive_merida(raw, built).set_index(["first_fiscal_year", "last_fiscal_year", "kind"])
    assert merida.loc[(2008, 2008, "appropriation"), "source_url"].startswith("https://www.everycrsreport.com/files/20090821_R40135")
    homicides = step.read_published_figures(raw, "security_homicides")
    assert homicides["source_file"].value_counts().to_dict() == {step.PUBLISHED: 29, step.COLLECTED_FIGURES: 3}


def test_rate_uses_world_bank_population(raw, built):
    national = step.derive_national(raw, built).set_index("year")
    assert national.loc[2018, "population"] == 124_573_711  # check value, worldbank_population.csv
    assert national.loc[2018, "rate_per_100k"] == round(36_685 / 124_573_711 * 100_000, 2) == 29.45


def test_duplicate_identical_published_rows_are_kept_once(raw, tmp_path):
    target = _copy_raw(raw, tmp_path, step.PUBLISHED)
    lines = target.read_text(encoding="utf-8").splitlines(keepends=True)
    assert ",2017,31174," in lines[1]
    target.write_text("".join(lines + [lines[1]]), encoding="utf-8")
    homicides = step.read_published_figures(tmp_path, "security_homicides")
    prelim_2017 = homicides[(homicides["period"] == "2017") & (homicides["status"] == "preliminary") & (homicides["indicator"] == step.HOMICIDE_COUNT)]
    assert len(prelim_2017) == 1


def test_conflicting_published_values_are_refused(raw, tmp_path):
    target = _copy_raw(raw, tmp_path, step.PUBLISHED)
    lines = target.read_text(encoding="utf-8").splitlines(keepends=True)
    target.write_text("".join(lines + [lines[1].replace(",2017,31174,", ",2017,31175,")]), encoding="utf-8")
    with pytest.raises(DerivationError, match=r"row 2, field 'value': two different values"):
        step.read_published_figures(tmp_path, "security_homicides")


@pytest.mark.parametrize("relative, old, new, message", [
    (step.PUBLISHED, ",2017,31174,", ",2017,about 31k,", r"published_figures.csv, row 2, field 'value': value 'about 31k' is neither a number"),
    # A bad row of the project's collection names that file, not the collectors'.
    (step.COLLECTED_FIGURES, ",2024,33550,", ",2024,thirty-three thousand,", r"collected/security_figures.csv, row 2, field 'value'"),
    # The collection may replace a figure's source, never its value.
    (step.COLLECTED_FIGURES, ",2021,35700,", ",2021,35701,",
     r"field 'value': two different values for 'homicides \(defunciones por homicidio\), count' 2021 \(final\)"),
])
def test_bad_published_values_name_file_row_and_field(raw, tmp_path, relative, old, new, message):
    _edit_raw(raw, tmp_path, relative, old, new)
    with pytest.raises(DerivationError, match=message):
        step.read_published_figures(tmp_path, "security_homicides")


def test_not_found_rows_stay_missing(raw, built):
    cpi = step.derive_cpi(raw, built).set_index("year")
    assert pd.isna(cpi.loc[2016, "countries_ranked"])  # published as NOT FOUND
    merida = step.derive_merida(raw, built)
    assert len(merida) == 5  # the NOT FOUND per-year row is not turned into numbers
    figures = security_published.derive_figures(raw, built)
    missing = figures[figures["status"] == "not found"]
    assert missing["value"].isna().all() and (missing["value_text"] == "NOT FOUND").all()
    assert {("drugs_poppy", "2022"), ("drugs_poppy", "2023"), ("corruption_cpi", "2016")} <= set(zip(missing["topic"], missing["period"]))


def test_sesnsp_rates_sum_the_files_rates_over_modalities(raw, built):
    victims = step.derive_sesnsp(raw, built).set_index(["year", "state_code", "crime"])
    table = pd.read_csv(raw / step.SESNSP, compression="bz2", dtype="string", keep_default_na=False)
    rows = table[(table["n_year"] == "2024") & (table["cve_ent"] == "06") & (table["subtipo_de_delito"] == "Homicidio doloso") & (table["genero"] == "Total")]
    assert victims.loc[(2024, "06", "homicidio doloso"), "rate_per_100k"] == round(rows["n_victimas_x100khab"].astype(float).sum(), 2) == 109.92
    assert victims.loc[(2024, "06", "homicidio doloso"), "victims"] == 838  # Colima, check value
    # Feminicidio rates are per inhabitant too (not per woman): the same state population underlies both crimes.
    year = table[(table["n_year"] == "2024") & (table["cve_ent"] != "00") & (table["n_victimas"] != "0")
                 & (((table["subtipo_de_delito"] == "Homicidio doloso") & (table["genero"] == "Total"))
                    | ((table["subtipo_de_delito"] == "Feminicidio") & (table["genero"] == "Mujer")))]
    population = (year["n_victimas"].astype(int) / year["n_victimas_x100khab"].astype(float) * 1e5).groupby(year["cve_ent"])
    assert len(population) == 32 and ((population.max() / population.min() - 1).abs() < 1e-6).all()


def test_kidnapping_victims(raw, built):
    kidnapping = step.derive_kidnapping(raw, built)
    totals = kidnapping.groupby("year")["victims"].sum()
    assert totals.tolist() == [1_312, 1_381, 1_390, 1_560, 1_629, 1_047, 816, 724, 844, 908]  # 2015–2024, cve_ent 00 check values
    assert set(kidnapping["modality"]) == set(step.KIDNAPPING_MODALITIES)
    assert len(kidnapping) == 10 * 32 * 5


def test_kidnapping_refuses_states_that_do_not_add_up(raw, built, tmp_path):
    target = _copy_raw(raw, tmp_path, step.SESNSP)
    table = pd.read_csv(raw / step.SESNSP, compression="bz2", dtype="string", keep_default_na=False)
    hit = (table["n_year"] == "2021") & (table["cve_ent"] == "15") & (table["modalidad"] == "Secuestro extorsivo") & (table["genero"] == "Total")
    table.loc[hit, "n_victimas"] = str(int(table.loc[hit, "n_victimas"].item()) + 1)
    target.write_bytes(bz2.compress(table.to_csv(index=False).encode()))
    with pytest.raises(DerivationError, match=r"secuestro: sum of states differs from the national row \(cve_ent 00\) in \[2021\]"):
        step.derive_kidnapping(tmp_path, built)


def test_provisional_overdoses(raw, built):
    frame = step.derive_overdoses_provisional(raw, built).set_index(["period_end", "measure"])
    assert len(frame) == 24
    # Check values (PROVENANCE.md, 'Added later'): reported / predicted.
    assert frame.loc[(pd.Timestamp("2024-12-01"), "deaths_all_drugs"), ["reported", "predicted"]].tolist() == [80_856, 81_711]
    assert frame.loc[(pd.Timestamp("2024-09-01"), "deaths_all_drugs"), ["reported", "predicted"]].tolist() == [87_652, 88_948]
    assert frame.loc[(pd.Timestamp("2019-12-01"), "deaths_synthetic_opioids"), "reported"] == 36_603
    assert frame.loc[(pd.Timestamp("2024-12-01"), "deaths_synthetic_opioids"), "reported"] == 48_661
    underreported = frame[frame["underreported"]].index.get_level_values("period_end")
    assert sorted(set(underreported)) == [pd.Timestamp("2024-09-01"), pd.Timestamp("2024-12-01"), pd.Timestamp("2025-04-01")]
    assert (frame["status"] == "provisional").all()


def test_provisional_overdoses_refuse_a_count_that_is_not_a_number(raw, built, tmp_path):
    _edit_raw(raw, tmp_path, step.VSRR, '"70,699"', '"70.699"')
    with pytest.raises(DerivationError, match=r"row 4, field 'Data Value': Data Value '70.699' is not a count"):
        step.derive_overdoses_provisional(tmp_path, built)


def test_events_collected_for_the_security_chapter(raw):
    import re

    from analysis.data.events import all_labels
    from analysis.etl.published import TIMELINE, URL_PATTERN

    from analysis.etl.events import LABELS, read_collected_events

    declared = list(read_collected_events(raw, "collected/security_events.csv").itertuples(index=False))
    timeline = pd.read_csv(raw / TIMELINE, dtype="string")
    assert len(declared) == len({event.label for event in declared}) == 33
    for event in declared:
        assert event.label in all_labels() and re.match(URL_PATTERN, event.url)
        assert event.label not in LABELS.values()  # not one of the timeline's events under another date
        assert event.url not in set(timeline["url"])  # nor a timeline row copied with its source


def test_gargiulo_state_month_totals(raw, built):
    monthly = step.derive_state_monthly(raw, built)
    year = monthly["date"].dt.year
    assert monthly.groupby(year)["homicides"].sum().loc[[2019, 2020, 2022]].tolist() == [35_274, 35_787, 31_048]
    assert monthly[(year == 2020) & (monthly["state_code"] == "11")]["homicides"].sum() == 5_155
    assert monthly[(year == 2021) & (monthly["state_code"] == "02")]["homicides"].sum() == 3_192
    assert len(monthly) == 8_832 and (monthly["date"].dt.day == 1).all()


def test_gargiulo_bad_state_code_names_row_and_field(raw, built, tmp_path):
    target = _copy_raw(raw, tmp_path, step.GARGIULO)
    lines = target.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[4] = "33" + lines[4][2:]
    target.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(DerivationError, match=r"row 5, field 'cve_ent'"):
        step.derive_state_monthly(tmp_path, built)


def test_overdoses_cdc_rates_and_published_counts(raw, built):
    frame = step.derive_overdoses(raw, built).set_index(["year", "measure"])["value"]
    assert frame[(2018, "rate_synthetic_opioids")] == 9.9 and frame[(2013, "rate_synthetic_opioids")] == 1.0  # check values
    assert frame[(2018, "rate_all_drugs")] == 20.7
    assert frame[(2022, "deaths_all_drugs")] == 107_941 and frame[(2022, "rate_synthetic_opioids")] == 22.7
    assert (2023, "deaths_synthetic_opioids") not in frame.index  # excluded: not a CDC publication
    assert (2020, "deaths_synthetic_opioids") not in frame.index  # not found: stays missing


def test_published_rates_agree_with_cdc_table_where_both_exist(raw):
    cdc = step.read_cdc(raw).set_index(["year", "measure"])["value"]
    published = step.read_published_figures(raw, "drugs_overdose_us")
    rates = published[published["indicator"].map(step.PUBLISHED_MEASURES).str.startswith("rate")]
    differences = {}
    for record in rates.to_dict("records"):
        year, measure = int(record["period"]), step.PUBLISHED_MEASURES[record["indicator"]]
        if year <= step.CDC_LAST_YEAR and cdc[(year, measure)] != record["value"]:
            differences[(year, measure)] = (cdc[(year, measure)], record["value"])
    assert differences == {(2016, "rate_all_drugs"): (19.8, 19.9)}  # the later NCHS table revised 2016 by 0.1


def test_cpi_scales_and_cross_checks(raw, built):
    cpi = step.derive_cpi(raw, built).set_index("year")
    assert (cpi.loc[:2011, "scale"] == "0-10").all() and (cpi.loc[2012:, "scale"] == "0-100").all()
    assert cpi.loc[2017, ["score", "rank", "countries_ranked"]].tolist() == [29, 135, 180]
    # The datahub file carries 2012–2017 on the 0–10 scale: it agrees with the published scores.
    datahub = step.read_datahub_cpi(raw).set_index("year")["score"]
    for year in range(2012, 2018):
        assert round(datahub[year] * 10) == cpi.loc[year, "score"]
    # OWID agrees except 2015 (31 there, 35 in TI's release and in the datahub file).
    owid = pd.read_csv(raw / step.OWID_CPI)
    owid = owid[owid["Entity"] == "Mexico"].set_index("Year").iloc[:, -1]
    assert owid[2018] == 28  # check value
    assert [y for y in owid.index if owid[y] != cpi.loc[y, "score"]] == [2015]


def test_poppy_and_merida(raw, built):
    poppy = step.derive_poppy(raw, built).set_index(["year", "measure", "estimator"])["value"]
    assert poppy[(2017, "cultivation", "ONDCP")] == 44_100 and poppy[(2017, "cultivation", "Government of Mexico")] == 30_600
    assert poppy[(2021, "potential_pure_heroin", "ONDCP")] == 72
    merida = step.derive_merida(raw, built).set_index(["first_fiscal_year", "last_fiscal_year", "kind"])["usd_mn"]
    assert merida[(2008, 2008, "appropriation")] + merida[(2009, 2009, "appropriation")] == merida[(2008, 2009, "cumulative")] == 1_120


@pytest.mark.parametrize("name", RESOURCE_NAMES + PUBLISHED_NAMES)
def test_committed_tables_equal_a_fresh_derivation(raw, built, name):
    from analysis.etl import to_csv_bytes
    from analysis.data import resource_path

    resource = next(r for r in step.RESOURCES + security_published.RESOURCES if r.name == name)
    frame = resource.derive(raw, built)
    assert to_csv_bytes(frame, resource) == resource_path(name).read_bytes()


# ----------------------------------------------------------------- committed tables (always run)
def test_committed_national_series():
    national = load("homicides_national_annual").set_index("year")
    assert national.index.tolist() == list(range(1990, 2025))
    assert national.loc[2018, "homicides"] == 36_685
    assert (national.loc[:2016, "homicides_preliminary"].isna()).all()
    final = national[national["status"] == "final"].dropna(subset=["homicides_preliminary"])
    assert (final["revision"] == final["homicides"] - final["homicides_preliminary"]).all()
    assert ((national["rate_per_100k"] - national["homicides"] / national["population"] * 1e5).abs() < 0.006).all()


def test_committed_state_tables():
    victims = load("homicide_victims_state_annual")
    assert victims.groupby("year")["state_code"].nunique().eq(32).all()
    assert victims[(victims["year"] == 2018) & (victims["crime"] == "homicidio doloso")]["victims"].sum() == 33_742
    monthly = load("homicides_state_monthly")
    assert monthly["date"].min() == pd.Timestamp("2000-01-01") and monthly["date"].max() == pd.Timestamp("2022-12-01")
    assert monthly[monthly["date"].dt.year == 2019]["homicides"].sum() == 35_274


def test_committed_published_tables():
    cpi = load("cpi_mexico_annual").set_index("year")
    assert cpi.loc[2012, "rank"] == 105 and cpi.loc[2024, "score"] == 26
    overdoses = load("overdose_deaths_us_annual")
    assert set(overdoses["measure"]) == set(step.MEASURE_UNITS)
    assert overdoses[(overdoses["year"] == 2023) & (overdoses["measure"] == "deaths_all_drugs")]["value"].item() == 105_007
    poppy = load("poppy_mexico_annual")
    assert poppy[(poppy["estimator"] == "ONDCP") & (poppy["measure"] == "cultivation")]["year"].tolist() == list(range(2012, 2022))
    merida = load("merida_appropriations")
    assert merida["approximate"].sum() == 2


# ----------------------------------------------------------------- further published figures (security_published)
def test_assistance_figures(raw, built):
    frame = security_published.derive_assistance(raw, built).set_index(["first_fiscal_year", "last_fiscal_year", "kind"])
    assert frame.loc[(2008, 2010, "cumulative"), "usd_mn"] == 1_500 and frame.loc[(2008, 2010, "cumulative"), "approximate"]
    assert frame.loc[(2000, 2006, "annual average"), ["usd_mn", "source_type"]].tolist() == [57, "U.S. government"]
    assert frame.loc[(2022, 2022, "appropriation"), "source_type"] == "press"
    assert frame.loc[(2008, 2014, "cumulative"), "source_type"] == "secondary analysis"
    # Only one span is in both tables, with two different figures: CRS's April 2010 total predates the FY2010
    # supplemental, the August 2010 total includes it.
    merida = step.derive_merida(raw, built).set_index(["first_fiscal_year", "last_fiscal_year", "kind"])
    assert set(frame.index) & set(merida.index) == {(2008, 2010, "cumulative")}
    assert (merida.loc[(2008, 2010, "cumulative"), "usd_mn"], frame.loc[(2008, 2010, "cumulative"), "usd_mn"]) == (1_300, 1_500)


def test_unodc_surveys_are_kept_apart_from_ondcp(raw, built):
    unodc = security_published.derive_unodc(raw, built).set_index(["survey", "measure"])
    assert unodc.loc[("2014-2015", "cultivation"), ["value_low", "value_high"]].tolist() == [21_500, 24_800]
    assert pd.isna(unodc.loc[("2014-2015", "cultivation"), "value"])
    assert unodc.xs("cultivation", level="measure")["value"].dropna().tolist() == [25_200, 30_600, 28_000, 21_500, 24_100]
    assert unodc.loc[("2019-2020", "potential_dry_opium_gum"), ["value", "unit"]].tolist() == [504, "metric tons"]
    # The Mexican government's '2017' figure in poppy_mexico_annual is the 2016-2017 survey.
    poppy = step.derive_poppy(raw, built)
    assert poppy[poppy["estimator"] == "Government of Mexico"]["value"].item() == unodc.loc[("2016-2017", "cultivation"), "value"]


def test_published_figures_and_gaps(raw, built):
    figures = security_published.derive_figures(raw, built)
    assert set(security_published.OTHER) <= set(figures["topic"])
    assert (figures[~figures["topic"].isin(security_published.OTHER)]["status"] == "not found").all()
    homicide_sum = figures[figures["topic"] == "security_homicides_cumulative"]["value"].item()
    national = step.derive_national(raw, built).set_index("year")
    assert homicide_sum == national.loc[2019:2024, "homicides"].sum() == 208_223  # the press sum matches the annual figures
    kinds = dict(zip(figures["period"], figures["period_type"]))
    assert kinds["FY2010"] == "U.S. fiscal year" and kinds["Dec 2018"] == "month" and kinds["1 Dec 2018–2 Sep 2024"] == "date range"
    assert kinds["2020-2021 and later"] == "survey year (July–June)"
    groups = figures[figures["topic"] == "security_criminal_groups"].set_index("period")
    assert groups.loc["c. 2015", "value_text"] == "9-20" and pd.isna(groups.loc["c. 2015", "value"])


def test_collected_topic_without_a_table_is_refused(raw, built, tmp_path):
    target = _copy_raw(raw, tmp_path, step.COLLECTED_FIGURES)
    lines = target.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[-1] = lines[-1].replace("security_criminal_groups,", "security_gangs,", 1)
    target.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(DerivationError, match=rf"row {len(lines)}, field 'topic': topic 'security_gangs' has no table"):
        security_published.derive_figures(tmp_path, built)


def test_unclassifiable_period_is_refused(raw, tmp_path):
    with pytest.raises(DerivationError, match=r"row 7, field 'period'"):
        security_published.period_type("drugs_fentanyl_seizures_mx", "sometime in 2023", tmp_path / "x.csv", 7)


def test_committed_new_security_tables():
    provisional = load("overdose_deaths_us_provisional")
    assert provisional["period_end"].max() == pd.Timestamp("2025-04-01")
    kidnapping = load("kidnapping_victims_state_annual")
    assert kidnapping[kidnapping["year"] == 2019]["victims"].sum() == 1_629
    victims = load("homicide_victims_state_annual")
    assert (victims["rate_per_100k"] >= 0).all() and victims["rate_per_100k"].notna().all()
    unodc = load("poppy_mexico_unodc")
    assert unodc["survey"].max() == "2019-2020"
