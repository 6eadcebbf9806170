"""Page weight of the built site: what a browser fetches to show each page, gzip-compressed.

For every HTML page of an output folder this reads what the page makes a browser fetch when it
loads: the page itself, every stylesheet (with what it ``@import``s and every ``url()`` in it:
fonts, images), every external script, every image, the favicon and any preload. Each distinct file
counts once per page. Text files are gzip-compressed at level 6 (a common server default); files in
formats that are already compressed (PNG, JPEG, WOFF2 ...) count as they are.

Render-blocking files are those a browser must fetch and run before it paints: stylesheets whose
``media`` can apply to a screen (with their ``@import``s), and external scripts in ``<head>`` that are
neither ``async`` nor ``defer`` nor module scripts.

Deterministic, so ``tests/test_page_weight.py`` asserts the budgets with it. Run it to print the table::

    python benchmarks/page_weight.py [OUTDIR] [--json PATH]

Without OUTDIR it builds the site into a temporary folder first, with the project's build command.
"""

from __future__ import annotations

import argparse
import gzip
import json
import posixpath
import re
import statistics
import sys
import tempfile
from dataclasses import dataclass, field
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

GZIP_LEVEL = 6
# Formats that are compressed already: servers send them as they are.
PRECOMPRESSED = {".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".woff", ".woff2", ".ico", ".pdf", ".zip"}
FETCHED_LINK_RELS = {"stylesheet", "preload", "modulepreload", "icon", "shortcut", "apple-touch-icon"}
CSS_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
CSS_IMPORT = re.compile(r"""@import\s+(?:url\(\s*)?["']?([^"')\s;]+)["']?\s*\)?[^;]*;""")
CSS_URL = re.compile(r"""url\(\s*["']?([^"')]+?)["']?\s*\)""")


@dataclass(frozen=True)
class Resource:
    """One file a page makes the browser fetch."""

    path: str  # relative to the output folder ("_static/x.css"), or the URL of another site
    kind: str  # html, css, js, image, font, other
    raw: int
    gzip: int
    blocking: bool = False
    in_article: bool = False  # an image of the page's own content, not of the theme

    @property
    def external(self) -> bool:
        return "://" in self.path


@dataclass
class PageWeight:
    page: str
    resources: list[Resource] = field(default_factory=list)

    @property
    def requests(self) -> int:
        return len(self.resources)

    @property
    def total_gzip(self) -> int:
        return sum(resource.gzip for resource in self.resources)

    @property
    def total_gzip_without_content_images(self) -> int:
        return sum(r.gzip for r in self.resources if not (r.kind == "image" and r.in_article))

    @property
    def blocking(self) -> list[Resource]:
        return [resource for resource in self.resources if resource.blocking]

    @property
    def blocking_gzip(self) -> int:
        return sum(resource.gzip for resource in self.blocking)

    def as_dict(self) -> dict:
        return {
            "page": self.page,
            "requests": self.requests,
            "total_gzip": self.total_gzip,
            "blocking_files": len(self.blocking),
            "blocking_gzip": self.blocking_gzip,
            "files": [resource.path for resource in self.resources],
        }


@cache
def _sizes(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    if path.suffix.lower() in PRECOMPRESSED:
        return len(data), len(data)
    return len(data), len(gzip.compress(data, compresslevel=GZIP_LEVEL, mtime=0))


def _kind(path: str) -> str:
    suffix = posixpath.splitext(path)[1].lower()
    if suffix in {".css"}:
        return "css"
    if suffix in {".js", ".mjs"}:
        return "js"
    if suffix in {".woff", ".woff2", ".ttf", ".otf", ".eot"}:
        return "font"
    if suffix in {".svg", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".ico"}:
        return "image"
    if suffix in {".html", ""}:
        return "html"
    return "other"


def screen_media(media: str | None) -> bool:
    """Whether a stylesheet with this ``media`` applies to a screen (and so blocks rendering)."""
    if media is None or not media.strip():
        return True
    queries = [query.strip().lower() for query in media.split(",")]
    return any(
        not query.startswith(("print", "speech", "not screen", "not all", "only print")) for query in queries
    )


class _References(HTMLParser):
    """Collects what an HTML page fetches, in document order, with where each reference sits."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str, bool, bool]] = []  # (url, kind, blocking, in_article)
        self.inline_css: list[str] = []
        self._in_head = False
        self._article_depth = 0
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "head":
            self._in_head = True
        elif tag == "body":
            self._in_head = False
        elif tag in {"article", "main"}:
            self._article_depth += 1
        elif tag == "style":
            self._in_style = True
        elif tag == "link" and attributes.get("href"):
            rels = set((attributes.get("rel") or "").lower().split())
            if not rels & FETCHED_LINK_RELS or "disabled" in attributes:
                return
            if "stylesheet" in rels:
                self.found.append((attributes["href"], "css", screen_media(attributes.get("media")), False))
            else:
                self.found.append((attributes["href"], "", False, False))
        elif tag == "script" and attributes.get("src"):
            blocking = (
                self._in_head
                and "async" not in attributes
                and "defer" not in attributes
                and (attributes.get("type") or "").lower() != "module"
            )
            self.found.append((attributes["src"], "js", blocking, False))
        elif tag in {"img", "iframe", "embed"} and attributes.get("src"):
            self.found.append((attributes["src"], "", False, self._article_depth > 0))
        elif tag in {"image", "use"} and (attributes.get("href") or attributes.get("xlink:href")):
            href = attributes.get("href") or attributes.get("xlink:href")
            if not href.startswith("#"):
                self.found.append((href, "", False, self._article_depth > 0))
        if attributes.get("style") and "url(" in attributes["style"]:
            self.inline_css.append(attributes["style"])

    def handle_endtag(self, tag: str) -> None:
        if tag == "head":
            self._in_head = False
        elif tag in {"article", "main"} and self._article_depth:
            self._article_depth -= 1
        elif tag == "style":
            self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.inline_css.append(data)


def _local_path(outdir: Path, base: str, url: str) -> str | None:
    """The file a URL points at, relative to outdir; None for data: URLs and fragments."""
    if url.startswith(("data:", "#", "about:", "javascript:", "mailto:")):
        return None
    parts = urlsplit(url)
    if parts.scheme or url.startswith("//"):
        return url
    if not parts.path:
        return None
    path = unquote(parts.path)
    target = path.lstrip("/") if path.startswith("/") else posixpath.join(posixpath.dirname(base), path)
    return posixpath.normpath(target)


def _css_references(text: str) -> tuple[list[str], list[str]]:
    """(@import URLs, other url() URLs) of a stylesheet."""
    text = CSS_COMMENT.sub("", text)
    imports = CSS_IMPORT.findall(text)
    without_imports = CSS_IMPORT.sub("", text)
    return imports, CSS_URL.findall(without_imports)


def page_weight(outdir: Path, page: str) -> PageWeight:
    """Everything ``page`` (a path relative to ``outdir``) makes a browser fetch when it loads."""
    weight = PageWeight(page)
    seen: set[str] = set()

    def add(path: str, kind: str, blocking: bool, in_article: bool = False) -> None:
        if path in seen:
            return
        seen.add(path)
        if "://" in path or path.startswith("//"):
            weight.resources.append(Resource(path, kind or "other", 0, 0, blocking, in_article))
            return
        file = outdir / path
        if not file.is_file():
            raise FileNotFoundError(f"{page} references {path}, which is not in the built site")
        raw, compressed = _sizes(file)
        weight.resources.append(Resource(path, kind or _kind(path), raw, compressed, blocking, in_article))
        if kind == "css" or (not kind and _kind(path) == "css"):
            follow_css(path, file.read_text(encoding="utf-8", errors="replace"), blocking)

    def follow_css(base: str, text: str, blocking: bool) -> None:
        imports, urls = _css_references(text)
        for url in imports:
            target = _local_path(outdir, base, url)
            if target:
                add(target, "css", blocking)
        for url in urls:
            target = _local_path(outdir, base, url)
            if target:
                add(target, "", False)

    html = (outdir / page).read_text(encoding="utf-8")
    add(page, "html", False)  # the page itself is not counted among the files that block its rendering
    references = _References()
    references.feed(html)
    for url, kind, blocking, in_article in references.found:
        target = _local_path(outdir, page, url)
        if target:
            add(target, kind, blocking, in_article)
    for css in references.inline_css:
        follow_css(page, css, False)
    return weight


def site_pages(outdir: Path) -> list[str]:
    """Every HTML page of the built site (theme fragments copied into _static/ are not pages)."""
    return sorted(
        path.relative_to(outdir).as_posix()
        for path in outdir.rglob("*.html")
        if path.relative_to(outdir).parts[0] not in {"_static", "_sources", "_images"}
    )


def site_weights(outdir: Path) -> list[PageWeight]:
    return [page_weight(outdir, page) for page in site_pages(outdir)]


def kb(size: int) -> str:
    return f"{size / 1000:.1f}"


def table(weights: list[PageWeight]) -> str:
    """A Markdown table: one row per page, then the median and the maximum of each column."""
    width = max(len(weight.page) for weight in weights)
    lines = [
        f"| {'page':<{width}} | requests | total KB gzip | blocking files | blocking KB gzip |",
        f"|{'-' * (width + 2)}|----------|---------------|----------------|------------------|",
    ]
    for weight in weights:
        lines.append(
            f"| {weight.page:<{width}} | {weight.requests:8} | {kb(weight.total_gzip):>13} "
            f"| {len(weight.blocking):14} | {kb(weight.blocking_gzip):>16} |"
        )
    for name, summary in (("median", statistics.median), ("maximum", max)):
        lines.append(
            f"| {name:<{width}} | {summary([w.requests for w in weights]):8g} "
            f"| {kb(summary([w.total_gzip for w in weights])):>13} "
            f"| {summary([len(w.blocking) for w in weights]):14g} "
            f"| {kb(summary([w.blocking_gzip for w in weights])):>16} |"
        )
    return "\n".join(lines)


def summary(weights: list[PageWeight]) -> dict:
    def stats(values: list[int]) -> dict:
        return {"median": statistics.median(values), "max": max(values)}

    return {
        "pages": len(weights),
        "requests": stats([w.requests for w in weights]),
        "total_gzip": stats([w.total_gzip for w in weights]),
        "blocking_files": stats([len(w.blocking) for w in weights]),
        "blocking_gzip": stats([w.blocking_gzip for w in weights]),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("outdir", nargs="?", type=Path, help="a built site (default: build one now)")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="page-weight-") as folder:
        outdir = options.outdir
        if outdir is None:
            sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
            import site_build

            outdir = Path(folder) / "html"
            if site_build.main([str(outdir)]) != 0:
                raise SystemExit("the site does not build")
        weights = site_weights(outdir)
    print(f"\nPage weight: {len(weights)} pages, gzip level {GZIP_LEVEL}, KB = 1000 bytes\n")
    print(table(weights))
    report = {"summary": summary(weights), "pages": [weight.as_dict() for weight in weights]}
    if options.json:
        options.json.parent.mkdir(parents=True, exist_ok=True)
        options.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
