# Two commands: `make run` sets up and starts the app, `make test` sets up and
# runs every test. Both create ./.venv on first use (Python 3.11+ needed).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test screenshots bench package icons system-tools clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip setuptools wheel
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/ankle-trainer $(ARGS)

test: $(STAMP) system-tools
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest $(PYTEST_ARGS)

# The desktop-file and AppStream validators the packaging tests run. Installed
# with apt-get when missing (Debian and Ubuntu; sudo when not root).
system-tools:
	@if ! command -v desktop-file-validate >/dev/null || ! command -v appstreamcli >/dev/null; then \
	  if command -v apt-get >/dev/null; then \
	    SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	    $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq desktop-file-utils appstream; \
	  else \
	    echo "Please install desktop-file-utils and appstream (the packaging tests use them)."; exit 1; \
	  fi; \
	fi

# A one-folder app in dist/ankle-trainer, smoke-tested (see packaging/build.sh).
package: $(STAMP)
	bash packaging/build.sh $(BIN)/python

icons: $(STAMP)
	$(BIN)/python packaging/linux/render_icons.py

screenshots: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m tools.render docs/screenshots

bench: $(STAMP)
	$(BIN)/python benchmarks/startup.py
	$(BIN)/python benchmarks/display_timing.py
	$(BIN)/python benchmarks/history_scale.py

clean:
	rm -rf $(VENV) build dist *.egg-info
