# Set-up is part of every target: a fresh machine needs only python3.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed

.PHONY: maps test lint clean

$(INSTALLED): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(INSTALLED)

maps: $(INSTALLED)  ## build seeds/ into layers/ and maps/
	$(BIN)/geo build

test: $(INSTALLED)  ## lint and run the test suite
	$(BIN)/ruff check geo tests benchmarks
	$(BIN)/pytest -q

clean:
	rm -rf $(VENV) build *.egg-info
