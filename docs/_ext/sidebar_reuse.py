"""Build the sidebar once per build, not once per page.

The theme builds the sidebar (the whole navigation tree, with the current page marked) for every
page: Sphinx resolves the site's toctree for that page, and the theme reworks the result with
BeautifulSoup. That was a fifth of a clean build. Yet every page's sidebar is the same tree; only
two things depend on the page:

- the links, which are relative to the page's folder;
- the marks of the current page and of the pages above it in the navigation. Sphinx gives their
  entries the classes ``current active``, the lists that hold them the class ``current``, and the
  current page's link ``class="current reference internal" href="#"``; the theme opens their
  ``<details>``.

So the theme builds the sidebar of the first page written, and every other page gets a copy with its
links made relative to its own folder and the marks moved to its own branch. Each change must find
exactly the markup described here; where one does not, the page gets its sidebar from the theme.
``tests/test_sidebar_reuse.py`` builds the site with and without this extension and checks that
every page is the same, byte for byte.

Set ``sidebar_reuse = False`` to turn it off.
"""

from __future__ import annotations

import contextlib
import posixpath
import re

from sphinx.util.osutil import relative_uri
from theme_a11y import name_sidebar_toggles

SIDEBAR = "sidebar"  # the theme's kind of toctree for the primary sidebar
STATE = "_sidebar_reuse"  # the builder's attribute that holds this build's SidebarReuse
CURRENT_LINK = '<a class="current reference internal" href="#">'
LINK = '<a class="reference internal" href="{href}">'
TOP_LIST, TOP_LIST_CURRENT = '<ul class="nav bd-sidenav">', '<ul class="current nav bd-sidenav">'
LIST, LIST_CURRENT = "<ul>", '<ul class="current">'
DETAILS, DETAILS_OPEN = "<details>", '<details open="open">'
MARKED_ITEM = re.compile(r'<li class="toctree-l(\d+) current active( has-children)?">')
MARK = re.compile(r'class="[^"]*\bcurrent\b')
HREF = re.compile(r'(<a class="(?:current )?reference internal" href=")([^"]*)(")')


class CannotCopy(Exception):
    """The sidebar does not have the markup this extension expects: let the theme build it."""


def _open_details(html: str, item_start: int, page: str) -> str:
    """Open the ``<details>`` right after the link of the entry that starts at ``item_start``."""
    after_link = html.index("</a>", item_start) + len("</a>")
    if not html.startswith(DETAILS, after_link):
        raise CannotCopy(f"no closed <details> after the link to {page!r}")
    return html[:after_link] + DETAILS_OPEN + html[after_link + len(DETAILS) :]


def _entry(html: str, href: str) -> re.Match:
    """The list item and link of the one entry that links to ``href``."""
    pattern = re.compile(r'<li class="toctree-l(\d+)( has-children)?">' + re.escape(LINK.format(href=href)))
    matches = list(pattern.finditer(html))
    if len(matches) != 1:
        raise CannotCopy(f"no single entry links to {href!r}")
    return matches[0]


def unmarked(html: str, marked_page_href: str) -> str:
    """The sidebar with no page marked: the current page's link leads to ``marked_page_href``."""
    if html.count(CURRENT_LINK) > 1:
        raise CannotCopy("more than one current link")
    html = html.replace(CURRENT_LINK, LINK.format(href=marked_page_href))
    # Each marked item: unmark it, close the <details> after its link, unmark the list in it.
    while match := MARKED_ITEM.search(html):
        level, children = match.groups()
        item = f'<li class="toctree-l{level}{children or ""}">'
        html = html[: match.start()] + item + html[match.end() :]
        if children:
            after_link = html.index("</a>", match.start()) + len("</a>")
            if not html.startswith(DETAILS_OPEN, after_link):
                raise CannotCopy("a marked entry with sub-pages has no open <details>")
            html = html[:after_link] + DETAILS + html[after_link + len(DETAILS_OPEN) :]
    html = html.replace(LIST_CURRENT, LIST).replace(TOP_LIST_CURRENT, TOP_LIST)
    if MARK.search(html):
        raise CannotCopy("a mark this extension does not know")
    return html


def marked(html: str, branch: list[str], href_of) -> str:
    """Mark ``branch`` (the page, then the pages above it up to the top of the navigation)."""
    page, *ancestors = branch
    match = _entry(html, href_of(page))
    level, children = match.groups()
    item = f'<li class="toctree-l{level} current active{children or ""}">'
    html = html[: match.start()] + item + CURRENT_LINK + html[match.end() :]
    if children:  # the theme opens the current page's sub-pages
        html = _open_details(html, match.start(), page)
    top = match.start()
    for ancestor in ancestors:
        link = LINK.format(href=href_of(ancestor))
        match = _entry(html, href_of(ancestor))
        level, children = match.groups()
        if not children:
            raise CannotCopy(f"{ancestor!r} has a page below it but no sub-pages in the sidebar")
        item = f'<li class="toctree-l{level} current active{children}">'
        html = _open_details(
            html[: match.start()] + item + link + html[match.end() :], match.start(), ancestor
        )
        list_start = html.index("</summary>", match.start()) + len("</summary>")
        if not html.startswith(LIST, list_start):
            raise CannotCopy(f"no list of sub-pages under {ancestor!r}")
        html = html[:list_start] + LIST_CURRENT + html[list_start + len(LIST) :]
        top = match.start()
    # The top-level list that holds the branch: the last one that starts before its top entry.
    top_list = html.rfind(TOP_LIST, 0, top)
    if top_list < 0:
        raise CannotCopy("no top-level list holds the branch")
    return html[:top_list] + TOP_LIST_CURRENT + html[top_list + len(TOP_LIST) :]


