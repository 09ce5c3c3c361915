"""The slips organizers make most often in YAML, recognised from the lines as written.

YAML's own messages describe its parser ("mapping values are not allowed in this context");
an organizer needs the line and the fix (``put the value in quotes: title: "Lunch: provided"``).
Each function here returns a message only when the lines show the cause beyond doubt; otherwise
the caller keeps its general message.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass

import yaml

#: The line breaks YAML counts (and editors): CRLF, CR, LF, NEL, LS, PS.
_LINE_BREAK = re.compile(r"\r\n|[\r\n\x85\u2028\u2029]")
#: ``  - title: Lunch  # note``: the indentation, a list dash, the field name, the value.
_FIELD = re.compile(r"^(?P<indent>[ \t]*)(?P<dash>-[ \t]+)?(?P<key>[A-Za-z_][\w-]*)[ \t]*:"
                    r"(?P<gap>[ \t]+|$)(?P<value>.*)$")
#: ``  title:Lunch``: a field name and its value with no space between.
_NO_SPACE = re.compile(r"^[ \t]*(?:-[ \t]+)?(?P<key>[A-Za-z_][\w-]*):(?P<value>[^\s:].*)$")
#: What a plain (unquoted) value cannot start with: quotes, brackets, YAML indicators.
_NOT_PLAIN = tuple("'\"[]{}&*!|>%@`#")
#: The first characters that make a value something other than text (a list, a block, a reserved sign).
_SPECIAL_START = "[{@`%>|-?"
_LETTER = re.compile(r"[^\W\d_]")
#: A suggested fix quotes the value as written, up to this many characters.
_SHOWN = 300


@dataclass(frozen=True)
class Slip:
    """A recognised mistake: the line to fix (from 1) and what to do, in plain words."""

    line: int
    text: str


def split_lines(text: str) -> list[str]:
    """The lines of ``text`` as YAML numbers them (from 0)."""
    return _LINE_BREAK.split(text)


def quoted(value: str) -> str:
    """``value`` as a YAML quoted scalar, with the quotes that need no escapes when possible."""
    if len(value) > _SHOWN:
        value = value[: _SHOWN - 1] + "\u2026"
    if '"' not in value and "\\" not in value:
        return f'"{value}"'
    if "'" not in value:
        return f"'{value}'"
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def new_item_without_dash(item: str, key: str) -> str:
    return f"this line starts a new {item} without '- ' (add '- ' before '{key}:')"


def _strip_comment(value: str) -> str:
    """A plain value ends where `` #`` starts a comment."""
    return re.split(r"[ \t]#", value, maxsplit=1)[0].rstrip()


def commented_out(line: str, key: str) -> str | None:
    """``title: #1 lunch``: the text YAML took for a comment, leaving ``key`` empty.

    A comment written as one (``title:  # to do``) has a space after its ``#``; ``#1`` does not.
    """
    field = _FIELD.match(line)
    if not field or field["key"] != key or not re.match(r"#\S", field["value"]):
        return None
    value = "#" + _strip_comment(field["value"][1:])
    return value if len(value) > 1 else None


def no_space_after_colon(text: str, fields: Collection[str]) -> str | None:
    """``title:Lunch`` read as one piece of text: the fix, when the part before ':' is a field name."""
    written = _NO_SPACE.match(text)
    if written and written["key"] in fields:
        return f"put a space after the ':': {written['key']}: {_strip_comment(written['value'])[:_SHOWN]}"
    return None


@dataclass(frozen=True)
class _Failure:
    """Where YAML stopped, and what the file says around it."""

    lines: Sequence[str]
    line: int  # from 0
    column: int
    context: str | None
    context_line: int | None
    context_column: int | None
    fields: Collection[str]
    item: str

    def text(self, line: int) -> str:
        return self.lines[line] if 0 <= line < len(self.lines) else ""

    @property
    def here(self) -> str:
        return self.text(self.line)

    @property
    def char(self) -> str:
        return self.here[self.column:self.column + 1]

    def slip(self, text: str, line: int | None = None) -> Slip:
        return Slip((self.line if line is None else line) + 1, text)


