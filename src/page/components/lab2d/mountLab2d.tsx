import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { setUpLabHosting } from '../../offline/hosting';
import { frames, startLab, useLab } from '../../state/lab2dStore';
import { Lab2dApp } from './Lab2dApp';
import '../../../explain.css';
import './lab2d.css';

/** The 2D lab's page: its own worker and store; the digits mode's are never started. */
export function mountLab2d(): void {
  const root = document.getElementById('root');
  if (!root) throw new Error('index.html has no #root');
  startLab();
  setUpLabHosting();
  // `?inspect` hands tests the drawn frames and the painted points, to check where the fakes are.
  if (new URLSearchParams(location.search).has('inspect')) Object.assign(window, { ganvasLab: { frames, drawn: () => useLab.getState().drawn } });
  createRoot(root).render(
    <StrictMode>
      <Lab2dApp />
    </StrictMode>,
  );
}
