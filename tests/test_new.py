"""``sphinx-workshop new DIR``: a new site that builds with -W at once, placeholders obvious, options checked."""

from __future__ import annotations

import ast
import datetime as dt
import json
import re
import tomllib
from pathlib import Path

import pytest
import yaml
from conftest import PROJECT, cli_build, soup_of

from sphinx_workshop import __version__
from sphinx_workshop.cli import new
from sphinx_workshop.cli.main import main

FILES = {
    ".github/workflows/build.yml", ".gitignore", ".readthedocs.yaml", "Makefile", "README.md", "conf.py",
    "requirements.txt", "index.md", "cfp/index.md", "cfp/dates.yaml", "people/index.md",
    "people/organizers.yaml", "people/speakers.yaml", "program/index.md", "program/papers.md",
    "program/papers.yaml", "program/schedule.yaml",
}
PAGES = ["index", "program/index", "program/papers", "cfp/index", "people/index"]
#: What the ML4Astro site has and a new site must not need.
SITE_ONLY = ["lean_theme", "site_glue", "_ext/", "tools/", "opengraph", "sitemap", "notfound", "tinycss2",
             "ML4Astro", "ICML"]


def run_new(capsys, *argv: str) -> tuple[int, str, str]:
    status = main(["new", *argv])
    out, err = capsys.readouterr()
    return status, out, err


