<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
<qgis version="3.28.0" styleCategories="Symbology|Labeling">
 <renderer-v2 type="singleSymbol" symbollevels="0" enableorderby="0" forceraster="0">
  <symbols>
   <symbol type="{{ symbol_type }}" name="0" alpha="1" clip_to_extent="1" force_rhr="0">
{%- if symbol_type == "line" %}
    <layer class="SimpleLine" enabled="1" locked="0" pass="0">
     <Option type="Map">
      <Option type="QString" name="line_color" value="{{ rgb }},255"/>
      <Option type="QString" name="line_width" value="1.2"/>
      <Option type="QString" name="line_width_unit" value="MM"/>
      <Option type="QString" name="capstyle" value="round"/>
      <Option type="QString" name="joinstyle" value="round"/>
     </Option>
     <data_defined_properties>
      <Option type="Map">
       <Option type="QString" name="name" value=""/>
       <Option type="Map" name="properties">
        <Option type="Map" name="outlineColor">
         <Option type="bool" name="active" value="true"/>
         <Option type="QString" name="expression" value="coalesce(&quot;colour&quot;, '{{ colour }}')"/>
         <Option type="int" name="type" value="3"/>
        </Option>
        <Option type="Map" name="outlineStyle">
         <Option type="bool" name="active" value="true"/>
         <Option type="QString" name="expression" value="if(&quot;status&quot; = 'planned' OR &quot;approximate&quot;, 'dash', 'solid')"/>
         <Option type="int" name="type" value="3"/>
        </Option>
       </Option>
       <Option type="QString" name="type" value="collection"/>
      </Option>
     </data_defined_properties>
    </layer>
{%- else %}
    <layer class="SimpleMarker" enabled="1" locked="0" pass="0">
     <Option type="Map">
      <Option type="QString" name="name" value="circle"/>
      <Option type="QString" name="color" value="{{ rgb }},200"/>
      <Option type="QString" name="outline_color" value="{{ rgb }},255"/>
      <Option type="QString" name="outline_width" value="0.6"/>
      <Option type="QString" name="size" value="3.2"/>
      <Option type="QString" name="size_unit" value="MM"/>
     </Option>
     <data_defined_properties>
      <Option type="Map">
       <Option type="QString" name="name" value=""/>
       <Option type="Map" name="properties">
        <Option type="Map" name="fillColor">
         <Option type="bool" name="active" value="true"/>
         <Option type="QString" name="expression" value="if(&quot;approximate&quot;, '255,255,255,60', '{{ rgb }},200')"/>
         <Option type="int" name="type" value="3"/>
        </Option>
        <Option type="Map" name="outlineStyle">
         <Option type="bool" name="active" value="true"/>
         <Option type="QString" name="expression" value="if(&quot;approximate&quot;, 'dash', 'solid')"/>
         <Option type="int" name="type" value="3"/>
        </Option>
       </Option>
       <Option type="QString" name="type" value="collection"/>
      </Option>
     </data_defined_properties>
    </layer>
{%- endif %}
   </symbol>
  </symbols>
 </renderer-v2>
 <labeling type="simple">
  <settings calloutType="simple">
   <text-style fieldName="name" fontSize="9" textColor="50,50,50,255" isExpression="0"/>
   <text-buffer bufferDraw="1" bufferSize="0.8" bufferColor="255,255,255,255"/>
  </settings>
 </labeling>
 <layerGeometryType>{{ geometry_type }}</layerGeometryType>
</qgis>
