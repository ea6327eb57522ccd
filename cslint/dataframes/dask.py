"""``lint_dask``: :func:`~cslint.dataframes.lint_frame` over the partitions of a Dask
DataFrame (``pip install 'cslint[dataframes]' 'dask[dataframe]'``).

Each partition is linted where it lies; the output's columns and types are declared
(``meta``), so Dask builds the graph without running cslint on a sample first. Every
worker process compiles the rules once, at its first partition: the Config each task
unpickles is matched to the first equal one the process has seen.
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd

from ..config import Config
from .frame import findings_schema, lint_frame


def lint_dask(
    ddf: Any,
    text_column: str = "text",
    context_column: str | None = None,
    id_column: str | None = None,
    config: Config | None = None,
    *,
    carry: Sequence[str] = (),
) -> Any:
    """A lazy Dask DataFrame of the findings of ``ddf``: per partition, the rows
    :func:`lint_frame` gives for that partition with the same arguments."""
    empty = pd.DataFrame({name: pd.Series(dtype=dtype) for name, dtype in ddf.dtypes.items()})
    meta = findings_schema(empty, id_column, carry)
    return ddf.map_partitions(
        lint_frame, text_column, context_column, id_column, config, carry=tuple(carry), meta=meta,
        align_dataframes=False, enforce_metadata=False,
    )
