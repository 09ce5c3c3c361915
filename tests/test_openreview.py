"""``sphinx-workshop import-openreview``: a venue's notes saved from OpenReview into the papers file.

Every file of notes here is written by the test, in the shapes OpenReview's API 2 and openreview-py
give them (``{"notes": [...], "count": N}``, a list, one note per line) and in API 1's; none is a
real download. The notes carry e-mail addresses in ``authorids``, rejected, withdrawn, desk-rejected
and still-under-review submissions, and oral, spotlight and poster decisions in ``venue``.
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest
from conftest import PROJECT, cli_build, copy_root, soup_of

from sphinx_workshop.cli import importing as papers_import
from sphinx_workshop.cli.main import main
from sphinx_workshop.data.loading import load_papers
from sphinx_workshop.data.reading import DataError

PAPERS = "program/papers.yaml"
VENUE = "ICML.cc/2022/Workshop/ML4Astro"
NAME = "ICML 2022 Workshop ML4Astro"
PDF_PATH = "/pdf/0123456789abcdef0123456789abcdef01234567.pdf"


def note(number: int | None, title: str | None, authors: list | None, venueid: str | None = VENUE,
         venue: str | None = f"{NAME} Poster", *, ident: str | None = None, abstract: str | None = None,
         keywords: list[str] | None = None, pdf: str | None = PDF_PATH, **extra) -> dict:
    """One submission note as API 2 returns it: every content field wrapped in ``{"value": ...}``."""
    ident = ident or f"Sub{number}xYz"
    content = {"title": title, "authors": authors, "abstract": abstract, "keywords": keywords, "pdf": pdf,
               "venue": venue, "venueid": venueid}
    wrapped = {key: {"value": value} for key, value in content.items() if value is not None}
    if authors is not None:
        wrapped["authorids"] = {"value": [f"~Author_{i}1" if i % 2 else f"author{i}@uni.example.org"
                                          for i in range(len(authors))]}
    wrapped["_bibtex"] = {"value": "@inproceedings{x, author={Kept Out}}"}
    found = {"id": ident, "forum": ident, "number": number, "content": wrapped, "cdate": 1650000000000,
             "invitations": [f"{VENUE}/-/Submission", f"{VENUE}/-/Post_Submission"],
             "readers": ["everyone"], "signatures": [f"{VENUE}/Submission{number}/Authors"], "version": 2, **extra}
    return {key: value for key, value in found.items() if value is not None}


ABSTRACT_12 = "We infer the shapes\nof galaxies with neural\tposterior estimation.\n \n\nThe code\tis public.\n"
NOTES = [
    note(12, "Neural posterior estimation of galaxy shapes", ["Zoë Ångström", "Ada Byron"],
         venue=f"{NAME} Oral", abstract=ABSTRACT_12, keywords=["Galaxies", "simulation-based inference",
                                                               "galaxies"]),
    note(5, "A rejected idea", ["Jane Doe"], f"{VENUE}/Rejected_Submission", f"Submitted to {NAME}"),
    note(7, "Equivariant emulators for cosmology", ["Émile Ärnberg", "Carl Friedrich Gauss"],
         abstract="Emulators that respect the symmetries of the sky.", keywords=["Cosmology"]),
    note(9, "Withdrawn before review", ["Richard Roe"], f"{VENUE}/Withdrawn_Submission",
         f"{NAME} Withdrawn Submission"),
    note(8, "Out of scope", ["Mallory Moe"], f"{VENUE}/Desk_Rejected_Submission",
         f"{NAME} Desk Rejected Submission"),
    note(3, "No", ["Henrietta Swan Leavitt"], venue=f"{NAME} Spotlight", pdf=None),
    note(10, "Still under review", ["Late Larry"], f"{VENUE}/Submission", f"{NAME} Submission"),
]
#: Never published: what only rejected, withdrawn or pending notes say, and the notes' private fields.
NOT_PUBLISHED = ["A rejected idea", "Withdrawn before review", "Out of scope", "Still under review", "Jane Doe",
                 "Richard Roe", "Mallory", "Larry", "@", "~Author", "Kept Out", "Sub5", "Sub9"]
EXPECTED = """\
# Accepted papers, imported from OpenReview with `sphinx-workshop import-openreview`.
# Edit freely: importing again adds new papers and leaves your edits alone (see CONTRIBUTING.md).
papers:
  - id: 12
    title: Neural posterior estimation of galaxy shapes
    authors:
      - Zoë Ångström
      - Ada Byron
    pdf: https://openreview.net/pdf?id=Sub12xYz
    spotlight: true
    keywords:
      - Galaxies
      - simulation-based inference
    abstract: |-
      We infer the shapes of galaxies with neural posterior estimation.

      The code is public.
  - id: 7
    title: Equivariant emulators for cosmology
    authors:
      - Émile Ärnberg
      - Carl Friedrich Gauss
    pdf: https://openreview.net/pdf?id=Sub7xYz
    keywords:
      - Cosmology
    abstract: |-
      Emulators that respect the symmetries of the sky.
  - id: 3
    title: "No"
    authors:
      - Henrietta Swan Leavitt
    spotlight: true
