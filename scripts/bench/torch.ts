// The PyTorch (CPU) reference: Debian's python3-torch running the same models
// and step as the engine (torch_baseline.py), so the table can say how far the
// browser is from a native framework on the same machine.
import { execFileSync, spawn } from 'node:child_process';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { ModelKind } from '../../src/shared/protocol';

const PYTHON = '/usr/bin/python3';
const SCRIPT = fileURLToPath(new URL('./torch_baseline.py', import.meta.url));
const PACKAGES = ['python3-torch', 'libopenblas0-openmp'];
/** Without it Debian's torch falls back to reference BLAS, about 10x slower. */
const OPENBLAS = 'libopenblas0-openmp';

export interface TorchResult {
  model: ModelKind;
  imgPerSec: number;
  msPerStep: number;
  /** Mean D and G step time in the window (torch on CPU is synchronous). */
  dMs: number;
  gMs: number;
  firstStepSec: number;
  steps: number;
  batch: number;
  /** torch.get_num_threads(); Debian's build defaults to half the logical CPUs. */
  threads: number;
  /** Cores' worth of CPU the python process used in the window. */
  cpuCores: number;
  /** Path of the BLAS library mapped into the python process. */
  blas: string;
  torch: string;
  data: 'mnist' | 'random';
  /** Set when the numbers are not a fair reference (e.g. not OpenBLAS). */
  warning?: string;
}

function succeeds(cmd: string, args: string[]): boolean {
  try {
    execFileSync(cmd, args, { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function missingPackages(): string[] {
  const missing: string[] = [];
  if (!succeeds(PYTHON, ['-c', 'import torch'])) missing.push('python3-torch');
  if (!succeeds('dpkg', ['-s', OPENBLAS])) missing.push(OPENBLAS);
  return missing;
}

/** Installs python3-torch and OpenBLAS with apt when missing and we are root; throws otherwise. */
export function ensureTorch(log: (m: string) => void): void {
  const missing = missingPackages();
  if (!missing.length) return;
  const hint = `the PyTorch reference needs ${missing.join(' and ')}: run \`sudo apt-get install -y ${PACKAGES.join(' ')}\` (or pass --no-reference)`;
  if (process.getuid?.() !== 0) throw new Error(`not root, cannot install: ${hint}`);
  log(`installing ${PACKAGES.join(' ')} with apt-get (missing: ${missing.join(', ')}); python3-torch is large`);
  try {
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    execFileSync('apt-get', ['update'], { stdio: ['ignore', 'ignore', 'inherit'], env });
    execFileSync('apt-get', ['install', '-y', ...PACKAGES], { stdio: ['ignore', 'ignore', 'inherit'], env });
  } catch (e) {
    throw new Error(`apt-get failed: ${hint}`, { cause: e });
  }
  const still = missingPackages();
  if (still.length) throw new Error(`still missing after apt-get: ${still.join(', ')}: ${hint}`);
  log('installed');
}

export interface TorchOptions {
  batch: number;
  /** Measurement window per model, seconds. */
  seconds: number;
  /** Training after the first step before the window, seconds. */
  warmup: number;
  /** torch.set_num_threads; omitted: torch's own default. */
  threads?: number;
}

/** Trains each model in python for warm-up + `seconds`; one result per model. */
export function runTorchBaseline(models: ModelKind[], opts: TorchOptions, log: (m: string) => void): Promise<TorchResult[]> {
  const args = [SCRIPT, '--model', models.join(','), '--batch', String(opts.batch), '--seconds', String(opts.seconds), '--warmup', String(opts.warmup)];
  if (opts.threads) args.push('--threads', String(opts.threads));
  return new Promise((resolve, reject) => {
    const child = spawn(PYTHON, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const results: TorchResult[] = [];
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      const lines = stdout.split('\n');
      stdout = lines.pop() ?? '';
      for (const line of lines) if (line.trim()) results.push(withWarning(JSON.parse(line) as TorchResult));
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
      for (const line of chunk.split('\n')) if (line.trim()) log(`torch: ${line}`);
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0 && results.length === models.length) return resolve(results);
      const tail = stderr.trim().split('\n').slice(-15).join('\n');
      reject(new Error(`${PYTHON} torch_baseline.py exited with ${code} after ${results.length}/${models.length} models:\n${tail}`));
    });
  });
}

function withWarning(r: TorchResult): TorchResult {
  const warnings: string[] = [];
  if (!/openblas/i.test(r.blas)) warnings.push(`torch used ${r.blas}, not OpenBLAS: expect ~10x slower matmuls (install ${OPENBLAS})`);
  const cores = cpus().length;
  if (r.threads < cores) warnings.push(`torch used ${r.threads} of ${cores} cores (its default here)`);
  return warnings.length ? { ...r, warning: warnings.join('; ') } : r;
}
