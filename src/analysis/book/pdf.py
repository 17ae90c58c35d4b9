"""The whole book as one PDF, printed by Chromium (Playwright's ``page.pdf``) with no network.

``make pdf`` (after ``make book``) runs ``python -m analysis.book.pdf``, which, holding the book's
build lock:

1. builds the single-page HTML edition (``jupyter-book --builder singlehtml``) in the build folder
   of ``make book``, whose executed pages it reuses: no chapter runs again;
2. serves that edition on the loopback interface; the page is opened from the build's root
   folder, so its ``_static/`` styles and scripts resolve (the single-page builder links them
   relative to the root while writing the page under ``chapters/``);
3. prepares it for paper: each chapter's title becomes a top-level heading that starts a page
   (so that PDF bookmarks go chapter > section), heading anchors ("#") and navigation are
   removed, links between pages become links inside the document, and a cover (title, version,
   date, how to cite: :mod:`analysis.book.cite`, the one source of the book's citation) and a
   table of contents are added; ``_static/amlo.css`` holds the print rules (no site chrome,
   static chart SVGs with their source line and description);
4. prints it twice: the first print gives each heading's page (read from the PDF's named
   destinations with pypdf), which the contents then show; the second is the PDF, with
   bookmarks, tags, and page numbers in the footer;
5. puts the PDF in the HTML book (``<PDF_NAME>`` at the site's root) and links it from the
   introduction (the placeholder ``analysis.book.layout`` leaves there) with its size and page
   count, then publishes the book again (:func:`analysis.book.build.publish`: one atomic swap).
   ``make book`` withdraws both (:func:`analysis.book.layout.withdraw_pdf`) whenever it rebuilds: a book is never
   published with the PDF of other inputs.

When nothing changed since the last print (same book inputs, same Chromium, the PDF still in the
published book: :func:`pdf_fingerprint`), ``make pdf`` says so and prints nothing.
"""

from __future__ import annotations

import argparse
import functools
import hashlib
import html
import http.server
import io
import os
import re
import shutil
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

import analysis
from analysis.book.layout import PDF_NAME, PDF_SLOT, withdraw_pdf
from analysis.data import REPO_ROOT

ROOT_DOC = "chapters/intro"
PRINT_PAGE = "book-print.html"
MARGIN = {"top": "16mm", "bottom": "18mm", "left": "15mm", "right": "15mm"}
FOOTER = ('<div style="width:100%;font-size:8px;color:#555;padding:0 15mm;display:flex;'
          'justify-content:space-between;font-family:DejaVu Sans,Helvetica,Arial,sans-serif">'
          '<span>{title}, version {version}</span>'
          '<span>Page <span class="pageNumber"></span> of <span class="totalPages"></span></span></div>')
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
PUBLISHERS_NOTE = "Cite also the original publishers named with each table and chart."


@dataclass(frozen=True)
class Cover:
    title: str
    version: str
    date: str
    citation: str
    data_citation: str


def cover() -> Cover:
    """What the cover says: the suggested citations of :mod:`analysis.book.cite` and the date of the
    version (its changelog date once released, else the build date)."""
    from analysis.book import cite

    return Cover(title=cite.BOOK_TITLE, version=analysis.__version__, date=cite.version_date(),
                 citation=cite.book_citation(), data_citation=cite.data_citation())


def cover_html(info: Cover) -> str:
    e = html.escape
    return (f'<section class="amlo-pdf-cover"><p class="amlo-pdf-kicker">An open, reproducible report and data package</p>'
            f'<h1 class="amlo-pdf-title">{e(info.title)}</h1>'
            f'<p class="amlo-pdf-meta">Version {e(info.version)} · {e(info.date)}</p>'
            f'<div class="amlo-pdf-cite"><p><strong>How to cite</strong></p><p>{e(info.citation)}</p>'
            f'<p>The data: {e(info.data_citation)}</p><p>{e(PUBLISHERS_NOTE)}</p></div></section>')


