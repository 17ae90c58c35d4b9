"""Analysis package for the report *U.S.–Mexico relations in the López Obrador era (2018–2024)*.

The version below is the single source of the project's version: the data package, the
book's footer and the release checks all read it from here.
"""

__version__ = "1.0.0"

from analysis.data import load, package_descriptor, resource_descriptor  # noqa: E402

__all__ = ["__version__", "load", "package_descriptor", "resource_descriptor"]
