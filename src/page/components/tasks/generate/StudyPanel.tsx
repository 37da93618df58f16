import { useState } from 'react';
import { Bar, BarChart, CartesianGrid, ErrorBar, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import { STUDY_ADDED, STUDY_REAL, STUDY_STEPS, type StudyResult } from '../../../../shared/study';
import { useApp } from '../../../state/store';
import { usePlay } from '../../../state/playStore';
import { runStudy } from '../../../actions/run';

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const TICK = { fontSize: 11 };

/** The answer in one sentence, gain or loss, with the spread that says how sure it is. */
export function studyVerdict(r: StudyResult): string {
  const gain = r.mean.augmented - r.mean.realOnly;
  const noise = Math.max(r.spread.augmented, r.spread.realOnly);
  const size = `${Math.abs(100 * gain).toFixed(1)} points`;
  const how =
    Math.abs(gain) <= noise
      ? `within the spread over seeds (±${(100 * noise).toFixed(1)}): no clear effect`
      : gain > 0
        ? `it helped by ${size}`
        : `it hurt, by ${size}`;
  return `With ${r.plan.real.toLocaleString()} real images, adding ${r.plan.added.toLocaleString()} generated ones (generator at step ${r.step.toLocaleString()}) moved test accuracy from ${pct(r.mean.realOnly)} to ${pct(r.mean.augmented)}: ${how}.`;
}

function StudyChart({ result }: { result: StudyResult }) {
  const rows = [
    { arm: `${result.plan.real} real`, accuracy: 100 * result.mean.realOnly, sd: 100 * result.spread.realOnly },
    { arm: `+ ${result.plan.added} generated`, accuracy: 100 * result.mean.augmented, sd: 100 * result.spread.augmented },
  ];
  return (
    <ResponsiveContainer width="100%" height={160}>
      <BarChart data={rows} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
        <CartesianGrid stroke="#2a2f3a" />
        <XAxis dataKey="arm" stroke="#8a93a6" tick={TICK} interval={0} />
        <YAxis domain={[0, 100]} stroke="#8a93a6" tick={TICK} width={40} unit="%" interval={0} />
        <Bar dataKey="accuracy" fill="#4e79a7" isAnimationActive={false}>
          <ErrorBar dataKey="sd" width={8} stroke="#eee" />
        </Bar>
      </BarChart>
    </ResponsiveContainer>
  );
}

function StudyTable({ result }: { result: StudyResult }) {
  return (
    <table className="study-table" data-testid="study-table">
      <caption>Test accuracy on all {result.testImages.toLocaleString()} test images</caption>
      <thead>
        <tr>
          <th scope="col">Seed</th>
          <th scope="col">{result.plan.real} real</th>
          <th scope="col">+ {result.plan.added} generated</th>
        </tr>
      </thead>
      <tbody>
        {result.rows.map((r) => (
          <tr key={r.seed}>
            <td>{r.seed}</td>
            <td>{pct(r.realOnly)}</td>
            <td>{pct(r.augmented)}</td>
          </tr>
        ))}
        <tr className="study-mean">
          <th scope="row">mean ± sd</th>
          <td>
            {pct(result.mean.realOnly)} ± {(100 * result.spread.realOnly).toFixed(1)}
          </td>
          <td>
            {pct(result.mean.augmented)} ± {(100 * result.spread.augmented).toFixed(1)}
          </td>
        </tr>
      </tbody>
    </table>
  );
}

/** "Does augmentation help?": the reference classifier's architecture on few real images, with and without the generator's. */
export function StudyPanel() {
  const [real, setReal] = useState<number>(STUDY_REAL[0]);
  const [added, setAdded] = useState<number>(STUDY_ADDED[1]);
  const { progress, result } = usePlay((s) => s.study);
  const ready = useApp((s) => s.status !== 'loading');
  const run = () => runStudy(real, added);
  return (
    <section className="study" aria-label="Does augmentation help?">
      <h3>Does augmentation help?</h3>
      <p className="muted">
        Trains a small classifier (the reference classifier’s architecture, {STUDY_STEPS} steps) on a few real labelled images, alone and with images from this
        conditional generator labelled with the digit asked for; three seeds each, in the worker. Training pauses while it runs (a few minutes on a CPU).
      </p>
      <div className="study-controls">
        <label>
          Real images{' '}
          <select value={real} onChange={(e) => setReal(Number(e.target.value))} disabled={!!progress}>
            {STUDY_REAL.map((n) => (
              <option key={n}>{n}</option>
            ))}
          </select>
        </label>
        <label>
          Generated images{' '}
          <select value={added} onChange={(e) => setAdded(Number(e.target.value))} disabled={!!progress}>
            {STUDY_ADDED.map((n) => (
              <option key={n}>{n}</option>
            ))}
          </select>
        </label>
        <button type="button" onClick={run} disabled={!ready || !!progress}>
          {progress ? `Running… ${progress.done}/${progress.total} classifiers` : 'Run the study'}
        </button>
      </div>
      {result && (
        <>
          <p className="study-verdict" aria-live="polite">
            {studyVerdict(result)}
          </p>
          <StudyChart result={result} />
          <StudyTable result={result} />
        </>
      )}
    </section>
  );
}
