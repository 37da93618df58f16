import { useEffect, useState } from 'react';

/** `value`, `ms` later: each chart redraws in a task of its own, so no one task holds three redraws. */
export function useLagged<T>(value: T, ms: number): T {
  const [lagged, setLagged] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setLagged(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return lagged;
}
