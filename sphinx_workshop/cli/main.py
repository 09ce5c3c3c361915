"""``sphinx-workshop``: the organizers' command line (``check``, ``import-cmt``, ``import-openreview``, ``new``).

Exit status: 0 when all is well, 1 when the data has problems (each printed as ``file:line: ...``),
2 when the command line is wrong. Scripts, pre-commit and CI can rely on it.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from sphinx_workshop import __version__

if TYPE_CHECKING:
    from sphinx_workshop.cli.importing import Report

OK, PROBLEMS, USAGE = 0, 1, 2
DEFAULT_PAPERS = Path("program/papers.yaml")

EXIT_STATUS = """\
exit status:
  0  no problems
  1  problems in the data (each printed as file:line: message)
  2  wrong command line (an unknown option, a missing argument), or no site where it looks
"""

CHECK_EPILOG = """\
Without PATH, checks the site in the current folder; a PATH that is a folder is a site (it must hold
conf.py). Everything the build checks is checked, through the build's own functions: every data file
the pages show (schedule, people with their photos, important-dates, papers, event-jsonld), the
workshop_deadlines file of conf.py, the directives' options (:calendar: …), two pages asking for one
calendar file with different data, and every {person} id against the cards the pages show. Pages are
chosen as Sphinx chooses them (conf.py's include and exclude patterns; conf.py is read, not run);
.venv, node_modules, _build and dot-folders are never entered.

A data file named as PATH is checked as the site's pages show it (a schedule with its people and
papers files), or on its own by its top-level key (entries:, papers:, dates:, people:) when no page
shows it; a page (.md, .rst) stands for what it shows. Both need the site (conf.py) in the current folder.

Problems go to standard output, one per line, sorted by file and line: each is the build's warning
without "WARNING:" and its [workshop....] tag. The closing summary goes to standard error (silence it
with --quiet).

""" + EXIT_STATUS

IMPORT_EPILOG = """\
The export is CMT's list of submissions (in the Chair console: Actions > Export to Excel >
Submissions, or the tab-separated text export), as it was downloaded: tab-separated text (UTF-8 or UTF-16), an
Excel workbook (.xlsx), or the Excel 2003 XML spreadsheet that CMT names Papers.xls. The format is
read from the file's content, not its name. Columns used: 'Paper ID', 'Paper Title', 'Author Names'
(required), 'Status', 'Abstract', 'Primary Subject Area', 'Secondary Subject Areas'; no other
column is read, and e-mail addresses never reach the papers file.

Which rows become papers (by 'Status'):
  - by default, the accepted papers: every status that starts with 'Accept' ('Accept',
    'Accept (Oral)', 'Accept (Poster)' ...). The report counts the others:
    'skipped 41 rows: 35 Reject, 6 Withdrawn';
  - --status STATUS imports the rows with that status instead (ignoring case); repeat it for
    several. A STATUS ending in '*' matches every status that begins with the rest, and '*' alone
    matches every row: --status "Accept (Oral)" imports the oral papers only, --status
    "Accept (Oral)" --status "Accept (Spotlight)" both kinds;
  - an export without a 'Status' column is imported whole.

How a new import treats the papers file (papers are matched by 'Paper ID'):
  - a paper not yet in the file is added at the end, in export order: id, title, authors
    ('Last, First' becomes 'First Last'), presenter (the author marked with '*'), keywords
    (the subject areas) and abstract;
  - a paper already in the file keeps what the file says: hand edits (a corrected name, a
    spotlight flag, a link) survive. Where the export's title, authors, presenter, keywords or
    abstract differ, the difference is reported as 'left alone'; --update ID takes the export's
    values for that paper, --update-all for every paper. 'spotlight' and 'pdf' never come from
    the export;
  - a paper in the file whose status is no longer imported (withdrawn after acceptance) is kept,
    with a warning on standard error, because it is still public; --remove-missing removes it;
  - a paper in the file but not in the export is reported and kept; --remove-missing removes it.
    A paper deleted from the file by hand comes back with the next import while CMT lists it as
    accepted: to leave it out for good, change its status in CMT, or pass --skip ID every time;
  - --camera-ready copies each paper's camera-ready PDF to <pdf-dir>/<id>.pdf beside the papers
    file and links it, unless the paper's 'pdf' was set by hand. It takes CMT's zip as downloaded
    (repeat the option when CMT splits the download into several zips), or the folder it unpacks
    to: '58\\CameraReady\\paper.pdf' files (Linux, macOS), 58/CameraReady/paper.pdf folders
    (Windows), or the layouts 58.pdf and 58/paper.pdf. PDFs in folders named as supplementary
    material are never the paper; of several PDFs in one folder, those named as supplementary
    material, a form, a poster or slides are set aside.
