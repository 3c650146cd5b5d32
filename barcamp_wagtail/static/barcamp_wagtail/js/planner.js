/* Drag and drop for the schedule planner. It only fills in and submits the same plain form
   the buttons use, so the server checks, warns and records exactly as without JavaScript. */
(function () {
  "use strict";
  var planner = document.querySelector("[data-barcamp-planner]");
  if (!planner) return;
  var form = planner.querySelector("[data-planner-drop-form]");
  var dragged = null;

  planner.addEventListener("dragstart", function (event) {
    var card = event.target.closest && event.target.closest("[data-session]");
    if (!card) return;
    dragged = card;
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", card.getAttribute("data-session"));
  });

  function target(event) {
    return event.target.closest && event.target.closest("[data-cell]");
  }

  planner.addEventListener("dragover", function (event) {
    var cell = target(event);
    if (!dragged || !cell) return;
    event.preventDefault();
    cell.classList.add("is-drop-target");
  });
  planner.addEventListener("dragleave", function (event) {
    var cell = target(event);
    if (cell) cell.classList.remove("is-drop-target");
  });

  planner.addEventListener("drop", function (event) {
    var cell = target(event);
    if (!dragged || !cell) return;
    event.preventDefault();
    cell.classList.remove("is-drop-target");
    var session = dragged.getAttribute("data-session");
    var fromCell = dragged.closest("[data-cell]");
    var wasScheduled = fromCell && fromCell.getAttribute("data-cell") !== "";
    var occupant = cell.querySelector("[data-session]");
    var values = { session: session, other: "", cell: cell.getAttribute("data-cell") };
    if (fromCell === cell) return;
    if (values.cell === "") {
      values.action = "remove";
    } else if (occupant && wasScheduled) {
      values.action = "swap";
      values.other = occupant.getAttribute("data-session");
    } else {
      values.action = wasScheduled ? "move" : "place";
    }
    Object.keys(values).forEach(function (name) {
      form.querySelector("[name='" + name + "']").value = values[name];
    });
    form.submit();
  });

  planner.addEventListener("dragend", function () {
    dragged = null;
  });
})();
