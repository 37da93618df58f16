import { useEffect, useRef } from 'react';
import { createStore, useStore, type StoreApi } from 'zustand';

export interface TourStep {
  title: string;
  text: string;
  /** What the step points at: lit while it is shown; the first gets focus on "Show me". */
  targets: string[];
}

const DIGITS_STEPS: TourStep[] = [
  {
    title: '1. Define the architecture',
    text: 'Pick a model. The diagram shows what it builds: a forger G that turns 100 random numbers into an image, and a detective D that scores an image from 0 (fake) to 1 (real). Every layer is listed with its output shape and parameters.',
    targets: ['#model', '.model-diagram'],
  },
  {
    title: '2. Train the discriminator',
    text: 'Each step first shows D a batch of real digits and a batch of fakes and moves its weights to tell them apart. The balance meter shows how it scores them: D(x) for real, D(G(z)) for fakes.',
    targets: ['.balance-meter', '.model-diagram [data-part="D"]'],
  },
  {
    title: '3. Train the generator',
    text: 'Then G’s fakes go through D, and G’s weights move to make D call them real. D should stay near 0.5: too strong and G gets no signal, too weak and G fools it with anything. The learning rates beside the meter shift the balance; Step phase shows one step slowly.',
    targets: ['.phase-steps button', '.model-diagram [data-part="G"]', '.balance-meter'],
  },
  {
    title: '4. Repeat',
    text: 'Train repeats steps 2 and 3 thousands of times. Watch the curves and the samples turn from static into digits; Pause to look closer.',
    targets: ['.control-panel button.primary', 'section.samples'],
  },
  {
    title: '5. Save the generator',
    text: 'The generator alone is the result: Download generator saves it as a TensorFlow.js model that turns 100 random numbers into a digit anywhere.',
    targets: ['[data-action="download-generator"]'],
  },
];

function wasDismissed(key: string): boolean {
  try {
    return localStorage.getItem(key) === '1';
  } catch {
    return false; // storage blocked: show the tour, it can still be closed
  }
}

interface TourState {
  open: boolean;
  index: number;
  /** Opened from the Tour button: its heading takes focus (the first visit does not steal it). */
  focus: boolean;
  show(): void;
  close(): void;
  go(index: number): void;
}

/** A tour: its steps, its heading, and whether it is open (each mode's is dismissed on its own). */
export interface Tour {
  title: string;
  steps: TourStep[];
  store: StoreApi<TourState>;
}

export function createTour(title: string, steps: TourStep[], dismissedKey: string): Tour {
  const store = createStore<TourState>()((set) => ({
    open: !wasDismissed(dismissedKey),
    index: 0,
    focus: false,
    show: () => set({ open: true, index: 0, focus: true }),
    close: () => {
      try {
        localStorage.setItem(dismissedKey, '1');
      } catch {
        // not remembered; the tour still closes
      }
      set({ open: false });
    },
    go: (index) => set({ index }),
  }));
  return { title, steps, store };
}

export const DIGITS_TOUR = createTour('The five steps', DIGITS_STEPS, 'ganvas.tourDismissed');

/** Reopens the tour. */
export function TourButton({ tour }: { tour: Tour }) {
  const open = useStore(tour.store, (s) => s.open);
  const show = useStore(tour.store, (s) => s.show);
  return (
    <button type="button" onClick={show} aria-expanded={open} aria-controls="guided-tour">
      Tour
    </button>
  );
}

/**
 * A tour shown on the live app (digits: the five steps of training a GAN): a
 * panel in the page flow (not a dialog) that lights the controls each step is about.
 */
export function GuidedTour({ tour }: { tour: Tour }) {
  const { open, index, focus, close, go } = useStore(tour.store);
  const heading = useRef<HTMLHeadingElement>(null);
  const steps = tour.steps;
  const step = steps[index];

  useEffect(() => {
    if (!open || !focus) return;
    heading.current?.focus();
    tour.store.setState({ focus: false });
  }, [open, focus, tour]);

  useEffect(() => {
    if (!open) return;
    const lit = step.targets.flatMap((t) => Array.from(document.querySelectorAll<HTMLElement>(t)));
    lit.forEach((el) => el.classList.add('tour-target'));
    lit[0]?.scrollIntoView({ block: 'nearest' });
    return () => lit.forEach((el) => el.classList.remove('tour-target'));
  }, [open, step]);

  if (!open) return null;
  const showMe = () => document.querySelector<HTMLElement>(step.targets[0])?.focus();
  const last = index === steps.length - 1;

  return (
    <section id="guided-tour" className="guided-tour" aria-labelledby="tour-title" onKeyDown={(e) => e.key === 'Escape' && close()}>
      <div className="tour-head">
        <h2 id="tour-title" ref={heading} tabIndex={-1}>
          {tour.title}{' '}
          <span className="muted">
            ({index + 1} of {steps.length})
          </span>
        </h2>
        <button type="button" className="tour-close" onClick={close} aria-label="Dismiss the tour">
          ×
        </button>
      </div>
      <h3 data-testid="tour-step">{step.title}</h3>
      <p>{step.text}</p>
      <div className="buttons">
        <button type="button" onClick={() => go(index - 1)} disabled={index === 0}>
          Back
        </button>
        <button type="button" onClick={showMe}>
          Show me
        </button>
        <button type="button" onClick={() => (last ? close() : go(index + 1))}>
          {last ? 'Done' : 'Next'}
        </button>
      </div>
    </section>
  );
}
