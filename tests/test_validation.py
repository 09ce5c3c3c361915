"""Every message of the data layer: one clear message naming file, line and field; the build fails under -W.

``CASES`` is the corpus of bad input: each case writes one bad data file, with the line the message
must name marked ``# <-``. ``SITE_CASES`` are the problems one marked data file cannot show: a
missing or unreadable file, a page's own mistake. The table of error messages in CONTRIBUTING.md
is checked against both: each row's message is produced by some case, and each case has its row.
"""

from __future__ import annotations

import io
import re
import time
from pathlib import Path
from typing import NamedTuple

import pytest
from conftest import PROJECT, cli_build, soup_of
from PIL import Image

from sphinx_workshop.data.model import Person

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
ENTRY = """\
  - start: "9:15"
    end: "10:00"
    kind: keynote
    title: Talk
"""
#: A schedule of several days in two rooms; its first day's entries follow.
DAYS_HEAD = """\
timezone: America/New_York
people: [people.yaml]
rooms:
  - {id: main, name: Main hall}
  - {id: hall-b, name: Room B}
days:
  - date: 2022-07-22
    entries:
"""
DAY_KEYNOTE = """\
      - start: "9:15"
        end: "10:00"
        kind: keynote
        title: Computational Imaging in astronomy
        speakers: [bouman]
"""
SECOND_DAY = "  - date: 2022-07-23\n    entries:\n"
PAPERS = """\
papers:
  - id: 12
    title: Neural posterior estimation
    authors: [Ada Lovelace, Carl Friedrich Gauss]
"""
CONF = 'extensions = ["myst_parser", "sphinx_workshop"]\nexclude_patterns = ["_build"]\n'
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
    kind: keynote
    title: Talk
""", "entry 1: 'end' is required"),
    "title missing without papers": ("schedule.yaml", SCHEDULE_HEAD + """\
  - start: "9:15"  # <-
    end: "10:00"
    kind: keynote
""", "entry 1: 'title' is required (only a slot of one paper, in 'papers', may leave it out and show the title of "
     "the paper)"),
    "title missing with two papers": ("schedule.yaml", SCHEDULE_HEAD.replace(
        "people: [people.yaml]", "people: [people.yaml]\npapers_file: papers.yaml") + """\
  - start: "10:00"  # <-
    end: "10:30"
    kind: spotlight
    papers: [12, 13]
""", "entry 1: 'title' is required for a slot of 2 papers (only a slot of one paper may leave it out and show the "
     "title of the paper)"),
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
""", "entry 1: 'kind' must be one of 'introduction', 'keynote', 'talk', 'spotlight', 'panel', 'poster', 'break', "
       "'social', 'closing' or 'other', not 'keynot' (did you mean 'keynote'?)"),
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
""", "entry 1: 'speakers' names 'boumann', who is not in the people files (did you mean 'bouman', Katie Bouman?)"),
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
    "EST for a summer event": ("schedule.yaml", SCHEDULE_HEAD.replace(
        "timezone: America/New_York", "timezone: EST  # <-") + KEYNOTE,
        "'timezone' 'EST' is a fixed offset, UTC−05:00 all year, with no daylight saving: use the venue's own zone, "
        "like America/New_York"),
    "Etc/GMT+5": ("schedule.yaml", SCHEDULE_HEAD.replace(
        "timezone: America/New_York", "timezone: Etc/GMT+5  # <-") + KEYNOTE,
        "'timezone' 'Etc/GMT+5' is a fixed offset, UTC−05:00 all year, with no daylight saving (the sign of Etc/GMT "
        "names is reversed)"),
    "CET rule name": ("schedule.yaml", SCHEDULE_HEAD.replace(
        "timezone: America/New_York", "timezone: CET  # <-") + KEYNOTE,
        "'timezone' 'CET' is an old rule name of the tz database, not a place: use the venue's own zone, like "
        "Europe/Paris"),
    "PST is no zone": ("schedule.yaml", SCHEDULE_HEAD.replace(
        "timezone: America/New_York", "timezone: PST  # <-") + KEYNOTE,
        "'timezone' 'PST' is not a time zone: use an IANA name like America/Los_Angeles"),
    "old alias": ("schedule.yaml", SCHEDULE_HEAD.replace(
        "timezone: America/New_York", "timezone: Japan  # <-") + KEYNOTE,
        "'timezone' 'Japan' is an old alias of the tz database, not a place: use the venue's own zone, like Asia/Tokyo"),
    "GMT for a deadline": ("dates.yaml", """\
dates:
  - id: abstracts
    label: Abstracts due
    date: 2022-05-23
    time: "23:59"
    timezone: GMT  # <-
