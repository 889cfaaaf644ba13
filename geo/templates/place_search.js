{% macro script(this, kwargs) %}
(function () {
  // A search box over the names of every place layer's places (leaflet-search). Its list of
  // matches is built as text, never HTML; choosing one opens that place's popup.
  var map = {{ this._parent.get_name() }};
  var groups = [{% for name in this.groups %}{{ name }}{% if not loop.last %}, {% endif %}{% endfor %}];
  function records() {
    var found = {};
    groups.forEach(function (group) {
      group.raSearchable.forEach(function (layers) {
        layers.eachLayer(function (layer) {
          var where = L.latLng(layer.getLatLng ? layer.getLatLng()
                                                : layer.getBounds().getCenter());
          var key = layer.raPlace.name, taken = Object.prototype.hasOwnProperty;
          if (taken.call(found, key)) { key += " · " + group.raLabel; }
          for (var n = 2; taken.call(found, key); n += 1) { key = layer.raPlace.name + " (" + n + ")"; }
          where.layer = layer;
          found[key] = where;
        });
      });
    });
    return found;
  }
  var search = new L.Control.Search({
    sourceData: function (text, respond) { respond(records()); return {abort: function () {}}; },
    formatData: function (found) { return found; },
    buildTip: function (text) {
      var tip = document.createElement("a");
      tip.textContent = text;
      return tip;
    },
    initial: false, marker: false, textPlaceholder: {{ this.placeholder }},
    textErr: {{ this.not_found }}, position: "topleft",
    moveToLocation: function () {}  // done below, once the place's layer is on the map
  }).addTo(map);
  search.on("search:locationfound", function (event) {
    var layer = event.layer;
    if (!layer) { return; }
    if (!map.hasLayer(layer.raGroup)) { map.addLayer(layer.raGroup); }
    // At zoom 16 no point is clustered; without animation the place is drawn at once.
    map.setView(event.latlng, Math.max(map.getZoom(), 16), {animate: false});
    layer.raGroup.raOpen(layer);
  });
  map.raSearch = search;
})();
{% endmacro %}
