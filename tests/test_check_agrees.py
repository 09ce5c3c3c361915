"""``sphinx-workshop check`` says exactly what the build says: every bad input of the suite, through both.

Sites are made of every bad-input case, one folder each: the data-file cases of test_validation.py
(``CASES``, which other modules extend), the photo cases of test_photos.py (``PHOTO_CASES``), and the
page cases below (unknown person ids, option values, event-jsonld, calendars and programs for apps asked for
twice, the ``workshop_deadlines`` file, a silenced kind). Each site is built as CI builds it and checked by
``sphinx-workshop check``: the build's warnings, without ``WARNING:`` and their tag, are check's lines,
in check's order, each once; and every case says what it must.
"""

from __future__ import annotations

import io
import re
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest
from conftest import cli_build
from test_photos import PHOTO_CASES
from test_validation import CASES, DIRECTIVE, PAPERS, PEOPLE, marked_line

from sphinx_workshop.cli.main import main

ORPHAN = "---\norphan: true\n---\n\n"
#: A workshop warning as the build writes it; the place is missing for a problem with a whole file.
WARNING = re.compile(r"^(?:(?P<place>.+?): )?WARNING: (?P<text>.*) \[workshop\.(?P<kind>[\w-]+)\]$")
NO_CARD = "no card for person id {!r}: is the id right, and is the person in a people file shown on some page?"
SCHEDULE = """\
date: 2022-07-22
timezone: America/New_York
people: [people.yaml]
entries:
  - {start: "9:15", end: "10:00", kind: keynote, title: Talk, speakers: [bouman]}
"""
DATES = "dates:\n  - {id: submission, label: Submission deadline, date: 2022-05-23}\n"
OTHER_DATES = "dates:\n  - {id: notification, label: Notification, date: 2022-06-10}\n"
BROKEN_PEOPLE = "people:\n  - id: broken-card\n    name: Nobody\n"

#: Problems in the data files themselves, beyond CASES: (file, content, expected message after "file:line: ").
FILE_CASES = {
    "not utf-8": ("people.yaml", PEOPLE.replace("Caltech", "Caltech \xe9").encode("latin-1"),
                  "people.yaml:4: not valid UTF-8 text (save the file as UTF-8)"),
    "too big": ("dates.yaml", "dates:\n" + "# padding\n" * 110_000,
                "dates.yaml: file is 1,100,007 bytes; a data file may be at most 1,000,000 bytes"),
    "alias bomb": ("dates.yaml", "\n".join(["a0: &a0 [x, x, x]"] + [f"a{i}: &a{i} [*a{i - 1}, *a{i - 1}]"
                                                                    for i in range(1, 9)]) + "\n",
                   "dates.yaml:2: YAML aliases (*a0) are not supported"),
    "deep nesting": ("dates.yaml", "dates: " + "[" * 100 + "]" * 100 + "\n",
                     "dates.yaml:1: nested more than 20 levels deep"),
}

