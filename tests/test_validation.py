"""Every validation rule: one clear message naming file, line and field; the build fails under -W.

Each case writes one bad data file. The line the message must name is marked ``# <-``.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from conftest import cli_build, soup_of

PEOPLE = """\
people:
  - id: bouman
    name: Katie Bouman
    affiliation: Caltech
"""
SCHEDULE_HEAD = """\
date: 2022-07-22
timezone: America/New_York
people: [people.yaml]
entries:
"""
KEYNOTE = """\
  - start: "9:15"
    end: "10:00"
    kind: keynote
    title: Computational Imaging in astronomy
    speakers: [bouman]
"""
PAPERS = """\
papers:
  - id: 12
    title: Neural posterior estimation
    authors: [Ada Lovelace, Carl Friedrich Gauss]
"""
DIRECTIVE = {"schedule.yaml": "schedule", "people.yaml": "people", "dates.yaml": "important-dates",
             "papers.yaml": "papers"}
SUBTYPE = {"schedule.yaml": "schedule", "people.yaml": "people", "dates.yaml": "dates", "papers.yaml": "papers"}

CASES = {
    # schedule.yaml
    "end before start": ("schedule.yaml", SCHEDULE_HEAD + KEYNOTE + """\
  - start: "10:30"
    end: "10:00"  # <-
    kind: spotlight
    title: 2 talks
""", "entry 2: 'end' 10:00 is before 'start' 10:30"),
    "end equals start": ("schedule.yaml", SCHEDULE_HEAD + """\
  - start: "9:15"
    end: "9:15"  # <-
    kind: keynote
    title: Zero minutes
""", "entry 1: 'end' 09:15 equals 'start'"),
    "time not HH:MM": ("schedule.yaml", SCHEDULE_HEAD + """\
  - start: "9.15"  # <-
    end: "10:00"
    kind: keynote
    title: Talk
""", "entry 1: 'start' must be a time written HH:MM, 24-hour (like 09:15), not '9.15'"),
    "hour out of range": ("schedule.yaml", SCHEDULE_HEAD + """\
  - start: "24:15"  # <-
    end: "10:00"
    kind: keynote
    title: Talk
""", "entry 1: 'start' must be a time written HH:MM, 24-hour (like 09:15), not '24:15'"),
    "typo in a key": ("schedule.yaml", SCHEDULE_HEAD + """\
  - start: "9:15"
    end: "10:00"
    kind: keynote
    titel: Talk  # <-
""", "entry 1: unknown field 'titel' (did you mean 'title'?)"),
    "required field missing": ("schedule.yaml", SCHEDULE_HEAD + """\
  - start: "9:15"  # <-
    end: "10:00"
    kind: keynote
""", "entry 1: 'title' is required"),
    "number where text is expected": ("schedule.yaml", SCHEDULE_HEAD + """\
  - start: "9:15"
    end: "10:00"
    kind: keynote
    title: 2022  # <-
""", "entry 1: 'title' must be text, not a number (put it in quotes)"),
    "unknown kind": ("schedule.yaml", SCHEDULE_HEAD + """\
  - start: "9:15"
    end: "10:00"
    kind: keynot  # <-
    title: Talk
""", "entry 1: 'kind' must be one of 'introduction', 'keynote', "),
    "entries out of order": ("schedule.yaml", SCHEDULE_HEAD + """\
  - start: "11:00"
    end: "12:00"
    kind: keynote
    title: Later
  - start: "9:15"  # <-
    end: "10:00"
    kind: keynote
    title: Earlier
""", "entry 2: 'start' 09:15 comes before the previous entry's start 11:00: keep entries in time order"),
    "entries overlap": ("schedule.yaml", SCHEDULE_HEAD + KEYNOTE + """\
  - start: "9:45"  # <-
    end: "10:30"
    kind: spotlight
    title: 2 talks
""", "entry 2: 'start' 09:45 overlaps entry 1, which ends at 10:00"),
    "unknown speaker": ("schedule.yaml", SCHEDULE_HEAD + """\
  - start: "9:15"
    end: "10:00"
    kind: keynote
    title: Talk
    speakers:
      - boumann  # <-
""", "entry 1: 'speakers' names 'boumann', who is not in the people files (did you mean 'bouman'?)"),
    "javascript link": ("schedule.yaml", SCHEDULE_HEAD + """\
  - start: "9:15"
    end: "10:00"
    kind: keynote
    title: Talk
    link: javascript:alert(1)  # <-
""", "entry 1: 'link' must start with http://, https:// or mailto:, not 'javascript:alert(1)'"),
    "link without host": ("schedule.yaml", SCHEDULE_HEAD + """\
  - start: "9:15"
    end: "10:00"
    kind: keynote
    title: Talk
    link: "https:///nohost"  # <-
