/* Glossary previews (docs/_ext/term_preview.py embeds the definitions this page links to).
 *
 * Hovering or keyboard-focusing a {term} link shows a small popup with the term's definition next to
 * the link. The popup is a role="tooltip" element that the link names with aria-describedby while
 * it is open, so screen readers read the definition after the link. It stays open while the pointer
 * moves onto it (so it can be read and selected), and closes on Escape, on blur, and when the pointer
 * leaves both the link and the popup. No request is made: everything comes from the page itself.
 */
(function () {
  "use strict";

  var POPUP_ID = "term-preview";
  var HIDE_DELAY_MS = 200; // time to move the pointer from the link onto the popup
  var GAP_PX = 6;

  function readPreviews() {
    var data = document.getElementById("term-preview-data");
    if (!data) return null;
    try {
      return JSON.parse(data.textContent);
    } catch (error) {
      return null;
    }
  }

  function init() {
    var previews = readPreviews();
    if (!previews) return;

    var popup = document.createElement("div");
    popup.id = POPUP_ID;
    popup.className = "term-preview";
    popup.setAttribute("role", "tooltip");
    popup.hidden = true;
    var title = document.createElement("p");
    title.className = "term-preview__term";
    var definition = document.createElement("p");
    definition.className = "term-preview__definition";
    popup.append(title, definition);
    // Inside <main>, so the popup belongs to the page's main landmark.
    (document.querySelector("main") || document.body).appendChild(popup);

    var current = null;
    var hideTimer = null;

    function place() {
      if (!current) return;
      var link = current.getBoundingClientRect();
      var width = popup.offsetWidth;
      var height = popup.offsetHeight;
      var viewportWidth = document.documentElement.clientWidth;
      var left = Math.min(Math.max(GAP_PX, link.left), viewportWidth - width - GAP_PX);
      var below = link.bottom + GAP_PX;
      var top = below + height <= window.innerHeight || link.top - GAP_PX - height < 0
        ? below
        : link.top - GAP_PX - height;
      popup.style.left = Math.max(GAP_PX, left) + "px";
      popup.style.top = top + "px";
    }

    function show(link) {
      clearTimeout(hideTimer);
      if (current === link) return;
      if (current) current.removeAttribute("aria-describedby");
      var preview = previews[link.getAttribute("href")];
      title.textContent = preview.term;
      definition.textContent = preview.definition;
      current = link;
      link.setAttribute("aria-describedby", POPUP_ID);
      popup.hidden = false;
      place();
    }

    function hide() {
      clearTimeout(hideTimer);
      if (!current) return;
      current.removeAttribute("aria-describedby");
      current = null;
      popup.hidden = true;
    }

    function hideSoon() {
      clearTimeout(hideTimer);
      hideTimer = setTimeout(hide, HIDE_DELAY_MS);
    }

    var links = document.querySelectorAll("a.reference.internal[href]");
    links.forEach(function (link) {
      if (!link.querySelector(".std-term") || !previews[link.getAttribute("href")]) return;
      link.addEventListener("mouseenter", function () { show(link); });
      link.addEventListener("mouseleave", hideSoon);
      link.addEventListener("focus", function () { show(link); });
      link.addEventListener("blur", hide);
    });
    popup.addEventListener("mouseenter", function () { clearTimeout(hideTimer); });
    popup.addEventListener("mouseleave", hideSoon);
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && current) hide();
    });
    window.addEventListener("scroll", place, { passive: true });
    window.addEventListener("resize", place);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
