"""``sphinx-workshop import-cmt``: CMT's Papers.txt export into the papers file, again and again.

Every export here is written by the test; none is a real one.
"""

from __future__ import annotations

import codecs
import os
from pathlib import Path

import pytest
import yaml

from sphinx_workshop.cli import importing as papers_import
from sphinx_workshop.cli.cmt import parse_authors, person_name
from sphinx_workshop.cli.main import main
from sphinx_workshop.data.loading import load_papers
from sphinx_workshop.data.reading import DataError

HEADER = ["Paper ID", "Paper Title", "Abstract", "Author Names", "Author Emails", "Track Name"]
ROWS = [
    ["12", "Neural posterior estimation of galaxy shapes", "We infer.", "Ångström, Zoë; Byron, Ada*;",
     "z@example.org; a@example.org", "Main"],
    ["7", "Equivariant emulators for cosmology", "", "Ärnberg, Émile*; Gauss, Carl Friedrich", "", "Main"],
    ["3", "No", "A title YAML would read as false.", "Leavitt, Henrietta Swan", "", "Main"],
]
PAPERS = "program/papers.yaml"
EXPECTED = """\
# Accepted papers, imported from CMT with `sphinx-workshop import-cmt`.
# Edit freely: importing again adds new papers and leaves your edits alone (see CONTRIBUTING.md).
papers:
  - id: 12
    title: Neural posterior estimation of galaxy shapes
    authors:
      - Zoë Ångström
      - Ada Byron
    presenter: Ada Byron
  - id: 7
    title: Equivariant emulators for cosmology
    authors:
      - Émile Ärnberg
      - Carl Friedrich Gauss
    presenter: Émile Ärnberg
  - id: 3
    title: "No"
    authors:
      - Henrietta Swan Leavitt
"""
ENCODINGS = {
    "utf-8": lambda text: text.encode("utf-8"),
    "utf-8 with BOM": lambda text: codecs.BOM_UTF8 + text.encode("utf-8"),
    "utf-16 (CMT, Excel)": lambda text: text.encode("utf-16"),
    "utf-16-le without BOM": lambda text: text.encode("utf-16-le"),
    "utf-16-be with BOM": lambda text: codecs.BOM_UTF16_BE + text.encode("utf-16-be"),
    "utf-16-be without BOM": lambda text: text.encode("utf-16-be"),
}
PDF = b"%PDF-1.4\n% a camera-ready test file\n"


def tsv(rows: list[list[str]], header: list[str] = HEADER, newline: str = "\r\n") -> str:
    return "".join("\t".join(row) + newline for row in [header, *rows])


