import * as tf from '@tensorflow/tfjs';
import type { BackendName, BackendReport, ModelKind } from '../../shared/protocol';
import { isConvModel } from '../models';

/** Preference order when speeds are unknown or equal. */
export const BACKEND_ORDER: BackendName[] = ['webgpu', 'webgl', 'wasm', 'cpu'];

/** A backend that cannot run, or cannot run the chosen model. */
export class BackendError extends Error {
  override name = 'BackendError';
}

const SOFTWARE_PATTERN = /swiftshader|llvmpipe|softpipe|basic render|software|lavapipe|microsoft basic/i;

export function isSoftwareRenderer(description: string): boolean {
  return SOFTWARE_PATTERN.test(description);
}

/**
 * Switches tfjs to `name` and checks a known result, because a backend can
 * register fine and still compute garbage (or nothing) on a broken driver.
 */
export async function verifyBackend(name: BackendName): Promise<void> {
  const ok = await tf.setBackend(name);
  if (!ok) throw new Error('failed to initialise');
  await tf.ready();
  const r = tf.tidy(() => tf.sigmoid(tf.matMul(tf.tensor2d([1, 2, 3, 4], [2, 2]), tf.tensor2d([5, 6, 7, 8], [2, 2])).sub(40)));
  const v = await r.data();
  r.dispose();
  const expected = [19, 22, 43, 50].map((x) => 1 / (1 + Math.exp(40 - x)));
  if (v.some((x, i) => Math.abs(x - expected[i]) > 1e-3)) {
    throw new Error(`wrong result in self-test: got [${Array.from(v).map((x) => x.toFixed(4))}]`);
  }
}

/**
 * Whether probing `report` for `model` is worth its cost. The cpu backend
 * runs the same kernels as WASM in plain JS (4x slower for the MLP), so it
 * is probed only when WASM does not work. Conv models on a software GPU take
 * 30-70 s for the first step (shader compiles) and then run at 1-2 img/s, so
 * they are only tried when nothing else can train them.
 */
export function worthProbing(report: BackendReport, model: ModelKind, all: BackendReport[]): boolean {
  if (!report.ok) return false;
  if (report.name === 'cpu') return !all.some((o) => o.ok && o.name === 'wasm');
  if (!(report.isSoftware && isConvModel(model))) return true;
  return !all.some((o) => o.ok && !o.isSoftware && o.name !== report.name);
}

/** Picks the fastest probed backend, falling back to preference order, and says why. */
export function pickBackend(reports: BackendReport[]): { name: BackendName; reason: string } {
  const working = reports.filter((r) => r.ok);
  if (!working.length) throw new BackendError('no tfjs backend works in this browser');
  const probed = working.filter((r) => r.imgPerSec !== undefined);
  const best = probed.length ? probed.reduce((a, b) => ((b.imgPerSec ?? 0) > (a.imgPerSec ?? 0) ? b : a)) : working[0];
  const reason: string[] = [];
  if (probed.length > 1) {
    const others = probed.filter((r) => r !== best);
    reason.push(`fastest in a probe: ${fmt(best.imgPerSec)} img/s vs ` + others.map((o) => `${o.name} ${fmt(o.imgPerSec)}`).join(', '));
  } else if (probed.length === 1) {
    reason.push(`the only backend that trained this model in the probe (${fmt(best.imgPerSec)} img/s)`);
  } else {
    reason.push('first working backend');
  }
  const earlier = BACKEND_ORDER.slice(0, BACKEND_ORDER.indexOf(best.name));
  for (const name of earlier) {
    const r = reports.find((x) => x.name === name);
    if (!r) continue;
    if (!r.ok) reason.push(`${name} unavailable: ${r.detail}`);
    else if (r.isSoftware && r.imgPerSec === undefined) reason.push(`${name} is a software renderer (${r.detail}), too slow for conv models`);
    else if (r.isSoftware) reason.push(`${name} is a software renderer (${r.detail})`);
  }
  return { name: best.name, reason: reason.join('; ') };
}

function fmt(x: number | undefined): string {
  return x === undefined ? '?' : x >= 100 ? x.toFixed(0) : x.toFixed(1);
}

/**
 * Conv GANs learn digits in fewer steps but need a real GPU to be fast. On
 * CPU-only machines the MLP shows digits first: even DCGAN-lite, the conv
 * model sized for CPUs, scores below it for the first two minutes on WASM
 * (docs/benchmarks.md, "A conv model for CPUs"), so it is offered, not picked.
 */
export function recommendModel(reports: BackendReport[]): ModelKind {
  const realGpu = reports.some((r) => r.ok && !r.isSoftware && (r.name === 'webgpu' || r.name === 'webgl'));
  return realGpu ? 'dcgan' : 'mlp';
}
