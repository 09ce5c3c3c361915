"""Injection: every string from the data reaches every output escaped for its context.

A copy of the real project (its ``conf.py``, templates, static files and extensions: the theme,
Open Graph, sitemap, 404 page, calendars, JSON-LD, the deadline script) is given pages that show
every kind of data (people, schedule with papers, papers, dates, event JSON-LD, ``{person}``
role) and data files whose every text field is drawn by hypothesis from hostile text: markup,
quotes, ``</script>``, ``<!--``, iCalendar and JSON specials, line and paragraph separators,
bidi controls, Unicode. Each build is compared with a build of the same data shape holding
plain words:

* every output file has the same *structure* (HTML and XML elements and attribute names,
  JSON keys and types, iCalendar components and properties; other text files byte for byte):
  no text from the data became markup, an attribute, a JSON member, a calendar property or a
  file;
* every string comes back *as written* where a reader (or a machine) reads it: HTML text and
  attributes after parsing, hrefs, JSON-LD values, the deadline script's JSON, calendar values.

URL fields accept only http, https and mailto (and, for a paper's PDF or a photo, a path inside
the project): a property test over arbitrary strings checks the scheme a browser would see.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import struct
import tempfile
import zlib
from pathlib import Path
from urllib.parse import unquote, urlsplit
from xml.etree import ElementTree

import pytest
import yaml
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, Phase, event, given, settings
from hypothesis import strategies as st
from icalendar import Calendar
from sphinx.cmd.build import build_main

from sphinx_workshop.data.loading import load_papers, load_people
from sphinx_workshop.data.model import PeopleFile, trim_invisible
from sphinx_workshop.data.reading import DataError, read

PROJECT = Path(__file__).parent.parent
BASE_URL = "https://example.org/ws/"

# -- the project ----------------------------------------------------------------------------------

PAGES = {
    "index.md": """\
# Workshop

## Key dates

```{important-dates} cfp/dates.yaml
:calendar: /dates.ics
```

```{event-jsonld}
:schedule: program/schedule.yaml
:organizers: people/organizers.yaml
:speakers: people/speakers.yaml
:name: The workshop
:attendance: mixed
```

```{toctree}
:hidden:

program/index
program/papers
people/index
```
""",
    "program/index.md": """\
# Program

Chaired by {person}`s1`.

```{schedule} schedule.yaml
:calendar: program.ics
```

## Speakers