"""
ACCEPTED = f"3 notes accepted in {VENUE} (the venue id of most notes): 1 Oral, 1 Poster, 1 Spotlight"
SKIPPED = "skipped 4 notes: 1 Desk rejected, 1 Rejected, 1 Under review, 1 Withdrawn"
ADDED = ["added paper 12: Neural posterior estimation of galaxy shapes",
         "added paper 7: Equivariant emulators for cosmology", "added paper 3: No"]
WRITTEN = f"{PAPERS} written: 3 added, 0 updated, 0 removed, 0 left alone"


def api1(found: dict) -> dict:
    """The same note as API 1 gives it: plain values in ``content``."""
    return {**found, "content": {key: value["value"] for key, value in found["content"].items()}}


SHAPES = {
    "the API's answer": lambda notes: json.dumps({"notes": notes, "count": len(notes)}),
    "the API's answer, count first": lambda notes: json.dumps({"count": len(notes), "notes": notes}, indent=2),
    "a list (get_all_notes)": lambda notes: json.dumps(notes, indent=2, ensure_ascii=False),
    "a list on one line": lambda notes: json.dumps(notes),
    "one note per line": lambda notes: "\n".join(json.dumps(n, ensure_ascii=False) for n in notes) + "\n",
    "API 1 notes": lambda notes: json.dumps([api1(n) for n in notes], indent=1),
    "with a byte-order mark": lambda notes: "\ufeff" + json.dumps(notes, ensure_ascii=False),
}


@pytest.fixture
def site(tmp_path, monkeypatch) -> Path:
    """An empty project to import into, as the current folder (the command works from the project's root)."""
    (tmp_path / "conf.py").write_text('extensions = ["myst_parser", "sphinx_workshop"]\n')
    monkeypatch.chdir(tmp_path)
    return tmp_path


def save(site: Path, notes: list, shape: str = "the API's answer", name: str = "notes.json") -> str:
    (site / name).write_text(SHAPES[shape](notes), encoding="utf-8")
    return name


def run(capsys, *argv: str) -> tuple[int, str, str]:
    try:
        status = main(["import-openreview", *argv])
    except SystemExit as exit_:
        status = exit_.code
    out, err = capsys.readouterr()
    return status, out, err


def papers_file(site: Path) -> str:
    return (site / PAPERS).read_text(encoding="utf-8")


def snapshot(site: Path) -> dict[str, bytes]:
    """Every file of the project's program folder, to prove that nothing was written."""
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted((site / "program").rglob("*"))
            if p.is_file()} if (site / "program").exists() else {}


# --- Shapes of the file -----------------------------------------------------------------------------------

@pytest.mark.parametrize("shape", SHAPES)
def test_every_shape_gives_the_accepted_papers_only(site, capsys, shape):
    status, out, err = run(capsys, save(site, NOTES, shape))
    assert (status, err) == (0, "")
    assert out.splitlines() == [ACCEPTED, SKIPPED, *ADDED, WRITTEN]
    assert papers_file(site) == EXPECTED


def test_nothing_private_or_rejected_reaches_the_file_or_the_report(site, capsys):
    notes = [*NOTES, note(14, "Write to ada@example.org", ["Ada Byron ada@example.org"],
                          abstract="Data on request: ada@example.org.", keywords=["ada@example.org", "Data"])]
    status, out, err = run(capsys, save(site, notes))
    assert (status, err) == (0, "")
    written = papers_file(site)
    for private in NOT_PUBLISHED:
        assert private not in written and private not in out, private
    assert "title: Write to (e-mail address removed)" in written
    assert "Ada Byron (e-mail address removed)" in written
    for field in ("title", "authors", "abstract", "keywords"):
        assert (f"notes.json:1: note 8 (number 14, id 'Sub14xYz'): removed an e-mail address from "
                f"'content.{field}' (e-mail addresses are never published)") in out.splitlines()


def test_unicode_names_are_kept_composed(site, capsys):
    decomposed = unicodedata.normalize("NFD", "Zoë Ångström")
    authors = [decomposed, "Łukasz Żółć", "李雷", "Nguyễn Thị Minh Khai"]
    save(site, [note(1, "Søren's  Ωmega\tpaper", authors)], "a list (get_all_notes)")
    assert run(capsys, "notes.json")[0] == 0
    [paper] = load_papers(site / PAPERS, site).model.papers
    assert paper.authors == ["Zoë Ångström", "Łukasz Żółć", "李雷", "Nguyễn Thị Minh Khai"]
    assert paper.authors[0] == unicodedata.normalize("NFC", paper.authors[0])
    assert paper.title == "Søren's Ωmega paper"
    assert "Łukasz Żółć" in papers_file(site)  # written as text, not as \u escapes


def test_authors_as_profiles_give_their_full_names(site, capsys):
    authors = [{"fullname": "Ada Byron", "username": "~Ada_Byron1"}, {"fullname": "Vera Rubin", "username": ""}]
    save(site, [note(4, "T", authors)])
    assert run(capsys, "notes.json")[0] == 0
    assert load_papers(site / PAPERS, site).model.papers[0].authors == ["Ada Byron", "Vera Rubin"]
    assert "~Ada" not in papers_file(site)


def test_a_pdf_link_and_keywords_written_as_one_text(site, capsys):
    save(site, [note(4, "T", ["A B"], pdf="https://arxiv.org/pdf/2206.00001", keywords=None),
                note(5, "U", ["C D"], pdf="/attachment/abc.pdf", ident="with.dot")])
    notes = json.loads((site / "notes.json").read_text())
    notes["notes"][0]["content"]["keywords"] = {"value": "Cosmology, galaxies;  Deep learning"}
    (site / "notes.json").write_text(json.dumps(notes))
    assert run(capsys, "notes.json")[0] == 0
    first, second = load_papers(site / PAPERS, site).model.papers
    assert first.pdf == "https://arxiv.org/pdf/2206.00001"
    assert first.keywords == ["Cosmology", "galaxies", "Deep learning"]
    assert second.pdf == "https://openreview.net/attachment/abc.pdf"


# --- Which notes are accepted -----------------------------------------------------------------------------

