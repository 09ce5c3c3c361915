"""``sphinx-workshop import-cmt``: CMT's submissions list into the papers file, again and again.

Every export and every camera-ready download here is written by the test; none is a real one.
The full exports have CMT's columns, with e-mail addresses in every e-mail column, rejected and
withdrawn rows, and abstracts over several lines with tabs.
"""

from __future__ import annotations

import codecs
import csv
import io
import os
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

import openpyxl
import pytest
import yaml
from conftest import cli_build, copy_root, soup_of

from sphinx_workshop.cli import camera_ready as camera_ready_module
from sphinx_workshop.cli import importing as papers_import
from sphinx_workshop.cli.cmt import paragraphs, parse_authors, person_name, subject_areas
from sphinx_workshop.cli.main import main
from sphinx_workshop.data.loading import load_papers
from sphinx_workshop.data.reading import DataError

PAPERS = "program/papers.yaml"
PDF = b"%PDF-1.4\n% a camera-ready test file\n"

# --- The full export, as CMT writes it ------------------------------------------------------------

FULL_HEADER = [
    "Paper ID", "Created", "Last Modified", "Paper Title", "Abstract", "Primary Contact Author Name",
    "Primary Contact Author Email", "Authors", "Author Names", "Author Emails", "Track Name",
    "Primary Subject Area", "Secondary Subject Areas", "Conflicts", "Domains", "Assigned", "Completed",
    "% Completed", "Bids", "Discussion", "Status", "Requested For Author Feedback", "Author Feedback Submitted?",
    "Requested For Camera Ready", "Camera Ready Submitted?", "Requested For Presentation", "Files",
    "Number of Files", "Supplementary Files", "Number of Supplementary Files", "Reviewers", "Reviewer Emails",
    "MetaReviewers", "MetaReviewer Emails", "Q1 (Code release)", "Q2 (Presentation format)",
]
EMAIL_COLUMNS = ["Primary Contact Author Email", "Author Emails", "Reviewer Emails", "MetaReviewer Emails"]
#: Never published: the reviewers of a paper.
REVIEWERS = "Secret, Reviewer; Hidden, Referee"


def cmt_row(ident: str, title: str, authors: str, status: str, abstract: str = "", primary: str = "",
            secondary: str = "") -> list[str]:
    """One row with every column filled as CMT fills it, e-mail addresses included."""
    values = {
        "Paper ID": ident, "Created": "4/20/2022 10:12:31 AM", "Last Modified": "5/2/2022 8:01:55 PM",
        "Paper Title": title, "Abstract": abstract, "Primary Contact Author Name": "Contact, Chris",
        "Primary Contact Author Email": f"contact{ident}@uni.example.org",
        "Authors": f"{authors.split(';')[0]} (Uppsala University)*", "Author Names": authors,
        "Author Emails": f"first{ident}@uni.example.org*; second{ident}@lab.example.com",
        "Track Name": "Main Track", "Primary Subject Area": primary, "Secondary Subject Areas": secondary,
        "Conflicts": "2", "Domains": "uni.example.org; lab.example.com", "Assigned": "3", "Completed": "3",
        "% Completed": "100%", "Bids": "4", "Discussion": "0", "Status": status,
        "Requested For Author Feedback": "No", "Author Feedback Submitted?": "No",
        "Requested For Camera Ready": "Yes" if status.startswith("Accept") else "No",
        "Camera Ready Submitted?": "Yes" if status.startswith("Accept") else "No",
        "Requested For Presentation": "No", "Files": f"submission{ident}.pdf (123456 bytes)", "Number of Files": "1",
        "Supplementary Files": "", "Number of Supplementary Files": "0", "Reviewers": REVIEWERS,
        "Reviewer Emails": f"reviewer{ident}@example.net; referee{ident}@example.net",
        "MetaReviewers": "Meta, Mia", "MetaReviewer Emails": "meta@example.net",
        "Q1 (Code release)": "https://github.com/example/code", "Q2 (Presentation format)": "Poster",
    }
    return [values[column] for column in FULL_HEADER]


ABSTRACT_12 = ("We infer the shapes\r\nof galaxies with neural\tposterior estimation.\r\n \t\r\n"
               "The code\tis public.\r\n")
FULL_ROWS = [
    cmt_row("12", "Neural posterior estimation of galaxy shapes", "Ångström, Zoë; Byron, Ada*", "Accept (Oral)",
            ABSTRACT_12, "Astrophysics -> Galaxies", "Deep learning; Simulation-based inference;astrophysics -> galaxies"),
    cmt_row("5", "A rejected idea", "Doe, Jane*", "Reject", "Rejected for good reasons."),
    cmt_row("7", "Equivariant emulators for cosmology", "Ärnberg, Émile*; Gauss, Carl Friedrich", "Accept (Poster)",
            "Emulators that respect the symmetries of the sky.", "Cosmology"),
    cmt_row("9", "Withdrawn before review", "Roe, Richard*", "Withdrawn", "Withdrawn by its authors."),
    cmt_row("3", "No", "Leavitt, Henrietta Swan", "Accept"),
    cmt_row("8", "A rejected row that is not even complete", " ", "Reject"),
]
NOT_PUBLISHED = ["A rejected idea", "Withdrawn before review", "not even complete", "Jane Doe", "Richard Roe",
                 "Secret", "Referee", "Meta", "Chris", "Uppsala", "submission12.pdf", "@"]
EXPECTED_FULL = """\
# Accepted papers, imported from CMT with `sphinx-workshop import-cmt`.
# Edit freely: importing again adds new papers and leaves your edits alone (see CONTRIBUTING.md).
papers:
  - id: 12
    title: Neural posterior estimation of galaxy shapes
    authors:
      - Zoë Ångström
      - Ada Byron
    presenter: Ada Byron
    keywords:
      - Astrophysics -> Galaxies
      - Deep learning
      - Simulation-based inference
    abstract: |-
      We infer the shapes of galaxies with neural posterior estimation.

      The code is public.
  - id: 7
    title: Equivariant emulators for cosmology
    authors:
      - Émile Ärnberg
      - Carl Friedrich Gauss
    presenter: Émile Ärnberg
    keywords:
      - Cosmology
    abstract: |-
      Emulators that respect the symmetries of the sky.
  - id: 3
    title: "No"
    authors:
      - Henrietta Swan Leavitt
"""
SKIPPED = "skipped 3 rows: 2 Reject, 1 Withdrawn"


