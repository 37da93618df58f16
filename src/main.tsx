import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { AUTOSAVE_MAX_SECONDS } from './engine/commands';
import { defaultConfig } from './engine/hyperparams';
import { useApp } from './store';
import type { BackendName, FaultKind } from './protocol';
import { setUpHosting } from './offline/hosting';
import { readSetup, writeSetup } from './shareUrl';
import { trainer } from './worker/client';
import './styles.css';

// `?backend=webgl` forces a backend; `?k=10` reads losses back every 10 steps (the benchmark compares k).
// The setup (`?model=dcgan&seed=7&...`, see shareUrl.ts) replaces the recommended model and defaults.
const params = new URLSearchParams(location.search);
const backend = params.get('backend') as BackendName | null;
const k = params.get('k');
const setup = readSetup(location.search);
const config = { ...(setup.config ?? defaultConfig('mlp')), ...(backend ? { backend } : {}), ...(k !== null ? { readEvery: Number(k) } : {}) };
if (setup.problems.length) useApp.getState().notify('error', `This link has settings ganvas cannot use, so their defaults are used instead: ${setup.problems.join('; ')}.`);
// From the first run on, the address is the setup: reload or share it and the same run is built.
useApp.subscribe((s, prev) => {
  if (s.config && s.live && (s.config !== prev.config || s.live !== prev.live)) history.replaceState(history.state, '', writeSetup(s.config, s.live, location.search) + location.hash);
});
const savedAutosave = Number(localStorage.getItem('ganvas.autosaveSeconds') ?? NaN);
if (Number.isInteger(savedAutosave) && savedAutosave >= 0 && savedAutosave <= AUTOSAVE_MAX_SECONDS) useApp.setState({ autosaveSeconds: savedAutosave });
// Built app: the service worker for offline use and, where the host sends no isolation headers,
// threads (one reload into it first, so nothing is downloaded twice).
void setUpHosting().then((go) => go && trainer.start(config, setup.config === null));
// `?faults` lets tests (and the curious) provoke each failure the app must survive: window.ganvasFault('loseBackend').
if (params.has('faults')) Object.assign(window, { ganvasFault: (kind: FaultKind) => trainer.send({ type: 'fault', kind }) });
// The newest saved run, offered for resuming; training a fresh run meanwhile is harmless.
void useApp.getState().refreshRuns().then(() => useApp.setState({ resumeOffer: useApp.getState().runs[0] ?? null }));

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
