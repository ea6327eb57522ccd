"""Property-based tests over generated replies: no exception, positions inside the file and
on the flagged text, masking keeps every offset, output is deterministic."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cslint import Config, lint_text, load_rules
from cslint.engine.masking import mask
from cslint.sources.document import SourceFile

FRAGMENTS = [
    "As I said", "please be advised", "we'll get back to you", "PLEASE DO NOT", "!!", "?!",
    "Dear customer", "sorry for any inconvenience", "utilize", "prior to", "just", "simply",
    "{{ticket.requester.first_name}}", "{% if x %}", "{%customer.firstName,fallback=there%}",
    "{!Contact.Name}", "{{{Recipient.Name}}}", "https://example.com/as-i-said", "a@b.co", "@handle",
    "`code`", "<!-- cslint: disable-next-line CS101 -->", "{# cslint: disable-file #}",
    "\n> quoted as I said\n", "\nOn Mon, Bob wrote:\n", "👋🏽", "日本語", "e\u0301", "\t", "\r\n", "\r", "\n",
    " ", ". ", ", ", "the order shipped", "your refund",
]
replies = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=8)), max_size=25).map("".join)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
CONFIG = Config()
#: Rules that flag the words they match (not a sentence or the reply as a whole).
PHRASE_CODES = {r.code for r in load_rules(CONFIG) if r.type in ("phrases", "substitution")}


def offset(source: SourceFile, line: int, column: int) -> int:
    starts = source._starts()  # noqa: SLF001 - the same line table positions come from
    return starts[line - 1] + column - 1


@SETTINGS
@given(replies)
def test_positions_lie_inside_the_file_and_on_unmasked_text(text: str) -> None:
    source = SourceFile("<text>", text)
    masked = mask(text).text
    for d in lint_text(text, config=CONFIG):
        start, end = offset(source, d.line, d.column), offset(source, d.end_line, d.end_column)
        assert 0 <= start <= end <= len(text)
        assert source.position(start) == (d.line, d.column)
        if d.code in PHRASE_CODES:
            assert start < end
            assert masked[start:end] == text[start:end], "a phrase rule flagged masked text"
            assert text[start:end].strip()


@SETTINGS
@given(replies)
def test_masking_keeps_length_and_line_breaks(text: str) -> None:
    masked = mask(text).text
    assert len(masked) == len(text)
    assert [i for i, c in enumerate(text) if c in "\r\n"] == [i for i, c in enumerate(masked) if c in "\r\n"]
    assert all(m == t or m == " " for m, t in zip(masked, text))


@SETTINGS
@given(replies)
def test_output_is_deterministic_and_sorted(text: str) -> None:
    first = lint_text(text, config=CONFIG)
    assert first == lint_text(text, config=CONFIG)
    assert first == sorted(first, key=lambda d: d.sort_key())
