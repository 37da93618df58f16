import type { Lab2dConfig } from '../../../shared/lab2dProtocol';
import { LAB2D_SETTINGS, ruleError } from '../../../shared/settings';
import { TRAIN_KEYS, useLab } from '../../state/lab2dStore';
import { setConfig } from '../../actions/lab';
import { HyperparamField } from '../controls/HyperparamField';

type Key = keyof Lab2dConfig;

/** One field of the lab's table: a select for a choice, a checked number field otherwise; `prefix` names a second copy elsewhere on the page. */
export function Lab2dField({ index, k, prefix = '' }: { index: 0 | 1; k: Key; prefix?: string }) {
  const config = useLab((s) => s.configs[index]);
  if (!config) return null;
  const s = LAB2D_SETTINGS[k];
  const name = prefix + (index ? `b.${s.url}` : s.url);
  const hint = s.hint ?? (s.applies === 'live' ? 'live' : undefined);
  if (s.rule.kind === 'choice') {
    return (
      <div className="field">
        <label htmlFor={name}>{s.label}</label>
        <select id={name} name={name} value={String(config[k])} onChange={(e) => setConfig(index, { [k]: e.target.value })}>
          {Object.entries(s.rule.labels).map(([v, label]) => (
            <option key={v} value={v}>
              {label}
            </option>
          ))}
        </select>
      </div>
    );
  }
  return (
    <HyperparamField
      label={s.label}
      name={name}
      value={config[k] as number}
      hint={hint}
      validate={(v) => ruleError(s.rule, v)}
      onCommit={(v) => setConfig(index, { [k]: v })}
    />
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
