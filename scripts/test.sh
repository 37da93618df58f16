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
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$1" >/dev/null
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

echo "== type check"
npm run --silent typecheck
echo "== lint"
npm run --silent lint
echo "== audit (production dependencies)"
npm run --silent audit
echo "== unit tests (Vitest, Node, real tfjs)"
npm run --silent test:unit
echo "== build"
npm run --silent build
echo "== browser tests (Playwright + $($CHROMIUM --version 2>/dev/null || echo chromium))"
npm run --silent test:e2e
