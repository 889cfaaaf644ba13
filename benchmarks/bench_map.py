"""Map size and speed against geopandas explore() and plain folium Markers (run by hand).

    .venv/bin/python benchmarks/bench_map.py --places 10000 --repeat 3

Makes N synthetic places across Shanghai and Hangzhou (parks, transit lines and stations,
renewal sites, each with a quoted Chinese sentence) and draws them three ways:
Renewal Atlas (``render.make_map`` + ``render.save_map``), ``GeoDataFrame.explore()`` and one
``folium.Marker`` per place. For each it reports the build time (data to HTML file, best of
--repeat), the HTML size, and (unless --no-browser) the time until the features are painted in
headless Chromium with the network cut off (median of --repeat fresh loads).

In the browser only file:// pages load. Before loading, each page's CDN scripts and stylesheets
are pointed at the npm packages in geo/web/node_modules (geo/data/assets.toml) as file:// URLs;
CDN files with no local copy (Bootstrap, Font Awesome, awesome-markers) become empty data: URLs
of their type and are listed in the output. Every host name fails to resolve in the browser, so
tiles fail at once. Nothing waits on Playwright's Python route handler, whose round trips
(100-300 ms a page on this machine) would otherwise count as drawing time; --routed
measures the old way, with each CDN file and tile answered through that handler (tiles as a
transparent 1x1 PNG). explore() needs matplotlib and mapclassify installed.
"""

from __future__ import annotations

import argparse
import html
import mimetypes
import os
import platform
import random
import re
import statistics
import subprocess
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import folium
import geopandas as gpd
from shapely.geometry import LineString, Point

from geo.layers import COLUMNS, CRS
from geo.maps import render
from geo.maps.browser import is_tile, launch, painted
from geo.maps.inline import SCRIPT, STYLESHEET, AssetError, local_copy

ROOT = Path(__file__).resolve().parent.parent
CITIES = {
    # city: (lon min, lon max, lat min, lat max), share of places, districts
    "上海市": ((121.2, 121.8, 30.9, 31.5), 0.65,
               ["黄浦区", "徐汇区", "杨浦区", "浦东新区", "静安区"]),
    "杭州市": ((120.0, 120.4, 30.1, 30.4), 0.35, ["上城区", "拱墅区", "西湖区", "滨江区"]),
}
SYLLABLES = list("长阳创谷滨江徐汇龙华前滩后滩世博杨浦复兴锦绣翠湖紫金梧桐云栖良渚运河钱塘望江"
                 "湖滨西溪北山南屏金沙天目临平新华曹杨彭浦虹桥宝山")
SUFFIX = {"park": ["公园", "绿地", "湿地公园"], "station": ["站"], "site": ["创意园", "科创园"]}
FILLER = ["据市规划资源局消息", "近日", "改造工程", "正式开工", "建成后", "将新增公共空间",
          "市民可沿滨水步道", "步行约十分钟", "项目总投资约十二亿元", "占地一百一十八亩",
          "计划于明年底前竣工", "周边居民", "街道负责人介绍", "城市更新", "口袋公园",
          "轨道交通", "串联起", "老厂房", "历史风貌", "焕新亮相"]