def test_oral_and_spotlight_are_spotlights_poster_and_plain_accept_are_not(site, capsys):
    venues = {1: f"{NAME} Oral", 2: f"{NAME} spotlight", 3: f"{NAME} Poster", 4: NAME, 5: f"{NAME} Orals",
              6: f"{NAME} Coral Reefs"}
    save(site, [note(n, f"Paper {n}", ["A B"], venue=v) for n, v in venues.items()])
    status, out, _ = run(capsys, "notes.json")
    assert status == 0
    assert out.splitlines()[0] == (f"6 notes accepted in {VENUE} (the venue id of most notes): "
                                   "2 Oral, 2 accepted, 1 Poster, 1 Spotlight")
    spotlights = {p.id: p.spotlight for p in load_papers(site / PAPERS, site).model.papers}
    assert spotlights == {"1": True, "2": True, "3": False, "4": False, "5": True, "6": False}


def test_the_venue_id_is_the_one_of_most_notes_unless_named(site, capsys):
    other = "ICML.cc/2022/Workshop/Other"
    notes = [*NOTES, note(40, "Elsewhere", ["E F"], other), note(41, "Elsewhere too", ["G H"], other)]
    save(site, notes)
    status, out, _ = run(capsys, "notes.json", "--dry-run")
    assert status == 0
    assert out.splitlines()[1:3] == [
        f"3 notes accepted in {VENUE} (the venue id of most notes; also 2 '{other}': --venue-id chooses): "
        "1 Oral, 1 Poster, 1 Spotlight",
        "skipped 6 notes: 2 venue ICML.cc/2022/Workshop/Other, 1 Desk rejected, 1 Rejected, 1 Under review, "
        "1 Withdrawn"]
    status, out, _ = run(capsys, "notes.json", "--venue-id", other)
    assert status == 0
    assert out.splitlines()[0] == f"2 notes accepted in {other} (--venue-id): 2 Poster"
    assert [p.id for p in load_papers(site / PAPERS, site).model.papers] == ["40", "41"]


def test_a_venue_id_no_note_has_is_a_usage_error(site, capsys):
    save(site, NOTES)
    status, out, err = run(capsys, "notes.json", "--venue-id", "ICML.cc/2022/Workshop/ML4astro")
    assert (status, out) == (2, "")
    assert err == ("sphinx-workshop import-openreview: error: --venue-id 'ICML.cc/2022/Workshop/ML4astro': no note "
                   f"of notes.json has that venue id (the venue ids are: 3 '{VENUE}', 1 '{VENUE}/Rejected_Submission', "
                   f"1 '{VENUE}/Withdrawn_Submission', 1 '{VENUE}/Desk_Rejected_Submission', "
                   f"1 '{VENUE}/Submission')\n")
    assert not (site / "program").exists()


def test_many_venue_ids_are_listed_ten_at_most(site, capsys):
    save(site, [note(n, "T", ["A"], f"{VENUE}/Track{n}") for n in range(12)])
    status, _, err = run(capsys, "notes.json", "--venue-id", "X")
    assert status == 2
    assert err.endswith(f"1 '{VENUE}/Track9' and 2 more)\n")


def test_deleted_notes_and_notes_without_venue_id_are_counted_not_read(site, capsys):
    review = {"id": "Rev1", "number": 1, "content": {"rating": {"value": 4}, "review": {"value": "Fine."}}}
    deleted = note(7, "Gone", ["A"], ddate=1660000000000)
    save(site, [*NOTES[:1], review, deleted])
    status, out, _ = run(capsys, "notes.json")
    assert status == 0
    assert out.splitlines()[:2] == [f"1 note accepted in {VENUE} (the venue id of most notes): 1 Oral",
                                    "skipped 2 notes: 1 (no venue id), 1 Deleted"]
    assert "Fine." not in papers_file(site) and "Gone" not in papers_file(site)


def test_before_the_decisions_no_note_is_accepted(site, capsys):
    save(site, [note(1, "T", ["A"], f"{VENUE}/Submission"), note(2, "U", ["B"], f"{VENUE}/Withdrawn_Submission")])
    status, out, err = run(capsys, "notes.json")
    assert (status, out) == (1, "")
    assert err.splitlines()[0] == (
        f"notes.json: no note is accepted (the venue ids are: 1 '{VENUE}/Submission', "
        f"1 '{VENUE}/Withdrawn_Submission'); once the decisions are made, OpenReview gives accepted notes the "
        "venue's own id; --venue-id names it")


def test_rejected_notes_are_not_checked_but_accepted_ones_are(site, capsys):
    broken = note(5, None, None, f"{VENUE}/Rejected_Submission", pdf=None)
    status, _, err = run(capsys, save(site, [*NOTES[:1], broken]))
    assert (status, err) == (0, "")


def test_a_paper_withdrawn_after_acceptance_is_not_left_public_silently(site, capsys):
    save(site, NOTES)
    run(capsys, "notes.json")
    withdrawn = [note(7, n["content"]["title"]["value"], ["Émile Ärnberg"], f"{VENUE}/Withdrawn_Submission")
                 if n["number"] == 7 else n for n in NOTES]
    save(site, withdrawn)
    status, out, err = run(capsys, "notes.json")
    assert status == 0
    assert err == (f"warning: {PAPERS}:18: paper 7 is still listed, so it is still public, but its status is "
                   "'Withdrawn' in notes.json: remove it from the file, or import with --remove-missing\n")
    status, out, err = run(capsys, "notes.json", "--remove-missing")
    assert "removed paper 7: its status is 'Withdrawn'" in out
    assert [p.id for p in load_papers(site / PAPERS, site).model.papers] == ["12", "3"]


