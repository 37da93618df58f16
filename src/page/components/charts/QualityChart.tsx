import { memo, useDeferredValue } from 'react';
import { Line, ReferenceLine } from 'recharts';
import { NUM_CLASSES } from '../../../shared/choices/datasets';
import type { QualityPoint } from '../../../shared/protocol';
import { useApp } from '../../state/store';
import { useLagged } from '../../hooks/useLagged';
import { ChartFrame } from './ChartFrame';

// The classifier score's ceiling is the class count (a confident, even spread over every class).
const SCORE_DOMAIN: [number, number] = [0, NUM_CLASSES];
const MODES_DOMAIN: [number, number] = [0, NUM_CLASSES];
const FD_DOMAIN: [number, string] = [0, 'auto'];
const formatValue = (v: unknown): string => Number(v).toFixed(2);

const Panel = memo(function Panel({
  title,
  dataKey,
  color,
  rows,
  domain,
  floor,
}: {
  title: string;
  dataKey: keyof QualityPoint;
  color: string;
  rows: QualityPoint[];
  domain: [number, number] | [number, string];
  floor?: number;
}) {
  return (
    <ChartFrame title={title} height={130} rows={rows} yDomain={domain} format={formatValue}>
      {floor !== undefined && (
        <ReferenceLine y={floor} stroke="#bbb" strokeDasharray="4 4" label={{ value: 'real data', fill: '#bbb', fontSize: 10, position: 'insideTopRight' }} />
      )}
      <Line dataKey={dataKey} name={title} stroke={color} dot={rows.length < 30} activeDot={false} strokeWidth={2} isAnimationActive={false} />
    </ChartFrame>
  );
});

/** What the latest evaluation says, in words: the charts' text alternative. */
export function describeQuality(p: QualityPoint): string {
  return (
    `At step ${p.step.toLocaleString()}: Frechet distance ${p.fd.toFixed(1)} (real images score ${p.floor.toFixed(1)} at ${p.count} samples; lower is better), ` +
    `classifier score ${p.score.toFixed(2)} of ${NUM_CLASSES}, ${p.modes} of ${NUM_CLASSES} classes covered` +
    (p.spread === undefined ? '' : `, spread ${p.spread.toFixed(2)} (real images 1, all alike 0)`) +
    `. Measured in ${Math.round(p.ms)} ms.`
  );
}

/**
 * Is it learning? The reference classifier's verdict over steps: Frechet
 * distance to the test set (with the real-vs-real floor), classifier score and
 * classes covered.
 */
export function QualityChart() {
  // The charts are mounted before the first point, and a new point redraws them one task each: all three
  // in one commit cost a 100-150 ms task while training.
  const quality = useDeferredValue(useApp((s) => s.quality));
  const second = useLagged(quality, 50);
  const third = useLagged(quality, 100);
  const custom = useApp((s) => s.config?.dataset === 'custom');
  const last = quality.at(-1);
  if (custom) {
    return (
      <section className="quality-chart" aria-label="Sample quality" data-points={0}>
        <h3>Sample quality</h3>
        <p className="muted">
          Not measured for your own images: the score needs a classifier trained on the same kind of images, and there is none for yours. Judge by the samples
          and the timelapse.
        </p>
      </section>
    );
  }
  return (
    // The latest point's exact values as data attributes: `npm run bench -- --quality` reads them.
    <section
      className="quality-chart"
      aria-label="Sample quality"
      data-points={quality.length}
      data-step={last?.step}
      data-fd={last?.fd}
      data-floor={last?.floor}
      data-score={last?.score}
      data-modes={last?.modes}
    >
      <h3>Sample quality</h3>
      {last ? (
        <p className="quality-summary" aria-live="polite">
          {describeQuality(last)}
        </p>
      ) : (
        <p className="muted">Measured every ~10 s of training by a classifier trained once on the real data set.</p>
      )}
      <Panel title="Frechet distance to real images" dataKey="fd" color="#b07aa1" rows={quality} domain={FD_DOMAIN} floor={last?.floor} />
      <Panel title={`Classifier score (real data ≈ ${NUM_CLASSES})`} dataKey="score" color="#59a14f" rows={second} domain={SCORE_DOMAIN} />
      <Panel title="Classes covered" dataKey="modes" color="#f28e2b" rows={third} domain={MODES_DOMAIN} />
    </section>
  );
}
