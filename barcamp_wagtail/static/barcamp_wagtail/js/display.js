// Keeps a "now and next" screen current: recomputes from the embedded timetable every
// 15 seconds (so it moves on even offline) and refreshes the timetable every minute.
// The screen always fits its window: when long titles would push the QR code off the
// screen, the table's type shrinks (the --fit factor in screen.css).
(function () {
  "use strict";
  var root = document.querySelector("[data-barcamp-display]");
  if (!root) return;
  var dataNode = document.getElementById("barcamp-display-data");
  var timetable = JSON.parse(dataNode.textContent);
  var lastUpdate = new Date();
  var roomId = root.dataset.room;
  var locale = root.dataset.locale || undefined;
  var time = function (date) { return date.toLocaleTimeString(locale, { hour: "2-digit", minute: "2-digit" }); };
  var fill = function (template, values) {
    return template.replace(/%\((\w+)\)s/g, function (match, key) { return values[key]; });
  };

  function text(tag, value, className) {
    var node = document.createElement(tag);
    node.textContent = value;
    if (className) node.className = className;
    return node;
  }

  function slotName(slot) { return slot.label || slot.kindLabel || slot.kind; }

  function sessionInto(cell, session, start) {
    var title = document.createElement("strong");
    title.className = "barcamp-display__title";
    if (start) { title.appendChild(text("span", time(start), "barcamp-display__time")); title.appendChild(document.createTextNode(" ")); }
    title.appendChild(document.createTextNode(session.title));
    cell.appendChild(title);
    if (session.hosts) cell.appendChild(text("span", session.hosts, "barcamp-display__hosts"));
  }

  function pauseInto(cell, slot) {
    var line = document.createElement("p");
    line.className = "barcamp-display__pause";
    line.appendChild(text("span", time(slot.start), "barcamp-display__time"));
    line.appendChild(document.createTextNode(" "));
    line.appendChild(text("strong", slotName(slot)));
    line.appendChild(document.createTextNode(" " + fill(root.dataset.labelUntil, { end: time(slot.end) })));
    cell.appendChild(line);
  }

  function render() {
    var now = new Date();
    root.querySelector("[data-clock]").textContent = time(now);
    var body = root.querySelector("[data-display-body]");
    var slots = timetable.slots.map(function (slot) {
      return { start: new Date(slot.start), end: new Date(slot.end), kind: slot.kind, kindLabel: slot.kind_label,
               label: slot.label, sessions: slot.sessions };
    });
    var last = slots.length ? slots[slots.length - 1].end : null;
    body.replaceChildren();
    if (last && now >= last) { body.appendChild(text("p", root.dataset.labelOver, "barcamp-display__message")); fit(); return; }
    var running = slots.filter(function (slot) { return slot.start <= now && now < slot.end; })[0];
    var coming = slots.filter(function (slot) { return slot.start >= now; })[0];
    if (running && running.kind !== "session") {
      body.appendChild(text("p", slotName(running) + " · " + fill(root.dataset.labelUntil, { end: time(running.end) }), "barcamp-display__message"));
    } else if (!roomId && coming && coming.kind !== "session") {
      body.appendChild(text("p", fill(root.dataset.labelComing, { label: slotName(coming), start: time(coming.start), end: time(coming.end) }), "barcamp-display__message"));
    }
    var rooms = timetable.rooms.filter(function (room) { return !roomId || String(room.id) === roomId; });
    var table = document.createElement("table");
    table.className = "barcamp-display__table";
    var head = table.createTHead().insertRow();
    var headings = roomId ? [] : [root.dataset.labelRoom];
    headings.concat([root.dataset.labelNow, root.dataset.labelNext]).forEach(function (label) {
      var th = text("th", label); th.scope = "col"; head.appendChild(th);
    });
    var tbody = table.createTBody();
    rooms.forEach(function (room) {
      var key = String(room.id), current = null, next = null, nextStart = null, pause = null;
      slots.forEach(function (slot) {
        var session = slot.sessions[key];
        if (slot.start <= now && now < slot.end) { current = session || null; return; }
        if (slot.start < now || next) return;
        if (!pause && slot.kind !== "session") pause = slot;
        if (session) { next = session; nextStart = slot.start; }
      });
      var row = tbody.insertRow();
      if (!roomId) { var th = text("th", room.name); th.scope = "row"; row.appendChild(th); }
      var nowCell = row.insertCell();
      if (current) sessionInto(nowCell, current); else nowCell.textContent = root.dataset.labelFree;
      var nextCell = row.insertCell();
      // A room's screen announces the lunch break (or plenary) before the session after it.
      if (roomId && pause) pauseInto(nextCell, pause);
      if (next) sessionInto(nextCell, next, nextStart);
      else if (!(roomId && pause)) nextCell.appendChild(document.createTextNode(root.dataset.labelFree));
    });
    body.appendChild(table);
    fit();
  }

  function fit() {
    var body = root.querySelector("[data-display-body]");
    var factor = 1;
    root.style.setProperty("--fit", factor);
    while (body.scrollHeight > body.clientHeight + 1 && factor > 0.5) {
      factor -= 0.05;
      root.style.setProperty("--fit", factor.toFixed(2));
    }
  }

  function refresh() {
    fetch(root.dataset.url, { headers: { Accept: "application/json" }, cache: "no-store" })
      .then(function (response) { if (!response.ok) throw new Error(response.status); return response.json(); })
      .then(function (data) {
        timetable = data; lastUpdate = new Date();
        root.querySelector("[data-status]").textContent = "";
        render();
      })
      .catch(function () {
        root.querySelector("[data-status]").textContent = root.dataset.labelOffline + " " + time(lastUpdate);
      });
  }

  // Drawn at once from the screen's own clock: the server's page may be from another moment.
  render();
  window.addEventListener("resize", fit);
  setInterval(render, 15000);
  setInterval(refresh, 60000);
})();
