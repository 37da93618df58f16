import type { ReactNode } from 'react';
import { useApp } from '../../state/store';
import { useHealth, type WorkerHealth as Health } from '../../state/healthStore';
import { useSavedRuns } from '../../state/savedRunsStore';
import { keepWaiting, restartWorker } from '../../actions/trainingWorker';

/** Says what is wrong with a worker, and offers a restart (and, while it is only silent, to keep waiting). */
export function HealthBanner({ health, what, restart, onKeepWaiting }: { health: Health; what: string; restart: ReactNode; onKeepWaiting: () => void }) {
  return (
    <div className="notice notice-error worker-health" role="alert" data-worker={health.state}>
      <span>{what}</span>
      <span className="buttons">
        {restart}
        {health.state === 'silent' ? (
          <button type="button" onClick={onKeepWaiting}>
            Keep waiting
          </button>
        ) : null}
      </span>
    </div>
  );
}

/** Says when the training worker crashed or stopped answering, and offers a restart from the last save. */
export function WorkerHealth() {
  const worker = useHealth((s) => s.training);
  const runId = useApp((s) => s.runId);
  const saved = useSavedRuns((s) => s.runs.find((r) => r.runId === runId));
  if (worker.state === 'ok') return null;
  const what =
    worker.state === 'crashed'
      ? `The training worker crashed: ${worker.message}.`
      : `The training worker has not answered for ${worker.seconds} s. A software GPU can take a minute compiling shaders for a conv model; otherwise it is stuck.`;
  const restart = (
    <button type="button" onClick={() => void restartWorker()}>
      {saved ? `Restart the worker from the last save (step ${saved.step.toLocaleString()})` : 'Restart the worker (no save yet: starts fresh)'}
    </button>
  );
  return <HealthBanner health={worker} what={what} restart={restart} onKeepWaiting={keepWaiting} />;
}
