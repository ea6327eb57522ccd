"""The shared real-browser fixture: Debian's Chromium (``/usr/bin/chromium``, package
``chromium``) driven by the PyPI ``playwright`` package with that executable, never a
browser that Playwright downloads. Tests that use it skip cleanly where either is absent
(``.ci/run`` installs the browser with apt-get where it can)."""
from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


@pytest.fixture
def chromium_page() -> Iterator[Any]:
    """A fresh page in headless Chromium; skipped without playwright or the browser."""
    sync_api = pytest.importorskip("playwright.sync_api")
    if not os.access(CHROMIUM, os.X_OK):
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser.new_page()
        finally:
            browser.close()