Nothing is written when nothing changed, so a second run with the same export changes nothing.
When anything is wrong, nothing is written at all: the new file must pass the build's check
before it replaces the old one.

The report goes to standard output; warnings and problems go to standard error, as
file:line: message (the line of a text export, the row of a spreadsheet).

examples:
  sphinx-workshop import-cmt ~/Downloads/Papers.xls --dry-run
  sphinx-workshop import-cmt ~/Downloads/Papers.xls --camera-ready ~/Downloads/CameraReadys.zip
  sphinx-workshop import-cmt Papers.txt --status "Accept (Oral)" -o program/orals.yaml

""" + EXIT_STATUS

OPENREVIEW_EPILOG = """\
NOTES is a venue's submission notes as OpenReview's API 2 returns them, saved to a file (nothing
is downloaded here, so the import works offline and the same way every time):
  - the API's answer as a browser shows it, {"notes": [...]} (with a "count" or not): open
    https://api2.openreview.net/notes?content.venueid=VENUE_ID&limit=1000 (the accepted papers,
    public once the venue publishes them) and save the page as notes.json;
  - a JSON list of notes, as openreview-py's client.get_all_notes(...) gives them, each saved with
    its 'number' (to_json() leaves the number out): CONTRIBUTING.md shows how;
  - one note per line (JSON Lines).
API 1 notes (plain values in 'content', no {"value": ...}) are read the same way. Fields used:
'number' (the paper's id: id: 12), 'id', and in 'content': title, authors, abstract, keywords,
pdf, venueid, venue. 'authorids' (profile ids or e-mail addresses) is never read, and an e-mail
address written inside another field is removed.

Which notes become papers (by 'content.venueid'):
  - the accepted notes: those whose venue id is the venue's own, --venue-id VENUE_ID, or else the
    venue id of most notes, among those that name no decision; the report says which was taken;
  - the others are counted by their venue id: 'skipped 9 notes: 5 Rejected, 3 Withdrawn,
    1 Desk rejected' (.../Rejected_Submission, .../Withdrawn_Submission,
    .../Desk_Rejected_Submission; .../Submission is 'Under review').
An accepted note whose 'content.venue' says Oral or Spotlight ("ICML 2022 Workshop ML4Astro Oral")
becomes a spotlight paper (spotlight: true); its PDF is linked as https://openreview.net/pdf?id=ID,
the latest revision on OpenReview.

How a new import treats the papers file (papers are matched by 'number'): as import-cmt does.
  - a paper not yet in the file is added at the end, in the notes' order: id, title, authors,
    pdf, spotlight, keywords and abstract;
  - a paper already in the file keeps what the file says; where the notes differ, the difference
    is reported as 'left alone'; --update ID takes the notes' values for that paper, --update-all
    for every paper;
  - a paper in the file whose note is no longer accepted (withdrawn after acceptance) is kept, with
    a warning on standard error; a paper in the file but not in the notes is reported and kept;
    --remove-missing removes both;
  - --skip ID leaves an accepted note out.
Nothing is written when nothing changed; when anything is wrong, nothing is written at all.

The report goes to standard output; warnings and problems go to standard error, as
file:line: note N (number 12, id 'ID'): message.

examples:
  sphinx-workshop import-openreview ~/Downloads/notes.json --dry-run
  sphinx-workshop import-openreview notes.json --venue-id ICML.cc/2022/Workshop/ML4Astro