def syntax_slip(error: yaml.MarkedYAMLError, text: str, fields: Collection[str], item: str) -> Slip | None:
    """The plain-words cause of a YAML syntax error, when it is one of the common slips."""
    mark, context = error.problem_mark, error.context_mark
    if mark is None:
        return None
    failure = _Failure(split_lines(text), mark.line, mark.column, error.context,
                       context.line if context else None, context.column if context else None, fields, item)
    if failure.line >= len(failure.lines):
        return None
    for diagnose in _DIAGNOSES:
        slip = diagnose(failure)
        if slip is not None:
            return slip
    return None


def _tab(at: _Failure) -> Slip | None:
    indentation = re.match(r"[ \t]*", at.here).group()
    if "\t" in indentation or at.char == "\t":
        return at.slip("tabs cannot indent YAML: indent this line with spaces")
    return None


def _colon_in_value(at: _Failure) -> Slip | None:
    """``title: Lunch: provided``: the second ': ' would start another field."""
    field = _FIELD.match(at.here)
    if at.char != ":" or not field or not field["gap"] or at.column < field.start("gap"):
        return None
    value = _strip_comment(field["value"])
    if not value or value.startswith((*_NOT_PLAIN, ":")):  # ': :' is a doubled colon, not text with ': '
        return None
    fix = f"put the value in quotes: {field['key']}: {quoted(value)}"
    second = re.search(r"([A-Za-z_][\w-]*)[ \t]*$", at.here[:at.column])
    if second and second.group(1) in at.fields:
        return at.slip(f"{_second_field(second.group(1))}, or {fix}")
    return at.slip(f"{fix} (a ': ' inside a value needs quotes)")


def _second_field(key: str) -> str:
    return f"'{key}:' starts a second field on this line: put it on a line of its own"


def _closing_quote(value: str, quote: str) -> int | None:
    """Where the quoted text that opens ``value`` ends: '' inside single quotes, \\" inside double ones."""
    index = 1
    while index < len(value):
        char = value[index]
        if quote == '"' and char == "\\":
            index += 2
            continue
        if char == quote:
            if quote == "'" and value[index + 1:index + 2] == "'":
                index += 2
                continue
            return index
        index += 1
    return None


def _quote_ends_early(at: _Failure) -> Slip | None:
    """``title: 'Bouman's talk'``: the apostrophe closes the quoted text."""
    field = _FIELD.match(at.here)
    if not field or field["value"][:1] not in ("'", '"'):
        return None
    value, quote = field["value"], field["value"][0]
    end = _closing_quote(value, quote)
    rest = value[end + 1:].strip() if end is not None else ""
    if not rest or rest.startswith("#"):
        return None
    second = re.match(r"([A-Za-z_][\w-]*)[ \t]*:(?:[ \t]|$)", rest)
    if second and second.group(1) in at.fields:
        return at.slip(_second_field(second.group(1)))
    if not (_LETTER.search(value[1:end]) and _LETTER.search(rest)):
        return None  # words on both sides of the quote are text; a stray quote in "2"3:59" has no sure fix
    meant = _strip_comment(value)
    last = meant.rfind(quote)
    if last > end:  # the last quote closes the value: the ones before it are part of the text
        inner = meant[1:last]
        fix = quoted(inner.replace("''", "'") if quote == "'" else inner.replace('\\"', '"'))
    else:  # quoted words, then more text: the whole value is the text
        fix = quoted(meant)
    return at.slip(f"the quotes end before the value does: write {field['key']}: {fix}")


def _matching_bracket(value: str) -> int | None:
    depth = 0
    for index, char in enumerate(value):
        depth += (char in "[{") - (char in "]}")
        if depth == 0:
            return index
    return None


