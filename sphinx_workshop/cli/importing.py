"""Bringing the papers file up to date with an export, keeping what organizers edited by hand.

The export is CMT's (:mod:`~sphinx_workshop.cli.cmt`) or OpenReview's
(:mod:`~sphinx_workshop.cli.openreview`), read into an :class:`~sphinx_workshop.cli.cmt.Export`.
The rule, matching papers by id, for the papers the export chooses (CMT's rows whose status is
chosen, the accepted ones unless ``--status`` says otherwise; OpenReview's notes accepted in the venue):

* a paper in the export and not yet in the file is added at the end, in export order, with its id,
  title, authors, presenter, keywords and abstract (and, from OpenReview, its PDF link and spotlight);
* a paper already in the file keeps every value the file gives it. Where one of the fields the
  export gives differs, the difference is reported as left alone; ``--update ID`` (or
  ``--update-all``) takes the export's values for that paper. CMT's export never touches
  ``spotlight`` or ``pdf``;
* a paper in the file and not among the chosen rows is kept and reported: loudly, as a warning,
  when the export gives it another status (withdrawn after acceptance), because it is still public;
  ``--remove-missing`` removes it;
* a camera-ready PDF is copied to ``<pdf-dir>/<id>.pdf`` beside the file and linked, unless the
  paper's ``pdf`` was set by hand to something else.

The file is edited in place (comments, order and quoting survive), and written only when something
changed: a second run with the same export changes nothing. Every file is written under a temporary
name and renamed into place once the new papers file passes the build's own check, so a failure
leaves every file as it was.
"""

from __future__ import annotations

import io
import os
import secrets
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, LiteralScalarString

from sphinx_workshop.cli.camera_ready import PdfFile, camera_ready
from sphinx_workshop.cli.cmt import (
    Export,
    StatusChoice,
    Submission,
    UsageError,
    id_as_written,
    read_export,
)
from sphinx_workshop.data.loading import load_papers
from sphinx_workshop.data.model import Paper, PapersFile
from sphinx_workshop.data.reading import DataError, Loc, display_path

__all__ = ["Options", "Report", "UsageError", "import_cmt", "import_export"]

NEW_FILE_COMMENT = (
    "Accepted papers, imported from {source} with `sphinx-workshop {command}`.\n"
    "Edit freely: importing again adds new papers and leaves your edits alone (see CONTRIBUTING.md)."
)
#: The fields that can come from an export (each export says which it gives); the others are the organizers' alone.
EXPORTED_FIELDS = ("title", "authors", "presenter", "keywords", "abstract", "pdf", "spotlight")
#: Where a key goes when it is added to a paper: after the keys before it in this order.
KEY_ORDER = ("id", "title", "authors", "presenter", "pdf", "spotlight", "keywords", "abstract")


@dataclass
class Report:
    """What the import did (or, in a dry run, would do), one line per paper or PDF."""

    lines: list[str] = field(default_factory=list)
    #: What the organizers must act on though the import succeeded: a withdrawn paper still listed.
    warnings: list[str] = field(default_factory=list)
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
    #: Which rows of the export become papers, by their status.
    statuses: StatusChoice = StatusChoice()
    remove_missing: bool = False
    #: The folder for camera-ready PDFs, relative to the papers file.
    pdf_dir: str = "papers"
    dry_run: bool = False


def import_cmt(export_path: Path, output: Path, root: Path, *, camera_ready_from: Sequence[Path] = (),
               options: Options = Options()) -> Report:
    """Read the export (and camera-ready PDFs), update the papers file, and say what changed."""
    export = read_export(export_path, root, options.statuses)
    return import_export(export, output, root, camera_ready_from=camera_ready_from, options=options)