""", "date 1: 'timezone' 'GMT' is another name of UTC: write UTC"),
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
    "papers file missing": ("schedule.yaml", SCHEDULE_HEAD.replace(
        "people: [people.yaml]", "people: [people.yaml]\npapers_file: paper.yaml  # <-") + KEYNOTE,
        "'papers_file' 'paper.yaml' not found next to schedule.yaml"),
    "title too long": ("schedule.yaml", SCHEDULE_HEAD + ENTRY.replace("title: Talk", "title: " + "x" * 301 + "  # <-"),
                       "entry 1: 'title' is too long: at most 300 characters"),
    "title empty": ("schedule.yaml", SCHEDULE_HEAD + ENTRY.replace("title: Talk", "title:  # <-"),
                    "entry 1: 'title' must be text, not empty"),
    "link with a space": ("schedule.yaml", SCHEDULE_HEAD + ENTRY + '    link: "https://example.org/a b"  # <-\n',
                          "entry 1: 'link' must not contain spaces or control characters"),
    # schedule.yaml: the slips organizers make most
    "colon inside a value": ("schedule.yaml", SCHEDULE_HEAD + ENTRY.replace(
        "title: Talk", "title: Lunch: provided  # <-"),
        "put the value in quotes: title: \"Lunch: provided\" (a ': ' inside a value needs quotes)"),
    "two fields on one line": ("schedule.yaml", SCHEDULE_HEAD + ENTRY.replace(
        'end: "10:00"\n    kind: keynote', 'end: "10:00" kind: keynote  # <-'),
        "'kind:' starts a second field on this line: put it on a line of its own"),
    "hash starts a comment": ("schedule.yaml", SCHEDULE_HEAD + ENTRY.replace("title: Talk", "title: #1 lunch  # <-"),
                              "entry 1: 'title' is empty because '#' starts a comment: put the value in quotes: "
                              "title: \"#1 lunch\""),
    "quote ends the value early": ("schedule.yaml", SCHEDULE_HEAD + ENTRY.replace(
        "title: Talk", "title: 'Bouman's talk'  # <-"),
        "the quotes end before the value does: write title: \"Bouman's talk\""),
    "value starts with a bracket": ("schedule.yaml", SCHEDULE_HEAD + ENTRY.replace(
        "title: Talk", "title: [Draft] New results  # <-"),
        "put the value in quotes: title: \"[Draft] New results\" (a value that starts with '[' needs quotes)"),
    "entries run together": ("schedule.yaml", SCHEDULE_HEAD + KEYNOTE + """\
    start: "10:00"  # <-
    end: "10:30"
    kind: spotlight
    title: 2 talks
""", "this line starts a new entry without '- ' (add '- ' before 'start:')"),
    "dash forgotten at the column of the dashes": ("schedule.yaml", SCHEDULE_HEAD + KEYNOTE + """\
  start: "10:00"  # <-
    end: "10:30"
