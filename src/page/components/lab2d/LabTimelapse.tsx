import { useEffect, useRef, useState } from 'react';
import { frames, onFrame, useLab } from '../../state/lab2dStore';
import { captureLab, labTimelapse, labTimelapseGif } from '../../state/labTimelapse';
import { saveBlob } from '../../lib/downloads';
import { messageOf } from '../../../shared/errors';

/** Keeps a picture of the lab's canvases when one is due, after they have drawn the new frame; returns a version that moves with each. */
function useCapture(): number {
  const [version, setVersion] = useState(0);
  useEffect(() => {
    let pending = 0;
    const off = onFrame(() => {
      // The canvases draw in their own animation frame callback, registered first: this one runs after them.
      pending ||= requestAnimationFrame(() => {
        pending = 0;
        const step = frames[0]?.step ?? -1;
        const canvases = [...document.querySelectorAll<HTMLCanvasElement>('.lab-canvas canvas[data-index]')];
        if (step >= 0 && !frames[0]?.phase && captureLab(step, canvases)) setVersion((v) => v + 1);
      });
    });
    return () => {
      off();
      cancelAnimationFrame(pending);
    };
  }, []);
  return version;
}

/** The lab's canvases through the run: a scrubber over the kept pictures and the whole film as a GIF. */
export function LabTimelapse() {
  const version = useCapture();
  // A new run: the timelapse was cleared with the histories.
  const run = useLab((s) => s.histories);
  const [at, setAt] = useState<number | null>(null); // null: follow the latest picture
  const [busy, setBusy] = useState(false);
  const ref = useRef<HTMLCanvasElement>(null);
  const kept = labTimelapse.frames;
  const index = at === null ? kept.length - 1 : Math.min(at, kept.length - 1);
  const frame = kept[index];

  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx || !frame) return;
    Object.assign(ctx.canvas, { width: labTimelapse.width, height: labTimelapse.height });
    ctx.putImageData(new ImageData(frame.pixels as Uint8ClampedArray<ArrayBuffer>, labTimelapse.width, labTimelapse.height), 0, 0);
  }, [frame, version, run]);

  if (kept.length < 2 || !frame) return null;
  const download = async () => {
    setBusy(true);
    try {
      const bytes = await labTimelapseGif(labTimelapse);
      saveBlob(new Blob([bytes as BlobPart], { type: 'image/gif' }), `ganvas-2d-lab-step-${kept[kept.length - 1].step}.gif`);
    } catch (e) {
      useLab.setState({ notice: `The GIF could not be made: ${messageOf(e)}` });
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="lab-timelapse" aria-label="Timelapse">
      <h2>
        Timelapse{' '}
        <span className="muted">
          the canvas kept every {labTimelapse.every.toLocaleString()} steps, at most {labTimelapse.maxFrames} pictures
        </span>
      </h2>
      <canvas ref={ref} data-step={frame.step} role="img" aria-label={`The canvas at step ${frame.step}`} />
      <div className="timelapse-controls">
        <label htmlFor="lab-timelapse-scrub">
          Step <output data-testid="lab-timelapse-step">{frame.step.toLocaleString()}</output>
        </label>
        <input
          id="lab-timelapse-scrub"
          type="range"
          min={0}
          max={kept.length - 1}
          value={index}
          onChange={(e) => setAt(Number(e.target.value) === kept.length - 1 ? null : Number(e.target.value))}
        />
        <button type="button" onClick={() => void download()} disabled={busy}>
          {busy ? 'Making the GIF…' : 'Download GIF'}
        </button>
      </div>
    </section>
  );
}