LINE_COLOURS = ["#E4002B", "#97D700", "#FFD100", "#5F259F", "#AC4FC6", "#D71671", "#FF7900"]
STATUSES = ["open", "under construction", "planned", "unknown"]
TRANSPARENT_PNG = bytes.fromhex(  # 1x1, fully transparent
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000b49444154789c6360000200000500017a5eab3f0000000049454e44ae426082"
)
DRAWN = "document.querySelectorAll('.leaflet-marker-icon, .leaflet-interactive').length"
CANVAS = "!!document.querySelector('.leaflet-overlay-pane canvas')"
TIMING = """() => {
    const t = performance.getEntriesByType('navigation')[0];
    return {'DOM interactive': t.domInteractive, 'load event end': t.loadEventEnd};
}"""
# Features the page's maps hold, clustered or not (a sanity check on "drawn"): vector and
# marker layers, and the places a Renewal Atlas layer holds as data (it makes Leaflet layers
# only for the clusters and places in view, each counted once through its group).
FEATURES = """() => {
    const found = new Set();  // map.eachLayer also lists a group's members on the map
    const walk = layer => {
        if (layer instanceof L.GridLayer) return;
        if (L.MarkerCluster && layer instanceof L.MarkerCluster) return;  // a cluster's icon
        if (layer.raPlaces) return layer.raPlaces.forEach(place => found.add(place));
        if (layer.raPlace || layer.raCluster !== undefined) return;  // drawn from raPlaces
        if (layer.getLayers) layer.getLayers().forEach(walk);
        else if (layer.getLatLng || layer.getLatLngs) found.add(layer);
    };
    Object.values(window).filter(v => v instanceof L.Map).forEach(map => map.eachLayer(walk));
    return found.size;
}"""
METHODS = ["Renewal Atlas", "explore()", "folium.Marker"]


# ---- synthetic data -----------------------------------------------------------------------


def place_name(rng: random.Random, kind: str, seen: set[str]) -> str:
    """A Chinese name: two or three syllables and a suffix, unique where that is easy."""
    name = ""
    for _ in range(20):
        stem = "".join(rng.choice(SYLLABLES) for _ in range(rng.choice((2, 2, 3))))
        name = stem + rng.choice(SUFFIX[kind])
        if name not in seen:
            break
    seen.add(name)
    return name


def sentence_with(rng: random.Random, name: str) -> tuple[str, int]:
    """A 40-80 character sentence containing ``name``, and where the name starts."""
    length = rng.randint(40, 80)
    before = "".join(rng.choice(FILLER) + "，" for _ in range(rng.randint(0, 2)))
    after = "".join(rng.choice(FILLER) + rng.choice("，、") for _ in range(12))
    text = (before + name + after)[: length - 1].rstrip("，、") + "。"
    if len(text) < 40:  # a long name and a short draw: pad in the middle
        text = text[:-1] + "城市更新项目稳步推进" * 4
        text = text[: length - 1] + "。"
    return text, len(before)


def random_point(rng: random.Random, city: str) -> Point:
    (lon0, lon1, lat0, lat1), _, _ = CITIES[city]
    return Point(rng.uniform(lon0, lon1), rng.uniform(lat0, lat1))


def random_line(rng: random.Random, city: str) -> LineString:
    """A 10-30 vertex random walk inside the city's box."""
    (lon0, lon1, lat0, lat1), _, _ = CITIES[city]
    start = random_point(rng, city)
    lon, lat, coords = start.x, start.y, []
    for _ in range(rng.randint(10, 30)):
        lon = min(max(lon + rng.uniform(-0.02, 0.02), lon0), lon1)
        lat = min(max(lat + rng.uniform(-0.02, 0.02), lat0), lat1)
        coords.append((lon, lat))
    return LineString(coords)


def quote(rng: random.Random, index: int, name: str) -> dict:
    sentence, start = sentence_with(rng, name)
    facts = ["area: 118亩 (78,667 m²)"] if rng.random() < 0.3 else []
    return {
        "document": f"doc{index % 500:04d}",
        "title": f"城市更新观察 第{index % 500 + 1}期",
        "date": f"2024-{index % 12 + 1:02d}-{index % 28 + 1:02d}",
        "sentence": sentence,
        "mention_start": start,
        "mention_end": start + len(name),
        "status": rng.choice(STATUSES),
        "facts": facts,
    }