def test_update_or_skip_of_a_paper_that_is_not_imported(site, capsys):
    save(site, NOTES)
    status, _, err = run(capsys, "notes.json", "--update", "9")
    assert (status, err) == (2, "sphinx-workshop import-openreview: error: --update 9: paper 9 is not imported: its "
                                f"status is 'Withdrawn' (only the notes accepted in {VENUE} are imported)\n")
    status, out, _ = run(capsys, "notes.json", "--skip", "7")
    assert status == 0
    assert "skipped paper 7 (--skip)" in out
    assert [p.id for p in load_papers(site / PAPERS, site).model.papers] == ["12", "3"]


# --- Importing again ----------------------------------------------------------------------------------------

#: The imported file as organizers edit it: a name as she signs it, paper 12 no longer a spotlight,
#: paper 7's PDF in the repository and its presenter named, a comment, paper 3 no longer a spotlight.
HAND_EDITED = EXPECTED.replace(
    "      - Zoë Ångström\n", "      - Zoë Ångström-Ørsted  # as she signs\n").replace(
    "    pdf: https://openreview.net/pdf?id=Sub12xYz\n    spotlight: true\n",
    "    pdf: https://openreview.net/pdf?id=Sub12xYz\n").replace(
    "    pdf: https://openreview.net/pdf?id=Sub7xYz\n", "    presenter: Carl Friedrich Gauss\n    pdf: papers/7.pdf\n"
).replace('    title: "No"\n', '    title: "No"  # really\n').removesuffix("    spotlight: true\n")


def test_a_second_run_changes_nothing(site, capsys):
    save(site, NOTES)
    run(capsys, "notes.json")
    before = (site / PAPERS).stat().st_mtime_ns, papers_file(site)
    status, out, _ = run(capsys, "notes.json")
    assert status == 0
    assert out.splitlines() == [ACCEPTED, SKIPPED, f"{PAPERS}: nothing to change (3 papers)"]
    assert ((site / PAPERS).stat().st_mtime_ns, papers_file(site)) == before


def test_hand_edits_survive_a_new_import(site, capsys):
    save(site, NOTES)
    run(capsys, "notes.json")
    (site / "program/papers").mkdir()
    (site / "program/papers/7.pdf").write_bytes(b"%PDF-1.4\n")
    (site / PAPERS).write_text(HAND_EDITED, encoding="utf-8")
    save(site, [*NOTES, note(41, "Late but accepted", ["Vera Rubin"], venue=f"{NAME} Oral")])
    status, out, err = run(capsys, "notes.json")
    assert (status, err) == (0, "")
    assert papers_file(site) == HAND_EDITED + """\
  - id: 41
    title: Late but accepted
    authors:
      - Vera Rubin
    pdf: https://openreview.net/pdf?id=Sub41xYz
    spotlight: true
"""
    assert out.splitlines() == [
        ACCEPTED.replace("3 notes", "4 notes").replace("1 Oral", "2 Oral"), SKIPPED,
        "left alone paper 12: authors 'Zoë Ångström-Ørsted; Ada Byron' in the file, "
        "'Zoë Ångström; Ada Byron' in the export (--update 12 takes the export's)",
        "left alone paper 12: spotlight false in the file, true in the export (--update 12 takes the export's)",
        "left alone paper 7: pdf 'papers/7.pdf' in the file, 'https://openreview.net/pdf?id=Sub7xYz' in the export "
        "(--update 7 takes the export's)",
        "left alone paper 3: spotlight false in the file, true in the export (--update 3 takes the export's)",
        "added paper 41: Late but accepted",
        f"{PAPERS} written: 1 added, 0 updated, 0 removed, 3 left alone",
    ]
    status, out, _ = run(capsys, "notes.json")
    assert f"{PAPERS}: nothing to change (4 papers)" in out


def test_update_takes_the_notes_values_pdf_and_spotlight_included(site, capsys):
    save(site, NOTES)
    run(capsys, "notes.json")
    (site / PAPERS).write_text(HAND_EDITED.replace("    pdf: papers/7.pdf\n", ""), encoding="utf-8")
    posters = [note(12, "Neural posterior estimation of galaxy shapes", ["Zoë Ångström", "Ada Byron"]),
               note(3, "No", ["Henrietta Swan Leavitt"], venue=f"{NAME} Spotlight", pdf=None,
                    abstract="Leavitt's law, learned.", keywords=["Cepheids"])]
    save(site, [*posters, *NOTES[1:2]])
    status, out, _ = run(capsys, "notes.json", "--update", "12", "--update", "3")
    assert status == 0
    assert "updated paper 12 from the export: authors, keywords, abstract" in out
    assert "updated paper 3 from the export: keywords, abstract, spotlight" in out
    papers = {p.id: p for p in load_papers(site / PAPERS, site).model.papers}
    assert papers["12"].authors == ["Zoë Ångström", "Ada Byron"]
    assert (papers["12"].spotlight, papers["12"].abstract, papers["12"].keywords) == (False, None, [])
    assert papers["3"].spotlight is True
    assert papers["7"].presenter == "Carl Friedrich Gauss"  # not a field the notes give
    assert "kept paper 7: not in the export (--remove-missing removes it)" in out
    assert '    title: "No"  # really\n' in papers_file(site)


def test_an_existing_site_file_keeps_its_comments_and_announcement(site, capsys):
    (site / "program").mkdir()
    original = "# Accepted papers.\nannouncement: 2022-06-10\npapers: []\n"
    (site / PAPERS).write_text(original, encoding="utf-8")
    assert run(capsys, save(site, NOTES))[0] == 0
    assert papers_file(site) == original.replace("papers: []\n", "") + EXPECTED.split("\n", 2)[2]


