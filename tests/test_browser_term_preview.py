"""Glossary previews in a browser: hover or focus a term link and its definition pops up beside it.

The build side (what each page embeds) is tested in test_term_preview.py.
"""

from __future__ import annotations

import json

import pytest

pytestmark = pytest.mark.browser

STORAGE = "user/storage.html"  # links terms defined on the glossary page
HOME_DIRECTORY = "a.reference.internal[href='../reference/glossary.html#term-Home-directory']"
MANAGE_USERS = "admin/howto/manage-users.html"  # links a term defined on the team page
HUB_ADMINISTRATOR = "a.reference.internal[href='../../about/service/team.html#term-Hub-Administrator']"
POPUP = "#term-preview"


def previews(page) -> dict:
    return json.loads(page.locator("#term-preview-data").text_content())


def expect_preview_for(page, link) -> dict:
    """The popup is shown, names the link's term and definition, is tied to the link, and sits beside it."""
    popup = page.locator(POPUP)
    popup.wait_for(state="visible")
    expected = previews(page)[link.get_attribute("href")]
    assert popup.get_attribute("role") == "tooltip"
    assert link.get_attribute("aria-describedby") == "term-preview"
    assert popup.locator(".term-preview__term").inner_text() == expected["term"]
    assert popup.locator(".term-preview__definition").inner_text() == expected["definition"]
    link_box, popup_box = link.bounding_box(), popup.bounding_box()
    below = 0 <= popup_box["y"] - (link_box["y"] + link_box["height"]) <= 12
    above = 0 <= link_box["y"] - (popup_box["y"] + popup_box["height"]) <= 12
    assert below or above, f"popup {popup_box} is not next to link {link_box}"
    overlap = min(link_box["x"] + link_box["width"], popup_box["x"] + popup_box["width"]) - max(
        link_box["x"], popup_box["x"]
    )
    assert overlap > 0, f"popup {popup_box} is not beside link {link_box}"
    viewport = page.viewport_size
    assert popup_box["x"] >= 0 and popup_box["x"] + popup_box["width"] <= viewport["width"]
    return expected


def expect_closed(page, link) -> None:
    page.locator(POPUP).wait_for(state="hidden")
    assert link.get_attribute("aria-describedby") is None


def test_hovering_a_term_shows_its_definition_and_leaving_closes_it(open_page):
    page = open_page(STORAGE)
    link = page.locator(HOME_DIRECTORY).first
    link.hover()
    shown = expect_preview_for(page, link)
    assert shown["term"] == "Home directory" and "/home/jovyan" in shown["definition"]
    page.mouse.move(5, 5)
    expect_closed(page, link)


def test_the_pointer_can_move_onto_the_popup_to_read_it(open_page):
    page = open_page(STORAGE)
    link = page.locator(HOME_DIRECTORY).first
    link.hover()
    popup = page.locator(POPUP)
    popup.wait_for(state="visible")
    popup.hover()
    page.wait_for_timeout(400)  # longer than the grace period for crossing the gap
    assert popup.is_visible()
    page.mouse.move(5, 5)
    expect_closed(page, link)


def test_a_term_defined_on_another_page_than_the_glossary(open_page):
    page = open_page(MANAGE_USERS)
    link = page.locator(HUB_ADMINISTRATOR).first
    link.hover()
    shown = expect_preview_for(page, link)
    assert shown["term"] == "Hub Administrator"


def test_keyboard_focus_shows_it_and_escape_or_leaving_closes_it(open_page):
    page = open_page(STORAGE)
    link = page.locator(HOME_DIRECTORY).first
    link.focus()
    page.keyboard.press("Shift+Tab")  # step back, then reach the link with the keyboard
    page.keyboard.press("Tab")
    assert link.evaluate("link => link === document.activeElement")
    expect_preview_for(page, link)
    page.keyboard.press("Escape")
    expect_closed(page, link)
    assert link.evaluate("link => link === document.activeElement"), "Escape must not move focus"

    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    expect_preview_for(page, link)
    page.keyboard.press("Shift+Tab")  # the link before it is not a term link
    assert page.evaluate("!document.activeElement.querySelector('.std-term')")
    expect_closed(page, link)


def test_every_term_link_on_a_page_gets_its_own_preview(open_page):
    page = open_page(MANAGE_USERS)
    data = previews(page)
    links = page.locator("article a.reference.internal:has(.std-term)")
    assert links.count() >= len(data) >= 5
    for index in range(links.count()):
        link = links.nth(index)
        link.scroll_into_view_if_needed()
        link.hover()
        expect_preview_for(page, link)
        page.mouse.move(5, 5)
        expect_closed(page, link)


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_the_popup_follows_the_colour_mode_with_readable_text(open_page, dark):
    page = open_page(STORAGE, dark=dark)
    assert page.evaluate("document.documentElement.dataset.theme") == ("dark" if dark else "light")
    link = page.locator(HOME_DIRECTORY).first
    link.hover()
    page.locator(POPUP).wait_for(state="visible")
    colours = page.evaluate(
        """() => {
          const style = getComputedStyle(document.getElementById('term-preview'));
          return [style.color, style.backgroundColor];
        }"""
    )
    text, background = (luminance(colour) for colour in colours)
    ratio = (max(text, background) + 0.05) / (min(text, background) + 0.05)
    assert ratio >= 7, f"{colours}: contrast {ratio:.1f}:1"
    assert (background < 0.1) if dark else (background > 0.8), f"background {colours[1]} in this mode"


def luminance(css_colour: str) -> float:
    """Relative luminance (WCAG) of a computed ``rgb(...)``/``rgba(...)`` colour."""
    channels = [float(part) / 255 for part in css_colour[css_colour.index("(") + 1 : -1].split(",")[:3]]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