""", "this line starts a new entry without '- ' (add '- ' before 'start:')"),
    "tab indentation": ("schedule.yaml", SCHEDULE_HEAD + ENTRY.replace("    kind: keynote", "\tkind: keynote  # <-"),
                        "tabs cannot indent YAML: indent this line with spaces"),
    "no space after the colon": ("schedule.yaml", SCHEDULE_HEAD + ENTRY.replace("title: Talk", "title:Talk  # <-"),
                                 "put a space after the ':': title: Talk"),
    "no space after the colon of the only field": ("schedule.yaml", SCHEDULE_HEAD + "  - title:Talk  # <-\n",
                                                   "entry 1: put a space after the ':': title: Talk"),
    "field not lined up": ("schedule.yaml", SCHEDULE_HEAD + ENTRY.replace("    title: Talk", "   title: Talk  # <-"),
                           "line up 'title:' with 'kind:' above it (4 spaces from the left)"),
    "no colon after the field name": ("schedule.yaml", SCHEDULE_HEAD + ENTRY.replace(
        "title: Talk", "title Talk  # <-"), "add ':' after the field name: title: Talk"),
    "a line that is no field": ("schedule.yaml", SCHEDULE_HEAD + ENTRY + "    and more  # <-\n",
                                "the line has no ':' after a field name (like title: Lunch); a value that goes on "
                                "from the line above must be indented further than its field name"),
    "kind capitalised": ("schedule.yaml", SCHEDULE_HEAD + ENTRY.replace("kind: keynote", "kind: Keynote  # <-"),
                         "entry 1: 'kind' must be written in lowercase: 'keynote', not 'Keynote'"),
    "kind written as its label": ("schedule.yaml", SCHEDULE_HEAD + ENTRY.replace(
        "kind: keynote", "kind: Panel Discussion  # <-"),
        "entry 1: 'kind' must be one of 'introduction', 'keynote', 'talk', 'spotlight', 'panel', 'poster', 'break', "
        "'social', 'closing' or 'other', not 'Panel Discussion' (did you mean 'panel'?)"),
    "speakers written as text": ("schedule.yaml", SCHEDULE_HEAD + ENTRY + "    speakers: bouman, tran  # <-\n",
                                 "entry 1: 'speakers' must be a list: put the items in brackets: [bouman, tran]"),
    "a speaker's name for the id": ("schedule.yaml", SCHEDULE_HEAD + ENTRY + "    speakers: [Katie Bouman]  # <-\n",
                                    "entry 1: 'speakers' must list ids: use the id 'bouman' (Katie Bouman), "
                                    "not 'Katie Bouman'"),
    "a speaker's name misspelled": ("schedule.yaml", SCHEDULE_HEAD + ENTRY + "    speakers: [Katie Bowman]  # <-\n",
                                    "entry 1: 'speakers' names 'Katie Bowman', who is not in the people files "
                                    "(did you mean 'bouman', Katie Bouman?)"),
    "a paper's title for the id": ("schedule.yaml", SCHEDULE_HEAD.replace(
        "people: [people.yaml]", "people: [people.yaml]\npapers_file: papers.yaml") + ENTRY
        + "    papers: [neural posterior estimation]  # <-\n",
        "entry 1: 'papers' must list ids: use the id '12' (Neural posterior estimation), "
        "not 'neural posterior estimation'"),
    # schedule.yaml of several days, in rooms
    "date given with days": ("schedule.yaml", "date: 2022-07-22  # <-\n" + DAYS_HEAD + DAY_KEYNOTE,
                             "'date' cannot be given with 'days': each day has its own 'date' (a schedule has either "
                             "'date' and 'entries', for one day, or 'days', for several)"),
    "days out of order": ("schedule.yaml", DAYS_HEAD.replace("2022-07-22", "2022-07-23") + DAY_KEYNOTE
                          + "  - date: 2022-07-22  # <-\n    entries:\n" + DAY_KEYNOTE,
                          "day 2: 'date' 2022-07-22 comes before the previous day's 2022-07-23: keep the days in "
                          "date order"),
    "a day given twice": ("schedule.yaml", DAYS_HEAD + DAY_KEYNOTE + "  - date: 2022-07-22  # <-\n    entries:\n"
                          + DAY_KEYNOTE.replace("9:15", "11:15").replace("10:00", "12:00"),
                          "day 2: 'date' 2022-07-22 is day 1 already: put all of a day's entries under one date"),
    "entries out of order on the second day": ("schedule.yaml", DAYS_HEAD + DAY_KEYNOTE + SECOND_DAY + """\
      - start: "11:00"
        end: "12:00"
        kind: talk
        title: Later
      - start: "9:15"  # <-
        end: "10:00"
        kind: talk
        title: Earlier
""", "day 2: entry 2: 'start' 09:15 comes before the previous entry's start 11:00: keep entries in time order"),
    "two entries at once in one room": ("schedule.yaml", DAYS_HEAD + """\
      - start: "9:15"
        end: "10:00"
        kind: talk
        title: First
        room: main
      - start: "9:15"
        end: "10:00"
        kind: talk
        title: Beside it
        room: hall-b
      - start: "9:30"  # <-
        end: "10:30"
        kind: talk
        title: Second
        room: main
""", "day 1: entry 3: 'start' 09:30 overlaps entry 1 in Main hall, which ends at 10:00"),
    "an entry beside one for everyone": ("schedule.yaml", DAYS_HEAD + DAY_KEYNOTE + """\
      - start: "9:30"  # <-
        end: "10:30"
        kind: talk
        title: In the other room
        room: hall-b
""", "day 1: entry 2: 'start' 09:30 overlaps entry 1, which ends at 10:00 (an entry without 'room' is for "
       "everyone: nothing else can run at the same time)"),
    "unknown room": ("schedule.yaml", DAYS_HEAD + DAY_KEYNOTE + "        room: mian  # <-\n",
                     "day 1: entry 1: 'room' names 'mian', which is not in 'rooms' (did you mean 'main', Main hall?)"),
    "a room's name for its id": ("schedule.yaml", DAYS_HEAD + DAY_KEYNOTE + "        room: Main Hall  # <-\n",
                                 "day 1: entry 1: 'room' must be an id: use the id 'main' (Main hall), not 'Main Hall'"),
    "room without rooms": ("schedule.yaml", SCHEDULE_HEAD + ENTRY + "    room: main  # <-\n",
                           "entry 1: 'room' needs 'rooms' at the top of the file, with each room's id and name "
                           "(like rooms: [{id: main, name: Main hall}])"),
    "one room id twice": ("schedule.yaml", DAYS_HEAD.replace("{id: hall-b, name: Room B}",
                                                             "{id: main, name: Room B}  # <-") + DAY_KEYNOTE,
                          "room 2: 'id' 'main' is already used by item 1"),
    "a day without entries": ("schedule.yaml", DAYS_HEAD + DAY_KEYNOTE + "  - date: 2022-07-23\n    entries: []  # <-\n",
                              "day 2: 'entries' must be a list with at least one item"),
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
    "homepage without https://": ("people.yaml", PEOPLE + "    homepage: www.caltech.edu  # <-\n",
                                  "person 1: 'homepage' must start with http://, https:// or mailto:, not "
                                  "'www.caltech.edu' (write 'https://www.caltech.edu')"),
    "control character in a value": ("people.yaml", PEOPLE.replace(
        "name: Katie Bouman", 'name: "Katie\\a Bouman"  # <-'),
        "person 1: 'name' must not contain the control character '\\x07'"),
    "character YAML does not allow": ("people.yaml", PEOPLE.replace(
        "name: Katie Bouman", "name: Katie\x07 Bouman  # <-"),
        "the character U+0007 is not allowed in YAML (delete it, or write it as an escape in double quotes)"),
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
    "dates out of order": ("dates.yaml", """\