def tsv(rows: list[list[str]], header: list[str], newline: str = "\r\n") -> str:
    """Tab-separated text as CMT and spreadsheets write it: cells with tabs or line breaks in quotes."""
    out = io.StringIO()
    csv.writer(out, delimiter="\t", lineterminator=newline).writerows([header, *rows])
    return out.getvalue()


def write_text_export(encode: Callable[[str], bytes]) -> Callable[[Path, list[str], list[list[str]]], None]:
    return lambda path, header, rows: path.write_bytes(encode(tsv(rows, header)))


def cell_value(text: str) -> int | str:
    """CMT's spreadsheets store paper ids as numbers."""
    return int(text) if text.isdigit() else text


def write_xlsx(path: Path, header: list[str], rows: list[list[str]], title_rows: int = 0) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Papers"
    for _ in range(title_rows):
        sheet.append(["ML4Astro 2022 submissions"])
    sheet.append(header)
    for row in rows:
        sheet.append([cell_value(cell) if column == "Paper ID" else cell for column, cell in zip(header, row)])
    workbook.save(path)


def spreadsheet_ml(header: list[str], rows: list[list[str]], title_rows: int = 0) -> str:
    """An Excel 2003 XML spreadsheet, as CMT serves it under the name Papers.xls."""
    def cell(column: str, text: str) -> str:
        kind = "Number" if column == "Paper ID" and text.isdigit() else "String"
        return f'<Cell><Data ss:Type="{kind}">{escape(text)}</Data></Cell>'

    lines = ['<?xml version="1.0" encoding="utf-8"?>', '<?mso-application progid="Excel.Sheet"?>',
             '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" '
             'xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel" '
             'xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet" xmlns:html="http://www.w3.org/TR/REC-html40">',
             f'<Worksheet ss:Name={quoteattr("Papers")}><Table>']
    lines += ['<Row><Cell><Data ss:Type="String">ML4Astro 2022 submissions</Data></Cell></Row>'] * title_rows
    lines += ["<Row>" + "".join(cell("", name) for name in header) + "</Row>"]
    lines += ["<Row>" + "".join(cell(column, text) for column, text in zip(header, row)) + "</Row>" for row in rows]
    lines += ["</Table></Worksheet></Workbook>"]
    return "\n".join(lines)


def write_spreadsheet_ml(path: Path, header: list[str], rows: list[list[str]]) -> None:
    path.write_text(spreadsheet_ml(header, rows), encoding="utf-8")


ENCODINGS = {
    "utf-8": lambda text: text.encode("utf-8"),
    "utf-8 with BOM": lambda text: codecs.BOM_UTF8 + text.encode("utf-8"),
    "utf-16 (CMT, Excel)": lambda text: text.encode("utf-16"),
    "utf-16-le without BOM": lambda text: text.encode("utf-16-le"),
    "utf-16-be with BOM": lambda text: codecs.BOM_UTF16_BE + text.encode("utf-16-be"),
    "utf-16-be without BOM": lambda text: text.encode("utf-16-be"),
}
FORMATS = {
    **{f"text, {name}": ("Papers.txt", write_text_export(encode)) for name, encode in ENCODINGS.items()},
    "Excel workbook": ("Papers.xlsx", write_xlsx),
    "Excel 2003 XML": ("Papers.xls", write_spreadsheet_ml),
}


@pytest.fixture
def site(tmp_path, monkeypatch) -> Path:
    """An empty project to import into, as the current folder (the command works from the project's root)."""
    (tmp_path / "conf.py").write_text('extensions = ["myst_parser", "sphinx_workshop"]\n')
    monkeypatch.chdir(tmp_path)
    return tmp_path


def full_export(site: Path, rows: list[list[str]] = FULL_ROWS, fmt: str = "Excel 2003 XML",
                name: str | None = None) -> str:
    filename, write = FORMATS[fmt]
    write(site / (name or filename), FULL_HEADER, rows)
    return name or filename


def run(capsys, *argv: str) -> tuple[int, str, str]:
    try:
        status = main(["import-cmt", *argv])
    except SystemExit as exit_:
        status = exit_.code
    out, err = capsys.readouterr()
    return status, out, err


def papers_file(site: Path) -> str:
    return (site / PAPERS).read_text(encoding="utf-8")


def paper_ids(site: Path) -> list[str]:
    return [p.id for p in load_papers(site / PAPERS, site).model.papers]


def snapshot(site: Path) -> dict[str, bytes]:
    """Every file of the project but the exports and camera-ready sources, to prove that nothing was written."""
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted((site / "program").rglob("*"))
            if p.is_file()} if (site / "program").exists() else {}


def with_status(rows: list[list[str]], ident: str, status: str) -> list[list[str]]:
    column = FULL_HEADER.index("Status")
    return [[*row[:column], status, *row[column + 1:]] if row[0] == ident else row for row in rows]


# --- Formats and encodings ----------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_gives_the_accepted_papers_only(site, capsys, fmt):
    name = full_export(site, fmt=fmt)
    status, out, err = run(capsys, name)
    assert (status, err) == (0, "")
    assert papers_file(site) == EXPECTED_FULL
    assert out.splitlines() == [SKIPPED, "added paper 12: Neural posterior estimation of galaxy shapes",
                                "added paper 7: Equivariant emulators for cosmology", "added paper 3: No",
                                f"{PAPERS} written: 3 added, 0 updated, 0 removed, 0 left alone, 0 PDFs"]
    model = {p.id: p for p in load_papers(site / PAPERS, site).model.papers}
    assert model["12"].abstract == ("We infer the shapes of galaxies with neural posterior estimation.\n\n"
                                    "The code is public.")
    assert model["3"].abstract is None and model["3"].keywords == []


@pytest.mark.parametrize(("fmt", "name"), [("Excel workbook", "Papers.txt"), ("Excel 2003 XML", "Papers.xlsx"),
                                           ("text, utf-16 (CMT, Excel)", "Papers.xls"),
                                           ("Excel workbook", "download")])
def test_the_format_is_read_from_the_content_not_the_name(site, capsys, fmt, name):
    full_export(site, fmt=fmt, name=name)
    assert run(capsys, name)[:2] == (0, f"{SKIPPED}\n" + "".join(
        f"added paper {i}: {t}\n" for i, t in [("12", "Neural posterior estimation of galaxy shapes"),
                                              ("7", "Equivariant emulators for cosmology"), ("3", "No")])
        + f"{PAPERS} written: 3 added, 0 updated, 0 removed, 0 left alone, 0 PDFs\n")
    assert papers_file(site) == EXPECTED_FULL


