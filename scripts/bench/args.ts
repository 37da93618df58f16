// Command-line flags of `npm run bench`.
import { MODEL_LABELS } from '../../src/shared/choices/models';
import type { BackendName, ModelKind } from '../../src/shared/protocol';
import { TTQ_TIMES } from './timeToQualityTable';

// A Record, so adding a backend to the protocol fails to compile here until it is listed.
const BACKEND_SET: Record<BackendName, true> = { wasm: true, webgl: true, webgpu: true, cpu: true };
export const ALL_BACKENDS = Object.keys(BACKEND_SET) as BackendName[];
export const ALL_MODELS = Object.keys(MODEL_LABELS) as ModelKind[];
/** What --quality trains unless --model says otherwise. */
export const QUALITY_MODELS: ModelKind[] = ['mlp', 'dcgan'];
/** --quality's training budgets: about 5 minutes each on an idle 2-core machine (MLP ~8,000 img/s, DCGAN-28 ~100, DCGAN-lite ~650, DCGAN (seed) ~27, batch 64). */
export const QUALITY_STEPS: Record<ModelKind, number> = { mlp: 30_000, dcgan: 500, 'dcgan-lite': 3_000, 'dcgan-seed': 120 };

export interface BenchArgs {
  models: ModelKind[];
  backends: BackendName[];
  /** Measurement window per cell, seconds. */
  seconds: number;
  /** Training time after the first step before the window opens, seconds. */
  warmup: number;
  /** Cap on a whole cell (page load, probe, first step, warm-up, window), seconds. */
  maxSeconds: number;
  digits: boolean;
  /** Seconds of training at which --digits saves the grid. */
  at: number[];
  /** Where --digits writes the PNGs. */
  imgDir: string;
  /** Before each cell, wait up to this long for other processes to go idle, seconds. */
  idleWait: number;
  /** Also write the raw results as JSON here. */
  json?: string;
  /** A git revision whose build runs the same cells beside this one (speed and --lab2d). */
  against?: string;
  /** Measure a window of this many steps instead of `seconds`. */
  steps?: number;
  /** Loss read-back intervals to measure (`?k=`); 'auto' is the app's adaptive choice. */
  k: (number | 'auto')[];
  /** --soak: a step count or a duration in seconds. */
  soak?: { steps?: number; seconds?: number };
  soakEvery: number;
  /** Skip the PyTorch and in-browser references. */
  noReference: boolean;
  /** Backends the in-browser reference runs on. */
  referenceBackends: BackendName[];
  quality: boolean;
  /** --main-thread: trace what training costs the page's main thread. */
  mainThread: boolean;
  /** --all-cores: the page's "Use all cores" on, so WASM's pool gets every core. */
  allCores: boolean;
  /** --node-webgpu: the engine's WebGPU backend in Node through Dawn, no browser. */
  nodeWebgpu: boolean;
  /** --time-to-quality: ganvas and PyTorch scored at the same seconds of training. */
  timeToQuality: boolean;
  /** --tasks: the applications' engines in Node on WASM, next to PyTorch. */
  tasks: boolean;
  /** --lab2d: the 2D lab's step in Node (both kernels, tfjs on WASM, PyTorch) and its page (redraws, steps/s, long tasks). */
  lab2d: boolean;
  /** --tasks: longest each task trains waiting for its view to look right, seconds. */
  taskBudget: number;
  /** --tasks: seconds the conditional MLP trains before the augmentation study. */
  ganSeconds: number;
  /** --time-to-quality: PyTorch's threads. */
  torchThreads: number;
  /** --quality: steps to train each model for. */
  qualitySteps: Record<ModelKind, number>;
}

