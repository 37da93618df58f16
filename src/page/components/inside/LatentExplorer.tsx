import { useEffect, useMemo, useState } from 'react';
import { latentNoise } from '../../../shared/latent';
import { NUM_CLASSES } from '../../../shared/settings';
import { SEED_MAX } from '../../../shared/settingRules';
import { LATENT_SLIDERS } from '../../../shared/limits/viewLimits';
import { useInside } from '../../state/insideStore';
import type { GeneratorSourceName } from '../../../shared/protocol';
import { useApp } from '../../state/store';
import { useOnScreen } from '../../hooks/useOnScreen';
import { renderLatent } from '../../actions/run';
import { GrayCanvas, imageOf, stripOf } from '../samples/GrayCanvas';
import { useViewer } from '../../state/viewerStore';

const FRAMES = 8;
const FRAME_MS = 150;
const LATENT = 100;
const newSeed = () => Math.floor(Math.random() * (SEED_MAX + 1));

/** Walks through a generator's latent space: interpolation between two noise vectors, and sliders on a few of one sample's latent values. */
export function LatentExplorer({ source }: { source: GeneratorSourceName }) {
  const walk = useInside((s) => s.latent[`${source}:interpolate`]);
  const single = useInside((s) => s.latent[`${source}:sliders`]);
  // The live generator changes as it trains: render again with each new grid, while the view is on screen.
  const [ref, onScreen] = useOnScreen<HTMLElement>();
  const liveStep = useApp((s) => s.grid?.step);
  const openedStep = useViewer((s) => s.viewer?.meta.step);
  const latestStep = source === 'live' ? liveStep : openedStep;
  const gridStep = onScreen ? latestStep : undefined;
  const [seedA, setSeedA] = useState(1);
  const [seedB, setSeedB] = useState(2);
  const [path, setPath] = useState<'linear' | 'slerp'>('slerp');
  const [playing, setPlaying] = useState(() => !window.matchMedia?.('(prefers-reduced-motion: reduce)').matches);
  const [tick, setTick] = useState(0);
  const [seed, setSeed] = useState(3);
  const [values, setValues] = useState(() => [...latentNoise(3, LATENT).subarray(0, LATENT_SLIDERS)].map((v) => +v.toFixed(1)));
  const [classLabel, setClassLabel] = useState(0);
  const classes = walk?.classes ?? single?.classes ?? 0;

  useEffect(() => {
    if (gridStep === undefined) return;
    renderLatent({ kind: 'interpolate', source, seedA, seedB, frames: FRAMES, path, ...(classes ? { classLabel } : {}) });
  }, [source, seedA, seedB, path, classes, classLabel, gridStep]);
  useEffect(() => {
    if (gridStep === undefined) return;
    renderLatent({ kind: 'sliders', source, seed, values, ...(classes ? { classLabel } : {}) });
  }, [source, seed, values, classes, classLabel, gridStep]);
  useEffect(() => {
    if (!playing || !onScreen) return;
    const id = setInterval(() => setTick((t) => t + 1), FRAME_MS);
    return () => clearInterval(id);
  }, [playing, onScreen]);

  const reseed = (s: number) => {
    setSeed(s);
    setValues([...latentNoise(s, LATENT).subarray(0, LATENT_SLIDERS)].map((v) => +v.toFixed(1)));
  };
  // Back and forth: 0 1 .. 7 6 .. 1 0 1 ..
  const frame = FRAMES - 1 - Math.abs((tick % (2 * FRAMES - 2)) - (FRAMES - 1));
  const frameImage = useMemo(() => (walk ? imageOf(walk.images.gray, 28, frame) : null), [walk, frame]);
  const strip = useMemo(() => (walk ? stripOf(walk.images.gray, 28, walk.images.count) : null), [walk]);
  return (
    <section ref={ref} className="latent-explorer" aria-label={`Latent space of the ${source === 'live' ? 'training' : 'opened'} generator`}>
      <h2>
        Latent space <span className="muted">every point of the 100-number noise is an image</span>
      </h2>
      {classes ? <ClassPicker id={`${source}-class`} value={classLabel} set={setClassLabel} /> : null}
      <h3>Interpolation</h3>
      <div className="latent-controls">
        <SeedField id={`${source}-seed-a`} text="Start seed" value={seedA} set={setSeedA} />
        <SeedField id={`${source}-seed-b`} text="End seed" value={seedB} set={setSeedB} />
        <PathPicker name={`${source}-path`} value={path} set={setPath} />
      </div>
      {walk ? (
        <div className="latent-walk">
          <GrayCanvas
            gray={frameImage}
            width={28}
            height={28}
            scale={4}
            role="img"
            aria-label={`Frame ${frame + 1} of ${FRAMES} between seed ${seedA} and seed ${seedB}`}
          />
          <div>
            <GrayCanvas
              gray={strip}
              width={28 * walk.images.count}
              height={28}
              scale={1.5}
              role="img"
              aria-label={`${walk.images.count} images from seed ${seedA} to seed ${seedB} along a ${path === 'slerp' ? 'great circle' : 'straight line'}`}
            />
            <button type="button" onClick={() => setPlaying(!playing)} aria-pressed={playing}>
              {playing ? 'Pause animation' : 'Play animation'}
            </button>
          </div>
        </div>
      ) : (
        <p className="small muted">Rendering…</p>
      )}
      <h3>Latent sliders</h3>
      <div className="latent-controls">
        <SeedField id={`${source}-seed`} text="Sample seed" value={seed} set={reseed} />
      </div>
      <div className="latent-sliders-view">
        <GrayCanvas
          gray={single?.images.gray ?? null}
          width={28}
          height={28}
          scale={4}
          data-values={single?.request.kind === 'sliders' ? single.request.values.join(',') : ''}
          role="img"
          aria-label={`The sample of seed ${seed} with z1..z${LATENT_SLIDERS} = ${values.join(', ')}`}
        />
        <div className="latent-sliders">
          <Sliders values={values} set={setValues} />
        </div>
      </div>
    </section>
  );
}

