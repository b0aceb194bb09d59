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
