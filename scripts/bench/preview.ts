// startPreview() from scripts/browser.ts, plus cleanup: its stop() signals
// `npx`, and the `vite preview` grandchild can outlive it (reparented to
// init), holding our stdio pipes open so Node never exits. Reap it by pid.
import { readdirSync, readFileSync } from 'node:fs';
import { startPreview, type App } from '../browser';

/** Pids of `vite preview` servers started for this port (found via /proc on Linux). */
function previewPids(port: string): number[] {
  const pids: number[] = [];
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return pids; // not Linux: nothing to reap
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      const argv = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      const at = argv.indexOf('--port');
      if (argv.some((a) => a.endsWith('/vite') || a === 'vite') && argv.includes('preview') && at >= 0 && argv[at + 1] === port) {
        pids.push(Number(entry));
      }
    } catch {
      // exited meanwhile
    }
  }
  return pids;
}

export async function startApp(): Promise<App> {
  const app = await startPreview();
  const port = new URL(app.url).port;
  return {
    url: app.url,
    stop: async () => {
      await app.stop();
      for (const pid of previewPids(port)) {
        try {
          process.kill(pid, 'SIGTERM');
        } catch {
          // already gone
        }
      }
    },
  };
}