dates:
  - {id: notification, label: Author notification, date: 2022-06-10}
  - {id: submission, label: Submission deadline, date: 2022-05-23}  # <-
""", "date 2: 'date' 2022-05-23 comes before the previous date's 2022-06-10: keep the dates in chronological order"),
    "times out of order on one day": ("dates.yaml", """\
dates:
  - {id: abstracts, label: Abstracts, date: 2022-05-23, time: "23:59", timezone: AoE}
  - id: papers
    label: Papers
    date: 2022-05-23
    time: "12:00"  # <-
    timezone: AoE
""", "date 2: 'time' 12:00 AoE comes before the previous date's 23:59 AoE: keep the dates in chronological order"),
    "a date that is not in the calendar": ("dates.yaml", """\
dates:
  - id: submission
    label: Submission deadline
    date: 2022-02-30  # <-
""", "cannot read the value '2022-02-30': day is out of range for month"),
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
    "authors that brackets cannot hold": ("papers.yaml", """\
papers:
  - id: 12
    title: Neural posterior estimation
    authors: "Ada Lovelace [UCL], Carl Friedrich Gauss"  # <-
""", "paper 1: 'authors' must be a list: write each item on a line of its own, starting with '- '"),
    "pdf a mailto link": ("papers.yaml", PAPERS + "    pdf: 'mailto:ada@example.org'  # <-\n",
                          "paper 1: 'pdf' must be an http:// or https:// link or a path to a PDF file, "
                          "not 'mailto:ada@example.org'"),
    "pdf outside the folder": ("papers.yaml", PAPERS + "    pdf: /tmp/12.pdf  # <-\n",
                               "paper 1: 'pdf' must be a path relative to the data file (like papers/12.pdf) or a "
                               "link, not '/tmp/12.pdf'"),
    "unknown link kind": ("papers.yaml", PAPERS + "    links:\n      vidoe: https://youtu.be/x  # <-\n",
                          "paper 1: unknown link kind 'vidoe' (did you mean 'video'?): the kinds are 'video', "
                          "'slides', 'poster', 'code', 'arxiv' and 'openreview'"),
    "arxiv neither an id nor arxiv's link": ("papers.yaml", PAPERS + "    links:\n      arxiv: 2206-01234  # <-\n",
                                             "paper 1: 'arxiv' must be an arXiv id (like 2206.01234) or a link to "
                                             "arxiv.org, not '2206-01234'"),
    "openreview neither an id nor its link": ("papers.yaml", PAPERS
                                              + "    links:\n      openreview: https://example.org/x  # <-\n",
                                              "paper 1: 'openreview' must be an OpenReview id (like rJl3S2A9t7) or a "
                                              "link to openreview.net, not 'https://example.org/x'"),
    "slides missing": ("papers.yaml", PAPERS + "    links:\n      slides: slides/12.pdf  # <-\n",
                       "paper 1: 'slides' file 'slides/12.pdf' not found next to papers.yaml"),
    "slides outside the folder": ("papers.yaml", PAPERS + "    links:\n      slides: ../12.pdf  # <-\n",
                                  "paper 1: 'slides' must be a path relative to the data file (like slides/12.pdf) "
                                  "or a link, not '../12.pdf'"),
    "poster file without extension": ("papers.yaml", PAPERS + "    links:\n      poster: posters/12  # <-\n",
                                      "paper 1: 'poster' must name a file with its extension (like slides/12.pdf), "
                                      "not 'posters/12'"),
    "slides a mailto link": ("papers.yaml", PAPERS + "    links:\n      slides: 'mailto:ada@example.org'  # <-\n",
                             "paper 1: 'slides' must be an http:// or https:// link or a path to a file, "
                             "not 'mailto:ada@example.org'"),
    "poster board zero": ("papers.yaml", PAPERS + "    poster:\n      session: Posters\n      board: 0  # <-\n",
                          "paper 1: 'board' must be a whole number from 1 up (like 12), not 0"),
    "poster without session": ("papers.yaml", PAPERS + "    poster:  # <-\n      board: 3\n",
                               "paper 1: 'session' is required"),
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
    "YAML syntax error that is no common slip": ("dates.yaml", """\
