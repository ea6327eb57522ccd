"""Hostile input that used to take quadratic time: each stage stays linear.

No absolute time limit can catch these (a time limit per rule does not cover masking or
reading), so each is a doubling test: reading or masking twice the input may take at most
3 times as long. Linear code takes about twice as long (up to 2.6 times measured on a busy
machine, where a larger string can leave the processor's cache); quadratic code takes four
times as long, and the code these tests were written against took that or more (minutes at
the sizes of issue 24). Each input is
sized so that one run takes some tens of milliseconds, and each time is the best of five
in CPU time of this process, which keeps the ratio steady on a busy machine.
"""
from __future__ import annotations

import gc
import time
from collections.abc import Callable

import pytest

from cslint.engine.masking import mask
from cslint.readers import ReadOptions, _html, _yaml, markdown_sections, osticket
from cslint.sources.document import SourceFile

#: How much longer twice the input may take (linear: 2; quadratic: 4).
RATIO = 3.0


def _best(run: Callable[[str], object], text: str) -> float:
    best = float("inf")
    gc.collect()
    gc.disable()  # (a collection that falls in one run and not the other is noise)
    try:
        for _ in range(5):
            start = time.process_time()
            run(text)
            best = min(best, time.process_time() - start)
    finally:
        gc.enable()
    return best


def _doubling(run: Callable[[str], object], make: Callable[[int], str], n: int) -> None:
    """Twice the input takes at most ``RATIO`` times as long. Measured up to three times
    (a busy machine can slow one run down; quadratic time fails every one)."""
    run(make(n // 10))  # warm up: imports, compiled patterns
    small_text, large_text = make(n), make(2 * n)
    ratios = []
    for _ in range(3):
        small, large = _best(run, small_text), _best(run, large_text)
        ratios.append(large / max(small, 1e-9))
        if ratios[-1] < RATIO:
            return
    pytest.fail(f"twice the input took {', '.join(f'{r:.1f}' for r in ratios)} times as long")


@pytest.mark.parametrize(
    "opener",
    ["{% ", "<!-- ", "{# ", "{!", "<attribute ", "[[A ", "{% comment %}", "xhttps://", "a.www.b@c.d"],
)
def test_masking_is_linear_in_unclosed_openers(opener: str) -> None:
    """An opener that is never closed (or a link that never starts) costs one look ahead,
    not a scan of the rest of the reply from each one."""
    _doubling(mask, lambda n: opener * (n // len(opener)), 50_000)


def test_masking_still_closes_what_is_closed() -> None:
    text = "{% " * 3 + "x %} {# a #} <!-- b --> {!c} [[D]] <attribute k /> see https://x.io/a. {% comment %}z{% endcomment %}"
    assert mask(text).text.strip() == "see" + " " * 15 + "."


@pytest.mark.parametrize("body", ["<b x ", '<b x "', "<b x='\"", "<script "])
def test_html_tags_without_a_close_are_linear(body: str) -> None:
    """'<b x ' * 40000: from every '<', the attributes were scanned for a '>' to the end."""
    # (a multiple of twelve copies at both sizes, so that the quotes pair up alike)
    _doubling(_html.to_text, lambda n: body * (n // len(body) // 12 * 12) + '"', 50_000)
    _doubling(_html.to_text, lambda n: body * (n // len(body) // 12 * 12) + '">', 50_000)


def test_html_tags_are_still_read() -> None:
    markup = '<p class="a>b">Hi</p><b x=\'"\'>there</b> <Fill in> <i "unclosed>x'
    assert _html.to_text(markup)[0] == "Hi\nthere <Fill in> <i \"unclosed>x"


def test_markdown_sniffer_on_a_long_separator_line() -> None:
    """'---- a' and 150,000 spaces: a lazy title before trailing blanks rescanned them."""
    _doubling(markdown_sections.sniff, lambda n: "---- a" + " " * n + "x\n\n---- b\n", 1_000_000)
    _doubling(markdown_sections.sniff, lambda n: "# a" + " " * n + "x\n\n```" + " " * n + "x\n", 400_000)


def test_markdown_titles_are_unchanged() -> None:
    text = "intro\n\n---- First one  \n\nHi there.\n\n----  Second #2\t\n\nBye.\n"
    segments = list(markdown_sections.read(SourceFile("a.md", text), ReadOptions()))
    assert [(s.item.title if s.item else None, s.text) for s in segments] == [
        ("First one", "Hi there."), ("Second #2", "Bye.")
    ]


def test_yaml_line_of_spaces_is_linear() -> None:
    """A YAML line of 40,000 spaces: the osTicket sniffer split the blanks every way."""
    _doubling(osticket.sniff, lambda n: " " * n + "\n", 400_000)
    _doubling(_yaml.parse, lambda n: "a: b" + " " * n + "c\n", 1_600_000)
