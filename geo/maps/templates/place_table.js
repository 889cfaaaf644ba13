{% macro header(this, kwargs) %}
<style>
.ra-table{position:absolute;left:0;right:0;bottom:0;height:38%;z-index:1000;background:#fff;
 border-top:2px solid #666;font:12px/1.4 sans-serif;display:none;flex-direction:column}
.ra-table.ra-open{display:flex}
.ra-table-bar{display:flex;gap:8px;align-items:center;padding:4px 8px;border-bottom:1px solid #ccc}
.ra-table-bar span{flex:1}
.ra-table-rows{overflow:auto;flex:1}
.ra-table table{border-collapse:collapse;width:100%}
.ra-table th{position:sticky;top:0;background:#eee;cursor:pointer;text-align:left;white-space:nowrap}
.ra-table th,.ra-table td{padding:2px 6px;border-bottom:1px solid #eee}
.ra-table tbody tr{cursor:pointer}
.ra-table tbody tr:hover{background:#fffbe0}
</style>
{% endmacro %}
{% macro script(this, kwargs) %}
(function () {
  // The attribute table of the places in view. Every cell is text (textContent).
  var map = {{ this._parent.get_name() }};
  var groups = [{% for name in this.groups %}{{ name }}{% if not loop.last %}, {% endif %}{% endfor %}];
  var FORMULA_START = {{ this.formula_start }}, SHOWN_ROWS = {{ this.shown_rows }};
  var COLUMNS = [
    ["name", "Name 名称"], ["layer", "Layer 图层"], ["status", "Status 状态"],
    ["district", "District 区"], ["mentions", "Mentions 提及"], ["first_date", "First 首次"],
    ["last_date", "Last 最近"], ["located", "Located 定位"]
  ];
  var sortKey = "name", ascending = true, rows = [];

  var node = raPlaceLayer.node;  // text, never HTML
  function dates(place) {
    var known = place.documents.map(function (doc) { return doc.date; }).filter(Boolean).sort();
    return [known[0] || "", known[known.length - 1] || ""];
  }
  function row(place, group) {
    var labels = group.raLabels, span = dates(place);
    return {
      place: place, group: group, name: place.name, layer: labels.layer,
      status: labels.status[place.status] || place.status, district: place.district || "",
      mentions: place.mentions, first_date: span[0], last_date: span[1],
      located: (labels.method[place.method] || place.method)
        + (place.approximate ? " (approximate)" : "")
    };
  }
  function inView(place, bounds) {
    if (place.latlng) { return bounds.contains(place.latlng); }
    return place.layer && bounds.intersects(place.layer.getBounds());
  }
  // The places the filters show, in a layer that is on, inside the view.
  function visible() {
    var bounds = map.getBounds(), found = [];
    groups.forEach(function (group) {
      if (!map.hasLayer(group)) { return; }
      group.raPlaces.forEach(function (place) {
        if (place.shown && inView(place, bounds)) { found.push(row(place, group)); }
      });
    });
    return found;
  }
  function compare(a, b) {
    var x = a[sortKey], y = b[sortKey];
    var order = typeof x === "number" ? x - y : String(x).localeCompare(String(y), "zh");
    return ascending ? order : -order;
  }

  var panel = node("div", null, "ra-table");
  var bar = panel.appendChild(node("div", null, "ra-table-bar"));
  var count = bar.appendChild(node("span"));
  var csvButton = bar.appendChild(node("button", "CSV"));
  var geojsonButton = bar.appendChild(node("button", "GeoJSON"));
  var close = bar.appendChild(node("button", "×"));
  close.setAttribute("aria-label", "Close the table 关闭");
  var scroller = panel.appendChild(node("div", null, "ra-table-rows"));
  var table = scroller.appendChild(node("table"));
  var head = table.appendChild(node("thead")).appendChild(node("tr"));
  var body = table.appendChild(node("tbody"));
  COLUMNS.forEach(function (column) {
    var th = head.appendChild(node("th", column[1]));
    th.addEventListener("click", function () {
      ascending = sortKey === column[0] ? !ascending : true;
      sortKey = column[0];
      refresh();
    });
  });
  [csvButton, geojsonButton, close].forEach(function (button) { button.type = "button"; });
  map.getContainer().appendChild(panel);
  L.DomEvent.disableClickPropagation(panel);
  L.DomEvent.disableScrollPropagation(panel);

  function refresh() {
    if (!panel.classList.contains("ra-open")) { return; }
    rows = visible().sort(compare);
    count.textContent = rows.length > SHOWN_ROWS
      ? rows.length + " places in view; the first " + SHOWN_ROWS + " listed, all downloaded"
      : rows.length + " places in view";
    var fragment = document.createDocumentFragment();
    rows.slice(0, SHOWN_ROWS).forEach(function (item) {
      var tr = fragment.appendChild(node("tr"));
      COLUMNS.forEach(function (column) { tr.appendChild(node("td", item[column[0]])); });
      tr.addEventListener("click", function (event) {
        // Stopped here: opening moves the map, which lists the rows anew, and the map would
        // take the click of a row no longer in the table for a click on itself, closing the
        // popup just opened.
        L.DomEvent.stopPropagation(event);
        item.group.raOpen(item.place);
      });
    });
    body.textContent = "";
    body.appendChild(fragment);
    head.querySelectorAll("th").forEach(function (th, i) {
      th.setAttribute("aria-sort", COLUMNS[i][0] !== sortKey ? "none"
        : ascending ? "ascending" : "descending");
    });
  }

  // Downloads: the rows in view, in the table's order.
  function save(text, type, name) {
    var link = node("a");
    link.href = URL.createObjectURL(new Blob([text], {type: type}));
    link.download = name;
    document.body.appendChild(link);
    link.click();
    setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 0);
  }
  function cell(value) {
    var text = value === null || value === undefined ? "" : String(value);
    if (typeof value !== "number" && text && FORMULA_START.indexOf(text[0]) >= 0) {
      text = "'" + text;  // a spreadsheet shows it as text, and runs nothing
    }
    return /[",\r\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  }
  function coordinates(place) {  // WGS-84, as the files, whatever the basemap shows
    if (place.latlng) { return {type: "Point", coordinates: place.coords}; }
    return {type: "LineString", coordinates: place.coords};
  }
  map.raTable = {
    csv: function () {
      var keys = COLUMNS.map(function (column) { return column[0]; });
      var lines = [keys.concat(["lon", "lat"]).join(",")];
      rows.forEach(function (item) {
        var point = item.place.latlng ? item.place.coords : ["", ""];
        lines.push(keys.map(function (key) { return cell(item[key]); })
          .concat([point[0], point[1]]).join(","));
      });
      return lines.join("\r\n") + "\r\n";
    },
    geojson: function () {
      return JSON.stringify({type: "FeatureCollection", features: rows.map(function (item) {
        var properties = {};
        COLUMNS.forEach(function (column) { properties[column[0]] = item[column[0]]; });
        return {type: "Feature", geometry: coordinates(item.place), properties: properties};
      })});
    },
    rows: function () { return rows; },
    refresh: refresh
  };
  csvButton.addEventListener("click", function () {
    save("\ufeff" + map.raTable.csv(), "text/csv;charset=utf-8", "places.csv");
  });
  geojsonButton.addEventListener("click", function () {
    save(map.raTable.geojson(), "application/geo+json", "places.geojson");
  });

  var toggle = L.control({position: "topleft"});
  toggle.onAdd = function () {
    var box = node("div", null, "leaflet-bar ra-table-toggle");
    var button = box.appendChild(node("a", "▦"));
    button.href = "#";
    button.title = "Table of the places in view 列表";
    button.setAttribute("role", "button");
    L.DomEvent.on(button, "click", function (event) {
      L.DomEvent.preventDefault(event);
      panel.classList.toggle("ra-open");
      refresh();
    });
    L.DomEvent.disableClickPropagation(box);
    return box;
  };
  toggle.addTo(map);
  close.addEventListener("click", function () { panel.classList.remove("ra-open"); });
  map.on("moveend overlayadd overlayremove ra:filter", refresh);
})();
{% endmacro %}