```{people} ../people/speakers.yaml
```
""",
    "program/papers.md": "# Papers\n\n```{papers} papers.yaml\n```\n",
    "people/index.md": "# People\n\n```{people} organizers.yaml\n```\n",
}
FIELDS = [  # every text field the data has, by file
    *(f"speaker{i}.{f}" for i in range(3) for f in ("name", "affiliation", "role")),
    *(f"organizer{i}.{f}" for i in range(2) for f in ("name", "affiliation")),
    "schedule.venue", *(f"entry{i}.title" for i in range(3)),
    *(f"date{i}.{f}" for i in range(2) for f in ("label", "note")),
    *(f"paper{i}.{f}" for i in range(2) for f in ("title", "author0", "author1")),
]
URL_FIELDS = ["speaker0.homepage", "entry0.link", "paper0.pdf"]


def tiny_png() -> bytes:
    raw = b"".join(b"\x00" + b"\x80\x40\x20" * 8 for _ in range(8))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 8, 8, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def make_project(dest: Path) -> Path:
    """The real project's configuration and assets, with these pages instead of the site's."""
    shutil.copytree(PROJECT, dest, symlinks=True, ignore=shutil.ignore_patterns(
        ".git", ".venv", "venv", "_build", "node_modules", "tests", "benchmarks", "*.egg-info", ".pytest_cache",
        ".hypothesis", "__pycache__", "sphinx_workshop", "tools"))
    for path in list(dest.rglob("*")):
        parts = path.relative_to(dest).parts
        if path.is_file() and not parts[0].startswith(("_", ".")) and path.suffix in (".md", ".rst", ".yaml"):
            path.unlink()
    for name, text in PAGES.items():
        (dest / name).parent.mkdir(parents=True, exist_ok=True)
        (dest / name).write_text(text, encoding="utf-8")
    (dest / "people" / "photos").mkdir(parents=True, exist_ok=True)
    (dest / "people" / "photos" / "s2.png").write_bytes(tiny_png())
    with (dest / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write("\nsmartquotes = False  # tests compare the text exactly\n")
    return dest


def write_data(src: Path, v: dict[str, str]) -> None:
    """The data files, every text field from ``v``; the same shape whatever the values."""
    def save(name: str, data: dict) -> None:
        (src / name).write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")

    speakers = []
    for i in range(3):
        person = {"id": f"s{i}", "name": v[f"speaker{i}.name"], "affiliation": v[f"speaker{i}.affiliation"],
                  "role": v[f"speaker{i}.role"]}
        if i == 0:
            person["homepage"] = v["speaker0.homepage"]
        if i == 2:
            person["photo"] = "photos/s2.png"
        speakers.append(person)
    save("people/speakers.yaml", {"people": speakers})
    save("people/organizers.yaml", {"people": [
        {"id": f"o{i}", "name": v[f"organizer{i}.name"], "affiliation": v[f"organizer{i}.affiliation"]}
        for i in range(2)]})
    entries = [
        {"start": "9:15", "end": "10:00", "kind": "keynote", "title": v["entry0.title"], "speakers": ["s0"],
         "link": v["entry0.link"]},
        {"start": "10:00", "end": "10:30", "kind": "spotlight", "title": v["entry1.title"], "papers": ["p0", "p1"]},
        {"start": "10:30", "end": "11:30", "kind": "panel", "title": v["entry2.title"], "speakers": ["s1", "s2"]},
    ]
    save("program/schedule.yaml", {"date": dt.date(2022, 7, 22), "timezone": "America/New_York",
                                   "venue": v["schedule.venue"], "people": ["../people/speakers.yaml"],
                                   "papers_file": "papers.yaml", "entries": entries})
    save("program/papers.yaml", {"papers": [
        {"id": f"p{i}", "title": v[f"paper{i}.title"], "authors": [v[f"paper{i}.author0"], v[f"paper{i}.author1"]],
         "pdf": v["paper0.pdf"] if i == 0 else "https://example.org/paper1.pdf"} for i in range(2)]})
    save("cfp/dates.yaml", {"dates": [
        {"id": "d0", "label": v["date0.label"], "date": dt.date(2022, 5, 23), "time": "23:59", "timezone": "AoE",
         "note": v["date0.note"]},
        {"id": "d1", "label": v["date1.label"], "date": dt.date(2022, 6, 10), "note": v["date1.note"]},
    ]})


def build(src: Path, out: Path) -> Path:
    """A clean build, as Read the Docs makes it (so the sitemap and Open Graph tags are there too)."""
    shutil.rmtree(out, ignore_errors=True)
    before = os.environ.get("READTHEDOCS_CANONICAL_URL")
    os.environ["READTHEDOCS_CANONICAL_URL"] = BASE_URL
    try:
        warnings = out.parent / f"{out.name}-warnings.txt"
        status = build_main(["-b", "html", "-q", "-W", "--keep-going", "-n", "-E", "-w", str(warnings),
                             "-d", str(out / ".doctrees"), str(src), str(out / "html")])
    finally:
        os.environ.pop("READTHEDOCS_CANONICAL_URL")
        if before is not None:
            os.environ["READTHEDOCS_CANONICAL_URL"] = before
    assert (status, warnings.read_text(encoding="utf-8")) == (0, "")
    return out / "html"


PLAIN = {name: f"Plain{n} words" for n, name in enumerate(FIELDS)} | {
    "speaker0.homepage": "https://example.org/home", "entry0.link": "https://example.org/slides",
    "paper0.pdf": "https://example.org/paper.pdf"}


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    return make_project(tmp_path_factory.mktemp("injection") / "site")


@pytest.fixture(scope="module")
def plain(project) -> Path:
    write_data(project, PLAIN)
    return build(project, project.parent / "plain")


# -- the structure of each kind of output ---------------------------------------------------------

def json_shape(value):
    if isinstance(value, dict):
        return {k: json_shape(v) for k, v in value.items()}
    if isinstance(value, list):
        return [json_shape(v) for v in value]
    return type(value).__name__


def html_shape(text: str) -> list:
    """Elements and attribute names in order; the shape of each JSON-LD script; other scripts as they are."""
    soup = BeautifulSoup(text, "html.parser")
    shape: list = []
    for element in soup.find_all(True):
        shape.append((element.name, tuple(sorted(element.attrs))))
        if element.name == "script" and element.get("type") == "application/ld+json":
            shape.append(json_shape(json.loads(element.string)))
        elif element.name in ("script", "style"):
            shape.append(element.string)
    return shape


def ics_shape(raw: bytes) -> list:
    return [(c.name, tuple(sorted(c.keys()))) for c in Calendar.from_ical(raw).walk()]


def xml_shape(raw: bytes) -> list:
    return [(e.tag, tuple(sorted(e.attrib))) for e in ElementTree.fromstring(raw).iter()]


DEADLINES = re.compile(r"const DEADLINES = (.*?);\n", re.S)


def script_shape(text: str):
    """The deadline script: its JSON's shape; everything around it as it is."""
    match = DEADLINES.search(text)
    if not match:
        return text
    return text[:match.start(1)], json_shape(json.loads(match[1])), text[match.end(1):]


