// `--against REV`: the same cells on an earlier build, served beside this one, so a
// refactor's speed is compared in one run on one machine rather than across days.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, symlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startPreview, type App } from '../browser';

function run(cmd: string, args: string[], cwd = '.'): string {
  // The table owns stdout; build chatter goes to stderr.
  return execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 2] }).trim();
}

export interface Against {
  /** The revision as given and its short hash, for the table. */
  label: string;
  app: App;
}

/**
 * Checks `rev` out into .bench/against/<hash> (once), builds it with this
 * checkout's node_modules and data when its lock file is the same (else its
 * own `npm ci`), and serves it.
 */
export async function startAgainst(rev: string, log: (msg: string) => void): Promise<Against> {
  const hash = run('git', ['rev-parse', '--verify', `${rev}^{commit}`]);
  const short = hash.slice(0, 7);
  const dir = resolve('.bench', 'against', short);
  if (!existsSync(join(dir, 'dist', 'index.html'))) {
    if (!existsSync(dir)) {
      log(`--against ${rev}: checking out ${short} into ${dir}`);
      mkdirSync(join('.bench', 'against'), { recursive: true });
      run('git', ['worktree', 'add', '--detach', dir, hash]);
    }
    const sameLock = run('git', ['diff', '--name-only', hash, '--', 'package-lock.json']) === '';
    if (!existsSync(join(dir, 'node_modules'))) {
      if (sameLock) symlinkSync(resolve('node_modules'), join(dir, 'node_modules'));
      else run('npm', ['ci', '--no-audit', '--no-fund'], dir);
    }
    if (!existsSync(join(dir, 'public', 'data'))) symlinkSync(resolve('public', 'data'), join(dir, 'public', 'data'));
    log(`--against ${rev}: building ${short}`);
    run(join(dir, 'node_modules', '.bin', 'vite'), ['build', '--logLevel', 'warn'], dir);
  }
  return { label: `${rev === short ? short : `${rev} (${short})`}`, app: await startPreview(dir) };
}

export interface AgainstRow {
  what: string;
  unit: string;
  here: number | null;
  there: number | null;
}

/** Measures on this build and on the earlier one, swapping which goes first each time, so drift in the machine falls on both. */
export class Pairs {
  private hereFirst = true;
  readonly rows: AgainstRow[] = [];

  constructor(
    private readonly hereUrl: string,
    readonly against: Against | null,
  ) {}

  async measure<T>(what: string, unit: string, run: (url: string) => Promise<T>, value: (r: T) => number | null): Promise<T> {
    if (!this.against) return run(this.hereUrl);
    const thereUrl = this.against.app.url;
    const [first, second] = this.hereFirst ? [this.hereUrl, thereUrl] : [thereUrl, this.hereUrl];
    const a = await run(first);
    const b = await run(second);
    const [here, there] = this.hereFirst ? [a, b] : [b, a];
    this.hereFirst = !this.hereFirst;
    this.rows.push({ what, unit, here: value(here), there: value(there) });
    return here;
  }

  table(): string {
    if (!this.against) return '';
    const num = (n: number | null) => (n === null ? '–' : n.toFixed(1));
    const ratio = (r: AgainstRow) => (r.here !== null && r.there ? `${(r.here / r.there).toFixed(2)}x` : '–');
    return [
      `This build beside ${this.against.label}, measured in alternating order in this run:`,
      '',
      `| cell | unit | this build | ${this.against.label} | ratio |`,
      '| --- | --- | ---: | ---: | ---: |',
      ...this.rows.map((r) => `| ${r.what} | ${r.unit} | ${num(r.here)} | ${num(r.there)} | ${ratio(r)} |`),
      '',
    ].join('\n');
  }
}
