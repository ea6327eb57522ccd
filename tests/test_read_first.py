"""A file is read to its end before its replies are linted (cslint.sources.reading): a
part that cannot be read gets one CS902 at its line and costs no finding of the rest, the
same whether a JSON Lines export is read whole or streamed."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from cslint import Config, api, lint_text
from cslint.sources import streaming

RULES = str(Path(__file__).parent / "fixtures" / "formats" / "rules")
#: Two fixed test rules (CS181 "as I said", CS281 "utilize"), independent of the shipped rules.
CONFIG = Config(no_default_rules=True, rules=(RULES,))
AS_I_SAID = "'As I said' points back at an earlier message"
UTILIZE = "'utilize' is a fixed test word"
BROKEN_LINE = "cannot read as jsonl: invalid JSON: expected ',' or '}' after an object member"

CP1252 = '; it reads as cp1252 (Windows-1252, which includes Latin-1): pass --encoding cp1252, or encoding = "cp1252" in the configuration'


def found(path: Path | str, config: Config = CONFIG, **options: str) -> list[tuple[int, int, str, str]]:
    return [(d.line, d.column, d.code, d.message) for d in api.lint_paths([path], config, **options)]


def _export(path: Path, lines: int, broken: int, flagged: tuple[int, ...], pad: int = 0) -> Path:
    """A JSON Lines export; line ``broken`` lacks its closing brace, the ``flagged`` lines
    say "As I said", and every line carries ``pad`` characters nobody lints."""
    out = []
    for n in range(1, lines + 1):
        text = "As I said, it ships today." if n in flagged else "We utilize it." if n == broken else "Thanks!"
        line = json.dumps({"id": n, "pad": "x" * pad, "text": text})
        out.append(line[:-1] if n == broken else line)
    path.write_text("\n".join(out) + "\n", encoding="utf-8")
    return path


def test_a_broken_json_lines_line_costs_that_line_only(tmp_path: Path) -> None:
    """The lines before and after the broken one keep their findings; the broken line's
    own reply (it says "utilize") is not guessed at."""
    path = tmp_path / "export.jsonl"
    path.write_text(
        '{"text": "As I said, it ships today."}\n'
        '{"text": "We utilize it."\n'
        '{"text": "Thanks!", "n": ' + "[" * 100_000 + "}\n"
        '{"text": "As I said, done."}\n',
        encoding="utf-8",
    )
    assert found(path) == [
        (1, 11, "CS181", AS_I_SAID),
        (2, 26, "CS902", BROKEN_LINE),
        (3, 1, "CS902", "cannot read as jsonl: too deeply nested to read"),
        (4, 11, "CS181", AS_I_SAID),
    ]


@pytest.mark.parametrize(("window", "starts"), [
    (20, list(range(1, 13))),  # a line a window
    (180, [1, 6, 10]),  # the broken line opens a window
    (140, [1, 5, 8, 12]),  # the broken line is in the middle of one
    (100_000, [1]),  # one window
])
def test_streamed_windows_give_what_the_whole_file_gives(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                          window: int, starts: list[int]) -> None:
    path = _export(tmp_path / "export.jsonl", 12, broken=6, flagged=(1, 5, 7, 12))
    whole = found(path)
    assert whole == [(1, 31, "CS181", AS_I_SAID), (5, 31, "CS181", AS_I_SAID), (6, 46, "CS902", BROKEN_LINE),
                     (7, 31, "CS181", AS_I_SAID), (12, 32, "CS181", AS_I_SAID)]
    monkeypatch.setattr(streaming, "STREAM_BYTES", 1)
    monkeypatch.setattr(streaming, "WINDOW_BYTES", window)
    monkeypatch.setattr(streaming, "FIRST_WINDOW_BYTES", window)
    assert [w.first_line for w in streaming.windows(str(path), "jsonl")] == starts
    assert found(path) == whole


def test_the_same_below_and_above_the_streaming_threshold(tmp_path: Path) -> None:
    """Real sizes, no threshold moved: 1.6 MB is read whole, 2.2 MB is streamed."""
    small = _export(tmp_path / "small.jsonl", 1600, broken=1000, flagged=(1, 999, 1001, 1500), pad=1000)
    big = _export(tmp_path / "big.jsonl", 2200, broken=1000, flagged=(1, 999, 1001, 1500), pad=1000)
    assert streaming.wanted(str(small)) is None and streaming.wanted(str(big)) == "jsonl"
    expected = [(1, 1031, "CS181", AS_I_SAID), (999, 1033, "CS181", AS_I_SAID), (1000, 1049, "CS902", BROKEN_LINE),
                (1001, 1034, "CS181", AS_I_SAID), (1500, 1034, "CS181", AS_I_SAID)]
    assert found(small) == expected
    assert found(big) == expected


def test_csv_rows_before_an_unclosed_quote_keep_their_findings() -> None:
    """A quote that never closes swallows the rest of the file: the rows before it count."""
    text = 'id,title,body\n1,a,"As I said, done."\n2,b,"never closed\n3,c,We utilize it.\n'
    assert [(d.line, d.column, d.code, d.message) for d in lint_text(text, filename="m.csv", config=CONFIG)] == [
        (2, 6, "CS181", AS_I_SAID),
        (3, 5, "CS902", "cannot read as csv: invalid CSV: a quoted field never closes"),
    ]


def test_yaml_documents_before_a_broken_one_keep_their_findings() -> None:
    """Each document of a YAML stream stands alone; a broken one ends what can be read."""
    text = ("title: One\nbody: As I said, one.\n"
            "---\ntitle: Two\nbody: [We utilize it.\n"
            "---\ntitle: Three\nbody: As I said, three.\n")
    assert [(d.line, d.column, d.code, d.message) for d in lint_text(text, filename="m.yml", config=CONFIG)] == [
        (2, 7, "CS181", AS_I_SAID),
        (6, 1, "CS902", "cannot read as yaml: invalid YAML: did not find expected ',' or ']'"),
    ]


def test_a_broken_json_document_gives_no_reply() -> None:
    """A JSON document is read whole before its macros are found: an object cut short
    could have lost its ``"active": false``, so nothing of it is linted."""
    text = '[{"body": "As I said, one."}, {"body": "As I said, two.", "active": fals}]'
    assert [(d.line, d.column, d.code) for d in lint_text(text, filename="m.json", config=CONFIG)] == [(1, 69, "CS902")]


def test_a_read_problem_is_selected_like_any_notice(tmp_path: Path) -> None:
    path = _export(tmp_path / "export.jsonl", 3, broken=2, flagged=(1, 3))
    assert [code for _, _, code, _ in found(path)] == ["CS181", "CS902", "CS181"]
    assert [code for _, _, code, _ in found(path, Config(no_default_rules=True, rules=(RULES,), ignore=("CS902",)))] == ["CS181", "CS181"]
    per_file = Config(no_default_rules=True, rules=(RULES,), per_file_ignores={"*.jsonl": ("CS9",), "*.txt": ("CS902",)})
    assert [code for _, _, code, _ in found(path, per_file)] == ["CS181", "CS181"]
    (tmp_path / "bytes.txt").write_bytes(b"As I said \xff\n")  # not text: a notice before any reader
    assert found(tmp_path / "bytes.txt") == [(1, 1, "CS902", "not valid UTF-8 (byte 0xff at offset 10)" + CP1252)]
    assert found(tmp_path / "bytes.txt", per_file) == []


def test_a_streamed_file_that_stops_decoding_is_selected_like_any_notice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _export(tmp_path / "export.jsonl", 12, broken=0, flagged=(1,))
    path.write_bytes(path.read_bytes() + b'{"text": "\xff"}\n')
    monkeypatch.setattr(streaming, "STREAM_BYTES", 1)
    monkeypatch.setattr(streaming, "WINDOW_BYTES", 100)
    monkeypatch.setattr(streaming, "FIRST_WINDOW_BYTES", 100)
    assert found(path) == [(1, 31, "CS181", AS_I_SAID), (13, 1, "CS902", "not valid UTF-8 (byte 0xff)" + CP1252)]
    assert found(path, Config(no_default_rules=True, rules=(RULES,), ignore=("CS902",))) == [(1, 31, "CS181", AS_I_SAID)]


def test_the_reader_is_chosen_once_for_a_streamed_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``--input-format`` decides whether a file is streamed as it decides how it is read:
    a JSON Lines export read as text is one reply, read whole; a text file read as JSON
    Lines is streamed, each window read as JSON Lines."""
    path = _export(tmp_path / "export.jsonl", 12, broken=0, flagged=(1, 5))
    monkeypatch.setattr(streaming, "STREAM_BYTES", 1)
    monkeypatch.setattr(streaming, "WINDOW_BYTES", 100)
    monkeypatch.setattr(streaming, "FIRST_WINDOW_BYTES", 100)
    as_text = list(api.sources([path], CONFIG, input_format="text"))
    assert [type(s).__name__ for s in as_text] == ["SourceFile"]
    renamed = path.rename(tmp_path / "export.txt")
    windows = list(api.sources([renamed], CONFIG, input_format="jsonl"))
    assert len(windows) == 4 and {getattr(w, "reader", None) for w in windows} == {"jsonl"}
    assert [(line, code) for line, _, code, _ in found(renamed, input_format="jsonl")] == [(1, "CS181"), (5, "CS181")]
