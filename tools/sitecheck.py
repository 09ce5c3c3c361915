"""What the browser tests (tests/test_browser.py) and the audit (tools/audit.py) share.

* ``serve(root)``: the built site on 127.0.0.1, gzip-compressed like Read the Docs' CDN serves it;
* ``launch(playwright)``: Debian's Chromium (``/usr/bin/chromium``), no browser download;
* ``site_pages(root)``: every page of a build (the theme's raw templates under ``_static/`` excluded);
* ``visit(...)``: open a page in a colour mode and a viewport and collect console errors, failed and
  third-party requests, horizontal overflow and axe-core's violations.

Standard library and the ``playwright`` package only; axe-core comes from ``node_modules`` (``npm ci``).
"""

from __future__ import annotations

import functools
import gzip
import http.server
import io
import os
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.utils import formatdate
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
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
AXE = PROJECT / "node_modules" / "axe-core" / "axe.min.js"
VNU = PROJECT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
#: What a reader sees: light and dark, a desktop and a small phone.
MODES = ("light", "dark")
VIEWPORTS = {"desktop": (1280, 900), "phone": (360, 740)}
#: The rules axe runs: WCAG 2.0/2.1 A and AA, and its best practices. No rule is allowed to fail.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
#: Text types compressed on the fly, as a CDN does.
COMPRESSIBLE = ("text/", "application/javascript", "application/json", "image/svg+xml", "application/xml")


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files; text compressed with gzip when the client accepts it. Quiet.

    HTTP/1.1 with keep-alive, as a CDN serves (the standard library's default is HTTP/1.0,
    one connection per request, which would make every page look slower than it is)."""

    protocol_version = "HTTP/1.1"

    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                      ".js": "application/javascript", ".svg": "image/svg+xml", ".webp": "image/webp"}

    def send_head(self):  # noqa: C901 - mirrors the base class
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?", 1)[0].endswith("/"):
                return super().send_head()  # the base class redirects
            path = path / "index.html"
        ctype = self.guess_type(str(path))
        if not path.is_file():
            self.send_error(404, "File not found")
            return None
        data = path.read_bytes()
        encoding = None
        if ctype.startswith(COMPRESSIBLE) and "gzip" in self.headers.get("Accept-Encoding", ""):
            data = gzip.compress(data, compresslevel=6, mtime=0)
            encoding = "gzip"
        self.send_response(200)
        self.send_header("Content-Type", ctype + ("; charset=utf-8" if ctype.startswith("text/") else ""))
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Last-Modified", formatdate(path.stat().st_mtime, usegmt=True))
        self.send_header("Cache-Control", "max-age=600")
        if encoding:
            self.send_header("Content-Encoding", encoding)
            self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return io.BytesIO(data)

    def log_message(self, format, *args):  # noqa: A002 - the base class's signature
        pass


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        """A browser that drops a connection (Lighthouse ending a run, a lazy image no longer needed)
        is no error of the site's; anything else is printed as the base class does."""
        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


