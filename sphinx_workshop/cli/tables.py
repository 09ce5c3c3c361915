"""The table inside an export file, whichever of CMT's formats it comes in.

CMT offers the submissions list as tab-separated text (``Papers.txt``, UTF-8 or UTF-16), as an
Excel workbook (``.xlsx``) and as an Excel 2003 XML spreadsheet ("SpreadsheetML") that it names
``Papers.xls``. The format is read from the file's first bytes, never from its name: an export
renamed by a browser or an organizer reads the same. Every problem is a
:class:`~sphinx_workshop.data.reading.DataError` message naming the file (and the line or row).
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import warnings
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from sphinx_workshop.data.reading import DataError

#: A submissions list of a large conference is a few megabytes; anything far larger is another file.
MAX_EXPORT_BYTES = 200_000_000
#: The header row may sit below a title row or two; it is looked for this far down.
HEADER_SEARCH_ROWS = 20
#: The cell that marks the header row.
HEADER_MARK = "paper id"

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
PDF_MAGIC = b"%PDF-"
SPREADSHEET_NS = "urn:schemas-microsoft-com:office:spreadsheet"
#: Byte-order marks, longest first (a UTF-32 mark begins like a UTF-16 one).
BOMS = ((codecs.BOM_UTF32_LE, None), (codecs.BOM_UTF32_BE, None), (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))

EXPORT_AGAIN = ("in CMT, export the submissions again (Actions > Export to Excel > Submissions, or "
                "the tab-separated text export)")
UNREADABLE = ("not UTF-8 or UTF-16 text: export the papers again from CMT, or save the file as "
              "'Unicode Text' or 'UTF-8'")
BIFF = ("is an Excel 97-2003 workbook (binary .xls), which cannot be read: open it in Excel or LibreOffice "
        "and save it as 'Excel Workbook (.xlsx)' or as 'Unicode Text (.txt)', or " + EXPORT_AGAIN)


@dataclass(frozen=True)
class Row:
    #: Where the row is: its row number in a spreadsheet, the line where it starts in a text file.
    number: int
    cells: list[str]

    def is_blank(self) -> bool:
        return not any(cell.strip() for cell in self.cells)


@dataclass(frozen=True)
class Table:
    header: Row
    rows: list[Row]
    #: How a message names a row's place: "line" in a text file, "row" in a spreadsheet.
    unit: str


def read_table(path: Path, display: str) -> Table:
    """The first table of the export that has a 'Paper ID' header, from its header row on."""
    raw = _read_bytes(path, display)
    if raw.startswith(ZIP_MAGIC):
        return _xlsx(raw, display)
    if raw.startswith(OLE_MAGIC):
        raise DataError([f"{display}: {BIFF}"])
    if raw.startswith(PDF_MAGIC):
        raise DataError([f"{display}: is a PDF file, not the submissions list: {EXPORT_AGAIN}"])
    text = decode(raw, display)
    if text.lstrip("\ufeff \t\r\n").startswith("<"):
        return _spreadsheet_ml(text, display)
    return _tab_separated(text, display)


def _read_bytes(path: Path, display: str) -> bytes:
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise IsADirectoryError
        if size > MAX_EXPORT_BYTES:
            raise DataError([f"{display}: is {size:,} bytes, far larger than any CMT export "
                             f"(at most {MAX_EXPORT_BYTES:,}): check that the right file is named"])
        return path.read_bytes()
    except FileNotFoundError:
        raise DataError([f"{display}: file not found"]) from None
    except IsADirectoryError:
        raise DataError([f"{display}: is a folder, not the exported submissions list"]) from None
    except OSError as exc:
        raise DataError([f"{display}: cannot be read ({exc.strerror})"]) from None


def decode(raw: bytes, display: str) -> str:
    """The text: a byte-order mark says the encoding; else NUL bytes betray UTF-16; else it must be UTF-8."""
    for bom, codec in BOMS:
        if raw.startswith(bom):
            if codec is None:
                raise DataError([f"{display}:1: {UNREADABLE}"])
            return _strict(raw, codec, display)
    if b"\0" in raw:  # UTF-16 without a mark: in Latin text, every other byte is zero
        little_endian = raw[1::2].count(0) >= raw[0::2].count(0)
        return _strict(raw, "utf-16-le" if little_endian else "utf-16-be", display)
    return _strict(raw, "utf-8", display)


def _strict(raw: bytes, codec: str, display: str) -> str:
    """Decode, refusing any byte that is not text (a NUL means the guess of encoding was wrong)."""
    try:
        text = raw.decode(codec)
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].decode(codec, errors="replace").count("\n") + 1
        raise DataError([f"{display}:{line}: {UNREADABLE}"]) from None
    if "\0" in text:
        line = text[: text.index("\0")].count("\n") + 1
        raise DataError([f"{display}:{line}: {UNREADABLE}"])
    return text


def _tab_separated(text: str, display: str) -> Table:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter="\t")
    rows = []
    try:
        start = 1
        for cells in reader:
            rows.append(Row(start, cells))
            start = reader.line_num + 1
    except csv.Error as exc:
        raise DataError([f"{display}:{reader.line_num}: cannot be read as a tab-separated table ({exc})"]) from None
    return _from_header(rows, "line", display)


def _xlsx(raw: bytes, display: str) -> Table:
    """An Excel workbook, read as values (never formulas), one row at a time."""
    import openpyxl  # only an .xlsx export needs it (and it is slow to import)

    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            is_workbook = "xl/workbook.xml" in archive.namelist()
        if not is_workbook:
            raise DataError([f"{display}: is a zip archive, not an Excel workbook: give the submissions list "
                             "exported from CMT (camera-ready zips go after --camera-ready)"])
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)  # openpyxl's remarks on styles, which are not read
            workbook = openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
            try:
                return _first_with_header([_xlsx_rows(sheet) for sheet in workbook.worksheets], "row", display)
            finally:
                workbook.close()
    except DataError:
        raise
    except Exception as exc:  # a damaged workbook fails anywhere in openpyxl, with any exception: all mean the same
        raise DataError([f"{display}: cannot be read as an Excel workbook (.xlsx): {exc}; {EXPORT_AGAIN}"]) from None


def _xlsx_rows(sheet) -> Callable[[], Iterator[Row]]:
    def rows() -> Iterator[Row]:
        sheet.reset_dimensions()  # the size a workbook declares may be wrong: read every row there is
        for number, cells in enumerate(sheet.iter_rows(values_only=True), start=1):
            yield Row(number, [cell_text(value) for value in cells])
    return rows


def cell_text(value: object) -> str:
    """A spreadsheet value as the text export would show it: 12, not 12.0."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    return str(value)


