"""Each chapter's analysis: pure functions over the package's tables, and the chapter's figure
builders (one function per chart, returning the chart and the rows it shows).

One module per chapter of the book. They read tables through :mod:`analysis.data` and draw with
:mod:`analysis.book.charts`; the chapters' notebooks (``chapters/*.md``) only call them.
"""
