#!/usr/bin/env bash
# (e): clean debug builds of one crate with its dependencies prebuilt, timed with GNU time
# (median wall, peak RSS of rustc): the full Metadata stubs (our CLI), the pruned stubs
# (six operations, when the CLI can prune), and plain serde structs for the same types.
# usage: build_bench.sh WSDL WORKDIR BIN_DIR RESULTS_DIR
set -euo pipefail
WSDL=$1 E=$2 BIN=$3 OUT=$4
HERE=$(cd "$(dirname "$0")" && pwd)
RUNTIME=$(cd "$HERE/../../runtime" && pwd)
MEASURE="python3 $HERE/measure.py"
RUNS=${E_RUNS:-3}
SERDE_RUNS=${E_SERDE_RUNS:-1}
OPS=listMetadata,readMetadata,deploy,checkDeployStatus,retrieve,checkRetrieveStatus
export CARGO_TARGET_DIR=$E/target

crate() { # dir, package name, dependency lines
    mkdir -p "$E/$1/src"
    cat > "$E/$1/Cargo.toml" <<TOML
[package]
name = "$2"
version = "0.1.0"
edition = "2024"
publish = false

[dependencies]
$3

# A workspace of its own, profiled like the project's stubs crates (root Cargo.toml): no
# debug info and no incremental compilation, for every contender alike.
[workspace]

[profile.dev]
debug = false
incremental = false
TOML
}

crate full md_full "runtime = { path = \"$RUNTIME\" }"
"$BIN/codegen" "$WSDL" --out "$E/full/src/lib.rs"
crates="full:md_full"

if "$BIN/codegen" --help 2>&1 | grep -q -- '--operation '; then
    crate pruned md_pruned "runtime = { path = \"$RUNTIME\" }"
    "$BIN/codegen" "$WSDL" --operation "$OPS" --out "$E/pruned/src/lib.rs"
    crates="$crates pruned:md_pruned"
else
    echo '{"name":"e-pruned","missing":"the codegen CLI has no --operation filter"}' > "$OUT/e-pruned.json"
fi

crate serde md_serde 'serde = { version = "1", features = ["derive"] }'
"$BIN/serde_baseline" "$WSDL" "$E/serde/src/lib.rs"
crates="$crates serde:md_serde"

for c in $crates; do
    dir=${c%%:*} pkg=${c#*:}
    manifest=$E/$dir/Cargo.toml
    # Dependencies prebuilt against an empty crate, so the crate itself is compiled only in
    # the timed runs (the serde baseline alone takes over a minute).
    mv "$E/$dir/src/lib.rs" "$E/$dir/lib.rs.real"
    : > "$E/$dir/src/lib.rs"
    cargo build --manifest-path "$manifest" >&2
    mv "$E/$dir/lib.rs.real" "$E/$dir/src/lib.rs" && touch "$E/$dir/src/lib.rs"
    runs=$RUNS; [ "$dir" = serde ] && runs=$SERDE_RUNS
    $MEASURE "e-$dir" "$runs" --prep "cargo clean -p $pkg --manifest-path $manifest" \
        -- cargo build --manifest-path "$manifest" > "$OUT/e-$dir.json"
    wc -c < "$E/$dir/src/lib.rs" | sed "s/.*/{\"name\":\"e-$dir-size\",\"bytes\":&}/" > "$OUT/e-$dir-size.json"
done
