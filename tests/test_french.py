"""A site in French (``language = "fr"``): every word the extension writes is French, on the pages, in the
calendar files and in the page script's labels; times, dates and zone names are written as French writes them."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import build_app, copy_root, soup_of, warnings_of
from icalendar import Calendar
from sphinx.cmd.build import build_main

from sphinx_workshop.sphinxext.translation import LOCALE_DIR

NBSP = "\u00a0"
PAGES = ["index", "programme/index", "programme/articles", "programme/articles/12", "programme/articles/7"]
CALENDARS = ["dates.ics", "programme/programme.ics"]

#: What the extension writes in English, none of which a French page may show.
ENGLISH = [
    "All times are", "the local time at the venue", "the venue's local time", "Program for", "Talk:", "Talks:",
    "passed", "(presenter)", "Presenting authors", "Spotlight", "Photo of", "Add the program", "Add these dates",
    "to your calendar", "Show times in my time zone", "Times are in", "time zone", "Next deadline", "Next:",
    "Keynote", "Break", "Panel Discussion", "Introduction", "Closing Remarks", "Speaker",
    "important dates", "accepted papers", "Friday", "Monday", "Thursday", "July", "December", "Eastern Time",
    "EDT", "CET", "\u202fAM", "\u202fPM", " AM", " PM", "no card",
]


def fragments_of_the_catalog() -> list[str]:
    """The English words of every message whose French differs: each piece between placeholders, long enough
    to be words (``": "`` and ``"AoE"`` are the same in French)."""
    from babel.messages.pofile import read_po

    with (LOCALE_DIR / "fr" / "LC_MESSAGES" / "sphinx_workshop.po").open("rb") as po:
        catalog = read_po(po, locale="fr")
    found = set()
    for message in catalog:
        if not message.id or message.string == message.id:
            continue
        for piece in re.split(r"\{\w+\}", message.id):
            piece = piece.strip(" .,:()")
            if len(re.findall(r"[A-Za-z]", piece)) >= 4 and piece not in message.string:
                found.add(piece)
    return sorted(found)


@pytest.fixture(scope="module")
def french(tmp_path_factory):
    app = build_app(copy_root("french", tmp_path_factory.mktemp("french")))
    assert warnings_of(app) == ""
    return app.outdir


def main_text(soup: BeautifulSoup) -> str:
    """What the page's body says, with the words of its attributes (alt, aria-label, title)."""
    body = soup.select_one("div.body") or soup.select_one("article")  # alabaster's, or pydata-sphinx-theme's
    words = [body.get_text(" ")]
    words += [value for element in body.find_all(True) for name, value in element.attrs.items()
              if name in ("alt", "aria-label", "title") and isinstance(value, str)]
    return "\n".join(words)


def labels_of(soup: BeautifulSoup) -> dict[str, str | None]:
    return json.loads(soup.select_one('script#ws-labels[type="application/json"]').string)


def calendar_text(path: Path) -> str:
    calendar = Calendar.from_ical(path.read_bytes())
    values = [str(calendar.get(name, "")) for name in ("NAME", "X-WR-CALNAME", "PRODID")]
    for event in calendar.walk("VEVENT"):
        values += [str(event.get(name, "")) for name in ("SUMMARY", "DESCRIPTION", "LOCATION")]
        values += [str(c) for c in event.categories]
    return "\n".join(values)


def deadlines_of(outdir: Path) -> list[dict[str, str]]:
    script = (outdir / "_static" / "workshop.js").read_text(encoding="utf-8")
    return json.loads(re.search(r"const DEADLINES = (\[.*?\]);\n", script).group(1))


def everything_written(outdir: Path) -> dict[str, str]:
    texts = {}
    for page in PAGES:
        soup = soup_of(outdir / f"{page}.html")
        texts[f"{page}.html"] = main_text(soup)
        texts[f"{page}.html labels"] = "\n".join(v for v in labels_of(soup).values() if v)
    for name in CALENDARS:
        texts[name] = calendar_text(outdir / name)
    texts["workshop.js deadlines"] = "\n".join(d["when"] for d in deadlines_of(outdir))
    return texts


@pytest.mark.parametrize("english", ENGLISH + fragments_of_the_catalog())
def test_no_english_word_from_the_extension(french, english):
    shown = {where: text for where, text in everything_written(french).items() if english in text}
    assert shown == {}


def test_the_catalog_fragments_are_a_real_check():
    """The words taken from the catalog include those of the page, the calendars and the script."""
    fragments = fragments_of_the_catalog()
    assert {"Program for", "All times are", "Show times in my time zone", "Speaker", "Keynote", "Photo of",
            "important dates", "passed", "presenter"} <= set(fragments)


