"""Derivation of the data package from the publishers' raw files (``raw/``).

- :mod:`analysis.etl.steps`: the ordered list of steps, each with the raw files it reads and the
  tables it writes; one module per source (``analysis.etl.<source>``) holds the pure functions that
  derive its tables, and the YAML file beside it (``<source>.meta.yml``) each table's metadata and
  hand-written Table Schema.
- :mod:`analysis.etl.raw`: the raw snapshots and their manifest (checksums verified first).
- :mod:`analysis.etl.package`: running the stages, writing and checking ``data/``.
- :mod:`analysis.etl.resource`: the building blocks (:class:`Resource`, :func:`field_`...).
- :mod:`analysis.etl.meta`: :func:`resources_from_meta`, a step's resources read from its ``.meta.yml``.

``python -m analysis data`` runs the whole derivation (:mod:`analysis.pipeline`). Nothing here is
read by the book build.
"""

from analysis.etl.resource import (
    DATA_LICENSE,
    DataFrames,
    DerivationError,
    Resource,
    field_,
    foreign_key,
    read_csv_with_header,
    to_csv_bytes,
)
from analysis.etl.meta import MetadataError, resources_from_meta

__all__ = ["DATA_LICENSE", "DataFrames", "DerivationError", "MetadataError", "Resource", "field_", "foreign_key", "read_csv_with_header",
           "resources_from_meta", "to_csv_bytes"]