def import_export(export: Export, output: Path, root: Path, *, camera_ready_from: Sequence[Path] = (),
                  options: Options = Options()) -> Report:
    """Update the papers file from an export already read (CMT's, OpenReview's), and say what changed."""
    current = load_current(output, root, NEW_FILE_COMMENT.format(source=export.source, command=export.command))
    _check_ids(options, export)
    submissions = [s for s in export.submissions if s.id not in options.skip]
    report = Report(lines=[*export.summary, *(line for line in [export.skipped_line()] if line)])
    report.lines += [*export.notes, *(f"skipped paper {i} (--skip)" for i in sorted(options.skip))]
    papers = current.papers_seq()
    gone = merge(papers, current, submissions, export, options, report, display_path(output, root))
    copies: dict[Path, PdfFile] = {}
    if camera_ready_from:
        link = _link_for(options.pdf_dir)
        settled = {str(item["id"]): item["pdf"] for item in papers if item.get("pdf") not in (None, link(item))}
        left_out = {**{i: f"its status is {s!r}" for i, s in export.not_chosen.items()},
                    **{i: "skipped with --skip" for i in options.skip}, **gone}
        wanted = [str(item["id"]) for item in papers if str(item["id"]) not in left_out]
        found = camera_ready(camera_ready_from, root, papers=wanted, left_out=left_out, settled=settled,
                             export_display=export.display)
        report.lines += found.notes
        copies = link_pdfs(papers, found.pdfs, output, options.pdf_dir, root, report)
    if not report.changed:
        report.lines.append(f"{display_path(output, root)}: nothing to change ({len(papers)} papers)")
        return report
    if not options.dry_run:
        write_together(dump(current.doc), output, copies, lambda temp: _validate(temp, output, root))
        report.written = True
    return report


@dataclass
class Current:
    """The papers file as the build reads it (``model``, ``lines``) and as an editable YAML tree (``doc``)."""

    model: PapersFile
    doc: CommentedMap
    lines: Mapping[Loc, int] = field(default_factory=dict)

    def papers_seq(self) -> CommentedSeq:
        papers = self.doc.get("papers")
        if not isinstance(papers, CommentedSeq):
            papers = self.doc["papers"] = CommentedSeq()
        papers.fa.set_block_style()
        return papers

    def by_id(self) -> dict[str, tuple[Paper, CommentedMap]]:
        """Each paper of the file, validated and editable; both lists are the file's list, in order."""
        return {paper.id: (paper, item) for paper, item in zip(self.model.papers, self.papers_seq(), strict=True)}

    def line_of(self, ident: str) -> int:
        index = next(i for i, paper in enumerate(self.model.papers) if paper.id == ident)
        return self.lines.get(("papers", index), 1)


def load_current(output: Path, root: Path,
                 comment: str = NEW_FILE_COMMENT.format(source="CMT", command="import-cmt")) -> Current:
    """The papers file, which must pass the build's check first; a new one with ``comment`` if there is none."""
    if not output.exists():
        doc = CommentedMap()
        doc.yaml_set_start_comment(comment)
        return Current(PapersFile(), doc)
    checked = load_papers(output, root)
    try:
        doc = _yaml().load(output.read_text(encoding="utf-8-sig"))
    except YAMLError as exc:
        raise DataError([f"{display_path(output, root)}: cannot be edited: {exc}"]) from None
    return Current(checked.model, doc, checked.lines)


def _check_ids(options: Options, export: Export) -> None:
    imported = {s.id for s in export.submissions}
    for ident in sorted(options.update - imported):
        if ident in export.not_chosen:
            raise UsageError(f"--update {ident}: paper {ident} is not imported: its status is "
                             f"{export.not_chosen[ident]!r} ({export.choice_hint})")
        raise UsageError(f"--update {ident}: the export has no paper {ident}")
    if unknown := sorted(options.skip - export.ids):
        raise UsageError(f"--skip {', '.join(unknown)}: the export has no paper {', '.join(unknown)}")


