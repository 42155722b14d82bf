/* The dashboard's "now" panel, kept live: Server-Sent Events carry the panel's HTML, rendered
 * (and escaped) by the server; the page just swaps it in. Without JavaScript the page still
 * shows the figures of the moment it was loaded. */
(function () {
  "use strict";
  var panel = document.getElementById("live-panel");
  if (!panel || !window.EventSource) { return; }
  var source = new EventSource(panel.getAttribute("data-live"));
  source.addEventListener("panel", function (event) {
    try { panel.innerHTML = JSON.parse(event.data).html; } catch (e) { /* keep the last one */ }
  });
}());
