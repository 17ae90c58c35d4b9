"""Analysis for the security chapter: homicide series by presidential term, INEGI vs SESNSP, state
patterns, U.S. overdose deaths, CPI and opium poppy. Pure functions over the package's tables, and
the chapter's figure builders (one per chart, each returning the finished Figure)."""

from __future__ import annotations

import altair as alt
import pandas as pd

from analysis.book.charts import PALETTE, WIDTH, Figure, figure, shade_periods


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


def peak_year(national: pd.DataFrame, through: int | None = None) -> int:
    frame = national if through is None else national[national["year"] <= through]
    return int(frame.loc[frame["homicides"].idxmax(), "year"])


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
        both.assign(series="SESNSP: victims of homicidio doloso + feminicidio", value=both["total"]),
    ])
    return long[["year", "series", "value", "status"]].reset_index(drop=True)


def state_annual_rates(monthly: pd.DataFrame, states: pd.DataFrame) -> pd.DataFrame:
    """Annual homicides and rate per 100,000 by state (INEGI, place of occurrence). The population is
    the authors' mid-year estimate (mean of the monthly values, which are constant within a year)."""
    frame = monthly.assign(year=monthly["date"].dt.year)
    annual = frame.groupby(["year", "state_code"], as_index=False).agg(homicides=("homicides", "sum"), population=("population_estimate", "mean"))
    annual["rate_per_100k"] = (annual["homicides"] / annual["population"] * 100_000).round(1)
    return annual.merge(states[["state_code", "state_name"]], on="state_code", how="left", validate="many_to_one")


def top_share(victims: pd.DataFrame, states: pd.DataFrame, year: int, n: int = 5) -> tuple[pd.DataFrame, float]:
    """The ``n`` states with most SESNSP victims (homicidio doloso + feminicidio) in ``year`` and their
    combined share of the national total (percent)."""
    frame = victims[victims["year"] == year].groupby("state_code", as_index=False)["victims"].sum()
    frame = frame.merge(states[["state_code", "state_name"]], on="state_code", validate="one_to_one")
    frame = frame.sort_values(["victims", "state_code"], ascending=[False, True]).reset_index(drop=True)
    frame["share_pct"] = frame["victims"] / frame["victims"].sum() * 100
    top = frame.head(n)
    return top, float(top["share_pct"].sum())


def latest_state_ranking(state_rates: pd.DataFrame) -> pd.DataFrame:
    """The states in the last year of :func:`state_annual_rates`, highest homicide rate first."""
    last_year = int(state_rates["year"].max())
    return state_rates[state_rates["year"] == last_year].sort_values("rate_per_100k", ascending=False)


def ondcp_cultivation(poppy: pd.DataFrame) -> pd.Series:
    """ONDCP's estimates of opium poppy cultivation in Mexico, hectares, indexed by calendar year."""
    return poppy[(poppy["estimator"] == "ONDCP") & (poppy["measure"] == "cultivation")].set_index("year")["value"]


def overdose_wide(overdoses: pd.DataFrame) -> pd.DataFrame:
    return overdoses.pivot(index="year", columns="measure", values="value").reset_index().rename_axis(columns=None)


def cumulative_homicides(national: pd.DataFrame, first: int, last: int) -> int:
    """Sum of INEGI homicides over calendar years ``first``..``last``; refuses a span with missing years."""
    span = national[(national["year"] >= first) & (national["year"] <= last)]
    if len(span) != last - first + 1:
        raise ValueError(f"homicides missing for some years in {first}–{last}")
    return int(span["homicides"].sum())


# --- figures (one builder per chart; the chapter only calls them) --------------------------------

def _yearly_series(frame: pd.DataFrame, *, y: alt.Y, legend: alt.Legend, value_tooltip: list[alt.Tooltip]) -> alt.Chart:
    """Lines with points by calendar year, one per ``series``, at the book's width."""
    return alt.Chart(frame).mark_line(point=True).encode(
        x=alt.X("year:O", title="Calendar year"),
        y=y,
        color=alt.Color("series:N", title=None, legend=legend),
        tooltip=[alt.Tooltip("year:O", title="Year"), alt.Tooltip("series:N", title="Series"), *value_tooltip],
    ).properties(width=WIDTH)


