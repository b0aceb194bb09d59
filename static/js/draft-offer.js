// Offers back a copy of text kept in this browser when it differs from what the server
// holds (after a refused save, or after a reload): both versions side by side, and the
// person chooses. Nothing is saved until they do, so a colleague's text is never
// overwritten by a copy they have not seen.
window.EccarDraftOffer = (function () {
  "use strict";
  var texts = document.getElementById("draft-texts");
  var counter = 0;

  function text(name) { return texts ? texts.getAttribute("data-" + name) || "" : ""; }

  function element(tag, className, content) {
    var el = document.createElement(tag);
    if (className) { el.className = className; }
    if (content !== undefined) { el.textContent = content; }
    return el;
  }

  function version(label, value) {
    var box = element("div", "draft-offer__version");
    box.appendChild(element("p", "draft-offer__which", label));
    box.appendChild(element("div", "draft-offer__text", value === "" ? text("empty") : value));
    return box;
  }

  function button(label, className, action) {
    var el = element("button", "button button--small" + (className ? " " + className : ""), label);
    el.type = "button";
    el.addEventListener("click", action);
    return el;
  }

  // options: before (the element the offer goes above), rows ([{label, mine, theirs}],
  // readable texts), newer (the server changed since the copy was typed), onMine, onTheirs.
  function show(options) {
    counter += 1;
    var titleId = "draft-offer-" + counter;
    var region = element("div", "draft-offer");
    region.setAttribute("role", "region");
    region.setAttribute("aria-labelledby", titleId);
    region.setAttribute("aria-live", "polite");
    region.setAttribute("data-draft-offer", "");
    options.before.parentNode.insertBefore(region, options.before);

    var title = element("p", "draft-offer__title", text("title"));
    title.id = titleId;
    region.appendChild(title);
    region.appendChild(element("p", null, text(options.newer ? "explain-newer" : "explain-unsaved")));
    options.rows.forEach(function (row) {
      var versions = element("div", "draft-offer__versions");
      if (row.label) { region.appendChild(element("p", "draft-offer__field", row.label)); }
      versions.appendChild(version(text("mine"), row.mine));
      versions.appendChild(version(text("theirs"), row.theirs));
      region.appendChild(versions);
    });
    region.appendChild(element("p", "field__help", text("merge-hint")));
    var actions = element("div", "draft-offer__actions");
    function close() { region.remove(); }
    actions.appendChild(button(text("keep-mine"), "", function () { close(); options.onMine(); }));
    actions.appendChild(button(text("keep-theirs"), "button--secondary", function () {
      close();
      options.onTheirs();
    }));
    region.appendChild(actions);
    return { close: close, region: region };
  }

  return { show: show, text: text };
})();