dates:
  - id: submission
    label: ]  # <-
""", "YAML syntax error: did not find expected node content"),
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
  - &x {id: bouman, name: Katie Bouman, affiliation: Caltech}
  - *x  # <-
""", "YAML aliases (*x) are not supported: write the value out"),
    "list too long": ("dates.yaml", "dates: [" + "1, " * 50_001 + "]  # <-\n",
                      "the list has 50,001 items; at most 50,000 are read"),
    "nested too deep": ("dates.yaml", "dates: " + "[" * 25 + "]" * 25 + "  # <-\n",
                        "nested more than 20 levels deep"),
    "non-text key": ("people.yaml", "people:\n  - {id: bouman, name: K, affiliation: C, 12: x}  # <-\n",
                     "field names must be text, not '12'"),
}


class SiteCase(NamedTuple):
    """A bad site that a marked data file alone cannot make."""

    file: str
    #: Its content; ``None``: the page names a file that is not there.
    text: str | bytes | None
    expected: str
    #: Where the warning puts the message: ``file`` for the whole file, ``file:line``, or ``None`` for anywhere.
    at: str | None
    #: The page that shows ``file``, when it is more than the directive.
    page: str | None = None
    #: Other files of the site (a photo, another page, another conf.py).
    files: dict[str, str | bytes] = {}
    #: The warning's type, when it is not the data file's.
    tag: str | None = None


def _image(kind: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4)).save(buffer, kind)
    return buffer.getvalue()


def _huge_png() -> bytes:
    """A PNG of 60 megapixels, a few kilobytes on disk (one colour compresses well)."""
    buffer = io.BytesIO()
    Image.new("1", (8000, 7500)).save(buffer, "PNG")
    return buffer.getvalue()


PHOTO = PEOPLE + "    photo: bouman.png\n"
DATES = "dates:\n  - {id: submission, label: Submission deadline, date: 2022-05-23}\n"
EVENT_SCHEDULE = "date: 2022-07-22\ntimezone: America/New_York\nentries:\n" + \
    "  - {start: '9:15', end: '10:00', kind: keynote, title: Opening}\n"
