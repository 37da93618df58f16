import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve(import.meta.dirname, '../../src');
// Value imports only: `import type` and `import { type X }` vanish from the bundle.
const IMPORT = /^import\s+(?!type\s)([^;]*?)\s+from\s+'([^']+)'/gm;

function resolveModule(from: string, spec: string): string | null {
  const base = resolve(dirname(from), spec);
  return ['.ts', '.tsx', '/index.ts'].map((ext) => base + ext).find(existsSync) ?? null;
}

/** Every chain of value imports from `entry` that reaches TensorFlow.js. */
function pathsToTfjs(entry: string): string[] {
  const seen = new Set<string>();
  const found: string[] = [];
  const walk = (file: string, path: string[]) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const [, what, spec] of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      const names = what.trim();
      if (
        names.startsWith('{') &&
        names
          .slice(1, -1)
          .split(',')
          .every((n) => !n.trim() || n.trim().startsWith('type '))
      )
        continue;
      const chain = [...path, file].map((f) => relative(SRC, f));
      if (spec.startsWith('@tensorflow/')) found.push(`${chain.join(' -> ')} => ${spec}`);
      const next = spec.startsWith('.') ? resolveModule(file, spec) : null;
      if (next) walk(next, [...path, file]);
    }
  };
  walk(join(SRC, entry), []);
  return found;
}

describe('what loads where', () => {
  // tfjs on the page would add ~900 kB to the first load, and its WASM probe breaks the page's CSP.
  // The loop gets what needs tfjs as services (engine/session/services.ts), so the 2D lab can run on it too.
  it.each(['main.tsx', 'worker/saver.worker.ts', 'worker/lab2d.worker.ts', 'engine/loop/loop.ts'])('%s never imports TensorFlow.js', (entry) => {
    expect(pathsToTfjs(entry)).toEqual([]);
  });

  it('the training worker does (the check finds imports at all)', () => {
    expect(pathsToTfjs('worker/trainer.worker.ts').length).toBeGreaterThan(0);
  });
});