PRINT_CSS = """
@page { size: A4; }
/* sphinx-book-theme hides a page's first h1 in print (it prints its own title): here every
   chapter's title is the first h1 of its section, and stays. */
.bd-main .bd-content .bd-article h1:first-of-type { display: block !important; }
.amlo-pdf-cover { break-after: page; padding-top: 18vh; }
.amlo-pdf-kicker { font-size: 12pt; color: #444; margin: 0; }
.amlo-pdf-title { font-size: 26pt; line-height: 1.2; margin: 0.4em 0; break-before: avoid !important; }
.amlo-pdf-meta { font-size: 13pt; }
.amlo-pdf-cite { margin-top: 22vh; font-size: 10pt; }
.amlo-pdf-toc { break-after: page; }
.amlo-pdf-toc h2 { font-size: 18pt; }
.amlo-pdf-toc ol { list-style: none; padding: 0; margin: 0; }
.amlo-pdf-toc li { display: flex; gap: 0.5em; font-size: 10pt; line-height: 1.5; }
.amlo-pdf-toc li.amlo-pdf-toc-chapter { font-weight: 600; margin-top: 0.5em; font-size: 11pt; }
.amlo-pdf-toc li.amlo-pdf-toc-section { padding-left: 1.5em; }
.amlo-pdf-toc li a { color: inherit; text-decoration: none; }
.amlo-pdf-toc li .amlo-pdf-dots { flex: 1; border-bottom: 1px dotted #999; margin-bottom: 0.35em; }
.bd-article h1[data-amlo-chapter] { break-before: page; }
.amlo-pdf-cover h1 { break-before: auto; }
"""

# Run in the page before printing. Returns the headings [level, text, id] the contents list.
PREPARE = """([coverHtml, css, siteUrl]) => {
  const article = document.querySelector('article.bd-article') || document.querySelector('main');
  // Each included page's headings one level up: its title is a chapter (h1), its sections h2.
  document.querySelectorAll('span[id^="document-"] + section').forEach(section => {
    section.querySelectorAll('h2, h3, h4, h5, h6').forEach(h => {
      const up = document.createElement('h' + (Number(h.tagName[1]) - 1));
      for (const a of h.attributes) up.setAttribute(a.name, a.value);
      up.innerHTML = h.innerHTML;
      h.replaceWith(up);
    });
    const title = section.querySelector('h1');
    if (title) title.setAttribute('data-amlo-chapter', '');
  });
  const first = article.querySelector('h1');
  if (first) first.setAttribute('data-amlo-chapter', '');
  // The theme's own print header (a list of the pages) and navigation give way to the cover and contents.
  document.querySelectorAll('#jb-print-docs-body, a.headerlink, .skip-link').forEach(a => a.remove());
  // Links to other pages of the site point inside the document when their target is in it; links
  // to the site's files (data, downloads) to the published site, or, before it has an address,
  // become plain text: a PDF never links to the print server.
  document.querySelectorAll('a[href]').forEach(a => {
    const href = a.getAttribute('href');
    if (/^(https?:|mailto:|data:|#)/.test(href)) return;
    const hash = href.split('#')[1];
    if (hash && document.getElementById(decodeURIComponent(hash))) a.setAttribute('href', '#' + hash);
    else if (siteUrl && href) a.setAttribute('href', new URL(href, siteUrl).href);
    else a.replaceWith(...a.childNodes);
  });
  const style = document.createElement('style'); style.textContent = css; document.head.appendChild(style);
  // Each heading gets an id of its own (Sphinx puts ids on sections, and the included pages repeat
  // some, e.g. "id1"): the contents link it, and Chromium writes it as the PDF's named destination.
  const headings = [...article.querySelectorAll('h1, h2')].filter(h => h.getClientRects().length).map((h, i) => {
    h.id = 'amlo-pdf-h' + i;
    return [Number(h.tagName[1]), h.textContent.replace(/\\s+/g, ' ').trim(), h.id];
  });
  article.insertAdjacentHTML('afterbegin', coverHtml + '<nav class="amlo-pdf-toc" aria-label="Contents"></nav>');
  return headings;
}"""

