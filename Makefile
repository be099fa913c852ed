# Two commands matter: `make run` and `make test`. Everything else supports them.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
CATALOGUES := $(wildcard trainer/translations/*/LC_MESSAGES/messages.po)
COMPILED := $(CATALOGUES:.po=.mo)
HOST ?= 127.0.0.1
PORT ?= 5000
# Test processes (pytest-xdist): one per core; each test file stays in one process, so
# a browser test module starts its server and browser once.
TEST_WORKERS ?= auto
PYTEST := $(BIN)/pytest -n $(TEST_WORKERS) --dist loadfile

.PHONY: run test test-fast bench-short lint format translations bench bench-load bench-fault bench-capacity clean

run: $(VENV)/.installed-run $(COMPILED)
	TRAINER_ENV=$${TRAINER_ENV:-development} $(BIN)/trainer db upgrade
	TRAINER_ENV=$${TRAINER_ENV:-development} $(BIN)/trainer demo
	TRAINER_ENV=$${TRAINER_ENV:-development} $(BIN)/trainer run --host $(HOST) --port $(PORT)

# The slowest tests are listed at the end: the suite's time is worth watching.
test: $(VENV)/.installed-test $(VENV)/.installed-interop $(COMPILED)
	$(PYTEST) --durations=15 $(PYTEST_ARGS)

# The inner loop: no browser, no generated inputs.
test-fast: $(VENV)/.installed-test $(COMPILED)
	$(PYTEST) --ignore=tests/e2e -m "not property" $(PYTEST_ARGS)

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

format: $(VENV)/.installed-test
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Re-extract UI strings after changing templates or code, then translate the .po files.
translations: $(VENV)/.installed-test
	$(BIN)/pybabel extract -F babel.cfg -k _l -o trainer/translations/messages.pot .
	$(BIN)/pybabel update -i trainer/translations/messages.pot -d trainer/translations --no-fuzzy-matching --ignore-obsolete

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed-run: pyproject.toml | $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml package.json | $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	npm ci --no-audit --no-fund --ignore-scripts --silent  # the HTML checker (package.json)
	touch $@ $(VENV)/.installed-run

# The independent software the interoperability tests run against (tests/interop/install).
INTEROP_TOOLS := $(wildcard tests/interop/*/package-lock.json tests/interop/*/requirements.txt)
$(VENV)/.installed-interop: tests/interop/install $(INTEROP_TOOLS) | $(VENV)/bin/python
	PYTHON=$(PYTHON) tests/interop/install
	touch $@

# Compiled catalogues are build output, made from the committed .po files.
%.mo: %.po | $(VENV)/.installed-run
	$(BIN)/pybabel compile --use-fuzzy -i $< -o $@ >/dev/null

clean:
	rm -rf $(VENV) instance .pytest_cache

# Benchmarks print ratios against a floor measured in the same run; see bench/.
# BENCH_DATABASE_URL=postgresql+psycopg://... measures PostgreSQL too.
bench: $(VENV)/.installed-test $(COMPILED)
	$(BIN)/python bench/bench_content.py content
	$(BIN)/python bench/bench_certificates.py content
	$(BIN)/python bench/bench_learning.py
	$(BIN)/python bench/bench_reports.py
	$(BIN)/python bench/bench_import.py
	if [ -n "$$BENCH_DATABASE_URL" ]; then $(BIN)/python bench/bench_learning.py --database-url "$$BENCH_DATABASE_URL"; fi

# Every benchmark once, small and quick, so that none rots unnoticed (CI runs it).
bench-short: $(VENV)/.installed-test $(COMPILED) bench/capacity/.venv/.installed
	$(BIN)/python bench/bench_content.py content
	$(BIN)/python bench/bench_certificates.py content --renders 60
	$(BIN)/python bench/bench_learning.py --seconds 1
	$(BIN)/python bench/bench_reports.py --learners 300 --runs 1
	$(BIN)/python bench/bench_import.py --people 300
	$(BIN)/python bench/bench_load.py --seconds 5
	$(BIN)/python bench/bench_capacity.py --stages 10 --hold 10 --settle 1 --think-scale 0.02 --managers 1

# Capacity with think time (Locust, in its own venv): stages of learners, each held 10
# minutes; takes an hour or more. BENCH_DATABASE_URL measures PostgreSQL too.
bench-capacity: $(VENV)/.installed-test $(COMPILED) bench/capacity/.venv/.installed
	$(BIN)/python bench/bench_capacity.py $(CAPACITY_ARGS)
	if [ -n "$$BENCH_DATABASE_URL" ]; then $(BIN)/python bench/bench_capacity.py --database-url "$$BENCH_DATABASE_URL" $(CAPACITY_ARGS); fi

bench/capacity/.venv/.installed: bench/capacity/requirements.txt
	[ -x bench/capacity/.venv/bin/python ] || $(PYTHON) -m venv bench/capacity/.venv
	bench/capacity/.venv/bin/python -m pip install --quiet -r bench/capacity/requirements.txt
	touch $@

# 32 learners answering quizzes for 60 s against gunicorn; the second kills a worker
# mid-run. Both check that every accepted submission is whole in the database.
bench-load: $(VENV)/.installed-test $(COMPILED)
	$(BIN)/python bench/bench_load.py --seconds 60
	if [ -n "$$BENCH_DATABASE_URL" ]; then $(BIN)/python bench/bench_load.py --seconds 60 --database-url "$$BENCH_DATABASE_URL"; fi

bench-fault: $(VENV)/.installed-test $(COMPILED)
	$(BIN)/python bench/bench_load.py --seconds 30 --kill-worker
