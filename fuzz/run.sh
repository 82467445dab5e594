#!/usr/bin/env bash
# Builds and runs every fuzz target for SECONDS each (default 60), from the seed corpora in
# fuzz/seeds/<target>, the inputs of past crashes in fuzz/regressions/<target>, and whatever
# earlier runs left in fuzz/corpus/<target>.
#
#   fuzz/run.sh 60                 # all targets, 60 s each
#   fuzz/run.sh 1800 decode_fault  # one target, 30 minutes
#   SANITIZER=address fuzz/run.sh 600
#   NO_BUILD=1 fuzz/run.sh 1800 wsdl_load  # run what was built last
#   PROFILE=dev fuzz/run.sh 45     # CI's short run: a build that costs minutes, not half an hour
#
# PROFILE=release (the default, for long runs) builds with `-O`: opt-level 3 and one codegen
# unit per crate, which cargo-fuzz forces; the 7 MB Metadata stubs make that build take tens
# of minutes on two cores. PROFILE=dev builds the same code with the same coverage
# instrumentation under fuzz/Cargo.toml's [profile.dev] (opt-level 1, parallel codegen): a
# few minutes of build for executions some times slower. Both keep debug assertions and
# overflow checks on.
#
# Needs cargo-fuzz (`cargo install cargo-fuzz --locked`). On a stable toolchain the
# nightly-only flags cargo-fuzz passes with a sanitizer are unlocked with RUSTC_BOOTSTRAP=1.
# A crash leaves its input in fuzz/artifacts/<target>/, whose path is printed, and makes this
# script fail; the summary line per target (runs, seconds, coverage, new artifacts) goes to
# fuzz/logs/summary.txt.
set -euo pipefail
cd "$(dirname "$0")"

seconds="${1:-60}"
shift || true
targets=("$@")
all_targets=0
if [ ${#targets[@]} -eq 0 ]; then
  all_targets=1
  targets=(wsdl_load wsdl_mutate decode_envelope decode_fault)
fi
sanitizer="${SANITIZER:-none}"
profile="${PROFILE:-release}"
case "$profile" in
  release) build_flags=(-O --debug-assertions); profile_dir=release ;;
  dev) build_flags=(--dev); profile_dir=debug ;;
  *) echo "PROFILE must be release or dev, not $profile" >&2; exit 2 ;;
esac

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
bin_dir="$CARGO_TARGET_DIR/x86_64-unknown-linux-gnu/$profile_dir"
if [ "${NO_BUILD:-0}" != 1 ]; then
  if [ "$all_targets" = 1 ]; then
    # One cargo invocation for all targets: their shared dependencies build in parallel.
    cargo fuzz build "${build_flags[@]}" --sanitizer "$sanitizer"
  else
    for t in "${targets[@]}"; do
      cargo fuzz build "${build_flags[@]}" --sanitizer "$sanitizer" "$t"
    done
  fi
fi
for t in "${targets[@]}"; do
  mkdir -p "corpus/$t" "artifacts/$t"
  log="logs/$t.log"
  echo "fuzzing $t for ${seconds}s (log: fuzz/$log)"
  # Artifacts older than this run (kept from earlier runs) are not this run's findings.
  stamp="logs/$t.started"
  touch "$stamp"
  started=$(date +%s)
  set +e
  extra=()
  if [ -d "regressions/$t" ]; then extra=("regressions/$t"); fi
  # -timeout: one input taking over 10 s is a hang; -rss_limit_mb: memory blow-up is a bug.
  "$bin_dir/$t" "corpus/$t" "seeds/$t" "${extra[@]}" \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len="$(max_len "$t")" \
    -print_final_stats=1 -artifact_prefix="artifacts/$t/" $(dict "$t") >"$log" 2>&1
  rc=$?
  set -e
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
  # libFuzzer's last status line: "#N DONE cov: C ft: F corp: K/..." (edges, features, inputs).
  cov=$(grep -oE '(DONE|pulse|NEW|REDUCE|INITED) +cov: [0-9]+ ft: [0-9]+ corp: [0-9]+' "$log" | tail -1 |
    sed -E 's/.*cov: ([0-9]+) ft: ([0-9]+) corp: ([0-9]+)/\1 edges, \2 features, corpus \3/')
  found=$(find "artifacts/$t" -type f -newer "$stamp" \( -name 'crash-*' -o -name 'timeout-*' -o -name 'oom-*' -o -name 'leak-*' -o -name 'slow-unit-*' \) | sort)
  crashes=$(printf '%s' "$found" | grep -c . || true)
  line="$(date -u +%FT%TZ) $t ($profile): ${runs:-0} runs in $(($(date +%s) - started))s (of ${seconds}s), ${cov:-no coverage line}, exit $rc, $crashes new artifact(s)"
  echo "$line" | tee -a logs/summary.txt
  if [ "$rc" -ne 0 ] || [ "$crashes" -ne 0 ]; then
    tail -40 "$log"
    for f in $found; do echo "CRASH INPUT ($t): fuzz/$f"; done
    echo "replay from the repository root: $bin_dir/$t fuzz/artifacts/$t/<file>; keep it in fuzz/regressions/$t/"
    status=1
  fi
done
exit $status