class SidebarReuse:
    """The sidebar this process built first, without marks, and how to copy it for a page."""

    def __init__(self, app) -> None:
        self.app = app
        self.unmarked: dict[tuple, tuple[str, str]] = {}  # (arguments, toctree maker) -> (uri, html)
        self._parents: dict[str, list[str]] | None = None

    def uri(self, page: str) -> str:
        return self.app.builder.get_target_uri(page)

    def branch(self, page: str) -> list[str] | None:
        """The page and the pages above it in the navigation, up to (not with) the home page (so
        nothing for the home page); None when it is not in the navigation, or in it twice."""
        env = self.app.env
        if self._parents is None:
            self._parents = {}
            for parent, children in env.toctree_includes.items():
                for child in children:
                    self._parents.setdefault(child, []).append(parent)
        branch = []
        while page != self.app.config.root_doc:
            parents = self._parents.get(page, [])
            if len(parents) != 1 or page in branch:
                return None
            branch.append(page)
            page = parents[0]
        return branch

    def remember(self, key: tuple, page: str, html: str) -> None:
        branch = self.branch(page)
        if key in self.unmarked or (not branch and CURRENT_LINK in html):
            return
        # Unmarked, the page's own link is as its siblings have it: its file name.
        with contextlib.suppress(CannotCopy):  # then every page gets its sidebar from the theme
            self.unmarked[key] = (self.uri(page), unmarked(html, posixpath.basename(self.uri(page))))

    def copy_for(self, key: tuple, page: str) -> str | None:
        if key not in self.unmarked:
            return None
        built_uri, html = self.unmarked[key]
        here = self.uri(page)

        def rebased(match: re.Match) -> str:
            href = match.group(2)
            if "://" in href or href.startswith(("#", "/")):
                return match.group(0)
            target = posixpath.normpath(posixpath.join(posixpath.dirname(built_uri), href))
            return match.group(1) + relative_uri(here, target) + match.group(3)

        html = HREF.sub(rebased, html)
        branch = self.branch(page)
        if not branch:
            # Not in the navigation (the home page, the index, search): no mark, if no entry links to it.
            return None if 'href=""' in html else html
        try:
            return marked(html, branch, lambda other: relative_uri(here, self.uri(other)))
        except CannotCopy:
            return None


def on_html_page_context(app, pagename, templatename, context, doctree) -> None:
    """Give templates ``sidebar_nav_html(**arguments)``: the theme's sidebar, its toggles named
    (``theme_a11y``), built once and copied where it can be. ``docs/_templates/sbt-sidebar-nav.html``
    calls it instead of the theme's ``generate_toctree_html("sidebar", ...)``."""
    # Only the "html" builder: its page URIs are file paths, which the links are rebased on.
    reuse = None
    if app.config.sidebar_reuse and app.builder.name == "html":
        if STATE not in app.builder.__dict__:
            app.builder.__dict__[STATE] = SidebarReuse(app)
        reuse = app.builder.__dict__[STATE]
    this_page: dict[tuple, str] = {}

    def sidebar_nav_html(**arguments) -> str:
        key = (tuple(sorted(arguments.items())), _maker(context.get("toctree")))
        if key in this_page:  # the theme renders each sidebar template twice (once to see if it is empty)
            return this_page[key]
        sidebar = reuse.copy_for(key, pagename) if reuse else None
        if sidebar is None:
            # Looked up now, not when the page starts: the theme adds it after this handler has run.
            toctree = context["generate_toctree_html"](kind=SIDEBAR, **arguments)
            name_sidebar_toggles(toctree)
            sidebar = str(toctree)
            if reuse:
                reuse.remember(key, pagename, sidebar)
        this_page[key] = sidebar
        return sidebar

    context["sidebar_nav_html"] = sidebar_nav_html


def _maker(toctree) -> str:
    """Which toctree function makes the page's sidebar: another one (the 404 page's makes absolute
    links) makes another sidebar."""
    return f"{getattr(toctree, '__module__', '')}.{getattr(toctree, '__qualname__', '')}"


def reset(app, env) -> None:
    """Each build starts without the sidebar of the last one (the navigation may have changed)."""
    app.builder.__dict__.pop(STATE, None)


def setup(app):
    app.setup_extension("theme_a11y")
    app.add_config_value("sidebar_reuse", True, "html", bool)
    # Before the theme's handlers (500): the theme renders the sidebar template in one of them.
    app.connect("html-page-context", on_html_page_context, priority=400)
    app.connect("env-updated", reset)
    # The sidebar is kept per process while writing; each process builds its first one itself.
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
