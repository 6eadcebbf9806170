"""What pages load (docs/_ext/lean_assets.py, lean_css.py, lean_icons.py): bundles, icons, search.

The budgets themselves are in test_page_weight.py; these tests check that the lighter pages still
have everything: the theme's rules they use, every icon, working scripts, fresh bundles.
"""

from __future__ import annotations

import re
import sys
import zlib
from pathlib import Path

import pydata_sphinx_theme
import pytest
from browser import DESKTOP, MOBILE
from conftest import DOCS, copy_docs, run_sphinx

sys.path.insert(0, str(DOCS / "_ext"))
from lean_assets import BuildMemo
from lean_css import Tokens, parse_css, purge, read_css, serialize_css
from lean_icons import glyphs_to_masks, icon_css, inline_svg_icons, read_fontawesome

FONTAWESOME_JS = (
    Path(pydata_sphinx_theme.__file__).parent / "theme/pydata_sphinx_theme/static/scripts/fontawesome.js"
)
CSS_BUNDLE = "_static/lean/bundle.css"
JS_BUNDLE = "_static/lean/bundle.js"


@pytest.fixture(scope="module")
def fontawesome():
    return read_fontawesome(FONTAWESOME_JS)


# -- CSS: parsing and dropping unused rules ---------------------------------------------------------


def test_parsing_and_writing_keep_every_rule_and_licence():
    css = (
        '/*! licence */\n@charset "UTF-8";\n/* dropped comment */\n'
        '.a { content: "}{"; color: red }\n@media (min-width: 10px) { .b { color: blue } .c:not(.d) {} }\n'
        "@font-face { font-family: X; src: url(x.woff2) }\n"
        "@keyframes k { 0% { opacity: 0 } to { opacity: 1 } }"
    )
    items = parse_css(css)
    assert [item[0] for item in items] == ["comment", "statement", "rule", "group", "at", "at"]
    assert items[2] == ("rule", ".a", 'content: "}{"; color: red')
    assert [rule[1] for rule in items[3][2]] == [".b", ".c:not(.d)"]
    written = serialize_css(items)
    assert written.startswith("/*! licence */\n") and "dropped comment" not in written
    assert parse_css(written) == items


def test_purge_drops_what_names_an_unused_class_or_id_and_keeps_the_rest():
    css = (
        ".used{a:1}.unused{a:2}.used .unused,.used p{a:3}#main{a:4}#gone{a:5}"
        ".used:not(.unused){a:6}html[data-theme=dark] .used{a:7}.bs-tooltip-top{a:8}"
        "@media print{.unused{a:9}}@media screen{.used{a:10}}p{a:11}"
    )
    tokens = Tokens({"used", "main"}, prefixes={"bs-"})
    kept = serialize_css(purge(parse_css(css), tokens))
    assert kept == (
        ".used{a:1}.used p{a:3}#main{a:4}.used:not(.unused){a:6}html[data-theme=dark] .used{a:7}"
        ".bs-tooltip-top{a:8}@media screen{.used{a:10}}p{a:11}"
    )


def test_purge_drops_font_awesome_web_font_styles_but_not_the_themes_rules_for_icons():
    css = (
        '@font-face{font-family:"Font Awesome 7 Free";src:url(fa.woff2)}@font-face{font-family:Body}'
        '.fa-solid,.fas{font-weight:900}.fa-sun:before{content:"\\f185"}.theme-switch .fa-lg{margin:0}'
        ":root{--fa-font-solid:normal 900 1em/1 X;--pst-color:red}@keyframes fa-spin{to{opacity:1}}"
    )
    kept = serialize_css(purge(parse_css(css), Tokens({"fa-solid", "fa-sun", "theme-switch", "fa-lg"})))
    assert kept == "@font-face{font-family:Body}.theme-switch .fa-lg{margin:0}:root{--pst-color:red}"


def test_read_css_inlines_imports_and_makes_urls_relative_to_the_bundle(tmp_path):
    (tmp_path / "_static/styles").mkdir(parents=True)
    (tmp_path / "_static/styles/theme.css").write_text(
        '@import "../basic.css";\n.t{background:url(img/a.png)}'
    )
    (tmp_path / "_static/basic.css").write_text(".b{background:url('file.png?v=1#x')}.d{x:url(data:a,b)}")
    css = read_css(tmp_path, "_static/styles/theme.css", "_static/lean/bundle.css")
    assert css == (
        '.b{background:url("../file.png?v=1#x")}.d{x:url("data:a,b")}\n'
        '.t{background:url("../styles/img/a.png")}'
    )


