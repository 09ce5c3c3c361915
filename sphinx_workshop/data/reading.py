"""Reading a data file: safe YAML with line numbers, then the model, then messages.

Every failure becomes a :class:`DataError` whose messages read
``program/schedule.yaml:14: entry 3: 'end' 10:00 is before 'start' 10:30``:
the file as the organizer knows it, the line, the item and the field.
"""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from sphinx_workshop.data import slips
from sphinx_workshop.data.model import shown

#: Data files are a few kilobytes; anything this large is a mistake (or an attack).
MAX_BYTES = 1_000_000
#: People, schedule and dates need three levels; anything deeper is not our data.
MAX_DEPTH = 20
#: Far more items in one list than any workshop has (a 100x benchmark has 1,000 papers).
MAX_ITEMS = 50_000
#: Problems reported per error; the rest are counted.
MAX_MESSAGES = 50

M = TypeVar("M", bound=BaseModel)
Loc = tuple[str | int, ...]


class DataError(Exception):
    """One or more problems in data files, each already worded for an organizer."""

    def __init__(self, messages: Iterable[str], files: Iterable[Path] = (),
                 kinds: Mapping[str, str] | None = None) -> None:
        self.messages = _capped(list(messages))
        #: Other files that were consulted, so that fixing any of them triggers a rebuild.
        self.files = list(files)
        #: The kind of each file the messages name (``people/speakers.yaml`` -> ``people``), set by the loaders.
        self.kinds = dict(kinds or {})
        super().__init__("\n".join(self.messages))


def _capped(messages: list[str]) -> list[str]:
    """A file with thousands of mistakes gets the first few and a count, not a flood."""
    if len(messages) <= MAX_MESSAGES:
        return messages
    file = messages[MAX_MESSAGES].split(":", 1)[0]
    more = len(messages) - MAX_MESSAGES
    return [*messages[:MAX_MESSAGES], f"{file}: and {more:,} more problem{'s' if more > 1 else ''} not shown"]


@dataclass(frozen=True)
class Problem:
    """A problem at a place in a file: ``loc`` is the path of keys and list indexes.

    ``line`` names the line itself, for a problem that is about a line rather than a field.
    """

    loc: Loc
    text: str
    line: int | None = None


@dataclass(frozen=True)
class Document(Generic[M]):
    """A validated data file, with the line of every key and list item."""

    model: M
    path: Path
    display: str
    lines: Mapping[Loc, int] = field(repr=False)

    def message(self, problem: Problem) -> str:
        return format_problem(self.display, self.lines, type(self.model).item_labels, problem)

    def fail(self, problems: list[Problem]) -> None:
        """Raise the problems, if any, as one :class:`DataError`."""
        if problems:
            raise DataError(self.message(p) for p in problems)


#: libyaml's parser when PyYAML has it (its wheels do): the same safe constructor, many times faster.
_SafeBase = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_SafeBase):  # type: ignore[valid-type,misc]
    """The safe loader, except that ``9:15`` stays the text "9:15".

    YAML 1.1 reads unquoted ``9:15`` as the base-60 number 555; organizers write clock times.
    """

    yaml_implicit_resolvers = {
        first: [(tag, rx) for tag, rx in resolvers if tag not in ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float")]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }


_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:int",
    re.compile(r"^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+)$"),
    list("-+0123456789"),
)
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?"
               r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"),
    list("-+0123456789."),
)


def display_path(path: Path, root: Path) -> str:
    """The path as an organizer sees it in the repository."""
    try:
        return Path(os.path.relpath(path, root)).as_posix()
    except ValueError:  # another drive on Windows
        return path.as_posix()


def read(path: Path, model: type[M], *, root: Path, context: Mapping[str, Any] | None = None) -> Document[M]:
    """Read, parse and validate one data file, or raise :class:`DataError`.

    ``context`` is the model's validation context: what the site's configuration says (a schedule's kinds).
    """
    display = display_path(path, root)
    text = _read_text(path, display)
    labels = getattr(model, "item_labels", {})
    names = _field_names(model)
    loader = _Loader(text)
    try:
        node = _compose(loader, text, display, names, _item_word(labels))
        lines: dict[Loc, int] = {}
        problems: list[Problem] = []
        _index(node, (), lines, problems, text, labels)
        if problems:
            problems.sort(key=lambda p: p.line or line_of(lines, p.loc))
            raise DataError(format_problem(display, lines, {}, p) for p in problems)
        data = _construct(loader, node, display, text)
    finally:
        loader.dispose()
    if not isinstance(data, dict):
        raise DataError([f"{display}:1: the file must be a mapping of fields at the top level "
                         f"(like '{next(iter(model.model_fields))}:'), not {_kind(data)}"])
    try:
        validated = model.model_validate(data, context=dict(context) if context else None)
    except ValidationError as exc:
        source = _Source(slips.split_lines(text), lines)
        raise DataError(
            format_problem(display, lines, labels, _problem_from(err, names, labels, source)) for err in exc.errors()
        ) from None
    return Document(validated, path, display, lines)


