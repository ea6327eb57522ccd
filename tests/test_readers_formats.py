"""Every input format: the replies it finds, the macro each finding names, and the exact
span in the raw file, read back and un-escaped for its container."""
from __future__ import annotations

import csv
from pathlib import Path

import pytest
from raw_span import (
    assert_flags,
    csv_field,
    json_markup,
    json_string,
    markup,
    plain,
    yaml_double,
)

from cslint import Config
from cslint.api import lint_source, read_file
from cslint.diagnostic import Diagnostic
from cslint.readers import ReadOptions, choose, registry

FORMATS = Path(__file__).parent / "fixtures" / "formats"
#: Two fixed test rules (CS181 "as I said", CS281 "utilize"), so these tests do not move
#: when the shipped rules change.
RULES = FORMATS / "rules"
CONFIG = Config(no_default_rules=True, rules=(str(RULES),))


def lint(name: str, options: ReadOptions | None = None, config: Config = CONFIG) -> list[Diagnostic]:
    source = read_file(str(FORMATS / name))
    assert not isinstance(source, Diagnostic)
    return lint_source(source, config, options=options)


# (fixture, reader, [(code, macro title, flagged text, decoder), ...] in file order)
CASES = [
    ("zendesk-macros.json", "zendesk", [
        ("CS181", "Refund denied", "as I said", json_string),  # after \u00e9, a surrogate pair, \" and across \n
        ("CS281", "Refund denied", "utilize", json_string),
        ("CS181", "Shipping delay", "as I said", json_string),  # ["channel:all", text] after a \t
        ("CS181", "Welcome (HTML)", "as I said", json_markup),  # after &eacute; and &amp;
        ("CS281", "Welcome (HTML)", "utilize", json_markup),  # inside <b>, the span stops before </b>
    ]),
    ("zendesk-macro.yaml", "zendesk", [
        ("CS181", "Password reset", "As I said", plain),
        ("CS281", "Password reset", "utilize", plain),
    ]),
    ("freshdesk-canned.json", "freshdesk", [("CS181", "Invoice copy", "as I said", json_markup)]),  # as&nbsp;I said
    ("helpscout-replies.json", "helpscout", [
        ("CS181", "Thanks", "As I said", json_markup),
        ("CS281", "Thanks", "utilize", json_markup),
        ("CS181", "Thanks", "As I said", json_string),  # chatText
    ]),
    ("gorgias-macros.json", "gorgias", [("CS181", "Where is my order", "As I said", json_markup)]),
    ("intercom-macros.json", "intercom", [("CS181", "Order ready", "as I said", json_markup)]),
    ("front-templates.json", "front", [
        ("CS281", "Follow up", "utilize", json_markup),
        ("CS181", "Follow up", "as I said", json_markup),
    ]),
    ("replies.yml", "replies-yml", [
        ("CS181", "Needs More Info", "As I said", plain),  # literal block scalar
        ("CS181", "Quoted body", "as I said", yaml_double),  # double-quoted, folded across lines
        ("CS281", "Quoted body", "utilize", yaml_double),
        ("CS281", "Folded body", "utilize", plain),  # folded block scalar
    ]),
    ("osticket-canned.yaml", "osticket", [
        ("CS181", "Sample reply", "As I said", markup),
        ("CS281", "Sample reply", "utilize", markup),  # after %{ticket.number} and &amp;
    ]),
    ("frontmatter.md", "markdown-frontmatter", [("CS181", "Refund approved", "As I said", plain)]),
    ("sections.md", "markdown-sections", [
        ("CS181", "NOT OUR ADDON", "as I said", plain),
        ("CS281", "CLOSING", "utilize", plain),
    ]),
    ("headings.md", "markdown-sections", [
        ("CS181", "Duplicate (v1)", "As I said", plain),  # the fenced reply, not the intro
        ("CS281", "Needs info (v1)", "utilize", plain),
    ]),
    ("macros.csv", "csv", [
        ("CS181", "Login help", "as I said", csv_field),  # inside doubled quotes
        ("CS181", "Login help", "as I said", csv_field),  # after a CRLF inside a quoted field
        ("CS281", "Cancel", "utilize", csv_field),
        ("CS181", "Quote", "as I said", csv_field),  # after a stray quote, read as the csv module does
    ]),
    ("tickets.jsonl", "jsonl", [
        ("CS181", "Late order", "As I said", json_string),  # the reply, not the customer's message
        ("CS281", None, "utilize", json_string),
    ]),
]


@pytest.mark.parametrize(("name", "reader", "expected"), CASES, ids=[c[0] for c in CASES])
def test_each_format_points_at_the_flagged_text(name: str, reader: str, expected: list[tuple[str, str | None, str, object]]) -> None:
    path = FORMATS / name
    assert choose(str(path), path.read_bytes().decode("utf-8")).name == reader
    found = lint(name)
    assert [(d.code, d.item.title if d.item else None) for d in found] == [(c, t) for c, t, _, _ in expected]
    for d, (_, _, text, decode) in zip(found, expected):
        assert_flags(path, d, text, decode)  # type: ignore[arg-type]


