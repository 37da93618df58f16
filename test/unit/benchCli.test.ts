// `npm run bench` loads every mode's code before it parses its flags: one import
// Node cannot load (a Vite-only `?raw`) broke every mode at once.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

describe('npm run bench', () => {
  it('starts and prints its flags', () => {
    const out = execFileSync('npm', ['run', '--silent', 'bench', '--', '--help'], { encoding: 'utf8', timeout: 60_000 });
    expect(out).toMatch(/^usage: npm run bench/);
    expect(out).toMatch(/--time-to-quality/);
    expect(out).toMatch(/--node-webgpu/);
    expect(out).toMatch(/--tasks/);
    expect(out).toMatch(/--against REV/);
  });
});
