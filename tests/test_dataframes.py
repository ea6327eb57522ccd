"""``cslint.dataframes``: replies in a pandas DataFrame in, one row per finding out."""
from __future__ import annotations

import json
import math
import pickle
from pathlib import Path

import pytest

pd = pytest.importorskip("pandas")

from conftest import ROOT

import cslint.api
from cslint import Config
from cslint.dataframes import FINDING_COLUMNS, lint_frame, summary

#: The test rules only, so the expectations do not move when the shipped rules change.
RULES = Config(no_default_rules=True, rules=(str(ROOT / "tests" / "data" / "fix-rules"),))


def replies() -> pd.DataFrame:
    return pd.DataFrame({
        "ticket": ["T-1", "T-2", "T-3", "T-4", "T-5", "T-6"],
        "agent": ["ana", "bo", "ana", "bo", "ana", "bo"],
        "reply": [
            "Please utilize the app.\nWe fix it ASAP.",
            "Thanks, Sam. It ships today.",
            None,
            "   ",
            "<p>Please <b>utilize</b> it.</p>",
            math.nan,
        ],
    })


def rows(findings: pd.DataFrame) -> list[tuple[object, ...]]:
    return [tuple(r) for r in findings.itertuples(index=False)]


def test_one_row_per_finding_with_its_reply_id_and_the_json_keys() -> None:
    findings = lint_frame(replies(), text_column="reply", id_column="ticket", config=RULES)
    assert list(findings.columns) == ["ticket", *FINDING_COLUMNS]
    assert rows(findings) == [
        ("T-1", 1, 8, 1, 15, "CS291", "wordy", "clarity", "warning", "'utilize' is wordy; use 'use'"),
        ("T-1", 2, 11, 2, 15, "CS492", "vague-time", "accountability", "error", "'ASAP' promises no time; say when, e.g. 'today'"),
        ("T-3", 1, 1, 1, 1, "CS902", "unreadable-input", "linter", "error", "column 'reply' is null, not a reply"),
        # HTML is read as the customer reads it; the span is in the cell as written
        ("T-5", 1, 14, 1, 21, "CS291", "wordy", "clarity", "warning", "'utilize' is wordy; use 'use'"),
        ("T-6", 1, 1, 1, 1, "CS902", "unreadable-input", "linter", "error", "column 'reply' is null, not a reply"),
    ]
    assert [str(findings[c].dtype) for c in ("line", "column", "end_line", "end_column")] == ["int64"] * 4


def test_without_an_id_column_the_index_says_which_reply() -> None:
    frame = replies().set_index("ticket").iloc[:2]
    assert list(lint_frame(frame, text_column="reply", config=RULES)["ticket"]) == ["T-1", "T-1"]
    assert list(lint_frame(frame.reset_index(drop=True), text_column="reply", config=RULES)["index"]) == [0, 0]


def test_a_cell_that_is_not_text_is_a_notice_and_an_ignored_notice_is_no_row() -> None:
    frame = pd.DataFrame({"text": [42, ["a", "list"], "Please utilize it."]})
    assert rows(lint_frame(frame, config=RULES)[["index", "code", "message"]]) == [
        (0, "CS902", "column 'text' holds a value of type int, not a reply"),
        (1, "CS902", "column 'text' holds a value of type list, not a reply"),
        (2, "CS291", "'utilize' is wordy; use 'use'"),
    ]
    quiet = Config(no_default_rules=True, rules=RULES.rules, ignore=("CS902",))
    assert list(lint_frame(frame, config=quiet)["code"]) == ["CS291"]


def test_nothing_found_is_an_empty_frame_with_the_columns() -> None:
    findings = lint_frame(pd.DataFrame({"id": [1], "text": ["Thanks, Sam."]}), id_column="id", config=RULES)
    assert findings.empty and list(findings.columns) == ["id", *FINDING_COLUMNS]
    assert str(findings["line"].dtype) == "int64"


def test_the_context_column_is_the_message_the_reply_answers() -> None:
    """CS305 (a complaint answered with a procedure and no acknowledgement) reads the
    customer's message; without the context column it has nothing to read."""
    frame = pd.DataFrame({
        "text": ["Please update the app to 6.13 from the following link."],
        "customer": ["This is the worst update ever, I lost my photos"],
    })
    with_context = lint_frame(frame, context_column="customer")
    assert "CS305" in list(with_context["code"])
    assert "CS305" not in list(lint_frame(frame)["code"])


def test_the_findings_are_the_command_line_s_on_the_same_rows(cli, tmp_path: Path) -> None:
    frame = replies().iloc[[0, 1, 4]]
    export = tmp_path / "replies.jsonl"
    export.write_text("".join(json.dumps({"id": t, "text": r}) + "\n" for t, r in zip(frame["ticket"], frame["reply"])),
                      encoding="utf-8")
    r = cli("--isolated", "--no-default-rules", "--rules", str(ROOT / "tests" / "data" / "fix-rules"),
            "--format", "jsonl", str(export))
    from_cli = [(d["item"]["id"], d["code"], d["message"]) for d in map(json.loads, r.lines)]
    findings = lint_frame(frame, text_column="reply", id_column="ticket", config=RULES)
    assert rows(findings[["ticket", "code", "message"]]) == from_cli


def test_the_rules_are_compiled_once_for_equal_configurations(monkeypatch) -> None:
    """A Dask or Spark task unpickles its own copy of the Config; each partition must still
    find the rules its worker compiled already."""
    built: list[object] = []
    real = cslint.api.Linter

    def counting(*args, **kwargs):  # type: ignore[no-untyped-def]
        built.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(cslint.api, "Linter", counting)
    config = Config(no_default_rules=True, rules=RULES.rules, ignore=("CS594",))
    for _ in range(3):
        lint_frame(replies(), text_column="reply", config=pickle.loads(pickle.dumps(config)))
    assert len(built) == 1


def test_summary_counts_findings_per_principle_per_group() -> None:
    findings = lint_frame(replies(), text_column="reply", id_column="ticket", config=RULES, carry=["agent"])
    table = summary(findings, by="agent")
    assert list(table.columns) == ["clarity", "accountability", "linter", "total"]
    assert table.to_dict("index") == {
        "ana": {"clarity": 2, "accountability": 1, "linter": 1, "total": 4},
        "bo": {"clarity": 0, "accountability": 0, "linter": 1, "total": 1},
    }


def test_without_pandas_the_import_says_what_to_install(monkeypatch) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "pandas", None)  # (an import of it raises ImportError)
    for name in [m for m in sys.modules if m.startswith("cslint.dataframes")]:
        monkeypatch.delitem(sys.modules, name)
    with pytest.raises(ImportError, match=r"^cslint.dataframes needs pandas, which is not installed: "
                                          r"pip install 'cslint\[dataframes\]'$"):
        import cslint.dataframes  # noqa: F401
