"""Lint replies where they already are: a pandas DataFrame, a Dask one, a Spark one.

``pip install cslint[dataframes]`` adds pandas and pyarrow; cslint itself needs neither,
so nothing here is imported by ``import cslint``. See docs/scale.md.
"""
from __future__ import annotations

try:
    import pandas  # noqa: F401 - only to say what is missing, in one line
except ImportError:
    raise ImportError("cslint.dataframes needs pandas, which is not installed: pip install 'cslint[dataframes]'") from None

from .frame import FINDING_COLUMNS, findings_schema, lint_frame, summary

__all__ = ["FINDING_COLUMNS", "findings_schema", "lint_frame", "summary"]
