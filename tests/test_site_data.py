"""The built site serves data users and re-executors (``make test`` builds _build/html first).

- the data package in the site validates (frictionless, v2) and is ``data/`` byte for byte; the
  zip holds it whole with README and licence; the Excel workbook opens, one sheet per table;
- every link of the data dictionary resolves to a file of the site;
- every chart has its rows, metadata and zip as files of the site, and a stable anchor;
- no launch or repository button points at a repository, since none is configured;
- each chapter's ``.ipynb`` download starts with its set-up cell, and runs outside the repository;
- ``make chapter NAME=trade`` re-executes only that chapter, with zero warnings.
"""

from __future__ import annotations

import hashlib
import html as html_lib
import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from urllib.parse import unquote, urljoin

import pytest

import analysis
from analysis.book import sitedata, standalone
from analysis.book.sphinx_ext import launch_options

ROOT = Path(__file__).resolve().parents[1]
HTML = ROOT / "_build" / "html"
SITE_DATA = HTML / "data"
DESCRIPTOR = json.loads((ROOT / "data" / "datapackage.json").read_text(encoding="utf-8"))
RESOURCES = DESCRIPTOR["resources"]
BUNDLE = DESCRIPTOR["name"]


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    if not (HTML / "index.html").is_file():
        pytest.fail("no built book in _build/html: run `make book` (make test does it first)")
    return {str(p.relative_to(HTML)): p.read_text(encoding="utf-8") for p in HTML.rglob("*.html") if "_static" not in p.parts}


def local_target(page: str, href: str) -> Path | None:
    """The file of the site an href of ``page`` points at (None for other hosts and anchors)."""
    if href.startswith(("#", "mailto:", "javascript:")) or re.match(r"^[a-z][a-z0-9+.-]*:", href):
        return None
    path = urljoin(page, unquote(re.split(r"[#?]", href, maxsplit=1)[0]))
    return HTML / path if path else None


# ---- the data package in the site ------------------------------------------------------------

def test_site_package_is_data_byte_for_byte(pages):
    assert (SITE_DATA / "datapackage.json").read_bytes() == (ROOT / "data/datapackage.json").read_bytes()
    for resource in RESOURCES:
        copy = SITE_DATA / resource["path"]
        assert copy.is_file(), f"{resource['path']} missing from the site"
        assert copy.read_bytes() == (ROOT / "data" / resource["path"]).read_bytes(), resource["path"]
        assert "sha256:" + hashlib.sha256(copy.read_bytes()).hexdigest() == resource["hash"]
        schema = json.loads((SITE_DATA / "schemas" / f"{resource['name']}.json").read_text(encoding="utf-8"))
        assert schema == resource["schema"]