def test_the_schedule_in_french(french):
    page = soup_of(french / "programme" / "index.html")
    assert page.select_one(".ws-timezone").get_text() == (
        "Tous les horaires sont en heure de l’Est nord-américain (UTC\u221204:00), l’heure locale du lieu de "
        f"l’atelier{NBSP}: Baltimore, MD, États-Unis.")
    table = page.select_one("table.ws-schedule-table")
    assert table.caption.get_text(strip=True).startswith("Programme du vendredi 22 juillet 2022")
    assert [th.get_text(strip=True) for th in table.select("thead th")] == ["Horaire", "Séance", "Titre"]
    rows = table.select("tbody tr")
    assert [r.select_one(".ws-kind").get_text() for r in rows] == [
        "Conférence invitée", "Présentations éclair", "Séance de posters", "Exposé", "Pause", "Table ronde",
        "Ouverture", "Autre", "Clôture", "Moment convivial"]
    # French writes a 24-hour clock, with the hour on two digits
    assert [t.get_text() for t in rows[0].select("time")] == ["09:15", "10:00"]
    assert [t.get_text() for t in rows[5].select("time")] == ["13:30", "14:15"]
    assert rows[1].select_one(".ws-sr-only").get_text() == " (présente l’article)"
    assert page.select_one(".ws-calendar-link").get_text() == "Ajouter le programme à votre agenda (.ics)"


def test_the_cards_in_french(french):
    cards = soup_of(french / "programme" / "index.html").select(".ws-person")
    assert cards[0].select_one(".ws-talks").get_text() == \
        f"Exposés{NBSP}: Imagerie computationnelle en astronomie; Cartographie du ciel profond"
    assert cards[1].select_one(".ws-talks").get_text() == f"Exposé{NBSP}: Inférence fondée sur la simulation"
    assert cards[3].select_one("img.ws-photo")["alt"] == f"Photo{NBSP}: François Lanusse"


def test_the_papers_in_french(french):
    page = soup_of(french / "programme" / "articles.html")
    assert page.select_one(".ws-papers-legend").get_text() == \
        "Le nom de la personne qui présente chaque article est en gras."
    assert page.select_one(".ws-badge").get_text() == "Présentation éclair"
    assert page.select_one(".ws-papers-pending").get_text() == \
        "Les articles acceptés seront publiés ici dès leur annonce, le vendredi 10 juin 2022."


def test_a_paper_page_in_french(french):
    page = soup_of(french / "programme" / "articles" / "12.html")
    assert [a.get_text() for a in page.select(".ws-paper-links a")] == [
        "PDF", "Vidéo (YouTube)", "Diapositives", "Poster", "Code", "arXiv", "OpenReview"]
    assert [h.get_text(strip=True).rstrip("#¶") for h in page.select("section section > h2")] == [
        "Résumé", "Pendant l’atelier", "Citer cet article"]
    talk, poster = page.select(".ws-paper-presented li")
    assert talk.get_text() == (f"Présentations éclair{NBSP}: Deux présentations, vendredi 22 juillet 2022, "
                               "10:00–10:30 (UTC\u221204:00)")
    assert poster.get_text() == (f"Poster{NBSP}: Affiches du matin, vendredi 22 juillet 2022, 10:30–11:30 "
                                 "(UTC\u221204:00), panneau 3")
    assert page.select_one(".ws-paper-back").get_text() == "Tous les articles acceptés"
    labels = labels_of(page)
    assert labels["count"] == "{shown} articles sur {total}" and labels["copy"] == "Copier le BibTeX"


def test_the_dates_in_french(french):
    items = soup_of(french / "index.html").select("ul.ws-dates > li > p:first-child")
    assert [i.get_text() for i in items] == [
        f"Date limite de soumission{NBSP}: lundi 23 mai 2022 à 23:59 AoE (UTC\u221212:00)",
        f"Notification aux auteurs{NBSP}: vendredi 10 juin 2022",
        # French has no short name for Paris's zone (English says CET): the offset says it
        f"Clôture des inscriptions à Paris{NBSP}: jeudi 15 décembre 2022 à 18:00 (UTC+01:00)",
    ]


def test_the_calendars_in_french(french):
    program = Calendar.from_ical((french / "programme" / "programme.ics").read_bytes())
    assert program["X-WR-CALNAME"] == "Atelier AstroML 2022 — programme"
    assert program["PRODID"] == "-//sphinx-workshop//Atelier AstroML 2022 — programme//FR"
    first = program.walk("VEVENT")[0]
    assert first["SUMMARY"] == f"Conférence invitée{NBSP}: Imagerie computationnelle en astronomie (Katie Bouman)"
    assert first["DESCRIPTION"] == "Atelier AstroML 2022\nAvec Katie Bouman (Caltech)"
    assert [str(c) for c in first.categories] == ["Conférence invitée"]
    dates = Calendar.from_ical((french / "dates.ics").read_bytes()).walk("VEVENT")
    assert dates[0]["DESCRIPTION"] == f"Date limite de soumission{NBSP}: 2022-05-23 23:59 AoE (UTC\u221212:00)"


