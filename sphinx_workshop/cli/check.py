"""Checking a site's data files without Sphinx: the build's messages, in a fraction of a second.

The pages say which data files the site shows (``{schedule} schedule.yaml``); this module finds
those directives the way Sphinx would find them, resolves each file the way Sphinx does, and calls
the very ``load_*`` function the directive calls. A message here is therefore word for word the
``file:line: ...`` part of the build's warning.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from sphinx.project import EXCLUDE_PATHS
from sphinx.util.matching import get_matching_files

from sphinx_workshop.data.loading import (
    load_dates,
    load_papers,
    load_people,
    load_schedule,
)
from sphinx_workshop.data.reading import DataError, display_path

#: Directive name -> the function its ``run()`` calls.
LOADERS: dict[str, Callable[[Path, Path], object]] = {
    "schedule": load_schedule,
    "people": load_people,
    "important-dates": load_dates,
    "papers": load_papers,
}
#: A data file named on the command line is known by its top-level key (a schedule also has ``people:``).
KIND_BY_KEY = (("entries", "schedule"), ("papers", "papers"), ("dates", "important-dates"), ("people", "people"))
#: Never pages, whatever conf.py says: build output, environments, dot-folders, the test suite.
ALWAYS_EXCLUDED = ["_build", ".*", "**/.*", "venv", "node_modules", "**/node_modules", "tests"]
#: Sphinx's default when conf.py sets no ``source_suffix``; MyST adds ``.md``.
DEFAULT_SUFFIXES = (".rst", ".md")
#: Fenced directives whose content is code, not more page text.
LITERAL_DIRECTIVES = {"code", "code-block", "code-cell", "sourcecode", "math", "raw", "parsed-literal"}

_FENCE = re.compile(r"^\s*(?P<fence>`{3,}|~{3,}|:{3,})\s*(?P<info>[^`]*?)\s*$")
_MYST_DIRECTIVE = re.compile(r"^\{(?P<name>[\w:.-]+)\}\s*(?P<argument>.*)$")
_RST_DIRECTIVE = re.compile(r"^\s*\.\.\s+(?P<name>[\w:.-]+)::\s*(?P<argument>.*?)\s*$")
_TOP_LEVEL_KEY = re.compile(r"^(?P<key>[A-Za-z_]\w*)\s*:", re.MULTILINE)
_PLACE = re.compile(r"^(?P<file>.*?):(?P<line>\d+): ")


@dataclass(frozen=True)
class Use:
    """A data file shown by a directive on a page."""

    kind: str
    path: Path
    page: Path
    line: int


@dataclass(frozen=True)
class SiteConfig:
    """What conf.py says about which files are pages, read without running it."""

    suffixes: tuple[str, ...]
    include: list[str]
    exclude: list[str]


def read_conf(root: Path) -> SiteConfig:
    """The literal ``source_suffix``, ``include_patterns``, ``exclude_patterns`` and asset paths of conf.py.

    conf.py is parsed, never executed: checking data must not run the site's code (nor be slowed by
    its imports). A value that is not a literal keeps Sphinx's default.
    """
    values = _literal_assignments(root / "conf.py")
    suffix = values.get("source_suffix", DEFAULT_SUFFIXES)
    suffixes = (suffix,) if isinstance(suffix, str) else tuple(suffix)
    exclude = [*_strings(values.get("exclude_patterns")), *_strings(values.get("templates_path")),
               *_strings(values.get("html_static_path")), *_strings(values.get("html_extra_path")),
               *EXCLUDE_PATHS, *ALWAYS_EXCLUDED]
    return SiteConfig(suffixes, _strings(values.get("include_patterns")) or ["**"], exclude)


def _literal_assignments(conf: Path) -> dict[str, object]:
    try:
        tree = ast.parse(conf.read_bytes(), filename=str(conf))
    except (OSError, SyntaxError, ValueError):
        return {}
    values: dict[str, object] = {}
    for statement in tree.body:
        if isinstance(statement, ast.Assign) and len(statement.targets) == 1 \
                and isinstance(statement.targets[0], ast.Name):
            try:
                values[statement.targets[0].id] = ast.literal_eval(statement.value)
            except ValueError:
                values.pop(statement.targets[0].id, None)
    return values


def _strings(value: object) -> list[str]:
    return [v for v in value if isinstance(v, str)] if isinstance(value, list | tuple) else []


def pages(root: Path) -> list[Path]:
    """The site's source pages, chosen as Sphinx chooses them."""
    config = read_conf(root)
    return [root / name for name in get_matching_files(root, config.include, config.exclude)
            if name.endswith(config.suffixes)]


def directives_in(page: Path) -> list[tuple[str, str, int]]:
    """``(name, argument, line)`` of every directive on a page: MyST fences, or rST (also in ``{eval-rst}``).

    Code blocks and literal blocks are skipped, so that a page may show an example of a directive.
    """
    try:
        lines = page.read_text(encoding="utf-8-sig", errors="replace").splitlines()
    except OSError:
        return []
    numbered = list(enumerate(lines, 1))
    return _rst_directives(numbered) if page.suffix == ".rst" else _myst_directives(numbered)


