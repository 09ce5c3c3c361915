"""The plain-words messages for common YAML slips speak only when the lines show the cause.

``test_validation.py`` shows each message in a build; here, at the data layer, the near misses:
input that looks like a slip but is another mistake (or none) keeps the general message.
"""

from __future__ import annotations

import pytest

from sphinx_workshop.data.loading import load_people, load_schedule
from sphinx_workshop.data.reading import DataError

PEOPLE = ("people:\n  - {id: bouman, name: Katie Bouman, affiliation: Caltech}\n"
          "  - {id: tran, name: Dustin Tran, affiliation: Google}\n")
HEAD = "date: 2022-07-22\ntimezone: America/New_York\npeople: [people.yaml]\nentries:\n"
ENTRY = '  - start: "9:15"\n    end: "10:00"\n    kind: keynote\n    title: Talk\n'


def messages(tmp_path, text: str, name: str = "schedule.yaml") -> list[str]:
    (tmp_path / "people.yaml").write_text(PEOPLE)
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    try:
        (load_people if name == "people.yaml" else load_schedule)(path, tmp_path)
    except DataError as error:
        return error.messages
    return []


@pytest.mark.parametrize(("text", "expected"), [
    pytest.param(HEAD + ENTRY.replace("title: Talk", 'title: "Lunch: provided"'), [], id="a quoted ': ' is text"),
    pytest.param(HEAD + ENTRY + "    link: https://example.org/a:b\n", [], id="a ':' without a space is text"),
    pytest.param(HEAD + ENTRY.replace("title: Talk", "title: >\n      Long title\n      on two lines"), [],
                 id="a folded title over two lines"),
    pytest.param(HEAD + ENTRY + "    speakers:\n    - bouman\n    - tran\n", [], id="list dashes at the key's column"),
    pytest.param(HEAD + ENTRY + "    speakers: [bouman, tran]]\n",
                 ["schedule.yaml:9: YAML syntax error: did not find expected key"], id="an extra bracket"),
    pytest.param(HEAD + ENTRY + "    speakers:\n      - bouman\n     - tran\n",
                 ["schedule.yaml:11: YAML syntax error: did not find expected key"], id="a list dash misaligned"),
    pytest.param(HEAD + ENTRY.replace("title: Talk", "title:  # to do"),
                 ["schedule.yaml:8: entry 1: 'title' must be text, not empty"], id="a comment written as one"),
    pytest.param("people:\n  - id: a\n    id: b\n    name: A\n    affiliation: X\n",
                 ["people.yaml:3: 'id' is given twice"], id="one key twice is not a new item"),
    pytest.param(HEAD + ENTRY.replace('start: "9:15"', 'start: "9"15"'),
                 ["schedule.yaml:5: YAML syntax error: did not find expected key"], id="a stray quote in a time"),
    pytest.param(HEAD + ENTRY.replace('end: "10:00"', 'end: : "10:00"'),
                 ["schedule.yaml:6: YAML syntax error: mapping values are not allowed in this context"],
                 id="a doubled colon"),
    pytest.param(HEAD.replace("people: [people.yaml]", "people: [..]/people.yaml]") + ENTRY,
                 ["schedule.yaml:3: YAML syntax error: did not find expected key"], id="a list broken by a bracket"),
])
def test_near_misses_keep_the_general_message(tmp_path, text, expected):
    name = "people.yaml" if text.startswith("people:") else "schedule.yaml"
    assert messages(tmp_path, text, name) == expected


@pytest.mark.parametrize(("text", "expected"), [
    pytest.param((HEAD + ENTRY.replace("title: Talk", "title: Lunch: provided")).replace("\n", "\r\n"),
                 'schedule.yaml:8: put the value in quotes: title: "Lunch: provided" (a \': \' inside a value needs '
                 'quotes)', id="Windows line ends"),
    pytest.param(HEAD + ENTRY.replace("title: Talk", "title: Tübingen: Café"),
                 'schedule.yaml:8: put the value in quotes: title: "Tübingen: Café" (a \': \' inside a value needs '
                 'quotes)', id="letters beyond ASCII before the ': '"),
    pytest.param(HEAD + ENTRY.replace("title: Talk", 'title: The "best": talk'),
                 "schedule.yaml:8: put the value in quotes: title: 'The \"best\": talk' (a ': ' inside a value "
                 "needs quotes)", id="a value with double quotes gets single ones"),
    pytest.param(HEAD + '  - start: "9:15"\nend: "10:00"\n    kind: keynote\n    title: Talk\n',
                 "schedule.yaml:6: line up 'end:' with 'start:' above it (4 spaces from the left)",
                 id="the line out of line is the one above the error"),
    pytest.param(HEAD + '  - start: "9:15"\n    # the keynote\n   end: "10:00"\n',
                 "schedule.yaml:7: line up 'end:' with 'start:' above it (4 spaces from the left)",
                 id="a comment line between the fields"),
    pytest.param("people:\n  - id: bouman name: Katie Bouman\n",
                 "people.yaml:2: 'name:' starts a second field on this line: put it on a line of its own, or put the "
                 'value in quotes: id: "bouman name: Katie Bouman"', id="a second field after a plain value"),
    pytest.param(HEAD + ENTRY + "    start: \"10:00\"\n    end: \"10:30\"\n    kind: talk\n    title: B\n"
                 "    start: \"11:00\"\n    end: \"11:30\"\n    kind: talk\n    title: C\n",
                 ["schedule.yaml:9: this line starts a new entry without '- ' (add '- ' before 'start:')",
                  "schedule.yaml:13: this line starts a new entry without '- ' (add '- ' before 'start:')"],
                 id="three entries run together"),
    pytest.param("people:\n  - id: a\n    name: A\n    affiliation: X\n    id: b\n    name: B\n    affiliation: Y\n",
                 "people.yaml:5: this line starts a new person without '- ' (add '- ' before 'id:')",
                 id="the item is named as the file names it"),
])
def test_slips_are_recognised_whatever_the_text_around_them(tmp_path, text, expected):
    name = "people.yaml" if text.startswith("people:") else "schedule.yaml"
    assert messages(tmp_path, text, name) == ([expected] if isinstance(expected, str) else expected)
