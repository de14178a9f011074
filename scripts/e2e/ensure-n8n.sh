#!/usr/bin/env bash
# Installs real n8n once into a cache folder and prints the path of a launcher that runs it with
# the Node.js its line needs.   Usage: scripts/e2e/ensure-n8n.sh [LINE]   (LINE: 1 or 2, default 1)
#
#   line 1: n8n 1.123.81 on this machine's Node.js (20).
#   line 2: n8n 2.41.1 on Node.js 24 (n8n 2.x declares engines.node >= 24). Node 24 comes from the
#           npm registry as the plain package node-linux-<arch> (the binary and its headers; the
#           `node` package would fetch the same package from a preinstall script).
#           2.41.1 is the newest 2.x whose whole dependency tree the registry here serves: the
#           latest, 2.41.3, fails with ETARGET (it needs @n8n/agents@0.26.2, not served).
#
# Facts (this registry, offline otherwise): n8n pins an xlsx tarball on a CDN that is not reachable,
# so xlsx is overridden to the registry's 0.18.5 (n8n's own dependency, not ours). Install scripts
# are skipped (isolated-vm cannot build on Node 20; on Node 24 its bundled prebuild is used), then
# sqlite3, whose prebuilt binary would come from GitHub, is compiled against the line's Node headers
# (or a same-version build of another cached line is reused, see below).
# Cold installs measured on this machine (2 shared cores, empty npm cache), one line at a time:
# line 1 5m42s (4 min npm install, 1m40s compiling sqlite3; 1.8 GB), line 2 7m14s (5 min npm
# install, 2 min compiling sqlite3; 3.1 GB), or about 5 min when it reuses line 1's sqlite3.
# jest's globalSetup (jestGlobalSetup.js) installs both lines side by side. Later runs find the
# `.complete` marker and only print the launcher.
# Override versions with N8N_E2E_VERSION (line 1) or N8N2_E2E_VERSION (line 2).
set -euo pipefail
line="${1:-${E2E_N8N:-1}}"
cache="${TEXTAI_CACHE_DIR:-$HOME/.cache/textai}"
case "$line" in 1 | 2) ;; *)
	echo "ensure-n8n.sh: unknown n8n line '$line' (use 1 or 2)" >&2
	exit 2
	;;
esac
mkdir -p "$cache"
# One install per line at a time (two test runs starting together wait for each other).
exec 9>"$cache/.ensure-n8n-$line.lock"
flock 9

case "$line" in
1)
	version="${N8N_E2E_VERSION:-1.123.81}"
	node_bin="$(command -v node)"
	node_dir=""
	;;
2)
	version="${N8N2_E2E_VERSION:-2.41.1}"
	node_version=24.21.0
	arch="$(node -p process.arch)"
	node_root="$cache/node-$node_version"
	node_dir="$node_root/node_modules/node-linux-$arch"
	node_bin="$node_dir/bin/node"
	if [ ! -x "$node_bin" ] || [ ! -f "$node_root/.complete" ]; then
		mkdir -p "$node_root"
		echo '{ "name": "textai-node-host", "private": true }' >"$node_root/package.json"
		echo "installing Node.js $node_version (node-linux-$arch) into $node_root" >&2
		(cd "$node_root" && npm install --no-audit --no-fund --ignore-scripts "node-linux-$arch@$node_version" >&2)
		touch "$node_root/.complete"
	fi
	;;
esac

root="$cache/n8n-$version"
launcher="$root/n8n"
if [ ! -f "$root/.complete" ]; then
	mkdir -p "$root"
	cd "$root"
	cat >package.json <<JSON
{ "name": "textai-n8n-host", "private": true, "overrides": { "xlsx": "0.18.5" } }
JSON
	echo "installing n8n@$version into $root (first run only, a few minutes)" >&2
	start=$SECONDS
	# npm runs under the line's Node.js, so that engine checks and native builds see it.
	PATH="$(dirname "$node_bin"):$PATH" npm install --no-audit --no-fund --ignore-scripts "n8n@$version" >&2
	# sqlite3 is an N-API addon: a binary built for one Node.js loads in later ones too. Reuse a
	# build of the same sqlite3 version from another cached n8n (compiling takes ~2 min here),
	# checked by opening a database with this line's Node.js; else compile it.
	sqlite_dir="$root/node_modules/sqlite3"
	sqlite_works() { "$node_bin" -e "new (require('$sqlite_dir').Database)(':memory:').close()" 2>/dev/null; }
	sqlite_version() { "$node_bin" -p "require('$1/package.json').version"; }
	for other in "$cache"/n8n-*/node_modules/sqlite3; do
		[ "$other" != "$sqlite_dir" ] && [ -f "$other/build/Release/node_sqlite3.node" ] || continue
		[ "$(sqlite_version "$other")" = "$(sqlite_version "$sqlite_dir")" ] || continue
		mkdir -p "$sqlite_dir/build/Release"
		cp "$other/build/Release/node_sqlite3.node" "$sqlite_dir/build/Release/"
		if sqlite_works; then
			echo "reusing the sqlite3 build of $other" >&2
			break
		fi
		rm -rf "$sqlite_dir/build"
	done
	if ! sqlite_works; then
		# --ignore-scripts=false: under `npm run test:e2e` npm hands the project's .npmrc down as
		# npm_config_ignore_scripts=true, which would turn this rebuild into a silent no-op.
		if [ -n "$node_dir" ]; then
			PATH="$(dirname "$node_bin"):$PATH" npm_config_nodedir="$node_dir" npm rebuild --ignore-scripts=false sqlite3 >&2
		else
			npm rebuild --ignore-scripts=false sqlite3 >&2
		fi
		sqlite_works || { echo "ensure-n8n.sh: sqlite3 does not load after the rebuild" >&2; exit 1; }
	fi
	echo "n8n@$version installed in $((SECONDS - start)) s" >&2
	touch .complete
fi
# The launcher pins the Node.js: n8n's bin script would otherwise run whatever `node` is on PATH.
cat >"$launcher.tmp" <<SH
#!/usr/bin/env bash
exec "$node_bin" "$root/node_modules/n8n/bin/n8n" "\$@"
SH
chmod +x "$launcher.tmp"
mv "$launcher.tmp" "$launcher"
echo "$launcher"
