// Comfort for long writing sessions, all progressive enhancement (the form works
// without this file): long-text boxes grow with their content and count words and
// sentences against what the help asks for; a link to a field (from the pre-submit
// check, an error summary or the jump menu) moves the focus there, not only the view;
// the form remembers the field being edited, so a Save sent without autosave comes
// back to it.
(function () {
  "use strict";

  // --- Growing text boxes -----------------------------------------------------------
  // Browsers with CSS `field-sizing: content` grow the box themselves (app.css); the
  // others get its height set to its content's.
  var cssGrows = window.CSS && CSS.supports && CSS.supports("field-sizing", "content");
  function grow(box) {
    if (cssGrows) { return; }
    // Growing changes the page below the box only, never what is above it: the place
    // the person is reading stays where it is.
    box.style.height = "auto";
    box.style.height = Math.max(box.scrollHeight + 2, 160) + "px";
  }

  // --- Counting words and sentences -------------------------------------------------
  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (all, name) {
      return values[name] !== undefined ? values[name] : all;
    });
  }
  function words(text) {
    var found = text.trim().match(/\S+/g);
    return found ? found.length : 0;
  }
  function sentences(text) {
    // A sentence ends with . ! ? or … followed by a space or the end; a last sentence
    // without its full stop counts too.
    var trimmed = text.trim();
    if (!trimmed) { return 0; }
    var ends = trimmed.match(/[.!?…]+(?=\s|$)/g);
    var count = ends ? ends.length : 0;
    return /[.!?…]$/.test(trimmed) ? count : count + 1;
  }
  function count(box) {
    var counter = document.getElementById("count-" + box.id.replace("input-", ""));
    if (!counter) { return; }
    var n = words(box.value), s = sentences(box.value);
    var parts = [
      fill(counter.getAttribute(n === 1 ? "data-words-one" : "data-words-many"), { n: n }),
      fill(counter.getAttribute(s === 1 ? "data-sentences-one" : "data-sentences-many"), { n: s })
    ];
    var text = parts.join(" · ");
    var min = counter.getAttribute("data-min"), max = counter.getAttribute("data-max");
    if (min && max) {
      text += " (" + fill(counter.getAttribute("data-asked"), { min: min, max: max }) + ")";
      counter.classList.toggle("field__count--short", s > 0 && s < Number(min));
      counter.classList.toggle("field__count--long", s > Number(max));
      counter.classList.toggle("field__count--fits", s >= Number(min) && s <= Number(max));
    }
    counter.textContent = text;
  }

  document.querySelectorAll("textarea[data-grow]").forEach(function (box) {
    grow(box);
    count(box);
    box.addEventListener("input", function () { grow(box); count(box); });
  });

  // --- Links that move the focus ----------------------------------------------------
  // A fragment link scrolls to its target but leaves the focus where it was; a
  // keyboard or screen-reader user would go on from the top of the page.
  function focusTarget(hash, scroll) {
    if (!hash || hash.length < 2) { return false; }
    var target = document.getElementById(decodeURIComponent(hash.slice(1)));
    if (!target) { return false; }
    if (target.matches("[data-question]")) {
      target = target.querySelector("input:not([type=hidden]), textarea, select") || target;
    }
    if (target.closest("[hidden]")) { return false; }
    if (!target.matches("input, textarea, select, button, a[href], [tabindex]")) {
      target.setAttribute("tabindex", "-1");
    }
    target.focus({ preventScroll: !scroll });
    return true;
  }
  document.addEventListener("click", function (event) {
    var link = event.target.closest("a[href^='#']");
    if (!link) { return; }
    // The browser scrolls to the fragment itself; only the focus was missing.
    focusTarget(link.getAttribute("href"), false);
  });
  function focusFromAddress() {
    // After the scripts run, so a grown text box does not move the field again.
    window.requestAnimationFrame(function () { focusTarget(window.location.hash, true); });
  }
  if (window.location.hash) {
    if (document.readyState === "complete") { focusFromAddress(); } else {
      window.addEventListener("load", focusFromAddress);
    }
  }

  // --- The field being edited -------------------------------------------------------
  var form = document.querySelector("form[data-autosave]");
  var focusField = form && form.querySelector("[data-focus-field]");
  if (form && focusField) {
    form.addEventListener("focusin", function (event) {
      var block = event.target.closest("[data-question]");
      if (block) { focusField.value = block.getAttribute("data-question"); }
    });
  }
})();
