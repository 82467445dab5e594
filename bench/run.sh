#!/usr/bin/env bash
# Reruns every issue-5 benchmark and writes bench/RESULTS.md (medians, ratios, targets,
# machine). Usage: bench/run.sh            (everything, about 15 minutes once built)
#                  BENCH_ONLY="a c" bench/run.sh   (a subset: a b c d e f peers)
# Env: CARGO_TARGET_DIR (default bench/target), BENCH_WORK (default $CARGO_TARGET_DIR/bench-work),
#      WSDL (default ../shared/wsdl/metadata.wsdl beside the checkout), ZEEP_PARSE_RUNS (1: zeep
#      takes about a minute per 50 MB parse), NODE_PARSE_RUNS (3), E_RUNS (3), E_SERDE_RUNS (1).
set -euo pipefail
BENCH=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$BENCH")
WSDL=${WSDL:-$ROOT/../shared/wsdl/metadata.wsdl}
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$BENCH/target}
WORK=${BENCH_WORK:-$CARGO_TARGET_DIR/bench-work}
OUT=$WORK/results
ONLY=${BENCH_ONLY:-"a b c d e f peers"}
BIN=$CARGO_TARGET_DIR/release
MEASURE="python3 $BENCH/tools/measure.py"
want() { [[ " $ONLY " == *" $1 "* ]]; }
log() { printf '\n== %s\n' "$*" >&2; }

[ -f "$WSDL" ] || { echo "run.sh: no WSDL at $WSDL (set WSDL=...)" >&2; exit 1; }
mkdir -p "$OUT" "$WORK/w1" "$WORK/w2"
[ -n "${BENCH_ONLY:-}" ] || rm -f "$OUT"/*.json # a subset run keeps the other results

log "building (bench profile, optimized): bench binaries, benches, xsdgen, the codegen CLI"
# One profile for binaries and benches, so the 7 MB stubs crate is compiled once.
cargo build --profile bench --manifest-path "$BENCH/Cargo.toml" --bins -p bench -p xsdgen
cargo bench --no-run --manifest-path "$BENCH/Cargo.toml" -p bench
cargo build --release --manifest-path "$ROOT/Cargo.toml" -p codegen

log "workloads (twice, in two processes: the bytes must not change)"
"$BIN/workloads" "$WORK/w1" > "$OUT/sizes.tsv"
"$BIN/workloads" "$WORK/w2" > /dev/null
W=$WORK/w1
identical=true
for f in a.xml b.xml c.xml; do cmp -s "$W/$f" "$WORK/w2/$f" || identical=false; done
echo "{\"name\":\"determinism\",\"identical\":$identical}" > "$OUT/determinism.json"

if want a || want b; then
    log "(a)(b) parse benches"
    (cd "$BENCH" && cargo bench --bench parse -- --noplot)
    log "(a)(b) peak memory (counting allocator + GNU time)"
    for mode in typed-a serde-a scan-a typed-b serde-b base64-b; do
        file=$W/a.xml; [[ $mode == *-b ]] && file=$W/b.xml
        /usr/bin/time -f '%M' -o "$OUT/rss.tmp" "$BIN/peak" "$mode" "$file" > "$OUT/peak.tmp"
        sed "s/}\$/,\"max_rss_kb\":$(tail -1 "$OUT/rss.tmp")}/" "$OUT/peak.tmp" > "$OUT/peak-$mode.json"
    done
    rm -f "$OUT/rss.tmp" "$OUT/peak.tmp"
    # Into a file, not `| head -1`: head closing the pipe early made `peak` fail on EPIPE.
    "$BIN/peak" sizes "$W/a.xml" > "$OUT/sizes.tmp"
    head -1 "$OUT/sizes.tmp" > "$OUT/type-sizes.json" && rm -f "$OUT/sizes.tmp"
fi

if want c; then
    log "(c) write bench"
    # Both writers grow a 2.5 MB buffer per iteration. With glibc's default dynamic
    # thresholds, whichever runs second may find the heap trimmed and pay a page fault per
    # page of its buffer (36% kernel time in a profile of the serde writer), depending on
    # what ran before. Fixed thresholds (no mmap, no trim below 1 GiB) keep the kernel out of
    # both timings, so the ratio compares the writers.
    (cd "$BENCH" && GLIBC_TUNABLES=glibc.malloc.mmap_threshold=67108864:glibc.malloc.trim_threshold=1073741824 \
        cargo bench --bench write -- --noplot)
fi

if want peers; then
    log "peers: zeep and node-soap on (a) and (c)"
    bash "$BENCH/setup.sh" "$WORK/peers"
    PY=$WORK/peers/venv/bin/python
    NODE_DIR=$WORK/peers/node
    peer() { # name, then the command; keeps the peer's JSON line plus its peak RSS
        local name=$1; shift
        if /usr/bin/time -f '%M' -o "$OUT/rss.tmp" "$@" > "$OUT/peer.tmp"; then
            sed "s/}\$/, \"max_rss_kb\": $(tail -1 "$OUT/rss.tmp")}/" "$OUT/peer.tmp" > "$OUT/$name.json"
        else
            echo "peer $name failed" >&2
        fi
    }
    if "$PY" -c 'import zeep' 2>/dev/null; then
        peer zeep-parse "$PY" "$BENCH/tools/zeep_driver.py" "$WSDL" parse "$W/a.xml" "${ZEEP_PARSE_RUNS:-1}"
        peer zeep-write "$PY" "$BENCH/tools/zeep_driver.py" "$WSDL" write "$W/c.xml" 5
    fi
    if [ -d "$NODE_DIR/node_modules/soap" ]; then
        export NODE_PATH=$NODE_DIR/node_modules
        peer node-parse node --max-old-space-size=8192 "$BENCH/tools/node_soap_driver.js" "$WSDL" parse "$W/a.xml" "${NODE_PARSE_RUNS:-3}"
        peer node-write node --max-old-space-size=8192 "$BENCH/tools/node_soap_driver.js" "$WSDL" write "$W/c.xml" 5
    fi
    rm -f "$OUT/rss.tmp" "$OUT/peer.tmp"
fi

if want d; then
    log "(d) generating the full Metadata stubs: our CLI vs xsd-parser"
    $MEASURE codegen 7 -- "$BIN/codegen" "$WSDL" --out "$WORK/d-ours.rs" > "$OUT/d-codegen.json"
    $MEASURE xsd-parser 5 -- "$BIN/xsdgen" "$WSDL" "$WORK/d-xsd-parser.rs" > "$OUT/d-xsdparser.json"
    stat -c '{"name":"d-sizes","ours":%s,' "$WORK/d-ours.rs" > "$OUT/d-sizes.json"
    stat -c '"xsd_parser":%s}' "$WORK/d-xsd-parser.rs" >> "$OUT/d-sizes.json"
fi

if want e; then
    log "(e) clean debug builds of one crate, dependencies prebuilt"
    bash "$BENCH/tools/build_bench.sh" "$WSDL" "$WORK/e" "$BIN" "$OUT"
fi

if want f; then
    log "(f) SoapClient vs plain reqwest POST over loopback"
    (cd "$BENCH" && cargo bench --bench client -- --noplot)
fi

log "report"
python3 "$BENCH/tools/report.py" "$OUT" "$CARGO_TARGET_DIR/criterion" > "$BENCH/RESULTS.md"
cat "$BENCH/RESULTS.md"
