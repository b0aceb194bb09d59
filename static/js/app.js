// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";
  // Move focus to an error summary so screen readers announce it at once.
  document.addEventListener("DOMContentLoaded", function () {
    var summary = document.querySelector("[data-autofocus]");
    if (summary) { summary.focus(); }
  });
  // Close an open <details> menu with Escape, returning focus to its summary.
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") { return; }
    document.querySelectorAll("details.menu[open]").forEach(function (menu) {
      menu.removeAttribute("open");
      menu.querySelector("summary").focus();
    });
  });
})();
// Ask before destructive form posts marked with data-confirm; buttons marked
// data-once are disabled after the first click so a double click sends one request.
document.addEventListener("submit", function (event) {
  var form = event.target;
  var question = form.getAttribute("data-confirm");
  if (question && !window.confirm(question)) { event.preventDefault(); return; }
  form.querySelectorAll("button[data-once]").forEach(function (button) {
    setTimeout(function () { button.disabled = true; }, 0);
  });
});
// A table wider than the screen scrolls sideways inside .table-wrap. While it does,
// the wrapper becomes a named region that takes the focus, so keyboard users can
// scroll it with the arrow keys (WCAG 2.1.1); it leaves the tab order again when
// the table fits, so wide screens get no extra tab stop.
(function () {
  "use strict";
  function nameOf(wrap) {
    var caption = wrap.querySelector("caption");
    if (caption) { return caption.textContent.trim(); }
    var section = wrap.closest("[aria-labelledby]");
    var heading = section && document.getElementById(section.getAttribute("aria-labelledby"));
    if (heading) { return heading.textContent.trim(); }
    var title = document.querySelector("h1");
    return title ? title.textContent.trim() : document.title;
  }
  function markScrollingTables() {
    document.querySelectorAll(".table-wrap").forEach(function (wrap) {
      if (wrap.scrollWidth > wrap.clientWidth + 1) {
        if (wrap.hasAttribute("data-scroll-region")) { return; }
        wrap.setAttribute("data-scroll-region", "");
        wrap.setAttribute("tabindex", "0");
        wrap.setAttribute("role", "region");
        wrap.setAttribute("aria-label", nameOf(wrap));
      } else if (wrap.hasAttribute("data-scroll-region")) {
        ["data-scroll-region", "tabindex", "role", "aria-label"].forEach(function (name) {
          wrap.removeAttribute(name);
        });
      }
    });
  }
  document.addEventListener("DOMContentLoaded", markScrollingTables);
  window.addEventListener("resize", markScrollingTables);
})();
// Copies of unsaved text kept in this browser (see autosave.js, review-autosave.js).
// Every key names the user, so on a shared computer nobody is offered another
// person's text, and logging out removes the copies of the one who leaves.
window.EccarDrafts = (function () {
  "use strict";
  var PREFIX = "eccar-draft:";

  function key(user, parts) { return PREFIX + user + ":" + parts.join(":"); }
  function read(name) {
    try {
      var raw = localStorage.getItem(name);
      return raw ? JSON.parse(raw) : null;
    } catch (e) { return null; }
  }
  function write(name, draft) {
    try { localStorage.setItem(name, JSON.stringify(draft)); } catch (e) { /* full or disabled */ }
  }
  function remove(name) {
    try { localStorage.removeItem(name); } catch (e) { /* disabled */ }
  }
  function removeWhere(test) {
    try {
      var names = [];
      for (var i = 0; i < localStorage.length; i++) {
        if (test(localStorage.key(i))) { names.push(localStorage.key(i)); }
      }
      names.forEach(function (name) { localStorage.removeItem(name); });
    } catch (e) { /* disabled */ }
  }
  function clearUser(user) {
    removeWhere(function (name) { return name.indexOf(PREFIX + user + ":") === 0; });
  }
  // Copies from before copies were kept per user name no owner: never restore them.
  removeWhere(function (name) {
    return name.indexOf("eccar-autosave:") === 0 || name.indexOf("eccar-review:") === 0;
  });
  document.addEventListener("submit", function (event) {
    var user = event.target.getAttribute("data-logout-user");
    if (user) { clearUser(user); }
  });
  return { key: key, read: read, write: write, remove: remove, clearUser: clearUser };
})();
