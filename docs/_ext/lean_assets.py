"""Make every page load few, small files: one stylesheet and one script for the theme and extensions.

Left alone, each page of the Sphinx Book Theme loads about 20 render-blocking files and a 1.5 MB icon
script, and every page loads the whole search index. This extension changes what pages load, never
what they show:

- **One stylesheet.** The theme's and the extensions' stylesheets (Sphinx's basic styles,
  pydata-sphinx-theme, the book theme, Pygments, copybutton, sphinx-design) become one file,
  ``_static/lean/bundle.css``, in their order. A rule stays in it only if every class and id it
  names appears in a built page or in a script the pages run (where a script builds class names
  from a prefix such as ``"bs-"``, every class with that prefix stays). The site's own stylesheets
  (``docs/_static``) keep their own links, after the bundle, so they still override it.
- **Icons without the icon script.** The theme writes icons as ``<i class="fa-solid fa-sun"></i>`` and
  loads Font Awesome's 1.5 MB script on every page to replace each with an inline ``<svg>``. The
  pages now hold those very SVGs, written when the build finishes (``lean_icons``), and the bundle
  holds the script's stylesheet for them; the theme's few icons drawn in Font Awesome's web font are
  drawn as CSS masks, and the web fonts are left out. An icon Font Awesome does not have is a build
  warning.
- **One deferred script.** The theme's and the extensions' scripts become ``_static/lean/bundle.js``,
  in their order, loaded with ``defer``. ``documentation_options.js`` (a few hundred bytes) is inlined
  where it stood, because the inline settings that follow it (``DOCUMENTATION_OPTIONS.pagename = ...``)
  run at once. The site's own scripts keep their own tags. A script that only some pages need (see
  ``PAGE_SPECIFIC_JS``) is loaded only by those pages.
- **Images keep their room.** A local image without a size gets its own width and height, so the
  page does not move when it arrives (the theme writes the logo without one).
- **The search index only on the search page**, deferred there. The search dialog of every other page
  sends its query to that page, so no other page needs it.

``docs/_templates/layout.html`` stops the theme's layout from linking its own files directly (they are
in the bundles) and gives the colour-mode script a valid default; ``docs/_templates/search.html``
leaves the search scripts to this extension.

The bundles are written when the build finishes, from the built pages (the stylesheet only when
what it is made from has changed). Pages refer to them with a checksum (``?v=``), as Sphinx does for
other files; when a bundle changes, every page that refers to an older checksum is brought up to
date, so a browser never uses a stale bundle from its cache. Pages are only read and written in the
main process, after all pages are written: the extension is safe for parallel reading and writing.
What the last build worked out from unchanged files (Font Awesome's icon tables, each page's classes)
is kept with the build's cache, so a rebuild after a small edit does not work it out again.
"""

from __future__ import annotations

import hashlib
import pickle
import re
import sys
import zlib
from collections.abc import Iterable
from functools import cache
from pathlib import Path

import lean_css
import lean_icons

# Sphinx's asset classes: private, but the only way to give one page its own list of files (the
# 404 page extension uses them the same way).
from sphinx.builders.html._assets import _CascadingStyleSheet, _JavaScript
from sphinx.util import logging

logger = logging.getLogger(__name__)

CSS_BUNDLE = "_static/lean/bundle.css"
JS_BUNDLE = "_static/lean/bundle.js"
# pydata-sphinx-theme's layout links these itself (through its webpack macros), not through
# css_files/script_files; docs/_templates/layout.html no longer does, so the bundles hold them.
THEME_CSS = ["_static/styles/theme.css", "_static/styles/pydata-sphinx-theme.css"]
THEME_JS = ["_static/scripts/bootstrap.js", "_static/scripts/pydata-sphinx-theme.js"]
FONTAWESOME_JS = "_static/scripts/fontawesome.js"
INLINED_JS = "_static/documentation_options.js"
SEARCH_INDEX = "searchindex.js"
SEARCH_JS = ["_static/searchtools.js", "_static/language_data.js", SEARCH_INDEX]
# Scripts only some pages need, with the class that shows a page needs it. They keep a tag of their
# own: design-tabs.js reads its settings from its tag's data- attribute.
PAGE_SPECIFIC_JS = {"_static/design-tabs.js": "sd-tab-set"}
# Attributes that do not stop a file from joining a bundle (anything else, such as a media query,
# an integrity hash or a data- attribute, belongs to that file's own tag).
PLAIN_CSS_ATTRIBUTES = {"rel": {"stylesheet"}, "type": {"text/css"}, "media": {"all", "screen"}}
PLAIN_JS_ATTRIBUTES = {"defer": None, "type": {"text/javascript"}}