def merge(papers: CommentedSeq, current: Current, submissions: list[Submission], export: Export,
          options: Options, report: Report, output_display: str) -> dict[str, str]:
    """Add new papers, update those asked for, report differences and papers not imported.

    Returns the papers removed (id → why), whose camera-ready files are then left out.
    """
    existing = current.by_id()
    for submission in submissions:
        if submission.id not in existing:
            papers.append(new_entry(submission))
            report.added += 1
            report.lines.append(f"added paper {submission.id}: {submission.title}")
            continue
        paper, item = existing[submission.id]
        fields = differences(paper, submission, export.fields)
        if not fields:
            continue
        if options.update_all or submission.id in options.update:
            take_from_export(item, submission, fields)
            report.updated += 1
            report.lines.append(f"updated paper {submission.id} from the export: {', '.join(fields)}")
        else:
            report.left_alone += 1
            report.lines += _left_alone(paper, submission, fields)
    imported = {s.id for s in submissions}
    removed = {}
    for ident in [i for i in existing if i not in imported]:
        why = _why_not_imported(ident, export, options)
        if options.remove_missing:
            papers.remove(existing[ident][1])
            removed[ident] = "removed from the papers file"
            report.removed += 1
            report.lines.append(f"removed paper {ident}: {why}" + _unlinked_pdf(existing[ident][0], output_display))
        elif ident in export.not_chosen:
            report.warnings.append(
                f"{output_display}:{current.line_of(ident)}: paper {ident} is still listed, so it is still public, "
                f"but {why} in {export.display}: remove it from the file, or import with --remove-missing")
        else:
            report.lines.append(f"kept paper {ident}: {why} (--remove-missing removes it)")
    return removed


def _why_not_imported(ident: str, export: Export, options: Options) -> str:
    if ident in options.skip:
        return "skipped with --skip"
    if ident in export.not_chosen:
        return f"its status is {export.not_chosen[ident]!r}"
    return "not in the export"


def _unlinked_pdf(paper: Paper, output_display: str) -> str:
    """A removed paper's PDF file stays in the repository: say so, so that it can be deleted too."""
    if paper.pdf is None or "://" in paper.pdf:
        return ""
    pdf = (Path(output_display).parent / paper.pdf).as_posix()
    return f"; its PDF {pdf} is no longer linked (delete the file if it should not stay in the repository)"


def _values(paper: Paper | Submission) -> dict[str, object]:
    """The exported fields as the papers file means them (no presenter given: the first author)."""
    presenter = paper.presenter or paper.authors[0]
    return {"title": paper.title, "authors": list(paper.authors), "presenter": presenter,
            "keywords": list(paper.keywords), "abstract": paper.abstract, "pdf": paper.pdf,
            "spotlight": paper.spotlight}


def differences(paper: Paper, submission: Submission, fields: Iterable[str]) -> list[str]:
    """The exported fields on which the file and the export disagree, in the order of EXPORTED_FIELDS."""
    mine, theirs = _values(paper), _values(submission)
    given = set(fields)
    return [name for name in EXPORTED_FIELDS if name in given and mine[name] != theirs[name]]


def _left_alone(paper: Paper, submission: Submission, fields: Iterable[str]) -> list[str]:
    mine, theirs = _values(paper), _values(submission)
    hint = f"(--update {paper.id} takes the export's)"
    lines = []
    for name in fields:
        if name == "abstract":
            lines.append(f"left alone paper {paper.id}: {_abstracts(mine[name], theirs[name])} {hint}")
        else:
            lines.append(f"left alone paper {paper.id}: {name} {_shown(mine[name])} in the file, "
                         f"{_shown(theirs[name])} in the export {hint}")
    return lines


def _abstracts(mine: object, theirs: object) -> str:
    """Abstracts are long: the report says how they differ, not what they say."""
    if mine is None:
        return "no abstract in the file, one in the export"
    if theirs is None:
        return "an abstract in the file, none in the export"
    return "the abstract in the file differs from the export's"