OTHER_DATES = "dates:\n  - {id: notification, label: Author notification, date: 2022-06-10}\n"
KINDS_CONF = CONF + "workshop_session_kinds = {}\n"
SITE_CASES = {
    "file not found": SiteCase("dates.yaml", None, "file 'dates.yaml' not found (the path is relative to the "
                               "page's folder)", at="index.md:3"),
    "a folder where the file belongs": SiteCase("dates.yaml", None, "'dates.yaml' is a folder, not a data file: name "
                                                "the YAML file itself", at="index.md:3",
                                                files={"dates.yaml/README.txt": "notes"}),
    "file over the size limit": SiteCase("dates.yaml", "dates:\n" + "# padding\n" * 110_000,
                                         "file is 1,100,007 bytes; a data file may be at most 1,000,000 bytes",
                                         at="dates.yaml"),
    "text that is not UTF-8": SiteCase("people.yaml", PEOPLE.replace("Caltech", "Caltech \xe9").encode("latin-1"),
                                       "not valid UTF-8 text (save the file as UTF-8)", at="people.yaml:4"),
    "more problems than are shown": SiteCase(
        "people.yaml", "people:\n" + "  - {id: a, name: A}\n" * 52, "and 2 more problems not shown",
        at="people.yaml"),
    "photo that is no image": SiteCase("people.yaml", PHOTO, "person 1: 'photo' 'bouman.png' is not a readable "
                                       "JPEG or PNG image", at="people.yaml:5", files={"bouman.png": b"not an image"}),
    "photo that is a GIF": SiteCase("people.yaml", PHOTO, "person 1: 'photo' 'bouman.png' is a GIF image; use a "
                                    "JPEG or PNG", at="people.yaml:5", files={"bouman.png": _image("GIF")}),
    "person role with an unknown id": SiteCase(
        "people.yaml", PEOPLE, "no card for person id 'boumann': is the id right, and is the person in a people "
        "file shown on some page?", at="index.md:6",
        page="# Test\n\n```{people} people.yaml\n```\n\nSee {person}`boumann`.\n", tag="workshop.person"),
    "calendar name that is no .ics file": SiteCase(
        "dates.yaml", DATES, ":calendar: must be a file name ending in .ics, like program.ics, not '../dates.ics'",
        at="index.md:3", page="# Test\n\n```{important-dates} dates.yaml\n:calendar: ../dates.ics\n```\n",
        tag="workshop.calendar"),
    "one calendar twice on a page": SiteCase(
        "dates.yaml", DATES, "calendar dates.ics is also made by index.md:3 from other data: give each its own "
        "file name", at="index.md:7", files={"other.yaml": OTHER_DATES}, tag="workshop.calendar",
        page="# Test\n\n```{important-dates} dates.yaml\n:calendar: dates.ics\n```\n\n"
             "```{important-dates} other.yaml\n:calendar: dates.ics\n```\n"),
    "one calendar from two pages": SiteCase(
        "dates.yaml", DATES, "calendar dates.ics is also made by index.md:3 from other data: give each its own "
        "file name", at="other.md:7", page="# Test\n\n```{important-dates} dates.yaml\n:calendar: /dates.ics\n```\n",
        files={"other.yaml": OTHER_DATES, "other.md": "---\norphan: true\n---\n\n# Other\n\n"
               "```{important-dates} other.yaml\n:calendar: /dates.ics\n```\n"}, tag="workshop.calendar"),
    "poster session that is no poster entry": SiteCase(
        "papers.yaml", PAPERS + "    poster:\n      session: Afternoon sesion  # <-\n      board: 12\n",
        "paper 1: 'poster' 'Afternoon sesion' is no poster session of the schedule (did you mean 'Afternoon Session'?)",
        at="papers.yaml:6", page="# Test\n\n```{schedule} schedule.yaml\n```\n",
        files={"schedule.yaml": SCHEDULE_HEAD.replace("people: [people.yaml]", "people: [people.yaml]\n"
                                                      "papers_file: papers.yaml") + KEYNOTE.replace(
            "kind: keynote\n    title: Computational Imaging in astronomy\n    speakers: [bouman]",
            "kind: poster\n    title: Afternoon Session")}),
    "schedule for apps named with an extension": SiteCase(
        "schedule.yaml", SCHEDULE_HEAD + KEYNOTE, ":frab: must be a file name without extension, like schedule (for "
        "schedule.json and schedule.xml), not 'schedule.json'", at="index.md:3", tag="workshop.apps",
        page="# Test\n\n```{schedule} schedule.yaml\n:frab: schedule.json\n```\n"),
    "one schedule for apps from two programs": SiteCase(
        "schedule.yaml", SCHEDULE_HEAD + KEYNOTE, "schedule for apps schedule.json and .xml is also made by "
        "index.md:3 from other data: give each its own file name", at="index.md:7", tag="workshop.apps",
        files={"other.yaml": SCHEDULE_HEAD + ENTRY.replace('"9:15"', '"11:00"').replace('"10:00"', '"11:30"')},
        page="# Test\n\n```{schedule} schedule.yaml\n:frab: schedule\n```\n\n"
             "```{schedule} other.yaml\n:frab: schedule\n```\n"),
    "event without a schedule": SiteCase(
        "dates.yaml", DATES, "event-jsonld needs the :schedule: option (the schedule file)", at="index.md:3",
        page="# Test\n\n```{event-jsonld}\n```\n", tag="workshop.event"),
    "the deadlines file is not there": SiteCase(
        "dates.yaml", DATES, "workshop_deadlines: file 'missing.yaml' not found (the path is relative to the site's "
        "folder)", at="conf.py:3", files={"conf.py": CONF + 'workshop_deadlines = "missing.yaml"\n'}),
    "photo too large": SiteCase("people.yaml", PHOTO, "person 1: 'photo' 'bouman.png' is too large: at most 50 "
                                "megapixels", at="people.yaml:5", files={"bouman.png": _huge_png()}),
    **{f"event option {option}": SiteCase(
        "dates.yaml", DATES, message, at="index.md:3", tag="workshop.event", files={"schedule.yaml": EVENT_SCHEDULE},
        page=f"# Test\n\n```{{event-jsonld}}\n:schedule: schedule.yaml\n:{option}: {value}\n```\n")
       for option, value, message in (
           ("attendance", "hybrid", ":attendance: must be one of 'offline', 'online', 'mixed', not 'hybrid'"),
           ("url", "ftp://example.org", ":url: must be a web address starting with https://"),
           ("name", '" "', ":name: must not be empty"))},
    "an anchor a section has already": SiteCase(
        "people.yaml", PEOPLE, "#person-bouman, the anchor of the card of 'bouman', is already used on this page by "
        "the section 'Person Bouman' (line 3): links to the card of 'bouman' go there instead", at="index.md:5",
        page="# Test\n\n## Person Bouman\n\n```{people} people.yaml\n```\n", tag="workshop.anchor"),
    "an anchor a label has already": SiteCase(
        "dates.yaml", DATES, "#date-submission, the anchor of the date 'submission', is already used on this page by "
        "the label 'date-submission' (line 3): links to the date 'submission' go there instead", at="index.md:6",
        page="# Test\n\n(date-submission)=\nText.\n\n```{important-dates} dates.yaml\n```\n", tag="workshop.anchor"),
    "a card shown twice on a page": SiteCase(
        "people.yaml", PEOPLE, "the card of 'bouman' is shown twice on this page (first at line 3): the second has no "
        "anchor #person-bouman, and links go to the first", at="index.md:5",
        page="# Test\n\n```{people} people.yaml\n```\n```{people} people.yaml\n```\n", tag="workshop.anchor"),
    "a session kind that is no id": SiteCase(
        "schedule.yaml", SCHEDULE_HEAD + KEYNOTE, "workshop_session_kinds: 'Tutorial' is not a valid kind: use "
        "lowercase letters, digits and hyphens (like 'lightning-talk')", at="conf.py:3",
        files={"conf.py": KINDS_CONF.format('{"Tutorial": "Tutorial"}')}),
    "a session kind's label that is no text": SiteCase(
        "schedule.yaml", SCHEDULE_HEAD + KEYNOTE, "workshop_session_kinds: the label of 'tutorial' must be text, "
        "not a number", at="conf.py:3", files={"conf.py": KINDS_CONF.format('{"tutorial": 3}')}),
    "a session kind's empty label": SiteCase(
        "schedule.yaml", SCHEDULE_HEAD + KEYNOTE, "workshop_session_kinds: the label of 'tutorial' must be a short "
        "text: 1 to 100 characters, without control characters", at="conf.py:3",
        files={"conf.py": KINDS_CONF.format('{"tutorial": " "}')}),
    "session kinds that are no mapping": SiteCase(
        "schedule.yaml", SCHEDULE_HEAD + KEYNOTE, "workshop_session_kinds must be a mapping of kinds to the labels "
        "a visitor reads, like {'tutorial': 'Tutorial'}, not a list", at="conf.py:3",
        files={"conf.py": KINDS_CONF.format('["tutorial"]')}),
    "an unknown kind among the site's kinds": SiteCase(
        "schedule.yaml", SCHEDULE_HEAD + ENTRY.replace("kind: keynote", "kind: tutorail"), "entry 1: 'kind' must be "
        "one of 'introduction', 'keynote', 'talk', 'spotlight', 'panel', 'poster', 'break', 'social', 'closing', "
        "'other' or 'tutorial', not 'tutorail' (did you mean 'tutorial'?)", at="schedule.yaml:7",
        files={"conf.py": KINDS_CONF.format('{"tutorial": "Tutorial"}')}),
    "the deadlines file has a problem": SiteCase(
        "dates.yaml", DATES.replace("2022-05-23", "May 23"), "date 1: 'date' must be a date written YYYY-MM-DD "
        "(like 2022-07-22), not 'May 23'", at="dates.yaml:2",
        files={"conf.py": CONF + 'workshop_deadlines = "dates.yaml"\n'}),
}


