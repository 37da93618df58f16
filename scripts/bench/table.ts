// The Markdown table printed to stdout.
import type { CellResult } from './cell';

function num(x: number | null, digits?: number): string {
  if (x === null || !Number.isFinite(x)) return '–';
  const d = digits ?? (Math.abs(x) >= 100 ? 0 : Math.abs(x) >= 10 ? 1 : 2);
  return x.toFixed(d);
}

function cellText(s: string, max = 200): string {
  const t = s.replace(/\s+/g, ' ').replace(/\|/g, '\\|').trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

function note(r: CellResult): string {
  const parts = r.status === 'ok' ? r.notes : [r.status, ...r.notes];
  return cellText(parts.join('; '));
}

function heap(r: CellResult): string {
  if (!r.heap) return '–';
  const buffers = r.heap.workerBuffersMB === null ? '' : ` (+${num(r.heap.workerBuffersMB, 0)})`;
  return `${num(r.heap.pageMB, 0)} / ${num(r.heap.workerMB, 0)}${buffers}`;
}

function cpu(r: CellResult): string {
  return r.cpu ? `${r.cpu.benchCores.toFixed(1)} / ${r.cpu.otherCores.toFixed(1)}` : '–';
}

function tensors(r: CellResult): string {
  return r.tensorsStart === null && r.tensorsEnd === null ? '–' : `${r.tensorsStart ?? '?'} → ${r.tensorsEnd ?? '?'}`;
}

const HEADER = ['model', 'backend', 'adapter / renderer', 'ready s', 'first step s', 'img/s', 'ms/step', 'tensors start → end', 'heap MB page / worker (+buffers)', 'CPU cores bench / other', 'note'];

export function formatTable(results: CellResult[]): string {
  const rows = results.map((r) => [
    r.model,
    r.backend,
    cellText(r.detail || '–', 140) + (r.software ? ' (software)' : ''),
    num(r.readySec, 1),
    num(r.firstStepSec),
    num(r.imgPerSec),
    num(r.msPerStep, 1),
    tensors(r),
    heap(r),
    cpu(r),
    note(r),
  ]);
  const all = [HEADER, ...rows];
  const width = HEADER.map((_, i) => Math.max(...all.map((row) => row[i].length)));
  const line = (row: string[]): string => `| ${row.map((c, i) => c.padEnd(width[i])).join(' | ')} |`;
  return [line(HEADER), `|${width.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}
