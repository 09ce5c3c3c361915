"""Times, dates and zone names as each language writes them (CLDR, through Babel), and ``workshop_clock``."""

from __future__ import annotations

import datetime as dt
import json
import re
from zoneinfo import ZoneInfo

import pytest
from conftest import build_app, copy_root, soup_of, warnings_of

from sphinx_workshop.data.model import ImportantDate
from sphinx_workshop.data.times import AOE_ZONE
from sphinx_workshop.data.wording import Wording

MORNING = dt.datetime(2022, 7, 22, 9, 15, tzinfo=ZoneInfo("America/New_York"))
EVENING = dt.datetime(2022, 7, 22, 21, 5, tzinfo=ZoneInfo("America/New_York"))
PARIS = dt.datetime(2022, 12, 15, 18, 0, tzinfo=ZoneInfo("Europe/Paris"))
AOE = dt.datetime(2022, 5, 23, 23, 59, tzinfo=AOE_ZONE)
N = "\u202f"  # CLDR's narrow no-break space before AM and PM


@pytest.mark.parametrize(("language", "clock", "morning", "evening"), [
    ("en", "locale", f"9:15{N}AM", f"9:05{N}PM"),
    ("en", "24h", "09:15", "21:05"),
    ("en", "12h", "9:15 AM", "9:05 PM"),  # CLDR's English 12-hour pattern has a plain space
    ("fr", "locale", "09:15", "21:05"),
    ("fr", "12h", f"9:15{N}AM", f"9:05{N}PM"),
    ("de", "locale", "09:15", "21:05"),
    ("en_GB", "locale", "09:15", "21:05"),  # British English writes 24-hour times
    ("ja", "24h", "9:15", "21:05"),
])
def test_the_clock_of_each_language(language, clock, morning, evening):
    words = Wording(language, clock)
    assert (words.clock(MORNING), words.clock(EVENING)) == (morning, evening)


def test_the_script_s_clock_follows_the_setting():
    assert [Wording("en", clock).hour_cycle for clock in ("locale", "24h", "12h")] == [None, "h23", "h12"]


@pytest.mark.parametrize(("language", "moment", "abbreviation"), [
    ("en", MORNING, "EDT"),
    ("en", PARIS, "CET"),  # not in CLDR's English: the tz database's, which is English
    ("fr", MORNING, None),  # French has no abbreviation for these zones: the offset alone
    ("fr", PARIS, None),
    ("de", PARIS, "MEZ"),
    ("en", AOE, "AoE"),
    ("fr", AOE, "AoE"),
    ("en", dt.datetime(2022, 7, 22, 9, tzinfo=ZoneInfo("America/Sao_Paulo")), None),  # the tz database says -03
])
def test_zone_abbreviations(language, moment, abbreviation):
    assert Wording(language).zone_abbreviation(moment) == abbreviation


def test_dates_and_zone_names_are_the_language_s():
    assert Wording("fr").long_date(MORNING.date()) == "vendredi 22 juillet 2022"
    assert Wording("de").long_date(MORNING.date()) == "Freitag, 22. Juli 2022"
    assert Wording("fr").zone_name(MORNING) == "heure de l’Est nord-américain"
    assert Wording("en").zone_statement(MORNING, None) == \
        "All times are Eastern Time (EDT, UTC\u221204:00), the venue's local time."


def test_an_important_date():
    date = ImportantDate.model_validate({"id": "d", "label": "Deadline", "date": "2022-05-23", "time": "23:59",
                                         "timezone": "AoE"})
    assert Wording("en").when(date) == f"Monday, May 23, 2022, 11:59{N}PM AoE (UTC\u221212:00)"
    assert Wording("en", "24h").when(date) == "Monday, May 23, 2022, 23:59 AoE (UTC\u221212:00)"


def test_a_language_cldr_does_not_know_gets_english_formats():
    assert Wording("xx").long_date(MORNING.date()) == "Friday, July 22, 2022"
    assert Wording("pt-BR").long_date(MORNING.date()) == "sexta-feira, 22 de julho de 2022"


def test_a_translation_that_breaks_a_placeholder_shows_the_english():
    broken = Wording("fr", translate=lambda message: "Programme du {jour}")
    assert broken._("Program for {date}", date="vendredi") == "Program for vendredi"
    assert Wording("fr", translate=lambda message: "Programme du {date}")._(
        "Program for {date}", date="vendredi") == "Programme du vendredi"


def test_workshop_clock_24h_on_an_english_site(tmp_path):
    app = build_app(copy_root("site", tmp_path / "src"), confoverrides={"workshop_clock": "24h"})
    assert warnings_of(app) == ""
    page = soup_of(app.outdir / "program" / "index.html")
    assert [t.get_text() for t in page.select(".ws-schedule tbody tr")[3].select("time")] == ["13:30", "14:15"]
    assert json.loads(page.select_one("#ws-labels").string)["hourCycle"] == "h23"
    index = soup_of(app.outdir / "index.html")
    assert index.select_one(".ws-dates time").get_text() == "Monday, May 23, 2022, 23:59 AoE (UTC\u221212:00)"


def test_a_wrong_workshop_clock_is_named(tmp_path):
    app = build_app(copy_root("site", tmp_path / "src"), confoverrides={"workshop_clock": "24"})
    # Sphinx's own words for a value not among those of the setting (their order is a set's)
    assert re.fullmatch(r"WARNING: The config value `workshop_clock` has to be a one of "
                        r"frozenset\(\{('(12h|24h|locale)'(, )?){3}\}\), but `24` is given.\n", warnings_of(app))
    # the language's own clock meanwhile
    page = soup_of(app.outdir / "program" / "index.html")
    assert page.select_one(".ws-schedule time").get_text() == f"9:15{N}AM"
