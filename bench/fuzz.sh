#!/usr/bin/env bash
# Longer fuzzing of everything a municipality may swap in and everything the server reads:
# each libFuzzer target (tests/fuzz/run.sh) for ALMERE_FUZZ_SECONDS (default 300) in turn.
#   bench/fuzz.sh [name...]     (default: every target; see tests/fuzz/run.sh)
# Prints a table of executions, executions per second, coverage (cov: edges, ft: features) and
# corpus size per target, plus the machine's load; the libFuzzer logs stay in build/fuzz/<name>/
# and the grown corpora in build/fuzz/<name>/corpus/ (kept between runs, so coverage builds up).
# Exits non-zero when a target finds a crash, hang, leak or sanitizer report.
set -uo pipefail
cd "$(dirname "$0")/.."
export ALMERE_FUZZ_SECONDS=${ALMERE_FUZZ_SECONDS:-300}
export ALMERE_FUZZ_KEEP_CORPUS=1
mkdir -p bench/out
echo "fuzz bench: ${ALMERE_FUZZ_SECONDS}s per target on $(nproc) CPUs" \
  "($(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)), load $(cut -d' ' -f1-3 /proc/loadavg)"
tests/fuzz/run.sh "$@" 2>&1 | tee bench/out/fuzz.log
rc=${PIPESTATUS[0]}
echo
printf '%-12s %12s %8s %6s %7s %7s\n' target executions exec/s cov ft corpus
for log in build/fuzz/*/fuzz.log; do
  dir=$(dirname "$log")
  name=$(basename "$dir")
  [ $# -eq 0 ] || [[ " $* " == *" $name "* ]] || continue
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -n 1 | cut -d' ' -f2)
  ft=$(grep -o 'ft: [0-9]*' "$log" | tail -n 1 | cut -d' ' -f2)
  corpus=$(find "$dir/corpus" -type f | wc -l)
  printf '%-12s %12s %8s %6s %7s %7s\n' "$name" "${runs:-?}" "${rate:-?}" "${cov:-?}" "${ft:-?}" "$corpus"
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
exit "$rc"