""", "entry 1: 'link' 'https:///nohost' has no host name"),
    "not a time zone": ("schedule.yaml", SCHEDULE_HEAD.replace(
        "timezone: America/New_York", "timezone: America/Baltimor  # <-") + KEYNOTE,
        "'timezone' 'America/Baltimor' is not a time zone: use an IANA name like America/New_York"),
    "AoE is for deadlines, not a venue": ("schedule.yaml", SCHEDULE_HEAD.replace(
        "timezone: America/New_York", "timezone: AoE  # <-") + KEYNOTE, "'timezone' 'AoE' is not a time zone"),
    "date not a date": ("schedule.yaml", SCHEDULE_HEAD.replace(
        "date: 2022-07-22", "date: July 22  # <-") + KEYNOTE,
        "'date' must be a date written YYYY-MM-DD (like 2022-07-22), not 'July 22'"),
    "no entries": ("schedule.yaml", SCHEDULE_HEAD.replace("entries:", "entries: []  # <-"),
                   "'entries' must be a list with at least one item"),
    "people file missing": ("schedule.yaml", SCHEDULE_HEAD.replace(
        "people: [people.yaml]", "people: [speakers.yaml]  # <-") + KEYNOTE,
        "'people' item 1: file 'speakers.yaml' not found next to schedule.yaml"),
    "entry not a mapping": ("schedule.yaml", SCHEDULE_HEAD + "  - a keynote  # <-\n",
                            "entry 1: must be a mapping of fields (name: value), not text"),
    # people.yaml
    "duplicate person id": ("people.yaml", PEOPLE + """\
  - id: bouman  # <-
    name: Katie Bouman again
    affiliation: Caltech
""", "person 2: 'id' 'bouman' is already used by item 1"),
    "person without name": ("people.yaml", """\
people:
  - id: bouman  # <-
    affiliation: Caltech
""", "person 1: 'name' is required"),
    "empty name": ("people.yaml", """\
people:
  - id: bouman
    name: ""  # <-
    affiliation: Caltech
""", "person 1: 'name' must not be empty"),
    "id with spaces": ("people.yaml", """\
people:
  - id: Katie Bouman  # <-
    name: Katie Bouman
    affiliation: Caltech
""", "person 1: 'id' 'Katie Bouman' is not a valid id: use lowercase letters, digits and hyphens"),
    "photo missing": ("people.yaml", PEOPLE + "    photo: photos/bouman.jpg  # <-\n",
                      "person 1: 'photo' file 'photos/bouman.jpg' not found next to people.yaml"),
    "photo outside the project": ("people.yaml", PEOPLE + "    photo: ../../secret.png  # <-\n",
                                  "person 1: 'photo' must be a path relative to the data file"),
    "photo not an image": ("people.yaml", PEOPLE + "    photo: bouman.gif  # <-\n",
                           "person 1: 'photo' must be a JPEG, PNG or WebP file"),
    "ftp homepage": ("people.yaml", PEOPLE + "    homepage: ftp://example.org  # <-\n",
                     "person 1: 'homepage' must start with http://, https:// or mailto:, not 'ftp://example.org'"),
    "mailto without address": ("people.yaml", PEOPLE + "    homepage: 'mailto:'  # <-\n",
                               "person 1: 'homepage' 'mailto:' has no e-mail address after mailto:"),
    "people not a list": ("people.yaml", "people: Katie Bouman  # <-\n",
                          "'people' must be a list (lines starting with '- '), not text"),
    # dates.yaml
    "time without time zone": ("dates.yaml", """\
dates:
  - id: submission
    label: Submission deadline
    date: 2022-05-23
    time: "23:59"  # <-
""", "date 1: 'timezone' is required with 'time' (an IANA name like Europe/Paris, or AoE)"),
    "date in words": ("dates.yaml", """\
dates:
  - id: submission
    label: Submission deadline
    date: May 23rd  # <-
""", "date 1: 'date' must be a date written YYYY-MM-DD (like 2022-07-22), not 'May 23rd'"),
    "duplicate date id": ("dates.yaml", """\
dates:
  - {id: submission, label: Submission deadline, date: 2022-05-23}
  - {id: submission, label: Notification, date: 2022-06-10}  # <-
""", "date 2: 'id' 'submission' is already used by item 1"),
    "wrong time zone for a date": ("dates.yaml", """\
dates:
  - id: submission
    label: Submission deadline
    date: 2022-05-23
    time: "23:59"
    timezone: AOE  # <-
