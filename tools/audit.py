"""make audit: the built site as readers and machines see it, page by page, against its targets.

    .venv/bin/python tools/audit.py [--site _build/html] [--out _build/audit] [--runs 1]
                                    [--pages program/index.html ...] [--no-comparison]

For every page of the build (``make html`` first; the Makefile target does it):

* axe-core (WCAG 2.1 A/AA and best practices), console errors, failed requests, requests to other
  hosts and horizontal overflow, in light and dark mode, at 1280x900 and 360x740, with a full-page
  screenshot of each under ``screenshots/``;
* the Nu Html Checker (vnu.jar) on the HTML files;
* Lighthouse 12 (mobile preset, simulated slow 4G and CPU) over a gzip server on 127.0.0.1.

In the same run, for comparison, Lighthouse also measures a bare pydata-sphinx-theme build of the
same home page (the theme as shipped), this site without ``_ext/lean_theme.py``, and the home
page's text as bare HTML: see QUALITY.md.

Writes ``report.json`` and ``report.md`` under ``--out`` and exits 1 when a page misses a target.
Needs Chromium at /usr/bin/chromium, Java, and ``npm ci`` (lighthouse, axe-core, vnu-jar).
"""

from __future__ import annotations

import argparse
import html
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import sitecheck  # noqa: E402

PROJECT = sitecheck.PROJECT
LIGHTHOUSE = PROJECT / "node_modules" / "lighthouse" / "cli" / "index.js"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
KIB = 1024
#: The targets of every page (QUALITY.md). Page weight: transferred bytes, gzip, images included.
TARGETS = {"performance": 0.99, "lcp_ms": 1100, "accessibility": 1.0, "best-practices": 1.0, "seo": 1.0}
WEIGHT_BUDGET: dict[str, int] = {}  # no page has a budget of its own: the photos' pages fit the default
DEFAULT_WEIGHT_BUDGET = 150 * KIB
#: Lighthouse audits that fail on purpose, and why. Nothing else is excused.
EXPECTED = {
    ("404.html", "is-crawlable"): "the page shown for a missing address asks not to be indexed (noindex)",
}


def log(message: str) -> None:
    print(message, flush=True)


# -- Comparison builds -----------------------------------------------------------------------------

SITE_SOURCES = ["index.md", "program", "cfp", "people"]


def copy_sources(dest: Path, full: bool) -> None:
    """The site's pages and data (``full``: with its configuration, templates and extensions)."""
    shutil.rmtree(dest, ignore_errors=True)
    if full:
        shutil.copytree(PROJECT, dest, ignore=shutil.ignore_patterns(
            ".*", "_build", "node_modules", "tests", "benchmarks", "*.egg-info", "__pycache__", "venv"))
        return
    dest.mkdir(parents=True)
    for name in SITE_SOURCES:
        source = PROJECT / name
        if source.is_dir():
            shutil.copytree(source, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, dest / name)


BARE_THEME_CONF = '''\
# The same pages with pydata-sphinx-theme as shipped: no site templates, CSS or theme options.
project = "ML4Astro 2022"
extensions = ["myst_parser", "sphinx_design", "sphinx_workshop"]
source_suffix = {".md": "markdown"}
exclude_patterns = ["_build"]
myst_enable_extensions = ["colon_fence", "attrs_inline", "attrs_block", "deflist"]
myst_heading_anchors = 3
html_theme = "pydata_sphinx_theme"
html_title = "ML4Astro · ICML 2022 Workshop on Machine Learning for Astrophysics"
'''


def sphinx_build(src: Path, out: Path, *options: str) -> None:
    shutil.rmtree(out, ignore_errors=True)
    result = subprocess.run([sys.executable, "-m", "sphinx", "-b", "html", "-q", "-d", str(out) + ".doctrees",
                             *options, str(src), str(out)], capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"building {src} failed:\n{result.stderr}")


def build_bare_theme(work: Path) -> Path:
    src = work / "bare-theme-src"
    copy_sources(src, full=False)
    (src / "conf.py").write_text(BARE_THEME_CONF, encoding="utf-8")
    sphinx_build(src, work / "bare-theme")
    return work / "bare-theme"


def build_without_lean_theme(work: Path) -> Path:
    """This site with the theme's stylesheets, icon font and scripts as shipped (lean_theme = False)."""
    sphinx_build(PROJECT, work / "no-lean-theme", "-D", "lean_theme=0")
    return work / "no-lean-theme"


