/* Saved replies in the console's composer (Chatwoot-like).
 *
 * Typing "/" at the start of the message opens a list of saved replies matching what follows
 * (the composer's data-replies endpoint, rendered for the session's client). Arrow keys move,
 * Enter or a click puts the chosen reply's text into the box (to edit before sending), Esc
 * closes the list. Texts are inserted as text, never as HTML.
 */
(function () {
  "use strict";

  function picker(composer) {
    var url = composer.getAttribute("data-replies");
    var area = composer.querySelector("textarea");
    var list = document.getElementById("reply-picker");
    if (!url || !area || !list) { return; }
    var found = [];
    var active = -1;
    var timer = null;
    var asked = 0;

    area.setAttribute("aria-autocomplete", "list");
    area.setAttribute("aria-controls", list.id);
    area.setAttribute("aria-expanded", "false");

    function close() {
      list.hidden = true;
      list.textContent = "";
      found = [];
      active = -1;
      area.setAttribute("aria-expanded", "false");
      area.removeAttribute("aria-activedescendant");
    }

    function mark() {
      var items = list.querySelectorAll("li[role=option]");
      for (var i = 0; i < items.length; i += 1) {
        var on = i === active;
        items[i].setAttribute("aria-selected", on ? "true" : "false");
        items[i].classList.toggle("active", on);
        if (on) {
          area.setAttribute("aria-activedescendant", items[i].id);
          if (items[i].scrollIntoView) { items[i].scrollIntoView({ block: "nearest" }); }
        }
      }
    }

    function show(replies) {
      list.textContent = "";
      found = replies;
      active = replies.length ? 0 : -1;
      if (!replies.length) {
        var none = document.createElement("li");
        none.className = "none";
        none.textContent = composer.getAttribute("data-replies-none") || "";
        list.appendChild(none);
      }
      replies.forEach(function (reply, index) {
        var item = document.createElement("li");
        item.id = "reply-option-" + reply.id;
        item.setAttribute("role", "option");
        item.setAttribute("data-reply", String(reply.id));
        var title = document.createElement("strong");
        title.textContent = reply.title;
        var text = document.createElement("span");
        text.className = "snippet";
        text.textContent = reply.text.length > 90 ? reply.text.slice(0, 89) + "…" : reply.text;
        item.appendChild(title);
        item.appendChild(document.createTextNode(" "));
        item.appendChild(text);
        item.addEventListener("mousedown", function (event) {
          event.preventDefault();  // keep the focus in the box
          choose(index);
        });
        list.appendChild(item);
      });
      list.hidden = false;
      area.setAttribute("aria-expanded", "true");
      mark();
    }

    function choose(index) {
      var reply = found[index];
      if (!reply) { return; }
      area.value = reply.text;
      close();
      area.focus();
      area.setSelectionRange(area.value.length, area.value.length);
    }

    function query() {
      var value = area.value;
      if (value.charAt(0) !== "/" || value.indexOf("\n") !== -1 || value.slice(0, 2) === "//") {
        return null;
      }
      return value.slice(1, 101);
    }

    function ask() {
      var typed = query();
      if (typed === null) { close(); return; }
      asked += 1;
      var mine = asked;
      fetch(url + "?q=" + encodeURIComponent(typed), {
        credentials: "same-origin",
        headers: { "Accept": "application/json" }
      }).then(function (response) {
        return response.ok ? response.json() : { replies: [] };
      }).then(function (answer) {
        if (mine === asked && query() !== null) { show(answer.replies || []); }
      }).catch(function () { /* nothing offered; typing goes on */ });
    }

    area.addEventListener("input", function () {
      window.clearTimeout(timer);
      if (query() === null) { close(); return; }
      timer = window.setTimeout(ask, 120);
    });

    area.addEventListener("keydown", function (event) {
      if (list.hidden) { return; }
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        if (!found.length) { return; }
        event.preventDefault();
        var step = event.key === "ArrowDown" ? 1 : -1;
        active = (active + step + found.length) % found.length;
        mark();
      } else if (event.key === "Enter" && !event.shiftKey) {
        if (active < 0) { return; }
        event.preventDefault();
        choose(active);
      } else if (event.key === "Escape") {
        event.preventDefault();
        close();
      }
    });

    area.addEventListener("blur", function () { window.setTimeout(close, 150); });
  }

  function start() {
    var composer = document.getElementById("composer");
    if (composer) { picker(composer); }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
