import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { QualityFiles } from '../../src/engine/quality/monitor';
import type { DatasetName } from '../../src/shared/protocol';

/** The shipped classifier's files (public/models/<dataset>/), as the worker fetches them. */
export function qualityFiles(dataset: DatasetName): QualityFiles {
  const dir = join(import.meta.dirname, '..', '..', 'public', 'models', dataset);
  const bin = readFileSync(join(dir, 'weights.bin'));
  return {
    modelJson: readFileSync(join(dir, 'model.json'), 'utf8'),
    weights: bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength) as ArrayBuffer,
    stats: readFileSync(join(dir, 'stats.json'), 'utf8'),
  };
}
