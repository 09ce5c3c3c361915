"""Data problems in the preview: each reported once, at the data file's line, and shown on the page in an error box.

A build that does not stop at warnings (``make serve``) shows the box where the content would be; the
strict build (``-W``) fails. Once per build also with parallel reading, and again in an incremental build
when a page that has the problem is read again; a page that is not read again keeps its box.
"""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from conftest import build_app, copy_root, soup_of, warnings_of
from sphinx.cmd.build import build_main
from sphinx.testing.util import SphinxTestApp

BROKEN = ("    affiliation: Tübingen University\n", "    afiliation: Tübingen University\n")
#: What the boxes say: the speakers file's two problems (the field's name is wrong, so it is also missing).
PROBLEMS = ["people/speakers.yaml:6: person 2: 'affiliation' is required",
            "people/speakers.yaml:8: person 2: unknown field 'afiliation' (did you mean 'affiliation'?)"]
#: Every warning: the speakers have no cards now, so the home page's {person} roles name no one.
NO_CARD = ("index.md:6: WARNING: no card for person id '{}': is the id right, and is the person in a people file "
           "shown on some page? [workshop.person]")
WARNINGS = [NO_CARD.format("bouman"), NO_CARD.format("macke"),
            *(f"{p.replace(': person', ': WARNING: person', 1)} [workshop.people]" for p in PROBLEMS)]


def broken_site(dest: Path) -> Path:
    """The site root with a typo in the speakers file, which four directives on two pages read."""
    src = copy_root("site", dest)
    speakers = src / "people" / "speakers.yaml"
    speakers.write_text(speakers.read_text().replace(*BROKEN))
    return src


def preview_build(src: Path, *options: str) -> tuple[int, str]:
    """Build as ``make serve`` does: no -W."""
    warnings = src / "_warnings.txt"
    status = build_main(["-b", "html", "-q", "-w", str(warnings), *options, str(src), str(src / "_build" / "html")])
    return status, warnings.read_text(encoding="utf-8")


def boxes(page: Path) -> list:
    return soup_of(page).select("div.ws-problem")


def test_a_preview_shows_the_problem_in_place_of_the_content(tmp_path):
    src = broken_site(tmp_path / "site")
    status, warnings = preview_build(src)
    assert status == 0  # the preview goes on ...
    assert warnings.splitlines() == WARNINGS  # ... and says each once, though four directives read the file
    html = src / "_build" / "html"
    program = boxes(html / "program" / "index.html")
    assert [b.select_one(".ws-problem-title").get_text() for b in program] == [
        "The schedule cannot be shown", "These people cannot be shown"]
    for box in program:
        assert [m.get_text() for m in box.select(".ws-problem-message")] == PROBLEMS
        assert "Fix the file at the line named above" in box.select_one(".ws-problem-hint").get_text()
    assert not soup_of(html / "program" / "index.html").select(".ws-schedule, .ws-people")
    assert len(boxes(html / "rst.html")) == 2
    assert boxes(html / "index.html") == []  # the dates are fine


def test_the_strict_build_fails(tmp_path):
    status, warnings = preview_build(broken_site(tmp_path / "site"), "-W", "--keep-going")
    assert status != 0
    assert warnings.splitlines() == WARNINGS


def test_the_box_has_a_real_heading_one_level_below_its_section(tmp_path):
    src = broken_site(tmp_path / "site")
    page = src / "program" / "index.md"
    page.write_text(page.read_text().replace("```{people}", "## Speakers\n\n```{people}"))
    preview_build(src)
    program = soup_of(src / "_build" / "html" / "program" / "index.html")
    assert [b.select_one(".ws-problem-title").name for b in program.select("div.ws-problem")] == ["h2", "h3"]


def test_text_from_data_in_the_box_is_escaped(tmp_path):
    src = copy_root("site", tmp_path / "site")
    speakers = src / "people" / "speakers.yaml"
    speakers.write_text(speakers.read_text().replace("    affiliation: Caltech\n",
                                                     "    affiliation: Caltech\n    '<script>alert(1)</script>': x\n"))
    preview_build(src)
    page = src / "_build" / "html" / "program" / "index.html"
    assert "<script>alert(1)" not in page.read_text(encoding="utf-8")
    [message] = {m.get_text() for m in soup_of(page).select(".ws-problem-message")}
    assert message == "people/speakers.yaml:6: person 1: unknown field '<script>alert(1)</script>'"


