import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { AUTOSAVE_MAX_SECONDS } from './engine/commands';
import { defaultConfig } from './engine/hyperparams';
import { useApp } from './store';
import type { BackendName, FaultKind, ModelKind } from './protocol';
import { trainer } from './worker/client';
import './styles.css';

// `?backend=webgl` forces a backend; `?model=dcgan` picks the model instead of the
// recommendation; `?k=10` reads losses back every 10 steps (the benchmark compares k).
const params = new URLSearchParams(location.search);
const backend = params.get('backend') as BackendName | null;
const model = params.get('model') as ModelKind | null;
const k = params.get('k');
const config = { ...defaultConfig(model ?? 'mlp'), ...(backend ? { backend } : {}), ...(k !== null ? { readEvery: Number(k) } : {}) };
const savedAutosave = Number(localStorage.getItem('ganvas.autosaveSeconds') ?? NaN);
if (Number.isInteger(savedAutosave) && savedAutosave >= 0 && savedAutosave <= AUTOSAVE_MAX_SECONDS) useApp.setState({ autosaveSeconds: savedAutosave });
trainer.start(config, model === null);
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
