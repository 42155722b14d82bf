/* The client chat: shows the messages of this browser live, sends text, button presses, the
 * access code (with the client's name, optional; asked again once linked without one) and the
 * language through JSON POSTs, and files as multipart/form-data with the
 * same CSRF header (see adapters/web/client/views.py). A kept file is shown as a thumbnail
 * (photos) or a link; another channel's file that could not be kept, by its name only.
 * Every message shows who wrote it (an initials avatar and a name: the service, a person, or
 * "Você") and its time in the service's time zone, under a day separator when the day changes;
 * a billing summary is drawn as a receipt. A pasted or dropped file is sent like a chosen one.
 * Others' messages that arrive while the tab is hidden count in its title; inside the
 * launcher's panel (?embed=1) the count goes to the parent page (widget.js). */
(function () {
  "use strict";

  var root = document.getElementById("chat");
  if (!root) { return; }
  var list = document.getElementById("messages");
  var statusLine = document.getElementById("status");
  var composer = document.getElementById("composer");
  var input = document.getElementById("text");
  var codeForm = document.getElementById("code-form");
  var codeInput = document.getElementById("code");
  var nameInput = document.getElementById("name");
  var nameForm = document.getElementById("name-form");
  var ownName = document.getElementById("own-name");
  var language = document.getElementById("language");
  var menuButton = document.getElementById("menu-button");
  var fileInput = document.getElementById("file");
  var INLINE = ["image/jpeg", "image/png", "image/gif", "image/webp"];
  var byRef = {};
  var seen = 0;
  var started = false;
  var firstVisit = null; /* the first-visit timer (below), until it fires or the visitor acts */

  /* The visitor sent something (the code, a text, a button, a file): no first-visit start. */
  function acted() {
    if (firstVisit !== null) { window.clearTimeout(firstVisit); firstVisit = null; }
  }

  function setStatus(text) { statusLine.textContent = text || ""; }

  function scrollDown() { list.scrollTop = list.scrollHeight; window.scrollTo(0, document.body.scrollHeight); }

  function notice(text) {
    if (!text) { return; }
    var item = document.createElement("li");
    item.className = "message notice";
    Live.richText(item, text);
    list.appendChild(item);
    lastSender = "";
    scrollDown();
  }

  /* ---- who and when: sender labels, initials avatars, times, day separators ---------------- */
  var zone = root.dataset.timezone || "America/Sao_Paulo";
  var lang = root.dataset.lang || "pt-BR";
  var clock = new Intl.DateTimeFormat(lang, { timeZone: zone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
  var dayKeys = new Intl.DateTimeFormat("en-CA", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit" });
  var GROUP_MS = 5 * 60 * 1000;
  var lastDay = "";
  var lastSender = "";
  var lastAt = 0;

  function dayKey(date) { return dayKeys.format(date); }

  function dayLabel(key) {
    var now = new Date();
    if (key === dayKey(now)) { return root.dataset.today; }
    if (key === dayKey(new Date(now.getTime() - 86400000))) { return root.dataset.yesterday; }
    var parts = key.split("-");
    return parts[2] + "/" + parts[1] + "/" + parts[0];
  }

  function initials(name) {
    var words = String(name || "").trim().split(/\s+/).filter(function (w) { return w; });
    if (!words.length) { return "?"; }
    var first = words[0].charAt(0);
    var last = words.length > 1 ? words[words.length - 1].charAt(0) : "";
    return (first + last).toUpperCase();
  }

  /* Who wrote it: the client ("Você"), a person named by the relay (staff, a colleague), or
   * the service itself. */
  function senderOf(message) {
    if (message.mine) { return { key: "me", label: root.dataset.you, side: "me" }; }
    if (message.author) {
      return { key: (message.side || "staff") + ":" + message.author, label: message.author, side: message.side || "staff" };
    }
    return { key: "service", label: root.dataset.service, side: "service" };
  }

  function meta(sender, date) {
    var line = document.createElement("div");
    line.className = "meta";
    if (sender.side !== "me") {
      var avatar = document.createElement("span");
      avatar.className = "avatar " + sender.side;
      avatar.setAttribute("aria-hidden", "true");
      avatar.textContent = initials(sender.label);
      line.appendChild(avatar);
    }
    var who = document.createElement("span");
    who.className = "who";
    who.textContent = sender.label;
    line.appendChild(who);
    if (date) {
      var time = document.createElement("time");
      time.className = "time";
      time.dateTime = date.toISOString();
      time.textContent = clock.format(date);
      line.appendChild(time);
    }
    return line;
  }

  function receipt(data) {
    var card = document.createElement("div");
    card.className = "receipt";
    var title = document.createElement("div");
    title.className = "receipt-title";
    title.textContent = data.title;
    card.appendChild(title);
    var rows = document.createElement("dl");
    data.lines.forEach(function (pair) {
      var row = document.createElement("div");
      row.className = "receipt-line";
      var dt = document.createElement("dt");
      dt.textContent = pair[0];
      var dd = document.createElement("dd");
      dd.textContent = pair[1];
      row.appendChild(dt);
      row.appendChild(dd);
      rows.appendChild(row);
    });
    card.appendChild(rows);
    if (data.total) {
      var total = document.createElement("div");
      total.className = "receipt-total";
      var label = document.createElement("span");
      label.textContent = data.total[0];
      var amount = document.createElement("strong");
      amount.textContent = data.total[1];
      total.appendChild(label);
      total.appendChild(amount);
      card.appendChild(total);
    }
    return card;
  }

  function paragraph(text, className) {
    var body = document.createElement("div");
    body.className = className;
    Live.richText(body, text);
    return body;
  }

  function fill(item, message) {
    var sender = senderOf(message);
    var date = message.created_at ? new Date(message.created_at) : null;
    var grouped = item.classList.contains("grouped");
    item.textContent = "";
    item.className = "message " + (message.mine ? "mine" : "theirs") + " from-" + sender.side +
      (grouped ? " grouped" : "") + (message.receipt ? " has-receipt" : "");
    item.appendChild(meta(sender, date && !isNaN(date.getTime()) ? date : null));
    var bubble = document.createElement("div");
    bubble.className = "bubble";
    item.appendChild(bubble);
    if (message.title) {
      var title = document.createElement("div");
      title.className = "title";
      title.textContent = message.title;
      bubble.appendChild(title);
    }
    var text = message.author && typeof message.body === "string" ? message.body : message.text;
    if (message.receipt) {
      if (message.receipt.intro) { bubble.appendChild(paragraph(message.receipt.intro, "text")); }
      bubble.appendChild(receipt(message.receipt));
      if (message.receipt.notes) { bubble.appendChild(paragraph(message.receipt.notes, "text small")); }
    } else if (text) {
      bubble.appendChild(paragraph(text, "text"));
    }
    if (message.fields && message.fields.length) {
      var fields = document.createElement("dl");
      message.fields.forEach(function (pair) {
        var dt = document.createElement("dt");
        dt.textContent = pair[0];
        var dd = document.createElement("dd");
        Live.richText(dd, pair[1]);
        fields.appendChild(dt);
        fields.appendChild(dd);
      });
      bubble.appendChild(fields);
    }
    (message.attachments || []).forEach(function (file) { bubble.appendChild(attachment(file)); });
    if (message.choices && message.choices.length) {
      var buttons = document.createElement("div");
      buttons.className = "choices";
      message.choices.forEach(function (choice) {
        var button = document.createElement("button");
        button.type = "button";
        button.className = "choice" + (choice.style ? " " + choice.style : "");
        button.textContent = choice.label;
        button.addEventListener("click", function () { press(button, choice.action, message.ref); });
        buttons.appendChild(button);
      });
      bubble.appendChild(buttons);
    }
  }

  /* A new item's place in the conversation: a day separator when the day changes; grouped
   * under the previous one when the same sender wrote again within minutes. */
  function place(item, message) {
    var date = message.created_at ? new Date(message.created_at) : new Date();
    if (isNaN(date.getTime())) { date = new Date(); }
    var key = dayKey(date);
    if (key !== lastDay) {
      var separator = document.createElement("li");
      separator.className = "day-separator";
      separator.setAttribute("role", "separator");
      var label = document.createElement("span");
      label.textContent = dayLabel(key);
      separator.appendChild(label);
      list.appendChild(separator);
      lastDay = key;
      lastSender = "";
    }
    var sender = senderOf(message).key;
    if (sender === lastSender && date.getTime() - lastAt < GROUP_MS) { item.classList.add("grouped"); }
    lastSender = sender;
    lastAt = date.getTime();
    list.appendChild(item);
  }

  function attachment(file) {
    var line = document.createElement("div");
    line.className = "attachment small";
    var name = file.name || file.kind || root.dataset.attachment;
    if (!file.url) {
      line.className += " muted";
      line.textContent = root.dataset.attachment + ": " + name + " (" + root.dataset.notAvailable + ")";
      return line;
    }
    var link = document.createElement("a");
    link.href = file.url;
    link.target = "_blank";
    link.rel = "noopener";
    if (INLINE.indexOf(file.mime_type) >= 0) {
      var image = document.createElement("img");
      image.src = file.url;
      image.alt = name;
      image.loading = "lazy";
      link.appendChild(image);
    } else {
      link.setAttribute("download", name);
      link.textContent = root.dataset.attachment + ": " + name;
    }
    line.appendChild(link);
    return line;
  }

  /* ---- unread: the tab's title while it is hidden, the launcher's bubble when embedded ------ */
  var baseTitle = document.title;
  var lastBefore = Number(root.dataset.lastId) || 0; /* what came before this page: not new */
  var hiddenUnread = 0;
  var received = 0; /* others' new messages since the page opened (the launcher's count) */
  var parentOrigin = root.dataset.parentOrigin;

  function showTitle() {
    document.title = hiddenUnread ? "(" + hiddenUnread + ") " + baseTitle : baseTitle;
  }

  function arrived(message) {
    if (message.mine || !message.id || message.id <= lastBefore || message.replaces) { return; }
    received += 1;
    if (document.hidden) { hiddenUnread += 1; showTitle(); }
    if (parentOrigin && window.parent !== window) {
      window.parent.postMessage({ consultoria: "unread", count: received }, parentOrigin);
    }
  }

  document.addEventListener("visibilitychange", function () {
    if (!document.hidden) { hiddenUnread = 0; showTitle(); }
  });

  function show(message) {
    if (message.id && message.id <= seen) { return; }
    if (message.id) { seen = message.id; }
    started = true;
    var key = message.replaces || message.ref;
    var item = byRef[key];
    if (!item) {
      item = document.createElement("li");
      byRef[key] = item;
      place(item, message);
    }
    fill(item, message);
    if (!message.mine) { hideTyping(); }
    arrived(message);
    scrollDown();
  }

  function answered(answer) {
    if (!answer) { return; }
    if (answer.linked === true) { codeForm.hidden = true; }
    /* Linked without a name (the code came in the address, or the name was left empty): ask. */
    if (answer.named === true) { nameForm.hidden = true; }
    else if (answer.linked === true && answer.named === false) { nameForm.hidden = false; }
    if (answer.ok === false && answer.notice) { notice(answer.notice); }
  }

  function failed() { notice(root.dataset.failed); }

  function press(button, action, ref) {
    acted();
    button.disabled = true;
    Live.post("/chat/action", { action: action, ref: ref }).then(answered, failed).then(function () {
      button.disabled = false;
    });
  }

  function sendText(text) {
    acted();
    var button = composer.querySelector("button");
    button.disabled = true;
    return Live.post("/chat/send", { text: text }).then(function (answer) {
      if (answer && answer.ok !== false) { input.value = ""; }
      answered(answer);
    }, failed).then(function () { button.disabled = false; input.focus(); });
  }

  composer.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = input.value;
    if (!text.trim()) { return; }
    sendText(text);
  });

  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && !event.shiftKey) {
      event.preventDefault();
      composer.requestSubmit();
    }
  });

  function csrfToken() {
    var meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.getAttribute("content") : "";
  }

  function sendFile(file) {
    if (file.size > Number(root.dataset.maxBytes)) { notice(root.dataset.tooBig); return Promise.resolve(); }
    acted();
    var form = new FormData();
    form.append("message_id", Live.newId());
    form.append("text", input.value);
    form.append("file", file, file.name);
    setStatus(root.dataset.uploading);
    return fetch("/chat/upload", {
      method: "POST",
      credentials: "same-origin",
      headers: { "Accept": "application/json", "X-CSRF-Token": csrfToken() },
      body: form
    }).then(function (response) {
      return response.json().catch(function () { return { ok: false }; });
    }).then(function (answer) {
      if (answer && answer.ok !== false) { input.value = ""; }
      answered(answer);
    }, failed).then(function () { setStatus(""); fileInput.value = ""; });
  }

  fileInput.addEventListener("change", function () {
    if (fileInput.files && fileInput.files.length) { sendFile(fileInput.files[0]); }
  });

  codeForm.addEventListener("submit", function (event) {
    event.preventDefault();
    var code = codeInput.value.trim();
    if (!code) { return; }
    acted();
    var body = { code: code };
    var name = nameInput.value.trim();
    if (name) { body.name = name; }
    Live.post("/chat/start", body).then(answered, failed);
  });

  nameForm.addEventListener("submit", function (event) {
    event.preventDefault();
    var name = ownName.value.trim();
    if (!name) { return; }
    Live.post("/chat/name", { name: name }).then(answered, failed);
  });

  menuButton.addEventListener("click", function () {
    acted();
    Live.post("/chat/send", { text: "/menu" }).then(answered, failed);
  });

  language.addEventListener("change", function () {
    Live.post("/chat/language", { language: language.value }).then(function () {
      var query = window.location.search.replace(/([?&])lang=[^&]*&?/, "$1").replace(/[?&]$/, "");
      window.location.replace("/chat" + query);
    }, failed);
  });

  /* ---- typing: "Bruno está digitando…" from the staff; ours to them, one signal every 3 s ---- */
  var typingLine = document.getElementById("typing");
  var typingTimer = null;
  var lastTyped = 0;

  function hideTyping() {
    if (typingTimer !== null) { window.clearTimeout(typingTimer); typingTimer = null; }
    typingLine.hidden = true;
    typingLine.textContent = "";
  }

  function showTyping(event) {
    var data;
    try { data = JSON.parse(event.data); } catch (e) { return; }
    if (!data || !data.label) { return; }
    typingLine.textContent = root.dataset.typing.replace("{name}", String(data.label));
    typingLine.hidden = false;
    if (typingTimer !== null) { window.clearTimeout(typingTimer); }
    typingTimer = window.setTimeout(hideTyping, (Number(data.seconds) || 6) * 1000);
  }

  input.addEventListener("input", function () {
    var now = Date.now();
    if (!input.value.trim() || now - lastTyped < 3000) { return; }
    lastTyped = now;
    Live.post("/chat/typing", {}).then(null, function () { return null; });
  });

  /* ---- a pasted or dropped file goes like a chosen one (same checks, same notices) ---------- */
  function sendFiles(files) {
    var queue = Array.prototype.slice.call(files || []);
    var next = function () {
      var file = queue.shift();
      if (file) { return sendFile(file).then(next); }
      return null;
    };
    return next();
  }

  input.addEventListener("paste", function (event) {
    var files = event.clipboardData && event.clipboardData.files;
    if (files && files.length) {
      event.preventDefault();
      sendFiles(files);
    }
  });

  var dropZone = document.getElementById("drop-zone");
  var dragDepth = 0;

  function carriesFiles(event) {
    var types = event.dataTransfer && event.dataTransfer.types;
    return !!types && Array.prototype.indexOf.call(types, "Files") >= 0;
  }

  root.addEventListener("dragenter", function (event) {
    if (!carriesFiles(event)) { return; }
    event.preventDefault();
    dragDepth += 1;
    dropZone.hidden = false;
  });
  root.addEventListener("dragover", function (event) {
    if (!carriesFiles(event)) { return; }
    event.preventDefault();
    event.dataTransfer.dropEffect = "copy";
  });
  root.addEventListener("dragleave", function () {
    dragDepth = Math.max(0, dragDepth - 1);
    if (!dragDepth) { dropZone.hidden = true; }
  });
  root.addEventListener("drop", function (event) {
    if (!carriesFiles(event)) { return; }
    event.preventDefault();
    dragDepth = 0;
    dropZone.hidden = true;
    sendFiles(event.dataTransfer.files);
  });
  /* A file dropped beside the chat must not replace the page. */
  window.addEventListener("dragover", function (event) { if (carriesFiles(event)) { event.preventDefault(); } });
  window.addEventListener("drop", function (event) { if (carriesFiles(event)) { event.preventDefault(); } });

  /* ---- inside the launcher's panel: the close button and Escape ask the parent to close ---- */
  function askToClose() {
    if (parentOrigin && window.parent !== window) {
      window.parent.postMessage({ consultoria: "close" }, parentOrigin);
    }
  }
  var closeButton = document.getElementById("close-button");
  if (closeButton) { closeButton.addEventListener("click", askToClose); }
  if (root.dataset.embed === "true") {
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { askToClose(); }
    });
  }

  setStatus(root.dataset.connecting);
  var source = Live.connect("/chat/events", show, function (state) {
    setStatus(state === "open" ? "" : root.dataset.offline);
  });
  source.addEventListener("typing", showTyping);

  /* A first visit (or ?code=): greet, or link with the code, once the history has arrived,
   * unless the visitor has already sent something (their code: a second greeting otherwise). */
  firstVisit = window.setTimeout(function () {
    firstVisit = null;
    var code = root.dataset.code;
    if (code && root.dataset.linked !== "true") {
      Live.post("/chat/start", { code: code }).then(answered, failed);
    } else if (!started) {
      Live.post("/chat/start", {}).then(answered, failed);
    }
  }, 800);
})();
