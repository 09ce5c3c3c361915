"""A light pydata-sphinx-theme: the same look, a fraction of the bytes, the first paint sooner.

What the theme ships on every page and this site does not use, or not for its first paint:

* the Font Awesome web font (115 KiB) and its script: the handful of icons the site shows are drawn
  from ``_static/icons.css`` (made by ``tools/make_icons.py``); a page that uses another icon is a
  build warning;
* Sphinx's search (no search on a five-page site), ``doctools.js`` and ``sphinx_highlight.js``
  (search-term highlighting), sphinx-design's tab script on pages without tabs, and
  ``documentation_options.js``, whose few values the theme's script reads are written into the page;
* most of the theme's 380 KB stylesheet (Bootstrap's utilities and components the site never uses):
  the theme's CSS and every site-wide stylesheet (``html_css_files``, the extensions') are joined in
  one file, ``_static/site-bundle.css``, keeping only the rules whose classes and ids occur in the
  built pages or in the site's scripts (the theme's scripts add classes such as ``show``);
* the theme's scripts are loaded once the page has been shown, not during its first paint
  (``_templates/layout.html``).

The stylesheet is written when the build finishes, from the pages as built: it is a pure function
of its inputs (the same build gives the same bytes), and every page links it with its checksum.
"""

from __future__ import annotations

import hashlib
import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlsplit

from sphinx.application import Sphinx
from sphinx.util import logging

logger = logging.getLogger(__name__)

#: The stylesheet every page links instead of the theme's and the site's separate ones.
BUNDLE = "_static/site-bundle.css"
BUNDLE_PLACEHOLDER = "0000000000000000"
#: A logo up to this size is written into the page rather than fetched.
LOGO_INLINE_LIMIT = 4096
#: Sphinx's scripts that no page of this site needs.
UNUSED_SCRIPTS = {"doctools.js", "sphinx_highlight.js", "searchtools.js", "language_data.js"}
#: Classes of the elements and states the theme's scripts create (the tooltip of the colour-mode
#: switch, a menu being shown ...): a rule for them is kept although no page has them.
SCRIPT_CLASSES = re.compile(r"^(tooltip|tooltip-.+|bs-tooltip-.+|fade|show|showing|hiding|collapsing|"
                            r"active|disabled|scrolled|dropdown-menu-.+)$")
ICON_STYLES = {"fa", "fas", "far", "fab", "fa-solid", "fa-regular", "fa-brands", "fa-classic"}
ICON_MODIFIERS = re.compile(r"^fa-(\d+x|2?xs|sm|lg|xl|2xl|fw|spin.*|pulse|beat.*|fade|bounce|flip.*|shake|"
                            r"rotate-.*|inverse|border|pull-.*|stack.*|li|ul|width-auto|layers.*)$")


# -- Pages ---------------------------------------------------------------------------------------

def theme_static() -> Path:
    import pydata_sphinx_theme

    return Path(pydata_sphinx_theme.__file__).parent / "theme" / "pydata_sphinx_theme" / "static"


def theme_scripts() -> list[tuple[str, str]]:
    """The theme's scripts and their cache-busting queries (``_static/scripts/bootstrap.js``,
    ``?digest=...``), in the order the theme loads them at the end of the page."""
    macros = (theme_static() / "webpack-macros.html").read_text(encoding="utf-8")
    body = macros.split("macro body_post", 1)[-1]
    return re.findall(r"pathto\('(_static/scripts/[\w.-]+\.js)', 1\) \}\}(\?digest=\w+)", body) or [
        ("_static/scripts/bootstrap.js", ""), ("_static/scripts/pydata-sphinx-theme.js", "")]


