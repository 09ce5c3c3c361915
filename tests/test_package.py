"""The package on its own: its README documents all it adds, one version, and a wheel with nothing of the site.

The README (sphinx_workshop/README.md, the package's ``readme``) is compared with what the extension
registers (markup/syntax.py, sphinxext/config.py), the data model and the command line, so it cannot
fall behind; its data tables are CONTRIBUTING.md's, row for row.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import json
import re
import subprocess
import sys
import tomllib
import zipfile
from email.parser import Parser
from pathlib import Path

import pytest
from conftest import PROJECT
from packaging.requirements import Requirement

import sphinx_workshop
from sphinx_workshop.cli.main import parser
from sphinx_workshop.data import model
from sphinx_workshop.markup.syntax import DIRECTIVES, ROLES
from sphinx_workshop.sphinxext.config import SETTINGS

README = PROJECT / "sphinx_workshop" / "README.md"
#: What the ML4Astro site installs and the extension must not pull in.
SITE_PACKAGES = {"sphinxext-opengraph", "sphinx-sitemap", "sphinx-notfound-page", "pydata-sphinx-theme",
                 "ruamel-yaml", "tinycss2", "myst-parser"}
#: README data section heading -> (top-level model, its list field, the list's item model).
DATA_TABLES = {
    "People files": (model.PeopleFile, "people", model.Person, "People"),
    "Schedule files": (model.Schedule, "entries", model.Entry, "Schedule"),
    "Dates files": (model.DatesFile, "dates", model.ImportantDate, "Important dates"),
    "Papers files": (model.PapersFile, "papers", model.Paper, "Papers"),
}
#: Other lists of items inside a file, documented as ``list[].field`` too.
NESTED = {model.Schedule: {"days": model.Day, "rooms": model.Room}}


def sections(text: str, level: int) -> dict[str, str]:
    """Heading text -> the section's text, for headings of ``level`` (``##``: 2)."""
    marks = "#" * level
    parts = re.split(rf"^{marks} (.+)$", text, flags=re.MULTILINE)
    return {parts[i].strip(): parts[i + 1] for i in range(1, len(parts), 2)}


def table_rows(section: str) -> list[str]:
    return [line for line in section.splitlines() if line.startswith("| `")]


def readme() -> str:
    return README.read_text(encoding="utf-8")


def test_pyproject_names_the_package_readme():
    project = tomllib.loads((PROJECT / "pyproject.toml").read_text())["project"]
    assert project["readme"] == "sphinx_workshop/README.md"
    assert "version" not in project and project["dynamic"] == ["version"]


def test_every_directive_and_its_options():
    directives = sections(sections(readme(), 2)["Directives"], 3)
    assert set(directives) == {f"`{name}`" for name in DIRECTIVES}
    for name, spec in DIRECTIVES.items():
        text = directives[f"`{name}`"]
        documented = re.findall(r"^\| `:([\w-]+):` \|", text, re.MULTILINE)
        assert documented == list(spec.options), name
        if not spec.options:
            assert "No options." in text, name


def test_every_role():
    roles = sections(readme(), 2)["Roles"]
    for role in ROLES:
        assert f"{{{role}}}`id`" in roles, role


def settings_table() -> list[str]:
    rows = []
    for setting in SETTINGS:
        default = json.dumps(setting.default) if isinstance(setting.default, str) else repr(setting.default)
        rows.append(f"| `{setting.name}` | `{default}` | {setting.description} |")
    return rows


def test_every_config_value_as_sphinxext_config_describes_it():
    block = readme().split("<!-- settings:", 1)[1].split("<!-- /settings -->", 1)[0]
    assert table_rows(block) == settings_table(), "\n" + "\n".join(settings_table())


@pytest.mark.parametrize("heading", DATA_TABLES)
def test_every_data_field_and_the_same_table_as_contributing(heading):
    top, items, item, contributing_heading = DATA_TABLES[heading]
    expected = set(top.model_fields) | {f"{items}[].{name}" for name in item.model_fields}
    expected |= {f"{key}[].{name}" for key, nested in NESTED.get(top, {}).items() for name in nested.model_fields}
    rows = table_rows(sections(sections(readme(), 2)["Data files"], 3)[f"{heading} (`{items}:`)"])
    keys = {key for row in rows for key in re.findall(r"`([\w.\[\]]+)`", row.split("|")[1])}
    assert keys == expected
    contributing = sections((PROJECT / "CONTRIBUTING.md").read_text(encoding="utf-8"), 3)
    [theirs] = [text for title, text in contributing.items() if title.startswith(contributing_heading + " (")]
    assert rows == table_rows(theirs)


