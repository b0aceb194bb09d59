// Autosave for report forms. Progressive enhancement: without this file the form's
// Save button stores everything. With it, each answer is sent a moment after the
// person stops typing; a failed save keeps the text (also in this browser's storage,
// under the user's and the answer's name, with the version it was typed on) and says
// so. A kept copy that differs from the saved answer is offered back, never sent by
// itself: a colleague's newer text is only replaced by an explicit "Keep mine".
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
  var texts = document.getElementById("draft-texts");
  var user = texts ? texts.getAttribute("data-user") : "";
  var report = texts ? texts.getAttribute("data-report") : "";
  var drafts = window.EccarDrafts;
  var offers = window.EccarDraftOffer;
  // Answers waiting for the person's choice between their copy and the saved version:
  // question id -> {base: the version the copy was typed on, offer}.
  var conflicts = {};
  var lastSavedAt = "";
  // The control the person was writing in, to give the focus back after Save.
  var lastControl = null;
  var nativeSubmit = false;
  // Answers the server refused (a 400 naming the problem): question id -> true.
  var refused = {};

  function draftKey(block) {
    return user ? drafts.key(user, ["answer", report, block.getAttribute("data-question"), measure || "-"]) : "";
  }
  function sameValues(a, b) { return JSON.stringify(a) === JSON.stringify(b); }

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
    el.classList.remove("field__status--saved");
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
    if (conflicts[qid]) { return Promise.resolve(); }
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
        delete refused[qid];
        versionInput.value = data.version;
        delete pending[qid];
        // The copy goes once the server holds its text; text typed while the save was
        // on its way stays, now based on the version just stored.
        var copy = drafts.read(draftKey(block));
        if (copy && sameValues(copy.values, values)) {
          drafts.remove(draftKey(block));
        } else if (copy) {
          copy.base = data.version;
          drafts.write(draftKey(block), copy);
        }
        // "Saved at 12:15" beside the field, and once in the page's live region.
        fieldStatus(block, status.getAttribute("data-saved-text") + " " + data.saved_at);
        block.querySelector("[data-status]").classList.add("field__status--saved");
        var carried = block.querySelector(".field__carried");
        if (carried) { carried.remove(); }
        lastSavedAt = data.saved_at;
        say(status.getAttribute("data-saved-text") + " " + data.saved_at);
        return;
      }
      if (response.status === 409) {
        // The version input keeps the version this text was typed on: only the
        // person's choice moves it to the colleague's.
        offer(block, { values: asList(data.their_value), version: data.version }, true);
        say(data.error, true);
        return;
      }
      if (response.status === 400 && result.data) {
        refused[qid] = true;
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
    if (conflicts[qid]) { return; }  // nothing is sent before the person has chosen
    clearTimeout(timers[qid]);
    timers[qid] = setTimeout(function () { save(block); }, delay || DELAY);
  }

  function backup(block) {
    var key = draftKey(block);
    if (!key) { return; }
    var conflict = conflicts[block.getAttribute("data-question")];
    var base = conflict ? conflict.base : block.querySelector("[data-version]").value;
    drafts.write(key, { values: valuesOf(block), base: base });
  }

  function asList(value) {
    if (value === null || value === undefined || value === "") { return []; }
    return Array.isArray(value) ? value.map(String) : [String(value)];
  }

  function setValues(block, values) {
    var qid = block.getAttribute("data-question");
    block.querySelectorAll("[name='a-" + qid + "']").forEach(function (input) {
      if (input.type === "checkbox" || input.type === "radio") {
        input.checked = values.indexOf(input.value) !== -1;
      } else {
        input.value = values[0] || "";
      }
    });
  }

  // Values as a reader sees them: the labels of ticked options, the text of a field.
  function readable(block, values) {
    var qid = block.getAttribute("data-question");
    return values.map(function (value) {
      var option = Array.prototype.find.call(
        block.querySelectorAll("[name='a-" + qid + "']"),
        function (input) { return (input.type === "checkbox" || input.type === "radio") && input.value === value; }
      );
      var label = option && option.closest("label");
      return label ? label.textContent.trim() : value;
    }).join("\n");
  }

  // Shows the person's copy (in the field) beside the saved version and waits for
  // their choice. `theirs` is {values, version} of the answer stored now.
  function offer(block, theirs, newer) {
    var qid = block.getAttribute("data-question");
    var versionInput = block.querySelector("[data-version]");
    if (conflicts[qid]) { conflicts[qid].offer.close(); }
    clearTimeout(timers[qid]);
    pending[qid] = true;
    var state = { base: conflicts[qid] ? conflicts[qid].base : versionInput.value };
    conflicts[qid] = state;
    backup(block);
    fieldStatus(block, offers.text("announce"), true);
    state.offer = offers.show({
      before: block.querySelector("[data-status]"),
      rows: [{ mine: readable(block, valuesOf(block)), theirs: readable(block, theirs.values) }],
      newer: newer,
      onMine: function () {
        // Saved against the version the person has now seen, so a third change made
        // meanwhile is refused again rather than overwritten.
        delete conflicts[qid];
        versionInput.value = theirs.version;
        fieldStatus(block, "");
        save(block);
      },
      onTheirs: function () {
        delete conflicts[qid];
        delete pending[qid];
        versionInput.value = theirs.version;
        setValues(block, theirs.values);
        drafts.remove(draftKey(block));
        fieldStatus(block, "");
        applyConditions();
        say("");
      }
    });
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
  form.addEventListener("focusin", function (event) {
    if (event.target.closest("[data-question]") && event.target.type !== "hidden") {
      lastControl = event.target;
    }
  });
  function now() {
    var d = new Date();
    return ("0" + d.getHours()).slice(-2) + ":" + ("0" + d.getMinutes()).slice(-2);
  }
  // Save (not "Save and continue") stores what is pending through autosave and stays
  // where the person is: same scroll position, focus back in their field. A refused
  // answer sends the whole form the ordinary way, so the page lists every error.
  function saveHere() {
    var blocks = Object.keys(pending).filter(function (qid) { return !conflicts[qid]; })
      .map(function (qid) { return form.querySelector("[data-question='" + qid + "']"); })
      .filter(Boolean);
    blocks.forEach(function (block) { clearTimeout(timers[block.getAttribute("data-question")]); });
    var x = window.scrollX, y = window.scrollY;
    if (lastControl) { lastControl.focus({ preventScroll: true }); }
    window.scrollTo(x, y);
    return Promise.all(blocks.map(save)).then(function () {
      var anyRefused = blocks.some(function (block) {
        return refused[block.getAttribute("data-question")];
      });
      if (anyRefused && !Object.keys(conflicts).length) {
        nativeSubmit = true;
        pending = {};
        form.submit();
        return;
      }
      if (!Object.keys(pending).length) {
        say(status.getAttribute("data-saved-text") + " " + (blocks.length && lastSavedAt ? lastSavedAt : now()));
      }
    });
  }
  form.addEventListener("submit", function (event) {
    var submitter = event.submitter;
    if (!nativeSubmit && submitter && submitter.hasAttribute("data-save-here")) {
      event.preventDefault();
      saveHere();
      return;
    }
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
    if (changed) { backup(block); schedule(block, 300); }
  });
  // A copy kept in this browser (a refused or lost save, then a reload) that differs
  // from the saved answer is put back in the field and offered beside the saved
  // version; it is not sent until the person chooses.
  form.querySelectorAll("[data-question]").forEach(function (block) {
    var key = draftKey(block);
    var copy = key ? drafts.read(key) : null;
    if (!copy || !Array.isArray(copy.values)) { return; }
    var saved = { values: valuesOf(block), version: block.querySelector("[data-version]").value };
    if (sameValues(copy.values, saved.values)) { drafts.remove(key); return; }
    var qid = block.getAttribute("data-question");
    clearTimeout(timers[qid]);
    conflicts[qid] = { base: String(copy.base), offer: { close: function () {} } };
    setValues(block, copy.values);
    offer(block, saved, String(copy.base) !== saved.version);
  });
  applyConditions();
})();