def _read_text(path: Path, display: str) -> str:
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise DataError([f"{display}: file not found"]) from None
    except OSError as exc:
        raise DataError([f"{display}: cannot be read ({exc.strerror})"]) from None
    if size > MAX_BYTES:
        raise DataError([f"{display}: file is {size:,} bytes; a data file may be at most {MAX_BYTES:,} bytes"])
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise DataError([f"{display}: cannot be read ({exc.strerror})"]) from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DataError([f"{display}:{line}: not valid UTF-8 text (save the file as UTF-8)"]) from None


def _item_word(labels: Mapping[str, str]) -> str:
    """What the file's list holds (``entry``, ``person``), for messages about a list item."""
    return next(iter(labels.values()), "item")


def _compose(loader: _Loader, text: str, display: str, fields: set[str], item: str) -> yaml.Node:
    """Parse to a node tree, refusing aliases and deep nesting before anything is built."""
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, yaml.AliasEvent):
                line = event.start_mark.line + 1
                raise DataError([f"{display}:{line}: YAML aliases (*{shown_text(event.anchor)}) are not "
                                 "supported: write the value out"])
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    line = event.start_mark.line + 1
                    raise DataError([f"{display}:{line}: nested more than {MAX_DEPTH} levels deep"])
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
        node = loader.get_single_node()
    except yaml.reader.ReaderError as exc:
        line = text[: max(exc.position, 0)].count("\n") + 1
        raise DataError([f"{display}:{line}: the character {_codepoint(exc.character)} is not allowed in YAML "
                         "(delete it, or write it as an escape in double quotes)"]) from None
    except yaml.MarkedYAMLError as exc:
        if "nesting depth" in str(exc.problem):  # libyaml's own limit, met before ours in its look-ahead
            line = exc.problem_mark.line + 1 if exc.problem_mark else 1
            raise DataError([f"{display}:{line}: nested more than {MAX_DEPTH} levels deep"]) from None
        raise DataError([_syntax_message(display, exc, text, fields, item)]) from None
    except yaml.YAMLError as exc:
        raise DataError([f"{display}: YAML syntax error: {shown_text(str(exc).splitlines()[0])}"]) from None
    except RecursionError:
        raise DataError([f"{display}: nested too deeply"]) from None
    if node is None:
        raise DataError([f"{display}:1: the file is empty"])
    return node


def _codepoint(character: object) -> str:
    if isinstance(character, int):
        return f"U+{character:04X}"
    if isinstance(character, str) and len(character) == 1:
        return f"U+{ord(character):04X}"
    return repr(character)


def shown_text(value: str, limit: int = 80) -> str:
    return value if len(value) <= limit else value[: limit - 1] + "\u2026"


def _syntax_message(display: str, exc: yaml.MarkedYAMLError, text: str, fields: set[str], item: str) -> str:
    """A common slip in plain words; else where parsing stopped (or where the unclosed construct began)."""
    slip = slips.syntax_slip(exc, text, fields, item)
    if slip is not None:
        return f"{display}:{slip.line}: {slip.text}"
    problem = shown_text((exc.problem or "invalid YAML").splitlines()[0])
    mark = exc.problem_mark
    last_line = max(1, len(text.splitlines()))
    at_end = mark is None or (bool(text.strip()) and mark.index >= len(text.rstrip()))
    if exc.context_mark is not None and at_end:
        line = min(exc.context_mark.line + 1, last_line)
        return f"{display}:{line}: YAML syntax error {exc.context}: {problem} (it is never closed)"
    line = min(mark.line + 1, last_line) if mark else 1
    return f"{display}:{line}: YAML syntax error: {problem}"


#: What PyYAML's constructors raise on values they cannot build (explicit tags on the wrong text).
_CONSTRUCT_ERRORS = (yaml.YAMLError, ValueError, OverflowError, AttributeError, TypeError, IndexError, KeyError,
                     RecursionError)


