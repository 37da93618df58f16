import type { ReactNode } from 'react';
import { DATASET_LABELS } from '../../../shared/choices/datasets';
import { DEFAULT_TASK, runLabel, TASKS } from '../../../shared/tasks';
import type { NetworkSummary } from '../../../shared/modelSummary';
import { useApp } from '../../state/store';
import { PhaseSteps } from './PhaseSteps';
import { PHASE_INFO, type Part } from './phaseText';

const shape = (s: number[]) => s.join('×');
const count = (n: number) => n.toLocaleString('en-US');

function LayerTable({ net, caption, part }: { net: NetworkSummary; caption: string; part: 'G' | 'D' }) {
  return (
    <div className="table-scroll">
      <table className="layers" data-testid={`layers-${part}`}>
        <caption>
          {caption}: <span data-testid={`params-${part}`}>{count(net.params)}</span> parameters
        </caption>
        <thead>
          <tr>
            <th scope="col">Layer</th>
            <th scope="col">Output</th>
            <th scope="col">Parameters</th>
          </tr>
        </thead>
        <tbody>
          <tr className="input-row">
            <td>input</td>
            <td>{shape(net.inputShape)}</td>
            <td />
          </tr>
          {net.layers.map((l, i) => (
            <tr key={i}>
              <td>
                {l.kind}
                {l.activation ? <span className="muted"> {l.activation}</span> : null}
              </td>
              <td>{shape(l.outputShape)}</td>
              <td>{l.params ? count(l.params) : '–'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** One box of the diagram; lit when the phase shown uses it, marked when it is the one being updated. */
function Node({ part, lit, updating, children }: { part: Part; lit: Set<Part>; updating: Part | null; children: ReactNode }) {
  return (
    <div className="node" data-part={part} data-lit={lit.has(part) ? 'true' : undefined} data-updating={updating === part ? 'true' : undefined}>
      {children}
      {updating === part && <span className="badge">updating</span>}
    </div>
  );
}

const Arrow = ({ label }: { label?: string }) => (
  <span className="arrow" aria-hidden="true">
    {label ?? '→'}
  </span>
);

/**
 * The run's actual networks, noise to losses, built from the layers the worker
 * reports. While training runs D and G alternate every few milliseconds, so
 * only phase-by-phase stepping lights a single part.
 */
export function ModelDiagram() {
  const summary = useApp((s) => s.summary);
  const config = useApp((s) => s.config);
  const { flow, fromNoise } = TASKS[config?.task ?? DEFAULT_TASK];
  const status = useApp((s) => s.status);
  const phases = useApp((s) => s.phases);
  const last = phases.at(-1);
  const running = status === 'running';
  const info = last && !running ? PHASE_INFO[last.phase] : null;
  const lit = new Set<Part>(info?.parts ?? []);
  const updating = info?.updates ?? null;
  const latest = last?.point ?? null;

  return (
    <section className="model-diagram" aria-labelledby="diagram-title" data-running={running ? 'true' : undefined}>
      <h2 id="diagram-title">
        Inside the model{' '}
        <span className="muted">
          {config ? runLabel(config) : ''}: {flow.networks}
        </span>
      </h2>
      <p className="diagram-state" data-testid="diagram-state">
        {!fromNoise
          ? 'One update of D, then one of G, per step.'
          : running
            ? 'Training: D and G alternate, one update each per step, too fast to show apart. Pause and use Step phase to see one step slowly.'
            : info
              ? `Now: ${info.title}. ${info.plan}`
              : 'Paused. Step phase runs one step a phase at a time and lights the part it uses.'}
      </p>
      {summary ? (
        <div className="flow">
          <div className="lane">
            <Node part="z" lit={lit} updating={updating}>
              <strong>{flow.input}</strong>
              <span>
                {shape(summary.generator.inputShape)} {flow.inputIs}
              </span>
            </Node>
            <Arrow />
            <Node part="G" lit={lit} updating={updating}>
              <LayerTable net={summary.generator} caption="Generator G (the forger)" part="G" />
            </Node>
            <Arrow />
            <Node part="fake" lit={lit} updating={updating}>
              <strong>Fake images</strong>
              <span>{shape(summary.generator.layers.at(-1)?.outputShape ?? [])}</span>
            </Node>
          </div>
          <div className="lane">
            <Node part="real" lit={lit} updating={updating}>
              <strong>Real images</strong>
              <span>
                {shape(summary.discriminator.inputShape)} {config ? DATASET_LABELS[config.dataset] : ''}
              </span>
            </Node>
            <Arrow label="→ + fakes →" />
            <Node part="D" lit={lit} updating={updating}>
              <LayerTable net={summary.discriminator} caption="Discriminator D (the detective)" part="D" />
            </Node>
            <Arrow />
            <Node part="out" lit={lit} updating={updating}>
              <strong>D(x), D(G(z))</strong>
              <span>how real D finds {flow.judges}</span>
            </Node>
            <Arrow />
            <Node part="loss" lit={lit} updating={updating}>
              <strong>Losses</strong>
              <span>{latest ? `D ${latest.dLoss.toFixed(4)}, G ${latest.gLoss.toFixed(4)}` : 'D loss trains D; G loss trains G'}</span>
            </Node>
          </div>
        </div>
      ) : (
        <p className="muted">The networks are being built…</p>
      )}
      {fromNoise && <PhaseSteps />}
    </section>
  );
}
