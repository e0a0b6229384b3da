#!/usr/bin/env bash
# Runs one golden-image case (see tests/golden/README.md):
#   tests/golden/run_case.sh VIEWER IMAGE_COMPARE CASE_DIR
# Renders the viewer headless (SDL offscreen, Mesa llvmpipe) with the case's `args` into
# CASE_DIR/actual.png and compares it with CASE_DIR/expected.png under the case's `thresholds`.
#
# A case with a `qr` file (one line, a URL) also reads the QR code in the render with zbarimg
# and fails unless it is exactly that URL.
#
# A case with a `reference` file (e.g. "city/overview") is a negative case: it renders the
# reference case's args plus its own, compares against the reference's expected.png with the
# reference's thresholds, and passes only when the viewer succeeded (exit 0, PNG written) and the
# comparison FAILED. A crashing viewer is a failure in both kinds of case.
#
# ALMERE_UPDATE_GOLDEN=1 renders and stores the result as expected.png instead of comparing
# (negative cases are skipped: exit 77, which CTest reports as skipped).
set -uo pipefail

SKIP=77
if [ $# -ne 3 ]; then
  echo "usage: run_case.sh VIEWER IMAGE_COMPARE CASE_DIR" >&2
  exit 2
fi
VIEWER=$1
COMPARE=$2
CASE=$(cd "$3" && pwd) || exit 2
GOLDEN=$(cd "$(dirname "$0")" && pwd)
NAME=${CASE#"$GOLDEN"/}

# Defaults when a case has no `thresholds` file. Renders are bit-identical run to run on one
# machine (tests/golden/README.md), so these allow only rounding-level noise: see
# city/overview/thresholds for the reasoning.
pixel_threshold=2   # a pixel differs when a channel is off by more than 2 of 255
max_differing=0.0001 # at most 0.01 % of the pixels may differ (92 at 1280x720)
max_mean=0.1        # mean absolute difference over all channels, 0..255

read_thresholds() { # FILE: "key value" lines; '#' starts a comment
  local file=$1 key value rest
  [ -f "$file" ] || return 0
  while read -r key value rest; do
    case "$key" in
      '' | '#'*) continue ;;
      pixel_threshold | max_differing | max_mean)
        if ! [[ "$value" =~ ^[0-9]+([.][0-9]+)?$ ]]; then
          echo "$file: $key needs a number, got '$value'" >&2
          exit 2
        fi
        printf -v "$key" '%s' "$value" ;;
      *) echo "$file: unknown key '$key'" >&2; exit 2 ;;
    esac
  done <"$file"
}

read_args() { # FILE -> appends the words of its first line to ARGS (@CASE@: the case's folder)
  local file=$1 line words
  [ -f "$file" ] || { echo "$file: missing" >&2; exit 2; }
  IFS= read -r line <"$file" || true
  read -r -a words <<<"$line"
  ARGS+=("${words[@]//@CASE@/$(dirname "$file")}")
}

ARGS=()
EXPECTED=$CASE/expected.png
NEGATIVE=
if [ -f "$CASE/reference" ]; then
  read -r REF <"$CASE/reference"
  REFDIR=$GOLDEN/$REF
  [ -d "$REFDIR" ] || { echo "$NAME: reference case '$REF' not found" >&2; exit 2; }
  NEGATIVE=$REF
  EXPECTED=$REFDIR/expected.png
  read_args "$REFDIR/args"
  read_thresholds "$REFDIR/thresholds"
fi
read_args "$CASE/args"
read_thresholds "$CASE/thresholds"

UPDATE=${ALMERE_UPDATE_GOLDEN:-0}
if [ -n "$NEGATIVE" ] && [ "$UPDATE" != 0 ]; then
  echo "$NAME: negative case, nothing to update (skipped)"
  exit $SKIP
fi

ACTUAL=$CASE/actual.png
DIFF=$CASE/diff.png
rm -f "$ACTUAL" "$DIFF"

# The goldens are Mesa llvmpipe renders: keep Mesa on the software rasteriser even on a machine
# with a GPU.
export SDL_VIDEODRIVER=offscreen
export LIBGL_ALWAYS_SOFTWARE=${LIBGL_ALWAYS_SOFTWARE:-1}
echo "$NAME: $VIEWER ${ARGS[*]} --screenshot $ACTUAL"
timeout 120 "$VIEWER" "${ARGS[@]}" --screenshot "$ACTUAL"
rc=$?
if [ $rc -ne 0 ]; then
  echo "$NAME: FAILED: the viewer exited with status $rc" >&2
  exit 1
fi
if [ ! -s "$ACTUAL" ]; then
  echo "$NAME: FAILED: the viewer exited 0 but wrote no $ACTUAL" >&2
  exit 1
fi

# A case with a `qr` file (one line: a URL) shows a QR code that must read as exactly that URL
# with zbarimg, as a phone camera would read it off the projected screen.
if [ -f "$CASE/qr" ]; then
  read -r WANT <"$CASE/qr"
  if ! command -v zbarimg >/dev/null; then
    echo "$NAME: FAILED: zbarimg (Debian's zbar-tools) is needed to read the QR code" >&2
    exit 1
  fi
  GOT=$(zbarimg --quiet --raw -Sdisable -Sqrcode.enable "$ACTUAL" 2>/dev/null)
  if [ "$GOT" != "$WANT" ]; then
    echo "$NAME: FAILED: the QR code reads '$GOT', expected '$WANT' (see $ACTUAL)" >&2
    exit 1
  fi
  echo "$NAME: the QR code reads $GOT"
fi

if [ "$UPDATE" != 0 ]; then
  mv -f "$ACTUAL" "$EXPECTED"
  echo "$NAME: updated $EXPECTED (look at it before committing it)"
  exit 0
fi
if [ ! -f "$EXPECTED" ]; then
  echo "$NAME: FAILED: no $EXPECTED; make one with ALMERE_UPDATE_GOLDEN=1" >&2
  exit 1
fi

REPORT=$("$COMPARE" "$ACTUAL" "$EXPECTED" --pixel-threshold "$pixel_threshold" \
  --max-differing "$max_differing" --max-mean "$max_mean" --diff "$DIFF")
rc=$?
[ -n "$REPORT" ] && echo "$REPORT"
if [ -n "$NEGATIVE" ]; then
  # Status 1 with image_compare's own FAIL line, nothing else, counts as the expected failure.
  [ $rc -eq 1 ] && ! grep -q '^FAIL ' <<<"$REPORT" && rc=2
  case $rc in
    1) echo "$NAME: passed: the comparison with $NEGATIVE caught the difference (see $DIFF)"
       exit 0 ;;
    0) echo "$NAME: FAILED: the comparison with $NEGATIVE did not catch the difference" >&2
       exit 1 ;;
    *) echo "$NAME: FAILED: image_compare gave no comparison result (status $rc)" >&2
       exit 1 ;;
  esac
fi
case $rc in
  0) rm -f "$ACTUAL"; exit 0 ;;
  1) echo "$NAME: FAILED: see $ACTUAL and $DIFF (red: differs by more than" \
       "$pixel_threshold, yellow: within it)" >&2
     exit 1 ;;
  *) echo "$NAME: FAILED: image_compare gave no comparison result (status $rc)" >&2
     exit 1 ;;
esac
