{% macro header(this, kwargs) %}
<style>
.ra-outline-label{background:none;border:0;box-shadow:none;color:#777;font:11px sans-serif;
 text-shadow:0 0 2px #fff,0 0 2px #fff}
.ra-outline-label:before{display:none}
</style>
{% endmacro %}
{% macro script(this, kwargs) %}
var {{ this.get_name() }} = (function () {
  // The outlines, thin and grey under every place layer, taking no clicks; each names its
  // division at the zoom its level is labelled from. Names are set as text.
  var data = JSON.parse(document.getElementById("{{ this.get_name() }}_data").textContent);
  var PANE = "raOutlines";
  // The credit their licence asks for, in the attribution line while they are shown (as text).
  var credit = document.createElement("span");
  credit.textContent = data.credit;
  var group = L.featureGroup([], {attribution: credit.outerHTML}), shapes = [], labels = [];
  function rings(coordinates, depth, move) {
    return depth ? coordinates.map(function (inner) { return rings(inner, depth - 1, move); })
      : move(L.latLng(coordinates[1], coordinates[0]));
  }
  function depthOf(geometry) { return geometry.type === "MultiPolygon" ? 3 : 2; }
  data.outlines.features.forEach(function (feature) {
    var geometry = feature.geometry, at = function (latlng) { return latlng; };
    var shape = L.polygon(rings(geometry.coordinates, depthOf(geometry), at), {
      color: "#888", weight: 1, opacity: 0.7, fill: false, interactive: false, pane: PANE
    }).addTo(group);
    shape.raGeometry = geometry;
    shapes.push(shape);
    var label = L.tooltip({permanent: true, direction: "center", className: "ra-outline-label",
                           interactive: false, pane: PANE})
      .setContent(document.createTextNode(feature.properties.name))
      .setLatLng(shape.getBounds().getCenter());
    label.raZoom = data.labelZoom[feature.properties.level] || 10;
    label.raShape = shape;
    labels.push(label);
  });
  function showLabels() {
    var map = group._map;
    if (!map) { return; }
    labels.forEach(function (label) {
      var wanted = map.getZoom() >= label.raZoom;
      if (wanted && !map.hasLayer(label)) { label.addTo(map); }
      if (!wanted && map.hasLayer(label)) { map.removeLayer(label); }
    });
  }
  group.onAdd = function (map) {
    if (!map.getPane(PANE)) { map.createPane(PANE).style.zIndex = 350; }  // under the places
    L.FeatureGroup.prototype.onAdd.call(group, map);
    showLabels();
  };
  group.onRemove = function (map) {
    labels.forEach(function (label) { map.removeLayer(label); });
    L.FeatureGroup.prototype.onRemove.call(group, map);
  };
  group.getEvents = function () { return {zoomend: showLabels}; };
  // Shown at ``move(wgs)`` on a GCJ-02 basemap, like the places (gcj02_display.js).
  group.raDisplay = function (move) {
    var at = move || function (latlng) { return latlng; };
    shapes.forEach(function (shape, i) {
      var geometry = shape.raGeometry;
      shape.setLatLngs(rings(geometry.coordinates, depthOf(geometry), at));
      labels[i].setLatLng(shape.getBounds().getCenter());
    });
  };
  return group;
})();
{{ this._parent.get_name() }}.addLayer({{ this.get_name() }});
{% endmacro %}