def test_the_page_script_gets_french_labels(french):
    labels = labels_of(soup_of(french / "index.html"))
    assert labels["toggle"] == "Afficher les horaires dans mon fuseau horaire ({zone})"
    assert labels["over"] == "passée"
    assert labels["next"] == f"Prochaine échéance{NBSP}: {{link}}, {{when}} ({{remaining}})"
    assert labels["hourCycle"] is None  # French's own clock, which is 24-hour
    assert [d["when"] for d in deadlines_of(french)][:2] == [
        "lundi 23 mai 2022 à 23:59 AoE (UTC\u221212:00)", "vendredi 10 juin 2022"]
    script = (french / "_static" / "workshop.js").read_text(encoding="utf-8")
    # the script itself has no words: none of the English it had
    assert not [w for w in ('"Show times', '"All times are', '"Times are in', '"Next deadline"', '"passed"',
                            '"Next: "') if w in script]


def test_the_page_language_is_french(french):
    assert soup_of(french / "index.html").html["lang"] == "fr"


def test_an_error_box_in_french_keeps_the_build_s_words(tmp_path):
    """Heading and hint are French; the message is the warning's, word for word (CONTRIBUTING.md's table)."""
    src = copy_root("french", tmp_path / "src")
    schedule = src / "programme" / "programme.yaml"
    schedule.write_text(schedule.read_text(encoding="utf-8").replace("kind: break", "kind: pause"), encoding="utf-8")
    app = build_app(src)
    box = soup_of(app.outdir / "programme" / "index.html").select_one(".ws-problem")
    assert box.select_one(".ws-problem-title").get_text() == "Le programme ne peut pas être affiché"
    assert box.select_one(".ws-problem-hint").get_text().startswith("Corrigez le fichier à la ligne indiquée")
    [message] = [m.get_text() for m in box.select(".ws-problem-message")]
    assert message.startswith("programme/programme.yaml:28: entry 5: 'kind' must be one of 'introduction'")
    assert message in warnings_of(app).replace("WARNING: ", "")


def test_an_english_build_after_a_french_one_is_english(tmp_path):
    """Sphinx merges a catalog into the one a previous build in the process loaded; the extension starts afresh."""
    import sphinx.locale

    try:
        for name, language in (("french", "fr"), ("site", "en")):
            src = copy_root(name, tmp_path / name)
            assert build_main(["-q", "-b", "html", "-D", f"language={language}", str(src),
                               str(src / "_build")]) == 0
        page = soup_of(tmp_path / "site" / "_build" / "program" / "index.html")
        assert page.select_one("table.ws-schedule-table caption").get_text(strip=True).startswith("Program for")
        assert json.loads(page.select_one("#ws-labels").string)["over"] == "passed"
    finally:
        sphinx.locale.translators.clear()  # Sphinx's own catalog stays French otherwise, for later tests


def test_the_real_site_in_french(tmp_path):
    """The ML4Astro site built with -D language=fr, as CI builds it (-W): the extension speaks French (the
    pages' own text stays English, and the theme's words are the theme's)."""
    import sphinx.locale

    project = Path(__file__).resolve().parent.parent
    try:
        status = build_main(["-q", "-W", "--keep-going", "-n", "-b", "html", "-D", "language=fr",
                             "-d", str(tmp_path / "doctrees"), str(project), str(tmp_path / "html")])
    finally:
        sphinx.locale.translators.clear()
    assert status == 0
    program = soup_of(tmp_path / "html" / "program" / "index.html")
    assert program.html["lang"] == "fr"
    assert program.select_one(".ws-timezone").get_text().startswith(
        "Tous les horaires sont en heure de l’Est nord-américain (UTC\u221204:00)")
    assert program.select_one("table.ws-schedule-table caption").get_text(strip=True).startswith(
        "Programme du vendredi 22 juillet 2022")
    assert program.select_one(".ws-schedule time").get_text() == "09:15"
    assert labels_of(program)["toggle"] == "Afficher les horaires dans mon fuseau horaire ({zone})"
    assert labels_of(program)["hourCycle"] == "h23"  # the site's workshop_clock
    texts = [main_text(soup_of(tmp_path / "html" / f"{page}.html")) for page in ("index", "program/index", "cfp/index")]
    for english in ("All times are", "Program for", "Talk:", "Add the program", "Add these dates", "Monday", "Friday"):
        assert not [text for text in texts if english in text], english
