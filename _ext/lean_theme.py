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
  one file, ``_static/site-bundle.css``, keeping only the rules whose classes, ids, elements and
  attributes occur in the built pages or in the scripts they load (the theme's scripts add classes
  such as ``show``; see ``keep_selector``);
* the theme's scripts are loaded once the page has been shown, not during its first paint
  (``_templates/layout.html``).

The stylesheet is written when the build finishes, from the pages as built: it is a pure function
of its inputs (the same build gives the same bytes), and every page links it with its checksum.
CSS is read and written with tinycss2.

What it takes from Sphinx and the theme, all of it through their documented interfaces but two:

* the page context's ``css_files`` and ``script_files`` (read in ``html-page-context``: first of all
  handlers for the site-wide stylesheets, then last) and the ``filename``, ``priority`` and
  ``attributes`` of their items; a page's inline script through ``app.add_js_file(None, body=...)``;
* the theme's own stylesheets, which it links from a macro of its templates rather than through
  ``css_files``: rendered with that macro by the builder's template bridge (``render_string``),
  as the theme's ``layout.html`` imports it; the theme's scripts, as the theme writes them in its
  ``scripts_end`` block (``_templates/layout.html`` holds them back until the first paint);
* no public interface: the stylesheets are known to every page, but to the end of the build only
  through the pages, which may be written in other processes (``-j``): each page notes them beside
  its link to the bundle, and ``build-finished`` reads and removes the note; and no setting turns
  Sphinx's search off (sphinx-doc/sphinx#14308): ``app.builder.search``, the builder's own switch,
  which its EPUB and help builders set, is set to ``False`` here.

Builders: the pages of ``html``, ``dirhtml`` and ``singlehtml`` are the theme's pages, and are made
light. Every other builder is left alone: ``epub`` renders its own theme (``epub_theme``) for a
reader that opens local files, where no request is saved and the format allows no query string in
a link; LaTeX, text, man and Texinfo have no stylesheet or script at all.
"""

from __future__ import annotations

import hashlib
import html
import posixpath
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import NamedTuple
from urllib.parse import quote, urlsplit

import tinycss2
from jinja2 import TemplateError
from sphinx.application import Sphinx
from sphinx.errors import ExtensionError
from sphinx.util import logging
from tinycss2.ast import (
    AtRule,
    CurlyBracketsBlock,
    Declaration,
    FunctionBlock,
    Node,
    ParenthesesBlock,
    QualifiedRule,
    SquareBracketsBlock,
    StringToken,
    URLToken,
    WhitespaceToken,
)
from tinycss2.bytes import decode_stylesheet_bytes

logger = logging.getLogger(__name__)

#: The builders whose pages are pydata-sphinx-theme's pages, made light here.
LEAN_BUILDERS = frozenset({"html", "dirhtml", "singlehtml"})
THEME = "pydata_sphinx_theme"
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


def applies(app: Sphinx) -> bool:
    return bool(app.config.lean_theme) and app.builder.name in LEAN_BUILDERS \
        and app.config.html_theme == THEME


# -- Pages ---------------------------------------------------------------------------------------

#: The theme's own stylesheets are linked by this macro of its templates (not through ``css_files``).
THEME_STYLESHEETS = ('{%- import "static/webpack-macros.html" as theme with context %}'
                     "{{ theme.head_pre_assets() }}")


def remember_site_stylesheets(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """Before any handler adds a stylesheet to this page alone (Sphinx gives every page the same
    ``css_files`` here), note the site-wide ones: they are the bundle's."""
    if applies(app):
        context["lean_site_css_files"] = list(context.get("css_files", ()))


