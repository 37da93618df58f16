// CPU time of this bench's process tree (the browser, its GPU process, the
// worker) versus everything else on the machine, from /proc. On a 2-core box
// anything else running skews every number, so the table says how much there was.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

export interface CpuSnapshot {
  wallMs: number;
  /** All CPUs' busy ticks since boot. */
  busy: number;
  /** Ticks of this process and its descendants (including reaped children). */
  ours: number;
}

export interface CpuShare {
  /** Cores' worth of CPU used by the bench's browser (and vite preview). */
  benchCores: number;
  /** Cores' worth used by everything else. */
  otherCores: number;
}

let ticksPerSec: number | null = null;
function hz(): number {
  if (ticksPerSec === null) {
    try {
      ticksPerSec = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticksPerSec = 100;
    }
  }
  return ticksPerSec;
}

function totalBusy(): number {
  const f = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const [user, nice, system, , , irq, softirq, steal] = f;
  return user + nice + system + irq + softirq + (steal ?? 0);
}

/** Sum of utime+stime+cutime+cstime over `root` and the processes below it. */
function treeTicks(root: number): number {
  const parent = new Map<number, number>();
  const ticks = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // Fields after the parenthesised command name, which may itself contain spaces.
      const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parent.set(Number(entry), Number(rest[1]));
      ticks.set(Number(entry), Number(rest[11]) + Number(rest[12]) + Number(rest[13]) + Number(rest[14]));
    } catch {
      // exited meanwhile
    }
  }
  let sum = 0;
  for (const [pid, t] of ticks) {
    if (pid === root) {
      sum += t;
      continue;
    }
    for (let p: number | undefined = parent.get(pid); p !== undefined && p > 1; p = parent.get(p)) {
      if (p === root) {
        sum += t;
        break;
      }
    }
  }
  return sum;
}

/** null where /proc is missing (not Linux). */
export function cpuSnapshot(): CpuSnapshot | null {
  try {
    return { wallMs: Date.now(), busy: totalBusy(), ours: treeTicks(process.pid) };
  } catch {
    return null;
  }
}

export function cpuShare(a: CpuSnapshot | null, b: CpuSnapshot | null): CpuShare | null {
  if (!a || !b || b.wallMs <= a.wallMs) return null;
  const secs = ((b.wallMs - a.wallMs) / 1000) * hz();
  const ours = Math.max(0, b.ours - a.ours);
  return { benchCores: ours / secs, otherCores: Math.max(0, b.busy - a.busy - ours) / secs };
}

/** Other processes using less than this many cores count as idle. */
const IDLE_CORES = 0.25;
const IDLE_SAMPLE_MS = 2000;

/**
 * Waits (up to `maxSeconds`) until processes outside the bench use less than
 * IDLE_CORES, so a cell does not start while e.g. a test suite runs.
 * Returns the last measured share of other work, or null without /proc.
 */
export async function waitForIdle(maxSeconds: number, log: (m: string) => void): Promise<number | null> {
  const until = Date.now() + maxSeconds * 1000;
  let warned = false;
  for (;;) {
    const a = cpuSnapshot();
    await new Promise((r) => setTimeout(r, IDLE_SAMPLE_MS));
    const share = cpuShare(a, cpuSnapshot());
    if (!share) return null;
    if (share.otherCores < IDLE_CORES) return share.otherCores;
    if (Date.now() >= until) {
      log(`other processes still use ${share.otherCores.toFixed(1)} cores: measuring anyway`);
      return share.otherCores;
    }
    if (!warned) log(`other processes use ${share.otherCores.toFixed(1)} cores: waiting up to ${maxSeconds} s for the machine to go idle`);
    warned = true;
  }
}