export const USAGE = `usage: npm run bench -- [flags]

Measures training speed of the built app in headless Chromium, one fresh
browser per model x backend cell, next to two references on the same machine:
the same models in PyTorch on the CPU (Debian python3-torch + OpenBLAS, installed
with apt when missing) and in plain tfjs Layers (trainOnBatch), as other in-browser
GAN demos train, on WebGL and on WASM. Prints one Markdown table to stdout.

  --model LIST        models, comma-separated (default ${ALL_MODELS.join(',')})
  --backend LIST      backends, comma-separated (default ${ALL_BACKENDS.join(',')})
  --seconds N         measurement window per cell (default 10)
  --steps N           instead: a window of N steps per cell
  --k LIST            loss read-back every k steps, e.g. 1,10: one cell per k
                      (default auto: the app's adaptive choice)
  --warmup N          training after the first step before the window (default 3)
  --max-seconds N     cap per cell, from launch to the end of the window;
                      a cell that hits it is reported as 'timeout' (default 120)
  --idle-wait N       before each cell, wait up to N s until other processes use
                      < 0.25 cores (0: never wait; default 180)
  --json FILE         also write the raw results as JSON
  --against REV       also build git revision REV (in .bench/against/) and run
                      every speed cell (and --lab2d's page) on it too, in
                      alternating order, with a table of this build vs REV
  --no-reference      skip the PyTorch (CPU) and plain-tfjs (in-browser) references
  --reference-backend LIST
                      backends for the plain-tfjs reference (default webgl,wasm)
  --digits            instead: train the default MLP on the auto-chosen backend
                      and save the sample grid at --at seconds of training
  --at LIST           seconds for --digits (default 15,30,60,120,180)
  --img-dir DIR       where --digits and --quality write PNGs (default docs/img)
  --soak N|DURATION   instead: train --model (first; default mlp) for N steps or a
                      duration (90s, 30m, 2h) on the app's backend (or the first
                      --backend given) and report tensors and heap after GC
  --soak-every N      seconds between soak readings (default 10)
  --quality           instead: train --model (default ${QUALITY_MODELS.join(',')}) from a fixed
                      seed on the app's backend for a fixed number of steps, and
                      print the app's quality evaluations (FD, classifier score,
                      classes covered) over training; the final grids go to
                      --img-dir as quality-<model>.png
  --main-thread       instead: train --model (default mlp,dcgan) on the app's
                      backend and trace the page's main thread in --seconds
                      windows (3 each): work per frame and per task, and the
                      tasks over 50 ms by wall clock and by their own CPU time
  --node-webgpu       instead: train --model (default all) with the engine's
                      WebGPU backend in Node through Dawn (the webgpu package),
                      on the adapter it finds (Chromium's SwiftShader when the
                      system has none, said so), and print img/s per model and
                      the adapter's name; no browser, no references
  --time-to-quality   instead: train --model (default ${QUALITY_MODELS.join(',')}) in the app and
                      with its exported PyTorch recipe (same settings and seed)
                      for the same wall time, and score both with the app's
                      classifier at ${Object.entries(TTQ_TIMES)
                        .filter(([m]) => QUALITY_MODELS.includes(m as ModelKind))
                        .map(([m, t]) => `${m} ${t.join('/')} s`)
                        .join(', ')}
  --tasks             instead: the applications (super-resolution x4, sketch to
                      digit, domain transfer digits <-> clothes) trained by the
                      engine on tfjs's WASM backend in Node: steps/s over
                      --seconds next to the same networks in PyTorch, and the
                      training time until each task's view looks right (PSNR
                      above bicubic's; 7 of 10 test sketches recognised; the
                      held-out cycle loss halved), looked at every 10 s; then
                      the augmentation study with a conditional MLP trained
                      for --gan-seconds (default 60)
  --lab2d             instead: the 2D lab's default step (ring, 2-32-32 MLPs,
                      batch 256) for --seconds in Node on the lab's WASM SIMD
                      kernel, its JS kernel and tfjs on WASM, next to PyTorch
                      on 1 thread; the heatmap's cost; then the built page
                      training for --seconds: canvas redraws/s, steps/s and
                      main-thread tasks over 50 ms
  --task-budget N     --tasks: longest a task trains for its goal (default 300)
  --all-cores         the page's "Use all cores" on (WASM's pool gets every
                      core, not all but one); in the speed table PyTorch then
                      uses every core too, for the ratio at equal threads
  --torch-threads N   PyTorch's threads for --time-to-quality (default 1, as
                      the app's WASM uses one thread on a 2-core machine)
  --quality-steps L   budgets, e.g. mlp=2000,dcgan=100 (default ${Object.entries(QUALITY_STEPS)
    .map(([m, n]) => `${m}=${n}`)
    .join(',')})
  --help              this text`;

/** "10000" (steps) or "90s" / "30m" / "2h" (a duration). */
function soakLength(value: string): { steps?: number; seconds?: number } {
  const m = value.trim().match(/^(\d+(?:\.\d+)?)(s|m|h)?$/);
  if (!m) throw new Error(`--soak: expected a step count or a duration like 30m, got '${value}'`);
  const n = Number(m[1]);
  if (!m[2]) return { steps: Math.round(n) };
  return { seconds: n * { s: 1, m: 60, h: 3600 }[m[2] as 's' | 'm' | 'h'] };
}

