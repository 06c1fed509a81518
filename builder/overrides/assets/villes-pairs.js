/* Villes pairs · Partnerstädte — small progressive enhancements, no dependencies.
   Everything works without this file: filters are CSS (:has), tables are readable unsorted,
   the comparison shows every case of its page side by side, listings split into pages have
   a pager, glossary terms link to the glossary. With it: filter state in the URL, counts
   that follow the other filters, plural forms, filters folded on phones, sortable columns,
   the side-by-side comparison of the ticked cases, glossary explanations shown in place on
   a tap and closed with Escape; and when the finder is split into pages, filters search the
   whole catalogue through its JSON index (same origin, fetched on the first filter), and a
   case picked for comparison on another page of the table is fetched from that page. */
(function () {
  "use strict";

  function remember() {
    try { localStorage.setItem("vp-lang", document.documentElement.lang); } catch (e) { /* private mode */ }
  }

  var LANG = document.documentElement.lang || "en";
  var NARROW = "(max-width: 44.9375em)";  // Material's phone breakpoint

  /* A counted text in the plural form of n (CLDR rules, as the server's Babel):
     forms = {one: "{n} étude…", other: "{n} études…"}. */
  function plural(forms, n, values) {
    var form = "other";
    try { form = new Intl.PluralRules(LANG).select(n); } catch (e) { /* old browser */ }
    var text = forms[form] || forms.other || "";
    return text.replace(/\{(\w+)\}/g, function (all, key) { return key in values ? values[key] : all; });
  }
  function number(n) {
    try { return new Intl.NumberFormat(LANG).format(n); } catch (e) { return String(n); }
  }

  /* Filters of the case finder (templates/list-cases.md.j2): checkboxes; several values of
     one facet widen the choice, facets narrow it. Each option's count is what ticking it
     would give with the other facets' choices, so no choice leads to nothing: an option
     that would give 0 says (0) and cannot be ticked. */
  function filters(root) {
    var form = root.querySelector(".vp-filters");
    var box = root.querySelector(".vp-filters-box");
    var forms = JSON.parse(root.getAttribute("data-plurals") || "{}");
    var inputs = Array.prototype.slice.call(form.querySelectorAll("input[type=checkbox]"));
    var api = {
      form: form,
      chosen: function () {
        var out = {};
        inputs.forEach(function (input) {
          if (input.checked) { (out[input.name] = out[input.name] || []).push(input.value); }
        });
        return out;
      },
      /* Whether a case (facet -> its values) passes every facet chosen but `skip`. */
      passes: function (values, chosen, skip) {
        return Object.keys(chosen).every(function (facet) {
          if (facet === skip) { return true; }
          var have = values[facet] || [];
          return chosen[facet].some(function (v) { return have.indexOf(v) >= 0; });
        });
      },
      count: function (entries) {
        var chosen = api.chosen();
        var active = 0;
        inputs.forEach(function (input) {
          var n = 0;
          entries.forEach(function (values) {
            if ((values[input.name] || []).indexOf(input.value) >= 0 && api.passes(values, chosen, input.name)) { n++; }
          });
          var label = form.querySelector('label[for="' + CSS.escape(input.id) + '"]');
          var shown = label && label.querySelector(".vp-filter__count");
          if (shown) { shown.textContent = "(" + number(n) + ")"; }
          input.disabled = n === 0 && !input.checked;
          if (label) { label.classList.toggle("vp-filter__none", n === 0); }
          if (input.checked) { active++; }
        });
        var summary = box && box.querySelector(".vp-filters-box__active");
        if (summary) { summary.textContent = active ? plural(forms.active || {}, active, { count: number(active) }) : ""; }
        return entries.filter(function (values) { return api.passes(values, chosen, null); }).length;
      },
      message: function (key, n, total) {
        return plural(forms[key] || {}, n, { n: number(n), total: number(total) });
      },
      fromUrl: function () {
        var params = new URLSearchParams(location.search);
        inputs.forEach(function (input) { input.checked = params.getAll(input.name).indexOf(input.value) >= 0; });
        return params;
      },
      params: function (page) {
        var params = new URLSearchParams();
        inputs.forEach(function (input) { if (input.checked) { params.append(input.name, input.value); } });
        if (page > 1) { params.set("page", String(page)); }
        return params;
      }
    };
    /* Folded behind their summary line on a phone (which says how many are on). */
    api.fold = function () {
      if (box && window.matchMedia && window.matchMedia(NARROW).matches) {
        box.open = false;
      }
    };
    return api;
  }

  /* The finder with every case on its page: CSS hides the cards (works without script);
     the script keeps the URL, the counts and the result line. */
  function finder(root) {
    var f = filters(root);
    var cards = Array.prototype.slice.call(root.querySelectorAll(".vp-card"));
    var count = root.querySelector(".vp-finder__count");
    var empty = root.querySelector(".vp-finder__empty");
    var entries = cards.map(function (card) {
      var values = {};
      Object.keys(card.dataset).forEach(function (facet) { values[facet] = card.dataset[facet].split(" "); });
      return values;
    });
    function report() {
      var shown = f.count(entries);
      count.textContent = f.message("count", shown, entries.length);
      empty.hidden = shown !== 0;
    }
    function toUrl() { history.replaceState(null, "", query(f.params(1))); }
    f.form.addEventListener("change", function () { toUrl(); report(); });
    f.form.addEventListener("reset", function () { setTimeout(function () { toUrl(); report(); }, 0); });
    f.fromUrl();
    f.fold();
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
  function resultCard(entry, index, base, level) {
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
    var h = el(level || "h3", "vp-card__title");
    var link = el("a");
    link.href = new URL(entry.url, base).href;
    link.appendChild(entry.lang && entry.lang.title ? inLang(el("span", "", entry.title), "title") : document.createTextNode(entry.title));
    h.appendChild(link);
    card.appendChild(h);
    var meta = el("p", "vp-card__meta");
    meta.appendChild(document.createTextNode(entry.municipality + " · " + ((labels.territory || {})[entry.territory] || entry.territory) + " · " + entry.population + " " + labels.inhabitants + " (" + entry.year + ") · "));
    meta.appendChild(entry.lang && entry.lang.region ? inLang(el("span", "", entry.region), "region") : document.createTextNode(entry.region));
    meta.appendChild(document.createTextNode(", " + (labels.country[entry.country] || entry.country) + " · "));
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
    var f = filters(root);
    var box = root.querySelector(".vp-filters-box");
    var count = root.querySelector(".vp-finder__count");
    var empty = root.querySelector(".vp-finder__empty");
    var nojs = root.querySelector(".vp-finder__nojs");
    var range = root.querySelector(".vp-finder__range");
    var cards = root.querySelector(".vp-cards");
    var pager = root.querySelector(".vp-pager");
    var first = cards.querySelector(".vp-card__title");
    var cardLevel = first ? first.tagName.toLowerCase() : "h3";  // result cards as the page's
    var size = parseInt(root.getAttribute("data-page-size"), 10) || 20;
    var indexUrl = new URL(root.getAttribute("data-index"), location.href);
    var text = {
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
    if (box) { box.hidden = false; }
    if (nojs) { nojs.hidden = true; }
    count.setAttribute("tabindex", "-1");

    function load() {
      if (!loading) {
        loading = fetch(indexUrl.href, { credentials: "same-origin" })
          .then(function (response) { if (!response.ok) { throw new Error(response.status); } return response.json(); })
          .then(function (data) {
            data.cases = data.cases.map(function (row) {
              var entry = { facets: {} };
              data.fields.forEach(function (field, i) { entry[field] = row[i]; });
              data.facets.forEach(function (facet, i) { entry.facets[facet] = entry.values[i]; });
              return entry;
            });
            index = data;
            return data;
          });
        loading.catch(function () { loading = null; });
      }
      return loading;
    }
    function facetsOf(data) { return data.cases.map(function (entry) { return entry.facets; }); }
    function serverView(on) {
      retitle(!on);
      cards.hidden = !on;
      if (pager) { pager.hidden = !on; }
      if (range) { range.hidden = !on; }
      results.hidden = on;
      resultPager.hidden = on;
    }
    function show(focus) {
      var filters = f.chosen();
      var mine = ++turn;
      if (!Object.keys(filters).length) {
        current = 1;
        history.replaceState(null, "", query(f.params(1)));
        if (index) { f.count(facetsOf(index)); } else { f.count([]); resetCounts(); }
        serverView(true);
        empty.hidden = true;
        count.textContent = "";
        return;
      }
      if (!index) { count.textContent = text.loading; }
      load().then(function (data) {
        if (mine !== turn) { return; }
        f.count(facetsOf(data));
        var found = data.cases.filter(function (entry) { return f.passes(entry.facets, filters, null); });
        var pages = Math.max(1, Math.ceil(found.length / size));
        current = Math.min(current, pages);
        results.textContent = "";
        found.slice((current - 1) * size, current * size).forEach(function (entry) {
          results.appendChild(resultCard(entry, data, indexUrl, cardLevel));
        });
        serverView(false);
        buildPager(resultPager, current, pages, function (n) { return "?" + f.params(n).toString(); }, text.pager);
        empty.hidden = found.length !== 0;
        var message = f.message("found", found.length, data.cases.length);
        if (pages > 1) { message += " · " + text.page.replace("{page}", current).replace("{pages}", pages); }
        count.textContent = message;
        history.replaceState(null, "", query(f.params(current)));
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
    /* Before the index is loaded, the counts are the server's (every case, no filter). */
    var initial = Array.prototype.map.call(f.form.querySelectorAll(".vp-filter__count"), function (el) { return el.textContent; });
    function resetCounts() {
      f.form.querySelectorAll(".vp-filter__count").forEach(function (el, i) { el.textContent = initial[i]; });
      f.form.querySelectorAll(".vp-filter__none").forEach(function (el) { el.classList.remove("vp-filter__none"); });
      f.form.querySelectorAll("input[disabled]").forEach(function (el) { el.disabled = false; });
    }
    f.form.addEventListener("change", function () { current = 1; show(false); });
    f.form.addEventListener("reset", function () { setTimeout(function () { current = 1; show(false); }, 0); });
    current = Math.max(1, parseInt(f.fromUrl().get("page"), 10) || 1);
    f.fold();
    show(false);
  }

  /* Text columns sort in the page's language, as the server sorts (builder/collation.py). */
  var collator = window.Intl && Intl.Collator ? new Intl.Collator(LANG) : { compare: function (a, b) { return a < b ? -1 : a > b ? 1 : 0; } };

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
          var result = numeric ? parseFloat(vx) - parseFloat(vy) : collator.compare(vx, vy);
          return ascending ? result : -result;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
      void index;
    });
  }

  /* Side-by-side comparison of the ticked cases (at most three), in the URL as
     ?cases=a,b: the comparison table shows their columns only, row by row. When the list is
     split into pages, the picks follow the pager, and a picked case from another page is
     fetched from that page (its address from the comparison index): its cells join the
     table's rows. A picked case that does not exist is named in the status line. */
  function compare(root) {
    var picks = Array.prototype.slice.call(root.querySelectorAll(".vp-compare__pick"));
    var grid = root.querySelector(".vp-compare__grid");
    var wrap = root.querySelector(".vp-compare__wrap");
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
    var away = {};  // id -> the cells fetched from another page ("loading" while on the way)
    var missing = [];
    var pages = null;
    root.classList.add("vp-compare--js");
    var order = [];
    (new URLSearchParams(location.search).get("cases") || "").split(",").forEach(function (id) {
      id = id.trim();
      if (id && order.indexOf(id) < 0 && order.length < 3) { order.push(id); }
    });

    function cells(id) {
      return Array.prototype.slice.call(grid.querySelectorAll('[data-case="' + CSS.escape(id) + '"]'));
    }
    function drop(id) {
      var at = order.indexOf(id);
      if (at >= 0) { order.splice(at, 1); }
    }
    function forget(id) {
      if (away[id] && away[id] !== "loading") { away[id].forEach(function (cell) { cell.remove(); }); }
      delete away[id];
    }
    function unavailable(id) {
      drop(id);
      forget(id);
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
      away[id] = "loading";
      pageOf(id).then(function (page) {
        return fetch(page.url.href, { credentials: "same-origin" }).then(function (response) {
          if (!response.ok) { throw new Error(response.status); }
          return response.text();
        }).then(function (html) {
          var doc = new DOMParser().parseFromString(html, "text/html");
          var other = doc.querySelector(".vp-compare__grid");
          var head = other && other.querySelector('th[data-case="' + CSS.escape(id) + '"]');
          if (!head) { throw new Error("unknown"); }
          if (away[id] !== "loading") { return; }  // removed meanwhile
          var added = [];
          function adopt(cell, row) {
            cell.querySelectorAll("[href]").forEach(function (a) {
              a.setAttribute("href", new URL(a.getAttribute("href"), page.url).href);
            });
            cell = document.importNode(cell, true);
            cell.classList.add("vp-compare__away");
            row.appendChild(cell);
            added.push(cell);
            return cell;
          }
          var th = adopt(head, grid.tHead.rows[0]);
          var from = document.createElement("p");
          from.className = "vp-compare__from";
          from.textContent = text.from.replace("{page}", page.number) + " ";
          var button = document.createElement("button");
          button.type = "button";
          button.className = "md-button vp-compare__remove";
          button.textContent = text.remove;
          button.addEventListener("click", function () { drop(id); show(); });
          from.appendChild(button);
          th.appendChild(from);
          grid.querySelectorAll("tbody tr[data-row]").forEach(function (row) {
            var point = row.getAttribute("data-row");
            var theirs = other.querySelector('tr[data-row="' + CSS.escape(point) + '"] td[data-case="' + CSS.escape(id) + '"]');
            adopt(theirs || document.createElement("td"), row);
          });
          away[id] = added;
          show();
        });
      }).catch(function () { if (away[id] === "loading") { unavailable(id); } });
    }
    function show() {
      order.slice().forEach(function (id) {
        if (here.indexOf(id) >= 0 || away[id]) { return; }
        if (indexUrl) { fetchColumn(id); } else { unavailable(id); }
      });
      Object.keys(away).forEach(function (id) { if (order.indexOf(id) < 0) { forget(id); } });
      here.concat(Object.keys(away)).forEach(function (id) {
        var on = order.indexOf(id) >= 0;
        cells(id).forEach(function (cell) { cell.hidden = !on; });
      });
      var shown = order.filter(function (id) { return here.indexOf(id) >= 0 || (away[id] && away[id] !== "loading"); });
      wrap.hidden = shown.length === 0;
      grid.style.setProperty("--vp-columns", String(Math.max(1, shown.length)));
      picks.forEach(function (p) {
        p.checked = order.indexOf(p.value) >= 0;
        p.disabled = !p.checked && order.length >= 3;
      });
      var lines = missing.map(function (id) { return text.missing.replace("{id}", id); });
      if (shown.length < order.length) { lines.push(text.loading); }
      if (order.length < 2) { lines.push(hint); }
      status.textContent = lines.join(" ");
      if (shown.length >= 2) {  // on a phone the columns are a screen below the list
        var jump = document.createElement("a");
        jump.href = "#" + wrap.id;
        jump.textContent = (root.getAttribute("data-jump") || "") + " ↓";
        status.appendChild(document.createTextNode(lines.length ? " " : ""));
        status.appendChild(jump);
      }
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

  /* Glossary terms: the explanation shows on hover and keyboard focus (CSS); a tap on a
     touch screen shows it in place instead of leaving for the glossary (a second tap on
     the same term follows the link); Escape or a tap elsewhere hides it. The explanation
     is moved back inside the screen when the term sits near its right edge. */
  function tooltips() {
    var touch = false;
    function place(term) {
      var tip = term.querySelector(".vp-term__tip");
      if (!tip) { return; }
      tip.style.left = "";
      var box = tip.getBoundingClientRect();
      var room = document.documentElement.clientWidth - 8;
      if (box.width && box.right > room) {
        tip.style.left = -Math.min(box.right - room, box.left - 8) + "px";
      }
    }
    function close(except) {
      document.querySelectorAll(".vp-term--open").forEach(function (term) {
        if (term !== except) { term.classList.remove("vp-term--open"); }
      });
    }
    document.addEventListener("pointerdown", function (event) { touch = event.pointerType === "touch" || event.pointerType === "pen"; }, true);
    document.addEventListener("click", function (event) {
      var link = event.target.closest && event.target.closest(".vp-term__link");
      var term = link && link.parentNode;
      if (term && touch && !term.classList.contains("vp-term--open")) {
        event.preventDefault();
        close(term);
        term.classList.remove("vp-term--dismissed");
        term.classList.add("vp-term--open");
        place(term);
        return;
      }
      if (!term) { close(null); }
    });
    document.addEventListener("keydown", function (event) {
      if (event.key !== "Escape") { return; }
      close(null);
      document.querySelectorAll(".vp-term").forEach(function (term) { term.classList.add("vp-term--dismissed"); });
    });
    ["focusin", "mouseover"].forEach(function (type) {
      document.addEventListener(type, function (event) {
        var term = event.target.closest && event.target.closest(".vp-term");
        if (term) { term.classList.remove("vp-term--dismissed"); place(term); }
      });
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

  /* Code blocks that scroll sideways take keyboard focus (WCAG 2.1.1; axe's
     scrollable-region-focusable), as Material's script does once it runs: it starts on the
     reader's first interaction (overrides/main.html), later than a keyboard user may need. */
  function focusableCode() {
    document.querySelectorAll(".md-typeset pre > code").forEach(function (code) {
      if (code.scrollWidth > code.clientWidth && !code.hasAttribute("tabindex")) {
        code.setAttribute("tabindex", "0");
      }
    });
  }

  function init() {
    remember();
    focusableCode();
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
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init, { once: true }); } else { init(); }
})();
