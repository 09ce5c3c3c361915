"""Fuzzing the data loader: whatever YAML an organizer (or an attacker) writes, the loader ends
in a valid model or in clear messages, never in a traceback, and within bounded time and memory.

The properties (hypothesis, a few hundred inputs each):

* every input ends in a model of the right type, or in a ``DataError``;
* each message is one line starting ``<file>:<line>: `` (a line of that file) or, for problems
  with the whole file (not found, unreadable, too big), ``<file>: ``; it names no internal object
  and is at most ``MESSAGE_LIMIT`` characters;
* each input is answered within the hypothesis deadline.

Inputs: random structures of every YAML type (huge numbers, NaN, dates, long and Unicode text,
odd keys) dumped with random styles; near-valid files of each kind with fields replaced, dropped
or added; raw text, token soup and bytes; deep nesting and aliases.

What the fuzzing found is pinned by the regression tests at the end, marked
``xfail(strict=True)`` until fixed in ``sphinx_workshop/``; the properties tolerate exactly
those failures (see ``KNOWN``), so that they keep looking for new ones.
"""

from __future__ import annotations

import datetime as dt
import re
import string
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from sphinx_workshop.data import loading, reading
from sphinx_workshop.data.model import (
    KIND_LABELS,
    DatesFile,
    PapersFile,
    PeopleFile,
    Schedule,
)
from sphinx_workshop.data.reading import MAX_BYTES, DataError, read

LOADERS: dict[str, Callable] = {
    "people": loading.load_people,
    "schedule": loading.load_schedule,
    "dates": loading.load_dates,
    "papers": loading.load_papers,
}
MODELS = {"people": PeopleFile, "schedule": Schedule, "dates": DatesFile, "papers": PapersFile}
RESULT_TYPES = {"schedule": loading.ScheduleData}
#: Long enough for any message an organizer needs; a longer one quotes too much of the input.
MESSAGE_LIMIT = 1000
#: Problems with a whole file: the message names the file and no line.
WHOLE_FILE = ("file not found", "cannot be read", "file is ", "nested too deeply",
              "and ")  # "and 1,234 more problems not shown": the count after the first messages
PLACE = re.compile(r"(?P<file>[^:\n]+)(?::(?P<line>[0-9]+))?: (?P<text>\S[^\n]*)")

FUZZ = settings(
    max_examples=250,
    deadline=dt.timedelta(seconds=2),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)


# -- what the fuzzing found and is not fixed yet (nothing, now): (what, predicate on the exception or
# message). Each entry gets an xfail(strict=True) regression test at the end until it is fixed. --

KNOWN_EXCEPTIONS: list[tuple[str, Callable[[BaseException], bool]]] = []
KNOWN_MESSAGES: list[tuple[str, Callable[[str], bool]]] = []


def _frames(exc: BaseException):
    import traceback
    return traceback.extract_tb(exc.__traceback__)


def known(items, value) -> str | None:
    return next((what for what, matches in items if matches(value)), None)


# -- checking an outcome ------------------------------------------------------------------------

def line_count(raw: bytes) -> int:
    """Lines as YAML (and an editor) counts them: CR, LF, CRLF, NEL, LS and PS all end a line."""
    text = raw.decode("utf-8", errors="replace")
    return len(re.split(r"\r\n|[\r\n\x85\u2028\u2029]", text))


def check_messages(messages: list[str], root: Path) -> None:
    """Every message names a file of the input, and a line of that file or a whole-file problem."""
    assert messages, "a DataError without a message"
    for message in messages:
        assert isinstance(message, str)
        issue = known(KNOWN_MESSAGES, message)
        if issue:
            event(f"known: {issue}")
            continue
        match = PLACE.fullmatch(message)
        assert match, f"not 'file:line: text' on one line: {message!r}"
        assert len(message) <= MESSAGE_LIMIT, f"quotes too much: {message[:200]!r}..."
        assert "Node(tag=" not in message, f"shows the parser's objects: {message!r}"
        path = root / match["file"]
        assert path.is_file(), f"names a file that is not part of the input: {message!r}"
        if match["line"] is None:
            assert match["text"].startswith(WHOLE_FILE), f"no line for a problem inside the file: {message!r}"
        else:
            lines = line_count(path.read_bytes())
            assert 1 <= int(match["line"]) <= lines, f"line out of the file ({lines} lines): {message!r}"