def page_context(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    if not applies(app):
        return
    sources = bundle_sources(app, context)
    context["lean_bundle"] = BUNDLE
    context["lean_bundle_version"] = BUNDLE_PLACEHOLDER
    # Read back when the build finishes (pages may be written in other processes), then removed.
    context["lean_bundle_sources"] = " ".join(sources)
    context["lean_css_files"] = [css for css in context.get("css_files", ()) if static_path(css) not in sources]
    lighten_scripts(app, context)
    # Sphinx's layout already states the viewport; docutils adds it a second time.
    context["metatags"] = re.sub(r'<meta name="viewport"[^>]*>\s*', "", context.get("metatags", ""))
    inline_logos(app, context)


def bundle_sources(app: Sphinx, context: dict) -> list[str]:
    """The stylesheets the bundle replaces, in the order the theme links them: its own (as its
    template renders them; ``styles/theme.css`` imports Sphinx's ``basic.css``), then the
    site-wide ``css_files`` that are plain local stylesheets (a ``media`` or ``id`` stays a link)."""
    try:
        rendered = app.builder.templates.render_string(
            THEME_STYLESHEETS, {**context, "pathto": lambda uri, resource=False: uri})
    except TemplateError as error:  # the theme's templates changed: say so, in the theme's words
        raise ExtensionError(f"lean_theme: cannot read {THEME}'s stylesheets from its templates "
                             f"({error}); set lean_theme = False in conf.py") from error
    theme_css = [urlsplit(attrs["href"]).path for tag, attrs in tags_of(rendered)
                 if tag == "link" and attrs.get("rel") == "stylesheet" and attrs.get("href")]
    site_css = sorted(context.get("lean_site_css_files", ()), key=lambda css: getattr(css, "priority", 500))
    return list(dict.fromkeys(theme_css + [static_path(css) for css in site_css if bundleable(css)]))


def static_path(asset) -> str:
    """An asset of ``css_files`` or ``script_files`` as a path in the output (``_static/x.css``)."""
    return str(getattr(asset, "filename", asset) or "")


def bundleable(css) -> bool:
    path = static_path(css)
    attributes = getattr(css, "attributes", {"rel": "stylesheet"})
    return path.startswith("_static/") and not urlsplit(path).scheme and not re.search(r"[\s?#]", path) \
        and attributes.get("rel") == "stylesheet" and set(attributes) <= {"rel", "type"} \
        and attributes.get("type", "text/css") == "text/css"


def lighten_scripts(app: Sphinx, context: dict) -> None:
    """Drop the scripts no page needs; write ``documentation_options.js`` into the page.

    The list is edited in place: it is the one ``app.add_js_file`` adds a page's own scripts to."""
    scripts = context.get("script_files")
    if not isinstance(scripts, list):
        return
    body = context.get("body", "")
    options = [js for js in scripts if posixpath.basename(static_path(js)) == "documentation_options.js"]
    scripts[:] = [js for js in scripts if js not in options and not unused_script(js, body)]
    for js in options:
        # A few hundred bytes read by the theme's script: one request less.
        source = (Path(app.builder.outdir) / static_path(js)).read_text(encoding="utf-8").strip()
        app.add_js_file(None, body=source, priority=getattr(js, "priority", 200))


def unused_script(js, body: str) -> bool:
    name = posixpath.basename(static_path(js))
    return name in UNUSED_SCRIPTS or (name == "design-tabs.js" and "sd-tab-set" not in body)


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


# -- What the pages use --------------------------------------------------------------------------

class _Tags(HTMLParser):
    """Every start tag of a page with its attributes, and the text of its scripts."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.scripts: list[str] = []
        self._script_type: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in attrs}
        self.tags.append((tag, attributes))
        if tag == "script":
            self._script_type = attributes.get("type", "").strip().lower()

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._script_type = None

    def handle_data(self, data: str) -> None:
        if self._script_type in ("", "module", "text/javascript", "application/javascript"):
            self.scripts.append(data)


def tags_of(markup: str) -> list[tuple[str, dict[str, str]]]:
    parser = _Tags()
    parser.feed(markup)
    parser.close()
    return parser.tags


#: Scripts that name far more classes and elements than the site uses (Bootstrap names all its
#: components, and every element its tooltips may hold): a class or an element only they name is
#: not enough to keep a rule; an attribute is (they set attributes, like a tooltip's placement).
LIBRARY_SCRIPTS = {"bootstrap.js", "design-tabs.js"}


@dataclass
class Words:
    """What the stylesheet's selectors may need: the classes and ids of the built pages and every
    word of the site's scripts (``pages``), every word of the library scripts (``scripts``), and
    the pages' element and attribute names (``tags``, ``attributes``)."""

    pages: set[str] = field(default_factory=set)
    scripts: set[str] = field(default_factory=set)
    tags: set[str] = field(default_factory=set)
    attributes: set[str] = field(default_factory=set)

    def named(self, word: str) -> bool:
        return word in self.pages or word in self.scripts


def site_pages(outdir: Path) -> list[Path]:
    """The built pages (the theme's raw templates in ``_static`` aside)."""
    return [p for p in sorted(outdir.rglob("*.html")) if p.relative_to(outdir).parts[0] != "_static"]


def corpus_words(outdir: Path) -> Words:
    words = Words()
    loaded: set[str] = set()
    for page in site_pages(outdir):
        parser = _Tags()
        parser.feed(page.read_text(encoding="utf-8", errors="replace"))
        parser.close()
        for tag, attributes in parser.tags:
            words.pages.update(attributes.get("class", "").split() + attributes.get("id", "").split())
            words.tags.add(tag)
            words.attributes.update(attributes)
            if tag == "script" and attributes.get("src"):
                loaded.add(output_path(page.relative_to(outdir).as_posix(), attributes["src"]))
        for script in parser.scripts:
            words.pages.update(re.findall(r"[\w-]+", script))
    # The scripts a page loads (the theme's, in the loader's <template>, too); not those it does not.
    for script in sorted(loaded):
        if (outdir / script).is_file():
            found = re.findall(r"[\w-]+", (outdir / script).read_text(encoding="utf-8", errors="replace"))
            (words.scripts if posixpath.basename(script) in LIBRARY_SCRIPTS else words.pages).update(found)
    return words


def output_path(page: str, url: str) -> str:
    """What a page's link (``../_static/x.js?v=1``, or ``/_static/x.js`` from the 404 page) names
    in the output."""
    path = urlsplit(url).path
    if path.startswith("/"):
        return path.lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(page), path))


