#!/usr/bin/env bash
# Every test: types, lint, engine unit tests (Node), then the built app in
# Debian's Chromium. Installs what it needs, or stops with a clear message.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x node_modules/.bin/vite ]; then
  echo "== installing npm dependencies (npm ci)"
  npm ci --no-audit --no-fund
fi

CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ ! -x "$CHROMIUM" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "== installing Debian's chromium for the browser tests"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "ERROR: the browser tests need Chromium at $CHROMIUM." >&2
    echo "       Install it with: sudo apt-get install -y chromium (or set CHROMIUM_PATH)." >&2
    exit 1
  fi
fi

# The WebGPU backend in Node (bench --node-webgpu, test/unit/nodeWebgpu.test.ts) loads Vulkan
# through Dawn; Debian's Chromium brings the SwiftShader driver but not the loader library.
if ! ldconfig -p | grep -q 'libvulkan\.so\.1 '; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "== installing the Vulkan loader (libvulkan1) for the WebGPU-in-Node test"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libvulkan1 >/dev/null
  else
    echo "ERROR: the WebGPU-in-Node test needs the Vulkan loader: sudo apt-get install -y libvulkan1" >&2
    exit 1
  fi
fi

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