def test_rows_and_cells_skipped_in_an_excel_2003_xml_file(site, capsys):
    """``ss:Index`` jumps to a row or a cell, ``ss:MergeAcross`` spans cells: row numbers stay the sheet's."""
    (site / "Papers.xls").write_text(
        '<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" '
        'xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet" xmlns:html="http://www.w3.org/TR/REC-html40">'
        '<Worksheet ss:Name="Notes"><Table><Row><Cell><Data ss:Type="String">read me</Data></Cell></Row></Table>'
        '</Worksheet><Worksheet ss:Name="Papers"><Table>'
        '<Row ss:Index="2"><Cell><Data ss:Type="String">Paper ID</Data></Cell>'
        '<Cell ss:MergeAcross="1"><Data ss:Type="String">Notes</Data></Cell>'
        '<Cell><Data ss:Type="String">Paper Title</Data></Cell>'
        '<Cell ss:Index="6"><Data ss:Type="String">Author Names</Data></Cell></Row>'
        '<Row><Cell><Data ss:Type="Number">4.0</Data></Cell><Cell ss:Index="4"><ss:Data ss:Type="String">'
        '<html:B>Bold</html:B> title</ss:Data></Cell><Cell ss:Index="6"><Data ss:Type="String">Curie, Marie*'
        '</Data></Cell></Row>'
        '<Row ss:Index="9"><Cell><Data ss:Type="Number">5</Data></Cell><Cell ss:Index="6">'
        '<Data ss:Type="String">Curie, Pierre</Data></Cell></Row>'
        '</Table></Worksheet></Workbook>', encoding="utf-8")
    status, _, err = run(capsys, "Papers.xls")
    assert (status, err.splitlines()) == (1, ["Papers.xls:9: paper 5: no title in 'Paper Title'",
                                              "sphinx-workshop import-cmt: nothing was written"])


def test_spreadsheet_row_numbers_name_the_row(site, capsys):
    rows = [FULL_ROWS[0], [*FULL_ROWS[2][:3], "", *FULL_ROWS[2][4:]]]
    write_xlsx(site / "Papers.xlsx", FULL_HEADER, rows, title_rows=2)
    status, _, err = run(capsys, "Papers.xlsx")
    assert status == 1
    assert err.splitlines()[0] == "Papers.xlsx:5: paper 7: no title in 'Paper Title'"
    (site / "Papers.xls").write_text(spreadsheet_ml(FULL_HEADER, [*rows, FULL_ROWS[0]], title_rows=1))
    status, _, err = run(capsys, "Papers.xls")
    assert err.splitlines()[:2] == ["Papers.xls:4: paper 7: no title in 'Paper Title'",
                                    "Papers.xls:5: paper 12 is listed twice (first on row 3)"]


def test_a_text_export_names_the_line_where_the_row_starts(site, capsys):
    rows = [FULL_ROWS[0], [*FULL_ROWS[2][:3], "", *FULL_ROWS[2][4:]]]
    (site / "Papers.txt").write_text(tsv(rows, FULL_HEADER), encoding="utf-8")
    status, _, err = run(capsys, "Papers.txt")
    assert err.splitlines()[0] == "Papers.txt:7: paper 7: no title in 'Paper Title'"  # the abstract of 12: lines 2 to 6


UNREADABLE_FILES = {
    "binary Excel 97-2003 .xls": (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504),
        "Papers.xls: is an Excel 97-2003 workbook (binary .xls), which cannot be read: open it in Excel or "
        "LibreOffice and save it as 'Excel Workbook (.xlsx)' or as 'Unicode Text (.txt)', or in CMT, export the "
        "submissions again (Actions > Export to Excel > Submissions, or the tab-separated text export)"),
    "a web page": (
        b"<!DOCTYPE html><html><body>Sign in to CMT</body></html>",
        "Papers.xls: is a web page or another XML file, not CMT's submissions list: in CMT, export the "
        "submissions again (Actions > Export to Excel > Submissions, or the tab-separated text export)"),
    "a PDF": (
        PDF,
        "Papers.xls: is a PDF file, not the submissions list: in CMT, export the submissions again "
        "(Actions > Export to Excel > Submissions, or the tab-separated text export)"),
    "a zip that is no workbook": (
        None,
        "Papers.xls: is a zip archive, not an Excel workbook: give the submissions list exported from CMT "
        "(camera-ready zips go after --camera-ready)"),
    "XML with entities": (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>'
        b'<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet><Table><Row><Cell>'
        b'<Data>&lol2;</Data></Cell></Row></Table></Worksheet></Workbook>',
        "Papers.xls: declares a DTD or XML entities, which no CMT export has: in CMT, export the submissions "
        "again (Actions > Export to Excel > Submissions, or the tab-separated text export)"),
    "broken XML": (
        b'<?xml version="1.0"?>\n<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet">\n<Worksheet>\n'
        b'<Table><Row></Table>',
        "Papers.xls:4: cannot be read as an Excel 2003 XML spreadsheet (mismatched tag: line 4, column 14); "
        "in CMT, export the submissions again (Actions > Export to Excel > Submissions, or the tab-separated "
        "text export)"),
    "a damaged workbook": (
        None,
        "Papers.xls: cannot be read as an Excel workbook (.xlsx): File is not a zip file; in CMT, export the "
        "submissions again (Actions > Export to Excel > Submissions, or the tab-separated text export)"),
    "a folder": (None, "Papers.xls: is a folder, not the exported submissions list"),
}


@pytest.mark.parametrize("case", UNREADABLE_FILES)
def test_files_that_are_no_export_get_one_clear_message(site, capsys, case):
    data, expected = UNREADABLE_FILES[case]
    if case == "a folder":
        (site / "Papers.xls").mkdir()
    elif case == "a damaged workbook":
        write_xlsx(site / "Papers.xls", FULL_HEADER, FULL_ROWS)
        (site / "Papers.xls").write_bytes((site / "Papers.xls").read_bytes()[:3000])
    elif data is None:
        with zipfile.ZipFile(site / "Papers.xls", "w") as archive:
            archive.writestr("12\\CameraReady\\paper.pdf", PDF)
    else:
        (site / "Papers.xls").write_bytes(data)
    status, out, err = run(capsys, "Papers.xls")
    assert (status, out) == (1, "")
    assert err.splitlines() == [expected, "sphinx-workshop import-cmt: nothing was written"]
    assert not (site / "program").exists()