@contextmanager
def serve(root: Path, port: int = 0) -> Iterator[Server]:
    """Serve ``root`` on 127.0.0.1 (a free port unless given) until the block ends."""
    server = Server(("127.0.0.1", port), functools.partial(GzipHandler, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def site_pages(root: Path) -> list[str]:
    """Every generated page, as a path relative to the build (``index.html``, ``cfp/index.html`` ...)."""
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*.html")
                  if p.relative_to(root).parts[0] != "_static")


def browser_missing() -> str | None:
    """Why the browser checks cannot run here, or None."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is not installed (pip install -e .[test])"
    if not os.access(CHROMIUM, os.X_OK):
        return f"no Chromium at {CHROMIUM} (apt-get install chromium)"
    if not AXE.is_file():
        return f"axe-core is not installed ({AXE.relative_to(PROJECT)} is missing: run npm ci)"
    return None


def launch(playwright):
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


def new_context(browser, mode: str, viewport: str):
    """A fresh profile showing the site in ``mode``, as a reader whose system is set to it would."""
    width, height = VIEWPORTS[viewport]
    return browser.new_context(viewport={"width": width, "height": height}, color_scheme=mode,
                               is_mobile=viewport == "phone", has_touch=viewport == "phone",
                               device_scale_factor=2 if viewport == "phone" else 1,
                               service_workers="block")


@dataclass
class Visit:
    """What one page showed in one mode and viewport."""

    url: str
    console_errors: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    foreign_requests: list[str] = field(default_factory=list)
    overflow: int = 0
    theme: str = ""
    axe: list[dict] = field(default_factory=list)


def open_page(context, url: str, settle: bool = False):
    """A new tab showing ``url`` once the theme's scripts (loaded after the first paint) have run;
    ``settle``: and once the network has been quiet for half a second."""
    page = context.new_page()
    page.goto(url, wait_until="load")
    wait_until_ready(page, settle)
    return page


def wait_until_ready(page, settle: bool = False) -> None:
    if page.evaluate("!!document.querySelector('script[data-lean-loader]')"):
        page.wait_for_function("document.documentElement.dataset.themeScripts === 'loaded'", timeout=15_000)
    else:
        settle = True
    if settle:
        page.wait_for_load_state("networkidle")


def visit(context, base: str, page_path: str, run_axe: bool = True, keep_page: bool = False):
    """Load ``base/page_path`` in ``context`` and collect what a reader (and axe) would notice."""
    result = Visit(url=f"{base}/{page_path}")
    page = context.new_page()
    page.on("console", lambda msg: msg.type == "error" and result.console_errors.append(msg.text))
    page.on("pageerror", lambda error: result.console_errors.append(f"uncaught: {error}"))
    page.on("requestfailed", lambda req: result.failed_requests.append(f"{req.url} ({req.failure})"))
    page.on("response", lambda resp: resp.status >= 400 and result.failed_requests.append(
        f"{resp.url} (HTTP {resp.status})"))
    page.on("request", lambda req: None if req.url.startswith((base + "/", "data:", "blob:"))
            else result.foreign_requests.append(req.url))
    page.goto(result.url, wait_until="load")
    # The theme's scripts load once the page is shown: wait for them, and for the network to settle.
    wait_until_ready(page, settle=True)
    result.overflow = page.evaluate(
        "Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)"
        " - document.documentElement.clientWidth")
    result.theme = page.evaluate("document.documentElement.dataset.theme")
    if run_axe:
        result.axe = run_axe_on(page)
    if keep_page:
        return result, page
    page.close()
    return result


def run_axe_on(page) -> list[dict]:
    """axe-core's violations on the page as it is now, for the WCAG 2.1 A/AA and best-practice rules."""
    page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    return page.evaluate(
        """async (tags) => {
            const result = await axe.run(document, {runOnly: {type: "tag", values: tags},
                                                    resultTypes: ["violations"]});
            return result.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(n => ({target: n.target.join(" "), summary: n.failureSummary}))}));
        }""",
        AXE_TAGS,
    )


def describe_violations(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']}")
        lines.extend(f"    {n['target']}: {n['summary']}" for n in v["nodes"][:5])
    return "\n".join(lines)


# -- The trimmed stylesheet against the theme's own ------------------------------------------------

#: Every element's computed style (and its ::before and ::after), keyed by its place in the page,
#: kept in the page as ``window.__styles[name]``; returns how many were recorded.
STYLE_SNAPSHOT = """(name) => {
    if (!document.getElementById("no-transitions")) {  // no colour caught half-way through a transition
        const style = document.createElement("style");
        style.id = "no-transitions";
        style.textContent = "*, *::before, *::after { transition: none !important; animation: none !important; }";
        document.body.append(style);
    }
    const out = new Map();
    const path = (el) => {
        const parts = [];
        for (; el && el.nodeType === 1; el = el.parentElement) {
            let i = 1;
            for (let s = el.previousElementSibling; s; s = s.previousElementSibling) i++;
            parts.unshift(el.tagName.toLowerCase() + ":" + i);
        }
        return parts.join(">");
    };
    for (const el of document.querySelectorAll("html, html *")) {
        if (el.closest("head") || el.id === "no-transitions") continue;
        for (const pseudo of [null, "::before", "::after"]) {
            const style = getComputedStyle(el, pseudo);
            if (pseudo && (style.content === "none" || style.content === "normal")) continue;
            const props = [];
            for (let i = 0; i < style.length; i++) {
                const prop = style[i];
                if (prop.startsWith("transition") || prop.startsWith("animation")) continue;
                props.push(prop + ": " + style.getPropertyValue(prop));
            }
            if (!pseudo) props.push("@class: " + el.className);  // a state a script set shows here
            out.set(path(el) + (pseudo || ""), props);
        }
    }
    (window.__styles = window.__styles || {})[name] = out;
    return out.size;
}"""

#: What differs between two snapshots, layout consequences (sizes) left out: a list of strings.
STYLE_DIFFERENCES = """([a, b, limit]) => {
    const derived = new Set(["width", "height", "block-size", "inline-size", "perspective-origin",
        "transform-origin", "min-width", "min-height", "min-block-size", "min-inline-size"]);
    const first = window.__styles[a], second = window.__styles[b], diffs = [];
    for (const key of new Set([...first.keys(), ...second.keys()])) {
        const x = first.get(key), y = second.get(key);
        if (!x || !y) { diffs.push(`${key}: only in ${x ? a : b}`); continue; }
        const mx = new Map(x.map(p => [p.slice(0, p.indexOf(":")), p]));
        const my = new Map(y.map(p => [p.slice(0, p.indexOf(":")), p]));
        for (const prop of new Set([...mx.keys(), ...my.keys()])) {
            if (!derived.has(prop) && mx.get(prop) !== my.get(prop))
                diffs.push(`${key} ${prop}: ${a} '${mx.get(prop)}', ${b} '${my.get(prop)}'`);
        }
        if (diffs.length >= limit) break;
    }
    return diffs.slice(0, limit);
}"""


def compare_with_source_stylesheets(page, limit: int = 20) -> list[str]:
    """Differences in any element's style between the trimmed bundle and its untrimmed sources."""
    # Let the theme's observers (the "On this page" highlight) settle first.
    page.evaluate("new Promise(done => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done, 300))))")
    page.evaluate(STYLE_SNAPSHOT, "bundle")
    page.evaluate(USE_SOURCE_STYLESHEETS)
    page.evaluate(STYLE_SNAPSHOT, "sources")
    return page.evaluate(STYLE_DIFFERENCES, ["bundle", "sources", limit])


#: Replace the bundle by the stylesheets it was made from, untrimmed, in the same order.
USE_SOURCE_STYLESHEETS = """async () => {
    const link = document.querySelector('link[href*="site-bundle.css"]');
    const text = await (await fetch(link.href)).text();
    const sources = text.match(/\\/\\* _static\\/site-bundle\\.css: (.*?), trimmed by/)[1].split(" ");
    const base = new URL(link.getAttribute("href").replace(/_static\\/site-bundle\\.css.*$/, ""), location.href);
    const loaded = [];
    let anchor = link;
    for (const source of sources) {
        const el = document.createElement("link");
        el.rel = "stylesheet";
        el.href = new URL(source, base).href;
        loaded.push(new Promise((ok, fail) => { el.onload = ok; el.onerror = fail; }));
        anchor.after(el);
        anchor = el;
    }
    await Promise.all(loaded);
    link.remove();
    return sources;
}"""
