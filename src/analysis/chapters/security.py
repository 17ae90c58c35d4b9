"""Analysis for the security chapter: homicide series by presidential term and their revisions, INEGI
vs SESNSP, state patterns, kidnapping and femicide, U.S. overdose deaths, opium poppy, U.S. security
assistance, the CPI and the dated events of security policy and cooperation. Pure functions over the
package's tables, and the chapter's figure builders (one per chart, each returning the finished Figure)."""

from __future__ import annotations

import altair as alt
import pandas as pd

from analysis.book.charts import PALETTE, WIDTH, Figure, TimeAxis, figure, shade_periods
from analysis.data.events import Label
from analysis.data.periods import long_date

# Presidential terms (sexenios). Dates: Constitution of Mexico, art. 83 (terms start 1 December; the
# 2014 reform moved the start to 1 October from 2024, which shortened López Obrador's term).
TERMS_SOURCE = "https://www.diputados.gob.mx/LeyesBiblio/pdf/CPEUM.pdf"
TERMS = pd.DataFrame(
    [
        {"president": "Calderón", "start": "2006-12-01", "end": "2012-11-30", "first_full_year": 2007, "last_year": 2012},
        {"president": "Peña Nieto", "start": "2012-12-01", "end": "2018-11-30", "first_full_year": 2013, "last_year": 2018},
        {"president": "López Obrador", "start": "2018-12-01", "end": "2024-09-30", "first_full_year": 2019, "last_year": 2024},
    ]
).assign(start=lambda d: pd.to_datetime(d["start"]), end=lambda d: pd.to_datetime(d["end"]))
TERM_END = TERMS.iloc[-1]["end"]

# U.S. presidential terms begin at noon on 20 January after the election (U.S. Constitution, 20th
# Amendment); time charts mark the changes of administration during and just after López Obrador's
# term that fall in their span.
US_TERMS_SOURCE = "https://constitution.congress.gov/constitution/amendment-20/"
US_ADMINISTRATION_CHANGES = pd.DataFrame([
    {"date": pd.Timestamp("2021-01-20"), "label": "Biden takes office"},
    {"date": pd.Timestamp("2025-01-20"), "label": "Trump takes office again"},
])
MARKS_NOTE = "dashed: change of U.S. administration (20 January 2021{}) and end of López Obrador's term (30 September 2024)"
TERM_END_LABEL = "López Obrador's term ends"

# The dated events of each section's table (labels of the events resource).
POLICY_EVENTS = [Label.PEACE_AND_SECURITY_PLAN, Label.SECURITY_STRATEGY_PRESENTED, Label.NATIONAL_GUARD_REFORM, Label.SECURITY_STRATEGY_IN_DOF,
                 Label.NATIONAL_GUARD_LAW, Label.NATIONAL_GUARD_STARTS, Label.CULIACANAZO, Label.AMNESTY_LAW, Label.COURT_STRIKES_CANNABIS_BAN,
                 Label.GUARD_MOVED_TO_SEDENA, Label.ARMY_IN_STREETS_TO_2028, Label.COURT_VOIDS_GUARD_TRANSFER, Label.GUARD_REFORM_IN_DOF]
STRATEGY_2017_EVENTS = [Label.MERIDA_ANNOUNCED, Label.MERIDA_LETTER_OF_AGREEMENT, Label.TILLERSON_KELLY_IN_MEXICO, Label.TCO_DIALOGUE_I,
                        Label.TCO_DIALOGUE_II]
CIENFUEGOS_EVENTS = [Label.CIENFUEGOS_ARRESTED, Label.US_TO_DROP_CIENFUEGOS_CASE, Label.CIENFUEGOS_CHARGES_DISMISSED,
                     Label.SENATE_PASSES_FOREIGN_AGENTS_LAW, Label.BARR_OBJECTS_TO_AGENTS_BILL, Label.DEPUTIES_PASS_AGENTS_LAW,
                     Label.FOREIGN_AGENTS_LAW_PUBLISHED, Label.FGR_CLEARS_CIENFUEGOS, Label.FOREIGN_AGENT_RULES, Label.AMLO_BACKS_FGR_ACCUSES_DEA,
                     Label.FGR_POSTS_REDACTED_FILE]
COOPERATION_EVENTS = [Label.BICENTENNIAL_FRAMEWORK, Label.EO_14059, Label.SECOND_SECURITY_DIALOGUE, Label.OVIDIO_RECAPTURED,
                      Label.PRECURSOR_COMMITMENTS, Label.CHAPITOS_INDICTED, Label.PRECURSOR_LAW, Label.OFAC_SANCTIONS_CHAPITOS,
                      Label.OVIDIO_EXTRADITED, Label.THIRD_SECURITY_DIALOGUE, Label.ZAMBADA_ARRESTED, Label.SALAZAR_ON_JUDICIAL_REFORM,
                      Label.EMBASSY_PAUSE]


def term_of_year(year: int) -> str | None:
    """The president who governed (most of) a calendar year: the years from the first full year of
    a term to its last year. 2024 counts for López Obrador (January–September)."""
    for row in TERMS.itertuples():
        if row.first_full_year <= year <= row.last_year:
            return row.president
    return None


def with_terms(national: pd.DataFrame) -> pd.DataFrame:
    return national.assign(president=national["year"].map(term_of_year))


def sexenio_summary(national: pd.DataFrame) -> pd.DataFrame:
    """Per presidential term: calendar years counted, total homicides, mean per year, mean rate,
    first- and last-year rate (INEGI, registration year; last years may be preliminary)."""
    frame = with_terms(national).dropna(subset=["president"])
    rows = []
    for president, group in frame.groupby("president", sort=False):
        group = group.sort_values("year")
        rows.append({
            "president": president,
            "years": f"{group['year'].min()}–{group['year'].max()}",
            "n_years": len(group),
            "homicides_total": int(group["homicides"].sum()),
            "homicides_per_year": float(group["homicides"].mean()),
            "mean_rate_per_100k": float(group["rate_per_100k"].mean()),
            "first_year_rate": float(group["rate_per_100k"].iloc[0]),
            "last_year_rate": float(group["rate_per_100k"].iloc[-1]),
            "preliminary_years": ", ".join(str(y) for y in group.loc[group["status"] == "preliminary", "year"]),
        })
    order = {name: i for i, name in enumerate(TERMS["president"])}
    return pd.DataFrame(rows).sort_values("president", key=lambda s: s.map(order)).reset_index(drop=True)


