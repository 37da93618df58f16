import { useEffect, useRef, useState } from 'react';

/**
 * Whether an element is on (or near) the screen. Views below the fold skip
 * their redraws and the worker renders they ask for: on a 2-core machine the
 * page's CPU is the training worker's CPU.
 */
export function useOnScreen<T extends Element>(): [React.RefObject<T | null>, boolean] {
  const ref = useRef<T>(null);
  const [onScreen, setOnScreen] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const observer = new IntersectionObserver(([entry]) => setOnScreen(entry.isIntersecting), { rootMargin: '200px' });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return [ref, onScreen];
}

/** `value` while `live`, else the last value seen while it was (the first value always shows). */
export function useHeldWhileHidden<T>(value: T, live: boolean): T {
  const [held, setHeld] = useState(value);
  useEffect(() => {
    if (!live && held) return;
    const timer = setTimeout(() => setHeld(value), 0);
    return () => clearTimeout(timer);
  }, [value, live, held]);
  return live ? value : held;
}
