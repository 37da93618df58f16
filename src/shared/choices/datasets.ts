import type { DatasetName } from '../protocol';

/** What each data set is called in the UI. */
export const DATASET_LABELS: Record<DatasetName, string> = {
  mnist: 'MNIST digits',
  fashion: 'Fashion-MNIST clothes',
  custom: 'Your images',
};

/** Classes a conditional G can ask for: MNIST's ten digits, Fashion-MNIST's ten kinds (CLASS_NAMES). */
export const NUM_CLASSES = 10;

/** Class names in label order (Fashion-MNIST's as its authors list them). */
export const CLASS_NAMES: Record<DatasetName, readonly string[]> = {
  mnist: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
  fashion: ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'],
  custom: [],
};
