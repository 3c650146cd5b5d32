/* The schedule planner: pick a session, then a cell, with a click, by drag and drop or with
   the keyboard. Picking asks the server where the session may go (the same target buttons the
   page shows without JavaScript, with their warnings); choosing a cell presses that button,
   so the server checks, warns, saves and records exactly as without JavaScript. */
(function () {
  "use strict";
  var planner = document.querySelector("[data-barcamp-planner]");
  if (!planner) return;
  var actForm = document.getElementById("planner-act");
  var sessionInput = actForm.querySelector("[data-planner-session]");
  var status = planner.querySelector("[data-planner-status]");
  var picked = null; // the picked card
  var targets = null; // a promise of the picked card's targets being in place
  var request = 0;
  var narrow = window.matchMedia("(max-width: 50em)");

  function cardOf(node) { return node.closest && node.closest("[data-session]"); }
  function cellOf(node) { return node.closest && node.closest("[data-cell]"); }
  function pickButton(card) { return card.querySelector("button[name='pick']"); }
  function title(card) { return pickButton(card).textContent; }
  function say(text) { status.textContent = text; }

  function clearTargets() {
    planner.querySelectorAll(".barcamp-planner__target").forEach(function (node) { node.remove(); });
  }

  function drop() {
    if (picked) {
      picked.classList.remove("is-picked");
      pickButton(picked).setAttribute("aria-pressed", "false");
    }
    picked = null;
    targets = null;
    request += 1;
    sessionInput.value = "";
    planner.classList.remove("is-picking");
    clearTargets();
  }

  function pick(card) {
    drop();
    picked = card;
    card.classList.add("is-picked");
    pickButton(card).setAttribute("aria-pressed", "true");
    sessionInput.value = card.dataset.session;
    planner.classList.add("is-picking");
    var mine = request;
    var url = planner.dataset.targetsUrl + "?session=" + encodeURIComponent(card.dataset.session);
    targets = fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { if (!response.ok) throw new Error(response.status); return response.json(); })
      .then(function (data) {
        if (mine !== request) return;
        Object.keys(data.cells).forEach(function (key) {
          var cell = planner.querySelector("td[data-cell='" + key + "']");
          if (cell) cell.insertAdjacentHTML("beforeend", data.cells[key]);
        });
        if (data.remove) {
          planner.querySelector(".barcamp-planner__unscheduled h2").insertAdjacentHTML("afterend", data.remove);
        }
      })
      .catch(function () { if (mine === request) { drop(); say(planner.dataset.labelFailed); } });
    say(planner.dataset.labelPicked.replace("%(title)s", title(card)));
    return targets;
  }

  function targetIn(cell) { return cell && cell.querySelector(".barcamp-planner__target button"); }

  function choose(cell) {
    // After a drop or a click on a cell: press its target once the targets are there.
    if (!targets) return;
    targets.then(function () {
      var button = targetIn(cell);
      if (button) actForm.requestSubmit(button);
    });
  }

  // Pick with a click or the keyboard; the page works without this (the button reloads with ?pick=).
  // While a session is picked, a click anywhere in a cell that takes it chooses that cell.
  planner.addEventListener("click", function (event) {
    if (event.target.closest(".barcamp-planner__target button, a, input, select, summary, label")) return;
    var keyboard = event.detail === 0;
    var cell = cellOf(event.target);
    if (picked && !keyboard && cell && targetIn(cell) && !cell.contains(picked)) {
      event.preventDefault();
      choose(cell);
      return;
    }
    var card = cardOf(event.target);
    if (!card) return;
    event.preventDefault();
    if (card === picked) { drop(); say(planner.dataset.labelDropped); return; }
    pick(card).then(function () {
      // The first free cell without a warning, else the first cell without one, else the first at all.
      var first = planner.querySelector(
        "td .barcamp-planner__target--place:not(:has(ul)) button, td .barcamp-planner__target--move:not(:has(ul)) button"
      ) || planner.querySelector("td .barcamp-planner__target:not(:has(ul)) button") ||
        planner.querySelector("td .barcamp-planner__target button");
      if (!first || card !== picked) return;
      if (keyboard) first.focus();
      // On a phone the grid is below the list: bring the first place into view.
      else if (narrow.matches) first.scrollIntoView({ behavior: "smooth", block: "center" });
    });
  });

  // Drag and drop: dragging picks; dropping on a cell presses that cell's target.
  // While dragging, the cells are the drop targets, not the target buttons the server's answer
  // puts into them: a button appearing under the pointer mid-drag would otherwise take the drag
  // over without a dragover of its own, and the drop was refused (seen in Chromium under load).
  planner.addEventListener("dragstart", function (event) {
    var card = cardOf(event.target);
    if (!card) return;
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", card.dataset.session);
    pick(card);
    planner.classList.add("is-dragging");
  });
  planner.addEventListener("dragend", function () { planner.classList.remove("is-dragging"); });
  function accept(event) {
    var cell = cellOf(event.target);
    if (!picked || !cell || cell.hasAttribute("data-closed") || cell.contains(picked)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = "move";
    cell.classList.add("is-drop-target");
  }
  planner.addEventListener("dragenter", accept);
  planner.addEventListener("dragover", accept);
  planner.addEventListener("dragleave", function (event) {
    var cell = cellOf(event.target);
    if (cell && !cell.contains(event.relatedTarget)) cell.classList.remove("is-drop-target");
  });
  planner.addEventListener("drop", function (event) {
    var cell = cellOf(event.target);
    if (!picked || !cell) return;
    event.preventDefault();
    cell.classList.remove("is-drop-target");
    choose(cell);
  });

  // The keyboard: arrows move between the cells that take the picked session; Escape puts it back.
  function neighbour(cell, rowStep, columnStep) {
    var row = cell.parentElement;
    var rows = Array.prototype.slice.call(row.parentElement.rows);
    var r = rows.indexOf(row);
    var c = cell.cellIndex;
    for (var step = 1; ; step += 1) {
      var nextRow = rows[r + rowStep * step];
      if (!nextRow) return null;
      // A break or plenary is one cell across the rooms: the arrow goes over it.
      var next = nextRow.cells[c + columnStep * step];
      if (!next && !rowStep) return null;
      if (targetIn(next)) return targetIn(next);
    }
  }
  planner.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && picked) {
      var card = picked;
      drop();
      pickButton(card).focus();
      say(planner.dataset.labelDropped);
      return;
    }
    var steps = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] }[event.key];
    var cell = steps && event.target.closest(".barcamp-planner__target") && cellOf(event.target);
    if (!cell || !cell.matches("td")) return;
    var next = neighbour(cell, steps[0], steps[1]);
    if (next) { event.preventDefault(); next.focus(); }
  });

  // Filter the waiting list by topic at once (without JavaScript the "Filter" button reloads).
  var topic = planner.querySelector("[data-planner-topic]");
  if (topic) {
    planner.querySelector("[data-planner-filter-button]").hidden = true;
    topic.addEventListener("change", function () {
      planner.querySelectorAll(".barcamp-planner__waiting > li").forEach(function (item) {
        var topics = item.querySelector("[data-session]").dataset.topics.split(" ");
        item.hidden = !!topic.value && topics.indexOf(topic.value) === -1;
      });
      var url = new URL(window.location.href);
      if (topic.value) url.searchParams.set("topic", topic.value); else url.searchParams.delete("topic");
      window.history.replaceState(null, "", url);
    });
  }

  // A page rendered with ?pick= already shows its targets.
  var pressed = planner.querySelector("button[name='pick'][aria-pressed='true']");
  if (pressed) {
    picked = cardOf(pressed);
    picked.classList.add("is-picked");
    planner.classList.add("is-picking");
    targets = Promise.resolve();
  }

  // Back from saving: the keyboard carries on from the session just changed.
  var changed = window.location.hash.match(/^#session-\d+$/) && document.getElementById(window.location.hash.slice(1));
  if (changed) {
    // After the admin's own scripts, which may move the focus while they start.
    window.addEventListener("load", function () { window.setTimeout(function () { pickButton(changed).focus(); }, 0); });
  }
})();