def build_bare_html(site: Path, work: Path) -> Path:
    """The home page's article, and nothing else: no stylesheet, no script, no image."""
    page = (site / "index.html").read_text(encoding="utf-8")
    article = re.search(r"<article[^>]*>(.*?)</article>", page, re.S).group(1)
    article = re.sub(r"<script\b.*?</script>", "", article, flags=re.S)
    title = html.unescape(re.search(r"<title>(.*?)</title>", page, re.S).group(1))
    description = re.search(r'<meta content="([^"]*)" name="description"', page) \
        or re.search(r'<meta name="description" content="([^"]*)"', page)
    out = work / "bare-html"
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    (out / "index.html").write_text(
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(title)}</title>\n"
        f'<meta name="description" content="{description.group(1) if description else ""}">\n'
        '<link rel="icon" href="data:,">\n'
        f"</head>\n<body>\n<main>\n{article}\n</main>\n</body>\n</html>\n", encoding="utf-8")
    return out


# -- Checks ------------------------------------------------------------------------------------

def browser_checks(site: Path, pages: list[str], shots: Path) -> dict:
    """axe, console, requests, overflow, screenshots: page -> mode/viewport -> findings."""
    from playwright.sync_api import sync_playwright

    shutil.rmtree(shots, ignore_errors=True)
    shots.mkdir(parents=True)
    results: dict = {page: {} for page in pages}
    with sitecheck.serve(site) as server, sync_playwright() as playwright:
        browser = sitecheck.launch(playwright)
        for viewport in sitecheck.VIEWPORTS:
            for mode in sitecheck.MODES:
                context = sitecheck.new_context(browser, mode, viewport)
                for page_path in pages:
                    visit, page = sitecheck.visit(context, server.url, page_path, keep_page=True)
                    name = page_path.removesuffix(".html").replace("/", "_")
                    shot = shots / f"{name}-{viewport}-{mode}.png"
                    page.screenshot(path=str(shot), full_page=True)
                    page.close()
                    results[page_path][f"{mode}/{viewport}"] = {
                        "axe": visit.axe, "console_errors": visit.console_errors,
                        "failed_requests": visit.failed_requests, "foreign_requests": visit.foreign_requests,
                        "overflow_px": visit.overflow, "theme": visit.theme,
                        "screenshot": str(shot.relative_to(shots.parent))}
                context.close()
        browser.close()
    return results


def vnu_check(site: Path, pages: list[str]) -> dict:
    """The Nu Html Checker's errors and warnings, per page."""
    result = subprocess.run(["java", "-jar", str(sitecheck.VNU), "--format", "json", "--exit-zero-always",
                             *[str(site / page) for page in pages]], capture_output=True, text=True)
    messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
    found: dict = {page: {"errors": [], "warnings": []} for page in pages}
    for message in messages:
        url = message.get("url", "")
        page = next((p for p in pages if url.endswith("/" + p)), None)
        if page is None:
            raise SystemExit(f"vnu: {message}")
        kind = "warnings" if message.get("subType") == "warning" or message["type"] == "info" else "errors"
        found[page][kind].append(f"line {message.get('lastLine', '?')}: {message['message']}")
    return found


CHROME_FLAGS = " ".join(["--headless=new", *sitecheck.CHROMIUM_ARGS[1:]])


