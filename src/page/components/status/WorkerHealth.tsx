import { useApp } from '../../state/store';
import { keepWaiting, restartWorker } from '../../actions/trainingWorker';
import { useHealth } from '../../state/healthStore';
import { useSavedRuns } from '../../state/savedRunsStore';

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
  return (
    <div className="notice notice-error worker-health" role="alert" data-worker={worker.state}>
      <span>{what}</span>
      <span className="buttons">
        <button type="button" onClick={() => void restartWorker()}>
          {saved ? `Restart the worker from the last save (step ${saved.step.toLocaleString()})` : 'Restart the worker (no save yet: starts fresh)'}
        </button>
        {worker.state === 'silent' ? (
          <button type="button" onClick={keepWaiting}>
            Keep waiting
          </button>
        ) : null}
      </span>
    </div>
  );
}
