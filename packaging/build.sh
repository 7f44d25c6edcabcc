#!/usr/bin/env bash
# Build the one-folder app with PyInstaller, then smoke-test it:
# `--version` and `--quit-after-startup` (offscreen) must both exit 0.
# Usage: packaging/build.sh [PYTHON]   (make package runs it with .venv's Python)
# DIST and WORK choose the output and scratch folders (default dist/, build/pyinstaller/);
# INSTALL_LOCK=0 builds with the packages already in PYTHON's environment.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${1:-.venv/bin/python}
DIST=${DIST:-dist}
WORK=${WORK:-build/pyinstaller}
# The bundle carries exactly the tested set: the lock file, hash-checked
# (PyInstaller itself is in it too, through the test extra). `make
# test-latest` sets INSTALL_LOCK=0 to build with the newest versions instead.
if [ "${INSTALL_LOCK:-1}" = 1 ]; then
  "$PY" -m pip install --quiet --require-hashes -r requirements-lock.txt
fi
rm -rf "$WORK" "$DIST/ankle-trainer"
# A plain (not editable) copy of the package for PyInstaller to analyse: an
# editable install's import hook is invisible to it.
"$PY" -m pip install --quiet --no-deps --no-build-isolation --target "$WORK/app" .
ANKLE_TRAINER_BUILD_APP="$WORK/app" "$PY" -m PyInstaller --noconfirm --log-level WARN \
  --workpath "$WORK" --distpath "$DIST" packaging/pyinstaller/ankle-trainer.spec
APP=$DIST/ankle-trainer/ankle-trainer
echo "smoke test: $APP --version"
"$APP" --version
echo "smoke test: $APP --quit-after-startup (offscreen)"
SMOKE_DATA=$(mktemp -d)
QT_QPA_PLATFORM=offscreen timeout 60 "$APP" --data-dir "$SMOKE_DATA" --quit-after-startup
echo "smoke test: $APP demo-data, then export (the history commands)"
"$APP" demo-data --years 1 --data-dir "$SMOKE_DATA"
"$APP" export "$SMOKE_DATA/sets.csv" --sets --data-dir "$SMOKE_DATA"
echo "smoke test: $APP report (the physio PDF)"
"$APP" report "$SMOKE_DATA/report.pdf" --data-dir "$SMOKE_DATA"
echo "smoke test: $APP routine export, then validate (the routine file writer and reader)"
"$APP" routine export calf-strength "$SMOKE_DATA/calf-strength.toml"
# a built-in's id is refused as import refuses it: check it as the runner's own copy
sed 's/^id = "calf-strength"$/id = "smoke-copy"/' "$SMOKE_DATA/calf-strength.toml" > "$SMOKE_DATA/smoke-copy.toml"
"$APP" routine validate "$SMOKE_DATA/smoke-copy.toml" --data-dir "$SMOKE_DATA"
rm -rf "$SMOKE_DATA"
echo "smoke test: $APP routines"
"$APP" routines
echo "bundle size: $(du -sh "$DIST/ankle-trainer" | cut -f1) ($(find "$DIST/ankle-trainer" -type f | wc -l) files)"