# -- Which files a page loads --------------------------------------------------------------------


@cache
def _site_static_files(static_dirs: tuple[Path, ...]) -> frozenset[str]:
    """``_static/...`` names of the site's own static files (html_static_path)."""
    names = set()
    for folder in static_dirs:
        if folder.is_dir():
            names.update(
                "_static/" + path.relative_to(folder).as_posix()
                for path in folder.rglob("*")
                if path.is_file()
            )
    return frozenset(names)


def site_static_files(app) -> frozenset[str]:
    """The site's own static files: those in html_static_path folders of the project itself (some
    extensions, such as sphinx-copybutton, add folders of their own to html_static_path)."""
    confdir = Path(app.confdir).resolve()
    folders = [(confdir / name).resolve() for name in app.config.html_static_path]
    return _site_static_files(tuple(folder for folder in folders if folder.is_relative_to(confdir)))


def _plain(attributes: dict, allowed: dict) -> bool:
    return all(
        key in allowed and (allowed[key] is None or value in allowed[key])
        for key, value in attributes.items()
        if value is not None
    )


def bundle_members(app) -> tuple[list[str], list[str]]:
    """The files of the CSS bundle and of the JS bundle, in the order pages used to load them.

    Those are the theme's files and every file that all pages load (not one page only) that is
    neither the site's own, nor page-specific, nor in need of a tag of its own.
    """
    own = site_static_files(app)
    # The lists all pages share, as the builder keeps them before adding any page's own files.
    css_files = getattr(app.builder, "_orig_css_files", [])
    js_files = getattr(app.builder, "_orig_js_files", [])
    css = [*THEME_CSS]
    css += [
        str(asset.filename)
        for asset in css_files
        if _bundleable(asset, own) and _plain(asset.attributes, PLAIN_CSS_ATTRIBUTES)
    ]
    js = [
        str(asset.filename)
        for asset in js_files
        if _bundleable(asset, own)
        and str(asset.filename) != INLINED_JS
        and _plain(asset.attributes, PLAIN_JS_ATTRIBUTES)
    ]
    return css, [*js, *THEME_JS]


def _bundleable(asset, own: frozenset[str]) -> bool:
    name = str(asset.filename or "")
    return bool(name) and "://" not in name and name not in own and name not in PAGE_SPECIFIC_JS


@cache
def _read_text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def on_html_page_context(app, pagename, templatename, context, doctree) -> None:
    """Give the page the bundles, the site's own files, and the few files only it needs."""
    if app.builder.format != "html" or "css_files" not in context:
        return
    css_members, js_members = bundle_members(app)

    styles = [CSS_BUNDLE]
    styles += [asset for asset in context["css_files"] if str(asset.filename) not in css_members]
    context["css_files"] = [
        _CascadingStyleSheet(asset, priority=index)
        if isinstance(asset, str)
        else _CascadingStyleSheet(asset.filename, priority=index, **asset.attributes)
        for index, asset in enumerate(styles)
    ]

    body = context.get("body") or ""
    inline, external = [], []
    for asset in context["script_files"]:
        name = str(asset.filename or "")
        if name == INLINED_JS:  # inline, where it stood: the inline settings after it use it at once
            source = Path(app.outdir) / INLINED_JS
            inline.append(_JavaScript("", body=_read_text(source).strip()))
        elif not name:
            inline.append(asset)
        elif name in js_members:
            continue
        elif name in PAGE_SPECIFIC_JS:
            if PAGE_SPECIFIC_JS[name] in body:
                external.append(_JavaScript(name, **{**asset.attributes, "defer": "defer"}))
        else:
            external.append(asset)
    scripts = [*inline, _JavaScript(JS_BUNDLE, defer="defer"), *external]
    if pagename == "search":
        scripts += [_JavaScript(name, defer="defer") for name in SEARCH_JS]
    context["script_files"] = [
        _JavaScript(asset.filename, priority=index, **asset.attributes) for index, asset in enumerate(scripts)
    ]


