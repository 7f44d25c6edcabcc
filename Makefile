# Two commands: `make run` sets up and starts the app, `make test` sets up and
# runs every test. Both create ./.venv on first use (Python 3.11+ needed) and
# install the exact, hash-checked set in $(LOCK), then the app itself.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# The tested dependency set (app + test extra), made by `make lock` with
# pip-tools from the ranges in pyproject.toml, for Python 3.11 on Linux.
LOCK := requirements-lock.txt
# pip-tools lives in its own small venv, apart from the app's.
LOCK_VENV := .venv-lock
# `make test-latest` tries the newest versions the ranges allow, in its own venv.
LATEST_VENV := .venv-latest
# pip with no machine-wide configuration (no pip.conf, no constraint file, no
# local mirrors): `make lock` and `make test-latest` see what a fresh machine sees.
PLAIN_PIP_ENV := env -u PIP_FIND_LINKS -u PIP_CONSTRAINT -u PIP_EXTRA_INDEX_URL \
  -u PIP_INDEX_URL -u PIP_NO_INDEX PIP_CONFIG_FILE=/dev/null

.PHONY: run test test-latest lock screenshots bench package icons system-tools clean

# The lock is installed with --require-hashes (every file must match a hash in
# it, whichever index or mirror pip fetches it from), then the app on top with
# --no-deps, so nothing outside the lock is ever resolved.
$(STAMP): $(LOCK) pyproject.toml
	@$(PYTHON) -c 'import sys; want = open("$(LOCK)").read().split("with Python ")[1].split()[0]; \
	  have = "%d.%d" % sys.version_info[:2]; sys.exit(0 if have == want else \
	  f"$(LOCK) is made for Python {want}, but $(PYTHON) is Python {have}: run make with PYTHON=python{want}, or make lock with your Python first.")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes -r $(LOCK)
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

# Refresh the lock from PyPI after changing a range in pyproject.toml (or to
# take newer releases: `make lock LOCK_ARGS=--upgrade`). Then run `make test`.
lock:
	test -x $(LOCK_VENV)/bin/pip-compile || { $(PYTHON) -m venv $(LOCK_VENV) && \
	  $(PLAIN_PIP_ENV) $(LOCK_VENV)/bin/python -m pip install --quiet "pip-tools>=7.4"; }
	$(PLAIN_PIP_ENV) CUSTOM_COMPILE_COMMAND="make lock" $(LOCK_VENV)/bin/pip-compile --quiet \
	  --extra test --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url \
	  $(LOCK_ARGS) --output-file $(LOCK) pyproject.toml

# The whole suite (soak tests included) against the newest releases the ranges
# in pyproject.toml allow, fetched from PyPI: an upgrade is a tested decision.
# If it passes, `make lock LOCK_ARGS=--upgrade` adopts those versions.
test-latest: system-tools
	rm -rf $(LATEST_VENV)
	$(PYTHON) -m venv $(LATEST_VENV)
	$(PLAIN_PIP_ENV) $(LATEST_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(PLAIN_PIP_ENV) $(LATEST_VENV)/bin/python -m pip install --quiet --upgrade \
	  --upgrade-strategy eager -e ".[test]"
	$(LATEST_VENV)/bin/python -m pip list | grep -i -E "pyside6|shiboken6|pyqtgraph|numpy"
	INSTALL_LOCK=0 QT_QPA_PLATFORM=offscreen $(LATEST_VENV)/bin/python -m pytest $(PYTEST_ARGS)

run: $(STAMP)
	$(BIN)/ankle-trainer $(ARGS)

test: $(STAMP) system-tools
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest $(PYTEST_ARGS)

# The desktop-file and AppStream validators the packaging tests run,
# poppler's pdftotext/pdfinfo/pdffonts that the report tests read PDFs with,
# and LibreOffice Calc without its GUI (soffice --headless), which the export
# tests open the CSV export with. Installed with apt-get when missing (Debian
# and Ubuntu; sudo when not root; never asks a question). LibreOffice comes
# without its recommended packages (55 instead of 111: no Perl, dictionaries
# or desktop helpers); about 200 MB, half a minute on Debian 12.
system-tools:
	@if ! command -v desktop-file-validate >/dev/null || ! command -v appstreamcli >/dev/null \
	    || ! command -v pdftotext >/dev/null || ! command -v soffice >/dev/null; then \
	  if command -v apt-get >/dev/null; then \
	    SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	    APT="$$SUDO env DEBIAN_FRONTEND=noninteractive apt-get"; \
	    $$APT update -qq && $$APT install -y -qq desktop-file-utils appstream poppler-utils \
	      && $$APT install -y -qq --no-install-recommends libreoffice-calc-nogui; \
	  else \
	    echo "Please install desktop-file-utils, appstream, poppler-utils and LibreOffice Calc (the tests use them)."; exit 1; \
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
	$(BIN)/python benchmarks/export_speed.py
	$(BIN)/python benchmarks/report.py

clean:
	rm -rf $(VENV) $(LOCK_VENV) $(LATEST_VENV) build dist *.egg-info
