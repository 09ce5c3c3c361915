"""The message catalogs: the .pot says every message of the sources, each .po translates all of them,
and a catalog is compiled where gettext needs it (a wheel carries it; an editable install compiles it)."""

from __future__ import annotations

import gettext
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from sphinx_workshop.sphinxext.translation import CATALOG, LOCALE_DIR, catalog_dir

sys.path.insert(0, str(Path(__file__).parent.parent / "tools"))
import catalogs  # noqa: E402 - tools/catalogs.py: make catalogs

PROJECT = Path(__file__).resolve().parent.parent


def test_the_pot_has_every_message_of_the_sources():
    """Run `make catalogs` when this fails: a message was added, changed or removed in the sources."""
    assert catalogs.pot_differences() == []


def test_the_pot_check_notices_a_message_missing(tmp_path, monkeypatch):
    pot = tmp_path / "sphinx_workshop.pot"
    text = catalogs.POT.read_text(encoding="utf-8")
    blocks = text.split("\n\n")  # one message per block
    pot.write_text("\n\n".join(b for b in blocks if 'msgid "Program for {date}"' not in b), encoding="utf-8")
    monkeypatch.setattr(catalogs, "POT", pot)
    assert catalogs.pot_differences() == ["not in the .pot: 'Program for {date}'"]


def test_messages_are_marked_where_they_are_written():
    """Spot checks that extraction finds each way a message is marked: ``_``, ``self._``, ``wording._``, ``N_``."""
    found = catalogs.messages(catalogs.extract())
    assert "sphinx_workshop/sphinxext/directives/schedule.py" in found["Program for {date}"][0]  # self._
    assert "sphinx_workshop/data/calendars.py" in found["Speaker: {speakers}"][0]  # wording._
    assert "sphinx_workshop/data/model.py" in found["Keynote"][0]  # N_
    assert "sphinx_workshop/sphinxext/outputs/script.py" in found["passed"][0]  # words._
    assert found["Talk"][1] == ("a kind of session: a contributed talk.",)  # the translator's comment


def test_there_is_a_french_catalog():
    assert [po.relative_to(LOCALE_DIR).as_posix() for po in catalogs.po_files()] == [
        "fr/LC_MESSAGES/sphinx_workshop.po"]


@pytest.mark.parametrize("po", catalogs.po_files(), ids=lambda p: p.parent.parent.name)
def test_every_message_is_translated(po):
    """No empty, fuzzy or placeholder-dropping translation, and every message of the .pot is there."""
    assert catalogs.untranslated(po) == []


def test_the_completeness_check_notices_gaps(tmp_path):
    po = tmp_path / "fr" / "LC_MESSAGES" / "sphinx_workshop.po"
    po.parent.mkdir(parents=True)
    text = (LOCALE_DIR / "fr" / "LC_MESSAGES" / "sphinx_workshop.po").read_text(encoding="utf-8")
    text = text.replace('msgstr "Programme du {date}"', 'msgstr "Programme du {jour}"')
    text = text.replace('msgid "passed"\nmsgstr "passée"', '#, fuzzy\nmsgid "passed"\nmsgstr "passée"')
    text = text.replace('msgstr "Pause"', 'msgstr ""')
    po.write_text(text, encoding="utf-8")
    assert sorted(catalogs.untranslated(po)) == [
        "fuzzy (check it, then remove the fuzzy flag): 'passed'",
        "no translation: 'Break'",
        "placeholders differ: 'Program for {date}' -> 'Programme du {jour}'",
    ]


def french(folder: Path) -> gettext.GNUTranslations:
    return gettext.translation(CATALOG, localedir=folder, languages=["fr"])


def test_without_a_compiled_catalog_the_build_compiles_one(tmp_path):
    """An editable install or a source checkout has only the .po: it is compiled into the doctree folder."""
    source = tmp_path / "locale"
    shutil.copytree(LOCALE_DIR, source, ignore=shutil.ignore_patterns("*.mo"))
    cache = tmp_path / "doctrees" / "workshop-locale"
    assert catalog_dir("fr", cache, source) == cache
    assert french(cache).gettext("Program for {date}") == "Programme du {date}"
    mo = cache / "fr" / "LC_MESSAGES" / "sphinx_workshop.mo"
    compiled = mo.stat().st_mtime_ns
    assert catalog_dir("fr_CA", cache, source) == cache  # French of Canada reads French
    assert mo.stat().st_mtime_ns == compiled  # not compiled again while the .po is unchanged
    assert catalog_dir("de", cache, source) == source  # no German catalog: nothing to compile


def test_an_edited_catalog_is_compiled_again(tmp_path):
    source = tmp_path / "locale"
    shutil.copytree(LOCALE_DIR, source, ignore=shutil.ignore_patterns("*.mo"))
    cache = tmp_path / "cache"
    catalog_dir("fr", cache, source)
    po = source / "fr" / "LC_MESSAGES" / "sphinx_workshop.po"
    po.write_text(po.read_text(encoding="utf-8").replace('"Programme du {date}"', '"Au programme le {date}"'),
                  encoding="utf-8")
    mo = cache / "fr" / "LC_MESSAGES" / "sphinx_workshop.mo"
    os.utime(mo, ns=(po.stat().st_mtime_ns - 10**9,) * 2)  # compiled before the edit
    catalog_dir("fr", cache, source)
    assert french(cache).gettext("Program for {date}") == "Au programme le {date}"


def test_a_compiled_catalog_beside_the_po_is_used_as_it_is(tmp_path):
    """A wheel's catalogs are compiled already: nothing is written."""
    source = tmp_path / "locale"
    shutil.copytree(LOCALE_DIR, source, ignore=shutil.ignore_patterns("*.mo"))
    po = source / "fr" / "LC_MESSAGES" / "sphinx_workshop.po"
    from sphinx_workshop.sphinxext.translation import compile_catalog

    compile_catalog(po, po.with_suffix(".mo"))
    cache = tmp_path / "cache"
    assert catalog_dir("fr", cache, source) == source
    assert not cache.exists()


def test_the_wheel_carries_the_compiled_catalogs(tmp_path):
    """hatch_build.py, run by pip as it builds the wheel (Read the Docs installs the package so: pip install .)."""
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "--wheel-dir", str(tmp_path),
                    str(PROJECT)], check=True, capture_output=True)
    [wheel] = tmp_path.glob("sphinx_workshop-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        assert "sphinx_workshop/locale/fr/LC_MESSAGES/sphinx_workshop.mo" in names
        archive.extractall(tmp_path / "installed", [n for n in names if n.startswith("sphinx_workshop/locale/")])
    locale = tmp_path / "installed" / "sphinx_workshop" / "locale"
    assert french(locale).gettext("Talk: ") == "Exposé\u00a0: "
    assert catalog_dir("fr", tmp_path / "cache", locale) == locale  # nothing compiled when the wheel has it