def homicide_rate_figure(national: pd.DataFrame) -> Figure:
    """INEGI homicide rate per 100,000, 1990–2024, final and preliminary figures, presidential terms shaded."""
    nat = national.set_index("year")
    series = national.assign(
        date=pd.to_datetime(national["year"].astype(str) + "-07-01"),
        figure=national["status"].map({"final": "Final", "preliminary": "Preliminary"}),
    )[["year", "date", "homicides", "rate_per_100k", "figure"]]
    periods = TERMS.rename(columns={"president": "label"})[["label", "start", "end"]]
    line = alt.Chart(series).mark_line(color=PALETTE[0]).encode(
        x=alt.X("date:T", title="Calendar year", axis=alt.Axis(format="%Y")),
        y=alt.Y("rate_per_100k:Q", title="Homicides per 100,000 inhabitants"),
    )
    points = alt.Chart(series).mark_point(color=PALETTE[0]).encode(
        x="date:T", y="rate_per_100k:Q",
        shape=alt.Shape("figure:N", title="INEGI figure", scale=alt.Scale(range=["circle", "triangle-up"])),
        tooltip=[alt.Tooltip("year:Q", title="Year"), alt.Tooltip("homicides:Q", title="Homicides", format=","),
                 alt.Tooltip("rate_per_100k:Q", title="Rate per 100,000", format=".1f"), alt.Tooltip("figure:N", title="Figure")],
    )
    return figure(
        alt.layer(
            shade_periods(periods).encode(color=alt.Color("label:N", title=None, sort=periods["label"].tolist(), scale=alt.Scale(range=PALETTE[4:] + PALETTE[:4]))),
            line, points,
        ).resolve_scale(color="independent", shape="independent"),
        name="security-homicide-rate",
        title=(f"The homicide rate rose from {nat.loc[2007, 'rate_per_100k']:.1f} per 100,000 in 2007 to {nat['rate_per_100k'].max():.1f} "
               f"in {int(nat['rate_per_100k'].idxmax())}, then eased to {nat.loc[2023, 'rate_per_100k']:.1f} in 2023"),
        subtitle="Deaths by homicide per 100,000 inhabitants, Mexico, calendar years 1990–2024; shaded: presidential terms",
        source=["INEGI, Estadísticas de mortalidad (1990–2016 as compiled by D. Valle-Jones) and annual releases (2017–2024)",
                "World Bank WDI population; project calculation"],
        description=(f"Line chart of Mexico's homicide rate from 1990 to 2024. The rate fell to {nat['rate_per_100k'].min():.1f} per 100,000 in "
                     f"{int(nat['rate_per_100k'].idxmin())}, rose steeply under Calderón, dipped in 2013–2014, climbed to "
                     f"{nat['rate_per_100k'].max():.1f} in {int(nat['rate_per_100k'].idxmax())} and eased to {nat.loc[2023, 'rate_per_100k']:.1f} in 2023. "
                     "The 2024 point is a preliminary figure."),
        data=series,
    )


def inegi_sesnsp_figure(national: pd.DataFrame, victims: pd.DataFrame) -> Figure:
    """INEGI deaths by homicide against SESNSP victims of homicidio doloso plus feminicidio, 2015–2024."""
    nat = national.set_index("year")
    sesnsp = sesnsp_national(victims).set_index("year")
    both = inegi_vs_sesnsp(national, victims)
    return figure(
        _yearly_series(both, y=alt.Y("value:Q", title="Deaths / victims", axis=alt.Axis(format=",.0f")),
                       legend=alt.Legend(orient="bottom", direction="vertical"),
                       value_tooltip=[alt.Tooltip("value:Q", title="Count", format=","), alt.Tooltip("status:N", title="INEGI figure")]),
        name="security-inegi-sesnsp",
        title=f"Both official series peak in 2018–2020 and fall afterwards; INEGI runs {nat.loc[2024, 'homicides'] - sesnsp.loc[2024, 'total']:,} above SESNSP in 2024",
        subtitle="INEGI deaths by homicide (registration year; 2024 preliminary) and SESNSP victims of homicidio doloso plus feminicidio, 2015–2024",
        source=["INEGI, Estadísticas de mortalidad and annual releases", "SESNSP, víctimas del fuero común (2025 vintage)"],
        description=(f"Two lines, 2015 to 2024. INEGI's count is above the SESNSP count in every year; both rise steeply to 2018, stay flat "
                     f"to 2020 and decline afterwards. In 2024 INEGI reports {nat.loc[2024, 'homicides']:,} (preliminary) and the SESNSP "
                     f"{sesnsp.loc[2024, 'total']:,} victims."),
        data=both,
    )