def test_escapes_shift_columns_exactly() -> None:
    """\\u00e9 (6 chars), a surrogate pair (12 chars) and \\" (2 chars) each count as what
    they are in the file, and a phrase may run across an escaped line break."""
    first = lint("zendesk-macros.json")[0]
    assert (first.line, first.column, first.end_line, first.end_column) == (9, 118, 9, 128)


def test_html_span_stops_before_a_closing_tag() -> None:
    d = [d for d in lint("zendesk-macros.json") if d.code == "CS281"][1]
    assert (d.column, d.end_column) == (133, 140)


def test_csv_fields_match_the_csv_module() -> None:
    from cslint.readers import _csv

    text = (FORMATS / "macros.csv").read_bytes().decode()
    ours = [[str(f) for f in fields] for _, fields in _csv.rows(text, ",")]
    assert ours == list(csv.reader(text.splitlines(keepends=True)))


def test_inactive_macros_are_skipped_unless_asked_for() -> None:
    titles = {d.item.title for d in lint("zendesk-macros.json") if d.item}
    assert "Old macro" not in titles
    titles = {d.item.title for d in lint("zendesk-macros.json", ReadOptions(include_inactive=True)) if d.item}
    assert "Old macro" in titles
    assert "Disabled reply" in {d.item.title for d in lint("osticket-canned.yaml", ReadOptions(include_inactive=True)) if d.item}


def test_internal_notes_are_not_linted() -> None:
    """comment_mode_is_public: false is a note to colleagues; customers never read it."""
    assert "Internal: escalate" not in {d.item.title for d in lint("zendesk-macros.json", ReadOptions(include_inactive=True)) if d.item}


def test_replies_in_other_languages_are_skipped() -> None:
    assert {d.item.title for d in lint("gorgias-macros.json") if d.item} == {"Where is my order"}


def test_staff_notes_in_osticket_are_not_linted() -> None:
    assert all(d.line < 12 for d in lint("osticket-canned.yaml"))


def test_context_field_is_context_not_reply() -> None:

    source = read_file(str(FORMATS / "tickets.jsonl"))
    assert not isinstance(source, Diagnostic)
    first = next(iter(registry()["jsonl"].read(source, ReadOptions())))
    assert first.context == "Where is my order? As I said twice!"
    assert first.text == "Sorry! As I said, it ships today."


def test_intercom_attribute_placeholder_is_masked_not_dropped() -> None:
    from cslint.engine.masking import mask

    source = read_file(str(FORMATS / "intercom-macros.json"))
    assert not isinstance(source, Diagnostic)
    reply = next(iter(registry()["intercom"].read(source, ReadOptions())))
    assert reply.text.startswith('Hi <attribute key="user.name" default="there"/>, as I said')
    assert "attribute" not in mask(reply.text).text


def test_every_example_in_the_formats_guide_reads_as_its_section_says() -> None:
    """docs/formats.md shows one example per layout; each must be detected as that layout."""
    import re

    from cslint.sources.document import SourceFile

    guide = (Path(__file__).parents[1] / "docs" / "formats.md").read_text(encoding="utf-8")
    suffix = {"json": ".json", "yaml": ".yml", "markdown": ".md", "csv": ".csv"}
    checked = 0
    for section in re.split(r"^### ", guide, flags=re.MULTILINE)[1:]:
        name = re.search(r"\(`([\w-]+)`", section.splitlines()[0])
        for _, lang, body in re.findall(r"^(`{3,4})(\w+)\n(.*?)^\1$", section, re.MULTILINE | re.DOTALL):
            if name is None or lang not in suffix:
                continue
            path = ("replies" if name.group(1) == "replies-yml" else "example") + (".jsonl" if name.group(1) == "jsonl" else suffix[lang])
            reader = choose(path, body)
            assert reader.name == name.group(1), body
            assert list(reader.read(SourceFile(path, body), ReadOptions())), body
            checked += 1
    assert checked >= 14


def test_the_formats_table_lists_each_readers_extensions() -> None:
    """The table in docs/formats.md names every reader with the extensions it declares
    (which are also the files a folder walk lints)."""
    import re

    guide = (Path(__file__).parents[1] / "docs" / "formats.md").read_text(encoding="utf-8")
    table = dict(re.findall(r"^\| `([\w-]+)` \| ([.\w ]+?)(?:, anything else)? \|", guide, re.MULTILINE))
    assert {name: tuple(files.split()) for name, files in table.items()} == {
        name: reader.extensions for name, reader in registry().items()
    }