# --- Status ---------------------------------------------------------------------------------------------

def test_status_chooses_other_rows(site, capsys):
    full_export(site)
    status, out, _ = run(capsys, "Papers.xls", "--status", "accept (oral)", "-o", "program/orals.yaml")
    assert status == 0
    assert out.splitlines()[0] == "skipped 5 rows: 2 Reject, 1 Accept, 1 Accept (Poster), 1 Withdrawn"
    assert [p.id for p in load_papers(site / "program/orals.yaml", site).model.papers] == ["12"]
    status, out, _ = run(capsys, "Papers.xls", "--status", "Accept (Oral)", "--status", "Withdrawn")
    assert paper_ids(site) == ["12", "9"]
    assert out.splitlines()[0] == "skipped 4 rows: 2 Reject, 1 Accept, 1 Accept (Poster)"


def test_status_star_imports_every_row(site, capsys):
    full_export(site, [row for row in FULL_ROWS if row[0] != "8"])
    status, out, _ = run(capsys, "Papers.xls", "--status", "*")
    assert status == 0
    assert "skipped" not in out
    assert paper_ids(site) == ["12", "5", "7", "9", "3"]


def test_rejected_rows_are_not_checked_but_accepted_ones_are(site, capsys):
    full_export(site)  # row 8, rejected, has no authors
    assert run(capsys, "Papers.xls")[0] == 0
    status, _, err = run(capsys, "Papers.xls", "--status", "Reject")
    assert status == 1
    assert err.splitlines()[0] == "Papers.xls:7: paper 8: no authors in 'Author Names'"


def test_a_status_no_row_has_is_a_usage_error(site, capsys):
    full_export(site)
    status, out, err = run(capsys, "Papers.xls", "--status", "Accepted (oral)")
    assert (status, out) == (2, "")
    assert err == ("sphinx-workshop import-cmt: error: --status 'Accepted (oral)': no row of Papers.xls has that "
                   "status (the statuses are: 2 Reject, 1 Accept, 1 Accept (Oral), 1 Accept (Poster), "
                   "1 Withdrawn)\n")
    assert not (site / "program").exists()


def test_no_accepted_paper_yet(site, capsys):
    full_export(site, [with_status([row], row[0], "")[0] for row in FULL_ROWS])
    status, _, err = run(capsys, "Papers.xls")
    assert status == 1
    assert err.splitlines()[0] == ("Papers.xls: no paper is accepted (the statuses are: 6 (no status)); once the "
                                   "decisions are made, accepted papers have a status starting with 'Accept'; "
                                   "--status imports others")


def test_a_paper_withdrawn_after_acceptance_is_not_left_public_silently(site, capsys):
    full_export(site)
    (site / "cr" / "7").mkdir(parents=True)
    (site / "cr" / "7" / "final.pdf").write_bytes(PDF)
    run(capsys, "Papers.xls", "--camera-ready", "cr")
    before = snapshot(site)
    full_export(site, with_status(FULL_ROWS, "7", "Withdrawn"))
    status, out, err = run(capsys, "Papers.xls", "--camera-ready", "cr")
    assert status == 0
    assert err.splitlines() == [
        f"warning: {PAPERS}:18: paper 7 is still listed, so it is still public, but its status is 'Withdrawn' in "
        "Papers.xls: remove it from the file, or import with --remove-missing"]
    assert "left out the camera-ready files of paper 7: its status is 'Withdrawn'" in out.splitlines()
    assert snapshot(site) == before
    status, out, err = run(capsys, "Papers.xls", "--remove-missing")
    assert (status, err) == (0, "")
    assert ("removed paper 7: its status is 'Withdrawn'; its PDF program/papers/7.pdf is no longer linked "
            "(delete the file if it should not stay in the repository)") in out.splitlines()
    assert paper_ids(site) == ["12", "3"]


def test_without_a_status_column_every_row_is_a_paper(site, capsys):
    header = [c for c in FULL_HEADER if c != "Status"]
    rows = [[cell for column, cell in zip(FULL_HEADER, row) if column != "Status"] for row in FULL_ROWS[:5]]
    write_text_export(ENCODINGS["utf-8"])(site / "Papers.txt", header, rows)
    status, out, _ = run(capsys, "Papers.txt")
    assert status == 0 and "skipped" not in out
    assert paper_ids(site) == ["12", "5", "7", "9", "3"]
    status, _, err = run(capsys, "Papers.txt", "--status", "Accept")
    assert (status, err) == (2, "sphinx-workshop import-cmt: error: --status: Papers.txt has no 'Status' column; "
                                "every row is imported\n")


def test_update_or_skip_of_a_paper_that_is_not_imported(site, capsys):
    full_export(site)
    status, _, err = run(capsys, "Papers.xls", "--update", "9")
    assert (status, err) == (2, "sphinx-workshop import-cmt: error: --update 9: paper 9 is not imported: its "
                                "status is 'Withdrawn' (--status chooses the statuses to import)\n")
    status, _, err = run(capsys, "Papers.xls", "--skip", "9", "--skip", "7")
    assert status == 0
    assert paper_ids(site) == ["12", "3"]


# --- Abstracts, keywords and the merge rules -------------------------------------------------------------

def test_abstract_paragraphs_and_subject_areas():
    assert paragraphs("One\r\ntwo\tthree.\r\n\r\n\r\n  Four.  \n \t \nFive\u2028six") == \
        "One two three.\n\nFour.\n\nFive six"
    assert paragraphs(" \r\n\t") == ""
    assert subject_areas("Cosmology", "Deep learning;; cosmology ; Deep  learning;Time series") == (
        "Cosmology", "Deep learning", "Time series")
    assert subject_areas("", "") == ()


