"""The HTML audit report in a real browser (headless Chromium, see tests/browser.py): it loads
offline with every network request blocked and none attempted, the macro table sorts and
filters, a highlighted finding shows its message and fix, and a macro's markup stays text."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from browser import chromium_page  # noqa: F401  (the shared fixture)
from test_audit import HOSTILE, write_library


@pytest.fixture
def report(cli, tmp_path: Path) -> Path:
    write_library(tmp_path / "library")
    r = cli("audit", "--isolated", "--format", "html", "--output-file", "report.html", "library", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    return tmp_path / "report.html"


def _open(page: Any, report: Path) -> list[str]:
    """Load the report with the network blocked; the URLs the page asked for, and its
    script errors (both should be none but the page itself)."""
    requested: list[str] = []
    errors: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.route("**/*", lambda route: route.continue_() if route.request.url == report.as_uri() else route.abort())
    page.goto(report.as_uri())
    page.wait_for_load_state("networkidle")
    assert errors == []
    return requested


def _column(page: Any, index: int) -> list[str]:
    return page.eval_on_selector_all(
        "#macro-table tbody tr:not([hidden])", f"rows => rows.map(r => r.cells[{index}].textContent)")


def test_the_report_loads_offline_and_asks_for_nothing(chromium_page: Any, report: Path) -> None:  # noqa: F811
    page = chromium_page
    assert _open(page, report) == [report.as_uri()]
    assert page.title() == "cslint audit: library"
    assert page.inner_text("#shown-count") == "6 of 6 macros shown"
    assert page.locator("svg.chart").count() == 3
    assert page.evaluate("typeof window.pwned") == "undefined"


def test_the_table_sorts_by_a_column_and_back(chromium_page: Any, report: Path) -> None:  # noqa: F811
    page = chromium_page
    _open(page, report)
    assert _column(page, 2) == ["billing/late.txt:1", "billing/refund-again.txt:1", "billing/refund.txt:1",
                                "support/wifi.json:4", "support/wifi.json:8", "support/wifi.json:12"]
    findings = page.locator("#macro-table th", has_text="findings")
    findings.locator("button").click()
    assert findings.get_attribute("aria-sort") == "ascending"
    assert _column(page, 6) == ["0", "0", "1", "1", "1", "2"]
    findings.locator("button").click()
    assert findings.get_attribute("aria-sort") == "descending"
    assert _column(page, 2)[:2] == ["billing/late.txt:1", "billing/refund.txt:1"]
    # a numeric column with blanks (no grade under 20 words): the blanks stay last either way
    page.locator("#macro-table th", has_text="grade").locator("button").click()
    assert _column(page, 5) == ["4.2", "5.2", "", "", "", ""]
    page.locator("#macro-table th", has_text="macro").locator("button").click()
    assert _column(page, 1)[:2] == ["<img src=x onerror=alert(1)>", "billing/late.txt"]


def test_the_table_filters_by_text_principle_and_findings(chromium_page: Any, report: Path) -> None:  # noqa: F811
    page = chromium_page
    _open(page, report)
    page.fill("#filter-text", "wifi")
    assert page.inner_text("#shown-count") == "3 of 6 macros shown"
    page.fill("#filter-text", "cs402")
    assert _column(page, 2) == ["billing/late.txt:1"]
    page.fill("#filter-text", "")
    page.select_option("#filter-principle", "consistency")
    assert _column(page, 2) == ["billing/refund.txt:1", "support/wifi.json:8"]
    page.select_option("#filter-principle", "")
    page.check("#filter-found")
    assert page.inner_text("#shown-count") == "4 of 6 macros shown"


def test_a_highlight_shows_its_message_and_fix(chromium_page: Any, report: Path) -> None:  # noqa: F811
    page = chromium_page
    _open(page, report)
    page.click("button.open[data-open='0']")  # billing/late.txt
    dialog = page.locator("#macro-view")
    assert dialog.is_visible()
    assert dialog.locator("h2").inner_text() == "billing/late.txt"
    marks = dialog.locator("mark.hl")
    assert marks.all_inner_texts() == ["Please be advised that", "ASAP."]
    tip = dialog.locator(".tip")
    assert tip.is_hidden()
    marks.first.hover()
    assert tip.is_visible()
    assert tip.locator("p").all_inner_texts() == [
        "CS201 bureaucratic-wording · warning · line 1, column 1",
        "'Please be advised that' is stilted; use 'Please note that'",
        "Fix: write 'Please note that'",
    ]
    marks.nth(1).click()  # a click pins the message, which stays when the pointer leaves
    page.mouse.move(0, 0)
    assert tip.locator("p").nth(1).inner_text() == "'ASAP.' is not a time; say when, or what the customer can do meanwhile"
    page.keyboard.press("Escape")
    assert dialog.is_hidden()


def test_a_macro_that_holds_markup_shows_it_as_text(chromium_page: Any, report: Path) -> None:  # noqa: F811
    page = chromium_page
    _open(page, report)
    page.click("button.open[data-open='4']")
    dialog = page.locator("#macro-view")
    assert dialog.locator("h2").inner_text() == "<img src=x onerror=alert(1)>"
    assert HOSTILE in dialog.locator(".macro-text").inner_text()
    assert dialog.locator("script, img").count() == 0
    assert dialog.locator("mark.hl").all_inner_texts() == ["WiFi"]
    assert page.evaluate("typeof window.pwned") == "undefined"


def test_a_large_library_shows_its_first_rows_until_asked_for_all(chromium_page: Any, cli, tmp_path: Path) -> None:  # noqa: F811
    """A browser lays out 10,000 table rows for seconds at every sort: the table shows the
    first 500 matching rows (in the order chosen) until the reader asks for all."""
    macros = [{"title": f"Macro {n:03}", "body": f"We have passed note {n} to the team."} for n in range(501)]
    (tmp_path / "big.json").write_text(json.dumps(macros), encoding="utf-8")
    r = cli("audit", "--isolated", "--format", "html", "--output-file", "report.html", "big.json", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    page = chromium_page
    _open(page, tmp_path / "report.html")
    assert page.inner_text("#shown-count") == "500 of 501 matching macros shown (501 in all)"
    assert _column(page, 1)[-1] == "Macro 499"
    page.locator("#macro-table th", has_text="#").locator("button").click()
    page.locator("#macro-table th", has_text="#").locator("button").click()  # descending: the last one first
    assert _column(page, 1)[:2] == ["Macro 500", "Macro 499"]
    page.fill("#filter-text", "macro 00")  # every word must match: 000 to 009, and 100, 200 ... 500
    assert page.inner_text("#shown-count") == "15 of 501 macros shown"
    page.fill("#filter-text", "")
    page.click("#show-all")
    assert page.inner_text("#shown-count") == "501 of 501 macros shown"
    assert page.locator("#show-all").is_hidden()