def _spreadsheet_ml(text: str, display: str) -> Table:
    """Excel 2003 XML, parsed with entity expansion and DTDs refused (an export never has them)."""
    from xml.etree.ElementTree import ParseError

    import defusedxml.ElementTree as SafeTree
    from defusedxml import DefusedXmlException

    if SPREADSHEET_NS not in text[:4096]:
        raise DataError([f"{display}: is a web page or another XML file, not CMT's submissions list: "
                         f"{EXPORT_AGAIN}"])
    try:
        workbook = SafeTree.fromstring(text, forbid_dtd=True)
    except ParseError as exc:
        raise DataError([f"{display}:{exc.position[0]}: cannot be read as an Excel 2003 XML spreadsheet "
                         f"({exc}); {EXPORT_AGAIN}"]) from None
    except DefusedXmlException:
        raise DataError([f"{display}: declares a DTD or XML entities, which no CMT export has: "
                         f"{EXPORT_AGAIN}"]) from None
    sheets = [_ml_rows(sheet) for sheet in workbook.iter(_ss("Worksheet"))]
    return _first_with_header(sheets, "row", display)


def _ss(name: str) -> str:
    return f"{{{SPREADSHEET_NS}}}{name}"


def _ml_rows(sheet) -> Callable[[], Iterator[Row]]:
    """The rows of one worksheet; ``ss:Index`` skips rows and cells, ``ss:MergeAcross`` spans cells."""
    def rows() -> Iterator[Row]:
        number = 0
        for row in sheet.iter(_ss("Row")):
            number = _index(row, number + 1)
            cells: list[str] = []
            for cell in row.iter(_ss("Cell")):
                column = _index(cell, len(cells) + 1)
                cells += [""] * (column - 1 - len(cells))
                data = cell.find(_ss("Data"))
                cells.append("" if data is None else _ml_value(data))
                cells += [""] * _int(cell.get(_ss("MergeAcross")), 0)
            yield Row(number, cells)
    return rows


def _ml_value(data) -> str:
    """The cell's text; a whole number written ``12.0`` reads ``12``, as in the other formats."""
    text = "".join(data.itertext())  # rich text (ss:Data with html:B ...) is plain text here
    if data.get(_ss("Type")) == "Number":
        try:
            number = float(text)
        except ValueError:
            return text
        if number.is_integer():
            return str(int(number))
    return text


def _index(element, default: int) -> int:
    return max(_int(element.get(_ss("Index")), default), default)


def _int(text: str | None, default: int) -> int:
    try:
        return int(text) if text is not None else default
    except ValueError:
        return default


def _first_with_header(sheets: Iterable[Callable[[], Iterator[Row]]], unit: str, display: str) -> Table:
    """The first worksheet with a 'Paper ID' header; else the first one (whose columns the message lists)."""
    tables = [_from_header(list(rows()), unit, display) for rows in sheets]
    if not tables:
        raise DataError([f"{display}: the workbook has no worksheet: {EXPORT_AGAIN}"])
    return next((t for t in tables if any(_is_mark(c) for c in t.header.cells)), tables[0])


def _from_header(rows: list[Row], unit: str, display: str) -> Table:
    filled = [row for row in rows if not row.is_blank()]
    if not filled:
        raise DataError([f"{display}:1: the export is empty: {EXPORT_AGAIN}"])
    header = next((row for row in filled[:HEADER_SEARCH_ROWS] if any(_is_mark(c) for c in row.cells)), filled[0])
    return Table(header, [row for row in filled if row.number > header.number], unit)


def _is_mark(cell: str) -> bool:
    return " ".join(cell.replace("\ufeff", "").split()).casefold() == HEADER_MARK
