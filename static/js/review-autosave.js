// Autosave for the review form. Progressive enhancement: without it the Save button
// stores everything. With it, the whole form is posted a moment after the reviewer
// stops typing; the server answers in JSON, and a failed save keeps the text in the
// page (and in localStorage) and says so.
(function () {
  "use strict";
  var DELAY = 1500;
  var form = document.querySelector("form[data-review-autosave]");
  if (!form) { return; }
  var status = document.getElementById("save-status");
  var versionInput = form.querySelector("[data-version]");
  var storageKey = "eccar-review:" + location.pathname;
  var timer = null;
  var dirty = false;
  var inFlight = false;

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

  function backup() {
    try {
      var values = {};
      new FormData(form).forEach(function (value, name) {
        if (name !== "csrfmiddlewaretoken") { values[name] = value; }
      });
      localStorage.setItem(storageKey, JSON.stringify(values));
    } catch (e) { /* storage full or disabled: the server save still runs */ }
  }

  function save() {
    if (inFlight) { schedule(); return; }
    inFlight = true;
    dirty = false;
    var body = new FormData(form);
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
        try { localStorage.removeItem(storageKey); } catch (e) { /* ignore */ }
        say(status.getAttribute("data-saved-text") + " " + data.saved_at);
        return;
      }
      if ((response.status === 400 || response.status === 409 || response.status === 403) && result.data) {
        dirty = true;
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
    timer = setTimeout(save, delay || DELAY);
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