def state_heatmap_figure(state_rates: pd.DataFrame) -> Figure:
    """Homicide rate by state and year of occurrence (``state_rates`` from :func:`state_annual_rates`)."""
    last_state_year = int(state_rates["year"].max())
    ranking = latest_state_ranking(state_rates)
    highest = ranking.iloc[0]
    order = ranking["state_name"].tolist()
    heat = state_rates[["year", "state_name", "homicides", "rate_per_100k"]]
    return figure(
        alt.Chart(heat).mark_rect().encode(
            x=alt.X("year:O", title="Calendar year (year of occurrence)"),
            y=alt.Y("state_name:N", title=None, sort=order),
            color=alt.Color("rate_per_100k:Q", title="Homicides per 100,000", scale=alt.Scale(scheme="orangered")),
            tooltip=[alt.Tooltip("state_name:N", title="State"), alt.Tooltip("year:O", title="Year"),
                     alt.Tooltip("homicides:Q", title="Homicides", format=","), alt.Tooltip("rate_per_100k:Q", title="Rate", format=".1f")],
        ).properties(height=520),
        name="security-state-heatmap",
        title=f"Violence moved between states; in {last_state_year} {highest['state_name']} had the highest rate ({highest['rate_per_100k']:.1f} per 100,000)",
        subtitle=f"Homicides per 100,000 inhabitants by state and year of occurrence, 2000–{last_state_year}; states sorted by their {last_state_year} rate",
        source=["INEGI death-certificate microdata, aggregated by Gargiulo, Aburto & Floridi (2024)", "project calculation"],
        description=(f"Heat map of the homicide rate in each of Mexico's 32 states for each year 2000–{last_state_year}. "
                     + " ".join(f"In {y} the highest rates were in {', '.join(f'{n} ({v:.1f})' for n, v in leaders.items())}."
                                for y, leaders in ((y, state_rates[state_rates['year'] == y].nlargest(3, 'rate_per_100k').set_index('state_name')['rate_per_100k'])
                                                   for y in (2007, 2010, 2016, last_state_year)))),
        data=heat,
    )


def overdoses_figure(overdoses: pd.DataFrame) -> Figure:
    """U.S. overdose death rates, all drugs and synthetic opioids other than methadone."""
    od = overdose_wide(overdoses).set_index("year")
    names = {"rate_all_drugs": "All drug overdoses", "rate_synthetic_opioids": "Synthetic opioids other than methadone"}
    rates = overdoses[overdoses["measure"].isin(list(names))].assign(series=lambda d: d["measure"].map(names))[["year", "series", "value", "status"]]
    return figure(
        _yearly_series(rates, y=alt.Y("value:Q", title="Deaths per 100,000 (age-adjusted)"), legend=alt.Legend(labelLimit=400),
                       value_tooltip=[alt.Tooltip("value:Q", title="Rate", format=".1f")]),
        name="security-us-overdoses",
        title=f"Synthetic-opioid deaths drove U.S. overdoses up: {od.loc[2013, 'rate_synthetic_opioids']:.1f} per 100,000 in 2013, {od.loc[2022, 'rate_synthetic_opioids']:.1f} in 2022",
        subtitle="U.S. overdose deaths per 100,000, age-adjusted, 1999–2023 (synthetic opioids to 2022); one death can involve several drugs",
        source=["CDC/NCHS table 95ax-ymtc (1999–2018)", "NCHS Data Briefs and MMWR (2019–2023)"],
        description=(f"Two lines. The all-drug overdose death rate rose from {od.loc[1999, 'rate_all_drugs']:.1f} per 100,000 in 1999 to "
                     f"{od.loc[2022, 'rate_all_drugs']:.1f} in 2022 and {od.loc[2023, 'rate_all_drugs']:.1f} in 2023. The synthetic-opioid rate was "
                     f"at most {od.loc[:2013, 'rate_synthetic_opioids'].max():.1f} until 2013 and then rose to {od.loc[2022, 'rate_synthetic_opioids']:.1f} in 2022."),
        data=rates,
    )