def _special_start(at: _Failure) -> Slip | None:
    """``title: [Draft] New results``, ``title: @home``: a first character that YAML reads as syntax."""
    field = _FIELD.match(at.here)
    if not field or not field["gap"] or at.column < field.start("value"):
        return None
    value = _strip_comment(field["value"])
    if not value or value[0] not in _SPECIAL_START or (value[0] in "-?" and value[1:2].strip()):
        return None
    if value[0] in "[{":
        close = _matching_bracket(value)
        if close is None or not re.match(r"[ \t]+\w", value[close + 1:]):
            return None  # "[Draft] New results" is text; "[a, b]]" is a list as meant, broken another way
    return at.slip(f"put the value in quotes: {field['key']}: {quoted(value)} "
                   f"(a value that starts with {value[0]!r} needs quotes)")


def _no_space(at: _Failure) -> Slip | None:
    for line in dict.fromkeys(n for n in (at.context_line, at.line, at.line - 1) if n is not None):
        fix = no_space_after_colon(at.text(line), at.fields)
        if fix:
            return at.slip(fix, line)
    return None


def _missing_dash(at: _Failure) -> Slip | None:
    """A new list item whose ``- `` was forgotten: its first field at the column of the list's dashes."""
    if at.context_line is None or at.context_column is None:
        return None
    first = _FIELD.match(at.text(at.context_line))
    if not first or not first["dash"] or len(first["indent"]) != at.context_column:
        return None
    field = _FIELD.match(at.here)
    if not field or field["dash"] or field["key"] != first["key"] or len(field["indent"]) != at.context_column:
        return None
    return at.slip(new_item_without_dash(at.item, field["key"]))


def _previous_content_line(at: _Failure) -> int | None:
    for line in range(at.line - 1, -1, -1):
        stripped = at.text(line).strip()
        if stripped and not stripped.startswith("#"):
            return line
    return None


def _key_column(field: re.Match[str]) -> int:
    return len(field["indent"]) + len(field["dash"] or "")


def _item_start(at: _Failure, line: int) -> re.Match[str] | None:
    """The ``- field:`` line that opens the list item holding ``line``, if it is in one."""
    for number in range(line, -1, -1):
        field = _FIELD.match(at.text(number))
        if field and field["dash"]:
            return field
        if field and not field["indent"] and number < line:
            return None  # a top-level field: no list item above
    return None


def _line_up(key: str, reference: str, spaces: int) -> str:
    return f"line up '{key}:' with '{reference}:' above it ({spaces} space{'s' if spaces != 1 else ''} from the left)"


def _misaligned(at: _Failure) -> Slip | None:
    """A field indented differently from the fields of its item: this line, or the field above it."""
    field = _FIELD.match(at.here)
    above = _previous_content_line(at)
    if not field or field["dash"] or above is None:
        return None
    if at.column not in (_key_column(field), field.start("gap") - 1):
        return None
    sibling = _FIELD.match(at.text(above))
    if not sibling or not _strip_comment(sibling["value"]) or _key_column(sibling) == _key_column(field):
        return None
    item = _item_start(at, above)
    column = _key_column(item) if item else _key_column(sibling)
    if _key_column(sibling) == column:
        return at.slip(_line_up(field["key"], sibling["key"], column))
    if item and not sibling["dash"] and _key_column(field) == column:  # the field above is the one out of line
        return at.slip(_line_up(sibling["key"], item["key"], column), above)
    return None


def _no_colon(at: _Failure) -> Slip | None:
    """A line with no ':' where a field belongs."""
    if at.context != "while scanning a simple key" or at.context_line is None:
        return None
    body = _strip_comment(at.text(at.context_line).strip().removeprefix("- ").strip())
    if not body or ":" in body or body.startswith(_NOT_PLAIN):
        return None
    first, _, rest = body.partition(" ")
    if first in at.fields and rest.strip():
        return at.slip(f"add ':' after the field name: {first}: {rest.strip()[:_SHOWN]}", at.context_line)
    return at.slip("the line has no ':' after a field name (like title: Lunch); a value that goes on from the "
                   "line above must be indented further than its field name", at.context_line)


_DIAGNOSES: tuple[Callable[[_Failure], Slip | None], ...] = (
    _tab, _colon_in_value, _quote_ends_early, _special_start, _no_space, _missing_dash, _misaligned, _no_colon,
)
