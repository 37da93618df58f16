// An in-page recorder: a MutationObserver that timestamps (on the page's
// performance.now() clock) every change of the step and tensor counters, every
// quality evaluation, when Train becomes enabled, and every error notice. The bench reads it afterwards,
// so timing never depends on how often Node polls.
import { ALL_CORES_KEY } from '../../src/shared/workerName';
import type { Browser, Page } from 'playwright-core';

export interface Sample {
  /** ms since navigation (page clock) */
  t: number;
  step: number;
  tensors: number | null;
  /** The app's D and G update times (ms), where it shows them. */
  split: [number, number] | null;
}

/** One quality evaluation, from the quality chart's data attributes. */
export interface QualityReading {
  /** ms since navigation (page clock) when it appeared */
  t: number;
  step: number;
  fd: number;
  floor: number;
  score: number;
  modes: number;
}

export interface Recording {
  samples: Sample[];
  quality: QualityReading[];
  readyAt: number | null;
  clickAt: number | null;
  notices: { t: number; text: string }[];
}

declare global {
  interface Window {
    __bench?: Recording;
  }
}

/** Runs in the page before the app's scripts (serialised by addInitScript: no closures). */
function recorder(): void {
  const rec: Recording = { samples: [], quality: [], readyAt: null, clickAt: null, notices: [] };
  window.__bench = rec;
  const seen = new WeakSet<Element>();
  const read = (id: string, re: RegExp): number | null => {
    const text = document.querySelector(`[data-testid="${id}"]`)?.textContent ?? '';
    const m = text.match(re);
    return m ? Number(m[0].replace(/\D/g, '')) : null;
  };
  const check = (): void => {
    const t = performance.now();
    // Step is toLocaleString'd ("12,345"); tensors read "29 (2.6 MB)".
    const step = read('stat-step', /^[\d,.\s\u00a0\u202f]*\d/);
    const tensors = read('stat-tensors', /^\d+/);
    // "4.1 / 5.0", or "–" on GPU backends.
    const dg = (document.querySelector('[data-testid="stat-split"]')?.textContent ?? '').match(/^([\d.]+) \/ ([\d.]+)$/);
    const split: [number, number] | null = dg ? [Number(dg[1]), Number(dg[2])] : null;
    const last = rec.samples[rec.samples.length - 1];
    if (step !== null && (!last || last.step !== step || last.tensors !== tensors)) rec.samples.push({ t, step, tensors, split });
    const q = document.querySelector<HTMLElement>('section.quality-chart')?.dataset;
    if (q?.step && Number(q.step) !== rec.quality[rec.quality.length - 1]?.step) {
      rec.quality.push({ t, step: Number(q.step), fd: Number(q.fd), floor: Number(q.floor), score: Number(q.score), modes: Number(q.modes) });
    }
    const train = document.querySelector<HTMLButtonElement>('button.primary');
    if (rec.readyAt === null && train && !train.disabled) rec.readyAt = t;
    for (const el of document.querySelectorAll('.notice-error')) {
      if (seen.has(el)) continue;
      seen.add(el);
      rec.notices.push({ t, text: (el.querySelector('span')?.textContent ?? el.textContent ?? '').trim() });
    }
  };
  new MutationObserver(check).observe(document, {
    subtree: true,
    childList: true,
    characterData: true,
    attributes: true,
    attributeFilter: ['disabled', 'data-step'],
  });
}

export async function installRecorder(page: Page): Promise<void> {
  // tsx compiles with keepNames, so serialised functions call esbuild's __name helper.
  await page.addInitScript('globalThis.__name ??= (fn) => fn;');
  await page.addInitScript(recorder);
}

export async function recording(page: Page): Promise<Recording> {
  const r = await page.evaluate(() => window.__bench);
  if (!r) throw new Error('the bench recorder is missing from the page');
  return r;
}

/** Clicks Train and stamps the click on the page clock. */
export async function clickTrain(page: Page): Promise<void> {
  await page.evaluate(() => {
    const rec = window.__bench;
    const train = document.querySelector<HTMLButtonElement>('button.primary');
    if (!rec || !train) throw new Error('no Train button');
    rec.clickAt = performance.now();
    train.click();
  });
}

/**
 * Waits until `predicate(recording, arg)` holds in the page, or until the
 * wall-clock `deadline` (Date.now() ms). Returns false on timeout.
 */
export async function until<A>(page: Page, predicate: (rec: Recording, arg: A) => boolean, arg: A, deadline: number): Promise<boolean> {
  // Polled from here as a string expression, which the debugger protocol evaluates outside the page's
  // CSP; waitForFunction would evaluate the predicate with the page's own eval, which the CSP forbids.
  const expression = `(() => { const rec = window.__bench; return !!rec && (${predicate.toString()})(rec, ${JSON.stringify(arg)}); })()`;
  while (Date.now() < deadline) {
    if (await page.evaluate(expression)) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

/** Loading data and probing backends before Train is enabled. */
const READY_TIMEOUT_MS = 300_000;

/** Opens the app at `url` with the recorder in it and waits for Train; returns the page and the app's backend line. */
/** The page's "Use all cores" ticked before it loads, as a visitor's remembered choice (page/state/coresStore.ts). */
export const tickAllCores = (page: Page) => page.addInitScript((key) => localStorage.setItem(key, '1'), ALL_CORES_KEY);

/** `allCores`: see tickAllCores. */
export async function openReady(browser: Browser, url: string, allCores = false): Promise<{ page: Page; backendLine: string }> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await installRecorder(page);
  if (allCores) await tickAllCores(page);
  await page.goto(url);
  await until(page, (rec) => rec.readyAt !== null || rec.notices.length > 0, null, Date.now() + READY_TIMEOUT_MS);
  const ready = await recording(page);
  if (ready.readyAt === null) throw new Error(`Train never became enabled: ${ready.notices.map((n) => n.text).join(' | ') || 'timeout'}`);
  const backendLine = (await page.getByTestId('backend').textContent())?.trim() ?? '';
  return { page, backendLine };
}
