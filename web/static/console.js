// The console's own script: live solve progress from server-sent events, and the sliders' shown
// values. Everything else is htmx (static/htmx.min.js) or plain forms.
(function () {
  "use strict";
  function progress() {
    var box = document.getElementById("progress");
    if (!box || !box.dataset.events || !window.EventSource) return;
    var src = new EventSource(box.dataset.events);
    function show(ev) {
      var d = JSON.parse(ev.data);
      [["p-status", "status"], ["p-best", "best"], ["p-phase", "phase"], ["p-elapsed", "elapsed"], ["p-remaining", "remaining"]]
        .forEach(function (pair) {
          var el = document.getElementById(pair[0]);
          if (el) el.textContent = d[pair[1]];
        });
      return d;
    }
    src.addEventListener("progress", show);
    src.addEventListener("end", function (ev) {
      show(ev);
      src.close();
      window.location.reload();
    });
  }
  function sliders() {
    document.querySelectorAll("input[type=range][data-out]").forEach(function (input) {
      var out = document.getElementById(input.dataset.out);
      input.addEventListener("input", function () { if (out) out.textContent = input.value + " %"; });
    });
  }
  document.addEventListener("DOMContentLoaded", function () { progress(); sliders(); });
})();
