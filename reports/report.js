(function () {
  "use strict";
  var bar = document.getElementById("toolbar");
  if (!bar || !document.querySelectorAll) { return; }
  bar.hidden = false;
  var boxes = bar.querySelectorAll("input[type=checkbox]");
  var search = document.getElementById("search");
  var sections = ["behaviours", "scenarios"].map(function (id) {
    var el = document.getElementById(id);
    return {
      el: el,
      items: Array.prototype.slice.call(el.querySelectorAll(".filterable")),
      shown: document.querySelector('.shown[data-for="' + id + '"]'),
      empty: el.querySelector(".empty")
    };
  });

  function apply() {
    var on = {};
    Array.prototype.forEach.call(boxes, function (b) { on[b.value] = b.checked; });
    var q = search.value.trim().toLowerCase();
    sections.forEach(function (s) {
      var n = 0;
      s.items.forEach(function (el) {
        var ok = on[el.getAttribute("data-status")] !== false &&
          (q === "" || el.textContent.toLowerCase().indexOf(q) >= 0);
        el.hidden = !ok;
        if (ok) { n++; }
      });
      if (s.shown) { s.shown.textContent = n === s.items.length ? "(" + n + ")" : "(" + n + " of " + s.items.length + " shown)"; }
      if (s.empty) { s.empty.hidden = n > 0 || s.items.length === 0; }
    });
  }
  Array.prototype.forEach.call(boxes, function (b) { b.addEventListener("change", apply); });
  search.addEventListener("input", apply);

  function setAll(open) {
    document.querySelectorAll("details.scenario, details.exchange").forEach(function (d) { d.open = open; });
  }
  document.getElementById("expand").addEventListener("click", function () { setAll(true); });
  document.getElementById("collapse").addEventListener("click", function () { setAll(false); });

  // A link to a scenario opens it and shows it even when filtered out.
  function reveal() {
    var id = decodeURIComponent(location.hash.slice(1));
    var el = id && document.getElementById(id);
    if (!el) { return; }
    el.hidden = false;
    if (el.tagName === "DETAILS") { el.open = true; }
    el.scrollIntoView();
  }
  window.addEventListener("hashchange", reveal);

  // Print everything, expanded; restore afterwards.
  var closed = [];
  window.addEventListener("beforeprint", function () {
    closed = Array.prototype.filter.call(document.querySelectorAll("details"), function (d) { return !d.open; });
    closed.forEach(function (d) { d.open = true; });
  });
  window.addEventListener("afterprint", function () {
    closed.forEach(function (d) { d.open = false; });
    closed = [];
  });

  // ?status=failed,skipped&q=text presets the filter, so a filtered view can be linked.
  var params = {};
  location.search.slice(1).split("&").forEach(function (kv) {
    var i = kv.indexOf("=");
    if (i > 0) { params[decodeURIComponent(kv.slice(0, i))] = decodeURIComponent(kv.slice(i + 1).replace(/\+/g, " ")); }
  });
  if (params.status) {
    var want = params.status.split(",");
    Array.prototype.forEach.call(boxes, function (b) { b.checked = want.indexOf(b.value) >= 0; });
  }
  if (params.q) { search.value = params.q; }

  apply();
  if (location.hash) { reveal(); }
})();
