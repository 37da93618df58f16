import { checkConfig } from '../../shared/lab2dConfig';
import { messageOf } from '../../shared/errors';
import { LabRunError, packLabRun, unpackLabRun } from '../../shared/formats/labRun';
import type { Lab2dConfig, Lab2dLayers, Lab2dStats } from '../../shared/lab2dProtocol';
import { Gan2d } from './gan2d';

/** A lab's GAN for a run file: its trained state, the page's chart rows and measurements. */
export interface SavedLab {
  gan: Gan2d;
  history: Float64Array;
  stats: Lab2dStats[];
}

/** The run as file bytes; the setups are the GANs' own (live changes included). */
export function saveLabRun(labs: SavedLab[], drawn: number[], layers: Lab2dLayers, now = new Date()): Uint8Array {
  return packLabRun(
    { savedAt: now.toISOString(), configs: labs.map((l) => ({ ...l.gan.config })), drawn, layers },
    labs.map(({ gan, history, stats }) => {
      const s = gan.snapshot();
      return { ...s, stats, arrays: { ...s.arrays, history } };
    }),
  );
}

/**
 * The GANs of a run file, rebuilt from its setups and put back where they
 * were; throws LabRunError, having built nothing the caller keeps, when the
 * file is not a run this ganvas can continue.
 */
export function openLabRun(bytes: Uint8Array): { labs: SavedLab[]; configs: Lab2dConfig[]; drawn: number[]; layers: Lab2dLayers } {
  const { meta, labs } = unpackLabRun(bytes);
  const configs = meta.configs.map((c, i) => {
    try {
      return checkConfig(c);
    } catch (e) {
      throw new LabRunError(`This 2D lab run's setup ${i + 1} is out of range: ${messageOf(e)}.`);
    }
  });
  const built = labs.map((saved, i) => {
    const gan = new Gan2d({ ...configs[i] }, meta.drawn);
    try {
      gan.restore(saved);
    } catch (e) {
      throw new LabRunError(`This 2D lab run's setup ${i + 1} does not fit its own networks: ${messageOf(e)}.`);
    }
    return { gan, history: saved.arrays.history, stats: saved.stats };
  });
  const l = (meta.layers ?? {}) as Partial<Lab2dLayers>;
  const layers = { real: l.real !== false, fake: l.fake !== false, heatmap: l.heatmap !== false, mesh: l.mesh !== false, arrows: l.arrows !== false };
  return { labs: built, configs, drawn: meta.drawn, layers };
}
