import { useMemo } from 'react';
import { NUM_CLASSES } from '../../../shared/choices/datasets';
import { collapseWarning, COLLAPSE_RUN } from '../../lib/collapse';
import { useApp } from '../../state/store';

/** A banner when the quality history shows mode collapse, with what to try. */
export function CollapseAlarm() {
  const quality = useApp((s) => s.quality);
  const warning = useMemo(() => collapseWarning(quality), [quality]);
  if (!warning) return null;
  return (
    <div className="collapse-alarm" role="alert">
      <strong>Likely mode collapse</strong> (step {warning.step.toLocaleString()}):{' '}
      {warning.alike
        ? 'every noise vector gives nearly the same image'
        : `the generator now covers ${warning.modes} of ${NUM_CLASSES} classes (at best it covered ${warning.bestModes}) and its class mix is ${warning.kl.toFixed(2)} nats from even`}
      , for {COLLAPSE_RUN} evaluations in a row. Try a lower generator learning rate, more discriminator steps per generator step, label smoothing, or a
      different loss; or Reset with another seed.
    </div>
  );
}
