"""Screenshot every page of the built site, desktop and phone, light and dark (the quick part of
``make audit``, without Lighthouse and the HTML checker).

Usage (after `make html`):

    .venv/bin/python tools/screenshots.py [BUILD_DIR] [OUT_DIR]

BUILD_DIR defaults to _build/html, OUT_DIR to _build/audit/screenshots. Needs the `playwright`
package (in the `test` extra), a system Chromium at /usr/bin/chromium (apt-get install chromium)
and `npm ci` (axe-core). Serves BUILD_DIR on 127.0.0.1 with gzip, and reports what `make test`'s
browser checks would: axe violations, console errors, failed or third-party requests, overflow.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import sitecheck  # noqa: E402
from audit import browser_checks  # noqa: E402


def main() -> int:
    root = Path(sys.argv[1] if len(sys.argv) > 1 else "_build/html").resolve()
    out = Path(sys.argv[2] if len(sys.argv) > 2 else "_build/audit/screenshots")
    if not (root / "index.html").is_file():
        print(f"no built site in {root}; run `make html` first", file=sys.stderr)
        return 2
    if reason := sitecheck.browser_missing():
        print(f"cannot take screenshots: {reason}", file=sys.stderr)
        return 2
    results = browser_checks(root, sitecheck.site_pages(root), out)
    problems = []
    for page, views in results.items():
        for where, found in views.items():
            print(out.parent / found["screenshot"])
            problems += [f"{page} [{where}]: axe {v['id']}" for v in found["axe"]]
            problems += [f"{page} [{where}]: {key.replace('_', ' ')}: {found[key]}"
                         for key in ("console_errors", "failed_requests", "foreign_requests") if found[key]]
            if found["overflow_px"] > 0:
                problems.append(f"{page} [{where}]: {found['overflow_px']}px horizontal overflow")
    for problem in problems:
        print("PROBLEM:", problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
