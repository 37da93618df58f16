// One bridge class for every worker (the training worker, the 2D lab's): a silent worker is
// reported after 10 s, any message clears it, a crash is reported, and a restart starts afresh.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WorkerBridge } from '../../src/page/bridge/workerBridge';
import type { WorkerHealth } from '../../src/page/state/healthStore';

/** Enough of a Worker for the bridge: what it was sent, and a way to speak or crash. */
class FakeWorker {
  sent: unknown[] = [];
  terminated = false;
  onmessage: ((e: MessageEvent) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  onmessageerror: (() => void) | null = null;
  postMessage(m: unknown): void {
    this.sent.push(m);
  }
  terminate(): void {
    this.terminated = true;
  }
  say(data: unknown): void {
    this.onmessage?.({ data } as MessageEvent);
  }
  crash(message: string): void {
    this.onerror?.({ message, preventDefault: () => undefined } as ErrorEvent);
  }
}

function started() {
  const workers: { name: string; worker: FakeWorker }[] = [];
  const bridge = new WorkerBridge<string, { type: string }>((name) => {
    const worker = new FakeWorker();
    workers.push({ name, worker });
    return worker as unknown as Worker;
  });
  const events: string[] = [];
  const health: WorkerHealth[] = [];
  bridge.start({ event: (e) => events.push(e.type), health: (h) => health.push(h), unreadable: () => events.push('unreadable') }, ['first'], 'a-name');
  return { bridge, workers, events, health };
}

describe('the worker bridge', () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'setTimeout', 'clearTimeout', 'performance'] }));
  afterEach(() => vi.useRealTimers());

  it('starts the worker under its name, sends the first commands, and hands events on', () => {
    const { bridge, workers, events } = started();
    expect(workers.map((w) => w.name)).toEqual(['a-name']);
    bridge.send('next');
    expect(workers[0].worker.sent).toEqual(['first', 'next']);
    workers[0].worker.say({ type: 'ready' });
    expect(events).toEqual(['ready']);
  });

  it('heartbeats keep it healthy; 10 s of silence is reported, and the next message clears it', () => {
    const { workers, health } = started();
    for (let s = 0; s < 30; s += 2) {
      vi.advanceTimersByTime(2000);
      workers[0].worker.say({ type: 'heartbeat' });
    }
    expect(health).toEqual([]);
    vi.advanceTimersByTime(11_000);
    expect(health.at(-1)).toEqual({ state: 'silent', seconds: 11 });
    workers[0].worker.say({ type: 'heartbeat' });
    expect(health.at(-1)).toEqual({ state: 'ok' });
  });

  it('Keep waiting quiets the warning for a minute', () => {
    const { bridge, health } = started();
    vi.advanceTimersByTime(11_000);
    bridge.keepWaiting();
    expect(health.at(-1)).toEqual({ state: 'ok' });
    vi.advanceTimersByTime(50_000);
    expect(health.at(-1)).toEqual({ state: 'ok' });
    vi.advanceTimersByTime(11_000);
    expect(health.at(-1)?.state).toBe('silent');
  });

  it('a crash is reported; a restart ends the old worker and starts a new one with the first commands', () => {
    const { bridge, workers, health } = started();
    workers[0].worker.crash('boom');
    expect(health.at(-1)).toEqual({ state: 'crashed', message: 'boom' });
    vi.advanceTimersByTime(20_000);
    expect(health.at(-1)?.state).toBe('crashed');
    bridge.restart(['again'], 'new-name');
    expect(workers[0].worker.terminated).toBe(true);
    expect(workers.map((w) => w.name)).toEqual(['a-name', 'new-name']);
    expect(workers[1].worker.sent).toEqual(['again']);
    expect(health.at(-1)).toEqual({ state: 'ok' });
  });
});