@pytest.mark.parametrize(("builder", "output"), [("text", "program/index.txt"), ("man", "*.1"), ("latex", "*.tex")])
def test_other_builders_show_the_problem_as_plain_text(tmp_path, builder, output):
    app = build_app(broken_site(tmp_path / "site"), builder)
    assert warnings_of(app).splitlines() == WARNINGS
    text = next(app.outdir.glob(output)).read_text(encoding="utf-8")
    assert "The schedule cannot be shown" in text
    assert "person 2: unknown field" in text and "afiliation" in text
    assert "<div" not in text


def test_reported_once_when_reading_in_parallel(tmp_path):
    src = broken_site(tmp_path / "site")
    for n in range(6):  # Sphinx reads in parallel only beyond five documents
        (src / f"copy{n}.md").write_text(f"# Copy {n}\n\n```{{people}} people/speakers.yaml\n```\n")
    index = src / "index.md"
    index.write_text(index.read_text().replace("plain\n", "plain\n" + "".join(f"copy{n}\n" for n in range(6))))
    status, warnings = preview_build(src, "-j", "2")
    assert (status, warnings.splitlines()) == (0, WARNINGS)
    assert all(len(boxes(src / "_build" / "html" / f"copy{n}.html")) == 1 for n in range(6))


def incremental_build(src: Path) -> tuple[list[str], set[str]]:
    """One build that keeps the environment, as ``make serve`` does on every save: warnings, pages read."""
    read: set[str] = set()
    app = SphinxTestApp("html", srcdir=src, warning=StringIO())
    app.connect("env-before-read-docs", lambda app, env, docnames: read.update(docnames))
    try:
        app.build()
    finally:
        app.cleanup()
    return warnings_of(app).splitlines(), read


def test_incremental_builds_keep_the_boxes_and_report_what_is_still_wrong(tmp_path):
    src = broken_site(tmp_path / "site")
    program = src / "_build" / "html" / "program" / "index.html"
    assert incremental_build(src)[0] == WARNINGS
    # Nothing changed: nothing is read again, and the page keeps its boxes.
    assert incremental_build(src)[1] == set()
    assert len(boxes(program)) == 2
    # Another page changes: the problem, still there, is reported again.
    (src / "plain.md").write_text("# A page without data\n\nEdited.\n")
    assert incremental_build(src) == (WARNINGS, {"plain"})
    # The file is edited but the problem stays: the pages that read it are read again and say so.
    speakers = src / "people" / "speakers.yaml"
    speakers.write_text(speakers.read_text() + "# edited\n")
    assert incremental_build(src) == (WARNINGS, {"program/index", "rst"})
    assert len(boxes(program)) == 2
    # Fixed: no warning, no box.
    speakers.write_text(speakers.read_text().replace(BROKEN[1], BROKEN[0]))
    assert incremental_build(src)[0] == []
    assert boxes(program) == []


def test_a_person_link_follows_a_card_that_comes_later(tmp_path):
    """A page naming an id that has no card is written again (not read again) once a card appears."""
    src = copy_root("site", tmp_path / "site")
    (src / "plain.md").write_text("# Plain\n\nSee {person}`newcomer`.\n")
    assert incremental_build(src)[0] == [
        "plain.md:3: WARNING: no card for person id 'newcomer': is the id right, and is the person in a people "
        "file shown on some page? [workshop.person]"]
    plain = src / "_build" / "html" / "plain.html"
    assert soup_of(plain).select_one(".ws-problem-ref")
    speakers = src / "people" / "speakers.yaml"
    speakers.write_text(speakers.read_text() + "  - {id: newcomer, name: Ada Newcomer, affiliation: Somewhere}\n")
    warnings, read = incremental_build(src)
    assert warnings == [] and "plain" not in read
    assert soup_of(plain).select_one(".ws-problem-ref") is None
    assert soup_of(plain).select_one("a[href$='#person-newcomer']").get_text() == "Ada Newcomer"
