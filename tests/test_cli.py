"""``sphinx-workshop check``: the build's messages without the build, the command line, the pre-commit hook."""

from __future__ import annotations

import io
import re
import subprocess
import sys
import tomllib
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest
import yaml
from conftest import cli_build
from test_validation import CASES, DIRECTIVE, PAPERS, PEOPLE, marked_line

from sphinx_workshop.cli.check import uses
from sphinx_workshop.cli.main import main

PROJECT = Path(__file__).resolve().parent.parent
CONF = 'extensions = ["myst_parser", "sphinx_workshop"]\nexclude_patterns = ["_build", "drafts"]\n'
ORPHAN = "---\norphan: true\n---\n\n"
WARNING = re.compile(r"^.+?:\d+: WARNING: (?P<message>.*) \[workshop\.[\w-]+\]$")

def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def write_case(root: Path, name: str, filename: str, text: str | bytes) -> None:
    """One validation case in its own folder: a page showing the file, the people and papers files beside it."""
    folder = root / slug(name)
    folder.mkdir()
    (folder / "index.md").write_text(f"{ORPHAN}# {name}\n\n```{{{DIRECTIVE[filename]}}} {filename}\n```\n")
    (folder / "people.yaml").write_text(PEOPLE)
    (folder / "papers.yaml").write_text(PAPERS)
    data = text if isinstance(text, bytes) else text.encode("utf-8")
    (folder / filename).write_bytes(data)


@pytest.fixture(scope="module")
def cases_site(tmp_path_factory) -> Path:
    """Every validation case, each in its own folder of one site, and pages that must not be checked."""
    root = tmp_path_factory.mktemp("cases")
    (root / "conf.py").write_text(CONF)
    (root / "index.md").write_text("# Cases\n")
    for name, (filename, text, _) in CASES.items():
        write_case(root, name, filename, text)
    write_case(root, "not utf-8", "people.yaml", PEOPLE.replace("Caltech", "Caltech \xe9").encode("latin-1"))
    (root / "missing").mkdir()
    (root / "missing" / "index.md").write_text(f"{ORPHAN}# Missing\n\n```{{important-dates}} nowhere.yaml\n```\n")
    (root / "rst.rst").write_text(":orphan:\n\nFrom the root\n=============\n\n.. people:: /people-typo/people.yaml\n")
    return root


@pytest.fixture(scope="module")
def build_messages(cases_site) -> set[str]:
    """The ``file:line: ...`` part of every workshop warning of one build of the cases site."""
    status, warnings = cli_build(cases_site)
    assert status != 0
    return {m["message"] for line in warnings.splitlines() if (m := WARNING.match(line))}