def outcome(kind: str, path: Path, root: Path, via_read: bool = False) -> str:
    """Load ``path`` as ``kind``; assert the properties; return 'ok', 'error' or the known bug."""
    try:
        if via_read:
            result = read(path, MODELS[kind], root=root)
            assert isinstance(result.model, MODELS[kind])
        else:
            result = LOADERS[kind](path, root)
            assert isinstance(result, RESULT_TYPES.get(kind, reading.Document))
        return "ok"
    except DataError as error:
        check_messages(error.messages, root)
        return "error"
    except Exception as exc:  # noqa: BLE001 - the property is that nothing else escapes
        issue = known(KNOWN_EXCEPTIONS, exc)
        if issue is None:
            raise AssertionError(f"uncaught {type(exc).__name__} from {kind} loader: {exc}\n"
                                 f"input:\n{path.read_bytes()[:2000]!r}") from exc
        event(f"known: {issue}")
        return issue


def fresh_root() -> Path:
    """A new directory per input: the loader caches by path, size and time, never across inputs."""
    root = Path(tempfile.mkdtemp(prefix="fuzz-", dir=BASE))
    (root / "photos").mkdir()
    (root / "photos" / "a.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (root / "talk.pdf").write_bytes(b"%PDF-1.4\n")
    return root


BASE = Path(tempfile.mkdtemp(prefix="sphinx-workshop-fuzz-"))


# -- strategies ---------------------------------------------------------------------------------

FIELDS = sorted({name for model in MODELS.values() for name in reading._field_names(model)})
INTERESTING = [
    "", " ", "~", "null", "yes", "no", "on", "0x_", "0o17", "1_000", "1e999", ".inf", "-.nan", "9:15", "09:15",
    "24:00", "9.15", "9h15", "23:59", "2022-07-22", "2022-02-30", "2022-07-22 25:00:00", "America", "Europe/Paris",
    "AoE", "UTC", "America/Baltimor", "../x", "/etc/passwd", "https://example.org/a", "http://[::1",
    "mailto:a@b.org", "mailto:", "javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,<b>",
    "//evil.example", "https:///x", "photos/a.png", "photos/missing.png", "../a.png", "a.gif", "talk.pdf",
    "https://example.org/p.pdf", "keynote", "break", "people.yaml", "papers.yaml", "bouman", "Katie Bouman",
    "x" * 300, "é" * 200 + ".png", "<script>alert(1)</script>", "'\"&<>", "\u202e\u200b\ufeff", "👩‍🚀 Ωμέγα",
    "\t", "a\nb", "#", "&a", "*a", "!!binary", "%YAML 1.1",
]
HUGE = [10**18, -(2**63), 2**64, 10**300, 1e308, -0.0, float("inf"), float("nan")]

texts = st.one_of(
    st.text(max_size=40),
    st.sampled_from(INTERESTING),
    st.builds(lambda s, n: s * n, st.text(min_size=1, max_size=3), st.integers(50, 5000)),  # long strings
)
scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.sampled_from(HUGE), st.floats(), texts,
    st.dates(min_value=dt.date(1, 1, 1)), st.datetimes(),
)
keys = st.one_of(st.sampled_from(FIELDS), st.text(max_size=12), st.integers(-5, 5), st.booleans(), st.none())
values = st.recursive(
    scalars,
    lambda children: st.one_of(st.lists(children, max_size=5),
                               st.dictionaries(keys, children, max_size=6)),
    max_leaves=30,
)


def mostly(valid: st.SearchStrategy) -> st.SearchStrategy:
    """Usually a valid value, sometimes anything."""
    return st.one_of(valid, valid, valid, values)