# -- Writing the bundles when the build finishes ----------------------------------------------------

CLASS_OR_ID = re.compile(r"""\b(class|id)=(?:"([^"]*)"|'([^']*)')""")
JS_WORD = re.compile(r"[A-Za-z_][\w-]*")
JS_STRING_WITH_ICON = re.compile(r"""["'`]([^"'`\n]*\bfa-[\w-]+[^"'`\n]*)["'`]""")
SOURCE_MAP = re.compile(r"^//# sourceMappingURL=.*$", re.MULTILINE)
BUNDLE_REFERENCE = re.compile(r"(_static/lean/bundle\.(?:css|js))(?:\?v=[0-9a-f]*)?(?=\")")


def page_words(html: str) -> frozenset[str]:
    """The classes and ids a page uses."""
    return frozenset(
        word for _kind, double, single in CLASS_OR_ID.findall(html) for word in (double or single).split()
    )


def script_words(script: str) -> tuple[frozenset[str], frozenset[tuple[str, ...]]]:
    """The words of a script (a class it adds appears as one), and the class lists of its icons."""
    icons = frozenset(
        tuple(sorted(text.split()))
        for text in JS_STRING_WITH_ICON.findall(script)
        if any(name in lean_css.FONTAWESOME_STYLES for name in text.split())
    )
    return frozenset(JS_WORD.findall(script)), icons


