# The README's commands. Each target sets up its own virtualenv first.
VENV    ?= .venv
PY      := $(VENV)/bin/python
PORT    ?= 8501
INDEX   ?= index
CORPUS  ?= corpus
export KB_INDEX_DIR ?= $(INDEX)

.PHONY: install run index test test-fast bench lint clean

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	touch $@

install: $(VENV)/.installed

# Build the index from the sample corpus when it is missing.
$(INDEX)/store.sqlite3: | install
	$(VENV)/bin/kb --index $(INDEX) ingest $(CORPUS) --quiet || test $$? -eq 1

index: $(INDEX)/store.sqlite3

run: install index
	$(VENV)/bin/kb --index $(INDEX) serve --port $(PORT)

test: install
	$(PY) -m pytest -q

test-fast: install
	$(PY) -m pytest -q -m "not browser and not slow"

bench: install
	$(PY) bench/run_all.py

lint: install
	$(VENV)/bin/ruff check kb tests bench app.py

clean:
	rm -rf $(INDEX)/whoosh $(INDEX)/store.sqlite3* .pytest_cache