def test_every_message_kind_and_where_the_messages_are():
    messages = sections(readme(), 2)["Messages"]
    kinds = ({spec.kind for spec in DIRECTIVES.values()} | set(ROLES.values())
             | {o.kind for spec in DIRECTIVES.values() for o in spec.options.values() if o.kind})
    for kind in kinds:
        assert f"`workshop.{kind}`" in messages, kind
    assert '"Error messages" of\n`CONTRIBUTING.md`' in messages
    assert "### Error messages" in (PROJECT / "CONTRIBUTING.md").read_text(encoding="utf-8")


def test_every_command():
    [commands] = [a for a in parser()._actions if isinstance(a, argparse._SubParsersAction)]
    table = sections(readme(), 2)["The command"]
    assert re.findall(r"^\| `sphinx-workshop ([\w-]+)", table, re.MULTILINE) == list(commands.choices)


def test_one_version_everywhere():
    assert importlib.metadata.version("sphinx-workshop") == sphinx_workshop.__version__ == "0.2.0"
    changelog = (PROJECT / "CHANGELOG.md").read_text(encoding="utf-8")
    released = [v for v in re.findall(r"^## (\S+)", changelog, re.MULTILINE) if v != "Unreleased"]
    assert released[0] == sphinx_workshop.__version__


def base_requirements(distribution: str) -> list[Requirement]:
    """A distribution's requirements without extras, for this Python."""
    found = []
    for line in importlib.metadata.requires(distribution) or []:
        requirement = Requirement(line)
        if requirement.marker is None or requirement.marker.evaluate({"extra": ""}):
            found.append(requirement)
    return found


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def test_installing_the_package_pulls_in_nothing_of_the_site():
    """Everything ``pip install sphinx-workshop`` installs, all the way down (from the installed metadata)."""
    seen: set[str] = set()
    todo = [canonical(r.name) for r in base_requirements("sphinx-workshop") if canonical(r.name) != "editables"]
    while todo:
        name = todo.pop()
        if name not in seen:
            seen.add(name)
            todo += [canonical(r.name) for r in base_requirements(name)]
    assert {"sphinx", "sphinx-design", "pydantic", "babel", "icalendar"} <= seen
    assert seen & SITE_PACKAGES == set()


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(out), str(PROJECT)],
                   check=True, capture_output=True)
    [built] = out.glob("sphinx_workshop-*.whl")
    return built


def test_the_wheel_holds_the_package_its_readme_and_the_site_template(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    assert {name.split("/")[0] for name in names} == {"sphinx_workshop", "sphinx_workshop-0.2.0.dist-info"}
    template = PROJECT / "sphinx_workshop" / "cli" / "site_template"
    files = {p.relative_to(PROJECT).as_posix() for p in template.rglob("*") if p.is_file()}
    assert files and files <= names
    assert "sphinx_workshop/sphinxext/static/workshop.css" in names


def test_the_wheels_metadata_names_none_of_the_sites_packages(wheel):
    metadata = Parser().parsestr(zipfile.ZipFile(wheel).read("sphinx_workshop-0.2.0.dist-info/METADATA").decode())
    assert metadata["Version"] == "0.2.0"
    requirements = [Requirement(r) for r in metadata.get_all("Requires-Dist")]
    base = {canonical(r.name) for r in requirements if r.marker is None}
    assert base == {"babel", "icalendar", "pydantic", "pyyaml", "sphinx-design", "sphinx"}
    assert {canonical(r.name) for r in requirements} & (SITE_PACKAGES - {"ruamel-yaml"}) == set()
    assert metadata.get_payload().startswith("# sphinx-workshop\n")


def test_new_works_from_the_wheel_alone(wheel, tmp_path):
    """The template is package data: ``new`` run from the unpacked wheel, not from this repository."""
    unpacked = tmp_path / "unpacked"
    zipfile.ZipFile(wheel).extractall(unpacked)
    script = ("import sys; sys.path.insert(0, sys.argv[1]); import sphinx_workshop; "
              "assert sphinx_workshop.__file__.startswith(sys.argv[1]), sphinx_workshop.__file__; "
              "from sphinx_workshop.cli.main import main; sys.exit(main(['new', sys.argv[2], '--date', '2026-06-15']))")
    done = subprocess.run([sys.executable, "-I", "-c", script, str(unpacked), str(tmp_path / "site")],
                          capture_output=True, text=True, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "site" / ".github" / "workflows" / "build.yml").is_file()
    assert (tmp_path / "site" / "conf.py").is_file()
