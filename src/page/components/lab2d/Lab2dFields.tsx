import type { Lab2dConfig } from '../../../shared/lab2dProtocol';
import { LAB2D_SETTINGS } from '../../../shared/lab2dSettings';
import { TRAIN_KEYS, useLab } from '../../state/lab2dStore';
import { SettingField } from '../controls/SettingField';
import { setConfig } from '../../actions/lab';

type Key = keyof Lab2dConfig;

/** One field of the lab's table; `prefix` names a second copy elsewhere on the page. A choice shows no hint; a live number says so. */
export function Lab2dField({ index, k, prefix = '' }: { index: 0 | 1; k: Key; prefix?: string }) {
  const config = useLab((s) => s.configs[index]);
  if (!config) return null;
  const s = LAB2D_SETTINGS[k];
  const hint = s.rule.kind === 'choice' ? null : (s.hint ?? (s.applies === 'live' ? 'live' : null));
  return (
    <SettingField setting={s} name={prefix + (index ? `b.${s.url}` : s.url)} value={config[k]} hint={hint} onChange={(v) => setConfig(index, { [k]: v })} />
  );
}

const MODEL_KEYS: Key[] = ['noiseSize', 'gLayers', 'gWidth', 'dLayers', 'dWidth', 'activation', 'batchSize'];

/** A setup's networks and training knobs; B (side by side) shows the training ones only. */
export function Lab2dSetupFields({ index }: { index: 0 | 1 }) {
  return (
    <>
      {index === 0 && MODEL_KEYS.map((k) => <Lab2dField key={k} index={0} k={k} />)}
      {TRAIN_KEYS.map((k) => (
        <Lab2dField key={k} index={index} k={k} />
      ))}
    </>
  );
}
