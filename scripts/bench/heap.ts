// JS heap of the page (main thread) and of the training worker, via the
// Chrome DevTools Protocol. performance.memory does not exist in workers.
import type { Browser, Page } from 'playwright-core';

export interface Heap {
  /** Main-thread JS heap in use, MB. */
  pageMB: number | null;
  /** Training worker's JS heap in use, MB. */
  workerMB: number | null;
  /** ArrayBuffers held by the worker (MNIST bytes, WASM memory), MB. */
  workerBuffersMB: number | null;
}

const MB = 1e6;

async function pageHeap(page: Page): Promise<number | null> {
  const s = await page.context().newCDPSession(page);
  try {
    await s.send('Performance.enable');
    const { metrics } = await s.send('Performance.getMetrics');
    const used = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value;
    return used === undefined ? null : used / MB;
  } finally {
    await s.detach();
  }
}

interface HeapUsage {
  usedSize: number;
  backingStorageSize?: number;
}

/** Attaches to the trainer worker (non-flat session), runs one CDP method there and returns its result. */
export async function inTrainerWorker<T>(browser: Browser, method: string): Promise<T | null> {
  const s = await browser.newBrowserCDPSession();
  try {
    const { targetInfos } = await s.send('Target.getTargets');
    const worker = targetInfos.find((t) => t.type === 'worker' && t.url.includes('trainer.worker'));
    if (!worker) return null;
    const { sessionId } = await s.send('Target.attachToTarget', { targetId: worker.targetId, flatten: false });
    const reply = new Promise<T | null>((resolve) => {
      const timer = setTimeout(() => resolve(null), 5000);
      s.on('Target.receivedMessageFromTarget', (e) => {
        if (e.sessionId !== sessionId) return;
        const msg = JSON.parse(e.message) as { id?: number; result?: T };
        if (msg.id !== 1) return;
        clearTimeout(timer);
        resolve(msg.result ?? null);
      });
    });
    await s.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id: 1, method }) });
    const usage = await reply;
    await s.send('Target.detachFromTarget', { sessionId }).catch(() => undefined);
    return usage;
  } finally {
    await s.detach();
  }
}

/** Never throws: a heap reading is a nice-to-have next to the speed numbers. */
export async function readHeap(browser: Browser, page: Page): Promise<Heap> {
  const [p, w] = await Promise.all([pageHeap(page).catch(() => null), inTrainerWorker<HeapUsage>(browser, 'Runtime.getHeapUsage').catch(() => null)]);
  return {
    pageMB: p,
    workerMB: w ? w.usedSize / MB : null,
    workerBuffersMB: w?.backingStorageSize !== undefined ? w.backingStorageSize / MB : null,
  };
}
