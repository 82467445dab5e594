#!/usr/bin/env bash
# Installs the peers measured by bench/run.sh into DIR (default: the bench work dir), never
# into the project's build: zeep in a Python venv, node-soap with npm. Idempotent. A peer
# that cannot be installed is reported and left out of the run.
set -uo pipefail
DIR=${1:?usage: setup.sh DIR}
mkdir -p "$DIR"
if [ ! -x "$DIR/venv/bin/python" ] || ! "$DIR/venv/bin/python" -c 'import zeep' 2>/dev/null; then
    python3 -m venv "$DIR/venv" && "$DIR/venv/bin/pip" install -q 'zeep==4.*' \
        || echo "setup: zeep not installed; (a)/(c) run without it" >&2
fi
if [ ! -d "$DIR/node/node_modules/soap" ]; then
    mkdir -p "$DIR/node" && (cd "$DIR/node" && { [ -f package.json ] || npm init -y >/dev/null; } \
        && npm install --silent 'soap@1') \
        || echo "setup: node-soap not installed; (a)/(c) run without it" >&2
fi
exit 0