def peak_year(national: pd.DataFrame, through: int | None = None, column: str = "homicides") -> int:
    frame = national if through is None else national[national["year"] <= through]
    return int(frame.loc[frame[column].idxmax(), "year"])


def cumulative_homicides(national: pd.DataFrame, first: int, last: int) -> int:
    """Sum of INEGI homicides over calendar years ``first``..``last``; refuses a span with missing years."""
    span = national[(national["year"] >= first) & (national["year"] <= last)]
    if len(span) != last - first + 1:
        raise ValueError(f"homicides missing for some years in {first}–{last}")
    return int(span["homicides"].sum())


def revisions(national: pd.DataFrame) -> pd.DataFrame:
    """INEGI's preliminary and final counts for the years where both were published, with the revision
    (final minus preliminary) in deaths and as a percentage of the preliminary count."""
    both = national.dropna(subset=["homicides_preliminary", "revision"])
    return pd.DataFrame({
        "year": both["year"].astype(int),
        "preliminary": both["homicides_preliminary"].astype(int),
        "final": both["homicides"].astype(int),
        "revision": both["revision"].astype(int),
        "revision_pct": (both["revision"] / both["homicides_preliminary"] * 100).astype(float),
    }).reset_index(drop=True)


def change_pct(new: float, old: float) -> float:
    return (new / old - 1) * 100


def sesnsp_national(victims: pd.DataFrame) -> pd.DataFrame:
    """National SESNSP victims per year: intentional homicide, femicide and their sum."""
    wide = victims.groupby(["year", "crime"])["victims"].sum().unstack("crime")
    return pd.DataFrame({
        "year": wide.index.astype(int),
        "homicidio_doloso": wide["homicidio doloso"].astype(int).to_numpy(),
        "feminicidio": wide["feminicidio"].astype(int).to_numpy(),
    }).assign(total=lambda d: d["homicidio_doloso"] + d["feminicidio"])


def inegi_vs_sesnsp(national: pd.DataFrame, victims: pd.DataFrame) -> pd.DataFrame:
    """The two national series side by side, years both cover; long format for charting."""
    sesnsp = sesnsp_national(victims)
    inegi = national[["year", "homicides", "status"]]
    both = inegi.merge(sesnsp, on="year", how="inner", validate="one_to_one")
    long = pd.concat([
        both.assign(series="INEGI: deaths by homicide (death certificates)", value=both["homicides"]),
        both.assign(series="SESNSP: victims of homicidio doloso + feminicidio", value=both["total"], status="as published"),
    ])
    return long[["year", "series", "value", "status"]].reset_index(drop=True)


def sesnsp_state_rates(victims: pd.DataFrame, states: pd.DataFrame) -> pd.DataFrame:
    """Victims of intentional homicide plus femicide and their rate per 100,000, by state and year
    (the SESNSP file's per-inhabitant rates of the two crimes added)."""
    frame = victims.groupby(["year", "state_code"], as_index=False)[["victims", "rate_per_100k"]].sum()
    frame["rate_per_100k"] = frame["rate_per_100k"].round(1)
    return frame.merge(states[["state_code", "state_name"]], on="state_code", how="left", validate="many_to_one")


def top_share(victims: pd.DataFrame, states: pd.DataFrame, year: int, n: int = 5) -> tuple[pd.DataFrame, float]:
    """The ``n`` states with most SESNSP victims (homicidio doloso + feminicidio) in ``year`` and their
    combined share of the national total (percent)."""
    frame = victims[victims["year"] == year].groupby("state_code", as_index=False)["victims"].sum()
    frame = frame.merge(states[["state_code", "state_name"]], on="state_code", validate="one_to_one")
    frame = frame.sort_values(["victims", "state_code"], ascending=[False, True]).reset_index(drop=True)
    frame["share_pct"] = frame["victims"] / frame["victims"].sum() * 100
    top = frame.head(n)
    return top, float(top["share_pct"].sum())


def latest_ranking(state_rates: pd.DataFrame) -> pd.DataFrame:
    """The states in the last year of ``state_rates``, highest rate first."""
    last_year = int(state_rates["year"].max())
    return state_rates[state_rates["year"] == last_year].sort_values(["rate_per_100k", "state_code"], ascending=[False, True])


def leaders_by_year(state_rates: pd.DataFrame) -> pd.Series:
    """The state with the highest rate in each year (ties: lowest state code), indexed by year."""
    ordered = state_rates.sort_values(["year", "rate_per_100k", "state_code"], ascending=[True, False, True])
    return ordered.groupby("year")["state_name"].first()


def kidnapping_femicide(kidnapping: pd.DataFrame, victims: pd.DataFrame) -> pd.DataFrame:
    """National victims of kidnapping (secuestro, all modalities) and of femicide per year (SESNSP)."""
    kid = kidnapping.groupby("year")["victims"].sum()
    fem = victims[victims["crime"] == "feminicidio"].groupby("year")["victims"].sum()
    return pd.DataFrame({"year": kid.index.astype(int), "secuestro": kid.to_numpy(), "feminicidio": fem.reindex(kid.index).to_numpy()})


def claimed_figure(ledger: pd.DataFrame, claim_id: str, period: str) -> str:
    """The figure a ledger row's claimed value gives for ``period``, from a value written
    ``"639.2 (FY2010) → 130.9 (FY2017)"`` (a row that checks a change between two periods)."""
    import re

    text = ledger.set_index("claim_id").loc[claim_id, "claimed_value"]
    for value, when in re.findall(r"([\d.,]+) \(([^)]+)\)", text):
        if when == period:
            return value
    raise KeyError(f"{claim_id}: no figure for {period!r} in claimed value {text!r}")


def overdose_wide(overdoses: pd.DataFrame) -> pd.DataFrame:
    """Final annual overdose counts and rates, one row per year and one column per measure."""
    return overdoses.pivot(index="year", columns="measure", values="value").reset_index().rename_axis(columns=None)


