"""The camera-ready PDFs that CMT's "Download Files" gives, unpacked or as the zip itself.

CMT names each file ``<paper id>\\CameraReady\\<the author's file name>``, with backslashes. Unpacked
on Linux or macOS, the backslashes stay in the file's *name* (``58\\CameraReady\\paper.pdf``, one file);
unpacked on Windows they become folders (``58/CameraReady/paper.pdf``). A large download comes as
several zips. The older layouts ``<id>.pdf`` and ``<id>/<one>.pdf`` are read as well, and so is the
zip itself (nothing is unpacked: the chosen PDF is copied straight from it).

A paper may have several PDFs: the paper, and supplementary material, a copyright form, a poster.
The paper is the PDF in the paper's ``CameraReady`` folder; PDFs in a folder named as supplementary
material (``Supplementary``, ``Supplementary Material``, ``CameraReadySupplementary`` ...) are never
the paper; among several PDFs in one folder, those whose names say what else they are (``-supp``,
``appendix``, ``permission``, ``copyright``, ``poster``, ``slides`` ...) are set aside. When that still
leaves more than one, the organizer is asked to choose, with the files named.
"""

from __future__ import annotations

import lzma
import os
import re
import shutil
import zipfile
import zlib
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from sphinx_workshop.cli.tables import PDF_MAGIC
from sphinx_workshop.data.reading import DataError, display_path

#: Far above any camera-ready PDF (CMT's own upload limits are tens of megabytes).
MAX_PDF_BYTES = 100_000_000
#: Far above the files of any conference's download.
MAX_FILES = 20_000
#: Folder entries that file managers and archivers leave behind.
IGNORED_NAMES = {"Thumbs.db", "desktop.ini", "__MACOSX"}
READABLE_COMPRESSION = {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA}
#: Words that mark a folder or a file as supplementary material.
SUPPLEMENT_WORDS = {"supp", "suppl", "suppmat", "supplement", "supplements", "supplementary", "supplemental"}
#: Words that mark a file as something other than the paper.
EXTRA_WORDS = SUPPLEMENT_WORDS | {"appendix", "appendices", "permission", "copyright", "license", "licence",
                                  "consent", "agreement", "poster", "slides"}
HOW_TO_NAME = "name each PDF by its paper id, like 12.pdf or 12/paper.pdf, as CMT's download does"

_WORDS = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+")
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f]")


@dataclass(frozen=True)
class PdfFile:
    """One PDF of the download: a file in a folder, or an entry of a zip."""

    #: The folder or zip, as messages name it.
    source: str
    #: The file's name inside it, as written: ``58\\CameraReady\\paper.pdf`` or ``58/CameraReady/paper.pdf``.
    name: str
    #: Its place in the download, split at ``/`` and ``\\`` alike: ``("58", "CameraReady", "paper.pdf")``.
    parts: tuple[str, ...]
    size: int
    path: Path
    member: str | None = None

    @property
    def label(self) -> str:
        """``CameraReady/58/CameraReady/paper.pdf``, or ``CameraReadys.zip (58\\CameraReady\\paper.pdf)``."""
        return f"{self.source}/{self.name}" if self.member is None else f"{self.source} ({self.name})"

    @contextmanager
    def open(self) -> Iterator[BinaryIO]:
        """The file's bytes; a damaged zip entry (a wrong checksum, say) is a problem, not a crash."""
        with ExitStack() as stack:
            try:
                if self.member is None:
                    file = stack.enter_context(self.path.open("rb"))
                else:
                    archive = stack.enter_context(zipfile.ZipFile(self.path))
                    file = stack.enter_context(archive.open(self.member))
            except (zipfile.BadZipFile, OSError) as exc:
                raise DataError([f"{self.label}: cannot be read ({getattr(exc, 'strerror', None) or exc})"]) from None
            try:
                yield file
            except (zipfile.BadZipFile, zlib.error, lzma.LZMAError, EOFError) as exc:
                raise DataError([f"{self.label}: is damaged in the zip ({exc}): download it again"]) from None

    def looks_like_pdf(self) -> bool:
        with self.open() as file:
            return PDF_MAGIC in file.read(1024)

    def copy_to(self, target: Path) -> None:
        with self.open() as source, target.open("wb") as copy:
            shutil.copyfileobj(source, copy)

    def same_as(self, target: Path) -> bool:
        """Whether ``target`` already holds exactly these bytes."""
        if not target.is_file() or target.stat().st_size != self.size:
            return False
        with self.open() as source, target.open("rb") as other:
            while chunk := source.read(1 << 20):
                if chunk != other.read(len(chunk)):
                    return False
        return True