def inventory(raw: bytes) -> list[str]:
    head, _, body = raw.partition(b"zlib.\n")
    return zlib.decompress(body).decode().splitlines()


def shape(path: Path):
    raw = path.read_bytes()
    if path.suffix == ".html":
        return html_shape(raw.decode())
    if path.suffix == ".ics":
        return ics_shape(raw)
    if path.suffix == ".xml":
        return xml_shape(raw)
    if path.name == "workshop.js":
        return script_shape(raw.decode())
    if path.name == "objects.inv":
        return [line.split(" ")[:3] for line in inventory(raw)]  # name, role, priority: no data
    if path.suffix in (".png", ".webp", ".ico", ".jpg"):
        return "image"
    if path.suffix == ".css":
        # _ext/lean_theme.py keeps the theme's rules whose class names occur as words in the pages, so
        # words of the data may keep a rule; the rules themselves come from the theme's files only.
        return "css"
    return raw


def outputs(html: Path) -> dict[str, Path]:
    return {p.relative_to(html).as_posix(): p for p in sorted(html.rglob("*")) if p.is_file()
            and p.name != ".buildinfo"}


# -- hostile text -----------------------------------------------------------------------------------

PAYLOADS = [
    "<script>alert(1)</script>", "</script><script>alert(1)</script>", "<!--", "-->", "<!--<script>",
    '"><img src=x onerror=alert(1)>', "'><svg onload=alert(1)>", "&amp;", "&lt;", "&#x3c;", "javascript:alert(1)",
    "{{ 7*7 }}", "{% raw %}", "${x}", "\\u003c/script\\u003e", "\\", '"', "'", "`", "\u2028", "\u2029",
    "\u202e", "\u200b", "\ufeff", "\r\nBEGIN:VEVENT\r\nSUMMARY:x", "\nEND:VCALENDAR", ";", ",", ":", "\\n",
    "]]>", "<![CDATA[", "*emph* **strong** [link](https://evil.example)", "{person}`s0`", "|", "#", "%s",
    "\n\n.. raw:: html\n\n   <b>", "Ωμέγα Łódź 東京 👩‍🚀", "\tTab",
]
ALPHABET = st.one_of(st.sampled_from(list("<>&\"'/=;:,.\\`{}[]()*_#|!$% -\n\t")),
                     st.characters(exclude_categories=("Cs", "Cc", "Co", "Cn")))
