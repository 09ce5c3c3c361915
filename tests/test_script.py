"""The page script in a real browser: venue/local time toggle, countdowns, next-deadline banner.

Headless Chromium with a fixed clock and a fixed browser time zone. Skipped (visibly) where
Chromium or Playwright is missing, unless REQUIRE_BROWSER=1 (as in CI), which makes that a failure.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import sys
from pathlib import Path

import pytest
from conftest import build_app, copy_root

from sphinx_workshop.sphinxext.outputs.script import PLACEHOLDER, script_json

sys.path.insert(0, str(Path(__file__).parent.parent / "tools"))
import sitecheck  # noqa: E402 - the shared browser helpers (server with gzip, Chromium launch)


@pytest.fixture(scope="module")
def browser():
    missing = sitecheck.browser_missing()
    if missing:
        if os.environ.get("REQUIRE_BROWSER", "") not in ("", "0"):
            pytest.fail(f"REQUIRE_BROWSER is set, but {missing}")
        pytest.skip(missing)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = sitecheck.launch(p)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def site_url(tmp_path_factory):
    app = build_app(copy_root("site", tmp_path_factory.mktemp("script")))
    with sitecheck.serve(app.outdir) as server:
        yield server.url + "/"


def open_page(browser, url: str, *, zone: str, now: str, storage: dict | None = None):
    context = browser.new_context(timezone_id=zone, locale="en-US")
    page = context.new_page()
    errors: list[str] = []
    # The test project has no favicon: Chromium's request for /favicon.ico is its only 404.
    page.on("console", lambda m: errors.append(m.text)
            if m.type == "error" and not m.text.startswith("Failed to load resource") else None)
    page.on("response", lambda r: errors.append(f"{r.status} {r.url}")
            if r.status >= 400 and not r.url.endswith("/favicon.ico") else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.clock.set_fixed_time(dt.datetime.fromisoformat(now))
    if storage:
        page.add_init_script(f"Object.entries({json.dumps(storage)}).forEach(([k, v]) => localStorage.setItem(k, v))")
    page.goto(url)
    page.wait_for_load_state("load")
    return page, errors


def times(page, selector: str) -> list[str]:
    return page.locator(selector).all_inner_texts()


def test_venue_time_by_default_then_local_time_on_toggle(browser, site_url):
    page, errors = open_page(browser, site_url + "program/index.html", zone="Asia/Tokyo", now="2022-07-01T00:00:00Z")
    button = page.get_by_role("button", name="Show times in my time zone (Asia/Tokyo)")
    assert button.get_attribute("aria-pressed") == "false"
    # English: a 12-hour clock (workshop_clock = "locale"), on the page (Babel, with CLDR's narrow no-break
    # space) and from the script (Intl: Chromium writes a plain space)
    assert times(page, ".ws-schedule tbody tr:first-child time") == ["9:15\u202fAM", "10:00\u202fAM"]

    button.click()
    assert button.get_attribute("aria-pressed") == "true"
    # 09:15 in Baltimore (UTC-4) is 22:15 in Tokyo (UTC+9), the same day
    assert times(page, ".ws-schedule tbody tr:first-child time") == ["10:15 PM", "11:00 PM"]
    # 13:30 in Baltimore is 02:30 the next day in Tokyo: the day is named
    assert times(page, ".ws-schedule tbody tr:nth-child(4) time")[0] == "2:30 AM (Sat)"
    assert "Japan Standard Time (Asia/Tokyo)" in page.locator(".ws-timezone").inner_text()
    assert page.get_by_role("status").first.inner_text() == "Times are in your time zone, Asia/Tokyo."

    button.click()
    assert times(page, ".ws-schedule tbody tr:first-child time") == ["9:15\u202fAM", "10:00\u202fAM"]
    assert page.locator(".ws-timezone").inner_text().startswith("All times are Eastern Time (EDT")
    assert errors == []


def test_the_choice_is_remembered(browser, site_url):
    page, _ = open_page(browser, site_url + "program/index.html", zone="Europe/Paris", now="2022-07-01T00:00:00Z",
                        storage={"workshop-time-zone": "local"})
    assert page.get_by_role("button", name=re.compile("Show times in my time zone")).get_attribute(
        "aria-pressed") == "true"
    assert times(page, ".ws-schedule tbody tr:first-child time") == ["3:15 PM", "4:00 PM"]
    page.get_by_role("button", name=re.compile("Show times in my time zone")).click()
    assert page.evaluate("localStorage.getItem('workshop-time-zone')") == "venue"


def test_the_toggle_works_from_the_keyboard(browser, site_url):
    page, _ = open_page(browser, site_url + "program/index.html", zone="Asia/Tokyo", now="2022-07-01T00:00:00Z")
    button = page.locator(".ws-tz-toggle")
    for _ in range(40):  # Tab through the page until the toggle has the focus
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('ws-tz-toggle')"):
            break
    page.keyboard.press("Enter")
    assert button.get_attribute("aria-pressed") == "true"
    page.keyboard.press("Space")
    assert button.get_attribute("aria-pressed") == "false"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"


def test_a_deadline_in_local_time(browser, site_url):
    page, _ = open_page(browser, site_url + "index.html", zone="UTC", now="2022-05-01T00:00:00Z")
    page.locator(".ws-tz-toggle").click()
    # 23:59 AoE on May 23 is 11:59 UTC on May 24
    assert page.locator(".ws-dates li:first-child time").inner_text() == \
        "Tuesday, May 24, 2022 at 11:59 AM UTC"


def test_countdowns_know_the_date(browser, site_url):
    page, _ = open_page(browser, site_url + "index.html", zone="America/New_York", now="2022-05-21T11:59:00Z")
    assert page.locator(".ws-dates .ws-countdown").all_inner_texts() == ["in 3 days", "in 21 days", "in 208 days"]
    page, _ = open_page(browser, site_url + "index.html", zone="America/New_York", now="2022-06-01T00:00:00Z")
    assert page.locator(".ws-dates .ws-countdown").all_inner_texts() == ["passed", "in 10 days", "in 197 days"]
    page, _ = open_page(browser, site_url + "index.html", zone="America/New_York", now="2022-05-24T09:00:00Z")
    assert page.locator(".ws-dates .ws-countdown").all_inner_texts()[0] == "in 2 hours"


def test_the_next_deadline_is_in_the_banner(browser, site_url):
    page, errors = open_page(browser, site_url + "program/index.html", zone="UTC", now="2022-05-30T00:00:00Z")
    banner = page.get_by_role("region", name="Next deadline")
    assert banner.inner_text() == "Next: Author Notification, Friday, June 10, 2022 (in 12 days)"
    assert banner.get_by_role("link").get_attribute("href") == "../index.html#date-notification"
    banner.get_by_role("link").click()
    assert page.url.endswith("/index.html#date-notification")
    assert errors == []


def test_no_banner_once_every_date_has_passed(browser, site_url):
    page, _ = open_page(browser, site_url + "index.html", zone="UTC", now="2026-11-25T00:00:00Z")
    assert page.locator(".ws-next-deadline").count() == 0
    assert page.locator(".ws-dates .ws-countdown").all_inner_texts() == ["passed"] * 3


def test_without_javascript_the_page_reads_venue_time(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "program/index.html")
    assert page.locator(".ws-tz-toggle").count() == 0
    assert times(page, ".ws-schedule tbody tr:first-child time") == ["9:15\u202fAM", "10:00\u202fAM"]
    assert "Eastern Time" in page.locator(".ws-timezone").inner_text()


def test_deadline_data_is_escaped_for_javascript():
    hostile = {"label": '</script><script>alert("x")</script>\u2028&'}
    text = script_json([hostile])
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == [hostile]
    assert PLACEHOLDER in (Path(__file__).parent.parent / "sphinx_workshop" / "sphinxext" / "js" / "workshop.js").read_text()


# -- In another language: every word from the page's labels, every time written by Intl in the page's language --

@pytest.fixture(scope="module")
def french_url(tmp_path_factory):
    app = build_app(copy_root("french", tmp_path_factory.mktemp("script-fr")))
    with sitecheck.serve(app.outdir) as server:
        yield server.url + "/"


def test_the_toggle_in_french(browser, french_url):
    # the browser's own language is English: the page's is what counts
    page, errors = open_page(browser, french_url + "programme/index.html", zone="Asia/Tokyo",
                             now="2022-07-01T00:00:00Z")
    button = page.get_by_role("button", name="Afficher les horaires dans mon fuseau horaire (Asia/Tokyo)")
    assert times(page, ".ws-schedule tbody tr:first-child time") == ["09:15", "10:00"]
    button.click()
    assert times(page, ".ws-schedule tbody tr:first-child time") == ["22:15", "23:00"]
    # 13:30 in Baltimore is 02:30 on Saturday in Tokyo
    assert times(page, ".ws-schedule tbody tr:nth-child(6) time")[0] == "02:30 (sam.)"
    assert page.locator(".ws-timezone").inner_text() == \
        "Tous les horaires sont affichés dans votre fuseau horaire\u00a0: heure normale du Japon (Asia/Tokyo)."
    assert page.get_by_role("status").first.inner_text() == "Les horaires sont dans votre fuseau horaire, Asia/Tokyo."
    button.click()
    assert page.get_by_role("status").first.inner_text() == \
        "Les horaires sont dans le fuseau horaire du lieu de l’atelier."
    assert errors == []


def test_countdowns_and_banner_in_french(browser, french_url):
    page, errors = open_page(browser, french_url + "programme/index.html", zone="UTC", now="2022-05-30T00:00:00Z")
    banner = page.get_by_role("region", name="Prochaine échéance")
    assert banner.inner_text() == \
        "Prochaine échéance\u00a0: Notification aux auteurs, vendredi 10 juin 2022 (dans 12 jours)"
    assert banner.get_by_role("link").get_attribute("href") == "../index.html#date-notification"
    page, _ = open_page(browser, french_url + "index.html", zone="UTC", now="2022-06-01T00:00:00Z")
    assert page.locator(".ws-dates .ws-countdown").all_inner_texts() == ["passée", "dans 10 jours", "dans 197 jours"]
    page.locator(".ws-tz-toggle").click()
    assert page.locator(".ws-dates li:first-child time").inner_text() == "mardi 24 mai 2022 à 11:59 UTC"
    assert errors == []


def test_workshop_clock_24h_in_the_script(browser, tmp_path):
    app = build_app(copy_root("site", tmp_path / "src"), confoverrides={"workshop_clock": "24h"})
    with sitecheck.serve(app.outdir) as server:
        page, errors = open_page(browser, server.url + "/program/index.html", zone="Asia/Tokyo",
                                 now="2022-07-01T00:00:00Z")
        assert times(page, ".ws-schedule tbody tr:first-child time") == ["09:15", "10:00"]
        page.locator(".ws-tz-toggle").click()
        assert times(page, ".ws-schedule tbody tr:first-child time") == ["22:15", "23:00"]
        assert times(page, ".ws-schedule tbody tr:nth-child(4) time")[0] == "02:30 (Sat)"
        assert errors == []
