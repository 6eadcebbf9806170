"""Sphinx configuration for the Service Guide.

Configuration only: custom behaviour lives in the small extensions under ``docs/_ext``.
Nothing here touches the network or runs a subprocess.
"""

import os
import sys
from pathlib import Path

DOCS = Path(__file__).parent
sys.path.insert(0, str(DOCS / "_ext"))

# -- Project: names shown in titles and metadata -----------------------------------------------
project = "Service Guide"
author = "2i2c"
copyright = "2i2c"
html_title = "Collaborative JupyterHub Service Guide"
# The one place that names the repository: the repository, edit-this-page and issue buttons use it.
REPOSITORY = "https://github.com/2i2c-org/docs"
REPOSITORY_BRANCH = "main"

# -- Extensions: each one earns its place ----------------------------------------------------
extensions = [
    "myst_parser",  # pages are MyST Markdown
    "sphinx_design",  # cards, grids and buttons (the overview's mailto button)
    "sphinx_copybutton",  # copy buttons on code blocks
    "datatable",  # docs/_ext: tables rendered from validated docs/_data files
    "diagram",  # docs/_ext: checked-in SVG diagrams inlined for light and dark mode
    "glossary_index",  # docs/_ext: the glossary page lists terms defined on other pages
    "page_checks",  # docs/_ext: every page in a toctree and with a meta description
    "naming_rules",  # docs/_ext: labels follow the label scheme; each glossary term defined once
    "link_preview",  # docs/_ext: link previews (sphinxext-opengraph) use the meta description
    "llms_txt",  # docs/_ext: llms.txt, a plain-text map of the guide for tools and assistants
    "sphinxext.rediraffe",  # pages at the URLs pages had before forward to them (redirects.txt)
    "sphinx_sitemap",  # sitemap.xml listing every page
    "notfound.extension",  # a 404 page whose styles and links work at any depth of a missing URL
    "term_preview",  # docs/_ext: hovering or focusing a term link shows its definition
    "theme_a11y",  # docs/_ext: accessibility fixes for the theme (names, landmarks, contrast)
    "lean_assets",  # docs/_ext: one purged stylesheet and one deferred script; icons without a script
    "template_cache",  # docs/_ext: templates compiled once, kept with the build's cache
    "search_entries",  # docs/_ext: glossary terms stay in the search index after incremental builds
    "sidebar_reuse",  # docs/_ext: one sidebar built per group of sibling pages, copied for the others
]

# -- Sources and strictness ---------------------------------------------------------------------
exclude_patterns = ["_build", "Thumbs.db", ".DS_Store"]
root_doc = "index"
nitpicky = True
# page_checks reports pages in no toctree with a file and line; Sphinx's own message names no line.
suppress_warnings = ["toc.not_included"]
# The overview page is kept exactly as given, so its meta description comes from its first sentences.
page_checks_describe_from_text = ["about/service/index"]
# Labels the overview's author fixed before the label scheme (CONTRIBUTING.md); other sites link to them.
naming_rules_label_exceptions = ["about-the-project", "overview/right-to-replicate"]

# -- MyST: the Markdown dialect of the pages ---------------------------------------------------
myst_enable_extensions = ["colon_fence", "deflist", "linkify", "substitution"]
myst_linkify_fuzzy_links = False  # only link text that really is a URL
myst_heading_anchors = 3  # stable #anchors for headings up to h3

# -- HTML output and theme ---------------------------------------------------------------------
html_theme = "sphinx_book_theme"
html_static_path = ["_static"]
html_css_files = ["custom.css"]
templates_path = ["_templates"]  # theme component overrides; each file says why
html_search_scorer = str(DOCS / "_static" / "search-scorer.js")  # titles with every query word first
html_logo = "_static/logo.svg"
html_favicon = "_static/favicon.svg"
html_last_updated_fmt = None
html_theme_options = {
    "repository_url": REPOSITORY,
    "repository_branch": REPOSITORY_BRANCH,
    "path_to_docs": "docs",
    "use_repository_button": True,
    "use_issues_button": True,
    "use_edit_page_button": True,
    "home_page_in_toc": False,
    "logo": {"text": html_title},  # the title under the logo (_static/logo.svg)
    "show_toc_level": 2,
}

# -- Publishing: canonical URLs, sitemap, link previews, redirects, last-updated dates -----------
# Read the Docs names each version's canonical URL; anywhere else the public site is the base URL.
html_baseurl = os.environ.get("READTHEDOCS_CANONICAL_URL", "https://docs.2i2c.org/").rstrip("/") + "/"
sitemap_url_scheme = "{link}"  # the base URL already holds any language and version
sitemap_excludes = ["search.html", "genindex.html", "404.html"]
ogp_site_url = html_baseurl
ogp_site_name = html_title
ogp_image = "_static/social-card.png"  # checked in (docs/_artwork/social-card.svg); never drawn here
ogp_image_alt = "Collaborative JupyterHub Service Guide, by 2i2c"
ogp_social_cards = {"enable": False}
ogp_custom_meta_tags = [
    '<meta property="og:image:width" content="1200" />',
    '<meta property="og:image:height" content="630" />',
    '<meta name="twitter:card" content="summary_large_image" />',
]
rediraffe_redirects = "redirects.txt"
rediraffe_template = "_templates/redirect.html"
# "Last updated" dates come from git. A copy of docs/ outside a git work tree (the tests' scratch
# copies, a source archive) builds without them rather than with the build's own date.
if any((folder / ".git").exists() for folder in (DOCS.resolve(), *DOCS.resolve().parents)):
    extensions.append("sphinx_last_updated_by_git")
    html_last_updated_fmt = "%Y-%m-%d"
    git_last_updated_timezone = "UTC"  # the same date on every machine, whatever its time zone
    git_untracked_check_dependencies = False  # a page not yet committed shows no date
    sitemap_show_lastmod = True

# -- 404 page (sphinx-notfound-page): links in it are absolute, so they need the site's root path --
# Read the Docs serves the site under /<language>/<version>/, the extension's default (taken from the
# canonical URL); everywhere else (the tests' local server, previews) the site is served from "/".
if os.environ.get("READTHEDOCS") != "True":
    notfound_urls_prefix = "/"

# -- sphinx-copybutton: copy only what a reader types, never prompts or output ---------------
copybutton_prompt_text = r"\$ |>>> |\.\.\. "
copybutton_prompt_is_regexp = True
copybutton_only_copy_prompt_lines = True
# Prompts stay in the copied text so the regex above can tell commands from output; output is dropped.
copybutton_exclude = ".linenos, .go"
copybutton_copy_empty_lines = False  # in prompt sessions only; other blocks are copied as they are