def write_site(root: Path, filename: str, text: str | bytes | None, page: str | None = None,
               files: dict[str, str | bytes] | None = None) -> Path:
    """A site of one page showing ``filename``, with the people and papers files a schedule may name."""
    (root / "conf.py").write_text(CONF)
    (root / "index.md").write_text(page or f"# Test\n\n```{{{DIRECTIVE[filename]}}} {filename}\n```\n")
    if filename != "people.yaml":
        (root / "people.yaml").write_text(PEOPLE)
    if filename != "papers.yaml":
        (root / "papers.yaml").write_text(PAPERS)
    if text is not None:
        (root / filename).write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    for name, content in (files or {}).items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return root


def marked_line(text: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if "# <-" in line)


def box_messages(root: Path, page: str = "index") -> list[str]:
    """The messages of the error boxes on a built page."""
    soup = soup_of(root / "_build" / "html" / f"{page}.html")
    return [m.get_text() for m in soup.select(".ws-problem .ws-problem-message")]


def as_site_case(name: str) -> SiteCase:
    if name in SITE_CASES:
        return SITE_CASES[name]
    filename, text, expected = CASES[name]
    return SiteCase(filename, text, expected, at=f"{filename}:{marked_line(text)}")


class Builds:
    """Each case built once per module: the case's own test and the table's test share the build."""

    def __init__(self, factory: pytest.TempPathFactory) -> None:
        self.factory = factory
        self.done: dict[str, tuple[int, str, Path]] = {}

    def __call__(self, name: str) -> tuple[int, str, Path]:
        if name not in self.done:
            case = as_site_case(name)
            root = write_site(self.factory.mktemp("case"), case.file, case.text, case.page, case.files)
            self.done[name] = (*cli_build(root), root)
        return self.done[name]


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Builds:
    return Builds(tmp_path_factory)


def warning_for(case: SiteCase, warnings: str) -> str | None:
    """The warning line that reports ``case.expected`` where the case says, with or without a page before it.

    Sphinx prints ``page:line: WARNING: file:line: message``; a warning located at the data file prints
    ``file:line: WARNING: message``. Both are accepted.
    """
    place = "" if case.at is None else r"(?<![\w.-])" + re.escape(case.at) + ": "
    pattern = re.compile(place + "(?:WARNING: )?" + re.escape(case.expected))
    return next((line for line in warnings.splitlines() if pattern.search(line)), None)


