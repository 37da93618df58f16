// Each setting fact has one owner (docs/architecture.md, shared/): these checks fail when a
// copy drifts from the settings tables or the task specs, or when a new fact is added in one
// place and not derived in the others.
import { describe, expect, it } from 'vitest';
import { CLASS_NAMES, NUM_CLASSES } from '../../src/shared/choices/datasets';
import { parseCommand, parseRunConfig } from '../../src/shared/commands';
import { whyNoClasses } from '../../src/shared/conditional';
import { defaultConfig, liveOf, validateConfig } from '../../src/shared/hyperparams';
import { parseLab2dCommand } from '../../src/shared/lab2dConfig';
import { LAB2D_LAYERS, LAB2D_SETTINGS, lab2dLayerDefaults } from '../../src/shared/lab2dSettings';
import { LAB2D_LIVE_KEYS } from '../../src/shared/lab2dProtocol';
import type { DatasetName, ModelKind, RunConfig, TaskName } from '../../src/shared/protocol';
import { SEED_MAX } from '../../src/shared/settingRules';
import { SETTINGS, settingKeys, type SettingKey } from '../../src/shared/settings';
import { TASKS, taskShows } from '../../src/shared/tasks';

const keysOf = <T extends object>(o: T) => Object.keys(o) as (keyof T & string)[];
const choiceSettings = keysOf(SETTINGS).filter((k) => SETTINGS[k].rule.kind === 'choice');
const labelsOf = (k: SettingKey) => {
  const rule = SETTINGS[k].rule;
  return rule.kind === 'choice' ? Object.keys(rule.labels) : [];
};

describe('one owner per setting fact', () => {
  it.each(choiceSettings)('the command check accepts exactly the table’s choices for %s', (key) => {
    const run = { ...defaultConfig('mlp'), backend: 'cpu' } as RunConfig;
    for (const v of labelsOf(key)) expect(parseRunConfig({ ...run, [key]: v }, 'c')[key]).toBe(v);
    expect(() => parseRunConfig({ ...run, [key]: 'nope' }, 'c')).toThrow(`c.${key} must be one of ${labelsOf(key).join(', ')}, got 'nope'`);
  });

  it('a run file without a field added later reads it as the table’s initial value', () => {
    const c = defaultConfig('dcgan-lite');
    const old = Object.fromEntries(
      keysOf(c)
        .filter((k) => !SETTINGS[k].addedLater)
        .map((k) => [k, c[k]]),
    );
    expect(parseRunConfig(old, 'old')).toEqual(c);
  });

  it('the live keys are the table’s live settings, in digits and in the lab', () => {
    expect(keysOf(liveOf(defaultConfig('mlp'))).sort()).toEqual(settingKeys('live').sort());
    const labLive = keysOf(LAB2D_SETTINGS).filter((k) => LAB2D_SETTINGS[k].applies === 'live');
    expect([...LAB2D_LIVE_KEYS].sort()).toEqual(labLive.sort());
  });

  it('a URL name is unique in each mode, and a name both modes use means the same setting in both', () => {
    const digits = keysOf(SETTINGS).map((k) => [SETTINGS[k].url, k] as const);
    const lab = keysOf(LAB2D_SETTINGS).flatMap((k) => [LAB2D_SETTINGS[k].url, ...(LAB2D_SETTINGS[k].aliases ?? [])].map((n) => [n, k] as const));
    for (const names of [digits, lab]) expect(new Set(names.map(([n]) => n)).size).toBe(names.length);
    const digitsKey = new Map<string, string>(digits);
    for (const [name, key] of lab) if (digitsKey.has(name)) expect(`${name} → ${key}`).toBe(`${name} → ${digitsKey.get(name)}`);
    // A setting both modes have is called the same in both links.
    for (const key of keysOf(LAB2D_SETTINGS)) if (key in SETTINGS) expect(LAB2D_SETTINGS[key].url).toBe(SETTINGS[key as SettingKey].url);
  });

  it('every seed has one range: the digits Seed, the lab’s Seed and a sample’s seed', () => {
    for (const rule of [SETTINGS.seed.rule, LAB2D_SETTINGS.seed.rule]) expect(rule).toMatchObject({ min: 0, max: SEED_MAX, integer: true });
    expect(parseCommand({ type: 'sampleGenerator', seed: SEED_MAX })).toEqual({ type: 'sampleGenerator', seed: SEED_MAX });
    expect(() => parseCommand({ type: 'sampleGenerator', seed: SEED_MAX + 1 })).toThrow(`from 0 to ${SEED_MAX}`);
  });

  it('every data set with classes has NUM_CLASSES of them, and the class commands take exactly those', () => {
    for (const names of Object.values(CLASS_NAMES)) expect([0, NUM_CLASSES]).toContain(names.length);
    expect(parseCommand({ type: 'setSampleClass', classIndex: NUM_CLASSES - 1 })).toMatchObject({ classIndex: NUM_CLASSES - 1 });
    expect(() => parseCommand({ type: 'setSampleClass', classIndex: NUM_CLASSES })).toThrow();
  });

  it.each(keysOf(TASKS))('the %s spec shows settings of the table, and its defaults make a valid run', (task) => {
    const spec = TASKS[task];
    for (const key of spec.settings) expect(SETTINGS).toHaveProperty(key);
    expect(validateConfig({ ...defaultConfig('mlp'), ...spec.defaults, task })).toEqual({});
    expect(keysOf(SETTINGS).filter((k) => taskShows(task, k))).toEqual(expect.arrayContaining(spec.settings));
  });

  it('validation refuses a conditional run exactly where the one rule says there are no classes', () => {
    for (const task of keysOf(TASKS) as TaskName[])
      for (const model of labelsOf('model') as ModelKind[])
        for (const dataset of labelsOf('dataset') as DatasetName[]) {
          const c = { ...defaultConfig(model), task, dataset, conditional: true };
          expect(validateConfig(c).conditional, `${task} ${model} ${dataset}`).toBe(whyNoClasses(c)?.problem);
        }
  });

  it('the lab’s canvas layers are one list: their defaults and the layers command', () => {
    const layers = lab2dLayerDefaults();
    expect(keysOf(layers)).toEqual(keysOf(LAB2D_LAYERS));
    expect(parseLab2dCommand({ type: 'layers', layers })).toEqual({ type: 'layers', layers });
    expect(() => parseLab2dCommand({ type: 'layers', layers: { ...layers, extra: true } })).toThrow('unknown field extra');
  });
});
