"""The sidebar is built once per build and copied for each page (docs/_ext/sidebar_reuse.py).

The copies must be exactly what the theme would have built for each page: the first test builds the
site without the extension and compares every file. The others check the copying on small sidebars
shaped like the theme's, including markup it does not know, where it must give up.
"""

from __future__ import annotations

import sys

import pytest
from conftest import DOCS, differing_files, run_sphinx

sys.path.insert(0, str(DOCS / "_ext"))
from sidebar_reuse import CannotCopy, marked, unmarked

# A sidebar as the theme writes it for about/team (the current page) under about/index, in one
# top-level list; guide/index has sub-pages too, closed.
TEAM_SIDEBAR = (
    '<p class="caption"><span class="caption-text">About</span></p>'
    '<ul class="current nav bd-sidenav">'
    '<li class="toctree-l1 current active has-children">'
    '<a class="reference internal" href="index.html">About</a>'
    '<details open="open"><summary aria-label="Sub-pages of About"></summary><ul class="current">'
    '<li class="toctree-l2 current active"><a class="current reference internal" href="#">Team</a></li>'
    '<li class="toctree-l2"><a class="reference internal" href="costs.html">Costs</a></li>'
    "</ul></details></li></ul>"
    '<p class="caption"><span class="caption-text">Guide</span></p>'
    '<ul class="nav bd-sidenav">'
    '<li class="toctree-l1 has-children">'
    '<a class="reference internal" href="../guide/index.html">Guide</a>'
    '<details><summary aria-label="Sub-pages of Guide"></summary><ul>'
    '<li class="toctree-l2"><a class="reference internal" href="../guide/start.html">Start</a></li>'
    "</ul></details></li></ul>"
)


def href_from_about(page: str) -> str:
    """Links as a page in the about/ folder has them."""
    return {"about/index": "index.html", "about/team": "team.html", "about/costs": "costs.html"}.get(
        page, "../" + page + ".html"
    )


def test_a_site_with_copied_sidebars_is_the_site_the_theme_builds(site, tmp_path):
    outdir = tmp_path / "html"
    result = run_sphinx(DOCS, outdir, options=("-D", "sidebar_reuse=0"))
    assert result.returncode == 0, result.stdout + result.stderr
    # .buildinfo records the options of the build, which differ on purpose.
    assert differing_files(site.outdir, outdir, but=(".buildinfo",)) == []
    assert '<li class="toctree-l2 current active"><a class="current reference internal" href="#">' in (
        site.outdir / "admin/howto/data.html"
    ).read_text(encoding="utf-8")


def test_unmarking_removes_every_mark_and_keeps_the_rest():
    neutral = unmarked(TEAM_SIDEBAR, "team.html")
    assert "current" not in neutral and 'open="open"' not in neutral
    assert '<a class="reference internal" href="team.html">Team</a>' in neutral
    assert neutral.count("<li ") == TEAM_SIDEBAR.count("<li ")
    assert 'aria-label="Sub-pages of Guide"' in neutral


def test_marking_the_same_page_again_gives_the_themes_sidebar_back():
    neutral = unmarked(TEAM_SIDEBAR, "team.html")
    branch = ["about/team", "about/index"]
    # Copied for about/team itself, the link to the page is empty (relative to itself), as in Sphinx.
    own_links = neutral.replace('href="team.html"', 'href=""')
    assert marked(own_links, branch, lambda page: "" if page == "about/team" else href_from_about(page)) == (
        TEAM_SIDEBAR
    )


def test_marking_a_page_with_sub_pages_opens_them_and_only_its_branch_is_marked():
    neutral = unmarked(TEAM_SIDEBAR, "team.html")
    html = marked(neutral, ["guide/index"], href_from_about)
    assert (
        '<ul class="current nav bd-sidenav"><li class="toctree-l1 current active has-children">'
        '<a class="current reference internal" href="#">Guide</a><details open="open">'
    ) in html
    assert html.count("current") == 3  # the list, the entry and its link
    assert '<a class="reference internal" href="index.html">About</a><details><summary' in html


@pytest.mark.parametrize(
    ("sidebar", "branch"),
    [
        (TEAM_SIDEBAR.replace("costs.html", "team.html"), ["about/team", "about/index"]),  # two entries
        (TEAM_SIDEBAR, ["about/missing", "about/index"]),  # no entry
        (
            TEAM_SIDEBAR.replace('<details><summary aria-label="Sub-pages of Guide">', "<summary>"),
            ["guide/start", "guide/index"],
        ),
    ],
)
def test_markup_that_is_not_as_expected_is_left_to_the_theme(sidebar, branch):
    neutral = unmarked(sidebar, "team.html")
    with pytest.raises(CannotCopy):
        marked(neutral, branch, href_from_about)


def test_a_mark_it_does_not_know_is_left_to_the_theme():
    with pytest.raises(CannotCopy):
        unmarked(
            TEAM_SIDEBAR.replace('<li class="toctree-l2">', '<li class="toctree-l2 current">', 1), "team.html"
        )
