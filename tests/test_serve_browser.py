"""``cslint serve`` in a real browser (headless Chromium, see tests/browser.py): an agent
types a reply, sees the highlights land on the flagged words (after an emoji, which is
two UTF-16 units in the page and one code point in Python), and clicks fixes."""
from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

import pytest
from browser import chromium_page  # noqa: F401 - the fixture

from cslint.config import Config
from cslint.serve.app import App
from cslint.serve.server import Server

REPLY = "😀 Hi! As I said, we will utilize it prior to Monday."
MARKS = "Array.from(document.querySelectorAll('#backdrop mark'), m => m.textContent)"


@pytest.fixture
def server() -> Iterator[Server]:
    running = Server("127.0.0.1", 0, App(Config(select=("CS101", "CS201", "CS305"))))  # (the rules asserted on)
    thread = threading.Thread(target=running.serve_forever, daemon=True)
    thread.start()
    yield running
    running.shutdown()
    running.server_close()
    thread.join()


def marks_become(page: Any, expected: list[str]) -> None:
    """Wait until the highlighted words are ``expected``, in order."""
    page.wait_for_function(f"(want) => JSON.stringify({MARKS}) === JSON.stringify(want)", arg=expected, timeout=15_000)


def test_an_agent_types_a_reply_sees_the_findings_and_clicks_fixes(chromium_page: Any, server: Server) -> None:  # noqa: F811
    page = chromium_page
    problems: list[str] = []
    page.on("console", lambda message: problems.append(message.text) if message.type in ("error", "warning") else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.goto(server.url)
    page.click("#reply")
    page.keyboard.type(REPLY)
    marks_become(page, ["As I said", "utilize", "prior to"])
    assert page.inner_text("#summary").split() == ["3", "findings", "respect", "1", "clarity", "2"]
    items = page.locator("#findings li")
    assert items.count() == 3
    assert items.nth(1).locator(".message").inner_text() == "'utilize' is stilted; use 'use'"
    assert items.nth(1).locator(".fix").inner_text().split() == ["utilize", "\u2192", "use", "Apply"]

    items.nth(1).locator("button.apply").click()
    page.wait_for_function("(want) => document.getElementById('reply').value === want",
                           arg="😀 Hi! As I said, we will use it prior to Monday.", timeout=15_000)
    marks_become(page, ["As I said", "prior to"])

    page.fill("#context", "I was charged twice and nobody answers!")  # the complaint asks for an acknowledgement
    marks_become(page, ["Hi!", "As I said", "prior to"])
    assert page.locator("#findings li .code").all_inner_texts() == ["CS305", "CS101", "CS201"]

    page.click("#fix-all")
    page.wait_for_function("(want) => document.getElementById('reply').value === want",
                           arg="😀 Hi! As I said, we will use it before Monday.", timeout=15_000)
    marks_become(page, ["Hi!", "As I said"])
    assert page.inner_text("#status") == "Applied 1 fix"
    page.keyboard.press("Control+z")  # a fix is an edit the agent can undo
    assert page.input_value("#reply") == "😀 Hi! As I said, we will use it prior to Monday."
    assert problems == []  # (a resource the Content-Security-Policy refused would be an error here)


def test_the_page_says_why_a_paste_is_too_long(chromium_page: Any, server: Server) -> None:  # noqa: F811
    page = chromium_page
    page.goto(server.url)
    page.fill("#reply", "As I said. " * 500_000)  # 5.5 MB
    page.wait_for_selector("#status.error", timeout=15_000)
    assert page.inner_text("#status").startswith("the request is 5,500,")
    page.fill("#reply", "As I said.")  # and the next check goes through
    marks_become(page, ["As I said"])
    assert page.inner_text("#status") == ""