@pytest.fixture(scope="module")
def check_messages(cases_site) -> list[str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        assert main(["check", "--quiet", str(cases_site)]) == 1
    assert err.getvalue() == ""
    return out.getvalue().splitlines()


def test_check_agrees_with_the_build_on_every_message(build_messages, check_messages):
    assert set(check_messages) == build_messages
    assert len(check_messages) == len(set(check_messages))


@pytest.mark.parametrize("case", CASES)
def test_check_reports_each_validation_case_at_its_line(check_messages, case):
    filename, text, expected = CASES[case]
    assert any(m.startswith(f"{slug(case)}/{filename}:{marked_line(text)}: {expected}") for m in check_messages)


def test_check_reports_missing_files_as_the_build_does(check_messages):
    assert "missing/nowhere.yaml: file not found" in check_messages
    assert "people-typo/people.yaml: file not found" in check_messages


def test_check_sorts_by_file_and_line(check_messages):
    places = [(m.split(":")[0], int(m.split(":")[1]) if m.split(":")[1].isdigit() else 0) for m in check_messages]
    assert places == sorted(places)


def write_site(root: Path, pages: dict[str, str], files: dict[str, str]) -> Path:
    (root / "conf.py").write_text(CONF)
    for name, text in {**pages, **files}.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    return root


BAD_PEOPLE = "people:\n  - id: bouman\n"
SCHEDULE = """\
date: 2022-07-22
timezone: America/New_York
people: [people.yaml]
entries:
  - {start: "9:15", end: "10:00", kind: keynote, title: Talk, speakers: [bouman]}
"""


def test_clean_site_exits_0_and_prints_nothing(tmp_path, capsys):
    write_site(tmp_path, {"index.md": "```{people} people.yaml\n```\n"}, {"people.yaml": PEOPLE})
    assert main(["check", str(tmp_path)]) == 0
    out, err = capsys.readouterr()
    assert out == ""
    assert "1 data file, no problems" in err


def test_problems_exit_1_one_per_line_on_stdout(tmp_path, capsys):
    write_site(tmp_path, {"index.md": "```{people} people.yaml\n```\n"}, {"people.yaml": BAD_PEOPLE})
    assert main(["check", str(tmp_path)]) == 1
    out, err = capsys.readouterr()
    assert out.splitlines() == ["people.yaml:2: person 1: 'name' is required",
                                "people.yaml:2: person 1: 'affiliation' is required"]
    assert "2 problems" in err


def test_usage_errors_exit_2(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["check", "--no-such-option"])
    assert exit_.value.code == 2
    with pytest.raises(SystemExit) as exit_:
        main([])
    assert exit_.value.code == 2


def test_without_path_checks_the_current_folder(tmp_path, monkeypatch, capsys):
    write_site(tmp_path, {"index.md": ":::{people} people.yaml\n:::\n"}, {"people.yaml": BAD_PEOPLE})
    monkeypatch.chdir(tmp_path)
    assert main(["check", "-q"]) == 1
    assert capsys.readouterr().out.startswith("people.yaml:2: ")


def test_pages_the_build_skips_are_skipped(tmp_path, capsys):
    bad = "```{people} bad.yaml\n```\n"
    pages = {name: bad for name in ["_build/html/x.md", ".venv/x.md", "node_modules/x/x.md", "tests/x.md",
                                    "drafts/x.md", "sub/.hidden/x.md"]}
    pages["index.md"] = "```{people} people.yaml\n```\n"
    write_site(tmp_path, pages, {"people.yaml": PEOPLE})
    assert main(["check", "-q", str(tmp_path)]) == 0
    assert capsys.readouterr().out == ""


def test_code_blocks_showing_a_directive_are_not_checked(tmp_path, capsys):
    page = ("````md\n```{people} example.yaml\n```\n````\n\n"
            "```{note}\nInside a note:\n\n```{people} people.yaml\n```\n```\n")
    write_site(tmp_path, {"index.md": page}, {"people.yaml": BAD_PEOPLE})
    assert main(["check", "-q", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert "example.yaml" not in out
    assert "people.yaml:2: person 1: 'name' is required" in out


def test_rst_pages_and_paths_from_the_root(tmp_path, capsys):
    page = ("Title\n=====\n\nAn example::\n\n   .. people:: example.yaml\n\n"
            ".. code-block:: rst\n\n   .. people:: example.yaml\n\n.. people:: /data/people.yaml\n")
    write_site(tmp_path, {"sub/page.rst": page, "index.md": "```{eval-rst}\n.. people:: data/people.yaml\n```\n"},
               {"data/people.yaml": BAD_PEOPLE})
    assert main(["check", "-q", str(tmp_path)]) == 1
    assert capsys.readouterr().out.splitlines() == ["data/people.yaml:2: person 1: 'name' is required",
                                                    "data/people.yaml:2: person 1: 'affiliation' is required"]
    assert [(u.page.name, u.line) for u in uses(tmp_path.resolve())] == [("index.md", 2), ("page.rst", 12)]


def test_a_schedule_file_is_checked_with_its_people(tmp_path, monkeypatch, capsys):
    write_site(tmp_path, {}, {"schedule.yaml": SCHEDULE, "people.yaml": BAD_PEOPLE})
    monkeypatch.chdir(tmp_path)
    assert main(["check", "-q", "schedule.yaml"]) == 1
    assert capsys.readouterr().out.splitlines() == ["people.yaml:2: person 1: 'name' is required",
                                                    "people.yaml:2: person 1: 'affiliation' is required"]


def test_named_files_known_by_their_key_others_skipped(tmp_path, monkeypatch, capsys):
    write_site(tmp_path, {}, {"a.yaml": "dates:\n  - {id: x, label: X, date: May}\n", "ci.yml": "on: push\n",
                              "page.md": "```{people} people.yaml\n```\n", "people.yaml": BAD_PEOPLE})
    monkeypatch.chdir(tmp_path)
    assert main(["check", "a.yaml", "ci.yml", "page.md", "gone.yaml"]) == 1
    out, err = capsys.readouterr()
    assert out.splitlines() == [
        "a.yaml:2: date 1: 'date' must be a date written YYYY-MM-DD (like 2022-07-22), not 'May'",
        "gone.yaml: file not found",
        "people.yaml:2: person 1: 'name' is required",
        "people.yaml:2: person 1: 'affiliation' is required",
    ]
    assert "skipped ci.yml: not a workshop data file" in err


def test_the_project_site_is_clean(capsys):
    assert main(["check", str(PROJECT)]) == 0
    assert capsys.readouterr().out == ""


@pytest.mark.parametrize("command", [[str(Path(sys.executable).parent / "sphinx-workshop")],
                                     [sys.executable, "-m", "sphinx_workshop"]])
def test_installed_command_and_module_run(command):
    completed = subprocess.run([*command, "--help"], capture_output=True, text=True, check=False)
    assert completed.returncode == 0, completed.stderr
    assert "check" in completed.stdout and "import-cmt" in completed.stdout
    assert "exit status:" in completed.stdout


@pytest.mark.parametrize("command", ["check", "import-cmt"])
def test_every_subcommand_has_help_with_exit_status(command, capsys):
    with pytest.raises(SystemExit) as exit_:
        main([command, "--help"])
    assert exit_.value.code == 0
    assert "exit status:" in capsys.readouterr().out


def test_console_script_and_pre_commit_hooks_agree():
    scripts = tomllib.loads((PROJECT / "pyproject.toml").read_text())["project"]["scripts"]
    assert scripts == {"sphinx-workshop": "sphinx_workshop.cli:main"}
    [hook] = yaml.safe_load((PROJECT / ".pre-commit-hooks.yaml").read_text())
    assert hook["id"] == "workshop-check"
    assert hook["entry"] == "sphinx-workshop check"
    assert hook["language"] == "python"
    assert re.search(hook["files"], "program/schedule.yaml") and re.search(hook["files"], "index.md")
    config = yaml.safe_load((PROJECT / ".pre-commit-config.yaml").read_text())
    [local] = [repo for repo in config["repos"] if repo["repo"] == "local"]
    [own] = [h for h in local["hooks"] if h["id"] == "workshop-check"]
    assert own["entry"].endswith("sphinx-workshop check")
    assert own["pass_filenames"] is False
