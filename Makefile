# The two commands: `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
PORT ?= 8000
# The suite runs on both cores; PYTEST_WORKERS=0 runs it in one process.
PYTEST_WORKERS ?= 2
BIN := $(VENV)/bin
MANAGE := $(BIN)/python example_site/manage.py

.PHONY: demo test lint messages clean benchmark vendor

$(BIN)/.installed: setup.cfg pyproject.toml .ci/oldest.txt
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "Python 3.11 or newer is needed (set PYTHON=...)."; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test,demo]" -c .ci/oldest.txt
	touch $@

demo: $(BIN)/.installed
	$(MANAGE) migrate --no-input
	$(MANAGE) load_demo --port $(PORT)
	@echo "Open http://127.0.0.1:$(PORT)/ (admin: http://127.0.0.1:$(PORT)/admin/)"
	$(MANAGE) runserver 127.0.0.1:$(PORT)

test: $(BIN)/.installed node_modules/.installed
	@.ci/system-packages test
	$(BIN)/pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

node_modules/.installed: package.json package-lock.json
	@.ci/system-packages test
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# The ALTCHA widget (the spam check without Google) and jsQR (the door's camera scan) ship in the
# app's static files: copied from the npm packages pinned in package.json, so that no page loads
# them from elsewhere.
vendor: node_modules/.installed
	cp node_modules/altcha/dist/main/altcha.min.js node_modules/altcha/LICENSE.txt barcamp_wagtail/static/barcamp_wagtail/vendor/altcha/
	cp node_modules/jsqr/dist/jsQR.js barcamp_wagtail/static/barcamp_wagtail/participants/vendor/
	cp node_modules/jsqr/LICENSE barcamp_wagtail/static/barcamp_wagtail/participants/vendor/jsQR-LICENSE.txt

benchmark: $(BIN)/.installed
	$(BIN)/python benchmarks/run.py --progress $(BENCHMARK_ARGS)

lint: $(BIN)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

messages: $(BIN)/.installed
	cd barcamp_wagtail && ../$(BIN)/django-admin makemessages -l de --no-obsolete --ignore=formal_german
	cd example_site && ../$(BIN)/django-admin makemessages -l de --no-obsolete --ignore=home/migrations
	$(BIN)/python -m tests.german_address
	cd barcamp_wagtail && ../$(BIN)/django-admin compilemessages
	cd example_site && ../$(BIN)/django-admin compilemessages

clean:
	rm -rf $(VENV) build dist *.egg-info test-artifacts
