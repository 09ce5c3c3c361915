"""Every anchor the extension writes goes through docutils' ids: a clash is a warning, never silent.

A card, a date, a paper and a schedule row each have a stable anchor (``data/anchors.py``). When the
page already has that id, the first keeps it and the build says so at the directive's line
(``workshop.anchor``): a section or a label of that name (``test-anchor-section``), or the same thing
shown twice (``test-anchor-twice``, which ``sphinx-workshop check`` finds too).
"""

from __future__ import annotations

import io
from collections import Counter
from contextlib import redirect_stdout
from pathlib import Path

import pytest
from conftest import cli_build, copy_root, soup_of

from sphinx_workshop.cli.main import main


def check(src: Path) -> list[str]:
    out = io.StringIO()
    with redirect_stdout(out):
        main(["check", "--quiet", str(src)])
    return out.getvalue().splitlines()


def ids_of(page: Path) -> Counter[str]:
    return Counter(tag["id"] for tag in soup_of(page).select("[id]"))


@pytest.fixture(scope="module")
def section(tmp_path_factory) -> tuple[int, str, Path]:
    src = copy_root("anchor-section", tmp_path_factory.mktemp("section"))
    return (*cli_build(src), src)


@pytest.fixture(scope="module")
def twice(tmp_path_factory) -> tuple[int, str, Path]:
    src = copy_root("anchor-twice", tmp_path_factory.mktemp("twice"))
    return (*cli_build(src), src)


def test_a_section_or_label_before_the_cards_keeps_its_id_and_the_build_says_so(section):
    status, warnings, _ = section
    assert status != 0
    assert warnings.splitlines() == [
        "index.md:10: WARNING: #person-bouman, the anchor of the card of 'bouman', is already used on this page "
        "by the section 'Person Bouman' (line 3): links to the card of 'bouman' go there instead [workshop.anchor]",
        "index.md:10: WARNING: #person-macke, the anchor of the card of 'macke', is already used on this page "
        "by the label 'person-macke' (line 7): links to the card of 'macke' go there instead [workshop.anchor]",
        "other.rst:8: WARNING: #person-bouman, the anchor of the card of 'bouman', is already used on this page "
        "by the label 'person-bouman' (line 3): links to the card of 'bouman' go there instead [workshop.anchor]",
    ]


def test_the_cards_get_no_anchor_of_their_own_and_every_id_stays_unique(section):
    page = section[2] / "_build" / "html" / "index.html"
    soup = soup_of(page)
    assert [card.get("id") for card in soup.select(".ws-person")] == [None, None]
    assert soup.select_one("#person-bouman").name == "section"
    assert max(ids_of(page).values()) == 1
    # The section after the cards gets another id from docutils, with no warning: nothing clashes.
    assert [s["id"] for s in soup.select("section section")] == ["person-bouman", "id1"]


def test_check_leaves_sections_and_labels_to_the_build(section):
    assert check(section[2]) == []


def test_a_thing_shown_twice_keeps_its_anchor_on_the_first(twice):
    status, warnings, src = twice
    assert status != 0
    first = {"people": 3, "important-dates": 6, "papers": 9, "schedule": 12}
    expected = [
        ("people", "the card of 'bouman'", "person-bouman"),
        ("people", "the card of 'macke'", "person-macke"),
        ("important-dates", "the date 'submission'", "date-submission"),
        ("papers", "the paper '12'", "paper-12"),
        ("schedule", "the schedule row at 2022-07-22 09:15", "slot-2022-07-22-0915"),
    ]
    again = {"people": 17, "important-dates": 20, "papers": 23, "schedule": 26}
    lines = [f"index.md:{again[d]}: {what} is shown twice on this page (first at line {first[d]}): the second has "
             f"no anchor #{anchor}, and links go to the first" for d, what, anchor in expected]
    assert warnings.splitlines() == [line.replace(": ", ": WARNING: ", 1) + " [workshop.anchor]" for line in lines]
    assert check(src) == lines
    page = src / "_build" / "html" / "index.html"
    assert max(ids_of(page).values()) == 1
    soup = soup_of(page)
    assert [c.get("id") for c in soup.select(".ws-person")] == ["person-bouman", "person-macke", None, None]
    assert [r.get("id") for r in soup.select("table.ws-schedule-table tbody tr")] == ["slot-2022-07-22-0915", None]
    # The card links to the talk's first row, the anchor that is there.
    assert soup.select_one("#person-bouman .ws-talks a")["href"] == "#slot-2022-07-22-0915"


def test_the_kind_can_be_silenced(tmp_path):
    src = copy_root("anchor-twice", tmp_path)
    with (src / "conf.py").open("a") as conf:
        conf.write('suppress_warnings = ["workshop.anchor"]\n')
    assert cli_build(src) == (0, "")
    assert check(src) == []
