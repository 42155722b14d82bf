/* Live updates for every page: Server-Sent Events of web messages, and JSON POSTs with CSRF.
 *
 * Live.connect(url, onMessage, onState) opens an EventSource (the browser resends Last-Event-ID
 * when it reconnects); each event's data is a message JSON: {id, ref, replaces, thread, text,
 * title, fields, choices, attachments, mine, created_at, author, side, body, receipt}; it returns
 * the EventSource (listen to its "typing" events). Live.post(url, body) sends JSON with
 * the page's CSRF token (<meta name="csrf-token">) and returns the JSON answer.
 */
(function () {
  "use strict";

  function csrfToken() {
    var meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.getAttribute("content") : "";
  }

  function newId() {
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) {
      return ("0" + b.toString(16)).slice(-2);
    }).join("");
  }

  function connect(url, onMessage, onState) {
    var source = new EventSource(url);
    source.onopen = function () { if (onState) { onState("open"); } };
    source.onerror = function () { if (onState) { onState("retrying"); } };
    source.onmessage = function (event) {
      var message;
      try { message = JSON.parse(event.data); } catch (e) { return; }
      onMessage(message);
    };
    return source;
  }

  function post(url, body) {
    var payload = Object.assign({ message_id: newId() }, body || {});
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: {
        "Content-Type": "application/json",
        "Accept": "application/json",
        "X-CSRF-Token": csrfToken()
      },
      body: JSON.stringify(payload)
    }).then(function (response) {
      return response.json().catch(function () { return { ok: false }; });
    });
  }

  /* Core texts mark bold as **x**: text nodes and <strong>, never HTML. */
  function inline(parent, line) {
    var parts = line.split(/\*\*([^*\n]+)\*\*/);
    parts.forEach(function (part, i) {
      if (!part) { return; }
      if (i % 2 === 1) {
        var strong = document.createElement("strong");
        strong.textContent = part;
        parent.appendChild(strong);
      } else {
        parent.appendChild(document.createTextNode(part));
      }
    });
  }

  var BULLET = /^\s*[-\u2022]\s+(.*)$/;
  var NUMBERED = /^\s*(\d{1,3})\.\s+(.*)$/;

  /* Lines of text with **bold**; consecutive lines starting with "- " or "• " become a <ul>,
   * with "1. " an <ol> (built from text nodes, never HTML). */
  function richText(parent, text) {
    var list = null;
    var kind = "";
    var afterText = false;
    String(text || "").split("\n").forEach(function (line) {
      var bullet = BULLET.exec(line);
      var number = bullet ? null : NUMBERED.exec(line);
      var wanted = bullet ? "ul" : (number ? "ol" : "");
      if (wanted) {
        if (!list || kind !== wanted) {
          list = document.createElement(wanted);
          kind = wanted;
          if (number && number[1] !== "1") { list.start = Number(number[1]); }
          parent.appendChild(list);
        }
        var item = document.createElement("li");
        inline(item, bullet ? bullet[1] : number[2]);
        list.appendChild(item);
        afterText = false;
        return;
      }
      list = null;
      kind = "";
      if (afterText) { parent.appendChild(document.createElement("br")); }
      inline(parent, line);
      afterText = true;
    });
  }

  window.Live = { connect: connect, post: post, newId: newId, richText: richText };
})();