def icons_used(outdir: Path) -> dict[str, set[str]]:
    """The Font Awesome icons the pages use, with the pages using each."""
    used: dict[str, set[str]] = {}
    for page in site_pages(outdir):
        rel = page.relative_to(outdir).as_posix()
        for _, attributes in tags_of(page.read_text(encoding="utf-8")):
            names = set(attributes.get("class", "").split())
            if names & ICON_STYLES:
                for name in names:
                    if name.startswith("fa-") and name not in ICON_STYLES and not ICON_MODIFIERS.match(name):
                        used.setdefault(name[3:], set()).add(rel)
    return used


def icons_defined(css: str) -> set[str]:
    """The icons ``icons.css`` draws: the ``fa-`` classes of its rules that set ``--fa-icon``."""
    defined = set()
    for rule in parse(css):
        if rule.type == "qualified-rule" and any(
                d.type == "declaration" and d.name == "--fa-icon" for d in rule.content):
            for selector in selector_list(rule.prelude):
                defined |= {c[3:] for c in selector_needs(selector).classes if c.startswith("fa-")}
    return defined


# -- The stylesheet: read, trimmed and written with tinycss2 -------------------------------------

#: At-rules whose block holds rules: trimmed like the stylesheet itself.
GROUP_RULES = {"media", "supports", "layer", "container", "document", "scope", "starting-style"}


@dataclass
class Stats:
    rules: int = 0
    dropped: int = 0
    bytes_in: int = 0


class CustomProperty(Declaration):
    """A custom property (``--x: ...``) with its value as written. Browsers keep that text (it is
    what ``getPropertyValue`` gives, escapes, quotes and spaces included), so the bundle keeps it."""

    __slots__ = ["written"]

    def __init__(self, declaration: Declaration, written: str) -> None:
        super().__init__(declaration.source_line, declaration.source_column, declaration.name,
                         declaration.lower_name, declaration.value, declaration.important)
        self.written = written


