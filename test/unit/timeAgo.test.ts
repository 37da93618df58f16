import { describe, expect, it } from 'vitest';
import { megabytes, timeAgo } from '../../src/page/lib/timeAgo';

describe('timeAgo', () => {
  const now = Date.parse('2026-11-25T10:00:00Z');
  it('says how long ago, in the largest whole unit', () => {
    expect(timeAgo('2026-11-25T09:57:00Z', now)).toBe('3 minutes ago');
    expect(timeAgo('2026-11-25T09:59:50Z', now)).toBe('10 seconds ago');
    expect(timeAgo('2026-11-24T10:00:00Z', now)).toBe('yesterday');
  });

  it('never speaks of the future: a save stamped after the clock tick is "now"', () => {
    expect(timeAgo('2026-11-25T10:00:02Z', now)).toBe('now');
  });

  it('sizes in MB or GB', () => {
    expect(megabytes(2_900_000)).toBe('2.9 MB');
    expect(megabytes(10_700_000_000)).toBe('10.7 GB');
  });
});
