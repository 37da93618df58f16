import { DEFAULT_TASK, taskShows, verdictLoss } from '../../../shared/tasks';
import { useMemo, type CSSProperties, type ReactNode } from 'react';
import { DETECTIVE_WINS_BELOW, FORGER_WINS_ABOVE, readBalance, type Balance } from '../../lib/balance';
import { validateLive } from '../../../shared/hyperparams';
import { LOSSES } from '../../../shared/settings';
import type { LiveHyperparams, LossKind } from '../../../shared/protocol';
import type { MetricHistory } from '../../../shared/metricHistory';
import { useApp } from '../../state/store';
import { useThrottledMetricsVersion } from '../../hooks/useThrottledMetricsVersion';
import { setLive } from '../../actions/run';
import { HyperparamField } from '../controls/HyperparamField';

const READING: Record<Balance, { title: string; detail: string }> = {
  detective: {
    title: 'Detective winning: the forger gets little signal',
    detail: `D rejects almost every fake (D(G(z)) below ${DETECTIVE_WINS_BELOW}). Try a lower D learning rate or a higher G one.`,
  },
  balanced: {
    title: 'Balanced',
    detail: 'D still tells real from fake, but not so well that G cannot learn from it. This is where a GAN learns.',
  },
  forger: {
    title: 'Forger fooling the detective',
    detail: `D takes fakes for real (D(G(z)) above ${FORGER_WINS_ABOVE}, or above D(x)), so G learns little that is true. Try a higher D learning rate.`,
  },
};

const clamp01 = (v: number) => Math.min(1, Math.max(0, v));
/** A mark's place as a custom property: the CSS turns it into a transform in gauge widths (cqw), which the compositor animates. */
const at = (v: number) => ({ '--at': (clamp01(v) * 100).toFixed(1) }) as CSSProperties;

function liveError(key: keyof LiveHyperparams) {
  return (v: number) => validateLive({ [key]: v })[key];
}

/** D(x) and D(G(z)), smoothed, against the 0.5 a balanced detective sits at, with the learning rates that move them (`knobs`). */
export function BalanceGauge({ history, version, loss, knobs }: { history: MetricHistory; version: number; loss: LossKind; knobs: ReactNode }) {
  // Only BCE's D outputs are probabilities with a balance at 0.5; the other losses' scores have no such point.
  const bce = loss === 'bce';
  // eslint-disable-next-line react-hooks/exhaustive-deps -- the history is mutated in place; its version says when
  const reading = useMemo(() => (bce ? readBalance(history) : null), [history, version, bce]);
  const text = reading ? READING[reading.state] : null;

  return (
    <section className="balance-meter" aria-labelledby="balance-title" data-state={reading?.state ?? 'none'}>
      <h2 id="balance-title">
        Balance <span className="muted">the detective (D) should stay near 0.5</span>
      </h2>
      <div
        className="gauge"
        role="img"
        aria-label={
          reading
            ? `D(x) ${reading.dReal.toFixed(2)} and D(G(z)) ${reading.dFake.toFixed(2)} on a scale from 0 (fake) to 1 (real); balance at 0.5`
            : bce
              ? 'No steps yet'
              : 'No balance gauge for this loss'
        }
      >
        <span className="gauge-half" aria-hidden="true" />
        {reading && (
          <>
            <span className="gauge-mark real" style={at(reading.dReal)} aria-hidden="true" title="D(x)" />
            <span className="gauge-mark fake" style={at(reading.dFake)} aria-hidden="true" title="D(G(z))" />
          </>
        )}
      </div>
      <div className="gauge-scale" aria-hidden="true">
        <span>0 fake</span>
        <span>0.5</span>
        <span>1 real</span>
      </div>
      <p className="gauge-values">
        <span className="key real">D(x) {reading ? reading.dReal.toFixed(2) : '–'}</span>{' '}
        <span className="key fake">D(G(z)) {reading ? reading.dFake.toFixed(2) : '–'}</span> <span className="muted">(smoothed over recent steps)</span>
      </p>
      {/* Only the verdict is live: it changes rarely, so a screen reader is not flooded with numbers. */}
      <p className="balance-reading" aria-live="polite" data-testid="balance-reading">
        <strong>
          {text
            ? text.title
            : bce
              ? 'No steps yet: press Train or Step.'
              : `With the ${LOSSES[loss]} loss D gives scores, not probabilities: there is no 0.5 to balance at. Watch the gap between the two lines of the Discriminator scores chart instead.`}
        </strong>
      </p>
      {text && <p className="muted small">{text.detail}</p>}
      {knobs && <div className="balance-knobs">{knobs}</div>}
    </section>
  );
}

/** The digits run's balance, with its live learning rates (and D steps when generating from noise). */
export function BalanceMeter() {
  const metrics = useApp((s) => s.metrics);
  // Smoothed values need no 10 Hz redraw; every redraw here is CPU the training worker does not get.
  const version = useThrottledMetricsVersion(500);
  const live = useApp((s) => s.live);
  const loss = useApp((s) => (s.config ? verdictLoss(s.config) : 'bce'));
  // The applications take one D step per G step.
  const showsDSteps = useApp((s) => taskShows(s.config?.task ?? DEFAULT_TASK, 'dSteps'));
  const knobs = live && (
    <>
      <HyperparamField
        label="D learning rate"
        name="balance-dLearningRate"
        value={live.dLearningRate}
        validate={liveError('dLearningRate')}
        onCommit={(v) => setLive({ dLearningRate: v })}
      />
      <HyperparamField
        label="G learning rate"
        name="balance-gLearningRate"
        value={live.gLearningRate}
        validate={liveError('gLearningRate')}
        onCommit={(v) => setLive({ gLearningRate: v })}
      />
      {showsDSteps && (
        <HyperparamField
          label="D steps per G step"
          name="balance-dSteps"
          value={live.dSteps}
          validate={liveError('dSteps')}
          onCommit={(v) => setLive({ dSteps: v })}
        />
      )}
    </>
  );
  return <BalanceGauge history={metrics} version={version} loss={loss} knobs={knobs} />;
}