# --- Problems -------------------------------------------------------------------------------------------------

def edited(notes: list, number: int, change) -> list:
    """The notes with one note changed by ``change(note)``."""
    copies = json.loads(json.dumps(notes))
    change(next(n for n in copies if n.get("number") == number))
    return copies


def text_of(site: Path, text: str) -> None:
    (site / "notes.json").write_text(text, encoding="utf-8")


def without(*path: str):
    def change(found: dict) -> None:
        *parents, last = path
        for key in parents:
            found = found[key]
        del found[last]
    return change


WHERE = "notes.json:{line}: note {index} (number {number}, id 'Sub{number}xYz')"
BAD_NOTES = {
    "a note without title": (
        lambda site: save(site, edited(NOTES, 7, without("content", "title")), "a list (get_all_notes)"),
        [WHERE.format(line=102, index=3, number=7) + ": no title ('content.title')"]),
    "an empty title and a title that is no text": (
        lambda site: save(site, edited(edited(NOTES, 7, lambda n: n["content"]["title"].update(value="  ")), 3,
                                       lambda n: n["content"]["title"].update(value=["No"]))),
        [WHERE.format(line=1, index=3, number=7) + ": no title ('content.title')",
         WHERE.format(line=1, index=6, number=3) + ": 'content.title' must be text, not a list"]),
    "a hidden title": (
        lambda site: save(site, edited(NOTES, 7, lambda n: n["content"].update(title={"readers": [VENUE]}))),
        [WHERE.format(line=1, index=3, number=7) + ": 'content.title' is hidden from whoever downloaded the notes: "
         "download them signed in as a program chair"]),
    "hidden authors": (
        lambda site: save(site, edited(NOTES, 7, lambda n: n["content"].update(authors={"readers": [VENUE]}))),
        [WHERE.format(line=1, index=3, number=7) + ": no authors ('content.authors'): in an anonymous venue, the "
         "authors are hidden from whoever downloaded the notes: download them signed in as a program chair, or once "
         "OpenReview shows the authors of accepted papers"]),
    "an author that is no name": (
        lambda site: save(site, edited(NOTES, 7, lambda n: n["content"]["authors"].update(value=["A B", 3, {}]))),
        [WHERE.format(line=1, index=3, number=7) + ": 'content.authors' item 2 is not a name (a number)",
         WHERE.format(line=1, index=3, number=7) + ": 'content.authors' item 3 is not a name (no fullname)"]),
    "authors as one text": (
        lambda site: save(site, edited(NOTES, 7, lambda n: n["content"]["authors"].update(value="A B, C D"))),
        [WHERE.format(line=1, index=3, number=7) + ": 'content.authors' must be a list of names, not a text"]),
    "no number": (
        lambda site: save(site, edited(NOTES, 7, without("number")), "one note per line"),
        ["notes.json:3: note 3 (id 'Sub7xYz'): no 'number' (the submission number, which becomes the paper's id): "
         "save the notes as OpenReview's API returns them (see CONTRIBUTING.md, \"Import accepted papers from "
         "OpenReview\"); openreview-py's to_json() leaves it out"]),
    "a note listed twice": (
        lambda site: save(site, [*NOTES, NOTES[2]], "one note per line"),
        [WHERE.format(line=8, index=8, number=7) + ": is listed twice (first as note 3, line 3)"]),
    "two notes with one number": (
        lambda site: save(site, [*NOTES, note(7, "Another", ["X Y"], ident="Other7")], "one note per line"),
        ["notes.json:8: note 8 (number 7, id 'Other7'): number 7 is also the number of note 3 (line 3): each "
         "submission has its own number"]),
    "a title too long": (
        lambda site: save(site, edited(NOTES, 7, lambda n: n["content"]["title"].update(value="x" * 301))),
        [WHERE.format(line=1, index=3, number=7) + ": 'title' is too long: at most 300 characters"]),
    "a keyword too long": (
        lambda site: save(site, edited(NOTES, 7, lambda n: n["content"]["keywords"].update(value=["ok", "k" * 151]))),
        [WHERE.format(line=1, index=3, number=7) + ": 'keywords' item 2 is too long: at most 150 characters"]),
    "keywords that are no texts": (
        lambda site: save(site, edited(NOTES, 7, lambda n: n["content"]["keywords"].update(value=["ok", 2]))),
        [WHERE.format(line=1, index=3, number=7) + ": 'content.keywords' item 2 is not a text (a number)"]),
    "keywords that are no list": (
        lambda site: save(site, edited(NOTES, 7, lambda n: n["content"]["keywords"].update(value={"a": 1}))),
        [WHERE.format(line=1, index=3, number=7) + ": 'content.keywords' must be a list of texts, not an object"]),
    "a pdf that is neither a path nor a link": (
        lambda site: save(site, edited(NOTES, 7, lambda n: n["content"]["pdf"].update(value="paper.pdf"))),
        [WHERE.format(line=1, index=3, number=7) + ": 'content.pdf' 'paper.pdf' is neither OpenReview's path of "
         "a PDF (/pdf/...) nor a link"]),
    "a note that is no note": (
        lambda site: save(site, [*NOTES[:2], "Sub7xYz"], "a list (get_all_notes)"),
        ["notes.json:102: note 3: is not a note (an object with 'id', 'number' and 'content'), but a text"]),
    "a note without content": (
        lambda site: save(site, edited(NOTES, 7, without("content"))),
        [WHERE.format(line=1, index=3, number=7) + ": has no 'content' (the note's fields): save the notes as "
         "OpenReview's API returns them (see CONTRIBUTING.md, \"Import accepted papers from OpenReview\")"]),
    "no venue ids": (
        lambda site: save(site, [{**n, "content": {k: v for k, v in n["content"].items() if k != "venueid"}}
                                 for n in NOTES]),
        ["notes.json: no note has a 'content.venueid', so none can be told accepted: these are not a venue's "
         "submissions (reviews, or an old venue that OpenReview gives no venue ids); save the notes as OpenReview's "
         "API returns them (see CONTRIBUTING.md, \"Import accepted papers from OpenReview\")"]),
    "no notes": (
        lambda site: save(site, []),
        ["notes.json:1: lists no notes: save the notes as OpenReview's API returns them (see CONTRIBUTING.md, "
         "\"Import accepted papers from OpenReview\")"]),
    "notes that are no list": (
        lambda site: text_of(site, '{"notes": {"id": "x"}, "count": 1}'),
        ["notes.json:1: 'notes' is an object, not a list of notes: save the notes as OpenReview's API returns them "
         "(see CONTRIBUTING.md, \"Import accepted papers from OpenReview\")"]),
    "an error OpenReview answered": (
        lambda site: text_of(site, '{"name": "ForbiddenError", "message": "Forbidden", "status": 403}'),
        ["notes.json:1: is an error OpenReview answered, not notes: 'Forbidden'; save the notes as OpenReview's API "
         "returns them (see CONTRIBUTING.md, \"Import accepted papers from OpenReview\")"]),
    "another object": (
        lambda site: text_of(site, '{"groups": [], "count": 0}'),
        ["notes.json:1: has no 'notes' (its keys are: 'groups', 'count'): save the notes as OpenReview's API returns "
         "them (see CONTRIBUTING.md, \"Import accepted papers from OpenReview\")"]),
}
BAD_FILES = {
    "a missing comma": (
        '[\n  {"id": "a", "number": 1}\n  {"id": "b", "number": 2}\n]\n',
        "notes.json:3: not valid JSON, at line 3, column 3: a comma is missing between two values (or a bracket "
        "or brace is not closed)"),
    "a trailing comma in a list": (
        '[\n  {"id": "a", "number": 1},\n]\n',
        "notes.json:3: not valid JSON, at line 3, column 1: a value is missing here (a comma before a closing "
        "bracket, or text that is not JSON)"),
    "a trailing comma in an object": (
        '{"notes": [{"id": "a",}]}',
        "notes.json:1: not valid JSON, at line 1, column 23: a key in double quotes is expected here (a comma before "
        "a closing brace, or a key in single quotes)"),
    "a missing colon": (
        '{"notes" []}', "notes.json:1: not valid JSON, at line 1, column 10: a colon is missing after a key"),
    "a file cut short": (
        '{"notes": [\n  {"id": "a", "number": 1,\n', "notes.json:3: not valid JSON, at line 3, column 1: the file "
        "ends in the middle of the JSON: it was cut short (download it again)"),
    "a text not closed": (
        '[{"id": "a}]', "notes.json:1: not valid JSON, at line 1, column 9: a text that starts here has no closing "
        "double quote (or the file is cut short)"),
    "a line break inside a text": (
        '[{"id": "a\nb"}]', "notes.json:1: not valid JSON, at line 1, column 11: a line break or a tab inside a text "
        "(JSON writes them \\n and \\t)"),
    "a backslash": (
        '[{"id": "a\\qb"}]', "notes.json:1: not valid JSON, at line 1, column 11: a backslash that starts no JSON "
        "escape (a backslash is written \\\\)"),
    "a broken \\u escape": (
        '[{"id": "a\\u12"}]', "notes.json:1: not valid JSON, at line 1, column 12: a \\u escape needs four "
        "hexadecimal digits"),
    "two downloads in one file": (
        '{"notes": [], "count": 0}\n{"notes": [], "count": 0}\n', "notes.json:2: not valid JSON, at line 2, "
        "column 1: more text after the end of the JSON (two downloads in one file?)"),
    "single quotes": (
        "[{'id': 'a', 'number': 1}]", "notes.json:1: is Python's print() of the notes, not JSON: save them with "
        "json.dump (see CONTRIBUTING.md, \"Import accepted papers from OpenReview\")"),
    "notes printed by Python": (
        "[Note(id='a', number=1, content={})]", "notes.json:1: is Python's print() of the notes, not JSON: save "
        "them with json.dump (see CONTRIBUTING.md, \"Import accepted papers from OpenReview\")"),
    "a web page": (
        "<!DOCTYPE html><html><body>Login</body></html>", "notes.json: is a web page, not OpenReview's notes "
        "(a login or error page saved by the browser?): save the notes as OpenReview's API returns them "
        "(see CONTRIBUTING.md, \"Import accepted papers from OpenReview\")"),
    "nested far too deeply": (
        "[" * 100_000 + "]" * 100_000, "notes.json: is nested far too deeply to be OpenReview's notes: save the "
        "notes as OpenReview's API returns them (see CONTRIBUTING.md, \"Import accepted papers from OpenReview\")"),
    "an empty file": (
        " \n", "notes.json:1: the file is empty: save the notes as OpenReview's API returns them (see "
        "CONTRIBUTING.md, \"Import accepted papers from OpenReview\")"),
}
BAD_BYTES = {
    "not UTF-8": (
        '[{"id": "a", "content": {"title": {"value": "Zoë"}}}]'.encode("cp1252"),
        "notes.json:1: not UTF-8 text: save the notes again with open(name, 'w', encoding='utf-8') (Windows "
        "writes another encoding by default)"),
    "a PDF": (b"%PDF-1.4\n", "notes.json: is a PDF file, not OpenReview's notes: save the notes as OpenReview's API "
                             "returns them (see CONTRIBUTING.md, \"Import accepted papers from OpenReview\")"),
    "a zip": (b"PK\x03\x04rest", "notes.json: is a zip archive, not OpenReview's notes: save the notes as "
                                 "OpenReview's API returns them (see CONTRIBUTING.md, \"Import accepted papers from "
                                 "OpenReview\")"),
}


