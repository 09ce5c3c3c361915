"""Bringing the papers file up to date with CMT's export, keeping what organizers edited by hand.

The rule, matching papers by id:

* a paper in the export and not yet in the file is added at the end, in export order, with its id,
  title, authors and presenter;
* a paper already in the file keeps every value the file gives it. Where its title, authors or
  presenter differ from the export, the difference is reported as left alone; ``--update ID`` (or
  ``--update-all``) takes the export's title, authors and presenter for that paper. The export never
  touches ``spotlight`` or ``pdf``;
* a paper in the file and not in the export is reported and kept; ``--remove-missing`` removes it;
* a camera-ready PDF is copied to ``<pdf-dir>/<id>.pdf`` beside the file and linked, unless the
  paper's ``pdf`` was set by hand to something else.

The file is edited in place (comments, order and quoting survive), and written only when something
changed: a second run with the same export changes nothing. Every file is written under a temporary
name and renamed into place once the new papers file passes the build's own check, so a failure
leaves every file as it was.
"""

from __future__ import annotations

import filecmp
import io
import os
import secrets
import shutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from sphinx_workshop.cli.cmt import Submission, camera_ready, id_as_written, read_export
from sphinx_workshop.data.loading import load_papers
from sphinx_workshop.data.model import Paper, PapersFile
from sphinx_workshop.data.reading import DataError, display_path

NEW_FILE_COMMENT = (
    "Accepted papers, imported from CMT with `sphinx-workshop import-cmt`.\n"
    "Edit freely: importing again adds new papers and leaves your edits alone (see CONTRIBUTING.md)."
)
#: The fields that come from the export; the others are the organizers' alone.
EXPORTED_FIELDS = ("title", "authors", "presenter")


class UsageError(Exception):
    """The command line asks for something impossible (``--update`` of an unknown paper)."""


@dataclass
class Report:
    """What the import did (or, in a dry run, would do), one line per paper or PDF."""

    lines: list[str] = field(default_factory=list)
    added: int = 0
    updated: int = 0
    removed: int = 0
    left_alone: int = 0
    pdfs: int = 0
    written: bool = False

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.removed or self.pdfs)


@dataclass(frozen=True)
class Options:
    update: frozenset[str] = frozenset()
    update_all: bool = False
    #: Papers of the export to leave out (withdrawn, say): never added, never updated.
    skip: frozenset[str] = frozenset()
    remove_missing: bool = False
    #: The folder for camera-ready PDFs, relative to the papers file.
    pdf_dir: str = "papers"
    dry_run: bool = False


def import_cmt(export_path: Path, output: Path, root: Path, *, camera_ready_dir: Path | None = None,
               options: Options = Options()) -> Report:
    """Read the export (and camera-ready PDFs), update the papers file, and say what changed."""
    export = read_export(export_path, root)
    current = load_current(output, root)
    _check_ids(options, {s.id for s in export.submissions})
    submissions = [s for s in export.submissions if s.id not in options.skip]
    report = Report(lines=[*export.notes, *(f"skipped paper {i} (--skip)" for i in sorted(options.skip))])
    papers = current.papers_seq()
    merge(papers, current.by_id(), submissions, options, report)
    copies: dict[Path, Path] = {}
    if camera_ready_dir is not None:
        ids = [str(item["id"]) for item in papers]
        found = camera_ready(camera_ready_dir, ids, root, display_path(export_path, root))
        copies = link_pdfs(papers, found, output, options.pdf_dir, root, report)
    if not report.changed:
        report.lines.append(f"{display_path(output, root)}: nothing to change ({len(papers)} papers)")
        return report
    if not options.dry_run:
        write_together(dump(current.doc), output, copies, lambda temp: _validate(temp, output, root))
        report.written = True
    return report


@dataclass
class Current:
    """The papers file as the build reads it (``model``) and as an editable YAML tree (``doc``)."""

    model: PapersFile
    doc: CommentedMap

    def papers_seq(self) -> CommentedSeq:
        papers = self.doc.get("papers")
        if not isinstance(papers, CommentedSeq):
            papers = self.doc["papers"] = CommentedSeq()
        papers.fa.set_block_style()
        return papers

    def by_id(self) -> dict[str, tuple[Paper, CommentedMap]]:
        """Each paper of the file, validated and editable; both lists are the file's list, in order."""
        return {paper.id: (paper, item) for paper, item in zip(self.model.papers, self.papers_seq(), strict=True)}