hostile = st.builds(lambda a, p, b: (a + p + b), st.text(ALPHABET, max_size=12), st.sampled_from(PAYLOADS),
                    st.text(ALPHABET, max_size=12)).filter(lambda s: trim_invisible(s).strip() and len(s) <= 300)
safe_urls = st.builds(lambda p, q: f"https://example.org/{p}?q={q}",
                      st.text(st.characters(exclude_categories=("Cs", "Cc", "Co", "Cn", "Zs", "Zl", "Zp")),
                              max_size=15),
                      st.sampled_from(['"><script>alert(1)</script>', "a&b=<c>", "'", "x#y", "%22%3E"]))
values = st.fixed_dictionaries({**{f: hostile for f in FIELDS}, **{f: safe_urls for f in URL_FIELDS}}).filter(
    # Two equal authors are both shown as presenting: a different shape, not an injection.
    lambda v: all(v[f"paper{i}.author0"].strip() != v[f"paper{i}.author1"].strip() for i in range(2)))


def norm(text: str) -> str:
    """Text as the page shows it: spaces collapsed, and the edges trimmed as the data model trims a value."""
    return " ".join(trim_invisible(text).split())


def texts(soup: BeautifulSoup, selector: str) -> list[str]:
    return [norm(e.get_text()) for e in soup.select(selector)]