def _construct(loader: _Loader, node: yaml.Node, display: str, text: str) -> Any:
    try:
        return loader.construct_document(node)
    except _CONSTRUCT_ERRORS as exc:
        culprit, reason = _unbuildable(node, exc)
        line = culprit.start_mark.line + 1
        written = text[culprit.start_mark.index:culprit.end_mark.index].strip()
        raise DataError([f"{display}:{line}: cannot read the value {shown(written)}: {reason}"]) from None


def _unbuildable(root: yaml.Node, error: BaseException) -> tuple[yaml.Node, str]:
    """The innermost node the safe constructor cannot build (an impossible date, '!!map' on text)."""
    node, reason = root, _reason(error)
    while True:
        for child in _children(node):
            failure = _build_failure(child)
            if failure is not None:
                node, reason = child, failure
                break
        else:
            return node, reason


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    return []


def _build_failure(node: yaml.Node) -> str | None:
    try:
        yaml.SafeLoader("").construct_object(node, deep=True)
    except _CONSTRUCT_ERRORS as exc:
        return _reason(exc)
    return None


def _reason(exc: BaseException) -> str:
    problem = getattr(exc, "problem", None) or str(exc) or type(exc).__name__
    return shown_text(problem.splitlines()[0])


def _index(node: yaml.Node, loc: Loc, lines: dict[Loc, int], problems: list[Problem], text: str,
           labels: Mapping[str, str]) -> None:
    """Record the line of every key and list item; find duplicate and non-text keys, and huge lists."""
    if isinstance(node, yaml.MappingNode):
        keys: list[tuple[str, int]] = []
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 1
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != "tag:yaml.org,2002:str":
                lines[(*loc, "?")] = line
                written = text[key_node.start_mark.index:key_node.end_mark.index].strip() or "empty"
                problems.append(Problem((*loc, "?"), f"field names must be text, not {shown(written)}"))
                continue
            keys.append((key_node.value, line))
            lines[(*loc, key_node.value)] = line
            _index(value_node, (*loc, key_node.value), lines, problems, text, labels)
        problems += _repeated_keys(loc, keys, labels)
    elif isinstance(node, yaml.SequenceNode):
        if len(node.value) > MAX_ITEMS:
            lines[loc] = node.start_mark.line + 1
            problems.append(Problem(loc, f"the list has {len(node.value):,} items; at most {MAX_ITEMS:,} are read"))
            return
        for i, item in enumerate(node.value):
            lines[(*loc, i)] = item.start_mark.line + 1
            _index(item, (*loc, i), lines, problems, text, labels)


def _repeated_keys(loc: Loc, keys: list[tuple[str, int]], labels: Mapping[str, str]) -> list[Problem]:
    """A key given twice; in a list item, several items run together because a ``- `` was forgotten.

    The items of a list start with the same field (``- start:``, ``- id:``); when that field comes
    back and each run from it has no repeated key, each return is where a ``- `` is missing.
    """
    names = [key for key, _ in keys]
    if len(set(names)) == len(names):
        return []
    starts = [index for index, name in enumerate(names) if name == names[0]]
    runs = [names[begin:end] for begin, end in zip(starts, [*starts[1:], len(names)])]
    if len(loc) >= 2 and isinstance(loc[-1], int) and all(1 < len(run) == len(set(run)) for run in runs):
        item = labels.get(str(loc[-2]), "item")
        return [Problem(loc, slips.new_item_without_dash(item, names[0]), line=keys[start][1]) for start in starts[1:]]
    seen: set[str] = set()
    problems = []
    for key, line in keys:
        if key in seen:
            problems.append(Problem((*loc, key), f"{shown(key)} is given twice", line=line))
        seen.add(key)
    return problems


def line_of(lines: Mapping[Loc, int], loc: Loc) -> int:
    """The line of the deepest known part of ``loc`` (a missing field: its item's line)."""
    for end in range(len(loc), 0, -1):
        if loc[:end] in lines:
            return lines[loc[:end]]
    return 1


def format_problem(display: str, lines: Mapping[Loc, int], labels: Mapping[str, str], problem: Problem) -> str:
    """``file:line: item N: text``, naming list items the way organizers count them."""
    context = []
    for key, index in zip(problem.loc, problem.loc[1:]):
        if isinstance(key, str) and isinstance(index, int) and key in labels:
            context.append(f"{labels[key]} {index + 1}")
    prefix = "".join(f"{c}: " for c in context)
    return f"{display}:{problem.line or line_of(lines, problem.loc)}: {prefix}{problem.text}"