def test_hand_edited_abstract_and_keywords_are_left_alone(site, capsys):
    full_export(site)
    run(capsys, "Papers.xls")
    edited = papers_file(site).replace("      - Deep learning\n", "").replace(
        "Emulators that respect the symmetries of the sky.", "Emulators that respect symmetries.")
    (site / PAPERS).write_text(edited, encoding="utf-8")
    status, out, _ = run(capsys, "Papers.xls")
    assert status == 0
    assert out.splitlines()[1:] == [
        "left alone paper 12: keywords 'Astrophysics -> Galaxies; Simulation-based inference' in the file, "
        "'Astrophysics -> Galaxies; Deep learning; Simulation-based inference' in the export "
        "(--update 12 takes the export's)",
        "left alone paper 7: the abstract in the file differs from the export's (--update 7 takes the export's)",
        f"{PAPERS}: nothing to change (3 papers)"]
    assert papers_file(site) == edited
    status, out, _ = run(capsys, "Papers.xls", "--update-all")
    assert "updated paper 12 from the export: keywords" in out and "updated paper 7 from the export: abstract" in out
    assert papers_file(site) == EXPECTED_FULL


def test_update_adds_and_removes_abstract_and_keywords_in_place(site, capsys):
    (site / "program").mkdir()
    (site / PAPERS).write_text("""\
papers:
  - id: 3  # a poster
    title: "No"
    authors: [Henrietta Swan Leavitt]
    pdf: https://arxiv.org/pdf/2206.00003
    abstract: Written by hand.
  - id: 7
    title: Equivariant emulators for cosmology
    authors: [Émile Ärnberg, Carl Friedrich Gauss]
    keywords: [Old]
""", encoding="utf-8")
    full_export(site)
    status, out, _ = run(capsys, "Papers.xls", "--update", "3", "--update", "7")
    assert status == 0
    assert "updated paper 3 from the export: abstract" in out
    assert "updated paper 7 from the export: keywords, abstract" in out
    assert papers_file(site).startswith("""\
papers:
  - id: 3  # a poster
    title: "No"
    authors: [Henrietta Swan Leavitt]
    pdf: https://arxiv.org/pdf/2206.00003
  - id: 7
    title: Equivariant emulators for cosmology
    authors: [Émile Ärnberg, Carl Friedrich Gauss]
    keywords: [Cosmology]
    abstract: |-
      Emulators that respect the symmetries of the sky.
  - id: 12
""")


def test_an_export_without_abstracts_leaves_the_files_abstracts_alone(site, capsys):
    full_export(site)
    run(capsys, "Papers.xls")
    keep = [i for i, c in enumerate(FULL_HEADER) if c in ("Paper ID", "Paper Title", "Author Names", "Status")]
    write_text_export(ENCODINGS["utf-16 (CMT, Excel)"])(
        site / "Papers.txt", [FULL_HEADER[i] for i in keep], [[row[i] for i in keep] for row in FULL_ROWS])
    status, out, _ = run(capsys, "Papers.txt", "--update-all")
    assert (status, out.splitlines()[1:]) == (0, [f"{PAPERS}: nothing to change (3 papers)"])
    assert papers_file(site) == EXPECTED_FULL


def test_abstract_too_long(site, capsys):
    full_export(site, [cmt_row("4", "Long", "Curie, Marie", "Accept", "word " * 1001)])
    status, _, err = run(capsys, "Papers.xls")
    assert err.splitlines()[0] == "Papers.xls:2: paper 4: 'abstract' is too long: at most 5000 characters"


# --- Privacy ---------------------------------------------------------------------------------------------------

def test_no_email_address_or_reviewer_reaches_the_papers_file_or_the_report(site, capsys):
    rows = [*FULL_ROWS, cmt_row("14", "Contact ada@example.org for the data", "Byron, Ada*", "Accept",
                                "Write to\nada.byron+ml4astro@cs.example.ac.uk or (grace@navy.example.mil).",
                                "Cosmology", "bob@example.org; Time series")]
    for fmt, where in [("Excel 2003 XML", 8), ("Excel workbook", 8), ("text, utf-16 (CMT, Excel)", 12)]:
        shutil.rmtree(site / "program", ignore_errors=True)
        name = full_export(site, rows, fmt=fmt)
        assert all("@" in cell for row in rows for cell, column in zip(row, FULL_HEADER) if column in EMAIL_COLUMNS)
        status, out, err = run(capsys, name)
        assert status == 0
        text = papers_file(site)
        for private in NOT_PUBLISHED:
            assert private not in text and private not in out and private not in err
        assert [line for line in out.splitlines() if "removed an e-mail" in line] == [
            f"{name}:{where}: paper 14: removed an e-mail address from {column!r} (e-mail addresses are never published)"
            for column in ("Paper Title", "Abstract", "Secondary Subject Areas")]
        paper = load_papers(site / PAPERS, site).model.papers[-1]
        assert paper.title == "Contact (e-mail address removed) for the data"
        assert paper.abstract == "Write to (e-mail address removed) or ((e-mail address removed))."
        assert paper.keywords == ["Cosmology", "(e-mail address removed)", "Time series"]


# --- Camera-ready files ----------------------------------------------------------------------------------------

#: What CMT's download holds, named as in the zip (backslashes).
DOWNLOAD = {
    "12\\CameraReady\\Ångström et al final.pdf": PDF + b"12",
    "12\\Supplementary Material\\appendix.pdf": PDF + b"12 appendix",
    "7\\CameraReady\\emulators.pdf": PDF + b"7",
    "7\\CameraReady\\emulators-supp.pdf": PDF + b"7 supp",
    "7\\CameraReady\\copyright form.docx": b"PK\x03\x04 a form",
    "9\\CameraReady\\withdrawn.pdf": PDF + b"9",
}


def write_zip(path: Path, files: dict[str, bytes], slashes: bool = False) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name.replace("\\", "/") if slashes else name, data)
    return path


def unpack_linux(folder: Path, files: dict[str, bytes]) -> Path:
    """As unzip on Linux or macOS leaves CMT's zip: one file per entry, backslashes in its name."""
    folder.mkdir()
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return folder


def unpack_windows(folder: Path, files: dict[str, bytes]) -> Path:
    """As Windows unpacks CMT's zip: a folder per backslash."""
    for name, data in files.items():
        (folder / name.replace("\\", "/")).parent.mkdir(parents=True, exist_ok=True)
        (folder / name.replace("\\", "/")).write_bytes(data)
    return folder


LAYOUTS = {
    "the zip": lambda site, files: write_zip(site / "CameraReadys 1-12.zip", files),
    "a zip with slashes": lambda site, files: write_zip(site / "CameraReadys 1-12.zip", files, slashes=True),
    "unpacked on Linux or macOS": lambda site, files: unpack_linux(site / "CameraReadys 1-12", files),
    "unpacked on Windows": lambda site, files: unpack_windows(site / "CameraReadys 1-12", files),
    "unpacked on Windows, in a folder of its own": lambda site, files: unpack_windows(
        site / "Downloads", {f"CameraReadys 1-12\\{name}": data for name, data in files.items()}),
}


