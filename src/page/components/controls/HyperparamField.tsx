import { useId, useState } from 'react';

interface Props {
  label: string;
  name: string;
  value: number;
  /** Returns an error message, or undefined when the value is acceptable. */
  validate(v: number): string | undefined;
  onCommit(v: number): void;
  hint?: string;
}

/**
 * A number field that commits on Enter or blur. Bad input stays in the field
 * with a message beside it and is never sent to the worker.
 */
export function HyperparamField({ label, name, value, validate, onCommit, hint }: Props) {
  const id = useId();
  // What the user typed; null shows the current value (which the worker may change).
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string>();
  const text = draft ?? String(value);

  const commit = () => {
    if (draft === null) return;
    const v = draft.trim() === '' ? NaN : Number(draft);
    const message = Number.isNaN(v) ? 'enter a number' : validate(v);
    setError(message);
    if (message) return; // keep the bad text visible beside its message
    setDraft(null);
    if (v !== value) onCommit(v);
  };

  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        name={name}
        inputMode="decimal"
        value={text}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-err` : undefined}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => e.key === 'Enter' && (e.currentTarget as HTMLInputElement).blur()}
      />
      {error ? (
        <span id={`${id}-err`} className="field-error" role="alert">
          {error}
        </span>
      ) : hint ? (
        <span className="field-hint">{hint}</span>
      ) : null}
    </div>
  );
}
