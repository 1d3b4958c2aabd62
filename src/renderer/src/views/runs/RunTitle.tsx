/** A run's name as the page title, renamed in place (Enter saves, Escape cancels). */
import { useState, type FormEvent } from 'react';
import type { RunDetail } from '../../../../shared/contract.js';
import { useLab } from '../../lab.js';
import { messageOf } from '../../api/errors.js';

export function RunTitle({ run }: { run: RunDetail }) {
  const { client } = useLab();
  const [editing, setEditing] = useState(false);
  const [value, setValue] = useState(run.name);
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  if (!editing) {
    return (
      <div className="run-title">
        <h1 id="page-title">{run.name}</h1>
        <button type="button" className="btn btn-quiet btn-small" onClick={() => (setValue(run.name), setProblem(null), setEditing(true))} aria-label={`Rename ${run.name}`}>
          Rename
        </button>
      </div>
    );
  }
  const save = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    const name = value.trim();
    if (!name) return setProblem('The name must not be empty.');
    if (name === run.name) return setEditing(false);
    setSaving(true);
    try {
      await client.call('run.rename', { id: run.id, name });
      setEditing(false);
    } catch (err) {
      setProblem(`Could not rename: ${messageOf(err)}`);
    } finally {
      setSaving(false);
    }
  };
  return (
    <form className="run-title run-rename" onSubmit={(e) => void save(e)}>
      <h1 id="page-title" className="visually-hidden">{run.name}</h1>
      <input
        type="text"
        aria-label="Run name"
        value={value}
        maxLength={200}
        autoFocus
        onChange={(e) => setValue(e.target.value)}
        onKeyDown={(e) => e.key === 'Escape' && setEditing(false)}
        aria-invalid={problem ? true : undefined}
        disabled={saving}
      />
      <button type="submit" className="btn btn-primary btn-small" disabled={saving}>
        {saving ? 'Saving…' : 'Save'}
      </button>
      <button type="button" className="btn btn-quiet btn-small" onClick={() => setEditing(false)} disabled={saving}>
        Cancel
      </button>
      {problem && <span className="text-danger small" role="alert">{problem}</span>}
    </form>
  );
}
