#!/usr/bin/env bash
# Installs real n8n once into a cache folder and prints the path of its `n8n` binary.
# Facts (node 20, this registry): n8n pins an xlsx tarball on a CDN that is not reachable, so xlsx is
# overridden to the registry's 0.18.5 (n8n's own dependency, not ours); scripts are skipped because
# isolated-vm needs node >= 22; sqlite3 is then rebuilt. Set N8N_E2E_VERSION to try another version.
set -euo pipefail
version="${N8N_E2E_VERSION:-1.123.81}"
root="${TEXTAI_CACHE_DIR:-$HOME/.cache/textai}/n8n-$version"
bin="$root/node_modules/.bin/n8n"
if [ -x "$bin" ] && [ -f "$root/.complete" ]; then echo "$bin"; exit 0; fi
mkdir -p "$root"
cd "$root"
cat > package.json <<JSON
{ "name": "textai-n8n-host", "private": true, "overrides": { "xlsx": "0.18.5" } }
JSON
echo "installing n8n@$version into $root (first run only, about 2 minutes)" >&2
npm install --no-audit --no-fund --ignore-scripts "n8n@$version" >&2
npm rebuild sqlite3 >&2
touch .complete
echo "$bin"
