#!/usr/bin/env bash
# Runs Ankle Trainer for real: an X server (Xvfb) with a window manager
# (openbox), the app's real xcb window, a whole guided session driven with
# the keyboard through xdotool from the home screen to the summary, then
# checks that the session was saved (via `ankle-trainer export`).
#
# Not part of `make test`: it needs Xvfb, openbox, xdotool and ImageMagick,
# and it runs as long as the routine does (real time).
#
# Usage: scripts/drive_xvfb.sh [ROUTINE.toml]
#   Without a file, a 3 min 50 s routine ("Xvfb drive") is written to a
#   temporary data folder's routines/ (the app lists files found there).
#   The routine's name must start with "Xvfb" (the script types it to pick it)
#   and its id must be "xvfb-drive" (the file is copied to routines/xvfb-drive.toml).
#   Its first step must be reps with a rest after set 1 at about 77 s (e.g. a
#   copy of resources/routines/heel-drops.toml: an 11-minute real session).
# Environment: APP (default .venv/bin/ankle-trainer), OUT (default a new
# /tmp/ankle-drive.* folder: screenshots, app log, CSV export),
# SCREEN (default :93).
# Exit status 0 when the session reached its summary and is in the history.
set -euo pipefail
cd "$(dirname "$0")/.."
APP=${APP:-.venv/bin/ankle-trainer}
APP=$(realpath "$APP")
OUT=${OUT:-$(mktemp -d /tmp/ankle-drive.XXXXXX)}
SCREEN=${SCREEN:-:93}
DATA=$OUT/data
mkdir -p "$DATA/routines"
for tool in Xvfb openbox xdotool import; do
  command -v "$tool" >/dev/null || { echo "drive: please install $tool"; exit 2; }
done

