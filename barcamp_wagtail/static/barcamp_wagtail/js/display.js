// Keeps a "now and next" screen current: recomputes from the embedded timetable every
// 15 seconds (so it moves on even offline) and refreshes the timetable every minute.
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

  function text(tag, value, className) {
    var node = document.createElement(tag);
    node.textContent = value;
    if (className) node.className = className;
    return node;
  }

  function sessionCell(session, start) {
    var cell = document.createElement("td");
    if (!session) { cell.textContent = root.dataset.labelFree; return cell; }
    if (start) { cell.appendChild(text("span", time(start), "barcamp-display__time")); cell.appendChild(document.createTextNode(" ")); }
    cell.appendChild(text("strong", session.title));
    if (session.hosts) { cell.appendChild(document.createElement("br")); cell.appendChild(text("span", session.hosts)); }
    return cell;
  }

  function render() {
    var now = new Date();
    root.querySelector("[data-clock]").textContent = time(now);
    var body = root.querySelector("[data-display-body]");
    var slots = timetable.slots.map(function (slot) {
      return { start: new Date(slot.start), end: new Date(slot.end), kind: slot.kind, label: slot.label, sessions: slot.sessions };
    });
    var last = slots.length ? slots[slots.length - 1].end : null;
    body.replaceChildren();
    if (last && now >= last) { body.appendChild(text("p", root.dataset.labelOver, "barcamp-display__message")); return; }
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
      var key = String(room.id), current = null, next = null, nextStart = null;
      slots.forEach(function (slot) {
        var session = slot.sessions[key];
        if (slot.start <= now && now < slot.end) current = session || null;
        else if (slot.start >= now && !next && session) { next = session; nextStart = slot.start; }
      });
      var row = tbody.insertRow();
      if (!roomId) { var th = text("th", room.name); th.scope = "row"; row.appendChild(th); }
      row.appendChild(sessionCell(current));
      row.appendChild(sessionCell(next, nextStart));
    });
    body.appendChild(table);
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

  setInterval(render, 15000);
  setInterval(refresh, 60000);
})();