""" + EXIT_STATUS


NEW_EPILOG = """\
The new site has the pages index.md, program/ (the speakers, the schedule, the accepted papers),
cfp/ (the call for papers and its dates) and people/ (organizers and speakers), their data files,
conf.py, a Makefile (make html, make test), requirements.txt, .readthedocs.yaml and a GitHub
workflow (.github/workflows/build.yml). It builds at once with warnings as errors; every text
ending in "(replace me)" is a placeholder, and the dates before the workshop day in cfp/dates.yaml
are counted back from --date: replace them before publishing (the site's README.md lists where).

Nothing is asked: without --name the site is named "Workshop name (replace me)"; without --date the
workshop is 180 days from today; without --timezone the venue's zone is UTC; without --language
the pages are in English.

examples:
  sphinx-workshop new ml4astro-2023 --name "ML4Astro 2023" --date 2023-07-28 --timezone Pacific/Honolulu
  sphinx-workshop new site --name "Atelier 2026" --date 2026-06-15 --timezone Europe/Paris --language fr

""" + EXIT_STATUS.replace("  1  problems in the data (each printed as file:line: message)\n", "").replace(
    "(an unknown option, a missing argument), or no site where it looks",
    "(an unknown option, a wrong value), or a folder that is not empty")


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(
        prog="sphinx-workshop",
        description="Tools for a workshop site built with sphinx_workshop: check the data files, "
                    "import accepted papers from CMT or OpenReview, start a new site.",
        epilog=EXIT_STATUS, formatter_class=argparse.RawDescriptionHelpFormatter)
    main.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = main.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check = commands.add_parser(
        "check", help="check the data files with the build's messages, without building",
        description="Check the site's data files with exactly the build's messages, in well under a second.",
        epilog=CHECK_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    check.add_argument("paths", nargs="*", type=Path, metavar="PATH",
                       help="a site folder (default: the current folder), a data file or a page")
    check.add_argument("-q", "--quiet", action="store_true", help="print problems only, no summary")
    check.set_defaults(run=run_check)

    cmt = commands.add_parser(
        "import-cmt", help="create or update the papers file from CMT's list of submissions",
        description="Create or update the papers data file from CMT's list of submissions: the accepted "
                    "papers, with their authors, keywords, abstracts and camera-ready PDFs.",
        epilog=IMPORT_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    cmt.add_argument("export", type=Path, metavar="EXPORT",
                     help="the submissions list downloaded from CMT: Papers.xls, Papers.xlsx or Papers.txt")
    cmt.add_argument("--status", action="append", default=[], metavar="STATUS",
                     help="import the rows with this status instead of the accepted ones (repeatable; "
                          "'Accept*' matches every status starting with 'Accept', '*' every row)")
    cmt.add_argument("--camera-ready", action="append", default=[], type=Path, metavar="ZIP_OR_DIR",
                     help="CMT's camera-ready zip, or the folder it unpacks to (repeatable, for a download "
                          "split into several zips)")
    cmt.add_argument("-o", "--output", type=Path, default=DEFAULT_PAPERS, metavar="FILE",
                     help="the papers data file to create or update (default: %(default)s)")
    cmt.add_argument("--pdf-dir", default="papers", metavar="NAME",
                     help="folder for camera-ready PDFs, relative to the papers file (default: %(default)s)")
    cmt.add_argument("--update", action="append", default=[], metavar="ID",
                     help="take the export's title, authors, presenter, keywords and abstract for this paper "
                          "(repeatable)")
    cmt.add_argument("--update-all", action="store_true",
                     help="take the export's values for every paper")
    cmt.add_argument("--skip", action="append", default=[], metavar="ID",
                     help="leave this paper of the export out, whatever its status (repeatable)")
    cmt.add_argument("--remove-missing", action="store_true",
                     help="remove papers that are no longer imported: gone from the export, or no longer "
                          "with an imported status (withdrawn)")
    cmt.add_argument("-n", "--dry-run", action="store_true", help="report what would change; write nothing")
    cmt.set_defaults(run=run_import)

    openreview = commands.add_parser(
        "import-openreview", help="create or update the papers file from a venue's notes saved from OpenReview",
        description="Create or update the papers data file from a venue's submission notes saved from "
                    "OpenReview's API: the accepted papers, with their authors, keywords, abstracts, PDF "
                    "links and spotlights.",
        epilog=OPENREVIEW_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    openreview.add_argument("notes", type=Path, metavar="NOTES",
                            help="the notes saved from OpenReview's API, as JSON (notes.json)")
    openreview.add_argument("--venue-id", metavar="VENUE_ID",
                            help="the venue whose notes are accepted, like ICML.cc/2022/Workshop/ML4Astro "
                                 "(default: the venue id of most notes)")
    openreview.add_argument("-o", "--output", type=Path, default=DEFAULT_PAPERS, metavar="FILE",
                            help="the papers data file to create or update (default: %(default)s)")
    openreview.add_argument("--update", action="append", default=[], metavar="ID",
                            help="take the notes' title, authors, keywords, abstract, PDF and spotlight for "
                                 "this paper (repeatable)")
    openreview.add_argument("--update-all", action="store_true", help="take the notes' values for every paper")
    openreview.add_argument("--skip", action="append", default=[], metavar="ID",
                            help="leave this accepted paper out (repeatable)")
    openreview.add_argument("--remove-missing", action="store_true",
                            help="remove papers that are no longer imported: gone from the notes, or no longer "
                                 "accepted (withdrawn)")
    openreview.add_argument("-n", "--dry-run", action="store_true",
                            help="report what would change; write nothing")
    openreview.set_defaults(run=run_import_openreview)

    new = commands.add_parser(
        "new", help="write a new workshop site that builds at once, with placeholders to replace",
        description="Write a new workshop site into DIR: pages, data files with placeholders, conf.py, "
                    "a Makefile, Read the Docs and CI configuration.",
        epilog=NEW_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    new.add_argument("directory", type=Path, metavar="DIR", help="the folder to create (new, or empty)")
    new.add_argument("--name", metavar="NAME", help="the workshop's name and edition, like 'ML4Astro 2023'")
    new.add_argument("--date", metavar="YYYY-MM-DD", help="the workshop day")
    new.add_argument("--timezone", default="UTC", metavar="ZONE",
                     help="the venue's time zone, a place such as Europe/Paris (default: %(default)s)")
    new.add_argument("--language", default="en", metavar="CODE",
                     help="the language of the pages, like en, fr or pt_BR (default: %(default)s)")
    new.add_argument("--force", action="store_true",
                     help="write into DIR even when it is not empty (files of the same names are replaced)")
    new.set_defaults(run=run_new)
    return main


def main(argv: Sequence[str] | None = None) -> int:
    arguments = parser().parse_args(argv)
    return arguments.run(arguments)


def run_check(arguments: argparse.Namespace) -> int:
    from sphinx_workshop.cli.check import NotASite, check_paths, check_site

    started = time.perf_counter()
    sites = [p for p in arguments.paths if p.is_dir()] if arguments.paths else [Path(".")]
    files = [p for p in arguments.paths if not p.is_dir()]
    try:
        results = [check_site(site) for site in sites]
        if files:
            results.append(check_paths(files, Path(".")))
    except NotASite as error:
        print(f"sphinx-workshop check: {error}", file=sys.stderr)
        return USAGE
    messages = [message for result in results for message in result.messages]
    for message in messages:
        print(message)
    if not arguments.quiet:
        for result in results:
            for path in result.skipped:
                print(f"skipped {path}: not a workshop data file", file=sys.stderr)
        checked = sum(result.checked for result in results)
        verdict = f"{len(messages)} problem{'s' * (len(messages) != 1)}" if messages else "no problems"
        print(f"sphinx-workshop check: {checked} data file{'s' * (checked != 1)}, {verdict} "
              f"({time.perf_counter() - started:.2f} s)", file=sys.stderr)
    return PROBLEMS if messages else OK


def run_import(arguments: argparse.Namespace) -> int:
    from sphinx_workshop.cli.cmt import status_choice
    from sphinx_workshop.cli.importing import Options, import_cmt

    if Path(arguments.pdf_dir).is_absolute() or ".." in Path(arguments.pdf_dir).parts:
        return usage_error("import-cmt", f"--pdf-dir {arguments.pdf_dir}: give a folder inside the papers "
                                         "file's folder, like 'papers'")
    if problem := _no_site_here(arguments.output):
        return usage_error("import-cmt", problem)
    options = Options(update=frozenset(arguments.update), update_all=arguments.update_all,
                      skip=frozenset(arguments.skip), statuses=status_choice(arguments.status),
                      remove_missing=arguments.remove_missing,
                      pdf_dir=Path(arguments.pdf_dir).as_posix(),
                      dry_run=arguments.dry_run)
    return run_papers_import("import-cmt", arguments, lambda root: import_cmt(
        arguments.export, arguments.output, root, camera_ready_from=arguments.camera_ready, options=options))


def run_import_openreview(arguments: argparse.Namespace) -> int:
    from sphinx_workshop.cli.importing import Options, import_export
    from sphinx_workshop.cli.openreview import read_notes

    if problem := _no_site_here(arguments.output):
        return usage_error("import-openreview", problem)
    options = Options(update=frozenset(arguments.update), update_all=arguments.update_all,
                      skip=frozenset(arguments.skip), remove_missing=arguments.remove_missing,
                      dry_run=arguments.dry_run)
    return run_papers_import("import-openreview", arguments, lambda root: import_export(
        read_notes(arguments.notes, root, arguments.venue_id), arguments.output, root, options=options))


def _no_site_here(output: Path) -> str | None:
    """Why the papers file would be created in the wrong place: run from outside the site, without -o."""
    if output == DEFAULT_PAPERS and not DEFAULT_PAPERS.exists() and not Path("conf.py").is_file():
        return (f"{DEFAULT_PAPERS.as_posix()} does not exist here and this folder has no conf.py: run the "
                "command from the site's folder (the one with conf.py), or name the papers file with -o FILE")
    return None


def run_papers_import(command: str, arguments: argparse.Namespace, run: Callable[[Path], Report]) -> int:
    """Run an import from the current folder and print its report; nothing is written on a problem."""
    from sphinx_workshop.cli.importing import UsageError
    from sphinx_workshop.data.reading import DataError, display_path

    root = Path.cwd()
    try:
        report = run(root)
    except UsageError as error:
        return usage_error(command, str(error))
    except DataError as error:
        for message in error.messages:
            print(message, file=sys.stderr)
        print(f"sphinx-workshop {command}: nothing was written", file=sys.stderr)
        return PROBLEMS
    if arguments.dry_run:
        print("dry run: nothing is written")
    for line in report.lines:
        print(line)
    for warning in report.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    summary = (f"{report.added} added, {report.updated} updated, {report.removed} removed, "
               f"{report.left_alone} left alone" + (f", {report.pdfs} PDFs" if command == "import-cmt" else ""))
    if report.written:
        print(f"{display_path(arguments.output, root)} written: {summary}")
    elif report.changed:
        print(f"{display_path(arguments.output, root)} would be written (dry run): {summary}")
    return OK


def run_new(arguments: argparse.Namespace) -> int:
    from sphinx_workshop.cli import new

    try:
        site = new.Site(
            name=new.checked_name(arguments.name) if arguments.name is not None else new.DEFAULT_NAME,
            date=new.checked_date(arguments.date) if arguments.date is not None else new.default_date(),
            timezone=new.checked_timezone(arguments.timezone),
            language=new.checked_language(arguments.language))
        written = new.new_site(arguments.directory, site, force=arguments.force)
    except new.UsageError as error:
        return usage_error("new", str(error))
    print(f"{arguments.directory}: {len(written)} files written for {site.name}, {site.date.isoformat()} "
          f"({site.timezone}, language {site.language})")
    for path in written:
        print(f"  {path}")
    if arguments.date is None:
        print(f"the workshop day {site.date.isoformat()} is a placeholder (no --date): replace it in "
              "program/schedule.yaml and cfp/dates.yaml")
    print(f"next: cd {arguments.directory} && make html; replace every \"(replace me)\" and the dates of "
          "cfp/dates.yaml (README.md says where)")
    return OK


def usage_error(command: str, message: str) -> int:
    print(f"sphinx-workshop {command}: error: {message}", file=sys.stderr)
    return USAGE


