{% macro script(this, kwargs) %}
(function () {
  // A search box over the names of every place layer's places (leaflet-search). Its list of
  // matches is built as text, never HTML; choosing one opens that place's popup.
  var map = {{ this._parent.get_name() }};
  var groups = [{% for name in this.groups %}{{ name }}{% if not loop.last %}, {% endif %}{% endfor %}];
  // Every place the filters show, drawn or not: most are inside clusters, which hold no
  // Leaflet layer per place.
  function records() {
    var found = {}, taken = Object.prototype.hasOwnProperty;
    groups.forEach(function (group) {
      group.raPlaces.forEach(function (place) {
        if (!place.shown) { return; }  // left out by the filters
        var where = L.latLng(place.latlng || place.layer.getBounds().getCenter());
        var key = place.name;
        if (taken.call(found, key)) { key += " · " + group.raLabel; }
        for (var n = 2; taken.call(found, key); n += 1) { key = place.name + " (" + n + ")"; }
        where.layer = {place: place, group: group};  // handed back in search:locationfound
        found[key] = where;
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
    if (!event.layer) { return; }
    var place = event.layer.place, group = event.layer.group;
    // raOpen puts a hidden layer back on the map. At its open zoom no point is clustered;
    // without animation the place is drawn at once. Lines get their view only here.
    map.setView(event.latlng, Math.max(map.getZoom(), group.raOpenZoom), {animate: false});
    group.raOpen(place);
  });
  map.raSearch = search;
})();
{% endmacro %}