@dataclass(frozen=True)
class CameraReady:
    #: The PDF to link, by paper id.
    pdfs: dict[str, PdfFile]
    #: Remarks for the report: which files were set aside, which papers were left out.
    notes: list[str]


def camera_ready(sources: Iterable[Path], root: Path, *, papers: Iterable[str], left_out: Mapping[str, str],
                 settled: Mapping[str, str], export_display: str) -> CameraReady:
    """Choose each paper's camera-ready PDF; raise every problem at once.

    ``papers`` may get a PDF; the PDFs of ``left_out`` papers (id → why) are reported and not used;
    ``settled`` papers (id → their ``pdf``, set by hand) keep theirs. Any other PDF is a problem.
    """
    problems: list[str] = []
    files: list[PdfFile] = []
    for source in sources:
        listed, found_problems = list_pdfs(source, root)
        files += listed
        problems += found_problems
    wanted = set(papers)
    by_paper, unknown = _by_paper(files, wanted | set(left_out))
    problems += [f"{f.label}: matches no paper in {export_display} or the papers file ({HOW_TO_NAME})"
                 for f in unknown]
    pdfs: dict[str, PdfFile] = {}
    notes: list[str] = []
    for ident, candidates in by_paper.items():
        if ident in left_out:
            notes.append(f"left out the camera-ready files of paper {ident}: {left_out[ident]}")
        elif ident in settled:
            notes.append(f"left alone the PDF of paper {ident}: 'pdf' is set by hand to {settled[ident]!r}")
        else:
            chosen = _choose(ident, candidates, notes, problems)
            if chosen is not None and _check(chosen, problems):
                pdfs[ident] = chosen
    if problems:
        raise DataError(problems)
    return CameraReady(pdfs, notes)


def list_pdfs(source: Path, root: Path) -> tuple[list[PdfFile], list[str]]:
    """Every PDF of a folder or zip, with the problems met on the way (unsafe names, encryption)."""
    display = printable(display_path(source, root))
    if source.is_dir():
        return _folder_pdfs(source, root, display), []
    if not source.exists():
        raise DataError([f"{display}: folder or zip file not found"])
    if not zipfile.is_zipfile(source):
        raise DataError([f"{display}: is neither a folder nor a zip file: give the folder of unpacked "
                         "camera-ready files, or the zip downloaded from CMT"])
    return _zip_pdfs(source, display)


def _folder_pdfs(folder: Path, root: Path, display: str) -> list[PdfFile]:
    files = []
    for top, folders, names in os.walk(folder):
        folders[:] = sorted(name for name in folders if not _ignored(name))
        for name in sorted(names):
            path = Path(top, name)
            parts = tuple(part for p in path.relative_to(folder).parts for part in p.split("\\"))
            if any(_ignored(part) for part in parts) or not _is_pdf_name(parts[-1]) or not path.is_file():
                continue
            name = printable(path.relative_to(folder).as_posix())
            files.append(PdfFile(display, name, parts, path.stat().st_size, path))
            if len(files) > MAX_FILES:
                raise DataError([f"{display}: holds more than {MAX_FILES:,} PDF files: is this the camera-ready "
                                 "download?"])
    return files


def _zip_pdfs(archive_path: Path, display: str) -> tuple[list[PdfFile], list[str]]:
    try:
        with zipfile.ZipFile(archive_path) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, OSError) as exc:
        raise DataError([f"{display}: cannot be read as a zip file ({exc}): download it again"]) from None
    if len(entries) > MAX_FILES:
        raise DataError([f"{display}: holds {len(entries):,} files, more than any camera-ready download "
                         f"(at most {MAX_FILES:,})"])
    files, problems = [], []
    for entry in entries:
        parts = tuple(part for part in re.split(r"[/\\]", entry.filename) if part)
        name = printable(entry.filename)
        label = f"{display} ({name})"
        if entry.is_dir() or not parts or not _is_pdf_name(parts[-1]):
            continue
        if entry.filename.startswith(("/", "\\")) or ".." in parts or ":" in parts[0]:
            problems.append(f"{label}: a name that points outside the zip; CMT's downloads never have one")
        elif any(_ignored(part) for part in parts):
            continue
        elif entry.flag_bits & 0x1:
            problems.append(f"{label}: is encrypted; download the camera-ready files from CMT again")
        elif entry.compress_type not in READABLE_COMPRESSION:
            problems.append(f"{label}: is compressed in a way that cannot be read here; unpack the zip and give "
                            "the folder instead")
        else:
            files.append(PdfFile(display, name, parts, entry.file_size, archive_path, entry.filename))
    return files, problems


