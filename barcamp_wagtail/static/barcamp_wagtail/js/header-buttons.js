/* Wagtail lists every button of a page's header in its "…" menu, where editors do not look for
   the tool of the day. The schedule planner of an event is shown beside that menu too; the menu
   keeps it for narrow screens. */
(function () {
  "use strict";
  var bar = document.getElementById("w-slim-header-buttons");
  if (!bar) return;
  bar.querySelectorAll("a[href*='/barcamp/planner/']").forEach(function (item) {
    var button = item.cloneNode(true);
    // Its visible label names it; the description becomes a tooltip.
    if (button.hasAttribute("aria-label")) {
      button.title = button.getAttribute("aria-label");
      button.removeAttribute("aria-label");
    }
    button.className = "button button-small button-secondary barcamp-header-button";
    bar.insertBefore(button, bar.firstChild);
  });
})();
