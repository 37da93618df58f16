import type { Lab2dConfig, Lab2dEvent } from '../../shared/lab2dProtocol';
import { labRunFileName } from '../../shared/formats/labRun';
import { MetricHistory } from '../../shared/metricHistory';
import { messageOf } from '../../shared/errors';
import { labBridge } from '../bridge/lab2dBridge';
import { saveBlob } from '../lib/downloads';
import { useLab } from './lab2dStore';
import { writeLab2dLink } from './lab2dLink';
import { labTimelapse } from './labTimelapse';
import { dropLabAutosave, LAB_AUTOSAVE_MS, readLabAutosave, storeLabAutosave } from './labAutosave';

/** Save run (or an autosave): the worker packs the GANs; the charts' rows and measurements go with the request. */
export function saveLabRunFile(purpose: 'download' | 'autosave' = 'download'): void {
  const { histories, stats, configs } = useLab.getState();
  const rows = histories.slice(0, configs[1] ? 2 : 1).map((h) => h.toRows());
  labBridge.send(
    { type: 'exportRun', histories: rows, stats: stats.slice(0, rows.length), purpose },
    rows.map((r) => r.buffer),
  );
}

let warnedStorage = false;

/** Autosaves while training and on pause, and offers a stored run when the page opens. */
export function startLabAutosave(): void {
  setInterval(() => useLab.getState().running && saveLabRunFile('autosave'), LAB_AUTOSAVE_MS);
  useLab.subscribe((s, before) => {
    if (before.running && !s.running && s.histories[0].length) saveLabRunFile('autosave');
    if (s.running && s.resumeOffer) useLab.setState({ resumeOffer: null });
  });
  void readLabAutosave().then((saved) => saved && saved.step > 0 && useLab.setState({ resumeOffer: { step: saved.step, savedAt: saved.savedAt } }));
}

/** The offer's answer: open the stored run, or forget it. */
export async function answerResumeOffer(resume: boolean): Promise<void> {
  useLab.setState({ resumeOffer: null });
  const saved = resume ? await readLabAutosave() : null;
  if (saved) labBridge.send({ type: 'openRun', bytes: saved.bytes }, [saved.bytes.buffer]);
  else await dropLabAutosave();
}

/** Open run: the worker checks the file and either replaces the run or refuses it, changing nothing. */
export async function openLabRunFile(file: File): Promise<void> {
  try {
    const bytes = new Uint8Array(await file.arrayBuffer());
    labBridge.send({ type: 'openRun', bytes }, [bytes.buffer]);
  } catch (e) {
    useLab.setState({ notice: `${file.name} could not be read: ${messageOf(e)}` });
  }
}

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