class _Source:
    """A stylesheet's text, to find what tinycss2 read where (its nodes know their line and column)."""

    def __init__(self, text: str) -> None:
        # The input preprocessing of CSS Syntax, as the tokenizer does: positions refer to this text.
        self.text = text.replace("\0", "\ufffd").replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
        self.lines = [0] + [m.end() for m in re.finditer("\n", self.text)]

    def offset(self, node: Node) -> int:
        return self.lines[node.source_line - 1] + node.source_column - 1

    def spans(self, nodes: list[Node], end: int) -> Iterator[tuple[Node, int]]:
        """Each node with where it ends: where the next one starts, the last one at ``end``."""
        for node, following in zip(nodes, [*nodes[1:], None], strict=True):
            yield node, self.offset(following) if following is not None else end

    def tree(self, nodes: list[Node], end: int, top: bool = False) -> list[Node]:
        """Rules with their blocks parsed all the way down (declarations, nested rules, keyframes),
        without whitespace and comments (the licences of the stylesheet itself aside)."""
        out: list[Node] = []
        for node, stop in self.spans(nodes, end):
            if node.type == "comment" and top and node.value.startswith("!"):
                out.append(node)
            elif node.type in ("qualified-rule", "at-rule") and node.content is not None:
                close = stop - 1 if self.text[stop - 1:stop] == "}" else stop
                content = self.tree(tinycss2.parse_blocks_contents(node.content), close)
                out.append(QualifiedRule(node.source_line, node.source_column, node.prelude, content)
                           if node.type == "qualified-rule" else
                           AtRule(node.source_line, node.source_column, node.at_keyword, node.lower_at_keyword,
                                  node.prelude, content))
            elif node.type == "declaration" and node.name.startswith("--") and node.value \
                    and not has_relative_url(node):  # one that moves into the bundle is rewritten
                written = self.text[self.offset(node.value[0]):stop].strip().removesuffix(";").rstrip()
                if node.important:
                    written = re.sub(r"!\s*important$", "", written, flags=re.I).rstrip()
                out.append(CustomProperty(node, written))
            elif node.type in ("declaration", "qualified-rule", "at-rule"):
                out.append(node)
            # Whitespace, other comments, and CSS a browser ignores too (parse errors) are left out.
        return out


def parse(css: str) -> list[Node]:
    """A stylesheet's rules, every block parsed (see ``_Source.tree``)."""
    source = _Source(css)
    return source.tree(tinycss2.parse_stylesheet(source.text), len(source.text), top=True)


def unprefixed(at_keyword: str) -> str:
    """``-webkit-keyframes`` -> ``keyframes``."""
    return re.sub(r"^-[a-z]+-", "", at_keyword.lower())


def load_stylesheet(outdir: Path, source: str, target: str, stats: Stats,
                    importing: tuple[str, ...] = ()) -> list[Node]:
    """``source`` (a path in the output) parsed, its ``url()`` rebased for a file at ``target``,
    its ``@import`` of local stylesheets replaced by their rules, its ``@charset`` dropped."""
    data = (outdir / source).read_bytes()
    stats.bytes_in += len(data)
    text, _encoding = decode_stylesheet_bytes(data)  # a BOM, else @charset, else UTF-8
    out: list[Node] = []
    for node in parse(text):
        if node.type == "at-rule" and node.lower_at_keyword == "charset":
            continue  # the bundle states its own
        if node.type == "at-rule" and node.lower_at_keyword == "import":
            out += imported(outdir, source, target, node, stats, importing + (source,))
            continue
        rebase_urls(node, source, target)
        out.append(node)
    return out


def imported(outdir: Path, source: str, target: str, rule: AtRule, stats: Stats,
             importing: tuple[str, ...]) -> list[Node]:
    """The rules of a local ``@import``, inside ``@media`` when it names media."""
    tokens = [t for t in rule.prelude if t.type not in ("whitespace", "comment")]
    url = url_value(tokens[0], strings=True) if tokens else None
    conditions = rule.prelude[rule.prelude.index(tokens[0]) + 1:] if tokens else []
    path = posixpath.normpath(posixpath.join(posixpath.dirname(source), url)) if url and is_relative(url) \
        else None
    if path is None or path in importing or not (outdir / path).is_file() \
            or any(t.type == "function" and t.lower_name in ("layer", "supports") for t in conditions) \
            or any(t.type == "ident" and t.lower_value == "layer" for t in conditions):
        logger.warning("lean_theme: %s: cannot bundle '@import %s' (only a local stylesheet, once, "
                       "with no layer() or supports()): its rules are left out", source,
                       compact(rule.prelude), type="lean_theme", subtype="import")
        return []
    rules = load_stylesheet(outdir, path, target, stats, importing)
    media = compact(conditions)
    if not media:
        return rules
    return [AtRule(rule.source_line, rule.source_column, "media", "media",
                   [WhitespaceToken(0, 0, " "), *tinycss2.parse_component_value_list(media)], rules)]


