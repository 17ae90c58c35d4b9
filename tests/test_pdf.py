"""The printed book (``make pdf``, which ``make test`` runs first): ``_build/<PDF_NAME>``.

Checked on the PDF itself, read back with pypdf (outline, pages, link annotations) and
poppler's ``pdftotext`` (the text of each page, as a reader copying it would get it):
- a cover with the title, version, date and the book's one suggested citation; contents whose
  page numbers are the pages the chapters start on;
- a bookmark for every chapter of ``_toc.yml``, in order, each with its sections under it, each
  pointing at the page where its heading is;
- a page count in a sane range and "Page N of M" in the footer of every page;
- none of the site's chrome (skip link, search, download buttons, toggles), no "#" anchor after a
  heading, no link to the print server;
- every chart of every chapter printed as its static SVG, its text selectable: its source line
  (drawn in the chart) and its description (the caption);
- the HTML book links the very same PDF from its introduction, with its page count.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

import analysis
from analysis.book import cite, pdf

ROOT = Path(__file__).resolve().parents[1]
PDF = ROOT / "_build" / pdf.PDF_NAME
HTML = ROOT / "_build" / "html"
PAGES = range(150, 801)  # the book prints to about 380 A4 pages; far fewer or more means content was lost or duplicated
CHROME = ["Skip to main content", "Ctrl+K", "Back to top", "Search this book", "Show the key figures behind this page",
          "Download the chart data (CSV)", "both in one zip", "Toggle navigation", "Print to PDF", "Download this page"]


def words(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00ad", "")).strip()


@pytest.fixture(scope="module")
def printed() -> Path:
    if not PDF.is_file():
        pytest.fail(f"no {PDF.relative_to(ROOT)}: run `make pdf` (make test does)")
    return PDF


@pytest.fixture(scope="module")
def reader(printed):
    from pypdf import PdfReader

    return PdfReader(str(printed))


@pytest.fixture(scope="module")
def page_texts(printed) -> list[str]:
    """The text of each page (pdftotext separates pages with a form feed)."""
    if shutil.which("pdftotext") is None:
        pytest.fail("pdftotext is missing: run `make browser-deps` (as root it installs poppler-utils) "
                    "or `sudo apt-get install poppler-utils`")
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(printed), "-"], capture_output=True, text=True, check=True).stdout
    return out.split("\f")[:-1]


@pytest.fixture(scope="module")
def marks(printed):
    return pdf.outline(printed)


def toc_files() -> list[str]:
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    return [toc["root"]] + [entry["file"] for part in toc.get("parts", []) for entry in part.get("chapters", []) or []]


def built_page(name: str) -> BeautifulSoup:
    path = HTML / f"{name}.html"
    if not path.is_file():
        pytest.fail(f"no built page {path}: run `make book`")
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def page_title(soup: BeautifulSoup) -> str:
    h1 = soup.select_one("article h1") or soup.find("h1")
    for anchor in h1.select("a.headerlink"):
        anchor.decompose()
    return words(h1.get_text(" "))


def test_page_count_and_page_numbers(reader, page_texts):
    total = len(reader.pages)
    assert total in PAGES, f"{total} pages"
    assert len(page_texts) == total
    missing = [i for i, text in enumerate(page_texts, 1) if f"Page {i} of {total}" not in text]
    assert not missing, f"pages without 'Page N of {total}' in the footer: {missing[:10]}"


def test_cover_says_what_the_book_is_and_how_to_cite_it(page_texts):
    cover = words(page_texts[0])
    assert words(cite.BOOK_TITLE) in cover
    assert f"Version {analysis.__version__} · {cite.version_date()}" in cover
    assert "How to cite" in cover
    assert words(cite.book_citation()) in cover, "the cover's citation is not the book's suggested citation"
    assert words(cite.data_citation()) in cover
    rest = words(" ".join(page_texts[1:]))
    assert rest.count(words(cite.book_citation())) <= 1, "the citation is printed again besides the cover (and the cite page)"


def test_a_bookmark_for_every_chapter_in_toc_order(marks):
    chapters = [title for depth, title, _ in marks if depth == 0]
    expected = [page_title(built_page(name)) for name in toc_files()]
    assert [words(c) for c in chapters] == expected


def test_sections_are_bookmarked_under_their_chapter(marks):
    sections: dict[str, int] = {}
    chapter = None
    for depth, title, _ in marks:
        assert depth in (0, 1), f"bookmark {title!r} is nested deeper than a section"
        if depth == 0:
            chapter = words(title)
            sections[chapter] = 0
        else:
            sections[chapter] += 1
    report = [page_title(built_page(name)) for name in toc_files()[:7]]  # the introduction, five chapters, the ledger
    assert not [title for title in report if sections.get(title, 0) == 0], f"chapters without section bookmarks: {sections}"


def test_bookmarks_point_at_their_headings(marks, page_texts):
    def squeezed(text):  # long code-like headings break anywhere
        return re.sub(r"\s+", "", text)

    wrong = [(title, page) for _, title, page in marks if squeezed(title)[:40] not in squeezed(page_texts[page - 1])]
    assert not wrong, f"bookmarks whose page does not show their heading: {wrong[:5]}"


def test_contents_give_the_pages_the_headings_are_on(marks, page_texts):
    """The contents list every bookmarked heading, in order, each with its page number."""
    first = next(i for i, text in enumerate(page_texts) if text.lstrip().startswith("Contents"))
    listing = [line.strip() for text in page_texts[first:marks[0][2] - 1] for line in text.splitlines()]
    numbers = [int(line) for line in listing if line.isdigit()]
    assert numbers == [page for _, _, page in marks]
    assert words(" ".join(page_texts[1:])).count("Contents") == 1, "a second 'Contents' (the theme's page contents)"


def test_no_site_chrome_and_no_heading_anchors(page_texts):
    text = "\n".join(page_texts)
    found = [phrase for phrase in CHROME if phrase in text]
    assert not found, f"site chrome printed: {found}"
    anchors = [line for line in text.splitlines() if re.search(r"\S\s*[#¶]\s*$", line)]
    assert not anchors, f"heading anchors printed: {anchors[:5]}"
    sample = (HTML / "chapters" / "elections.html").read_text(encoding="utf-8")
    assert 'class="headerlink"' in sample and "Skip to main content" in sample  # what the check would see if print kept them


def test_no_link_to_the_print_server(reader):
    uris = [str(a.get_object()["/A"].get("/URI", "")) for page in reader.pages for a in page.get("/Annots") or []
            if "/A" in a.get_object()]
    local = [u for u in uris if re.match(r"https?://(127\.0\.0\.1|localhost)", u)]
    assert not local, f"{len(local)} links to the print server, e.g. {local[:3]}"
    assert sum(u.startswith("https://") for u in uris) > 100  # the sources' own links stay


def test_every_chart_is_printed_with_its_source_line_and_description(page_texts):
    text = words(" ".join(page_texts))
    missing, count = [], 0
    for name in toc_files():
        for figure in built_page(name).select("figure.amlo-figure"):
            count += 1
            source = words(figure.select_one(".amlo-source").get_text(" "))
            description = words(figure.select_one(".amlo-description").get_text(" "))
            svg_text = words(" ".join(t.get_text(" ") for t in figure.select(".amlo-static-wide svg text")))
            assert source[:30] in svg_text, f"{name}: the chart's SVG does not draw its source line"
            for what, snippet in (("source line", source[:40]), ("description", description[:60])):
                if snippet not in text:
                    missing.append(f"{name}: {what} {snippet!r}")
    assert count >= 30, f"only {count} charts in the built book"
    assert not missing, "charts missing from the PDF:\n  " + "\n  ".join(missing[:10])


def test_the_introduction_links_this_pdf(reader):
    intro = built_page(pdf.ROOT_DOC)
    link = intro.select_one("p.amlo-pdf-download a[download]")
    assert link is not None, "the introduction has no PDF link: run `make pdf` after `make book`"
    target = (HTML / pdf.ROOT_DOC).parent / link["href"]
    assert target.resolve() == (HTML / pdf.PDF_NAME).resolve()
    assert target.read_bytes() == PDF.read_bytes(), "the site links another PDF than _build/" + pdf.PDF_NAME
    assert f"({len(reader.pages)} pages" in link.parent.get_text()


def test_withdraw_and_link_again(tmp_path):
    """A rebuilt book never keeps the PDF of other inputs; linking twice leaves one link."""
    built, published = tmp_path / "built", tmp_path / "published"
    (built / "chapters").mkdir(parents=True)
    intro = built / f"{pdf.ROOT_DOC}.html"
    intro.write_text(f"<h1>Intro</h1>{pdf.PDF_SLOT}<p>text</p>", encoding="utf-8")
    printed = tmp_path / "book.pdf"
    printed.write_bytes(b"%PDF-1.7 test")
    for _ in range(2):
        pdf.link_from_book(printed, built, published, pages=3)
    text = (published / f"{pdf.ROOT_DOC}.html").read_text(encoding="utf-8")
    assert text.count('class="amlo-pdf-download"') == 1 and "(3 pages" in text
    assert (published / pdf.PDF_NAME).read_bytes() == printed.read_bytes()
    pdf.withdraw(built)  # what make book does before a rebuild
    assert not (built / pdf.PDF_NAME).exists() and not intro.exists()


def test_a_second_make_pdf_with_nothing_changed_prints_nothing(printed):
    before = (printed.read_bytes(), printed.stat().st_mtime_ns, (HTML / pdf.PDF_NAME).stat().st_mtime_ns)
    result = subprocess.run([sys.executable, "-m", "analysis.book.pdf"], cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    assert "PDF up to date" in result.stdout, result.stdout[-2000:]
    assert (printed.read_bytes(), printed.stat().st_mtime_ns, (HTML / pdf.PDF_NAME).stat().st_mtime_ns) == before


def test_the_pdf_fingerprint_changes_with_the_pdf_and_needs_a_current_book(tmp_path):
    from analysis.book.build import build_fingerprint

    published = tmp_path / "html"
    published.mkdir()
    out = tmp_path / "book.pdf"
    out.write_bytes(b"%PDF-1.7 one")
    assert pdf.pdf_fingerprint(out, published) is None  # no book stamp, no PDF in the book
    (published / pdf.PDF_NAME).write_bytes(out.read_bytes())
    stamp = tmp_path / ".html.inputs.sha256"
    stamp.write_text("the stamp of another working tree\n", encoding="utf-8")
    assert pdf.pdf_fingerprint(out, published) is None  # the published book is not this tree's
    stamp.write_text(build_fingerprint(ROOT) + "\n", encoding="utf-8")
    first = pdf.pdf_fingerprint(out, published)
    assert first is not None and pdf.pdf_fingerprint(out, published) == first
    out.write_bytes(b"%PDF-1.7 two")
    assert pdf.pdf_fingerprint(out, published) not in (None, first)
