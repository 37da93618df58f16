import { useEffect, useState } from 'react';
import { useApp } from '../state/store';

/**
 * `metricsVersion`, but re-rendering the caller at most once per `ms`: the
 * store changes at ~10 Hz and the chart need not redraw that often.
 */
export function useThrottledMetricsVersion(ms: number): number {
  const [version, setVersion] = useState(() => useApp.getState().metricsVersion);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let last = 0;
    const show = () => {
      timer = undefined;
      last = performance.now();
      setVersion(useApp.getState().metricsVersion);
    };
    // A hidden tab draws nothing: skip its redraws and catch up once on return.
    const unsubscribe = useApp.subscribe((s, prev) => {
      if (s.metricsVersion !== prev.metricsVersion && timer === undefined && !document.hidden)
        timer = setTimeout(show, Math.max(0, last + ms - performance.now()));
    });
    const onVisible = () => !document.hidden && show();
    document.addEventListener('visibilitychange', onVisible);
    show();
    return () => {
      unsubscribe();
      document.removeEventListener('visibilitychange', onVisible);
      clearTimeout(timer);
    };
  }, [ms]);
  return version;
}
