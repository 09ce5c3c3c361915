"""Finding directives and roles in a page's source the way MyST and docutils find them, without Sphinx.

MyST pages: fenced directives (backticks, tildes or colons) with their ``:option:`` lines or
``---`` option block, ``{eval-rst}`` blocks read as reStructuredText, ``{role}`text``` in the
text. reStructuredText pages: ``.. name::`` with its ``:option:`` field list, ``:role:`text``` in
the text. Code blocks, literal blocks, comments, front matter and inline code are skipped, so a
page may show an example of a directive or role.

Lines are the ones the build reports: a directive's first line, a role's own line.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field
from pathlib import Path

#: Fenced directives whose content is code, not more page text.
LITERAL_DIRECTIVES = {"code", "code-block", "code-cell", "sourcecode", "math", "raw", "parsed-literal",
                      "literalinclude"}

_FENCE = re.compile(r"^\s*(?P<fence>`{3,}|~{3,}|:{3,})\s*(?P<info>[^`]*?)\s*$")
_MYST_DIRECTIVE = re.compile(r"^\{(?P<name>[\w:.-]+)\}\s*(?P<argument>.*)$")
_MYST_ROLE = re.compile(r"\{([a-zA-Z0-9_\-+:]+)\}")  # mdit_py_plugins.myst_role's name pattern
_RST_DIRECTIVE = re.compile(r"^(?P<indent>\s*)\.\.\s+(?P<name>[\w:.-]+)::(?:\s+(?P<argument>.*?))?\s*$")
_RST_EXPLICIT = re.compile(r"^\s*\.\.(?:\s|$)")
_RST_NOT_COMMENT = re.compile(r"^\s*\.\.\s+(?:_|\[|\|)")  # targets, footnotes and citations, substitutions
_RST_OPTION = re.compile(r"^\s+:(?P<name>[^:\s][^:]*):(?:\s+(?P<value>.*?))?\s*$")
_RST_ROLE = re.compile(r"(?<![\w`\\:]):(?P<name>[A-Za-z0-9]+(?:[-_.+:][A-Za-z0-9]+)*):`(?P<text>(?:[^`\\]|\\.)+?)`"
                       r"(?![\w`])", re.DOTALL)
_RST_LITERAL = re.compile(r"``.+?``", re.DOTALL)


@dataclass(frozen=True)
class DirectiveUse:
    name: str
    argument: str
    options: dict[str, str]
    line: int


@dataclass(frozen=True)
class RoleUse:
    name: str
    text: str
    line: int


@dataclass
class Page:
    directives: list[DirectiveUse] = field(default_factory=list)
    roles: list[RoleUse] = field(default_factory=list)

    def extend(self, other: Page) -> None:
        self.directives += other.directives
        self.roles += other.roles


def scan_file(path: Path) -> Page:
    """The directives and roles of a page file (``.rst``: reStructuredText; any other: MyST)."""
    try:
        text = path.read_text(encoding="utf-8-sig", errors="replace")
    except OSError:
        return Page()
    return scan(text, rst=path.suffix == ".rst")


def scan(text: str, *, rst: bool) -> Page:
    lines = list(enumerate(text.splitlines(), 1))
    page = _rst(lines) if rst else _myst(lines)
    page.directives.sort(key=lambda d: d.line)
    page.roles.sort(key=lambda r: r.line)
    return page


# -- MyST ------------------------------------------------------------------------------------------

def _myst(lines: list[tuple[int, str]]) -> Page:
    page = Page()
    rst_lines: list[tuple[int, str]] = []
    block: list[tuple[int, str]] = []
    open_fences: list[tuple[str, str]] = []  # (fence, directive name; "" for a code block)
    index = _after_front_matter(lines)
    while index < len(lines):
        number, line = lines[index]
        index += 1
        fence = _FENCE.match(line)
        if open_fences and fence and _closes(fence, open_fences[-1][0]):
            open_fences.pop()
            page.roles += _myst_roles(block)
            block = []
            continue
        inside = open_fences[-1][1] if open_fences else None
        if inside == "eval-rst":
            rst_lines.append((number, line))
        elif inside == "" or inside in LITERAL_DIRECTIVES:
            continue
        elif fence:
            page.roles += _myst_roles(block)
            block = []
            directive = _MYST_DIRECTIVE.match(fence["info"])
            open_fences.append((fence["fence"], directive["name"] if directive else ""))
            if directive:
                options, index = _myst_options(lines, index)
                page.directives.append(DirectiveUse(directive["name"], directive["argument"].strip(), options, number))
        elif not line.strip() or line.startswith("%"):  # a blank line ends a paragraph; '%' starts a comment
            page.roles += _myst_roles(block)
            block = []
        else:
            block.append((number, line))
    page.roles += _myst_roles(block)
    page.extend(_rst(rst_lines))
    return page


def _after_front_matter(lines: list[tuple[int, str]]) -> int:
    if not lines or lines[0][1].rstrip() != "---":
        return 0
    return next((i + 1 for i in range(1, len(lines)) if lines[i][1].rstrip() in ("---", "...")), 0)


def _closes(fence: re.Match[str], opening: str) -> bool:
    """A closing fence: the opening's character, at least as many, and nothing after it."""
    text = fence["fence"]
    return not fence["info"] and text[0] == opening[0] and len(text) >= len(opening)


