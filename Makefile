# Set-up is part of every target: a fresh machine needs only python3.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed

ASSETS := geo/maps/web/node_modules/.package-lock.json

.PHONY: maps test assets screenshot gazetteer model clean

$(INSTALLED): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(INSTALLED)

# The browser libraries the maps embed with --inline-assets, pinned in geo/maps/web/package-lock.json.
$(ASSETS): geo/maps/web/package.json geo/maps/web/package-lock.json
	npm ci --prefix geo/maps/web --no-audit --no-fund --ignore-scripts
	touch $(ASSETS)

assets: $(ASSETS)  ## install the pinned map assets (npm)

# Without a CARTO or Tianditu key, whoever builds: the published maps are the same bytes on
# every machine.
maps: $(INSTALLED)  ## build seeds/ into layers/ and maps/
	CARTO_API_KEY= TIANDITU_TK= $(BIN)/geo build

test: $(INSTALLED) $(ASSETS)  ## lint and run the test suite
	$(BIN)/ruff check geo tests benchmarks
	$(BIN)/pytest -q

# The README's screenshot, from Debian's Chromium (apt-get install chromium fonts-noto-cjk).
# Kept out of `maps`: it depends on the browser and its fonts.
screenshot: $(INSTALLED) $(ASSETS)  ## regenerate docs/index.png from maps/index.html
	$(BIN)/python docs/screenshot.py --map maps/index.html --out docs/index.png

# The bulk gazetteer from its pinned sources (geo/data/sources.toml), run by hand: METRO,
# ADCODE, WIKIDATA and RAILWAY are local git snapshots of the repositories holding the pinned commits.
gazetteer: $(INSTALLED)  ## rebuild geo/data/gazetteer/{divisions.csv,towns,metro,places,railway} from the sources
	$(BIN)/python -m geo.sources --metro $(METRO) --adcode $(ADCODE) --wikidata $(WIKIDATA) --railway $(RAILWAY)

# The learned recogniser from the project's own annotated articles, run by hand; CRFsuite is
# needed here only (the package decodes the tables with numpy). Deterministic: the same
# articles give the same bytes.
model: $(INSTALLED)  ## retrain geo/data/recogniser.npz from the annotated articles
	$(BIN)/python -m pip install --quiet -e '.[model]'
	$(BIN)/python -m geo.extract.training --out geo/data/recogniser.npz \
		tests/data/articles/tuning/gold.json tests/data/articles/tuning \
		tests/data/gold_places.json seeds

clean:
	rm -rf $(VENV) build *.egg-info geo/maps/web/node_modules
