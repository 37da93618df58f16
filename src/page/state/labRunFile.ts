import type { Lab2dConfig, Lab2dEvent } from '../../shared/lab2dProtocol';
import { labRunFileName } from '../../shared/formats/labRun';
import { MetricHistory } from '../../shared/metricHistory';
import { messageOf } from '../../shared/errors';
import { labBridge } from '../bridge/lab2dBridge';
import { saveBlob } from '../lib/downloads';
import { useLab } from './lab2dStore';
import { writeLab2dLink } from './lab2dLink';
import { labTimelapse } from './labTimelapse';

/** Save run: the worker packs the GANs; the charts' rows and measurements go with the request. */
export function saveLabRunFile(): void {
  const { histories, stats, configs } = useLab.getState();
  const rows = histories.slice(0, configs[1] ? 2 : 1).map((h) => h.toRows());
  labBridge.send({ type: 'exportRun', histories: rows, stats: stats.slice(0, rows.length) }, rows.map((r) => r.buffer));
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