def bad_cases() -> dict:
    cases = dict(BAD_NOTES)
    cases.update({name: (lambda site, text=text: text_of(site, text), [message])
                  for name, (text, message) in BAD_FILES.items()})
    cases.update({name: (lambda site, raw=raw: (site / "notes.json").write_bytes(raw), [message])
                  for name, (raw, message) in BAD_BYTES.items()})
    cases["no file"] = (lambda site: None, ["notes.json: file not found"])
    cases["a folder"] = (lambda site: (site / "notes.json").mkdir(),
                         ["notes.json: is a folder, not the file of OpenReview notes"])
    return cases


BAD = bad_cases()


@pytest.mark.parametrize("case", BAD)
def test_bad_notes_name_file_line_and_note_and_write_nothing(site, capsys, case):
    make, expected = BAD[case]
    save(site, NOTES[:1])
    run(capsys, "notes.json")
    before = snapshot(site)
    (site / "notes.json").unlink()
    make(site)
    status, out, err = run(capsys, "notes.json")
    assert err.splitlines() == [*expected, "sphinx-workshop import-openreview: nothing was written"]
    assert (status, out) == (1, "")
    assert snapshot(site) == before


def test_a_file_far_too_large(site, capsys, monkeypatch):
    from sphinx_workshop.cli import openreview

    monkeypatch.setattr(openreview, "MAX_NOTES_BYTES", 10)
    save(site, NOTES)
    status, _, err = run(capsys, "notes.json")
    assert status == 1
    assert re.match(r"notes\.json: is [\d,]+ bytes, far larger than any venue's notes \(at most 10\): check that "
                    r"the right file is named\n", err)


