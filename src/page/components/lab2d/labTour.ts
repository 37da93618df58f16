import { createTour } from '../controls/GuidedTour';

/** The 2D lab's tour: what each thing on the canvas is, then where to look for the famous failures. */
export const LAB_TOUR = createTour(
  'The 2D lab in six steps',
  [
    {
      title: '1. Real and fake points',
      text: 'Green points are the real data (here eight blobs on a ring); purple ones are fakes: G turns random noise into points. Pick the data in the panel on the left, or Draw your own.',
      targets: ['canvas[data-index="0"]', 'select[name=data]'],
    },
    {
      title: "2. D's landscape",
      text: "The background is D's verdict on every spot of the plane: green where D says real, purple where it says fake. The balance meter shows how D scores this step's real points, D(x), and fakes, D(G(z)).",
      targets: ['input[name=layer-heatmap]', '.balance-meter'],
    },
    {
      title: "3. G's map",
      text: 'The warped grid is G itself: a square grid of noise (the small view beside the canvas) pushed through G. Where it folds and bunches, G sends much of its noise to one place.',
      targets: ['input[name=layer-mesh]', '.lab-noise'],
    },
    {
      title: '4. The push',
      text: "Each arrow is where G's update moves that fake: minus the gradient of G's loss. Step phase takes one step apart in six phases (sample, generate, discriminate, update D, push, update G) and says what each did.",
      targets: ['input[name=layer-arrows]', '.lab-buttons button[title^="The next"]'],
    },
    {
      title: '5. Mode collapse, and a fix',
      text: "Pick “Mode collapse on the ring”: the fakes pile onto a few blobs and hop between them. “Unrolled vs plain, side by side” trains the same setup with G looking 5 of D's steps ahead: it covers all eight.",
      targets: ['#lab-preset'],
    },
    {
      title: '6. Keep it',
      text: 'Save run downloads the whole lab to open later exactly where it was; the address is a link that rebuilds the same run; the timelapse below the charts replays it and makes a GIF.',
      targets: ['.lab-buttons button[title^="Download this run"]'],
    },
  ],
  'ganvas.labTourDismissed',
);