def feature(rng: random.Random, index: int, layer: str, kind: str, seen: set[str]) -> dict:
    """One row with every column geo.layers.feature_row writes."""
    city = rng.choices(list(CITIES), weights=[share for _, share, _ in CITIES.values()])[0]
    if kind == "line":
        name, geometry = f"{sum(n.endswith('号线') for n in seen) + 1}号线", random_line(rng, city)
        seen.add(name)
    else:
        name, geometry = place_name(rng, kind, seen), random_point(rng, city)
    approximate = kind != "line" and rng.random() < 0.1
    place_quote = quote(rng, index, name)
    return {
        "id": f"{layer}-{index:06d}",
        "name": name,
        "layer": layer,
        "kind": kind,
        "status": place_quote["status"],
        "city": city,
        "district": rng.choice(CITIES[city][2]),
        "precision_m": rng.uniform(500, 3000) if approximate else rng.uniform(5, 100),
        "location_method": "approximate" if approximate else "cited",
        "location_source": "区政府公告（合成）" if approximate else "OpenStreetMap（合成）",
        "location_provider": None if approximate else "gazetteer",
        "location_query": f"{city}{name}",
        "approximate": approximate,
        "mentions": 1,
        "documents": [place_quote["document"]],
        "sentences": [place_quote["sentence"]],
        "colour": rng.choice(LINE_COLOURS) if kind == "line" else None,
        "status_note": "",
        "quotes": [place_quote],
        "geometry": geometry,
    }


