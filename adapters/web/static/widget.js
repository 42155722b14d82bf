/* The chat launcher for a vendor's site: <script src="https://BOT/chat/widget.js" async></script>
 * draws a chat bubble in the page's corner; pressing it opens the chat (an iframe of
 * /chat?embed=1) in a floating panel, full screen on a phone. The close button inside the panel,
 * Escape or the bubble close it again. The embedded chat tells this page how many messages
 * arrived (postMessage: only a count, accepted only from the bot's origin and its own frame);
 * the bubble shows those that came while the panel was closed. Once a visitor has opened the
 * chat, later pages load it (hidden) at once, so the count works there too. Styles are set
 * through the DOM (no inline <style>, no innerHTML), so a strict CSP on the site allows it. */
(function () {
  "use strict";

  var TEXTS = {};
  var script = document.currentScript;
  if (!script || window.__consultoriaLauncher) { return; }
  window.__consultoriaLauncher = true;
  var source = new URL(script.src, window.location.href);
  var BOT = source.origin;
  var lang = source.searchParams.get("lang");
  var REMEMBER = "consultoria-chat-opened";
  var BRAND = "#0b5cad";
  var PHONE = window.matchMedia("(max-width: 480px)");

  var bubble, badge, panel, frame;
  var open = false;
  var count = 0; /* messages the chat has received since it loaded */
  var seen = 0; /* of those, the ones shown while the panel was open */

  function css(element, styles) {
    Object.keys(styles).forEach(function (name) { element.style[name] = styles[name]; });
    return element;
  }

  function icon(kind) {
    var ns = "http://www.w3.org/2000/svg";
    var svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("width", "28");
    svg.setAttribute("height", "28");
    svg.setAttribute("aria-hidden", "true");
    var path = document.createElementNS(ns, "path");
    path.setAttribute("fill", "#fff");
    path.setAttribute("d", kind === "close"
      ? "M6.4 5 5 6.4 10.6 12 5 17.6 6.4 19l5.6-5.6 5.6 5.6 1.4-1.4-5.6-5.6L19 6.4 17.6 5 12 10.6z"
      : "M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H8.8L4 22v-4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2zm3 6v2h2V9H7zm4 0v2h2V9h-2zm4 0v2h2V9h-2z");
    svg.appendChild(path);
    return svg;
  }

  function remembered() {
    try { return window.localStorage.getItem(REMEMBER) === "1"; } catch (e) { return false; }
  }

  function remember() {
    try { window.localStorage.setItem(REMEMBER, "1"); } catch (e) { /* private mode: fine */ }
  }

  function chatUrl() {
    var url = BOT + "/chat?embed=1&host=" + encodeURIComponent(window.location.origin);
    return lang ? url + "&lang=" + encodeURIComponent(lang) : url;
  }

  function ensureFrame() {
    if (frame) { return; }
    frame = document.createElement("iframe");
    frame.src = chatUrl();
    frame.title = TEXTS.title || "";
    frame.setAttribute("allow", "clipboard-read; clipboard-write");
    css(frame, { width: "100%", height: "100%", border: "0", display: "block", background: "#fff" });
    panel.appendChild(frame);
  }

  function layout() {
    var phone = PHONE.matches;
    css(panel, phone
      ? { inset: "0", width: "100%", height: "100%", borderRadius: "0", bottom: "0", right: "0" }
      : { inset: "auto", right: "20px", bottom: "92px", width: "380px",
          height: "min(640px, calc(100vh - 120px))", borderRadius: "14px" });
    css(bubble, { display: phone && open ? "none" : "flex" });
  }

  function showBadge() {
    var unread = open ? 0 : Math.max(0, count - seen);
    badge.textContent = unread > 99 ? "99+" : String(unread);
    badge.hidden = unread === 0;
    css(badge, { display: unread === 0 ? "none" : "flex" });
    bubble.setAttribute("aria-label", (open ? TEXTS.close : TEXTS.open) + (unread ? " (" + unread + ")" : ""));
  }

  function setOpen(wanted) {
    open = wanted;
    if (open) {
      ensureFrame();
      remember();
      seen = count;
    }
    css(panel, { display: open ? "block" : "none" });
    bubble.replaceChild(icon(open ? "close" : "chat"), bubble.firstChild);
    bubble.setAttribute("aria-expanded", open ? "true" : "false");
    layout();
    showBadge();
    if (open) { frame.focus(); } else { bubble.focus(); }
  }

  function heard(event) {
    if (event.origin !== BOT || !frame || event.source !== frame.contentWindow) { return; }
    var data = event.data;
    if (!data || typeof data !== "object") { return; }
    if (data.consultoria === "unread") {
      var n = Number(data.count);
      if (!isFinite(n) || n < 0 || n > 100000) { return; }
      count = Math.floor(n);
      if (open) { seen = count; }
      showBadge();
    } else if (data.consultoria === "close" && open) {
      setOpen(false);
    }
  }

  function build() {
    bubble = css(document.createElement("button"), {
      position: "fixed", right: "20px", bottom: "20px", width: "60px", height: "60px",
      borderRadius: "50%", border: "0", background: BRAND, color: "#fff", cursor: "pointer",
      boxShadow: "0 6px 18px rgba(15, 39, 64, .3)", zIndex: "2147483646", display: "flex",
      alignItems: "center", justifyContent: "center", padding: "0"
    });
    bubble.type = "button";
    bubble.className = "consultoria-launcher";
    bubble.appendChild(icon("chat"));
    badge = css(document.createElement("span"), {
      position: "absolute", top: "-4px", right: "-4px", minWidth: "22px", height: "22px",
      padding: "0 6px", borderRadius: "11px", background: "#b3261e", color: "#fff",
      font: "700 12px/22px system-ui, sans-serif", display: "none", alignItems: "center",
      justifyContent: "center", boxSizing: "border-box", border: "2px solid #fff"
    });
    badge.className = "consultoria-unread";
    badge.hidden = true;
    bubble.appendChild(badge);
    panel = css(document.createElement("div"), {
      position: "fixed", display: "none", overflow: "hidden", background: "#fff",
      boxShadow: "0 12px 40px rgba(15, 39, 64, .35)", zIndex: "2147483647"
    });
    panel.className = "consultoria-panel";
    panel.setAttribute("role", "dialog");
    panel.setAttribute("aria-label", TEXTS.title || "");
    bubble.addEventListener("click", function () { setOpen(!open); });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && open) { setOpen(false); }
    });
    window.addEventListener("message", heard);
    if (PHONE.addEventListener) { PHONE.addEventListener("change", layout); }
    document.body.appendChild(panel);
    document.body.appendChild(bubble);
    layout();
    showBadge();
    if (remembered()) { ensureFrame(); }
  }

  if (document.body) { build(); } else { document.addEventListener("DOMContentLoaded", build); }
})();