FILL_TOC = """([headings, pages]) => {
  const items = headings.map(([level, text, id], i) =>
    `<li class="amlo-pdf-toc-${level === 1 ? 'chapter' : 'section'}"><a href="#${id}">${text.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</a>` +
    `<span class="amlo-pdf-dots"></span><span>${pages[i] || ''}</span></li>`).join('');
  document.querySelector('.amlo-pdf-toc').innerHTML = '<h2>Contents</h2><ol>' + items + '</ol>';
}"""


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def heading_pages(pdf_bytes: bytes, headings: list) -> list[int]:
    """The page (1-based) of each heading, from the PDF's named destinations: Chromium writes one
    for every element that a link of the document targets, and the contents link every heading."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf_bytes))
    pages = {str(name).removeprefix("/"): reader.get_destination_page_number(dest) + 1
             for name, dest in reader.named_destinations.items()}
    missing = [text for _, text, anchor in headings if anchor not in pages]
    if missing:
        raise RuntimeError(f"no destination in the PDF for {len(missing)} headings, e.g. {missing[:3]}")
    return [pages[anchor] for _, _, anchor in headings]


def with_bookmarks(pdf_bytes: bytes, headings: list, pages: list[int]) -> bytes:
    """The PDF with a bookmark per chapter (level 1) and, under it, per section (level 2)."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_bytes)))
    chapter = None
    for (level, text, _), page in zip(headings, pages):
        item = writer.add_outline_item(title=text, page_number=page - 1, parent=chapter if level > 1 else None)
        if level == 1:
            chapter = item
    writer.page_mode = "/UseOutlines"
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def outline(path: Path) -> list[tuple[int, str, int]]:
    """(depth, title, 1-based page) of every bookmark of a PDF, in order (depth 0 = chapter)."""
    from pypdf import PdfReader

    reader = PdfReader(str(path))
    found: list[tuple[int, str, int]] = []

    def walk(items, depth):
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                found.append((depth, item.title, reader.get_destination_page_number(item) + 1))

    walk(reader.outline, 0)
    return found


def build_single_page(source: Path, work: Path) -> int:
    """``jupyter-book build --builder singlehtml`` into ``work`` (``make book``'s build folder, whose
    execution cache it reads); returns its exit status."""
    from analysis.book.build import JB_FLAGS

    command = [str(Path(sys.executable).parent / "jupyter-book"), "build", *JB_FLAGS, "--builder", "singlehtml",
               "--path-output", str(work), str(source)]
    return subprocess.run(command, cwd=source).returncode


def print_book(singlehtml: Path, out: Path, root_doc: str = ROOT_DOC) -> dict:
    """Print the single-page build in ``singlehtml`` to ``out``; returns pages and bookmarks."""
    from playwright.sync_api import sync_playwright
    from pypdf import PdfReader

    from analysis.book import cite

    source = singlehtml / f"{root_doc}.html"
    if not source.is_file():
        raise FileNotFoundError(f"{source}: build the single-page edition first (make pdf does)")
    shutil.copyfile(source, singlehtml / PRINT_PAGE)
    handler = functools.partial(_Quiet, directory=str(singlehtml))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    info = cover()
    footer = FOOTER.format(title=html.escape(info.title), version=html.escape(info.version))
    options = dict(format="A4", margin=MARGIN, print_background=True, tagged=True,
                   display_header_footer=True, header_template="<span></span>", footer_template=footer)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 794, "height": 1123}, color_scheme="light")
            host = f"127.0.0.1:{httpd.server_address[1]}"
            page.route("**/*", lambda r: r.continue_() if host in r.request.url or r.request.url.startswith("data:") else r.abort())
            page.goto(f"http://{host}/{PRINT_PAGE}", wait_until="load")  # the whole document parsed
            page.wait_for_load_state("networkidle")
            page.emulate_media(media="print")
            headings = page.evaluate(PREPARE, [cover_html(info), PRINT_CSS, cite.publication().site_url])
            page.evaluate(FILL_TOC, [headings, []])
            pages = heading_pages(page.pdf(**options), headings)
            page.evaluate(FILL_TOC, [headings, pages])
            final = page.pdf(**options)
            browser.close()
    finally:
        httpd.shutdown()
        (singlehtml / PRINT_PAGE).unlink(missing_ok=True)
    if heading_pages(final, headings) != pages:
        raise RuntimeError("the headings moved when the contents got their page numbers")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(with_bookmarks(final, headings, pages))
    marks = outline(out)
    return {"pages": len(PdfReader(str(out)).pages), "bookmarks": len(marks), "bytes": out.stat().st_size,
            "chapters": [title for depth, title, _ in marks if depth == 0]}


def download_link(size_bytes: int, pages: int, root_doc: str = ROOT_DOC) -> str:
    href = "../" * root_doc.count("/") + PDF_NAME
    return (f'<p class="amlo-pdf-download"><a href="{href}" download>Download the whole book as a PDF</a> '
            f'({pages} pages, {size_bytes / 1e6:.1f} MB; version {html.escape(analysis.__version__)}).</p>')