def test_the_final_check_guards_the_file_and_names_it(site, capsys, monkeypatch):
    monkeypatch.setattr(papers_import, "_text", lambda value: value)  # the title "No" unquoted: false to the build
    status, _, err = run(capsys, save(site, NOTES))
    assert status == 1
    assert err.splitlines()[0] == (f"{PAPERS}:29: paper 3: 'title' must be text, not true/false (put it in quotes)")
    assert not (site / "program").exists()


def test_a_failure_half_way_leaves_the_file_as_it_was(site, capsys, monkeypatch):
    save(site, NOTES[:1])
    run(capsys, "notes.json")
    before = snapshot(site)

    def fail(temp, output, root):
        raise DataError([f"{PAPERS}:1: a problem found by the final check"])

    monkeypatch.setattr(papers_import, "_validate", fail)
    status, _, err = run(capsys, save(site, NOTES))
    assert err.splitlines() == [f"{PAPERS}:1: a problem found by the final check",
                                "sphinx-workshop import-openreview: nothing was written"]
    assert status == 1
    assert snapshot(site) == before
    assert [p.name for p in (site / "program").iterdir()] == ["papers.yaml"]


def test_an_invalid_papers_file_is_reported_and_left_as_it_is(site, capsys):
    (site / "program").mkdir()
    (site / PAPERS).write_text("papers:\n  - id: 12\n    titel: T\n    authors: [A]\n")
    before = snapshot(site)
    status, _, err = run(capsys, save(site, NOTES))
    assert status == 1
    assert "program/papers.yaml:3: paper 1: unknown field 'titel' (did you mean 'title'?)" in err.splitlines()
    assert snapshot(site) == before


def test_usage_errors_exit_2(site, capsys, monkeypatch):
    save(site, NOTES)
    status, _, err = run(capsys, "notes.json", "--update", "99")
    assert (status, err) == (2, "sphinx-workshop import-openreview: error: --update 99: the export has no paper 99\n")
    status, _, err = run(capsys, "notes.json", "--skip", "99")
    assert (status, err) == (2, "sphinx-workshop import-openreview: error: --skip 99: the export has no paper 99\n")
    assert run(capsys)[0] == 2
    assert run(capsys, "notes.json", "--camera-ready", "x.zip")[0] == 2
    (site / "drafts").mkdir()
    monkeypatch.chdir(site / "drafts")
    status, out, err = run(capsys, "../notes.json")
    assert (status, out) == (2, "")
    assert err == ("sphinx-workshop import-openreview: error: program/papers.yaml does not exist here and this folder "
                   "has no conf.py: run the command from the site's folder (the one with conf.py), or name the papers "
                   "file with -o FILE\n")
    assert not (site / "program").exists() and list((site / "drafts").iterdir()) == []


def test_dry_run_writes_nothing(site, capsys):
    status, out, _ = run(capsys, save(site, NOTES), "--dry-run")
    assert status == 0
    assert out.splitlines() == ["dry run: nothing is written", ACCEPTED, SKIPPED, *ADDED,
                                f"{PAPERS} would be written (dry run): 3 added, 0 updated, 0 removed, 0 left alone"]
    assert not (site / "program").exists()


# --- The messages as CONTRIBUTING.md lists them -------------------------------------------------------------