def test_site_package_validates_with_frictionless_in_v2_mode(pages):
    code = (
        "from frictionless import Package, system\n"
        "with system.use_context(standards='v2'):\n"
        f"    package = Package(r'{SITE_DATA / 'datapackage.json'}')\n"
        "    report = package.validate()\n"
        "    assert report.valid, report.flatten(['resourceName', 'rowNumber', 'fieldName', 'type'])[:5]\n"
        "    print(len(package.resources), report.stats['errors'])\n"
    )
    result = subprocess.run([sys.executable, "-I", "-c", code], capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.split() == [str(len(RESOURCES)), "0"]


def test_zip_holds_the_whole_package_with_readme_and_licence(pages, tmp_path):
    archive = zipfile.ZipFile(SITE_DATA / f"{BUNDLE}.zip")
    names = set(archive.namelist())
    expected = {f"{BUNDLE}/{p}" for p in ["datapackage.json", "README.md", "LICENSE-DATA.md", *(r["path"] for r in RESOURCES)]}
    assert names == expected
    for resource in RESOURCES:
        assert archive.read(f"{BUNDLE}/{resource['path']}") == (ROOT / "data" / resource["path"]).read_bytes()
    readme = archive.read(f"{BUNDLE}/README.md").decode()
    assert "CC BY" in readme or "Creative Commons Attribution 4.0" in readme
    assert f"Version {analysis.__version__}" in readme and "Cite as:" in readme
    archive.extractall(tmp_path)
    from frictionless import Package

    assert Package(str(tmp_path / BUNDLE / "datapackage.json")).validate().valid


def test_workbook_has_one_sheet_per_table_and_the_metadata(pages):
    import datetime as dt

    import openpyxl

    book = openpyxl.load_workbook(SITE_DATA / f"{BUNDLE}.xlsx", read_only=True)
    sheets = sitedata._sheet_names([r["name"] for r in RESOURCES])
    assert book.sheetnames == ["about", *sheets.values(), "fields", "sources"]
    about = [row for row in book["about"].iter_rows(values_only=True)]
    assert ("Version", analysis.__version__) == about[1][:2]
    assert any(row[0] == "Licence" and "Creative Commons Attribution 4.0" in row[1] for row in about)
    listed = {row[0]: row for row in about if row and row[0] in set(sheets.values())}
    for resource in RESOURCES:
        rows = sum(1 for _ in (ROOT / "data" / resource["path"]).open("rb")) - 1
        sheet = book[sheets[resource["name"]]]
        assert sheet.max_row - 1 == rows == listed[sheets[resource["name"]]][4], resource["name"]
        assert [c.value for c in next(sheet.iter_rows(max_row=1))] == [f["name"] for f in resource["schema"]["fields"]]
    states = list(book[sheets["states"]].iter_rows(min_row=2, max_row=2, values_only=True))[0]
    assert states[0] == "01", "codes must stay text in the workbook"
    events = book[sheets["events"]]
    date_column = [f["name"] for f in next(r for r in RESOURCES if r["name"] == "events")["schema"]["fields"]].index("date")
    assert isinstance(list(events.iter_rows(min_row=2, max_row=2, values_only=True))[0][date_column], dt.datetime)
    fields = list(book["fields"].iter_rows(values_only=True))
    assert fields[0] == ("table", "field", "type", "unit", "description", "constraints")
    assert len(fields) - 1 == sum(len(r["schema"]["fields"]) for r in RESOURCES)
    units = {(row[0], row[1]): row[3] for row in fields[1:]}
    for resource in RESOURCES:
        for spec in resource["schema"]["fields"]:
            assert (units[(resource["name"], spec["name"])] or "") == spec.get("unit", "")
    sources = list(book["sources"].iter_rows(values_only=True))[1:]
    assert len(sources) == sum(len(r.get("sources", [])) for r in RESOURCES)


def test_zip_and_workbook_are_reproducible(tmp_path):
    """Two writes of the same package give the same bytes (fixed timestamps)."""
    a, b = tmp_path / "a", tmp_path / "b"
    first, second = sitedata.write_site_package(a), sitedata.write_site_package(b)
    assert first["zip"].read_bytes() == second["zip"].read_bytes()
    assert first["workbook"].read_bytes() == second["workbook"].read_bytes()


# ---- links of the data dictionary --------------------------------------------------------------

def test_every_data_dictionary_link_resolves(pages):
    page = "chapters/data-dictionary.html"
    hrefs = re.findall(r'href="([^"]+)"', pages[page])
    targets = [(href, local_target(page, html_lib.unescape(href))) for href in hrefs]
    local = [(href, target) for href, target in targets if target is not None]
    assert local, "the data dictionary links nothing of the site"
    broken = [href for href, target in local if not target.is_file()]
    assert not broken, f"data dictionary links that do not resolve in the site: {broken}"
    linked = {target.resolve() for _, target in local}
    for resource in RESOURCES:
        assert (SITE_DATA / resource["path"]).resolve() in linked, f"{resource['name']}: no link to its CSV"
        assert (SITE_DATA / "schemas" / f"{resource['name']}.json").resolve() in linked, f"{resource['name']}: no link to its schema"
    for download in (f"{BUNDLE}.zip", f"{BUNDLE}.xlsx", "datapackage.json"):
        assert (SITE_DATA / download).resolve() in linked, f"the dictionary does not offer {download}"
    assert "amlo-site:" not in "".join(pages.values()), "an unresolved site link is left in a page"


# ---- the charts' downloads and permalinks -----------------------------------------------------

def figures(pages):
    for name, page in pages.items():
        for match in re.finditer(r'(<span class="amlo-anchor" id="([^"]+)"></span>)?<figure class="amlo-figure".*?</figure>', page, flags=re.S):
            yield name, match.group(2), match.group(0)


def test_every_chart_has_its_data_metadata_and_zip_as_files(pages):
    count = 0
    for page, anchor, block in figures(pages):
        count += 1
        assert anchor, f"{page}: a chart without its stable anchor"
        assert "data:text/csv" not in block and "data:application/json" not in block, f"{page}: a chart still embeds its downloads"
        links = dict(re.findall(r'<a class="amlo-(csv|metadata|zip)" download="[^"]+" href="([^"]+)"', block))
        assert set(links) == {"csv", "metadata", "zip"}, f"{page} {anchor}: downloads {sorted(links)}"
        files = {kind: local_target(page, href) for kind, href in links.items()}
        assert all(path is not None and path.is_file() for path in files.values()), f"{page} {anchor}: {links}"
        metadata = json.loads(files["metadata"].read_text(encoding="utf-8"))
        name = anchor.removeprefix("chart-")
        assert metadata["chart"] == name and metadata["permalink"] == f"#{anchor}"
        assert metadata["url"] == f"{page}#{anchor}", "without html.baseurl the permalink is the page's path in the site"
        assert metadata["version"] == analysis.__version__
        assert metadata["title"] and metadata["description"] and metadata["source"].startswith("Source: ")
        assert metadata["licenses"] == DESCRIPTOR["licenses"]
        assert metadata["citation"].endswith(metadata["url"]) and analysis.__version__ in metadata["citation"]
        with open(files["csv"], encoding="utf-8") as handle:
            header = handle.readline().strip().split(",")
        assert [c["name"] for c in metadata["columns"]] == header
        for column in metadata["columns"]:
            assert column["description"], f"{name}.{column['name']} has no definition"
        for resource in metadata["resources"]:
            assert local_target("", resource["path"]).is_file() and resource["sources"], f"{name}: {resource['name']}"
        archive = zipfile.ZipFile(files["zip"])
        assert sorted(archive.namelist()) == sorted([f"{name}.csv", f"{name}.metadata.json", "README.md"])
        assert archive.read(f"{name}.csv") == files["csv"].read_bytes()
        assert f'href="#{anchor}">Link to this chart</a>' in block
        assert metadata["url"] in block, f"{page} {anchor}: the visible citation lacks the permalink"
    assert count >= 20


def test_chart_anchors_are_unique_and_do_not_depend_on_the_data(pages):
    anchors = [anchor for _, anchor, _ in figures(pages)]
    assert len(anchors) == len(set(anchors))
    for page, anchor, block in figures(pages):
        element = re.search(r'<figure class="amlo-figure" id="([^"]+)"', block).group(1)
        assert anchor == "chart-" + re.sub(r"-[0-9a-f]{12}-figure$", "", element.removeprefix("fig-")), (anchor, element)


def test_chart_metadata_draws_units_from_the_resources():
    """With resources declared, a column of the chart is described by its field in the package."""
    import altair as alt
    import pandas as pd

    from analysis.book.charts import figure

    rows = pd.DataFrame({"year": [2019, 2020], "gdp_usd": [1.0, 2.0], "share": [0.1, 0.2]})
    fig = figure(alt.Chart(rows).mark_line().encode(x="year:O", y="gdp_usd:Q"), name="test-meta", title="A test title",
                 source="Test", description="A test line for the metadata", resources=["country_indicators"])
    meta = fig.metadata()
    columns = {c["name"]: c for c in meta["columns"]}
    spec = next(f for f in next(r for r in RESOURCES if r["name"] == "country_indicators")["schema"]["fields"] if f["name"] == "gdp_usd")
    assert columns["gdp_usd"]["unit"] == spec["unit"] and columns["gdp_usd"]["from"] == "country_indicators.gdp_usd"
    assert columns["share"]["from"] == "" and columns["share"]["type"] == "number"
    assert [r["name"] for r in meta["resources"]] == ["country_indicators"] and meta["resources_note"] == ""
    undeclared = figure(alt.Chart(rows).mark_line().encode(x="year:O", y="gdp_usd:Q"), name="test-meta2", title="A test title",
                        source="World Bank (country_indicators)", description="A test line for the metadata").metadata()
    assert [r["name"] for r in undeclared["resources"]] == ["country_indicators"]
    assert "does not declare" in undeclared["resources_note"]


# ---- launch buttons ----------------------------------------------------------------------------

def test_no_launch_or_repository_button_without_a_configured_repository(pages):
    import yaml

    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    assert not (config.get("repository") or {}).get("url"), "this test describes the default: no repository configured"
    for name, page in pages.items():
        for host in ("mybinder.org", "colab.research.google.com", "github.com/amlo-era-report"):
            assert host not in page, f"{name} has a button to {host}, but no repository is configured"
        assert 'class="btn btn-sm btn-source-repository-button' not in page and "repository-button" not in page, name


def test_launch_buttons_follow_the_repository_setting():
    options = {"launch_buttons": {"binderhub_url": "https://mybinder.org", "colab_url": "https://colab.research.google.com",
                                  "notebook_interface": "jupyterlab"}, "repository_url": "", "use_repository_button": True}
    off = launch_options(options)
    assert off["launch_buttons"] == {"notebook_interface": "jupyterlab"}
    assert off["use_repository_button"] is False and "repository_url" not in off
    on = launch_options({**options, "repository_url": "https://github.com/org/repo"})
    assert on["launch_buttons"]["binderhub_url"] and on["launch_buttons"]["colab_url"] and on["use_repository_button"] is True


def test_colab_opens_the_published_notebook_not_the_markdown():
    from types import SimpleNamespace

    from analysis.book.sphinx_ext import _colab_to_published_notebook

    context = {"header_buttons": [{"label": "launch-buttons", "buttons": [
        {"text": "Binder", "url": "https://mybinder.org/v2/gh/org/repo/main?urlpath=lab/tree/chapters/trade.md"},
        {"text": "Colab", "url": "https://colab.research.google.com/github/org/repo/blob/main/chapters/trade.md"}]}]}
    _colab_to_published_notebook(SimpleNamespace(config=SimpleNamespace(amlo_pages_branch="gh-pages")), "chapters/trade", context)
    binder, colab = context["header_buttons"][0]["buttons"]
    assert colab["url"] == "https://colab.research.google.com/github/org/repo/blob/gh-pages/_sources/chapters/trade.ipynb"
    assert binder["url"].endswith("chapters/trade.md"), "Binder opens the Markdown chapter through jupytext"


def test_binder_finds_an_environment_with_jupyter_and_jupytext():
    environment = (ROOT / "environment.yml").read_text(encoding="utf-8")
    assert "-r requirements.lock" in environment
    lock = (ROOT / "requirements.lock").read_text(encoding="utf-8")
    assert re.search(r"^jupyterlab==", lock, flags=re.M) and re.search(r"^jupytext==", lock, flags=re.M)


# ---- downloadable notebooks --------------------------------------------------------------------

def chapter_pages() -> list[str]:
    from analysis.book.notebooks import chapter_notebooks

    return [p.stem for p in chapter_notebooks()]


@pytest.mark.parametrize("name", chapter_pages())
def test_ipynb_download_starts_with_its_set_up_cell(pages, name):
    import nbformat

    page = pages[f"chapters/{name}.html"]
    assert f'href="../_sources/chapters/{name}.ipynb"' in page, f"{name}: no .ipynb download"
    notebook = nbformat.read(HTML / "_sources" / "chapters" / f"{name}.ipynb", as_version=4)
    nbformat.validate(notebook)
    note, setup = notebook.cells[:2]
    assert note.cell_type == "markdown" and f"version {analysis.__version__}" in note.source
    assert setup.cell_type == "code" and standalone.wheel_name() in setup.source
    assert (HTML / standalone.FOLDER / standalone.wheel_name()).is_file()
    assert (HTML / standalone.FOLDER / "requirements.lock").read_bytes() == (ROOT / "requirements.lock").read_bytes()


@pytest.mark.slow
def test_downloaded_notebook_runs_outside_the_repository(pages, tmp_path):
    """The trade chapter's download, in a folder with only the site's files, the package installed
    from the site's wheel (pip, no index), and a kernel that cannot see the repository."""
    import nbformat
    from nbclient import NotebookClient

    work = tmp_path / "reader"
    work.mkdir()
    notebook = nbformat.read(HTML / "_sources" / "chapters" / "trade.ipynb", as_version=4)
    for name in (standalone.FOLDER + "/requirements.lock", f"data/{BUNDLE}.zip"):
        (work / name.rsplit("/", 1)[-1]).write_bytes((HTML / name).read_bytes())
    site = tmp_path / "site-packages"
    wheel = HTML / standalone.FOLDER / standalone.wheel_name()
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-index", "--target", str(site), str(wheel)],
                   check=True, capture_output=True, timeout=300)
    assert (site / "analysis" / "book" / "static").is_dir()
    import sysconfig

    # -S: no site-packages processing, so the editable install's path to src/ is not seen; the
    # environment's packages (pandas, altair…) come from PYTHONPATH after the installed wheel.
    kernels = tmp_path / "kernels" / "kernels" / "reader"
    kernels.mkdir(parents=True)
    (kernels / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-S", "-m", "ipykernel_launcher", "-f", "{connection_file}"], "display_name": "reader", "language": "python",
        "env": {"PYTHONPATH": os.pathsep.join([str(site), sysconfig.get_paths()["purelib"]])},
    }))
    env_before = dict(os.environ)
    try:
        os.environ["JUPYTER_PATH"] = str(tmp_path / "kernels")
        os.environ.pop("AMLO_DATA_PACKAGE", None)
        NotebookClient(notebook, timeout=600, kernel_name="reader", resources={"metadata": {"path": str(work)}}).execute()
    finally:
        os.environ.clear()
        os.environ.update(env_before)
    printed = "".join(o.get("text", "") for o in notebook.cells[1].outputs)
    assert f"analysis {analysis.__version__}" in printed and str(work / BUNDLE / "datapackage.json") in printed
    assert f"from {site} " in printed and str(ROOT) not in printed, f"the notebook used the repository's copy: {printed}"
    figures_html = [o["data"]["text/html"] for c in notebook.cells if c.cell_type == "code" for o in c.outputs if "text/html" in o.get("data", {})]
    assert sum("amlo-figure" in h for h in figures_html) >= 5


