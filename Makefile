# The README's commands. Each target sets up its own virtualenv first.
VENV    ?= .venv
PY      := $(VENV)/bin/python
PORT    ?= 8501
INDEX   ?= index
CORPUS  ?= corpus
export KB_INDEX_DIR ?= $(INDEX)

.PHONY: install run index test test-fast bench lint lock screenshots clean

# Installs the locked versions (requirements.lock), then the project itself without resolving again.
$(VENV)/.installed: pyproject.toml requirements.lock
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -r requirements.lock
	$(PY) -m pip install -q --no-deps -e '.[dev]'
	$(PY) -m pip check
	touch $@

install: $(VENV)/.installed

# Build the index from the sample corpus when it is missing.
$(INDEX)/store.sqlite3: | install
	$(VENV)/bin/kb --index $(INDEX) ingest $(CORPUS) --quiet || test $$? -eq 1

index: $(INDEX)/store.sqlite3

run: install index
	$(VENV)/bin/kb --index $(INDEX) serve --port $(PORT)

# axe-core for the browser tests' accessibility checks, from the npm registry (tests/browser/package-lock.json).
AXE := tests/browser/node_modules/axe-core/axe.min.js
$(AXE): tests/browser/package.json tests/browser/package-lock.json
	cd tests/browser && npm ci --no-audit --no-fund
	touch $@

test: install $(AXE)
	$(PY) -m pytest -q

test-fast: install
	$(PY) -m pytest -q -m "not browser and not slow"

bench: install
	$(PY) bench/run_all.py

lint: install
	$(VENV)/bin/ruff check kb tests bench app.py

# Re-resolve the dependencies from pyproject.toml in a scratch venv and write requirements.lock.
lock:
	rm -rf .venv-lock && python3 -m venv .venv-lock
	.venv-lock/bin/pip install -q --upgrade pip && .venv-lock/bin/pip install -q '.[dev]'
	{ head -2 requirements.lock; .venv-lock/bin/pip freeze --exclude-editable | grep -v '^kb-thongbao'; } > requirements.lock.new
	mv requirements.lock.new requirements.lock && rm -rf .venv-lock

# Refresh the screenshots in docs/ from a browser test run (tests alone never write tracked files).
screenshots: install $(AXE)
	KB_PUBLISH_SCREENSHOTS=1 $(PY) -m pytest -q tests/browser

clean:
	rm -rf $(INDEX)/whoosh $(INDEX)/store.sqlite3* .pytest_cache