""", "date 1: 'timezone' 'AOE' is not a time zone: use an IANA name like America/New_York or AoE"),
    # papers.yaml
    "presenter not an author": ("papers.yaml", PAPERS + "    presenter: A. Lovelace  # <-\n",
                                "paper 1: 'presenter' 'A. Lovelace' is not one of the 'authors' "
                                "(write the name exactly as in 'authors')"),
    "pdf missing": ("papers.yaml", PAPERS + "    pdf: papers/12.pdf  # <-\n",
                    "paper 1: 'pdf' file 'papers/12.pdf' not found next to papers.yaml"),
    "pdf not a pdf": ("papers.yaml", PAPERS + "    pdf: papers/12.docx  # <-\n",
                      "paper 1: 'pdf' must name a .pdf file, not 'papers/12.docx'"),
    "pdf javascript": ("papers.yaml", PAPERS + "    pdf: 'javascript://x/%0aalert(1)'  # <-\n",
                       "paper 1: 'pdf' must start with http://, https:// or mailto:, not 'javascript://x/%0aalert(1)'"),
    "spotlight not a flag": ("papers.yaml", PAPERS + "    spotlight: maybe  # <-\n",
                             "paper 1: 'spotlight' must be true or false, not 'maybe'"),
    "no authors": ("papers.yaml", "papers:\n  - id: 12\n    title: T\n    authors: []  # <-\n",
                   "paper 1: 'authors' must be a list with at least one item"),
    "duplicate paper id": ("papers.yaml", PAPERS + """\
  - id: "12"  # <-
    title: Another
    authors: [Ada Lovelace]
""", "paper 2: 'id' '12' is already used by item 1"),
    "slot names an unknown paper": ("schedule.yaml", SCHEDULE_HEAD.replace(
        "people: [people.yaml]", "people: [people.yaml]\npapers_file: papers.yaml") + """\
  - start: "10:00"
    end: "10:30"
    kind: spotlight
    title: 2 talks
    papers:
      - 13  # <-
""", "entry 1: 'papers' names '13', which is not in papers.yaml"),
    "slot lists papers without a papers file": ("schedule.yaml", SCHEDULE_HEAD + """\
  - start: "10:00"
    end: "10:30"
    kind: spotlight
    title: 2 talks
    papers: [12]  # <-
""", "entry 1: 'papers' needs 'papers_file' at the top of the file (like papers_file: papers.yaml)"),
    # any file
    "empty file": ("dates.yaml", "# nothing here yet  # <-\n", "the file is empty"),
    "YAML syntax error": ("dates.yaml", """\
