/* Fixes for the theme that need the page to run (docs/_ext/theme_a11y.py lists them all).
 *
 * 1. Scrollable tables. The theme makes a table that scrolls sideways focusable (tabindex="0") so
 *    keyboard users can scroll it, but a focusable <div> with no role means nothing to a screen reader
 *    (axe: focus-order-semantics). Such a table becomes a named region: "Table: <its caption>", or the
 *    heading it sits under.
 * 2. Sidebar buttons on narrow screens. The theme opens the sidebars as dialogs from buttons in its top
 *    header, which the book theme hides; the book theme's own buttons above the article act only on
 *    wide screens, so on a phone the navigation could not be opened at all. While a sidebar is not
 *    shown in place, its visible button now opens the theme's dialog.
 */
(function () {
  "use strict";

  var usedNames = {};

  function tableName(container) {
    var caption = container.querySelector("caption");
    var text = caption ? caption.textContent : "";
    if (!text.trim()) {
      var section = container.closest("section");
      var heading = section && section.querySelector("h1, h2, h3, h4, h5, h6");
      text = heading ? heading.textContent : "";
    }
    var name = "Table: " + text.replace(/[#¶]/g, "").replace(/\s+/g, " ").trim();
    usedNames[name] = (usedNames[name] || 0) + 1;
    return usedNames[name] > 1 ? name + " (" + usedNames[name] + ")" : name;
  }

  function update(container) {
    if (container.getAttribute("tabindex") === "0") {
      container.setAttribute("role", "region");
      if (!container.hasAttribute("aria-label")) container.setAttribute("aria-label", tableName(container));
    } else {
      container.removeAttribute("role");
    }
  }

  function forwardSidebarButtons() {
    [["primary", "#pst-primary-sidebar"], ["secondary", "#pst-secondary-sidebar"]].forEach(function (pair) {
      var button = document.querySelector(".bd-header-article ." + pair[0] + "-toggle");
      var themeButton = document.querySelector("#pst-header ." + pair[0] + "-toggle");
      var sidebar = document.querySelector(pair[1]);
      if (!button || !themeButton || !sidebar) return;
      button.addEventListener("click", function (event) {
        // Shown in place (wide screens): the book theme collapses it itself. Narrow: moved off-screen, hidden.
        if (getComputedStyle(sidebar).visibility !== "hidden") return;
        event.preventDefault();
        themeButton.click();
      });
    });
  }

  function labelScrollableTables() {
    var containers = document.querySelectorAll(".pst-scrollable-table-container");
    if (!containers.length) return;
    var observer = new MutationObserver(function (records) {
      records.forEach(function (record) { update(record.target); });
    });
    containers.forEach(function (container) {
      update(container);
      observer.observe(container, { attributes: true, attributeFilter: ["tabindex"] });
    });
  }

  function init() {
    labelScrollableTables();
    forwardSidebarButtons();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
