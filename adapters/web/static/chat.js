/* The client chat: shows the messages of this browser live, sends text, button presses, the
 * access code (with the client's name, optional; asked again once linked without one) and the
 * language through JSON POSTs, and files as multipart/form-data with the
 * same CSRF header (see adapters/web/client/views.py). A kept file is shown as a thumbnail
 * (photos) or a link; another channel's file that could not be kept, by its name only. */
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
    scrollDown();
  }

  function fill(item, message) {
    item.textContent = "";
    item.className = "message " + (message.mine ? "mine" : "theirs");
    if (message.mine) {
      var who = document.createElement("span");
      who.className = "who";
      who.textContent = root.dataset.you;
      item.appendChild(who);
    }
    if (message.title) {
      var title = document.createElement("div");
      title.className = "title";
      title.textContent = message.title;
      item.appendChild(title);
    }
    if (message.text) {
      var body = document.createElement("div");
      body.className = "text";
      Live.richText(body, message.text);
      item.appendChild(body);
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
      item.appendChild(fields);
    }
    (message.attachments || []).forEach(function (file) { item.appendChild(attachment(file)); });
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
      item.appendChild(buttons);
    }
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

  function show(message) {
    if (message.id && message.id <= seen) { return; }
    if (message.id) { seen = message.id; }
    started = true;
    var key = message.replaces || message.ref;
    var item = byRef[key];
    if (!item) {
      item = document.createElement("li");
      byRef[key] = item;
      list.appendChild(item);
    }
    fill(item, message);
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
    if (file.size > Number(root.dataset.maxBytes)) { notice(root.dataset.tooBig); return; }
    acted();
    var form = new FormData();
    form.append("message_id", Live.newId());
    form.append("text", input.value);
    form.append("file", file, file.name);
    setStatus(root.dataset.uploading);
    fetch("/chat/upload", {
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
      window.location.replace("/chat");
    }, failed);
  });

  setStatus(root.dataset.connecting);
  Live.connect("/chat/events", show, function (state) {
    setStatus(state === "open" ? "" : root.dataset.offline);
  });

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