def load_current(output: Path, root: Path) -> Current:
    """The papers file, which must pass the build's check first; a new, empty one if there is none."""
    if not output.exists():
        doc = CommentedMap()
        doc.yaml_set_start_comment(NEW_FILE_COMMENT)
        return Current(PapersFile(), doc)
    model = load_papers(output, root).model
    try:
        doc = _yaml().load(output.read_text(encoding="utf-8-sig"))
    except YAMLError as exc:
        raise DataError([f"{display_path(output, root)}: cannot be edited: {exc}"]) from None
    return Current(model, doc)


def _check_ids(options: Options, exported: set[str]) -> None:
    for option, ids in (("--update", options.update), ("--skip", options.skip)):
        if unknown := sorted(ids - exported):
            raise UsageError(f"{option} {', '.join(unknown)}: the export has no paper {', '.join(unknown)}")


def merge(papers: CommentedSeq, existing: dict[str, tuple[Paper, CommentedMap]], submissions: list[Submission],
          options: Options, report: Report) -> None:
    """Add new papers, update those asked for, report differences and papers gone from the export."""
    for submission in submissions:
        if submission.id not in existing:
            papers.append(new_entry(submission))
            report.added += 1
            report.lines.append(f"added paper {submission.id}: {submission.title}")
            continue
        paper, item = existing[submission.id]
        fields = differences(paper, submission)
        if not fields:
            continue
        if options.update_all or submission.id in options.update:
            take_from_export(item, submission)
            report.updated += 1
            report.lines.append(f"updated paper {submission.id} from the export: {', '.join(fields)}")
        else:
            report.left_alone += 1
            report.lines += _left_alone(paper, submission, fields)
    exported = {s.id for s in submissions}
    for ident in [i for i in existing if i not in exported]:
        if options.remove_missing:
            papers.remove(existing[ident][1])
            report.removed += 1
            report.lines.append(f"removed paper {ident}: not in the export")
        else:
            report.lines.append(f"kept paper {ident}: not in the export (--remove-missing removes it)")


def differences(paper: Paper, submission: Submission) -> list[str]:
    """The exported fields on which the file and the export disagree."""
    fields = []
    if paper.title != submission.title:
        fields.append("title")
    if list(paper.authors) != list(submission.authors):
        fields.append("authors")
    if paper.presenting != (submission.presenter or submission.authors[0]):
        fields.append("presenter")
    return fields


def _left_alone(paper: Paper, submission: Submission, fields: Iterable[str]) -> list[str]:
    values = {"title": (paper.title, submission.title),
              "authors": ("; ".join(paper.authors), "; ".join(submission.authors)),
              "presenter": (paper.presenting, submission.presenter or submission.authors[0])}
    return [f"left alone paper {paper.id}: {name} {values[name][0]!r} in the file, {values[name][1]!r} in the "
            f"export (--update {paper.id} takes the export's)" for name in fields]


def new_entry(submission: Submission) -> CommentedMap:
    entry = CommentedMap()
    ident = id_as_written(submission.id)
    entry["id"] = ident if isinstance(ident, int) else _text(ident)
    entry["title"] = _text(submission.title)
    entry["authors"] = _names(submission.authors, flow=False)
    if submission.presenter:
        entry["presenter"] = _text(submission.presenter)
    return entry


def take_from_export(item: CommentedMap, submission: Submission) -> None:
    """Overwrite title, authors and presenter, keeping the file's layout of the authors list."""
    item["title"] = _text(submission.title)
    old = item.get("authors")
    item["authors"] = _names(submission.authors, flow=isinstance(old, CommentedSeq) and old.fa.flow_style())
    if submission.presenter is None:
        item.pop("presenter", None)
    elif "presenter" in item:
        item["presenter"] = _text(submission.presenter)
    else:
        item.insert(list(item).index("authors") + 1, "presenter", _text(submission.presenter))


def _names(names: Iterable[str], *, flow: bool) -> CommentedSeq:
    seq = CommentedSeq(_text(name) for name in names)
    if flow:
        seq.fa.set_flow_style()
    else:
        seq.fa.set_block_style()
    return seq