#: What a page asks of the extension, wrongly: files of the case folder, and every message, in order.
PAGE_CASES: dict[str, tuple[dict[str, str], list[str]]] = {
    "mentions": ({
        "index.md": ORPHAN + """\
# Mentions

A keynote by {person}`bouman` and a talk by {person}`boumann`.

A paragraph that goes on
over lines, naming {workshop:person}`our speaker <bouman-typo>` and
{person}`boumann` again.

Not references: `` {person}`in-code` ``, {person}`!no-link`.

```{note}
Inside a note: {person}`in-note`.
```

```md
{person}`in-a-code-block`
```

```{eval-rst}
In reStructuredText: :person:`in-eval-rst`.
```

```{people} people.yaml
```
""",
        "people.yaml": PEOPLE,
    }, ["index.md:7: " + NO_CARD.format("boumann"),
        "index.md:10: " + NO_CARD.format("bouman-typo"),
        "index.md:11: " + NO_CARD.format("boumann"),
        "index.md:16: " + NO_CARD.format("in-note"),
        "index.md:24: " + NO_CARD.format("in-eval-rst")]),
    "mentions in rst": ({
        "page.rst": """\
:orphan:

Mentions
========

Named by :person:`rst-typo`,
and by :workshop:person:`the speaker <rst-other>`.

An example::

   :person:`in-a-literal-block`

.. :person:`in-a-comment`

``:person:`in-literal``` and :person:`bouman`.
""",
    }, ["page.rst:6: " + NO_CARD.format("rst-typo"),
        "page.rst:7: " + NO_CARD.format("rst-other")]),
    "a card only from a file without problems": ({
        "index.md": ORPHAN + "# Broken card\n\n```{people} people.yaml\n```\n\nSee {person}`broken-card`.\n",
        "people.yaml": BROKEN_PEOPLE,
    }, ["index.md:10: " + NO_CARD.format("broken-card"),
        "people.yaml:2: person 1: 'affiliation' is required"]),
    "options": ({
        "index.md": ORPHAN + """\
# Options

```{schedule} schedule.yaml
:calendar: ../up.ics
```

```{important-dates} dates.yaml
:calendar: program
```

```{event-jsonld}
:name: No schedule
```

```{event-jsonld}
:schedule: schedule.yaml
:attendance: hybrid
:url: ftp://example.org/
:description: ""
```

```{event-jsonld}
:schedule: schedule.yaml
:organizers: organizers.yaml
:speakers: nobody.yaml
```

```{papers} no-papers.yaml
```
""",
        "page.rst": ":orphan:\n\nIn rST\n======\n\n.. important-dates:: dates.yaml\n   :calendar: a b.ics\n",
        "schedule.yaml": SCHEDULE,
        "people.yaml": PEOPLE,
        "dates.yaml": DATES,
        "organizers.yaml": BROKEN_PEOPLE,
    }, ["index.md:7: :calendar: must be a file name ending in .ics, like program.ics, not '../up.ics'",
        "index.md:11: :calendar: must be a file name ending in .ics, like program.ics, not 'program'",
        "index.md:15: event-jsonld needs the :schedule: option (the schedule file)",
        "index.md:19: :description: must not be empty",
        "index.md:19: :url: must be a web address starting with https://, not 'ftp://example.org/'",
        "index.md:19: :attendance: must be one of 'offline', 'online', 'mixed', not 'hybrid'",
        "index.md:26: file 'nobody.yaml' not found (the path is relative to the page's folder)",
        "index.md:32: file 'no-papers.yaml' not found (the path is relative to the page's folder)",
        "organizers.yaml:2: person 1: 'affiliation' is required",
        "page.rst:6: :calendar: must be a file name ending in .ics, like program.ics, not 'a b.ics'"]),
    "calendars": ({
        "index.md": ORPHAN + """\
# Calendars

```{important-dates} dates.yaml
:calendar: /agrees-shared.ics
```

```{important-dates} dates.yaml
:calendar: twice.ics
```

```{important-dates} other.yaml
:calendar: twice.ics
```
""",
        "other.md": ORPHAN + "# Other\n\n```{important-dates} other.yaml\n:calendar: /agrees-shared.ics\n```\n",
        "same.md": ORPHAN + "# Same\n\n```{important-dates} dates.yaml\n:calendar: /agrees-shared.ics\n```\n",
        "dates.yaml": DATES,
        "other.yaml": OTHER_DATES,
    }, ["index.md:11: the date 'submission' is shown twice on this page (first at line 7): the second has no "
        "anchor #date-submission, and links go to the first",
        "index.md:15: calendar calendars/twice.ics is also made by calendars/index.md:11 from other data: "
        "give each its own file name",
        "other.md:7: calendar agrees-shared.ics is also made by calendars/index.md:7 from other data: "
        "give each its own file name"]),
    "programs for apps": ({
        "index.md": ORPHAN + """\
# Apps

```{schedule} other.yaml
:frab: schedule.json
```

```{schedule} schedule.yaml
:frab: /agrees-apps
```
""",
        "other.md": ORPHAN + "# Other\n\n```{schedule} other.yaml\n:frab: /agrees-apps\n```\n",
        "schedule.yaml": SCHEDULE,
        "other.yaml": SCHEDULE.replace('"9:15", end: "10:00"', '"11:00", end: "11:30"'),
        "people.yaml": PEOPLE,
    }, ["index.md:7: :frab: must be a file name without extension, like schedule (for schedule.json and "
        "schedule.xml), not 'schedule.json'",
        "other.md:7: schedule for apps agrees-apps.json and .xml is also made by programs-for-apps/index.md:11 "
        "from other data: give each its own file name"]),
    "the deadlines file": ({
        "index.md": ORPHAN + "# Deadlines\n\n```{important-dates} dates.yaml\n```\n",
        "dates.yaml": DATES + "  - {id: submission, label: Again, date: 2022-05-24}\n",
    }, ["dates.yaml:3: date 2: 'id' 'submission' is already used by item 1"]),
}


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def write(folder: Path, files: dict[str, str | bytes]) -> None:
    for name, content in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))


def data_case(folder: Path, filename: str, content: str | bytes) -> None:
    """A data-file case as test_validation.py writes it: a page showing the file, good people and papers beside."""
    write(folder, {"index.md": f"{ORPHAN}# Case\n\n```{{{DIRECTIVE[filename]}}} {filename}\n```\n",
                   "people.yaml": PEOPLE, "papers.yaml": PAPERS, filename: content})


def photo_case(folder: Path, content: bytes) -> None:
    write(folder, {"index.md": f"{ORPHAN}# Photo\n\n```{{people}} people.yaml\n```\n",
                   "people.yaml": PEOPLE + "    photo: photos/x.png\n", "photos/x.png": content})


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """One site of every bad-input case; conf.py names a broken deadlines file."""
    root = tmp_path_factory.mktemp("corpus")
    write(root, {"conf.py": 'extensions = ["myst_parser", "sphinx_workshop"]\nexclude_patterns = ["_build"]\n'
                            'workshop_deadlines = "the-deadlines-file/dates.yaml"\n',
                 "index.md": "# Every bad input\n"})
    for name, (filename, text, _) in CASES.items():
        data_case(root / slug(name), filename, text)
    for name, (filename, content, _) in FILE_CASES.items():
        data_case(root / slug(name), filename, content)
    for name, (content, _) in PHOTO_CASES.items():
        photo_case(root / slug(f"photo {name}"), content())
    for name, (files, _) in PAGE_CASES.items():
        write(root / slug(name), files)
    return root