def _shown(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "none"
    if isinstance(value, list):
        return repr("; ".join(value)) if value else "none"
    return repr(value)


def new_entry(submission: Submission) -> CommentedMap:
    entry = CommentedMap()
    ident = id_as_written(submission.id)
    entry["id"] = ident if isinstance(ident, int) else _text(ident)
    entry["title"] = _text(submission.title)
    entry["authors"] = _names(submission.authors, flow=False)
    if submission.presenter:
        entry["presenter"] = _text(submission.presenter)
    if submission.pdf:
        entry["pdf"] = _text(submission.pdf)
    if submission.spotlight:
        entry["spotlight"] = True
    if submission.keywords:
        entry["keywords"] = _names(submission.keywords, flow=False)
    if submission.abstract:
        entry["abstract"] = LiteralScalarString(submission.abstract)
    return entry


def take_from_export(item: CommentedMap, submission: Submission, fields: Iterable[str]) -> None:
    """Overwrite the given fields, keeping the file's layout of lists; an empty value removes the key."""
    for name in fields:
        if name == "title":
            _put(item, "title", _text(submission.title))
        elif name == "authors":
            _put(item, "authors", _names(submission.authors, flow=_is_flow(item.get("authors"))))
        elif name == "presenter":
            _put(item, "presenter", submission.presenter and _text(submission.presenter))
        elif name == "keywords":
            _put(item, "keywords", submission.keywords and _names(submission.keywords,
                                                                  flow=_is_flow(item.get("keywords"))))
        elif name == "abstract":
            _put(item, "abstract", submission.abstract and LiteralScalarString(submission.abstract))
        elif name == "pdf":
            _put(item, "pdf", submission.pdf and _text(submission.pdf))
        elif name == "spotlight":
            _put(item, "spotlight", submission.spotlight)


def _put(item: CommentedMap, key: str, value: object) -> None:
    """Set ``key``, or remove it when ``value`` is empty; a new key goes to its place in KEY_ORDER."""
    if not value:
        item.pop(key, None)
    elif key in item:
        item[key] = value
    else:
        before = KEY_ORDER[: KEY_ORDER.index(key)]
        position = max((index + 1 for index, name in enumerate(item) if name in before), default=0)
        item.insert(position, key, value)


def _is_flow(value: object) -> bool:
    return isinstance(value, CommentedSeq) and value.fa.flow_style()


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


def _link_for(pdf_dir: str) -> Callable[[CommentedMap], str]:
    """The ``pdf`` value the import writes for a paper: ``papers/12.pdf``."""
    return lambda item: f"{pdf_dir}/{item['id']}.pdf"


def link_pdfs(papers: CommentedSeq, found: dict[str, PdfFile], output: Path, pdf_dir: str, root: Path,
              report: Report) -> dict[Path, PdfFile]:
    """Link each camera-ready PDF; return the copies to make, ``{target: source}``."""
    copies = {}
    for item in papers:
        ident = str(item["id"])
        if ident not in found:
            continue
        source, link = found[ident], _link_for(pdf_dir)(item)
        target = output.parent / pdf_dir / f"{ident}.pdf"
        shown = display_path(target, root)
        in_place = source.same_as(target)
        if in_place and item.get("pdf") == link:
            continue
        report.pdfs += 1
        if in_place:
            report.lines.append(f"linked the PDF of paper {ident}: {shown}")
        else:
            copies[target] = source
            verb = "replaced" if target.exists() else "copied"
            report.lines.append(f"{verb} the camera-ready PDF of paper {ident}: {source.label} -> {shown}")
        _put(item, "pdf", link)
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


def write_together(text: str, output: Path, copies: Mapping[Path, PdfFile], check: Callable[[Path], None]) -> None:
    """Write the papers file and copy the PDFs so that any failure leaves every file as it was.

    Each file is written under a temporary name beside its target; the PDFs are then put in place
    (the files they replace kept aside), ``check`` reads the new papers file where it will live,
    and only then is it renamed over the old one.
    """
    created = _missing_folders({target.parent for target in copies} | {output.parent})
    staged: list[tuple[Path, Path]] = []
    placed: list[tuple[Path, Path | None]] = []
    try:
        for folder in created:
            folder.mkdir()
        for target, source in copies.items():
            staged.append((_temporary(target), target))
            source.copy_to(staged[-1][0])
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
