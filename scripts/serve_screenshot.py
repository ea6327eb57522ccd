"""The screenshot of ``cslint serve`` in docs/serve.md: ``python scripts/serve_screenshot.py``.

Starts the page's server in this process, types a reply and a customer's message into it
in headless Chromium (the system's browser, as the tests drive it: tests/browser.py),
points at one finding, and writes ``docs/images/serve.png``. Needs the ``playwright``
package and ``/usr/bin/chromium``.
"""
from __future__ import annotations

import sys
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from browser import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

from cslint.config import Config  # noqa: E402
from cslint.serve.app import App  # noqa: E402
from cslint.serve.server import Server  # noqa: E402

CUSTOMER = "My order arrived damaged and I've been waiting two weeks for a refund. This is ridiculous."
REPLY = """Dear customer,

As I said in my last message, please be advised that refunds are not possible for orders older than a month.
We will get back to you.

Regards,
Support"""
OUT = ROOT / "docs" / "images" / "serve.png"


def main() -> None:
    server = Server("127.0.0.1", 0, App(Config()))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1200, "height": 760})
            page.goto(server.url)
            page.fill("#context", CUSTOMER)
            page.fill("#reply", REPLY)
            page.wait_for_selector("#findings li")
            page.wait_for_function("document.getElementById('status').textContent === ''")
            page.locator("#findings li", has_text="please be advised").hover()
            OUT.parent.mkdir(exist_ok=True)
            page.screenshot(path=str(OUT))
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    print(f"wrote {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
