"""CONTRIBUTING.md's YAML examples work exactly as printed on the real site.

Each YAML example has a comment just above it that says how to apply it and what it changes:

    <!-- recipe: append to people/speakers.yaml under people; check people/index.html#person-x shows "X" -->

Ways to apply an example (paths from the project root, quoted text matched within a line):

* ``append to FILE under KEY``: at the end of the list under the top-level ``KEY:``;
* ``insert into FILE before the line with "TEXT"``;
* ``replace in FILE the lines from "A" up to "B"``: from the line with A to the one before the line with B;
* ``write FILE``: the example is the whole file.

``, with the file PATH`` adds a file the example names (a PDF); each ``check PAGE[#ID] shows "TEXT"``
is what the built page (or its element with that id) must show afterwards, and does not show before.
Each example is applied to a copy of the site, which must then build with ``-W``.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import PROJECT, cli_build, soup_of
from markdown_it import MarkdownIt

CONTRIBUTING = PROJECT / "CONTRIBUTING.md"
#: What a copy of the site needs: conf.py, the pages and the data, not the environment, the output or the tests.
NOT_THE_SITE = shutil.ignore_patterns(".*", "_build", "tests", "benchmarks", "tools", "sphinx_workshop", "node_modules",
                                      "venv", "*.egg-info", "__pycache__")
_QUOTED = r"""(?:"(?P<{0}>[^"]*)"|'(?P<{0}_>[^']*)')"""
_MARKER = re.compile(r"^\s*<!--\s*recipe:\s*(?P<body>.*?)\s*-->\s*$")
_HOW = [
    ("append", re.compile(r"append to (?P<file>\S+) under (?P<key>\w+)$")),
    ("insert", re.compile(r"insert into (?P<file>\S+) before the line with " + _QUOTED.format("before") + "$")),
    ("replace", re.compile(r"replace in (?P<file>\S+) the lines from " + _QUOTED.format("first")
                           + " up to " + _QUOTED.format("next") + "$")),
    ("write", re.compile(r"write (?P<file>\S+)$")),
]
_WITH = re.compile(r"^(?P<how>.*?), with the file (?P<extra>\S+)$")
_CHECK = re.compile(r"^check (?P<page>[^#\s]+)(?:#(?P<id>\S+))? shows " + _QUOTED.format("text") + "$")


@dataclass(frozen=True)
class Check:
    page: str
    element: str | None
    text: str

    def shown_in(self, html: Path) -> bool:
        if not (html / self.page).is_file():  # a page the example adds (a paper's)
            return False
        soup = soup_of(html / self.page)
        node = soup.find(id=self.element) if self.element else soup.body
        return node is not None and self.text in " ".join(node.get_text(" ").split())


@dataclass(frozen=True)
class Recipe:
    line: int
    how: str
    file: str
    arguments: dict[str, str]
    example: str
    extra: str | None
    checks: list[Check]

    def apply(self, root: Path) -> None:
        path = root / self.file
        if self.how == "write":
            path.write_text(self.example, encoding="utf-8")
        else:
            lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
            at, end = self.place(lines)
            path.write_text("".join([*lines[:at], self.example, *lines[end:]]), encoding="utf-8")
        if self.extra:
            (root / self.extra).parent.mkdir(parents=True, exist_ok=True)
            (root / self.extra).write_bytes(b"%PDF-1.4\n%%EOF\n")

    def place(self, lines: list[str]) -> tuple[int, int]:
        """The lines the example replaces: ``lines[at:end]`` (empty for an insertion)."""
        if self.how == "append":
            key = next(n for n, line in enumerate(lines) if line.startswith(f"{self.arguments['key']}:"))
            after = next((n for n in range(key + 1, len(lines)) if re.match(r"[^\s#-]", lines[n])), len(lines))
            return after, after
        if self.how == "insert":
            at = one_line_with(lines, self.arguments["before"])
            return at, at
        first = one_line_with(lines, self.arguments["first"])
        return first, first + one_line_with(lines[first:], self.arguments["next"])


def one_line_with(lines: list[str], text: str) -> int:
    found = [n for n, line in enumerate(lines) if text in line]
    assert found, f"no line with {text!r}"
    return found[0]


