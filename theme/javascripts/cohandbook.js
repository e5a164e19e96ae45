/* cohandbook: the little behaviour our pages need. Our own code only; nothing is loaded from elsewhere. */
(function () {
  "use strict";

  // Print buttons (checklists, the print edition) stay hidden until this script can run them.
  function printButtons(root) {
    root.querySelectorAll("[data-ch-print]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () { window.print(); });
    });
  }

  // A video's player is loaded only when the reader presses play on our poster (see formats/video.html).
  function videoFacades(root) {
    root.querySelectorAll("[data-ch-embed]").forEach(function (launch) {
      launch.addEventListener("click", function (event) {
        var template = launch.parentElement.querySelector("template");
        if (!template) return;
        event.preventDefault();
        launch.replaceWith(template.content.cloneNode(true));
      });
    });
  }

  // Ticks on a checklist survive a reload, on this device only; "清空" starts a fresh round.
  function rememberTicks(root) {
    var boxes = root.querySelectorAll(".ch-format-checklist .task-list-item input[type=checkbox]");
    if (!boxes.length) return;
    var key = "cohandbook:ticks:" + location.pathname;
    var stored = null;
    try { stored = JSON.parse(localStorage.getItem(key)); } catch (error) { stored = null; }
    function save() {
      var ticked = [];
      boxes.forEach(function (box, index) { if (box.checked) ticked.push(index); });
      try { localStorage.setItem(key, JSON.stringify(ticked)); } catch (error) { /* private mode: fine */ }
    }
    boxes.forEach(function (box, index) {
      if (Array.isArray(stored)) box.checked = stored.indexOf(index) >= 0;
      box.addEventListener("change", save);
    });
    root.querySelectorAll("[data-ch-reset]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        boxes.forEach(function (box) { box.checked = false; });
        save();
      });
    });
  }

  function init() {
    printButtons(document);
    videoFacades(document);
    rememberTicks(document);
  }

  if (typeof document$ !== "undefined") document$.subscribe(init);
  else document.addEventListener("DOMContentLoaded", init);
})();