def printable(text: str) -> str:
    """A name as a message may show it: control characters (a line break in a zip entry) as ``?``."""
    return _UNPRINTABLE.sub("?", text)


def _ignored(name: str) -> bool:
    return name.startswith(".") or name in IGNORED_NAMES


def _is_pdf_name(name: str) -> bool:
    return name.lower().endswith(".pdf")


def _by_paper(files: Iterable[PdfFile], known: set[str]) -> tuple[dict[str, list[PdfFile]], list[PdfFile]]:
    """Each file's paper: the first folder named by a paper id, else a file name ``<id>.pdf``."""
    by_paper: dict[str, list[PdfFile]] = defaultdict(list)
    unknown = []
    for file in files:
        ident = next((part for part in file.parts[:-1] if part in known), None)
        if ident is None and file.parts[-1][:-4] in known:
            ident = file.parts[-1][:-4]
        if ident is None:
            unknown.append(file)
        else:
            by_paper[ident].append(file)
    return by_paper, unknown


def _folders(file: PdfFile, ident: str) -> tuple[str, ...]:
    """The folders between the paper's id and the file: ``("CameraReady",)``."""
    parts = file.parts[:-1]
    return parts[parts.index(ident) + 1:] if ident in parts else ()


def _words(name: str) -> set[str]:
    return {word.lower() for word in _WORDS.findall(name)}


def _rank(file: PdfFile, ident: str) -> int | None:
    """0 in a CameraReady folder, 1 right under the paper's id, 2 in another folder; None for supplements."""
    folders = _folders(file, ident)
    if any(_words(folder) & SUPPLEMENT_WORDS for folder in folders):
        return None
    if not folders:
        return 1
    return 0 if re.sub(r"[^a-z]", "", folders[0].lower()) == "cameraready" else 2


def _choose(ident: str, files: list[PdfFile], notes: list[str], problems: list[str]) -> PdfFile | None:
    ranked = [(rank, file) for file in files if (rank := _rank(file, ident)) is not None]
    if not ranked:
        return None  # supplementary material only: no camera-ready paper yet
    best = min(rank for rank, _ in ranked)
    candidates = [file for rank, file in ranked if rank == best]
    if len(candidates) == 1:
        return candidates[0]
    papers = [file for file in candidates if not _words(file.parts[-1][:-4]) & EXTRA_WORDS]
    if len(papers) == 1:
        aside = ", ".join(file.label for file in candidates if file is not papers[0])
        notes.append(f"paper {ident}: took {papers[0].label} as the paper; set aside {aside} (named as "
                     "supplementary material, a form, a poster or slides)")
        return papers[0]
    sources = sorted({file.source for file in candidates})
    listed = ", ".join(file.name if len(sources) == 1 else file.label for file in candidates)
    problems.append(f"{', '.join(sources)}: paper {ident} has several camera-ready PDFs ({listed}) and none is "
                    "clearly the paper: keep only the paper's (unpack a zip first), or set the paper's 'pdf' in "
                    "the papers file by hand")
    return None


def _check(file: PdfFile, problems: list[str]) -> bool:
    if file.size > MAX_PDF_BYTES:
        problems.append(f"{file.label}: is {file.size:,} bytes, more than any camera-ready PDF "
                        f"(at most {MAX_PDF_BYTES:,})")
        return False
    try:
        looks_like_pdf = file.looks_like_pdf()
    except DataError as error:
        problems += error.messages
        return False
    if not looks_like_pdf:
        problems.append(f"{file.label}: not a PDF file (it does not start with %PDF-)")
    return looks_like_pdf
