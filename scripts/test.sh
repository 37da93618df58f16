#!/usr/bin/env bash
# Every test: types, lint, engine unit tests (Node), then the built app in
# Debian's Chromium. Installs what it needs, or stops with a clear message.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x node_modules/.bin/vite ]; then
  echo "== installing npm dependencies (npm ci)"
  npm ci --no-audit --no-fund
fi

# Installs a Debian package as root, or stops saying how to: apt_need PACKAGE WHAT-FOR [HINT].
apt_need() {
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "== installing $1 for $2"
    apt-get update -qq
    # $1 unquoted: it may name several packages
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $1 >/dev/null
  else
    echo "ERROR: $2 needs $1: sudo apt-get install -y $1${3:+ ($3)}." >&2
    exit 1
  fi
}

CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
[ -x "$CHROMIUM" ] || apt_need chromium "the browser tests" "or set CHROMIUM_PATH"

# The WebGPU backend in Node (bench --node-webgpu, test/unit/nodeWebgpu.test.ts) loads Vulkan
# through Dawn; Debian's Chromium brings the SwiftShader driver but not the loader library.
ldconfig -p | grep -q 'libvulkan\.so\.1 ' || apt_need libvulkan1 "the WebGPU-in-Node test"

# The recipe tests train with Debian's PyTorch (and OpenBLAS, without which it is ~10x slower).
# Installed here, once: several test workers asking apt at the same time lose on its lock.
if ! { /usr/bin/python3 -c 'import torch' 2>/dev/null && dpkg -s libopenblas0-openmp >/dev/null 2>&1; }; then
  apt_need "python3-torch libopenblas0-openmp" "the PyTorch recipe tests"
fi

# What the tree holds before the tests: they must leave it exactly so (no test writes a tracked
# file; docs pictures come from `npm run shots`). Status, then the content of changed and new files.
tree_state() {
  git rev-parse --is-inside-work-tree >/dev/null 2>&1 || return 0
  git status --porcelain=v1 --untracked-files=all
  git status --porcelain=v1 -z --untracked-files=all | tr '\0' '\n' | cut -c4- | while IFS= read -r f; do
    [ -f "$f" ] && sha256sum "$f"
  done
}
before_tests=$(tree_state)

# Runs one stage and says how long it took; the durations are summed up at the end.
timings=""
started=$SECONDS
stage() {
  local name=$1 t0=$SECONDS
  shift
  echo "== $name"
  "$@"
  local took=$((SECONDS - t0))
  echo "-- $name: ${took} s"
  timings="$timings$(printf '%-40s %5d s' "$name" "$took")\n"
}

stage "type check" npm run --silent typecheck
stage "lint" npm run --silent lint
stage "format (Prettier; npm run format fixes it)" npm run --silent format:check
stage "audit (production dependencies)" npm run --silent audit
stage "unit tests (Vitest, Node, real tfjs)" npm run --silent test:unit
stage "build" npm run --silent build
stage "browser tests (Playwright + $($CHROMIUM --version 2>/dev/null || echo chromium))" npm run --silent test:e2e

after_tests=$(tree_state)
if [ "$before_tests" != "$after_tests" ]; then
  echo "ERROR: the tests changed the working tree (a test must write no tracked file; pictures come from npm run shots):" >&2
  diff <(echo "$before_tests") <(echo "$after_tests") >&2 || true
  exit 1
fi
printf '\n== durations\n%b%-40s %5d s\n' "$timings" "all" "$((SECONDS - started))"
