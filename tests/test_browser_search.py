"""Search, in a browser: realistic queries find the page a reader wants among the first three results."""

from __future__ import annotations

from urllib.parse import quote, urlsplit

import pytest

pytestmark = pytest.mark.browser

# (what a reader types, the page they want). Rank 1 is often the glossary entry; the page must follow.
SEARCHES = [
    ("replicate", "about/service/index.html"),
    ("Right to Replicate", "about/service/index.html"),
    ("shared responsibility", "about/service/shared-responsibility.html"),
    ("home directory", "user/storage.html"),
    ("scratch bucket", "user/storage.html"),
    ("culling", "admin/howto/control-user-server.html"),
    ("billing account", "admin/howto/create-billing-account.html"),
    ("new hub", "admin/howto/new-hub.html"),
    ("custom user image", "admin/howto/environment/hub-user-image-template-guide.html"),
    ("admin panel", "admin/howto/manage-users.html"),
    ("network policy", "admin/topics/network.html"),
    ("service level objectives", "about/strategy/service-objectives.html"),
    ("personnel costs", "about/sustainability/costs/people.html"),
    ("support ticket", "support.html"),
    ("Hub Administrator", "about/service/team.html"),
    ("roadmap", "about/strategy/roadmap.html"),
]


def search(page) -> list[str]:
    """The pages of the results, in order (a page may appear once per matching section)."""
    page.wait_for_function(
        "() => (document.querySelector('#search-results .search-summary') || {}).textContent"
    )
    hrefs = page.eval_on_selector_all(
        "#search-results ul.search > li > a", "links => links.map(link => link.getAttribute('href'))"
    )
    return [urlsplit(href).path for href in hrefs]


@pytest.mark.parametrize("query, expected", SEARCHES, ids=[query for query, _ in SEARCHES])
def test_search_finds_the_page_in_the_top_three(open_page, query, expected):
    page = open_page("search.html?q=" + quote(query))
    results = search(page)
    rank = results.index(expected) + 1 if expected in results else None
    assert rank is not None and rank <= 3, f"{query!r}: {expected} is at rank {rank} in {results[:5]}"


def test_a_search_result_opens_its_page(open_page, site_server):
    page = open_page("search.html?q=" + quote("billing account"))
    search(page)
    page.locator("#search-results a[href^='admin/howto/create-billing-account.html']").first.click()
    page.wait_for_url(site_server.url("admin/howto/create-billing-account.html") + "*")
    assert page.locator("article h1").inner_text().startswith("Billing and cloud accounts")