# -- Icons --------------------------------------------------------------------------------------------


def test_icon_elements_become_the_svg_font_awesomes_script_made(fontawesome):
    page = (
        '<i class="theme-switch fa-solid fa-sun fa-lg" data-mode="light" title="Light"></i>'
        '<span class="fas fa-pencil-alt"></span><i class="fa-solid fa-sun">text</i><i class="italic"></i>'
    )
    written, unknown = inline_svg_icons(page, fontawesome)
    sun, pencil = re.findall(r"<svg[^>]*>", written)
    assert sun == (
        '<svg class="svg-inline--fa fa-sun theme-switch fa-lg" data-mode="light" title="Light" '
        'data-prefix="fas" data-icon="sun" role="img" viewBox="0 0 576 512">'
    )  # a titled icon stays visible to assistive technology, as the script left it
    assert 'data-icon="pencil"' in pencil and 'aria-hidden="true"' in pencil  # an alias: fa-pencil-alt
    assert '<path fill="currentColor" d="M' in written
    assert written.endswith('<i class="fa-solid fa-sun">text</i><i class="italic"></i>')  # not icons
    assert unknown == []


def test_an_icon_font_awesome_does_not_have_is_reported_and_left_alone(fontawesome):
    page = '<i class="fa-solid fa-no-such-icon"></i>'
    assert inline_svg_icons(page, fontawesome) == (page, ["fa-solid fa-no-such-icon"])


def test_icon_css_is_the_scripts_svg_stylesheet_and_masks_for_icons_scripts_create(fontawesome):
    css = icon_css(fontawesome, Tokens({"svg-inline--fa", "fa-lg"}), [("fa-solid", "fa-xmark")])
    assert ":is(.svg-inline--fa,.fa-solid){box-sizing:content-box;" in css
    assert ":is(.svg-inline--fa,.fa-solid).fa-lg{" in css and ".fa-spin" not in css  # unused: dropped
    assert re.search(r'\.fa-solid\.fa-xmark\{--lean-icon:url\("data:image/svg\+xml,%3Csvg', css)


def test_icon_font_characters_in_css_become_masks(fontawesome):
    css = (
        ':root{--pst-icon-bell:"\\f0f3";--pst-icon-note:var(--pst-icon-bell);--other:"x"}'
        ".note:after{content:var(--pst-icon-note);font:var(--fa-font-solid);width:1rem}"
        '.more:before{content:"\\f0f3";font-family:"Font Awesome 7 Free"}'
    )
    written = serialize_css(glyphs_to_masks(parse_css(css), fontawesome))
    bell = fontawesome.code_points[0xF0F3].data_url()
    assert f"--lean-mask-pst-icon-bell:{bell}" in written
    assert "--lean-mask-pst-icon-note:var(--lean-mask-pst-icon-bell)" in written
    assert "--lean-mask-other" not in written
    note = re.search(r"\.note:after\{([^}]*)\}", written).group(1)
    assert note.startswith('content:"";--lean-glyph:var(--lean-mask-pst-icon-note);display:inline-block;')
    assert "mask:var(--lean-glyph) center/contain no-repeat;width:1rem" in note  # the rule's size wins
    assert f'.more:before{{content:"";--lean-glyph:{bell};' in written


# -- What a rebuild reuses ----------------------------------------------------------------------------


def test_the_build_memo_reuses_what_it_worked_out_for_the_same_text_only(tmp_path):
    seen = []

    def page_words(text):
        seen.append(text)
        return frozenset(text.split())

    memo = BuildMemo(tmp_path / "memo")
    assert memo.words("a b", page_words) == {"a", "b"}
    memo.save()
    again = BuildMemo(tmp_path / "memo")
    assert again.words("a b", page_words) == {"a", "b"}
    assert again.words("a c", page_words) == {"a", "c"}
    assert seen == ["a b", "a c"]
    again.save()
    third = BuildMemo(tmp_path / "memo")
    third.words("a c", page_words)
    third.save()
    assert len(BuildMemo(tmp_path / "memo")._words) == 1  # what a build no longer uses is dropped
    assert seen == ["a b", "a c"]