def overdose_periods(provisional: pd.DataFrame, value: str = "predicted") -> pd.DataFrame:
    """Provisional 12-month counts (``value``: predicted or reported) of all overdose deaths and of
    deaths involving synthetic opioids other than methadone, and the synthetic share (percent)."""
    wide = provisional.pivot(index="period_end", columns="measure", values=value)
    return pd.DataFrame({
        "period_end": wide.index,
        "all_drugs": wide["deaths_all_drugs"].astype(int).to_numpy(),
        "synthetic_opioids": wide["deaths_synthetic_opioids"].astype(int).to_numpy(),
    }).assign(synthetic_share_pct=lambda d: d["synthetic_opioids"] / d["all_drugs"] * 100).reset_index(drop=True)


def period_name(period_end: pd.Timestamp) -> str:
    """'2024' for a 12-month period ending in December, else '12 months to September 2024'."""
    period_end = pd.Timestamp(period_end)
    return str(period_end.year) if period_end.month == 12 else f"12 months to {period_end:%B %Y}"


def ondcp_cultivation(poppy: pd.DataFrame) -> pd.Series:
    """ONDCP's estimates of opium poppy cultivation in Mexico, hectares, indexed by calendar year."""
    return poppy[(poppy["estimator"] == "ONDCP") & (poppy["measure"] == "cultivation")].set_index("year")["value"]


def unodc_cultivation(unodc: pd.DataFrame) -> pd.DataFrame:
    """UNODC–Government of Mexico survey estimates of cultivation (hectares), one row per survey."""
    return unodc[unodc["measure"] == "cultivation"].sort_values("survey_end_year").reset_index(drop=True)


def assistance(merida: pd.DataFrame, extra: pd.DataFrame) -> pd.DataFrame:
    """Every published figure on U.S. security assistance to Mexico in the two tables, one row per
    figure, U.S. fiscal years; cumulative totals keep their source and kind."""
    own = merida.assign(source_type="U.S. government", table="merida_appropriations")
    more = extra.assign(table="security_assistance_mexico_published")
    columns = ["first_fiscal_year", "last_fiscal_year", "kind", "usd_mn", "approximate", "source_type", "period_label", "source", "source_url", "table"]
    frame = pd.concat([own[columns], more[columns]], ignore_index=True)
    return frame.sort_values(["kind", "last_fiscal_year", "usd_mn"]).reset_index(drop=True)


def published(figures: pd.DataFrame, topic: str) -> pd.DataFrame:
    """Rows of security_published_figures for ``topic`` that hold a figure."""
    return figures[(figures["topic"] == topic) & (figures["status"] != "not found")].reset_index(drop=True)


def missing(figures: pd.DataFrame) -> pd.DataFrame:
    """The security figures looked for and not found, with what was searched."""
    return figures[figures["status"] == "not found"][["indicator", "period", "publisher", "note"]].reset_index(drop=True)


def events_table(events: pd.DataFrame, labels: list[str]) -> pd.DataFrame:
    """The events with these labels in date order: date as text (month-precision dates as 'Month YYYY'),
    what happened, and the source as a Markdown link."""
    chosen = events[events["label"].isin(labels)].sort_values("date")
    missing_labels = set(labels) - set(chosen["label"])
    if missing_labels:
        raise KeyError(f"events: no event labelled {sorted(missing_labels)}")
    return pd.DataFrame({
        "Date": [f"{d:%B %Y}" if p == "month" else long_date(d) for d, p in zip(chosen["date"], chosen["date_precision"])],
        "Event": chosen["event"].to_numpy(),
        "Source": [f"[{p}]({u})" for p, u in zip(chosen["publisher"], chosen["source_url"])],
    })


# --- figures (one builder per chart; the chapter only calls them) --------------------------------

def _mid_year(years: pd.Series) -> pd.Series:
    return pd.to_datetime(years.astype(int).astype(str) + "-07-01")


def _lines(text: str, width: int = 118) -> list[str]:
    """A long subtitle as lines that fit the chart's width."""
    import textwrap

    return textwrap.wrap(text, width=width, break_long_words=False, break_on_hyphens=False)


def _period_marks(first: pd.Timestamp, last: pd.Timestamp, *, y_label: int = 8) -> list[alt.Chart]:
    """López Obrador's term shaded, and dashed rules with labels at the changes of U.S. administration
    and at the end of his term that fall between ``first`` and ``last``; layer under the data."""
    term = TERMS.iloc[[-1]].rename(columns={"president": "label"})[["label", "start", "end"]].assign(label="López Obrador's term")
    rules = pd.concat([US_ADMINISTRATION_CHANGES, pd.DataFrame([{"date": TERM_END, "label": TERM_END_LABEL}])])
    rules = rules[(rules["date"] >= first) & (rules["date"] <= last)].sort_values("date").reset_index(drop=True)
    rules = rules.assign(y=[y_label + 13 * (i % 2) for i in range(len(rules))])
    shade = alt.Chart(term).mark_rect(opacity=0.10, color=PALETTE[4], clip=True).encode(x=alt.X("start:T"), x2="end:T")
    lines = alt.Chart(rules).mark_rule(strokeDash=[4, 3], color="#555", clip=True).encode(
        x="date:T", tooltip=[alt.Tooltip("date:T", title="Date"), alt.Tooltip("label:N", title="Marker")])
    text = alt.Chart(rules).mark_text(align="left", dx=3, fontSize=10, color="#333").encode(x="date:T", y=alt.Y("y:Q", scale=None), text="label:N")
    return [shade, lines, text]


