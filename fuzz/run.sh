#!/usr/bin/env bash
# Builds and runs every fuzz target for SECONDS each (default 60), from the seed corpora in
# fuzz/seeds/<target>, the inputs of past crashes in fuzz/regressions/<target>, and whatever
# earlier runs left in fuzz/corpus/<target>.
#
#   fuzz/run.sh 60                 # all targets, 60 s each
#   fuzz/run.sh 1800 decode_fault  # one target, 30 minutes
#   SANITIZER=address fuzz/run.sh 600
#   NO_BUILD=1 fuzz/run.sh 1800 wsdl_load  # run what was built last
#
# Needs cargo-fuzz (`cargo install cargo-fuzz --locked`). On a stable toolchain the
# nightly-only flags cargo-fuzz passes are unlocked with RUSTC_BOOTSTRAP=1. A crash leaves
# its input in fuzz/artifacts/<target>/ and makes this script fail; the summary line per
# target (runs, seconds, crashes) goes to fuzz/logs/summary.txt.
set -euo pipefail
cd "$(dirname "$0")"

seconds="${1:-60}"
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(wsdl_load wsdl_mutate decode_envelope decode_fault)
fi
sanitizer="${SANITIZER:-none}"

if ! rustc --version | grep -q nightly; then
  export RUSTC_BOOTSTRAP=1
fi
# Builds share one target dir; a caller's CARGO_TARGET_DIR is honoured.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}"

max_len() {
  case "$1" in
    wsdl_*) echo 16384 ;;
    *) echo 32768 ;;
  esac
}
dict() {
  case "$1" in
    wsdl_load) echo "-dict=dict/wsdl.dict" ;;
    decode_*) echo "-dict=dict/xml.dict" ;;
    *) echo "" ;;
  esac
}

mkdir -p logs
status=0
# NO_BUILD=1 runs the binaries already built (cargo fuzz run would rebuild them after any
# change anywhere in the workspace, which costs many minutes on two cores).
bin_dir="$CARGO_TARGET_DIR/x86_64-unknown-linux-gnu/release"
if [ "${NO_BUILD:-0}" != 1 ]; then
  for t in "${targets[@]}"; do
    cargo fuzz build -O --sanitizer "$sanitizer" "$t"
  done
fi
for t in "${targets[@]}"; do
  mkdir -p "corpus/$t" "artifacts/$t"
  log="logs/$t.log"
  echo "fuzzing $t for ${seconds}s (log: fuzz/$log)"
  # -timeout: one input taking over 10 s is a hang; -rss_limit_mb: memory blow-up is a bug.
  started=$(date +%s)
  set +e
  extra=()
  if [ -d "regressions/$t" ]; then extra=("regressions/$t"); fi
  "$bin_dir/$t" "corpus/$t" "seeds/$t" "${extra[@]}" \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len="$(max_len "$t")" \
    -print_final_stats=1 -artifact_prefix="artifacts/$t/" $(dict "$t") >"$log" 2>&1
  rc=$?
  set -e
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
  crashes=$(find "artifacts/$t" -type f \( -name 'crash-*' -o -name 'timeout-*' -o -name 'oom-*' -o -name 'leak-*' \) | wc -l)
  line="$(date -u +%FT%TZ) $t: ${runs:-0} runs in $(($(date +%s) - started))s (of ${seconds}s), exit $rc, $crashes artifact(s)"
  echo "$line" | tee -a logs/summary.txt
  if [ "$rc" -ne 0 ] || [ "$crashes" -ne 0 ]; then
    tail -40 "$log"
    status=1
  fi
done
exit $status