def test_an_unreadable_build_memo_is_worked_out_again(tmp_path, fontawesome):
    (tmp_path / "memo").write_bytes(b"not a pickle")
    memo = BuildMemo(tmp_path / "memo")
    assert memo.fontawesome(FONTAWESOME_JS) == fontawesome
    assert memo.words("x y", lambda text: frozenset(text.split())) == {"x", "y"}


# -- The built site -----------------------------------------------------------------------------------


def test_pages_hold_svg_icons_and_no_icon_elements(site):
    for page in [*site.pages(), "search.html", "genindex.html", "404.html"]:
        soup = site.soup(page)
        assert soup.select("i[class*=fa-], span[class*=fa-]") == [], page
        icons = soup.select("svg.svg-inline--fa")
        assert icons and all(icon.path and icon.path["d"] for icon in icons), page
    names = {icon["data-icon"] for icon in site.soup("user/storage.html").select("svg.svg-inline--fa")}
    # The header's buttons, the sidebars' toggles, search, the colour modes, previous and next.
    assert {"github", "download", "expand", "bars", "list", "magnifying-glass", "sun", "moon"} <= names
    assert {"circle-half-stroke", "chevron-down", "angle-left", "angle-right", "arrow-up"} <= names


def test_pages_refer_to_the_bundles_as_they_are(site):
    expected = {
        name: f"{zlib.crc32((site.outdir / name).read_bytes()):08x}" for name in (CSS_BUNDLE, JS_BUNDLE)
    }
    for page in [*site.pages(), "search.html", "404.html"]:
        html = (site.outdir / page).read_text(encoding="utf-8")
        found = dict(re.findall(r"(_static/lean/bundle\.(?:css|js))\?v=([0-9a-f]+)\"", html))
        assert found == expected, page


def test_the_bundles_keep_the_themes_rules_in_use_and_drop_the_rest(site):
    css = (site.outdir / CSS_BUNDLE).read_text(encoding="utf-8")
    for used in (".bd-header-article", ".bd-sidebar-primary", ".admonition", ".sd-card", ".copybtn"):
        assert used in css
    # Bootstrap parts no page and no script uses (scripts count: bootstrap.js names its carousel).
    for unused in (".accordion", ".spinner-border", ".progress-bar", ".pagination", ".placeholder-glow"):
        assert unused not in css
    assert not re.search(r"@font-face\{[^}]*Font Awesome", css) and ".woff" not in css  # no web fonts
    assert "Font Awesome Free" in css  # its licence notice stays with its icons
    js = (site.outdir / JS_BUNDLE).read_text(encoding="utf-8")
    order = ["Documentation", "SphinxHighlight", "ClipboardJS", "addCopyButtonToCodeCells", "bootstrap"]
    positions = [js.find(marker) for marker in order]
    assert -1 not in positions and positions == sorted(positions)


def test_scripts_do_not_block_rendering_and_search_scripts_are_on_the_search_page_only(site):
    for page in [*site.pages(), "search.html", "genindex.html"]:
        head = site.soup(page).head
        external = [tag for tag in head.find_all("script") if tag.get("src")]
        assert external and all(tag.has_attr("defer") for tag in external), page
        sources = [tag["src"].split("?")[0].rsplit("/", 1)[-1] for tag in external]
        searching = {"searchtools.js", "language_data.js", "searchindex.js"} & set(sources)
        assert searching == (set() if page != "search.html" else {"searchtools.js", "language_data.js",
                                                                   "searchindex.js"}), page  # fmt: skip
    inline = site.soup("index.html").head.find_all("script", src=False)
    assert "const DOCUMENTATION_OPTIONS" in inline[1].string  # inlined before the settings that use it
    assert "DOCUMENTATION_OPTIONS.pagename" in inline[2].string


def test_local_images_have_their_size_so_pages_do_not_shift_when_they_arrive(site):
    for page in [*site.pages(), "search.html", "404.html"]:
        for image in site.soup(page).find_all("img"):
            assert image.get("width") and image.get("height"), f"{page}: {image}"
    logo = site.soup("index.html").select_one("img.logo__image")
    assert (logo["width"], logo["height"]) == ("64", "64")  # _static/logo.svg is 64 by 64


