import { useState } from 'react';
import { checkSampleCount, SAMPLES_DEFAULT, SAMPLES_MAX, SAMPLES_MIN } from '../../../shared/limits/viewLimits';
import { useInside } from '../../state/insideStore';
import type { GeneratorSourceName } from '../../../shared/protocol';
import { exportSamples } from '../../actions/run';

/** N generated images as a zip of PNGs + CSV, for data augmentation. */
export function ExportSamples({ source }: { source: GeneratorSourceName }) {
  const [text, setText] = useState(String(SAMPLES_DEFAULT));
  const busy = useInside((s) => s.busy.samples);
  const progress = useInside((s) => s.samplesProgress);
  const count = text.trim() === '' ? NaN : Number(text);
  const problem = checkSampleCount(count);
  const id = `${source}-sample-count`;
  // While one runs, a new request still goes to the worker, which refuses it with a message (never a silent queue).
  const exportZip = () => {
    if (problem) return;
    exportSamples(source, count);
  };
  return (
    <div className="export-samples">
      <label htmlFor={id}>Images</label>
      <input
        id={id}
        name="sampleCount"
        type="number"
        min={SAMPLES_MIN}
        max={SAMPLES_MAX}
        value={text}
        aria-invalid={problem ? true : undefined}
        aria-describedby={problem ? `${id}-error` : undefined}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => e.key === 'Enter' && exportZip()}
      />
      <button type="button" onClick={exportZip} disabled={busy || problem !== null}>
        {busy ? 'Exporting…' : 'Export samples'}
      </button>
      {progress && (
        <progress
          value={progress.done}
          max={progress.count}
          aria-label="Samples exported so far"
          title={`${progress.done.toLocaleString()} of ${progress.count.toLocaleString()}; training goes on meanwhile`}
        />
      )}
      {problem ? (
        <span id={`${id}-error`} className="field-error" role="alert">
          {problem}
        </span>
      ) : (
        <span className="field-hint">a zip of PNGs and a CSV</span>
      )}
    </div>
  );
}
