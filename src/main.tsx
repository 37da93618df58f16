import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { defaultConfig } from './shared/hyperparams';
import { useApp } from './page/state/store';
import { AUTOSAVE, ruleError } from './shared/settings';
import { readFlags, readSetup, writeSetup } from './page/state/shareUrl';
import { exposeTestHooks, startTraining } from './page/actions/trainingWorker';
import { setUpHosting } from './page/offline/hosting';
import './styles.css';
import { isLab2d } from './page/state/lab2dLink';
import { notify } from './page/state/noticesStore';
import { refreshRuns, useSavedRuns } from './page/state/savedRunsStore';

// The 2D lab is its own small page (plain-JS networks in their own worker); digits is the app below.
if (isLab2d(location.search)) void import('./page/components/lab2d/mountLab2d').then((m) => m.mountLab2d());
else startDigits();

function startDigits(): void {
  // `?backend=webgl` forces a backend; `?k=10` reads losses back every 10 steps (the benchmark compares k).
  // The setup (`?model=dcgan&seed=7&...`, see shareUrl.ts) replaces the recommended model and defaults.
  const params = new URLSearchParams(location.search);
  const setup = readSetup(location.search);
  const config = { ...(setup.config ?? defaultConfig('mlp')), ...readFlags(location.search) };
  if (setup.problems.length) notify('error', `This link has settings ganvas cannot use, so their defaults are used instead: ${setup.problems.join('; ')}.`);
  // From the first run on, the address is the setup: reload or share it and the same run is built.
  useApp.subscribe((s, prev) => {
    if (s.config && s.live && (s.config !== prev.config || s.live !== prev.live))
      history.replaceState(history.state, '', writeSetup(s.config, s.live, location.search) + location.hash);
  });
  const savedAutosave = Number(localStorage.getItem('ganvas.autosaveSeconds') ?? NaN);
  if (!ruleError(AUTOSAVE, savedAutosave)) useApp.setState({ autosaveSeconds: savedAutosave });
  // `?faults` lets tests (and the curious) provoke each failure the app must survive (window.ganvasFault('loseBackend'))
  // and read the worker's state; without it the worker refuses these commands. Built app: the service worker
  // for offline use and, where the host sends no isolation headers, threads (one reload into it first).
  void setUpHosting().then((go) => go && startTraining(config, setup.config === null, params.has('faults')));
  if (params.has('faults')) exposeTestHooks();
  // The newest saved run in the list (not one set aside), offered for resuming; training a fresh run meanwhile is harmless.
  void refreshRuns().then(() => useSavedRuns.setState((s) => ({ resumeOffer: s.runs.find((r) => !r.setAside) ?? null })));

  const root = document.getElementById('root');
  if (!root) throw new Error('index.html has no #root');
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