@pytest.mark.parametrize("layout", LAYOUTS)
def test_camera_ready_files_in_every_layout(site, capsys, layout):
    full_export(site)
    source = LAYOUTS[layout](site, DOWNLOAD)
    status, out, err = run(capsys, "Papers.xls", "--camera-ready", source.relative_to(site).as_posix())
    assert (status, err) == (0, "")
    assert (site / "program/papers/12.pdf").read_bytes() == PDF + b"12"
    assert (site / "program/papers/7.pdf").read_bytes() == PDF + b"7"
    assert sorted(os.listdir(site / "program/papers")) == ["12.pdf", "7.pdf"]
    papers = {p.id: p for p in load_papers(site / PAPERS, site).model.papers}
    assert (papers["12"].pdf, papers["7"].pdf, papers["3"].pdf) == ("papers/12.pdf", "papers/7.pdf", None)
    lines = out.splitlines()
    assert "left out the camera-ready files of paper 9: its status is 'Withdrawn'" in lines
    assert [line for line in lines if line.startswith("paper 7: took")] == [
        f"paper 7: took {next(l for l in _labels(site, source) if 'emulators.pdf' in l)} as the paper; set aside "
        f"{next(l for l in _labels(site, source) if 'supp' in l)} (named as supplementary material, a form, "
        "a poster or slides)"]
    assert any(line.startswith("copied the camera-ready PDF of paper 12: ") and "Ångström et al final.pdf" in line
               for line in lines)
    assert "    pdf: papers/12.pdf\n    keywords:" in papers_file(site)  # beside the short keys, above the abstract
    status, out, _ = run(capsys, "Papers.xls", "--camera-ready", source.relative_to(site).as_posix())
    assert out.splitlines()[-1] == f"{PAPERS}: nothing to change (3 papers)"


def _labels(site: Path, source: Path) -> list[str]:
    """The names of the download's PDFs, as messages show them."""
    if source.suffix == ".zip":
        with zipfile.ZipFile(source) as archive:
            return [f"{source.name} ({name})" for name in archive.namelist()]
    return [f"{source.relative_to(site).as_posix()}/{p.relative_to(source).as_posix()}"
            for p in source.rglob("*") if p.is_file()]


def test_the_old_layouts_and_a_download_in_several_zips(site, capsys):
    full_export(site)
    (site / "cr" / "7" / "CameraReady").mkdir(parents=True)
    (site / "cr" / "12.pdf").write_bytes(PDF)
    (site / "cr" / "7" / "CameraReady" / "final version.pdf").write_bytes(PDF + b"7")
    (site / "cr" / ".DS_Store").write_bytes(b"\0")
    (site / "cr" / "__MACOSX").mkdir()
    (site / "cr" / "__MACOSX" / "99.pdf").write_bytes(b"resource fork")
    status, out, _ = run(capsys, "Papers.xls", "--camera-ready", "cr")
    assert status == 0
    assert "copied the camera-ready PDF of paper 12: cr/12.pdf -> program/papers/12.pdf" in out
    assert "copied the camera-ready PDF of paper 7: cr/7/CameraReady/final version.pdf -> program/papers/7.pdf" in out
    shutil.rmtree(site / "program")
    write_zip(site / "CameraReadys 1-7.zip", {"3\\CameraReady\\p.pdf": PDF + b"3", "7\\CameraReady\\p.pdf": PDF + b"7"})
    write_zip(site / "CameraReadys 8-12.zip", {"12\\CameraReady\\p.pdf": PDF + b"12"})
    status, out, err = run(capsys, "Papers.xls", "--camera-ready", "CameraReadys 1-7.zip",
                           "--camera-ready", "CameraReadys 8-12.zip")
    assert (status, err) == (0, "")
    assert sorted(os.listdir(site / "program/papers")) == ["12.pdf", "3.pdf", "7.pdf"]
    assert "copied the camera-ready PDF of paper 12: CameraReadys 8-12.zip (12\\CameraReady\\p.pdf) -> " \
           "program/papers/12.pdf" in out


def test_a_revised_pdf_in_the_zip_replaces_the_copy(site, capsys):
    full_export(site)
    write_zip(site / "cr.zip", {"12\\CameraReady\\p.pdf": PDF})
    run(capsys, "Papers.xls", "--camera-ready", "cr.zip")
    write_zip(site / "cr.zip", {"12\\CameraReady\\p.pdf": PDF + b"revised"})
    status, out, _ = run(capsys, "Papers.xls", "--camera-ready", "cr.zip")
    assert "replaced the camera-ready PDF of paper 12: cr.zip (12\\CameraReady\\p.pdf) -> program/papers/12.pdf" in out
    assert (site / "program/papers/12.pdf").read_bytes() == PDF + b"revised"


def test_a_pdf_set_by_hand_is_left_alone_even_among_several(site, capsys):
    full_export(site)
    run(capsys, "Papers.xls")
    (site / PAPERS).write_text(papers_file(site).replace(
        "    presenter: Ada Byron\n", "    presenter: Ada Byron\n    pdf: https://arxiv.org/pdf/2206.00001\n"))
    unpack_linux(site / "cr", {"12\\CameraReady\\a.pdf": PDF, "12\\CameraReady\\b.pdf": PDF})
    status, out, _ = run(capsys, "Papers.xls", "--camera-ready", "cr", "--pdf-dir", "pdfs")
    assert status == 0
    assert "left alone the PDF of paper 12: 'pdf' is set by hand to 'https://arxiv.org/pdf/2206.00001'" in out
    assert not (site / "program" / "pdfs").exists()


