"""The real site builds strictly with zero warnings, and the overview page is the given one."""

from __future__ import annotations

import re

from conftest import DOCS, ROOT

SEED = ROOT.parent / "shared" / "seed" / "overview.md"


def test_build_has_no_warnings(site):
    problems = [line for line in site.log.splitlines() if re.search(r"WARNING|ERROR", line)]
    assert problems == []


def test_overview_source_is_the_given_page():
    """The overview is kept exactly as its author wrote it (the seed lives beside the repository)."""
    page = (DOCS / "about/service/index.md").read_text(encoding="utf-8")
    if SEED.is_file():
        assert page == SEED.read_text(encoding="utf-8")
    for needle in [
        "(about-the-project)=",
        "(overview/right-to-replicate)=",
        "```{epigraph}",
        "```{button-link} mailto:hello@2i2c.org",
        ":::{seealso}",
    ]:
        assert needle in page
