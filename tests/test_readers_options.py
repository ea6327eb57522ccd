"""Malformed files, reader options from the command line and configuration, per-macro
suppression, and how replacements are escaped for each container."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from cslint import Config, lint_text
from cslint.api import read_file
from cslint.diagnostic import Diagnostic
from cslint.readers import ReadOptions, registry

FORMATS = Path(__file__).parent / "fixtures" / "formats"
#: Two fixed test rules (CS181 "as I said", CS281 "utilize"), independent of the shipped rules.
RULES = str(FORMATS / "rules")
CONFIG = Config(no_default_rules=True, rules=(RULES,))
ISOLATED = ("--isolated", "--no-default-rules", "--rules", RULES)


@pytest.mark.parametrize(
    ("name", "line", "column", "words"),
    [
        ("broken.json", 3, 3, "invalid JSON: expected ',' or ']' after an array element"),
        ("broken.yml", 6, 4, "invalid YAML"),
        ("broken.csv", 2, 5, "invalid CSV: a quoted field never closes"),
    ],
)
def test_a_malformed_file_gives_one_cs902_at_its_line(name: str, line: int, column: int, words: str) -> None:
    source = read_file(str(FORMATS / name))
    assert not isinstance(source, Diagnostic)
    from cslint.api import lint_source

    found = lint_source(source, CONFIG)
    assert [(d.code, d.line, d.column) for d in found] == [("CS902", line, column)]
    assert words in found[0].message


def test_other_files_are_still_linted_after_a_broken_one(cli, tmp_path: Path) -> None:
    for name in ("broken.json", "broken.csv", "zendesk-macros.json"):
        shutil.copy(FORMATS / name, tmp_path / name)
    r = cli(*ISOLATED, "--select", "CS181,CS902", ".", cwd=tmp_path)
    assert r.returncode == 1
    assert [line.split(": ")[0] + ": " + line.split(": ")[1][:5] for line in r.lines if ": CS" in line] == [
        "broken.csv:2:5: CS902",
        "broken.json:3:3: CS902",
        "zendesk-macros.json:9:118: CS181",
        "zendesk-macros.json:17:73: CS181",
        "zendesk-macros.json:25:109: CS181",
    ]
    assert next(line for line in r.lines if line.startswith("zendesk-macros.json:17:")).endswith("[macro: Shipping delay]")


def test_json_output_names_the_macro(cli) -> None:
    r = cli(*ISOLATED, "--select", "CS181", "--format", "json", str(FORMATS / "front-templates.json"))
    assert [d["item"] for d in json.loads(r.stdout)] == [{"id": "rsp_701", "title": "Follow up"}]


def test_field_options_on_the_command_line(cli, tmp_path: Path) -> None:
    (tmp_path / "export.csv").write_text("key;label;reply_text\n7;Refunds;As I said, no.\n", encoding="utf-8")
    r = cli(*ISOLATED, "export.csv", cwd=tmp_path)
    assert r.lines == ["export.csv:1:1: CS906 not a reply library: no reply column in the header "
                       "(looked for body, text, content, answer, response, reply, message, macro, template); "
                       "name the reply column with --text-field"]
    r = cli(*ISOLATED, "--text-field", "reply_text", "--title-field", "label", "--id-field", "key",
            "--format", "json", "export.csv", cwd=tmp_path)
    [d] = json.loads(r.stdout)
    assert (d["line"], d["column"], d["item"]) == (2, 11, {"id": "7", "title": "Refunds"})


def test_fields_and_excluded_macros_in_the_configuration(cli, tmp_path: Path) -> None:
    (tmp_path / "tickets.jsonl").write_text(
        '{"n": 1, "subject": "Late", "agent_reply": "As I said, soon."}\n'
        '{"n": 2, "subject": "Internal: triage", "agent_reply": "As I said, triage."}\n'
        '{"n": 3, "subject": "Refund", "agent_reply": "As I said, refunded."}\n',
        encoding="utf-8",
    )
    (tmp_path / "cslint.toml").write_text(
        'no-default-rules = true\nexclude-macros = ["3", "Internal: *"]\n'
        '[fields]\ntext = "agent_reply"\nid = "n"\n', encoding="utf-8"
    )
    r = cli("--rules", RULES, "tickets.jsonl", cwd=tmp_path)  # (outside the project: named here)
    assert r.lines == ["tickets.jsonl:1:45: CS181 'As I said' points back at an earlier message [macro: Late]"]


def test_a_bad_fields_table_is_a_configuration_error(cli, tmp_path: Path) -> None:
    (tmp_path / "cslint.toml").write_text('[fields]\nbody = "x"\n', encoding="utf-8")
    r = cli("x.txt", cwd=tmp_path)
    assert r.returncode == 2 and "'fields': must map text, title, id, context" in r.stderr


def test_input_format_forces_a_reader(tmp_path: Path) -> None:
    text = '[{"title": "Hi", "content": "As I said."}]'
    assert lint_text(text, filename="x.json", config=CONFIG)[0].item.title == "Hi"
    forced = Config(no_default_rules=True, rules=(RULES,), input_format={"*.json": "text"})
    assert lint_text(text, filename="x.json", config=forced)[0].item is None


def test_html_comment_in_a_macro_body_suppresses_in_that_macro_only() -> None:
    text = json.dumps({"macros": [
        {"id": 1, "title": "A", "actions": [{"field": "comment_value_html",
         "value": "<!-- cslint: disable CS181 --><p>As I said, done.</p>"}]},
        {"id": 2, "title": "B", "actions": [{"field": "comment_value_html", "value": "<p>As I said, done.</p>"}]},
    ]})
    found = lint_text(text, filename="m.json", config=CONFIG)
    assert [d.item.title for d in found] == ["B"]


def test_placeholders_inside_html_are_masked() -> None:
    text = json.dumps({"macros": [{"id": 1, "title": "A", "actions": [{"field": "comment_value_html",
        "value": '<p>Hi {{ as I said }} <a href="{{as I said}}">{%customer.x,fallback=as I said%}</a></p>'}]}]})
    assert lint_text(text, filename="m.json", config=CONFIG) == []


def test_manual_fill_markers_in_html_stay_visible() -> None:
    source = read_file(str(FORMATS / "zendesk-macros.json"))
    assert not isinstance(source, Diagnostic)
    html_reply = list(registry()["zendesk"].read(source, ReadOptions()))[2]
    assert html_reply.text == "Café & co, {{ticket.requester.first_name}}: as I said\nWe utilize <Fill in> it.\n"


@pytest.mark.parametrize(
    ("name", "index", "replacement", "encoded"),
    [
        ("zendesk-macros.json", 0, 'say "hi"\n', 'say \\"hi\\"\\n'),  # JSON string
        ("zendesk-macros.json", 2, "a < b & c", "a &lt; b &amp; c"),  # HTML inside a JSON string
        ("macros.csv", 0, 'say "hi"', 'say ""hi""'),  # quoted CSV field
        ("macros.csv", 1, "plain", "plain"),  # unquoted CSV field
        ("replies.yml", 1, 'say "hi" \\o/', 'say \\"hi\\" \\\\o/'),  # double-quoted YAML
        ("osticket-canned.yaml", 0, "a & b", "a &amp; b"),  # HTML in a YAML block
    ],
)
def test_replacements_are_escaped_for_their_container(name: str, index: int, replacement: str, encoded: str) -> None:
    from cslint.readers import choose

    source = read_file(str(FORMATS / name))
    assert not isinstance(source, Diagnostic)
    segments = list(choose(source.path, source.text).read(source, ReadOptions()))
    assert segments[index].encode(replacement) == encoded


def test_verbatim_spans_allow_fixes_and_escaped_ones_do_not() -> None:
    source = read_file(str(FORMATS / "zendesk-macros.json"))
    assert not isinstance(source, Diagnostic)
    first = next(iter(registry()["zendesk"].read(source, ReadOptions())))
    start = first.text.index("as I")
    assert first.is_verbatim(first.text.index("we will"), first.text.index("we will") + 7)
    assert not first.is_verbatim(start, start + len("as I\nsaid"))  # \n is two characters in the file


def test_yaml_with_several_documents_reads_each() -> None:
    text = "---\ntitle: One\nactions:\n  - {field: comment_value, value: As I said one.}\n---\ntitle: Two\nactions:\n  - {field: comment_value, value: As I said two.}\n"
    found = lint_text(text, filename="m.yml", config=CONFIG)
    assert [(d.line, d.column, d.item.title) for d in found] == [(4, 35, "One"), (8, 35, "Two")]


@pytest.mark.parametrize(
    ("name", "text", "position", "words"),
    [
        ("r.md", "---\ntitle: ok\nid: [1\n---\nHi.\n", (4, 1), "front matter: invalid YAML"),
        ("t.jsonl", '{"text": "fine"}\n{"text": "bad \\q escape"}\n', (2, 15), "invalid JSON: an invalid escape in a string"),
        ("m.json", '{"title": "x", "body": "line\nbreak"}', (1, 29), "invalid JSON: a raw control character in a string"),
        ("m.json", '{"title": "x", "body": "never closed}', (1, 24), "invalid JSON: unterminated string"),
    ],
)
def test_read_errors_point_at_the_problem(name: str, text: str, position: tuple[int, int], words: str) -> None:
    [d] = lint_text(text, filename=name, config=CONFIG)
    assert (d.code, (d.line, d.column)) == ("CS902", position)
    assert words in d.message


def test_jsonl_records_decoded_fast_still_point_past_escapes() -> None:
    """Records are decoded by the C json module and located only when a finding needs it:
    the columns must be those of the file all the same, nested replies are still found,
    and a value plain JSON does not allow (NaN) is still an error at its place."""
    text = (
        '{"id": 1, "text": "caf\\u00e9 \\"x\\" \\ud83d\\ude00 as I said"}\n'
        '{"id": 2, "ticket": {"reply": "We utilize it."}}\n'
    )
    # a repeated key: the last one is the reply, as in the decoded record, and the
    # members around it (nested, escaped) are skipped to find where it stands
    text += '{"text": "as I said", "meta": {"a": [1, "x\\"y"]}, "text": "Ok\\n\\tas I said", "n": 1}\n'
    found = lint_text(text, filename="t.jsonl", config=CONFIG)
    assert [(d.code, d.line, d.column, d.end_column) for d in found] == [
        ("CS181", 1, 49, 58), ("CS281", 2, 35, 42), ("CS181", 3, 66, 75)]
    assert text.splitlines()[0][48:57] == "as I said"
    assert text.splitlines()[2][65:74] == "as I said"
    [bad] = lint_text('{"id": 3, "text": "fine", "score": NaN}\n', filename="t.jsonl", config=CONFIG)
    assert (bad.code, bad.line, bad.column) == ("CS902", 1, 36)
    assert "expected a value" in bad.message


def test_front_matter_names_the_reply_and_can_switch_it_off() -> None:
    text = "---\ntitle: Draft\nactive: false\n---\nAs I said, hi.\n"
    assert lint_text(text, filename="r.md", config=CONFIG) == []
    [d] = lint_text(text.replace("false", "true"), filename="r.md", config=CONFIG)
    assert (d.line, d.column, d.item.title) == (5, 1, "Draft")


def test_json_with_a_byte_order_mark_from_standard_input_is_read() -> None:
    text = '\ufeff[{"title": "T", "body": "As I said."}]'
    assert [(d.code, d.item.title) for d in lint_text(text, filename="m.json", config=CONFIG)] == [("CS181", "T")]


def test_html_source_line_breaks_are_spaces_except_in_pre() -> None:
    from cslint.readers import _html

    text, _ = _html.to_text("<p>We hope this\n    answered it.</p>\n\n<p>Thanks</p><pre>a\nb</pre>")
    assert text == "We hope this answered it.\nThanks\na\nb\n"