def _myst_options(lines: list[tuple[int, str]], index: int) -> tuple[dict[str, str], int]:
    """The options at the start of a directive's content (``:key: value`` lines or a ``---`` block)."""
    if index >= len(lines):
        return {}, index
    first = lines[index][1]
    block: list[str] = []
    if first.startswith("---"):
        end = next((i for i in range(index + 1, len(lines)) if lines[i][1].startswith("---")), len(lines))
        block = [line for _, line in lines[index + 1:end]]
        index = end + 1
    else:
        while index < len(lines) and _is_option_line(lines[index][1]):
            block.append(lines[index][1].lstrip()[1:])
            index += 1
    return _option_values("\n".join(block)), index


def _is_option_line(line: str) -> bool:
    stripped = line.lstrip()
    return stripped.startswith(":") and not stripped.startswith(":::")


def _option_values(block: str) -> dict[str, str]:
    """The options as MyST reads them (its own tokenizer); options it cannot read are left to its warning."""
    if not block.strip():
        return {}
    from textwrap import dedent

    from myst_parser.parsers.options import TokenizeError, options_to_tokens

    try:
        tokens, _ = options_to_tokens(dedent(block))
    except TokenizeError:
        return {}
    return {key.value: value.value if value is not None else "" for key, value in tokens}


def _myst_roles(block: list[tuple[int, str]]) -> list[RoleUse]:
    """``{name}`text``` in a paragraph, as mdit_py_plugins' myst_role finds it; code spans skipped."""
    if not block:
        return []
    text = "\n".join(line for _, line in block)
    found = []
    position = 0
    while position < len(text):
        char = text[position]
        if char == "\\":
            position += 2
        elif char == "{" and (name := _MYST_ROLE.match(text, position)):
            end = _myst_role_end(text, name.end())
            if end is None:
                position = name.end()
                continue
            content_start, content_end, position = end
            found.append(RoleUse(name[1], text[content_start:content_end].replace("\n", " "),
                                 _line_at(block, text, name.start())))
        elif char == "`":
            position = _after_code_span(text, position)
        else:
            position += 1
    return found


def _myst_role_end(text: str, ticks_start: int) -> tuple[int, int, int] | None:
    """(content start, content end, position after) of the role whose backticks start here."""
    ticks_end = ticks_start
    while ticks_end < len(text) and text[ticks_end] == "`":
        ticks_end += 1
    ticks = ticks_end - ticks_start
    if not ticks:
        return None
    close = text.find("`" * ticks, ticks_end + 1)
    if close == -1:
        return None
    return ticks_end, close, close + ticks


