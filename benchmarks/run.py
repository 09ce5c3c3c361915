"""Build synthetic workshops with the directives and by hand, on this machine, and compare.

For each scale (1x, 10x, 100x, and 100-one-day: the 100x workshop as one-day files, the layout
of every scale before schedules had ``days``; see generate.py) both forms are built in fresh
subprocesses, alternating, ``--repeat`` times; each figure is the median. Measured per build:

* full build: a clean output and doctree directory;
* no-change rebuild: the same command again;
* rebuild after editing one schedule entry (one file: the first day's YAML, or its page by hand; at 100x
  the YAML or the page of all the days);
* rebuild after editing one person's affiliation (the people YAML, or the people page by hand);
* peak memory: the largest resident set of the build process (its ``VmHWM``, see bench_probe.py);
* which documents each rebuild re-read (recorded by bench_probe.py).

Then, in this process, the time to load and validate every data file of the directive form.

    python benchmarks/run.py                        # 1x, 10x, 100x, 100-one-day, median of 5 (make bench)
    python benchmarks/run.py --scales 10 --repeat 5
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))

from generate import SCALES, generate, people_page, schedule_pages  # noqa: E402

EDITS = ("schedule", "people")


@dataclass
class Build:
    seconds: float
    max_rss_mb: float
    reread: list[str]


@dataclass
class Runs:
    full: list[Build] = field(default_factory=list)
    nochange: list[Build] = field(default_factory=list)
    edit_schedule: list[Build] = field(default_factory=list)
    edit_people: list[Build] = field(default_factory=list)


def sphinx_build(src: Path, jobs: int) -> Build:
    """One ``sphinx-build`` in a new process; its wall time, peak memory and re-read documents."""
    log = src / "_build" / "reads.jsonl"
    log.parent.mkdir(parents=True, exist_ok=True)
    log.unlink(missing_ok=True)
    env = {**os.environ, "BENCH_READ_LOG": str(log), "PYTHONHASHSEED": "0"}
    command = [sys.executable, "-m", "sphinx", "-b", "html", "-q", "-j", str(jobs), "-d",
               str(src / "_build" / "doctrees"), str(src), str(src / "_build" / "html")]
    start = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    _, status, _ = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    out, err = process.stdout.read(), process.stderr.read()
    if process.returncode != 0 or err.strip():
        raise SystemExit(f"build of {src} failed or warned:\n{out.decode()}\n{err.decode()}")
    entries = [json.loads(line) for line in log.read_text().splitlines()] if log.exists() else []
    reread = next((e["read"] for e in entries if "read" in e), [])
    peak_kb = next((e["peak_kb"] for e in entries if "peak_kb" in e), 0)
    return Build(seconds, peak_kb / 1024, reread)


def edit(src: Path, size: str, form: str, what: str) -> tuple[Path, str]:
    """Change one thing in one file, as an organizer would; return the file and its old text."""
    if what == "schedule":
        path = src / f"{schedule_pages(SCALES[size])[0]}.{'yaml' if form == 'directives' else 'md'}"
        old = path.read_text(encoding="utf-8")
        new = old.replace("Coffee break", "Coffee and tea break", 1)
    else:  # the affiliation of person p0002, in the first people file or on the first people page
        path = src / f"{people_page(0)}.{'yaml' if form == 'directives' else 'md'}"
        old = path.read_text(encoding="utf-8")
        if form == "directives":
            begin = old.index("affiliation: ", old.index("id: p0002")) + len("affiliation: ")
        else:
            begin = old.index("\n\n", old.index("(person-p0002)=")) + 2
        new = old[:begin] + "Institut d'Astrophysique de Paris" + old[old.index("\n", begin):]
    assert new != old, (path, what)
    path.write_text(new, encoding="utf-8")
    return path, old


def measure(src: Path, size: str, form: str, jobs: int, runs: Runs) -> None:
    shutil.rmtree(src / "_build", ignore_errors=True)
    runs.full.append(sphinx_build(src, jobs))
    runs.nochange.append(sphinx_build(src, jobs))
    for what in EDITS:
        path, old = edit(src, size, form, what)
        getattr(runs, f"edit_{what}").append(sphinx_build(src, jobs))
        path.write_text(old, encoding="utf-8")
        sphinx_build(src, jobs)  # back to the unedited state, not measured


def load_time(src: Path, repeat: int) -> float:
    """Seconds to read and validate every data file of a directive site (median), as the directives do."""
    from sphinx_workshop.data import loading

    loaders = {"day": loading.load_schedule, "schedule": loading.load_schedule, "people": loading.load_people,
               "papers": loading.load_papers, "dates": loading.load_dates}
    files = sorted(src.rglob("*.yaml"))
    times = []
    for _ in range(repeat):
        loading._cached_read.cache_clear()
        start = time.perf_counter()
        for path in files:
            loaders[path.stem.split("-")[0]](path, src)
        times.append(time.perf_counter() - start)
    loading._cached_read.cache_clear()
    return statistics.median(times)


def median(builds: list[Build], attr: str = "seconds") -> float:
    return statistics.median(getattr(b, attr) for b in builds)


def run(scales: list[str], repeat: int, jobs: int, out: Path) -> dict:
    results: dict = {"machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
                     "repeat": repeat, "jobs": jobs, "scales": {}}
    forms = ["directives", "handwritten"]
    for factor in scales:
        directives, handwritten = generate(factor, out / f"{factor}x")
        runs = {form: Runs() for form in forms}
        for r in range(repeat):
            for form in forms[r % len(forms):] + forms[:r % len(forms)]:  # rotate the order each round
                measure(handwritten if form == "handwritten" else directives, factor, form, jobs, runs[form])
                print(f"{factor}x {form} run {r + 1}: full {runs[form].full[-1].seconds:.2f}s", file=sys.stderr)
        scale = SCALES[factor]
        results["scales"][factor] = {
            "size": {"days": scale.days, "rooms": scale.rooms, "layout": scale.layout,
                     "entries": scale.days * scale.entries_per_day, "people": scale.people,
                     "papers": scale.papers, "dates": scale.dates,
                     "pages": len(list(directives.rglob("*.md"))),
                     "data_bytes": sum(p.stat().st_size for p in directives.rglob("*.yaml"))},
            "load_seconds": load_time(directives, max(repeat, 5)),
            "runs": {form: asdict(r) for form, r in runs.items()},
        }
    return results


def scale_name(key: str) -> str:
    """``100`` → ``100×``; ``100-one-day`` → ``100× one-day``."""
    size, _, layout = key.partition("-")
    return f"{size}×" + (f" {layout}" if layout else "")


def report(results: dict) -> str:
    """The Markdown tables for BENCHMARKS.md."""
    scales = results["scales"]
    names = {"full": "full build", "nochange": "no-change rebuild", "edit_schedule": "edit one schedule entry",
             "edit_people": "edit one affiliation"}

    def med(runs: dict, key: str, attr: str = "seconds") -> float:
        return statistics.median(x[attr] for x in runs[key])

    lines = [f"Machine: {results['machine']}; `sphinx-build -j {results['jobs']}`; median of "
             f"{results['repeat']} runs.", "",
             "| scale | days × rooms, schedule files | pages | entries | people | papers | dates | data | load + validate |",
             "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for factor, s in scales.items():
        z = s["size"]
        files = "1 file" if z["layout"] == "days" else f"{z['days']} one-day file{'s' if z['days'] > 1 else ''}"
        lines.append(f"| {scale_name(factor)} | {z['days']} × {z['rooms']}, {files} | {z['pages']} | {z['entries']} | "
                     f"{z['people']} | {z['papers']} | {z['dates']} | {z['data_bytes'] / 1024:.0f} KiB | "
                     f"{s['load_seconds'] * 1000:.0f} ms |")
    lines += ["", "| scale | measure | directives | hand-written | ratio |", "| --- | --- | ---: | ---: | ---: |"]
    for factor, s in scales.items():
        d, h = s["runs"]["directives"], s["runs"]["handwritten"]
        for key, label in names.items():
            a, b = med(d, key), med(h, key)
            lines.append(f"| {scale_name(factor)} | {label} | {a:.2f} s | {b:.2f} s | {a / b:.3f} |")
        a, b = (max(med(r, k, "max_rss_mb") for k in names) for r in (d, h))
        lines.append(f"| {scale_name(factor)} | peak memory | {a:.0f} MB | {b:.0f} MB | {a / b:.3f} |")
    lines += ["", "Documents re-read by a rebuild (directives / hand-written):", ""]
    for factor, s in scales.items():
        for key in ("nochange", "edit_schedule", "edit_people"):
            d, h = (s["runs"][f][key][-1]["reread"] for f in ("directives", "handwritten"))
            lines.append(f"- {scale_name(factor)}, {names[key]}: {', '.join(d) or 'none'} / {', '.join(h) or 'none'}")
    if "10" in scales and "100" in scales:
        lines += ["", "Growth of the full build from 10× to 100× (target: at most 11×):", ""]
        for form in ("directives", "handwritten"):
            t10, t100 = (med(scales[f]["runs"][form], "full") for f in ("10", "100"))
            lines.append(f"- {form}: {t10:.2f} s → {t100:.2f} s, {t100 / t10:.2f}×")
    if "100" in scales and "100-one-day" in scales:
        lines += ["", "100× in days and rooms (one file) against the same workshop as one-day files (ratio):", "",
                  "| measure | directives: days / one-day | hand-written: days / one-day |", "| --- | ---: | ---: |"]
        for key, label in names.items():
            cells = []
            for form in ("directives", "handwritten"):
                a, b = (med(scales[f]["runs"][form], key) for f in ("100", "100-one-day"))
                cells.append(f"{a:.2f} s / {b:.2f} s = {a / b:.3f}")
            lines.append(f"| {label} | {cells[0]} | {cells[1]} |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scales", nargs="+", default=list(SCALES), choices=list(SCALES))
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--jobs", type=int, default=1, help="sphinx-build -j (default 1)")
    parser.add_argument("--out", type=Path, default=Path("_build/bench"))
    args = parser.parse_args(argv)
    results = run(args.scales, args.repeat, args.jobs, args.out)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "results.json").write_text(json.dumps(results, indent=1, default=str), encoding="utf-8")
    text = report(results)
    (args.out / "results.md").write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