def _text(value: str) -> str:
    """The value, in double quotes where the build would read it unquoted as something else ("No", "2022")."""
    try:
        reads_back = yaml.safe_load(value) == value
    except yaml.YAMLError:
        reads_back = False
    return value if reads_back else DoubleQuotedScalarString(value)


def link_pdfs(papers: CommentedSeq, found: dict[str, Path], output: Path, pdf_dir: str, root: Path,
              report: Report) -> dict[Path, Path]:
    """Link each camera-ready PDF; return the copies to make, ``{source: target}``."""
    copies = {}
    for item in papers:
        ident = str(item["id"])
        if ident not in found:
            continue
        link = f"{pdf_dir}/{ident}.pdf"
        target = output.parent / pdf_dir / f"{ident}.pdf"
        shown = display_path(target, root)
        current = item.get("pdf")
        if current not in (None, link):
            report.lines.append(f"left alone the PDF of paper {ident}: 'pdf' is set by hand to {current!r}")
            continue
        in_place = target.is_file() and filecmp.cmp(target, found[ident], shallow=False)
        if in_place and current == link:
            continue
        report.pdfs += 1
        if in_place:
            report.lines.append(f"linked the PDF of paper {ident}: {shown}")
        else:
            copies[found[ident]] = target
            verb = "replaced" if target.exists() else "copied"
            report.lines.append(f"{verb} the camera-ready PDF of paper {ident}: "
                                f"{display_path(found[ident], root)} -> {shown}")
        if current is None:
            item["pdf"] = link
    return copies


def _yaml() -> YAML:
    """Round-trip YAML: comments, key order and quotes survive; our indentation; no line folding."""
    handler = YAML()
    handler.indent(mapping=2, sequence=4, offset=2)
    handler.width = 4096
    handler.preserve_quotes = True
    return handler


def dump(doc: CommentedMap) -> str:
    stream = io.StringIO()
    _yaml().dump(doc, stream)
    return stream.getvalue()


def _validate(temp: Path, output: Path, root: Path) -> None:
    """The build's check of the new file, its messages naming the real file."""
    try:
        load_papers(temp, root)
    except DataError as error:
        names = ((display_path(temp, root), display_path(output, root)), (temp.name, output.name))
        messages = error.messages
        for temp_name, real_name in names:
            messages = [m.replace(temp_name, real_name) for m in messages]
        raise DataError(messages) from None


def write_together(text: str, output: Path, copies: dict[Path, Path], check: Callable[[Path], None]) -> None:
    """Write the papers file and copy the PDFs so that any failure leaves every file as it was.

    Each file is written under a temporary name beside its target; the PDFs are then put in place
    (the files they replace kept aside), ``check`` reads the new papers file where it will live,
    and only then is it renamed over the old one.
    """
    created = _missing_folders({target.parent for target in copies.values()} | {output.parent})
    staged: list[tuple[Path, Path]] = []
    placed: list[tuple[Path, Path | None]] = []
    try:
        for folder in created:
            folder.mkdir()
        for source, target in copies.items():
            staged.append((_temporary(target), target))
            shutil.copyfile(source, staged[-1][0])
        papers_temp = _temporary(output)
        staged.append((papers_temp, output))
        papers_temp.write_text(text, encoding="utf-8", newline="\n")
        for temp, target in staged[:-1]:
            backup = _temporary(target) if target.exists() else None
            if backup:
                os.replace(target, backup)
            placed.append((target, backup))
            os.replace(temp, target)
        check(papers_temp)
        os.replace(papers_temp, output)
    except BaseException:
        for target, backup in reversed(placed):
            if backup:
                os.replace(backup, target)
            else:
                target.unlink(missing_ok=True)
        for temp, _ in staged:
            temp.unlink(missing_ok=True)
        for folder in reversed(created):
            if folder.is_dir() and not any(folder.iterdir()):
                folder.rmdir()
        raise
    for _, backup in placed:
        if backup:
            backup.unlink()


def _missing_folders(folders: Iterable[Path]) -> list[Path]:
    """The folders to create, parents first."""
    missing: list[Path] = []
    for folder in sorted(folders):
        for part in reversed([folder, *folder.parents]):
            if not part.exists() and part not in missing:
                missing.append(part)
    return missing


def _temporary(target: Path) -> Path:
    """A new, empty file beside ``target``, hidden, with a name no one else uses."""
    temp = target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp")
    temp.open("xb").close()
    return temp
