// What the page's main thread does while training, from a Chromium trace: shared by the
// main-thread browser test (which judges the page's own work) and `npm run bench -- --main-thread`
// (which reports the wall-clock long tasks, a figure too noisy on a 2-core machine to assert).
import type { Browser, Page } from 'playwright-core';

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string };
}

export interface Spread {
  median: number;
  p95: number;
  max: number;
}

export interface MainThreadCost {
  seconds: number;
  /** Rendered frames in the window, and the main thread's work per frame (ms), wall clock and CPU. */
  frames: number;
  frameWall: Spread;
  frameCpu: Spread;
  /** Every task on the main thread: its CPU time (the page's own work) and wall time (work + waits for a core). */
  taskCpu: Spread;
  /** Tasks over 50 ms of wall clock (the browser's long tasks), and those whose own CPU work alone is over 50 ms. */
  longWall: number[];
  longCpu: number[];
  /** Main-thread CPU per second of the window, ms. */
  cpuPerSecond: number;
}

const spread = (xs: number[]): Spread => {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0;
  return { median: at(0.5), p95: at(0.95), max: s.at(-1) ?? 0 };
};

/**
 * Traces `page` for `ms` and sums the main thread's work. Chromium marks every frame (the Long
 * Animation Frame API's "AnimationFrame") from its first task to the end of its rendering update;
 * a frame's cost is the tasks inside it. Frames exist only when something changed on screen, so
 * idle frames do not water the numbers down.
 */
export async function traceMainThread(browser: Browser, page: Page, ms: number): Promise<MainThreadCost> {
  await browser.startTracing(page, { categories: ['devtools.timeline', 'toplevel'] });
  await page.waitForTimeout(ms);
  const events: TraceEvent[] = JSON.parse((await browser.stopTracing()).toString()).traceEvents;
  const mains = events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  const onMain = (e: TraceEvent) => mains.some((m) => m.pid === e.pid && m.tid === e.tid);
  const tasks = events.filter((e) => e.name === 'ThreadControllerImpl::RunTask' && e.ph === 'X' && onMain(e));
  const marks = events.filter((e) => e.name === 'AnimationFrame' && (e.ph === 'b' || e.ph === 'e') && onMain(e)).sort((a, b) => a.ts - b.ts);
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i + 1 < marks.length; i++) {
    if (marks[i].ph !== 'b' || marks[i + 1].ph !== 'e' || marks[i].pid !== marks[i + 1].pid) continue;
    const inFrame = tasks.filter((t) => t.pid === marks[i].pid && t.ts >= marks[i].ts && t.ts < marks[i + 1].ts);
    wall.push(inFrame.reduce((s, t) => s + (t.dur ?? 0), 0) / 1000);
    cpu.push(inFrame.reduce((s, t) => s + (t.tdur ?? 0), 0) / 1000);
  }
  const taskWall = tasks.map((t) => (t.dur ?? 0) / 1000);
  const taskCpu = tasks.map((t) => (t.tdur ?? 0) / 1000);
  return {
    seconds: ms / 1000,
    frames: wall.length,
    frameWall: spread(wall),
    frameCpu: spread(cpu),
    taskCpu: spread(taskCpu),
    longWall: taskWall.filter((d) => d > 50).map(Math.round),
    longCpu: taskCpu.filter((d) => d > 50).map(Math.round),
    cpuPerSecond: taskCpu.reduce((s, d) => s + d, 0) / (ms / 1000),
  };
}

const f = (x: number) => x.toFixed(2);

export const describeCost = (c: MainThreadCost): string =>
  `${c.frames} frames in ${c.seconds} s; per frame CPU median ${f(c.frameCpu.median)} ms, p95 ${f(c.frameCpu.p95)} ms ` +
  `(wall median ${f(c.frameWall.median)}, p95 ${f(c.frameWall.p95)}); per task CPU p95 ${f(c.taskCpu.p95)} ms, max ${f(c.taskCpu.max)} ms; ` +
  `main thread CPU ${c.cpuPerSecond.toFixed(0)} ms/s; tasks over 50 ms: ${c.longWall.length} by wall clock [${c.longWall.join(', ')}], ${c.longCpu.length} by own CPU [${c.longCpu.join(', ')}]`;