function SeedField({ id, text, value, set }: { id: string; text: string; value: number; set(v: number): void }) {
  return (
    <label className="inline-field" htmlFor={id}>
      {text}
      <input
        id={id}
        type="number"
        min={0}
        max={SEED_MAX}
        value={value}
        onChange={(e) => Number.isInteger(+e.target.value) && +e.target.value >= 0 && set(+e.target.value)}
      />
      <button type="button" onClick={() => set(newSeed())} aria-label={`Reroll ${text}`}>
        Reroll
      </button>
    </label>
  );
}

function ClassPicker({ id, value, set }: { id: string; value: number; set(c: number): void }) {
  return (
    <label className="inline-field" htmlFor={id}>
      Class
      <select id={id} value={value} onChange={(e) => set(+e.target.value)}>
        {Array.from({ length: NUM_CLASSES }, (_, c) => (
          <option key={c} value={c}>
            {c}
          </option>
        ))}
      </select>
    </label>
  );
}

function PathPicker({ name, value, set }: { name: string; value: 'linear' | 'slerp'; set(p: 'linear' | 'slerp'): void }) {
  return (
    <fieldset className="latent-path">
      <legend>Path</legend>
      {(['linear', 'slerp'] as const).map((p) => (
        <label key={p}>
          <input type="radio" name={name} value={p} checked={value === p} onChange={() => set(p)} /> {p === 'linear' ? 'Straight line' : 'Great circle (slerp)'}
        </label>
      ))}
    </fieldset>
  );
}

function Sliders({ values, set }: { values: number[]; set(v: number[]): void }) {
  return (
    <>
      {values.map((v, i) => (
        <label key={i}>
          z{i + 1}{' '}
          <input
            type="range"
            min={-3}
            max={3}
            step={0.1}
            value={v}
            aria-valuetext={v.toFixed(1)}
            onChange={(e) => set(values.map((x, j) => (j === i ? +e.target.value : x)))}
          />{' '}
          <output>{v.toFixed(1)}</output>
        </label>
      ))}
    </>
  );
}
