"""``lint_frame``: one row per finding of the replies in a pandas DataFrame.

A reply is read as a JSON Lines export's text field is: HTML when it looks like HTML, the
customer's message beside it as conversation context, blank replies skipped. Positions
count in the cell's own text (line 1, column 1 is its first character), so a finding
points into the reply whatever file the frame came from.

A cell that is not text (a null, a number) cannot be linted: it is one CS902 row, as an
unreadable part of a file is, and the other rows keep their findings.
"""
from __future__ import annotations

from collections.abc import Hashable, Sequence
from typing import Any

import pandas as pd
from pandas.api.types import is_scalar

from ..api import linter_for
from ..config import Config
from ..diagnostic import Diagnostic
from ..engine import linter as engine
from ..engine.linter import UNREADABLE_INPUT, notice
from ..readers._html import looks_like_html
from ..readers._located import Located
from ..readers._macros import Body, segment
from ..runtime import timelimit
from ..sources.document import Segment, SourceFile

#: The ``--format json`` keys a finding row has, after the id column (docs/output.md).
FINDING_COLUMNS: tuple[str, ...] = (
    "line", "column", "end_line", "end_column", "code", "rule", "principle", "severity", "message",
)
_POSITIONS = FINDING_COLUMNS[:4]
#: The path the rules' plan is resolved for (``per-file-ignores`` globs see this name).
FRAME_PATH = "<frame>"
#: Principles in the order docs/output.md lists them, for the columns of :func:`summary`.
PRINCIPLES = ("respect", "clarity", "empathy", "accountability", "professionalism", "personalization",
              "readability", "reliability", "transparency", "competence", "confidentiality", "inclusivity",
              "linter")

#: Configurations seen in this process. A Dask or Spark task gets its own unpickled copy
#: of the caller's Config; mapped to the first equal one seen, every partition a worker
#: runs finds the same Linter in the API's cache, so rules are compiled once per process.
_SEEN: list[Config] = []


def _known(config: Config | None) -> Config:
    config = config or Config()
    for seen in _SEEN:
        if seen == config:
            return seen
    _SEEN.append(config)
    del _SEEN[:-8]  # (the API keeps Linters for as many: older ones are gone anyway)
    return config


def lint_frame(
    df: pd.DataFrame,
    text_column: str = "text",
    context_column: str | None = None,
    id_column: str | None = None,
    config: Config | None = None,
    *,
    carry: Sequence[str] = (),
) -> pd.DataFrame:
    """The findings of the replies in ``df[text_column]``, one row each, in row order.

    Columns: ``id_column`` (or the index, named as ``reset_index`` names it), the columns
    named in ``carry`` (an agent, a team, a week: for :func:`summary`), then
    :data:`FINDING_COLUMNS`. ``context_column`` holds the customer's message each reply
    answers, read by the rules that ask whether the reply addresses it.
    """
    linter = linter_for(_known(config))
    plan = linter.plan_for(FRAME_PATH)
    watchdog = timelimit.current()
    texts = df[text_column].tolist()
    contexts = df[context_column].tolist() if context_column is not None else [None] * len(texts)
    rows: list[int] = []
    found: list[Diagnostic] = []
    for row, (text, context) in enumerate(zip(texts, contexts)):
        if isinstance(text, str):
            if not text.strip():
                continue
            diagnostics = engine.lint(SourceFile(FRAME_PATH, text), [_reply(text, context)], plan, watchdog=watchdog)
        elif UNREADABLE_INPUT[0] in plan.notices:
            diagnostics = [notice(FRAME_PATH, UNREADABLE_INPUT, f"column {text_column!r} {_kind(text)}, not a reply")]
        else:
            continue
        rows.extend([row] * len(diagnostics))
        found.extend(diagnostics)
    return _frame(df, rows, found, id_column, carry)


def _reply(text: str, context: object) -> Segment:
    """The reply of one cell, as a JSON Lines reader makes it of a text field (the cell
    is the whole "file", so offsets are the cell's own)."""
    body = Body(Located(text, 0, len(text)), looks_like_html(text))
    return segment(body, None, context if isinstance(context, str) and context.strip() else None)


def _kind(value: Any) -> str:
    """What a cell that is not text holds, for the CS902 message."""
    missing = is_scalar(value) and bool(pd.isna(value))  # (None, NaN, NA, NaT; a list is no scalar)
    return "is null" if missing else f"holds a value of type {type(value).__name__}"


def _frame(df: pd.DataFrame, rows: list[int], found: list[Diagnostic], id_column: str | None,
           carry: Sequence[str]) -> pd.DataFrame:
    if id_column is not None:
        ids = df[id_column].iloc[rows].reset_index(drop=True)
    else:
        ids = df.index.to_series().iloc[rows].reset_index(drop=True).rename(_index_name(df))
    columns: dict[Hashable, Any] = {ids.name: ids}
    for name in carry:
        columns[name] = df[name].iloc[rows].reset_index(drop=True)
    for key in FINDING_COLUMNS:
        values = [getattr(d, key) for d in found]
        columns[key] = pd.Series(values, dtype="int64" if key in _POSITIONS else str)
    return pd.DataFrame(columns)


def _index_name(df: pd.DataFrame) -> str:
    return str(df.index.name) if df.index.name is not None else "index"


def findings_schema(df: pd.DataFrame, id_column: str | None = None, carry: Sequence[str] = ()) -> pd.DataFrame:
    """The empty frame :func:`lint_frame` gives for ``df`` when nothing is found: its
    columns and their types, which Dask asks for as ``meta``."""
    return _frame(df.iloc[:0], [], [], id_column, carry)


def summary(findings: pd.DataFrame, by: str | Sequence[str]) -> pd.DataFrame:
    """Findings per principle per group: one row per value of ``by`` (a column of
    ``findings``, or several), one column per principle found (in the documented order),
    and ``total``."""
    keys = [by] if isinstance(by, str) else list(by)
    table = findings.groupby([*keys, "principle"]).size().unstack("principle", fill_value=0)
    table = table[[p for p in PRINCIPLES if p in table.columns] + sorted(set(table.columns) - set(PRINCIPLES))]
    table.columns.name = None
    table["total"] = table.sum(axis=1)
    return table
