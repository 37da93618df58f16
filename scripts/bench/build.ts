// Makes sure dist/ holds a build of the current sources before measuring it.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { MNIST_FILES } from '../../src/engine/data/mnist';

/** Inputs of `vite build`: a change in any of them makes dist/ stale. */
const INPUTS = ['src', 'public', 'index.html', 'vite.config.ts', 'package-lock.json'];

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const name of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, name)));
  return newest;
}

function run(cmd: string, args: string[]): void {
  // The table owns stdout; build chatter goes to stderr.
  execFileSync(cmd, args, { stdio: ['ignore', 2, 2] });
}

/** Prepares the data if missing and rebuilds dist/ if it is missing or older than its inputs. */
export function ensureBuild(log: (msg: string) => void): void {
  if (Object.values(MNIST_FILES).some((f) => !existsSync(join('public', 'data', 'mnist', f)))) {
    log('public/data is incomplete: running scripts/prepare-data.ts');
    run('npx', ['tsx', 'scripts/prepare-data.ts']);
  }
  const built = existsSync('dist/index.html') ? statSync('dist/index.html').mtimeMs : 0;
  const newest = Math.max(...INPUTS.map(newestMtime));
  if (built && built >= newest) return;
  log(built ? 'dist/ is older than the sources: running vite build' : 'dist/ is missing: running vite build');
  run('npx', ['vite', 'build']);
}