CAMERA_READY = {
    "a PDF that matches no paper": (
        {"99.pdf": PDF},
        ["cr/99.pdf: matches no paper in Papers.xls or the papers file (name each PDF by its paper id, like 12.pdf "
         "or 12/paper.pdf, as CMT's download does)"]),
    "a PDF named otherwise": (
        {"12_final.pdf": PDF},
        ["cr/12_final.pdf: matches no paper in Papers.xls or the papers file (name each PDF by its paper id, "
         "like 12.pdf or 12/paper.pdf, as CMT's download does)"]),
    "two PDFs in a paper's folder": (
        {"7/a.pdf": PDF, "7/b.pdf": PDF},
        ["cr: paper 7 has several camera-ready PDFs (7/a.pdf, 7/b.pdf) and none is clearly the paper: keep only "
         "the paper's (unpack a zip first), or set the paper's 'pdf' in the papers file by hand"]),
    "two PDFs for one paper": (
        {"7.pdf": PDF, "7/a.pdf": PDF},
        ["cr: paper 7 has several camera-ready PDFs (7.pdf, 7/a.pdf) and none is clearly the paper: keep only "
         "the paper's (unpack a zip first), or set the paper's 'pdf' in the papers file by hand"]),
    "two supplements and no paper told apart": (
        {"7\\CameraReady\\paper-supp.pdf": PDF, "7\\CameraReady\\appendix.pdf": PDF},
        ["cr: paper 7 has several camera-ready PDFs (7\\CameraReady\\appendix.pdf, 7\\CameraReady\\paper-supp.pdf) "
         "and none is clearly the paper: keep only the paper's (unpack a zip first), or set the paper's 'pdf' in "
         "the papers file by hand"]),
    "not a PDF": (
        {"12.pdf": b"<html>login page</html>", "7.pdf": PDF},
        ["cr/12.pdf: not a PDF file (it does not start with %PDF-)"]),
}


@pytest.mark.parametrize("case", CAMERA_READY)
def test_bad_camera_ready_folder_writes_nothing(site, capsys, case):
    files, expected = CAMERA_READY[case]
    full_export(site)
    for name, data in files.items():
        (site / "cr" / name).parent.mkdir(parents=True, exist_ok=True)
        (site / "cr" / name).write_bytes(data)
    status, _, err = run(capsys, "Papers.xls", "--camera-ready", "cr")
    assert status == 1
    assert err.splitlines() == [*expected, "sphinx-workshop import-cmt: nothing was written"]
    assert not (site / "program").exists()


def test_only_supplementary_material_is_no_camera_ready_paper(site, capsys):
    full_export(site)
    write_zip(site / "cr.zip", {"12\\Supplementary\\video.pdf": PDF, "12\\CameraReadySupplementary\\data.pdf": PDF})
    status, out, err = run(capsys, "Papers.xls", "--camera-ready", "cr.zip")
    assert (status, err) == (0, "")
    assert not any("camera-ready PDF" in line for line in out.splitlines())
    assert not (site / "program" / "papers").exists()


BAD_ZIPS = {
    "a name that climbs out": (
        lambda path: write_zip(path, {"../12\\CameraReady\\p.pdf": PDF}),
        "cr.zip (../12\\CameraReady\\p.pdf): a name that points outside the zip; CMT's downloads never have one"),
    "an absolute name": (
        lambda path: write_zip(path, {"/etc/12.pdf": PDF}),
        "cr.zip (/etc/12.pdf): a name that points outside the zip; CMT's downloads never have one"),
    "a line break in a name": (
        lambda path: write_zip(path, {"12\\Camera\nReady\\x.pdf": PDF, "7.pdf": b"no"}),
        "cr.zip (7.pdf): not a PDF file (it does not start with %PDF-)"),
    "an absurd size": (
        lambda path: write_zip(path, {"12\\CameraReady\\big.pdf": PDF + bytes(2000)}),
        "cr.zip (12\\CameraReady\\big.pdf): is 2,036 bytes, more than any camera-ready PDF (at most 1,000)"),
    "not a zip": (
        lambda path: path.write_bytes(PDF),
        "cr.zip: is neither a folder nor a zip file: give the folder of unpacked camera-ready files, or the zip "
        "downloaded from CMT"),
    "no such file": (lambda path: None, "cr.zip: folder or zip file not found"),
}


@pytest.mark.parametrize("case", BAD_ZIPS)
def test_bad_camera_ready_zip_writes_nothing(site, capsys, monkeypatch, case):
    make, expected = BAD_ZIPS[case]
    monkeypatch.setattr(camera_ready_module, "MAX_PDF_BYTES", 1000)
    full_export(site)
    make(site / "cr.zip")
    status, _, err = run(capsys, "Papers.xls", "--camera-ready", "cr.zip")
    assert status == 1
    assert err.splitlines() == [expected, "sphinx-workshop import-cmt: nothing was written"]
    assert not (site / "program").exists()


def test_a_damaged_zip_entry_is_found_before_anything_is_written(site, capsys):
    full_export(site)
    write_zip(site / "cr.zip", {"12\\CameraReady\\p.pdf": PDF + bytes(5000)})
    data = bytearray((site / "cr.zip").read_bytes())
    data[60:64] = b"XXXX"  # inside the compressed bytes of the entry
    (site / "cr.zip").write_bytes(bytes(data))
    status, _, err = run(capsys, "Papers.xls", "--camera-ready", "cr.zip")
    assert status == 1
    assert err.splitlines()[0].startswith("cr.zip (12\\CameraReady\\p.pdf): is damaged in the zip (")
    assert err.splitlines()[-1] == "sphinx-workshop import-cmt: nothing was written"
    assert not (site / "program").exists()


# --- The old three-column export, and bad input ------------------------------------------------------------------

HEADER = ["Paper ID", "Paper Title", "Abstract", "Author Names", "Author Emails", "Track Name"]
ROWS = [
    ["12", "Neural posterior estimation of galaxy shapes", "We infer.", "Ångström, Zoë; Byron, Ada*;",
     "z@example.org; a@example.org", "Main"],
    ["7", "Equivariant emulators for cosmology", "", "Ärnberg, Émile*; Gauss, Carl Friedrich", "", "Main"],
    ["3", "No", "A title YAML would read as false.", "Leavitt, Henrietta Swan", "", "Main"],
]
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
    abstract: |-
      We infer.
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
    abstract: |-
      A title YAML would read as false.