def url_value(token: Node, strings: bool = False) -> str | None:
    """The address in ``url(x)`` or ``url("x")`` (and ``"x"`` with ``strings``, as ``@import`` has)."""
    if token.type == "url" or (strings and token.type == "string"):
        return token.value
    if token.type == "function" and token.lower_name == "url":
        strings = [t for t in token.arguments if t.type == "string"]
        return strings[0].value if strings else None
    return None


def has_relative_url(node: Node) -> bool:
    return any((url := url_value(token)) is not None and is_relative(url)
               for tokens in token_lists(node) for token in tokens)


def is_relative(url: str) -> bool:
    return not (urlsplit(url).scheme or url.startswith(("/", "#")))


def rebased(url: str, source: str, target: str) -> str:
    """``url`` of a file at ``source`` as seen from a file at ``target`` (both paths in the output)."""
    parts = urlsplit(url)
    path = posixpath.normpath(posixpath.join(posixpath.dirname(source), parts.path))
    new = posixpath.relpath(path, posixpath.dirname(target) or ".")
    return new + (f"?{parts.query}" if parts.query else "") + (f"#{parts.fragment}" if parts.fragment else "")


def css_string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\a ") + '"'


def rebase_urls(node: Node, source: str, target: str) -> None:
    """Rewrite, in place, every relative ``url()`` in ``node`` for a file at ``target``."""
    for tokens in token_lists(node):
        for i, token in enumerate(tokens):
            if token.type == "url" and is_relative(token.value):
                new = rebased(token.value, source, target)
                tokens[i] = URLToken(token.source_line, token.source_column, new, f"url({css_string(new)})")
            elif token.type == "function" and token.lower_name == "url":
                for j, argument in enumerate(token.arguments):
                    if argument.type == "string" and is_relative(argument.value):
                        new = rebased(argument.value, source, target)
                        token.arguments[j] = StringToken(argument.source_line, argument.source_column,
                                                         new, css_string(new))


def token_lists(node: Node) -> Iterator[list[Node]]:
    """Every list of component values in ``node``, nested blocks, functions and rules included."""
    for name in ("prelude", "content", "value", "arguments"):
        tokens = getattr(node, name, None)
        if isinstance(tokens, list):
            yield tokens
            for token in tokens:
                yield from token_lists(token)


def selector_list(prelude: list[Node]) -> list[list[Node]]:
    """A selector list split at its top-level commas (those in ``:is()`` or ``[...]`` stay)."""
    selectors: list[list[Node]] = [[]]
    for token in prelude:
        if token == ",":
            selectors.append([])
        elif token.type != "comment":
            selectors[-1].append(token)
    return [s for s in selectors if compact(s)]


class Needs(NamedTuple):
    """What a selector requires of an element, and of its ancestors and siblings."""

    classes: set[str]
    ids: set[str]
    tags: set[str]
    attributes: set[str]


#: Combinators: an identifier after one of them (or first, or after a space) is an element name.
COMBINATORS = {">", "+", "~"}


def selector_needs(selector: list[Node]) -> Needs:
    """The classes, ids, element and attribute names a selector requires. What is inside
    ``:not()``, ``:is()``, ``:has()`` ... may or may not be needed, and is ignored; so is the value
    in ``[name=value]`` (scripts set values: a tooltip's placement), a namespaced name, and a
    ``data-`` attribute (scripts make their names: Bootstrap's ``data-bs-`` and a key, ``dataset``)."""
    needs = Needs(set(), set(), set(), set())
    previous = None
    for token in selector:
        if token.type == "hash" and token.is_identifier:
            needs.ids.add(token.value)
        elif token.type == "ident" and previous is not None and previous == ".":
            needs.classes.add(token.value)
        elif token.type == "ident" and (previous is None or previous.type == "whitespace"
                                        or (previous.type == "literal" and previous.value in COMBINATORS)):
            needs.tags.add(token.lower_value)
        elif token.type == "[] block":
            inside = [t for t in token.content if t.type not in ("whitespace", "comment")]
            if inside and inside[0].type == "ident" and not any(t == "|" for t in inside) \
                    and not inside[0].lower_value.startswith("data-"):
                needs.attributes.add(inside[0].lower_value)
        previous = token
    return needs