def _after_code_span(text: str, start: int) -> int:
    """Past an inline code span (CommonMark: closed by a run of exactly as many backticks), or its opening."""
    run = re.match(r"`+", text[start:])[0]
    close = re.compile(rf"(?<!`){run}(?!`)").search(text, start + len(run))
    return close.end() if close else start + len(run)


def _line_at(block: list[tuple[int, str]], text: str, offset: int) -> int:
    return block[text.count("\n", 0, offset)][0]


# -- reStructuredText --------------------------------------------------------------------------------

def _rst(lines: list[tuple[int, str]]) -> Page:
    page = Page()
    block: list[tuple[int, str]] = []
    skip_indent = None  # skipping a literal block or comment: the indentation of the line that opened it
    index = 0
    while index < len(lines):
        number, line = lines[index]
        index += 1
        if not line.strip():
            page.roles += _rst_roles(block)
            block = []
            continue
        indent = len(line) - len(line.lstrip())
        if skip_indent is not None and indent > skip_indent:
            continue
        skip_indent = None
        if directive := _RST_DIRECTIVE.match(line):
            page.roles += _rst_roles(block)
            block = []
            options, index = _rst_options(lines, index, indent)
            page.directives.append(DirectiveUse(directive["name"], (directive["argument"] or "").strip(),
                                                options, number))
            if directive["name"] in LITERAL_DIRECTIVES:
                skip_indent = indent
        elif _RST_EXPLICIT.match(line) and not _RST_NOT_COMMENT.match(line):
            page.roles += _rst_roles(block)
            block = []
            skip_indent = indent  # a comment, with the indented lines under it
        else:
            block.append((number, line))
            if line.rstrip().endswith("::"):
                page.roles += _rst_roles(block)
                block = []
                skip_indent = indent
    page.roles += _rst_roles(block)
    return page


def _rst_options(lines: list[tuple[int, str]], index: int, indent: int) -> tuple[dict[str, str], int]:
    """The field list of options right under a directive; a value may go on over more indented lines."""
    options: dict[str, str] = {}
    name = None
    option_indent = None
    while index < len(lines):
        line = lines[index][1]
        current = len(line) - len(line.lstrip())
        option = _RST_OPTION.match(line)
        if option and current > indent and option_indent in (None, current):
            name, option_indent = option["name"], current
            options[name] = option["value"] or ""
        elif name and line.strip() and option_indent is not None and current > option_indent:
            options[name] = f"{options[name]}\n{line.strip()}".strip()
        else:
            break
        index += 1
    return options, index


def _rst_roles(block: list[tuple[int, str]]) -> list[RoleUse]:
    """``:name:`text``` in a paragraph; inline literals (````text````) skipped, backslash escapes read."""
    if not block:
        return []
    text = "\n".join(line for _, line in block)
    text = _RST_LITERAL.sub(lambda m: re.sub(r"[^\n]", " ", m[0]), text)
    return [RoleUse(m["name"], re.sub(r"\\(.)", r"\1", m["text"]).replace("\n", " "),
                    _line_at(block, text, m.start())) for m in _RST_ROLE.finditer(text)]


# -- conf.py -----------------------------------------------------------------------------------------

def conf_values(conf: Path) -> dict[str, tuple[object, int]]:
    """The literal values ``conf.py`` assigns at its top level, with their lines; conf.py is parsed, never run.

    A value that is not a literal (computed, imported) is left out.
    """
    try:
        tree = ast.parse(conf.read_bytes(), filename=str(conf))
    except (OSError, SyntaxError, ValueError):
        return {}
    values: dict[str, tuple[object, int]] = {}
    for statement in tree.body:
        if isinstance(statement, ast.Assign) and len(statement.targets) == 1 \
                and isinstance(statement.targets[0], ast.Name):
            try:
                values[statement.targets[0].id] = (ast.literal_eval(statement.value), statement.lineno)
            except ValueError:
                values.pop(statement.targets[0].id, None)
    return values
