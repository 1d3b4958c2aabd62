/**
 * The grid's parameter fields: those the chosen methods share first, then each method's own,
 * each taking one value or a list ("50, 100, 200"; empty = the method's default), with the
 * sentence that says what is wrong with a value beside it. Advanced options fold away.
 */
import type { GridField, GridLayout } from './gridForm.js';
import { defaultText, takesText } from './gridForm.js';

interface Props {
  layout: GridLayout;
  texts: Record<string, string>;
  problems: Record<string, string>;
  onChange: (field: string, text: string) => void;
}

const idOf = (name: string): string => `xp-${name.replace(/[^A-Za-z0-9-]/g, '-')}`;

export function GridFields({ layout, texts, problems, onChange }: Props) {
  const groups = [
    ...(layout.shared.length ? [{ key: 'shared', title: `Shared by ${names(layout.shared)}`, note: 'Every method that has the option runs each value.', fields: layout.shared, method: null }] : []),
    ...layout.perMethod.filter((m) => m.fields.length > 0).map((m) => ({
      key: m.method.id, title: layout.shared.length || layout.perMethod.length > 1 ? `${m.method.label} only` : m.method.label, note: null, fields: m.fields, method: m.method.label,
    })),
  ];
  if (groups.length === 0) return <p className="muted xp-hint">Choose a method to see its parameters.</p>;
  return (
    <div className="xp-groups">
      <p className="muted small xp-hint">One value or a list of values, separated by commas or spaces (50, 100, 200). Empty: the method's default.</p>
      {groups.map((g) => (
        <fieldset key={g.key} className="xp-group" data-group={g.key}>
          <legend>{g.title}</legend>
          {g.note && <p className="muted small xp-group-note">{g.note}</p>}
          <FieldGrid fields={g.fields.filter((f) => !f.advanced)} method={g.method} texts={texts} problems={problems} onChange={onChange} />
          {g.fields.some((f) => f.advanced) && (
            <details className="xp-advanced" open={g.fields.some((f) => f.advanced && (texts[f.name] || problems[f.name]))}>
              <summary>More parameters</summary>
              <FieldGrid fields={g.fields.filter((f) => f.advanced)} method={g.method} texts={texts} problems={problems} onChange={onChange} />
            </details>
          )}
        </fieldset>
      ))}
    </div>
  );
}

const names = (fields: GridField[]): string => {
  const labels = [...new Set(fields.flatMap((f) => f.methods.map((w) => w.method.label)))];
  return labels.length <= 2 ? labels.join(' and ') : `${labels.slice(0, -1).join(', ')} and ${labels[labels.length - 1]}`;
};

function FieldGrid({ fields, method, ...rest }: Omit<Props, 'layout'> & { fields: GridField[]; method: string | null }) {
  return (
    <div className="xp-fields">
      {fields.map((f) => <ValuesField key={f.name} field={f} method={method} {...rest} />)}
    </div>
  );
}

function ValuesField({ field: f, method, texts, problems, onChange }: Omit<Props, 'layout'> & { field: GridField; method: string | null }) {
  const id = idOf(f.name);
  const problem = problems[f.name] ?? null;
  const sharedBy = f.methods.length > 1 ? ` Shared by ${f.methods.map((w) => w.method.label).join(', ')}.` : '';
  return (
    <div className={`xp-field ${texts[f.name]?.trim() ? 'xp-field-set' : ''}`} data-field={f.name}>
      <label htmlFor={id} className="option-label" title={`${f.option.help}${sharedBy}`}>
        {f.option.label} <span className="muted xp-key">{f.key}</span>
      </label>
      <input
        id={id} type="text" value={texts[f.name] ?? ''} placeholder={defaultText(f)} spellCheck={false} autoComplete="off"
        aria-label={method ? `${f.option.label} (${method})` : undefined}
        aria-invalid={problem ? true : undefined} aria-describedby={`${id}-help${problem ? ` ${id}-error` : ''}`}
        onChange={(e) => onChange(f.name, e.target.value)}
      />
      <span id={`${id}-help`} className="option-help">{takesText(f)}</span>
      {problem && <span id={`${id}-error`} className="option-error" role="alert">{problem}</span>}
    </div>
  );
}
