/* Wagtail lists every button of a page's header in its "…" menu. Buttons marked
   data-barcamp-header-button (the schedule planner on an event) are shown beside that menu
   too, where editors see them at once; the menu keeps them for narrow screens. */
(function () {
  "use strict";
  var bar = document.getElementById("w-slim-header-buttons");
  if (!bar) return;
  bar.querySelectorAll("a[data-barcamp-header-button]").forEach(function (item) {
    var button = item.cloneNode(true);
    button.removeAttribute("data-barcamp-header-button");
    button.className = "button button-small button-secondary barcamp-header-button";
    bar.insertBefore(button, bar.firstChild);
  });
})();
