import { validateLive } from '../../../shared/hyperparams';
import type { LiveHyperparams } from '../../../shared/protocol';
import { SETTINGS, settingKeys } from '../../../shared/settings';
import { useApp } from '../../state/store';
import { HyperparamField } from './HyperparamField';
import { TASK_SETTINGS } from '../../../shared/tasks';

const LIVE_KEYS = settingKeys('live') as (keyof LiveHyperparams)[];
/** Every task has the two learning rates and β1. */
const SHARED: (keyof LiveHyperparams)[] = ['gLearningRate', 'dLearningRate', 'beta1'];

/** The settings the next step uses, one field each from the settings table. */
export function LiveFields({ setLive }: { setLive(params: Partial<LiveHyperparams>): void }) {
  const live = useApp((s) => s.live);
  const loss = useApp((s) => s.config?.loss);
  const task = useApp((s) => s.config?.task ?? 'generate');
  if (!live) return null;
  const keys = LIVE_KEYS.filter((k) => SHARED.includes(k) || TASK_SETTINGS[task].includes(k));
  return (
    <>
      {keys.map((key) => (
        <HyperparamField
          key={key}
          label={SETTINGS[key].label}
          name={key}
          value={live[key]}
          validate={(v) => validateLive({ [key]: v })[key]}
          onCommit={(v) => setLive({ [key]: v })}
          hint={key === 'labelSmoothing' && loss === 'wgan-gp' ? 'not used by WGAN-GP (a critic has no target)' : SETTINGS[key].hint}
        />
      ))}
    </>
  );
}
