"""The bulk gazetteer's import: pinned public datasets converted, checked and written into
``geo/data/gazetteer`` as compact, diffable CSV files that the package reads offline.

Run by hand (``make gazetteer``), never by ``make maps``: each source is read from a local git
snapshot at the commit ``geo/data/sources.toml`` pins, its coordinates converted to WGS-84 on
the way in, and every row checked (``rows``). ``metro`` reads Amap's subway data (stations in
line order, lines), ``divisions`` China's administrative divisions down to towns and streets.
"""
