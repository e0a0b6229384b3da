#!/usr/bin/env bash
# Builds the libFuzzer targets (tests/fuzz/fuzz_<name>.cpp, see CMakeLists.txt here) with
# Debian's clang, ASan and UBSan, and runs each for a bounded time:
#   tests/fuzz/run.sh [name...]      (default: every target; a name is fuzz_<name> without fuzz_)
# ALMERE_FUZZ_SECONDS: seconds per target (default 10, which keeps the test run's fuzz step
# near 90 s with seven targets; bench/fuzz.sh runs them for minutes). Each run starts from the
# seeds; ALMERE_FUZZ_KEEP_CORPUS=1 (bench/fuzz.sh) keeps what earlier runs found.
# Seeds: tests/fuzz/corpus/<name>/ (small, hand-made, and every input that once failed) and the
# real content pack, copied to build/fuzz/<name>/seeds/ at run time. What the fuzzer finds
# goes to build/fuzz/<name>/ (git-ignored), so the source tree is never written to.
# The first build (the product's core with ASan and UBSan) takes minutes; later ones are cached.
# Prints executions and coverage per target; exits non-zero on any crash, hang, leak, memory
# blow-up or sanitizer report, naming the input that caused it.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
OUT=$ROOT/build/fuzz
SECONDS_TO_RUN=${ALMERE_FUZZ_SECONDS:-10}
CXX=${ALMERE_FUZZ_CXX:-clang++}
ALL_TARGETS=(reaction texts plans city_source glb session buildings)
if [ $# -gt 0 ]; then TARGETS=("$@"); else TARGETS=("${ALL_TARGETS[@]}"); fi

echo "fuzz: building ${TARGETS[*]}"
mkdir -p "$OUT"
if ! { [ -f "$OUT/cmake/build.ninja" ] ||
  cmake -S tests/fuzz -B "$OUT/cmake" -G Ninja -DCMAKE_CXX_COMPILER="$CXX"; } >"$OUT/build.log" 2>&1 ||
  ! cmake --build "$OUT/cmake" -j"$(nproc)" --target "${TARGETS[@]/#/fuzz_}" >>"$OUT/build.log" 2>&1; then
  tail -n 40 "$OUT/build.log"
  echo "fuzz: build FAILED (all of it in $OUT/build.log)"
  exit 1
fi

# Copies files into a seed folder under their path with / as _ (several are named *.json).
seed() {
  local dir=$1 f
  shift
  for f in "$@"; do [ -f "$f" ] && cp "$f" "$dir/${f//\//_}"; done
  return 0
}

# Per target: the longest input worth trying, and the real files that are its seeds.
prepare() {
  local name=$1 seeds=$2
  case $name in
    reaction) MAX_LEN=9000 ;;
    texts)
      MAX_LEN=16384
      seed "$seeds" assets/lang/*.json assets/city/character.json assets/feedback/form.json \
        assets/sessions/*.json ;;
    plans)
      MAX_LEN=32768
      seed "$seeds" assets/plans/plans.json ;;
    city_source)
      MAX_LEN=32768
      seed "$seeds" assets/city/*.geojson assets/city/character.json tests/fuzz/tiny_city/* ;;
    glb)
      # The real baked city (when built) is large: most mutations land in its binary chunk.
      # A tiny baked city puts the JSON chunk within reach of each mutation.
      MAX_LEN=160000
      seed "$seeds" build/native/bin/assets/almere.glb
      if [ -x build/native/bin/almere-bake ]; then
        build/native/bin/almere-bake tests/fuzz/tiny_city "$seeds/tiny.glb" >/dev/null
      fi ;;
    session)
      MAX_LEN=16384
      seed "$seeds" assets/sessions/*.json ;;
    buildings)
      # The bake test's layer (broken footprints among them), the golden's layer and its baked
      # tiles with their index: each input is tried as a layer, a buildings file and an index.
      MAX_LEN=32768
      seed "$seeds" tests/bake/buildings_small.geojson tests/golden/buildings/real-layer/layer.geojson \
        tests/golden/buildings/real-layer/almere.buildings/*.bin ;;
    *) echo "fuzz: unknown target '$name' (known: ${ALL_TARGETS[*]})" >&2; return 2 ;;
  esac
}

failed=0
for name in "${TARGETS[@]}"; do
  dir=$OUT/$name
  rm -rf "$dir/seeds"
  # A grown corpus takes longer to replay than a test run lasts: only a long run keeps it.
  [ -n "${ALMERE_FUZZ_KEEP_CORPUS:-}" ] || rm -rf "$dir/corpus"
  mkdir -p "$dir/corpus" "$dir/seeds"
  prepare "$name" "$dir/seeds"
  dict=()
  [ -f "tests/fuzz/$name.dict" ] && dict=(-dict="tests/fuzz/$name.dict")
  committed=()
  [ -d "tests/fuzz/corpus/$name" ] && committed=("tests/fuzz/corpus/$name")
  echo "fuzz: running fuzz_$name for ${SECONDS_TO_RUN}s"
  # The first corpus folder receives new inputs; the seeds are only read.
  if "$OUT/cmake/fuzz_$name" -max_total_time="$SECONDS_TO_RUN" -max_len="$MAX_LEN" \
    -timeout=10 -rss_limit_mb=2048 "${dict[@]}" -artifact_prefix="$dir/" -print_final_stats=1 \
    "$dir/corpus" "$dir/seeds" "${committed[@]}" >"$dir/fuzz.log" 2>&1; then
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$dir/fuzz.log")
    cov=$(grep -o 'cov: [0-9]* ft: [0-9]*' "$dir/fuzz.log" | tail -n 1)
    corpus=$(find "$dir/corpus" -type f | wc -l)
    echo "fuzz: fuzz_$name ok: ${runs:-?} executions, ${cov:-cov: ?}, corpus $corpus inputs"
  else
    failed=1
    tail -n 60 "$dir/fuzz.log"
    echo "fuzz: fuzz_$name FAILED; the input is in $dir/ (crash-*, leak-*, timeout-*, oom-*)"
  fi
done
[ "$failed" -eq 0 ] && echo "fuzz: ok"
exit "$failed"