def record(required: dict, optional: dict) -> st.SearchStrategy:
    """A mapping with the given fields; sometimes one missing, sometimes an unknown one added."""
    base = st.fixed_dictionaries({k: mostly(v) for k, v in required.items()},
                                 optional={k: mostly(v) for k, v in optional.items()})
    drop = st.sets(st.sampled_from(sorted(required)), max_size=1)
    extra = st.dictionaries(keys, values, max_size=1)
    return st.builds(lambda d, gone, more: {**{k: v for k, v in d.items() if k not in gone}, **more},
                     base, drop, st.one_of(st.just({}), st.just({}), extra))


ids = st.from_regex(r"\A[a-z0-9](?:[a-z0-9-]{0,10}[a-z0-9])?\Z")
names = st.text(min_size=1, max_size=40)
urls = st.one_of(st.sampled_from(["https://example.org/x", "mailto:a@b.org", "http://x.example/?q=1&r=2"]),
                 st.builds(lambda s: "https://example.org/" + s, st.text(max_size=20)))
clocks = st.builds(lambda h, m: f"{h}:{m:02d}", st.integers(0, 23), st.integers(0, 59))
zones = st.sampled_from(["America/New_York", "Europe/Paris", "UTC", "Asia/Kolkata"])
days = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 1, 1))

people_docs = record({"people": st.lists(record(
    {"id": ids, "name": names, "affiliation": names},
    {"role": names, "photo": st.sampled_from(["photos/a.png", "photos/b.png", "a.jpg"]), "homepage": urls},
), min_size=1, max_size=4)}, {})
entries = record({"start": clocks, "end": clocks, "kind": st.sampled_from(sorted(KIND_LABELS)), "title": names},
                 {"speakers": st.lists(ids, max_size=3), "papers": st.lists(ids, max_size=2), "link": urls})
schedule_docs = record(
    {"date": days, "timezone": zones, "entries": st.lists(entries, min_size=1, max_size=5)},
    {"venue": names, "people": st.just(["people.yaml"]), "papers_file": st.just("papers.yaml")},
)
dates_docs = record({"dates": st.lists(record(
    {"id": ids, "label": names, "date": days},
    {"time": clocks, "timezone": st.one_of(zones, st.just("AoE")), "note": names},
), min_size=1, max_size=4)}, {})
papers_docs = record({"papers": st.lists(record(
    {"id": st.one_of(ids, st.integers(0, 10**6)), "title": names, "authors": st.lists(names, min_size=1, max_size=3)},
    {"presenter": names, "pdf": st.sampled_from(["talk.pdf", "missing.pdf", "https://example.org/p.pdf"]),
     "spotlight": st.booleans()},
), max_size=4)}, {"announcement": days})
DOCS = {"people": people_docs, "schedule": schedule_docs, "dates": dates_docs, "papers": papers_docs}

dump_options = st.fixed_dictionaries({
    "allow_unicode": st.booleans(),
    "default_flow_style": st.sampled_from([False, True, None]),
    "width": st.sampled_from([80, 20, 10_000]),
    "default_style": st.sampled_from([None, None, None, '"', "'"]),
})

TOKENS = ["people:", "entries:", "dates:", "papers:", "- ", "  ", "    ", "\n", ": ", ":", "[", "]", "{", "}",
          ",", "? ", "&a ", "*a", "!!str ", "!!int ", "!!timestamp ", "!!binary ", "!!set ", "!!python/name:os.system",
          "<<: ", "|", ">-", "---", "...", "%YAML 1.1", "#", "'", '"', "\\", "id: x", "name: N",
          "start: '9:15'", "2022-07-22", "9:15", "null", "~", "é", "\t", "\r\n", "\x00", "\ufeff", "0x_", "1e9999", "9" * 5000]
raw_texts = st.one_of(
    st.text(max_size=300),
    st.lists(st.sampled_from(TOKENS), max_size=60).map("".join),
    st.builds(lambda parts: "\n".join(parts), st.lists(st.text(string.printable, max_size=40), max_size=20)),
)


def dump(value, options: dict) -> str:
    return yaml.safe_dump(value, sort_keys=False, **options)


# -- the properties -----------------------------------------------------------------------------

