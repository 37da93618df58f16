import { PHASES } from '../../../shared/protocol';
import { useApp } from '../../state/store';
import { phaseStep } from '../../actions/run';
import { PHASE_INFO, phaseResult } from './phaseText';

/** One step, one phase at a time, each run for real in the worker. */
export function PhaseSteps() {
  const phases = useApp((s) => s.phases);
  const status = useApp((s) => s.status);
  const ready = useApp((s) => s.config !== null) && status !== 'loading';
  const running = status === 'running';
  const done = phases.length;
  const last = phases.at(-1);
  const complete = last?.phase === 'updateG';
  const next = complete ? PHASES[0] : PHASES[done];

  return (
    <div className="phase-steps">
      <div className="buttons">
        <button type="button" disabled={!ready || running} onClick={phaseStep} aria-describedby="phase-next">
          Step phase
        </button>
        <span id="phase-next" className="muted small">
          {running ? 'Pause to step through one step phase by phase.' : `Next: ${PHASE_INFO[next].title.toLowerCase()}`}
        </span>
      </div>
      <ol className="phase-list" aria-label="The six phases of a training step">
        {PHASES.map((p, i) => {
          const report = phases[i];
          const current = i === done - 1;
          return (
            <li key={p} data-phase={p} data-done={report ? 'true' : undefined} aria-current={current ? 'step' : undefined}>
              <strong>{PHASE_INFO[p].title}</strong>
              <span className={report ? 'phase-result' : 'muted'}> {report ? phaseResult(report) : PHASE_INFO[p].plan}</span>
            </li>
          );
        })}
      </ol>
      {/* Announces each phase as it runs (only on request: one per press). */}
      <p className="visually-hidden" aria-live="polite">
        {last ? `${PHASE_INFO[last.phase].title}: ${phaseResult(last)}` : ''}
      </p>
    </div>
  );
}
