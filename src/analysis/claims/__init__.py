"""Claims from the five articles, one module per chapter (``CLAIMS = [Claim(...)]``).

See :mod:`analysis.factcheck` for the rules that turn each claim's evidence into a verdict.
"""