@FUZZ
@given(kind=st.sampled_from(sorted(LOADERS)), value=values, options=dump_options, via_read=st.booleans())
def test_any_yaml_structure_ends_in_a_model_or_clear_messages(kind, value, options, via_read):
    root = fresh_root()
    path = root / f"{kind}.yaml"
    path.write_text(dump(value, options), encoding="utf-8")
    event(outcome(kind, path, root, via_read))


@FUZZ
@given(kind=st.sampled_from(sorted(LOADERS)), data=st.data(), options=dump_options)
def test_near_valid_files_end_in_a_model_or_clear_messages(kind, data, options):
    root = fresh_root()
    path = root / f"{kind}.yaml"
    path.write_text(dump(data.draw(DOCS[kind], label=kind), options), encoding="utf-8")
    if kind == "schedule":  # the files it names, near-valid too: rules across files
        (root / "people.yaml").write_text(dump(data.draw(people_docs, label="people"), options), encoding="utf-8")
        (root / "papers.yaml").write_text(dump(data.draw(papers_docs, label="papers"), options), encoding="utf-8")
    event(outcome(kind, path, root))


@FUZZ
@given(kind=st.sampled_from(sorted(LOADERS)), text=raw_texts)
def test_any_text_ends_in_a_model_or_clear_messages(kind, text):
    root = fresh_root()
    path = root / f"{kind}.yaml"
    path.write_text(text, encoding="utf-8")
    event(outcome(kind, path, root))


@settings(FUZZ, max_examples=150)
@given(kind=st.sampled_from(sorted(LOADERS)), raw=st.binary(max_size=300))
def test_any_bytes_end_in_a_model_or_clear_messages(kind, raw):
    root = fresh_root()
    path = root / f"{kind}.yaml"
    path.write_bytes(raw)
    event(outcome(kind, path, root))


@settings(FUZZ, max_examples=100)
@given(depth=st.integers(1, 200), opener=st.sampled_from(["[", "{a: ", "- "]), kind=st.sampled_from(sorted(LOADERS)))
def test_deep_nesting_is_refused_or_read(depth, opener, kind):
    closer = {"[": "]", "{a: ": "}", "- ": ""}[opener]
    if opener == "- ":
        text = "".join("  " * i + "-\n" for i in range(depth)) + "  " * depth + "x\n"
    else:
        text = "people: " + opener * depth + "1" + closer * depth + "\n"
    root = fresh_root()
    path = root / f"{kind}.yaml"
    path.write_text(text, encoding="utf-8")
    assert outcome(kind, path, root) in ("ok", "error")


# -- aliases, size, time and memory -------------------------------------------------------------

BILLION_LAUGHS = textwrap.dedent("""\
    a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
    b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
    c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
    d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
    e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
    f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
    g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
    h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
    people: [*h,*h,*h,*h,*h,*h,*h,*h,*h]
""")


@pytest.mark.parametrize("text", [BILLION_LAUGHS, "people: &x [*x]\n", "people:\n  - &p {id: a}\n  - *p\n"],
                         ids=["billion-laughs", "self-reference", "merge-of-alias"])
def test_aliases_are_refused_at_once(tmp_path, text):
    path = tmp_path / "people.yaml"
    path.write_text(text, encoding="utf-8")
    start = time.perf_counter()
    with pytest.raises(DataError) as caught:
        loading.load_people(path, tmp_path)
    assert time.perf_counter() - start < 0.5
    assert len(caught.value.messages) == 1
    assert re.fullmatch(r"people\.yaml:[0-9]+: YAML aliases \(\*\w+\) are not supported: write the value out",
                        caught.value.messages[0])


@pytest.mark.parametrize("size", [MAX_BYTES + 1, 50 * MAX_BYTES, 2**31])
def test_a_file_over_the_limit_is_refused_before_it_is_read(tmp_path, monkeypatch, size):
    path = tmp_path / "people.yaml"
    with path.open("wb") as out:  # sparse: no disk used, and nothing may read it
        out.write(b"people:\n")
        out.truncate(size)
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail("read a file over the limit"))
    monkeypatch.setattr(reading.yaml, "parse", lambda *a, **k: pytest.fail("parsed a file over the limit"))
    with pytest.raises(DataError) as caught:
        loading.load_people(path, tmp_path)
    assert caught.value.messages == [f"people.yaml: file is {size:,} bytes; a data file may be at most "
                                     f"{MAX_BYTES:,} bytes"]


