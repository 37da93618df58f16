// The PyTorch side of --tasks: tasks_torch.py trains the same networks and
// steps on random batches for a while and prints one JSON line per task.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const PYTHON = '/usr/bin/python3';
const SCRIPT = fileURLToPath(new URL('./tasks_torch.py', import.meta.url));

export interface TaskSpeed {
  task: string;
  steps: number;
  seconds: number;
  stepsPerSec: number;
  imgPerSec: number;
  threads: number;
  torch: string;
}

export function runTasksTorch(tasks: string[], o: { batch: number; seconds: number; warmup: number }, log: (m: string) => void): Promise<TaskSpeed[]> {
  const args = [SCRIPT, '--task', tasks.join(','), '--batch', String(o.batch), '--seconds', String(o.seconds), '--warmup', String(o.warmup)];
  return new Promise((resolve, reject) => {
    const child = spawn(PYTHON, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => {
      stderr += s;
      for (const line of s.split('\n')) if (line.trim()) log(`torch: ${line}`);
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const results = stdout
        .split('\n')
        .filter((l) => l.trim())
        .map((l) => JSON.parse(l) as TaskSpeed);
      if (code === 0 && results.length === tasks.length) return resolve(results);
      reject(
        new Error(
          `${PYTHON} tasks_torch.py exited with ${code} after ${results.length}/${tasks.length} tasks:\n${stderr.trim().split('\n').slice(-15).join('\n')}`,
        ),
      );
    });
  });
}
