"""``sphinx-workshop check``: the build's messages without the build, the command line, the pre-commit hook."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml
from test_validation import PEOPLE

from sphinx_workshop.cli.main import main

PROJECT = Path(__file__).resolve().parent.parent
CONF = 'extensions = ["myst_parser", "sphinx_workshop"]\nexclude_patterns = ["_build", "drafts"]\n'


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


def walked(monkeypatch) -> list[Path]:
    """The folders the check lists, as it lists them."""
    seen: list[Path] = []
    real_walk = os.walk

    def walk(top, *args, **kwargs):
        for root, dirs, files in real_walk(top, *args, **kwargs):
            seen.append(Path(root))
            yield root, dirs, files

    monkeypatch.setattr(os, "walk", walk)
    return seen


@pytest.mark.parametrize("where", ["named folder", "current folder", "named file"])
def test_outside_a_site_exits_2_and_says_where_it_looked(tmp_path, monkeypatch, capsys, where):
    folder = tmp_path / "not-a-site"
    (folder / "deep" / "down").mkdir(parents=True)
    (folder / "deep" / "down" / "page.md").write_text("```{people} people.yaml\n```\n")
    seen = walked(monkeypatch)
    if where == "named folder":
        status = main(["check", str(folder)])
    else:
        monkeypatch.chdir(folder)
        status = main(["check"] if where == "current folder" else ["check", "deep/down/page.md"])
    out, err = capsys.readouterr()
    assert (status, out) == (2, "")
    assert err == (f"sphinx-workshop check: no conf.py in {folder.resolve()}: run it in the site's folder, "
                   "or name the folder\n")
    assert seen == []  # nothing searched


def test_never_enters_environments_build_output_or_excluded_folders(tmp_path, monkeypatch, capsys):
    bad = "```{people} bad.yaml\n```\n"
    pages = {f"{folder}/page.md": bad for folder in [".venv/lib", "venv", "node_modules/pkg", "docs/node_modules",
                                                       "_build/html", ".git/x", "drafts", "sub/__pycache__"]}
    write_site(tmp_path, {**pages, "index.md": "```{people} people.yaml\n```\n", "sub/page.md": "# Sub\n"},
               {"people.yaml": PEOPLE})
    seen = walked(monkeypatch)
    assert main(["check", "-q", str(tmp_path)]) == 0
    assert capsys.readouterr().out == ""
    assert sorted(p.relative_to(tmp_path.resolve()).as_posix() for p in seen) == [".", "docs", "sub"]


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
    from sphinx_workshop.markup.scan import scan_file

    assert [(d.name, d.line) for d in scan_file(tmp_path / "index.md").directives] == [("eval-rst", 1), ("people", 2)]
    assert [(d.name, d.line) for d in scan_file(tmp_path / "sub" / "page.rst").directives] == [
        ("code-block", 8), ("people", 12)]


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
    for name in ("check", "import-cmt", "import-openreview"):
        assert name in completed.stdout
    assert "exit status:" in completed.stdout


@pytest.mark.parametrize("command", ["check", "import-cmt", "import-openreview"])
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
