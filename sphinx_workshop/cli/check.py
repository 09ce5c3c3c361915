"""Checking a site without building it: every problem the build reports, word for word, in a fraction of a second.

The pages say what the site shows (``{schedule} schedule.yaml``, ``{person}`bouman```). This module
finds the directives and roles the extension adds (``markup/syntax.py`` lists them; ``markup/scan.py``
finds them as MyST and docutils do), resolves each file as Sphinx does, and runs the checks the build
runs, through the same functions: the ``load_*`` loaders, the option checks, the photo check, the
calendar conflict rule. Each problem is a :class:`~sphinx_workshop.data.findings.Finding`, printed as
the build's warning without ``WARNING:`` and its ``[workshop.…]`` tag. A ``{person}`` id may have its card
on another site (``cli/inventories.py``).
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sphinx.project import EXCLUDE_PATHS
from sphinx.util.matching import get_matching_files

from sphinx_workshop.data.anchors import shown
from sphinx_workshop.data.findings import Finding, findings_of, in_order
from sphinx_workshop.data.loading import (
    ScheduleData,
    load_dates,
    load_papers,
    load_people,
    load_schedule,
)
from sphinx_workshop.data.model import DEFAULT_KINDS, KINDS_SETTING, DatesFile, SessionKinds
from sphinx_workshop.data.reading import DataError, Document, display_path
from sphinx_workshop.cli.inventories import OtherSites, other_sites
from sphinx_workshop.data.rules import is_file
from sphinx_workshop.markup.scan import DirectiveUse, conf_values, scan_file
from sphinx_workshop.markup.syntax import (
    CONFIG_FILES,
    DIRECTIVES,
    ROLES,
    calendar_target,
    checked_options,
    missing_file,
    named_files,
    no_card,
    role_target,
    shown_twice,
)

#: Data kind -> the function the directive's ``show()`` calls.
LOADERS: dict[str, Callable[[Path, Path], object]] = {
    "schedule": load_schedule,
    "people": load_people,
    "dates": load_dates,
    "papers": load_papers,
}
#: A data file named on the command line is known by its top-level key (a schedule also has ``people:``).
KIND_BY_KEY = (("entries", "schedule"), ("days", "schedule"), ("papers", "papers"), ("dates", "dates"), ("people", "people"))
#: Never pages, whatever conf.py says: build output, environments, dot-folders, the test suite.
ALWAYS_EXCLUDED = ["_build", "**/_build", ".*", "**/.*", "venv", "**/venv", "node_modules", "**/node_modules",
                   "__pycache__", "**/__pycache__", "tests"]
#: Sphinx's defaults when conf.py does not say (MyST adds ``.md``).
DEFAULT_SUFFIXES = (".rst", ".md")
DEFAULT_PROJECT = "Project name not set"
_TOP_LEVEL_KEY = re.compile(r"^([A-Za-z_]\w*)\s*:", re.MULTILINE)


class NotASite(Exception):
    """The folder has no conf.py: nothing to check, and nothing is searched."""

    def __init__(self, folder: Path) -> None:
        super().__init__(f"no conf.py in {folder.resolve()}: run it in the site's folder, or name the folder")


@dataclass(frozen=True)
class SiteConfig:
    """What conf.py says that the check needs, read without running it."""

    suffixes: tuple[str, ...]
    include: list[str]
    exclude: list[str]
    project: str
    suppress: frozenset[str]
    #: conf.py value -> (the file it names, its line in conf.py).
    files: dict[str, tuple[str, int]]
    #: The people of the sites of ``intersphinx_mapping``, which a ``{person}`` id may link to.
    other_sites: OtherSites = OtherSites()
    #: The session kinds schedules are checked with (``workshop_session_kinds``), its mistakes and its line.
    kinds: SessionKinds = DEFAULT_KINDS
    kinds_problems: tuple[str, ...] = ()
    kinds_line: int = 0


def read_conf(root: Path) -> SiteConfig:
    """The literal values of conf.py that decide which files are pages, and what the build reports.

    conf.py is parsed, never executed: checking data must not run the site's code (nor be slowed by
    its imports). A value that is not a literal keeps Sphinx's default.
    """
    conf = root / "conf.py"
    if not is_file(conf):
        raise NotASite(root)
    assigned = conf_values(conf)
    values = {name: value for name, (value, _) in assigned.items()}
    suffix = values.get("source_suffix", DEFAULT_SUFFIXES)
    suffixes = (suffix,) if isinstance(suffix, str) else tuple(suffix)
    exclude = [*_strings(values.get("exclude_patterns")), *_strings(values.get("templates_path")),
               *_strings(values.get("html_static_path")), *_strings(values.get("html_extra_path")),
               *EXCLUDE_PATHS, *ALWAYS_EXCLUDED]
    project = values.get("project")
    files = {name: (value, line) for name, (value, line) in assigned.items()
             if name in CONFIG_FILES and isinstance(value, str) and value}
    kinds, kinds_problems = SessionKinds.from_setting(values.get(KINDS_SETTING))
    return SiteConfig(suffixes, _strings(values.get("include_patterns")) or ["**"], exclude,
                      project if isinstance(project, str) else DEFAULT_PROJECT,
                      frozenset(_strings(values.get("suppress_warnings"))), files, other_sites(root, values), kinds,
                      tuple(kinds_problems), assigned.get(KINDS_SETTING, (None, 0))[1])


def _strings(value: object) -> list[str]:
    return [v for v in value if isinstance(v, str)] if isinstance(value, list | tuple) else []


def pages(root: Path, config: SiteConfig | None = None) -> list[Path]:
    """The site's source pages, chosen as Sphinx chooses them: excluded folders are not even entered."""
    config = config or read_conf(root)
    return [root / name for name in get_matching_files(root, config.include, config.exclude)
            if name.endswith(config.suffixes)]


