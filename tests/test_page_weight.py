"""Page weight budgets: what a browser fetches to show each built page, gzip-compressed.

``benchmarks/page_weight.py`` does the measuring (deterministic: gzip level 6, every file counted once
per page); these tests hold every page to the budgets. ``pytest -s tests/test_page_weight.py`` prints
the table. For scale: the same stack with the theme's defaults loads about 925 KB in 25 requests, 18
of them render-blocking files (125 KB), on every page.
"""

from __future__ import annotations

import gzip
import sys

import pytest
from conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
import page_weight  # benchmarks/ is not a package

TOTAL_BUDGET = 200_000  # bytes, gzip: everything a page without images of its own loads
BLOCKING_BUDGET = 60_000  # bytes, gzip: render-blocking stylesheets and scripts
REQUEST_BUDGET = 15


@pytest.fixture(scope="module")
def weights(site) -> list[page_weight.PageWeight]:
    measured = page_weight.site_weights(site.outdir)
    print("\n" + page_weight.table(measured))
    return measured


def test_every_built_page_is_measured(site, weights):
    measured = {weight.page for weight in weights}
    assert set(site.pages()) <= measured
    assert {"search.html", "genindex.html", "404.html"} <= measured


def test_every_page_loads_at_most_200_kb(weights):
    over = {w.page: w.total_gzip_without_content_images for w in weights}
    assert {page: size for page, size in over.items() if size > TOTAL_BUDGET} == {}


def test_every_page_has_at_most_60_kb_of_render_blocking_css_and_js(weights):
    over = {w.page: (w.blocking_gzip, [r.path for r in w.blocking]) for w in weights}
    assert {page: found for page, found in over.items() if found[0] > BLOCKING_BUDGET} == {}


def test_every_page_makes_at_most_15_requests(weights):
    over = {w.page: [r.path for r in w.resources] for w in weights if w.requests > REQUEST_BUDGET}
    assert over == {}


def test_only_the_search_page_loads_the_search_index(weights):
    loading = [w.page for w in weights if any(r.path == "searchindex.js" for r in w.resources)]
    assert loading == ["search.html"]
    search = next(w for w in weights if w.page == "search.html")
    assert not any(r.path == "searchindex.js" for r in search.blocking)


def test_no_page_loads_the_icon_script_or_a_web_font(weights):
    loaded = {r.path for w in weights for r in w.resources}
    assert [path for path in loaded if path.endswith("fontawesome.js")] == []
    assert [r.path for w in weights for r in w.resources if r.kind == "font"] == []


def test_pages_fetch_nothing_from_other_sites(weights):
    assert {
        w.page: [r.path for r in w.resources if r.external]
        for w in weights
        if any(r.external for r in w.resources)
    } == {}


# -- The measurement itself, on a tiny site whose numbers are known ---------------------------------


def test_the_measurement_follows_imports_and_urls_and_tells_blocking_files(tmp_path):
    files = {
        "docs/page.html": """<!DOCTYPE html><html><head>
            <link rel="stylesheet" href="../css/main.css">
            <link rel="stylesheet" href="../css/print.css" media="print">
            <link rel="icon" href="../icon.svg">
            <script src="../js/sync.js"></script>
            <script defer src="../js/deferred.js"></script>
            <script type="module" src="../js/module.js"></script>
            <script>var inline = 1;</script>
            </head><body><img src="../logo.svg" alt="">
            <article><img src="../photo.png" alt=""></article>
            <script src="../js/sync.js"></script><script src="../js/late.js"></script></body></html>""",
        "css/main.css": '@import url("base.css"); body { background: url(../bg.png) }',
        "css/base.css": "@font-face { src: url('font.woff2') } p { color: red }",
        "css/print.css": "body { color: black }",
        "css/font.woff2": "F" * 500,
        "bg.png": "P" * 300,
        "icon.svg": "<svg/>",
        "logo.svg": "<svg>" + "x" * 100 + "</svg>",
        "photo.png": "J" * 2000,
        "js/sync.js": "a();" * 50,
        "js/deferred.js": "b();",
        "js/module.js": "c();",
        "js/late.js": "d();",
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")

    weight = page_weight.page_weight(tmp_path, "docs/page.html")

    paths = [r.path for r in weight.resources]
    assert sorted(paths) == sorted(
        ["docs/page.html", "css/main.css", "css/base.css", "css/font.woff2", "bg.png", "css/print.css",
         "icon.svg", "js/sync.js", "js/deferred.js", "js/module.js", "logo.svg", "photo.png", "js/late.js"]
    )  # fmt: skip
    assert weight.requests == 13  # sync.js is listed twice and fetched once
    assert sorted(r.path for r in weight.blocking) == ["css/base.css", "css/main.css", "js/sync.js"]
    by_path = {r.path: r for r in weight.resources}
    # Text is gzip-compressed; PNG and WOFF2 count as they are.
    main_css = (tmp_path / "css/main.css").read_bytes()
    assert by_path["css/main.css"].gzip == len(gzip.compress(main_css, compresslevel=6, mtime=0))
    assert by_path["photo.png"].gzip == 2000 and by_path["css/font.woff2"].kind == "font"
    assert by_path["photo.png"].in_article and not by_path["logo.svg"].in_article
    assert weight.total_gzip == sum(r.gzip for r in weight.resources)
    assert weight.total_gzip_without_content_images == weight.total_gzip - 2000


def test_the_measurement_fails_on_a_reference_to_a_missing_file(tmp_path):
    (tmp_path / "page.html").write_text('<link rel="stylesheet" href="gone.css">', encoding="utf-8")
    with pytest.raises(FileNotFoundError, match=r"gone\.css"):
        page_weight.page_weight(tmp_path, "page.html")
