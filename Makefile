# Two commands do all the set-up on a fresh Debian/Ubuntu machine:
#   make run    the kiosk with its embedded sandbox portal
#   make test   the whole check: ruff, ruff format --check, mypy, import-linter, pytest
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
STAMP   = $(VENV)/.installed
ARGS   ?=

.PHONY: run desk test check lint typecheck imports pytest fuzz system-deps venv sandbox openapi screenshots benchmarks i18n package check-install tiles clean

run: system-deps $(STAMP)
	@if [ -z "$$DISPLAY" ] && [ -z "$$WAYLAND_DISPLAY" ]; then \
	  echo ">> Sin pantalla: el quiosco se abre en una pantalla virtual (Xvfb)."; \
	  xvfb-run -a -s "-screen 0 1920x1080x24" $(BIN)/kiosk --windowed $(ARGS); \
	else \
	  $(BIN)/kiosk $(ARGS); \
	fi

# The clerk's desk station (kiosk.mode = "desk") on the same embedded sandbox: sign in as a
# demo clerk (README, «Ventanilla»).
desk: system-deps $(STAMP)
	@KIOSK_KIOSK__MODE=desk $(MAKE) --no-print-directory run

test: system-deps $(STAMP) lint typecheck imports pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m kiosk.i18n_extract --check

i18n: $(STAMP)
	$(BIN)/python -m kiosk.i18n_extract

typecheck: $(STAMP)
	$(BIN)/mypy

imports: $(STAMP)
	$(BIN)/lint-imports

pytest: $(STAMP)
	$(BIN)/pytest $(PYTEST_ARGS)

# The long schemathesis run: every check, the stateful phase, FUZZ_EXAMPLES per operation, on a
# sandbox of its own (`make test` runs a bounded one). Derandomized: the same cases every time.
FUZZ_EXAMPLES ?= 300
fuzz: $(STAMP)
	KIOSK_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(BIN)/pytest tests/sandbox/test_fuzz.py -m fuzz $(PYTEST_ARGS)

system-deps:
	@PYTHON=$(PYTHON) ./scripts/system-deps.sh

venv: $(STAMP)

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if (3, 11) <= sys.version_info[:2] < (3, 14) else 1)' || \
	  { echo "Se necesita Python 3.11, 3.12 o 3.13 (make PYTHON=python3.12 ...)"; exit 1; }
	@[ -x $(BIN)/python ] || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test,dev]'
	@touch $@

sandbox: system-deps $(STAMP)
	$(BIN)/kiosk sandbox $(ARGS)

screenshots: system-deps $(STAMP)
	QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 1920x1080x24" $(BIN)/python scripts/screenshots.py --out screenshots

benchmarks: system-deps $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python benchmarks/run.py $(ARGS)

# The home screen's tile table (kiosk/services/home_tiles.py), after a service's tile changes
tiles: $(STAMP)
	$(BIN)/python -c 'from kiosk.services.registry import write_home_tiles; write_home_tiles()'

openapi: $(STAMP)
	$(BIN)/kiosk sandbox openapi > docs/openapi.json.new && mv docs/openapi.json.new docs/openapi.json

# dist/oj-kiosk_<version>_<arch>.deb (packaging/README.md), with the dependency versions the tests
# ran with (the .venv's).
package: system-deps $(STAMP)
	$(BIN)/python -m pip freeze --exclude-editable --disable-pip-version-check > $(VENV)/constraints.txt
	KIOSK_DEB_CONSTRAINTS=$(VENV)/constraints.txt ./packaging/build-deb.sh --out dist

# The package installed by apt into a fresh Debian 12 tree, its unit's command run there, then that
# tree booted under systemd (watchdog restart, orderly stop). Root, network, mmdebstrap and
# systemd-container; not part of `make test` (it downloads a Debian system).
check-install: package
	./packaging/check-clean-install.sh dist/oj-kiosk_$$($(BIN)/python -c 'import kiosk; print(kiosk.__version__)')_$$(dpkg --print-architecture).deb

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache build *.egg-info
