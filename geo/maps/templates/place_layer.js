// Draws one place layer from its data (geo/placelayer.py writes it) and returns it as a
// feature group. Written once per page. What drawing, the filters, the search and the table
// read is in ``data``, a column a field; ``readDetails(chunk)`` promises the rest of a chunk
// of places (gzipped in the page: an array per place, its items named by ``detailFields``),
// read when a popup first needs them.
//
// Leaflet objects exist only for what the view shows: the points are clustered by supercluster
// from the data, and on every move the clusters and points in view are drawn, not a marker per
// place. They are SVG: a few hundred paths at most, which the browser rasterises off the main
// thread, where a canvas is drawn on it.
function raPlaceLayer(data, detailFields, readDetails) {
  var labels = data.labels, TABLES = ["source"];  // the detail fields read from a table
  // Clustered within 80 px up to zoom 14, as Leaflet.markercluster's defaults did with
  // disableClusteringAtZoom 15; extent 256 makes supercluster's pixels Leaflet's.
  var CLUSTERING = {radius: 80, extent: 256, maxZoom: 14};
  var OPEN_ZOOM = 16;  // the zoom a place is shown at when opened while hidden in a cluster
  var POINT_RADIUS = 8, STATION_RADIUS = 5;  // px
  var POINTS = "raPoints";  // the map pane of the points
  var group = L.featureGroup();
  var lines = L.featureGroup().addTo(group);
  var precision = L.featureGroup().addTo(group);
  var drawn = L.featureGroup().addTo(group);  // the clusters and points in view
  var places = [], points = [], shown = {};
  var listed = [];  // the places the legend lists one by one (labels.listed: transit lines)
  var shownCount = 0;  // the places the filters let through
  var active = points;  // the points the filters let through (all, until one is set)
  var indexes = {};  // supercluster indexes: "all" zooms, and the zoom the page opened at
  var unfiltered = null;  // the indexes of every point, while a filter is on
  var isTable = detailFields.map(function (field) { return TABLES.indexOf(field) >= 0; });
  // What atlas.map() took as explore() does (geo/maps/explore.py): the columns a tooltip and a
  // popup show instead of the usual ones (false: none), each place's values of them as text,
  // and Leaflet options for the points (marker) and lines (style).
  var explore = data.explore || {}, POPUPS = explore.popup !== false;

  var node = raPlaceLayer.node;
  // The detail fields from ``values``; a table's field is an index into ``from[field]``.
  function fill(place, values, from) {
    for (var i = 0; i < values.length; i += 1) {
      var field = detailFields[i];
      place[field] = isTable[i] ? from[field][values[i]] : values[i];
    }
    return place;
  }
  // The articles naming a place: {id, title, date} each, shared by the places they name.
  var documents = data.documents.map(function (row) {
    return {id: row[0], title: row[1], date: row[2]};
  });
  // The popups' fields come in chunks of data.detailChunk places, each unpacked when a
  // popup of one of its places first opens.
  var chunks = {};
  function withDetails(place, then) {  // calls ``then`` once the place's fields are read
    var number = Math.floor(place.n / data.detailChunk);
    if (!chunks[number]) {
      chunks[number] = readDetails(number);
    }
    chunks[number].then(function (chunk) {
      if (!place.quotes) { fill(place, chunk.places[place.n % data.detailChunk], chunk); }
      then();
    });
  }
  function quote(item) {
    var doc = documents[item[0]], sentence = item[1], start = item[2], end = item[3];
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
    li.appendChild(node("cite", doc.title + " · " + (doc.date || "date not stated")));
    return li;
  }
  function columns(place, names) {  // the place's values of the named columns, as text
    var table = node("table", null, "ra-columns"), values = explore.values[place.n];
    names.forEach(function (name) {
      var row = table.appendChild(node("tr"));
      row.appendChild(node("th", name)).style.textAlign = "left";
      row.appendChild(node("td", values[explore.columns.indexOf(name)]));
    });
    return table;
  }
  function popup(place) {  // of a place withDetails has read
    if (explore.popup) { return columns(place, explore.popup); }
    var box = node("div", null, "ra-popup");
    box.style.cssText = "max-height:320px;overflow:auto";
    box.appendChild(node("h4", place.name)).style.margin = "0 0 4px";
    var about = [labels.layer, labels.status[place.status] || place.status, place.district];
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
  function styleOf(place) {
    return labels.styles[place.status] || labels.styles.unknown;
  }

  // The drawn fields come as columns (geo/maps/placelayer.py, drawn_columns): positions in
  // millionths of a degree, each point's the step from the one before.
  var drawnColumns = data.columns, lineAt = {}, colourAt = {}, x = 0, y = 0, k = 0;
  drawnColumns.lines.forEach(function (item) { lineAt[item[0]] = item[1]; });
  drawnColumns.colour.forEach(function (item) { colourAt[item[0]] = item[1]; });
  for (var n = 0; n < drawnColumns.name.length; n += 1) {
    var ids = drawnColumns.documents[n], approximate = Boolean(drawnColumns.approximate[n]);
    var place = {
      n: n, name: drawnColumns.name[n], status: data.status[drawnColumns.status[n]],
      approximate: approximate, precision: drawnColumns.precision[n],
      colour: colourAt[n] || labels.colour, kind: data.kind[drawnColumns.kind[n]],
      district: data.district[drawnColumns.district[n]], mentions: drawnColumns.mentions[n],
      method: data.method[drawnColumns.method[n]],
      documents: typeof ids === "number" ? [documents[ids]]
        : ids.map(function (i) { return documents[i]; }),
      shown: true  // let through by the filters
    };
    if (!lineAt[n]) {
      x += drawnColumns.x[k];
      y += drawnColumns.y[k];
      k += 1;
      // The files' WGS-84 position, and where it is shown (moved on a GCJ-02 basemap);
      // supercluster reads geometry.coordinates, as in GeoJSON.
      place.coords = [x / 1e6, y / 1e6];
      place.wgs = L.latLng(place.coords[1], place.coords[0]);
      place.latlng = place.wgs;
      place.geometry = {coordinates: place.coords};
      place.point = points.push(place) - 1;
    } else {
      place.coords = lineAt[n];
      place.wgs = place.coords.map(function (c) { return L.latLng(c[1], c[0]); });
      place.layer = L.polyline(place.wgs, L.extend({
        color: place.colour, weight: 5, opacity: 0.85,
        dashArray: approximate ? labels.approximate.lineDash : styleOf(place).lineDash
      }, explore.style)).addTo(lines);
      place.layer.raPlace = place;
      place.layer.raGroup = group;
    }
    if (labels.listed && place.kind === labels.listed) { listed.push(place); }
    places.push(place);
  }
  shownCount = places.length;
  // Precision circles show extent only: all of a layer's of one colour are one path.
  function drawPrecision() {
    var byColour = {};
    precision.clearLayers();
    active.forEach(function (place) {
      if (place.approximate && place.precision) {
        (byColour[place.colour] = byColour[place.colour] || []).push(place);
      }
    });
    Object.keys(byColour).forEach(function (colour) {
      precision.addLayer(new raPlaceLayer.Circles(byColour[colour],
                                                  {color: colour, minRadius: POINT_RADIUS}));
    });
  }
  drawPrecision();
  // The index for a zoom. The whole hierarchy costs several times what one zoom does, and the
  // page opens at one zoom: that zoom's clusters are made alone, and kept for it, so that the
  // clusters first seen stay as they were; the rest waits for the first change of zoom. Past
  // the last clustered zoom, the points alone will do.
  function indexFor(zoom) {
    zoom = Math.min(Math.floor(zoom), CLUSTERING.maxZoom + 1);
    var one = zoom > CLUSTERING.maxZoom || !Object.keys(indexes).length;
    if (!indexes[zoom] && !indexes.all && one) {
      var level = Math.min(zoom, CLUSTERING.maxZoom);
      indexes[zoom] = new Supercluster(
        L.extend({}, CLUSTERING, {minZoom: level, maxZoom: level})).load(active);
    }
    if (indexes[zoom]) { return indexes[zoom]; }
    indexes.all = indexes.all || new Supercluster(CLUSTERING).load(active);
    return indexes.all;
  }

  function pointMarker(place) {
    var style = styleOf(place);
    var marker = L.circleMarker(place.latlng, L.extend({
      radius: place.kind === "station" ? STATION_RADIUS : POINT_RADIUS,
      color: place.colour, weight: 2, fillColor: place.colour, pane: POINTS,
      fillOpacity: place.approximate ? labels.approximate.fillOpacity : style.fillOpacity,
      dashArray: place.approximate ? labels.approximate.dashArray : style.dashArray
    }, explore.marker));
    marker.raPlace = place;
    marker.raGroup = group;
    place.marker = marker;
    return marker;
  }
  function clusterMarker(cluster, index) {  // in the layer's colour, so layers stay apart
    var count = cluster.properties.point_count, size = count < 10 ? 30 : count < 100 ? 36 : 42;
    var icon = document.createElement("div");
    icon.textContent = count;
    icon.style.cssText = "background:" + labels.colour + ";color:#fff;font:bold 12px/"
      + size + "px sans-serif;text-align:center;border-radius:50%;opacity:0.85;"
      + "box-shadow:0 0 0 4px rgba(255,255,255,0.6)";
    var coords = cluster.geometry.coordinates;
    var marker = L.marker([coords[1], coords[0]], {icon: L.divIcon({
      html: icon.outerHTML, className: "ra-cluster", iconSize: [size, size]})});
    marker.raCluster = cluster.properties.cluster_id;
    marker.raIndex = index;
    marker.raCount = count;
    return marker;
  }
  // Draws what the view (and a margin around it, for short pans) shows; markers still in view
  // are kept.
  function update() {
    var map = group._map;
    if (!map) { return; }
    var view = map.getBounds().pad(0.25), next = {}, index = indexFor(map.getZoom());
    index.getClusters([view.getWest(), view.getSouth(), view.getEast(), view.getNorth()],
                      map.getZoom()).forEach(function (item) {
      var isCluster = Boolean(item.properties && item.properties.cluster);
      var key = isCluster ? "c" + item.properties.cluster_id : "p" + item.point;
      var layer = shown[key];
      if (!layer) {
        layer = isCluster ? clusterMarker(item, index) : pointMarker(item);
        drawn.addLayer(layer);
      }
      next[key] = layer;
    });
    Object.keys(shown).forEach(function (key) {
      if (!next[key]) { forget(shown[key]); }
    });
    shown = next;
  }
  function forget(marker) {
    drawn.removeLayer(marker);
    if (marker.raPlace) { marker.raPlace.marker = null; }
  }
  function clear() {
    Object.keys(shown).forEach(function (key) { forget(shown[key]); });
    shown = {};
  }

  group.onAdd = function (map) {
    group.raMap = map;
    if (!map.getPane(POINTS)) {
      // Points above every layer's lines and precision circles, which keep the layers' order.
      // The pane takes no pointer events itself, only its points do, so the lines under it
      // still get theirs.
      var pane = map.createPane(POINTS);
      pane.style.zIndex = 450;
      pane.style.pointerEvents = "none";
    }
    L.FeatureGroup.prototype.onAdd.call(group, map);
    update();
  };
  group.onRemove = function (map) {
    clear();
    L.FeatureGroup.prototype.onRemove.call(group, map);
  };
  group.getEvents = function () { return {moveend: update}; };

  // Shows every place at ``move(wgs)`` instead of its WGS-84 position (null: where it is).
  group.raDisplay = function (move) {
    var at = move || function (latlng) { return latlng; };
    points.forEach(function (place) {
      place.latlng = at(place.wgs);
      place.geometry = {coordinates: [place.latlng.lng, place.latlng.lat]};
    });
    precision.eachLayer(function (circles) { circles.redraw(); });
    places.forEach(function (place) {
      if (place.layer) { place.layer.setLatLngs(place.wgs.map(at)); }
    });
    indexes = {};  // clusters form where the places are shown
    unfiltered = null;
    clear();
    update();
  };

  // One popup and one tooltip for the whole layer, filled for the place the pointer is on:
  // binding one to each of 10,000 markers costs more than drawing them.
  var tooltip = L.tooltip({direction: "top", offset: [0, -6]});
  function at(place, event) {
    return place.latlng || event && event.latlng || place.layer.getCenter();
  }
  // Opens a place's popup (a place from raPlaces, or a drawn layer of one). A point hidden in
  // a cluster or out of view is first brought into view, close enough to be drawn on its own.
  group.raOpen = function (target, event) {
    var place = target.raPlace || target, map = group._map || group.raMap;
    if (!map.hasLayer(group)) { map.addLayer(group); }
    if (place.latlng && !place.marker) {
      map.setView(place.latlng, Math.max(map.getZoom(), OPEN_ZOOM), {animate: false});
    }
    if (!POPUPS) { return; }
    var where = at(place, event);
    withDetails(place, function () {
      L.popup({maxWidth: 420}).setLatLng(where).setContent(popup(place)).openOn(map);
    });
  };
  // Places at one spot (several shown at their district's centre) make one dot, which no
  // zoom splits: a click lists them all, each name opening its own popup.
  function together(one, other) {
    return one.latlng.lat === other.latlng.lat && one.latlng.lng === other.latlng.lng;
  }
  function stackedAt(place) {
    return active.filter(function (other) { return together(place, other); });
  }
  function listPopup(latlng, stacked) {
    if (!POPUPS) { return; }
    var box = node("div", null, "ra-stack");
    box.appendChild(node("strong", stacked.length + " places here"));
    var list = box.appendChild(node("ul"));
    stacked.forEach(function (place) {
      var link = node("a", place.name + (place.approximate ? " (approximate)" : ""));
      link.href = "#";
      link.addEventListener("click", function (event) {
        event.preventDefault();
        withDetails(place, function () {
          L.popup({maxWidth: 420}).setLatLng(latlng).setContent(popup(place)).openOn(group._map);
        });
      });
      list.appendChild(node("li")).appendChild(link);
    });
    L.popup({maxWidth: 420}).setLatLng(latlng).setContent(box).openOn(group._map);
  }
  group.on("click", function (event) {
    var layer = event.layer;
    if (layer && layer.raPlace) {
      var stacked = layer.raPlace.latlng ? stackedAt(layer.raPlace) : [];
      if (stacked.length > 1) {
        listPopup(layer.raPlace.latlng, stacked);
      } else {
        group.raOpen(layer.raPlace, layer.raPlace.latlng ? null : event);
      }
    } else if (layer && layer.raCluster !== undefined) {
      var zoom = layer.raIndex.getClusterExpansionZoom(layer.raCluster);
      var leaves = zoom > CLUSTERING.maxZoom
        ? layer.raIndex.getLeaves(layer.raCluster, Infinity) : [];
      if (leaves.length && leaves.every(function (leaf) { return together(leaf, leaves[0]); })) {
        listPopup(layer.getLatLng(), leaves);  // one spot: no zoom would split them
      } else {
        group._map.setView(layer.getLatLng(), zoom);
      }
    }
  });
  group.on("mouseover", function (event) {
    var place = event.layer && event.layer.raPlace;
    if (!place || explore.tooltip === false) { return; }
    tooltip.setLatLng(at(place, event)).setContent(explore.tooltip ? columns(place, explore.tooltip)
      : document.createTextNode(place.name + (place.approximate ? " (approximate)" : "")));
    group._map.openTooltip(tooltip);
  });
  group.on("mouseout", function () { tooltip.close(); });
  // Shows only the places ``keep(place)`` lets through (every place with null), and marks
  // each ``place.shown``: the clusters are made anew from the points kept.
  // Filtering keeps the clusters of every point (``unfiltered``), so that showing all again
  // ("Show all") makes none anew; the page opening with no filter changes nothing.
  group.raFilter = function (keep) {
    if (!keep && active === points) { return; }  // all shown, and all to be shown
    shownCount = 0;
    places.forEach(function (place) {
      place.shown = !keep || Boolean(keep(place));
      shownCount += place.shown ? 1 : 0;
      if (place.layer) {
        if (place.shown) { lines.addLayer(place.layer); } else { lines.removeLayer(place.layer); }
      }
    });
    if (keep && active === points) { unfiltered = indexes; }
    active = keep ? points.filter(function (place) { return place.shown; }) : points;
    indexes = keep ? {} : unfiltered || {};
    if (!keep) { unfiltered = null; }
    drawPrecision();
    clear();
    update();
  };
  group.raPlaces = places;
  group.raShownCount = function () { return shownCount; };
  group.raListed = listed;
  // What the places refer to, each once: statuses, districts (city and district) and articles
  // ({id, title, date}), for the filters' choices.
  group.raTables = {status: data.status, district: data.district, documents: documents};
  group.raLabel = labels.layer;
  group.raLabels = labels;
  group.raOpenZoom = OPEN_ZOOM;
  return group;
}

// An element holding ``text`` as text: every string from the data enters the page this way,
// never as HTML (the filters and the table use it too).
raPlaceLayer.node = function (tag, text, className) {
  var element = document.createElement(tag);
  if (text !== undefined && text !== null) { element.textContent = text; }
  if (className) { element.className = className; }
  return element;
};

// The chunks ``packed`` (geo/maps/placelayer.py) wrote into the element ``id``, one after the
// other with commas between: base64 of gzipped JSON, unpacked by the browser's own
// DecompressionStream. Returns a function promising chunk ``number``.
raPlaceLayer.chunks = function (id) {
  var packed = null;
  return function (number) {
    packed = packed || document.getElementById(id).textContent.split(",");
    var text = atob(packed[number]), bytes = new Uint8Array(text.length);
    for (var i = 0; i < text.length; i += 1) { bytes[i] = text.charCodeAt(i); }
    var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
    return new Response(stream).text().then(JSON.parse);
  };
};

// Circles of the given places' ``precision`` (metres) around their ``latlng``, as one path:
// a Leaflet circle for each costs more to add and re-project than to draw. Circles no wider
// than ``minRadius`` (px: a point's marker; a station's is smaller) are left out: they show
// little the marker does not, and at a city's zoom they are most of them. Solid and faint,
// not dashed: the browser took longer to rasterise a few thousand dashed circles than to
// apply a filter (100 ms of a status filter's 220 at 100,000 places).
raPlaceLayer.Circles = L.Path.extend({
  options: {weight: 1, opacity: 0.45, fill: false, interactive: false, minRadius: 0},
  initialize: function (places, options) {
    L.setOptions(this, options);
    this._places = places;
  },
  _project: function () {
    var map = this._map, bounds = new L.Bounds();
    // Web Mercator: pixels per metre at the equator, divided by cos(latitude) further north.
    var scale = map.options.crs.scale(map.getZoom()) / (2 * Math.PI * 6378137);
    this._circles = this._places.map(function (place) {
      var centre = map.latLngToLayerPoint(place.latlng);
      var radius = place.precision * scale / Math.cos(place.latlng.lat * Math.PI / 180);
      bounds.extend([centre.x - radius, centre.y - radius]);
      bounds.extend([centre.x + radius, centre.y + radius]);
      return [centre.x, centre.y, radius];
    });
    this._pxBounds = bounds;
  },
  _update: function () {
    if (this._map) { this._updatePath(); }
  },
  _updatePath: function () {
    var renderer = this._renderer, view = renderer._bounds, ctx = renderer._ctx;
    var least = this.options.minRadius;
    var shown = this._circles.filter(function (c) {
      return c[2] > least && c[0] + c[2] >= view.min.x && c[0] - c[2] <= view.max.x
        && c[1] + c[2] >= view.min.y && c[1] - c[2] <= view.max.y;
    });
    if (ctx) {  // a canvas renderer (a map made with preferCanvas)
      if (!renderer._drawing) { return; }
      ctx.beginPath();
      shown.forEach(function (c) {
        ctx.moveTo(c[0] + c[2], c[1]);
        ctx.arc(c[0], c[1], c[2], 0, Math.PI * 2, false);
      });
      renderer._fillStroke(ctx, this);
    } else {  // SVG: each circle as two arcs, as Leaflet draws one
      renderer._setPath(this, shown.map(function (c) {
        var r = c[2], arc = "a" + r + "," + r + " 0 1,0 ";
        return "M" + (c[0] - r) + "," + c[1] + arc + (2 * r) + ",0 " + arc + (-2 * r) + ",0 ";
      }).join("") || "M0 0");
    }
  },
  _containsPoint: function () { return false; }
});
