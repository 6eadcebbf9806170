"""Accessibility in a browser: axe-core finds nothing on any page, in light and dark mode; the keyboard
reaches everything, with visible focus; the skip link works.

axe runs every rule it has, whatever its tag (WCAG A to AAA, best practice, experimental) or impact.
The theme's own violations are fixed on our side (docs/_ext/theme_a11y.py), not filtered out here.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from browser import MOBILE
from conftest import DOCS, source_pages

pytestmark = pytest.mark.browser

PAGES = [path.relative_to(DOCS).with_suffix(".html").as_posix() for path in source_pages()] + [
    "genindex.html",
    "search.html?q=hub+administrator",  # the search page with results on it
    "404.html",
]

# Violations that truly cannot be fixed, each by exact (page, rule id, target selector), with the reason.
# Keep it empty unless there is no other way; every entry is listed in the change's notes.
ALLOWED: dict[tuple[str, str, str], str] = {}

RUN_EVERY_RULE = """async () => axe.run(document, {
  runOnly: {type: 'rule', values: axe.getRules().map(rule => rule.ruleId)},
  resultTypes: ['violations'],
})"""


def axe_script() -> Path:
    package = importlib.util.find_spec("axe_playwright_python")
    if package is None:
        pytest.fail("axe-playwright-python (requirements-test.txt) ships axe-core; it is not installed")
    return Path(package.submodule_search_locations[0]) / "axe.min.js"


def violations(page, page_name: str) -> list[str]:
    """Every axe violation on the page as it is now, one line per element, minus the allowed ones."""
    page.add_script_tag(path=axe_script())
    found = []
    for violation in page.evaluate(RUN_EVERY_RULE)["violations"]:
        for node in violation["nodes"]:
            target = " ".join(str(part) for part in node["target"])
            if (page_name, violation["id"], target) in ALLOWED:
                continue
            summary = " ".join(node.get("failureSummary", "").split())[:200]
            found.append(
                f"{violation['id']} ({violation['impact']}) {target}: {summary} [{violation['helpUrl']}]"
            )
    return found


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
@pytest.mark.parametrize("page_name", PAGES)
def test_axe_finds_no_violation(open_page, page_name, dark):
    page = open_page(page_name, dark=dark)
    page.wait_for_load_state("load")
    assert page.evaluate("document.documentElement.dataset.theme") == ("dark" if dark else "light")
    found = violations(page, page_name)
    assert found == [], f"{page_name}: {len(found)} violations:\n" + "\n".join(found)


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_axe_finds_no_violation_with_a_term_preview_open(open_page, dark):
    page = open_page("user/storage.html", dark=dark)
    page.locator("article a.reference.internal:has(.std-term)").first.hover()
    page.locator("#term-preview").wait_for(state="visible")
    assert violations(page, "user/storage.html") == []


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_axe_finds_no_violation_in_the_phone_sidebar(open_page, dark):
    page = open_page("admin/howto/new-hub.html", dark=dark, viewport=MOBILE)
    page.locator(".primary-toggle:visible").click()
    page.wait_for_function("document.querySelector('#pst-primary-sidebar-modal').open")
    assert violations(page, "admin/howto/new-hub.html") == []


def test_skip_link_moves_to_the_content(open_page, site_server):
    page = open_page("admin/howto/new-hub.html")
    page.keyboard.press("Tab")
    skip = page.locator("#pst-skip-link a")
    assert skip.evaluate("link => link === document.activeElement"), "Tab does not reach the skip link first"
    # It slides into view when focused (a short transition), and stays out of sight otherwise.
    page.wait_for_function("document.querySelector('#pst-skip-link a').getBoundingClientRect().top >= 0")
    box = skip.bounding_box()
    assert box["width"] > 20 and box["height"] > 10, "skip link not shown on focus"
    assert skip.inner_text().strip() == "Skip to main content"
    page.keyboard.press("Enter")
    # Following the link is an in-page navigation the browser does after the key press returns.
    page.wait_for_url(site_server.url("admin/howto/new-hub.html#main-content"), timeout=5000)
    assert page.url == site_server.url("admin/howto/new-hub.html#main-content")
    page.keyboard.press("Tab")
    inside = "id => document.getElementById(id).contains(document.activeElement)"
    assert page.evaluate(inside, "main-content")
    assert not page.evaluate(inside, "pst-primary-sidebar")


# Everything a pointer user can activate, as the browser sees it.
INTERACTIVE = (
    "a[href], button:not([disabled]), input:not([disabled]):not([type=hidden]), select, textarea, "
    "summary, [tabindex]:not([tabindex='-1'])"
)

MARK_INTERACTIVE = """selector => {
  const shown = element => element.checkVisibility({visibilityProperty: true, opacityProperty: true})
    && element.getClientRects().length > 0;
  const elements = [...document.querySelectorAll(selector)]
    .filter(element => element.tabIndex >= 0 && shown(element));
  return elements.map((element, index) => {
    element.dataset.tabTest = index;
    const text = element.getAttribute('aria-label') || element.title || element.textContent.trim();
    return [String(index), `${element.tagName.toLowerCase()} "${text.slice(0, 40)}"`];
  });
}"""

# The focused element (if it is one of the marked ones) and the area around it, once transitions are done.
FOCUSED = """() => {
  document.getAnimations().forEach(animation => animation.finish());
  const element = document.activeElement;
  if (!element || element.dataset.tabTest === undefined) return null;
  // The element and what it draws: a <summary> of height 0 shows its ring on its chevron, and a card's
  // stretched link on an ::after box that covers the whole card (its offset parent).
  const drawn = [element, ...element.querySelectorAll('*')];
  if (getComputedStyle(element, '::after').position === 'absolute' && element.offsetParent) {
    drawn.push(element.offsetParent);
  }
  const boxes = drawn.map(node => node.getBoundingClientRect())
    .filter(box => box.width > 0 && box.height > 0);
  if (!boxes.length) return {id: element.dataset.tabTest, clip: null};
  const margin = 8;
  const x = Math.max(0, Math.min(...boxes.map(box => box.left)) - margin);
  const y = Math.max(0, Math.min(...boxes.map(box => box.top)) - margin);
  const width = Math.min(innerWidth, Math.max(...boxes.map(box => box.right)) + margin) - x;
  const height = Math.min(innerHeight, Math.max(...boxes.map(box => box.bottom)) + margin) - y;
  return {id: element.dataset.tabTest, clip: width > 0 && height > 0 ? {x, y, width, height} : null};
}"""


def focus_is_visible(page, focused: dict) -> bool:
    """Whether the element looks different focused and unfocused: outline, ring, underline, anything."""
    if focused["clip"] is None:
        return False
    with_focus = page.screenshot(clip=focused["clip"], animations="disabled")
    page.evaluate("document.activeElement.blur()")
    without_focus = page.screenshot(clip=focused["clip"], animations="disabled")
    page.evaluate("id => document.querySelector(`[data-tab-test='${id}']`).focus()", focused["id"])
    return with_focus != without_focus


@pytest.mark.parametrize("page_name", ["index.html", "about/service/index.html", "admin/howto/new-hub.html"])
def test_tab_reaches_every_interactive_element_with_visible_focus(open_page, page_name):
    page = open_page(page_name)
    page.wait_for_load_state("load")
    names = dict(page.evaluate(MARK_INTERACTIVE, INTERACTIVE))
    assert len(names) >= 20
    reached, invisible = set(), []
    for _ in range(len(names) * 2 + 20):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused is None or focused["id"] in reached:
            if reached >= set(names):
                break
            continue
        reached.add(focused["id"])
        if not focus_is_visible(page, focused):
            invisible.append(names[focused["id"]])
    missing = [names[id_] for id_ in sorted(set(names) - reached, key=int)]
    assert missing == [], f"{page_name}: Tab never reaches {missing}"
    assert invisible == [], f"{page_name}: focus is not visible on {invisible}"