def test_a_file_at_the_limit_is_read(tmp_path):
    path = tmp_path / "people.yaml"
    body = "people:\n  - id: a\n    name: A\n    affiliation: B\n# "
    path.write_text(body + "x" * (MAX_BYTES - len(body) - 1) + "\n", encoding="utf-8")
    assert path.stat().st_size == MAX_BYTES
    assert loading.load_people(path, tmp_path).model.people[0].id == "a"


#: Any input under the size limit: answered within this time and memory (measured in a fresh process).
BUDGET_SECONDS = 20
BUDGET_MB = 500
PERSON = "  - id: p{i}\n    name: Person Number {i}\n    affiliation: Some University\n"
WORST_CASES = {
    # The largest valid file: as many people as fit in the limit.
    "valid": "people:\n" + "".join(PERSON.format(i=i) for i in range(MAX_BYTES // len(PERSON.format(i=99999)))),
    # The most problems per byte: every list item is wrong.
    "flood": "people: [" + "1," * (MAX_BYTES // 2 - 10) + "]\n",
}
PROBE = textwrap.dedent("""\
    import json, sys, time
    from pathlib import Path
    from sphinx_workshop.data.reading import DataError
    from sphinx_workshop.data.loading import load_people
    path = Path(sys.argv[1])
    start = time.perf_counter()
    try:
        load_people(path, path.parent)
        messages = 0
    except DataError as error:
        messages = len(error.messages)
    # VmHWM: this process's own peak. (ru_maxrss would include the parent's size at fork: Linux keeps it
    # across exec.)
    peak_kb = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM:"))
    print(json.dumps({"seconds": time.perf_counter() - start, "messages": messages, "mb": peak_kb / 1024}))
""")


def within_budget(tmp_path: Path, text: str) -> dict:
    path = tmp_path / "people.yaml"
    path.write_text(text, encoding="utf-8")
    assert path.stat().st_size <= MAX_BYTES
    try:
        done = subprocess.run([sys.executable, "-c", PROBE, str(path)], capture_output=True, text=True,
                              timeout=BUDGET_SECONDS, check=True)
    except subprocess.TimeoutExpired:
        pytest.fail(f"not answered within {BUDGET_SECONDS} s")
    import json
    result = json.loads(done.stdout)
    assert result["seconds"] < BUDGET_SECONDS
    assert result["mb"] < BUDGET_MB, result
    return result


def test_the_largest_valid_file_loads_within_budget(tmp_path):
    assert within_budget(tmp_path, WORST_CASES["valid"])["messages"] == 0


def test_a_file_of_errors_is_answered_within_budget_and_with_a_bounded_number_of_messages(tmp_path):
    assert within_budget(tmp_path, WORST_CASES["flood"])["messages"] <= 100


# -- regressions: what the fuzzing found, fixed in sphinx_workshop/ --

PEOPLE = "people:\n  - id: a\n    name: A\n    affiliation: B\n"
SCHEDULE = ('date: 2022-07-22\ntimezone: {timezone}\npeople: [{people}]\nentries:\n'
            '  - start: "9:15"\n    end: "10:00"\n    kind: keynote\n    title: {title}\n')


def load(tmp_path: Path, kind: str, text: str) -> list[str]:
    """The messages for one file (people.yaml is always there for a schedule); [] when it is valid."""
    (tmp_path / "people.yaml").write_text(PEOPLE, encoding="utf-8") if kind != "people" else None
    path = tmp_path / f"{kind}.yaml"
    path.write_text(text, encoding="utf-8")
    try:
        LOADERS[kind](path, tmp_path)
    except DataError as error:
        return error.messages
    return []


def schedule(timezone="America/New_York", people="people.yaml", title="Talk") -> str:
    return SCHEDULE.format(timezone=timezone, people=people, title=title)


@pytest.mark.parametrize("kind, text, message", [
    ("schedule", schedule(timezone="America"), "schedule.yaml:2: 'timezone' 'America' is not a time zone: use an "
                                               "IANA name like America/New_York"),
    ("dates", "dates:\n  - id: a\n    label: L\n    date: 2022-05-23\n    time: '23:59'\n    timezone: Europe\n",
     "dates.yaml:6: date 1: 'timezone' 'Europe' is not a time zone: use an IANA name like America/New_York or AoE "
     "(Anywhere on Earth)"),
])
def test_a_time_zone_that_names_a_region_is_a_message(tmp_path, kind, text, message):
    assert load(tmp_path, kind, text) == [message]


@pytest.mark.parametrize("kind, text", [
    ("people", PEOPLE + "    photo: " + "é" * 200 + ".png\n"),
    ("schedule", schedule(people="x" * 300 + ".yaml")),
    ("schedule", schedule().replace("entries:", "papers_file: " + "p" * 300 + ".yaml\nentries:")),
    ("papers", "papers:\n  - id: 1\n    title: T\n    authors: [A]\n    pdf: " + "p" * 300 + ".pdf\n"),
], ids=["photo", "people-file", "papers-file", "pdf"])
def test_an_overlong_file_name_is_a_message(tmp_path, kind, text):
    messages = load(tmp_path, kind, text)
    assert len(messages) == 1 and "not found" in messages[0]


@pytest.mark.parametrize("text", [schedule(people='"a\\0b.yaml"'),
                                  schedule().replace("entries:", 'papers_file: "a\\0b.yaml"\nentries:')],
                         ids=["people", "papers_file"])
def test_a_nul_character_in_a_file_name_is_a_message(tmp_path, text):
    messages = load(tmp_path, "schedule", text)
    assert len(messages) == 1 and messages[0].startswith("schedule.yaml:")


def test_an_explicit_timestamp_tag_on_text_is_a_message(tmp_path):
    messages = load(tmp_path, "schedule", schedule().replace("2022-07-22", "!!timestamp 22 July"))
    assert messages and messages[0].startswith("schedule.yaml:1: ")


@pytest.mark.parametrize("old, new, line", [
    ("2022-07-22", "2022-02-30", 1),
    ("title: Talk", "title: " + "9" * 5000, 8),
    ("title: Talk", "title: 0x_", 8),
], ids=["impossible-date", "huge-integer", "bad-hex"])
def test_a_value_yaml_cannot_build_names_its_line(tmp_path, old, new, line):
    messages = load(tmp_path, "schedule", schedule().replace(old, new))
    assert len(messages) == 1 and messages[0].startswith(f"schedule.yaml:{line}: ")


def test_a_forbidden_character_names_its_line(tmp_path):
    messages = load(tmp_path, "schedule", schedule(title="a\x00b"))
    assert len(messages) == 1 and re.fullmatch(r"schedule\.yaml:8: [^\n]+", messages[0])


def test_a_key_that_is_a_list_is_shown_as_written(tmp_path):
    messages = load(tmp_path, "people", "? [a]\n: 1\n")
    assert messages == ["people.yaml:1: field names must be text, not '[a]'"]


def test_a_long_value_is_not_quoted_in_full(tmp_path):
    messages = load(tmp_path, "schedule", schedule().replace('"9:15"', "x" * 100_000))
    assert messages and all(len(m) <= MESSAGE_LIMIT for m in messages)


@pytest.mark.parametrize("value", ["!!int", "!!float", "!!int ''", "!!bool maybe", "!!bool"])
def test_an_explicit_tag_on_a_value_it_cannot_take_is_a_message(tmp_path, value):
    messages = load(tmp_path, "schedule", schedule(title=value))
    assert len(messages) == 1 and messages[0].startswith("schedule.yaml:8: ")


@pytest.mark.parametrize("value", ["!!map x", "!!seq x", "!!set [1]", "!!str [1]", "!!omap x"])
def test_an_explicit_collection_tag_on_the_wrong_node_is_shown_as_written(tmp_path, value):
    messages = load(tmp_path, "schedule", schedule(title=value))
    assert len(messages) == 1 and "Node(" not in messages[0] and messages[0].startswith("schedule.yaml:8: ")

