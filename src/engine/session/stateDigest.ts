import * as tf from '@tensorflow/tfjs';
import type { MetricPoint, StateDigest } from '../../shared/protocol';
import { captureRun } from '../runfile/checkpoint';
import { LATENT_SIZE } from '../../shared/settings';
import { Rng } from '../../shared/rng';
import type { SessionTask } from '../loop/plugin';

/** The noise batch the digest's sample is drawn from (its own seed: nothing in training draws it). */
const SAMPLE_COUNT = 16;
const SAMPLE_SEED = 0x5eed;

async function sha256(parts: ArrayBufferView[]): Promise<string> {
  const total = parts.reduce((n, p) => n + p.byteLength, 0);
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    bytes.set(new Uint8Array(p.buffer, p.byteOffset, p.byteLength), at);
    at += p.byteLength;
  }
  const hash = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(hash, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** What the generator makes of fixed input: a noise batch for a generator from noise, else the task's view. */
async function sampleOf(task: SessionTask): Promise<ArrayBufferView> {
  const gen = task.fromNoise;
  if (!gen) return (await task.sampleGrid()).pixels;
  const z = new Rng(SAMPLE_SEED).fillNormal(new Float32Array(SAMPLE_COUNT * LATENT_SIZE));
  const images = tf.tidy(() => gen.sample(tf.tensor2d(z, [SAMPLE_COUNT, LATENT_SIZE])));
  const pixels = (await images.data()) as Float32Array;
  images.dispose();
  return pixels;
}

/**
 * Digests of everything the next step depends on, read with the same capture
 * a save uses (tensors are named by position: `g/3`, `gopt/1/m`), so a restore
 * that is exact gives the same digests, bit for bit.
 */
export async function digestState(task: SessionTask, last: MetricPoint | null): Promise<StateDigest> {
  const run = await captureRun(task, { runId: '', backend: 'cpu', changes: [], metrics: new Float64Array() });
  const group = (prefix: string) => sha256(run.meta.tensors.filter((t) => t.name.startsWith(prefix)).map((t) => run.tensors.get(t.name) as Float32Array));
  const pixels = await sampleOf(task);
  const { rng, sampler, optimizers } = run.meta;
  return {
    step: task.stepCount,
    g: await group('g/'),
    d: await group('d/'),
    gAdam: await group('gopt/'),
    dAdam: await group('dopt/'),
    position: JSON.stringify({ rng, sampler, optimizers, order: await sha256([run.order]) }),
    sample: await sha256([pixels]),
    last,
  };
}
