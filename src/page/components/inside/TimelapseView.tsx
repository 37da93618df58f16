import { useEffect, useState } from 'react';
import { useInside } from '../../state/insideStore';
import { exportTimelapse as exportGif } from '../../actions/run';
import { GrayCanvas } from '../samples/GrayCanvas';

const FRAME_MS = 120;

/** Replays training from the grids the worker kept: a scrubber, play/pause, and the whole thing as a GIF. */
export function TimelapseView() {
  const timelapse = useInside((s) => s.timelapse);
  useInside((s) => s.timelapseVersion); // re-render as frames arrive (the timelapse is mutated in place)
  const from = useInside((s) => s.timelapseFrom);
  const busy = useInside((s) => s.busy.gif);
  const [at, setAt] = useState<number | null>(null); // null: follow the latest frame
  const [playing, setPlaying] = useState(false);
  const frames = timelapse.frames;
  const last = frames.length - 1;
  const index = at === null ? last : Math.min(at, last);

  useEffect(() => {
    if (!playing) return;
    const id = setInterval(() => setAt((a) => ((a ?? 0) >= useInside.getState().timelapse.frames.length - 1 ? 0 : (a ?? 0) + 1)), FRAME_MS);
    return () => clearInterval(id);
  }, [playing]);

  if (!frames.length) return null;
  const frame = frames[index];
  return (
    <section className="timelapse" aria-label="Timelapse">
      <h2>
        Timelapse{' '}
        <span className="muted">
          a grid kept every {timelapse.every.toLocaleString()} steps, at most {timelapse.maxFrames}
        </span>
      </h2>
      {from !== null ? (
        <p className="small muted">This run was loaded at step {from.toLocaleString()}: its timelapse starts there (saves keep no grids).</p>
      ) : null}
      <GrayCanvas
        gray={frame.pixels}
        width={timelapse.width}
        height={timelapse.height}
        scale={1}
        data-step={frame.step}
        role="img"
        aria-label={`Samples at step ${frame.step}`}
      />
      <div className="timelapse-controls">
        <button type="button" onClick={() => setPlaying(!playing)} aria-pressed={playing}>
          {playing ? 'Pause' : 'Play'}
        </button>
        <label htmlFor="timelapse-scrub">
          Step <output data-testid="timelapse-step">{frame.step.toLocaleString()}</output>
        </label>
        <input
          id="timelapse-scrub"
          type="range"
          min={0}
          max={last}
          value={index}
          aria-valuetext={`step ${frame.step}, frame ${index + 1} of ${frames.length}`}
          onChange={(e) => {
            setPlaying(false);
            setAt(+e.target.value === last ? null : +e.target.value);
          }}
        />
        <button type="button" onClick={exportGif} disabled={busy}>
          {busy ? 'Encoding GIF…' : 'Export GIF'}
        </button>
      </div>
    </section>
  );
}
