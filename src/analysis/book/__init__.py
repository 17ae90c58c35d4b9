"""Book machinery: what turns the chapters into a book, and nothing a chapter's analysis needs.

- :mod:`~analysis.book.charts`: the Altair theme and :func:`~analysis.book.charts.figure`, the
  wrapper every chart goes through; :mod:`~analysis.book.report`: key figures and tables.
- :mod:`~analysis.book.sphinx_ext`: the Sphinx extension (offline Vega, dependency tracking).
- :mod:`~analysis.book.notebooks`, :mod:`~analysis.book.snapshots`, :mod:`~analysis.book.bench`,
  :mod:`~analysis.book.release`, :mod:`~analysis.book.site`, :mod:`~analysis.book.paraphrase`:
  the tools behind ``make snapshots``, ``make bench``, ``make release``, ``make site`` and the tests.

It reads the data package (:mod:`analysis.data`) but never imports chapter or fact-check code.
"""
