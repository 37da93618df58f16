// The Markdown table printed to stdout: per model, the PyTorch (CPU) reference,
// the plain-tfjs in-browser reference on each backend, then the app on each
// backend, with the app's speed as a ratio to the references (the WebGL one,
// and the one on the app's own backend) and each row's optimizer updates per step.
import { defaultConfig } from '../../src/shared/hyperparams';
import type { ModelKind } from '../../src/shared/protocol';
import type { CellResult } from './cell';
import type { ReferenceResult } from './reference';
import type { TorchResult } from './torch';

export interface Report {
  results: CellResult[];
  torch: TorchResult[];
  reference: ReferenceResult[];
}

function num(x: number | null | undefined, digits?: number): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '–';
  const d = digits ?? (Math.abs(x) >= 100 ? 0 : Math.abs(x) >= 10 ? 1 : 2);
  return x.toFixed(d);
}

function cellText(s: string, max = 200): string {
  const t = s.replace(/\s+/g, ' ').replace(/\|/g, '\\|').trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

const split = (ms: number | null, d: number | null, g: number | null): string =>
  `${num(ms, 1)}${d !== null && g !== null ? ` (${num(d, 1)} / ${num(g, 1)})` : ''}`;
const ratio = (a: number | null, b: number | null | undefined): string => (a && b ? `${(a / b).toFixed(a / b >= 10 ? 0 : 2)}x` : '–');

function heap(r: CellResult): string {
  if (!r.heap) return '–';
  const buffers = r.heap.workerBuffersMB === null ? '' : ` (+${num(r.heap.workerBuffersMB, 0)})`;
  return `${num(r.heap.pageMB, 0)} / ${num(r.heap.workerMB, 0)}${buffers}`;
}

function note(r: CellResult): string {
  const cpu = r.cpu ? `CPU ${r.cpu.benchCores.toFixed(1)} cores (other ${r.cpu.otherCores.toFixed(1)})` : '';
  const parts = [...(r.status === 'ok' ? [] : [r.status]), cpu, ...r.notes];
  return cellText(parts.filter(Boolean).join('; '));
}

const HEADER = [
  'model',
  'runs',
  'backend / device',
  'updates/step',
  'img/s',
  '× PyTorch',
  '× in-browser ref',
  '× ref same backend',
  'ms/step (D / G)',
  'first step s',
  'peak tensors',
  'heap MB page / worker (+buffers)',
  'k',
  'note',
];

/** The in-browser reference to compare against: the WebGL one (what other tools use), else the fastest that ran. */
function browserRef(reference: ReferenceResult[], model: ModelKind): ReferenceResult | undefined {
  const ok = reference.filter((r) => r.model === model && r.status === 'ok' && r.imgPerSec);
  return ok.find((r) => r.backend === 'webgl') ?? ok.sort((a, b) => (b.imgPerSec ?? 0) - (a.imgPerSec ?? 0))[0];
}

/** Optimizer updates one step makes: the reference's trainOnBatch on the real and on the fake batch are two D updates. */
const UPDATES = { torch: '1 D + 1 G', reference: '2 D + 1 G' };
const ganvasUpdates = (model: ModelKind): string => `${defaultConfig(model).dSteps} D + 1 G`;

export function formatTable({ results, torch, reference }: Report): string {
  const models = [...new Set([...torch.map((t) => t.model), ...reference.map((r) => r.model), ...results.map((r) => r.model)])];
  const rows: string[][] = [];
  for (const model of models) {
    const pt = torch.find((t) => t.model === model);
    const ref = browserRef(reference, model);
    if (pt) {
      const device = `${pt.threads} threads, ${pt.blas.split('/').slice(-2).join('/')}`;
      const extra = [`torch ${pt.torch}`, `${pt.data} data`, pt.warning ?? ''].filter(Boolean).join('; ');
      rows.push([
        model,
        'PyTorch (CPU)',
        cellText(device, 80),
        UPDATES.torch,
        num(pt.imgPerSec),
        '1x',
        ratio(pt.imgPerSec, ref?.imgPerSec),
        '–',
        split(pt.msPerStep, pt.dMs, pt.gMs),
        num(pt.firstStepSec),
        '–',
        '–',
        '1',
        extra,
      ]);
    }
    for (const r of reference.filter((x) => x.model === model)) {
      const status = r.status === 'ok' ? '' : `${r.status}; `;
      rows.push([
        model,
        'tfjs Layers trainOnBatch',
        r.backend,
        UPDATES.reference,
        num(r.imgPerSec),
        ratio(r.imgPerSec, pt?.imgPerSec),
        r === ref ? '1x' : ratio(r.imgPerSec, ref?.imgPerSec),
        r.imgPerSec ? '1x' : '–',
        split(r.msPerStep, r.dMs, r.gMs),
        num(r.firstStepSec),
        num(r.peakTensors, 0),
        '–',
        '1',
        cellText(status + r.notes.join('; ')),
      ]);
    }
    for (const r of results.filter((x) => x.model === model)) {
      const device = cellText(`${r.backend}${r.detail ? `: ${r.detail}` : ''}`, 100) + (r.software ? ' (software)' : '');
      const same = reference.find((x) => x.model === model && x.backend === r.backend && x.status === 'ok');
      rows.push([
        model,
        'ganvas',
        device,
        ganvasUpdates(model),
        num(r.imgPerSec),
        ratio(r.imgPerSec, pt?.imgPerSec),
        ratio(r.imgPerSec, ref?.imgPerSec),
        ratio(r.imgPerSec, same?.imgPerSec),
        split(r.msPerStep, r.dMs, r.gMs),
        num(r.firstStepSec),
        num(r.peakTensors, 0),
        heap(r),
        String(r.k),
        note(r),
      ]);
    }
  }
  const all = [HEADER, ...rows];
  const width = HEADER.map((_, i) => Math.max(...all.map((row) => row[i].length)));
  const line = (row: string[]): string => `| ${row.map((c, i) => c.padEnd(width[i])).join(' | ')} |`;
  return [line(HEADER), `|${width.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}
