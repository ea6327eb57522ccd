"""The shared browser fixture: ``chromium_page``, a page of headless Chromium.

The browser is the distribution's (Debian's package ``chromium``, ``/usr/bin/chromium``),
driven by the PyPI ``playwright`` package; Playwright never downloads a browser of its own
(no ``playwright install``). A test that uses the fixture skips cleanly where either is
absent. CI (``.ci/run``) installs the package with apt-get where it can.

Use it in a test module with ``from browser import chromium_page  # noqa: F401``.
"""
from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture
def chromium_page() -> Iterator[Any]:
    """A fresh page of headless Chromium, closed after the test."""
    try:
        from playwright import sync_api
    except ImportError:
        pytest.skip("playwright is not installed (it is in the test extra)")
    if not os.access(CHROMIUM, os.X_OK):
        pytest.skip(f"no browser at {CHROMIUM} (Debian: apt-get install chromium)")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            yield browser.new_page()
        finally:
            browser.close()
