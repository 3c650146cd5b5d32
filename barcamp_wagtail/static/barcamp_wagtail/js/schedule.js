/* Schedule page, progressive enhancement: favourites kept in this browser (localStorage)
   and the "now" marker kept current while the page stays open. Without it the page works.
   Every change of the favourites is announced as the event "barcamp:favourites" on the page. */
(function () {
  "use strict";
  var root = document.querySelector("[data-barcamp-schedule]");
  if (!root) return;
  // The labels come translated from the template.
  var text = {
    add: root.getAttribute("data-label-add"),
    saved: root.getAttribute("data-label-saved"),
    remove: root.getAttribute("data-label-remove"),
  };
  var key = "barcamp-wagtail:favourites:" + root.getAttribute("data-event");

  function load() {
    try { return JSON.parse(window.localStorage.getItem(key)) || []; } catch (error) { return []; }
  }
  function save(ids) {
    try { window.localStorage.setItem(key, JSON.stringify(ids)); } catch (error) { /* private mode: keep going */ }
  }

  var favourites = load();
  function render() {
    root.querySelectorAll("[data-session]").forEach(function (card) {
      var id = card.getAttribute("data-session");
      var on = favourites.indexOf(id) !== -1;
      var button = card.querySelector(".barcamp-favourite");
      if (!button) {
        button = document.createElement("button");
        button.type = "button";
        button.className = "barcamp-favourite";
        button.addEventListener("click", function () {
          var index = favourites.indexOf(id);
          if (index === -1) favourites.push(id); else favourites.splice(index, 1);
          save(favourites);
          render();
        });
        card.appendChild(button);
      }
      card.classList.toggle("is-favourite", on);
      // A toggle button: the name stays, aria-pressed (and the filled star) tell the state.
      button.setAttribute("aria-pressed", on ? "true" : "false");
      button.title = on ? text.remove : text.add;
      if (!button.firstChild) {
        var title = card.querySelector("a");
        var hidden = document.createElement("span");
        hidden.className = "barcamp-visually-hidden";
        hidden.textContent = title ? ": " + title.textContent : "";
        button.append(document.createElement("span"), hidden);
      }
      button.firstChild.textContent = (on ? "★ " : "☆ ") + text.saved;
    });
    // favourites.js (the "only my favourites" view, the calendar file) follows the list.
    root.dispatchEvent(new CustomEvent("barcamp:favourites", { detail: { ids: favourites.slice() } }));
  }
  render();
  var hint = root.querySelector("[data-favourites-hint]");
  if (hint) hint.hidden = false;

  function markNow() {
    var now = Date.now();
    root.querySelectorAll(".barcamp-slot[data-start]").forEach(function (slot) {
      var running = Number(slot.getAttribute("data-start")) <= now && now < Number(slot.getAttribute("data-end"));
      slot.classList.toggle("is-now", running);
      var marker = slot.querySelector("[data-now-marker]");
      if (marker) marker.hidden = !running;
    });
  }
  markNow();
  window.setInterval(markNow, 60000);
})();
