"""Shared fixtures: the site is built once per test session, strictly, into a temporary folder.

Tests read what readers and other sites get: the HTML (parsed with BeautifulSoup), ``objects.inv``
(read with Sphinx's own loader) and the build log.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
import site_build  # noqa: E402  (the one definition of the build command)

DOCS = site_build.DOCS

# Browser fixtures (browser, site_server, open_page) for the tests marked "browser"; see tests/browser.py.
pytest_plugins = ["browser"]


def run_sphinx(
    source: Path, outdir: Path, builder: str = "html", options: tuple[str, ...] = ()
) -> subprocess.CompletedProcess:
    """Build ``source`` with the project's strict flags (and ``options`` before them); return the
    finished process.

    The log is plain lines, one per page, even where Sphinx would colour it and redraw one line (it
    does when ``CI`` is set), so tests can read it."""
    return subprocess.run(
        [sys.executable, "-m", "sphinx", *options, *site_build.sphinx_args(outdir, builder, source)],
        env={**os.environ, "NO_COLOR": "1"},
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )


def site_files(folder: Path, but: tuple[str, ...] = ()) -> dict[str, bytes]:
    """Every file of a built site by its path in the site, less the files named in ``but``."""
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and path.name not in but
    }


def differing_files(first: Path, second: Path, but: tuple[str, ...] = ()) -> list[str]:
    """The files that differ between two built sites, or that only one of them has."""
    one, other = site_files(first, but), site_files(second, but)
    return sorted(name for name in one.keys() | other.keys() if one.get(name) != other.get(name))


def copy_docs(destination: Path) -> Path:
    """A private copy of docs/ (without build output) that a test may break."""
    target = destination / "docs"
    shutil.copytree(DOCS, target, ignore=shutil.ignore_patterns("_build", "__pycache__"))
    return target


@dataclass
class BuiltSite:
    """The HTML output of one build, with helpers to read it."""

    outdir: Path
    log: str
    _soups: dict[str, BeautifulSoup] = field(default_factory=dict)

    def pages(self) -> list[str]:
        """Every HTML page that comes from a source page (relative paths, sorted)."""
        # Generated pages; 404.html has root-absolute links (tests/test_browser_notfound.py serves it).
        skip = {"genindex.html", "search.html", "404.html"}
        moved = set(redirects())  # the small pages that forward readers from old URLs
        return sorted(
            path.relative_to(self.outdir).as_posix()
            for path in self.outdir.rglob("*.html")
            if not path.relative_to(self.outdir).parts[0].startswith("_")
            and path.name not in skip
            and path.relative_to(self.outdir).as_posix() not in moved
        )

    def soup(self, page: str) -> BeautifulSoup:
        if page not in self._soups:
            html = (self.outdir / page).read_text(encoding="utf-8")
            self._soups[page] = BeautifulSoup(html, "html.parser")
        return self._soups[page]

    def main(self, page: str):
        """The article body of a page: what the writer wrote, without theme chrome."""
        return self.soup(page).select_one("article.bd-article")

    def inventory(self):
        return load_inventory(self.outdir / "objects.inv")


def load_inventory(path: Path):
    """``objects.inv`` read with Sphinx's own loader: {type: {name: item}}."""
    from sphinx.util.inventory import InventoryFile

    return InventoryFile.loads(path.read_bytes(), uri="").data


def redirects() -> dict[str, str]:
    """docs/redirects.txt as {old page: new page}, both as HTML paths (``about/overview.html``)."""
    pairs = {}
    for line in (DOCS / "redirects.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            old, new = line.split()
            pairs[str(Path(old).with_suffix(".html"))] = str(Path(new).with_suffix(".html"))
    return pairs


@cache
def source_pages() -> list[Path]:
    return sorted(path for path in DOCS.rglob("*.md") if "_build" not in path.parts)


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> BuiltSite:
    outdir = tmp_path_factory.mktemp("site") / "html"
    result = run_sphinx(DOCS, outdir)
    log = result.stdout + result.stderr
    if result.returncode != 0:
        pytest.fail(f"the site does not build (exit {result.returncode}):\n{log}", pytrace=False)
    return BuiltSite(outdir=outdir, log=log)
