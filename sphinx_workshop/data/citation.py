"""How a paper is cited: its BibTeX entry and the first sentence of its abstract. Nothing here imports Sphinx.

The entry is ``@inproceedings`` with the workshop's name as ``booktitle``; every text in it is written the
way LaTeX reads it: ``&``, ``%``, ``$``, ``#``, ``_``, braces and the other special characters escaped, and
accented letters as LaTeX accents (``G{\\"o}del``), so the entry works with BibTeX as with biber. Its key is
stable: the first author's family name, the year and the paper's id (``lovelace2022-12``), which do not
change when the title does, and no two papers of one file share.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

#: Characters that mean something to LaTeX, as text.
_SPECIAL = {
    "\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#",
    "_": r"\_", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}", "<": r"\textless{}", ">": r"\textgreater{}",
}
#: Combining marks -> the LaTeX accent command that puts them on a letter.
_ACCENTS = {
    "\u0300": "`", "\u0301": "'", "\u0302": "^", "\u0303": "~", "\u0304": "=", "\u0306": "u", "\u0307": ".",
    "\u0308": '"', "\u030a": "r", "\u030b": "H", "\u030c": "v", "\u0327": "c", "\u0328": "k", "\u0323": "d",
}
#: Letters LaTeX writes with a command of their own.
_LETTERS = {"ß": r"{\ss}", "ø": r"{\o}", "Ø": r"{\O}", "æ": r"{\ae}", "Æ": r"{\AE}", "œ": r"{\oe}", "Œ": r"{\OE}",
            "ł": r"{\l}", "Ł": r"{\L}", "ı": r"{\i}", "å": r"{\aa}", "Å": r"{\AA}",
            "\u2013": "--", "\u2014": "---", "\u00a0": "~"}
_WORD = re.compile(r"[^a-z0-9]+")
#: Where a sentence ends: '.', '!' or '?' (and a closing quote or bracket), then a space and a capital or digit.
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])")
#: Abbreviations after which a '.' ends no sentence.
_ABBREVIATIONS = ("e.g", "i.e", "et al", "cf", "vs", "Fig", "Eq", "Sec", "Ref", "approx", "resp", "Dr", "Prof")


def latex_text(text: str) -> str:
    """Text as LaTeX reads it: special characters escaped, accents as LaTeX accents."""
    out: list[str] = []
    for char in unicodedata.normalize("NFC", text):
        if char in _SPECIAL:
            out.append(_SPECIAL[char])
        elif char in _LETTERS:
            out.append(_LETTERS[char])
        elif ord(char) < 128:
            out.append(char)
        else:
            out.append(_accented(char))
    return "".join(out)


def _accented(char: str) -> str:
    """``é`` -> ``{\\'e}``, ``ç`` -> ``{\\c{c}}``; a character LaTeX has no accent for stays as it is (UTF-8)."""
    base, *marks = unicodedata.normalize("NFD", char)
    if not marks or any(mark not in _ACCENTS for mark in marks) or ord(base) >= 128:
        return char
    written = base.replace("i", r"\i").replace("j", r"\j") if marks[0] in _ACCENTS else base
    for mark in marks:
        command = _ACCENTS[mark]
        written = f"\\{command}{{{written}}}" if command.isalpha() else f"\\{command}{written}"
    return "{" + written + "}"


def ascii_word(text: str) -> str:
    """Lowercase ASCII letters and digits only: ``Gödel`` -> ``godel``."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return _WORD.sub("", plain)


def citation_key(authors: Sequence[str], year: int | None, paper_id: str) -> str:
    """``lovelace2022-12``: the first author's family name (the last word of the name), the year, the id."""
    family = ascii_word(authors[0].split()[-1]) if authors else ""
    return f"{family or 'paper'}{year or ''}-{paper_id}"


def bibtex(*, key: str, title: str, authors: Sequence[str], booktitle: str, year: int | None,
           url: str | None = None) -> str:
    """The paper's ``@inproceedings`` entry, fields aligned, each value in braces."""
    fields = [("title", latex_text(title)), ("author", " and ".join(latex_text(a) for a in authors)),
              ("booktitle", latex_text(booktitle))]
    if year:
        fields.append(("year", str(year)))
    if url:
        fields.append(("url", url))
    width = max(len(name) for name, _ in fields)
    body = ",\n".join(f"  {name.ljust(width)} = {{{value}}}" for name, value in fields)
    return f"@inproceedings{{{key},\n{body}\n}}"


def first_sentence(text: str, limit: int = 200) -> str:
    """The first sentence of a text, at most ``limit`` characters (cut at a word, with an ellipsis)."""
    text = " ".join(text.split())
    for match in _SENTENCE_END.finditer(text):
        before = text[: match.start()]
        if before.endswith(_ABBREVIATIONS) or re.search(r"(?:^|\s)[A-Z]$", before):
            continue  # "et al. Then", "A. Lovelace": no end of sentence
        text = text[: match.end()]
        break
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "\u2026"
