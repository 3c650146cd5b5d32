/* Check-in at the door (participants/admin/door.html), for a phone on the venue's Wi-Fi.
 *
 * Every action is put in a queue kept in localStorage with an id made here, then sent; a request
 * that fails (no network, a timeout, a server error) stays in the queue and is sent again, with the
 * same id, until the server answers. The server applies each id once, so a retry never checks
 * anyone in twice; nothing is lost when the page is reloaded offline. The search works on the list
 * the page came with, so the door keeps working without the network.
 */
(function () {
  "use strict";
  var root = document.querySelector("[data-door]");
  if (!root) return;
  var api = root.dataset.api;
  var poll = Math.max(parseInt(root.dataset.poll, 10) || 10, 2) * 1000;
  var storageKey = "barcamp-door-queue:" + api;
  var people = JSON.parse(document.getElementById("barcamp-door-people").textContent);
  var byId = {};
  people.forEach(function (person) { byId[person.id] = person; });
  var csrf = (document.querySelector("input[name=csrfmiddlewaretoken]") || {}).value || cookie("csrftoken");
  var list = root.querySelector("[data-people]");
  var search = root.querySelector("[data-search]");
  var result = root.querySelector("[data-result]");
  var sync = root.querySelector("[data-sync]");
  var presentNode = root.querySelector("[data-present]");
  var capacityNode = root.querySelector("[data-capacity]");
  var flushing = false;
  var retryDelay = 1000;
  var retryTimer = null;

  function cookie(name) {
    var match = document.cookie.match(new RegExp("(?:^|; )" + name + "=([^;]*)"));
    return match ? decodeURIComponent(match[1]) : "";
  }

  function newId() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    var bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
  }

  function readQueue() {
    try { return JSON.parse(localStorage.getItem(storageKey) || "[]"); } catch (error) { return []; }
  }

  function writeQueue(queue) {
    localStorage.setItem(storageKey, JSON.stringify(queue));
    showSync(queue);
  }

  function showSync(queue) {
    if (queue.length) {
      sync.textContent = (navigator.onLine ? "" : root.dataset.labelOffline + " ") +
        root.dataset.labelQueued + " " + queue.length;
    } else {
      sync.textContent = root.dataset.labelSynced;
    }
  }

  function normalise(text) {
    return (text || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function render() {
    var term = normalise(search.value.trim());
    list.textContent = "";
    if (!term) return;
    people.filter(function (person) {
      return normalise(person.name + " " + person.organisation).indexOf(term) !== -1;
    }).slice(0, 30).forEach(function (person) {
      var item = document.createElement("li");
      item.dataset.in = String(person.in);
      item.dataset.participant = person.id;
      var name = document.createElement("span");
      name.className = "barcamp-door__name";
      name.textContent = person.name + (person.organisation ? " (" + person.organisation + ")" : "") +
        (person.status === "waiting" ? " · " + root.dataset.labelWaiting : "");
      var button = document.createElement("button");
      button.type = "button";
      button.className = "button" + (person.in ? " button-secondary" : "");
      button.textContent = person.in ? root.dataset.labelCheckOut : root.dataset.labelCheckIn;
      button.addEventListener("click", function () {
        enqueue({ action: person.in ? "out" : "in", participant: person.id });
      });
      item.appendChild(name);
      item.appendChild(button);
      list.appendChild(item);
    });
  }

  function enqueue(entry) {
    entry.id = newId();
    var queue = readQueue();
    queue.push(entry);
    writeQueue(queue);
    if (entry.participant && byId[entry.participant]) {
      // Shown at once; the server's answer corrects it if need be.
      byId[entry.participant].in = entry.action === "in";
      result.textContent = byId[entry.participant].name + ": " +
        (entry.action === "in" ? root.dataset.labelIn : root.dataset.labelOut);
    }
    render();
    flush();
  }

  function apply(answer) {
    if (typeof answer.present === "number") showCount(answer.present, answer.capacity);
    var person = answer.participant && byId[answer.participant];
    if (person) {
      if (answer.status === "checked_in" || answer.status === "checked_in_without_seat" || answer.status === "already_in") person.in = true;
      if (answer.status === "checked_out" || answer.status === "not_in") person.in = false;
    }
    var labels = {
      checked_in: root.dataset.labelIn, checked_in_without_seat: root.dataset.labelIn,
      already_in: root.dataset.labelAlready, checked_out: root.dataset.labelOut, not_found: root.dataset.labelNotfound
    };
    if (labels[answer.status]) result.textContent = (answer.name ? answer.name + ": " : "") + labels[answer.status];
    render();
  }

  function showCount(present, capacity) {
    presentNode.textContent = present;
    if (capacity) capacityNode.textContent = capacity;
    root.querySelector(".barcamp-door__count").classList.toggle("barcamp-door__count--full", capacity && present >= capacity);
  }

  function send(entry) {
    var controller = window.AbortController ? new AbortController() : null;
    var timer = setTimeout(function () { if (controller) controller.abort(); }, 10000);
    return fetch(api, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf },
      body: JSON.stringify(entry),
      signal: controller ? controller.signal : undefined
    }).then(function (response) {
      clearTimeout(timer);
      if (!response.ok) throw new Error("HTTP " + response.status);
      return response.json();
    }, function (error) { clearTimeout(timer); throw error; });
  }

  function flush() {
    if (flushing) return;
    var queue = readQueue();
    if (!queue.length) { showSync(queue); return; }
    flushing = true;
    send(queue[0]).then(function (answer) {
      var rest = readQueue().filter(function (entry) { return entry.id !== queue[0].id; });
      writeQueue(rest);
      apply(answer);
      retryDelay = 1000;
      flushing = false;
      flush();
    }, function () {
      flushing = false;
      showSync(readQueue());
      clearTimeout(retryTimer);
      retryTimer = setTimeout(flush, retryDelay);
      retryDelay = Math.min(retryDelay * 2, 30000);
    });
  }

  function refresh() {
    if (readQueue().length) { flush(); return; }
    fetch(api, { credentials: "same-origin" }).then(function (response) {
      if (!response.ok) throw new Error("HTTP " + response.status);
      return response.json();
    }).then(function (data) {
      if (readQueue().length) return;
      people = data.people;
      byId = {};
      people.forEach(function (person) { byId[person.id] = person; });
      showCount(data.present, data.capacity);
      render();
    }, function () { showSync(readQueue()); });
  }

  root.querySelector("[data-code-form]").addEventListener("submit", function (event) {
    event.preventDefault();
    var input = event.target.elements.code;
    if (input.value.trim()) enqueue({ action: "in", code: input.value.trim() });
    input.value = "";
  });

  search.addEventListener("input", render);
  window.addEventListener("online", function () { retryDelay = 1000; flush(); });
  window.addEventListener("offline", function () { showSync(readQueue()); });
  setInterval(refresh, poll);
  showSync(readQueue());
  flush();

  // Reading QR codes: the browser's BarcodeDetector where it has one, else the bundled jsQR.
  var video = root.querySelector("[data-video]");
  root.querySelector("[data-scan]").addEventListener("click", function () {
    if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia || (!("BarcodeDetector" in window) && !window.jsQR)) {
      result.textContent = root.dataset.labelNocamera;
      return;
    }
    navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } }).then(function (stream) {
      video.srcObject = stream;
      video.hidden = false;
      video.play();
      scan(stream);
    }, function () { result.textContent = root.dataset.labelNocamera; });
  });

  function scan(stream) {
    var detector = "BarcodeDetector" in window ? new window.BarcodeDetector({ formats: ["qr_code"] }) : null;
    var canvas = document.createElement("canvas");
    var context = canvas.getContext("2d", { willReadFrequently: true });
    function stop(text) {
      stream.getTracks().forEach(function (track) { track.stop(); });
      video.hidden = true;
      enqueue({ action: "in", code: text });
    }
    function frame() {
      if (video.readyState < 2) { requestAnimationFrame(frame); return; }
      if (detector) {
        detector.detect(video).then(function (codes) {
          if (codes.length) stop(codes[0].rawValue); else requestAnimationFrame(frame);
        }, function () { requestAnimationFrame(frame); });
        return;
      }
      canvas.width = video.videoWidth;
      canvas.height = video.videoHeight;
      context.drawImage(video, 0, 0);
      var image = context.getImageData(0, 0, canvas.width, canvas.height);
      var found = window.jsQR(image.data, image.width, image.height);
      if (found && found.data) stop(found.data); else requestAnimationFrame(frame);
    }
    requestAnimationFrame(frame);
  }
})();