def layer_kinds(places: int) -> list[tuple[str, str]]:
    """(layer, kind) for each place: 40% parks, 20% transit (up to 20 lines), 40% renewal."""
    parks, transit = round(places * 0.4), round(places * 0.2)
    lines = min(20, transit // 10)
    renewal = places - parks - transit
    return ([("park", "park")] * parks + [("transit", "line")] * lines
            + [("transit", "station")] * (transit - lines) + [("renewal", "site")] * renewal)


def make_frames(places: int, seed: int) -> dict[str, gpd.GeoDataFrame]:
    """The frames geo.layers.build_layers would make, for ``places`` synthetic places."""
    rng = random.Random(seed)
    seen: set[str] = set()
    rows: dict[str, list[dict]] = {"park": [], "transit": [], "renewal": []}
    for index, (layer, kind) in enumerate(layer_kinds(places)):
        rows[layer].append(feature(rng, index, layer, kind, seen))
    return {
        layer: gpd.GeoDataFrame(sorted(layer_rows, key=lambda row: row["id"]),
                                columns=[*COLUMNS, "quotes", "geometry"],
                                geometry="geometry", crs=CRS)
        for layer, layer_rows in rows.items()
    }


def flatten(frames: dict[str, gpd.GeoDataFrame]) -> gpd.GeoDataFrame:
    """All places in one frame with the text the other two maps show."""
    rows = [
        {"name": row["name"], "layer": row["layer"], "status": row["status"],
         "sentence": row["quotes"][0]["sentence"], "geometry": row["geometry"]}
        for frame in frames.values() for row in frame.to_dict("records")
    ]
    return gpd.GeoDataFrame(rows, geometry="geometry", crs=CRS)


# ---- the three maps -----------------------------------------------------------------------


def build_atlas(frames: dict[str, gpd.GeoDataFrame], path: Path) -> None:
    render.save_map(render.make_map(frames, "bench"), path)


def build_explore(flat: gpd.GeoDataFrame, path: Path) -> None:
    fmap = flat.explore(popup=["name", "layer", "status", "sentence"], tooltip="name")
    fmap.save(str(path))


def build_markers(flat: gpd.GeoDataFrame, path: Path) -> None:
    """One default Marker per place; a line is placed at its first vertex."""
    fmap = folium.Map(location=[30.8, 120.9], zoom_start=8)
    for row in flat.itertuples(index=False):
        point = row.geometry if row.geometry.geom_type == "Point" else Point(row.geometry.coords[0])
        folium.Marker((point.y, point.x), popup=folium.Popup(html.escape(row.sentence)),
                      tooltip=row.name).add_to(fmap)
    fmap.save(str(path))


def best_build(build: Callable[[Path], None], path: Path, repeat: int) -> float:
    """Best wall time, in seconds, of ``repeat`` builds from data to HTML file."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        build(path)
        times.append(time.perf_counter() - started)
    return min(times)


# ---- the browser --------------------------------------------------------------------------


@dataclass
class Load:
    painted_ms: float
    drawn: int
    canvas: bool
    features: int
    errors: list[str]
    timing: dict[str, float]  # the navigation timing marks, ms since navigation start
    filters: dict[str, float] | None = None  # ms from a filter's change to the next paint


@dataclass
class Requests:
    """What each page asked the (cut-off) network for."""

    local: Counter[str] = field(default_factory=Counter)
    stubbed: Counter[str] = field(default_factory=Counter)
    tiles: int = 0
    loads: int = 0


def stub(url: str) -> tuple[str, bytes]:
    """An empty answer of the right type for a file with no local copy."""
    kind = mimetypes.guess_type(url.split("?")[0])[0] or "application/octet-stream"
    return kind, TRANSPARENT_PNG if kind.startswith("image/") else b""


def local_or_none(url: str) -> Path | None:
    """The local copy of a CDN file, or None where there is none."""
    try:
        return local_copy(url)
    except AssetError:
        return None


def answer(route, seen: Requests) -> None:
    """file:// goes through; CDN files come from node_modules, or are stubbed; tiles and
    images with no local copy get a transparent PNG."""
    url = route.request.url
    if url.startswith(("file://", "data:")):
        route.continue_()
        return
    local = local_or_none(url)
    if local is not None:
        seen.local[url] += 1
        route.fulfill(path=str(local))
    elif is_tile(url):
        seen.tiles += 1
        route.fulfill(status=200, content_type="image/png", body=TRANSPARENT_PNG)
    else:
        seen.stubbed[url] += 1
        kind, body = stub(url)
        route.fulfill(status=200, content_type=kind, body=body)


def local_assets(path: Path, seen: Requests) -> Path:
    """A copy of the page beside it whose CDN files are file:// URLs of the local copies, or
    empty data: URLs where there is none."""
    def point(match) -> str:
        url = match.group("url")
        local = local_or_none(url)
        if local is not None:
            seen.local[url] += 1
            # A file:// copy cannot be fetched with CORS, which integrity checks need: the
            # copy is the pinned file itself (tests/maps/test_integrity.py).
            tag = re.sub(r' (integrity|crossorigin)="[^"]*"', "", match.group())
            return tag.replace(url, local.resolve().as_uri())
        seen.stubbed[url] += 1
        return match.group().replace(url, f"data:{stub(url)[0]},")

    page = SCRIPT.sub(point, STYLESHEET.sub(point, path.read_text(encoding="utf-8")))
    copy = path.with_suffix(".local.html")
    copy.write_text(page, encoding="utf-8")
    return copy


def count_tile(url: str, seen: Requests) -> None:
    if is_tile(url):
        seen.tiles += 1


# Each filter of the panel changed as a user would, timed from the change to the next paint
# (two animation frames); null on a page without the panel.
FILTERS = """async () => {
    const panel = document.querySelector('.ra-filter');
    if (!panel) return null;
    panel.open = true;
    const frame = () => new Promise(done => requestAnimationFrame(() =>
        requestAnimationFrame(done)));
    const change = (element, type) => element.dispatchEvent(new Event(type));
    const steps = {
        status: () => panel.querySelector("fieldset input").click(),
        district: () => { const s = panel.querySelector("select[aria-label^='District']");
                          s.selectedIndex = 2; change(s, 'change'); },
        article: () => { const s = panel.querySelector("select[aria-label^='Article']");
                         s.selectedIndex = 3; change(s, 'change'); },
        dates: () => { const r = panel.querySelector("input[aria-label^='Latest']");
                       if (r) { r.value = Math.floor(r.max / 2); change(r, 'input'); } },
        reset: () => panel.querySelector('button').click(),
    };
    const ms = {};
    for (const [name, step] of Object.entries(steps)) {
        await frame();
        const start = performance.now();
        step();
        await frame();
        ms[name] = performance.now() - start;
    }
    return ms;
}"""


def load_once(browser, path: Path, seen: Requests, routed: bool) -> Load:
    """Open ``path`` in a fresh context; time until the features are painted."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        if routed:
            page.route("**/*", lambda route: answer(route, seen))
        else:
            page.on("requestfailed", lambda request: count_tile(request.url, seen))
        page.goto(path.as_uri(), wait_until="load", timeout=300_000)
        painted_ms = painted(page)
        seen.loads += 1
        load = Load(painted_ms, page.evaluate(DRAWN), page.evaluate(CANVAS),
                    page.evaluate(FEATURES), errors, page.evaluate(TIMING))
        load.filters = page.evaluate(FILTERS)  # after the counts: filtering changes them
        return load
    finally:
        context.close()


def median_load(browser, path: Path, repeat: int, seen: Requests, routed: bool) -> Load:
    loads = [load_once(browser, path, seen, routed) for _ in range(repeat)]
    ms = statistics.median(load.painted_ms for load in loads)
    last = loads[-1]
    errors = sorted({error for load in loads for error in load.errors})
    timing = {mark: statistics.median(load.timing[mark] for load in loads)
              for mark in last.timing}
    filters = None if last.filters is None else {
        name: statistics.median(load.filters[name] for load in loads) for name in last.filters}
    return Load(ms, last.drawn, last.canvas, last.features, errors, timing, filters)


# ---- report -------------------------------------------------------------------------------


@dataclass
class Result:
    build_s: float
    html_bytes: int
    load: Load | None = None
    requests: Requests | None = None


def drawn_cell(load: Load | None) -> str:
    if load is None:
        return "—"
    return f"{load.drawn:,}" + (" + canvas" if load.canvas else "")


def table(results: dict[str, Result]) -> list[str]:
    lines = ["| map | build s | HTML MB | HTML bytes | draw ms | drawn elements |",
             "|---|---:|---:|---:|---:|---:|"]
    for method, r in results.items():
        draw = f"{r.load.painted_ms:,.0f}" if r.load else "—"
        lines.append(f"| {method} | {r.build_s:.2f} | {r.html_bytes / 1e6:.2f} | "
                     f"{r.html_bytes:,} | {draw} | {drawn_cell(r.load)} |")
    return lines


def verdict(ok: bool) -> str:
    return "met" if ok else "unmet"


def targets(results: dict[str, Result], places: int) -> list[str]:
    """Issue 21's targets: at 100,000 places HTML ≤ 0.35× explore's, build ≥ 5× faster, every
    filter applied and painted in < 200 ms, first draw < 1.5 s; at 10,000, drawn < 0.6 s."""
    atlas, explore = results["Renewal Atlas"], results["explore()"]
    size = atlas.html_bytes / explore.html_bytes
    speed = explore.build_s / atlas.build_s
    draw_limit = 600 if places <= 10_000 else 1500
    lines = [f"HTML vs explore: {size:.2f}",
             f"build speed-up vs explore: {speed:.1f}×",
             f"target HTML ≤ 0.35× explore: {verdict(size <= 0.35)}",
             f"target build ≥ 5× faster than explore: {verdict(speed >= 5)}"]
    if atlas.load is None:
        lines.append(f"target draw < {draw_limit} ms: not measured (--no-browser)")
        return lines
    lines.append(f"target draw < {draw_limit} ms: {verdict(atlas.load.painted_ms < draw_limit)} "
                 f"({atlas.load.painted_ms:,.0f} ms)")
    if atlas.load.filters:
        slowest = max(atlas.load.filters.values())
        each = ", ".join(f"{name} {ms:,.0f}" for name, ms in atlas.load.filters.items())
        lines.append(f"target every filter < 200 ms: {verdict(slowest < 200)} (ms: {each})")
    return lines


def request_notes(results: dict[str, Result]) -> list[str]:
    lines = []
    for method, r in results.items():
        if r.requests is None:
            continue
        seen, load, loads = r.requests, r.load, max(r.requests.loads, 1)
        if load is None:
            continue
        marks = ", ".join(f"{mark} {ms:,.0f}" for mark, ms in load.timing.items())
        lines.append(f"{method}: {load.features:,} features held by the map; per load "
                     f"{len(seen.local)} files from node_modules, "
                     f"{seen.tiles // loads} tiles; ms: {marks}, painted {load.painted_ms:,.0f}")
        lines += [f"  stubbed (no local copy, empty): {url}" for url in sorted(seen.stubbed)]
        lines += [f"  page error: {error}" for error in (load.errors if load else [])]
    return lines


def code_version() -> str:
    """The commit, and whether geo/ has changes not committed (render.py is measured as is)."""
    def git(*args: str) -> str:
        run = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True)
        return run.stdout.strip() if run.returncode == 0 else "?"
    changed = git("status", "--porcelain", "--", "geo").splitlines()
    return f"commit {git('rev-parse', '--short', 'HEAD')}" + (
        f", {len(changed)} uncommitted changes in geo/" if changed else "")


