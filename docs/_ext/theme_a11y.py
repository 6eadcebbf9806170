"""Accessibility fixes for the Sphinx Book Theme, made on our side so that axe-core finds nothing.

The theme's own markup fails some axe rules; we fix each cause rather than skip the rule:

- ``summary-name``: the sidebar's expand/collapse toggles are ``<summary>`` elements that hold only
  a chevron icon, so screen readers announce an unnamed control. ``name_sidebar_toggles`` names each
  one after the page whose sub-pages it shows ("Sub-pages of Overview of the service"); the sidebar
  template calls it through ``sidebar_reuse``, which builds the sidebar.
- ``region``, ``label-content-name-mismatch``: template overrides in ``docs/_templates`` (each says why).
- ``color-contrast-enhanced``, ``focus-order-semantics``: ``_static/a11y.css`` and ``_static/a11y.js``,
  which this extension adds to every page.

``a11y.js`` also makes the sidebar buttons work on narrow screens, where the book theme's buttons
did nothing and the site's navigation could not be opened on a phone.
"""

from __future__ import annotations


def name_sidebar_toggles(toctree) -> None:
    """Name every text-less ``<summary>`` toggle of the theme's sidebar toctree (a BeautifulSoup tree).

    The theme writes each collapsible entry as ``<li><a>Title</a><details><summary>`` with only a
    decorative chevron in the summary (pydata_sphinx_theme.toctree.add_collapse_checkboxes).
    """
    for summary in toctree.select("details > summary"):
        if summary.get_text(strip=True) or summary.get("aria-label"):
            continue
        entry = summary.parent.parent
        link = entry.find("a", recursive=False) if entry is not None else None
        if link is not None:
            summary["aria-label"] = f"Sub-pages of {link.get_text(' ', strip=True)}"


def setup(app):
    app.add_css_file("a11y.css")
    app.add_js_file("a11y.js", loading_method="defer")
    return {"version": "1.1", "parallel_read_safe": True, "parallel_write_safe": True}
