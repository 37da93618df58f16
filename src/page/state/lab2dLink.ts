import type { Lab2dConfig } from '../../shared/lab2dProtocol';
import { lab2dProblems } from '../../shared/lab2dConfig';
import { LAB2D_SETTINGS, lab2dDefaults, type Lab2dSetting } from '../../shared/lab2dSettings';

/**
 * The 2D lab's setup in the URL: `?mode=lab2d`, then each setting under its
 * URL name from LAB2D_SETTINGS (digits' names; the old short ones still
 * read); the second setup of a side-by-side run under `b.<name>`; painted
 * points as `pts=x,y,x,y...` (two decimals).
 */
export const isLab2d = (query: string) => new URLSearchParams(query).get('mode') === 'lab2d';

export interface Lab2dLink {
  configs: [Lab2dConfig, Lab2dConfig | null];
  drawn: number[];
  problems: string[];
}

const SETTINGS = Object.entries(LAB2D_SETTINGS) as [keyof Lab2dConfig, Lab2dSetting][];

/** The names a setting is read under, its own first: links written before the lab took digits' names use the old ones. */
const namesOf = (s: Lab2dSetting, prefix: string) => [s.url, ...(s.aliases ?? [])].map((n) => prefix + n);

function readOne(params: URLSearchParams, prefix: string, base: Lab2dConfig, problems: string[]): Lab2dConfig {
  let config = { ...base };
  for (const [key, s] of SETTINGS) {
    const name = namesOf(s, prefix).find((n) => params.has(n));
    if (name === undefined) continue;
    const text = params.get(name) as string;
    const value = typeof s.initial === 'number' ? (text.trim() === '' ? NaN : Number(text)) : text;
    const candidate = { ...config, [key]: value };
    const why = lab2dProblems(candidate)[key];
    if (why) problems.push(`${name}=${JSON.stringify(text)} ${why}; using ${String(config[key])}`);
    else config = candidate;
  }
  return config;
}

export function readLab2dLink(query: string): Lab2dLink {
  const params = new URLSearchParams(query);
  const problems: string[] = [];
  const a = readOne(params, '', lab2dDefaults(), problems);
  // B shares A's data and seed: a side-by-side run compares setups on the same points.
  const b = params.get('side') === '1' ? { ...readOne(params, 'b.', a, problems), data: a.data, seed: a.seed } : null;
  const drawn = (params.get('pts') ?? '')
    .split(',')
    .filter((t) => t !== '')
    .map(Number)
    .filter(Number.isFinite);
  return { configs: [a, b], drawn: drawn.length % 2 ? drawn.slice(0, -1) : drawn, problems };
}

export function writeLab2dLink(configs: [Lab2dConfig, Lab2dConfig | null], drawn: readonly number[], query: string): string {
  const params = new URLSearchParams(query);
  params.set('mode', 'lab2d');
  const [a, b] = configs;
  for (const [key, s] of SETTINGS) {
    // Only the current names are written: an old name left in the query would read as a second value.
    for (const old of s.aliases ?? []) [old, `b.${old}`].forEach((n) => params.delete(n));
    params.set(s.url, String(a[key]));
    if (b) params.set(`b.${s.url}`, String(b[key]));
    else params.delete(`b.${s.url}`);
  }
  if (b) params.set('side', '1');
  else params.delete('side');
  if (a.data === 'custom') params.set('pts', drawn.map((v) => v.toFixed(2)).join(','));
  else params.delete('pts');
  return `?${params.toString()}`;
}

/** The digits mode's address: the lab's parameters dropped. */
export function digitsLink(): string {
  return location.pathname;
}
