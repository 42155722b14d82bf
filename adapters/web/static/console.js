/* Staff console: live parts of a page, alerts, typing, files pasted or dropped, confirmations.
 *
 * An element #live with data-src (a URL giving the part's fresh HTML) and data-events (a
 * Server-Sent Events URL) is fetched again, shortly after each event, so the queue, a session's
 * conversation and the rooms follow what happens without reloading. Its data-unread selector
 * names the items that count as news (a request in the queue, a client's message): new ones
 * while the tab is hidden show as "(3) Console" in the tab's title, and — when the person turned
 * on the alerts toggle of the top bar (off by default, remembered in localStorage) — a short tone
 * (Web Audio, no file) and a desktop notification (permission asked only when turned on).
 * On a session page, the stream's "typing" events show "<cliente> está digitando…", and the
 * composer (data-typing) tells the server, at most every 3 s, that the staff member is typing
 * (never for a // internal note). An image or file pasted into the composer, or dropped on the
 * conversation, goes through the file form. Forms with data-confirm ask before submitting. A
 * form with data-upload (a file for the client) is sent in the background with the X-CSRF-Token
 * header: a file over data-max-bytes is refused before sending, a refusal is shown in the form,
 * and the form is emptied (with the fresh one-time nonce the server gives) once the file went.
 * Without JavaScript every form still works (post, then the page reloads).
 */
