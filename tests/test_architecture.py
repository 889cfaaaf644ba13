"""Every import runs forward along the pipeline: a module imports only its own stage or the
stages before it (docs/architecture.md)."""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "geo"
# The stages in pipeline order. Units in one row are siblings: they import neither each other
# nor anything in a later row.
STAGES = [
    ["geo.data"],
    ["geo.layerspec"],
    ["geo.records", "geo.crs", "geo.textmatch", "geo.csvcells", "geo.textfiles", "geo.webpage",
     "geo.progress"],
    ["geo.recordfiles"],
    ["geo.corpus", "geo.gazetteer", "geo.outlines", "geo.sources"],
    ["geo.extract"],
    ["geo.corpusrun"],
    ["geo.geocode"],
    ["geo.layers"],
    ["geo.export", "geo.maps", "geo.images"],
    ["geo.evaluate"],
    ["geo.pipeline"],
    ["geo.cli"],
    ["geo.__main__", "geo"],
]
RANK = {unit: rank for rank, units in enumerate(STAGES) for unit in units}


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def unit_of(module: str) -> str:
    """The stage unit a module belongs to: geo.extract.rules -> geo.extract."""
    if module in RANK:
        return module
    parts = module.split(".")
    return ".".join(parts[:2])


MODULES = {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))
           if "node_modules" not in path.parts}


def imports(path: Path) -> set[str]:
    """The geo modules a file imports (``from geo import data`` imports geo.data)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            submodules = {f"{node.module}.{alias.name}" for alias in node.names} & set(MODULES)
            found.update(submodules or {node.module})
    return {name for name in found if name == "geo" or name.startswith("geo.")}


def test_every_module_belongs_to_a_stage():
    assert sorted(m for m in MODULES if unit_of(m) not in RANK) == []


@pytest.mark.parametrize("module", sorted(MODULES))
def test_imports_run_forward(module):
    unit = unit_of(module)
    backwards = sorted(
        target for target in imports(MODULES[module])
        if unit_of(target) != unit and RANK[unit_of(target)] >= RANK[unit])
    assert backwards == [], f"{module} imports a later stage or a sibling: {backwards}"


def test_the_check_finds_a_backward_import(tmp_path):
    # the test above must be able to fail: a stage importing a later one is found
    later = tmp_path / "recognize.py"
    later.write_text("from geo.geocode.resolvers import Query\nfrom geo import maps\n")
    found = {unit_of(target) for target in imports(later)}
    assert {unit for unit in found if RANK[unit] > RANK["geo.extract"]} == {
        "geo.geocode", "geo.maps"}
