"""Reproducible output: the same sources give the same bytes in ``_build/html``.

The real site is built three times from clean output and doctree directories, each in its own
process with its own hash seed (so set and dict iteration orders differ, as they do between CI
runs), with the Read the Docs canonical URL set (so the sitemap, Open Graph tags and JSON-LD
URLs are written too):

1. copy A of the project, ``-j 1``;
2. copy B of the project, at another path of another depth, ``-j 1``: no absolute path of the
   checkout, no file time and no clock reading may reach the output;
3. copy A again, ``-j 2``: parallel reading and writing change nothing.

Every file is compared byte for byte: pages, calendars, sitemap, robots.txt, images, scripts,
stylesheets, search index and ``.buildinfo`` (nothing is excluded).
"""

from __future__ import annotations

import difflib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).parent.parent
CANONICAL = "https://ml4astro.readthedocs.io/en/latest/"
#: Not part of the site's sources: environments, build output, tools' caches, the tests themselves.
NOT_SOURCES = shutil.ignore_patterns(".venv", "venv", "_build", "node_modules", "tests", "benchmarks",
                                     "*.egg-info", ".pytest_cache", ".hypothesis", "__pycache__")


def copy_project(dest: Path) -> Path:
    shutil.copytree(PROJECT, dest, ignore=NOT_SOURCES, symlinks=True)
    return dest


def build(src: Path, out: Path, *, jobs: int, seed: int) -> Path:
    env = {**os.environ, "PYTHONHASHSEED": str(seed), "READTHEDOCS_CANONICAL_URL": CANONICAL}
    env.pop("SOURCE_DATE_EPOCH", None)  # reproducible without help
    done = subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "html", "-q", "-E", "-W", "--keep-going", "-n", "-j", str(jobs),
         "-d", str(out / "doctrees"), str(src), str(out / "html")],
        cwd=out, env=env, capture_output=True, text=True, timeout=600,
    )
    assert done.returncode == 0, done.stderr
    return out / "html"


@pytest.fixture(scope="module")
def builds(tmp_path_factory) -> dict[str, Path]:
    base = tmp_path_factory.mktemp("reproducible")
    a = copy_project(base / "a" / "site")
    b = copy_project(base / "elsewhere" / "much" / "deeper" / "ml4astro")
    outputs = {}
    for name, src, jobs, seed in (("first", a, 1, 1), ("second", b, 1, 2), ("parallel", a, 2, 3)):
        out = base / f"out-{name}"
        out.mkdir()
        outputs[name] = build(src, out, jobs=jobs, seed=seed)
    return outputs


def files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def differences(left: Path, right: Path) -> list[str]:
    """What differs, readably: missing files, and a short diff of each file whose bytes differ."""
    a, b = files(left), files(right)
    problems = [f"only in {left.parent.name}: {name}" for name in sorted(a.keys() - b.keys())]
    problems += [f"only in {right.parent.name}: {name}" for name in sorted(b.keys() - a.keys())]
    for name in sorted(a.keys() & b.keys()):
        if a[name] != b[name]:
            try:
                diff = difflib.unified_diff(a[name].decode().splitlines(), b[name].decode().splitlines(),
                                            lineterm="", n=0)
                detail = "\n".join(list(diff)[2:12])
            except UnicodeDecodeError:
                detail = f"(binary, {len(a[name])} and {len(b[name])} bytes)"
            problems.append(f"{name} differs:\n{detail}")
    return problems


def test_the_builds_hold_every_kind_of_output(builds):
    names = set(files(builds["first"]))
    assert {"index.html", "program/index.html", ".buildinfo"} <= names
    # Calendars, sitemap, robots.txt, scripts, stylesheets and images are compared too.
    assert {"sitemap.xml", "robots.txt", "ml4astro-2022-dates.ics", "program/ml4astro-2022-program.ics"} <= names
    assert {".html", ".css", ".js", ".png", ".svg"} <= {Path(n).suffix for n in names}


def test_two_clean_builds_at_different_paths_give_the_same_bytes(builds):
    assert differences(builds["first"], builds["second"]) == []


def test_a_parallel_build_gives_the_same_bytes(builds):
    assert differences(builds["first"], builds["parallel"]) == []
