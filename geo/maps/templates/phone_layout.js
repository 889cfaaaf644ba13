{% macro header(this, kwargs) %}
<style>
.ra-menu{display:none}
@media (max-width: {{ this.narrow_px }}px) {
 .ra-menu{display:block}
 .ra-menu a{font-size:18px}
 .leaflet-top.leaflet-right .leaflet-control:not(.ra-menu),
 .leaflet-control-minimap, .ra-legend{display:none !important}
 .ra-menu-open .leaflet-top.leaflet-right .leaflet-control:not(.ra-menu),
 .ra-menu-open .ra-legend{display:block !important}
 .ra-menu-open .leaflet-top.leaflet-right{max-height:calc(100% - 60px);overflow:auto;
  pointer-events:auto}
 .ra-menu-open .ra-legend{position:static !important;float:right;clear:both;margin:10px 10px 0 0}
 .leaflet-popup-content{max-width:calc(100vw - 70px)}
 .ra-popup{max-height:45vh !important}
 .ra-table{height:45%}
}
</style>
{% endmacro %}
{% macro script(this, kwargs) %}
(function () {
  // One ☰ button that shows and hides the controls a narrow screen has no room for.
  var map = {{ this._parent.get_name() }};
  var menu = L.control({position: "topright"});
  menu.onAdd = function () {
    var box = L.DomUtil.create("div", "leaflet-bar ra-menu");
    var button = L.DomUtil.create("a", "", box);
    button.href = "#";
    button.textContent = "☰";
    button.title = "Layers, filters and legend 图层与筛选";
    button.setAttribute("role", "button");
    L.DomEvent.on(button, "click", function (event) {
      L.DomEvent.preventDefault(event);
      var open = map.getContainer().classList.toggle("ra-menu-open");
      if (open) {  // the legend joins the panel, under the other controls
        var legend = document.querySelector(".ra-legend");
        if (legend) { box.parentNode.appendChild(legend); }
      }
    });
    L.DomEvent.disableClickPropagation(box);
    return box;
  };
  menu.addTo(map);
  // First among the top-right controls, where a thumb finds it.
  var corner = menu.getContainer().parentNode;
  corner.insertBefore(menu.getContainer(), corner.firstChild);
})();
{% endmacro %}
