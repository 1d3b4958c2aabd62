/**
 * Which metric, parameter and score columns the run table shows: a popover of checkboxes by
 * group, remembered in localStorage so the table opens as it was left.
 */
import { useEffect, useRef, useState } from 'react';
import type { Column } from './runColumns.js';

const KEY = 'embedlab.runColumns';

const GROUPS: { id: Column['group']; label: string }[] = [
  { id: 'score', label: 'Benchmark scores' },
  { id: 'metric', label: 'Metrics' },
  { id: 'param', label: 'Parameters' },
];

function readShown(): string[] {
  try {
    const v = JSON.parse(localStorage.getItem(KEY) ?? '[]') as unknown;
    return Array.isArray(v) ? v.filter((k): k is string => typeof k === 'string') : [];
  } catch {
    return [];
  }
}

/** The chosen column keys, remembered. */
export function useShownColumns() {
  const [shown, setShown] = useState<string[]>(readShown);
  const toggle = (key: string, on: boolean): void =>
    setShown((s) => {
      const next = on ? [...s.filter((k) => k !== key), key] : s.filter((k) => k !== key);
      try {
        localStorage.setItem(KEY, JSON.stringify(next));
      } catch {
        // Kept for this page only.
      }
      return next;
    });
  return { shown, toggle };
}

interface Props {
  columns: Column[];
  shown: string[];
  onToggle: (key: string, on: boolean) => void;
}

export function ColumnPicker({ columns, shown, onToggle }: Props) {
  const box = useRef<HTMLDetailsElement>(null);
  const [open, setOpen] = useState(false);
  const count = columns.filter((c) => shown.includes(c.key)).length;
  // A click elsewhere or Escape closes it.
  useEffect(() => {
    if (!open) return;
    const away = (e: Event): void => {
      if (box.current && !box.current.contains(e.target as Node)) setOpen(false);
    };
    const escape = (e: KeyboardEvent): void => {
      if (e.key === 'Escape') setOpen(false);
    };
    document.addEventListener('pointerdown', away);
    document.addEventListener('keydown', escape);
    return () => {
      document.removeEventListener('pointerdown', away);
      document.removeEventListener('keydown', escape);
    };
  }, [open]);

  return (
    <details ref={box} className="column-picker" open={open} onToggle={(e) => setOpen(e.currentTarget.open)} data-testid="column-picker">
      <summary className="btn btn-small">
        Columns{count > 0 && <span className="count">{count}</span>}
      </summary>
      {/* Drawn only while open: its checkboxes share their labels with the form's fields. */}
      {open && <div className="column-menu" role="group" aria-label="Columns to show">
        {columns.length === 0 && <p className="muted small">No metrics, parameters or scores recorded yet.</p>}
        {GROUPS.map((g) => {
          const inGroup = columns.filter((c) => c.group === g.id);
          if (inGroup.length === 0) return null;
          return (
            <fieldset key={g.id} className="column-group">
              <legend>{g.label}</legend>
              {inGroup.map((c) => (
                <label key={c.key} className="check" title={c.title}>
                  <input type="checkbox" checked={shown.includes(c.key)} onChange={(e) => onToggle(c.key, e.target.checked)} data-column={c.key} />
                  {c.label}
                </label>
              ))}
            </fieldset>
          );
        })}
      </div>}
    </details>
  );
}
