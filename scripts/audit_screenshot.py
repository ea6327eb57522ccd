"""The screenshots of docs/audit.md: ``python scripts/audit_screenshot.py``.

Audits the demo library ``docs/audit-example`` (macros written for the docs, no
third party's text) into an HTML report in a temporary folder, opens it in the same
headless Chromium the browser tests use (``tests/browser.py``) with the network blocked,
and saves ``docs/images/audit.png`` (the summary and charts) and
``docs/images/audit-macro.png`` (a macro with its findings highlighted, one message shown).
"""
from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from browser import CHROMIUM, CHROMIUM_ARGS  # noqa: E402


def main() -> int:
    from playwright.sync_api import sync_playwright

    images = ROOT / "docs" / "images"
    images.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.html"
        subprocess.run([sys.executable, "-m", "cslint", "audit", "--isolated", "--format", "html",
                        "--output-file", str(report), "docs/audit-example"],
                       cwd=ROOT, check=True, env={"PYTHONPATH": str(ROOT), "PATH": ""})
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1200, "height": 1060}, device_scale_factor=1)
            page.route("**/*", lambda route: route.continue_() if route.request.url == report.as_uri() else route.abort())
            page.goto(report.as_uri())
            page.screenshot(path=str(images / "audit.png"))
            page.set_viewport_size({"width": 1200, "height": 760})
            page.click("#worst button.open >> nth=1")
            page.locator("#macro-view mark.hl").nth(1).hover()
            page.screenshot(path=str(images / "audit-macro.png"))
            browser.close()
    print(f"wrote {images / 'audit.png'} and {images / 'audit-macro.png'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