@pytest.fixture(scope="module")
def made(tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("new") / "site"
    assert main(["new", str(site), "--name", "Galaxies 2027", "--date", "2027-06-14",
                 "--timezone", "Europe/Paris"]) == 0
    return site


@pytest.fixture(scope="module")
def built(made) -> Path:
    assert cli_build(made) == (0, "")
    return made / "_build" / "html"


def test_writes_every_file_of_a_site(made):
    assert {p.relative_to(made).as_posix() for p in made.rglob("*") if p.is_file()} == FILES


def test_builds_with_warnings_as_errors_and_check_finds_nothing(built, made, capsys, monkeypatch):
    assert {p.relative_to(built).as_posix() for p in built.rglob("*.html")} >= {f"{p}.html" for p in PAGES}
    monkeypatch.chdir(made)
    assert main(["check", "--quiet"]) == 0
    assert capsys.readouterr().out == ""


def test_the_pages_show_the_data_and_its_placeholders(built):
    index = soup_of(built / "index.html")
    assert index.find("h1").get_text().removesuffix("#") == "Galaxies 2027"
    assert [li.select_one("strong").get_text() for li in index.select("ul.ws-dates li")] == [
        "Submission deadline (replace me)", "Author notification (replace me)",
        "Camera-ready deadline (replace me)", "Workshop"]
    event = json.loads(index.find("script", type="application/ld+json").string)
    assert (event["name"], event["startDate"]) == ("Galaxies 2027", "2027-06-14T09:00:00+02:00")
    program = soup_of(built / "program" / "index.html")
    assert [c.get_text() for c in program.select(".ws-people .ws-name")] == [
        "First Speaker (replace me)", "Second Speaker (replace me)"]
    assert "the local time at the venue in City, Country (replace me)" in " ".join(program.get_text().split())
    assert program.select_one("a.ws-calendar-link")["href"] == "program.ics"
    assert (built / "program" / "program.ics").is_file() and (built / "dates.ics").is_file()
    people = soup_of(built / "people" / "index.html")
    assert [c.get_text() for c in people.select(".ws-people")[0].select(".ws-name")] == [
        "First Organizer (replace me)", "Second Organizer (replace me)"]
    assert "will be published" in soup_of(built / "program" / "papers.html").select_one("article").get_text()


def test_dates_count_back_from_the_workshop_day(made):
    dates = yaml.safe_load((made / "cfp" / "dates.yaml").read_text())["dates"]
    day = dt.date(2027, 6, 14)
    assert [d["date"] for d in dates] == [day - dt.timedelta(days=n) for n in (63, 35, 21)] + [day]
    schedule = yaml.safe_load((made / "program" / "schedule.yaml").read_text())
    assert (schedule["date"], schedule["timezone"]) == (day, "Europe/Paris")
    papers = yaml.safe_load((made / "program" / "papers.yaml").read_text())
    assert papers == {"announcement": dates[1]["date"], "papers": []}


def test_placeholders_are_marked_and_the_readme_says_how_to_find_them(made):
    marked = [name for name in FILES if "(replace me)" in (made / name).read_text(encoding="utf-8")]
    assert {"index.md", "cfp/index.md", "cfp/dates.yaml", "people/speakers.yaml", "people/organizers.yaml",
            "program/schedule.yaml"} <= set(marked)
    assert 'grep -rn "replace me"' in (made / "README.md").read_text()


def test_its_own_make_test_ci_and_read_the_docs(made):
    makefile = (made / "Makefile").read_text()
    targets = set(re.findall(r"^([a-z]+):", makefile, re.MULTILINE))
    assert {"html", "test"} <= targets
    test_recipe = makefile.split("\ntest:", 1)[1].split("\n\n", 1)[0]
    assert "sphinx-workshop check" in test_recipe and "-W" in makefile and "sphinx-build" in test_recipe
    workflow = yaml.safe_load((made / ".github/workflows/build.yml").read_text())
    steps = workflow["jobs"]["build"]["steps"]
    assert any(step.get("run") == "make test" for step in steps)
    rtd = yaml.safe_load((made / ".readthedocs.yaml").read_text())
    assert rtd["sphinx"] == {"configuration": "conf.py", "fail_on_warning": True}
    assert rtd["python"]["install"] == [{"requirements": "requirements.txt"}]


def test_requirements_are_the_extension_myst_and_the_theme_with_this_projects_ranges(made):
    lines = [ln for ln in (made / "requirements.txt").read_text().splitlines() if ln and not ln.startswith("#")]
    groups = tomllib.loads((PROJECT / "pyproject.toml").read_text())["dependency-groups"]["site"]
    site = {re.split(r"[<>=]", r, maxsplit=1)[0]: r for r in groups}
    major, minor = map(int, __version__.split(".")[:2])
    this = f"sphinx-workshop[photos]>={major}.{minor},<{major}.{minor + 1}"
    assert lines == [this, site["myst-parser"], site["pydata-sphinx-theme"]]


def test_nothing_of_the_ml4astro_site(made):
    for name in FILES:
        text = (made / name).read_text(encoding="utf-8")
        assert [word for word in SITE_ONLY if word in text] == [], name
    conf = ast.parse((made / "conf.py").read_text())
    extensions = next(node.value for node in conf.body if isinstance(node, ast.Assign)
                      and node.targets[0].id == "extensions")
    assert ast.literal_eval(extensions) == ["myst_parser", "sphinx_design", "sphinx_workshop"]


def test_another_language_builds_too(tmp_path):
    site = tmp_path / "site"
    assert main(["new", str(site), "--name", "Atelier 2026", "--date", "2026-06-15", "--timezone",
                 "Europe/Paris", "--language", "fr"]) == 0
    assert cli_build(site) == (0, "")
    html = soup_of(site / "_build/html/index.html")
    assert html.find("html")["lang"] == "fr"
    assert "15 juin 2026" in html.select_one("article").get_text()


HOSTILE = 'Atelier d’été *ML* {x}`y` # "q" \\ <b>'


def test_any_name_is_shown_as_written(tmp_path):
    site = tmp_path / "site"
    assert main(["new", str(site), "--name", HOSTILE, "--date", "2026-06-15"]) == 0
    assert cli_build(site) == (0, "")
    index = soup_of(site / "_build/html/index.html")
    # Sphinx's typographic quotes, as on every page; nothing else changes
    assert index.find("h1").get_text().removesuffix("#") == HOSTILE.replace('"q"', "“q”")
    assert index.select_one("article").find("b") is None and "<b>" in index.select_one("article").get_text()
    assert json.loads(index.find("script", type="application/ld+json").string)["name"] == HOSTILE
    assert index.find("meta", attrs={"name": "description"})["content"].startswith(HOSTILE + ", ")
    namespace: dict = {}
    exec(compile((site / "conf.py").read_text(), "conf.py", "exec"), namespace)  # noqa: S102
    assert namespace["project"] == HOSTILE


def test_without_name_or_date_the_placeholders_build(tmp_path, capsys):
    site = tmp_path / "site"
    status, out, _ = run_new(capsys, str(site))
    assert status == 0
    assert f"the workshop day {new.default_date().isoformat()} is a placeholder" in out
    assert cli_build(site) == (0, "")
    assert soup_of(site / "_build/html/index.html").find("h1").get_text().removesuffix("#") == new.DEFAULT_NAME


def test_reports_what_it_wrote_and_what_comes_next(tmp_path, capsys):
    status, out, err = run_new(capsys, str(tmp_path / "s"), "--name", "W 2026", "--date", "2026-06-15")
    assert (status, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == f"{tmp_path / 's'}: 17 files written for W 2026, 2026-06-15 (UTC, language en)"
    assert sorted(line.strip() for line in lines[1:18]) == sorted(FILES)
    assert lines[-1].startswith(f"next: cd {tmp_path / 's'} && make html")


WRONG = [
    (["--timezone", "EST"], "--timezone: 'EST' is a fixed offset, UTC−05:00 all year, with no daylight saving: "
                            "use the venue's own zone, like America/New_York"),
    (["--timezone", "CET"], "--timezone: 'CET' is an old rule name of the tz database, not a place: use the "
                            "venue's own zone, like Europe/Paris"),
    (["--timezone", "GMT"], "--timezone: 'GMT' is another name of UTC: write UTC"),
    (["--timezone", "Mars/Olympus"], "--timezone: 'Mars/Olympus' is not a time zone: use an IANA name like "
                                     "America/New_York"),
    (["--date", "2026-7-1"], "--date '2026-7-1': must be a date written YYYY-MM-DD, like 2026-07-22"),
    (["--date", "2026-02-30"], "--date '2026-02-30': must be a date written YYYY-MM-DD, like 2026-07-22"),
    (["--language", "xx"], "--language 'xx': no such language is known; use a code like en, fr or pt_BR"),
    (["--language", "en/../x"], "--language 'en/../x': must be a language code like en, fr or pt_BR"),
    (["--name", "  "], "--name '  ': must not be empty"),
    (["--name", "W" * 301], f"--name '{'W' * 301}': is too long: at most 300 characters"),
    (["--name", "W\x07"], "--name 'W\\x07': must not contain the control character '\\x07'"),
    (["--name", "W\n2026"], "--name 'W\\n2026': must be on one line"),
]


@pytest.mark.parametrize(("argv", "message"), WRONG)
def test_wrong_options_exit_2_in_plain_words_and_write_nothing(tmp_path, capsys, argv, message):
    status, out, err = run_new(capsys, str(tmp_path / "site"), *argv)
    assert (status, out, err) == (2, "", f"sphinx-workshop new: error: {message}\n")
    assert not (tmp_path / "site").exists()


def test_the_timezone_rule_is_the_schedules(tmp_path, capsys):
    """The same words as a schedule file with that zone gets from the build's own model."""
    from pydantic import ValidationError

    from sphinx_workshop.data.model import Schedule

    with pytest.raises(ValidationError) as error:
        Schedule.model_validate({"date": "2026-06-15", "timezone": "Etc/GMT+5",
                                 "entries": [{"start": "9:00", "end": "10:00", "kind": "talk", "title": "T"}]})
    _, _, err = run_new(capsys, str(tmp_path / "site"), "--timezone", "Etc/GMT+5")
    assert err == f"sphinx-workshop new: error: --timezone: {error.value.errors()[0]['msg']}\n"


def test_a_folder_that_is_not_empty_is_refused_unless_forced(tmp_path, capsys):
    site = tmp_path / "site"
    site.mkdir()
    (site / "notes.txt").write_text("mine")
    (site / "index.md").write_text("# Mine\n")
    status, out, err = run_new(capsys, str(site))
    assert (status, out) == (2, "")
    assert err == (f"sphinx-workshop new: error: {site} is not empty (index.md, notes.txt): name a new or empty "
                   "folder, or pass --force to write the site's files into it (files of the same names are "
                   "replaced)\n")
    assert sorted(p.name for p in site.iterdir()) == ["index.md", "notes.txt"]
    assert (site / "index.md").read_text() == "# Mine\n"
    status, _, _ = run_new(capsys, str(site), "--force", "--date", "2026-06-15")
    assert status == 0
    assert (site / "notes.txt").read_text() == "mine"
    assert (site / "index.md").read_text().count("```{important-dates}") == 1


def test_an_empty_folder_is_fine_and_a_file_is_refused(tmp_path, capsys):
    (tmp_path / "empty").mkdir()
    assert run_new(capsys, str(tmp_path / "empty"), "--date", "2026-06-15")[0] == 0
    (tmp_path / "file").write_text("")
    status, _, err = run_new(capsys, str(tmp_path / "file"))
    assert (status, err) == (2, f"sphinx-workshop new: error: {tmp_path / 'file'} is a file, not a folder: "
                                "name a new folder for the site\n")


def test_asks_nothing(tmp_path, capsys, monkeypatch):
    class NoInput:
        def __getattr__(self, name):
            raise AssertionError("standard input was used")

    monkeypatch.setattr("sys.stdin", NoInput())
    assert run_new(capsys, str(tmp_path / "site"))[0] == 0


def test_every_placeholder_of_the_template_has_a_value_and_every_value_a_use():
    site = new.Site("W", dt.date(2026, 6, 15), "UTC", "en")
    used = {key for _, source in new.template_files()
            for key in new.PLACEHOLDER.findall(source.read_text(encoding="utf-8"))}
    assert used == set(site.values())


def test_help_describes_the_options_and_the_exit_status(capsys):
    with pytest.raises(SystemExit):
        main(["new", "--help"])
    text = capsys.readouterr().out
    for option in ("--name", "--date", "--timezone", "--language", "--force", "exit status:", "(replace me)"):
        assert option in text


def documented_messages() -> list[str]:
    """The messages (code spans of the first cells) of the table of `new`'s messages in CONTRIBUTING.md."""
    text = (PROJECT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    section = text.split("## Start the next edition", 1)[1].split("\n## ", 1)[0]
    table = section.split("| message |", 1)[1].split("\n\n", 1)[0]
    return [span for line in table.splitlines()[2:] for span in re.findall(r"`([^`]+)`", line.split(" | ")[0])]


def fragment_pattern(fragment: str) -> re.Pattern[str]:
    """A row's message: '…' is any text, a quoted value any quoted value, the example folder any folder."""
    parts = re.split(r"(\u2026|'[^']*'|\.\./ml4astro-2023)", fragment)
    return re.compile("".join(".*?" if part == "\u2026" else "'.*?'" if part.startswith("'") and len(part) > 1
                              else r"\S+" if part == "../ml4astro-2023" else re.escape(part) for part in parts))


def test_contributing_lists_every_message_and_no_other(tmp_path, capsys):
    messages = [f"error: {message}" for _, message in WRONG]
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "x").write_text("")
    (tmp_path / "file").write_text("")
    for target in ("full", "file"):
        messages.append(run_new(capsys, str(tmp_path / target))[2].removeprefix("sphinx-workshop new: ")
                        .rstrip("\n"))
    patterns = [fragment_pattern(f) for f in documented_messages()]
    assert patterns
    assert [m for m in messages if not any(p.search(m) for p in patterns)] == []
    assert [p.pattern for p in patterns if not any(p.search(m) for m in messages)] == []
