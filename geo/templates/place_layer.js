// Draws one place layer from its data (geo/placelayer.py writes it; ``fields`` names the items
// of each place's array) and returns it as a feature group. Written once per page.
function raPlaceLayer(data, fields) {
  var labels = data.labels, TABLES = ["status", "kind", "where", "method", "source"];
  // Precision circles only show extent: one canvas draws them all, cheaper than SVG paths.
  var canvas = L.canvas({padding: 0.5});
  var group = L.featureGroup();
  var lines = L.featureGroup().addTo(group);
  var precision = L.featureGroup().addTo(group);
  // Points cluster where they crowd; from zoom 15 every place is drawn on its own.
  var cluster = L.markerClusterGroup({
    disableClusteringAtZoom: 15, showCoverageOnHover: false,
    iconCreateFunction: function (group) {  // in the layer's colour, so layers stay apart
      var count = group.getChildCount(), size = count < 10 ? 30 : count < 100 ? 36 : 42;
      var icon = document.createElement("div");
      icon.textContent = count;
      icon.style.cssText = "background:" + labels.colour + ";color:#fff;font:bold 12px/"
        + size + "px sans-serif;text-align:center;border-radius:50%;opacity:0.85;"
        + "box-shadow:0 0 0 4px rgba(255,255,255,0.6)";
      return L.divIcon({html: icon.outerHTML, className: "ra-cluster", iconSize: [size, size]});
    }
  });
  var points = [];

  // Every string from the data enters the page as text, never as HTML.
  function node(tag, text, className) {
    var element = document.createElement(tag);
    if (text !== undefined && text !== null) { element.textContent = text; }
    if (className) { element.className = className; }
    return element;
  }
  function quote(item) {
    var doc = data.documents[item[0]], sentence = item[1], start = item[2], end = item[3];
    var li = node("li"), block = node("blockquote");
    block.style.margin = "0 0 4px";
    block.appendChild(document.createTextNode(sentence.slice(0, start)));
    block.appendChild(node("mark", sentence.slice(start, end)));
    block.appendChild(document.createTextNode(sentence.slice(end)));
    li.appendChild(block);
    if (item[4].length) {
      var facts = li.appendChild(node("ul", null, "ra-facts"));
      item[4].forEach(function (fact) { facts.appendChild(node("li", fact)); });
    }
    li.appendChild(node("cite", doc[0] + " · " + (doc[1] || "date not stated")));
    return li;
  }
  function popup(place) {
    var box = node("div", null, "ra-popup");
    box.style.cssText = "max-height:320px;overflow:auto";
    box.appendChild(node("h4", place.name)).style.margin = "0 0 4px";
    var about = [labels.layer, labels.status[place.status] || place.status, place.where];
    box.appendChild(node("p", about.filter(Boolean).join(" · "))).style.margin = "0";
    if (place.note) { box.appendChild(node("p", place.note)); }
    var located = box.appendChild(node("details"));
    located.appendChild(node("summary", "Location: " + (labels.method[place.method] || place.method)
      + (place.precision ? " ±" + Math.round(place.precision).toLocaleString("en") + " m" : "")));
    located.appendChild(node("small", place.source));
    var quotes = box.appendChild(node("ol"));
    quotes.style.paddingLeft = "18px";
    place.quotes.forEach(function (item) { quotes.appendChild(quote(item)); });
    return box;
  }

  data.places.forEach(function (values) {
    var place = {};
    fields.forEach(function (field, index) { place[field] = values[index]; });
    TABLES.forEach(function (table) { place[table] = data[table][place[table]]; });
    var colour = place.colour || labels.colour;
    var style = labels.styles[place.status] || labels.styles.unknown;
    var layer;
    if (typeof place.coords[0] === "number") {
      var latlng = L.latLng(place.coords[1], place.coords[0]);
      layer = L.circleMarker(latlng, {
        radius: place.kind === "station" ? 5 : 8, color: colour, weight: 2, fillColor: colour,
        fillOpacity: place.approximate ? labels.approximate.fillOpacity : style.fillOpacity,
        dashArray: place.approximate ? labels.approximate.dashArray : style.dashArray,
        title: place.name
      });
      layer.raCluster = cluster;
      points.push(layer);
      if (place.approximate && place.precision) {
        L.circle(latlng, {radius: place.precision, color: colour, weight: 1, dashArray: "4 6",
                          fill: false, interactive: false, renderer: canvas}).addTo(precision);
      }
    } else {
      layer = L.polyline(place.coords.map(function (c) { return [c[1], c[0]]; }), {
        color: colour, weight: 5, opacity: 0.85, title: place.name,
        dashArray: place.approximate ? labels.approximate.lineDash : style.lineDash
      }).addTo(lines);
    }
    layer.raPlace = place;
    layer.raGroup = group;
  });
  // One popup and one tooltip for the whole layer, filled for the place the pointer is on:
  // binding one to each of 10,000 markers costs more than drawing them.
  var tooltip = L.tooltip({direction: "top", offset: [0, -6]});
  function at(layer, event) {
    return layer.getLatLng ? layer.getLatLng() : event && event.latlng || layer.getCenter();
  }
  group.raOpen = function (layer, event) {
    L.popup({maxWidth: 420}).setLatLng(at(layer, event)).setContent(popup(layer.raPlace))
      .openOn(group._map);
  };
  group.on("click", function (event) {
    if (event.layer && event.layer.raPlace) { group.raOpen(event.layer, event); }
  });
  group.on("mouseover", function (event) {
    var place = event.layer && event.layer.raPlace;
    if (!place) { return; }
    tooltip.setLatLng(at(event.layer, event)).setContent(
      document.createTextNode(place.name + (place.approximate ? " (approximate)" : "")));
    group._map.openTooltip(tooltip);
  });
  group.on("mouseout", function () { tooltip.close(); });
  cluster.addLayers(points);
  group.addLayer(cluster);
  group.raSearchable = [lines, cluster];
  group.raLabel = labels.layer;
  return group;
}
