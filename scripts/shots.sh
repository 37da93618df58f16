#!/usr/bin/env bash
# The pictures in docs/img, taken anew from the built app. This is the only thing that writes
# there: `npm test` writes no tracked file. Look at the pictures before committing them.
# Usage: npm run shots [-- SET...], SET one of: explain inside tour tasks lab2d (default: all).
set -euo pipefail
cd "$(dirname "$0")/.."
sets=("${@:-explain inside tour tasks lab2d}")
read -r -a sets <<<"${sets[*]}"

npm run --silent build
for set in "${sets[@]}"; do
  echo "== pictures: $set"
  case "$set" in
    # The explanation and inside views come from their browser tests, which take the pictures
    # at the states they check when GANVAS_SHOTS names a folder.
    explain | inside) GANVAS_SHOTS=docs/img node --import tsx --test "test/e2e/$set.test.ts" ;;
    tour) npx tsx scripts/tourShots.ts ;;
    tasks) npx tsx scripts/taskShots.ts ;;
    lab2d) npx tsx scripts/lab2dShots.ts ;;
    *) echo "unknown set '$set' (explain, inside, tour, tasks, lab2d)" >&2 && exit 2 ;;
  esac
done
git status --short docs/img 2>/dev/null || true