dates:
  - id: submission
    label: [unclosed  # <-
""", "YAML syntax error while parsing a flow sequence: did not find expected ',' or ']' "
       "(it is never closed)"),
    "YAML syntax error without context": ("dates.yaml", """\
dates:
  - id: submission
  label: x  # <-
""", "YAML syntax error: "),
    "top level is a list": ("dates.yaml", "- id: submission  # <-\n",
                            "the file must be a mapping of fields at the top level (like 'dates:'), not a list"),
    "key given twice": ("people.yaml", """\
people:
  - id: bouman
    name: Katie Bouman
    name: Katie L. Bouman  # <-
    affiliation: Caltech
""", "'name' is given twice"),
    "alias": ("people.yaml", """\
people:
  - &p {id: bouman, name: Katie Bouman, affiliation: Caltech}
  - *p  # <-
""", "YAML aliases (*p) are not supported: write the value out"),
    "non-text key": ("people.yaml", "people:\n  - {id: bouman, name: K, affiliation: C, 12: x}  # <-\n",
                     "field names must be text, not '12'"),
}


def write_site(root: Path, filename: str, text: str) -> Path:
    (root / "conf.py").write_text('extensions = ["myst_parser", "sphinx_workshop"]\nexclude_patterns = ["_build"]\n')
    (root / "index.md").write_text(f"# Test\n\n```{{{DIRECTIVE[filename]}}} {filename}\n```\n")
    if filename != "people.yaml":
        (root / "people.yaml").write_text(PEOPLE)
    if filename != "papers.yaml":
        (root / "papers.yaml").write_text(PAPERS)
    (root / filename).write_text(text, encoding="utf-8")
    return root


def marked_line(text: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if "# <-" in line)


def box_messages(root: Path, page: str = "index") -> list[str]:
    """The messages of the error boxes on a built page."""
    soup = soup_of(root / "_build" / "html" / f"{page}.html")
    return [m.get_text() for m in soup.select(".ws-problem .ws-problem-message")]


def warning_lines(warnings: str) -> list[str]:
    return warnings.splitlines()


@pytest.mark.parametrize("case", CASES)
def test_bad_data_fails_the_build_with_file_line_and_field(tmp_path, case):
    filename, text, expected = CASES[case]
    status, warnings = cli_build(write_site(tmp_path, filename, text))
    assert status != 0
    line = marked_line(text)
    # Located at the data file's line, once, with the kind of the file.
    ours = [w for w in warning_lines(warnings) if w.startswith(f"{filename}:{line}: WARNING: {expected}")]
    assert len(ours) == 1, warnings
    assert ours[0].endswith(f" [workshop.{SUBTYPE[filename]}]")
    assert "Traceback" not in warnings
    # The page shows the error box in place of what could not be shown, with the same words.
    assert any(m.startswith(f"{filename}:{line}: {expected}") for m in box_messages(tmp_path))
    html = (tmp_path / "_build" / "html" / "index.html").read_text(encoding="utf-8")
    assert "ws-schedule" not in html and "ws-people" not in html and "ws-dates" not in html


def test_every_problem_in_a_file_is_reported_at_once(tmp_path):
    text = SCHEDULE_HEAD + """\
  - start: "9:15"
    end: "10:00"
    kind: keynot
    titel: Talk
"""
    status, warnings = cli_build(write_site(tmp_path, "schedule.yaml", text))
    assert status != 0
    assert "schedule.yaml:7: WARNING: entry 1: 'kind' must be one of" in warnings
    assert "schedule.yaml:8: WARNING: entry 1: unknown field 'titel' (did you mean 'title'?)" in warnings
    assert "schedule.yaml:5: WARNING: entry 1: 'title' is required" in warnings
    assert len(box_messages(tmp_path)) == 3


def test_problems_in_a_people_file_show_through_the_schedule(tmp_path):
    write_site(tmp_path, "schedule.yaml", SCHEDULE_HEAD + KEYNOTE)
    (tmp_path / "people.yaml").write_text(PEOPLE.replace("affiliation: Caltech", "afiliation: Caltech"))
    status, warnings = cli_build(tmp_path)
    assert status != 0
    assert ("people.yaml:4: WARNING: person 1: unknown field 'afiliation' (did you mean 'affiliation'?) "
            "[workshop.people]") in warnings


def test_missing_file(tmp_path):
    write_site(tmp_path, "dates.yaml", "")
    (tmp_path / "dates.yaml").unlink()
    status, warnings = cli_build(tmp_path)
    assert status != 0
    assert warnings == ("index.md:3: WARNING: file 'dates.yaml' not found (the path is relative to the page's "
                        "folder) [workshop.dates]\n")


def test_a_file_over_the_size_limit_is_refused_before_parsing(tmp_path):
    big = "dates:\n" + "# padding\n" * 110_000
    status, warnings = cli_build(write_site(tmp_path, "dates.yaml", big))
    assert status != 0
    # A problem with the whole file has no line; Sphinx then prints no location.
    assert warnings == ("WARNING: dates.yaml: file is 1,100,007 bytes; a data file may be at most 1,000,000 bytes "
                        "[workshop.dates]\n")


def test_an_alias_bomb_is_refused_quickly(tmp_path):
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    write_site(tmp_path, "dates.yaml", "\n".join(lines) + "\n")
    started = time.perf_counter()
    status, warnings = cli_build(tmp_path)
    assert time.perf_counter() - started < 10
    assert status != 0
    assert "dates.yaml:2: WARNING: YAML aliases (*a0) are not supported" in warnings


def test_deep_nesting_is_refused(tmp_path):
    status, warnings = cli_build(write_site(tmp_path, "dates.yaml", "dates: " + "[" * 5000 + "]" * 5000 + "\n"))
    assert status != 0
    assert "dates.yaml:1: WARNING: nested more than 20 levels deep" in warnings


def test_text_that_is_not_utf8(tmp_path):
    write_site(tmp_path, "people.yaml", "")
    (tmp_path / "people.yaml").write_bytes(PEOPLE.replace("Caltech", "Caltech \xe9").encode("latin-1"))
    status, warnings = cli_build(tmp_path)
    assert status != 0
    assert "people.yaml:4: WARNING: not valid UTF-8 text (save the file as UTF-8)" in warnings


def test_a_warning_type_can_be_silenced(tmp_path):
    write_site(tmp_path, "dates.yaml", "dates: []\n")
    with (tmp_path / "conf.py").open("a") as conf:
        conf.write('suppress_warnings = ["workshop.dates"]\n')
    status, warnings = cli_build(tmp_path)
    assert (status, warnings) == (0, "")
    assert box_messages(tmp_path) == []  # silenced on purpose: no box on the published page either


def test_a_silenced_kind_leaves_the_others(tmp_path):
    write_site(tmp_path, "schedule.yaml", SCHEDULE_HEAD + KEYNOTE)
    (tmp_path / "people.yaml").write_text(PEOPLE.replace("affiliation: Caltech", "afiliation: Caltech"))
    with (tmp_path / "conf.py").open("a") as conf:
        conf.write('suppress_warnings = ["workshop.schedule"]\n')
    status, warnings = cli_build(tmp_path)
    assert status != 0
    assert "[workshop.people]" in warnings  # the people file's problem, found through the schedule