def poppy_figure(poppy: pd.DataFrame) -> Figure:
    """Opium poppy cultivation in Mexico: ONDCP estimates as bars, the Government of Mexico's as a diamond."""
    ondcp = ondcp_cultivation(poppy)
    area = poppy[poppy["measure"] == "cultivation"][["year", "estimator", "value"]]
    bars = alt.Chart(area[area["estimator"] == "ONDCP"]).mark_bar(color=PALETTE[0]).encode(
        x=alt.X("year:O", title="Calendar year"), y=alt.Y("value:Q", title="Hectares", axis=alt.Axis(format=",.0f")),
        tooltip=[alt.Tooltip("year:O", title="Year"), alt.Tooltip("estimator:N", title="Estimate"), alt.Tooltip("value:Q", title="Hectares", format=",")])
    mexico = alt.Chart(area[area["estimator"] != "ONDCP"]).mark_point(shape="diamond", size=120, color=PALETTE[3], filled=True).encode(
        x="year:O", y="value:Q",
        tooltip=[alt.Tooltip("year:O", title="Year"), alt.Tooltip("estimator:N", title="Estimate"), alt.Tooltip("value:Q", title="Hectares", format=",")])
    return figure(
        alt.layer(bars, mexico).properties(width=WIDTH),
        name="security-poppy",
        title=f"U.S. estimates of poppy cultivation peaked in {int(ondcp.idxmax())} and fell by {(1 - ondcp[2020] / ondcp.max()) * 100:.0f}% to 2020",
        subtitle="Opium poppy cultivation in Mexico, hectares, 2012–2021: bars ONDCP estimate; diamond Government of Mexico estimate for 2017",
        source=["Office of National Drug Control Policy (White House releases, 2019–2022)", "Government of Mexico statement (AP, November 2018)"],
        description=(f"Bar chart of ONDCP's estimates: {ondcp[2012]:,.0f} hectares in 2012, rising to {ondcp.max():,.0f} in {int(ondcp.idxmax())}, "
                     f"falling to {ondcp[2020]:,.0f} in 2020 and rising to {ondcp[2021]:,.0f} in 2021. A diamond marks Mexico's own 2017 estimate, "
                     f"{area[area['estimator'] != 'ONDCP']['value'].iloc[0]:,.0f} hectares."),
        data=area,
    )


def cpi_figure(cpi: pd.DataFrame) -> Figure:
    """Mexico's Corruption Perceptions Index score on the 0–100 scale (2012 on), labelled with its rank."""
    cpi_y = cpi.set_index("year")
    recent = cpi[cpi["scale"] == "0-100"].assign(label=lambda d: d["rank"].astype(str))[["year", "score", "rank", "countries_ranked", "label"]]
    base = alt.Chart(recent).encode(x=alt.X("year:O", title="CPI edition (calendar year)"))
    return figure(
        alt.layer(
            base.mark_line(point=True, color=PALETTE[0]).encode(
                y=alt.Y("score:Q", title="CPI score (0–100)", scale=alt.Scale(zero=False, domain=[20, 40])),
                tooltip=[alt.Tooltip("year:O", title="Edition"), alt.Tooltip("score:Q", title="Score"), alt.Tooltip("rank:Q", title="Rank"),
                         alt.Tooltip("countries_ranked:Q", title="Countries ranked")]),
            base.mark_text(dy=-12, fontSize=10, color="#333").encode(y="score:Q", text="label:N"),
        ).properties(width=WIDTH),
        name="security-cpi",
        title=f"Mexico's corruption score fell from {cpi_y.loc[2012, 'score']:.0f} in 2012 to {cpi_y.loc[2024, 'score']:.0f} in 2024",
        subtitle="Corruption Perceptions Index score (0 = highly corrupt, 100 = very clean); labels give Mexico's rank",
        source=["Transparency International, CPI 2012–2024 (releases as reported by Transparencia Mexicana and the press)"],
        description=(f"Line chart of Mexico's CPI score: {cpi_y.loc[2012, 'score']:.0f} in 2012 (rank {cpi_y.loc[2012, 'rank']}), down to "
                     f"{cpi_y.loc[2018, 'score']:.0f} in 2018 (rank {cpi_y.loc[2018, 'rank']}), {cpi_y.loc[2020, 'score']:.0f} in 2020–2023 and "
                     f"{cpi_y.loc[2024, 'score']:.0f} in 2024 (rank {cpi_y.loc[2024, 'rank']} of {cpi_y.loc[2024, 'countries_ranked']})."),
        data=recent,
    )