def machine(browser_version: str | None) -> list[str]:
    return [f"machine: {os.cpu_count()} CPUs, {platform.platform()}; {code_version()}",
            f"python {platform.python_version()}, folium {folium.__version__}, "
            f"geopandas {gpd.__version__}, chromium {browser_version or 'not used'}"]


# ---- main ---------------------------------------------------------------------------------


def builders(frames: dict[str, gpd.GeoDataFrame], markers: bool = True
             ) -> dict[str, Callable[[Path], None]]:
    flat = flatten(frames)
    chosen = {
        "Renewal Atlas": lambda path: build_atlas(frames, path),
        "explore()": lambda path: build_explore(flat, path),
        "folium.Marker": lambda path: build_markers(flat, path),
    }
    if not markers:
        del chosen["folium.Marker"]
    return chosen


def warm_up(out: Path, seed: int) -> None:
    """Build each map once from 20 places, untimed: imports (explore() pulls in matplotlib and
    mapclassify) and template compilation are not part of any build time."""
    for build in builders(make_frames(20, seed)).values():
        path = out / "warm-up.html"
        build(path)
        path.unlink()


def measure_builds(frames: dict[str, gpd.GeoDataFrame], out: Path, repeat: int,
                   markers: bool = True) -> tuple[dict[str, Result], dict[str, Path]]:
    builds = builders(frames, markers)
    files = dict(zip(METHODS, ("renewal_atlas.html", "explore.html", "markers.html"),
                     strict=True))
    paths = {method: out / name for method, name in files.items()}
    results = {}
    for method, build in builds.items():
        seconds = best_build(build, paths[method], repeat)
        results[method] = Result(seconds, paths[method].stat().st_size)
    return results, paths


