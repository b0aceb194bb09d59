// Autosave for report forms. Progressive enhancement: without this file the form's
// Save button stores everything. With it, each answer is sent a moment after the
// person stops typing; a failed save keeps the text (also in localStorage) and says so.
(function () {
  "use strict";
  var DELAY = 1200;
  var form = document.querySelector("form[data-autosave]");
  if (!form) { return; }
  var url = form.getAttribute("data-autosave");
  var measure = form.getAttribute("data-measure") || "";
  var status = document.getElementById("save-status");
  var timers = {};
  var pending = {};
  var storageKey = "eccar-autosave:" + location.pathname + ":";

  function csrfToken() {
    // Read the cookie at every request: after logging in again in another tab the
    // token has changed, and the retried save must use the new one.
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    if (match) { return decodeURIComponent(match[1]); }
    var input = form.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function say(text, isError) {
    status.textContent = text;
    status.classList.toggle("save-status--error", !!isError);
  }

  function valuesOf(block) {
    var qid = block.getAttribute("data-question");
    var inputs = block.querySelectorAll("[name='a-" + qid + "']");
    var values = [];
    inputs.forEach(function (input) {
      if ((input.type === "checkbox" || input.type === "radio") && !input.checked) { return; }
      values.push(input.value);
    });
    return values;
  }

  function fieldStatus(block, text, isError) {
    var el = block.querySelector("[data-status]");
    if (!el) { return; }
    el.textContent = text;
    el.classList.toggle("field__status--error", !!isError);
  }

  function retryButton(block) {
    var el = block.querySelector("[data-status]");
    var button = document.createElement("button");
    button.type = "button";
    button.className = "button button--small";
    button.textContent = status.getAttribute("data-retry-text");
    button.addEventListener("click", function () { save(block); });
    el.appendChild(document.createTextNode(" "));
    el.appendChild(button);
  }

  function save(block) {
    var qid = block.getAttribute("data-question");
    var versionInput = block.querySelector("[data-version]");
    var values = valuesOf(block);
    var body = new FormData();
    body.append("question", qid);
    body.append("measure", measure);
    body.append("version", versionInput.value);
    values.forEach(function (v) { body.append("value", v); });
    pending[qid] = true;
    say(status.getAttribute("data-saving-text"));
    return fetch(url, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "X-CSRFToken": csrfToken(), "X-Requested-With": "fetch" }
    }).then(function (response) {
      var type = response.headers.get("Content-Type") || "";
      var json = type.indexOf("application/json") === 0 ? response.json() : Promise.resolve(null);
      return json.then(function (data) { return { response: response, data: data }; });
    }).then(function (result) {
      var response = result.response, data = result.data || {};
      if (response.ok) {
        versionInput.value = data.version;
        delete pending[qid];
        localStorage.removeItem(storageKey + qid);
        fieldStatus(block, "");
        var carried = block.querySelector(".field__carried");
        if (carried) { carried.remove(); }
        say(status.getAttribute("data-saved-text") + " " + data.saved_at);
        return;
      }
      if (response.status === 409) {
        versionInput.value = data.version;
        fieldStatus(block, data.error + " " + JSON.stringify(data.their_value), true);
        say(data.error, true);
        return;
      }
      if (response.status === 400 && result.data) {
        fieldStatus(block, data.error, true);
        say(data.error, true);
        return;
      }
      if (response.status === 403 && result.data) {
        say(status.getAttribute("data-frozen-text"), true);
        return;
      }
      // 401, or a 403 page from Django's CSRF check: the session or token has expired.
      fieldStatus(block, status.getAttribute("data-session-text"), true);
      retryButton(block);
      say(status.getAttribute("data-session-text"), true);
    }).catch(function () {
      // Network trouble: try again a little later, the text stays where it is.
      fieldStatus(block, status.getAttribute("data-failed-text"), true);
      say(status.getAttribute("data-failed-text"), true);
      schedule(block, 5000);
    });
  }

  function schedule(block, delay) {
    var qid = block.getAttribute("data-question");
    pending[qid] = true;
    clearTimeout(timers[qid]);
    timers[qid] = setTimeout(function () { save(block); }, delay || DELAY);
  }

  function backup(block) {
    try {
      localStorage.setItem(storageKey + block.getAttribute("data-question"),
        JSON.stringify(valuesOf(block)));
    } catch (e) { /* storage full or disabled: the server save still runs */ }
  }

  function applyConditions() {
    form.querySelectorAll("[data-show-if]").forEach(function (block) {
      var trigger = form.querySelector("[data-question='" + block.getAttribute("data-show-if") + "']");
      if (!trigger) { return; }
      var shown = valuesOf(trigger).indexOf(block.getAttribute("data-show-value")) !== -1;
      block.hidden = !shown;
      var note = block.querySelector(".field__condition");
      if (note) { note.hidden = true; }
    });
  }

  form.addEventListener("input", function (event) {
    var block = event.target.closest("[data-question]");
    if (!block) { return; }
    backup(block);
    schedule(block);
  });
  form.addEventListener("change", function (event) {
    var block = event.target.closest("[data-question]");
    if (!block) { return; }
    backup(block);
    applyConditions();
    schedule(block, 200);
  });
  form.addEventListener("submit", function () {
    // The Save button sends everything; nothing is pending once it has gone.
    pending = {};
  });
  window.addEventListener("beforeunload", function (event) {
    if (Object.keys(pending).length) {
      event.preventDefault();
      event.returnValue = form.getAttribute("data-unsaved-text");
      return event.returnValue;
    }
  });

  // Text kept in this browser from a save that never arrived: put it back and save it.
  form.querySelectorAll("[data-question]").forEach(function (block) {
    var kept = localStorage.getItem(storageKey + block.getAttribute("data-question"));
    if (!kept) { return; }
    var values;
    try { values = JSON.parse(kept); } catch (e) { return; }
    if (JSON.stringify(values) === JSON.stringify(valuesOf(block))) {
      localStorage.removeItem(storageKey + block.getAttribute("data-question"));
      return;
    }
    var field = block.querySelector("textarea, input[type=text], input[type=date]");
    if (field && values.length <= 1) {
      field.value = values[0] || "";
      schedule(block, 300);
    }
  });
  // Text typed before this script ran (a fast typist, or the browser restoring a form
  // on back/forward) differs from what the server sent: save it too.
  form.querySelectorAll("[data-question]").forEach(function (block) {
    var changed = false;
    block.querySelectorAll("input[name^='a-'], textarea").forEach(function (input) {
      if (input.type === "hidden") { return; }
      if (input.type === "checkbox" || input.type === "radio") {
        changed = changed || input.checked !== input.defaultChecked;
      } else {
        changed = changed || input.value !== input.defaultValue;
      }
    });
    if (changed) { schedule(block, 300); }
  });
  applyConditions();
})();
