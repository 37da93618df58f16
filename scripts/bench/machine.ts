// What the numbers were measured on.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { CHROMIUM } from '../browser';

export interface Machine {
  cpu: string;
  cores: number;
  ramGB: number;
  chromium: string;
  /** 1-minute load average when the bench started: other work skews every number. */
  load1: number;
}

function cpuModel(): string {
  try {
    const m = readFileSync('/proc/cpuinfo', 'utf8').match(/^model name\s*:\s*(.+)$/m);
    if (m) return m[1].trim();
  } catch {
    // not Linux
  }
  return cpus()[0]?.model ?? 'unknown';
}

function chromiumVersion(): string {
  try {
    return execFileSync(CHROMIUM, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return 'unknown';
  }
}

export function machineInfo(): Machine {
  return {
    cpu: cpuModel(),
    cores: cpus().length,
    ramGB: Math.round(totalmem() / 2 ** 30),
    chromium: chromiumVersion(),
    load1: loadavg()[0],
  };
}

export function describeMachine(m: Machine): string {
  return `${m.cpu}, ${m.cores} cores, ${m.ramGB} GB RAM, ${m.chromium}, load ${m.load1.toFixed(2)}`;
}
