/* The plenary board follows the moderator: it asks for the board's state every few seconds
   and redraws with textContent only (proposal texts come from visitors). When the network
   drops, it keeps the last known pitch and says so. */
(function () {
  "use strict";
  var root = document.querySelector("[data-barcamp-board]");
  if (!root) return;
  var seconds = Math.max(parseInt(root.dataset.pollSeconds, 10) || 3, 1);
  var version = null;
  var initial = document.getElementById("barcamp-board-data");
  if (initial) version = JSON.parse(initial.textContent).version;

  function el(name) { return root.querySelector("[data-board-" + name + "]"); }
  function fill(template, values) {
    return template.replace(/%\((\w+)\)s/g, function (match, key) { return values[key]; });
  }
  function hands(count) { return count === null || count === undefined ? "" : fill(root.dataset.labelHands, { number: count }); }

  function draw(data) {
    var current = data.current;
    // The list shows every pitch: "Pitch 8 of 8" would only mislead above it.
    var position = data.position && !data.show_list;
    el("position").textContent = position ? fill(root.dataset.labelPosition, { position: data.position, total: data.total }) : "";
    if (current) {
      el("title").textContent = current.title;
      el("abstract").textContent = current.abstract || "";
      el("host").textContent = current.host || "";
      el("topic").textContent = current.topic || "";
      el("hands").textContent = hands(current.hand_count);
    }
    el("current").hidden = !!data.show_list;
    el("list-section").hidden = !data.show_list;
    var list = el("list");
    while (list.firstChild) list.removeChild(list.firstChild);
    data.proposals.forEach(function (proposal) {
      var item = document.createElement("li");
      var title = document.createElement("span");
      title.className = "barcamp-board__list-title";
      title.textContent = proposal.title;
      item.appendChild(title);
      if (proposal.hand_count !== null) {
        var count = document.createElement("span");
        count.className = "barcamp-board__list-hands";
        count.textContent = " " + hands(proposal.hand_count);
        item.appendChild(count);
      }
      list.appendChild(item);
    });
  }

  function poll() {
    fetch(root.dataset.url, { credentials: "same-origin", cache: "no-store", headers: { Accept: "application/json" } })
      .then(function (response) { if (!response.ok) throw new Error(response.status); return response.json(); })
      .then(function (data) {
        root.querySelector("[data-status]").textContent = "";
        if (data.version !== version) { version = data.version; draw(data); }
      })
      .catch(function () { root.querySelector("[data-status]").textContent = root.dataset.labelOffline; })
      .then(function () { window.setTimeout(poll, seconds * 1000); });
  }
  window.setTimeout(poll, seconds * 1000);
})();
