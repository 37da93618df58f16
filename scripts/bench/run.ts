// Training-speed benchmark of the real app (built, in headless Chromium, in
// its worker) for each model x backend. `npm run bench -- --help` for flags.
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { startPreview } from '../browser';
import { parseArgs, USAGE } from './args';
import { ensureBuild } from './build';
import { Pairs, startAgainst } from './against';
import { runCell, type CellResult } from './cell';
import { waitForIdle } from './cpu';
import { runDigits } from './digits';
import { runQuality } from './quality';
import { formatQualityRun, type QualityRun } from './qualityTable';
import { runSoak } from './soak';
import { runMainThread } from './mainThread';
import { formatTtqRun } from './timeToQualityTable';
import { describeMachine, machineInfo } from './machine';
import { runReference, type ReferenceResult } from './reference';
import { formatTable } from './table';
import { ensureTorch, runTorchBaseline, type TorchResult } from './torch';
import { defaultConfig } from '../../src/shared/hyperparams';
import { messageOf } from '../../src/shared/errors';

/** The app's default batch, which the references use too. */
const BATCH = defaultConfig('mlp').batchSize;

const log = (msg: string): void => void process.stderr.write(`[bench] ${msg}\n`);

let args: ReturnType<typeof parseArgs>;
try {
  args = parseArgs(process.argv.slice(2));
} catch (e) {
  console.error(`${messageOf(e)}\n\n${USAGE}`);
  process.exit(2);
}
if (args === 'help') {
  console.log(USAGE);
  process.exit(0);
}

const machine = machineInfo();
log(describeMachine(machine));
if (machine.load1 > 0.5) log(`warning: load average ${machine.load1.toFixed(2)}: other work on this machine will lower the numbers`);
if (args.nodeWebgpu) {
  // Imported only here: it loads Dawn's native module, which the other modes never need.
  const { runNodeWebgpu } = await import('./nodeWebgpu');
  console.log(`${describeMachine(machine)}\n`);
  const found = await runNodeWebgpu({ models: args.models, seconds: args.seconds, warmup: args.warmup }, log);
  process.exit(found ? 0 : 3);
}
if (args.tasks) {
  // Imported only here: it loads tfjs and its WASM backend in Node, which the browser modes never need.
  const { runTasks } = await import('./tasks');
  // The app's copies of the data sets (public/data), which the tasks read as the worker does.
  await import('../prepare-data');
  ensureTorch(log);
  console.log(`${describeMachine(machine)}\n`);
  console.log(await runTasks({ seconds: args.seconds, warmup: args.warmup, budget: args.taskBudget, ganSeconds: args.ganSeconds }, log));
  console.log(
    `load average at the end: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(', ')}`,
  );
  process.exit(0);
}
ensureBuild(log);
const app = await startPreview();
const pairs = new Pairs(app.url, args.against ? await startAgainst(args.against, log) : null);
if (args.lab2d) {
  // Imported only here: it loads tfjs and its WASM backend in Node, which the browser modes never need.
  const { formatLab2d, runLab2dNode, runLab2dPage } = await import('./lab2d');
  ensureTorch(log);
  if (args.idleWait > 0) await waitForIdle(args.idleWait, log);
  console.log(`${describeMachine(machine)}\n`);
  try {
    const node = await runLab2dNode(args.seconds, log);
    // One page run is noisy beside another build: three alternating rounds when comparing.
    const rounds = pairs.against ? 3 : 1;
    const pageRound = (i: number) =>
      pairs.measure(
        `2D lab page, round ${i}`,
        'steps/s',
        (url) => runLab2dPage(url, args.seconds),
        (r) => r.stepsPerSec,
      );
    let page = await pageRound(1);
    for (let i = 2; i <= rounds; i++) page = await pageRound(i);
    console.log(formatLab2d(node, page));
    console.log(pairs.table());
  } finally {
    await app.stop();
    await pairs.against?.app.stop();
  }
  process.exit(0);
}
const stop = (): void => {
  void Promise.all([app.stop(), pairs.against?.app.stop()]).finally(() => process.exit(130));
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);