def _year_axis(dates: pd.Series, title: str = "Calendar year") -> alt.X:
    """A time axis for annual points placed at mid-year, labelled with the year under each point."""
    values = sorted(pd.Series(dates).dropna().unique())
    step = max(1, len(values) // 12)
    return alt.X("date:T", title=title, axis=alt.Axis(format="%Y", values=[pd.Timestamp(v).isoformat() for v in values[::step]]))


def _annual_lines(rows: pd.DataFrame, value: str, title: str, tooltip: list[alt.Tooltip]) -> alt.LayerChart:
    """One line with points per ``series`` over annual ``date`` points, López Obrador's term shaded and
    the markers of :func:`_period_marks` drawn under it, at the book's width."""
    lines = alt.Chart(rows).mark_line(point=True).encode(
        x=_year_axis(rows["date"]), y=alt.Y(f"{value}:Q", title=title, axis=alt.Axis(format=",.0f")),
        color=alt.Color("series:N", title=None, legend=alt.Legend(orient="bottom", direction="vertical", labelLimit=500)),
        tooltip=[alt.Tooltip("year:O", title="Year"), alt.Tooltip("series:N", title="Series"), *tooltip])
    return alt.layer(*_period_marks(rows["date"].min(), TERM_END), lines).properties(width=WIDTH)


def homicide_rate_figure(national: pd.DataFrame) -> Figure:
    """INEGI homicide rate per 100,000, 1990–2024, final and preliminary figures, presidential terms shaded."""
    nat = national.set_index("year")
    peak = peak_year(national, column="rate_per_100k")
    last = int(nat.index.max())
    series = national.assign(
        date=_mid_year(national["year"]),
        figure=national["status"].map({"final": "Final", "preliminary": "Preliminary"}),
    )[["year", "date", "homicides", "rate_per_100k", "figure"]]
    periods = TERMS.rename(columns={"president": "label"})[["label", "start", "end"]]
    line = alt.Chart(series).mark_line(color=PALETTE[0]).encode(
        x=_year_axis(series["date"]), y=alt.Y("rate_per_100k:Q", title="Homicides per 100,000 inhabitants"))
    points = alt.Chart(series).mark_point(color=PALETTE[0]).encode(
        x="date:T", y="rate_per_100k:Q",
        shape=alt.Shape("figure:N", title="INEGI figure", scale=alt.Scale(domain=["Final", "Preliminary"], range=["circle", "triangle-up"])),
        tooltip=[alt.Tooltip("year:Q", title="Year"), alt.Tooltip("homicides:Q", title="Homicides", format=","),
                 alt.Tooltip("rate_per_100k:Q", title="Rate per 100,000", format=".1f"), alt.Tooltip("figure:N", title="Figure")],
    )
    marks = _period_marks(series["date"].min(), TERM_END)[1:]  # the terms are shaded below
    return figure(
        alt.layer(
            shade_periods(periods).encode(color=alt.Color("label:N", title=None, sort=periods["label"].tolist(), scale=alt.Scale(range=PALETTE[4:] + PALETTE[:4]))),
            *marks, line, points,
        ).resolve_scale(color="independent", shape="independent"),
        name="security-homicide-rate",
        title=(f"The homicide rate peaked at {nat.loc[peak, 'rate_per_100k']:.1f} per 100,000 in {peak}, stayed near that level to 2020, "
               f"fell to {nat.loc[2023, 'rate_per_100k']:.1f} in 2023 and rose to {nat.loc[last, 'rate_per_100k']:.1f} in {last}"),
        subtitle=_lines(f"Deaths by homicide per 100,000 inhabitants, Mexico, calendar years 1990–{last} (year of registration); shaded: presidential "
                  f"terms; {MARKS_NOTE.format('')}"),
        source=["INEGI, Estadísticas de mortalidad (1990–2016 as compiled by D. Valle-Jones) and annual releases (2017–2024, as reported by the press)",
                "World Bank WDI population; project calculation"],
        description=(f"Line chart of Mexico's homicide rate from 1990 to {last}. The rate fell to {nat['rate_per_100k'].min():.1f} per 100,000 in "
                     f"{int(nat['rate_per_100k'].idxmin())}, rose steeply under Calderón, dipped in 2013–2014, climbed to "
                     f"{nat.loc[peak, 'rate_per_100k']:.1f} in {peak}, was {nat.loc[2019, 'rate_per_100k']:.1f} in 2019 and "
                     f"{nat.loc[2020, 'rate_per_100k']:.1f} in 2020, fell to {nat.loc[2023, 'rate_per_100k']:.1f} in 2023 and rose to "
                     f"{nat.loc[last, 'rate_per_100k']:.1f} in {last}."),
        data=series,
        resources=["homicides_national_annual", "country_indicators"],
        time=TimeAxis("year", "homicides_national_annual"),
    )


def inegi_sesnsp_figure(national: pd.DataFrame, victims: pd.DataFrame) -> Figure:
    """INEGI deaths by homicide against SESNSP victims of homicidio doloso plus feminicidio, 2015–2024."""
    both = inegi_vs_sesnsp(national, victims)
    wide = both.pivot(index="year", columns="series", values="value")
    inegi, sesnsp = wide.iloc[:, 0], wide.iloc[:, 1]
    last = int(wide.index.max())
    rows = both.assign(date=_mid_year(both["year"]))
    return figure(
        _annual_lines(rows, "value", "Deaths / victims", [alt.Tooltip("value:Q", title="Count", format=","), alt.Tooltip("status:N", title="Status")]),
        name="security-inegi-sesnsp",
        title=(f"Both official series plateaued in 2018–2020, fell to 2023 and rose in {last}; INEGI counted "
               f"{inegi.loc[last] - sesnsp.loc[last]:,} more deaths than the SESNSP in {last}"),
        subtitle=_lines(f"INEGI deaths by homicide (death certificates, year of registration) and SESNSP victims of homicidio doloso plus feminicidio "
                  f"(prosecutors' files), Mexico, 2015–{last}; shaded: López Obrador's term; {MARKS_NOTE.format('')}"),
        source=["INEGI, Estadísticas de mortalidad and annual releases (as reported by the press)", "SESNSP, víctimas del fuero común (2025 vintage)"],
        description=(f"Two lines, 2015 to {last}. INEGI's count is above the SESNSP count in every year; both rise steeply to 2018, stay flat "
                     f"to 2020, decline to 2023 and rise in {last}, when INEGI reports {inegi.loc[last]:,} deaths and the SESNSP "
                     f"{sesnsp.loc[last]:,} victims."),
        data=both,
        resources=["homicides_national_annual", "homicide_victims_state_annual"],
        time=TimeAxis("year", "homicide_victims_state_annual"),
    )


def state_heatmap_figure(state_rates: pd.DataFrame) -> Figure:
    """Victims of intentional homicide and femicide per 100,000 by state and year (SESNSP), 2015–2024."""
    ranking = latest_ranking(state_rates)
    last = int(ranking["year"].iloc[0])
    first = int(state_rates["year"].min())
    top = ranking.iloc[0]
    above = int((ranking["rate_per_100k"] >= 50).sum())
    heat = state_rates[["year", "state_code", "state_name", "victims", "rate_per_100k"]].assign(
        start=lambda d: pd.to_datetime(d["year"].astype(str) + "-01-01"), end=lambda d: pd.to_datetime(d["year"].astype(str) + "-12-31"))
    rect = alt.Chart(heat).mark_rect().encode(
        x=alt.X("start:T", title="Calendar year", axis=alt.Axis(format="%Y", tickCount="year")), x2="end:T",
        y=alt.Y("state_name:N", title=None, sort=ranking["state_name"].tolist()),
        color=alt.Color("rate_per_100k:Q", title="Victims per 100,000", scale=alt.Scale(scheme="orangered")),
        tooltip=[alt.Tooltip("state_name:N", title="State"), alt.Tooltip("year:O", title="Year"),
                 alt.Tooltip("victims:Q", title="Victims", format=","), alt.Tooltip("rate_per_100k:Q", title="Per 100,000", format=".1f")])
    marks = _period_marks(heat["start"].min(), heat["end"].max(), y_label=-14)[1:]
    return figure(
        alt.layer(rect, *marks).properties(height=560, width=WIDTH),
        name="security-state-heatmap",
        title=f"In {last} {top['state_name']} had the highest rate ({top['rate_per_100k']:.1f} victims per 100,000); {above} states were at 50 or more",
        subtitle=_lines(f"Victims of homicidio doloso plus feminicidio per 100,000 inhabitants by state, {first}–{last} (SESNSP; CONAPO population); "
                  f"states sorted by their {last} rate; {MARKS_NOTE.format('')}"),
        source=["SESNSP, víctimas del fuero común (2025 vintage; rates as computed in the isaacarroyov/datos_facil_acceso copy)"],
        description=(f"Heat map of the rate of victims of intentional homicide and femicide in each of Mexico's 32 states for each year "
                     f"{first}–{last}. "
                     + " ".join(f"In {y} the highest rates were in {', '.join(f'{n} ({v:.1f})' for n, v in leaders.items())}."
                                for y, leaders in ((y, state_rates[state_rates['year'] == y].nlargest(3, 'rate_per_100k').set_index('state_name')['rate_per_100k'])
                                                   for y in (first, 2019, last)))),
        data=heat.drop(columns=["start", "end"]),
        resources=["homicide_victims_state_annual", "states"],
        time=TimeAxis("year", "homicide_victims_state_annual"),
    )


def kidnapping_femicide_figure(kidnapping: pd.DataFrame, victims: pd.DataFrame) -> Figure:
    """National SESNSP victims of kidnapping and of femicide, 2015–2024."""
    frame = kidnapping_femicide(kidnapping, victims).set_index("year")
    last = int(frame.index.max())
    kid_peak, fem_peak = int(frame["secuestro"].idxmax()), int(frame["feminicidio"].idxmax())
    kid_low = int(frame.loc[kid_peak:, "secuestro"].idxmin())
    names = {"secuestro": "Kidnapping (secuestro), all modalities", "feminicidio": "Femicide (feminicidio)"}
    rows = frame.reset_index().melt(id_vars="year", var_name="crime", value_name="victims").assign(
        series=lambda d: d["crime"].map(names), date=lambda d: _mid_year(d["year"]))
    return figure(
        _annual_lines(rows, "victims", "Victims in investigation files", [alt.Tooltip("victims:Q", title="Victims", format=",")]),
        name="security-kidnapping-femicide",
        title=(f"Kidnapping victims fell {abs(change_pct(frame.loc[kid_low, 'secuestro'], frame.loc[kid_peak, 'secuestro'])):.0f}% from {kid_peak} "
               f"to {kid_low}, then rose; femicide victims peaked in {fem_peak}"),
        subtitle=_lines(f"Victims recorded in the states' investigation files and reported to the SESNSP, Mexico, 2015–{last}; federal kidnapping "
                  f"cases are not included; shaded: López Obrador's term; {MARKS_NOTE.format('')}"),
        source=["SESNSP, víctimas del fuero común (2025 vintage)"],
        description=(f"Two lines, 2015 to {last}. Kidnapping victims rose from {frame['secuestro'].iloc[0]:,} in 2015 to {frame.loc[kid_peak, 'secuestro']:,} "
                     f"in {kid_peak}, fell to {frame.loc[kid_low, 'secuestro']:,} in {kid_low} and were {frame.loc[last, 'secuestro']:,} in {last}. "
                     f"Femicide victims rose from {frame['feminicidio'].iloc[0]:,} in 2015 to {frame.loc[fem_peak, 'feminicidio']:,} in {fem_peak} "
                     f"and were {frame.loc[last, 'feminicidio']:,} in {last}."),
        data=rows.drop(columns=["date"]),
        resources=["kidnapping_victims_state_annual", "homicide_victims_state_annual"],
        time=TimeAxis("year", "kidnapping_victims_state_annual"),
    )


def overdoses_figure(provisional: pd.DataFrame, annual: pd.DataFrame) -> Figure:
    """U.S. overdose deaths: CDC's provisional predicted 12-month counts (all drugs and synthetic opioids,
    one vintage) as lines, and the final NCHS counts of all overdose deaths as hollow points."""
    periods = overdose_periods(provisional)
    by_end = periods.set_index("period_end")
    peak = by_end["all_drugs"].idxmax()
    last = by_end.index.max()
    december = by_end[by_end.index.month == 12]
    latest_year = december.index.max()
    names = {"all_drugs": "All overdose deaths (provisional, predicted)", "synthetic_opioids": "Involving synthetic opioids other than methadone (provisional, predicted)"}
    rows = periods.melt(id_vars=["period_end", "synthetic_share_pct"], value_vars=list(names), var_name="measure", value_name="deaths").assign(
        series=lambda d: d["measure"].map(names), status="provisional")
    final = annual[(annual["measure"] == "deaths_all_drugs") & (annual["year"] >= periods["period_end"].dt.year.min())]
    final_rows = pd.DataFrame({"period_end": pd.to_datetime(final["year"].astype(str) + "-12-01"), "deaths": final["value"].astype(int).to_numpy(),
                               "series": "All overdose deaths (final, NCHS)", "status": "final"})
    lines = alt.Chart(rows).mark_line(point=True).encode(
        x=alt.X("period_end:T", title="Last month of the 12-month period",
                axis=alt.Axis(format="%b %Y", labelAngle=-40, values=[d.isoformat() for d in periods["period_end"]])),
        y=alt.Y("deaths:Q", title="Deaths in the 12 months", axis=alt.Axis(format=",.0f")),
        color=alt.Color("series:N", title=None, scale=alt.Scale(domain=list(names.values()) + ["All overdose deaths (final, NCHS)"], range=PALETTE[:3]),
                        legend=alt.Legend(orient="bottom", direction="vertical", labelLimit=500)),
        tooltip=[alt.Tooltip("period_end:T", title="12 months ending", format="%B %Y"), alt.Tooltip("series:N", title="Series"),
                 alt.Tooltip("deaths:Q", title="Deaths", format=","), alt.Tooltip("synthetic_share_pct:Q", title="Synthetic share (%)", format=".1f")])
    hollow = alt.Chart(final_rows).mark_point(filled=False, size=90, color=PALETTE[2]).encode(
        x="period_end:T", y="deaths:Q", color=alt.Color("series:N", legend=None, scale=alt.Scale(range=[PALETTE[2]])),
        tooltip=[alt.Tooltip("period_end:T", title="Year", format="%Y"), alt.Tooltip("deaths:Q", title="Final count", format=",")])
    data = pd.concat([rows[["period_end", "series", "status", "deaths", "synthetic_share_pct"]], final_rows], ignore_index=True)
    return figure(
        alt.layer(*_period_marks(rows["period_end"].min(), last), lines, hollow).resolve_scale(color="independent").properties(width=WIDTH),
        name="security-us-overdoses",
        title=(f"U.S. overdose deaths peaked at {by_end.loc[peak, 'all_drugs']:,} in {period_name(peak)} and fell to {december.loc[latest_year, 'all_drugs']:,} "
               f"in {latest_year.year} (provisional); synthetic opioids' share fell from {by_end.loc[peak, 'synthetic_share_pct']:.0f}% to "
               f"{december.loc[latest_year, 'synthetic_share_pct']:.0f}%"),
        subtitle=_lines(f"Deaths in the 12 months ending each December 2015–{latest_year.year}, September 2024 and {last:%B %Y}: CDC provisional counts adjusted "
                  "for reporting delays (one vintage, data through April 2025; 2024–2025 flagged as underreported) and final NCHS counts; "
                  f"shaded: López Obrador's term; {MARKS_NOTE.format(' and 20 January 2025')}"),
        source=["CDC/NCHS, VSRR Provisional Drug Overdose Death Counts (data through April 2025)", "NCHS Data Briefs and MMWR (final counts)"],
        description=(f"Lines of the 12-month provisional counts. All overdose deaths rose from {by_end['all_drugs'].iloc[0]:,} in 2015 to "
                     f"{by_end.loc[peak, 'all_drugs']:,} in {period_name(peak)}, then fell to {by_end.loc[pd.Timestamp('2024-09-01'), 'all_drugs']:,} in the "
                     f"12 months to September 2024, {december.loc[latest_year, 'all_drugs']:,} in {latest_year.year} and {by_end.loc[last, 'all_drugs']:,} in the "
                     f"12 months to {last:%B %Y}. Deaths involving synthetic opioids rose from {by_end['synthetic_opioids'].iloc[0]:,} "
                     f"({by_end['synthetic_share_pct'].iloc[0]:.0f}% of the total) to {by_end['synthetic_opioids'].max():,} and were "
                     f"{december.loc[latest_year, 'synthetic_opioids']:,} ({december.loc[latest_year, 'synthetic_share_pct']:.0f}%) in {latest_year.year}. "
                     "Hollow points mark the final NCHS counts, slightly below the provisional ones."),
        data=data,
        resources=["overdose_deaths_us_provisional", "overdose_deaths_us_annual"],
        time=TimeAxis("period_end", "overdose_deaths_us_provisional"),
    )


def poppy_figure(poppy: pd.DataFrame, unodc: pd.DataFrame) -> Figure:
    """Opium poppy cultivation in Mexico: ONDCP's calendar-year estimates and the UNODC–Mexico
    July–June surveys, in two panels on one time axis (two estimators, never joined)."""
    ondcp = ondcp_cultivation(poppy)
    peak = int(ondcp.idxmax())
    low = int(ondcp.loc[peak:].idxmin())
    last = int(ondcp.index.max())
    surveys = unodc_cultivation(unodc)
    point = surveys.dropna(subset=["value"]).set_index("survey")["value"]
    us = pd.DataFrame({"year": ondcp.index.astype(int), "estimator": "ONDCP (U.S. government), calendar year", "hectares": ondcp.to_numpy(),
                       "low": float("nan"), "high": float("nan"), "period": ondcp.index.astype(str)})
    us = us.assign(start=pd.to_datetime(us["year"].astype(str) + "-01-01"), end=pd.to_datetime(us["year"].astype(str) + "-12-31"))
    mx = pd.DataFrame({"year": surveys["survey_end_year"], "estimator": "UNODC–Government of Mexico survey, July–June",
                       "hectares": surveys["value"], "low": surveys["value_low"], "high": surveys["value_high"], "period": surveys["survey"]})
    mx = mx.assign(start=pd.to_datetime((mx["year"] - 1).astype(str) + "-07-01"), end=pd.to_datetime(mx["year"].astype(str) + "-06-30"))
    rows = pd.concat([us, mx], ignore_index=True)
    x = alt.X("start:T", title=None, axis=alt.Axis(format="%Y"), scale=alt.Scale(domain=["2012-01-01", "2022-12-31"]))
    tooltip = [alt.Tooltip("period:N", title="Period"), alt.Tooltip("hectares:Q", title="Hectares", format=","),
               alt.Tooltip("low:Q", title="Range, low", format=","), alt.Tooltip("high:Q", title="Range, high", format=",")]

    def panel(frame: pd.DataFrame, colour: str, title: str) -> alt.LayerChart:
        marks = _period_marks(pd.Timestamp("2012-01-01"), pd.Timestamp("2022-12-31"))
        bars = alt.Chart(frame).mark_rect(color=colour, opacity=0.85).encode(
            x=x, x2="end:T", y=alt.Y("hectares:Q", title="Hectares", axis=alt.Axis(format=",.0f"), scale=alt.Scale(domain=[0, 45_000])), y2=alt.datum(0),
            tooltip=tooltip)
        ranges = alt.Chart(frame.dropna(subset=["low"])).mark_rect(color=colour, opacity=0.35).encode(x=x, x2="end:T", y="low:Q", y2="high:Q", tooltip=tooltip)
        return alt.layer(*marks, bars, ranges).properties(width=WIDTH, height=150, title=title)

    chart = alt.vconcat(panel(us, PALETTE[0], "ONDCP estimates (calendar years)"),
                        panel(mx, PALETTE[3], "UNODC–Government of Mexico surveys (July–June; 2014-2015 published as a range)"), spacing=14)
    return figure(
        chart,
        name="security-poppy",
        title=(f"U.S. estimates of poppy cultivation fell {abs(change_pct(ondcp[low], ondcp[peak])):.0f}% from their {peak} peak to {low}, then rose "
               f"{change_pct(ondcp[last], ondcp[low]):.0f}% in {last}; the UNODC–Mexico surveys are lower and move differently"),
        subtitle=_lines("Opium poppy cultivation in Mexico, hectares: two estimators with different methods and years, shown apart; no estimate after "
                  f"{last} (ONDCP) or 2019-2020 (UNODC–Mexico) was found; shaded: López Obrador's term; dashed: change of U.S. administration "
                  "(20 January 2021)"),
        source=["Office of National Drug Control Policy (White House releases, 2019–2022)",
                "UNODC and Government of Mexico, Monitoreo de plantíos de amapola, 2014-2015 to 2019-2020 (as reported by the press)"],
        description=(f"Two panels of bars on one time axis. ONDCP: {ondcp.iloc[0]:,.0f} hectares in {int(ondcp.index[0])}, rising to {ondcp[peak]:,.0f} in {peak}, "
                     f"falling to {ondcp[low]:,.0f} in {low} and rising to {ondcp[last]:,.0f} in {last}. UNODC–Mexico surveys: a range of "
                     f"{surveys['value_low'].iloc[0]:,.0f}–{surveys['value_high'].iloc[0]:,.0f} hectares in {surveys['survey'].iloc[0]}, then "
                     + ", ".join(f"{v:,.0f} in {s}" for s, v in point.items()) + "."),
        data=rows.drop(columns=["start", "end"]),
        resources=["poppy_mexico_annual", "poppy_mexico_unodc"],
        time=TimeAxis("year", "poppy_mexico_annual"),
    )


def _fiscal_year_dates(first: pd.Series, last: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Start (1 October of the year before) and end (30 September) of spans of U.S. fiscal years."""
    return (pd.to_datetime((first.astype(int) - 1).astype(str) + "-10-01"), pd.to_datetime(last.astype(int).astype(str) + "-09-30"))


def assistance_figure(merida: pd.DataFrame, extra: pd.DataFrame) -> Figure:
    """U.S. security assistance to Mexico: single-year amounts and the pre-Mérida annual average (top)
    and cumulative totals as reported, placed at the end of the span they cover (bottom)."""
    frame = assistance(merida, extra)
    start, end = _fiscal_year_dates(frame["first_fiscal_year"], frame["last_fiscal_year"])
    frame = frame.assign(start=start, end=end, span=frame["period_label"])
    yearly = frame[frame["kind"] != "cumulative"]
    totals = frame[frame["kind"] == "cumulative"]
    single = yearly[yearly["kind"] == "appropriation"].set_index("first_fiscal_year")["usd_mn"]
    biggest = int(single.idxmax())
    crs_last = totals[totals["source_type"] == "U.S. government"].sort_values("last_fiscal_year").iloc[-1]
    latest = totals.sort_values("last_fiscal_year").iloc[-1]
    domain = ["1999-10-01", "2023-06-30"]
    sources = alt.Color("source_type:N", title="Source", scale=alt.Scale(domain=["U.S. government", "secondary analysis", "press"],
                                                                       range=[PALETTE[0], PALETTE[1], PALETTE[3]]))
    tooltip = [alt.Tooltip("span:N", title="Fiscal years"), alt.Tooltip("usd_mn:Q", title="USD million", format=",.0f"),
               alt.Tooltip("kind:N", title="Kind"), alt.Tooltip("source_type:N", title="Source"), alt.Tooltip("source:N", title="Document")]
    marks = _period_marks(pd.Timestamp(domain[0]), pd.Timestamp(domain[1]))
    yearly = yearly.assign(mid=yearly["start"] + (yearly["end"] - yearly["start"]) / 2,
                           text=[f"{'average ' if k == 'annual average' else ''}{v:,.0f}" for k, v in zip(yearly["kind"], yearly["usd_mn"])])
    totals = totals.assign(text=[f"{v / 1000:,.2f}".rstrip("0").rstrip(".") + " bn" for v in totals["usd_mn"]])
    x_top = alt.X("start:T", title="U.S. fiscal year (October–September)", axis=alt.Axis(format="%Y"), scale=alt.Scale(domain=domain))
    bars = alt.Chart(yearly).mark_rect(opacity=0.85).encode(
        x=x_top, x2="end:T", y=alt.Y("usd_mn:Q", title="USD million a year", scale=alt.Scale(domain=[0, 850])), y2=alt.datum(0),
        color=sources, opacity=alt.Opacity("kind:N", title=None, scale=alt.Scale(domain=["appropriation", "annual average"], range=[0.9, 0.4])),
        tooltip=tooltip)
    bar_text = alt.Chart(yearly).mark_text(dy=-7, fontSize=10, color="#333").encode(x="mid:T", y="usd_mn:Q", text="text:N")
    top = alt.layer(*marks, bars, bar_text).properties(width=WIDTH, height=150, title="One fiscal year, and the FY2000–FY2006 annual average before Mérida")
    x_bottom = alt.X("end:T", title="Last U.S. fiscal year covered (October–September)", axis=alt.Axis(format="%Y"), scale=alt.Scale(domain=domain))
    points = alt.Chart(totals).mark_point(size=80, filled=True).encode(
        x=x_bottom, y=alt.Y("usd_mn:Q", title="USD million since FY2008", scale=alt.Scale(domain=[0, 4000])), color=sources,
        shape=alt.Shape("source_type:N", legend=None), tooltip=tooltip)
    point_text = alt.Chart(totals).mark_text(dx=-8, align="right", fontSize=10, color="#333").encode(x="end:T", y="usd_mn:Q", text="text:N")
    bottom = alt.layer(*marks, points, point_text).properties(width=WIDTH, height=170, title="Cumulative totals since FY2008, as reported")
    return figure(
        alt.vconcat(top, bottom, spacing=14),
        name="security-assistance",
        title=(f"The largest single year found is FY{biggest} (${single[biggest]:,.0f} million); cumulative totals reached about "
               f"${crs_last['usd_mn'] / 1000:.1f} billion by FY{int(crs_last['last_fiscal_year'])} (CRS) and about ${latest['usd_mn'] / 1000:.1f} billion by "
               f"FY{int(latest['last_fiscal_year'])} (press)"),
        subtitle=_lines("U.S. security assistance to Mexico, USD million (current), U.S. fiscal years: Mérida Initiative from FY2008, Bicentennial "
                  "Framework from FY2022; no table by fiscal year after FY2009 was found; shaded: López Obrador's term; dashed: change of U.S. "
                  "administration (20 January 2021)"),
        source=["Congressional Research Service (RS22837, R40135, R41349, IF10578)", "U.S. Embassy Mexico City (2009)", "GAO-10-253R",
                "Small Wars Journal (2015)", "EFE / El Universal (2022)"],
        description=("Top panel: bars for single fiscal years: "
                     + ", ".join(f"FY{int(r.first_fiscal_year)} ${r.usd_mn:,.0f} million" for r in yearly[yearly['kind'] == 'appropriation'].itertuples())
                     + "; a band for the FY2000–FY2006 average of "
                     + ", ".join(f"${r.usd_mn:,.0f} million a year" for r in yearly[yearly['kind'] == 'annual average'].itertuples())
                     + ". Bottom panel: cumulative totals since FY2008: "
                     + "; ".join(f"{r.span} ${r.usd_mn:,.0f} million ({r.source_type})" for r in totals.sort_values(['last_fiscal_year', 'usd_mn']).itertuples()) + "."),
        data=frame.drop(columns=["start", "end", "span"]),
        resources=["merida_appropriations", "security_assistance_mexico_published"],
        time=TimeAxis("last_fiscal_year", "security_assistance_mexico_published"),
    )


def cpi_figure(cpi: pd.DataFrame) -> Figure:
    """Mexico's Corruption Perceptions Index score on the 0–100 scale (2012 on), labelled with its rank."""
    cpi_y = cpi.set_index("year")
    recent = cpi[cpi["scale"] == "0-100"].assign(label=lambda d: d["rank"].astype(str), date=lambda d: _mid_year(d["year"]))[
        ["year", "date", "score", "rank", "countries_ranked", "label"]]
    first, last = int(recent["year"].min()), int(recent["year"].max())
    lowest = recent["score"].min()
    base = alt.Chart(recent).encode(x=_year_axis(recent["date"], "CPI edition (calendar year)"))
    return figure(
        alt.layer(
            *_period_marks(recent["date"].min(), TERM_END),
            base.mark_line(point=True, color=PALETTE[0]).encode(
                y=alt.Y("score:Q", title="CPI score (0–100; lower = more corruption perceived)", scale=alt.Scale(zero=False, domain=[20, 40])),
                tooltip=[alt.Tooltip("year:O", title="Edition"), alt.Tooltip("score:Q", title="Score"), alt.Tooltip("rank:Q", title="Rank"),
                         alt.Tooltip("countries_ranked:Q", title="Countries ranked")]),
            base.mark_text(dy=-12, fontSize=10, color="#333").encode(y="score:Q", text="label:N"),
        ).properties(width=WIDTH),
        name="security-cpi",
        title=(f"Perceived corruption worsened: Mexico's CPI score fell from {cpi_y.loc[first, 'score']:.0f} in {first} to {cpi_y.loc[last, 'score']:.0f} "
               f"in {last}{', its lowest on the 0–100 scale' if cpi_y.loc[last, 'score'] == lowest else ''}"),
        subtitle=_lines("Corruption Perceptions Index score (0 = highly corrupt, 100 = very clean: a lower score means more perceived corruption); labels "
                  f"give Mexico's rank; shaded: López Obrador's term; {MARKS_NOTE.format('')}"),
        source=["Transparency International, CPI 2012–2024 (releases as reported by Transparencia Mexicana and the press; 2019 from TI's report)"],
        description=(f"Line chart of Mexico's CPI score: {cpi_y.loc[first, 'score']:.0f} in {first} (rank {cpi_y.loc[first, 'rank']}), down to "
                     f"{cpi_y.loc[2018, 'score']:.0f} in 2018 (rank {cpi_y.loc[2018, 'rank']}), {cpi_y.loc[2019, 'score']:.0f} in 2019, "
                     f"{cpi_y.loc[2020, 'score']:.0f} in 2020–2023 and {cpi_y.loc[last, 'score']:.0f} in {last} (rank {cpi_y.loc[last, 'rank']} of "
                     f"{cpi_y.loc[last, 'countries_ranked']})."),
        data=recent.drop(columns=["date"]),
        resources=["cpi_mexico_annual"],
        time=TimeAxis("year", "cpi_mexico_annual"),
    )