def quoted(match: re.Match[str], name: str) -> str:
    return match[name] if match[name] is not None else match[f"{name}_"]


def parse_marker(line: int, body: str, example: str) -> Recipe:
    """A marker's text as a recipe; a marker that does not read is a test failure naming its line."""
    how_text, *check_texts = [part.strip() for part in body.split(";")]
    with_file = _WITH.match(how_text)
    extra = with_file["extra"] if with_file else None
    how_text = with_file["how"] if with_file else how_text
    how, match = next(((name, m) for name, rx in _HOW if (m := rx.match(how_text))), (None, None))
    assert how and match, f"CONTRIBUTING.md:{line}: the recipe {how_text!r} says no way to apply the example"
    arguments = {name: quoted(match, name) for name in ("before", "first", "next") if f"{name}_" in match.groupdict()}
    arguments |= {"key": match["key"]} if "key" in match.groupdict() else {}
    checks = []
    for text in check_texts:
        check = _CHECK.match(text)
        assert check, f"CONTRIBUTING.md:{line}: {text!r} is not 'check PAGE[#ID] shows \"TEXT\"'"
        checks.append(Check(check["page"], check["id"], quoted(check, "text")))
    assert checks, f"CONTRIBUTING.md:{line}: the recipe says nothing to check on the built site"
    return Recipe(line, how, match["file"], arguments, example, extra, checks)


def yaml_examples() -> list[tuple[int, str, str | None]]:
    """Each YAML code block of CONTRIBUTING.md: its first line, its text, and the marker line above it."""
    text = CONTRIBUTING.read_text(encoding="utf-8")
    lines = text.splitlines()
    examples = []
    for token in MarkdownIt("commonmark").parse(text):
        if token.type != "fence" or token.info.split()[:1] != ["yaml"]:
            continue
        above = token.map[0] - 1
        while above >= 0 and not lines[above].strip():
            above -= 1
        marker = _MARKER.match(lines[above]) if above >= 0 else None
        examples.append((token.map[0] + 1, token.content, marker["body"] if marker else None))
    return examples


EXAMPLES = yaml_examples()


def test_contributing_has_yaml_examples_and_each_has_a_recipe():
    assert len(EXAMPLES) >= 4
    unmarked = [f"CONTRIBUTING.md:{line}" for line, _, marker in EXAMPLES if marker is None]
    assert not unmarked, f"YAML examples without a <!-- recipe: ... --> comment above them: {unmarked}"
    for line, example, marker in EXAMPLES:
        parse_marker(line, marker, example)


def copy_site(dest: Path) -> Path:
    shutil.copytree(PROJECT, dest, ignore=NOT_THE_SITE)
    return dest


@pytest.mark.parametrize(("line", "example", "marker"), EXAMPLES, ids=[f"line {line}" for line, _, _ in EXAMPLES])
def test_each_example_works_as_printed(tmp_path, real_site, line, example, marker):
    assert marker is not None, f"CONTRIBUTING.md:{line}: a YAML example without a <!-- recipe: ... --> comment"
    recipe = parse_marker(line, marker, example)
    for check in recipe.checks:
        assert not check.shown_in(real_site), f"{check} holds before the example is applied: it tests nothing"
    root = copy_site(tmp_path / "site")
    recipe.apply(root)
    status, warnings = cli_build(root)
    assert (status, warnings) == (0, ""), f"CONTRIBUTING.md:{line}: the example breaks the build:\n{warnings}"
    for check in recipe.checks:
        assert check.shown_in(root / "_build" / "html"), f"CONTRIBUTING.md:{line}: after the example, {check}"


def test_a_copy_of_the_site_builds_as_it_is(tmp_path):
    """The copy holds everything the site needs: a failing example is the example's fault."""
    assert cli_build(copy_site(tmp_path / "site")) == (0, "")


@pytest.mark.parametrize(("marker", "reason"), [
    ('append to people/speakers.yaml under people', "says nothing to check"),
    ('paste into people/speakers.yaml; check index.html shows "x"', "no way to apply"),
    ('write program/papers.yaml; check index.html "x"', "is not 'check PAGE"),
])
def test_a_marker_that_does_not_read_fails(marker, reason):
    with pytest.raises(AssertionError, match=reason):
        parse_marker(1, marker, "x: 1\n")
