{% macro script(this, kwargs) %}
(function () {
  // Gaode's tiles are drawn in GCJ-02: while such a basemap is shown, every feature is moved by
  // the same published transform geo/crs.py applies (WGS-84 -> GCJ-02), for display only.
  var map = {{ this._parent.get_name() }};
  var groups = [{% for name in this.groups %}{{ name }}{% if not loop.last %}, {% endif %}{% endfor %}];
  var A = 6378245.0, EE = 0.00669342162296594323, PI = Math.PI;
  function dLat(x, y) {
    var r = -100 + 2 * x + 3 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
    r += (20 * Math.sin(6 * x * PI) + 20 * Math.sin(2 * x * PI)) * 2 / 3;
    r += (20 * Math.sin(y * PI) + 40 * Math.sin(y / 3 * PI)) * 2 / 3;
    return r + (160 * Math.sin(y / 12 * PI) + 320 * Math.sin(y * PI / 30)) * 2 / 3;
  }
  function dLon(x, y) {
    var r = 300 + x + 2 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
    r += (20 * Math.sin(6 * x * PI) + 20 * Math.sin(2 * x * PI)) * 2 / 3;
    r += (20 * Math.sin(x * PI) + 40 * Math.sin(x / 3 * PI)) * 2 / 3;
    return r + (150 * Math.sin(x / 12 * PI) + 300 * Math.sin(x / 30 * PI)) * 2 / 3;
  }
  function toGcj02(latlng) {
    var lon = latlng.lng, lat = latlng.lat;
    if (lon < 72.004 || lon > 137.8347 || lat < 0.8293 || lat > 55.8271) { return latlng; }
    var la = dLat(lon - 105, lat - 35), lo = dLon(lon - 105, lat - 35);
    var rad = lat / 180 * PI, magic = Math.sin(rad);
    magic = 1 - EE * magic * magic;
    var sq = Math.sqrt(magic);
    la = (la * 180) / ((A * (1 - EE)) / (magic * sq) * PI);
    lo = (lo * 180) / (A / sq * Math.cos(rad) * PI);
    return L.latLng(lat + la, lon + lo);
  }
  window.raToGcj02 = toGcj02;
  function place(shifted) {
    if (shifted === (map.raDatum === "GCJ-02")) { return; }  // OSM <-> Positron: no change
    // Each place layer keeps the WGS-84 positions and re-clusters where the places are shown.
    groups.forEach(function (group) { group.raDisplay(shifted ? toGcj02 : null); });
    map.raDatum = shifted ? "GCJ-02" : "WGS-84";
  }
  map.raDatum = "WGS-84";
  map.on("baselayerchange", function (event) { place(Boolean(event.layer.options.gcj02)); });
  // A map may open on a GCJ-02 basemap (atlas.map(tiles="Gaode.Normal")): no layer changes then.
  map.eachLayer(function (layer) { if (layer.options && layer.options.gcj02) { place(true); } });
})();
{% endmacro %}
