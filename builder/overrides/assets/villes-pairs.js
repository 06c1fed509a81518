/* Villes pairs · Partnerstädte — small progressive enhancements, no dependencies.
   Everything works without this file: filters are CSS (:has), tables are readable unsorted,
   the comparison shows every case of its page, listings split into pages have a pager.
   With it: filter state in the URL, result counts, sortable columns, side-by-side
   comparison of the ticked cases, Escape closes tooltips; and when the finder is split
   into pages, filters search the whole catalogue through its JSON index (same origin,
   fetched on the first filter), and a case picked for comparison on another page of the
   table is fetched from that page. */
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

  function query(params) {
    var text = params.toString();
    return location.pathname + (text ? "?" + text : "") + location.hash;
  }

  /* A pager with the markup of the server's (templates/_macros.j2): previous, next, first,
     last and two on each side of the current page; href(n) gives each link. */
  function pagerWindow(current, pages) {
    var shown = [];
    for (var n = 1; n <= pages; n++) {
      if (n === 1 || n === pages || Math.abs(n - current) <= 2) { shown.push(n); }
    }
    var out = [];
    shown.forEach(function (n) {
      var last = out.length ? out[out.length - 1] : null;
      if (last !== null && n - last === 2) { out.push(n - 1); } else if (last !== null && n - last > 2) { out.push(null); }
      out.push(n);
    });
    return out;
  }
  function buildPager(nav, current, pages, href, text) {
    nav.textContent = "";
    nav.hidden = pages < 2;
    if (pages < 2) { return; }
    var list = document.createElement("ul");
    list.className = "vp-pager__list";
    function item(n, label, rel) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = href(n);
      a.setAttribute("data-page", String(n));
      if (rel) {
        a.className = "vp-pager__step";
        a.rel = rel;
        var arrow = document.createElement("span");
        arrow.setAttribute("aria-hidden", "true");
        arrow.textContent = rel === "prev" ? "←" : "→";
        if (rel === "prev") { a.appendChild(arrow); a.appendChild(document.createTextNode(" " + label)); }
        else { a.appendChild(document.createTextNode(label + " ")); a.appendChild(arrow); }
      } else {
        var sr = document.createElement("span");
        sr.className = "vp-sr-only";
        sr.textContent = text.page + " ";
        a.appendChild(sr);
        a.appendChild(document.createTextNode(String(n)));
        if (n === current) { a.setAttribute("aria-current", "page"); }
      }
      li.appendChild(a);
      list.appendChild(li);
    }
    if (current > 1) { item(current - 1, text.prev, "prev"); }
    pagerWindow(current, pages).forEach(function (n) {
      if (n === null) {
        var gap = document.createElement("li");
        gap.className = "vp-pager__gap";
        gap.setAttribute("aria-hidden", "true");
        gap.textContent = "…";
        list.appendChild(gap);
      } else { item(n, "", ""); }
    });
    if (current < pages) { item(current + 1, text.next, "next"); }
    nav.appendChild(list);
  }

  /* A result card with the markup of the server's (templates/_macros.j2 case_card). */
  function resultCard(entry, index, base) {
    function el(tag, cls, text) {
      var node = document.createElement(tag);
      if (cls) { node.className = cls; }
      if (text !== undefined) { node.textContent = text; }
      return node;
    }
    function inLang(node, field) {
      var other = entry.lang && entry.lang[field];
      if (other) { node.setAttribute("lang", other); }
      return node;
    }
    var labels = index.labels;
    var card = el("article", "vp-card");
    index.facets.forEach(function (facet, i) { card.setAttribute("data-" + facet, entry.values[i].join(" ")); });
    var h = el("h3", "vp-card__title");
    var link = el("a");
    link.href = new URL(entry.url, base).href;
    link.appendChild(entry.lang && entry.lang.title ? inLang(el("span", "", entry.title), "title") : document.createTextNode(entry.title));
    h.appendChild(link);
    card.appendChild(h);
    var meta = el("p", "vp-card__meta");
    meta.appendChild(document.createTextNode(entry.municipality + " · " + (labels.country[entry.country] || entry.country) + " · "));
    meta.appendChild(entry.lang && entry.lang.region ? inLang(el("span", "", entry.region), "region") : document.createTextNode(entry.region));
    meta.appendChild(document.createTextNode(" · " + entry.population + " " + labels.inhabitants + " (" + entry.year + ") · "));
    meta.appendChild(el("span", "vp-status vp-status--" + entry.status, labels.status[entry.status] || entry.status));
    card.appendChild(meta);
    var teaser = el("div", "vp-card__teaser");
    if (entry.lang && entry.lang.teaser) {
      var wrap = inLang(el("div", "vp-fallback"), "teaser");
      var note = el("p", "vp-fallback__note", (labels.languages[entry.lang.teaser] || entry.lang.teaser) + " ·");
      note.setAttribute("lang", index.lang);
      wrap.appendChild(note);
      wrap.appendChild(el("p", "", entry.teaser));
      teaser.appendChild(wrap);
    } else {
      teaser.appendChild(el("p", "", entry.teaser));
    }
    card.appendChild(teaser);
    var chips = el("ul", "vp-chips");
    entry.values[index.facets.indexOf("theme")].forEach(function (id) {
      var theme = index.themes[id];
      var li = el("li");
      var chip = el("a", "vp-chip");
      chip.href = theme ? new URL(theme.url, base).href : "#";
      if (theme && theme.lang) { chip.appendChild(el("span", "", theme.label)).setAttribute("lang", theme.lang); }
      else { chip.textContent = theme ? theme.label : id; }
      li.appendChild(chip);
      chips.appendChild(li);
    });
    card.appendChild(chips);
    return card;
  }

  /* The finder of a catalogue split into pages: this page's cards and pager until a filter
     is chosen; then every matching case of the catalogue, from the JSON index, in pages of
     the same size, with the count in the live region and the state in the URL
     (?theme=…&country=…&page=2). */
  function pagedFinder(root) {
    if (!window.fetch || !window.URL || !window.CSS) { return; }  // stays the page without script
    var form = root.querySelector(".vp-filters");
    var count = root.querySelector(".vp-finder__count");
    var empty = root.querySelector(".vp-finder__empty");
    var nojs = root.querySelector(".vp-finder__nojs");
    var range = root.querySelector(".vp-finder__range");
    var cards = root.querySelector(".vp-cards");
    var pager = root.querySelector(".vp-pager");
    var size = parseInt(root.getAttribute("data-page-size"), 10) || 20;
    var indexUrl = new URL(root.getAttribute("data-index"), location.href);
    var text = {
      found: root.getAttribute("data-found-template") || "{n}/{total}",
      page: root.getAttribute("data-page-template") || "{page}/{pages}",
      loading: root.getAttribute("data-loading") || "…",
      error: root.getAttribute("data-error") || "",
      pager: { page: root.getAttribute("data-pager-page") || "", prev: root.getAttribute("data-pager-prev") || "", next: root.getAttribute("data-pager-next") || "" }
    };
    var results = document.createElement("div");
    results.className = "vp-cards vp-finder__results";
    results.hidden = true;
    var resultPager = document.createElement("nav");
    resultPager.className = "vp-pager vp-finder__pager";
    resultPager.setAttribute("aria-label", root.getAttribute("data-pager-label") || "");
    resultPager.hidden = true;
    cards.parentNode.insertBefore(results, pager || cards.nextSibling);
    results.parentNode.insertBefore(resultPager, results.nextSibling);
    var index = null, loading = null, current = 1, turn = 0;
    /* Results come from the whole catalogue: the heading and the window title lose this
       page's number ("Fallstudien – Seite 3 von 15") while a filter is on. */
    var h1 = document.querySelector(".md-content h1");
    var heading = h1 && h1.firstChild && h1.firstChild.nodeType === 3 ? h1.firstChild : null;
    var pageTitle = heading ? heading.nodeValue : "";
    var listTitle = root.getAttribute("data-title") || pageTitle;
    var windowTitle = document.title;
    function retitle(filtered) {
      if (!heading || pageTitle === listTitle) { return; }
      heading.nodeValue = filtered ? listTitle : pageTitle;
      document.title = filtered ? windowTitle.replace(pageTitle, listTitle) : windowTitle;
    }
    form.hidden = false;
    if (nojs) { nojs.hidden = true; }
    count.setAttribute("tabindex", "-1");

    function load() {
      if (!loading) {
        loading = fetch(indexUrl.href, { credentials: "same-origin" })
          .then(function (response) { if (!response.ok) { throw new Error(response.status); } return response.json(); })
          .then(function (data) {
            data.cases = data.cases.map(function (row) {
              var entry = {};
              data.fields.forEach(function (field, i) { entry[field] = row[i]; });
              return entry;
            });
            index = data;
            return data;
          });
        loading.catch(function () { loading = null; });
      }
      return loading;
    }
    function chosen() {
      var out = {};
      form.querySelectorAll("input:checked").forEach(function (input) { if (input.value) { out[input.name] = input.value; } });
      return out;
    }
    function fromUrl() {
      var params = new URLSearchParams(location.search);
      params.forEach(function (value, name) {
        var input = form.querySelector('input[name="' + CSS.escape(name) + '"][value="' + CSS.escape(value) + '"]');
        if (input) { input.checked = true; }
      });
      current = Math.max(1, parseInt(params.get("page"), 10) || 1);
    }
    function toUrl(filters, page) {
      var params = new URLSearchParams();
      Object.keys(filters).forEach(function (name) { params.set(name, filters[name]); });
      if (page > 1) { params.set("page", String(page)); }
      history.replaceState(null, "", query(params));
    }
    function link(filters, page) {
      var params = new URLSearchParams();
      Object.keys(filters).forEach(function (name) { params.set(name, filters[name]); });
      if (page > 1) { params.set("page", String(page)); }
      return "?" + params.toString();
    }
    function serverView(on) {
      retitle(!on);
      cards.hidden = !on;
      if (pager) { pager.hidden = !on; }
      if (range) { range.hidden = !on; }
      results.hidden = on;
      resultPager.hidden = on;
    }
    function show(focus) {
      var filters = chosen();
      var mine = ++turn;
      if (!Object.keys(filters).length) {
        current = 1;
        toUrl(filters, 1);
        serverView(true);
        empty.hidden = true;
        count.textContent = "";
        return;
      }
      if (!index) { count.textContent = text.loading; }
      load().then(function (data) {
        if (mine !== turn) { return; }
        var columns = {};
        data.facets.forEach(function (facet, i) { columns[facet] = i; });
        var names = Object.keys(filters).filter(function (name) { return name in columns; });
        var found = data.cases.filter(function (entry) {
          return names.every(function (name) { return entry.values[columns[name]].indexOf(filters[name]) >= 0; });
        });
        var pages = Math.max(1, Math.ceil(found.length / size));
        current = Math.min(current, pages);
        results.textContent = "";
        found.slice((current - 1) * size, current * size).forEach(function (entry) {
          results.appendChild(resultCard(entry, data, indexUrl));
        });
        serverView(false);
        buildPager(resultPager, current, pages, function (n) { return link(filters, n); }, text.pager);
        empty.hidden = found.length !== 0;
        var message = text.found.replace("{n}", found.length).replace("{total}", data.cases.length);
        if (pages > 1) { message += " · " + text.page.replace("{page}", current).replace("{pages}", pages); }
        count.textContent = message;
        toUrl(filters, current);
        if (focus) { count.focus(); count.scrollIntoView({ block: "start" }); }
      }, function () {
        if (mine !== turn) { return; }
        count.textContent = text.error;
        if (nojs) { nojs.hidden = false; }
      });
    }
    resultPager.addEventListener("click", function (event) {
      var a = event.target.closest && event.target.closest("a[data-page]");
      if (!a) { return; }
      event.preventDefault();
      current = parseInt(a.getAttribute("data-page"), 10) || 1;
      show(true);
    });
    form.addEventListener("change", function () { current = 1; show(false); });
    form.addEventListener("reset", function () { setTimeout(function () { current = 1; show(false); }, 0); });
    fromUrl();
    show(false);
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

  /* Side-by-side comparison of the ticked cases (at most three), in the URL as
     ?cases=a,b. When the table is split into pages, the picks follow the pager, and a
     picked case from another page is fetched from that page (its address from the
     comparison index); a picked case that does not exist is named in the status line. */
  function compare(root) {
    var picks = Array.prototype.slice.call(root.querySelectorAll(".vp-compare__pick"));
    var cols = Array.prototype.slice.call(root.querySelectorAll(".vp-compare__col"));
    var box = root.querySelector(".vp-compare__cols");
    var status = root.querySelector(".vp-compare__status");
    var hint = root.getAttribute("data-hint") || "";
    var indexUrl = root.hasAttribute("data-index") ? new URL(root.getAttribute("data-index"), location.href) : null;
    var text = {
      loading: root.getAttribute("data-loading") || "…",
      missing: root.getAttribute("data-missing") || "{id}",
      from: root.getAttribute("data-from") || "{page}",
      remove: root.getAttribute("data-remove") || "×"
    };
    var here = picks.map(function (p) { return p.value; });
    var away = {};  // id -> column fetched from another page (or its placeholder)
    var missing = [];
    var pages = null;
    root.classList.add("vp-compare--js");
    var order = [];
    (new URLSearchParams(location.search).get("cases") || "").split(",").forEach(function (id) {
      id = id.trim();
      if (id && order.indexOf(id) < 0 && order.length < 3) { order.push(id); }
    });

    function drop(id) {
      var at = order.indexOf(id);
      if (at >= 0) { order.splice(at, 1); }
    }
    function unavailable(id) {
      drop(id);
      if (away[id]) { away[id].remove(); delete away[id]; }
      if (missing.indexOf(id) < 0) { missing.push(id); }
      show();
    }
    function pageOf(id) {
      if (!pages) {
        pages = fetch(indexUrl.href, { credentials: "same-origin" }).then(function (response) {
          if (!response.ok) { throw new Error(response.status); }
          return response.json();
        });
        pages.catch(function () { pages = null; });
      }
      return pages.then(function (data) {
        var found = -1;
        data.pages.forEach(function (page, i) { if (page.first <= id) { found = i; } });
        if (found < 0) { throw new Error("unknown"); }
        return { number: found + 1, url: new URL(data.pages[found].url, indexUrl) };
      });
    }
    function fetchColumn(id) {
      var holder = document.createElement("section");
      holder.className = "vp-compare__col vp-compare__col--away";
      holder.setAttribute("data-case", id);
      holder.setAttribute("aria-busy", "true");
      var wait = document.createElement("p");
      wait.textContent = text.loading;
      holder.appendChild(wait);
      box.appendChild(holder);
      away[id] = holder;
      pageOf(id).then(function (page) {
        return fetch(page.url.href, { credentials: "same-origin" }).then(function (response) {
          if (!response.ok) { throw new Error(response.status); }
          return response.text();
        }).then(function (html) {
          var doc = new DOMParser().parseFromString(html, "text/html");
          var col = doc.querySelector('.vp-compare__col[data-case="' + CSS.escape(id) + '"]');
          if (!col) { throw new Error("unknown"); }
          col.querySelectorAll("[href]").forEach(function (a) {
            a.setAttribute("href", new URL(a.getAttribute("href"), page.url).href);
          });
          col = document.importNode(col, true);
          col.classList.add("vp-compare__col--away");
          col.hidden = false;
          var from = document.createElement("p");
          from.className = "vp-compare__from";
          from.textContent = text.from.replace("{page}", page.number) + " ";
          var button = document.createElement("button");
          button.type = "button";
          button.className = "md-button vp-compare__remove";
          button.textContent = text.remove;
          button.addEventListener("click", function () { drop(id); show(); });
          from.appendChild(button);
          col.appendChild(from);
          if (away[id] !== holder) { return; }  // removed meanwhile
          holder.replaceWith(col);
          away[id] = col;
        });
      }).catch(function () { if (away[id] === holder) { unavailable(id); } });
    }
    function show() {
      cols.forEach(function (col) { col.hidden = order.indexOf(col.getAttribute("data-case")) < 0; });
      order.slice().forEach(function (id) {
        if (here.indexOf(id) >= 0 || away[id]) { return; }
        if (indexUrl) { fetchColumn(id); } else { unavailable(id); }
      });
      Object.keys(away).forEach(function (id) {
        if (order.indexOf(id) < 0) { away[id].remove(); delete away[id]; }
      });
      picks.forEach(function (p) {
        p.checked = order.indexOf(p.value) >= 0;
        p.disabled = !p.checked && order.length >= 3;
      });
      var lines = missing.map(function (id) { return text.missing.replace("{id}", id); });
      if (order.length < 2) { lines.push(hint); }
      status.textContent = lines.join(" ");
      var params = new URLSearchParams(location.search);
      if (order.length) { params.set("cases", order.join(",")); } else { params.delete("cases"); }
      history.replaceState(null, "", query(params));
      root.querySelectorAll(".vp-pager a").forEach(function (a) {
        var url = new URL(a.getAttribute("href"), location.href);
        if (order.length) { url.searchParams.set("cases", order.join(",")); } else { url.searchParams.delete("cases"); }
        a.href = url.href;
      });
    }
    picks.forEach(function (p) {
      p.addEventListener("change", function () {
        if (p.checked) { if (order.indexOf(p.value) < 0) { order.push(p.value); } } else { drop(p.value); }
        show();
      });
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

  /* The finder's submit button (templates/list-cases.md.j2): the filters apply as they
     change, so it takes the keyboard to the result count, or to the first result. */
  function finderSubmit(root) {
    var form = root.querySelector(".vp-filters");
    var button = form && form.querySelector(".vp-filters__submit");
    var count = root.querySelector(".vp-finder__count");
    if (!button || !count) { return; }
    button.hidden = false;
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var first = null;
      root.querySelectorAll(".vp-card__title a").forEach(function (a) {
        if (!first && a.offsetParent !== null) { first = a; }
      });
      var target = count.textContent.trim() || !first ? count : first;
      if (target === count) { count.setAttribute("tabindex", "-1"); }
      target.focus();
    });
  }

  /* The search form's submit button (partials/search.html), reached in screen readers'
     browse mode: it does what Enter in the field does, open the first result. */
  function searchSubmit() {
    var form = document.forms.namedItem("search");
    if (!form) { return; }
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var first = document.querySelector(".md-search-result__list [href]");
      if (first) { first.click(); } else if (form.elements.query) { form.elements.query.focus(); }
    });
  }

  /* Material marks its drawer and search toggles autocomplete="off" so that a browser does
     not restore them open on reload or back; the attribute is invalid on checkboxes
     (builder/theme_patches.py drops it), so such a page closes them here. */
  function closeRestoredToggles(event) {
    var entry = window.performance && performance.getEntriesByType ? performance.getEntriesByType("navigation")[0] : null;
    if (event.persisted || !entry || (entry.type !== "reload" && entry.type !== "back_forward")) { return; }
    ["__drawer", "__search"].forEach(function (id) {
      var toggle = document.getElementById(id);
      if (toggle && toggle.checked) { toggle.click(); }
    });
  }

  function init() {
    remember();
    document.querySelectorAll(".vp-finder").forEach(function (root) {
      (root.hasAttribute("data-index") ? pagedFinder : finder)(root);
      finderSubmit(root);
    });
    searchSubmit();
    document.querySelectorAll("table.vp-sortable").forEach(sortable);
    document.querySelectorAll(".vp-compare").forEach(compare);
    tooltips();
  }
  window.addEventListener("pageshow", closeRestoredToggles);
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); } else { init(); }
})();
