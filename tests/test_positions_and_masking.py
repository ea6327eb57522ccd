"""Masked text is never flagged, and columns count characters whatever the text holds."""
from __future__ import annotations

import pytest

from cslint import lint_text
from cslint.engine.masking import mask


def spans(text: str, code: str = "CS101") -> list[tuple[int, int, int, int]]:
    return [(d.line, d.column, d.end_line, d.end_column) for d in lint_text(text) if d.code == code]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("👋🏽 as I said", (1, 4, 1, 13)),  # emoji with a skin-tone modifier: two code points
        ("日本語 as I said", (1, 5, 1, 14)),
        ("e\u0301 as I said", (1, 4, 1, 13)),  # combining accent counts as a character
        ("\tas I said", (1, 2, 1, 11)),  # a tab is one column
        ("line one\r\nand as I said", (2, 5, 2, 14)),
        ("line one\rand as I said", (2, 5, 2, 14)),
        ("one\n\r\nas I said", (3, 1, 3, 10)),
        ("as I\nsaid", (1, 1, 2, 5)),  # a phrase across a line break
    ],
)
def test_columns_count_code_points(text: str, expected: tuple[int, int, int, int]) -> None:
    assert spans(text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "Hi {{ as I said }}, thanks.",
        "Hi {% assign greeting = 'as I said' %} thanks.",
        "Hi {%customer.firstName,fallback=as I said%}, thanks.",
        "Hi {!Contact.as_I_said}, {{{as I said}}} thanks.",
        "See https://example.com/as-I-said-it today.",
        "Write to as.i.said@example.com today.",
        "Thanks @as_I_said for asking.",
        "Type `as I said` in the box.",
        "Run this:\n```\nas I said\n```\nThanks.",
        "Thanks.\n> as I said, it broke\n",
        "Thanks.\n\nOn Mon, Nov 20, 2017 at 10:02 AM, Customer <c@example.com> wrote:\nas I said it broke\n",
        "Fine.\n<!-- as I said -->\n",
    ],
)
def test_masked_text_is_never_flagged(text: str) -> None:
    assert [d.code for d in lint_text(text) if d.code.startswith("CS1")] == []


def test_masking_keeps_length_and_line_breaks() -> None:
    text = "Hi {{user.name}},\r\nsee https://x.io/a.\n> quoted\nOn Mon, Bob wrote:\n> it broke"
    masked = mask(text)
    assert len(masked.text) == len(text)
    assert [i for i, c in enumerate(masked.text) if c in "\r\n"] == [i for i, c in enumerate(text) if c in "\r\n"]
    assert "user" not in masked.text and "https" not in masked.text and "quoted" not in masked.text
    assert masked.context == "quoted\nit broke"


def test_text_between_liquid_tags_is_prose() -> None:
    assert spans("{% if vip %}As I said, thanks.{% endif %}") == [(1, 13, 1, 22)]


def test_prose_around_a_placeholder_is_still_checked() -> None:
    assert spans("{{ticket.id}} As I said, {{ticket.id}}") == [(1, 15, 1, 24)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a link opens only where no word character stands before it ("wwww." has one)
        ("see wwww.example.com/a now", "see wwww.example.com/a now"),
        ("xhttp://a.b/c and http://a.b/c.", "xhttp://a.b/c and             ."),
        # handles after whitespace, an address with dots, a doubled '@' left alone
        ("@sam hi, mail j.www.smith@x.org or @@x", "     hi, mail                   or @@x"),
        ("a@sam @9 @", "a@sam    @"),
        # a fence that never closes its opening line is no fence: its backticks may still
        # open a code span, from the next character on
        ("```x`y` tail", "``   y` tail"),
        ("x ```y`", "x ``   "),
        ("~~~\ncode as I said\n~~~\nok", "   \n              \n   \nok"),
        ("\n   ```py\nz`q`\n", "\n        \n    \n"),
        ("ok [[Name]] {{a}} %{x.y} https://h.io/@me", "ok" + " " * 39),
    ],
)
def test_masking_reads_each_opening_character_once(text: str, expected: str) -> None:
    """The scan for opening characters goes on from the next character after a branch
    that does not apply, and from the end of a span that was blanked."""
    assert mask(text).text == expected