@pytest.fixture
def site(tmp_path, monkeypatch) -> Path:
    """An empty project to import into, as the current folder (the command works from the project's root)."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def export(site: Path, rows: list[list[str]] = ROWS, name: str = "Papers.txt", encode=ENCODINGS["utf-16 (CMT, Excel)"],
           **options) -> Path:
    path = site / name
    path.write_bytes(encode(tsv(rows, **options)))
    return path


def run(capsys, *argv: str) -> tuple[int, str, str]:
    try:
        status = main(["import-cmt", *argv])
    except SystemExit as exit_:
        status = exit_.code
    out, err = capsys.readouterr()
    return status, out, err


def papers_file(site: Path) -> str:
    return (site / PAPERS).read_text(encoding="utf-8")


def snapshot(site: Path) -> dict[str, bytes]:
    """Every file of the project but the exports and camera-ready sources, to prove that nothing was written."""
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted((site / "program").rglob("*"))
            if p.is_file()} if (site / "program").exists() else {}


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_every_encoding_gives_the_same_papers_file(site, capsys, encoding):
    export(site, encode=ENCODINGS[encoding])
    status, out, err = run(capsys, "Papers.txt")
    assert (status, err) == (0, "")
    assert papers_file(site) == EXPECTED
    assert out.splitlines()[:3] == ["added paper 12: Neural posterior estimation of galaxy shapes",
                                    "added paper 7: Equivariant emulators for cosmology", "added paper 3: No"]
    assert f"{PAPERS} written: 3 added" in out
    assert [p.presenting for p in load_papers(site / PAPERS, site).model.papers] == [
        "Ada Byron", "Émile Ärnberg", "Henrietta Swan Leavitt"]


def test_unix_newlines_and_quoted_fields(site, capsys):
    rows = [["5", '"A title with a ""quote"" and a\ttab"', "", "Curie, Marie*", "", ""]]
    export(site, rows, encode=ENCODINGS["utf-8"], newline="\n")
    assert run(capsys, "Papers.txt")[0] == 0
    [paper] = load_papers(site / PAPERS, site).model.papers
    assert paper.title == 'A title with a "quote" and a tab'


def test_author_names():
    assert person_name("Gauss, Carl Friedrich") == "Carl Friedrich Gauss"
    assert person_name("van der Berg, Jan") == "Jan van der Berg"
    assert person_name("King, Jr., Martin Luther") == "Martin Luther King Jr."
    assert person_name("Hypatia") == "Hypatia"
    assert parse_authors("Lovelace, Ada*; Gauss, Carl Friedrich;") == (["Ada Lovelace", "Carl Friedrich Gauss"],
                                                                        ["Ada Lovelace"])
    assert parse_authors(" Lovelace ,  Ada  * ;;") == (["Ada Lovelace"], ["Ada Lovelace"])


def test_two_presenters_marked_keeps_the_first_and_says_so(site, capsys):
    export(site, [["5", "T", "", "Curie, Marie*; Curie, Pierre*", "", ""]])
    status, out, _ = run(capsys, "Papers.txt")
    assert status == 0
    assert "Papers.txt:2: paper 5: several authors are marked with '*' (Marie Curie, Pierre Curie); " \
           "the first, Marie Curie, presents" in out
    assert "presenter: Marie Curie" in papers_file(site)


def test_a_second_run_changes_nothing(site, capsys):
    export(site)
    run(capsys, "Papers.txt")
    before = (site / PAPERS).stat().st_mtime_ns, papers_file(site)
    status, out, _ = run(capsys, "Papers.txt")
    assert status == 0
    assert out == f"{PAPERS}: nothing to change (3 papers)\n"
    assert ((site / PAPERS).stat().st_mtime_ns, papers_file(site)) == before


HAND_EDITED = EXPECTED.replace(
    "      - Zoë Ångström\n", "      - Zoë Ångström-Ørsted  # as she signs\n").replace(
    "title: Equivariant emulators for cosmology\n", "title: Equivariant Emulators for Cosmology\n").replace(
    "    presenter: Ada Byron\n", "    presenter: Ada Byron\n    pdf: https://arxiv.org/pdf/2206.00001\n"
                                 "    spotlight: true\n")


def test_hand_edits_survive_a_new_export(site, capsys):
    export(site)
    run(capsys, "Papers.txt")
    (site / PAPERS).write_text(HAND_EDITED, encoding="utf-8")
    export(site, [*ROWS, ["41", "Late but accepted", "", "Rubin, Vera*", "", ""]])
    status, out, _ = run(capsys, "Papers.txt")
    assert status == 0
    assert papers_file(site) == HAND_EDITED + """\
  - id: 41
    title: Late but accepted
    authors:
      - Vera Rubin
    presenter: Vera Rubin
"""
    assert out.splitlines() == [
        "left alone paper 12: authors 'Zoë Ångström-Ørsted; Ada Byron' in the file, "
        "'Zoë Ångström; Ada Byron' in the export (--update 12 takes the export's)",
        "left alone paper 7: title 'Equivariant Emulators for Cosmology' in the file, "
        "'Equivariant emulators for cosmology' in the export (--update 7 takes the export's)",
        "added paper 41: Late but accepted",
        f"{PAPERS} written: 1 added, 0 updated, 0 removed, 2 left alone, 0 PDFs",
    ]
    status, out, _ = run(capsys, "Papers.txt")
    assert f"{PAPERS}: nothing to change (4 papers)" in out


def test_update_takes_the_exports_values_for_one_paper(site, capsys):
    (site / "program").mkdir()
    (site / PAPERS).write_text("""\
papers:
  - id: "7"  # moved to the morning session
    title: Old title
    authors: [Émile Ärnberg, C. F. Gauss]
    presenter: C. F. Gauss
    spotlight: true
  - id: 12
    title: Kept title
    authors: [Zoë Ångström, Ada Byron]
""", encoding="utf-8")
    export(site)
    status, out, _ = run(capsys, "Papers.txt", "--update", "7")
    assert status == 0
    assert "updated paper 7 from the export: title, authors, presenter" in out
    assert papers_file(site).startswith("""\