def resolve(argument: str, page: Path, root: Path) -> Path:
    """The file a directive names, as ``env.relfn2path`` resolves it: from the root when it starts with '/'."""
    if argument.startswith(("/", "\\")):
        return root.joinpath(argument.lstrip("/\\")).resolve()
    return (page.parent / argument).resolve()


def silenced(kind: str, suppress: frozenset[str]) -> bool:
    """``suppress_warnings`` as Sphinx reads it: ``workshop``, ``workshop.*`` or ``workshop.<kind>``."""
    return bool({"workshop", "workshop.*", f"workshop.{kind}"} & suppress)


@dataclass
class Calendar:
    """A ``:calendar:`` a directive asks for; its bytes are made only if another directive asks for the file."""

    target: str
    file: str
    line: int
    make: Callable[[], bytes]


@dataclass
class Report:
    """Every problem of the site, with where it came from: the pages and the data files it was found through."""

    pages: dict[Finding, set[Path]] = field(default_factory=dict)
    files: dict[Finding, set[Path]] = field(default_factory=dict)
    #: Each data file read -> the pages that show it.
    read: dict[Path, set[Path]] = field(default_factory=dict)

    def add(self, findings: Iterable[Finding], page: Path | None = None, file: Path | None = None) -> None:
        for finding in findings:
            self.pages.setdefault(finding, set()).update([page] if page else [])
            self.files.setdefault(finding, set()).update([file] if file else [])

    def findings(self, suppress: frozenset[str] = frozenset()) -> list[Finding]:
        return [f for f in in_order(self.pages) if not silenced(f.kind, suppress)]