@pytest.mark.parametrize("case", [*CASES, *SITE_CASES])
def test_bad_data_fails_the_build_with_file_line_and_field(built, case):
    status, warnings, root = built(case)
    site_case = as_site_case(case)
    assert status != 0
    line = warning_for(site_case, warnings)
    assert line is not None, warnings
    assert line.endswith(f"[{site_case.tag or 'workshop.' + SUBTYPE[site_case.file]}]"), line
    assert "Traceback" not in warnings
    if case in CASES:
        # Located at the data file's line, once; the page shows the error box with the same words
        # in place of what could not be shown.
        assert [w for w in warnings.splitlines() if w.startswith(site_case.at + ": WARNING: ")] == [line], warnings
        assert any(m.startswith(f"{site_case.at}: {site_case.expected}") for m in box_messages(root)), case
        html = (root / "_build" / "html" / "index.html").read_text(encoding="utf-8")
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


# -- CONTRIBUTING.md's table of error messages ---------------------------------------------------

CONTRIBUTING = PROJECT / "CONTRIBUTING.md"
#: The part of a warning that the table shows: after the page or file, the line and the item.
_PLACE = re.compile(r"^(?:\S+\.ya?ml(?::\d+)?: )?(?:(?:entry|person|date|paper|day|room) \d+: )*")


def table_rows() -> list[tuple[int, list[str]]]:
    """Each row of the tables under "Error messages": its line and the messages (code spans) of its first cell."""
    lines = CONTRIBUTING.read_text(encoding="utf-8").splitlines()
    begin = next(n for n, line in enumerate(lines) if line.startswith("#") and line.endswith(" Error messages"))
    level = lines[begin].split(" ")[0]
    rows = []
    for number, line in enumerate(lines[begin + 1:], begin + 2):
        if line.startswith("#") and len(line.split(" ")[0]) <= len(level):
            break
        cells = [cell.strip() for cell in line.strip().strip("|").split(" | ")] if line.startswith("|") else []
        if cells and cells[0] not in ("message", "---"):
            rows.append((number, re.findall(r"`([^`]+)`", cells[0])))
    return rows


def row_pattern(message: str) -> re.Pattern[str]:
    """A row's message as the start of a real one: '…' stands for any text, and a quoted example
    (``'title'``, ``'Katie Bouman'``) for any quoted value, so that one row covers every field."""
    parts = re.split(r"(\u2026|'[^']*')", _PLACE.sub("", message, count=1))
    return re.compile("".join(".*?" if part == "\u2026" else "'[^']*'" if part.startswith("'") and len(part) > 1
                              else re.escape(part) for part in parts))


def shown_part(warning: str) -> str:
    """``page:3: WARNING: schedule.yaml:14: entry 3: 'end' … [workshop.schedule]`` → ``'end' …``."""
    message = warning.split("WARNING: ", 1)[-1]
    message = re.sub(r" \[[\w.-]+\]$", "", message)
    return _PLACE.sub("", message, count=1)


@pytest.fixture(scope="module")
def case_messages(built) -> dict[str, str]:
    """Each case's message as the table shows it, from its build."""
    messages = {}
    for name in [*CASES, *SITE_CASES]:
        line = warning_for(as_site_case(name), built(name)[1])
        assert line is not None, f"case {name!r} does not give its message"
        messages[name] = shown_part(line)
    return messages


def test_the_table_of_error_messages_is_read():
    rows = table_rows()
    assert len(rows) > 40
    assert all(messages for _, messages in rows), [n for n, m in rows if not m]


def test_every_message_in_the_table_is_produced_by_a_case(case_messages):
    unproduced = [f"CONTRIBUTING.md:{number}: {message}" for number, messages in table_rows() for message in messages
                  if not any(row_pattern(message).match(m) for m in case_messages.values())]
    assert not unproduced, "rows that no case produces:\n" + "\n".join(unproduced)


def test_every_case_has_its_row_in_the_table(case_messages):
    patterns = [row_pattern(message) for _, messages in table_rows() for message in messages]
    undocumented = [f"{name}: {m}" for name, m in case_messages.items() if not any(p.match(m) for p in patterns)]
    assert not undocumented, "messages with no row in CONTRIBUTING.md:\n" + "\n".join(undocumented)


def test_invisible_characters_at_the_edges_of_a_value_are_not_kept():
    """A byte-order mark or a zero-width space pasted in with a value is not text anyone wrote (calendar
    programs drop it, so the .ics would differ from the page): it is trimmed, as spaces are."""
    person = Person.model_validate({"id": "bouman", "name": "\ufeffKatie Bouman\u200b", "affiliation": " Caltech\u2060"})
    assert (person.name, person.affiliation) == ("Katie Bouman", "Caltech")
    assert Person.model_validate({"id": "a", "name": "Katie\u200dBouman", "affiliation": "C"}).name == "Katie\u200dBouman"
