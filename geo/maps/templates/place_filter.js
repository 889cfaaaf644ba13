{% macro header(this, kwargs) %}
<style>
.ra-filter{background:#fff;padding:4px 8px;font:12px/1.5 sans-serif;max-width:260px}
.ra-filter summary{cursor:pointer;font-weight:bold}
.ra-filter fieldset{border:0;margin:4px 0;padding:0}
.ra-filter fieldset legend{padding:0;font-weight:bold}
.ra-filter label{display:block}
.ra-filter select,.ra-filter input[type=range]{display:block;width:100%;margin:4px 0}
.ra-filter-count{color:#444}
</style>
{% endmacro %}
{% macro script(this, kwargs) %}
(function () {
  // The filter panel: status, district, article and a range of article dates. A place is
  // shown when its status and district are chosen and one of its articles is the chosen one
  // (or any) and dated within the range (any date, undated too, while the range is whole).
  var map = {{ this._parent.get_name() }};
  var groups = [{% for name in this.groups %}{{ name }}{% if not loop.last %}, {% endif %}{% endfor %}];
  var has = Object.prototype.hasOwnProperty;
  // Without a prototype: a district or article id may be any text, "__proto__" too.
  var statuses = Object.create(null), districts = Object.create(null);
  var articles = Object.create(null), dates = Object.create(null);
  groups.forEach(function (group) {  // from each layer's tables: no pass over its places
    var tables = group.raTables;
    tables.status.forEach(function (status) { statuses[status] = true; });
    tables.district.forEach(function (name) { if (name) { districts[name] = true; } });
    tables.documents.forEach(function (doc) {
      articles[doc.id] = doc;
      if (doc.date) { dates[doc.date] = true; }
    });
  });
  var statusLabels = groups.length ? groups[0].raLabels.status : {};
  dates = Object.keys(dates).sort();
  var articleList = Object.keys(articles).map(function (id) { return articles[id]; })
    .sort(function (a, b) {
      return (a.date || "9999").localeCompare(b.date || "9999") || a.title.localeCompare(b.title);
    });
  var state = {status: null, district: "", article: "", from: 0, to: dates.length - 1, off: []};

  var node = raPlaceLayer.node;  // text, never HTML
  function option(select, value, text) {
    var item = select.appendChild(node("option", text));
    item.value = value;
    return item;
  }

  function wholeRange() { return state.from <= 0 && state.to >= dates.length - 1; }
  function keeps(place) {
    if (state.status && state.status.indexOf(place.status) < 0) { return false; }
    if (state.district && place.district !== state.district) { return false; }
    if (!state.article && wholeRange()) { return true; }
    var from = dates[state.from], to = dates[state.to], whole = wholeRange();
    return place.documents.some(function (doc) {
      return (!state.article || doc.id === state.article)
        && (whole || (doc.date && doc.date >= from && doc.date <= to));
    });
  }
  function filtering() {
    return Boolean(state.status || state.district || state.article || !wholeRange());
  }

  // The address keeps the state: #status=open,planned&district=…&article=…&from=…&to=…&off=…
  // Written once the filtered view is painted: replacing the address costs the browser tens of
  // milliseconds, which the view need not wait for.
  var saving = false;
  function saveState() {
    if (saving) { return; }
    saving = true;
    requestAnimationFrame(function () {
      setTimeout(function () { saving = false; writeState(); }, 0);
    });
  }
  function writeState() {
    var params = new URLSearchParams();
    if (state.status) { params.set("status", state.status.join(",")); }
    if (state.district) { params.set("district", state.district); }
    if (state.article) { params.set("article", state.article); }
    if (!wholeRange()) { params.set("from", dates[state.from]); params.set("to", dates[state.to]); }
    if (state.off.length) { params.set("off", state.off.join(",")); }
    var hash = params.toString();
    if (location.hash.replace(/^#/, "") === hash) { return; }
    try {  // a sandboxed frame (the embed fragment) may refuse
      history.replaceState(null, "", hash ? "#" + hash : location.pathname + location.search);
    } catch (error) { /* the view is still filtered */ }
  }
  function readState() {
    var params = new URLSearchParams(location.hash.replace(/^#/, ""));
    var known = function (list, value) { return list.indexOf(value) >= 0; };
    if (params.has("status")) {
      state.status = params.get("status").split(",").filter(function (value) {
        return has.call(statuses, value);
      });
    }
    if (has.call(districts, params.get("district") || "")) { state.district = params.get("district"); }
    if (has.call(articles, params.get("article") || "")) { state.article = params.get("article"); }
    if (known(dates, params.get("from"))) { state.from = dates.indexOf(params.get("from")); }
    if (known(dates, params.get("to"))) { state.to = dates.indexOf(params.get("to")); }
    if (params.has("off")) { state.off = params.get("off").split(","); }
  }

  function apply() {
    var keep = filtering() ? keeps : null, total = 0, shown = 0;
    groups.forEach(function (group) {
      group.raFilter(keep);
      total += group.raPlaces.length;
      shown += group.raShownCount();
    });
    count.textContent = shown === total ? total + " places" : shown + " of " + total + " places";
    followLegend();
    saveState();
    map.fire("ra:filter");
  }
  // The legend counts each layer's places shown, and lists only the lines shown.
  function followLegend() {
    var perLayer = Object.create(null), lineShown = Object.create(null);
    groups.forEach(function (group) {
      var on = map.hasLayer(group);
      group.raListed.forEach(function (place) {
        if (place.shown && on) { lineShown[place.name] = true; }
      });
      perLayer[group.raLabel] = on ? group.raShownCount() : 0;
    });
    document.querySelectorAll("[data-ra-layer]").forEach(function (row) {
      var label = row.getAttribute("data-ra-layer");
      var counter = row.querySelector(".ra-legend-count");
      if (counter) { counter.textContent = has.call(perLayer, label) ? " (" + perLayer[label] + ")" : " (0)"; }
    });
    document.querySelectorAll("[data-ra-line]").forEach(function (row) {
      row.style.display = lineShown[row.getAttribute("data-ra-line")] ? "" : "none";
    });
  }

  var panel = node("details", null, "ra-filter leaflet-bar");
  panel.appendChild(node("summary", "Filter 筛选"));
  var count = panel.appendChild(node("div", "", "ra-filter-count"));
  var statusBox = panel.appendChild(node("fieldset"));
  statusBox.appendChild(node("legend", "Status 状态"));
  var statusInputs = Object.keys(statuses).sort().map(function (status) {
    var label = statusBox.appendChild(node("label"));
    var input = label.appendChild(node("input"));
    input.type = "checkbox";
    input.value = status;
    label.appendChild(document.createTextNode(" " + (statusLabels[status] || status)));
    input.addEventListener("change", function () {
      var chosen = statusInputs.filter(function (box) { return box.checked; })
        .map(function (box) { return box.value; });
      state.status = chosen.length === statusInputs.length ? null : chosen;
      apply();
    });
    return input;
  });
  var district = panel.appendChild(node("select"));
  district.setAttribute("aria-label", "District 区");
  option(district, "", "All districts 全部区");
  Object.keys(districts).sort().forEach(function (name) { option(district, name, name); });
  district.addEventListener("change", function () { state.district = district.value; apply(); });
  var article = panel.appendChild(node("select"));
  article.setAttribute("aria-label", "Article 文章");
  option(article, "", "All articles 全部文章");
  articleList.forEach(function (doc) {
    option(article, doc.id, (doc.date ? doc.date + " · " : "") + doc.title);
  });
  article.addEventListener("change", function () { state.article = article.value; apply(); });
  var range = null;
  if (dates.length > 1) {  // a range slider over the articles' dates
    range = panel.appendChild(node("div", null, "ra-filter-dates"));
    var shown = range.appendChild(node("div"));
    var from = range.appendChild(node("input")), to = range.appendChild(node("input"));
    [from, to].forEach(function (input, end) {
      input.type = "range";
      input.min = 0;
      input.max = dates.length - 1;
      input.setAttribute("aria-label", end ? "Latest date 止" : "Earliest date 起");
      input.addEventListener("input", function () {
        state.from = Math.min(+from.value, +to.value);
        state.to = Math.max(+from.value, +to.value);
        showDates();
        apply();
      });
    });
    var showDates = function () {
      from.value = state.from;
      to.value = state.to;
      shown.textContent = "Dates 日期: " + dates[state.from] + " – " + dates[state.to]
        + (wholeRange() ? " (and undated)" : "");
    };
  }
  var reset = panel.appendChild(node("button", "Show all 全部显示"));
  reset.type = "button";
  reset.addEventListener("click", function () {
    state = {status: null, district: "", article: "", from: 0, to: dates.length - 1, off: state.off};
    showState();
    apply();
  });
  function showState() {
    statusInputs.forEach(function (box) {
      box.checked = !state.status || state.status.indexOf(box.value) >= 0;
    });
    district.value = state.district;
    article.value = state.article;
    if (range) { showDates(); }
  }

  var control = L.control({position: "topright"});
  control.onAdd = function () {
    L.DomEvent.disableClickPropagation(panel);
    L.DomEvent.disableScrollPropagation(panel);
    return panel;
  };
  control.addTo(map);
  // Layers switched off in the layer control are part of the state too.
  map.on("overlayadd overlayremove", function (event) {
    var label = event.layer.raLabel;
    if (!label) { return; }
    state.off = state.off.filter(function (other) { return other !== label; });
    if (event.type === "overlayremove") { state.off.push(label); }
    followLegend();
    saveState();
    map.fire("ra:filter");
  });
  readState();
  groups.forEach(function (group) {
    if (state.off.indexOf(group.raLabel) >= 0) { map.removeLayer(group); }
  });
  showState();
  if (filtering() || state.off.length) { panel.open = filtering(); }
  apply();
  map.raFilter = {state: function () { return state; }, apply: apply, keeps: keeps};
})();
{% endmacro %}