def check_round_trip(html: Path, v: dict[str, str]) -> None:
    """Each value comes back as written, where a reader or a machine reads it."""
    s = {k: norm(x) for k, x in v.items()}
    program = BeautifulSoup((html / "program" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert texts(program, ".ws-schedule-table .ws-title") == [s[f"entry{i}.title"] for i in range(3)]
    assert texts(program, ".ws-person .ws-name") == [s[f"speaker{i}.name"] for i in range(3)]
    assert texts(program, ".ws-person .ws-affiliation") == [s[f"speaker{i}.affiliation"] for i in range(3)]
    assert texts(program, ".ws-person .ws-role") == [s[f"speaker{i}.role"] for i in range(3)]
    assert s["schedule.venue"] in norm(program.select_one(".ws-timezone").get_text())
    assert program.select_one(".ws-name a")["href"] == v["speaker0.homepage"].strip()
    assert program.select_one(".ws-schedule-table .ws-title a")["href"] == v["entry0.link"].strip()
    assert norm(program.select_one("img.ws-photo")["alt"]) == f"Photo of {s['speaker2.name']}"
    speakers = program.select(".ws-speakers a")
    assert [norm(a.get_text()) for a in speakers] == [s["speaker0.name"], s["speaker1.name"], s["speaker2.name"]]
    assert [norm(a.get("title", "")) for a in speakers] == [s["speaker0.name"], s["speaker1.name"],
                                                          s["speaker2.name"]]
    first_paragraph = program.select_one("article p")
    assert s["speaker1.name"] in norm(first_paragraph.get_text())  # the {person} role
    papers = BeautifulSoup((html / "program" / "papers.html").read_text(encoding="utf-8"), "html.parser")
    assert sorted(texts(papers, ".ws-paper-heading")) == sorted(s[f"paper{i}.title"] for i in range(2))
    assert any(a["href"] == v["paper0.pdf"].strip() for a in papers.select("article a[href]"))
    people = BeautifulSoup((html / "people" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert texts(people, ".ws-person .ws-name") == [s[f"organizer{i}.name"] for i in range(2)]
    home = BeautifulSoup((html / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert texts(home, ".ws-date-label") == [s["date0.label"], s["date1.label"]]
    assert texts(home, ".ws-date-note") == [s["date0.note"], s["date1.note"]]
    # JSON-LD: parsed by a search engine, the names are the data's.
    event_data = json.loads(home.find("script", type="application/ld+json").string)
    assert [norm(p["name"]) for p in event_data["performer"]] == [s[f"speaker{i}.name"] for i in range(3)]
    assert [norm(p["affiliation"]["name"]) for p in event_data["organizer"]] == [
        s[f"organizer{i}.affiliation"] for i in range(2)]
    assert norm(event_data["location"]["name"]) == s["schedule.venue"]
    # The deadline script's JSON.
    deadlines = json.loads(DEADLINES.search((html / "_static" / "workshop.js").read_text(encoding="utf-8"))[1])
    assert sorted(norm(d["label"]) for d in deadlines) == sorted([s["date0.label"], s["date1.label"]])
    # Calendars: a calendar program reads the values back.
    program_ics = Calendar.from_ical((html / "program" / "program.ics").read_bytes())
    events = program_ics.walk("VEVENT")
    assert len(events) == 3
    assert all(s[f"entry{i}.title"] in norm(str(e["SUMMARY"])) for i, e in enumerate(events))
    assert all(norm(str(e["LOCATION"])) == s["schedule.venue"] for e in events)
    assert s["speaker0.affiliation"] in norm(str(events[0]["DESCRIPTION"]))
    dates_ics = Calendar.from_ical((html / "dates.ics").read_bytes())
    assert [s[f"date{i}.label"] in norm(str(e["SUMMARY"])) for i, e in enumerate(dates_ics.walk("VEVENT"))] == \
        [True, True]


def no_raw_markup(html: Path) -> None:
    """Belt and braces: no data-made element, and no script content that could end its element."""
    for page in html.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "alert(1)</script>" not in text, page
        assert "<svg onload" not in text and "<img src=x" not in text, page
        for script in re.findall(r"<script[^>]*>(.*?)</script>", text, flags=re.S):
            assert "<!--" not in script and "<script" not in script.lower(), page


# Each example is a full build (about half a second): few examples, each with ~30 hostile strings; no shrinking
# (a failure prints the whole example, and shrinking would cost a build per step).
@settings(max_examples=25, deadline=None, phases=[Phase.explicit, Phase.reuse, Phase.generate],
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
                                 HealthCheck.filter_too_much, HealthCheck.data_too_large])
@given(v=values)
def test_every_data_string_is_escaped_in_every_output(project, plain, v):
    write_data(project, v)
    html = build(project, project.parent / "hostile")
    expected, found = outputs(plain), outputs(html)
    assert sorted(found) == sorted(expected), "the data made or removed output files"
    for name, path in found.items():
        assert shape(path) == shape(expected[name]), f"{name}: data changed the structure of the output"
    check_round_trip(html, v)
    no_raw_markup(html)


def test_a_name_cannot_add_entries_to_the_inventory(project, plain):
    """objects.inv is one entry per line, read by every site that links here through intersphinx."""
    v = dict(PLAIN)
    v["speaker1.name"] = "Ada\nevil std:label -1 https://evil.example/ Evil"
    write_data(project, v)
    html = build(project, project.parent / "inventory")
    lines = inventory((html / "objects.inv").read_bytes())
    assert len(lines) == len(inventory((plain / "objects.inv").read_bytes()))
    assert not any(line.startswith("evil ") for line in lines)  # the name stays inside its own entry


# -- which URLs the data may hold --------------------------------------------------------------------

def browser_scheme(url: str) -> str | None:
    """The scheme a browser (WHATWG URL parser) sees in an href, or None for a relative URL."""
    url = url.strip("".join(chr(c) for c in range(0x21)))  # C0 controls and space
    url = re.sub(r"[\t\n\r]", "", url)
    match = re.match(r"([A-Za-z][A-Za-z0-9+.\-]*):", url)
    return match[1].lower() if match else None


SCHEMES = ["photos/a.png", "a/../../b.png", "C:\\x.png", "\\\\server\\x.png", "~/x.png", "http://", "https://", "mailto:", "javascript:", "JaVaScRiPt:", "vbscript:", "data:text/html,",
           "file:///", "ftp://", "//", "/", "./", "../", "", " javascript:", "\tjavascript:", "java\nscript:",
           "java\tscript:", "\x00javascript:", "https:", "mailto:", "http:/", "\u200bjavascript:", "jav&#x61;script:"]
urls = st.one_of(
    st.builds(lambda a, b, c: a + b + c, st.sampled_from(["", " ", "\t", "\n", "\x01"]), st.sampled_from(SCHEMES),
              st.text(max_size=30)),
    st.text(max_size=40),
    # Mostly well-formed, so that the accepting side is explored too.
    st.builds(lambda a, b, c: a + b + c, st.sampled_from(["http://", "https://", "HTTPS://", "mailto:", "photos/",
                                                         "a/../", "./", "mailto:%0a"]),
              st.sampled_from(["example.org/", "a@b.org", "x.example:8080/p?q=1#f", "@", "", "[::1]/", "x.png",
                               "x.pdf"]),
              st.text(st.characters(categories=("L", "N", "P", "S")), max_size=20)),
)


@settings(max_examples=300, deadline=dt.timedelta(seconds=2),
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(url=urls, field=st.sampled_from(["homepage", "link", "pdf", "photo"]))
def test_a_link_field_accepts_only_http_https_and_mailto(tmp_path, url, field):
    root = Path(tempfile.mkdtemp(dir=tmp_path))
    if field == "photo":  # a file of the project: the model's rule, before the file is looked for
        path = root / "people.yaml"
        path.write_text(yaml.safe_dump({"people": [{"id": "a", "name": "A", "affiliation": "B", "photo": url}]}),
                        encoding="utf-8")
        try:
            value = read(path, PeopleFile, root=root).model.people[0].photo
        except DataError:
            event("refused")
            return
        event("accepted")
        parts = value.replace("\\", "/").split("/")
        assert not value.startswith(("/", "\\")) and ".." not in parts and "://" not in value, value
        assert (root / value).resolve().is_relative_to(root.resolve()), value
        return
    if field == "homepage":
        text = yaml.safe_dump({"people": [{"id": "a", "name": "A", "affiliation": "B", "homepage": url}]})
        path, load = root / "people.yaml", load_people
    elif field == "pdf":
        text = yaml.safe_dump({"papers": [{"id": "a", "title": "T", "authors": ["A"], "pdf": url}]})
        path, load = root / "papers.yaml", load_papers
    else:
        text = yaml.safe_dump({"date": dt.date(2022, 7, 22), "timezone": "UTC", "entries": [
            {"start": "9:00", "end": "10:00", "kind": "talk", "title": "T", "link": url}]})
        path, load = root / "schedule.yaml", None
    path.write_text(text, encoding="utf-8")
    try:
        if load is None:
            from sphinx_workshop.data.loading import load_schedule
            doc = load_schedule(path, root).doc
            value = doc.model.entries[0].link
        else:
            doc = load(path, root)
            value = getattr((doc.model.people if field == "homepage" else doc.model.papers)[0], field)
    except DataError:
        event("refused")
        return
    event("accepted")
    scheme = browser_scheme(value)
    if field == "pdf" and scheme is None:  # a file of the project, relative to the data file
        parts = value.replace("\\", "/").split("/")
        assert not value.startswith(("/", "\\")) and ".." not in parts and value.lower().endswith(".pdf")
        assert (root / value).resolve().is_relative_to(root.resolve())
        return
    assert scheme in ({"http", "https"} if field == "pdf" else {"http", "https", "mailto"}), value
    assert not any(c.isspace() or ord(c) < 32 for c in value), value
    parts = urlsplit(value)
    assert parts.netloc or (parts.scheme == "mailto" and "@" in unquote(parts.path)), value