class Site:
    """One check of a site: its pages read once, every problem in :attr:`report`."""

    def __init__(self, root: Path) -> None:
        self.root = root.resolve()
        self.config = read_conf(self.root)
        self.report = Report()
        #: Person ids with a card on some page.
        self.cards: set[str] = set()
        self.calendars: list[Calendar] = []
        #: The ``:frab:`` programs for apps asked for: (files, page, line, the program as data).
        self.programs: list[tuple[str, str, int, Callable[[], dict[str, Any]]]] = []
        self.mentions: list[tuple[Path, str, int]] = []
        #: On the page being checked: anchor -> the line of the directive that showed it first.
        self.anchors: dict[str, int] = {}

    def display(self, path: Path) -> str:
        return display_path(path, self.root)

    def check(self) -> Report:
        found = sorted(pages(self.root, self.config), key=self.docname)
        for page in found:
            self.check_page(page)
        for setting, (written, line) in self.config.files.items():
            self.check_setting(setting, written, line)
        self.check_kinds()
        self.check_paper_pages(found)
        self.check_mentions()
        self.check_calendars()
        self.check_programs()
        return self.report

    def docname(self, page: Path) -> str:
        """Sphinx's name for the page (``program/index``): the build orders pages by it."""
        return posixpath.splitext(self.display(page))[0]

    def check_page(self, page: Path) -> None:
        scanned = scan_file(page)
        self.anchors = {}
        for use in scanned.directives:
            if use.name in DIRECTIVES:
                self.check_directive(page, use)
        for role in scanned.roles:
            if role.name in ROLES and (target := role_target(role.text)) is not None:
                self.mentions.append((page, target, role.line))

    def check_directive(self, page: Path, use: DirectiveUse) -> None:
        """What the directive's ``show()`` checks, in its order: options, files named, then their data, its anchors."""
        spec = DIRECTIVES[use.name]
        if spec.data and not use.argument:
            return  # docutils refuses a directive without its argument itself
        here = self.display(page)
        options, problems = checked_options(use.name, use.options)
        self.report.add([Finding(here, use.line, text, kind) for kind, text in problems], page)
        loaded = {}
        for kind, written in named_files(use.name, use.argument, options):
            path = resolve(written, page, self.root)
            if not is_file(path):
                self.report.add([Finding(here, use.line, missing_file(written, path=path), kind)], page)
            elif (data := self.load(kind, path, spec.kind, page, cards=use.name == "people")) is not None:
                loaded[kind] = data
        if spec.data in loaded:
            self.check_anchors(page, use, loaded[spec.data])
        if spec.data in loaded and "calendar" in options:
            self.ask_for_calendar(use, page, options["calendar"], loaded[spec.data])
        if spec.data in loaded and "frab" in options:
            self.ask_for_program(use, page, options["frab"], loaded[spec.data])

    def check_anchors(self, page: Path, use: DirectiveUse, data: ScheduleData | Document[Any]) -> None:
        """An anchor the page showed already (the same card or date twice): the build's rule, first one wins.

        Sections and labels of the same name are the build's alone to find (their ids are docutils')."""
        model = data.doc.model if isinstance(data, ScheduleData) else data.model
        for anchor, what in shown(model):
            if anchor in self.anchors:
                self.report.add([Finding(self.display(page), use.line, shown_twice(what, anchor, self.anchors[anchor]),
                                         "anchor")], page)
            else:
                self.anchors[anchor] = use.line

    def load(self, kind: str, path: Path, directive_kind: str, page: Path | None = None,
             cards: bool = False) -> Any:
        """The file loaded as the directive loads it; ``None`` on problems. ``cards``: as the people directive
        loads it, photos checked, and its people then have a card."""
        self.report.read.setdefault(path, set()).update([page] if page else [])
        try:
            data = load_schedule(path, self.root, self.config.kinds) if kind == "schedule" else \
                LOADERS[kind](path, self.root)
            if cards and any(person.photo for person in data.model.people):
                from sphinx_workshop.data.photos import (  # Pillow only when a photo is named
                    check_photo,
                    each_photo,
                )

                each_photo(data, check_photo)
        except DataError as error:
            self.report.add(findings_of(error, directive_kind), page, path)
            return None
        if cards:
            self.cards.update(person.id for person in data.model.people)
        return data

    def ask_for_calendar(self, use: DirectiveUse, page: Path, name: str,
                         data: ScheduleData | Document[DatesFile]) -> None:
        project = self.config.project

        def make() -> bytes:
            from sphinx_workshop.data.calendars import dates_calendar, schedule_calendar

            if isinstance(data, ScheduleData):
                return schedule_calendar(data.doc.model, data.people, project=project, kinds=data.kinds).to_ical()
            return dates_calendar(data.model.dates, project=project).to_ical()

        self.calendars.append(Calendar(calendar_target(name, self.docname(page)), self.display(page), use.line, make))

    def ask_for_program(self, use: DirectiveUse, page: Path, name: str, data: ScheduleData) -> None:
        def make() -> dict[str, Any]:
            from sphinx_workshop.data.apps import frab_document

            return frab_document(data.doc.model, data.people, project=self.config.project, kinds=data.kinds)

        self.programs.append((calendar_target(name, self.docname(page)), self.display(page), use.line, make))

    def check_setting(self, setting: str, written: str, line: int) -> None:
        path = self.root / written
        if not is_file(path):
            self.report.add([Finding("conf.py", line, missing_file(written, setting), CONFIG_FILES[setting])],
                            file=path)
        else:
            self.load(CONFIG_FILES[setting], path, CONFIG_FILES[setting])

    def check_kinds(self) -> None:
        """``workshop_session_kinds``'s mistakes, at its line, as the build reports them."""
        self.report.add([Finding("conf.py", self.config.kinds_line, text, "schedule")
                         for text in self.config.kinds_problems])

    def check_paper_pages(self, found: list[Path]) -> None:
        """A paper's page whose name a page of the site (or another paper's) has already: the build's rule."""
        from sphinx_workshop.markup.pages import plan

        sources = {self.docname(page): page for page in found}
        for finding in plan(self.root, sources, self.config.kinds)[1]:
            self.report.add([finding], self.root / finding.file)

    def check_mentions(self) -> None:
        for page, target, line in self.mentions:
            if target not in self.cards and not self.config.other_sites.may_link(target):
                self.report.add([Finding(self.display(page), line, no_card(target), "person")], page)

    def check_calendars(self) -> None:
        """Two directives asking for one calendar file must make it from the same data (the build's rule)."""
        by_target: dict[str, list[Calendar]] = {}
        for calendar in self.calendars:
            by_target.setdefault(calendar.target, []).append(calendar)
        shared = [c for c in self.calendars if len(by_target[c.target]) > 1]
        if not shared:
            return
        from sphinx_workshop.data.calendars import Made, conflicts

        for problem in conflicts(Made(c.target, c.make(), c.file, c.line) for c in shared):
            self.report.add([problem], self.root / problem.file)


    def check_programs(self) -> None:
        """Two directives asking for one schedule for apps must make it from the same data (the build's rule)."""
        targets = [target for target, *_ in self.programs]
        shared = [p for p in self.programs if targets.count(p[0]) > 1]
        if not shared:
            return
        from sphinx_workshop.data.apps import Program, program_conflicts

        for problem in program_conflicts(Program(target, "", make(), file, line)
                                         for target, file, line, make in shared):
            self.report.add([problem], self.root / problem.file)