ROUTINE=$DATA/routines/xvfb-drive.toml
if [ $# -ge 1 ]; then
  cp "$1" "$ROUTINE"
else
  # get ready 10 | 2 x 10 reps of 6 s (60 s) with 20 s rest | rest 15
  # | 30 s balance each side with a 5 s switch: 230 s in all.
  cat >"$ROUTINE" <<'EOF'
format_version = 1
id = "xvfb-drive"
name = "Xvfb drive"
description = "A short real-time routine for the Xvfb drive script."

[[steps]]
exercise = "calf-raise-straight"
sets = 2
reps = 10
tempo = { up = 2, hold = 1, down = 3 }
rest_between_sets = 20
rest_after = 15

[[steps]]
exercise = "single-leg-stance"
hold_seconds = 30
sides = "each"
EOF
fi
"$APP" routine validate "$ROUTINE"
# Seconds the session takes: the engine's own plan for this file.
SECONDS_PLANNED=$("$(dirname "$APP")/python" - "$ROUTINE" <<'EOF'
import sys
from pathlib import Path
from ankle_trainer.core.library import exercise_library
from ankle_trainer.core.plan import planned_seconds
from ankle_trainer.core.routines import parse_routine
routine = parse_routine(Path(sys.argv[1]).read_text(), exercise_library(), origin=sys.argv[1])
print(round(planned_seconds(routine)))
EOF
)
echo "drive: routine planned at $SECONDS_PLANNED s; output in $OUT"

PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT
Xvfb "$SCREEN" -screen 0 1280x720x24 -nolisten tcp >"$OUT/xvfb.log" 2>&1 &
PIDS+=($!)
export DISPLAY=$SCREEN
unset QT_QPA_PLATFORM WAYLAND_DISPLAY
for _ in $(seq 50); do xdotool getdisplaygeometry >/dev/null 2>&1 && break; sleep 0.1; done
openbox >"$OUT/openbox.log" 2>&1 &
PIDS+=($!)
"$APP" --data-dir "$DATA" >"$OUT/app.log" 2>&1 &
APP_PID=$!
PIDS=("$APP_PID" "${PIDS[@]}")

main_window() {  # the app's visible top-level window titled "Ankle Trainer"
  timeout 60 xdotool search --sync --onlyvisible --pid "$APP_PID" --name '^Ankle Trainer$' | head -1
}
WID=$(main_window)
shot() {  # shot NAME: the whole screen
  sleep 1
  import -window root "$OUT/$1.png"
  echo "drive: screenshot $OUT/$1.png"
}
key() {  # real key presses (XTEST) into the app's window, as a user types them
  WID=$(main_window)
  xdotool windowactivate --sync "$WID" key --clearmodifiers "$@"
  sleep 0.7
}
alive() { kill -0 "$APP_PID" 2>/dev/null || { echo "drive: the app died; log:"; cat "$OUT/app.log"; exit 1; }; }

xdotool windowactivate --sync "$WID"
xdotool windowmove --sync "$WID" 0 0 windowsize --sync "$WID" 1280 720
shot 01-home-1280x720
xdotool type --delay 120 "Xvfb"  # the list's keyboard search picks the routine
sleep 0.5
shot 02-routine-chosen
key Return                     # start: today's red-flag check comes first
shot 03-safety-check
key Return                     # on a red-flag question: says how to tick and go on, stays
shot 03b-safety-enter-says-why
key alt+c                      # Continue (nothing ticked)
shot 04-pain-check
key Return                     # nothing chosen yet: Enter records nothing
shot 04b-pain-check-not-rated
key 2 Return                   # pain 2 (a number key chooses), then Start
START=$(date +%s)
shot 05-session-1280x720
sleep 25; alive
shot 06-session-tempo-1280x720
xdotool windowsize --sync "$WID" 800 600
shot 07-session-800x600
import -window "$WID" "$OUT/07-window-800x600.png"
sleep 52; alive                # about 77 s in: the rest after set 1 (70-90 s)
shot 08-rest-after-set-800x600
key Tab                        # the keyboard on a rating button: the session keys still work
key space; sleep 1; key space  # pause, resume
key 3                          # pain during set 1
key e                          # correct the count: an explicit edit
xdotool type --delay 120 "9"
key Return
shot 08b-corrected-800x600
key F11; sleep 1
shot 08c-focus-mode
key Escape; sleep 1            # Esc leaves focus mode (does not stop)
shot 08d-focus-left
sleep 8; alive
xdotool windowsize --sync "$WID" 1280 720
while [ $(( $(date +%s) - START )) -lt $(( SECONDS_PLANNED + 5 )) ]; do sleep 5; alive; done
shot 09-summary-1280x720
xdotool windowsize --sync "$WID" 800 600
shot 10-summary-800x600
key Return                     # nothing chosen yet: Enter says why and records nothing
shot 10b-summary-not-rated
key 1 Return                   # pain now 1 (a number key chooses; arrows carried over from the session never do), then Save and finish
shot 11-home-after
key ctrl+q
for _ in $(seq 100); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 0.1; done
wait "$APP_PID" && STATUS=0 || STATUS=$?
echo "drive: the app exited with status $STATUS"
grep -i -E "fatal|traceback|abort" "$OUT/app.log" && { echo "drive: errors in the app log"; exit 1; }

"$APP" export "$OUT/sessions.csv" --data-dir "$DATA"
"$APP" export "$OUT/sets.csv" --sets --data-dir "$DATA"
echo "drive: sessions saved:"; cat "$OUT/sessions.csv"
echo "drive: sets saved:"; cat "$OUT/sets.csv"
if grep -q ",Xvfb[^,]*,completed," "$OUT/sessions.csv"; then
  echo "drive: OK, the session reached its summary and is in the history ($OUT)"
else
  echo "drive: FAILED, no completed session in the history"; exit 1
fi
# the keys' effects: every set done, pain 2 before and 1 after, set 1 corrected to 9 reps with pain 3 during it
grep -E -q ",completed,([0-9]+),\1,2,1," "$OUT/sessions.csv" || { echo "drive: FAILED, pain before/after not 2 and 1"; exit 1; }
grep -E -q ",both,1,[0-9]+,9,,,completed,.*,0,3," "$OUT/sets.csv" || { echo "drive: FAILED, set 1 not corrected to 9 with pain 3"; exit 1; }
[ "$STATUS" = 0 ] || { echo "drive: FAILED, the app did not exit cleanly"; exit 1; }
