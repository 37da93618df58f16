import type { DatasetName, ModelKind, RunConfig } from '../../../shared/protocol';
import { DATASET_LABELS } from '../../../shared/names/datasetNames';
import { MODEL_LABELS } from '../../../shared/names/modelNames';
import { SETTINGS } from '../../../shared/settings';
import { useApp } from '../../state/store';
import { useOwnImages } from '../../state/ownImagesStore';

const MODEL_HINT: Record<ModelKind, string> = {
  mlp: 'Dense 128 on each side: fast everywhere, digits in minutes on a CPU.',
  dcgan: 'Transposed convs (DCGAN-28): sharper digits, wants a real GPU.',
  'dcgan-lite': 'DCGAN-28 at a quarter of its channels: conv digits in minutes on a CPU.',
  'dcgan-seed': 'Upsample + conv G, dropout D (the Keras DCGAN): heaviest.',
};

/** Model and data: changing either resets at once. */
export function ModelDataFields({ ready, reset }: { ready: boolean; reset(next: Partial<RunConfig>): void }) {
  const model = useApp((s) => s.draft.model);
  const dataset = useApp((s) => s.draft.dataset);
  const task = useApp((s) => s.draft.task);
  const ownCount = useOwnImages((s) => s.ownImages?.count ?? 0);
  const setDraft = useApp((s) => s.setDraft);
  return (
    <>
      {task === 'generate' && (
        <div className="field">
          <label htmlFor="model">{SETTINGS.model.label}</label>
          <select
            id="model"
            value={model}
            disabled={!ready}
            onChange={(e) => {
              const m = e.target.value as ModelKind;
              setDraft({ model: m, preset: null });
              reset({ model: m });
            }}
          >
            {(Object.keys(MODEL_LABELS) as ModelKind[]).map((m) => (
              <option key={m} value={m}>
                {MODEL_LABELS[m]}
              </option>
            ))}
          </select>
          <span className="field-hint">{MODEL_HINT[model]}</span>
        </div>
      )}

      <div className="field">
        <label htmlFor="dataset">{SETTINGS.dataset.label}</label>
        <select
          id="dataset"
          value={dataset}
          disabled={!ready}
          onChange={(e) => {
            const d = e.target.value as DatasetName;
            setDraft({ dataset: d });
            reset({ dataset: d });
          }}
        >
          {(Object.keys(DATASET_LABELS) as DatasetName[]).map((d) => (
            <option key={d} value={d} disabled={(d === 'custom' && !ownCount) || (d === 'mnist' && task === 'transfer')}>
              {d === 'custom' && ownCount ? `${DATASET_LABELS[d]} (${ownCount.toLocaleString()})` : DATASET_LABELS[d]}
            </option>
          ))}
        </select>
        {task === 'transfer' ? (
          <span className="field-hint">Set B; set A is always MNIST digits.</span>
        ) : (
          !ownCount && <span className="field-hint">Or drop your own images under “Your images”.</span>
        )}
      </div>
    </>
  );
}