def keep_selector(selector: list[Node], words: Words) -> bool:
    """Whether a page may match the selector: its element names occur in the pages or the site's
    scripts, its attribute names there or in any script, and so do all its classes and ids,
    at least one of them in a page (``.popover``, only named in Bootstrap's script, goes) unless
    it belongs to what the scripts create (``SCRIPT_CLASSES``)."""
    classes, ids, tags, attributes = selector_needs(selector)
    if not all(t in words.tags or t in words.pages for t in tags):
        return False
    if not all(a in words.attributes or words.named(a) for a in attributes):
        return False
    if not classes and not ids:
        return True
    if not all(words.named(c) or SCRIPT_CLASSES.match(c) for c in classes):
        return False
    if not all(words.named(i) for i in ids):
        return False
    return any(n in words.pages for n in classes | ids) or all(SCRIPT_CLASSES.match(c) for c in classes)


def trim(nodes: Iterable[Node], words: Words, stats: Stats) -> list[Node]:
    """The rules a page of the site may use (selector lists lose their unused members), with the
    licence comments (``/*! ... */``) and without the icon font."""
    kept: list[Node] = []
    for node in nodes:
        if node.type in ("comment", "declaration"):
            kept.append(node)
        elif node.type == "qualified-rule":
            stats.rules += 1
            selectors = [s for s in selector_list(node.prelude) if keep_selector(s, words)]
            content = trim(node.content, words, stats) if selectors else []
            if content:
                kept.append(QualifiedRule(node.source_line, node.source_column, joined(selectors), content))
            else:
                stats.dropped += 1
        elif node.type == "at-rule":
            kept += trim_at_rule(node, words, stats)
    return kept


def trim_at_rule(rule: AtRule, words: Words, stats: Stats) -> list[Node]:
    name = unprefixed(rule.lower_at_keyword)
    if rule.content is None:
        return [rule]  # @layer a, b; @namespace ...
    if name == "font-face" and is_icon_font(rule):
        stats.dropped += 1  # icons.css draws the icons
        return []
    if name not in GROUP_RULES:
        return [rule] if rule.content else []  # @keyframes, @font-face, @page ...: as they are
    content = trim(rule.content, words, stats)
    return [AtRule(rule.source_line, rule.source_column, rule.at_keyword, rule.lower_at_keyword,
                   rule.prelude, content)] if content else []


def joined(selectors: list[list[Node]]) -> list[Node]:
    out: list[Node] = []
    for selector in selectors:
        out += ([tinycss2.parse_one_component_value(",")] if out else []) + squeezed(selector)
    return out


def is_icon_font(rule: AtRule) -> bool:
    return any(d.type == "declaration" and d.lower_name == "font-family"
               and "font awesome" in tinycss2.serialize(d.value).lower() for d in rule.content)


def drop_unused_keyframes(nodes: list[Node]) -> list[Node]:
    """Without the ``@keyframes`` that no kept declaration names."""
    used = set(names_in_declarations(nodes))
    return without_keyframes(nodes, used)


def is_keyframes(node: Node) -> bool:
    return node.type == "at-rule" and unprefixed(node.lower_at_keyword) == "keyframes"


def names_in_declarations(nodes: list[Node]) -> Iterator[str]:
    for node in nodes:
        if node.type == "declaration":
            for tokens in token_lists(node):
                yield from (t.value for t in tokens if t.type in ("ident", "string"))
        elif node.type in ("qualified-rule", "at-rule") and not is_keyframes(node) and node.content:
            yield from names_in_declarations(node.content)


def without_keyframes(nodes: list[Node], used: set[str]) -> list[Node]:
    out = []
    for node in nodes:
        if is_keyframes(node):
            names = [t.value for t in node.prelude if t.type in ("ident", "string")]
            if not names or names[0] not in used:
                continue
        elif node.type == "at-rule" and unprefixed(node.lower_at_keyword) in GROUP_RULES and node.content:
            content = without_keyframes(node.content, used)
            if not content:
                continue
            node = AtRule(node.source_line, node.source_column, node.at_keyword, node.lower_at_keyword,
                          node.prelude, content)
        out.append(node)
    return out


