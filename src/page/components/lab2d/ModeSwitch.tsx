/** Digits or the 2D lab: a link each, since each mode is its own page with its own worker. */
export function ModeSwitch({ mode }: { mode: 'digits' | 'lab2d' }) {
  return (
    <nav className="mode-switch" aria-label="Mode">
      <a href={location.pathname} aria-current={mode === 'digits' ? 'page' : undefined}>
        Digits
      </a>
      <a href={`${location.pathname}?mode=lab2d`} aria-current={mode === 'lab2d' ? 'page' : undefined}>
        2D lab
      </a>
    </nav>
  );
}
