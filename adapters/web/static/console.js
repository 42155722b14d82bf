/* Staff console: live parts of a page, and confirmations.
 *
 * An element #live with data-src (a URL giving the part's fresh HTML) and data-events (a
 * Server-Sent Events URL) is fetched again, shortly after each event, so the queue, a session's
 * conversation and the rooms follow what happens without reloading. Forms with data-confirm ask
 * before submitting. A form with data-upload (a file for the client) is sent in the background
 * with the X-CSRF-Token header: a file over data-max-bytes is refused before sending, a refusal
 * is shown in the form, and the form is emptied (with the fresh one-time nonce the server gives)
 * once the file went. Without JavaScript every form still works (post, then the page reloads).
 */
(function () {
  "use strict";

  function refresher(live) {
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
          if (!typing) { live.innerHTML = html; }
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

  function showError(form, text) {
    var box = form.querySelector("[data-upload-error]");
    if (box) { box.textContent = text || ""; box.hidden = !text; }
  }

  function upload(form, event) {
    if (!window.fetch || !window.FormData) { return; }  // the plain form post does it
    event.preventDefault();
    var button = form.querySelector("button[type=submit]");
    if (button && button.disabled) { return; }  // already sending: one file per click
    var input = form.querySelector("input[type=file]");
    var file = input && input.files && input.files[0];
    var max = parseInt(form.getAttribute("data-max-bytes") || "0", 10);
    if (file && max && file.size > max) { showError(form, form.getAttribute("data-too-big")); return; }
    var token = form.querySelector("input[name=csrf_token]");
    var label = button ? button.textContent : "";
    if (button) { button.disabled = true; button.textContent = form.getAttribute("data-sending") || label; }
    showError(form, "");
    fetch(form.action, {
      method: "POST",
      body: new FormData(form),
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
      form.submit();  // the server answers the plain post with the page
    }).then(function () {
      if (button) { button.disabled = false; button.textContent = label; }
    });
  }

  function start() {
    var live = document.getElementById("live");
    if (live && live.getAttribute("data-events") && window.EventSource) {
      var schedule = refresher(live);
      var source = new EventSource(live.getAttribute("data-events"));
      source.onmessage = schedule;  // a burst (the history on connecting) makes one fetch
      source.onopen = schedule;
    }
    document.addEventListener("submit", function (event) {
      var form = event.target;
      var question = form.getAttribute && form.getAttribute("data-confirm");
      if (question && !window.confirm(question)) { event.preventDefault(); return; }
      if (form.hasAttribute && form.hasAttribute("data-upload")) { upload(form, event); }
    });
    var thread = document.querySelector(".thread");
    if (thread) { thread.scrollTop = thread.scrollHeight; }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
