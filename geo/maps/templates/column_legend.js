{% macro script(this, kwargs) %}
(function () {
  // The legend of the column the places are coloured by (geo/maps/explore.py), from its data
  // element, every string set as text; in the bottom-right corner, where Leaflet stacks it
  // with the minimap and the attribution.
  var legend = JSON.parse(document.getElementById("{{ this.get_name() }}_data").textContent);
  var control = L.control({position: "bottomright"});
  function node(tag, text, parent) {
    var element = parent.appendChild(document.createElement(tag));
    if (text !== undefined) { element.textContent = text; }
    return element;
  }
  control.onAdd = function () {
    var box = L.DomUtil.create("div", "ra-column-legend");
    box.style.cssText = "background:#fff;padding:6px 8px;border:1px solid #999;"
      + "border-radius:4px;font:12px/1.5 sans-serif;max-height:40vh;overflow:auto";
    node("b", legend.title, box);
    legend.entries.forEach(function (entry) {
      var row = node("div", undefined, box), swatch = node("span", undefined, row);
      swatch.style.cssText = "display:inline-block;width:12px;height:12px;border-radius:6px;"
        + "margin-right:4px;vertical-align:middle";
      swatch.style.background = entry[1];
      row.appendChild(document.createTextNode(entry[0]));
    });
    if (legend.ramp) {
      var bar = node("div", undefined, box);
      bar.style.cssText = "width:160px;height:10px";
      bar.style.background = "linear-gradient(to right, " + legend.ramp.join(", ") + ")";
      var ends = node("div", undefined, box);
      ends.style.cssText = "display:flex;justify-content:space-between;width:160px";
      node("span", legend.low, ends);
      node("span", legend.high, ends);
    }
    if (legend.missing) { node("div", legend.missing, box).style.color = "#666"; }
    return box;
  };
  control.addTo({{ this._parent.get_name() }});
})();
{% endmacro %}