class BuildMemo:
    """What the last build worked out from files that may not have changed since: Font Awesome's
    icon tables (about 80 ms to read from its 1.5 MB script) and the words of each page and script.

    Kept with the build's cache (the doctrees folder), keyed by checksums of what each was worked out
    from, so a stale entry is never used. A missing or unreadable memo only means doing the work again.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        # The code that worked it out is part of the key: an edited extension starts afresh.
        self._code = hashlib.blake2b(
            b"".join(
                Path(module.__file__).read_bytes() for module in (lean_css, lean_icons, sys.modules[__name__])
            )
        ).hexdigest()
        try:
            data = pickle.loads(path.read_bytes())
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, TypeError):
            data = {}
        if not isinstance(data, dict) or data.get("code") != self._code:
            data = {}
        self._fontawesome = data.get("fontawesome")
        self._fontawesome_checked = False
        self._words = data.get("words", {})
        self._used: dict = {}

    def fontawesome(self, script: Path) -> lean_icons.FontAwesome:
        if not self._fontawesome_checked:  # once per build: the script does not change during one
            key = checksum(script)
            if self._fontawesome is None or self._fontawesome[0] != key:
                self._fontawesome = (key, lean_icons.read_fontawesome(script))
            self._fontawesome_checked = True
        return self._fontawesome[1]

    def words(self, text: str, work_out):
        """``work_out(text)``, from the memo when the same function has seen the same text before."""
        key = (work_out.__name__, hashlib.blake2b(text.encode(), digest_size=16).digest())
        if key not in self._words:
            self._words[key] = work_out(text)
        self._used[key] = self._words[key]
        return self._used[key]

    def save(self) -> None:
        """Keep what this build used (what it no longer uses is dropped)."""
        data = {"code": self._code, "fontawesome": self._fontawesome, "words": self._used}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.path.write_bytes(pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL))


def site_tokens(
    pages: Iterable[str], scripts: Iterable[str], memo: BuildMemo | None = None
) -> tuple[lean_css.Tokens, set[tuple[str, ...]]]:
    """The classes and ids the site uses, and the class lists of the icons its scripts create.

    Scripts count: a class a script adds (``show``, ``tooltip-inner``) appears in it as a word, and
    one it builds from a prefix (``"bs-" + name``) keeps every class with that prefix.
    """

    def remembered(text, work_out):
        return memo.words(text, work_out) if memo else work_out(text)

    words: set[str] = set()
    prefixes: set[str] = set()
    script_icons: set[tuple[str, ...]] = set()
    for html in pages:
        words |= remembered(html, page_words)
    for script in scripts:
        found, icons = remembered(script, script_words)
        words |= found
        prefixes |= {word for word in found if word.endswith("-")}
        script_icons |= icons
    return lean_css.Tokens(words, prefixes), script_icons


def bundle_css(
    outdir: Path,
    members: list[str],
    tokens: lean_css.Tokens,
    script_icons,
    fontawesome: lean_icons.FontAwesome,
) -> str:
    """The stylesheet bundle: Font Awesome's stylesheet for its SVG icons first (its script used to
    put it before the others), then the members, less what the site does not use, with the theme's
    icon-font characters drawn as masks."""
    css = "".join(lean_css.read_css(outdir, name, CSS_BUNDLE) for name in members)
    items = lean_icons.glyphs_to_masks(lean_css.purge(lean_css.parse_css(css), tokens), fontawesome)
    header = '@charset "UTF-8";\n/* Built by docs/_ext/lean_assets.py from: ' + ", ".join(members) + " */\n"
    icons = lean_icons.icon_css(fontawesome, tokens, script_icons)
    return header + icons + lean_css.serialize_css(items) + "\n"


def bundle_js(outdir: Path, members: list[str]) -> str:
    # Each file after a ";": the bundle has no directive prologue, so one file's "use strict" does not
    # apply to the files after it (each webpack bundle keeps its own, inside its function).
    return "".join(
        ";\n" + SOURCE_MAP.sub("", (outdir / name).read_text(encoding="utf-8")).strip() + "\n"
        for name in members
    )


def checksum(path: Path) -> str:
    """The ``?v=`` Sphinx gives a file (as sphinx.builders.html._assets._file_checksum, which caches)."""
    content = path.read_bytes().replace(b"\r", b"")
    return f"{zlib.crc32(content):08x}"


def _write_if_changed(path: Path, text: str) -> None:
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def css_fingerprint(outdir: Path, members: list[str], tokens: lean_css.Tokens, script_icons) -> str:
    """Everything the stylesheet bundle is made from, hashed: the bundle is rebuilt only when it changes."""
    parts = [
        *(Path(module.__file__).read_text(encoding="utf-8") for module in (lean_css, lean_icons)),
        *(f"{name}:{checksum(outdir / name)}" for name in (*members, FONTAWESOME_JS)),
        " ".join(sorted(tokens.words)),
        " ".join(tokens.prefixes),
        repr(sorted(script_icons)),
    ]
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


IMAGE = re.compile(r"<img\b[^>]*>")
SVG_ROOT = re.compile(r"<svg\b[^>]*>")
NUMBER = re.compile(r"^\s*([0-9.]+)\s*(?:px)?\s*$")


@cache
def intrinsic_size(file: Path) -> tuple[int, int] | None:
    """(width, height) in CSS pixels of a local SVG or PNG image, if it says."""
    if file.suffix == ".png":
        header = file.read_bytes()[:24]
        if header[:8] == b"\x89PNG\r\n\x1a\n":
            return int.from_bytes(header[16:20], "big"), int.from_bytes(header[20:24], "big")
    elif file.suffix == ".svg":
        root = SVG_ROOT.search(file.read_text(encoding="utf-8", errors="replace"))
        attributes = dict(re.findall(r'([\w:-]+)="([^"]*)"', root.group(0))) if root else {}
        width, height = (NUMBER.match(attributes.get(name, "")) for name in ("width", "height"))
        if width and height:
            return round(float(width.group(1))), round(float(height.group(1)))
        box = attributes.get("viewBox", "").replace(",", " ").split()
        if len(box) == 4:
            return round(float(box[2])), round(float(box[3]))
    return None


def size_images(html: str, page: Path, outdir: Path) -> str:
    """Give each local image without a size its intrinsic width and height, so the browser keeps
    its room before the image arrives and the page does not shift (the logo is one)."""

    def sized(match: re.Match) -> str:
        tag = match.group(0)
        source = re.search(r'\ssrc="([^"?#]+)', tag)
        if re.search(r"\s(?:width|height)=", tag) or source is None or "://" in source.group(1):
            return tag
        path = source.group(1)
        file = outdir / path.lstrip("/") if path.startswith("/") else page.parent / path
        size = intrinsic_size(file.resolve()) if file.is_file() else None
        if size is None:
            return tag
        return f'{tag[:4]} width="{size[0]}" height="{size[1]}"{tag[4:]}'

    return IMAGE.sub(sized, html)


def on_build_finished(app, exception) -> None:
    outdir = Path(app.outdir)
    if exception is not None or app.builder.format != "html" or not (outdir / THEME_CSS[-1]).is_file():
        return
    memo = BuildMemo(Path(app.doctreedir) / "lean_assets.memo")
    # Icons first: the stylesheet keeps the rules for the SVGs that pages now hold.
    pages: dict[Path, tuple[str, str]] = {}
    for path in sorted(outdir.rglob("*.html")):
        if path.relative_to(outdir).parts[0] == "_static":  # theme templates copied as files, not pages
            continue
        html = with_icons = path.read_text(encoding="utf-8")
        if lean_icons.ICON_ELEMENT.search(html):
            fontawesome = memo.fontawesome(outdir / FONTAWESOME_JS)
            with_icons, unknown = lean_icons.inline_svg_icons(html, fontawesome)
            for classes in unknown:
                logger.warning(
                    "%s: Font Awesome has no icon for class=%r, so it cannot be drawn",
                    path.relative_to(outdir).as_posix(),
                    classes,
                    type="lean_assets",
                    subtype="icon",
                )
        pages[path] = (html, size_images(with_icons, path, outdir))

    css_members, js_members = bundle_members(app)
    js = bundle_js(outdir, js_members)
    # The search index is data, not code that adds classes: its words would only keep rules no page
    # uses, and would make every edit of a page's text look like a new set of classes.
    scripts = [js] + [
        (outdir / name).read_text(encoding="utf-8")
        for name in sorted({*site_static_files(app), *PAGE_SPECIFIC_JS, *SEARCH_JS} - {SEARCH_INDEX})
        if name.endswith(".js") and (outdir / name).is_file()
    ]
    tokens, script_icons = site_tokens((html for _old, html in pages.values()), scripts, memo)
    # The fingerprint of the last bundle sits with the build's cache, not in the published site.
    record = Path(app.doctreedir) / "lean_assets.fingerprint"
    fingerprint = css_fingerprint(outdir, css_members, tokens, script_icons)
    stale = not record.is_file() or record.read_text(encoding="utf-8") != fingerprint
    if stale or not (outdir / CSS_BUNDLE).is_file():
        fontawesome = memo.fontawesome(outdir / FONTAWESOME_JS)
        _write_if_changed(
            outdir / CSS_BUNDLE, bundle_css(outdir, css_members, tokens, script_icons, fontawesome)
        )
        record.parent.mkdir(parents=True, exist_ok=True)
        record.write_text(fingerprint, encoding="utf-8")
    _write_if_changed(outdir / JS_BUNDLE, js)

    # Every page refers to the bundles as they are now (pages written earlier hold the old checksum).
    checksums = {name: checksum(outdir / name) for name in (CSS_BUNDLE, JS_BUNDLE)}
    for path, (old, html) in pages.items():
        updated = BUNDLE_REFERENCE.sub(lambda match: f"{match.group(1)}?v={checksums[match.group(1)]}", html)
        if updated != old:
            path.write_text(updated, encoding="utf-8")
    memo.save()


def setup(app):
    # After every other handler (the theme's at 500) has added its files.
    app.connect("html-page-context", on_html_page_context, priority=950)
    # After the theme's own handler rewrites pygments.css (for light and dark mode) at the same event.
    app.connect("build-finished", on_build_finished, priority=900)
    # Pages only read the configuration; the bundles are written once, in the main process, at the end.
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
