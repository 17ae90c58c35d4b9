"""Analysis for the security chapter: homicide series by presidential term, INEGI vs SESNSP, state
patterns, U.S. overdose deaths, CPI and opium poppy. Pure functions over the package's tables."""

from __future__ import annotations

import pandas as pd


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


def overdose_wide(overdoses: pd.DataFrame) -> pd.DataFrame:
    return overdoses.pivot(index="year", columns="measure", values="value").reset_index().rename_axis(columns=None)


def cumulative_homicides(national: pd.DataFrame, first: int, last: int) -> int:
    """Sum of INEGI homicides over calendar years ``first``..``last``; refuses a span with missing years."""
    span = national[(national["year"] >= first) & (national["year"] <= last)]
    if len(span) != last - first + 1:
        raise ValueError(f"homicides missing for some years in {first}–{last}")
    return int(span["homicides"].sum())