try {
  if (args.digits) {
    if (args.idleWait > 0) await waitForIdle(args.idleWait, log);
    await runDigits({ url: app.url, at: args.at, imgDir: args.imgDir }, log);
  } else if (args.quality) {
    const runs: QualityRun[] = [];
    // What the real test images score with the same classifier: the table's last row.
    const realScore = (JSON.parse(readFileSync('public/models/mnist/stats.json', 'utf8')) as { testScore: number }).testScore;
    console.log(`${describeMachine(machine)}
`);
    for (const model of args.models) {
      if (args.idleWait > 0) await waitForIdle(args.idleWait, log);
      const run = await runQuality({ url: app.url, model, steps: args.qualitySteps[model], imgDir: args.imgDir }, log);
      console.log(`${formatQualityRun(run, realScore)}
`);
      runs.push(run);
    }
    console.log(
      `load average at the end: ${loadavg()
        .map((l) => l.toFixed(2))
        .join(', ')}`,
    );
    if (args.json) {
      writeFileSync(args.json, JSON.stringify({ argv: process.argv.slice(2), machine, runs }, null, 2) + '\n');
      log(`raw results in ${args.json}`);
    }
  } else if (args.timeToQuality) {
    // Imported only here: it loads tfjs and its WASM backend in Node, which the other modes never need.
    const { runTimeToQuality } = await import('./timeToQuality');
    ensureTorch(log);
    console.log(`${describeMachine(machine)}\n`);
    for (const model of args.models) {
      if (args.idleWait > 0) await waitForIdle(args.idleWait, log);
      const run = await runTimeToQuality({ url: app.url, model, torchThreads: args.torchThreads, allCores: args.allCores }, log);
      console.log(`${formatTtqRun(run)}\n`);
    }
    console.log(
      `load average at the end: ${loadavg()
        .map((l) => l.toFixed(2))
        .join(', ')}`,
    );
  } else if (args.mainThread) {
    if (args.idleWait > 0) await waitForIdle(args.idleWait, log);
    console.log(`${describeMachine(machine)}\n`);
    await runMainThread({ url: app.url, models: args.models, windows: 3, seconds: args.seconds, allCores: args.allCores }, log);
  } else if (args.soak) {
    if (args.idleWait > 0) await waitForIdle(args.idleWait, log);
    const forced = process.argv.some((a) => a.startsWith('--backend'));
    const flat = await runSoak(
      { url: app.url, model: args.models[0], backend: forced ? args.backends[0] : undefined, ...args.soak, every: args.soakEvery },
      log,
    );
    if (!flat) process.exitCode = 1;
  } else {
    const results: CellResult[] = [];
    const started = new Date();
    const torch: TorchResult[] = [];
    const reference: ReferenceResult[] = [];
    if (!args.noReference) {
      ensureTorch(log);
      if (args.idleWait > 0) await waitForIdle(args.idleWait, log);
      log(`PyTorch reference: ${args.models.join(', ')}`);
      torch.push(
        ...(await runTorchBaseline(
          args.models,
          { batch: BATCH, seconds: args.seconds, warmup: args.warmup, threads: args.allCores ? cpus().length : undefined },
          log,
        )),
      );
      for (const model of args.models) {
        for (const backend of args.referenceBackends) {
          const tag = `${model}/reference/${backend}`;
          if (args.idleWait > 0) await waitForIdle(args.idleWait, log);
          log(`${tag}: in-browser reference (tfjs Layers on ${backend})`);
          const r = await runReference(model, backend, { seconds: args.seconds, warmup: args.warmup, maxSeconds: args.maxSeconds }, (m) => log(`${tag}: ${m}`));
          log(`${tag}: ${r.status}${r.imgPerSec !== null ? `, ${r.imgPerSec.toFixed(1)} img/s` : ''}`);
          reference.push(r);
        }
      }
    }
    for (const model of args.models) {
      for (const backend of args.backends) {
        for (const k of args.k) {
          const tag = `${model}/${backend}${k === 'auto' ? '' : `/k=${k}`}`;
          if (args.idleWait > 0) await waitForIdle(args.idleWait, log);
          log(`${tag}: start (cap ${args.maxSeconds} s)`);
          const options = {
            url: app.url,
            seconds: args.seconds,
            steps: args.steps,
            k,
            warmup: args.warmup,
            maxSeconds: args.maxSeconds,
            allCores: args.allCores,
          };
          const r = await pairs.measure(
            tag,
            'img/s',
            (url) => runCell(model, backend, { ...options, url }, (m) => log(`${tag}${url === app.url ? '' : ` (${args.against})`}: ${m}`)),
            (c) => c.imgPerSec,
          );
          log(`${tag}: ${r.status}${r.imgPerSec !== null ? `, ${r.imgPerSec.toFixed(1)} img/s` : ''}${r.notes.length ? ` (${r.notes.join('; ')})` : ''}`);
          results.push(r);
        }
      }
    }
    console.log(formatTable({ results, torch, reference }));
    console.log(pairs.table());
    if (args.json) {
      const out = {
        started: started.toISOString(),
        finished: new Date().toISOString(),
        argv: process.argv.slice(2),
        machine,
        options: args,
        torch,
        reference,
        results,
        against: pairs.against ? { revision: pairs.against.label, rows: pairs.rows } : undefined,
      };
      writeFileSync(args.json, JSON.stringify(out, null, 2) + '\n');
      log(`raw results in ${args.json}`);
    }
  }
} finally {
  process.off('SIGINT', stop);
  process.off('SIGTERM', stop);
  await app.stop();
  await pairs.against?.app.stop();
}
