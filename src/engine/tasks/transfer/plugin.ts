import { TASK_LABELS } from '../../../shared/tasks';
import type { TaskPlugin } from '../../loop/plugin';
import { TransferTask } from './transferTask';

/** Domain transfer: CycleGAN between MNIST digits (set A) and the run's data set (B). */
export const transfer: TaskPlugin = {
  id: 'transfer',
  needs: { test: true, digits: true, samplers: 2 },
  build: (config, data) => new TransferTask(config, data),
  describe: () => TASK_LABELS.transfer,
  // The applications' networks are small convnets: probe as for DCGAN.
  probe: (c) => ({ label: TASK_LABELS.transfer, model: 'dcgan', key: `transfer/${c.upscale}` }),
  // An opened translator works on MNIST digits, its set A, whatever set B was.
  opened: { inputShapes: ['28,28,1'], dataset: () => 'mnist', input: (images) => images },
};
