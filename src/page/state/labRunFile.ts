import type { Lab2dConfig, Lab2dEvent } from '../../shared/lab2dProtocol';
import { labRunFileName } from '../../shared/formats/labRun';
import { MetricHistory } from '../../shared/metricHistory';
import { saveBlob } from '../lib/downloads';
import { useLab } from './lab2dStore';
import { writeLab2dLink } from './lab2dLink';
import { labTimelapse } from './labTimelapse';
import { storeLabAutosave } from './labAutosave';

let warnedStorage = false;

/** A run file from the lab's worker: a download, an autosave to store, or an opened run to show (or refused). */
export function receiveRunFile(e: Extract<Lab2dEvent, { type: 'runFile' | 'opened' | 'refused' }>): void {
  if (e.type === 'refused') return useLab.setState({ notice: e.message });
  if (e.type === 'runFile' && e.purpose === 'autosave') {
    void storeLabAutosave(e.bytes, e.step).then((stored) => {
      if (stored || warnedStorage) return;
      warnedStorage = true;
      useLab.setState({ notice: 'This browser blocks storage, so the 2D run is not saved as you train: use Save run to keep it.' });
    });
    return;
  }
  if (e.type === 'runFile') return saveBlob(new Blob([e.bytes as BlobPart], { type: 'application/zip' }), labRunFileName(e.step));
  const histories: [MetricHistory, MetricHistory] = [new MetricHistory(), new MetricHistory()];
  e.histories.forEach((rows, i) => histories[i].replace(rows));
  const configs: [Lab2dConfig, Lab2dConfig | null] = [e.configs[0], e.configs[1] ?? null];
  labTimelapse.clear();
  useLab.setState((s) => ({
    configs,
    drawn: e.drawn,
    strokes: e.drawn.length ? [e.drawn.length] : [],
    layers: e.layers,
    histories,
    stats: [e.stats[0] ?? [], e.stats[1] ?? []],
    running: false,
    preset: null,
    notice: null,
    metricsVersion: s.metricsVersion + 1,
  }));
  history.replaceState(history.state, '', writeLab2dLink(configs, e.drawn, location.search));
}