def kind_of(path: Path) -> str | None:
    """The kind of a data file from its top-level key; ``None`` when it has none of ours."""
    try:
        text = path.read_text(encoding="utf-8-sig", errors="replace")
    except OSError:
        return None
    keys = set(_TOP_LEVEL_KEY.findall(text))
    return next((kind for key, kind in KIND_BY_KEY if key in keys), None)


@dataclass(frozen=True)
class Result:
    findings: list[Finding]
    #: Data files checked, and the files given on the command line that are not workshop data.
    checked: int
    skipped: list[Path]

    @property
    def messages(self) -> list[str]:
        return [str(f) for f in self.findings]


def check_site(root: Path) -> Result:
    """Every problem of the site in ``root``; :class:`NotASite` without its conf.py."""
    site = Site(root)
    report = site.check()
    return Result(report.findings(site.config.suppress), len(report.read), [])


def check_paths(paths: Iterable[Path], root: Path) -> Result:
    """The problems of the pages and data files named on the command line, as the site in ``root`` has them.

    A page: the problems of what it shows. A data file: its problems (a schedule's: also those of the
    people and papers files it names). A data file that no page shows is checked on its own, as its
    top-level key says.
    """
    site = Site(root)
    report = site.check()
    named_pages, named_files, missing, skipped = set(), set(), [], []
    for path in paths:
        absolute = path.resolve()
        if not absolute.exists():
            missing.append(Finding(site.display(absolute), 0, "file not found", ""))
        elif absolute.name.endswith(site.config.suffixes):
            named_pages.add(absolute)
        elif absolute in report.read:
            named_files.add(absolute)
        elif kind := kind_of(absolute):
            site.load(kind, absolute, kind, cards=kind == "people")
            named_files.add(absolute)
        else:
            skipped.append(path)
    displays = {site.display(path) for path in named_files}
    chosen = Report()
    chosen.add(missing)
    for finding, pages_of in report.pages.items():
        if pages_of & named_pages or report.files[finding] & named_files or finding.file in displays:
            chosen.add([finding])
    checked = named_files | {file for file, shown_on in report.read.items() if shown_on & named_pages}
    return Result(chosen.findings(site.config.suppress), len(checked), skipped)
