"""Synthetic workshops at 1x, 10x and 100x the real one, in two equivalent forms.

``directives``: YAML data files shown by the ``schedule``, ``people``, ``papers`` and
``important-dates`` directives, as the real site does. The 100x workshop has five days in
two rooms, in one schedule file of ``days`` on one page; ``100-one-day`` is the same workshop
in one room, a one-day schedule file and page per day, as every scale had before ``days``.

``handwritten``: the same content written out by hand, as an organizer without the extension
would: schedules as MyST ``list-table`` tables, people as sphinx-design ``grid-item-card`` grids,
papers and dates as lists, and the cross-links (speaker name -> card, card -> talk) as ``{ref}``
links to labels. Both projects use the same ``conf.py`` (the same theme and extensions), so the
difference between their build times is what the directives cost.

The content is generated from a fixed seed: two runs write the same bytes.

    python benchmarks/generate.py 10 /tmp/bench-10x      # writes directives/ and handwritten/
    python benchmarks/generate.py 100-one-day /tmp/bench-100x-one-day
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
import struct
import sys
import zlib
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from babel.dates import format_skeleton

from sphinx_workshop.data.model import KIND_LABELS, ImportantDate, Paper, Schedule
from sphinx_workshop.data.wording import ENGLISH
from sphinx_workshop.sphinxext.directives.dates import when_text
from sphinx_workshop.sphinxext.directives.papers import family_name_key

HERE = Path(__file__).parent


@dataclass(frozen=True)
class Scale:
    """How much of everything a synthetic workshop has."""

    days: int
    entries_per_day: int
    people_files: int
    people_per_file: int
    papers: int
    papers_per_file: int
    dates: int
    #: The size against the real workshop (1, 10, 100): also the seed, so that two layouts of one size hold
    #: the same people, papers and titles.
    factor: int = 1
    #: Parallel rooms: 1, or 2 (talks, spotlights and posters side by side; the rest for everyone).
    rooms: int = 1
    #: ``one-day``: a one-day schedule file and page per day; ``days``: one file of all the days, one page.
    layout: str = "one-day"
    #: One person in this many has a photo (converted to a WebP portrait by the people directive).
    photo_every: int = 10

    @property
    def people(self) -> int:
        return self.people_files * self.people_per_file


#: 1x is the real workshop (one day of 12 slots, 8 speakers and 8 organizers, 5 dates) plus the
#: accepted papers of a workshop of its size. From 10x to 100x every count grows tenfold (100x:
#: about 1,000 papers, 300 people, 5 days of 40 entries), so build time should too. 100x has its
#: days in one schedule file, in two rooms; 100-one-day is the same workshop as five one-day files.
SCALES: dict[str, Scale] = {
    "1": Scale(days=1, entries_per_day=12, people_files=2, people_per_file=8, papers=10, papers_per_file=10, dates=5),
    "10": Scale(days=1, entries_per_day=20, people_files=1, people_per_file=30, papers=100, papers_per_file=100,
                dates=5, factor=10),
    "100": Scale(days=5, entries_per_day=40, people_files=10, people_per_file=30, papers=1000, papers_per_file=100,
                 dates=50, factor=100, rooms=2, layout="days"),
    "100-one-day": Scale(days=5, entries_per_day=40, people_files=10, people_per_file=30, papers=1000,
                         papers_per_file=100, dates=50, factor=100),
}
#: The rooms of a workshop in two.
ROOMS = [{"id": "main", "name": "Main hall"}, {"id": "hall-b", "name": "Room B (Łęcki wing)"}]
#: Kinds that run side by side when there are two rooms; the others are for everyone.
PARALLEL = ("talk", "spotlight", "poster")

GIVEN = ["Zoë", "Björn", "Łukasz", "Thảo", "İlkay", "Søren", "Ólafur", "Chloé", "Jürgen", "Małgorzata", "José",
         "François", "Đorđe", "Ümit", "Aiko", "Ngozi", "Αλέξανδρος", "Дмитрий", "Siddharth", "Mónica", "Øystein",
         "Renée", "Kateřina", "Şebnem", "Ana-María", "Hélène", "Jiří", "Oluwaseun", "Tomás", "Aurélien", "Yǔtóng",
         "Laurence", "Katie", "Jakob", "Dustin", "Soledad"]
FAMILY = ["Nguyễn", "Müller", "Łęcki", "García-Márquez", "O'Brien", "van der Berg", "Østergaard", "Yılmaz",
          "Papadopoulos", "Иванова", "Kowalczyk", "Saint-Éxupéry", "Núñez", "Dvořák", "佐藤", "王", "Þórsdóttir",
          "Çelik", "Šimić", "Ruiz", "Bose", "Okonkwo", "Häkkinen", "Lefèvre", "Abdullah", "Kim", "Fernández",
          "Novák", "Żuławski", "Perreault-Levasseur", "Huppenkothen", "Villaescusa-Navarro"]
PLACES = ["Universität Tübingen", "Université de Montréal", "Instituto de Astrofísica de Canarias", "Caltech",
          "Københavns Universitet", "東京大学", "Sorbonne Université", "ETH Zürich", "Uniwersytet Warszawski",
          "Flatiron Institute", "Max-Planck-Institut für Astrophysik", "Universidad de Chile", "SRON",
          "Johns Hopkins University", "Pennsylvania State University", "CNRS", "UC Berkeley", "Google"]
WORDS_A = ["Simulation-Based", "Likelihood-Free", "Equivariant", "Bayesian", "Self-Supervised", "Differentiable",
           "Probabilistic", "Scalable", "Robust", "Physics-Informed", "Graph-Based", "Score-Based", "Anomaly-Aware"]
WORDS_B = ["Inference", "Emulation", "Classification", "Deblending", "Photometric Redshifts", "Lensing Maps",
           "Gravitational Waves", "Λ-CDM Constraints", "Galaxy Morphology", "Exoplanet Transits", "Fast Radio Bursts",
           "Cosmic Web Reconstruction", "Stellar Spectra", "21 cm Cosmology", "Ω_m Estimation"]
WORDS_C = ["with Neural Posteriors", "at Survey Scale", "for the Rubin Observatory", "under Covariate Shift",
           "with Normalizing Flows", "from Sparse Data", "in the Era of Euclid", "— a Benchmark", "without Labels",
           "for Next-Generation Telescopes", "and Uncertainty Quantification"]
KINDS_CYCLE = ["keynote", "talk", "spotlight", "talk", "poster", "break", "talk", "spotlight", "panel", "talk"]
DAY_ONE = dt.date(2022, 7, 22)
TIMEZONE = "America/New_York"
VENUE = "Baltimore, MD, USA"
FIRST_SLOT = dt.time(8, 0)


@dataclass
class Person:
    id: str
    name: str
    affiliation: str
    role: str | None = None
    homepage: str | None = None
    photo: str | None = None
    talks: list[tuple[str, str, str]] = field(default_factory=list)  # (page, anchor, title)

    def data(self) -> dict:
        out = {"id": self.id, "name": self.name, "affiliation": self.affiliation}
        for key in ("role", "photo", "homepage"):
            if getattr(self, key):
                out[key] = getattr(self, key)
        return out


@dataclass
class Workshop:
    """Everything generated, as plain data, from which both forms are written."""

    scale: Scale
    people: list[list[Person]]  # one list per people file
    papers: list[list[dict]]  # one list per papers file
    days: list[dict]  # schedule data, one per day
    day_files: list[dict]  # per day: {"people": [file indexes], "papers": file index}
    dates: list[dict]


def title(rng: random.Random) -> str:
    return f"{rng.choice(WORDS_A)} {rng.choice(WORDS_B)} {rng.choice(WORDS_C)}"


def name(rng: random.Random) -> str:
    return f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}"


def png(colour: tuple[int, int, int], size: int = 240) -> bytes:
    """A small solid-colour PNG (each person's differs), written without any imaging library."""
    raw = b"".join(b"\x00" + bytes(colour) * size for _ in range(size))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


def make_workshop(size: str) -> Workshop:
    scale = SCALES[size]
    rng = random.Random(20220722 + scale.factor)
    people: list[list[Person]] = []
    serial = 0
    for f in range(scale.people_files):
        group = []
        for _ in range(scale.people_per_file):
            serial += 1
            person = Person(id=f"p{serial:04d}", name=name(rng), affiliation=rng.choice(PLACES))
            if serial % 7 == 0:
                person.role = rng.choice(["Co-Chair", "Panelist", "Program Committee", "Local Organizer"])
            if serial % 3 == 0:
                person.homepage = f"https://example.org/people/{person.id}"
            if serial % scale.photo_every == 0:
                person.photo = f"photos/{person.id}.png"
            group.append(person)
        people.append(group)

    papers: list[list[dict]] = []
    number = 0
    for f in range(-(-scale.papers // scale.papers_per_file)):
        group = []
        for _ in range(min(scale.papers_per_file, scale.papers - number)):
            number += 1
            authors = list(dict.fromkeys(name(rng) for _ in range(rng.randint(1, 6))))
            paper = {"id": number, "title": title(rng), "authors": authors,
                     "pdf": f"https://example.org/papers/{number}.pdf"}
            if len(authors) > 1 and rng.random() < 0.4:
                paper["presenter"] = rng.choice(authors[1:])
            group.append(paper)
        papers.append(group)

    days, day_files = [], []
    minutes = (19 * 60 - (FIRST_SLOT.hour * 60 + FIRST_SLOT.minute)) // scale.entries_per_day
    for d in range(scale.days):
        date = DAY_ONE + dt.timedelta(days=d)
        people_idx = sorted({(d * 2 + k) % scale.people_files for k in range(2)})
        papers_idx = 0 if scale.layout == "days" else d % len(papers)  # one schedule file: one papers file
        speakers = [p for i in people_idx for p in people[i]]
        spotlight_papers = iter(papers[papers_idx])
        entries = []
        start = dt.datetime.combine(date, FIRST_SLOT)
        beside = 0  # entries so far in the current slot of parallel rooms
        for e in range(scale.entries_per_day):
            kind = KINDS_CYCLE[e % len(KINDS_CYCLE)]
            parallel = scale.rooms > 1 and kind in PARALLEL
            if beside and (not parallel or beside == scale.rooms):
                start, beside = end, 0  # the next slot: after the rooms' slot, or after a session for everyone
            end = start + dt.timedelta(minutes=minutes)
            entry = {"start": f"{start:%H:%M}", "end": f"{end:%H:%M}", "kind": kind}
            if parallel:
                entry["room"] = ROOMS[beside]["id"]
                beside += 1
            if kind in ("keynote", "talk"):
                entry["title"] = title(rng)
                entry["speakers"] = [rng.choice(speakers).id]
            elif kind == "panel":
                entry["title"] = f"Panel: {rng.choice(WORDS_B)} {rng.choice(WORDS_C)}"
                entry["speakers"] = [p.id for p in rng.sample(speakers, 3)]
            elif kind == "spotlight":
                chosen = [p for p in (next(spotlight_papers, None) for _ in range(3)) if p]
                for p in chosen:
                    p["spotlight"] = True
                entry["title"] = f"{len(chosen)} spotlight talks"
                if chosen:
                    entry["papers"] = [p["id"] for p in chosen]
            elif kind == "poster":
                entry["title"] = f"Poster session {e // len(KINDS_CYCLE) + 1}"
            else:
                entry["title"] = "Coffee break"
            if kind in ("keynote", "talk") and e % 4 == 0:
                entry["link"] = f"https://example.org/slides/{d + 1}-{e + 1}"
            entries.append(entry)
            if not parallel:
                start = end
        days.append({"date": date, "timezone": TIMEZONE, "venue": VENUE, "entries": entries})
        day_files.append({"people": people_idx, "papers": papers_idx})

    dates = []
    base = dt.date(2022, 3, 1)
    labels = ["Submission deadline", "Author notification", "Camera-ready deadline", "Poster upload",
              "Registration closes", "Travel grant deadline", "Slides upload", "Workshop"]
    for i in range(scale.dates):
        item = {"id": f"d{i + 1:03d}", "label": f"{labels[i % len(labels)]} ({i // len(labels) + 1})",
                "date": base + dt.timedelta(days=2 * i)}
        if i % 3 == 0:
            item["time"] = "23:59"
            item["timezone"] = "AoE" if i % 2 == 0 else "Europe/Paris"
        if i % 2 == 0:
            item["note"] = "Through the submission system; late changes are not accepted."
        dates.append(item)
    return Workshop(scale, people, papers, days, day_files, dates)


# -- shared files ------------------------------------------------------------------------------

CONF = '''\
"""Benchmark site: the same configuration for the directive and the hand-written form."""
import os, sys
sys.path.insert(0, {bench!r})

project = "Synthetic workshop"
extensions = ["myst_parser", "sphinx_design", "sphinx_workshop", "bench_probe"]
myst_enable_extensions = ["colon_fence", "attrs_inline", "attrs_block", "deflist"]
exclude_patterns = ["_build"]
language = "en"
html_theme = "pydata_sphinx_theme"
html_sidebars = {{"**": []}}
html_theme_options = {{"navbar_start": ["navbar-logo"], "navbar_center": ["navbar-nav"],
                      "header_links_before_dropdown": 6, "secondary_sidebar_items": {{"**": []}}}}
html_copy_source = False
html_show_sourcelink = False
'''


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def dump(data: dict) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)


def people_page(f: int) -> str:
    return f"program/people-{f + 1:02d}"


def papers_page(f: int) -> str:
    return f"program/papers-{f + 1:02d}"


def day_page(d: int) -> str:
    return f"program/day-{d + 1}"


#: The page of the whole program, in the ``days`` layout.
PROGRAM_PAGE = "program/schedule"


def schedule_pages(scale: Scale) -> list[str]:
    """The pages of the program: one per day, or one for all the days."""
    return [PROGRAM_PAGE] if scale.layout == "days" else [day_page(d) for d in range(scale.days)]


def slot(date: dt.date, entry: dict) -> str:
    """The slot's anchor as the schedule directive makes it (``data.model.slot_anchor``)."""
    anchor = f"slot-{date:%Y-%m-%d}-{entry['start'].replace(':', '')}"
    return f"{anchor}-{entry['room']}" if entry.get("room") else anchor


def index_page(w: Workshop, body: str) -> str:
    pages = (schedule_pages(w.scale) + [people_page(f) for f in range(len(w.people))]
             + [papers_page(f) for f in range(len(w.papers))])
    toc = "\n".join(pages)
    return (f"# Synthetic workshop ({w.scale.people} people, {w.scale.papers} papers)\n\n"
            "A workshop generated for benchmarks.\n\n## Key dates\n\n"
            f"{body}\n\n```{{toctree}}\n:hidden:\n\n{toc}\n```\n")


def common(w: Workshop, root: Path) -> None:
    write(root / "conf.py", CONF.format(bench=str(HERE.resolve())))
    for group in w.people:
        for p in group:
            if p.photo:
                seed = int(p.id[1:])
                (root / "program" / "photos").mkdir(parents=True, exist_ok=True)
                (root / "program" / p.photo).write_bytes(png((seed * 37 % 256, seed * 91 % 256, seed * 53 % 256)))


# -- the directive form -------------------------------------------------------------------------

def write_directives(w: Workshop, root: Path) -> None:
    common(w, root)
    write(root / "dates.yaml", dump({"dates": w.dates}))
    write(root / "index.md", index_page(w, "```{important-dates} dates.yaml\n```"))
    for f, group in enumerate(w.people):
        write(root / f"{people_page(f)}.yaml", dump({"people": [p.data() for p in group]}))
        write(root / f"{people_page(f)}.md", f"# People, group {f + 1}\n\n```{{people}} people-{f + 1:02d}.yaml\n```\n")
    for f, group in enumerate(w.papers):
        write(root / f"{papers_page(f)}.yaml", dump({"papers": group}))
        write(root / f"{papers_page(f)}.md", f"# Papers, part {f + 1}\n\n```{{papers}} papers-{f + 1:02d}.yaml\n```\n")
    if w.scale.layout == "days":
        people = sorted({i for files in w.day_files for i in files["people"]})
        data = {"timezone": TIMEZONE, "venue": VENUE, "people": [f"people-{i + 1:02d}.yaml" for i in people],
                "papers_file": f"papers-{w.day_files[0]['papers'] + 1:02d}.yaml"}
        if w.scale.rooms > 1:
            data["rooms"] = ROOMS[:w.scale.rooms]
        data["days"] = [{"date": day["date"], "entries": day["entries"]} for day in w.days]
        write(root / f"{PROGRAM_PAGE}.yaml", dump(data))
        write(root / f"{PROGRAM_PAGE}.md", "# Program\n\n```{schedule} schedule.yaml\n```\n")
        return
    for d, day in enumerate(w.days):
        files = w.day_files[d]
        data = {"date": day["date"], "timezone": day["timezone"], "venue": day["venue"],
                "people": [f"people-{i + 1:02d}.yaml" for i in files["people"]],
                "papers_file": f"papers-{files['papers'] + 1:02d}.yaml", "entries": day["entries"]}
        write(root / f"{day_page(d)}.yaml", dump(data))
        write(root / f"{day_page(d)}.md", f"# Day {d + 1}\n\n```{{schedule}} day-{d + 1}.yaml\n```\n")


# -- the hand-written form ----------------------------------------------------------------------

def write_handwritten(w: Workshop, root: Path) -> None:
    """What an organizer types without the extension: the same text, tables, cards and links."""
    common(w, root)
    by_id = {p.id: (f, p) for f, group in enumerate(w.people) for p in group}
    papers_by_id = {p["id"]: p for group in w.papers for p in group}
    # Talks first: each card lists them.
    pages = schedule_pages(w.scale)
    for d, day in enumerate(w.days):
        for entry in day["entries"]:
            for s in entry.get("speakers", []):
                by_id[s][1].talks.append((pages[d % len(pages)], slot(day["date"], entry), entry["title"]))

    items = []
    for date in w.dates:
        text = when_text(ImportantDate.model_validate(date), ENGLISH)
        item = f"- (date-{date['id']})=\n  **{date['label']}**: {text}\n"
        if date.get("note"):
            item += f"\n  {date['note']}\n"
        items.append(item)
    write(root / "index.md", index_page(w, "\n".join(items)))

    for f, group in enumerate(w.people):
        cards = []
        for p in group:
            lines = [":::{grid-item-card}", ":class-card: ws-person"]
            if p.photo:
                lines.append(f":img-top: {p.photo}")
                lines.append(f":img-alt: Photo of {p.name}")
            lines.append("")
            lines.append(f"(person-{p.id})=")
            lines.append(f"**[{p.name}]({p.homepage})**" if p.homepage else f"**{p.name}**")
            lines.append("")
            lines.append(p.affiliation)
            if p.role:
                lines += ["", p.role]
            if p.talks:
                links = "; ".join(f"{{ref}}`{t} <{a}>`" for _, a, t in sorted(p.talks))
                lines += ["", ("Talk: " if len(p.talks) == 1 else "Talks: ") + links]
            lines.append(":::")
            cards.append("\n".join(lines))
        grid = "::::{grid} 2 3 3 4\n:gutter: 3\n\n" + "\n\n".join(cards) + "\n::::\n"
        write(root / f"{people_page(f)}.md", f"# People, group {f + 1}\n\n{grid}")

    for f, group in enumerate(w.papers):
        lines = ["Presenting authors are shown in bold.", ""]
        for p in sorted(group, key=lambda p: family_name_key(Paper.model_validate(p))):
            badge = " {bdg-primary}`Spotlight talk`" if p.get("spotlight") else ""
            presenter = p.get("presenter") or p["authors"][0]
            authors = ", ".join(f"**{a}**" if a == presenter else a for a in p["authors"])
            lines += [f"- (paper-{p['id']})=", f"  [{p['title']}]({p['pdf']}){badge}", "", f"  {authors}", ""]
        write(root / f"{papers_page(f)}.md", f"# Papers, part {f + 1}\n\n" + "\n".join(lines))

    tables = [day_table(w, day, by_id, papers_by_id) for day in w.days]
    first = Schedule.model_validate({**w.days[0], "entries": w.days[0]["entries"]})
    moment = first.instant(first.entries[0].start)
    statement = f"{ENGLISH.zone_statement(moment, VENUE)}\n\n"
    if w.scale.layout == "days":
        links = " \u00b7 ".join(f"[{format_skeleton('MMMMEEEEd', day['date'], locale='en')}](#day-{day['date']:%Y-%m-%d})"
                                for day in w.days)
        days = "".join(f"(day-{day['date']:%Y-%m-%d})=\n## {ENGLISH.long_date(day['date'])}\n\n{table}"
                       for day, table in zip(w.days, tables))
        write(root / f"{PROGRAM_PAGE}.md", f"# Program\n\n{statement}Days: {links}\n\n{days}")
        return
    for d, table in enumerate(tables):
        write(root / f"{day_page(d)}.md", f"# Day {d + 1}\n\n{statement}{table.rstrip()}\n")


def day_table(w: Workshop, day: dict, by_id: dict, papers_by_id: dict) -> str:
    """A day's program as a MyST list-table: time, session, the room when there are rooms, title."""
    schedule = Schedule.model_validate({**day, "entries": day["entries"]})
    rooms = {room["id"]: room["name"] for room in ROOMS[:w.scale.rooms]} if w.scale.rooms > 1 else {}
    rows = ["* - Time\n  - Session\n" + ("  - Room\n" if rooms else "") + "  - Title"]
    for entry, raw in zip(schedule.entries, day["entries"]):
        what = f"[{entry.title}]({entry.link})" if entry.link else entry.title
        if entry.speakers:
            what += "\n\n    " + ", ".join(f"{{ref}}`{by_id[s][1].name} <person-{s}>`" for s in entry.speakers)
        for pid in raw.get("papers", []):
            paper = papers_by_id[pid]
            presenter = paper.get("presenter") or paper["authors"][0]
            what += f"\n\n    - [{paper['title']}]({paper['pdf']}) \u2014 **{presenter}**"
        room = (f"  - {rooms[entry.room]}\n" if entry.room else "  -\n") if rooms else ""
        rows.append(f"* - ({slot(day['date'], raw)})=\n    {ENGLISH.clock(entry.start)}\u2013{ENGLISH.clock(entry.end)}\n"
                    f"  - {KIND_LABELS[entry.kind]}\n{room}  - {what}")
    caption = f"Program for {ENGLISH.long_date(schedule.date)}"
    widths = "16 18 16 50" if rooms else "18 22 60"
    return (f"```{{list-table}} {caption}\n:header-rows: 1\n:stub-columns: 1\n:widths: {widths}\n\n"
            + "\n".join(rows) + "\n```\n\n")


def generate(factor: str, out: Path) -> tuple[Path, Path]:
    """Write ``out/directives`` and ``out/handwritten`` (replacing them); return both."""
    w = make_workshop(factor)
    directives, handwritten = out / "directives", out / "handwritten"
    for root in (directives, handwritten):
        if root.exists():
            shutil.rmtree(root)
    write_directives(w, directives)
    write_handwritten(make_workshop(factor), handwritten)
    return directives, handwritten


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("factor", choices=list(SCALES))
    parser.add_argument("out", type=Path)
    args = parser.parse_args(argv)
    for root in generate(args.factor, args.out):
        print(root)
    return 0


if __name__ == "__main__":
    sys.exit(main())
