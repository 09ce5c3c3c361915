"""Loaded by the benchmark sites: what a build re-read, and its peak memory.

With ``BENCH_READ_LOG`` set, each build appends JSON lines to that file: ``{"read": [...]}``, the
documents it read, and at the end ``{"peak_kb": N}``, the build process's own peak resident set
(``VmHWM``; ``ru_maxrss`` from ``wait4`` would include the parent's size at fork, which Linux
carries across ``exec``).
"""

from __future__ import annotations

import json
import os


def _log(entry: dict) -> None:
    log = os.environ.get("BENCH_READ_LOG")
    if log:
        with open(log, "a", encoding="utf-8") as out:
            out.write(json.dumps(entry) + "\n")


def _record_reads(app, env, docnames) -> None:
    _log({"read": sorted(docnames)})


def _record_peak(app, exception) -> None:
    with open("/proc/self/status", encoding="ascii") as status:
        peak = next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
    _log({"peak_kb": peak})


def setup(app):
    app.connect("env-before-read-docs", _record_reads, priority=900)
    app.connect("build-finished", _record_peak, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
