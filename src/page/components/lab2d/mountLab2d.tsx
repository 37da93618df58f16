import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { setUpLabHosting } from '../../offline/hosting';
import { labTestHooks, startLab } from '../../actions/lab';
import { Lab2dApp } from './Lab2dApp';
import '../../../explain.css';
import './lab2d.css';

/** The 2D lab's page: its own worker and store; the digits mode's are never started. */
export function mountLab2d(): void {
  const root = document.getElementById('root');
  if (!root) throw new Error('index.html has no #root');
  // `?faults` turns the test hooks on, here and in the worker; the shipped page without it has none.
  const faults = new URLSearchParams(location.search).has('faults');
  startLab(faults);
  setUpLabHosting();
  if (faults) Object.assign(window, labTestHooks());
  createRoot(root).render(
    <StrictMode>
      <Lab2dApp />
    </StrictMode>,
  );
}
