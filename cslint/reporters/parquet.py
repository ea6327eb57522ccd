"""``parquet``: an Apache Parquet file of the findings, to load back into a warehouse.

The columns are the keys of ``json``, with the same names and values; ``item`` and
``fix`` are structs (null where the JSON has null). Findings are written in row groups as
the run goes, so memory holds one group, not the whole run. Needs pyarrow
(``pip install 'cslint[dataframes]'``), imported only when this format is used.
"""
from __future__ import annotations

from importlib.util import find_spec
from typing import Any

from ..diagnostic import Diagnostic
from .base import Reporter, printable_diagnostic

#: Findings per row group: large enough for columnar compression, small enough for memory.
ROW_GROUP = 65_536


def schema() -> Any:
    import pyarrow as pa

    text = pa.string()
    return pa.schema([
        ("path", text), ("line", pa.int64()), ("column", pa.int64()), ("end_line", pa.int64()),
        ("end_column", pa.int64()), ("code", text), ("rule", text), ("principle", text), ("severity", text),
        ("message", text), ("item", pa.struct([("id", text), ("title", text)])),
        ("fix", pa.struct([("replacement", text), ("applicability", text)])),
    ])


class ParquetReporter(Reporter):
    name = "parquet"
    binary = True

    @classmethod
    def missing(cls) -> str | None:
        if find_spec("pyarrow") is None:
            return "needs pyarrow, which is not installed: pip install 'cslint[dataframes]'"
        return None

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self._rows: list[dict[str, object]] = []
        self._writer: Any = None

    def handle(self, diagnostic: Diagnostic) -> None:
        self._rows.append(printable_diagnostic(diagnostic).to_dict())
        if len(self._rows) >= ROW_GROUP:
            self._write()

    def _write(self) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        if self._writer is None:
            self._writer = pq.ParquetWriter(self.options.output, schema())
        self._writer.write_table(pa.Table.from_pylist(self._rows, schema=self._writer.schema))
        self._rows.clear()

    def finish(self) -> None:
        if self._rows or self._writer is None:  # (a run without findings is a file without rows)
            self._write()
        self._writer.close()


REPORTER = ParquetReporter