"""


def export(site: Path, rows: list[list[str]] = ROWS, name: str = "Papers.txt", encode=ENCODINGS["utf-16 (CMT, Excel)"],
           header: list[str] = HEADER, newline: str = "\r\n") -> Path:
    path = site / name
    path.write_bytes(encode("".join("\t".join(row) + newline for row in [header, *rows])))
    return path


def test_a_short_export_without_status_works_as_before(site, capsys):
    export(site)
    status, out, err = run(capsys, "Papers.txt")
    assert (status, err) == (0, "")
    assert papers_file(site) == EXPECTED
    assert f"{PAPERS} written: 3 added" in out


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
    full_export(site)
    run(capsys, "Papers.xls")
    before = (site / PAPERS).stat().st_mtime_ns, papers_file(site)
    status, out, _ = run(capsys, "Papers.xls")
    assert status == 0
    assert out == f"{SKIPPED}\n{PAPERS}: nothing to change (3 papers)\n"
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
    assert "left alone paper 12: no abstract in the file, one in the export (--update 12 takes the export's)" in out


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


def test_skip_leaves_a_paper_out(site, capsys):
    export(site)
    status, out, _ = run(capsys, "Papers.txt", "--skip", "7")
    assert status == 0
    assert "skipped paper 7 (--skip)" in out
    assert paper_ids(site) == ["12", "3"]


def test_an_existing_site_file_keeps_its_comments_and_announcement(site, capsys):
    (site / "program").mkdir()
    original = "# Accepted papers.\n# See CONTRIBUTING.md.\nannouncement: 2022-06-10\npapers: []\n"
    (site / PAPERS).write_text(original, encoding="utf-8")
    export(site)
    assert run(capsys, "Papers.txt")[0] == 0
    assert papers_file(site) == original.replace("papers: []\n", "") + EXPECTED.split("\n", 2)[2]


BAD_INPUTS = {
    "missing column": (
        lambda site: export(site, header=["Paper ID", "Title", "Author Names"], rows=[["1", "T", "A, B"]]),
        ["Papers.txt:1: no column 'Paper Title' (the columns are: 'Paper ID', 'Title', 'Author Names'); "
         "export the submissions from CMT with its default columns"]),
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
    "keyword too long": (
        lambda site: export(site, [["4", "T", "", "Doe, Jane", "Deep learning;" + "x" * 151]],
                            header=["Paper ID", "Paper Title", "Abstract", "Author Names", "Secondary Subject Areas"]),
        ["Papers.txt:2: paper 4: 'keywords' item 2 is too long: at most 150 characters"]),
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
    "empty file": (
        lambda site: (site / "Papers.txt").write_bytes(b""),
        ["Papers.txt:1: the export is empty: in CMT, export the submissions again (Actions > Export to Excel > "
         "Submissions, or the tab-separated text export)"]),
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
    assert err.splitlines()[0] == "program/papers.yaml:19: paper 3: 'title' must be text, not true/false " \
                                  "(put it in quotes)"
    assert not (site / "program").exists()


def test_usage_errors_exit_2(site, capsys):
    export(site)
    status, _, err = run(capsys, "Papers.txt", "--update", "99")
    assert (status, err) == (2, "sphinx-workshop import-cmt: error: --update 99: the export has no paper 99\n")
    status, _, err = run(capsys, "Papers.txt", "--skip", "99")
    assert (status, err) == (2, "sphinx-workshop import-cmt: error: --skip 99: the export has no paper 99\n")
    status, _, err = run(capsys, "Papers.txt", "--pdf-dir", "../outside")
    assert status == 2
    assert run(capsys)[0] == 2
    assert not (site / "program").exists()


def test_from_a_folder_that_is_no_site_nothing_is_created(site, capsys, monkeypatch):
    full_export(site)
    (site / "drafts").mkdir()
    monkeypatch.chdir(site / "drafts")
    status, out, err = run(capsys, "../Papers.xls")
    assert (status, out) == (2, "")
    assert err == ("sphinx-workshop import-cmt: error: program/papers.yaml does not exist here and this folder has "
                   "no conf.py: run the command from the site's folder (the one with conf.py), or name the papers "
                   "file with -o FILE\n")
    assert os.listdir(site / "drafts") == []
    assert run(capsys, "../Papers.xls", "-o", "accepted.yaml")[0] == 0
    assert os.listdir(site / "drafts") == ["accepted.yaml"]


def test_the_imported_file_is_what_the_build_reads(site, capsys):
    export(site)
    (site / "cr").mkdir()
    (site / "cr" / "3.pdf").write_bytes(PDF)
    run(capsys, "Papers.txt", "--camera-ready", "cr", "--output", "papers/accepted.yaml")
    data = yaml.safe_load((site / "papers/accepted.yaml").read_text(encoding="utf-8"))
    assert data["papers"][2] == {"id": 3, "title": "No", "authors": ["Henrietta Swan Leavitt"], "pdf": "papers/3.pdf",
                                 "abstract": "A title YAML would read as false."}
    (site / "index.md").write_text("```{papers} papers/accepted.yaml\n```\n")
    assert main(["check", "-q", "."]) == 0


# --- End to end -----------------------------------------------------------------------------------------------

def test_the_full_export_into_a_site_shows_only_accepted_papers(tmp_path, capsys, monkeypatch):
    """A site that lists papers, the full export and CMT's zip: the built pages show the accepted papers only."""
    root = copy_root("site", tmp_path / "site")
    monkeypatch.chdir(root)
    rows = [*FULL_ROWS, cmt_row("14", "Write to ada@example.org", "Byron, Ada*", "Accept (Poster)",
                                "Data: ada@example.org.")]
    full_export(root, rows, fmt="Excel workbook")
    write_zip(root / "CameraReadys 1-14.zip", DOWNLOAD)
    status, out, err = run(capsys, "Papers.xlsx", "--camera-ready", "CameraReadys 1-14.zip")
    assert (status, err) == (0, "")
    assert "added paper 14: Write to (e-mail address removed)" in out
    status, warnings = cli_build(root)
    assert (status, warnings) == (0, "")
    page = soup_of(root / "_build/html/program/papers.html")
    titles = [node.get_text() for node in page.select(".ws-paper-title")]
    assert sorted(titles) == ["Anomalies in light curves", "Equivariant emulators for cosmology",
                              "Neural posterior estimation of galaxy shapes", "Write to (e-mail address removed)"]
    html = "\n".join(p.read_text(encoding="utf-8") for p in (root / "_build/html").rglob("*.html"))
    for private in ["A rejected idea", "Withdrawn before review", "not even complete", "Richard Roe", "Jane Doe",
                    "Secret", "Referee", "ada@example.org", "@example."]:
        assert private not in html
    assert not (root / "_build/html/_downloads").exists() or not any(
        "withdrawn" in p.name for p in (root / "_build/html/_downloads").rglob("*"))
