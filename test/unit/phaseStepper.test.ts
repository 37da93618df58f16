import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/shared/hyperparams';
import { PhaseStepper } from '../../src/engine/tasks/generate/phaseStepper';
import { GanTrainer } from '../../src/engine/tasks/generate/trainer';
import { PHASES, type PhaseReport } from '../../src/shared/protocol';
import { harness } from './sessionHarness';
import { mnistTrain } from './mnistData';

const data = mnistTrain();
const trainer = () => new GanTrainer({ ...defaultConfig('mlp'), batchSize: 8, seed: 3 }, data);
const weights = (t: GanTrainer) => [...t.gVars, ...t.dVars].map((v) => Array.from(v.dataSync()));

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('stepping one step phase by phase (MLP)', () => {
  it('six phases make exactly the step a normal step makes, and the run goes on as it would have', async () => {
    const normal = trainer();
    const phased = trainer();
    await normal.step(); // both one step in, so Adam's state is in play too
    await phased.step();
    const tensors = tf.memory().numTensors;
    const stepper = new PhaseStepper(phased);
    const reports: PhaseReport[] = [];
    for (const phase of PHASES) {
      expect(stepper.nextPhase).toBe(phase);
      reports.push(await stepper.advance());
      if (phase !== 'updateG') expect(phased.stepCount).toBe(1);
    }
    expect(reports.map((r) => r.phase)).toEqual([...PHASES]);
    expect(reports.every((r) => r.step === 2)).toBe(true);
    const expected = await normal.step();
    expect(phased.stepCount).toBe(2);
    expect(reports[5].point).toEqual(expected);
    expect(weights(phased)).toEqual(weights(normal));
    expect(tf.memory().numTensors).toBe(tensors);

    const [noise, generate, discriminate, updateD, throughD, updateG] = reports;
    expect(Math.abs(noise.z?.mean ?? 9)).toBeLessThan(0.2);
    expect(noise.z?.std).toBeGreaterThan(0.8);
    // tanh: inside [-1, 1], and using most of it (a sigmoid would stay above 0, a linear layer leave it).
    expect(generate.fake?.min).toBeGreaterThanOrEqual(-1);
    expect(generate.fake?.max).toBeLessThanOrEqual(1);
    expect(generate.fake?.min).toBeLessThan(-0.5);
    expect(generate.fake?.max).toBeGreaterThan(0.5);
    // Looking at D before its update sees what the update then starts from.
    expect(discriminate.dReal).toBeCloseTo(updateD.dReal as number, 5);
    expect(discriminate.dFake).toBeCloseTo(updateD.dFake as number, 5);
    expect(updateD.dLoss).toBe(expected.dLoss);
    expect(updateG.gLoss).toBe(expected.gLoss);
    // After D's update it calls the same fakes less real.
    expect(throughD.dFake).toBeLessThan(updateD.dFake as number);
    expect(await phased.step()).toEqual(await normal.step());
    [normal, phased].forEach((t) => t.dispose());
  });

  it('settling before D updates puts the batch back; after, finishes the step', async () => {
    const normal = trainer();
    const early = trainer();
    const late = trainer();
    const a = new PhaseStepper(early);
    for (let i = 0; i < 3; i++) await a.advance();
    expect(await a.settle()).toBeNull();
    const b = new PhaseStepper(late);
    for (let i = 0; i < 4; i++) await b.advance();
    const expected = await normal.step();
    expect(await b.settle()).toEqual(expected);
    expect(await early.step()).toEqual(expected);
    expect(weights(late)).toEqual(weights(normal));
    [normal, early, late].forEach((t) => t.dispose());
  });
});

describe('phaseStep through the session', () => {
  it('reports each phase, sends the finished step as a metric point, and Step mid-way never leaves half a step', async () => {
    const h = harness();
    h.send({ type: 'init', config: { ...defaultConfig('mlp'), batchSize: 8 }, autoModel: false });
    await h.until(() => h.of('ready').length === 1);
    expect(h.of('ready')[0].summary.generator.params).toBe(114064);
    for (let i = 0; i < 6; i++) h.send({ type: 'phaseStep' });
    await h.until(() => h.of('phase').length === 6 && h.of('metrics').length === 1);
    expect(h.of('phase').map((e) => e.report?.phase)).toEqual([...PHASES]);
    expect(h.of('metrics')[0].points.map((p) => p.step)).toEqual([1]);
    h.send({ type: 'phaseStep' });
    h.send({ type: 'phaseStep' });
    h.send({ type: 'phaseStep' });
    h.send({ type: 'phaseStep' }); // D is updated: the step must be finished before Step runs
    h.send({ type: 'step', n: 1 });
    await h.until(() => h.of('metrics').flatMap((e) => e.points).length === 3);
    expect(
      h
        .of('metrics')
        .flatMap((e) => e.points)
        .map((p) => p.step),
    ).toEqual([1, 2, 3]);
    expect(h.of('phase').at(-1)?.report).toBeNull();
    h.send({ type: 'dispose' });
  });
});