def link_from_book(pdf: Path, built: Path, published: Path, pages: int, root_doc: str = ROOT_DOC) -> dict[str, int]:
    """Put the PDF in the built HTML book (``built``, from ``make book``), fill the introduction's
    placeholder with a link to it, and publish the book again as ``published``."""
    from analysis.book.build import publish

    intro = built / f"{root_doc}.html"
    text = re.sub(r'<p class="amlo-pdf-download">.*?</p>', PDF_SLOT, intro.read_text(encoding="utf-8"), count=1, flags=re.S)
    if PDF_SLOT not in text:
        raise RuntimeError(f"{intro} has no PDF placeholder: was it built with analysis.book.layout?")
    shutil.copyfile(pdf, built / PDF_NAME)
    temporary = intro.with_suffix(".tmp")
    temporary.write_text(text.replace(PDF_SLOT, download_link(pdf.stat().st_size, pages, root_doc), 1), encoding="utf-8")
    os.replace(temporary, intro)
    return publish(built, published)


def withdraw(built: Path, root_doc: str = ROOT_DOC) -> None:
    """Remove the PDF and the introduction that links it from the built book (``make book``
    does before it rebuilds: :func:`analysis.book.layout.withdraw_pdf`)."""
    withdraw_pdf(built, root_doc)


def pdf_fingerprint(out: Path, published: Path) -> str | None:
    """What a printed PDF depends on, or None when there is nothing to compare: the book's inputs
    (the published book must be the build of this working tree), Chromium, which prints it, and the
    PDF itself, both where it was printed and in the published book. Equal fingerprints mean a new
    print would give the same file, so ``make pdf`` (run by every ``make test``) skips it."""
    from analysis.book.build import build_fingerprint, stamped_with

    copies = [out, published / PDF_NAME]
    if not all(path.is_file() for path in copies):
        return None
    inputs = build_fingerprint(REPO_ROOT)
    if not stamped_with(published, inputs):
        return None
    digest = hashlib.sha256(inputs.encode())
    printer = CHROMIUM.stat()
    digest.update(f"\0{CHROMIUM}\0{printer.st_size}\0{printer.st_mtime_ns}\0{out.resolve()}".encode())
    for path in copies:
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def main(argv: list[str] | None = None) -> int:
    from analysis.data.atomic import exclusive

    parser = argparse.ArgumentParser(prog="python -m analysis.book.pdf", description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO_ROOT / "_build" / PDF_NAME)
    args = parser.parse_args(argv)
    if not CHROMIUM.is_file():
        print("Printing the PDF needs Chromium at /usr/bin/chromium: run 'make browser-deps'", file=sys.stderr)
        return 1
    work, published = REPO_ROOT / "_build" / "work", REPO_ROOT / "_build" / "html"
    built = work / "_build" / "html"
    if not (built / f"{ROOT_DOC}.html").is_file():
        print(f"no built book in {built}: run 'make book' first (make pdf does)", file=sys.stderr)
        return 1
    with exclusive(REPO_ROOT / "_build" / ".book.lock", f"a book build of {REPO_ROOT}"):
        stamp = REPO_ROOT / "_build" / ".pdf.inputs.sha256"
        inputs = pdf_fingerprint(args.out, published)
        if inputs is not None and stamp.is_file() and stamp.read_text(encoding="utf-8").strip() == inputs:
            print(f"PDF up to date: {args.out} is the print of the published book (nothing changed since it was printed)")
            return 0
        stamp.unlink(missing_ok=True)
        if build_single_page(REPO_ROOT, work) != 0:
            print("FAILED: the single-page edition did not build (see above); no PDF was printed", file=sys.stderr)
            return 1
        result = print_book(work / "_build" / "singlehtml", args.out)
        link_from_book(args.out, built, published, pages=result["pages"])
        stamp.write_text((pdf_fingerprint(args.out, published) or "") + "\n", encoding="utf-8")
    print(f"PDF: {args.out} ({result['pages']} pages, {result['bytes'] / 1e6:.1f} MB, {result['bookmarks']} bookmarks; "
          f"chapters: {', '.join(result['chapters'])})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