def lighthouse(url: str, out: Path, runs: int) -> dict:
    """Lighthouse's mobile preset; with several runs, the run of median performance."""
    reports = []
    for run in range(runs):
        path = out.with_suffix(f".run{run}.json") if runs > 1 else out
        command = ["node", str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={path}",
                   f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={CHROME_FLAGS}"]
        result = subprocess.run(command, capture_output=True, text=True,
                                env={**os.environ, "CHROME_PATH": sitecheck.CHROMIUM}, timeout=300)
        if result.returncode != 0 or not path.exists():
            raise SystemExit(f"lighthouse {url} failed:\n{result.stderr[-3000:]}")
        reports.append(summarize(json.loads(path.read_text(encoding="utf-8"))))
    ranked = sorted(reports, key=lambda r: (r["performance"], -r["lcp_ms"]))
    chosen = dict(ranked[len(ranked) // 2])
    if runs > 1:
        chosen["lcp_ms_runs"] = [r["lcp_ms"] for r in reports]
        chosen["performance_runs"] = [r["performance"] for r in reports]
    return chosen


def summarize(report: dict) -> dict:
    audits = report["audits"]
    failing = []
    for category in report["categories"].values():
        for ref in category["auditRefs"]:
            audit = audits[ref["id"]]
            if audit["score"] is not None and audit["score"] < 1 and ref["weight"] > 0 \
                    and category["id"] != "performance":
                failing.append({"category": category["id"], "id": ref["id"], "title": audit["title"]})
    # Network requests: inline data: URLs (the icons, the logos) are listed by Lighthouse too.
    requests = [r for r in audits["network-requests"]["details"]["items"] if not r["url"].startswith("data:")]
    return {
        **{cid: report["categories"][cid]["score"] for cid in CATEGORIES},
        "lcp_ms": round(audits["largest-contentful-paint"]["numericValue"]),
        "fcp_ms": round(audits["first-contentful-paint"]["numericValue"]),
        "tbt_ms": round(audits["total-blocking-time"]["numericValue"]),
        "cls": round(audits["cumulative-layout-shift"]["numericValue"], 3),
        "speed_index_ms": round(audits["speed-index"]["numericValue"]),
        "weight_bytes": round(audits["total-byte-weight"]["numericValue"]),
        "requests": len(requests),
        "failing_audits": failing,
        "lighthouse": report["lighthouseVersion"],
    }


# -- Report ------------------------------------------------------------------------------------

def misses(page: str, lh: dict, browser: dict, vnu: dict) -> list[str]:
    found = []
    unexpected = [f for f in lh["failing_audits"] if (page, f["id"]) not in EXPECTED]
    for key in ("performance", "accessibility", "best-practices", "seo"):
        excused = key != "performance" and not any(f["category"] == key for f in unexpected)
        if (lh[key] is None or lh[key] < TARGETS[key]) and not excused:
            found.append(f"Lighthouse {key} {lh[key]} < {TARGETS[key]}")
    if lh["lcp_ms"] > TARGETS["lcp_ms"]:
        found.append(f"LCP {lh['lcp_ms']} ms > {TARGETS['lcp_ms']} ms")
    budget = WEIGHT_BUDGET.get(page, DEFAULT_WEIGHT_BUDGET)
    if lh["weight_bytes"] > budget:
        found.append(f"weight {lh['weight_bytes'] / KIB:.0f} KiB > {budget / KIB:.0f} KiB")
    found += [f"{f['category']}: {f['id']} ({f['title']})" for f in unexpected]
    for where, result in (browser or {}).items():
        if result["axe"]:
            found.append(f"{where}: axe {', '.join(v['id'] for v in result['axe'])}")
        for key in ("console_errors", "failed_requests", "foreign_requests"):
            if result[key]:
                found.append(f"{where}: {key.replace('_', ' ')}: {result[key]}")
        if result["overflow_px"] > 0:
            found.append(f"{where}: {result['overflow_px']} px horizontal overflow")
    if vnu and vnu["errors"]:
        found.append(f"vnu: {len(vnu['errors'])} errors: {vnu['errors'][:3]}")
    return found


def markdown(report: dict) -> str:
    def row(name: str, lh: dict, axe: str, vnu: str, status: str) -> str:
        return (f"| {name} | {lh['performance']:.2f} | {lh['lcp_ms'] / 1000:.1f} s | {lh['fcp_ms'] / 1000:.1f} s "
                f"| {lh['tbt_ms']} ms | {lh['cls']:.3f} | {lh['accessibility']:.2f} | {lh['best-practices']:.2f} "
                f"| {lh['seo']:.2f} | {lh['weight_bytes'] / KIB:.0f} KiB | {lh['requests']} | {axe} | {vnu} "
                f"| {status} |")

    lines = [
        f"# Site audit ({report['date']})", "",
        f"Lighthouse {report['lighthouse']}, mobile preset (simulated slow 4G, 4x CPU slowdown), "
        f"gzip server on 127.0.0.1, {report['runs']} run(s) per page (median); axe-core "
        f"{report['axe_core']} ({', '.join(sitecheck.AXE_TAGS)}) in light and dark mode at 1280x900 and "
        "360x740; Nu Html Checker (vnu.jar).", "",
        "| page | perf. | LCP | FCP | TBT | CLS | a11y | best pr. | SEO | weight | requests "
        "| axe violations | vnu errors | targets |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for page, entry in report["pages"].items():
        axe = sum(len(r["axe"]) for r in entry["browser"].values())
        status = "met" if not entry["misses"] else "MISSED: " + "; ".join(entry["misses"])
        excused = [f"{f['id']}: {EXPECTED[page, f['id']]}" for f in entry["lighthouse"]["failing_audits"]
                   if (page, f["id"]) in EXPECTED]
        if excused:
            status += " (expected: " + "; ".join(excused) + ")"
        lines.append(row(f"`{page}`", entry["lighthouse"], str(axe), str(len(entry["vnu"]["errors"])), status))
    lines += ["", "For comparison, measured in the same run:", "",
              "| page | perf. | LCP | FCP | TBT | CLS | a11y | best pr. | SEO | weight | requests "
              "| axe violations | vnu errors | targets |",
              "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
    for name, entry in report["comparison"].items():
        status = entry.get("status", "")
        lines.append(row(name, entry["lighthouse"], "", "", status))
    lines += ["", "Screenshots: `screenshots/<page>-<desktop|phone>-<light|dark>.png`.", ""]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, default=PROJECT / "_build" / "html")
    parser.add_argument("--out", type=Path, default=PROJECT / "_build" / "audit")
    parser.add_argument("--runs", type=int, default=int(os.environ.get("AUDIT_RUNS", "3")),
                        help="Lighthouse runs per page; the median is reported (default 3)")
    parser.add_argument("--pages", nargs="+", metavar="PAGE",
                        help="only these pages of the build (like program/index.html); default: every page")
    parser.add_argument("--no-comparison", action="store_true",
                        help="skip the comparison builds (bare theme, no lean_theme, bare HTML)")
    args = parser.parse_args()
    site, out = args.site.resolve(), args.out.resolve()
    problems = [p for p in (sitecheck.browser_missing(),
                            None if LIGHTHOUSE.is_file() else "lighthouse is not installed (npm ci)",
                            None if sitecheck.VNU.is_file() else "vnu-jar is not installed (npm ci)",
                            None if shutil.which("java") else "no java (the Nu Html Checker needs it)",
                            None if (site / "index.html").is_file() else f"no build in {site} (make html)")
                if p]
    if problems:
        print("cannot audit: " + "; ".join(problems), file=sys.stderr)
        return 2
    out.mkdir(parents=True, exist_ok=True)
    work = out / "builds"
    pages = sitecheck.site_pages(site)
    if args.pages:
        unknown = sorted(set(args.pages) - set(pages))
        if unknown:
            print(f"cannot audit: not pages of {site}: {', '.join(unknown)}", file=sys.stderr)
            return 2
        pages = [page for page in pages if page in args.pages]
    started = time.monotonic()

    log(f"axe, console, requests, overflow and screenshots: {len(pages)} pages x 2 modes x 2 viewports")
    browser = browser_checks(site, pages, out / "screenshots")
    log("Nu Html Checker")
    vnu = vnu_check(site, pages)
    comparison = []
    if not args.no_comparison:
        log("comparison builds: bare theme, this site without lean_theme, bare HTML")
        comparison = [("bare pydata-sphinx-theme home page", build_bare_theme(work), "index.html", None),
                      ("this home page without lean_theme", build_without_lean_theme(work), "index.html", None),
                      ("bare HTML, the home page's text", build_bare_html(site, work), "index.html", None)]

    lh_dir = out / "lighthouse"
    shutil.rmtree(lh_dir, ignore_errors=True)
    lh_dir.mkdir()
    report: dict = {"date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "runs": args.runs,
                    "targets": TARGETS, "pages": {}, "comparison": {}}
    with sitecheck.serve(site) as server:
        for page in pages:
            log(f"Lighthouse {page}")
            lh = lighthouse(f"{server.url}/{page}", lh_dir / (page.replace("/", "_") + ".json"), args.runs)
            report["pages"][page] = {"lighthouse": lh, "browser": browser[page], "vnu": vnu[page],
                                     "misses": misses(page, lh, browser[page], vnu[page])}
    for name, root, page, targets_of in comparison:
        with sitecheck.serve(root) as server:
            log(f"Lighthouse {name}")
            lh = lighthouse(f"{server.url}/{page}", lh_dir / (re.sub(r"\W+", "-", name) + ".json"), args.runs)
        entry: dict = {"lighthouse": lh}
        if targets_of:
            entry["misses"] = misses(targets_of, lh, None, None)
            entry["status"] = "met" if not entry["misses"] else "MISSED: " + "; ".join(entry["misses"])
        report["comparison"][name] = entry
    report["lighthouse"] = next(iter(report["pages"].values()))["lighthouse"]["lighthouse"]
    report["axe_core"] = json.loads((sitecheck.AXE.parent / "package.json").read_text())["version"]
    report["seconds"] = round(time.monotonic() - started)

    (out / "report.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    text = markdown(report)
    (out / "report.md").write_text(text, encoding="utf-8")
    print(text)
    missed = [f"{page}: {m}" for page, entry in report["pages"].items() for m in entry["misses"]]
    missed += [f"{name}: {m}" for name, entry in report["comparison"].items() for m in entry.get("misses", [])]
    for line in missed:
        print("MISSED", line, file=sys.stderr)
    log(f"report: {out / 'report.md'} ({report['seconds']} s)")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
