#!/usr/bin/env bash
# Runs real Salesforce clients against the standalone local server:
#   jsforce (npm) and simple-salesforce (PyPI), installed into a temporary directory.
# Usage: server/interop/run.sh [jsforce|simple-salesforce]...   (default: both)
# Needs cargo, node + npm and python3 (with venv), and network access to the npm registry
# and PyPI for the installs. Not part of CI: it downloads clients and takes a minute or two.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
clients=("$@")
[ ${#clients[@]} -eq 0 ] && clients=(jsforce simple-salesforce)
work="$(mktemp -d "${TMPDIR:-/tmp}/metadata-server-interop.XXXXXX")"
server_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

echo "== building the server"
(cd "$root" && cargo build -q -p metadata-server --bin metadata-server)
bin="${CARGO_TARGET_DIR:-$root/target}/debug/metadata-server"

echo "== starting it"
"$bin" --port 0 --jwt-public-key "$here/../tests/data/jwt_test_key.pub.pem" >"$work/server.out" 2>&1 &
server_pid=$!
for _ in $(seq 1 50); do
  grep -q '^url:' "$work/server.out" 2>/dev/null && break
  sleep 0.1
done
field() { grep "^$1:" "$work/server.out" | sed "s/^$1: *//"; }
export SF_URL="$(field url)" SF_USER="$(field username)" SF_PASSWORD="$(field password)"
export SF_CLIENT_ID="$(field 'client id')" SF_CLIENT_SECRET="$(field 'client secret')"
export SF_JWT_KEY="$here/../tests/data/jwt_test_key.pem" SF_ZIP="$work/deploy.zip"
[ -n "$SF_URL" ] || { cat "$work/server.out"; echo "the server did not start"; exit 1; }
echo "   $SF_URL"

python3 - "$SF_ZIP" <<'PY'
import sys, zipfile
ns = "http://soap.sforce.com/2006/04/metadata"
with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("package.xml", f'<?xml version="1.0" encoding="UTF-8"?>\n<Package xmlns="{ns}"><types><members>Interop</members><name>ApexClass</name></types><version>66.0</version></Package>\n')
    z.writestr("classes/Interop.cls", "public class Interop {}\n")
    z.writestr("classes/Interop.cls-meta.xml", f'<?xml version="1.0" encoding="UTF-8"?>\n<ApexClass xmlns="{ns}"><apiVersion>66.0</apiVersion><status>Active</status></ApexClass>\n')
PY

status=0
for c in "${clients[@]}"; do
  case "$c" in
    jsforce)
      echo "== jsforce"
      npm install --silent --no-audit --no-fund --prefix "$work/js" jsforce@3 >/dev/null
      NODE_PATH="$work/js/node_modules" node "$here/jsforce-check.cjs" || status=1
      ;;
    simple-salesforce)
      echo "== simple-salesforce"
      python3 -m venv "$work/py"
      "$work/py/bin/pip" install --quiet simple-salesforce
      "$work/py/bin/python" "$here/simple_salesforce_check.py" || status=1
      ;;
    *) echo "unknown client $c (jsforce, simple-salesforce)"; status=2 ;;
  esac
done
exit $status