# ---- one chapter re-executed -------------------------------------------------------------------

@pytest.mark.slow
def test_make_chapter_rebuilds_only_that_chapter_with_zero_warnings(pages, tmp_path):
    # On a copy of the build's working folder (execution cache, doctrees) published to a folder of
    # its own: the book the other tests read, and its PDF, stay the ones make test built.
    shutil.copytree(ROOT / "_build" / "work", tmp_path / "work", symlinks=True)
    result = subprocess.run(["make", "chapter", "NAME=trade", f"BUILD={tmp_path}"], cwd=ROOT, capture_output=True, text=True, timeout=1200)
    log = result.stdout + result.stderr
    assert result.returncode == 0, log[-3000:]
    assert not re.search(r"\bWARNING: |\bwarning: ", log.replace("[IPKernelApp] WARNING | Kernel is running over TCP", "")), log[-3000:]
    read = re.findall(r"reading sources\.\.\. \S*\[\s*\d+%\]\s+\S*?(chapters/[\w-]+)", re.sub(r"\x1b\[[0-9;]*m", "", log))
    assert read == ["chapters/trade"], f"make chapter re-read {read}"
    trade = (tmp_path / "html" / "chapters" / "trade.html").read_text(encoding="utf-8")
    assert 'class="reference internal" href="data-dictionary.html#resource-' in trade
    assert "amlo-figure" in trade and "Traceback" not in trade


def test_make_chapter_needs_a_name():
    result = subprocess.run(["make", "-s", "chapter"], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert result.returncode != 0 and "usage: make chapter NAME=trade" in result.stdout