papers:
  - id: "7"  # moved to the morning session
    title: Equivariant emulators for cosmology
    authors: [Émile Ärnberg, Carl Friedrich Gauss]
    presenter: Émile Ärnberg
    spotlight: true
  - id: 12
    title: Kept title
""")
    assert "left alone paper 12: title 'Kept title'" in out


def test_update_all_and_a_presenter_no_longer_marked(site, capsys):
    export(site)
    run(capsys, "Papers.txt")
    rows = [[*row[:3], row[3].replace("*", ""), *row[4:]] for row in ROWS]
    export(site, rows)
    status, out, _ = run(capsys, "Papers.txt", "--update-all")
    assert status == 0
    assert "presenter: Ada Byron" not in papers_file(site)
    assert "updated paper 12 from the export: presenter" in out
    assert "updated paper 7" not in out  # the first author, who presents without a mark, was marked already


def test_a_paper_gone_from_the_export_is_kept_unless_asked(site, capsys):
    export(site)
    run(capsys, "Papers.txt")
    export(site, ROWS[:2])
    status, out, _ = run(capsys, "Papers.txt")
    assert status == 0
    assert out.splitlines() == ["kept paper 3: not in the export (--remove-missing removes it)",
                                f"{PAPERS}: nothing to change (3 papers)"]
    status, out, _ = run(capsys, "Papers.txt", "--remove-missing", "--dry-run")
    assert out.splitlines() == ["dry run: nothing is written", "removed paper 3: not in the export",
                                f"{PAPERS} would be written (dry run): "
                                "0 added, 0 updated, 1 removed, 0 left alone, 0 PDFs"]
    assert "id: 3" in papers_file(site)
    status, out, _ = run(capsys, "Papers.txt", "--remove-missing")
    assert "id: 3" not in papers_file(site)


def test_skip_leaves_a_withdrawn_paper_out(site, capsys):
    export(site)
    status, out, _ = run(capsys, "Papers.txt", "--skip", "7")
    assert status == 0
    assert "skipped paper 7 (--skip)" in out
    assert [p.id for p in load_papers(site / PAPERS, site).model.papers] == ["12", "3"]


def test_an_existing_site_file_keeps_its_comments_and_announcement(site, capsys):
    (site / "program").mkdir()
    original = "# Accepted papers.\n# See CONTRIBUTING.md.\nannouncement: 2022-06-10\npapers: []\n"
    (site / PAPERS).write_text(original, encoding="utf-8")
    export(site)
    assert run(capsys, "Papers.txt")[0] == 0
    assert papers_file(site) == original.replace("papers: []\n", "") + EXPECTED.split("\n", 2)[2]


def test_camera_ready_pdfs_in_both_layouts(site, capsys):
    export(site)
    (site / "cr" / "7" / "CameraReady").mkdir(parents=True)
    (site / "cr" / "12.pdf").write_bytes(PDF)
    (site / "cr" / "7" / "CameraReady" / "final version.pdf").write_bytes(PDF + b"7")
    (site / "cr" / ".DS_Store").write_bytes(b"\0")
    status, out, _ = run(capsys, "Papers.txt", "--camera-ready", "cr")
    assert status == 0
    assert "copied the camera-ready PDF of paper 12: cr/12.pdf -> program/papers/12.pdf" in out
    assert "copied the camera-ready PDF of paper 7: cr/7/CameraReady/final version.pdf -> program/papers/7.pdf" in out
    assert (site / "program/papers/7.pdf").read_bytes() == PDF + b"7"
    papers = {p.id: p for p in load_papers(site / PAPERS, site).model.papers}
    assert (papers["12"].pdf, papers["7"].pdf, papers["3"].pdf) == ("papers/12.pdf", "papers/7.pdf", None)
    assert run(capsys, "Papers.txt", "--camera-ready", "cr")[1] == f"{PAPERS}: nothing to change (3 papers)\n"
    (site / "cr" / "12.pdf").write_bytes(PDF + b"revised")
    status, out, _ = run(capsys, "Papers.txt", "--camera-ready", "cr")
    assert "replaced the camera-ready PDF of paper 12" in out
    assert (site / "program/papers/12.pdf").read_bytes() == PDF + b"revised"


def test_a_pdf_set_by_hand_is_left_alone(site, capsys):
    export(site)
    run(capsys, "Papers.txt")
    (site / PAPERS).write_text(papers_file(site).replace(
        "    presenter: Ada Byron\n", "    presenter: Ada Byron\n    pdf: https://arxiv.org/pdf/2206.00001\n"))
    (site / "cr").mkdir()
    (site / "cr" / "12.pdf").write_bytes(PDF)
    status, out, _ = run(capsys, "Papers.txt", "--camera-ready", "cr", "--pdf-dir", "pdfs")
    assert status == 0
    assert "left alone the PDF of paper 12: 'pdf' is set by hand to 'https://arxiv.org/pdf/2206.00001'" in out
    assert not (site / "program" / "pdfs").exists()


BAD_INPUTS = {
    "missing column": (
        lambda site: export(site, header=["Paper ID", "Title", "Author Names"], rows=[["1", "T", "A, B"]]),
        ["Papers.txt:1: no column 'Paper Title' (the columns are: 'Paper ID', 'Title', 'Author Names'); "
         "export the papers list from CMT with its default columns"]),
    "duplicate paper id": (
        lambda site: export(site, [*ROWS, ["7", "Again", "", "Doe, Jane", "", ""]]),
        ["Papers.txt:5: paper 7 is listed twice (first on line 3)"]),
    "row without authors": (
        lambda site: export(site, [*ROWS[:1], ["8", "Lonely", "", " ; ", "", ""]]),
        ["Papers.txt:3: paper 8: no authors in 'Author Names'"]),
    "row without title": (
        lambda site: export(site, [*ROWS[:2], ["9", " ", "", "Doe, Jane", "", ""]]),
        ["Papers.txt:4: paper 9: no title in 'Paper Title'"]),
    "row without id": (
        lambda site: export(site, [["", "Untitled", "", "Doe, Jane", "", ""]]),
        ["Papers.txt:2: no 'Paper ID'"]),
    "id that is no id": (
        lambda site: export(site, [["12 b", "T", "", "Doe, Jane", "", ""]]),
        ["Papers.txt:2: paper 12 b: 'id' '12 b' is not a valid id: use lowercase letters, digits and hyphens "
         "(like 'perreault-levasseur')"]),
    "title too long": (
        lambda site: export(site, [["4", "x" * 301, "", "Doe, Jane", "", ""]]),
        ["Papers.txt:2: paper 4: 'title' is too long: at most 300 characters"]),
    "unreadable encoding": (
        lambda site: export(site, encode=lambda text: text.encode("cp1252", errors="replace")),
        ["Papers.txt:2: not UTF-8 or UTF-16 text: export the papers again from CMT, or save the file as "
         "'Unicode Text' or 'UTF-8'"]),
    "UTF-32": (
        lambda site: export(site, encode=lambda text: text.encode("utf-32")),
        ["Papers.txt:1: not UTF-8 or UTF-16 text: export the papers again from CMT, or save the file as "
         "'Unicode Text' or 'UTF-8'"]),
    "empty export": (
        lambda site: export(site, rows=[]),
        ["Papers.txt:2: the export lists no papers"]),
    "no export": (lambda site: None, ["Papers.txt: file not found"]),
}


@pytest.mark.parametrize("case", BAD_INPUTS)
def test_bad_export_names_file_and_row_and_writes_nothing(site, capsys, case):
    make, expected = BAD_INPUTS[case]
    export(site, ROWS[:1])
    run(capsys, "Papers.txt")
    before = snapshot(site)
    (site / "Papers.txt").unlink()
    make(site)
    status, out, err = run(capsys, "Papers.txt")
    assert status == 1
    assert err.splitlines() == [*expected, "sphinx-workshop import-cmt: nothing was written"]
    assert out == ""
    assert snapshot(site) == before


CAMERA_READY = {
    "a PDF that matches no paper": (
        {"99.pdf": PDF},
        ["cr/99.pdf: matches no paper in Papers.txt or the papers file (name each PDF by its paper id, "
         "like 12.pdf or 12/paper.pdf)"]),
    "a PDF named otherwise": (
        {"12_final.pdf": PDF},
        ["cr/12_final.pdf: matches no paper in Papers.txt or the papers file (name each PDF by its paper id, "
         "like 12.pdf or 12/paper.pdf)"]),
    "two PDFs in a paper's folder": (
        {"7/a.pdf": PDF, "7/b.pdf": PDF},
        ["cr/7/: several PDFs (a.pdf, b.pdf); keep only the paper's"]),
    "two PDFs for one paper": (
        {"7.pdf": PDF, "7/a.pdf": PDF},
        ["cr/7.pdf: a second camera-ready PDF for paper 7 (the first is cr/7/a.pdf)"]),
    "not a PDF": (
        {"12.pdf": b"<html>login page</html>", "7.pdf": PDF},
        ["cr/12.pdf: not a PDF file (it does not start with %PDF-)"]),
}


@pytest.mark.parametrize("case", CAMERA_READY)
def test_bad_camera_ready_folder_writes_nothing(site, capsys, case):
    files, expected = CAMERA_READY[case]
    export(site)
    for name, data in files.items():
        (site / "cr" / name).parent.mkdir(parents=True, exist_ok=True)
        (site / "cr" / name).write_bytes(data)
    status, _, err = run(capsys, "Papers.txt", "--camera-ready", "cr")
    assert status == 1
    assert err.splitlines() == [*expected, "sphinx-workshop import-cmt: nothing was written"]
    assert not (site / "program").exists()


def test_an_invalid_papers_file_is_reported_and_left_as_it_is(site, capsys):
    (site / "program").mkdir()
    (site / PAPERS).write_text("papers:\n  - id: 12\n    titel: T\n    authors: [A]\n")
    before = snapshot(site)
    export(site)
    status, _, err = run(capsys, "Papers.txt")
    assert status == 1
    assert "program/papers.yaml:3: paper 1: unknown field 'titel' (did you mean 'title'?)" in err.splitlines()
    assert snapshot(site) == before


def test_a_failure_half_way_restores_every_file(site, capsys, monkeypatch):
    export(site)
    (site / "cr").mkdir()
    (site / "cr" / "12.pdf").write_bytes(PDF)
    run(capsys, "Papers.txt", "--camera-ready", "cr")
    (site / "cr" / "12.pdf").write_bytes(PDF + b"revised")
    (site / "cr" / "7.pdf").write_bytes(PDF + b"7")
    export(site, [*ROWS, ["41", "Late", "", "Rubin, Vera*", "", ""]])
    before = snapshot(site)

    def fail(temp, output, root):
        assert (site / "program/papers/7.pdf").exists()  # the PDFs are in place when the new file is checked
        raise DataError([f"{PAPERS}:1: a problem found by the final check"])

    monkeypatch.setattr(papers_import, "_validate", fail)
    status, _, err = run(capsys, "Papers.txt", "--camera-ready", "cr")
    assert status == 1
    assert err.splitlines() == [f"{PAPERS}:1: a problem found by the final check",
                                "sphinx-workshop import-cmt: nothing was written"]
    assert snapshot(site) == before
    assert not any(name.startswith(".") for name in os.listdir(site / "program/papers"))


def test_the_final_check_guards_the_file_and_names_it(site, capsys, monkeypatch):
    export(site)
    monkeypatch.setattr(papers_import, "_text", lambda value: value)  # the title "No" unquoted: false to the build
    status, _, err = run(capsys, "Papers.txt")
    assert status == 1
    assert err.splitlines()[0] == "program/papers.yaml:17: paper 3: 'title' must be text, not true/false " \
                                  "(put it in quotes)"
    assert not (site / "program").exists()


def test_usage_errors_exit_2(site, capsys):
    export(site)
    status, _, err = run(capsys, "Papers.txt", "--update", "99")
    assert (status, err) == (2, "sphinx-workshop import-cmt: error: --update 99: the export has no paper 99\n")
    status, _, err = run(capsys, "Papers.txt", "--pdf-dir", "../outside")
    assert status == 2
    assert run(capsys)[0] == 2
    assert not (site / "program").exists()


def test_the_imported_file_is_what_the_build_reads(site, capsys):
    export(site)
    (site / "cr").mkdir()
    (site / "cr" / "3.pdf").write_bytes(PDF)
    run(capsys, "Papers.txt", "--camera-ready", "cr", "--output", "papers/accepted.yaml")
    data = yaml.safe_load((site / "papers/accepted.yaml").read_text(encoding="utf-8"))
    assert data["papers"][2] == {"id": 3, "title": "No", "authors": ["Henrietta Swan Leavitt"], "pdf": "papers/3.pdf"}
    (site / "conf.py").write_text("")
    (site / "index.md").write_text("```{papers} papers/accepted.yaml\n```\n")
    assert main(["check", "-q", "."]) == 0