def _myst_directives(lines: list[tuple[int, str]]) -> list[tuple[str, str, int]]:
    found, rst_lines = [], []
    open_fences: list[tuple[str, str]] = []  # (fence, directive name; "" for a code block)
    for number, line in lines:
        fence = _FENCE.match(line)
        if open_fences and fence and _closes(fence, open_fences[-1][0]):
            open_fences.pop()
            continue
        inside = open_fences[-1][1] if open_fences else None
        if inside == "eval-rst":
            rst_lines.append((number, line))
        elif inside == "" or inside in LITERAL_DIRECTIVES:
            continue
        elif fence:
            directive = _MYST_DIRECTIVE.match(fence["info"])
            open_fences.append((fence["fence"], directive["name"] if directive else ""))
            if directive:
                found.append((directive["name"], directive["argument"].strip(), number))
    return found + _rst_directives(rst_lines)


def _rst_directives(lines: list[tuple[int, str]]) -> list[tuple[str, str, int]]:
    found = []
    literal_indent = None  # the indentation of the line that opened a literal block
    for number, line in lines:
        if not line.strip():
            continue
        indent = len(line) - len(line.lstrip())
        if literal_indent is not None and indent > literal_indent:
            continue
        literal_indent = None
        if directive := _RST_DIRECTIVE.match(line):
            found.append((directive["name"], directive["argument"], number))
            if directive["name"] in LITERAL_DIRECTIVES:
                literal_indent = indent
        elif line.rstrip().endswith("::"):
            literal_indent = indent
    return found


def _closes(fence: re.Match[str], opening: str) -> bool:
    """A closing fence: the opening's character, at least as many, and nothing after it."""
    text = fence["fence"]
    return not fence["info"] and text[0] == opening[0] and len(text) >= len(opening)


def resolve(argument: str, page: Path, root: Path) -> Path:
    """The file a directive names, as ``env.relfn2path`` resolves it: from the root when it starts with '/'."""
    if argument.startswith(("/", "\\")):
        return root.joinpath(argument.lstrip("/\\")).resolve()
    return (page.parent / argument).resolve()


def uses(root: Path, page_paths: Iterable[Path] | None = None) -> list[Use]:
    """Every data file the pages show, with the directive that shows it."""
    found = []
    for page in pages(root) if page_paths is None else page_paths:
        for name, argument, line in directives_in(page):
            if name in LOADERS and argument:
                found.append(Use(name, resolve(argument, page, root), page, line))
    return found


def kind_of(path: Path) -> str | None:
    """The directive for a data file, from its top-level key; ``None`` when it has none of ours."""
    try:
        text = path.read_text(encoding="utf-8-sig", errors="replace")
    except OSError:
        return None
    keys = {m["key"] for m in _TOP_LEVEL_KEY.finditer(text)}
    return next((kind for key, kind in KIND_BY_KEY if key in keys), None)


def problems(files: Iterable[tuple[str, Path]], root: Path, messages: Iterable[str] = ()) -> list[str]:
    """The messages of every ``(kind, path)`` (and ``messages``), once each, by file and line."""
    found = list(messages)
    for kind, path in dict.fromkeys(files):
        try:
            LOADERS[kind](path, root)
        except DataError as error:
            found += error.messages
    return sorted(dict.fromkeys(found), key=_place)


def _place(message: str) -> tuple[str, int]:
    if match := _PLACE.match(message):
        return match["file"], int(match["line"])
    return message.split(": ", 1)[0], 0


@dataclass(frozen=True)
class Result:
    messages: list[str]
    #: Data files checked, and the files given on the command line that are not workshop data.
    checked: int
    skipped: list[Path]


def check_site(root: Path) -> Result:
    """Every data file the site's pages show."""
    root = root.resolve()
    files = [(use.kind, use.path) for use in uses(root)]
    return Result(problems(files, root), len(set(files)), [])


def check_paths(paths: Iterable[Path], root: Path) -> Result:
    """Data files and pages named on the command line; a data file is known by how the site uses it or by its key."""
    root = root.resolve()
    site_kinds = {use.path: use.kind for use in uses(root)} if (root / "conf.py").is_file() else {}
    suffixes = read_conf(root).suffixes
    files: list[tuple[str, Path]] = []
    skipped: list[Path] = []
    missing: list[str] = []
    for path in paths:
        absolute = path.resolve()
        if not absolute.exists():
            missing.append(f"{display_path(absolute, root)}: file not found")
        elif absolute.name.endswith(suffixes):
            files += [(use.kind, use.path) for use in uses(root, [absolute])]
        elif kind := site_kinds.get(absolute) or kind_of(absolute):
            files.append((kind, absolute))
        else:
            skipped.append(path)
    return Result(problems(files, root, missing), len(set(files)), skipped)
