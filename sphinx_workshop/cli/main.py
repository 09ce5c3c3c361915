"""``sphinx-workshop``: the organizers' command line (``check``, ``import-cmt``).

Exit status: 0 when all is well, 1 when the data has problems (each printed as ``file:line: ...``),
2 when the command line is wrong. Scripts, pre-commit and CI can rely on it.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from sphinx_workshop import __version__

OK, PROBLEMS, USAGE = 0, 1, 2

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
How a new import treats the papers file (papers are matched by 'Paper ID'):
  - a paper not yet in the file is added at the end, in export order: id, title, authors
    ('Last, First' becomes 'First Last'), presenter (the author marked with '*');
  - a paper already in the file keeps what the file says: hand edits (a corrected name, a
    spotlight flag, a link) survive. Where the export's title, authors or presenter differ, the
    difference is reported as 'left alone'; --update ID takes the export's values for that paper,
    --update-all for every paper. 'spotlight' and 'pdf' never come from the export;
  - a paper in the file but not in the export is reported and kept; --remove-missing removes it.
    A paper deleted from the file by hand comes back with the next import: to leave a paper of the
    export out for good (a withdrawn paper), remove it in CMT, or pass --skip ID every time;
  - --camera-ready DIR copies DIR/<id>.pdf (or the one PDF in DIR/<id>/) to <pdf-dir>/<id>.pdf
    beside the papers file and links it, unless the paper's 'pdf' was set by hand.
Nothing is written when nothing changed, so a second run with the same export changes nothing.
When anything is wrong, nothing is written at all: the new file must pass the build's check
before it replaces the old one.

The report goes to standard output; problems go to standard error, as file:line: message.

""" + EXIT_STATUS


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(
        prog="sphinx-workshop",
        description="Tools for a workshop site built with sphinx_workshop: check the data files, "
                    "import accepted papers from CMT.",
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
        "import-cmt", help="create or update the papers file from CMT's Papers.txt export",
        description="Create or update the papers data file from CMT's tab-separated Papers.txt export "
                    "(UTF-8 or UTF-16; columns 'Paper ID', 'Paper Title', 'Author Names').",
        epilog=IMPORT_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    cmt.add_argument("export", type=Path, metavar="PAPERS.txt", help="the export downloaded from CMT")
    cmt.add_argument("--camera-ready", type=Path, metavar="DIR",
                     help="folder of camera-ready PDFs named by paper id: 12.pdf, or 12/<any name>.pdf")
    cmt.add_argument("-o", "--output", type=Path, default=Path("program/papers.yaml"), metavar="FILE",
                     help="the papers data file to create or update (default: %(default)s)")
    cmt.add_argument("--pdf-dir", default="papers", metavar="NAME",
                     help="folder for camera-ready PDFs, relative to the papers file (default: %(default)s)")
    cmt.add_argument("--update", action="append", default=[], metavar="ID",
                     help="take the export's title, authors and presenter for this paper (repeatable)")
    cmt.add_argument("--update-all", action="store_true",
                     help="take the export's title, authors and presenter for every paper")
    cmt.add_argument("--skip", action="append", default=[], metavar="ID",
                     help="leave this paper of the export out, e.g. a withdrawn one (repeatable)")
    cmt.add_argument("--remove-missing", action="store_true",
                     help="remove papers that are no longer in the export")
    cmt.add_argument("-n", "--dry-run", action="store_true", help="report what would change; write nothing")
    cmt.set_defaults(run=run_import)
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
    from sphinx_workshop.cli.importing import Options, UsageError, import_cmt
    from sphinx_workshop.data.reading import DataError, display_path

    if Path(arguments.pdf_dir).is_absolute() or ".." in Path(arguments.pdf_dir).parts:
        return usage_error("import-cmt", f"--pdf-dir {arguments.pdf_dir}: give a folder inside the papers "
                                         "file's folder, like 'papers'")
    options = Options(update=frozenset(arguments.update), update_all=arguments.update_all,
                      skip=frozenset(arguments.skip), remove_missing=arguments.remove_missing,
                      pdf_dir=Path(arguments.pdf_dir).as_posix(),
                      dry_run=arguments.dry_run)
    root = Path.cwd()
    try:
        report = import_cmt(arguments.export, arguments.output, root, camera_ready_dir=arguments.camera_ready,
                            options=options)
    except UsageError as error:
        return usage_error("import-cmt", str(error))
    except DataError as error:
        for message in error.messages:
            print(message, file=sys.stderr)
        print("sphinx-workshop import-cmt: nothing was written", file=sys.stderr)
        return PROBLEMS
    if arguments.dry_run:
        print("dry run: nothing is written")
    for line in report.lines:
        print(line)
    summary = (f"{report.added} added, {report.updated} updated, {report.removed} removed, "
               f"{report.left_alone} left alone, {report.pdfs} PDFs")
    if report.written:
        print(f"{display_path(arguments.output, root)} written: {summary}")
    elif report.changed:
        print(f"{display_path(arguments.output, root)} would be written (dry run): {summary}")
    return OK


def usage_error(command: str, message: str) -> int:
    print(f"sphinx-workshop {command}: error: {message}", file=sys.stderr)
    return USAGE