(function () {
  "use strict";

  var ALERTS_KEY = "consultoria.console.alerts";
  var TYPING_EVERY = 3000;
  var baseTitle = document.title;
  var unread = 0;
  var audio = null;

  function csrfToken() {
    var meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.getAttribute("content") : "";
  }

  /* ---- unread count, sound and desktop notification ---------------------------------- */

  function alertsOn() {
    try { return window.localStorage.getItem(ALERTS_KEY) === "on"; } catch (e) { return false; }
  }

  function showTitle() {
    document.title = unread > 0 ? "(" + unread + ") " + baseTitle : baseTitle;
  }

  function audioContext() {
    var Context = window.AudioContext || window.webkitAudioContext;
    if (!Context) { return null; }
    if (audio === null) { audio = new Context(); }
    if (audio.state === "suspended" && audio.resume) { audio.resume(); }
    return audio;
  }

  function tone() {
    var context = audioContext();
    if (!context) { return; }
    var now = context.currentTime;
    var oscillator = context.createOscillator();
    var gain = context.createGain();
    oscillator.type = "sine";
    oscillator.frequency.setValueAtTime(880, now);
    oscillator.frequency.setValueAtTime(660, now + 0.12);
    gain.gain.setValueAtTime(0.0001, now);
    gain.gain.exponentialRampToValueAtTime(0.2, now + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, now + 0.3);
    oscillator.connect(gain);
    gain.connect(context.destination);
    oscillator.start(now);
    oscillator.stop(now + 0.32);
  }

  function desktopNotice(text) {
    if (!window.Notification || window.Notification.permission !== "granted") { return; }
    try {
      var notice = new window.Notification(baseTitle, { body: text, tag: "consultoria-console" });
      notice.onclick = function () { window.focus(); notice.close(); };
    } catch (e) { /* some browsers only notify from a service worker */ }
  }

  function news(live, count) {
    if (count <= 0) { return; }
    if (document.hidden) { unread += count; showTitle(); }
    if ((document.hidden || !document.hasFocus()) && alertsOn()) {
      tone();
      desktopNotice(live.getAttribute("data-alert") || baseTitle);
    }
  }

  function seen(live) {
    var selector = live.getAttribute("data-unread");
    var known = {};
    function look(count) {
      if (!selector) { return 0; }
      var fresh = 0;
      var items = live.querySelectorAll(selector);
      for (var i = 0; i < items.length; i += 1) {
        var id = items[i].getAttribute("data-request") || items[i].getAttribute("data-id");
        if (id && !known[id]) { known[id] = true; fresh += 1; }
      }
      return count ? fresh : 0;
    }
    look(false);  // what the page showed when it opened is not news
    return function () {
      var fresh = look(true);
      news(live, fresh);
      return fresh;
    };
  }

  function read() {
    if (!document.hidden) { unread = 0; showTitle(); }
  }

  function alertsToggle() {
    var box = document.getElementById("alerts");
    if (!box) { return; }
    var holder = box.closest ? box.closest("[hidden]") : null;
    if (holder) { holder.hidden = false; }
    var note = document.getElementById("alerts-note");
    box.checked = alertsOn();
    function denied() {
      var blocked = window.Notification && window.Notification.permission === "denied";
      if (note) { note.hidden = !(box.checked && blocked); }
    }
    denied();
    box.addEventListener("change", function () {
      try { window.localStorage.setItem(ALERTS_KEY, box.checked ? "on" : "off"); } catch (e) { /* private mode */ }
      if (!box.checked) { denied(); return; }
      audioContext();  // created in the click: browsers let it play later
      if (window.Notification && window.Notification.permission === "default") {
        var asked = window.Notification.requestPermission(denied);
        if (asked && asked.then) { asked.then(denied); }
      }
      denied();
    });
    // A page opened with the alerts on may play only after a gesture: resume on the first one.
    document.addEventListener("pointerdown", function wake() {
      if (alertsOn()) { audioContext(); }
      document.removeEventListener("pointerdown", wake);
    });
  }

  /* ---- live parts -------------------------------------------------------------------- */

  function refresher(live, changed) {
    var pending = null;
    var busy = false;
    function refresh() {
      pending = null;
      if (busy) { schedule(); return; }
      busy = true;
      fetch(live.getAttribute("data-src"), {
        credentials: "same-origin",
        headers: { "Accept": "text/html" }
      }).then(function (response) {
        if (response.status === 401 || response.redirected) { window.location.reload(); return null; }
        return response.ok ? response.text() : null;
      }).then(function (html) {
        if (html !== null && html !== undefined) {
          var typing = live.contains(document.activeElement);
          if (!typing) { live.innerHTML = html; changed(); }
        }
      }).catch(function () { /* the next event tries again */ }).then(function () {
        busy = false;
      });
    }
    function schedule() {
      if (pending === null) { pending = window.setTimeout(refresh, 250); }
    }
    return schedule;
  }

  function toBottom(live) {
    var thread = live.querySelector(".thread");
    if (thread) { thread.scrollTop = thread.scrollHeight; }
  }

  /* ---- typing ------------------------------------------------------------------------ */

  function typingShown(source) {
    var box = document.getElementById("typing");
    if (!box) { return; }
    var timer = null;
    source.addEventListener("typing", function (event) {
      var data;
      try { data = JSON.parse(event.data); } catch (e) { return; }
      var template = box.getAttribute("data-template") || "{name}";
      box.textContent = template.replace("{name}", String(data.label || ""));
      box.hidden = false;
      if (timer !== null) { window.clearTimeout(timer); }
      timer = window.setTimeout(function () { box.hidden = true; }, (data.seconds || 6) * 1000);
    });
    return function () {  // a new message came: whoever typed has sent it
      box.hidden = true;
    };
  }

  function typingSent(composer) {
    var url = composer.getAttribute("data-typing");
    var area = composer.querySelector("textarea");
    if (!url || !area || !window.fetch) { return; }
    var last = 0;
    area.addEventListener("input", function () {
      var text = area.value.replace(/^\s+/, "");
      var now = Date.now();
      if (!text || text.indexOf("//") === 0 || now - last < TYPING_EVERY) { return; }
      last = now;
      fetch(url, {
        method: "POST",
        credentials: "same-origin",
        headers: { "Accept": "application/json", "X-CSRF-Token": csrfToken() }
      }).catch(function () { /* a lost "typing" costs nothing */ });
    });
  }

  /* ---- files ------------------------------------------------------------------------- */

  function showError(form, text) {
    var box = form.querySelector("[data-upload-error]");
    if (box) { box.textContent = text || ""; box.hidden = !text; }
  }

  function send(form, file, pasted) {
    var button = form.querySelector("button[type=submit]");
    if (button && button.disabled) { return; }  // already sending: one file per click
    var max = parseInt(form.getAttribute("data-max-bytes") || "0", 10);
    if (file && max && file.size > max) { showError(form, form.getAttribute("data-too-big")); return; }
    var token = form.querySelector("input[name=csrf_token]");
    var label = button ? button.textContent : "";
    if (button) { button.disabled = true; button.textContent = form.getAttribute("data-sending") || label; }
    showError(form, "");
    var body = new FormData(form);
    if (pasted) {
      body.set("file", file, file.name || "imagem.png");
    }
    fetch(form.action, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "Accept": "application/json", "X-CSRF-Token": token ? token.value : "" }
    }).then(function (response) {
      if (response.status === 401 || response.redirected) { window.location.reload(); return null; }
      return response.json();
    }).then(function (answer) {
      if (!answer) { return; }
      var nonce = form.querySelector("input[name=nonce]");
      if (nonce && answer.nonce) { nonce.value = answer.nonce; }
      if (answer.ok) { form.reset(); } else { showError(form, answer.notice); }
    }).catch(function () {
      if (pasted) { showError(form, form.getAttribute("data-failed") || ""); return; }
      form.submit();  // the server answers the plain post with the page
    }).then(function () {
      if (button) { button.disabled = false; button.textContent = label; }
    });
  }

  function upload(form, event) {
    if (!window.fetch || !window.FormData) { return; }  // the plain form post does it
    event.preventDefault();
    var input = form.querySelector("input[type=file]");
    send(form, input && input.files && input.files[0]);
  }

  function firstFile(list) {
    return list && list.length ? list[0] : null;
  }

  function filesTaken(form, composer, zone) {
    if (!form || !window.fetch || !window.FormData) { return; }
    var area = composer ? composer.querySelector("textarea") : null;
    if (area) {
      area.addEventListener("paste", function (event) {
        var file = firstFile(event.clipboardData && event.clipboardData.files);
        if (!file) { return; }  // text is pasted as usual
        event.preventDefault();
        send(form, file, true);
      });
    }
    if (!zone) { return; }
    var depth = 0;
    function carriesFiles(event) {
      var types = event.dataTransfer && event.dataTransfer.types;
      if (!types) { return false; }
      for (var i = 0; i < types.length; i += 1) { if (types[i] === "Files") { return true; } }
      return false;
    }
    zone.addEventListener("dragenter", function (event) {
      if (!carriesFiles(event)) { return; }
      event.preventDefault();
      depth += 1;
      zone.classList.add("dropping");
    });
    zone.addEventListener("dragover", function (event) {
      if (!carriesFiles(event)) { return; }
      event.preventDefault();
      event.dataTransfer.dropEffect = "copy";
    });
    zone.addEventListener("dragleave", function () {
      depth = Math.max(0, depth - 1);
      if (depth === 0) { zone.classList.remove("dropping"); }
    });
    zone.addEventListener("drop", function (event) {
      var file = firstFile(event.dataTransfer && event.dataTransfer.files);
      depth = 0;
      zone.classList.remove("dropping");
      if (!file) { return; }
      event.preventDefault();
      send(form, file, true);
    });
  }

  /* ---- the page ---------------------------------------------------------------------- */

  function start() {
    alertsToggle();
    document.addEventListener("visibilitychange", read);
    window.addEventListener("focus", read);
    var live = document.getElementById("live");
    if (live && live.getAttribute("data-events") && window.EventSource) {
      var source = new EventSource(live.getAttribute("data-events"));
      var sent = typingShown(source) || function () {};
      var check = seen(live);
      var schedule = refresher(live, function () {
        if (check() > 0) { sent(); }
        toBottom(live);
      });
      source.onmessage = schedule;  // a burst (the history on connecting) makes one fetch
      source.onopen = schedule;
    }
    document.addEventListener("submit", function (event) {
      var form = event.target;
      var question = form.getAttribute && form.getAttribute("data-confirm");
      if (question && !window.confirm(question)) { event.preventDefault(); return; }
      if (form.hasAttribute && form.hasAttribute("data-upload")) { upload(form, event); }
    });
    var composer = document.getElementById("composer");
    if (composer) { typingSent(composer); }
    filesTaken(
      document.getElementById("attach"),
      composer,
      document.querySelector("[data-drop]")
    );
    if (live) { toBottom(live); }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
