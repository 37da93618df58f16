import type { Rule } from '../../../shared/settingRules';
import { ruleError } from '../../../shared/settingRules';
import { HyperparamField } from './HyperparamField';

/** What a field needs of a setting, digits' (SETTINGS) or the lab's (LAB2D_SETTINGS). */
export interface FieldSetting {
  label: string;
  rule: Rule;
  hint?: string;
  hints?: Readonly<Record<string, string>>;
}

type Value = string | number | boolean;

interface Props {
  setting: FieldSetting;
  /** The control's name, and its id (a select's, a checkbox's hint's). */
  name: string;
  value: Value;
  onChange(v: Value): void;
  disabled?: boolean;
  /** Replaces the table's hint; null shows none. */
  hint?: string | null;
  /** For a choice: why it cannot be picked now (the option is disabled, the reason its tooltip). */
  refused?(choice: string): string | undefined;
  /** For a choice: the option's text, when it says more than the table's label. */
  optionText?(choice: string, label: string): string;
  /** For a number: a check beyond the setting's rule (one that needs the rest of the setup). */
  validate?(v: number): string | undefined;
}

/** One field of a settings table: a select for a choice, a checkbox for a yes/no, a checked number field otherwise. */
export function SettingField(p: Props) {
  const { setting, name, value } = p;
  const rule = setting.rule;
  const hint = p.hint === undefined ? (setting.hints?.[String(value)] ?? setting.hint) : p.hint;
  if (rule.kind === 'number')
    return (
      <HyperparamField
        label={setting.label}
        name={name}
        value={value as number}
        hint={hint ?? undefined}
        validate={p.validate ?? ((v) => ruleError(rule, v))}
        onCommit={p.onChange}
      />
    );
  if (rule.kind === 'boolean')
    return (
      <div className="field">
        <label className="checkbox">
          <input
            type="checkbox"
            name={name}
            checked={value === true}
            disabled={p.disabled}
            aria-describedby={hint ? `${name}-hint` : undefined}
            onChange={(e) => p.onChange(e.target.checked)}
          />
          {setting.label}
        </label>
        {hint && (
          <span className="field-hint" id={`${name}-hint`}>
            {hint}
          </span>
        )}
      </div>
    );
  return (
    <div className="field">
      <label htmlFor={name}>{setting.label}</label>
      <select id={name} name={name} value={String(value)} disabled={p.disabled} onChange={(e) => p.onChange(e.target.value)}>
        {Object.entries(rule.labels).map(([v, label]) => {
          const why = p.refused?.(v);
          return (
            <option key={v} value={v} disabled={why !== undefined} title={why}>
              {p.optionText ? p.optionText(v, label) : label}
            </option>
          );
        })}
      </select>
      {hint && <span className="field-hint">{hint}</span>}
    </div>
  );
}
