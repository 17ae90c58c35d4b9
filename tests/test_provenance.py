"""Where the numbers come from (analysis.data.provenance): the counts the introduction glues."""

import pandas as pd
import pytest

from analysis.data import load, package_descriptor
from analysis.data import provenance as pv


@pytest.mark.parametrize("url, own", [
    ("https://www.inegi.org.mx/programas/edr/", True),
    ("https://www.cbp.gov/document/stats/southwest-land-border-encounters", True),
    ("https://ustr.gov./about-us/policy-offices/press-office", True),  # trailing dot of a stored copy
    ("https://www.dof.gob.mx/nota_detalle_popup.php?codigo=5653455", True),
    ("https://www.gob.mx/sre/prensa", True),  # gob.mx itself, once www. is dropped
    ("https://www.transparency.org/en/cpi", True),
    ("https://pmc.ncbi.nlm.nih.gov/articles/PMC1/", False),  # a library's copy on a .gov host
    ("https://www.transparency.org.ro/cpi", False),  # a national chapter, not TI's page
    ("https://www.jornada.com.mx/2020/01/03/politica", False),
    ("https://www.everycrsreport.com/files/R41349.html", False),  # a copy of a CRS report
    ("https://cuarentaline.mx/nota", False),  # ends with 'ine.mx' but is not INE
    ("", False),
])
def test_publisher_page(url, own):
    assert pv.is_publisher_page(url) is own


def test_host_drops_www_and_trailing_dot():
    assert pv.host("https://WWW.Ustr.gov./x") == "ustr.gov"


def _resource(name, fields):
    return {"name": name, "title": name.title(), "schema": {"fields": [{"name": f} for f in fields]}}


def test_table_and_counts_on_a_small_package():
    descriptor = {"resources": [
        _resource("monthly", ["date", "value"]),
        _resource("figures", ["indicator", "value", "publisher", "source_url"]),
        _resource("events", ["date", "event", "source_url"]),
        _resource("claims", ["claim_id", "verdict"]),
    ]}
    tables = {
        "monthly": pd.DataFrame({"date": ["2020-01-01"] * 3, "value": [1, 2, 3]}),
        "figures": pd.DataFrame({"source_url": ["https://www.inegi.org.mx/a", "https://www.jornada.com.mx/b", None, " ",
                                                "https://sopitas.com/c"]}),
        "events": pd.DataFrame({"source_url": ["https://www.gob.mx/sre", "https://www.latimes.com/x"]}),
        "claims": pd.DataFrame({"claim_id": ["A1-x-01"]}),
    }
    table = pv.sourcing_table(descriptor, loader=tables.__getitem__).set_index("resource")
    assert table["kind"].to_dict() == {"monthly": pv.PUBLISHER_FILES, "figures": pv.PUBLISHED_FIGURES, "events": pv.EVENTS,
                                       "claims": pv.LEDGER}
    assert table.loc["figures", ["rows", "publisher_page", "secondary_page", "no_page"]].tolist() == [5, 1, 2, 2]
    assert table.loc["monthly", ["publisher_page", "secondary_page", "no_page"]].tolist() == [0, 0, 0]
    counts = pv.sourcing_counts(table.reset_index())
    assert counts["files_resources"] == counts["figures_resources"] == counts["events_resources"] == counts["ledger_resources"] == 1
    assert (counts["figures_publisher_page"], counts["figures_secondary_page"], counts["figures_no_page"]) == (1, 2, 2)
    assert (counts["events_rows"], counts["events_publisher_page"], counts["events_secondary_page"]) == (2, 1, 1)


def test_the_package_every_resource_counted_once_and_rows_add_up():
    table = pv.sourcing_table()
    counts = pv.sourcing_counts(table)
    assert sum(counts[f"{short}_resources"] for short in pv.SHORT.values()) == len(package_descriptor()["resources"])
    assert counts["figures_resources"] > 0 and counts["files_resources"] > 0
    for short in ("figures", "events"):
        assert counts[f"{short}_rows"] == counts[f"{short}_publisher_page"] + counts[f"{short}_secondary_page"] + counts[f"{short}_no_page"]
    # the tables derived from publishers' files carry no page per row
    files = table[table["kind"] == pv.PUBLISHER_FILES]
    assert not any("source_url" in load(name).columns for name in files["resource"])


def test_the_package_rows_marked_as_reported_are_never_counted_as_the_publishers_page():
    """The package's own marker of a press report ('as reported') agrees with the host rule."""
    for resource in package_descriptor()["resources"]:
        if pv.resource_kind(resource) != pv.PUBLISHED_FIGURES:
            continue
        table = load(resource["name"])
        columns = [c for c in ("publisher", "document", "source", "note") if c in table.columns]
        text = table[columns].astype("string").fillna("").agg(" ".join, axis=1).str.lower()
        marked = table.loc[text.str.contains("as reported", regex=False), "source_url"].dropna()
        wrong = [url for url in marked if pv.is_publisher_page(url)]
        assert not wrong, f"{resource['name']}: rows marked 'as reported' on a publisher's page: {wrong}"
