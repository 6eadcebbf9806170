"""Sphinx configuration for the Service Guide.

Configuration only: custom behaviour lives in the small extensions under ``docs/_ext``.
Nothing here touches the network or runs a subprocess.
"""

import sys
from pathlib import Path

DOCS = Path(__file__).parent
sys.path.insert(0, str(DOCS / "_ext"))

# -- Project: names shown in titles and metadata -----------------------------------------------
project = "Service Guide"
author = "2i2c"
copyright = "2i2c"
html_title = "Collaborative JupyterHub Service Guide"

# -- Extensions: each one earns its place ----------------------------------------------------
extensions = [
    "myst_parser",  # pages are MyST Markdown
    "sphinx_design",  # cards, grids and buttons (the overview's mailto button)
    "sphinx_copybutton",  # copy buttons on code blocks
    "datatable",  # docs/_ext: tables rendered from validated docs/_data files
    "diagram",  # docs/_ext: checked-in SVG diagrams inlined for light and dark mode
    "glossary_index",  # docs/_ext: the glossary page lists terms defined on other pages
    "page_checks",  # docs/_ext: every page in a toctree and with a meta description
]

# -- Sources and strictness ---------------------------------------------------------------------
exclude_patterns = ["_build", "Thumbs.db", ".DS_Store"]
root_doc = "index"
nitpicky = True
# page_checks reports pages in no toctree with a file and line; Sphinx's own message names no line.
suppress_warnings = ["toc.not_included"]
# The overview page is kept exactly as given, so its meta description comes from its first sentences.
page_checks_describe_from_text = ["about/service/index"]

# -- MyST: the Markdown dialect of the pages ---------------------------------------------------
myst_enable_extensions = ["colon_fence", "deflist", "linkify", "substitution"]
myst_linkify_fuzzy_links = False  # only link text that really is a URL
myst_heading_anchors = 3  # stable #anchors for headings up to h3

# -- HTML output and theme ---------------------------------------------------------------------
html_theme = "sphinx_book_theme"
html_static_path = ["_static"]
html_css_files = ["custom.css"]
html_last_updated_fmt = None
html_theme_options = {
    "repository_url": "https://github.com/2i2c-org/docs",
    "repository_branch": "main",
    "path_to_docs": "docs",
    "use_repository_button": True,
    "use_issues_button": True,
    "use_edit_page_button": True,
    "home_page_in_toc": False,
    "show_toc_level": 2,
}

# -- sphinx-copybutton: copy only what a reader types, never prompts or output ---------------
copybutton_prompt_text = r"\$ |>>> |\.\.\. "
copybutton_prompt_is_regexp = True
copybutton_only_copy_prompt_lines = True
# Prompts stay in the copied text so the regex above can tell commands from output; output is dropped.
copybutton_exclude = ".linenos, .go"
copybutton_copy_empty_lines = False  # in prompt sessions only; other blocks are copied as they are
