import { validateLive } from '../../../shared/hyperparams';
import type { LiveHyperparams } from '../../../shared/protocol';
import { SETTINGS, settingKeys } from '../../../shared/settings';
import { useApp } from '../../state/store';
import { HyperparamField } from './HyperparamField';

const LIVE_KEYS = settingKeys('live') as (keyof LiveHyperparams)[];

/** The settings the next step uses, one field each from the settings table. */
export function LiveFields({ setLive }: { setLive(params: Partial<LiveHyperparams>): void }) {
  const live = useApp((s) => s.live);
  const loss = useApp((s) => s.config?.loss);
  if (!live) return null;
  return (
    <>
      {LIVE_KEYS.map((key) => (
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
