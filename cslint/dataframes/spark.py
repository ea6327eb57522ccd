"""Spark: :func:`~cslint.dataframes.lint_frame` over the batches of a PySpark DataFrame,
through ``DataFrame.mapInPandas`` (Spark 3.0 and later, Databricks alike).

Nothing here imports pyspark: :func:`lint_batches` is the function ``mapInPandas`` calls
on each executor with an iterator of pandas DataFrames, and :func:`spark_schema` the
output schema it must be told, as a DDL string. Each executor's Python worker compiles
the rules once, at its first batch (see docs/scale.md).
"""
from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence

import pandas as pd

from ..config import Config
from .frame import FINDING_COLUMNS, lint_frame

#: Spark SQL types of the finding columns.
_TYPES = {"line": "bigint", "column": "bigint", "end_line": "bigint", "end_column": "bigint"}


def lint_batches(
    text_column: str = "text",
    context_column: str | None = None,
    id_column: str | None = None,
    config: Config | None = None,
    *,
    carry: Sequence[str] = (),
) -> Callable[[Iterator[pd.DataFrame]], Iterator[pd.DataFrame]]:
    """The function to give ``mapInPandas``: each batch of replies in, its findings out
    (:func:`lint_frame` with these arguments)."""
    carried = tuple(carry)

    def lint(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        for batch in batches:
            yield lint_frame(batch, text_column, context_column, id_column, config, carry=carried)

    return lint


def spark_schema(id_column: str = "id", id_type: str = "string", carry: Mapping[str, str] | None = None) -> str:
    """The output schema of :func:`lint_batches` as Spark DDL: the id column of type
    ``id_type``, the carried columns with their Spark types, then the finding columns.

    >>> spark_schema("ticket_id", "bigint", {"agent": "string"})[:60]
    '`ticket_id` bigint, `agent` string, `line` bigint, `column` '
    """
    columns = {id_column: id_type, **(carry or {}), **{c: _TYPES.get(c, "string") for c in FINDING_COLUMNS}}
    return ", ".join(f"`{name}` {kind}" for name, kind in columns.items())
