"""Screenshot every page of the built site, desktop and phone, light and dark.

Usage (after `make html`):

    .venv/bin/python tools/screenshots.py [BUILD_DIR] [OUT_DIR]

BUILD_DIR defaults to _build/html, OUT_DIR to /tmp/shots. Needs the `playwright`
package (pip install playwright) and a system Chromium at /usr/bin/chromium
(apt-get install chromium); no browser is downloaded. The script serves
BUILD_DIR on 127.0.0.1 itself and reports pages that overflow horizontally.
"""

from __future__ import annotations

import functools
import http.server
import sys
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PAGES = ["index", "program/index", "cfp/index", "cfp/logistics", "people/index"]
VIEWPORTS = {"desktop": (1280, 900), "phone": (360, 740)}
MODES = ["light", "dark"]


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - signature of the base class
        pass


def serve(root: Path) -> http.server.ThreadingHTTPServer:
    handler = functools.partial(QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def main() -> int:
    root = Path(sys.argv[1] if len(sys.argv) > 1 else "_build/html").resolve()
    out = Path(sys.argv[2] if len(sys.argv) > 2 else "/tmp/shots")
    out.mkdir(parents=True, exist_ok=True)
    if not (root / "index.html").is_file():
        print(f"no built site in {root}; run `make html` first", file=sys.stderr)
        return 2
    server = serve(root)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    problems = []
    external = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for vp_name, (width, height) in VIEWPORTS.items():
            for mode in MODES:
                context = browser.new_context(viewport={"width": width, "height": height})
                # pydata-sphinx-theme reads the colour mode from localStorage["mode"].
                context.add_init_script(f"localStorage.setItem('mode', '{mode}');")
                page = context.new_page()
                page.on(
                    "request",
                    lambda req: external.append(req.url)
                    if not req.url.startswith((base, "data:", "blob:"))
                    else None,
                )
                page.on("console", lambda msg: msg.type == "error" and problems.append(msg.text))
                for name in PAGES:
                    page.goto(f"{base}/{name}.html", wait_until="networkidle")
                    overflow = page.evaluate(
                        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
                    )
                    if overflow > 0:
                        problems.append(f"{name} [{vp_name}/{mode}]: {overflow}px horizontal overflow")
                    shot = out / f"{name.replace('/', '_')}-{vp_name}-{mode}.png"
                    page.screenshot(path=str(shot), full_page=True)
                    print(shot)
                context.close()
        browser.close()
    server.shutdown()
    for url in sorted(set(external)):
        problems.append(f"external request: {url}")
    for problem in problems:
        print("PROBLEM:", problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