def compact(tokens: Iterable[Node]) -> str:
    """Component values as CSS: comments dropped, whitespace collapsed to one space and trimmed
    (in nested blocks too). tinycss2 keeps apart what would otherwise read as one token."""
    return tinycss2.serialize(squeezed(tokens))


def squeezed(tokens: Iterable[Node]) -> list[Node]:
    out: list[Node] = []
    for token in tokens:
        if token.type == "comment":
            continue
        if token.type == "whitespace":
            if out and out[-1].type != "whitespace":
                out.append(WhitespaceToken(token.source_line, token.source_column, " "))
            continue
        if isinstance(token, FunctionBlock):
            token = FunctionBlock(token.source_line, token.source_column, token.name, squeezed(token.arguments))
        elif isinstance(token, (ParenthesesBlock, SquareBracketsBlock, CurlyBracketsBlock)):
            token = type(token)(token.source_line, token.source_column, squeezed(token.content))
        out.append(token)
    while out and out[-1].type == "whitespace":
        out.pop()
    return out


def serialize(nodes: Iterable[Node]) -> str:
    """Rules and declarations as compact CSS; a licence comment on a line of its own."""
    out = []
    for node in nodes:
        if node.type == "comment":
            out.append(f"/*{node.value}*/\n")
        elif node.type == "declaration":
            out.append(declaration_text(node) + ";")
        elif node.type == "qualified-rule":
            out.append(f"{compact(node.prelude)}{{{block_text(node.content)}}}")
        elif node.type == "at-rule":
            head = "@" + tinycss2.serialize_identifier(node.at_keyword)
            prelude = compact(node.prelude)
            head += f" {prelude}" if prelude and not prelude.startswith("(") else prelude
            out.append(f"{head};" if node.content is None else f"{head}{{{block_text(node.content)}}}")
    return "".join(out)


def block_text(content: list[Node]) -> str:
    return serialize(content).removesuffix(";")


def declaration_text(declaration: Declaration) -> str:
    value = declaration.written if isinstance(declaration, CustomProperty) else compact(declaration.value)
    important = "!important" if declaration.important else ""
    return f"{tinycss2.serialize_identifier(declaration.name)}:{value}{important}"


def trimmed_stylesheet(nodes: list[Node], words: Words, stats: Stats) -> str:
    """A stylesheet's rules (``parse``) trimmed for the pages, as compact CSS."""
    return serialize(drop_unused_keyframes(trim(nodes, words, stats)))


def build_bundle(outdir: Path, sources: Iterable[str]) -> tuple[str, Stats]:
    """The trimmed, joined stylesheet for a build in ``outdir``, and what trimming did."""
    words = corpus_words(outdir)
    stats = Stats()
    sources = list(sources)
    parts = []
    for source in sources:
        if not (outdir / source).is_file():
            logger.warning("lean_theme: %s, linked by the pages, is not in the output: it is left out "
                           "of %s", source, BUNDLE, type="lean_theme", subtype="bundle")
            continue
        parts.append(trimmed_stylesheet(load_stylesheet(outdir, source, BUNDLE, stats), words, stats))
    css = "".join(parts)
    header = '@charset "UTF-8";\n' if not css.isascii() else ""
    # The sources, for readers and for the test that compares the result with them.
    header += f"/* {BUNDLE}: {' '.join(sources)}, trimmed by _ext/lean_theme.py */\n"
    return header + css, stats


# -- When the build finishes ---------------------------------------------------------------------

#: The bundle's link as a page has it: with its checksum, or, just written, with the placeholder
#: and the stylesheets the page context gave (``layout.html``).
BUNDLE_LINK = re.compile(re.escape(posixpath.basename(BUNDLE))
                         + r'\?v=[0-9a-f]{16}"(?: data-lean-sources="([^"]*)")?')
BUNDLE_HEADER = re.compile(r"/\* " + re.escape(BUNDLE) + r": (.*?), trimmed by")


