/* The visitor's favourites as a view of the schedule page and as a calendar file.

   The favourites live in this browser (schedule.js keeps them and announces each change as
   "barcamp:favourites"); nothing here sends them anywhere. "Only my favourites" shows the
   page's list by time slot with the starred sessions alone; "#favourites" in the address
   opens the page that way. The calendar file (RFC 5545) is written here from the page: each
   session's title and link from its card, its room from the list's data-room, its times (UTC)
   from its slot's data-start and data-end. UIDs are the event calendar's (session-<id>@host),
   so a calendar app updates a session it already has instead of adding it twice. */
(function () {
  "use strict";
  var root = document.querySelector("[data-barcamp-schedule]");
  var tools = root && root.querySelector("[data-favourites-tools]");
  if (!tools) return;
  var toggle = tools.querySelector("[data-favourites-only]");
  var download = tools.querySelector("[data-favourites-calendar]");
  var empty = tools.querySelector("[data-favourites-empty]");
  var ids = [];
  var only = window.location.hash === "#favourites";
  var blobUrl = null;

  // The list by time slot holds every session of the page once.
  function listEntries() {
    var entries = [];
    root.querySelectorAll(".barcamp-schedule__list [data-session]").forEach(function (card) {
      entries.push({ card: card, item: card.closest("li"), slot: card.closest(".barcamp-slot") });
    });
    return entries;
  }

  function showView() {
    root.classList.toggle("is-favourites-view", only);
    toggle.setAttribute("aria-pressed", only ? "true" : "false");
    var shown = 0;
    listEntries().forEach(function (entry) {
      var hide = only && ids.indexOf(entry.card.getAttribute("data-session")) === -1;
      entry.item.hidden = hide;
      if (!hide) shown += 1;
    });
    root.querySelectorAll(".barcamp-schedule__list > li").forEach(function (slot) {
      slot.hidden = only && !hasVisibleSession(slot);
    });
    root.querySelectorAll(".barcamp-schedule__day").forEach(function (day) {
      day.hidden = only && !day.querySelector(".barcamp-schedule__list > li:not([hidden])");
    });
    empty.hidden = !(only && shown === 0);
  }

  function hasVisibleSession(slot) {
    return Array.prototype.some.call(slot.querySelectorAll("ul > li"), function (item) { return !item.hidden; });
  }

  // RFC 5545, 3.3.11: backslash, semicolon, comma and line breaks are escaped in TEXT.
  function text(value) {
    return String(value)
      .replace(/\\/g, "\\\\")
      .replace(/;/g, "\\;")
      .replace(/,/g, "\\,")
      .replace(/\r\n|\r|\n/g, "\\n");
  }

  // RFC 5545, 3.1: lines longer than 75 octets (UTF-8) are folded, never inside a character;
  // a continuation line begins with one space, which counts.
  var encoder = new TextEncoder();
  function fold(line) {
    var lines = [];
    var current = "";
    var size = 0;
    Array.from(line).forEach(function (character) {
      var octets = encoder.encode(character).length;
      if (size + octets > 75) {
        lines.push(current);
        current = " ";
        size = 1;
      }
      current += character;
      size += octets;
    });
    lines.push(current);
    return lines.join("\r\n");
  }

  function utc(milliseconds) {
    return new Date(milliseconds).toISOString().replace(/\.\d+Z$/, "Z").replace(/[-:]/g, "");
  }

  function calendar() {
    var stamp = utc(Date.now());
    var lines = [
      "BEGIN:VCALENDAR",
      "VERSION:2.0",
      "PRODID:-//barcamp-wagtail//favourites//EN",
      "CALSCALE:GREGORIAN",
      "METHOD:PUBLISH",
      "X-WR-CALNAME:" + text(tools.getAttribute("data-calendar-name")),
    ];
    listEntries().forEach(function (entry) {
      var id = entry.card.getAttribute("data-session");
      if (ids.indexOf(id) === -1 || !entry.slot) return;
      var link = entry.card.querySelector("a");
      var hosts = entry.card.querySelector(".barcamp-schedule-session__hosts");
      lines.push(
        "BEGIN:VEVENT",
        "UID:" + text("session-" + id + "@" + window.location.hostname),
        "DTSTAMP:" + stamp,
        "DTSTART:" + utc(Number(entry.slot.getAttribute("data-start"))),
        "DTEND:" + utc(Number(entry.slot.getAttribute("data-end"))),
        "SUMMARY:" + text(link ? link.textContent.trim() : "")
      );
      var room = entry.item.getAttribute("data-room");
      if (room) lines.push("LOCATION:" + text(room));
      if (hosts) lines.push("DESCRIPTION:" + text(hosts.textContent.trim()));
      if (link) lines.push("URL:" + new URL(link.getAttribute("href"), window.location.href).href);
      lines.push("END:VEVENT");
    });
    lines.push("END:VCALENDAR");
    return lines.map(fold).join("\r\n") + "\r\n";
  }

  function offerCalendar() {
    if (blobUrl) URL.revokeObjectURL(blobUrl);
    blobUrl = null;
    var any = listEntries().some(function (entry) { return ids.indexOf(entry.card.getAttribute("data-session")) !== -1; });
    download.hidden = !any;
    if (!any) return;
    blobUrl = URL.createObjectURL(new Blob([calendar()], { type: "text/calendar;charset=utf-8" }));
    download.href = blobUrl;
  }

  root.addEventListener("barcamp:favourites", function (event) {
    ids = event.detail.ids;
    tools.hidden = false;
    showView();
    offerCalendar();
  });
  toggle.addEventListener("click", function () {
    only = !only;
    var address = window.location.pathname + window.location.search + (only ? "#favourites" : "");
    window.history.replaceState(null, "", address);
    showView();
  });
})();