def test_a_new_class_in_a_page_updates_the_stylesheet_and_every_page(tmp_path):
    source = copy_docs(tmp_path)
    outdir = tmp_path / "html"
    assert run_sphinx(source, outdir).returncode == 0
    before = (outdir / CSS_BUNDLE).read_text(encoding="utf-8")
    assert ".alert-warning" not in before  # the theme has the rule, but no page used the class

    page = source / "support.md"
    page.write_text(page.read_text(encoding="utf-8") + '\n<div class="alert alert-warning">Hi</div>\n')
    result = run_sphinx(source, outdir)
    assert result.returncode == 0, result.stdout + result.stderr
    after = (outdir / CSS_BUNDLE).read_text(encoding="utf-8")
    assert ".alert-warning" in after
    version = f"{zlib.crc32((outdir / CSS_BUNDLE).read_bytes()):08x}"
    for html in outdir.rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        if "lean/bundle.css" in text:
            assert f"lean/bundle.css?v={version}" in text, html

    page.write_text(page.read_text(encoding="utf-8") + '\n<i class="fa-solid fa-no-such-icon"></i>\n')
    result = run_sphinx(source, outdir)
    assert result.returncode != 0
    assert "support.html: Font Awesome has no icon for class='fa-solid fa-no-such-icon'" in result.stderr


# -- In a browser -------------------------------------------------------------------------------------

PAGES = [
    "index.html",
    "about/service/index.html",
    "user/storage.html",
    "reference/glossary.html",
    "search.html",
]


@pytest.mark.browser
@pytest.mark.parametrize("path", PAGES)
def test_a_first_visit_logs_no_error_or_warning(open_page, path):
    messages = []
    page = open_page("")  # a fresh context: nothing stored yet, as on a first visit
    page.on("console", lambda message: messages.append(f"{message.type}: {message.text}"))
    page.on("pageerror", lambda error: messages.append(f"error: {error}"))
    page.goto(page.url.rsplit("/", 1)[0] + "/" + path)
    page.wait_for_load_state("load")
    assert [text for text in messages if not text.startswith(("log:", "debug:", "info:"))] == []
    assert page.evaluate("document.documentElement.dataset.mode") == "auto"


@pytest.mark.browser
@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_icons_show_in_both_colour_modes(open_page, dark):
    page = open_page("about/distributions/index.html", dark=dark)
    sizes = page.eval_on_selector_all(
        ".bd-header-article svg.svg-inline--fa",
        """icons => icons.filter(icon => icon.checkVisibility())
                          .map(icon => [icon.dataset.icon, icon.getBoundingClientRect().width])""",
    )
    assert len(sizes) >= 4 and all(width > 10 for _icon, width in sizes), sizes
    admonition = page.eval_on_selector(
        ".admonition-title",
        """title => { const after = getComputedStyle(title, '::after');
                      return [after.maskImage || after.webkitMaskImage, after.width] }""",
    )
    assert admonition[0].startswith('url("data:image/svg+xml') and admonition[1] != "0px", admonition


@pytest.mark.browser
def test_the_search_dialog_sends_the_query_to_the_search_page(open_page, site_server):
    page = open_page("user/storage.html")
    page.keyboard.press("Control+k")
    field = page.locator("#pst-search-dialog input[name=q]")
    field.wait_for(state="visible")
    field.fill("billing account")
    field.press("Enter")
    page.wait_for_url(site_server.url("search.html") + "?q=billing+account*")
    page.wait_for_function("() => document.querySelectorAll('#search-results ul.search > li').length > 0")


@pytest.mark.browser
@pytest.mark.parametrize("viewport", [MOBILE, DESKTOP], ids=["phone", "desktop"])
def test_search_results_do_not_move_while_their_summaries_arrive(open_page, site_server, viewport):
    """Each result shows at once and its summary arrives later (fetched from its page)."""
    page = open_page("", viewport=viewport)
    page.context.add_init_script(
        """window.shifts = [];
           new PerformanceObserver(list => window.shifts.push(...list.getEntries().map(entry => entry.value)))
             .observe({type: "layout-shift", buffered: true});"""
    )
    page.goto(site_server.url("search.html?q=hub"))
    page.wait_for_function(
        """() => { const items = document.querySelectorAll('#search-results ul.search > li');
                   return items.length > 10 && [...items].every(item => item.querySelector('p.context')) }"""
    )
    page.wait_for_timeout(300)
    assert sum(page.evaluate("window.shifts")) < 0.01


@pytest.mark.browser
def test_the_header_menus_open(open_page):
    page = open_page("user/storage.html")
    page.locator(".bd-header-article .dropdown-source-buttons > button").click()
    menu = page.locator(".bd-header-article .dropdown-source-buttons .dropdown-menu")
    menu.wait_for(state="visible")
    assert menu.locator("a, button").count() >= 2