def recorded_sources(app: Sphinx, pages: dict[Path, str], bundle: Path) -> list[str]:
    """The bundle's sources, as the pages just written give them; when no page was written (an
    incremental build), as the previous bundle says."""
    found: dict[str, list[str]] = {}
    for page, text in pages.items():
        for match in BUNDLE_LINK.finditer(text):
            if match.group(1) is not None:
                page_name = page.relative_to(app.builder.outdir).as_posix()
                found.setdefault(html.unescape(match.group(1)), []).append(page_name)
    if len(found) > 1:
        logger.warning("lean_theme: pages have different site-wide stylesheets (%s): an extension adds "
                       "a stylesheet to some pages before lean_theme notes them; the bundle joins them all",
                       "; ".join(f"{', '.join(p)}: {s}" for s, p in found.items()),
                       type="lean_theme", subtype="sources")
    if found:
        return list(dict.fromkeys(s for sources in found for s in sources.split()))
    header = BUNDLE_HEADER.search(bundle.read_text(encoding="utf-8")) if bundle.is_file() else None
    return header.group(1).split() if header else []


def warn_unknown_icons(outdir: Path) -> None:
    icons_css = outdir / "_static" / "icons.css"
    defined = icons_defined(icons_css.read_text(encoding="utf-8")) if icons_css.is_file() else set()
    for name, pages in sorted(icons_used(outdir).items()):
        if name not in defined:
            logger.warning("icon 'fa-%s' (used on %s) is not in _static/icons.css: add it to "
                           "tools/make_icons.py and run it", name, ", ".join(sorted(pages)),
                           type="lean_theme", subtype="icon")


def build_finished(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or not applies(app):
        return
    outdir = Path(app.builder.outdir)
    warn_unknown_icons(outdir)
    pages = {page: page.read_text(encoding="utf-8") for page in site_pages(outdir)}
    if pages and not any(BUNDLE_LINK.search(text) for text in pages.values()):
        logger.warning("lean_theme: no page links %s: add the folder of _templates/layout.html to "
                       "templates_path in conf.py", BUNDLE, type="lean_theme", subtype="layout")
        return
    sources = recorded_sources(app, pages, outdir / BUNDLE)
    if not sources:
        logger.warning("lean_theme: no page just written says which stylesheets %s joins, and there "
                       "is no previous one: build again from scratch (sphinx-build -E)", BUNDLE,
                       type="lean_theme", subtype="bundle")
        return
    css, stats = build_bundle(outdir, sources)
    (outdir / BUNDLE).write_text(css, encoding="utf-8")
    link = f'{posixpath.basename(BUNDLE)}?v={hashlib.sha256(css.encode()).hexdigest()[:16]}"'
    for page, text in pages.items():
        new = BUNDLE_LINK.sub(link, text)
        if new != text:
            page.write_text(new, encoding="utf-8")
    logger.info("lean_theme: %s: %d of %d rules kept, %d KB from %d KB", BUNDLE,
                stats.rules - stats.dropped, stats.rules, len(css.encode()) // 1000, stats.bytes_in // 1000)


def builder_inited(app: Sphinx) -> None:
    if not app.config.lean_theme or app.builder.name not in LEAN_BUILDERS:
        return
    if app.config.html_theme != THEME:
        logger.warning("lean_theme: works with %s only, and html_theme is %r: the pages are left as "
                       "the theme makes them (or set lean_theme = False)", THEME, app.config.html_theme,
                       type="lean_theme", subtype="theme")
        return
    # No search page, no search index, no search scripts. Sphinx has no setting for this (as of
    # 9.0; sphinx-doc/sphinx#14308): ``search`` is the HTML builder's own switch, the class
    # attribute its EPUB and help builders set to False.
    app.builder.search = False


def setup(app: Sphinx) -> dict[str, object]:
    app.add_config_value("lean_theme", True, "html", types=frozenset({bool}), description=(
        "Make pydata-sphinx-theme's pages light (one trimmed stylesheet, no icon font, the theme's scripts "
        "after the first paint); False leaves the pages as the theme makes them."))
    app.connect("builder-inited", builder_inited)
    # First of all handlers (the default priority is 500), while every page has the same stylesheets.
    app.connect("html-page-context", remember_site_stylesheets, priority=1)
    # After the theme's handler, which adds to the page's scripts and sets its logo.
    app.connect("html-page-context", page_context, priority=900)
    # After the theme's and the other extensions' handlers, which still write files (the theme
    # rewrites pygments.css, sphinx_workshop writes its script): the stylesheet sees the final output.
    app.connect("build-finished", build_finished, priority=900)
    return {"version": "2", "parallel_read_safe": True, "parallel_write_safe": True}
