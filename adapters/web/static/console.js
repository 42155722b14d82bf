/* Staff console: live parts of a page, and confirmations.
 *
 * An element #live with data-src (a URL giving the part's fresh HTML) and data-events (a
 * Server-Sent Events URL) is fetched again, shortly after each event, so the queue, a session's
 * conversation and the rooms follow what happens without reloading. Forms with data-confirm ask
 * before submitting. Without JavaScript every form still works (post, then the page reloads).
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
      if (question && !window.confirm(question)) { event.preventDefault(); }
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