def build_lines(root: Path) -> list[str]:
    """Every warning of a CI build of ``root``, as check would print it; any other warning fails."""
    status, warnings = cli_build(root)
    assert status != 0
    lines = []
    for line in warnings.splitlines():
        match = WARNING.match(line)
        assert match, f"not a workshop warning: {line}"
        lines.append(f"{match['place']}: {match['text']}" if match["place"] else match["text"])
    return lines


def check_lines(root: Path) -> list[str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        status = main(["check", "--quiet", str(root)])
    assert (status, err.getvalue()) == (1, "")
    return out.getvalue().splitlines()


@pytest.fixture(scope="module")
def agreement(corpus) -> tuple[list[str], list[str]]:
    return build_lines(corpus), check_lines(corpus)


def test_check_prints_exactly_the_builds_warnings(agreement):
    build, check = agreement
    assert check == build
    assert len(check) == len(set(check))


@pytest.mark.parametrize("case", CASES)
def test_every_data_case(agreement, case):
    filename, text, expected = CASES[case]
    assert any(line.startswith(f"{slug(case)}/{filename}:{marked_line(text)}: {expected}") for line in agreement[1])


@pytest.mark.parametrize("case", FILE_CASES)
def test_every_file_case(agreement, case):
    assert any(line.startswith(f"{slug(case)}/{FILE_CASES[case][2]}") for line in agreement[1])


@pytest.mark.parametrize("case", PHOTO_CASES)
def test_every_photo_case(agreement, case):
    expected = PHOTO_CASES[case][1]
    assert f"{slug(f'photo {case}')}/people.yaml:5: person 1: 'photo' 'photos/x.png' {expected}" in agreement[1]


@pytest.mark.parametrize("case", PAGE_CASES)
def test_every_page_case(agreement, case):
    folder = slug(case)
    assert [line for line in agreement[1] if line.startswith(f"{folder}/")] == \
        [f"{folder}/{line}" for line in PAGE_CASES[case][1]]


def test_silenced_kinds_and_a_missing_deadlines_file(tmp_path):
    """suppress_warnings silences a kind for both; a deadlines file that is not there is named at conf.py's line."""
    write(tmp_path, {
        "conf.py": 'extensions = ["myst_parser", "sphinx_workshop"]\nexclude_patterns = ["_build"]\n'
                   'suppress_warnings = ["workshop.papers"]\nworkshop_deadlines = "cfp/nowhere.yaml"\n',
        "index.md": "# Site\n\n```{papers} papers.yaml\n```\n\n```{people} people.yaml\n```\n",
        "papers.yaml": "papers:\n  - id: 1\n", "people.yaml": BROKEN_PEOPLE,
    })
    expected = ["conf.py:4: workshop_deadlines: file 'cfp/nowhere.yaml' not found (the path is relative to "
                "the site's folder)", "people.yaml:2: person 1: 'affiliation' is required"]
    assert check_lines(tmp_path) == build_lines(tmp_path) == expected


def registrations() -> dict[str, dict]:
    """What the extension's setup() registers: directives (with their classes), roles, conf.py values."""
    from unittest.mock import MagicMock

    from sphinx_workshop.sphinxext import setup

    app = MagicMock()
    setup(app)
    directives = {call.args[0]: call.args[1] for call in app.add_directive.call_args_list}
    roles = {call.args[0] for call in app.add_role.call_args_list}
    for call in app.add_domain.call_args_list:
        domain = call.args[0]
        directives |= {f"{domain.name}:{name}": cls for name, cls in domain.directives.items()}
        roles |= {f"{domain.name}:{name}" for name in domain.roles}
    return {"directives": directives, "roles": roles,
            "settings": {call.args[0] for call in app.add_config_value.call_args_list}}


def test_check_knows_every_directive_role_and_setting_the_extension_registers():
    """A directive, role or conf.py value added to the extension and not to markup/syntax.py fails here."""
    from sphinx_workshop.cli.check import LOADERS
    from sphinx_workshop.markup.syntax import CONFIG_FILES, CONFIG_SWITCHES, DIRECTIVES, ROLES

    registered = registrations()
    assert set(registered["directives"]) == set(DIRECTIVES)
    assert registered["roles"] == set(ROLES)
    assert registered["settings"] == set(CONFIG_FILES) | CONFIG_SWITCHES
    for name, cls in registered["directives"].items():
        spec = DIRECTIVES[name]
        assert cls.syntax_name == name
        assert set(cls.option_spec or {}) == set(spec.options), name
        assert cls.required_arguments == (1 if spec.data else 0), name
    kinds = {spec.data for spec in DIRECTIVES.values()} | set(CONFIG_FILES.values()) | {
        option.data for spec in DIRECTIVES.values() for option in spec.options.values()}
    assert kinds - {None} <= set(LOADERS)
