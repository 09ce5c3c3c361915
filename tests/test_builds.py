"""Incremental and parallel builds, and escaping of everything that comes from data."""

from __future__ import annotations

import filecmp
from io import StringIO
from pathlib import Path

from conftest import build_app, copy_root, soup_of, warnings_of
from sphinx.testing.util import SphinxTestApp

HOSTILE = '<script>alert("x")</script> & \'quotes\''


def build_recording_reads(srcdir: Path, **kwargs) -> set[str]:
    """Build (reusing the saved environment) and return the documents Sphinx re-read."""
    app = SphinxTestApp("html", srcdir=srcdir, warning=StringIO(), **kwargs)
    read: set[str] = set()
    app.connect("env-before-read-docs", lambda app, env, docnames: read.update(docnames))
    try:
        app.build()
        assert app.warning.getvalue() == ""
    finally:
        app.cleanup()
    return read


def test_editing_a_data_file_rereads_only_the_pages_that_use_it(tmp_path):
    src = copy_root("site", tmp_path / "site")
    assert build_recording_reads(src) == {"index", "program/index", "program/papers", "rst", "plain"}

    speakers = src / "people" / "speakers.yaml"
    speakers.write_text(speakers.read_text().replace("Katie Bouman", "Katherine L. Bouman"))
    assert build_recording_reads(src) == {"program/index", "rst"}
    assert "Katherine L. Bouman" in (src / "_build" / "html" / "program" / "index.html").read_text()

    dates = src / "dates.yaml"
    dates.write_text(dates.read_text().replace("Author Notification", "Notification of acceptance"))
    assert build_recording_reads(src) == {"index", "rst"}
    assert "Notification of acceptance" in (src / "_build" / "html" / "index.html").read_text()


def test_a_rebuild_without_changes_rereads_nothing(tmp_path):
    src = copy_root("site", tmp_path / "site")
    build_recording_reads(src)
    assert build_recording_reads(src) == set()


def test_parallel_build_gives_the_same_pages(tmp_path):
    src = copy_root("site", tmp_path / "site")
    # Sphinx reads in parallel only beyond five documents.
    for n in range(8):
        (src / f"copy{n}.md").write_text((src / "rst.rst").read_text().replace("====", "").replace(
            ".. schedule::", "```{schedule}").replace(".. people::", "```\n```{people}").replace(
            ".. important-dates::", "```\n```{important-dates}") + "```\n")
    (src / "index.md").write_text((src / "index.md").read_text().replace("plain\n", "plain\n" + "".join(
        f"copy{n}\n" for n in range(8))))
    outputs = []
    for jobs in (1, 2):
        out = tmp_path / f"j{jobs}"
        app = SphinxTestApp("html", srcdir=src, builddir=out, warning=StringIO(), parallel=jobs if jobs > 1 else 0)
        try:
            app.build()
            assert app.warning.getvalue() == ""
        finally:
            app.cleanup()
        outputs.append(out / "html")
    pages = sorted(p.relative_to(outputs[0]) for p in outputs[0].rglob("*.html"))
    assert len(pages) == 15  # 13 pages, the index and search
    _, mismatch, errors = filecmp.cmpfiles(outputs[0], outputs[1], [str(p) for p in pages], shallow=False)
    assert (mismatch, errors) == ([], [])


def test_every_text_field_is_escaped(tmp_path):
    src = copy_root("site", tmp_path / "site")
    with (src / "conf.py").open("a") as conf:
        conf.write("smartquotes = False  # compare the text exactly\n")
    speakers = src / "people" / "speakers.yaml"
    speakers.write_text(speakers.read_text().replace(
        "https://example.org/laurence", """'https://example.org/?q="><script>alert(1)</script>'"""))
    for name, fields in {
        "people/speakers.yaml": ["name: Katie Bouman", "affiliation: Caltech", "role: Co-Chair"],
        "program/schedule.yaml": ["title: Computational Imaging in astronomy", "venue: Baltimore, MD, USA"],
        "dates.yaml": ["label: Submission deadline", "note: In winter, Paris is one hour ahead of UTC."],
    }.items():
        text = (src / name).read_text()
        for field in fields:
            key = field.split(":")[0]
            quoted = HOSTILE.replace("'", "''")  # YAML single-quoted style
            text = text.replace(field, f"{key}: '{quoted}'")
        (src / name).write_text(text)
    build_recording_reads(src)
    html = "".join(p.read_text() for p in (src / "_build" / "html").rglob("*.html"))
    assert "<script>alert" not in html
    # 6 fields on the program, 8 on the rST page, 2 on the index; talk links on cards repeat the title
    assert html.count("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; 'quotes'") >= 16
    program = soup_of(src / "_build" / "html" / "program" / "index.html")
    assert program.select_one(".ws-title").get_text() == HOSTILE
    assert program.select(".ws-name")[0].get_text() == HOSTILE
    assert not [s for s in program.find_all("script") if "alert" in s.get_text()]
    link = program.select(".ws-name a")[0]
    assert link["href"] == 'https://example.org/?q="><script>alert(1)</script>'
    assert 'href="https://example.org/?q=&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"' in html


def test_unknown_person_in_the_role_is_a_warning_and_marked_on_the_page(tmp_path):
    src = copy_root("site", tmp_path / "site")
    (src / "plain.md").write_text("# Plain\n\nSee {person}`boumann`\nand {person}`bouman`.\n")
    app = build_app(src)
    assert warnings_of(app) == ("plain.md:3: WARNING: no card for person id 'boumann': is the id right, and is the "
                                "person in a people file shown on some page? [workshop.person]\n")
    mark = soup_of(app.outdir / "plain.html").select_one(".ws-problem-ref")
    assert mark.get_text() == "boumann (no card for this person id)"
    assert soup_of(app.outdir / "plain.html").select_one("a[href$='#person-bouman']")


def test_moving_a_talk_rewrites_the_cards_that_link_to_it(tmp_path):
    src = copy_root("site", tmp_path / "site")
    written: list[list[str]] = []
    for edit in (None, lambda t: t.replace("title: Simulation-Based Inference", "title: SBI at scale")):
        if edit:
            schedule = src / "program" / "schedule.yaml"
            schedule.write_text(edit(schedule.read_text()))
        app = SphinxTestApp("html", srcdir=src, warning=StringIO())
        pages: list[str] = []
        app.connect("html-page-context", lambda app, name, *args: pages.append(name))
        try:
            app.build()
        finally:
            app.cleanup()
        written.append(pages)
    assert {"program/index", "rst"} <= set(written[1])
    assert not {"plain", "program/papers"} & set(written[1])
    card = (src / "_build" / "html" / "rst.html").read_text()
    assert "SBI at scale" in card