def measure_draws(results: dict[str, Result], paths: dict[str, Path], repeat: int,
                  routed: bool) -> str:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        # Unrouted, no host name resolves: only file:// and data: URLs load.
        offline = () if routed else ("--host-resolver-rules=MAP * ~NOTFOUND",)
        browser = launch(p, extra_args=offline)
        try:
            for method, result in results.items():
                result.requests = seen = Requests()
                page = paths[method] if routed else local_assets(paths[method], seen)
                result.load = median_load(browser, page, repeat, seen, routed)
            return browser.version
        finally:
            browser.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--places", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, default=None, help="folder for the HTML files")
    parser.add_argument("--no-browser", action="store_true", help="skip the draw timing")
    parser.add_argument("--no-markers", action="store_true",
                        help="leave out the map of folium Markers (minutes at 100,000 places)")
    parser.add_argument("--routed", action="store_true",
                        help="answer CDN files and tiles through Playwright's route handler")
    args = parser.parse_args()
    out = args.out or Path(tempfile.mkdtemp(prefix="bench_map_"))
    out.mkdir(parents=True, exist_ok=True)

    frames = make_frames(args.places, args.seed)
    counts = ", ".join(f"{layer} {len(frame):,}" for layer, frame in frames.items())
    print(f"{args.places:,} places ({counts}), seed {args.seed}, best/median of {args.repeat}")
    warm_up(out, args.seed)
    results, paths = measure_builds(frames, out, args.repeat, not args.no_markers)
    version = None if args.no_browser else measure_draws(results, paths, args.repeat,
                                                         args.routed)
    print("\n".join(machine(version)))
    print()
    print("\n".join(table(results)))
    print()
    print("\n".join(targets(results, args.places)))
    notes = request_notes(results)
    if notes:
        print()
        print("\n".join(notes))
    print(f"\nHTML files: {out}")


if __name__ == "__main__":
    main()
