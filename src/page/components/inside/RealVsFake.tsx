import { memo, useRef, useState } from 'react';
import { useInside } from '../../state/insideStore';
import type { GrayImages, ScoreKind } from '../../../shared/protocol';
import { useHeldWhileHidden, useOnScreen } from '../../hooks/useOnScreen';
import { GrayCanvas, imageOf } from '../samples/GrayCanvas';

interface Picked {
  kind: 'real' | 'generated';
  index: number;
  gray: Uint8Array;
  score: number;
}

/** How a score reads: "0.83" real-probability, or a raw critic value. */
export function scoreText(score: number, kind: ScoreKind): string {
  return kind === 'probability' ? score.toFixed(2) : score.toFixed(1);
}

function describeScore(score: number, kind: ScoreKind): string {
  return kind === 'probability' ? `D says ${Math.round(score * 100)}% real` : `critic value ${score.toFixed(2)} (higher reads as more real)`;
}

/** Real training images beside generated ones, each with the discriminator's score; below the fold it holds the last ones shown. */
export function RealVsFake() {
  const [ref, onScreen] = useOnScreen<HTMLDivElement>();
  const rvf = useHeldWhileHidden(
    useInside((s) => s.realVsFake),
    onScreen,
  );
  return <div ref={ref}>{rvf && <RealVsFakeView rvf={rvf} />}</div>;
}

/** Click (or Enter on) an image to see it large. */
const RealVsFakeView = memo(function RealVsFakeView({ rvf }: { rvf: NonNullable<ReturnType<typeof useInside.getState>['realVsFake']> }) {
  const [picked, setPicked] = useState<Picked | null>(null);
  const dialog = useRef<HTMLDialogElement>(null);
  const open = (p: Picked) => {
    setPicked(p);
    dialog.current?.showModal();
  };
  const row = (kind: Picked['kind'], images: GrayImages, scores: number[]) => (
    <>
      <div className="rvf-label" aria-hidden="true">
        {kind === 'real' ? 'Real (training data)' : 'Generated'}
      </div>
      <div className="rvf-row" role="list" aria-label={kind === 'real' ? 'Real training images' : 'Generated images'}>
        {scores.map((score, i) => {
          const gray = imageOf(images.gray, images.size, i);
          const label = `${kind} image ${i + 1}: ${describeScore(score, rvf.scoreKind)}`;
          return (
            <div role="listitem" key={i}>
              <button type="button" className="rvf-image" aria-label={label} data-score={score} onClick={() => open({ kind, index: i, gray, score })}>
                <GrayCanvas gray={gray} width={images.size} height={images.size} scale={1.5} aria-hidden="true" />
                <span className="rvf-score">{scoreText(score, rvf.scoreKind)}</span>
              </button>
            </div>
          );
        })}
      </div>
    </>
  );
  return (
    <section className="real-vs-fake" aria-label="Real vs fake">
      <h2>
        Real vs fake <span className="muted">the detective's verdict at step {rvf.step.toLocaleString()}</span>
      </h2>
      <p className="small muted">
        {rvf.scoreKind === 'probability'
          ? "D's probability that each image is real: near 1 for real, near 0 for fakes, until the forger improves."
          : "The critic's raw score: higher reads as more real; only differences matter."}
      </p>
      {row('real', rvf.real, rvf.realScores)}
      {row('generated', rvf.fake, rvf.fakeScores)}
      <dialog ref={dialog} className="rvf-dialog" aria-labelledby="rvf-dialog-title" onClose={() => setPicked(null)}>
        {picked ? (
          <>
            <h2 id="rvf-dialog-title">
              {picked.kind === 'real' ? 'Real' : 'Generated'} image {picked.index + 1}
            </h2>
            <GrayCanvas gray={picked.gray} width={28} height={28} scale={10} role="img" aria-label={`${picked.kind} image ${picked.index + 1}, enlarged`} />
            <p data-testid="rvf-dialog-score">
              {describeScore(picked.score, rvf.scoreKind)} ({scoreText(picked.score, rvf.scoreKind)})
            </p>
          </>
        ) : null}
        <form method="dialog">
          <button type="submit" autoFocus>
            Close
          </button>
        </form>
      </dialog>
    </section>
  );
});
