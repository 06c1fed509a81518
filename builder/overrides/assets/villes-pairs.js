/* Villes pairs · Partnerstädte — small progressive enhancements, no dependencies.
   Everything works without this file: filters are CSS (:has), tables are readable unsorted,
   the comparison shows every case. With it: filter state in the URL, result counts,
   sortable columns, side-by-side comparison of the ticked cases, Escape closes tooltips. */
(function () {
  "use strict";

  function remember() {
    try { localStorage.setItem("vp-lang", document.documentElement.lang); } catch (e) { /* private mode */ }
  }

  function finder(root) {
    var form = root.querySelector(".vp-filters");
    var cards = Array.prototype.slice.call(root.querySelectorAll(".vp-card"));
    var count = root.querySelector(".vp-finder__count");
    var empty = root.querySelector(".vp-finder__empty");
    var template = root.getAttribute("data-count-template") || "{n}/{total}";
    var total = cards.length;

    function fromUrl() {
      var params = new URLSearchParams(location.search);
      params.forEach(function (value, name) {
        var input = form.querySelector('input[name="' + CSS.escape(name) + '"][value="' + CSS.escape(value) + '"]');
        if (input) { input.checked = true; }
      });
    }
    function toUrl() {
      var params = new URLSearchParams();
      form.querySelectorAll("input:checked").forEach(function (input) {
        if (input.value) { params.set(input.name, input.value); }
      });
      var query = params.toString();
      history.replaceState(null, "", location.pathname + (query ? "?" + query : "") + location.hash);
    }
    function report() {
      var shown = cards.filter(function (card) { return card.offsetParent !== null; }).length;
      count.textContent = template.replace("{n}", shown).replace("{total}", total);
      empty.hidden = shown !== 0;
    }
    form.addEventListener("change", function () { toUrl(); report(); });
    form.addEventListener("reset", function () { setTimeout(function () { toUrl(); report(); }, 0); });
    fromUrl();
    report();
  }

  function sortable(table) {
    var headers = table.querySelectorAll("th[data-sort]");
    headers.forEach(function (th, index) {
      var column = Array.prototype.indexOf.call(th.parentNode.children, th);
      var button = document.createElement("button");
      button.type = "button";
      button.className = "vp-sort";
      while (th.firstChild) { button.appendChild(th.firstChild); }
      th.appendChild(button);
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        headers.forEach(function (other) { other.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        var numeric = th.getAttribute("data-sort") === "number";
        rows.sort(function (a, b) {
          var x = a.cells[column], y = b.cells[column];
          var vx = x.getAttribute("data-value") || x.textContent.trim();
          var vy = y.getAttribute("data-value") || y.textContent.trim();
          var result = numeric ? parseFloat(vx) - parseFloat(vy) : vx.localeCompare(vy, document.documentElement.lang);
          return ascending ? result : -result;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
      void index;
    });
  }

  function compare(root) {
    var picks = Array.prototype.slice.call(root.querySelectorAll(".vp-compare__pick"));
    var cols = Array.prototype.slice.call(root.querySelectorAll(".vp-compare__col"));
    var status = root.querySelector(".vp-compare__status");
    var hint = root.getAttribute("data-hint") || "";
    root.classList.add("vp-compare--js");
    function chosen() {
      return picks.filter(function (p) { return p.checked; }).map(function (p) { return p.value; });
    }
    function show() {
      var ids = chosen();
      cols.forEach(function (col) { col.hidden = ids.indexOf(col.getAttribute("data-case")) < 0; });
      picks.forEach(function (p) { p.disabled = !p.checked && ids.length >= 3; });
      status.textContent = ids.length < 2 ? hint : "";
      var params = new URLSearchParams(location.search);
      if (ids.length) { params.set("cases", ids.join(",")); } else { params.delete("cases"); }
      var query = params.toString();
      history.replaceState(null, "", location.pathname + (query ? "?" + query : "") + location.hash);
    }
    var wanted = (new URLSearchParams(location.search).get("cases") || "").split(",");
    picks.forEach(function (p) {
      p.checked = wanted.indexOf(p.value) >= 0 && wanted.indexOf(p.value) < 3;
      p.addEventListener("change", show);
    });
    show();
  }

  function tooltips() {
    document.addEventListener("keydown", function (event) {
      if (event.key !== "Escape") { return; }
      document.querySelectorAll(".vp-term").forEach(function (term) { term.classList.add("vp-term--dismissed"); });
    });
    document.addEventListener("focusin", function (event) {
      var term = event.target.closest && event.target.closest(".vp-term");
      if (term) { term.classList.remove("vp-term--dismissed"); }
    });
    document.addEventListener("mouseover", function (event) {
      var term = event.target.closest && event.target.closest(".vp-term");
      if (term) { term.classList.remove("vp-term--dismissed"); }
    });
  }

  function init() {
    remember();
    document.querySelectorAll(".vp-finder").forEach(finder);
    document.querySelectorAll("table.vp-sortable").forEach(sortable);
    document.querySelectorAll(".vp-compare").forEach(compare);
    tooltips();
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); } else { init(); }
})();