def documented_messages() -> list[str]:
    """The messages (code spans of the first cells) of the table of import-openreview's messages."""
    text = (PROJECT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    section = text.split("### Import accepted papers from OpenReview", 1)[1].split("\n## ", 1)[0]
    table = section.split("| message |", 1)[1].split("\n\n", 1)[0]
    return [span for line in table.splitlines()[2:] for span in re.findall(r"`([^`]+)`", line.split(" | ")[0])]


def message_pattern(fragment: str) -> re.Pattern[str]:
    """A row's message: '…' is any text, a quoted value any quoted value, a number (300,000,000) any number."""
    parts = re.split(r"( ?\u2026|'[^']*'|\d[\d,]*\d|\d)", fragment)
    return re.compile("".join(".*?" if part.strip() == "\u2026" else "'[^']*'" if part.startswith("'") and len(part) > 1
                              else r"\d[\d,]*" if part[:1].isdigit() else re.escape(part) for part in parts))


def produced_messages(site: Path, capsys, monkeypatch) -> list[str]:
    """Every message the command gives, as its cases here produce them (without the command's name)."""
    from sphinx_workshop.cli import openreview

    messages = [m for _, expected in BAD.values() for m in expected]

    def error(*argv: str) -> str:
        return run(capsys, *argv)[2].splitlines()[0].removeprefix("sphinx-workshop import-openreview: ")

    save(site, [*NOTES, note(14, "T", ["A B"], abstract="Write to ada@example.org")])
    messages += [line for line in run(capsys, "notes.json", "--dry-run")[1].splitlines() if "removed an e-mail" in line]
    messages += [error("notes.json", *argv) for argv in (["--venue-id", "X"], ["--update", "9"], ["--update", "99"],
                                                         ["--skip", "99"])]
    with monkeypatch.context() as patch:
        patch.setattr(openreview, "MAX_NOTES_BYTES", 10)
        messages.append(error("notes.json"))
    save(site, [note(1, "T", ["A"], f"{VENUE}/Submission")])
    messages.append(error("notes.json"))
    save(site, NOTES)
    run(capsys, "notes.json")
    save(site, [n for n in NOTES if n["number"] != 7] + [note(7, "T", ["A"], f"{VENUE}/Withdrawn_Submission")])
    messages.append(error("notes.json"))
    (site / PAPERS).write_text("papers:\n  - id: 12\n    titel: T\n    authors: [A]\n")
    messages.append(error("notes.json"))
    (site / "drafts").mkdir()
    with monkeypatch.context() as patch:
        patch.chdir(site / "drafts")
        messages.append(error("../notes.json"))
    return messages


def test_contributing_lists_every_message_and_no_other(site, capsys, monkeypatch):
    messages = produced_messages(site, capsys, monkeypatch)
    patterns = [message_pattern(fragment) for fragment in documented_messages()]
    assert len(patterns) > 40
    assert [m for m in messages if not any(p.search(m) for p in patterns)] == []
    assert [p.pattern for p in patterns if not any(p.search(m) for m in messages)] == []


# --- The site ---------------------------------------------------------------------------------------------------

def test_help_describes_the_shapes_the_options_and_the_exit_status(capsys):
    with pytest.raises(SystemExit):
        main(["import-openreview", "--help"])
    text = capsys.readouterr().out
    for part in ("--venue-id", "--update", "--skip", "--remove-missing", "--dry-run", '{"notes": [...]}',
                 "api2.openreview.net/notes?content.venueid=", "Withdrawn_Submission", "exit status:"):
        assert part in text, part


def test_the_imported_notes_on_the_papers_page(tmp_path, capsys, monkeypatch):
    """The site's papers file, imported into: the page links the new papers to OpenReview and marks the orals."""
    root = copy_root("site", tmp_path / "site")
    monkeypatch.chdir(root)
    notes = [*NOTES, note(41, "Transients with transformers", ["Vera Rubin"], venue=f"{NAME} Oral",
                          ident="Tr41Abc"),
             note(12, "Neural posterior estimation of galaxy shapes", ["Zoë Ångström", "Ada Byron"], ident="Nx12")]
    save(root, [n for n in notes if n["number"] not in (12, 7, 3)] + notes[-1:], "a list (get_all_notes)")
    status, out, err = run(capsys, "notes.json")
    assert (status, err) == (0, "")
    assert "added paper 41: Transients with transformers" in out
    assert "left alone paper 12: pdf 'pdfs/12.pdf' in the file" in out
    status, warnings = cli_build(root)
    assert (status, warnings) == (0, "")
    page = soup_of(root / "_build/html/program/papers.html")
    item = page.select_one("#paper-41")
    assert item.select_one("a.ws-paper-title")["href"] == "https://openreview.net/pdf?id=Tr41Abc"
    assert item.select_one(".ws-badge").get_text() == "Spotlight talk"
    assert page.select_one("#paper-12 a.ws-paper-title")["href"].endswith("12.pdf")  # the file's own PDF
    html = "\n".join(p.read_text(encoding="utf-8") for p in (root / "_build/html").rglob("*.html"))
    for private in ["A rejected idea", "Withdrawn before review", "Out of scope", "Still under review",
                    "@uni.example.org", "~Author"]:
        assert private not in html


def test_a_new_site_takes_the_notes_and_keeps_its_comments(tmp_path, capsys, monkeypatch):
    assert main(["new", str(tmp_path / "site"), "--date", "2026-06-15"]) == 0
    monkeypatch.chdir(tmp_path / "site")
    before = papers_file(tmp_path / "site")
    status, out, err = run(capsys, save(tmp_path / "site", NOTES))
    assert (status, err) == (0, "")
    assert papers_file(tmp_path / "site") == before.replace("papers: []\n", "") + EXPECTED.split("\n", 2)[2]
    assert main(["check", "-q"]) == 0
    assert capsys.readouterr().out == ""