def page_context(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    if app.builder.format != "html" or not app.config.lean_theme:
        return
    outdir = Path(app.builder.outdir)
    body = context.get("body", "")
    scripts = []
    for js in context.get("script_files", []):
        name = posixpath.basename(str(getattr(js, "filename", "") or ""))
        if name in UNUSED_SCRIPTS or (name == "design-tabs.js" and "sd-tab-set" not in body):
            continue
        if name == "documentation_options.js":
            # A few hundred bytes read by the theme's script: written into the page, one request less.
            source = (outdir / "_static" / name).read_text(encoding="utf-8").strip()
            js = type(js)("", priority=js.priority, body=source)
        scripts.append(js)
    context["script_files"] = scripts
    # Sphinx's layout already states the viewport; docutils adds it a second time.
    context["metatags"] = re.sub(r'<meta name="viewport"[^>]*>\s*', "", context.get("metatags", ""))
    bundled = set(bundled_stylesheets(app))
    context["lean_bundle"] = BUNDLE
    context["lean_bundle_version"] = BUNDLE_PLACEHOLDER
    context["lean_css_files"] = [css for css in context.get("css_files", [])
                                 if str(getattr(css, "filename", css)) not in bundled]
    context["lean_theme_scripts"] = [context["pathto"](path, 1) + digest
                                     for path, digest in theme_scripts()]
    inline_logos(app, context)


def inline_logos(app: Sphinx, context: dict) -> None:
    """The navbar's light and dark logos (small SVG files) written into the page: two requests less
    before the first paint. The ``<img>`` and its ``alt`` stay; the file stays in ``_static``."""
    logo = context.get("theme_logo")
    if not isinstance(logo, dict) or not isinstance(logo.get("image_relative"), dict):
        return
    inlined = {}
    for kind, url in logo["image_relative"].items():
        path = Path(app.builder.outdir) / "_static" / posixpath.basename(urlsplit(str(url)).path)
        if urlsplit(str(url)).scheme or path.suffix != ".svg" or not path.is_file() \
                or path.stat().st_size > LOGO_INLINE_LIMIT:
            return
        svg = re.sub(r"<\?xml[^>]*>\s*|<!--.*?-->", "", path.read_text(encoding="utf-8"), flags=re.S)
        svg = re.sub(r"\s+", " ", svg).strip().replace('"', "'")
        inlined[kind] = "data:image/svg+xml," + quote(svg, safe="/:=;,'()!*-._~")
    context["theme_logo"] = {**logo, "image_relative": inlined}


def bundled_stylesheets(app: Sphinx) -> list[str]:
    """The site-wide stylesheets (every page has them), in their order, as ``_static/...`` paths."""
    builder = app.builder
    files = getattr(builder, "_orig_css_files", None) or getattr(builder, "_css_files", [])
    names = []
    for css in sorted(files, key=lambda c: c.priority):
        name = str(css.filename)
        if urlsplit(name).scheme or name.startswith("/") or css.attributes.get("rel") != "stylesheet":
            continue
        names.append(name if name.startswith("_static/") else f"_static/{name}")
    return list(dict.fromkeys(names))


# -- The stylesheet ------------------------------------------------------------------------------

_TOKENS = re.compile(r"/\*.*?\*/|\"(?:\\.|[^\"\\\n])*\"|'(?:\\.|[^'\\\n])*'|[{};]|[^{};\"'/]+|/", re.S)
GROUPING_AT_RULES = {"media", "supports", "layer", "container", "document", "scope", "starting-style"}


def parse(css: str) -> list:
    """CSS as a tree: ``("rule", selectors, body)``, ``("group", prelude, children)``,
    ``("raw", prelude, body)`` for the other at-rules with a block, ``("stmt", text)`` and
    ``("comment", text)`` for ``/*! ... */`` (licences). Other comments are dropped."""
    tokens = _TOKENS.findall(css)
    items, _ = _parse_list(tokens, 0)
    return items


def _parse_list(tokens: list[str], i: int) -> tuple[list, int]:
    items: list = []
    prelude: list[str] = []
    while i < len(tokens):
        tok = tokens[i]
        i += 1
        if tok.startswith("/*"):
            if tok.startswith("/*!") and not "".join(prelude).strip():
                items.append(("comment", tok))
            continue
        if tok == "}":
            break
        if tok == ";":
            text = _squash("".join(prelude))
            if text:
                items.append(("stmt", text))
            prelude = []
            continue
        if tok == "{":
            head = _squash("".join(prelude))
            prelude = []
            at = re.match(r"@(-\w+-)?([\w-]+)", head)
            if at and at.group(2).lower() in GROUPING_AT_RULES:
                children, i = _parse_list(tokens, i)
                items.append(("group", head, children))
            else:
                body, i = _raw_block(tokens, i)
                items.append(("raw" if at else "rule", head, body))
            continue
        prelude.append(tok)
    return items, i


def _raw_block(tokens: list[str], i: int) -> tuple[str, int]:
    depth, out = 1, []
    while i < len(tokens):
        tok = tokens[i]
        i += 1
        if tok == "{":
            depth += 1
        elif tok == "}":
            depth -= 1
            if depth == 0:
                break
        elif tok.startswith("/*"):
            continue
        if tok in "{};":
            if out and out[-1][0] not in "\"'":
                out[-1] = out[-1].rstrip()
            out.append(tok)
        elif tok[0] in "\"'":
            out.append(tok)
        else:
            text = _squash(tok, strip=False)
            out.append(text.lstrip() if not out or out[-1] in ("{", "}", ";") else text)
    return "".join(out).strip(), i


def _squash(text: str, strip: bool = True) -> str:
    # Whitespace outside strings collapses to one space (strings are separate tokens).
    parts = re.split(r"(\"(?:\\.|[^\"\\])*\"|'(?:\\.|[^'\\])*')", text)
    text = "".join(p if p[:1] in "\"'" else re.sub(r"\s+", " ", p) for p in parts)
    text = re.sub(r"\s*([;{}])\s*", r"\1", text)
    return text.strip() if strip else text


def split_selectors(prelude: str) -> list[str]:
    out, depth, start = [], 0, 0
    for pos, char in enumerate(prelude):
        if char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
        elif char == "," and depth == 0:
            out.append(prelude[start:pos].strip())
            start = pos + 1
    out.append(prelude[start:].strip())
    return [s for s in out if s]


def selector_needs(selector: str) -> tuple[set[str], set[str]] | None:
    """The classes and ids a selector requires, or None if it cannot be judged (kept)."""
    bare = re.sub(r"\[[^\]]*\]", "", selector)
    while True:  # what is inside :not(), :is(), :has() ... may or may not be needed: ignore it
        inner = re.sub(r"\([^()]*\)", "", bare)
        if inner == bare:
            break
        bare = inner
    if "\\" in bare:
        return None
    classes = set(re.findall(r"\.(-?[_a-zA-Z][\w-]*)", bare))
    ids = set(re.findall(r"#(-?[_a-zA-Z][\w-]*)", bare))
    return classes, ids


def trim(items: list, words: Words, stats: dict) -> list:
    """The rules a page of the site may use: those whose classes and ids all occur in the pages
    or the scripts, at least one of them in a page (``.popover``, only named in Bootstrap's
    script, goes) unless it belongs to what the scripts create (``SCRIPT_CLASSES``)."""
    kept = []
    for item in items:
        kind = item[0]
        if kind == "rule":
            selectors = [s for s in split_selectors(item[1]) if _keep_selector(s, words)]
            stats["rules"] += 1
            if selectors:
                kept.append(("rule", ",".join(selectors), item[2]))
            else:
                stats["dropped"] += 1
        elif kind == "group":
            children = trim(item[2], words, stats)
            if children:
                kept.append(("group", item[1], children))
        elif kind == "raw" and item[1].lower().startswith("@font-face") and "font awesome" in item[2].lower():
            stats["dropped"] += 1  # the icon font: icons.css draws the icons
        elif kind == "stmt" and item[1].lower().startswith(("@charset", "@import")):
            continue
        else:
            kept.append(item)
    return kept


def _keep_selector(selector: str, words: Words) -> bool:
    needs = selector_needs(selector)
    if needs is None:
        return True
    classes, ids = needs
    if not classes and not ids:
        return True
    if not all(c in words.pages or c in words.scripts or SCRIPT_CLASSES.match(c) for c in classes):
        return False
    if not all(i in words.pages or i in words.scripts for i in ids):
        return False
    return any(n in words.pages for n in classes | ids) or all(SCRIPT_CLASSES.match(c) for c in classes)


def drop_unused_keyframes(items: list) -> list:
    """``@keyframes`` that no kept rule names."""
    text = serialize([i for i in items if not (i[0] == "raw" and _keyframes_name(i[1]))])
    used = set(re.findall(r"[\w-]+", text))
    return _filter_keyframes(items, used)


def _keyframes_name(prelude: str) -> str | None:
    match = re.match(r"@(?:-\w+-)?keyframes\s+([\w-]+)", prelude)
    return match.group(1) if match else None


def _filter_keyframes(items: list, used: set[str]) -> list:
    out = []
    for item in items:
        if item[0] == "raw" and (name := _keyframes_name(item[1])) and name not in used:
            continue
        if item[0] == "group":
            children = _filter_keyframes(item[2], used)
            if not children:
                continue
            item = ("group", item[1], children)
        out.append(item)
    return out


def serialize(items: list) -> str:
    out = []
    for item in items:
        kind = item[0]
        if kind in ("rule", "raw"):
            out.append(f"{item[1]}{{{item[2]}}}")
        elif kind == "group":
            out.append(f"{item[1]}{{{serialize(item[2])}}}")
        elif kind == "stmt":
            out.append(f"{item[1]};")
        else:
            out.append(item[1] + "\n")
    return "".join(out)


def rebase_urls(css: str, source: str, target: str) -> str:
    """Rewrite relative ``url()``s of ``source`` (a path in the output) for a file at ``target``."""
    def fix(match: re.Match) -> str:
        quote, url = match.group(1), match.group(2).strip()
        if urlsplit(url).scheme or url.startswith(("/", "#", "data:")):
            return match.group(0)
        path = posixpath.normpath(posixpath.join(posixpath.dirname(source), url))
        return f"url({quote}{posixpath.relpath(path, posixpath.dirname(target))}{quote})"

    return re.sub(r"url\(\s*(['\"]?)([^'\")]+)\1\s*\)", fix, css)


#: Scripts that name far more classes than the site uses (Bootstrap names all its components) or
#: that no page loads: a class only they name is not enough to keep a rule.
LIBRARY_SCRIPTS = {"bootstrap.js", "design-tabs.js"} | UNUSED_SCRIPTS


@dataclass
class Words:
    """What the stylesheet's selectors may need: the classes and ids of the built pages and every
    word of the site's scripts (``pages``), and every word of the library scripts (``scripts``)."""

    pages: set[str] = field(default_factory=set)
    scripts: set[str] = field(default_factory=set)


def corpus_words(outdir: Path) -> Words:
    words = Words()
    for path in sorted(outdir.rglob("*")):
        rel = path.relative_to(outdir).as_posix()
        if path.suffix == ".html" and not rel.startswith("_static/"):
            html = path.read_text(encoding="utf-8", errors="replace")
            for _, value in re.findall(r"""\s(?:class|id)\s*=\s*(["'])(.*?)\1""", html, re.S):
                words.pages.update(value.split())
            for attributes, script in re.findall(r"<script\b([^>]*)>(.*?)</script>", html, re.S | re.I):
                kind = re.search(r"""\btype\s*=\s*["']?([\w/+-]+)""", attributes)
                if not kind or kind.group(1).lower() in ("module", "text/javascript", "application/javascript"):
                    words.pages.update(re.findall(r"[\w-]+", script))
        elif path.suffix == ".js":
            found = re.findall(r"[\w-]+", path.read_text(encoding="utf-8", errors="replace"))
            (words.scripts if path.name in LIBRARY_SCRIPTS else words.pages).update(found)
    return words


def icons_used(outdir: Path) -> dict[str, set[str]]:
    """The Font Awesome icons the pages use, with the pages using each."""
    used: dict[str, set[str]] = {}
    for page in sorted(outdir.rglob("*.html")):
        rel = page.relative_to(outdir).as_posix()
        if rel.startswith("_static/"):
            continue
        for classes in re.findall(r'class="([^"]*)"', page.read_text(encoding="utf-8")):
            names = set(classes.split())
            if names & ICON_STYLES:
                for name in names:
                    if name.startswith("fa-") and name not in ICON_STYLES and not ICON_MODIFIERS.match(name):
                        used.setdefault(name[3:], set()).add(rel)
    return used


def build_bundle(outdir: Path, sources: Iterable[str]) -> tuple[str, dict]:
    """The trimmed, joined stylesheet for a build in ``outdir``, and what trimming did."""
    words = corpus_words(outdir)
    stats = {"rules": 0, "dropped": 0, "bytes_in": 0}
    parts = []
    sources = list(sources)
    for source in sources:
        text = (outdir / source).read_text(encoding="utf-8")
        stats["bytes_in"] += len(text.encode())
        text = rebase_urls(text, source, BUNDLE)
        parts.append(serialize(drop_unused_keyframes(trim(parse(text), words, stats))))
    css = "".join(parts)
    header = '@charset "UTF-8";\n' if not css.isascii() else ""
    # The sources, for readers and for the test that compares the result with them.
    header += f"/* {BUNDLE}: {' '.join(sources)}, trimmed by _ext/lean_theme.py */\n"
    return header + css, stats


def bundle_sources(app: Sphinx) -> list[str]:
    """The theme's stylesheets (with the Sphinx ``basic.css`` it imports), then the site's."""
    sources = ["_static/basic.css", "_static/styles/pydata-sphinx-theme.css"]
    return sources + [s for s in bundled_stylesheets(app) if s not in sources]


def build_finished(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html" or not app.config.lean_theme:
        return
    outdir = Path(app.builder.outdir)
    icons_css = (outdir / "_static" / "icons.css")
    defined = set(re.findall(r"\.fa-([\w-]+)\s*\{\s*--fa-icon:", icons_css.read_text(encoding="utf-8"))) \
        if icons_css.exists() else set()
    for name, pages in sorted(icons_used(outdir).items()):
        if name not in defined:
            logger.warning("icon 'fa-%s' (used on %s) is not in _static/icons.css: add it to "
                           "tools/make_icons.py and run it", name, ", ".join(sorted(pages)),
                           type="lean_theme", subtype="icon")
    css, stats = build_bundle(outdir, bundle_sources(app))
    (outdir / BUNDLE).write_text(css, encoding="utf-8")
    digest = hashlib.sha256(css.encode()).hexdigest()[:16]
    link = re.compile(re.escape(BUNDLE.split("/")[-1]) + r"\?v=[0-9a-f]{16}")
    for page in outdir.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        new = link.sub(f"{BUNDLE.split('/')[-1]}?v={digest}", text)
        if new != text:
            page.write_text(new, encoding="utf-8")
    logger.info("lean_theme: %s: %d of %d rules kept, %d KB from %d KB", BUNDLE,
                stats["rules"] - stats["dropped"], stats["rules"], len(css.encode()) // 1000,
                stats["bytes_in"] // 1000)


def builder_inited(app: Sphinx) -> None:
    if app.builder.format == "html" and app.config.lean_theme and hasattr(app.builder, "search"):
        app.builder.search = False  # no search page, no search index, no search scripts


def setup(app: Sphinx) -> dict[str, object]:
    app.add_config_value("lean_theme", True, "html", types=frozenset({bool}))
    app.connect("builder-inited", builder_inited)
    # After the theme's handler, which adds to the page's scripts and sets its logo.
    app.connect("html-page-context", page_context, priority=900)
    # After the theme's and the other extensions' handlers, which still write files (the theme
    # rewrites pygments.css, sphinx_workshop writes its script): the stylesheet sees the final output.
    app.connect("build-finished", build_finished, priority=900)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
