"""The extension's message catalogs (``sphinx_workshop/locale/``), kept in step with its sources by Babel.

    python tools/catalogs.py           # `make catalogs`: extract the .pot, merge it into every .po
    python tools/catalogs.py --check   # say what is out of date, and fail (the tests check the same)
    python tools/catalogs.py --new de  # start a catalog for another language (then translate it)

Messages are the string literals of ``_("...")`` (also ``self._``, ``wording._``) and ``N_("...")``
calls in ``sphinx_workshop/``; a ``# Translators:`` comment on the line before one is shown to
translators. Locations are written without line numbers, so that an edit elsewhere in a file does
not change the catalogs. A message that changed gets its old translation marked fuzzy: the
tests fail until a translator has looked at it (a fuzzy translation is never shown).
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.pofile import read_po, write_po

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from sphinx_workshop import __version__  # noqa: E402 - the package of this repository, installed or not

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "sphinx_workshop"
LOCALE = PACKAGE / "locale"
DOMAIN = "sphinx_workshop"
POT = LOCALE / f"{DOMAIN}.pot"
COMMENT_TAGS = ("Translators:",)
PROJECT = "sphinx-workshop"


HEADER = """\
# The words of sphinx-workshop, the Sphinx extension for workshop sites, for translators.
# Written by tools/catalogs.py (make catalogs) from the sources; CONTRIBUTING.md says how to translate."""


def _catalog(**header: object) -> Catalog:
    return Catalog(project=PROJECT, version=__version__, header_comment=HEADER, charset="utf-8",
                   msgid_bugs_address="", fuzzy=False, **header)


def extract() -> Catalog:
    """Every message of the package's sources, with the files it is in and its translator comments."""
    catalog = _catalog()
    found = extract_from_dir(PACKAGE, method_map=[("**.py", "python")], keywords=DEFAULT_KEYWORDS,
                             comment_tags=COMMENT_TAGS, strip_comment_tags=True)
    for filename, _line, message, comments, context in found:
        path = (PACKAGE.relative_to(ROOT) / filename).as_posix()
        catalog.add(message, None, [(path, None)], auto_comments=comments, context=context)
    return catalog


def messages(catalog: Catalog) -> dict[str, tuple[frozenset[str], tuple[str, ...]]]:
    """msgid -> (files, translator comments), what a .pot says of each message."""
    return {m.id: (frozenset(path for path, _ in m.locations), tuple(m.auto_comments))
            for m in catalog if m.id}


def read(path: Path, language: str | None = None) -> Catalog:
    with path.open("rb") as source:
        return read_po(source, locale=language)


def render(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_po(out, catalog, width=100, include_lineno=False, sort_by_file=True, ignore_obsolete=True)
    return out.getvalue()


def pot_differences() -> list[str]:
    """How the .pot differs from the sources: messages missing, gone or moved, comments changed."""
    if not POT.is_file():
        return [f"{POT.relative_to(ROOT)} is missing"]
    now, then = messages(extract()), messages(read(POT))
    problems = [f"not in the .pot: {m!r}" for m in now.keys() - then.keys()]
    problems += [f"in the .pot but no longer in the sources: {m!r}" for m in then.keys() - now.keys()]
    problems += [f"files or translator comments changed: {m!r}" for m in now.keys() & then.keys()
                 if now[m] != then[m]]
    return sorted(problems)


def po_files() -> list[Path]:
    return sorted(LOCALE.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))


def untranslated(po: Path) -> list[str]:
    """Each message of a .po that has no translation, or only a fuzzy one, or one that drops a placeholder."""
    import string

    def fields(text: str) -> set[str]:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}

    catalog = read(po, po.parent.parent.name)
    problems = []
    template = messages(read(POT)) if POT.is_file() else {}
    for message in catalog:
        if not message.id:
            continue
        if not message.string:
            problems.append(f"no translation: {message.id!r}")
        elif message.fuzzy:
            problems.append(f"fuzzy (check it, then remove the fuzzy flag): {message.id!r}")
        elif fields(message.string) != fields(message.id):
            problems.append(f"placeholders differ: {message.id!r} -> {message.string!r}")
    known = {m.id for m in catalog if m.id}
    problems += [f"not in the catalog (run make catalogs): {m!r}" for m in template.keys() - known]
    return problems


def write_if_changed(path: Path, content: bytes) -> bool:
    if path.is_file() and path.read_bytes() == content:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    return True


def update() -> list[Path]:
    """Rewrite the .pot from the sources and merge it into every .po; the files that changed."""
    template = extract()
    changed = []
    if POT.is_file():
        old = read(POT)
        template.creation_date = old.creation_date  # a new date only when the messages changed
        if render(template) != POT.read_bytes():
            template.creation_date = dt.datetime.now(dt.UTC)
    if write_if_changed(POT, render(template)):
        changed.append(POT)
    for po in po_files():
        catalog = read(po, po.parent.parent.name)
        catalog.update(template, update_creation_date=False)
        if write_if_changed(po, render(catalog)):
            changed.append(po)
    return changed


def new(language: str) -> Path:
    """A catalog for ``language`` with every message, none translated yet."""
    po = LOCALE / language / "LC_MESSAGES" / f"{DOMAIN}.po"
    if po.exists():
        raise SystemExit(f"{po.relative_to(ROOT)} exists already")
    template = read(POT)
    catalog = _catalog(locale=language, creation_date=template.creation_date,
                       revision_date=dt.datetime.now(dt.UTC))
    catalog.update(template)
    write_if_changed(po, render(catalog))
    return po


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--check", action="store_true", help="say what is out of date and fail; change nothing")
    group.add_argument("--new", metavar="LANGUAGE", help="start a catalog for LANGUAGE (like de or pt_BR)")
    args = parser.parse_args(argv)
    if args.new:
        print(f"wrote {new(args.new).relative_to(ROOT)}: translate every msgstr, then make test")
        return 0
    if args.check:
        problems = pot_differences() + [f"{po.relative_to(ROOT)}: {p}" for po in po_files() for p in untranslated(po)]
        for problem in problems:
            print(problem)
        return 1 if problems else 0
    for path in update():
        print(f"updated {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