def _field_names(model: type[BaseModel]) -> set[str]:
    """Every field name in the model and its sub-models, to suggest a fix for a typo."""
    names: set[str] = set()
    todo = [model]
    while todo:
        current = todo.pop()
        for name, info in current.model_fields.items():
            names.add(name)
            for arg in _types_in(info.annotation):
                if isinstance(arg, type) and issubclass(arg, BaseModel) and arg is not current:
                    todo.append(arg)
    return names


def _types_in(annotation: Any) -> list[Any]:
    args = getattr(annotation, "__args__", ())
    return [annotation, *[t for a in args for t in _types_in(a)]]


def _kind(value: Any) -> str:
    return {
        dict: "a mapping", list: "a list", str: "text", int: "a number", float: "a number", bool: "true/false",
        type(None): "empty",
    }.get(type(value), type(value).__name__)


@dataclass(frozen=True)
class _Source:
    """The file as written, for messages that quote it: its lines and the line of each key."""

    lines: list[str]
    line_of: Mapping[Loc, int]

    def text_at(self, loc: Loc) -> str:
        number = line_of(self.line_of, loc)
        return self.lines[number - 1] if number <= len(self.lines) else ""


def _problem_from(err: Mapping[str, Any], field_names: set[str], labels: Mapping[str, str],
                  source: _Source | None = None) -> Problem:
    """Word one pydantic error for an organizer; with the ``source`` as written, name the slip behind it."""
    loc: Loc = tuple(err["loc"])
    kind, value, ctx = err["type"], err.get("input"), err.get("ctx") or {}
    subject = _subject(loc, labels)
    mapping_expected = kind in ("model_type", "dict_type", "model_attributes_type")
    comment = _commented_out(source, loc) if source and value is None and kind != "missing" else None
    if comment is not None:
        text = (f"{subject} is empty because '#' starts a comment: "
                f"put the value in quotes: {loc[-1]}: {slips.quoted(comment)}")
    elif mapping_expected and isinstance(value, str) and (fix := slips.no_space_after_colon(value, field_names)):
        text = f"{subject} {fix}"
    elif kind == "missing":
        text = f"{subject} is required"
    elif kind == "extra_forbidden":
        close = difflib.get_close_matches(str(loc[-1])[:100], sorted(field_names), n=1)
        text = f"unknown field {subject}" + (f" (did you mean '{close[0]}'?)" if close else "")
    elif kind == "string_type":
        text = f"{subject} must be text, not {_kind(value)}" + (" (put it in quotes)" if value is not None else "")
    elif kind == "string_too_short":
        text = f"{subject} must not be empty"
    elif kind == "string_too_long":
        text = f"{subject} is too long: at most {ctx.get('max_length')} characters"
    elif kind == "literal_error":
        text = f"{subject} must be one of {ctx.get('expected')}, not {shown(value)}"
    elif kind in ("list_type", "too_short") and isinstance(value, list | type(None)):
        text = f"{subject} must be a list with at least one item"
    elif kind == "list_type":
        text = f"{subject} must be a list (lines starting with '- '), not {_kind(value)}"
    elif mapping_expected:
        text = f"{subject} must be a mapping of fields (name: value), not {_kind(value)}"
    elif kind.startswith("bool_"):
        text = f"{subject} must be true or false, not {shown(value)}"
    elif kind.startswith(("date_", "datetime_")):
        text = f"{subject} must be a date written YYYY-MM-DD (like 2022-07-22), not {shown(value)}"
    elif kind.startswith("workshop_"):
        text = f"{subject} {err['msg']}"
    else:
        text = f"{subject}: {err['msg']}"
    return Problem(loc, text.strip().removeprefix(": "))


def _commented_out(source: _Source, loc: Loc) -> str | None:
    """``title: #1 lunch``: YAML read the value as a comment, and the field as empty."""
    if not loc or not isinstance(loc[-1], str):
        return None
    return slips.commented_out(source.text_at(loc), loc[-1])


def _subject(loc: Loc, labels: Mapping[str, str]) -> str:
    """What the message is about: ``'end'``, ``'speakers' item 2``, or nothing for a labelled item."""
    if not loc:
        return ""
    last = loc[-1]
    if isinstance(last, str):
        return shown(last)
    parent = loc[-2] if len(loc) > 1 else None
    if parent in labels:
        return ""  # "entry 3: must be ..." - the item is named by the context already
    return f"{shown(parent)} item {last + 1}"

