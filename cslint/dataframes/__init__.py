"""Lint replies where they already are: a pandas DataFrame, a Dask one, a Spark one.

``pip install cslint[dataframes]`` adds pandas and pyarrow; cslint itself needs neither,
so nothing here is imported by ``import cslint``. See docs/scale.md.
"""
from __future__ import annotations

from .frame import FINDING_COLUMNS, findings_schema, lint_frame, summary

__all__ = ["FINDING_COLUMNS", "findings_schema", "lint_frame", "summary"]
