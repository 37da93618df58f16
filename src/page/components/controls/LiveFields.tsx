import { validateLive } from '../../../shared/hyperparams';
import type { LiveHyperparams } from '../../../shared/protocol';
import { SETTINGS, settingKeys } from '../../../shared/settings';
import { DEFAULT_TASK, taskShows } from '../../../shared/tasks';
import { useApp } from '../../state/store';
import { SettingField } from './SettingField';

const LIVE_KEYS = settingKeys('live') as (keyof LiveHyperparams)[];

/** The settings the next step uses, one field each from the settings table. */
export function LiveFields({ setLive }: { setLive(params: Partial<LiveHyperparams>): void }) {
  const live = useApp((s) => s.live);
  const loss = useApp((s) => s.config?.loss);
  const task = useApp((s) => s.config?.task ?? DEFAULT_TASK);
  if (!live) return null;
  return (
    <>
      {LIVE_KEYS.filter((k) => taskShows(task, k)).map((key) => (
        <SettingField
          key={key}
          setting={SETTINGS[key]}
          name={key}
          value={live[key]}
          validate={(v) => validateLive({ [key]: v })[key]}
          onChange={(v) => setLive({ [key]: v as number })}
          hint={key === 'labelSmoothing' && loss === 'wgan-gp' ? 'not used by WGAN-GP (a critic has no target)' : undefined}
        />
      ))}
    </>
  );
}
