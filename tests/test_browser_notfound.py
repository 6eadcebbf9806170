"""The 404 page (sphinx-notfound-page), served for a missing URL at any depth as Read the Docs does."""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

import pytest

pytestmark = pytest.mark.browser

MISSING = ["no-such-page.html", "about/no-such-page/", "admin/howto/environment/gone/deeper/page.html"]


@pytest.mark.parametrize("path", MISSING)
def test_missing_url_gets_the_styled_404_page(open_page, site_server, path):
    page = open_page()
    failed = []
    responses = []
    # The browser's own favicon fetch ("other") may be cancelled at any time; the page's assets may not.
    page.on(
        "requestfailed",
        lambda r: r.resource_type != "other" and failed.append((r.url, r.resource_type, r.failure)),
    )
    page.on("response", lambda response: responses.append(response))
    response = page.goto(site_server.url(path))
    page.wait_for_load_state("load")

    assert response.status == 404
    assert page.locator("article h1").inner_text().strip() == "Page not found"
    assert failed == []
    assets = [r for r in responses if r.request.resource_type in {"stylesheet", "script", "image"}]
    linked = page.locator("link[rel='stylesheet']").count()
    assert linked >= 1
    assert len([r for r in assets if r.request.resource_type == "stylesheet"]) == linked
    assert [(r.url, r.status) for r in assets if r.status != 200] == []
    # The theme's and the site's styles apply: a11y.css sets the primary colour; the sidebar sits beside
    # the article, as on every page.
    root_style = "getComputedStyle(document.documentElement)"
    assert page.evaluate(f"{root_style}.getPropertyValue('--pst-color-primary')").strip() == "#0a4f9e"
    sidebar = page.locator("#pst-primary-sidebar").bounding_box()
    article = page.locator("article").bounding_box()
    assert sidebar["width"] > 150 and sidebar["x"] + sidebar["width"] <= article["x"]


def test_links_on_the_404_page_work_from_any_depth(open_page, site_server):
    page = open_page(MISSING[-1])
    hrefs = page.eval_on_selector_all("a[href]", "links => links.map(link => link.getAttribute('href'))")
    internal = sorted(
        {urlsplit(urljoin(page.url, href))._replace(fragment="").geturl() for href in hrefs}
        - {page.url.split("#")[0]}
    )
    internal = [url for url in internal if url.startswith(site_server.base_url)]
    assert len(internal) >= 30
    broken = [url for url in internal if page.request.get(url).status != 200]
    assert broken == []

    page.locator("nav.bd-docs-nav a.reference", has_text="Get support").click()
    page.wait_for_url(site_server.url("support.html"))
    assert page.locator("article h1").inner_text().startswith("Get support")
