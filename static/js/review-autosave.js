// Autosave for the review form. Progressive enhancement: without it the Save button
// stores everything. With it, the whole form is posted a moment after the reviewer
// stops typing; the server answers in JSON, and a failed save keeps the text in the
// page and in this browser's storage (under the reviewer's and the report's name, with
// the version it was typed on). After a reload, a kept copy that differs from the
// saved review is offered beside it, and nothing is sent until the reviewer chooses.
(function () {
  "use strict";
  var DELAY = 1500;
  var form = document.querySelector("form[data-review-autosave]");
  if (!form) { return; }
  var status = document.getElementById("save-status");
  var versionInput = form.querySelector("[data-version]");
  var texts = document.getElementById("draft-texts");
  var user = texts ? texts.getAttribute("data-user") : "";
  var drafts = window.EccarDrafts;
  var offers = window.EccarDraftOffer;
  var storageKey = user ? drafts.key(user, ["review", texts.getAttribute("data-report")]) : "";
  var timer = null;
  var dirty = false;
  var inFlight = false;
  // While a kept copy waits for the reviewer's choice: {base: the version it was typed on}.
  var conflict = null;

  function csrfToken() {
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    if (match) { return decodeURIComponent(match[1]); }
    var input = form.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function say(text, isError) {
    status.textContent = text;
    status.classList.toggle("save-status--error", !!isError);
  }

  function retryButton() {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "button button--small";
    button.textContent = status.getAttribute("data-retry-text");
    button.addEventListener("click", save);
    status.appendChild(document.createTextNode(" "));
    status.appendChild(button);
  }

  // Fields a message names (a comment typed before its score, a bad score) are marked
  // until a save no longer names them.
  var marked = [];
  function mark(names) {
    marked.forEach(function (el) { el.removeAttribute("aria-invalid"); });
    marked = names.map(function (name) { return form.elements[name]; }).filter(Boolean);
    marked.forEach(function (el) { el.setAttribute("aria-invalid", "true"); });
  }

  function formValues() {
    var values = {};
    new FormData(form).forEach(function (value, name) {
      if (name !== "csrfmiddlewaretoken" && name !== "version") { values[name] = value; }
    });
    return values;
  }

  function sameValues(a, b) {
    return Object.keys(a).every(function (name) { return a[name] === (b[name] || ""); });
  }

  function backup() {
    if (!storageKey) { return; }
    drafts.write(storageKey, { values: formValues(), base: conflict ? conflict.base : versionInput.value });
  }

  function save() {
    if (conflict) { return; }  // nothing is sent before the reviewer has chosen
    if (inFlight) { schedule(); return; }
    inFlight = true;
    dirty = false;
    var body = new FormData(form);
    var sent = formValues();
    say(status.getAttribute("data-saving-text"));
    fetch(location.pathname, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "X-CSRFToken": csrfToken(), "X-Requested-With": "fetch" }
    }).then(function (response) {
      var type = response.headers.get("Content-Type") || "";
      var json = type.indexOf("application/json") === 0 ? response.json() : Promise.resolve(null);
      return json.then(function (data) { return { response: response, data: data }; });
    }).then(function (result) {
      inFlight = false;
      var response = result.response, data = result.data || {};
      if (response.ok && result.data) {
        versionInput.value = data.version;
        var warnings = data.warnings || {};
        var missing = Object.keys(warnings);
        mark(missing);
        // The copy goes once the server holds its text; text typed meanwhile stays (and
        // so does a comment the server could not store without its score).
        var copy = storageKey ? drafts.read(storageKey) : null;
        if (missing.length) {
          dirty = true;
          if (copy) { copy.base = data.version; drafts.write(storageKey, copy); }
          say(status.getAttribute("data-saved-text") + " " + data.saved_at + ". " +
            missing.map(function (name) { return warnings[name]; }).join(" "), true);
          return;
        }
        if (copy && sameValues(copy.values || {}, sent) && sameValues(sent, copy.values || {})) {
          drafts.remove(storageKey);
        } else if (copy) {
          copy.base = data.version;
          drafts.write(storageKey, copy);
        }
        say(status.getAttribute("data-saved-text") + " " + data.saved_at);
        return;
      }
      if (response.status === 409 && result.data) {
        dirty = true;
        say(data.error + " " + offers.text("offline"), true);
        return;
      }
      if ((response.status === 400 || response.status === 403) && result.data) {
        dirty = true;
        mark(Object.keys(data.errors || {}));
        say(data.error, true);
        return;
      }
      // 401, or a CSRF page: the session or its token has expired.
      dirty = true;
      say(status.getAttribute("data-session-text"), true);
      retryButton();
    }).catch(function () {
      inFlight = false;
      dirty = true;
      say(status.getAttribute("data-failed-text"), true);
      schedule(5000);
    });
  }

  function schedule(delay) {
    dirty = true;
    clearTimeout(timer);
    if (conflict) { return; }
    timer = setTimeout(save, delay || DELAY);
  }

  function labelOf(el) {
    var label = el.id && form.querySelector("label[for='" + el.id + "']");
    return label ? label.textContent.trim() : el.name;
  }

  function readable(el, value) {
    if (el.tagName !== "SELECT") { return value; }
    var option = Array.prototype.find.call(el.options, function (o) { return o.value === value; });
    return option ? option.textContent.trim() : value;
  }

  // What the server sent for a field, whatever was typed since.
  function savedValue(el) {
    if (el.tagName !== "SELECT") { return el.defaultValue; }
    var chosen = Array.prototype.find.call(el.options, function (o) { return o.defaultSelected; });
    return chosen ? chosen.value : (el.options[0] ? el.options[0].value : "");
  }

  // Puts the kept copy in the form and shows it beside the saved review, field by field.
  function offerCopy(copy) {
    var saved = {};
    Object.keys(copy.values).forEach(function (name) {
      var el = form.elements[name];
      if (el && el.name) { saved[name] = savedValue(el); }
    });
    var changed = Object.keys(copy.values).filter(function (name) {
      return name in saved && copy.values[name] !== saved[name];
    });
    if (!changed.length) { drafts.remove(storageKey); return; }
    conflict = { base: String(copy.base) };
    changed.forEach(function (name) { form.elements[name].value = copy.values[name]; });
    // A changed commitment feedback sits in a closed <details>: open it so the
    // reviewer sees what the offer is about.
    changed.forEach(function (name) {
      var details = form.elements[name].closest("details");
      if (details) { details.open = true; }
    });
    dirty = true;
    say(offers.text("announce"), true);
    offers.show({
      before: form,
      newer: String(copy.base) !== versionInput.value,
      rows: changed.map(function (name) {
        var el = form.elements[name];
        return { label: labelOf(el), mine: readable(el, copy.values[name]), theirs: readable(el, saved[name] || "") };
      }),
      onMine: function () {
        // Sent with the version the reviewer has now seen (the page's), so a change
        // made meanwhile in another window is refused again rather than overwritten.
        conflict = null;
        save();
      },
      onTheirs: function () {
        conflict = null;
        dirty = false;
        changed.forEach(function (name) { form.elements[name].value = saved[name] || ""; });
        drafts.remove(storageKey);
        say("");
      }
    });
  }

  // Text typed before this script ran (slow laptop, slow network) is saved too.
  function changedBeforeLoad() {
    return Array.prototype.some.call(form.elements, function (el) {
      if (el.tagName === "TEXTAREA" || el.type === "text") { return el.value !== el.defaultValue; }
      if (el.tagName === "SELECT") {
        // With no option marked selected in the HTML, the browser shows the first one.
        var initial = 0;
        Array.prototype.forEach.call(el.options, function (o, i) { if (o.defaultSelected) { initial = i; } });
        return el.selectedIndex !== initial;
      }
      return false;
    });
  }
  if (changedBeforeLoad()) { backup(); schedule(); }
  var kept = storageKey ? drafts.read(storageKey) : null;
  if (kept && kept.values && typeof kept.values === "object") {
    clearTimeout(timer);
    offerCopy(kept);
  }

  form.addEventListener("input", function () { backup(); schedule(); });
  form.addEventListener("change", function () { backup(); schedule(); });
  form.addEventListener("submit", function () { clearTimeout(timer); dirty = false; });
  window.addEventListener("beforeunload", function (event) {
    if (dirty) {
      event.preventDefault();
      event.returnValue = form.getAttribute("data-unsaved-text");
    }
  });
})();