/** "mlp=2000,dcgan=100": steps per model, over `defaults`. */
function modelSteps(value: string, defaults: Record<ModelKind, number>): Record<ModelKind, number> {
  const out = { ...defaults };
  for (const item of value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const [model, n] = item.split('=');
    if (!ALL_MODELS.includes(model as ModelKind) || n === undefined)
      throw new Error(`--quality-steps: expected model=steps with a model from ${ALL_MODELS.join(', ')}, got '${item}'`);
    out[model as ModelKind] = Math.round(positive('--quality-steps', n));
  }
  return out;
}

function list<T extends string>(flag: string, value: string, allowed: readonly T[]): T[] {
  const items = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const bad = items.filter((s) => !allowed.includes(s as T));
  if (!items.length || bad.length) throw new Error(`${flag}: unknown ${bad.join(', ') || '(empty)'}; choose from ${allowed.join(', ')}`);
  return [...new Set(items)] as T[];
}

function positive(flag: string, value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${flag} must be a number > 0, got '${value}'`);
  return n;
}

export function parseArgs(argv: string[]): BenchArgs | 'help' {
  const a: BenchArgs = {
    models: ALL_MODELS,
    backends: ALL_BACKENDS,
    seconds: 10,
    warmup: 3,
    maxSeconds: 120,
    idleWait: 180,
    digits: false,
    at: [15, 30, 60, 120, 180],
    imgDir: 'docs/img',
    k: ['auto'],
    soakEvery: 10,
    noReference: false,
    referenceBackends: ['webgl', 'wasm'],
    quality: false,
    mainThread: false,
    allCores: false,
    nodeWebgpu: false,
    timeToQuality: false,
    tasks: false,
    lab2d: false,
    taskBudget: 300,
    ganSeconds: 60,
    torchThreads: 1,
    qualitySteps: QUALITY_STEPS,
  };
  let modelsGiven = false;
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2);
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '--model':
      case '--models':
        a.models = list(flag, value(), ALL_MODELS);
        modelsGiven = true;
        break;
      case '--backend':
      case '--backends':
        a.backends = list(flag, value(), ALL_BACKENDS);
        break;
      case '--seconds':
        a.seconds = positive(flag, value());
        break;
      case '--warmup':
        a.warmup = Number(value());
        if (!Number.isFinite(a.warmup) || a.warmup < 0) throw new Error('--warmup must be a number >= 0');
        break;
      case '--max-seconds':
        a.maxSeconds = positive(flag, value());
        break;
      case '--idle-wait':
        a.idleWait = Number(value());
        if (!Number.isFinite(a.idleWait) || a.idleWait < 0) throw new Error('--idle-wait must be a number >= 0');
        break;
      case '--steps':
        a.steps = Math.round(positive(flag, value()));
        break;
      case '--k':
        a.k = value()
          .split(',')
          .map((s) => (s.trim() === 'auto' ? 'auto' : Math.round(positive('--k', s))));
        break;
      case '--soak':
        a.soak = soakLength(value());
        break;
      case '--soak-every':
        a.soakEvery = positive(flag, value());
        break;
      case '--no-reference':
        a.noReference = true;
        break;
      case '--reference-backend':
      case '--reference-backends':
        a.referenceBackends = list(flag, value(), ALL_BACKENDS);
        break;
      case '--json':
        a.json = value();
        break;
      case '--against':
        a.against = value();
        break;
      case '--digits':
        a.digits = true;
        break;
      case '--at':
        a.at = value()
          .split(',')
          .map((s) => positive('--at', s))
          .sort((x, y) => x - y);
        break;
      case '--img-dir':
        a.imgDir = value();
        break;
      case '--quality':
        a.quality = true;
        break;
      case '--main-thread':
        a.mainThread = true;
        break;
      case '--all-cores':
        a.allCores = true;
        break;
      case '--node-webgpu':
        a.nodeWebgpu = true;
        break;
      case '--time-to-quality':
        a.timeToQuality = true;
        break;
      case '--tasks':
        a.tasks = true;
        break;
      case '--lab2d':
        a.lab2d = true;
        break;
      case '--task-budget':
        a.taskBudget = positive(flag, value());
        break;
      case '--gan-seconds':
        a.ganSeconds = positive(flag, value());
        break;
      case '--torch-threads':
        a.torchThreads = Math.round(positive(flag, value()));
        break;
      case '--quality-steps':
        a.qualitySteps = modelSteps(value(), a.qualitySteps);
        break;
      case '--help':
      case '-h':
        return 'help';
      default:
        throw new Error(`unknown flag '${argv[i]}'`);
    }
  }
  if ((a.quality || a.mainThread || a.timeToQuality) && !modelsGiven) a.models = QUALITY_MODELS;
  return a;
}
